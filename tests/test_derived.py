"""careergraph.derived and careergraph.vocabulary: one read-only object per graph; the vocabulary from the ontology."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from careergraph.gap import proficiency_scale, with_gap_costs
from careergraph.load import load_graph
from careergraph.namespaces import PM
from careergraph.paths import check_constraints
from careergraph.project import role_graph, role_requirements, skill_graph
from careergraph.vocabulary import read_kinds, read_proficiency_scale

ACME = "https://example.org/acme/derived/"

TWO_MOVES = f"""@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <{PM}> .
@prefix acme: <{ACME}> .

acme:up a cg:Transition ; cg:fromRole pm:vp-of-product ; cg:toRole pm:product-manager ;
    cg:transitionKind cg:Promotion .
acme:out a cg:Transition ; cg:fromRole pm:vp-of-product ; cg:toRole pm:product-manager ;
    cg:transitionKind cg:Exit .
"""

EXIT_FIRST = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
cg:Exit cg:kindOrder 0 .
"""


def test_the_graphs_are_frozen_and_the_mappings_read_only():
    kg = load_graph()
    for graph in (role_graph(kg), skill_graph(kg)):
        assert nx.is_frozen(graph)
        with pytest.raises(nx.NetworkXError):
            graph.add_edge("a", "b")
        with pytest.raises(nx.NetworkXError):
            graph.remove_node(next(iter(graph)))
    with pytest.raises(TypeError):
        proficiency_scale(kg)[6] = "guru"  # type: ignore[index]
    vp = PM + "vp-of-product"
    _, need, skill = role_requirements(kg, vp)[0]
    with pytest.raises(TypeError):
        need["proficiency"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        skill["label"] = "x"  # type: ignore[index]


def test_one_object_per_graph_built_lazily_and_dropped_by_clear():
    kg = load_graph()
    assert kg.derived is kg.derived and kg.derived.built == frozenset()
    role_graph(kg)
    assert "role_graph" in kg.derived.built and "skill_graph" not in kg.derived.built
    role_requirements(kg, PM + "vp-of-product")  # one role's requirements: not the whole skill graph
    assert "skill_graph" not in kg.derived.built
    first = role_graph(kg)
    assert role_graph(kg) is first
    kg.derived.clear()
    assert kg.derived.built == frozenset()
    assert role_graph(kg) is not first and nx.utils.graphs_equal(role_graph(kg), first)


def test_gap_costs_go_on_a_copy():
    kg = load_graph()
    costs = with_gap_costs(kg)
    assert not nx.is_frozen(costs)
    assert all("gap_cost" in data for *_, data in costs.edges(data=True))
    assert not any("gap_cost" in data for *_, data in role_graph(kg).edges(data=True))


def test_the_kinds_come_from_the_ontology_in_its_order(builtin_graph):
    kinds = read_kinds(builtin_graph)
    assert [kind.name for kind in kinds] == ["promotion", "branch", "lateral", "exit", "entry", "track switch"]
    assert [kind.order for kind in kinds] == [1, 2, 3, 4, 5, 6]
    assert [kind.name for kind in kinds if kind.between_roles] == ["promotion", "branch", "lateral", "exit",
                                                                     "track switch"]
    assert role_graph(builtin_graph).graph["kinds"] == ("promotion", "branch", "lateral", "exit", "track switch")
    assert builtin_graph.derived.kind_order[-2:] == ("entry", "track switch")


def test_the_importances_come_from_the_ontology_and_order_the_skills(builtin_graph):
    from careergraph.gap import step_gap

    assert builtin_graph.derived.importances == ("core", "supporting")
    step = step_gap(builtin_graph, PM + "product-manager", PM + "senior-product-manager")
    ranks = [builtin_graph.derived.importances.index(g.importance) for g in step.gain]
    assert ranks == sorted(ranks)


def test_the_kind_order_decides_which_move_a_pair_keeps(tmp_path):
    moves = tmp_path / "moves.ttl"
    moves.write_text(TWO_MOVES, encoding="utf-8")
    order = tmp_path / "order.ttl"
    order.write_text(EXIT_FIRST, encoding="utf-8")
    edge = (PM + "vp-of-product", PM + "product-manager")
    assert role_graph(load_graph([moves])).edges[edge]["kind"] == "promotion"
    reordered = load_graph([moves, order])
    assert role_graph(reordered).edges[edge]["kind"] == "exit"
    assert role_graph(reordered).graph["kinds"][0] == "exit"
    with pytest.raises(Exception, match="the kinds are exit, promotion, branch, lateral"):
        check_constraints(role_graph(reordered), kinds="sideways")


def test_a_graph_without_the_built_in_files_still_knows_the_vocabulary(tmp_path):
    layer = tmp_path / "moves.ttl"
    layer.write_text(TWO_MOVES, encoding="utf-8")
    bare = load_graph([layer], builtin=False)
    assert dict(read_proficiency_scale(bare)) == {1: "awareness", 2: "working knowledge",
                                                  3: "practitioner", 4: "advanced", 5: "expert"}
    assert [kind.name for kind in read_kinds(bare)][:2] == ["promotion", "branch"]


def test_export_and_restore_keep_the_parts_read_only(builtin_graph):
    parts = json.loads(json.dumps(builtin_graph.derived.export()))  # plain JSON values
    fresh = load_graph()
    fresh.derived.restore(parts)
    assert nx.is_frozen(fresh.derived.role_graph) and nx.is_frozen(fresh.derived.skill_graph)
    with pytest.raises(TypeError):
        fresh.derived.proficiency_scale[1] = "x"  # type: ignore[index]
    assert vars(fresh.derived.titles) == vars(builtin_graph.derived.titles)
    for name in ("role_graph", "skill_graph"):
        restored, built = getattr(fresh.derived, name), getattr(builtin_graph.derived, name)
        assert list(restored.nodes(data=True)) == list(built.nodes(data=True))
        assert list(restored.edges(data=True)) == list(built.edges(data=True))
        assert restored.graph == built.graph
