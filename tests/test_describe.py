"""careergraph.describe and ``careergraph describe``: every fact about a role, with its passage."""

from __future__ import annotations

import json
import re

import pytest
from md_reading import md_tables
from rdflib import URIRef

from careergraph.cli import describe as describe_command
from careergraph.describe import describe_role
from careergraph.namespaces import CG, PM, PREFIXES
from careergraph.project import role_graph

APM = PM + "associate-product-manager"
PRODUCT_MANAGER = PM + "product-manager"


def ok(result):
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def section(out, heading):
    """The lines of one section of the text output, from its heading to the next blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start + 1:end]


def footnotes(out):
    """Number -> passage text (wrapped lines joined) of the ``Sources`` list at the end."""
    notes, number = {}, None
    for line in out[out.rindex("\nSources\n") + len("\nSources\n"):].splitlines():
        found = re.match(r"  \[(\d+)\] (.*)", line)
        if found:
            number = int(found[1])
            notes[number] = found[2]
        elif number is not None and line.startswith("      "):
            notes[number] += " " + line.strip()
    return notes


def cited(line):
    """The footnote numbers in a line: ``... [1, 4] ...`` -> [1, 4]."""
    return [int(n) for group in re.findall(r"\[([\d, ]+)\]", line) for n in group.split(", ")]


# --- the command ------------------------------------------------------------------------


def test_product_owner_is_the_associate_pm(cli):
    out = ok(cli(["describe", "Product Owner"]))
    lines = out.splitlines()
    assert lines[:2] == ["Associate Product Manager", APM]
    assert "reports to: Product Manager" in lines
    assert "seniority: 1" in lines
    assert "track: individual contributor (curated)" in lines
    titles = next(line for line in lines if line.startswith("other titles: "))
    assert {"APM", "Junior Product Manager", "Product Owner"} <= set(titles[14:].split(", "))
    notes = footnotes(out)
    [own] = [line for line in lines if line.startswith("sources of the role's facts: ")]
    other_titles = [n for n, text in notes.items()
                    if "Some companies refer to this role as" in text]
    assert len(other_titles) == 1 and other_titles[0] in cited(own)
    [design] = [line for line in section(out, "Required skills")
                if line.strip().startswith("System design")]
    assert design.split()[2:7] == ["technical", "and", "hands-on", "3", "practitioner"]
    assert " core " in design
    assert any("system design ability are the most critical skills" in notes[n]
               for n in cited(design))
    moves_out = section(out, "Moves out")
    assert moves_out[0].startswith("  promotion -> Product Manager  [")
    assert len(moves_out) == 1
    # every passage is listed once, numbered 1..n, and every number cited is listed
    assert sorted(notes) == list(range(1, len(notes) + 1))
    assert len(set(notes.values())) == len(notes)
    body = out[:out.rindex("\nSources\n")]
    assert {n for line in body.splitlines() for n in cited(line)} == set(notes)


@pytest.mark.parametrize("title", ["APM", "product owner", "JUNIOR PRODUCT MANAGER",
                                   "associate product manager", "pm:associate-product-manager",
                                   APM])
def test_any_title_names_the_role(cli, title):
    assert ok(cli(["describe", title])).splitlines()[0] == "Associate Product Manager"


def test_an_unknown_title_exits_2_with_a_suggestion(cli):
    result = cli(["describe", "Product Ownr"])
    assert result.code == 2 and result.out == ""
    assert result.err == ("careergraph describe: error: unknown role 'Product Ownr'; did you mean "
                          "Associate Product Manager?\n")
    result = cli(["describe", "Senoir PM", "--format", "json"])
    assert result.code == 2 and result.out == ""
    assert result.err.endswith("did you mean Senior Product Manager?\n")
    result = cli(["describe"])
    assert result.code == 2 and "ROLE" in result.err


def test_the_reporting_line_both_ways(cli):
    out = ok(cli(["describe", "PM"]))
    [line] = [line for line in out.splitlines() if line.startswith("reporting to it: ")]
    assert line.startswith("reporting to it: Associate Product Manager  [")
    notes = footnotes(out)  # stated on the APM: the APM's passages
    assert any("They report to a product manager" in notes[n] for n in cited(line))
    out = ok(cli(["describe", "CEO"]))
    assert "reporting to it: Chief Product Officer  [" in out
    out = ok(cli(["describe", "CPO"]))
    assert "reports to: Chief Executive Officer" in out.splitlines()


def test_curation_notes_say_why(cli):
    out = ok(cli(["describe", "APM"]))
    notes = section(out, "Curation notes")
    text = " ".join(" ".join(notes).split())
    assert text.startswith("- the role (")
    assert "track" in text.split(":")[0]
    assert ("- skill System design (importance, proficiency): 'System design ability' is one "
            "of") in text
    table = section(out, "Required skills")
    assert table[0].split()[-1] == "curated"
    assert all(line.rstrip().endswith("importance, proficiency") for line in table[2:])


def test_mappings_with_the_occupation_label_when_the_graph_has_it(cli, tmp_path):
    out = ok(cli(["describe", "PM"]))
    mappings = section(out, "Mappings to ESCO and O*NET")
    assert mappings[0].split() == ["relation", "scheme", "occupation", "label", "curated"]
    esco = next(line for line in mappings if " ESCO " in line)
    assert "http://data.europa.eu/esco/occupation/" in esco and "(not in the graph)" in esco
    occupation = next(word for word in esco.split() if word.startswith("http://data.europa.eu"))
    layer = tmp_path / "esco.ttl"
    layer.write_text(f'<{occupation}> <http://www.w3.org/2004/02/skos/core#prefLabel> '
                     '"product manager"@en .\n', encoding="utf-8")
    out = ok(cli(["describe", "PM", "-d", str(layer)]))
    esco = next(line for line in section(out, "Mappings to ESCO and O*NET") if occupation in line)
    assert "product manager" in esco and "(not in the graph)" not in esco
    data = json.loads(ok(cli(["describe", "PM", "-d", str(layer), "--format", "json"])))
    assert {(m["occupation"], m["label"]) for m in data["mappings"] if m["scheme"] == "ESCO"} == \
        {(occupation, "product manager")}


def test_json_round_trip(cli, builtin_graph):
    out = ok(cli(["describe", "Product Owner", "--format", "json"]))
    data = json.loads(out)
    assert data == describe_role(builtin_graph, APM).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["label"] == "Associate Product Manager"
    assert [r["label"] for r in data["reports_to"]] == ["Product Manager"]
    design = next(r for r in data["requirements"] if r["label"] == "System design")
    assert (design["proficiency"], design["level"], design["importance"]) == \
        (3, "practitioner", "core")
    passages = {p["number"]: p for p in data["passages"]}
    assert any("system design ability" in passages[n]["quote"] for n in design["sources"])
    assert [(m["kind"], m["label"]) for m in data["moves_out"]] == \
        [("promotion", "Product Manager")]


def test_markdown_is_headings_lists_and_tables(cli):
    out = ok(cli(["describe", "APM", "--format", "md"]))
    lines = out.splitlines()
    assert lines[0] == "# Associate Product Manager"
    assert "- **Reports to:** Product Manager" in lines
    assert any(line.startswith("## Required skills (") for line in lines)
    tables = md_tables(out)
    assert tables
    for table in tables:
        assert set(table[1]) == {"---"}
        assert {len(row) for row in table} == {len(table[0])}
    skills = tables[0]
    assert skills[0] == ["skill", "category", "proficiency", "importance", "sources", "curated"]
    design = next(row for row in skills if row[0] == "System design")
    assert design[1:4] == ["technical and hands-on", "3 practitioner", "core"]
    moves = tables[1]
    assert moves[2][:3] == ["out", "promotion", "Product Manager"]
    start = lines.index("## Sources") + 2
    sources = lines[start:]
    assert [line.split(". ")[0] for line in sources] == [str(n) for n in range(1, len(sources) + 1)]
    assert any("Some companies refer to this role as" in line for line in sources)


HOSTILE = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<http://example.org/evil> a cg:Role ;
    skos:prefLabel "<script>alert(1)</script> *Evil* | PM"@en ;
    skos:altLabel "[x](javascript:alert(1))"@en ;
    skos:definition "# Not a heading\\n\\n- not a list <img src=x onerror=alert(1)>"@en ;
    cg:seniority 3 ; cg:track cg:IndividualContributor ; cg:reportsTo pm:product-manager ;
    skos:scopeNote "1. not a list & not an &amp; entity"@en ;
    dcterms:source <http://example.org/passage> ;
    cg:requires <http://example.org/req> .
<http://example.org/req> a cg:SkillRequirement ; cg:skill <http://example.org/skill> ;
    cg:proficiency 3 ; cg:importance cg:Core ; dcterms:source <http://example.org/passage> ;
    cg:curatedProperty cg:proficiency ; cg:curationNote "`code` | ~~struck~~ <b>bold</b>"@en .
<http://example.org/skill> a cg:Skill ; skos:prefLabel "Pipes | and <i>tags</i>"@en ;
    cg:skillCategory cg:Technical .
<http://example.org/passage> a cg:SourcePassage ; cg:section "> quoted" ;
    cg:quote "![img](http://example.org/x.png) \\\\ backslash" .
"""


