"""The query view: the graph a SPARQL CONSTRUCT query returns.

When the answer has roles (nodes it types ``cg:Role``) with a seniority (the
answer's ``cg:seniority``, else the loaded graph's), they are laid out as the
ladder view lays them out: by seniority (entry level at the bottom), ladder
(lanes) and track. Any other node is left to vis-network's physics, which
settles once and is then switched off; an answer without roles is all physics.

Examples
--------
>>> from careergraph.load import load_graph
>>> query_view(load_graph(), "CONSTRUCT { ?a cg:exitsTo ?b } WHERE { ?a cg:exitsTo ?b }")
<View 'Query result': 3 nodes, 2 edges>
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError
from careergraph.namespaces import CG, PREFIXES, RDF, SKOS, shorten
from careergraph.sparql.queries import find_query, prepare_query, run_prepared
from careergraph.views.lanes import ladder_lanes
from careergraph.views.layout import ladder_positions
from careergraph.views.page import Page, View, render
from careergraph.views.parts import box, box_swatch
from careergraph.views.routes import bend_edges, box_size
from careergraph.views.style import LINK, LINK_HOVER, NO_TRACK, TYPE_COLORS, Colors, hover_color
from careergraph.views.text import layers_text

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

MAX_QUERY_NODES = 2000
"""The most nodes a query view draws; more would not be readable."""


def query_view(kg: CareerGraph, query: str | Path, *, title: str | None = None,
               timeout: float | None = None) -> View:
    """The graph a SPARQL CONSTRUCT query returns.

    IRIs and blank nodes become nodes (coloured by ``rdf:type``, labelled by
    ``skos:prefLabel`` or ``rdfs:label`` from the result or the loaded
    graph); triples between them become edges labelled by the property;
    literal values go into the node's tooltip; ``rdf:type`` gives the colour
    rather than an edge. Roles (typed ``cg:Role`` in the answer) with a
    seniority are placed by seniority, ladder and track, as in the ladder
    view; other nodes settle once by physics and then stay still.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph, queried and used for labels.
    query : str or Path
        SPARQL text, a ``.rq`` file or the name of a named query
        (:func:`careergraph.sparql.queries.find_query`); it must be a CONSTRUCT.
    title : str, optional
        The page's title (default: the query's ``# Title:`` or "Query result").
    timeout : float, optional
        Seconds the query may run.

    Returns
    -------
    View
        One node per IRI or blank node of the result, one edge per triple between two of them.

    Raises
    ------
    CareerGraphError
        The query is not a CONSTRUCT, or is refused by
        :func:`careergraph.sparql.guard.check_query` (updates, LOAD,
        SERVICE, FROM), or does not parse, or returns more than
        :data:`MAX_QUERY_NODES` nodes.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = query_view(load_graph(), "CONSTRUCT { ?a cg:promotesTo ?b } WHERE { ?a cg:promotesTo ?b }")
    >>> view.node_count, view.edge_count
    (6, 5)
    >>> query_view(load_graph(), "SELECT * WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: draw query needs a CONSTRUCT query; this is a SELECT query
    """
    from rdflib import BNode, Literal, URIRef

    named = find_query(query)
    prepared = prepare_query(kg, named)
    if prepared.kind != "construct":
        raise CareerGraphError(f"draw query needs a CONSTRUCT query; this is a "
                               f"{prepared.kind.upper()} query")
    graph = run_prepared(kg, prepared, timeout=timeout).graph()
    title = title or named.title or "Query result"
    type_iri = URIRef(RDF + "type")
    label_properties = (URIRef(SKOS + "prefLabel"), URIRef(PREFIXES["rdfs"] + "label"))
    nodes: dict[Any, None] = {}
    types: dict[Any, list[Any]] = defaultdict(list)
    literals: dict[Any, list[str]] = defaultdict(list)
    links: list[tuple[Any, Any, Any]] = []
    seniority: dict[Any, int] = {}
    for subject, predicate, value in sorted(graph, key=lambda t: tuple(map(str, t))):
        nodes.setdefault(subject)
        if predicate == type_iri:
            types[subject].append(value)
        elif isinstance(value, Literal):
            if predicate == URIRef(CG + "seniority") and isinstance(value.toPython(), int):
                seniority.setdefault(subject, value.toPython())
            if predicate not in label_properties:
                literals[subject].append(f"{_short(predicate)}: {value}")
        elif isinstance(value, URIRef | BNode):
            nodes.setdefault(value)
            links.append((subject, predicate, value))
    if len(nodes) > MAX_QUERY_NODES:
        raise CareerGraphError(f"the query returned {len(nodes):,} nodes; more than "
                               f"{MAX_QUERY_NODES:,} cannot be drawn readably: narrow it or add LIMIT")
    kg.prefetch(nodes)  # the labels of many nodes in one request on an endpoint
    colors = Colors(TYPE_COLORS)
    ids = {node: (str(node) if isinstance(node, URIRef) else f"_:{node}") for node in nodes}
    labels = {node: _node_label(kg, graph, node, label_properties) for node in nodes}
    roles = [n for n in nodes if isinstance(n, URIRef) and URIRef(CG + "Role") in types.get(n, ())]
    positions, decor = _by_seniority(kg, roles, seniority, labels, links)
    free = len(nodes) - len(positions)
    how = ("roles by seniority, ladder and track" if positions else "") + \
          (", the other nodes settle once" if positions and free else "") + \
          ("" if positions else "the layout settles once, then stays still")
    page = Page(title=title, search_hint="a node's label",
                subtitle=f"{len(nodes)} nodes and {len(links)} links from a CONSTRUCT query "
                         f"({layers_text(kg)}); {how}",
                stabilize=bool(free), decor=decor)
    legend_types: dict[str, str] = {}
    for node in nodes:
        label = labels[node]
        kind = sorted(types.get(node, []), key=str)
        color = colors(str(kind[0])) if kind else NO_TRACK
        if kind:
            legend_types[str(kind[0])] = _short(kind[0])
        tip = [label, ids[node]] + ([f"type: {', '.join(_short(t) for t in kind)}"] if kind else [])
        tip += literals.get(node, [])[:12]
        x, y = positions.get(ids[node], (None, None))
        page.nodes.append(box(ids[node], label, x, y, color, width=(60, 180), size=14, tip=tip,
                              **({"fixed": True} if x is not None and free else {})))
        if isinstance(node, URIRef):
            page.drawn.add(str(node))
    for index, (subject, predicate, value) in enumerate(links):
        page.edges.append({"id": f"t{index}", "from": ids[subject], "to": ids[value],
                           "label": _short(predicate), "width": 1.5, "color": hover_color(LINK, LINK_HOVER),
                           "font": {"size": 12},
                           "smooth": {"enabled": True, "type": "dynamic"} if free else False,
                           "tip": [f"{labels[subject]} {_short(predicate)} {labels[value]}"]})
    if positions and not free:
        bend_edges(page.edges, {ids[n]: (*positions[ids[n]], *box_size(labels[n], 14, (60, 180)))
                                for n in nodes})
    untyped = any(not types.get(node) for node in nodes)
    page.legend = [
        {"title": "Node types", "items": [
            box_swatch(colors(iri), text) for iri, text in sorted(legend_types.items(), key=lambda t: t[1])]
            + ([box_swatch(NO_TRACK, "no type")] if untyped else [])},
        {"title": "Links", "items": [
            {"swatch": {"type": "line", "color": LINK, "width": 1.5, "dash": ""}, "text": name}
            for name in sorted({_short(predicate) for _, predicate, _ in links})]},
    ]
    page.notes.append("Edges carry the property's name; literal values are in the tooltips.")
    return render(page, kg)


def _short(term: Any) -> str:
    """A term as a prefixed name (``cg:Role``), or its full IRI without angle brackets."""
    text = shorten(str(term))
    return text[1:-1] if text.startswith("<") else text


def _node_label(kg: CareerGraph, graph: Any, node: Any, properties: Sequence[Any]) -> str:
    """A node's label: from the result (English first), else from the loaded graph, else its short name."""
    from rdflib import Literal

    for predicate in properties:
        values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
        if values:
            return str(sorted(values, key=lambda v: (v.language not in (None, "en"), str(v)))[0])
    label = kg.label(node)
    return _short(node) if label == str(node) else label


def _by_seniority(kg: CareerGraph, roles: Sequence[Any], seniority: dict[Any, int], labels: dict[Any, str],
                  links: Sequence[tuple[Any, Any, Any]]) -> tuple[dict[str, tuple[float, float]], list[Any]]:
    """Where the roles of an answer go, as in the ladder view; nothing when none has a seniority.

    A role's seniority is the answer's ``cg:seniority``, else the loaded
    graph's; its track and ladder are the loaded graph's.
    """
    import networkx as nx

    from careergraph.project import role_graph

    if not roles:
        return {}, []
    known = role_graph(kg)
    placed = nx.DiGraph()
    for role in roles:
        data = known.nodes[str(role)] if str(role) in known else {}
        placed.add_node(str(role), label=labels[role], seniority=seniority.get(role, data.get("seniority")),
                        track=data.get("track"), track_iri=data.get("track_iri"))
    if all(d["seniority"] is None for _, d in placed.nodes(data=True)):
        return {}, []
    placed.add_edges_from((str(a), str(b)) for a, _, b in links if str(a) in placed and str(b) in placed)
    lanes = ladder_lanes(kg, placed)
    return ladder_positions(placed, lanes if len(lanes) > 1 else ())
