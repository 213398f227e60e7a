"""describe, info and gap show the model of issue 15: grades, bands, years, spans, equivalences,
track switches, several managers and a framework's own proficiency scale.

The ladder is tests/fixtures/describe_model/acme.ttl, written by hand in the model's terms.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from md_reading import md_tables
from rdflib import URIRef

from careergraph.describe import describe_role
from careergraph.gap import path_gap, readiness, step_gap, with_gap_costs
from careergraph.load import load_graph
from careergraph.namespaces import PM, PREFIXES
from careergraph.summary import summarize

ACME_FILE = Path(__file__).parent / "fixtures" / "describe_model" / "acme.ttl"
ACME = "https://example.org/acme-model/"
LEAD, SENIOR, MANAGER, HEAD, ASSOCIATE = (ACME + name for name in (
    "product-lead", "senior-product-lead", "product-team-manager", "head-of-product-management",
    "associate-product-lead"))


@pytest.fixture(scope="module")
def acme():
    return load_graph([ACME_FILE])


def ok(result):
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def describe(cli, role, *more):
    return ok(cli(["describe", role, "-d", str(ACME_FILE), *more]))


def section(out, heading):
    """The lines of one section of the text output, from its heading to the next blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


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
    return [int(n) for group in re.findall(r"\[([\d, ]+)\]", line) for n in group.split(", ")]


# --- describe: text -----------------------------------------------------------------------------


def test_grades_band_managers_and_years_from_two_sources(cli):
    out = describe(cli, "Product Lead")
    lines = out.splitlines()
    assert lines[:2] == ["Product Lead", LEAD]
    assert "grades: L5 Lead, L6" in lines  # by cg:levelOrder, though the file lists L6 first
    assert "level band: Core" in lines
    assert "reports to: Head of Product Management, Product Team Manager" in lines
    years = section(out, "Experience in years")
    assert years[0] == "Experience in years (2, from sources that disagree)"
    assert years[1].split() == ["min", "typical", "max", "sources"]
    handbook, survey = years[3], years[4]
    assert handbook.split()[:3] == ["2", "3", "5"] and survey.split()[:3] == ["4.5", "-", "-"]
    notes = footnotes(out)
    [first] = cited(handbook)
    [second] = cited(survey)
    assert first != second
    assert "have 2 to 5 years of experience, typically 3" in notes[first]
    assert "at least 4.5 years of experience" in notes[second]
    assert section(out, "Span of control") == ["Span of control (0)", "  none in the graph"]


def test_required_skills_in_the_frameworks_words(cli):
    out = describe(cli, "Product Lead")
    rows = {line.split("  ")[1].strip(): line for line in section(out, "Required skills")[3:]}
    assert "Practitioner (3 of 4 in Acme skill levels; common level 3)" in rows["Product analytics"]
    assert "Working (2 of 4 in Acme skill levels; common level 2)" in rows["Roadmapping"]
    # a framework level that maps onto another common level says so: Expert is 4 of 4, common 5
    out = describe(cli, "Senior Product Lead")
    assert "Expert (4 of 4 in Acme skill levels; common level 5)" in out
    # a requirement without cg:proficiencyLevel keeps the common scale's words
    out = describe(cli, "Product Team Manager")
    [roadmapping] = [line for line in section(out, "Required skills") if "Roadmapping" in line]
    assert "3 practitioner" in roadmapping and "Acme skill levels" not in roadmapping


def test_track_switch_span_and_same_level(cli):
    out = describe(cli, "Product Lead")
    assert section(out, "Moves out")[1:] == ["  promotion -> Senior Product Lead  [4]",
                                             "  track switch -> Product Team Manager  [5]"]
    out = describe(cli, "Product Team Manager")
    assert any(line.startswith("  track switch <- Product Lead  [") for line in section(out, "Moves in"))
    [span] = section(out, "Span of control")[1:]
    assert span.startswith('  3 to 8 people: "three to eight product leads"  [')
    assert "leads three to eight product leads" in footnotes(out)[cited(span)[0]]
    table = section(out, "Equivalent roles")
    assert table[1].split() == ["relation", "role", "ladder", "stated", "on", "sources"]
    [same] = table[3:]
    assert re.split(r"\s{2,}", same.strip())[:4] == [
        "same level", "acme:Senior Product Lead", "this ladder", "the other role"]


