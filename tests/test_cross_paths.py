"""Paths across ladders (``--cross``): equivalences between roles are free steps, and say so.

The fixture ``tests/fixtures/cross/acme.ttl`` is a small company ladder beside the
built-in one: its Product Manager is the built-in one (``skos:exactMatch``), the built-in
Director of Product is close to its Product Lead (``skos:closeMatch``, written from the
built-in side), its Lead Product Manager is at the level of the built-in Principal
Product Manager (``cg:sameLevelAs``) and, inside its own ladder, of its Product Lead.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from careergraph.cross_search import arrows, count_moves, example_cross_graph, moves_of
from careergraph.equivalences import (EquivalenceStep, cross_graph, cross_path_gap,
                                      read_equivalences)
from careergraph.errors import NoPath
from careergraph.gap import step_gap
from careergraph.paths import (all_paths, k_shortest_paths, leads_to, reachable, routes,
                               shortest_path)

FIXTURE = str(Path(__file__).parent / "fixtures" / "cross" / "acme.ttl")
A = "https://example.org/acme/"
PM = "https://w3id.org/careergraph/pm/"
ANALYST, ACME_PM, ACME_SPM = A + "product-analyst", A + "product-manager", A + "senior-product-manager"
LEAD, PRODUCT_LEAD = A + "lead-product-manager", A + "product-lead"
CROSS_LINE = ("Product Analyst -> Product Manager (acme) = Product Manager (pm) -> "
              "Senior Product Manager (pm) -> Director of Product -> VP of Product -> "
              "Chief Product Officer")


@pytest.fixture(scope="module")
def kg():
    from careergraph.load import load_graph

    return load_graph([FIXTURE])


@pytest.fixture(scope="module")
def cross(kg):
    return cross_graph(kg)


def ok(result):
    assert result.code == 0, result.err
    return result.out


# --- reading the equivalences ----------------------------------------------------------


def test_equivalences_are_read_both_ways_between_ladders_only(kg):
    ladders, found = read_equivalences(kg)
    pairs = {(e.one, e.other): e.relation for e in found}
    assert pairs == {
        (ACME_PM, PM + "product-manager"): "skos:exactMatch",
        (PM + "product-manager", ACME_PM): "skos:exactMatch",
        (PM + "director-of-product", PRODUCT_LEAD): "skos:closeMatch",  # as written
        (PRODUCT_LEAD, PM + "director-of-product"): "skos:closeMatch",  # and back
        (LEAD, PM + "principal-product-manager"): "cg:sameLevelAs",
        (PM + "principal-product-manager", LEAD): "cg:sameLevelAs",
    }  # Lead PM sameLevelAs Product Lead is inside one ladder; ESCO matches are no roles
    assert ladders[ACME_PM] == "acme" and ladders[PM + "product-manager"] == "pm"
    cited = {(e.one, e.other): e.sources for e in found}
    levels = ({"section": "Levels", "iri": A + "passage-levels",
               "quote": "An Acme Product Manager does what a product manager does anywhere."},)
    assert cited[ACME_PM, PM + "product-manager"] == levels == cited[PM + "product-manager", ACME_PM]
    assert cited[LEAD, PM + "principal-product-manager"] == ()  # no statement cites it


def test_the_cross_graph_keeps_the_moves_and_adds_hops(kg, cross):
    roles = kg.derived.role_graph
    assert set(roles.edges) <= set(cross.edges)
    hops = {(u, v) for u, v, kind in cross.edges(data="kind") if kind == "equivalence"}
    assert len(hops) == 6 and not hops & set(roles.edges)
    assert cross.edges[ACME_PM, PM + "product-manager"]["moves"] == 0
    assert cross.edges[ACME_PM, ACME_SPM]["moves"] == 1
    assert not any(kind == "equivalence" for *_, kind in roles.edges(data="kind"))  # untouched


# --- paths -----------------------------------------------------------------------------


def test_a_path_into_the_builtin_ladder_exists_only_across(kg, cross):
    with pytest.raises(NoPath, match="no sequence of moves leads"):
        shortest_path(kg.derived.role_graph, ANALYST, PM + "chief-product-officer")
    path = shortest_path(cross, ANALYST, PM + "chief-product-officer")
    assert arrows(cross, path) == CROSS_LINE
    assert count_moves(cross, path) == 5 == len(path) - 2  # the equivalence is no move


def test_equivalences_cost_nothing_and_constraints_let_them_through(cross):
    found = k_shortest_paths(cross, ACME_PM, PM + "vp-of-product", 5)
    assert [arrows(cross, p) for p in found] == [
        "Product Manager (acme) = Product Manager (pm) -> Senior Product Manager (pm) -> "
        "Director of Product -> VP of Product",
        "Product Manager (acme) -> Senior Product Manager (acme) -> Product Lead (acme) = "
        "Director of Product (pm) -> VP of Product"]
    assert [count_moves(cross, p) for p in found] == [3, 3]
    assert shortest_path(cross, ACME_PM, PM + "vp-of-product", kinds="promotion") == found[0]
    assert all_paths(cross, ACME_PM, PM + "vp-of-product", cutoff=3, cap=10) == found
    with pytest.raises(NoPath, match="none of at most 2 moves; the shortest has 3"):
        all_paths(cross, ACME_PM, PM + "vp-of-product", cutoff=2, cap=10)


def test_same_level_inside_one_ladder_is_no_hop(cross):
    # Lead PM = Principal PM (pm), which leads nowhere; Lead PM = Product Lead is one ladder
    with pytest.raises(NoPath):
        shortest_path(cross, LEAD, PM + "vp-of-product")
    assert not cross.has_edge(LEAD, PRODUCT_LEAD)


def test_paths_that_differ_only_by_equivalences_count_once():
    G = example_cross_graph()
    G.add_node("y-pm", label="PM", ladder="y")
    for other in ("pm", "x-pm"):  # pm = y-pm = x-pm: two ways to hop from x-pm to pm
        for u, v in (("y-pm", other), (other, "y-pm")):
            G.add_edge(u, v, kind="equivalence", relation="skos:exactMatch", moves=0)
    every = list(nx.shortest_simple_paths(G, "x-pm", "spm", weight="moves"))
    assert len({moves_of(G, p) for p in every}) < len(every)  # the hops make more simple paths
    found = k_shortest_paths(G, "x-pm", "spm", 10)
    assert len({moves_of(G, p) for p in found}) == len(found)
    assert found[0] == ["x-pm", "pm", "spm"]


def test_reachable_agrees_with_shortest_paths(cross):
    for start in (ANALYST, ACME_SPM, PRODUCT_LEAD, PM + "product-manager"):
        distances = reachable(cross, start)
        found = routes(cross, start)
        assert set(found) == set(distances)
        for role, moves in distances.items():
            assert found[role][0] == start and found[role][-1] == role
            assert count_moves(cross, found[role]) == moves
            if role != start:
                assert count_moves(cross, shortest_path(cross, start, role)) == moves
        for role in set(cross) - set(distances) - {start}:
            with pytest.raises(NoPath):
                shortest_path(cross, start, role)
    assert reachable(cross, PRODUCT_LEAD)[PM + "director-of-product"] == 0  # equivalent
    assert leads_to(cross, PM + "director-of-product")[PRODUCT_LEAD] == 0


# --- the gap along a path --------------------------------------------------------------


def test_an_equivalence_asks_nothing_and_an_exact_match_counts_as_held(kg, cross):
    path = shortest_path(cross, ANALYST, PM + "senior-product-manager")
    steps = cross_path_gap(kg, cross, path)
    assert [s.kind for s in steps] == ["promotion", "equivalence", "promotion"]
    hop = steps[1]
    assert isinstance(hop, EquivalenceStep) and hop.cost == 0
    assert (hop.from_label, hop.to_label, hop.relation, hop.meaning) == \
        ("Product Manager (acme)", "Product Manager (pm)", "skos:exactMatch", "the same job")
    assert not (hop.gain or hop.raise_ or hop.responsibilities)
    assert [p["section"] for p in hop.sources] == ["Levels"]  # the passage that states it
    # after the same job, the built-in move asks what the built-in ladder says it asks
    builtin = step_gap(kg, PM + "product-manager", PM + "senior-product-manager")
    assert [(g.label, g.level) for g in steps[2].gain] == [(g.label, g.level) for g in builtin.gain]
    assert [(r.label, r.from_level, r.to_level) for r in steps[2].raise_] == \
        [(r.label, r.from_level, r.to_level) for r in builtin.raise_]


def test_after_a_close_match_nothing_more_counts_as_held(kg, cross):
    path = [ACME_SPM, PRODUCT_LEAD, PM + "director-of-product", PM + "vp-of-product"]
    steps = cross_path_gap(kg, cross, path)
    assert steps[1].relation == "skos:closeMatch" and steps[1].meaning == "a similar job"
    builtin = step_gap(kg, PM + "director-of-product", PM + "vp-of-product")
    assert not builtin.gain and not builtin.raise_
    # the VP's skills were never shown on this way: they are to gain, not assumed held
    assert steps[2].gain and steps[2].cost > 0


# --- the commands ----------------------------------------------------------------------


def test_path_cross_says_where_it_used_an_equivalence(cli):
    out = ok(cli(["path", ANALYST, "pm:chief-product-officer", "-d", FIXTURE, "--cross"]))
    lines = out.splitlines()
    assert lines[:2] == [CROSS_LINE, "5 moves, 1 equivalence (no move)"]
    assert ("  Product Manager (acme) = Product Manager (pm): an equivalence (skos:exactMatch), "
            "not a move\n     the same job: no skill to gain or raise\n     source: [2]\n") in out
    assert '\n  [2] Levels: "An Acme Product Manager does what a product manager does anywhere."\n' \
        in out
    assert "  1. Product Analyst -> Product Manager (acme)  [promotion]" in out
    assert "  2. Product Manager (pm) -> Senior Product Manager (pm)  [promotion]" in out
    assert "  5. VP of Product -> Chief Product Officer  [promotion]" in out


def test_without_cross_nothing_changes_and_no_path_hints_at_it(cli):
    plain = ok(cli(["path", "APM", "CPO"]))
    assert ok(cli(["path", "APM", "CPO", "-d", FIXTURE])) == plain
    done = cli(["path", ANALYST, "pm:chief-product-officer", "-d", FIXTURE])
    assert done.code == 1 and done.out == ""
    assert done.err.strip() == (
        "careergraph path: no path from Product Analyst to Chief Product Officer: no sequence of "
        f"moves leads from Product Analyst to Chief Product Officer; with --cross, equivalences "
        f"between ladders lead there: {CROSS_LINE}")
    done = cli(["path", "CPO", "APM", "-d", FIXTURE])  # nothing across either: no hint
    assert done.code == 1 and "--cross" not in done.err


def test_path_cross_json_and_markdown(cli, kg, cross):
    data = json.loads(ok(cli(["path", ACME_PM, "pm:vp-of-product", "-d", FIXTURE, "--cross",
                              "--k", "2", "--format", "json"])))
    assert data["cross"] is True and data["from"] == "Product Manager (acme)"
    first, second = data["paths"]
    assert (first["moves"], first["equivalences"]) == (3, 1) == (second["moves"],
                                                                 second["equivalences"])
    hop = first["steps"][0]
    assert {key: hop[key] for key in ("kind", "relation", "meaning", "from_ladder", "to_ladder",
                                      "gain", "raise", "cost")} == {
        "kind": "equivalence", "relation": "skos:exactMatch", "meaning": "the same job",
        "from_ladder": "acme", "to_ladder": "pm", "gain": [], "raise": [], "cost": 0}
    assert first["roles"][:2] == ["Product Manager (acme)", "Product Manager (pm)"]
    assert first["gap"] == sum(step["cost"] for step in first["steps"])
    assert second["steps"][2]["relation"] == "skos:closeMatch"
    md = ok(cli(["path", ACME_PM, "pm:vp-of-product", "-d", FIXTURE, "--cross",
                 "--format", "md"]))
    assert "## Product Manager (acme) = Product Manager (pm) → Senior Product Manager (pm)" in md
    assert ("### Product Manager (acme) = Product Manager (pm) (equivalence)\n\n"
            "An equivalence (skos:exactMatch), not a move: the same job. "
            "No skill to gain or raise.\n\nSource of the equivalence: \\[") in md
    assert "### 1. Product Manager (pm) → Senior Product Manager (pm) (promotion)" in md


def test_path_cross_by_gap_takes_the_cheaper_way(cli):
    out = ok(cli(["path", ACME_PM, "pm:vp-of-product", "-d", FIXTURE, "--cross",
                  "--weight", "gap"]))
    assert out.splitlines()[0].endswith("Product Lead (acme) = Director of Product (pm) -> "
                                        "VP of Product")


def test_html_with_cross_draws_the_equivalence(cli, tmp_path):
    done = cli(["path", ACME_PM, "pm:vp-of-product", "-d", FIXTURE, "--cross",
                "--html", str(tmp_path / "p.html")])
    assert done.code == 0, done.err
    assert "Product Manager (acme) = Product Manager (pm)" in (tmp_path / "p.html").read_text(encoding="utf-8")


def test_gap_cross_shows_the_equivalence_and_the_move(cli, kg):
    out = ok(cli(["gap", ACME_PM, "pm:senior-product-manager", "-d", FIXTURE, "--cross"]))
    assert out.splitlines()[:2] == [
        "Product Manager (acme) = Product Manager (pm) -> Senior Product Manager (pm)",
        "1 move, 1 equivalence (no move)"]
    same = json.loads(ok(cli(["gap", ACME_PM, "pm:product-manager", "-d", FIXTURE, "--cross",
                              "--format", "json"])))
    assert same["step"]["kind"] == "equivalence" and same["step"]["cost"] == 0
    assert [s["kind"] for s in same["steps"]] == ["equivalence"]
    data = json.loads(ok(cli(["gap", ACME_PM, "pm:senior-product-manager", "-d", FIXTURE,
                              "--cross", "--format", "json"])))
    assert [s["kind"] for s in data["steps"]] == ["equivalence", "promotion"]
    assert data["step"]["to_role"] == PM + "senior-product-manager"
    plain = ok(cli(["gap", ACME_PM, "pm:product-manager", "-d", FIXTURE]))
    assert plain.startswith("No move leads directly")  # without --cross: compared, as before


def test_reachable_cross_lists_equivalents_with_no_move(cli):
    done = cli(["reachable", PRODUCT_LEAD, "-d", FIXTURE])
    assert done.code == 1
    assert done.err.strip().endswith("no move leads out of it; with --cross, equivalences "
                                     "between ladders lead on to 5 roles")
    out = ok(cli(["reachable", PRODUCT_LEAD, "-d", FIXTURE, "--cross"]))
    rows = [line.split() for line in out.splitlines()[4:9]]
    assert rows[0][:4] == ["0", "Director", "of", "Product"] and rows[0][-1] == "equivalence"
    assert rows[1][:4] == ["1", "VP", "of", "Product"]
    data = json.loads(ok(cli(["reachable", PRODUCT_LEAD, "-d", FIXTURE, "--cross",
                              "--format", "json"])))
    assert data["cross"] is True
    assert data["roles"][0] == {"role": "Director of Product", "iri": PM + "director-of-product",
                                "moves": 0, "ladder": "pm", "seniority": 4, "track": "management",
                                "through": [], "last_move": "equivalence"}


# --- properties on small random cross graphs -------------------------------------------


@st.composite
def cross_graphs(draw):
    n = draw(st.integers(min_value=2, max_value=7))
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    G = nx.DiGraph(kinds=("promotion", "lateral"), cross=True)
    for node in range(n):
        G.add_node(f"r{node}", label=f"Role {node}", track="a")
    for u, v in chosen:
        G.add_edge(f"r{u}", f"r{v}", kind=draw(st.sampled_from(["promotion", "lateral"])),
                   moves=1)
    free = [(u, v) for u, v in pairs if u < v and not G.has_edge(f"r{u}", f"r{v}")
            and not G.has_edge(f"r{v}", f"r{u}")]
    for u, v in draw(st.lists(st.sampled_from(free), unique=True, max_size=3)) if free else []:
        for a, b in ((u, v), (v, u)):
            G.add_edge(f"r{a}", f"r{b}", kind="equivalence", relation="skos:exactMatch", moves=0)
    return G, draw(st.sampled_from(sorted(G))), draw(st.sampled_from(sorted(G)))


@settings(max_examples=150, deadline=None)
@given(cross_graphs())
def test_fewest_moves_with_free_hops_match_dijkstra(case):
    G, source, target = case
    far = nx.single_source_dijkstra_path_length(G, source, weight="moves")
    back = nx.single_source_dijkstra_path_length(G.reverse(), source, weight="moves")
    loop = [far[u] + 1 + back[v] for u, v, moves in G.edges(data="moves")
            if moves == 1 and u in far and v in back]
    expected = {role: d for role, d in far.items() if role != source}
    if loop:
        expected[source] = min(loop)  # a walk back with at least one move
    distances = reachable(G, source)
    assert distances == {role: expected[role] for role in distances}
    assert set(distances) == set(expected)
    for role, path in routes(G, source).items():
        assert count_moves(G, path) == distances[role]
        assert all(G.has_edge(u, v) for u, v in pairwise(path))
    if target != source:
        try:
            found = k_shortest_paths(G, source, target, 4)
        except NoPath:
            assert target not in far
            return
        assert count_moves(G, found[0]) == far[target]
        assert len({moves_of(G, p) for p in found}) == len(found)
        assert [count_moves(G, p) for p in found] == sorted(count_moves(G, p) for p in found)


def test_equivalences_read_the_same_from_a_persistent_store(kg, tmp_path):
    from careergraph.load.into_store import build_store
    from careergraph.session import open_graph

    build_store(tmp_path / "store", [FIXTURE])
    stored = open_graph(store=tmp_path / "store")
    assert read_equivalences(stored) == read_equivalences(kg)
    cross = cross_graph(stored)
    assert arrows(cross, shortest_path(cross, ANALYST, PM + "chief-product-officer")) == CROSS_LINE
