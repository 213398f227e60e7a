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


# --- issue 15: any two ladders, by mappings, level equivalences and titles ---------------------

FIXTURES = Path(__file__).parent / "fixtures" / "compare"
ACME = FIXTURES / "acme.ttl"
GLOBEX_TTL = FIXTURES / "globex.ttl"
DESIGN = FIXTURES / "acme-design.ttl"


def _moves(moves):
    return [(m.source, m.target, m.kind) for m in moves]


@pytest.fixture(scope="module")
def acme_vs_globex_files():
    from careergraph.compare import load_sides

    return compare_ladders(*load_sides(ACME, GLOBEX_TTL))


def test_two_files_pair_by_mapping_then_level_then_title(acme_vs_globex_files):
    c = acme_vs_globex_files
    assert [(p.a.label, p.b.label, p.basis) for p in c.pairs] == [
        # globex.ttl states "Product Associate skos:closeMatch acme:apm": read both ways
        ("Associate Product Manager", "Product Associate", "mapping: close"),
        # acme.ttl maps its Data Scientist onto Globex's: both files are in one graph
        ("Data Scientist", "Product Data Scientist", "mapping: exact"),
        # both map exactly onto pm:product-manager: exactMatch is transitive
        ("Product Manager", "Product Manager", "mapping: exact"),
        ("Senior Product Manager", "Senior Product Manager", "same title"),
        # word order and punctuation ignored
        ("Group Manager, Product", "Group Product Manager", "similar"),
        ("Principal Product Manager", "Lead Product Manager", "same level"),
        # globex.ttl: Head sameLevelAs acme:director, and acme.ttl: Senior Principal
        # sameLevelAs Director; the Director has the closer title
        ("Director of Product", "Head of Product", "same level")]
    group = c.pairs[4]
    assert group.title_similarity == 1.0
    assert [r.label for r in c.only_a] == ["Senior Principal Product Manager"]
    assert c.only_b == []
    assert c.pairs[0].to_dict()["a"]["grades"] == ["L3"]
    assert c.pairs[0].to_dict()["b"]["grades"] == ["G7"]


def test_two_files_moves_include_exits_to_built_in_roles_and_track_switches(acme_vs_globex_files):
    c = acme_vs_globex_files
    assert _moves(c.moves_only_a) == [
        ("Data Scientist", "Product Manager", "lateral"),
        ("Principal Product Manager", "Senior Principal Product Manager", "promotion")]
    # Both Director -> pm:VP of Product (exit) and the track switches Principal -> Group
    # Manager / Lead -> Group PM are shared; Globex's exit to the CPO is its own.
    assert _moves(c.moves_only_b) == [
        ("Head of Product", "pm:Chief Product Officer", "exit"),
        ("Senior Product Manager", "Group Product Manager", "promotion")]
    assert c.moves_only_b[0].target_iri == "https://w3id.org/careergraph/pm/chief-product-officer"
    assert c.moves_other_kind == []


def test_builtin_against_a_file_reports_its_exits_to_built_in_roles():
    c = compare_ladders(load_side("builtin"), load_side(GLOBEX_TTL))
    assert ("Product Manager", "Product Manager", "mapping: exact") in \
        [(p.a.label, p.b.label, p.basis) for p in c.pairs]
    assert ("Head of Product", "pm:VP of Product", "exit") in _moves(c.moves_only_b)
    assert ("Lead Product Manager", "Group Product Manager", "track switch") in _moves(c.moves_only_b)


def test_sides_by_short_name_in_the_data_files():
    from careergraph.compare import load_sides

    c = compare_ladders(*load_sides("PM", "acme", data=[ACME]))
    assert c.a == "PM" and c.b == "acme"
    pairs = {(p.a.label, p.b.label): p.basis for p in c.pairs}
    assert pairs["Product Manager", "Product Manager"] == "mapping: exact"
    assert pairs["Group Product Manager", "Group Manager, Product"] == "similar"
    assert [r.label for r in c.only_b] == ["Data Scientist", "Senior Principal Product Manager"]
    # Acme's Director exits to the built-in VP of Product, which the built-in Director is promoted to
    assert [(m.source, m.target, m.kind, m.other_kind) for m in c.moves_other_kind] == [
        ("Director of Product", "VP of Product", "promotion", "exit"),
        ("Senior Product Manager", "Principal Product Manager", "branch", "promotion")]
    assert ("Principal Product Manager", "Group Manager, Product", "track switch") in \
        _moves(c.moves_only_b)


def test_roles_at_one_grade_node_pair_by_same_grade():
    from careergraph.compare import load_sides

    c = compare_ladders(*load_sides("acme-design", "acme", data=[ACME, DESIGN]))
    assert [(p.a.label, p.b.label, p.basis) for p in c.pairs] == [
        ("Product Designer", "Product Manager", "same grade"),
        ("Senior Product Designer", "Senior Product Manager", "same grade")]


def test_compare_two_files_command_text(cli):
    result = cli(["compare", str(ACME), str(GLOBEX_TTL)])
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert ["1", "(L3)", "/", "1", "(G7)", "Associate", "Product", "Manager", "Product", "Associate",
            "mapping:", "close", "no", "skills"] in [line.split() for line in lines]
    assert "  Head of Product -> pm:Chief Product Officer (exit)" in lines
    by_name = cli(["compare", "acme", "globex", "-d", str(ACME), "-d", str(GLOBEX_TTL)])
    assert by_name.code == 0
    assert by_name.out.splitlines()[2:] == lines[2:]


def test_compare_unknown_ladder_name_is_one_line(cli):
    result = cli(["compare", "acne", "pm", "-d", str(ACME)])
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == "careergraph compare: error: unknown ladder 'acne' (did you mean " \
                                 "acme?); known ladders: acme, pm (or 'builtin', or a ladder file)"


def test_title_similarity_ignores_word_order():
    from careergraph.compare_pairs import RoleInfo, title_similarity
    from careergraph.names import normalize_title

    def role(title):
        return RoleInfo(title, title, None, None, frozenset([normalize_title(title)]), {})

    assert title_similarity(role("Group Manager, Product"), role("Group Product Manager")) == 1.0
    assert title_similarity(role("Product Manager"), role("Data Scientist")) < 0.5


def test_two_versions_of_one_ladder_keep_their_own_facts():
    from careergraph.compare import load_sides

    # the same ladder IRI in both files: each file is loaded on its own
    c = compare_ladders(*load_sides(ACME_YAML, example_path("acme-ladder.ttl")))
    assert [(p.a.label, p.basis) for p in c.pairs] == [("Product Analyst", "same role"),
                                                      ("Staff Product Manager", "same role")]
    assert c.pairs[1].skills_only_a == ["Domain expertise", "Leading without authority",
                                        "Strategic thinking"]
    # the Turtle version does not extend the built-in ladder: its moves to built-in roles
    # are the YAML version's too
    assert len(c.only_a) == 10 and c.moves_only_b == [] and c.moves_other_kind == []
