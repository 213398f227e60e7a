"""The role graph from the derived move triples alone, with each role's details read when asked.

:func:`careergraph.project.build_role_graph` reads every role's label, track,
definition, responsibilities and sources, and every move's transition and
sources, before the first path is searched: on a store of a million triples,
some 150,000 rows and 8 seconds. A path search needs only the roles and the
moves between them, and an answer shows a handful of roles. So
:func:`lean_role_graph` builds the graph from two kinds of triples:

- the roles: ``?role a cg:Role``;
- the moves: the shortcut triples that loading derives from every
  ``cg:Transition`` (``cg:promotesTo``, ``cg:branchesTo``, ... named by each
  kind's ``cg:shortcutProperty``; :mod:`careergraph.load.derive`), one scan
  per kind;

and gives every node and edge a :class:`~careergraph.lazy_attributes.LazyAttributes`
that reads the rest from the store on first use, for that role or move alone,
through a :class:`RoleReader`. The attributes are exactly those of
:func:`~careergraph.project.build_role_graph` (see :mod:`careergraph.project`),
in three groups a role reads on its own: ``label``; ``seniority``, ``track``
and ``track_iri`` (what ``--track`` needs); and the details. A move reads its
``transition`` and ``sources`` together. Edges are added in the order of their
two roles' IRIs, the same on every backend.

A graph whose store has transitions but no derived shortcut triples (a graph
a SPARQL server holds that careergraph did not load) has no lean graph:
:func:`lean_role_graph` returns None and the caller builds the eager one.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> roles = lean_role_graph(kg, kg.derived.kinds)
>>> apm = "https://w3id.org/careergraph/pm/associate-product-manager"
>>> pm = "https://w3id.org/careergraph/pm/product-manager"
>>> sorted(roles.nodes[apm].pending)[:3]
['alt_labels', 'definition', 'label']
>>> roles.nodes[apm]["label"], roles.edges[apm, pm]["kind"]
('Associate Product Manager', 'promotion')
>>> roles.edges[apm, pm]["transition"]
'https://w3id.org/careergraph/pm/move-associate-product-manager-to-product-manager'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import networkx as nx

from careergraph.lazy_attributes import LazyAttributes
from careergraph.namespaces import CG, DCTERMS, RDF, SKOS
from careergraph.passages import english, integer, text
from careergraph.store.terms import as_node, term_to_sparql
from careergraph.vocabulary import Kind, local_name, rank

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

READ_AHEAD = 50
"""From how many roles on, :meth:`RoleReader.read_ahead` reads labels with a query."""

CHUNK = 2000
"""The most roles one such query names (a ``VALUES`` block of escaped IRIs); more are read by one
scan of every ``skos:prefLabel`` as plain text."""

_LABELS = "SELECT ?role ?label WHERE { VALUES ?role { ROLES } ?role skos:prefLabel ?label }"


ROLE_GROUPS = {"label": "label", "seniority": "place", "track": "place", "track_iri": "place",
               "alt_labels": "details", "definition": "details", "responsibilities": "details",
               "sources": "details"}
"""A role node's attributes read on first use -> the group that reads them together."""

MOVE_GROUPS = {"transition": "move", "sources": "move"}
"""A move edge's attributes read on first use -> their group."""


class LeanDiGraph(nx.DiGraph):
    """A ``networkx.DiGraph`` whose copies keep the attributes not read yet unread.

    :meth:`networkx.DiGraph.copy` would copy every attribute dict into a
    plain one, reading every role of a million-triple store; this copy
    keeps the same structure (nodes, successors, predecessors in the same
    order) with :meth:`~careergraph.lazy_attributes.LazyAttributes.copy` of each dict.

    Parameters
    ----------
    *args, **kwargs
        As :class:`networkx.DiGraph` takes them (``incoming_graph_data``, graph attributes).
    backend : str, optional
        networkx's dispatch backend (unused).
    """

    def copy(self, as_view: bool = False) -> nx.DiGraph:
        """A copy of the graph (or a view of it); see :meth:`networkx.DiGraph.copy`.

        Parameters
        ----------
        as_view : bool, default False
            Return a read-only view instead of a copy.

        Returns
        -------
        networkx.DiGraph
            The copy, not frozen.
        """
        if as_view:
            return super().copy(as_view=True)
        graph = self.__class__()
        if hasattr(self, "read_ahead"):
            graph.read_ahead = self.read_ahead
        graph.graph.update(self.graph)
        nodes = {node: attributes.copy() for node, attributes in self._node.items()}
        successors: dict[str, dict[str, Any]] = {node: {} for node in nodes}
        predecessors: dict[str, dict[str, Any]] = {node: {} for node in nodes}
        for source, targets in self._adj.items():
            for target, attributes in targets.items():
                successors[source][target] = predecessors[target][source] = attributes.copy()
        # networkx's documented dict-of-dicts layout; setting _node, _adj, _pred resets its views
        graph._node, graph._adj, graph._pred = nodes, successors, predecessors
        return graph