def test_hostile_labels_are_printed_safely(cli, tmp_path):
    data = tmp_path / "evil.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    out = ok(cli(["describe", "http://example.org/evil", "-d", str(data), "--format", "md"]))
    assert not re.search(r"(?<!\\)[<>&`~]", out.replace("→", "")), "raw HTML or markup"
    assert not re.search(r"(?<!\\)[\[\]](?!\d)", re.sub(r"\\\[[\d, ]+\\\]", "", out))
    lines = out.splitlines()
    assert lines[0] == r"# \<script\>alert(1)\</script\> \*Evil\* \| PM"
    assert not any(line.startswith(("# Not", "- not", "1. not", "> quoted")) for line in lines)
    for table in md_tables(out):
        assert {len(row) for row in table} == {len(table[0])}
    [skills] = [t for t in md_tables(out) if t[0][0] == "skill"]
    assert skills[2][0] == r"Pipes \| and \<i\>tags\</i\>"
    # the PM lists it among the roles that report to it, escaped there too
    out = ok(cli(["describe", "PM", "-d", str(data), "--format", "md"]))
    assert r"\<script\>alert(1)\</script\> \*Evil\* \| PM" in out
    assert not re.search(r"(?<!\\)<", out)
    # plain text shows the labels as they are
    out = ok(cli(["describe", "http://example.org/evil", "-d", str(data)]))
    assert out.splitlines()[0] == "<script>alert(1)</script> *Evil* | PM"


