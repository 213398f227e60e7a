"""Company ladders in YAML and CSV: conversion, provenance, use with -d, and readable errors."""

from __future__ import annotations

import doctest
import importlib
import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from careergraph.importers.ladder import import_ladder
from careergraph.importers.ladder_files import LadderError
from careergraph.load import load_graph
from careergraph.namespaces import CG, DCTERMS, PM, RDF, SKOS
from careergraph.resources import example_path, schema_path

ACME = "https://example.org/acme/ladder/"
ANALYST, STAFF = URIRef(ACME + "product-analyst"), URIRef(ACME + "staff-product-manager")
YAML_EXAMPLE = example_path("acme-ladder.yaml")
CSV_EXAMPLE = example_path("acme-ladder-csv")
TYPE, SOURCE = URIRef(RDF + "type"), URIRef(DCTERMS + "source")

GLOBEX = Path(__file__).parent / "fixtures" / "ladders" / "globex.yaml"


def _without_provenance(graph: Graph) -> set:
    passages = set(graph.subjects(TYPE, URIRef(CG + "SourcePassage")))
    return {(s, p, o) for s, p, o in graph
            if s not in passages and p != SOURCE and s != URIRef(ACME + "source")}


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


# --- conversion -----------------------------------------------------------------

def test_yaml_and_csv_forms_give_the_same_ladder():
    from_yaml, from_csv = import_ladder(YAML_EXAMPLE), import_ladder(CSV_EXAMPLE)
    assert _without_provenance(from_yaml) == _without_provenance(from_csv)
    assert len(from_yaml) == len(from_csv)


def test_the_yaml_example_states_what_the_turtle_example_states():
    ours, theirs = import_ladder(YAML_EXAMPLE), Graph().parse(example_path("acme-ladder.ttl"))

    def roles(g):
        return {(r, str(g.value(r, URIRef(SKOS + "prefLabel"))), g.value(r, URIRef(CG + "seniority")),
                 g.value(r, URIRef(CG + "track"))) for r in g.subjects(TYPE, URIRef(CG + "Role"))}

    def moves(g):
        return {(g.value(m, URIRef(CG + "fromRole")), g.value(m, URIRef(CG + "toRole")),
                 g.value(m, URIRef(CG + "transitionKind")))
                for m in g.subjects(TYPE, URIRef(CG + "Transition"))}

    assert roles(ours) == roles(theirs)
    assert moves(ours) == moves(theirs)
    head = (URIRef(PM + "vp-of-product"), URIRef(SKOS + "altLabel"), Literal("Head of Product", lang="en"))
    assert head in ours and head in theirs
    assert (ANALYST, URIRef(CG + "reportsTo"), URIRef(PM + "product-manager")) in ours


def test_requirements_resolve_builtin_and_own_skills_and_level_names():
    graph = import_ladder(YAML_EXAMPLE)
    needs = {}
    for requirement in graph.objects(STAFF, URIRef(CG + "requires")):
        skill = graph.value(requirement, URIRef(CG + "skill"))
        needs[str(skill)] = (graph.value(requirement, URIRef(CG + "proficiency")).toPython(),
                             str(graph.value(requirement, URIRef(CG + "importance"))))
    assert needs == {PM + "skill-strategic-thinking": (5, CG + "Core"),            # "expert"
                     PM + "skill-leading-without-authority": (5, CG + "Core"),
                     PM + "skill-domain-expertise": (4, CG + "Supporting")}
    sql = URIRef(ACME + "skill-sql")
    assert graph.value(sql, URIRef(CG + "skillCategory")) == URIRef(CG + "Technical")
    assert (URIRef(ACME + "ladder"), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
            URIRef(PM + "ladder")) in graph


