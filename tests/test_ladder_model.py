"""The ladder format's model of issue 15: grades, bands, scales, experience, spans, mappings, sources.

``tests/fixtures/ladders/initech.yaml`` uses every new field; ``initech-csv/``
is the same ladder as CSV tables. The tests read the graph back with SPARQL
(values bound, never formatted in), compare the two forms, round-trip the
Turtle through ``careergraph import`` and ``careergraph validate``, break the
graph to see SHACL refuse it, and make each new mistake of a writer once.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from careergraph.importers.ladder import import_ladder
from careergraph.load import load_graph
from careergraph.namespaces import CG, DCTERMS, PM, RDF, SKOS

LADDERS = Path(__file__).parent / "fixtures" / "ladders"
YAML = LADDERS / "initech.yaml"
CSV = LADDERS / "initech-csv"
NS = "https://example.org/initech/ladder/"
PREFIXES = {"cg": CG, "skos": SKOS, "dcterms": DCTERMS, "rdf": RDF}
TYPE, SOURCE = URIRef(RDF + "type"), URIRef(DCTERMS + "source")


def role(name: str) -> URIRef:
    return URIRef(NS + name)


@pytest.fixture(scope="module")
def yaml_graph() -> Graph:
    return import_ladder(YAML, name="initech.yaml")


@pytest.fixture(scope="module")
def csv_graph() -> Graph:
    return import_ladder(CSV, name="initech-csv")


def rows(graph: Graph, text: str, **bindings) -> list[tuple]:
    """The rows of a query, as Python values; values go in through initBindings only."""
    return [tuple(None if v is None else v.toPython() for v in row)
            for row in graph.query(text, initNs=PREFIXES, initBindings=bindings)]


def _sources(graph: Graph, node: URIRef) -> tuple[str, ...]:
    """The texts a node cites (its ``source``), not the passages of the ladder file."""
    return tuple(sorted(str(graph.value(s, URIRef(DCTERMS + "bibliographicCitation")))
                        for s in graph.objects(node, SOURCE)
                        if (s, TYPE, URIRef(CG + "SourcePassage")) not in graph))


# --- the triples ------------------------------------------------------------------

def test_the_ladder_has_its_short_name_grades_bands_and_scale(yaml_graph):
    ladder = URIRef(NS + "ladder")
    assert yaml_graph.value(ladder, URIRef(SKOS + "notation")) == Literal("initech")
    assert rows(yaml_graph, """SELECT ?code ?title ?order WHERE {
        ?grade a cg:Grade ; skos:inScheme ?ladder ; skos:notation ?code ; cg:levelOrder ?order .
        OPTIONAL { ?grade skos:prefLabel ?title } } ORDER BY ?order""", ladder=ladder) == [
        ("L3", None, 1), ("L4", "Engineer II", 2), ("9.5", "Senior engineer", 3), ("L6", None, 4)]
    assert rows(yaml_graph, """SELECT ?name ?order WHERE {
        ?band a cg:LevelBand ; skos:inScheme ?ladder ; skos:prefLabel ?name ; cg:levelOrder ?order }
        ORDER BY ?order""", ladder=ladder) == [("Early career", 1), ("Senior Leader", 2)]
    assert rows(yaml_graph, """SELECT ?title ?name ?order ?common WHERE {
        ?ladder cg:proficiencyScale ?scale . ?scale a cg:Scale ; skos:prefLabel ?title .
        ?level a cg:ProficiencyLevel ; skos:inScheme ?scale ; skos:prefLabel ?name ;
               cg:levelOrder ?order ; rdf:value ?common } ORDER BY ?order""", ladder=ladder) == [
        ("Initech skill levels", "Awareness", 1, 1), ("Initech skill levels", "Working", 2, 2),
        ("Initech skill levels", "Practitioner", 3, 3), ("Initech skill levels", "Expert", 4, 5)]
    citations = {str(c) for c in yaml_graph.objects(URIRef(NS + "source"),
                                                     URIRef(DCTERMS + "bibliographicCitation"))}
    assert citations == {"Initech career handbook 2026", "Initech levels page"}


GRADES_OF = """SELECT ?code WHERE { ?role cg:grade ?grade . ?grade skos:notation ?code ;
                                    cg:levelOrder ?order } ORDER BY ?order"""


@pytest.mark.parametrize("name, codes", [("engineer", ["L3", "L4"]), ("senior-engineer", ["9.5"]),
                                         ("engineering-manager", ["9.5"]), ("director", ["L6"])])
def test_the_grades_of_a_role_in_order(yaml_graph, name, codes):
    assert [code for code, in rows(yaml_graph, GRADES_OF, role=role(name))] == codes


def test_a_role_has_its_band_and_several_managers(yaml_graph):
    band = yaml_graph.value(role("engineering-manager"), URIRef(CG + "levelBand"))
    assert str(yaml_graph.value(band, URIRef(SKOS + "prefLabel"))) == "Senior Leader"
    assert str(yaml_graph.value(yaml_graph.value(role("engineer"), URIRef(CG + "levelBand")),
                                URIRef(SKOS + "prefLabel"))) == "Early career"  # any case matches
    assert set(yaml_graph.objects(role("engineering-manager"), URIRef(CG + "reportsTo"))) == {
        role("director"), URIRef(PM + "vp-of-product")}
    assert _sources(yaml_graph, role("engineer")) == ("Initech career handbook 2026",)


EXPERIENCE = """SELECT ?range ?min ?typical ?max WHERE { ?role cg:experience ?range .
    OPTIONAL { ?range cg:minYears ?min } OPTIONAL { ?range cg:typicalYears ?typical }
    OPTIONAL { ?range cg:maxYears ?max } }"""


def test_experience_ranges_each_with_their_sources_and_nothing_invented(yaml_graph):
    ranges = {(low, typical, high, _sources(yaml_graph, URIRef(node)))
              for node, low, typical, high in rows(yaml_graph, EXPERIENCE, role=role("senior-engineer"))}
    assert ranges == {(Decimal(3), Decimal(5), Decimal(8), ("Initech career handbook 2026",)),
                      (Decimal("4.5"), None, None, ("Initech levels page", "Salary survey 2025"))}
    assert {(low, typical, high) for _, low, typical, high in
            rows(yaml_graph, EXPERIENCE, role=role("engineer"))} == {(Decimal(0), None, Decimal(2))}
    assert rows(yaml_graph, EXPERIENCE, role=role("director")) == []


def test_spans_of_control_each_with_their_sources(yaml_graph):
    query = """SELECT ?span ?min ?max ?note WHERE { ?role cg:spanOfControl ?span .
        OPTIONAL { ?span cg:minReports ?min } OPTIONAL { ?span cg:maxReports ?max }
        OPTIONAL { ?span skos:note ?note } }"""
    spans = {(low, high, note, _sources(yaml_graph, URIRef(node)))
             for node, low, high, note in rows(yaml_graph, query, role=role("engineering-manager"))}
    assert spans == {(3, 8, "three to eight engineers", ("Initech career handbook 2026",)),
                     (None, None, "usually one team", ("Initech levels page",))}
    assert [row[1:] for row in rows(yaml_graph, query, role=role("director"))] == [(None, 40, None)]


REQUIREMENTS = """SELECT ?skill ?common ?level ?order WHERE {
    ?role cg:requires ?need . ?need cg:skill ?skill ; cg:proficiency ?common .
    OPTIONAL { ?need cg:proficiencyLevel ?node . ?node skos:prefLabel ?level ; cg:levelOrder ?order } }"""


def test_requirements_name_a_level_of_the_ladder_scale_and_carry_its_common_value(yaml_graph):
    def needs(name):
        return {(str(skill).rsplit("/", 1)[1], common, level, order)
                for skill, common, level, order in rows(yaml_graph, REQUIREMENTS, role=role(name))}

    assert needs("engineer") == {("skill-coding", 2, "Working", 2),               # "working"
                                 ("skill-analytical-skills", 1, "Awareness", 1)}  # the number 1
    assert needs("senior-engineer") == {("skill-coding", 5, "Expert", 4)}         # order 4 = Expert
    assert needs("engineering-manager") == {("skill-leading-without-authority", 3, "Practitioner", 3)}
    assert _sources(yaml_graph, URIRef(NS + "req-engineer-coding")) == ("Initech levels page",)


def test_without_a_scale_requirements_stay_on_the_common_scale():
    acme = import_ladder(LADDERS / "globex.yaml")
    assert not list(acme.subjects(URIRef(CG + "proficiencyLevel"), None))
    assert {value.toPython() for value in acme.objects(None, URIRef(CG + "proficiency"))} == {2, 3, 4, 5}


def test_a_track_switch_and_its_derived_shortcut():
    move = URIRef(NS + "move-senior-engineer-to-engineering-manager")
    kg = load_graph([YAML]).rdflib_graph()
    assert kg.value(move, URIRef(CG + "transitionKind")) == URIRef(CG + "TrackSwitch")
    assert (role("senior-engineer"), URIRef(CG + "switchesTrackTo"), role("engineering-manager")) in kg
    assert _sources(kg, move) == ("Initech levels page",)


def test_an_entry_has_no_start(yaml_graph):
    entry = URIRef(NS + "move-entry-to-engineer")
    assert yaml_graph.value(entry, URIRef(CG + "transitionKind")) == URIRef(CG + "Entry")
    assert yaml_graph.value(entry, URIRef(CG + "toRole")) == role("engineer")
    assert yaml_graph.value(entry, URIRef(CG + "fromRole")) is None
    assert _sources(yaml_graph, entry) == ("Initech careers page",)


def test_mappings_to_own_builtin_and_other_ladders_roles(yaml_graph):
    found = {(s, p, o) for s, p, o in yaml_graph
             if p in (URIRef(SKOS + "exactMatch"), URIRef(SKOS + "closeMatch"), URIRef(CG + "sameLevelAs"))}
    assert found == {
        (role("senior-engineer"), URIRef(CG + "sameLevelAs"), role("engineering-manager")),
        (role("engineering-manager"), URIRef(SKOS + "closeMatch"), URIRef(PM + "director-of-product")),
        (role("engineer"), URIRef(SKOS + "exactMatch"),
         URIRef("https://w3id.org/careergraph/ladder/globex/product-associate")),   # globex: of ladder.prefixes
        (role("director"), URIRef(SKOS + "closeMatch"),
         URIRef("https://example.org/other/ladder/head-of-engineering"))}
    statement = URIRef(NS + "mapping-senior-engineer-engineering-manager")
    assert yaml_graph.value(statement, URIRef(RDF + "predicate")) == URIRef(CG + "sameLevelAs")
    assert _sources(yaml_graph, statement) == ("Initech levels page",)


def test_grade_codes_are_kept_as_written(tmp_path):
    ladder = tmp_path / "codes.yaml"
    ladder.write_text(YAML.read_text(encoding="utf-8").replace("{code: 9.5,", "{code: 9.10,")
                      .replace("grade: 9.5", "grade: 9.10"), encoding="utf-8")
    graph = import_ladder(ladder)
    assert [code for code, in rows(graph, GRADES_OF, role=role("senior-engineer"))] == ["9.10"]


# --- YAML and CSV -----------------------------------------------------------------

def _facts(graph: Graph) -> Graph:
    """The graph without the passages of the ladder file (lines in YAML, rows in CSV) and the file's name."""
    passages = set(graph.subjects(TYPE, URIRef(CG + "SourcePassage")))
    kept = Graph()
    for s, p, o in graph:
        if s not in passages and o not in passages and p != URIRef(DCTERMS + "title"):
            kept.add((s, p, o))
    return kept