def test_help_and_the_module_on_its_own(cli, capsys):
    result = cli(["describe", "--help"])
    assert result.code == 0 and "--format" in result.out and "{text,json,md}" in result.out
    assert describe_command.main(["VP", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "VP of Product"


# --- the library against the RDF ----------------------------------------------------------

_REQUIREMENTS = """
SELECT ?requirement ?label ?level ?importance ?passage WHERE {
  ?role cg:requires ?requirement . ?requirement cg:skill ?skill ; cg:proficiency ?level ;
        cg:importance ?importance ; dcterms:source ?passage .
  ?skill skos:prefLabel ?label .
}"""

_RESPONSIBILITIES = """
SELECT ?responsibility ?passage WHERE {
  ?role cg:hasResponsibility ?responsibility .
  OPTIONAL { ?responsibility dcterms:source ?passage }
}"""


def rows(kg, query, role):
    return list(kg.rdflib_graph().query(query, initNs=PREFIXES, initBindings={"role": URIRef(role)}))


def test_every_role_agrees_with_sparql(builtin_graph):
    roles = role_graph(builtin_graph)
    for role in roles:
        d = describe_role(builtin_graph, role)
        iri_of = {p.number: p.iri for p in d.passages}
        expected = {}
        for row in rows(builtin_graph, _REQUIREMENTS, role):
            entry = expected.setdefault(str(row.requirement), [str(row.label), int(row.level),
                                                               str(row.importance), set()])
            entry[3].add(str(row.passage))
        assert {r.iri: [r.label, r.proficiency, CG + r.importance.capitalize(),
                        {iri_of[n] for n in r.sources}] for r in d.requirements} == expected
        responsibilities = {}
        for row in rows(builtin_graph, _RESPONSIBILITIES, role):
            responsibilities.setdefault(str(row.responsibility), set())
            if row.passage is not None:
                responsibilities[str(row.responsibility)].add(str(row.passage))
        assert {r.iri: {iri_of[n] for n in r.sources}
                for r in d.responsibilities} == responsibilities
        assert {m.role for m in d.moves_out} == set(roles.successors(role))
        assert {m.role for m in d.moves_in if m.role} == set(roles.predecessors(role))
        for move in d.moves_out:
            if roles.has_edge(role, move.role):
                assert {iri_of[n] for n in move.sources} == \
                    {p["iri"] for p in roles.edges[role, move.role]["sources"]}
        assert {iri_of[n] for n in d.sources} == {p["iri"] for p in roles.nodes[role]["sources"]}
        assert [p.number for p in d.passages] == list(range(1, len(d.passages) + 1))


def test_the_same_on_every_backend(cli, backend_args):
    expected = json.loads(ok(cli(["describe", "APM", "--format", "json"])))
    assert json.loads(ok(cli(["describe", "APM", "--format", "json", *backend_args]))) == expected


def test_conditions_of_responsibilities_requirements_and_moves(cli, builtin_graph):
    """What the article states only under a condition or as one of alternatives says so."""
    out = ok(cli(["describe", "Principal PM"]))
    assert "Manage an extensive scope (condition: One of two alternatives" in out
    assert "Domain expertise: condition: One of two alternatives" in out
    assert "branch <- Senior Product Manager (condition: In some organizations" in out
    cpo = describe_role(builtin_graph, str(PM) + "chief-product-officer")
    conditional = [r.label for r in cpo.responsibilities if r.condition]
    assert conditional == ["Oversee all the VPs of product"]
    ppm = describe_role(builtin_graph, str(PM) + "principal-product-manager")
    assert [r.label for r in ppm.requirements if r.condition] == ["Domain expertise"]
    assert "condition" in json.loads(ok(cli(["describe", "Principal PM", "--format", "json"])))[
        "requirements"][0]


def test_the_model_of_company_ladders_is_empty_for_the_builtin(cli, builtin_graph):
    """The built-in ladder states no grades, bands, years, spans or equivalences between roles."""
    data = json.loads(ok(cli(["describe", "Senior PM", "--format", "json"])))
    assert (data["grades"], data["band"], data["experience"], data["spans"],
            data["equivalences"]) == ([], None, [], [], [])
    assert all(r["framework"] is None for r in data["requirements"])
    out = ok(cli(["describe", "Senior PM"]))
    assert "grades: none given" in out.splitlines()
    assert "Span of control (0)\n  none in the graph" in out