def test_equivalences_both_ways_and_across_ladders(cli, tmp_path):
    out = describe(cli, "Product Lead")
    [exact] = section(out, "Equivalent roles")[3:]
    assert re.split(r"\s{2,}", exact.strip())[:4] == [
        "exact match", "pm:Product Manager", "another ladder", "this role"]
    assert section(out, "Mappings to ESCO and O*NET")[1:] == ["  none"]  # a role is no occupation
    # the built-in PM reads the statement from the other end
    out = describe(cli, "pm:Product Manager")
    [exact] = [line for line in section(out, "Equivalent roles")[3:] if "exact match" in line]
    assert re.split(r"\s{2,}", exact.strip())[:4] == [
        "exact match", "acme:Product Lead", "another ladder", "the other role"]
    assert "Product Lead" not in "\n".join(section(out, "Mappings to ESCO and O*NET"))
    # stated on the built-in role, read on the Acme one
    out = describe(cli, "Senior Product Lead")
    rows = [re.split(r"\s{2,}", line.strip())[:4] for line in section(out, "Equivalent roles")[3:]]
    assert rows == [["close match", "pm:Senior Product Manager", "another ladder", "the other role"],
                    ["same level", "acme:Product Team Manager", "this ladder", "this role"]]
    # the same level is transitive: followed through another role, and said to be inferred
    more = tmp_path / "more.ttl"
    more.write_text("@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
                    "@prefix pm: <https://w3id.org/careergraph/pm/> .\n"
                    "pm:group-product-manager cg:sameLevelAs pm:director-of-product .\n",
                    encoding="utf-8")
    out = describe(cli, "Head of Product Management", "-d", str(more))
    rows = [re.split(r"\s{2,}", line.strip()) for line in section(out, "Equivalent roles")[3:]]
    assert [row[:4] for row in rows] == [
        ["same level", "pm:Director of Product", "another ladder", "this role"],
        ["same level", "pm:Group Product Manager", "another ladder", "inferred"]]
    assert len(rows[1]) == 4  # nothing cites an inference


def test_ladder_qualified_names(cli):
    assert describe(cli, "acme:Product Lead").splitlines()[0] == "Product Lead"
    assert describe(cli, "ACME:senior product lead").splitlines()[0] == "Senior Product Lead"


def test_builtin_roles_say_what_they_do_not_have(cli):
    out = ok(cli(["describe", "PM"]))
    lines = out.splitlines()
    assert "grades: none given" in lines and "level band: none given" in lines
    assert section(out, "Experience in years") == ["Experience in years (0)", "  none in the graph"]
    assert section(out, "Equivalent roles") == ["Equivalent roles (0)", "  none in the graph"]


# --- describe: JSON and Markdown ----------------------------------------------------------------