class RoleReader:
    """Reads one role's or one move's attributes from the graph, for :class:`LazyAttributes`.

    Passages and track labels are kept once read, since many roles and moves share them.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    kinds : sequence of Kind
        The kinds of move (:attr:`careergraph.derived.Derived.kinds`).
    """

    def __init__(self, kg: CareerGraph, kinds: Sequence[Kind]) -> None:
        self._kg = kg
        self._kinds = {kind.name: kind.iri for kind in kinds}
        self._passages: dict[str, list[dict[str, str | None]]] = {}
        self._labels: dict[str, Any] = {}

    def role(self, role: str, group: str) -> dict[str, Any]:
        """The attributes of one group of a role (see :data:`ROLE_GROUPS`).

        Parameters
        ----------
        role : str
            The role's IRI.
        group : {"label", "place", "details"}
            Which attributes.

        Returns
        -------
        dict
            Those attributes, as :func:`careergraph.project.build_role_graph` gives them.
        """
        objects = self._kg.objects
        if group == "label":
            label = self._english(objects(role, SKOS + "prefLabel"))
            return {"label": local_name(role) if label is None else str(label)}
        if group == "place":
            tracks = objects(role, CG + "track")
            track_label = None
            for track in tracks:
                track_label = english(track_label, self._english(objects(track, SKOS + "prefLabel")))
            return {"seniority": integer(self._english(objects(role, CG + "seniority"))),
                    "track": text(track_label), "track_iri": text(tracks[0]) if tracks else None}
        responsibilities: list[dict[str, str]] = []
        for responsibility in objects(role, CG + "hasResponsibility"):
            labels = objects(responsibility, SKOS + "prefLabel")
            for label in labels or [None]:
                item = {"iri": str(responsibility),
                        "label": local_name(responsibility) if label is None else str(label)}
                if item not in responsibilities:
                    responsibilities.append(item)
        return {"alt_labels": sorted({str(alt) for alt in objects(role, SKOS + "altLabel")}),
                "definition": text(self._english(objects(role, SKOS + "definition"))),
                "responsibilities": sorted(responsibilities, key=lambda item: item["label"]),
                "sources": self.sources(role)}

    def move(self, source: str, target: str, kind: str, group: str = "move") -> dict[str, Any]:
        """A move edge's ``transition`` (the first by IRI of its kind) and ``sources``.

        Parameters
        ----------
        source, target : str
            The roles it links.
        kind : str
            The kind of the edge (its name).
        group : str, default "move"
            The group asked for (a move has one: :data:`MOVE_GROUPS`).

        Returns
        -------
        dict
            ``transition`` (None when no transition states the move) and ``sources``.
        """
        objects = self._kg.objects
        arriving = {str(move) for move in self._kg.subjects(CG + "toRole", target)}
        moves = sorted(str(move) for move in self._kg.subjects(CG + "fromRole", source)
                       if str(move) in arriving and
                       any(str(k) == self._kinds.get(kind) for k in objects(move, CG + "transitionKind")))
        transition = moves[0] if moves else None
        return {"transition": transition, "sources": [] if transition is None else self.sources(transition)}

    def read_ahead(self, graph: nx.DiGraph, nodes: Iterable[str], groups: Sequence[str] = ("label",)) -> None:
        """Read attributes of many roles of ``graph`` not read yet, in few queries.

        Labels come in one query (or one scan); for the other groups an
        endpoint fetches every fact about the roles in a few requests
        (:meth:`careergraph.career_graph.CareerGraph.prefetch`), which their
        look-ups then read, where a store answers each look-up at once.

        Parameters
        ----------
        graph : networkx.DiGraph
            A lean role graph (or a copy of one).
        nodes : iterable of str
            Its roles about to be shown (others are ignored).
        groups : sequence of str, default ("label",)
            The groups of :data:`ROLE_GROUPS` about to be read.
        """
        nodes = list(nodes)
        others = [group for group in groups if group != "label"]
        if others:
            pending = {name for name, group in ROLE_GROUPS.items() if group in others}
            unread = [node for node in nodes if node in graph._node and
                      pending & getattr(graph._node[node], "pending", frozenset())]
            if len(unread) >= READ_AHEAD:
                self._kg.prefetch(unread)
        if "label" not in groups:
            return
        unread = [node for node in nodes if node in graph._node and
                  "label" in getattr(graph._node[node], "pending", ())]
        if len(unread) < READ_AHEAD:
            return  # a few look-ups cost less than a query
        if len(unread) > CHUNK:  # thousands of roles: one scan of every label, as plain text
            self._scan_labels(graph, unread)
            return
        labels: dict[str, Any] = {}
        query = _LABELS.replace("ROLES", " ".join(term_to_sparql(as_node(node)) for node in unread))
        for row in self._kg.query(query):
            labels[str(row.role)] = english(labels.get(str(row.role)), row.label)
        for node in unread:
            found = labels.get(node)
            graph._node[node]["label"] = local_name(node) if found is None else str(found)

    def _scan_labels(self, graph: nx.DiGraph, unread: list[str]) -> None:
        """Labels from one scan of ``skos:prefLabel`` as text; a role with several reads its own."""
        wanted = set(unread)
        labels: dict[str, list[str]] = {}
        for subject, _, label in self._kg.store.triple_texts((None, SKOS + "prefLabel", None)):
            if subject in wanted:
                labels.setdefault(subject, []).append(label)
        for node in unread:
            found = labels.get(node, ())
            if len(found) == 1:  # one label: the one english() keeps, whatever its language
                graph._node[node]["label"] = found[0]
            elif not found:
                graph._node[node]["label"] = local_name(node)
            # several (languages): the node reads its own when asked, choosing the English one

    def sources(self, node: str) -> list[dict[str, str | None]]:
        """The source passages a node cites, each once, sorted by IRI.

        Parameters
        ----------
        node : str
            A role or move IRI.

        Returns
        -------
        list of dict
            ``{"iri", "section", "quote", "document"}`` passages.
        """
        listed: list[dict[str, str | None]] = []
        for source in self._kg.objects(node, DCTERMS + "source"):
            listed.extend(p for p in self._passages_of(str(source)) if p not in listed)
        listed.sort(key=lambda p: p["iri"])
        return listed

    def _passages_of(self, source: str) -> list[dict[str, str | None]]:
        if source not in self._passages:
            objects = self._kg.objects
            found: list[dict[str, str | None]] = []
            for section in objects(source, CG + "section") or [None]:
                for quote in objects(source, CG + "quote") or [None]:
                    for document in objects(source, DCTERMS + "isPartOf") or [None]:
                        item = {"iri": source, "section": text(section), "quote": text(quote),
                                "document": text(document)}
                        if item not in found:
                            found.append(item)
            self._passages[source] = found
        return self._passages[source]

    @staticmethod
    def _english(values: Sequence[Any]) -> Any:
        chosen = None
        for value in values:
            chosen = english(chosen, value)
        return chosen


