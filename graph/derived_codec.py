"""The derived parts as JSON values, for the on-disk cache (:mod:`careergraph.cache`).

:meth:`careergraph.derived.Derived.export` writes each part of
:data:`careergraph.derived.STORED` with its encoder here and
:meth:`~careergraph.derived.Derived.restore` reads it back with its decoder:
plain JSON values (no pickle: reading them back cannot run code), each
checked as it is decoded, so that a damaged or foreign entry raises
``ValueError`` (or ``TypeError``/``KeyError``/``IndexError``) and is built
again from the graph instead.

Examples
--------
>>> from careergraph.load import load_graph
>>> roles = load_graph().derived.role_graph
>>> back = _decode_graph(_encode_graph(roles))
>>> sorted(back.nodes) == sorted(roles.nodes), back.edges == roles.edges
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from careergraph import errors
from careergraph.lazy_attributes import LazyAttributes
from careergraph.names import TitleIndex
from careergraph.vocabulary import Kind

if TYPE_CHECKING:
    import networkx as nx

TITLE_INDEX_FORMAT = 2
"""The layout of a stored title index (2: with the ladders and prefixes of its roles); a stored
index of another layout is built again from the graph."""

T = TypeVar("T")


def _encode_graph(graph: nx.DiGraph, *, keep_lazy: bool = False) -> dict[str, Any]:
    """A graph as JSON: its nodes, successors and predecessors in networkx's own order.

    Attributes that hold lists of objects (the source passages, which many
    nodes and edges share) hold numbers into one ``table`` instead, so each
    object is written once and shared again when read back. With
    ``keep_lazy``, a lean graph's attributes not read yet stay out (they are
    read from the store again); without, every attribute is read and written.
    """
    def plain(attributes: dict[str, Any]) -> dict[str, Any]:
        return attributes.known() if keep_lazy and isinstance(attributes, LazyAttributes) else dict(attributes)

    node_attributes = {node: plain(a) for node, a in graph.nodes(data=True)}
    edge_attributes = {(u, v): plain(a) for u, v, a in graph.edges(data=True)}
    attribute_sets = [*node_attributes.values(), *edge_attributes.values()]
    keys = {key for attributes in attribute_sets for key in attributes}
    shared = sorted(key for key in keys if all(
        isinstance(a[key], list) and all(isinstance(item, dict) for item in a[key])
        for a in attribute_sets if key in a))
    numbers: dict[int, int] = {}
    table: list[dict[str, Any]] = []

    def number(item: dict[str, Any]) -> int:
        if id(item) not in numbers:
            numbers[id(item)] = len(table)
            table.append(item)
        return numbers[id(item)]

    def share(attributes: dict[str, Any]) -> dict[str, Any]:
        if not any(key in attributes for key in shared):
            return attributes
        return {key: [number(item) for item in value] if key in shared else value
                for key, value in attributes.items()}

    attributes_of_graph = {key: list(value) if isinstance(value, tuple) else value
                           for key, value in graph.graph.items()}
    lean = keep_lazy and any(isinstance(a, LazyAttributes) for _, a in graph.nodes(data=True))
    return {"graph": attributes_of_graph, "lean": lean, "shared": shared, "table": table,
            "nodes": {node: share(attributes) for node, attributes in node_attributes.items()},
            "succ": {node: {target: share(edge_attributes[node, target]) for target in targets}
                     for node, targets in graph.succ.items()},
            "pred": {node: list(sources) for node, sources in graph.pred.items() if sources}}


def _decode_graph(data: dict[str, Any]) -> nx.DiGraph:
    """The graph :func:`_encode_graph` wrote, built straight into networkx's dicts (checked first)."""
    import networkx as nx

    nodes, table = _typed(data["nodes"], dict), _typed(data["table"], list)
    shared = [_typed(key, str) for key in _typed(data["shared"], list)]
    if not all(type(item) is dict for item in table):
        raise ValueError("not a table of objects")

    succ = _typed(data["succ"], dict)
    if list(succ) != list(nodes):
        raise ValueError("successors that do not match the nodes")
    edges = [attributes for targets in succ.values() for attributes in _typed(targets, dict).values()]
    if not all(type(attributes) is dict for attributes in (*nodes.values(), *edges)):
        raise ValueError("not attributes")
    for key in shared:  # a number that is not one raises TypeError or IndexError
        for attributes in (*nodes.values(), *edges):
            value = attributes.get(key)
            if value is not None:
                attributes[key] = [table[i] for i in value]
    pred: dict[str, dict[str, Any]] = {node: {} for node in nodes}
    for node, sources in _typed(data["pred"], dict).items():
        pred[node] = {source: succ[source][node] for source in _typed(sources, list)}
    if len(pred) != len(nodes) or sum(map(len, pred.values())) != len(edges):
        raise ValueError("predecessors that do not match the edges")
    from careergraph.project_lean import LeanDiGraph

    graph = LeanDiGraph() if data.get("lean") is True else nx.DiGraph()
    graph.graph.update({key: tuple(value) if isinstance(value, list) else value
                        for key, value in _typed(data["graph"], dict).items()})
    # networkx's documented dict-of-dicts layout; setting _node, _adj, _pred resets its views
    graph._node, graph._adj, graph._pred = nodes, succ, pred
    return nx.freeze(graph)


