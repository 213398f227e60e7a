"""careergraph.paths: path answers on the built-in ladder, constraints, SPARQL consistency, properties."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from careergraph import paths
from careergraph.errors import CareerGraphError, NoPath, RoleNotFound
from careergraph.load import load_graph
from careergraph.namespaces import PM
from careergraph.project import role_graph

LADDER = ["associate-product-manager", "product-manager", "senior-product-manager",
          "director-of-product", "vp-of-product", "chief-product-officer"]

ACME = "https://example.org/acme/paths/"

LOOP_LAYER = f"""@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <{PM}> .
@prefix acme: <{ACME}> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

acme:analyst a cg:Role ; skos:prefLabel "Product Analyst"@en ; cg:seniority 2 ;
    cg:track cg:IndividualContributor .
acme:ops a cg:Role ; skos:prefLabel "Product Operations Manager"@en ; cg:seniority 2 ;
    cg:track cg:Management .
acme:staff a cg:Role ; skos:prefLabel "Staff Product Manager"@en ; cg:seniority 4 ;
    cg:track cg:IndividualContributor .
acme:island a cg:Role ; skos:prefLabel "Island Role"@en ; cg:seniority 1 ;
    cg:track cg:IndividualContributor .

# a lateral loop: product manager -> analyst -> ops -> product manager
acme:m1 a cg:Transition ; cg:fromRole pm:product-manager ; cg:toRole acme:analyst ;
    cg:transitionKind cg:Lateral .
acme:m2 a cg:Transition ; cg:fromRole acme:analyst ; cg:toRole acme:ops ;
    cg:transitionKind cg:Lateral .
acme:m3 a cg:Transition ; cg:fromRole acme:ops ; cg:toRole pm:product-manager ;
    cg:transitionKind cg:Lateral .
acme:m4 a cg:Transition ; cg:fromRole pm:senior-product-manager ; cg:toRole acme:staff ;
    cg:transitionKind cg:Promotion .
acme:m5 a cg:Transition ; cg:fromRole acme:staff ; cg:toRole pm:vp-of-product ;
    cg:transitionKind cg:Promotion .