def test_yaml_and_csv_give_the_same_triples(yaml_graph, csv_graph):
    assert isomorphic(_facts(yaml_graph), _facts(csv_graph))
    assert len(_facts(yaml_graph)) > 190


def test_csv_entries_cite_their_rows(csv_graph):
    sections = {str(csv_graph.value(s, URIRef(CG + "section")))
                for node in csv_graph.objects(role("senior-engineer"), URIRef(CG + "experience"))
                for s in csv_graph.objects(node, SOURCE)
                if (s, TYPE, URIRef(CG + "SourcePassage")) in csv_graph}
    assert sections == {"initech-csv/experience.csv, row 3", "initech-csv/experience.csv, row 4"}


# --- the command line: import, validate, round trip -------------------------------

@pytest.mark.parametrize("ladder", [YAML, CSV], ids=["yaml", "csv"])
def test_import_validate_and_read_back_the_same_triples(cli, tmp_path, ladder):
    out = tmp_path / "x.ttl"
    result = cli(["import", "ladder", str(ladder), "--out", str(out), "--validate"])
    assert result.code == 0, result.err
    assert result.out.startswith(f"wrote {out}: 4 roles, 1 skill, 4 requirements, "
                                 "2 responsibilities, 4 moves (")
    checked = cli(["validate", "-d", str(out)])
    assert checked.code == 0, checked.out
    assert checked.out.startswith("ok: no violations, 0 warnings in 3 files")
    back = Graph().parse(out, format="turtle")
    assert isomorphic(back, import_ladder(ladder))


