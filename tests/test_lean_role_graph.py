"""The lean role graph (careergraph.project_lean) is the eager one, read on demand.

For the built-in ladder, ACME, the two real company ladders, the O*NET cut and a
synthetic graph, on rdflib and on a persistent store, every node and edge of the
lean graph has exactly the attributes careergraph.project.build_role_graph gives;
a path search reads nothing but the roles and moves, and an answer reads only the
roles it shows; copies stay lazy; the on-disk cache keeps a store's lean graph lean.
"""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from careergraph.importers.onet import import_onet
from careergraph.lazy_attributes import LazyAttributes
from careergraph.load import load_graph
from careergraph.load.into_store import build_store
from careergraph.paths import reachable, shortest_path
from careergraph.project import build_role_graph
from careergraph.project_lean import LeanDiGraph, lean_role_graph
from careergraph.session import open_graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from synthetic import role_title, write_ntriples  # noqa: E402

EXAMPLES = ROOT / "ontology" / "examples"
PM = "https://w3id.org/careergraph/pm/"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, list[Path]]:
    """The data sets, as files careergraph loads over the built-in graph."""
    folder = tmp_path_factory.mktemp("lean")
    synthetic = folder / "synthetic.nt"
    write_ntriples(synthetic, families=16, levels=8, skills=12, requirements=3)
    onet = folder / "onet.ttl"
    import_onet(ROOT / "tests" / "fixtures" / "onet").serialize(onet, format="turtle", encoding="utf-8")
    own_kind = folder / "own-kind.ttl"  # a kind with no shortcut property, two moves between two roles
    own_kind.write_text("""@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix ex: <http://example.org/> .
ex:Secondment a cg:TransitionKind .
ex:m1 a cg:Transition ; cg:fromRole pm:product-manager ; cg:toRole pm:director-of-product ;
    cg:transitionKind ex:Secondment .
ex:m0 a cg:Transition ; cg:fromRole pm:product-manager ; cg:toRole pm:director-of-product ;
    cg:transitionKind ex:Secondment .
ex:m2 a cg:Transition ; cg:fromRole pm:vp-of-product ; cg:toRole pm:product-manager ;
    cg:transitionKind ex:Secondment .
""", encoding="utf-8")
    return {"built-in": [], "acme": [EXAMPLES / "acme-ladder.ttl"], "synthetic": [synthetic],
            "onet": [onet], "own kind": [own_kind]}


def _eager(kg):
    moves = tuple(kind.name for kind in kg.derived.kinds if kind.between_roles)
    return build_role_graph(kg, kg.derived._sources("roles"), moves)


def _comparable(graph: nx.DiGraph):
    nodes = {node: _sorted_sources(dict(data)) for node, data in graph.nodes(data=True)}
    edges = {(u, v): _sorted_sources(dict(data)) for u, v, data in graph.edges(data=True)}
    return dict(graph.graph), nodes, edges


def _sorted_sources(data: dict) -> dict:
    if "sources" in data:
        data["sources"] = sorted(data["sources"], key=lambda p: tuple(str(v) for v in p.values()))
    return data


@pytest.mark.parametrize("name", ["built-in", "acme", "synthetic", "onet", "own kind"])
@pytest.mark.parametrize("backend", ["memory", "store"])
def test_the_lean_graph_has_the_eager_graphs_attributes(files, name, backend, tmp_path):
    if backend == "memory":
        kg = load_graph(files[name])
    else:
        build_store(tmp_path / "store", files[name])
        kg = open_graph(store=tmp_path / "store")
    lean = lean_role_graph(kg, kg.derived.kinds)
    eager = _eager(kg)
    assert isinstance(lean, LeanDiGraph)
    assert list(lean.nodes) == list(eager.nodes)
    assert set(lean.edges) == set(eager.edges)
    assert _comparable(lean) == _comparable(eager)


def test_a_path_reads_only_the_roles_it_shows(files, tmp_path):
    build_store(tmp_path / "store", files["synthetic"])
    kg = open_graph(store=tmp_path / "store")
    graph = kg.derived.role_graph
    start, end = role_title(0, 1), role_title(3, 5)
    titles = kg.derived.titles
    path = shortest_path(graph, titles.resolve(start), titles.resolve(end))
    read = {node for node, data in graph.nodes(data=True) if "label" not in data.pending}
    assert read == set()  # the search itself read no role
    shown = [graph.nodes[node]["label"] for node in path]
    assert shown[0] == start and shown[-1] == end
    read = {node for node, data in graph.nodes(data=True) if "label" not in data.pending}
    assert read == set(path)
    assert all(data.pending == {"transition", "sources"} for *_, data in graph.edges(data=True))