def _encode_index(index: TitleIndex) -> dict[str, list[Any]]:
    """A title index's attributes, each as ``[kind, value]``, and its :data:`TITLE_INDEX_FORMAT`."""
    encoded: dict[str, list[Any]] = {"format": ["plain", TITLE_INDEX_FORMAT]}
    for name, value in vars(index).items():
        if isinstance(value, type) and issubclass(value, errors.NotFound):
            encoded[name] = ["error", value.__name__]
        elif isinstance(value, dict) and all(isinstance(v, set) for v in value.values()):
            encoded[name] = ["sets", {key: sorted(v) for key, v in value.items()}]
        elif isinstance(value, list) and all(isinstance(v, tuple) for v in value):
            encoded[name] = ["tuples", value]
        elif isinstance(value, (dict, list, str, int, float, bool)) or value is None:
            encoded[name] = ["plain", value]
        else:
            raise TypeError(f"a title index attribute {name} of type {type(value).__name__}")
    return encoded


def _decode_index(data: dict[str, list[Any]]) -> TitleIndex:
    data = dict(_typed(data, dict))
    if data.pop("format", None) != ["plain", TITLE_INDEX_FORMAT]:
        raise ValueError("a title index of another format")
    if set(data) != set(vars(TitleIndex([]))):
        raise ValueError("not the attributes of a title index")
    index = TitleIndex.__new__(TitleIndex)
    for name, (kind, value) in data.items():
        if kind == "error":
            value = getattr(errors, _typed(value, str))
            if not (isinstance(value, type) and issubclass(value, errors.NotFound)):
                raise ValueError("not a not-found error")
        elif kind == "sets":
            if not all(type(v) is list for v in _typed(value, dict).values()):
                raise ValueError("not lists")  # set("abc") of a string would pass unseen
            value = {key: set(v) for key, v in value.items()}
        elif kind == "tuples":
            value = [tuple(v) for v in _typed(value, list)]
        elif kind != "plain":
            raise ValueError(f"unknown kind {kind!r}")
        setattr(index, name, value)
    ladders, namespaces = _typed(index._ladders, dict), _typed(index._namespaces, dict)
    if not all(type(names) is list and all(type(n) is str for n in names) for names in ladders.values()) \
            or not all(type(ns) is str for ns in namespaces.values()) or index._default is not None:
        raise ValueError("not the ladders and prefixes of a title index")
    return index


def _decode_kinds(data: list[dict[str, Any]]) -> tuple[Kind, ...]:
    kinds = tuple(Kind(**_typed(kind, dict)) for kind in _typed(data, list))
    if not all(type(kind.name) is str and type(kind.iri) is str for kind in kinds):
        raise ValueError("not kinds")
    return kinds


def _decode_scale(data: list[list[Any]]) -> Mapping[int, str]:
    return MappingProxyType({_typed(level, int): _typed(name, str) for level, name in _typed(data, list)})


def _decode_importances(data: list[str]) -> tuple[str, ...]:
    return tuple(_typed(name, str) for name in _typed(data, list))


def _typed(value: Any, kind: type[T]) -> T:
    """``value`` when it is exactly of type ``kind``; otherwise ValueError."""
    if type(value) is not kind:
        raise ValueError(f"not a {kind.__name__}")
    return value


_ENCODE: dict[str, Callable[[Any], Any]] = {
    "role_graph": _encode_graph, "skill_graph": _encode_graph,
    "titles": _encode_index, "skills": _encode_index,
    "proficiency_scale": lambda scale: [[level, name] for level, name in scale.items()],
    "kinds": lambda kinds: [asdict(kind) for kind in kinds],
    "importances": list, "framework_levels": bool,
}

_DECODE: dict[str, Callable[[Any], Any]] = {
    "role_graph": _decode_graph, "skill_graph": _decode_graph,
    "titles": _decode_index, "skills": _decode_index,
    "proficiency_scale": _decode_scale, "kinds": _decode_kinds, "importances": _decode_importances,
    "framework_levels": lambda value: _typed(value, bool),
}