BREAKS = {
    "grade without notation": ('    skos:notation "L3" ;\n', "",
                               'initech:grade-l3: A grade needs exactly one code (skos:notation)'),
    "proficiency off its level": ("    cg:proficiency 5 ;\n", "    cg:proficiency 4 ;\n",
                                  "initech:req-senior-engineer-coding: A skill requirement's "
                                  "cg:proficiency must be the common level (rdf:value) of its "
                                  "cg:proficiencyLevel."),
    "min above max years": ("cg:minYears 3.0 ;", "cg:minYears 9.0 ;",
                            "initech:experience-senior-engineer: An experience range's cg:minYears "
                            "is above its cg:maxYears. (value: 9.0)"),
    "min above max reports": ("cg:minReports 3 .", "cg:minReports 30 .",
                              "initech:span-engineering-manager: A span of control's cg:minReports "
                              "is above its cg:maxReports. (value: 30)"),
    "unknown move kind": ("cg:transitionKind cg:TrackSwitch", "cg:transitionKind cg:Entry ; "
                          "cg:transitionKind cg:TrackSwitch",
                          "A transition needs exactly one cg:transitionKind"),
}


@pytest.mark.parametrize("broken", BREAKS, ids=list(BREAKS))
def test_validate_refuses_a_broken_graph_with_a_readable_violation(cli, tmp_path, broken):
    good = tmp_path / "good.ttl"
    assert cli(["import", "ladder", str(YAML), "--out", str(good)]).code == 0
    old, new, message = BREAKS[broken]
    text = good.read_text(encoding="utf-8")
    assert old in text, old
    bad = tmp_path / "bad.ttl"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli(["validate", "-d", str(bad)])
    assert result.code == 1
    violations = [line for line in result.out.splitlines() if ": violation: " in line]
    assert violations and all(line.startswith(f"{bad}: violation: ") for line in violations)
    assert any(message in line for line in violations), result.out