def test_json_has_the_model(cli, acme):
    data = json.loads(describe(cli, "Product Lead", "--format", "json"))
    assert data == describe_role(acme, LEAD).to_dict()
    assert [(g["notation"], g["label"], g["order"]) for g in data["grades"]] == \
        [("L5", "Lead", 2), ("L6", None, 3)]
    assert (data["band"]["label"], data["band"]["order"]) == ("Core", 1)
    assert [(r["min_years"], r["typical_years"], r["max_years"]) for r in data["experience"]] == \
        [(2, 3, 5), (4.5, None, None)]
    passages = {p["number"]: p for p in data["passages"]}
    assert [[passages[n]["iri"] for n in r["sources"]] for r in data["experience"]] == \
        [[ACME + "handbook-lead"], [ACME + "survey-lead"]]
    assert data["spans"] == []
    assert [(q["relation"], q["role"], q["qualified"], q["across"], q["stated_on"])
            for q in data["equivalences"]] == \
        [("exact match", PM + "product-manager", "pm:Product Manager", True, "this role")]
    analytics = next(r for r in data["requirements"] if r["label"] == "Product analytics")
    assert analytics["proficiency"] == 3
    framework = analytics["framework"]
    assert (framework["name"], framework["order"], framework["common"], framework["scale_label"],
            framework["orders"]) == ("Practitioner", 3, 3, "Acme skill levels", [1, 2, 3, 4])
    assert [m["kind"] for m in data["moves_out"]] == ["promotion", "track switch"]
    manager = json.loads(describe(cli, "Product Team Manager", "--format", "json"))
    assert [(s["min_reports"], s["max_reports"], s["note"]) for s in manager["spans"]] == \
        [(3, 8, "three to eight product leads")]


def test_markdown_tables_and_bullets(cli):
    out = describe(cli, "Product Lead", "--format", "md")
    lines = out.splitlines()
    assert "- **Grades:** L5 Lead, L6" in lines and "- **Level band:** Core" in lines
    tables = {table[0][0]: table for table in md_tables(out)}
    assert tables["min"][2][:3] == ["2", "3", "5"] and tables["min"][3][:3] == ["4.5", "-", "-"]
    assert tables["relation"][2][:4] == ["exact match", "pm:Product Manager", "another ladder",
                                        "this role"]
    assert tables["skill"][2][2] == "Practitioner (3 of 4 in Acme skill levels; common level 3)"
    for table in tables.values():
        assert {len(row) for row in table} == {len(table[0])}