def test_every_node_cites_its_line_or_row():
    yaml_graph, csv_graph = import_ladder(YAML_EXAMPLE), import_ladder(CSV_EXAMPLE)
    for graph in (yaml_graph, csv_graph):
        for cls in ("Role", "Skill", "SkillRequirement", "Responsibility", "Transition", "Ladder"):
            for node in graph.subjects(TYPE, URIRef(CG + cls)):
                passage = graph.value(node, SOURCE)
                assert passage is not None, node
                assert graph.value(passage, URIRef(DCTERMS + "isPartOf")) == URIRef(ACME + "source")
    line = _line_of(YAML_EXAMPLE, "  - id: product-analyst")
    passage = yaml_graph.value(ANALYST, SOURCE)
    assert str(yaml_graph.value(passage, URIRef(CG + "section"))) == f"acme-ladder.yaml, line {line}"
    assert str(yaml_graph.value(passage, URIRef(CG + "quote"))).startswith(
        "id: product-analyst\ntitle: Product Analyst\n")
    passage = csv_graph.value(ANALYST, SOURCE)
    assert str(csv_graph.value(passage, URIRef(CG + "section"))) == "acme-ladder-csv/roles.csv, row 2"
    assert str(csv_graph.value(passage, URIRef(CG + "quote"))).startswith(
        "product-analyst,Product Analyst,Product Data Analyst,1,individual contributor,")
    citation = csv_graph.value(URIRef(ACME + "source"), URIRef(DCTERMS + "bibliographicCitation"))
    assert str(citation) == "Acme product career handbook, 2026 edition"


