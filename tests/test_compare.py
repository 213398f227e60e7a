"""Comparing ladders: the built-in one with Acme's, and Acme's with a second company's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careergraph.compare import compare_ladders, load_side
from careergraph.resources import example_path

ACME_YAML = example_path("acme-ladder.yaml")

GLOBEX = Path(__file__).parent / "fixtures" / "ladders" / "globex.yaml"


@pytest.fixture(scope="module")
def globex():
    return GLOBEX


@pytest.fixture(scope="module")
def builtin_vs_acme():
    return compare_ladders(load_side("builtin"), load_side(ACME_YAML))


@pytest.fixture(scope="module")
def acme_vs_globex(globex):
    return compare_ladders(load_side(ACME_YAML), load_side(globex))


def _labels(roles):
    return [role.label for role in roles]


def test_builtin_vs_acme_lines_up_the_shared_roles(builtin_vs_acme):
    c = builtin_vs_acme
    # the ladder's 8 roles and the 2 exit targets its moves lead to (not the CEO: no move)
    assert len(c.pairs) == 10 and {p.basis for p in c.pairs} == {"same role"}
    assert all(p.a.iri == p.b.iri for p in c.pairs)
    assert {p.a.label for p in c.pairs if p.a.seniority is None} == {
        "General Manager", "Chief Operating Officer"}
    assert c.only_a == []
    assert _labels(c.only_b) == ["Product Analyst", "Staff Product Manager"]
    assert c.skills_only_a == [] and c.skills_only_b == ["SQL"]
    assert [(m.source, m.target, m.kind) for m in c.moves_only_b] == [
        ("Product Analyst", "Associate Product Manager", "lateral"),
        ("Senior Product Manager", "Staff Product Manager", "promotion")]
    assert c.moves_only_a == [] and c.moves_other_kind == []


def test_acme_vs_globex_pairs_by_title_then_by_seniority_and_skills(acme_vs_globex):
    c = acme_vs_globex
    pairs = {(p.a.label, p.b.label): p for p in c.pairs}
    assert list(pairs) == [("Associate Product Manager", "Product Associate"),
                           ("Product Manager", "Product Manager"),
                           ("Senior Product Manager", "Sr. PM"),
                           ("Staff Product Manager", "Lead Product Manager"),
                           ("VP of Product", "Head of Product")]
    # "Associate PM" and "Sr. PM" normalise to built-in titles; "Head of Product" is
    # the title Acme's ladder gives the built-in VP of Product.
    assert pairs["Associate Product Manager", "Product Associate"].basis == "same title"
    assert pairs["VP of Product", "Head of Product"].basis == "same title"
    staff = pairs["Staff Product Manager", "Lead Product Manager"]
    assert staff.basis == "similar" and staff.skill_overlap == 1.0
    apm = pairs["Associate Product Manager", "Product Associate"]
    assert apm.skills_only_b == [] and "System design" in apm.skills_only_a
    assert apm.level_differences == [{"skill": "Analytical skills", "a": 3, "b": 2},
                                     {"skill": "Collaboration", "a": 3, "b": 2}]
    assert pairs["Product Manager", "Product Manager"].skills_only_b == ["Analytical skills",
                                                                         "Experimentation"]
    assert pairs["Senior Product Manager", "Sr. PM"].skill_overlap == 0.0


def test_acme_vs_globex_unmatched_roles_skills_and_moves(acme_vs_globex):
    c = acme_vs_globex
    assert _labels(c.only_a) == ["Product Analyst", "Director of Product", "Group Product Manager",
                                 "Principal Product Manager", "Chief Product Officer",
                                 "Chief Operating Officer", "General Manager"]
    assert _labels(c.only_b) == ["Data Scientist"]
    assert c.skills_only_b == ["Experimentation"]  # SQL: Acme's and Globex's skill of that name
    assert "SQL" not in c.skills_only_a and "Strategic thinking" not in c.skills_only_a
    assert {"Management", "System design", "UX design"} <= set(c.skills_only_a)
    assert [(m.source, m.target, m.kind) for m in c.moves_only_b] == [
        ("Data Scientist", "Product Manager", "lateral"),
        ("Sr. PM", "Head of Product", "promotion")]
    assert ("Senior Product Manager", "Director of Product", "promotion") in \
        [(m.source, m.target, m.kind) for m in c.moves_only_a]
    assert [(m.source, m.target, m.kind, m.other_kind) for m in c.moves_other_kind] == [
        ("Senior Product Manager", "Staff Product Manager", "promotion", "branch")]


def test_a_ladder_without_extends_compares_only_its_own_roles(globex):
    c = compare_ladders(load_side(example_path("acme-ladder.ttl")), load_side(globex))
    assert sorted([p.a.label for p in c.pairs] + _labels(c.only_a)) == \
        ["Product Analyst", "Staff Product Manager"]


def test_compare_command_text(cli, globex):
    result = cli(["compare", str(ACME_YAML), str(globex)])
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[:2] == [f"A: {ACME_YAML}", f"B: {globex}"]
    assert ["4", "/", "4", "Staff", "Product", "Manager", "Lead", "Product", "Manager", "similar",
            "100%"] in [line.split() for line in lines]
    only_b = lines[lines.index("Roles only in B (1)"):][:4]
    assert only_b[3].split() == ["2", "Data", "Scientist", "individual", "contributor"]
    assert lines[lines.index("Skills only B asks (1)") + 1] == "  Experimentation"
    assert "  Senior Product Manager -> Staff Product Manager: promotion in A, branch in B" in lines


def test_compare_command_json(cli, globex):
    result = cli(["compare", "builtin", str(globex), "--format", "json"])
    assert result.code == 0
    data = json.loads(result.out)
    # Without Acme's extra title, nothing in the built-in ladder is called Head of Product.
    assert [r["label"] for r in data["roles_only_b"]] == ["Data Scientist", "Head of Product"]
    assert [(p["a"]["label"], p["b"]["label"], p["basis"]) for p in data["pairs"]] == [
        ("Associate Product Manager", "Product Associate", "same title"),
        ("Product Manager", "Product Manager", "same title"),
        ("Senior Product Manager", "Sr. PM", "same title"),
        ("Principal Product Manager", "Lead Product Manager", "similar")]
    assert data["pairs"][3]["skill_overlap"] == round(1 / 3, 3)
    assert data["skills_only_b"] == ["Experimentation", "SQL"]


def test_compare_errors_are_one_line(cli, tmp_path):
    result = cli(["compare", "builtin", str(tmp_path / "nowhere.yaml")])
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == f"careergraph compare: error: {tmp_path / 'nowhere.yaml'}: " \
                                 "no such file or folder"
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    result = cli(["compare", "builtin", str(empty)])
    assert result.code == 2
    assert result.err.strip() == f"careergraph compare: error: {empty}: no roles to compare " \
                                 "(no cg:Ladder with roles in it)"