# --- a writer's mistakes: one line naming file, line and field, exit 2 -------------

def _line(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


MISTAKES = {
    "unknown grade": ("grade: L6", "grade: L7", "grade",
                      "unknown grade 'L7'; the grades of the ladder are L3, L4, 9.5, L6"),
    "grade close to one": ("grade: L6", "grade: l-6x", "grade",
                           "unknown grade 'l-6x'; the grades of the ladder are L3, L4, 9.5, L6; "
                           "did you mean L6?"),
    "unknown band": ("band: Senior Leader\n    reports_to", "band: Senior Leaders\n    reports_to", "band",
                     "unknown band 'Senior Leaders'; the bands of the ladder are Early career, "
                     "Senior Leader; did you mean Senior Leader?"),
    "unknown scale level": ("proficiency: Practitioner", "proficiency: Practicioner", "proficiency",
                            "'practicioner' is not a level of the scale 'Initech skill levels': "
                            "Awareness (1), Working (2), Practitioner (3), Expert (4); did you mean "
                            "Practitioner?"),
    "scale order out of range": ("proficiency: 4,", "proficiency: 7,", "proficiency",
                                 "7 is not the order of a level of the scale 'Initech skill levels': "
                                 "Awareness (1), Working (2), Practitioner (3), Expert (4)"),
    "bad relation": ("relation: close, to: pm:", "relation: similar, to: pm:", "relation",
                     "'similar' is not one of exact, close, same level"),
    "relation typo": ("relation: close, to: pm:", "relation: closer, to: pm:", "relation",
                      "'closer' is not one of exact, close, same level; did you mean close?"),
    "min above max": ("{min: 3, typical: 5, max: 8,", "{min: 9, typical: 5, max: 8,", "typical",
                      "5 years is less than min (9); a range reads min <= typical <= max"),
    "typical above max": ("{min: 3, typical: 5, max: 8,", "{min: 3, typical: 5, max: 4.5,", "max",
                          "4.5 years is less than typical (5); a range reads min <= typical <= max"),
    "negative years": ("{min: 0, max: 2,", "{min: -1, max: 2,", "min",
                       "-1 is not a number of years, 0 or more"),
    "span min above max": ("{min: 3, max: 8, note", "{min: 9, max: 8, note", "max",
                           "8 reports is less than min (9); a range reads min <= max"),
    "empty span": ("span_of_control: {max: 40}", "span_of_control: {source: a page}", "span_of_control",
                   "gives nothing: give min, max or note (what the source states)"),
    "unknown prefix": ('to: "globex:product-associate"', 'to: "glbex:product-associate"', "to",
                       "'glbex:product-associate' names no role of this ladder or the built-in one, "
                       "and 'glbex' is not a prefix of ladder.prefixes (globex)"),
    "title of another ladder": ('to: "globex:product-associate"', 'to: "globex:Product Associate"', "to",
                                "'globex:Product Associate' is not globex:id (an id has no spaces): a "
                                "role of another ladder is named by its id or full IRI"),
    "prefix of careergraph": ("    globex: https", "    pm: https", "pm",
                              "'pm' is a prefix careergraph uses; choose another prefix"),
    "mapping to itself": ("relation: close, to: pm:director-of-product",
                          "relation: close, to: Engineering Manager", "to",
                          "'Engineering Manager' is the role itself; a mapping relates two roles"),
    "levels not rising": ("{name: Working, common: 2}", "{name: Working, common: 2, order: 1}", "order",
                          "1 is not above the order of 'Awareness' (1); list the levels lowest first"),
    "level maps lower": ("{name: Expert, common: 5}", "{name: Expert, common: 2}", "common",
                         "2 is below the common level of 'Practitioner' (3), the level before it; a "
                         "higher level cannot map onto a lower common level"),
    "grade given twice": ("grade: [L3, L4]", "grade: [L3, l3]", "grade", "the grade 'l3' is given twice"),
}


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_yaml_mistakes(cli, tmp_path, mistake):
    old, new, field, message = MISTAKES[mistake]
    text = YAML.read_text(encoding="utf-8")
    assert old in text, old
    ladder = tmp_path / "initech.yaml"
    ladder.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = cli(["import", "ladder", str(ladder), "--out", str(out)])
    assert result.code == 2 and result.out == "" and not out.exists()
    assert result.err.count("\n") == 1, result.err
    line = _line(ladder.read_text(encoding="utf-8"), new.splitlines()[0])
    expected = f"careergraph import: error: {ladder}, line {line}, field '{field}': "
    assert result.err.startswith(expected), result.err
    assert message in result.err, result.err


def test_a_track_switch_must_change_track(cli, tmp_path):
    text = YAML.read_text(encoding="utf-8").replace(
        "{from: engineer, to: senior-engineer, kind: promotion", "{from: engineer, to: senior-engineer, "
        "kind: track switch")
    ladder = tmp_path / "initech.yaml"
    ladder.write_text(text, encoding="utf-8")
    result = cli(["import", "ladder", str(ladder), "--out", str(tmp_path / "out.ttl")])
    line = _line(text, "kind: track switch, source: Initech career")
    assert result.code == 2
    assert result.err.strip() == (f"careergraph import: error: {ladder}, line {line}, field 'kind': a "
                                  "track switch leads to another track, but 'engineer' and "
                                  "'senior-engineer' are both on the track cg:IndividualContributor")


@pytest.mark.parametrize("old, new, message", [
    ("{to: engineer, kind: entry,", "{from: director, to: engineer, kind: entry,",
     "field 'from': an entry comes from outside the ladder and has no from; remove it, or choose "
     "another kind"),
    ("{from: engineering-manager, to: director, kind: promotion}", "{to: director, kind: promotion}",
     "field 'from': missing; a promotion leads from a role (only an entry has no from)")])
def test_only_an_entry_has_no_from(cli, tmp_path, old, new, message):
    text = YAML.read_text(encoding="utf-8").replace(old, new)
    ladder = tmp_path / "initech.yaml"
    ladder.write_text(text, encoding="utf-8")
    result = cli(["import", "ladder", str(ladder), "--out", str(tmp_path / "out.ttl")])
    assert result.code == 2
    assert result.err.strip() == (f"careergraph import: error: {ladder}, line {_line(text, new)}, "
                                  f"{message}")


def test_a_grade_without_ladder_grades(cli, tmp_path):
    text = YAML.read_text(encoding="utf-8")
    start, end = text.index("  grades:\n"), text.index("  bands:\n")
    ladder = tmp_path / "initech.yaml"
    ladder.write_text(text[:start] + text[end:], encoding="utf-8")
    result = cli(["import", "ladder", str(ladder), "--out", str(tmp_path / "out.ttl")])
    line = _line(text[:start] + text[end:], "grade: [L3, L4]")
    assert result.code == 2
    assert result.err.strip() == (f"careergraph import: error: {ladder}, line {line}, field 'grade': "
                                  "'L3' is not a grade of the ladder: it has none; list them in "
                                  "ladder.grades, lowest first")


CSV_MISTAKES = {
    "unknown grade": ("roles.csv", "director,Director of Engineering,3,management,L6,",
                      "director,Director of Engineering,3,management,L7,", "roles.csv, row 5",
                      "grade", "unknown grade 'L7'"),
    "min above max": ("experience.csv", "senior-engineer,3,5,8,", "senior-engineer,3,5,2,",
                      "experience.csv, row 3", "max", "2 years is less than typical (5)"),
    "unknown level": ("requirements.csv", "Practitioner,core", "Guru,core", "requirements.csv, row 5",
                      "proficiency", "'guru' is not a level of the scale 'Initech skill levels'"),
    "bad relation": ("mappings.csv", "close,pm:director", "near,pm:director", "mappings.csv, row 3",
                     "relation", "'near' is not one of exact, close, same level"),
    "levels without a scale": ("ladder.csv", ",Initech skill levels,", ",,", "ladder.csv, row 2",
                               "scale", "ladder.csv has no scale (the scale's title); give both, or neither"),
}


@pytest.mark.parametrize("mistake", CSV_MISTAKES, ids=list(CSV_MISTAKES))
def test_csv_mistakes(cli, tmp_path, mistake):
    table, old, new, place, field, message = CSV_MISTAKES[mistake]
    folder = tmp_path / "initech-csv"
    shutil.copytree(CSV, folder)
    text = (folder / table).read_text(encoding="utf-8")
    assert old in text, old
    (folder / table).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli(["import", "ladder", str(folder), "--out", str(tmp_path / "out.ttl")])
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert result.err.startswith(f"careergraph import: error: {folder}/{place}, field '{field}': "), result.err
    assert message in result.err, result.err