def lean_role_graph(kg: CareerGraph, kinds: Sequence[Kind]) -> LeanDiGraph | None:
    """The role graph from the roles and the derived move triples (see the module notes).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    kinds : sequence of Kind
        Every kind of transition, in the ontology's order (:attr:`careergraph.derived.Derived.kinds`).

    Returns
    -------
    LeanDiGraph or None
        A new graph; None when the graph has transitions but no shortcut triples.
    """
    moves = [kind for kind in kinds if kind.between_roles]
    order = tuple(kind.name for kind in moves)
    texts = kg.store.triple_texts
    roles = sorted({role for role, *_ in texts((None, RDF + "type", CG + "Role"))})
    known = set(roles)
    best: dict[tuple[str, str], Kind] = {}
    found_any = False
    for kind in sorted(moves, key=lambda kind: rank(order, kind.name)):  # the first kind of a pair wins
        for shortcut in kg.objects(kind.iri, CG + "shortcutProperty"):
            for subject, _, value in texts((None, shortcut, None)):
                found_any = True
                if subject in known and value in known:
                    best.setdefault((subject, value), kind)
    if not found_any and _has_moves_of(kg, moves):
        return None  # transitions without their derived triples: build the eager graph
    for pair, kind in _moves_without_shortcut(kg, kinds, known).items():
        best.setdefault(pair, kind)  # a kind without a shortcut ranks after every kind with one
    reader = RoleReader(kg, kinds)
    kind_labels = {kind.name: _kind_label(kg, kind) for kind in kinds}
    graph = LeanDiGraph(kinds=order)
    for role in roles:
        graph.add_node(role)
    attach(graph, reader, kind_labels)
    successors: dict[str, list[str]] = {}
    for source, target in best:
        successors.setdefault(source, []).append(target)
    for source in roles:  # sorting each role's few moves, not all of them at once: same order, less work
        for target in sorted(successors.get(source, ())):
            kind = best[source, target]
            graph._adj[source][target] = graph._pred[target][source] = LazyAttributes(
                {"kind": kind.name, "kind_label": kind_labels[kind.name]}, MOVE_GROUPS,
                partial(reader.move, source, target, kind.name))
    return graph