HOSTILE = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix acme: <https://example.org/acme-model/> .
acme:grade-l5 skos:notation "<b>L5</b> | *x*" .
acme:manager-span skos:note "`rm -rf` | [link](javascript:x)"@en .
acme:level-practitioner skos:prefLabel "<i>Pract</i> | itioner"@en .
"""


def test_markdown_escapes_the_new_values(cli, tmp_path):
    evil = tmp_path / "evil.ttl"
    evil.write_text(HOSTILE, encoding="utf-8")
    for role in ("Product Lead", "Product Team Manager"):
        out = describe(cli, role, "-d", str(evil), "--format", "md")
        assert not re.search(r"(?<!\\)[<>`]", out), out
        for table in md_tables(out):
            assert {len(row) for row in table} == {len(table[0])}
    out = describe(cli, "Product Lead", "-d", str(evil), "--format", "md")
    assert r"\<b\>L5\</b\> \| \*x\*" in out


# --- describe agrees with SPARQL, on every store ------------------------------------------------

_EXPERIENCE = """
SELECT ?range ?min ?typical ?max ?source WHERE {
  ?role cg:experience ?range . ?range dcterms:source ?source .
  OPTIONAL { ?range cg:minYears ?min } OPTIONAL { ?range cg:typicalYears ?typical }
  OPTIONAL { ?range cg:maxYears ?max }
}"""


def test_every_acme_role_agrees_with_sparql(acme):
    def number(value):
        return None if value is None else float(getattr(value, "toPython", lambda: value)())

    for role in (LEAD, SENIOR, MANAGER, HEAD, ASSOCIATE):
        d = describe_role(acme, role)
        iri_of = {p.number: p.iri for p in d.passages}
        rows = acme.rdflib_graph().query(_EXPERIENCE, initNs=PREFIXES,
                                         initBindings={"role": URIRef(role)})
        expected = {}
        for row in rows:
            entry = expected.setdefault(str(row.range), [number(row.min), number(row.typical),
                                                         number(row.max), set()])
            entry[3].add(str(row.source))
        assert {r.iri: [number(r.min_years), number(r.typical_years), number(r.max_years),
                        {iri_of[n] for n in r.sources}] for r in d.experience} == expected
        assert [p.number for p in d.passages] == list(range(1, len(d.passages) + 1))


def test_the_same_on_a_store(cli, tmp_path):
    from careergraph.load.into_store import build_store

    store = tmp_path / "store"
    build_store(store, [ACME_FILE])
    for role in ("Product Lead", "Product Team Manager", "Senior Product Lead"):
        memory = json.loads(describe(cli, role, "--format", "json"))
        assert json.loads(ok(cli(["describe", role, "--store", str(store), "--format", "json"]))) \
            == memory
    memory = json.loads(ok(cli(["info", "-d", str(ACME_FILE), "--format", "json"])))
    stored = json.loads(ok(cli(["info", "--store", str(store), "--format", "json"])))
    assert stored["ladders"] == memory["ladders"]


# --- info ---------------------------------------------------------------------------------------


def test_info_shows_each_ladder(cli):
    out = ok(cli(["info", "-d", str(ACME_FILE)]))
    block = out[out.index("Ladders (2)"):out.index("Roles by seniority")].splitlines()
    assert block[1] == "  acme  Acme product ladder"
    acme_block = block[1:block.index("  pm  Product management career ladder")]
    assert acme_block[1:] == [
        "    roles: 5; tracks: executive, individual contributor, management",
        "    grades: L4 Associate, L5 Lead, L6, L7 Senior Lead",
        "    level bands: Core, Senior Leader",
        "    proficiency scale: Acme skill levels (4 levels)",
        "       1  Awareness     common level 1",
        "       2  Working       common level 2",
        "       3  Practitioner  common level 3",
        "       4  Expert        common level 5",
        "    experience ranges: 2; spans of control: 1; track switches: 1",
        "    equivalences: 3 across ladders, 1 within"]
    pm_block = block[block.index("  pm  Product management career ladder"):]
    assert "    proficiency scale: the common 1-5 scale" in pm_block
    assert "    equivalences: 3 across ladders, 0 within" in pm_block
    # without the Acme file, the built-in ladder alone
    out = ok(cli(["info"]))
    assert "Ladders (1)\n  pm  Product management career ladder\n" in out


def test_info_json_ladders(cli):
    data = json.loads(ok(cli(["info", "-d", str(ACME_FILE), "--format", "json"])))
    acme, pm = data["ladders"]
    assert (acme["notation"], acme["roles"], acme["grades"][0], acme["bands"]) == \
        ("acme", 5, ["L4", "Associate"], ["Core", "Senior Leader"])
    assert [(level["name"], level["order"], level["common"]) for level in acme["scale"]["levels"]] == \
        [("Awareness", 1, 1), ("Working", 2, 2), ("Practitioner", 3, 3), ("Expert", 4, 5)]
    assert (acme["experience_ranges"], acme["spans"], acme["track_switches"],
            acme["equivalences_across"], acme["equivalences_within"]) == (2, 1, 1, 3, 1)
    assert (pm["notation"], pm["scale"], pm["grades"]) == ("pm", None, [])


def test_summary_counts_each_equivalence_once(acme, tmp_path):
    both = tmp_path / "both.ttl"  # the same statement from the other end adds no pair
    both.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                    f"<{PM}product-manager> skos:exactMatch <{LEAD}> .\n", encoding="utf-8")
    [line] = [ladder for ladder in summarize(load_graph([ACME_FILE, both])).ladders
              if ladder.notation == "acme"]
    assert (line.equivalences_across, line.equivalences_within) == (3, 1)


# --- gap in the framework's words ---------------------------------------------------------------


def test_gap_names_levels_in_the_frameworks_words(acme):
    steps = path_gap(acme, [ASSOCIATE, LEAD, SENIOR])
    [gain] = steps[0].gain
    assert (gain.label, gain.level, gain.level_name, gain.scale) == \
        ("Roadmapping", 2, "Working", "Acme skill levels")
    [analytics] = steps[0].raise_
    assert (analytics.from_level, analytics.to_level, analytics.from_level_name,
            analytics.level_name) == (2, 3, "Working", "Practitioner")
    raised = {r.label: (r.from_level_name, r.level_name, r.from_level, r.to_level)
              for r in steps[1].raise_}
    assert raised == {"Product analytics": ("Practitioner", "Expert", 3, 5),
                      "Roadmapping": ("Working", "Practitioner", 2, 3)}
    # the manager's requirement names no level: no framework words
    [roadmapping] = step_gap(acme, LEAD, MANAGER).raise_
    assert (roadmapping.level_name, roadmapping.from_level_name, roadmapping.scale) == \
        (None, None, None)
    # a held level that no level of the scale maps onto has no name
    [analytics] = [r for r in step_gap(acme, LEAD, SENIOR, have={ACME + "skill-analytics": 4}).raise_
                   if r.label == "Product analytics"]
    assert (analytics.from_level, analytics.from_level_name, analytics.level_name) == \
        (4, None, "Expert")
    # the costs stay those of the common scale
    assert with_gap_costs(acme).edges[LEAD, SENIOR]["gap_cost"] == 3
    ready = {r.role: r for r in readiness(acme, {ACME + "skill-analytics": 2})}
    assert [g.level_name for g in ready[LEAD].gain] == ["Working"]


def test_gap_json_carries_the_names_only_where_given(cli, acme):
    data = json.loads(ok(cli(["gap", "acme:Associate Product Lead", "acme:Product Lead", "-d",
                              str(ACME_FILE), "--format", "json"])))
    text = json.dumps(data)
    assert '"level_name": "Working"' in text and '"from_level_name": "Working"' in text
    assert '"level_name": "Practitioner"' in text and '"scale": "Acme skill levels"' in text
    step = step_gap(acme, LEAD, MANAGER).to_dict()
    assert not {"level_name", "from_level_name", "scale"} & set(step["raise"][0])
    builtin = step_gap(load_graph(), PM + "product-manager", PM + "senior-product-manager").to_dict()
    assert "level_name" not in json.dumps(builtin)


def test_a_reference_without_a_section_shows_its_citation(cli, tmp_path):
    reference = tmp_path / "reference.ttl"
    reference.write_text(
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix acme: <https://example.org/acme-model/> .\n"
        "acme:ref-survey a dcterms:BibliographicResource ;\n"
        '    dcterms:bibliographicCitation "Acme pay survey 2025, table 3" .\n'
        "acme:head-of-product-management dcterms:source acme:ref-survey .\n", encoding="utf-8")
    out = describe(cli, "Head of Product Management", "-d", str(reference))
    [line] = [text for text in footnotes(out).values() if ACME + "ref-survey" in text]
    assert line.startswith("Acme pay survey 2025, table 3: ")


def test_roles_of_another_ladder_are_named_with_their_ladder(cli, tmp_path):
    cross = tmp_path / "cross.ttl"
    cross.write_text("@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
                     "@prefix pm: <https://w3id.org/careergraph/pm/> .\n"
                     "@prefix acme: <https://example.org/acme-model/> .\n"
                     "acme:associate-product-lead cg:reportsTo pm:product-manager .\n"
                     "acme:move-out a cg:Transition ; cg:fromRole acme:product-lead ;\n"
                     "    cg:toRole pm:senior-product-manager ; cg:transitionKind cg:Lateral .\n",
                     encoding="utf-8")
    out = describe(cli, "Associate Product Lead", "-d", str(cross))
    assert "reports to: pm:Product Manager, Product Team Manager" in out.splitlines()
    out = describe(cli, "Product Lead", "-d", str(cross))
    assert "  lateral move -> pm:Senior Product Manager" in out
    out = describe(cli, "pm:Product Manager", "-d", str(cross))
    [line] = [line for line in out.splitlines() if line.startswith("reporting to it: ")]
    assert line.startswith("reporting to it: acme:Associate Product Lead  [")
    assert ", Associate Product Manager  [" in line