"""


@pytest.fixture(scope="module")
def roles(builtin_graph):
    return role_graph(builtin_graph)


@pytest.fixture(scope="module")
def loop_graph(tmp_path_factory):
    layer = tmp_path_factory.mktemp("layers") / "loop.ttl"
    layer.write_text(LOOP_LAYER, encoding="utf-8")
    return load_graph([layer])


def labels(G, path):
    return [G.nodes[n]["label"] for n in path]


# --- the built-in ladder ---------------------------------------------------------


def test_associate_to_cpo_is_the_six_role_ladder(roles):
    path = paths.shortest_path(roles, PM + LADDER[0], PM + LADDER[-1])
    assert path == [PM + name for name in LADDER]
    assert labels(roles, path) == ["Associate Product Manager", "Product Manager",
                                   "Senior Product Manager", "Director of Product",
                                   "VP of Product", "Chief Product Officer"]


def test_product_owner_to_coo_passes_the_cpo(builtin_graph, roles):
    from careergraph.names import TitleIndex

    titles = TitleIndex.for_graph(builtin_graph)
    path = paths.shortest_path(roles, titles.resolve("Product Owner"), titles.resolve("COO"))
    assert labels(roles, path)[-2:] == ["Chief Product Officer", "Chief Operating Officer"]
    assert path[:6] == [PM + name for name in LADDER]


def test_reachable_from_senior_pm_lists_branches_ladder_and_exits(roles):
    found = paths.reachable(roles, PM + "senior-product-manager")
    assert {roles.nodes[r]["label"]: d for r, d in found.items()} == {
        "Group Product Manager": 1, "Principal Product Manager": 1, "Director of Product": 1,
        "VP of Product": 2, "Chief Product Officer": 3,
        "General Manager": 4, "Chief Operating Officer": 4}
    assert list(found.values()) == sorted(found.values())


def test_leads_to_the_cpo_is_the_ladder_below(roles):
    found = paths.leads_to(roles, PM + "chief-product-officer")
    assert found == {PM + name: 5 - i for i, name in enumerate(LADDER[:-1])}


def test_kinds_constraint_excludes_the_branches(roles):
    with pytest.raises(NoPath) as caught:
        paths.shortest_path(roles, PM + "product-manager", PM + "group-product-manager",
                            kinds=["promotion"])
    assert caught.value.constrained
    assert "the constraints (kinds promotion) exclude every path" in str(caught.value)
    assert "without them: Product Manager -> Senior Product Manager -> Group Product Manager" \
        in str(caught.value)
    assert paths.shortest_path(roles, PM + "product-manager", PM + "group-product-manager",
                               kinds="promotion,branch")[-1] == PM + "group-product-manager"


def test_no_move_leads_to_the_ceo(roles):
    with pytest.raises(NoPath) as caught:
        paths.shortest_path(roles, PM + "product-manager", PM + "chief-executive-officer")
    assert not caught.value.constrained
    assert str(caught.value).endswith("no move leads to Chief Executive Officer at all")


def test_no_way_down_the_ladder(roles):
    with pytest.raises(NoPath, match="no sequence of moves leads from Director of Product "
                                     "to Product Manager"):
        paths.shortest_path(roles, PM + "director-of-product", PM + "product-manager")


def test_track_constraint_exempts_the_two_ends(roles):
    # the ladder from a PM (individual contributor) to the VP (executive) passes the Director
    # (management): on the management track only the Director lies between
    path = paths.shortest_path(roles, PM + "senior-product-manager", PM + "vp-of-product",
                               track="Management")
    assert labels(roles, path) == ["Senior Product Manager", "Director of Product", "VP of Product"]
    with pytest.raises(NoPath, match="track individual contributor"):
        paths.shortest_path(roles, PM + "senior-product-manager", PM + "vp-of-product",
                            track="individual contributor")
    iri = roles.nodes[PM + "director-of-product"]["track_iri"]
    assert paths.shortest_path(roles, PM + "senior-product-manager", PM + "vp-of-product",
                               track=iri) == path


def test_avoid_and_via(roles):
    with pytest.raises(NoPath, match=r"avoiding Director of Product\) exclude every path"):
        paths.shortest_path(roles, PM + "product-manager", PM + "vp-of-product",
                            avoid=[PM + "director-of-product"])
    path = paths.shortest_path(roles, PM + "product-manager", PM + "chief-product-officer",
                               via=PM + "vp-of-product")
    assert path[-2] == PM + "vp-of-product"
    with pytest.raises(NoPath, match="through Principal Product Manager"):
        paths.shortest_path(roles, PM + "product-manager", PM + "director-of-product",
                            via=PM + "principal-product-manager")


def test_bad_constraints_are_usage_errors(roles):
    source, target = PM + "product-manager", PM + "vp-of-product"
    with pytest.raises(CareerGraphError, match="unknown kind of move 'promtion'"):
        paths.shortest_path(roles, source, target, kinds=["promtion"])
    with pytest.raises(CareerGraphError, match="unknown track 'sales'; the tracks are "
                                               "executive, individual contributor, management"):
        paths.shortest_path(roles, source, target, track="sales")
    with pytest.raises(CareerGraphError, match="cannot avoid Product Manager"):
        paths.shortest_path(roles, source, target, avoid=[source])
    with pytest.raises(CareerGraphError, match="cannot weigh moves by 'gap'"):
        paths.shortest_path(roles, source, target, weight="gap")
    with pytest.raises(RoleNotFound):
        paths.shortest_path(roles, source, PM + "astronaut")
    with pytest.raises(RoleNotFound):
        paths.reachable(roles, source, avoid=[PM + "astronaut"])
    with pytest.raises(CareerGraphError, match="must be 1 or more"):
        paths.k_shortest_paths(roles, source, target, 0)
    with pytest.raises(CareerGraphError, match="cutoff"):
        paths.all_paths(roles, source, target, cutoff=0, cap=3)


def test_errors_are_the_networkx_and_lookup_kinds(roles):
    assert issubclass(NoPath, LookupError) and issubclass(NoPath, CareerGraphError)


# --- consistency with SPARQL property paths ----------------------------------------


def _sparql_reachable(kg, role):
    rows = kg.rdflib_graph().query("SELECT DISTINCT ?to WHERE { ?from cg:canMoveTo+ ?to }",
                          initNs={"cg": "https://w3id.org/careergraph/ontology#"},
                          initBindings={"from": URIRef(role)})
    return {str(row.to) for row in rows}


def _sparql_leading(kg, role):
    rows = kg.rdflib_graph().query("SELECT DISTINCT ?from WHERE { ?from cg:canMoveTo+ ?to }",
                          initNs={"cg": "https://w3id.org/careergraph/ontology#"},
                          initBindings={"to": URIRef(role)})
    return {str(row["from"]) for row in rows}


@pytest.mark.parametrize("which", ["builtin", "loop"])
def test_reachability_equals_sparql_property_paths(which, builtin_graph, loop_graph):
    kg = builtin_graph if which == "builtin" else loop_graph
    G = role_graph(kg)
    assert G.number_of_edges() == (9 if which == "builtin" else 14)
    for role in G:
        assert set(paths.reachable(G, role)) == _sparql_reachable(kg, role), role
        assert set(paths.leads_to(G, role)) == _sparql_leading(kg, role), role


def test_the_lateral_loop_leads_back(loop_graph):
    G = role_graph(loop_graph)
    found = paths.reachable(G, PM + "product-manager")
    assert found[PM + "product-manager"] == 3  # pm -> analyst -> ops -> pm
    assert found[ACME + "analyst"] == 1 and found[ACME + "ops"] == 2
    assert ACME + "island" not in found
    assert PM + "product-manager" in _sparql_reachable(loop_graph, PM + "product-manager")
    top = paths.k_shortest_paths(G, ACME + "analyst", PM + "vp-of-product", 5)
    assert [len(p) - 1 for p in top] == [5, 5]  # through the Director, or the Staff PM
    assert all(len(set(p)) == len(p) for p in top)


def test_distances_equal_breadth_first_search(loop_graph):
    G = role_graph(loop_graph)
    for role in G:
        expected = nx.single_source_shortest_path_length(G, role)
        expected.pop(role)
        found = paths.reachable(G, role)
        found.pop(role, None)
        assert found == expected


# --- properties on small random graphs ---------------------------------------------

KIND_NAMES = list(paths.example_graph().graph["kinds"])  # the kinds, as role_graph lists them


@st.composite
def small_graphs(draw):
    n = draw(st.integers(min_value=2, max_value=7))
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    G = nx.DiGraph(kinds=tuple(KIND_NAMES))
    for node in range(n):
        G.add_node(f"r{node}", label=f"Role {node}",
                   track=draw(st.sampled_from(["a", "b"])))
    for u, v in chosen:
        G.add_edge(f"r{u}", f"r{v}", kind=draw(st.sampled_from(KIND_NAMES)),
                   gap_cost=draw(st.integers(min_value=0, max_value=5)))
    source, target = draw(st.sampled_from(sorted(G))), draw(st.sampled_from(sorted(G)))
    return G, source, target


def _edges_of(path):
    return list(itertools.pairwise(path))


@settings(max_examples=150, deadline=None)
@given(small_graphs())
def test_a_path_is_found_exactly_when_one_exists(case):
    G, source, target = case
    try:
        path = paths.shortest_path(G, source, target)
    except NoPath as error:
        assert not nx.has_path(G, source, target)
        assert not error.constrained
        return
    assert nx.has_path(G, source, target)
    assert path[0] == source and path[-1] == target
    assert all(G.has_edge(u, v) for u, v in _edges_of(path))
    assert len(path) - 1 == nx.shortest_path_length(G, source, target)


@settings(max_examples=150, deadline=None)
@given(small_graphs(), st.sets(st.sampled_from(KIND_NAMES), min_size=1))
def test_kinds_keep_to_the_kinds(case, kinds):
    G, source, target = case
    allowed = nx.DiGraph([(u, v) for u, v, k in G.edges(data="kind") if k in kinds])
    allowed.add_nodes_from(G)
    try:
        path = paths.shortest_path(G, source, target, kinds=kinds)
    except NoPath:
        assert not nx.has_path(allowed, source, target)
        return
    assert all(G.edges[u, v]["kind"] in kinds for u, v in _edges_of(path))
    assert len(path) - 1 == nx.shortest_path_length(allowed, source, target)


@settings(max_examples=150, deadline=None)
@given(small_graphs(), st.sampled_from(["a", "b"]))
def test_track_keeps_the_inner_roles_on_it(case, track):
    G, source, target = case
    if track not in {G.nodes[n]["track"] for n in G}:
        with pytest.raises(CareerGraphError, match=f"unknown track '{track}'"):
            paths.shortest_path(G, source, target, track=track)
        return
    inner_ok = [p for p in nx.all_simple_paths(G, source, target)
                if all(G.nodes[n]["track"] == track for n in p[1:-1])]
    try:
        path = paths.shortest_path(G, source, target, track=track)
    except NoPath:
        assert not inner_ok and source != target
        return
    assert all(G.nodes[n]["track"] == track for n in path[1:-1])
    assert all(G.has_edge(u, v) for u, v in _edges_of(path))
    if source != target:
        assert len(path) == min(len(p) for p in inner_ok)
        assert set(paths.reachable(G, source, track=track)) >= {target}
        assert set(paths.leads_to(G, target, track=track)) >= {source}


@settings(max_examples=100, deadline=None)
@given(small_graphs(), st.integers(min_value=0, max_value=6))
def test_via_and_avoid_match_brute_force(case, pick):
    G, source, target = case
    others = sorted(set(G) - {source, target})
    if not others:
        return
    via, avoid = others[pick % len(others)], others[(pick + 1) % len(others)]
    simple = list(nx.all_simple_paths(G, source, target)) if source != target else [[source]]
    through = [p for p in simple if via in p]
    try:
        path = paths.shortest_path(G, source, target, via=via)
    except NoPath:
        assert not through
    else:
        assert via in path and len(path) == min(len(p) for p in through)
        assert len(set(path)) == len(path)
    if avoid != via:
        clear = [p for p in simple if avoid not in p]
        try:
            path = paths.shortest_path(G, source, target, avoid=[avoid])
        except NoPath:
            assert not clear
        else:
            assert avoid not in path and len(path) == min(len(p) for p in clear)


@settings(max_examples=100, deadline=None)
@given(small_graphs(), st.integers(min_value=1, max_value=4))
def test_k_shortest_and_all_paths_are_real_distinct_and_ordered(case, k):
    G, source, target = case
    if source == target or not nx.has_path(G, source, target):
        return
    best = paths.k_shortest_paths(G, source, target, k, weight="gap")
    costs = [sum(G.edges[e]["gap_cost"] for e in _edges_of(p)) for p in best]
    assert costs == sorted(costs) and len(best) <= k
    assert len({tuple(p) for p in best}) == len(best)
    assert all(G.has_edge(u, v) for p in best for u, v in _edges_of(p))
    expected = {tuple(p) for p in nx.all_simple_paths(G, source, target, cutoff=3)}
    if expected:
        found = paths.all_paths(G, source, target, cutoff=3, cap=1000)
        assert {tuple(p) for p in found} == expected
        assert [len(p) for p in found] == sorted(len(p) for p in found)
        capped = paths.all_paths(G, source, target, cutoff=3, cap=2)
        assert capped == found[:2]


@settings(max_examples=100, deadline=None)
@given(small_graphs())
def test_reachable_and_leads_to_mirror_each_other(case):
    G, source, _ = case
    forward = paths.reachable(G, source)
    expected = set(nx.descendants(G, source))
    if any(nx.has_path(G, s, source) for s in G.successors(source)):
        expected.add(source)
    assert set(forward) == expected
    for other in G:
        assert (other in forward) == (source in paths.leads_to(G, other))


def test_example_graph_is_what_the_doctests_say():
    G = paths.example_graph()
    assert sorted(itertools.chain.from_iterable(G.edges)) and nx.number_of_selfloops(G) == 0
    assert paths.reachable(G, "retired") == {} and paths.leads_to(G, "apm") == {}