def _moves_without_shortcut(kg: CareerGraph, kinds: Sequence[Kind],
                            roles: set[str]) -> dict[tuple[str, str], Kind]:
    """The moves between roles of declared kinds that name no shortcut property (a ladder's own kind).

    Loading derives no triple for such a kind, so its moves are read from
    their transitions (an index look-up per kind, then each move's ends). Of
    two moves between the same roles, the first by IRI wins, as in the eager
    graph. A kind nobody declared (``cgsh:TransitionKind`` refuses it) has
    no move here.
    """
    found: dict[tuple[str, str], Kind] = {}
    for kind in kinds:
        if kind.between_roles:
            continue
        for move in sorted(str(move) for move in kg.subjects(CG + "transitionKind", kind.iri)):
            for source in kg.objects(move, CG + "fromRole"):
                for target in kg.objects(move, CG + "toRole"):
                    if str(source) in roles and str(target) in roles:
                        found.setdefault((str(source), str(target)), kind)
    return found


def _has_moves_of(kg: CareerGraph, moves: Sequence[Kind]) -> bool:
    """Whether any transition is of a kind with a shortcut property."""
    return any(kg.subjects(CG + "transitionKind", kind.iri) for kind in moves)


def attach(graph: nx.DiGraph, reader: RoleReader, kind_labels: Mapping[str, str] | None = None) -> None:
    """Give every node and edge of a lean graph the attributes it does not hold yet, read on first use.

    Used when the graph is built, and when it is read back from the on-disk
    cache (which keeps only what was known when it was written).

    Parameters
    ----------
    graph : networkx.DiGraph
        A lean role graph; its attribute dicts are replaced in place.
    reader : RoleReader
        What reads the attributes.
    kind_labels : mapping, optional
        Kind name -> its label, for edges that lack ``kind_label``.
    """
    graph.read_ahead = reader.read_ahead
    for node, attributes in graph._node.items():
        graph._node[node] = LazyAttributes(attributes, ROLE_GROUPS, partial(reader.role, node))
    for source, targets in graph._adj.items():
        for target, attributes in targets.items():
            known = dict(attributes)
            if "kind_label" not in known and kind_labels:
                known["kind_label"] = kind_labels.get(known.get("kind"), known.get("kind"))
            lazy = LazyAttributes(known, MOVE_GROUPS, partial(reader.move, source, target, known.get("kind")))
            graph._adj[source][target] = graph._pred[target][source] = lazy


def _kind_label(kg: CareerGraph, kind: Kind) -> str:
    label = None
    for value in kg.objects(kind.iri, SKOS + "prefLabel"):
        label = english(label, value)
    return kind.name if label is None else str(label)


