"""The level-to-level table of two ladders: ``careergraph crosswalk A B``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careergraph.compare_sides import load_sides
from careergraph.ladder_crosswalk import crosswalk_ladders
from careergraph.load import load_graph

FIXTURES = Path(__file__).parent / "fixtures" / "compare"
ACME = FIXTURES / "acme.ttl"
GLOBEX = FIXTURES / "globex.ttl"
DESIGN = FIXTURES / "acme-design.ttl"


def _table(walk):
    return [(level.level, line.role.label, [(m.role.label, m.basis) for m in line.matches])
            for level in walk.levels for line in level.lines]


@pytest.fixture(scope="module")
def both():
    return load_graph([ACME, GLOBEX, DESIGN])


def test_acme_by_grade_against_globex(both):
    walk = crosswalk_ladders(both, "acme", "globex")
    assert (walk.by, walk.ladder_a, walk.ladder_b) == ("grade", "Acme product ladder",
                                                       "Globex product ladder")
    # every grade of the ladder in cg:levelOrder order, L8 with no role
    assert [(level.level, level.label, level.order) for level in walk.levels] == [
        ("L3", None, 3), ("L4", None, 4), ("L5", "Senior", 5), ("L6", None, 6), ("L7", None, 7),
        ("L8", None, 8)]
    assert walk.levels[-1].lines == ()
    assert _table(walk) == [
        ("L3", "Associate Product Manager", [("Product Associate", "mapping: close")]),
        ("L4", "Data Scientist", [("Product Data Scientist", "mapping: exact")]),
        ("L4", "Product Manager", [("Product Manager", "mapping: exact")]),
        ("L5", "Senior Product Manager", [("Senior Product Manager", "seniority")]),
        # seniority 4 on Globex: the Lead (IC) and the Group PM (management): same track first
        ("L6", "Group Manager, Product", [("Group Product Manager", "seniority")]),
        ("L6", "Principal Product Manager", [("Lead Product Manager", "same level")]),
        ("L7", "Director of Product", [("Head of Product", "same level")]),
        # sameLevelAs is transitive: Senior Principal = Director = Head of Product
        ("L7", "Senior Principal Product Manager", [("Head of Product", "same level")])]
    assert walk.unmatched_b == ()
    match = walk.levels[0].lines[0].matches[0]
    assert [g.notation for g in match.role.grades] == ["G7"]


def test_mappings_read_both_ways(both):
    walk = crosswalk_ladders(both, "globex", "acme")
    assert [level.level for level in walk.levels] == ["G7", "G8", "G9", "G10", "G11"]
    table = _table(walk)
    assert table[0] == ("G7", "Product Associate", [("Associate Product Manager", "mapping: close")])
    assert ("G11", "Head of Product", [("Director of Product", "same level"),
                                       ("Senior Principal Product Manager", "same level")]) in table


def test_builtin_by_seniority_against_acme(both):
    walk = crosswalk_ladders(both, "pm", "acme")
    assert walk.by == "seniority"
    assert [level.level for level in walk.levels] == ["1", "2", "3", "4", "5", "6", "?"]
    table = _table(walk)
    assert ("2", "Product Manager", [("Product Manager", "mapping: exact")]) in table
    assert ("4", "Director of Product", [("Group Manager, Product", "seniority")]) in table
    assert ("6", "Chief Product Officer", []) in table
    assert [r.label for r in walk.unmatched_b] == ["Data Scientist"]


def test_same_grade_node(both):
    walk = crosswalk_ladders(both, "acme-design", "acme")
    assert [level.level for level in walk.levels] == ["L4", "L5"]
    assert _table(walk) == [
        ("L4", "Product Designer", [("Data Scientist", "same grade"), ("Product Manager", "same grade")]),
        ("L5", "Senior Product Designer", [("Senior Product Manager", "same grade")])]


def test_unknown_ladder_lists_the_known_ones(both):
    from careergraph.errors import CareerGraphError

    with pytest.raises(CareerGraphError, match=r"^unknown ladder 'globx' \(did you mean globex\?\); "
                       r"known ladders: acme, acme-design, globex, pm"):
        crosswalk_ladders(both, "acme", "globx")


def test_sides_loaded_from_files():
    a, b = load_sides("builtin", GLOBEX)
    walk = crosswalk_ladders(a.kg, a, b)
    assert ("2", "Product Manager", [("Product Manager", "mapping: exact")]) in _table(walk)
    assert walk.b == str(GLOBEX) and walk.ladder_b == "Globex product ladder"


def test_crosswalk_command_text(cli):
    result = cli(["crosswalk", "acme", "globex", "-d", str(ACME), "-d", str(GLOBEX)])
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[:2] == ["A: acme (Acme product ladder), by grade",
                         "B: globex (Globex product ladder)"]
    rows = [line.split() for line in lines]
    assert ["A", "level", "A", "role", "B", "role", "B", "level", "basis"] in rows
    assert ["L3", "Associate", "Product", "Manager", "Product", "Associate", "G7", "mapping:",
            "close"] in rows
    assert ["L5", "(Senior)", "Senior", "Product", "Manager", "Senior", "Product", "Manager", "G9",
            "seniority"] in rows
    assert ["L8"] in rows
    assert lines[-1] == "Roles of B beside no role of A (0)"
    files = cli(["crosswalk", str(ACME), str(GLOBEX)])
    assert files.code == 0 and files.out.splitlines()[2:] == lines[2:]


def test_crosswalk_command_json(cli):
    result = cli(["crosswalk", "pm", "acme", "-d", str(ACME), "--format", "json"])
    assert result.code == 0
    data = json.loads(result.out)
    assert data["by"] == "seniority" and data["a"] == "pm"
    second = data["levels"][1]
    assert second["level"] == "2" and second["roles"][0]["role"]["label"] == "Product Manager"
    assert second["roles"][0]["matches"] == [{
        "role": {"iri": "https://example.org/fixtures/acme/pm", "label": "Product Manager",
                 "seniority": 2, "track": "individual contributor", "grades": ["L4"]},
        "basis": "mapping: exact"}]
    assert [r["label"] for r in data["unmatched_b"]] == ["Data Scientist"]


def test_crosswalk_command_markdown_escapes_labels(cli, tmp_path):
    odd = tmp_path / "odd.ttl"
    odd.write_text("""
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix odd: <https://example.org/odd/> .
odd:ladder a cg:Ladder ; skos:prefLabel "Odd | ladder"@en ; skos:notation "odd" .
odd:g1 a cg:Grade ; skos:inScheme odd:ladder ; skos:notation "*1*" ; cg:levelOrder 1 .
odd:pm a cg:Role ; skos:inScheme odd:ladder ; skos:prefLabel "PM | <b>[x](y)</b>"@en ;
    cg:grade odd:g1 ; skos:exactMatch pm:product-manager .
""", encoding="utf-8")
    result = cli(["crosswalk", "odd", "builtin", "-d", str(odd), "--format", "md"])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == r"A: odd (Odd \| ladder), by grade  "
    assert lines[3:5] == ["| A level | A role | B role | B level | basis |",
                          "| --- | --- | --- | --- | --- |"]
    assert lines[5] == r"| \*1\* | PM \| \<b\>\[x\](y)\</b\> | Product Manager | 2 | mapping: exact |"


def test_crosswalk_unknown_ladder_is_one_line(cli):
    result = cli(["crosswalk", "acme", "nope", "-d", str(ACME)])
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == "careergraph crosswalk: error: unknown ladder 'nope'; known " \
                                 "ladders: acme, pm (or 'builtin', or a ladder file)"