def test_the_example_follows_the_json_schema_on_its_own():
    import jsonschema
    import yaml

    schema = json.loads(schema_path("ladder").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(YAML_EXAMPLE.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("entry, field, kind", [
    ("role", "track", "Track"), ("skill", "category", "SkillCategory"),
    ("requirement", "importance", "Importance"), ("move", "kind", "TransitionKind")])
def test_every_word_of_the_format_names_a_term_read_from_the_ontology(entry, field, kind):
    from careergraph.importers.ladder import _term

    schema = json.loads(schema_path("ladder").read_text(encoding="utf-8"))
    words = schema["$defs"][entry]["properties"][field]["enum"]
    builtin = load_graph()
    for word in words:
        term = _term(kind, word)
        assert URIRef(CG + kind) in builtin.objects(term, URIRef(RDF + "type")), (word, term)
        assert str(term).removeprefix(CG).lower() == word.replace(" ", "")


def test_ladder_modules_docstring_examples():
    for name in ("careergraph.importers.ladder", "careergraph.importers.ladder_files",
                 "careergraph.importers.ladder_document", "careergraph.importers.ladder_yaml",
                 "careergraph.importers.ladder_csv", "careergraph.importers.ladder_schema",
                 "careergraph.importers.ladder_names"):
        failures, _ = doctest.testmod(importlib.import_module(name),
                                      optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        assert failures == 0, name


# --- the command line -----------------------------------------------------------

@pytest.mark.parametrize("ladder", [YAML_EXAMPLE, CSV_EXAMPLE], ids=["yaml", "csv"])
def test_import_validates_and_the_output_validates(cli, tmp_path, ladder):
    out = tmp_path / "acme.ttl"
    result = cli(["import", "ladder", str(ladder), "--out", str(out), "--validate"])
    assert result.code == 0, result.err
    assert result.out.startswith(f"wrote {out}: 2 roles, 1 skill, 5 requirements, "
                                 "2 responsibilities, 2 moves (")
    checked = cli(["validate", str(out)])
    assert checked.code == 0, checked.out
    assert checked.out.startswith("ok: no violations, 0 warnings in 3 files")
    assert _without_provenance(Graph().parse(out)) == _without_provenance(import_ladder(ladder))


def test_import_validate_refuses_a_ladder_with_violations(cli, tmp_path):
    # Raising the built-in Senior PM to seniority 9 makes its built-in promotion to
    # Director of Product (4) go down: the file reads, but the graph breaks a rule.
    bad = tmp_path / "bad.yaml"
    bad.write_text(GLOBEX.read_text(encoding="utf-8").replace(
        "moves:", "  - {id: pm:senior-product-manager, seniority: 9}\nmoves:"), encoding="utf-8")
    out = tmp_path / "bad.ttl"
    result = cli(["import", "ladder", str(bad), "--out", str(out), "--validate"])
    assert result.code == 1 and not out.exists()
    assert "Senior Product Manager" in result.err and "promotion-not-rising" not in result.out
    assert result.err.strip().endswith(f"{bad}: 1 violation(s); nothing written")
    assert cli(["import", "ladder", str(bad), "--out", str(out)]).code == 0  # without --validate
    assert cli(["validate", str(out)]).code == 1


@pytest.mark.parametrize("ladder", [YAML_EXAMPLE, CSV_EXAMPLE], ids=["yaml", "csv"])
def test_a_ladder_answers_path_and_gap_questions_with_d(cli, ladder):
    path = cli(["path", "Product Analyst", "Staff Product Manager", "-d", str(ladder)])
    assert path.code == 0, path.err
    assert path.out.splitlines()[0] == ("Product Analyst -> Associate Product Manager -> Product Manager"
                                        " -> Senior Product Manager -> Staff Product Manager")
    gap = cli(["gap", "Senior Product Manager", "Staff PM", "-d", str(ladder), "--format", "json"])
    assert gap.code == 0, gap.err
    step = json.loads(gap.out)["step"]
    assert [gain["label"] for gain in step["gain"]] == ["Domain expertise"]
    assert [(r["label"], r["from_level"], r["to_level"]) for r in step["raise"]] == [
        ("Leading without authority", 4, 5), ("Strategic thinking", 4, 5)]
    assert [r["label"] for r in step["responsibilities"]] == ["Lead product work across several teams"]
    section = "acme-ladder.yaml, line 61" if ladder == YAML_EXAMPLE else "acme-ladder-csv/moves.csv, row 3"
    assert [source["section"] for source in step["sources"]] == [section]


def test_the_library_answers_the_same_path():
    from careergraph.gap import step_gap
    from careergraph.paths import shortest_path
    from careergraph.project import role_graph

    kg = load_graph([YAML_EXAMPLE])
    assert shortest_path(role_graph(kg), str(ANALYST), str(STAFF)) == [
        str(ANALYST), PM + "associate-product-manager", PM + "product-manager",
        PM + "senior-product-manager", str(STAFF)]
    step = step_gap(kg, PM + "senior-product-manager", str(STAFF))
    assert step.kind == "promotion"
    assert [gain.label for gain in step.gain] == ["Domain expertise"]


def test_two_ladders_side_by_side(cli):
    globex = GLOBEX
    kg = load_graph([YAML_EXAMPLE, globex])
    scientist = URIRef("https://w3id.org/careergraph/ladder/globex/data-scientist")
    assert (scientist, URIRef(SKOS + "inScheme"),
            URIRef("https://w3id.org/careergraph/ladder/globex/ladder")) in kg.rdflib_graph()
    assert (ANALYST, TYPE, URIRef(CG + "Role")) in kg.rdflib_graph()
    result = cli(["validate", "-d", str(YAML_EXAMPLE), "-d", str(globex)])
    assert result.code == 0, result.out
    info = cli(["info", "-d", str(YAML_EXAMPLE), "-d", str(globex)])
    assert info.out.startswith("careergraph: 19 roles")  # 11 built-in, 2 of Acme, 6 of Globex


# --- mistakes: one line naming file, place and field; exit 2; nothing written -----------

BASE = """\
ladder:
  id: acme
  title: Acme
roles:
  - id: analyst
    title: Product Analyst
    seniority: 1
    track: individual contributor
  - id: staff
    title: Staff Product Manager
    seniority: 4
    track: individual contributor
moves:
  - {from: pm:senior-product-manager, to: staff, kind: promotion}
"""

YAML_MISTAKES = {
    "missing title": ("    title: Staff Product Manager\n", "", 9, "field 'title': missing; a new role "
                      "needs a title, a seniority and a track (or an id prefix:name to add to a built-in role)"),
    "seniority three": ("seniority: 1", "seniority: three", 7,
                        "field 'seniority': 'three' is not a whole number from 1 (entry level) up"),
    "unknown track": ("track: individual contributor\n  - id: staff", "track: manager\n  - id: staff", 8,
                      "field 'track': 'manager' is not one of individual contributor, management, "
                      "executive; did you mean management?"),
    "move to unknown role": ("to: staff,", "to: Senior Product Mangr,", 14,
                             "field 'to': unknown role 'Senior Product Mangr'; did you mean Senior "
                             "Product Manager?"),
    "duplicate id": ("- id: staff", "- id: analyst", 9,
                     "field 'id': duplicate role id 'analyst' (first at line 5)"),
    "bad syntax": ("    seniority: 4\n", "    seniority: 4\n   track: : x\n", 12,
                   "not valid YAML: "),
    "unknown field": ("seniority: 1", "senority: 1", 7,
                      "field 'senority': unknown field; did you mean seniority?"),
    "promotion down": ("seniority: 4", "seniority: 2", 14,
                       "field 'kind': a promotion leads up, but 'staff' (seniority 2) is not above "
                       "'pm:senior-product-manager' (seniority 3)"),
    "unknown built-in role": ("  - id: staff\n", "  - id: pm:vp-of-prodcut\n    alt_titles: [Head]\n"
                              "  - id: staff\n", 9,
                              "field 'id': 'pm:vp-of-prodcut' is not a built-in role; did you mean "
                              "pm:vp-of-product?"),
}


@pytest.mark.parametrize("mistake", YAML_MISTAKES, ids=list(YAML_MISTAKES))
def test_yaml_mistakes(cli, tmp_path, mistake):
    old, new, line, message = YAML_MISTAKES[mistake]
    assert old in BASE
    ladder = tmp_path / "acme.yaml"
    ladder.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = cli(["import", "ladder", str(ladder), "--out", str(out)])
    assert result.code == 2
    assert result.out == "" and not out.exists()
    assert result.err.count("\n") == 1
    separator = ", " if message.startswith("field") else ": "
    expected = f"careergraph import: error: {ladder}, line {line}{separator}{message}"
    assert result.err.startswith(expected), result.err
    if mistake != "bad syntax":
        assert result.err.strip() == expected


def test_a_mistake_leaves_an_existing_output_untouched(cli, tmp_path):
    ladder = tmp_path / "acme.yaml"
    ladder.write_text(BASE.replace("seniority: 1", "seniority: three"), encoding="utf-8")
    out = tmp_path / "out.ttl"
    out.write_text("# the previous import\n", encoding="utf-8")
    assert cli(["import", "ladder", str(ladder), "--out", str(out)]).code == 2
    assert out.read_text(encoding="utf-8") == "# the previous import\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.yaml", "out.ttl"]


def test_the_same_mistake_through_d_names_the_place(cli, tmp_path):
    ladder = tmp_path / "acme.yaml"
    ladder.write_text(BASE.replace("seniority: 1", "seniority: three"), encoding="utf-8")
    result = cli(["info", "-d", str(ladder)])
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == (f"careergraph info: error: {ladder}, line 7, field 'seniority': "
                                  "'three' is not a whole number from 1 (entry level) up")


def _csv_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "acme-csv"
    shutil.copytree(CSV_EXAMPLE, folder)
    return folder


CSV_MISTAKES = {
    "missing column": ("roles.csv", "id,title,alt_titles,seniority,track,", "id,title,alt_titles,track,",
                       "roles.csv, row 1, field 'seniority': missing column (the header has id, title, "
                       "alt_titles, track, reports_to, definition, notes)"),
    "seniority three": ("roles.csv", "Product Data Analyst,1,", "Product Data Analyst,three,",
                        "roles.csv, row 2, field 'seniority': 'three' is not a whole number from 1 "
                        "(entry level) up"),
    "missing title": ("roles.csv", "staff-product-manager,Staff Product Manager,",
                      "staff-product-manager,,",
                      "roles.csv, row 3, field 'title': missing; a new role needs a title, a "
                      "seniority and a track (or an id prefix:name to add to a built-in role)"),
    "unknown track": ("roles.csv", "1,individual contributor,", "1,Individual Contribtor,",
                      "roles.csv, row 2, field 'track': 'individual contribtor' is not one of "
                      "individual contributor, management, executive; did you mean individual "
                      "contributor?"),
    "move to unknown role": ("moves.csv", "Associate Product Manager,lateral",
                             "Asociate Product Manager,lateral",
                             "moves.csv, row 2, field 'to': unknown role 'Asociate Product Manager'; "
                             "did you mean Associate Product Manager?"),
    "duplicate id": ("roles.csv", "staff-product-manager,Staff", "product-analyst,Staff",
                     "roles.csv, row 3, field 'id': duplicate role id 'product-analyst' (first at row 2)"),
    "requirement of an unknown role": ("requirements.csv", "product-analyst,sql", "product-anlyst,sql",
                                       "requirements.csv, row 3, field 'role': unknown role "
                                       "'product-anlyst'; did you mean product-analyst?"),
    "unknown skill": ("requirements.csv", "Leading without authority", "Leading without autority",
                      "requirements.csv, row 5, field 'skill': unknown skill 'Leading without "
                      "autority'; did you mean Leading without authority?"),
}


@pytest.mark.parametrize("mistake", CSV_MISTAKES, ids=list(CSV_MISTAKES))
def test_csv_mistakes(cli, tmp_path, mistake):
    table, old, new, message = CSV_MISTAKES[mistake]
    folder = _csv_copy(tmp_path)
    text = (folder / table).read_text(encoding="utf-8")
    assert old in text
    (folder / table).write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = cli(["import", "ladder", str(folder), "--out", str(out)])
    assert result.code == 2 and result.out == "" and not out.exists()
    assert result.err.strip() == f"careergraph import: error: {folder}/{message}"


def test_csv_folder_problems(tmp_path):
    folder = _csv_copy(tmp_path)
    (folder / "move.csv").write_text("from,to,kind\n", encoding="utf-8")
    with pytest.raises(LadderError, match=r"move.csv: not a table of a ladder folder; did you mean moves.csv\?"):
        import_ladder(folder)
    (folder / "move.csv").unlink()
    (folder / "ladder.csv").unlink()
    with pytest.raises(LadderError, match=re.escape("no ladder.csv in the folder")):
        import_ladder(folder)


def test_csv_saved_by_a_spreadsheet_with_bom_and_semicolons(tmp_path):
    folder = _csv_copy(tmp_path)
    for table in folder.iterdir():
        text = table.read_text(encoding="utf-8")
        if "," in text.replace('"Acme product career handbook, 2026 edition"', ""):
            table.write_text("\ufeff" + text.replace(",", ";"), encoding="utf-8")
    assert (folder / "roles.csv").read_text(encoding="utf-8").startswith("\ufeffid;title;")
    assert _without_provenance(import_ladder(folder)) == _without_provenance(import_ladder(CSV_EXAMPLE))


def test_progress_bar_only_on_a_terminal():
    import io

    from careergraph.cli.output import progress_callback

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert progress_callback(io.StringIO()) is None
    screen = Terminal()
    progress = progress_callback(screen)
    progress(50, 200, "Occupation Data.xlsx")
    progress(200, 200, "Skills.xlsx")
    shown = screen.getvalue()  # tqdm redraws at most ten times a second: the last state is sure
    assert shown.endswith("\n") and "Skills.xlsx: 100%|" in shown and "| 200/200 [" in shown