def test_reachable_reads_labels_not_details(files, tmp_path):
    build_store(tmp_path / "store", files["synthetic"])
    kg = open_graph(store=tmp_path / "store")
    graph = kg.derived.role_graph
    found = reachable(graph, kg.derived.titles.resolve(role_title(0, 3)))
    assert len(found) > 50  # ordered by distance, then label: every label shown was read, nothing else
    assert all(graph.nodes[node].pending == {"seniority", "track", "track_iri", "alt_labels", "definition",
                                              "sources", "responsibilities"} for node in found)
    eager = _eager(kg)  # read in one query per 2,000 roles: the same labels
    assert {node: graph.nodes[node]["label"] for node in found} == \
        {node: eager.nodes[node]["label"] for node in found}


def test_a_copy_stays_lazy_and_equal(files):
    kg = load_graph(files["acme"])
    graph = kg.derived.role_graph
    copy = graph.copy()
    assert type(copy) is LeanDiGraph and not nx.is_frozen(copy)
    assert all(isinstance(data, LazyAttributes) and "label" in data.pending
               for _, data in copy.nodes(data=True))
    copy.add_edge(PM + "product-manager", PM + "vp-of-product", kind="promotion")
    assert not graph.has_edge(PM + "product-manager", PM + "vp-of-product")
    assert _comparable(nx.DiGraph(copy))[1] == _comparable(graph)[1]
    for u, v in graph.edges:
        assert copy.succ[u][v] is copy.pred[v][u]  # one dict per edge, as networkx keeps it


def test_a_store_without_derived_moves_gets_the_eager_graph(tmp_path):
    from rdflib import URIRef

    from careergraph.namespaces import CG

    kg = load_graph()
    graph = kg.rdflib_graph()
    for shortcut in ("promotesTo", "branchesTo", "exitsTo", "lateralTo", "switchesTrackTo"):
        graph.remove((None, URIRef(CG + shortcut), None))
    kg.derived.clear()
    assert lean_role_graph(kg, kg.derived.kinds) is None
    built = kg.derived.role_graph
    assert type(built) is not LeanDiGraph and built.has_edge(PM + "product-manager",
                                                         PM + "senior-product-manager")


def test_the_cache_keeps_a_stores_graph_lean(files, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CAREERGRAPH_NO_CACHE", raising=False)
    build_store(tmp_path / "store", files["acme"])
    first = open_graph(store=tmp_path / "store")
    from careergraph import cache

    assert not cache.attach_store(first, first.store)  # none yet: one is written
    expected = _comparable(first.derived.role_graph)
    assert "skill_graph" not in first.derived.built
    again = open_graph(store=tmp_path / "store")
    assert cache.attach_store(again, again.store)
    graph = again.derived.role_graph
    assert type(graph) is LeanDiGraph  # the labels are in the entry; the rest is read when shown
    assert all("label" not in data.pending and "definition" in data.pending for _, data in graph.nodes(data=True))
    assert _comparable(graph) == expected


def test_the_cache_of_an_rdflib_graph_holds_every_attribute(files):
    from careergraph.derived_codec import _decode_graph, _encode_graph

    kg = load_graph(files["acme"])
    written = _encode_graph(kg.derived.role_graph)
    assert written["lean"] is False
    back = _decode_graph(written)
    assert type(back) is nx.DiGraph
    assert _comparable(back) == _comparable(_eager(kg))


def test_lazy_attributes_behave_as_the_dict_they_stand_for():
    reads = []

    def load(group):
        reads.append(group)
        return {"label": "PM", "sources": []} if group == "one" else {"track": "ic"}

    groups = {"label": "one", "sources": "one", "track": "two"}
    first, second = LazyAttributes({"kind": "x"}, groups, load), LazyAttributes({"kind": "x"}, groups, load)
    assert (first != second) is False  # both read in full, then compared (dict's own != would not)
    assert first == second
    assert first == {"kind": "x", "label": "PM", "sources": [], "track": "ic"}
    third = LazyAttributes({"kind": "x"}, groups, load)
    third["label"] = "set by hand"  # a value set wins and is never read
    assert third != first and third["label"] == "set by hand" and len(third) == 4
    assert groups == {"label": "one", "sources": "one", "track": "two"}  # the shared groups are untouched
    fourth = LazyAttributes({"kind": "x"}, groups, load)
    copy = fourth.copy()
    assert copy.pending == fourth.pending == {"label", "sources", "track"}
    assert copy.pop("track") == "ic" and "track" not in copy and "track" in fourth.pending
    assert dict(copy) == {"kind": "x", "label": "PM", "sources": []}
    import pickle

    assert pickle.loads(pickle.dumps(fourth)) == {"kind": "x", "label": "PM", "sources": [], "track": "ic"}
