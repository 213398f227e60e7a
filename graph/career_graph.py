"""A loaded career graph: its store, the files it came from, and the labels of its nodes.

:class:`CareerGraph` is what every part of careergraph works on. It sits on a
*store* (:mod:`careergraph.store`); :mod:`careergraph.load` makes one from files.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> apm = "https://w3id.org/careergraph/pm/associate-product-manager"
>>> [kg.label(role) for role in kg.objects(apm, CG + "promotesTo")]
['Product Manager']
>>> kg.origin(apm)
'<builtin>/ladders/product-management.ttl'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careergraph.namespaces import CG, RDFS, SKOS  # noqa: F401 - CG for the examples
from careergraph.store import MemoryStore, Store

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

LABEL_PROPERTIES = (SKOS + "prefLabel", RDFS + "label")
"""Where :meth:`CareerGraph.label` looks, in order."""

_LABELS_OF_CLASS = """
SELECT ?node ?property ?label WHERE {
  VALUES ?property { skos:prefLabel rdfs:label }
  ?node a ?class ; ?property ?label .
}"""


@dataclass(frozen=True)
class Layer:
    """One file of the loaded graph.

    Attributes
    ----------
    name : str
        The file as shown to the user: the path they gave, or
        ``<builtin>/...`` for a file of the package.
    builtin : bool
        Whether the file ships with careergraph.
    triples : int
        How many triples it holds.
    """

    name: str
    builtin: bool
    triples: int


class CareerGraph:
    """A loaded career graph: its store, the files it came from, and what was derived from it.

    Parameters
    ----------
    store : Store or rdflib.Graph
        Where the triples are (an rdflib graph is wrapped in a :class:`~careergraph.store.MemoryStore`).
    layers : sequence of Layer, optional
        The files, in load order (for a lazily built graph, known once it is built).
    origins : dict, optional
        For each subject, the name of the last layer that described it.
    """

    def __init__(self, store: Store | rdflib.Graph, layers: Iterable[Layer] | None = None,
                 origins: dict[Node, str] | None = None) -> None:
        self.store = store if isinstance(store, Store) else MemoryStore(store)
        self._layers = None if layers is None else tuple(layers)
        self._origins = origins
        self._graph = None
        self._labels: dict[str, str] = {}
        self.cache: dict[str, object] = {}
        """Structures derived from the graph (role graph, title index), built once per process."""

    def set_layers(self, layers: Iterable[Layer], origins: dict[Node, str] | None = None) -> None:
        """Record the files of a lazily built graph, once they are known.

        Parameters
        ----------
        layers : iterable of Layer
            The files, in load order.
        origins : dict, optional
            For each subject, the name of the last layer that described it.
        """
        self._layers, self._origins = tuple(layers), origins

    @property
    def graph(self) -> rdflib.Graph:
        """The whole graph as an rdflib graph.

        For a store or an endpoint it is copied into memory once, and refused
        beyond :data:`careergraph.store.MAX_IN_MEMORY` triples.
        """
        if isinstance(self.store, MemoryStore):
            return self.store.graph
        if self._graph is None:
            self._graph = self.store.to_rdflib()
        return self._graph

    @property
    def layers_known(self) -> bool:
        """Whether the files are known without building the graph."""
        return self._layers is not None

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The files, in load order."""
        if self._layers is None:
            self.graph  # noqa: B018 - merging the files tells the layers
        return self._layers or ()

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Any:
        """Run a SPARQL query on the store; see :meth:`careergraph.store.Store.query`.

        Examples
        --------
        >>> from rdflib import URIRef
        >>> from careergraph.load import load_graph
        >>> apm = URIRef("https://w3id.org/careergraph/pm/associate-product-manager")
        >>> [str(row.label) for row in load_graph().query(
        ...     "SELECT ?label WHERE { ?role cg:promotesTo ?next . ?next skos:prefLabel ?label }",
        ...     {"role": apm})]
        ['Product Manager']
        """
        return self.store.query(query, bindings, timeout=timeout)

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"<CareerGraph {len(self):,} triples in {self.store.describe()}>"

    def origin(self, node: Node | str) -> str | None:
        """The file that last described ``node`` as a subject, or None (always None for a store)."""
        if self._origins is None and isinstance(self.store, MemoryStore):
            self.graph  # noqa: B018 - merging the files tells the origins
        return (self._origins or {}).get(_node(node))

    def objects(self, subject: Node | str, predicate: str) -> list[Node]:
        """The objects of ``subject predicate ?o``, as rdflib terms."""
        return self.store.objects(_node(subject), _node(predicate))

    def subjects(self, predicate: str, value: Node | str) -> list[Node]:
        """The subjects of ``?s predicate value``, as rdflib terms (each once)."""
        return self.store.subjects(_node(predicate), _node(value))

    def label(self, node: Node | str) -> str:
        """The English ``skos:prefLabel`` of a node, else its ``rdfs:label``, else its IRI.

        Examples
        --------
        >>> from careergraph.load import load_graph
        >>> load_graph().label("https://w3id.org/careergraph/ontology#Role")
        'role'
        """
        key = str(node)
        found = self._labels.get(key)
        if found is None:
            subject = _node(node)
            candidates = [(p, value) for p in LABEL_PROPERTIES
                          for value in self.store.objects(subject, _node(p))]
            found = choose_label(candidates) or key
            if not isinstance(self.store, MemoryStore):  # rdflib answers at once, and its graph may change
                self._labels[key] = found
        return found

    def prefetch(self, nodes: Iterable[Node | str]) -> None:
        """Get ready to answer :meth:`objects` and :meth:`label` for many nodes.

        On an endpoint, one request fetches what a node-by-node loop would ask
        in hundreds; on the other stores it does nothing.
        """
        self.store.prefetch(_node(node) for node in nodes)

    def remember_labels(self, labels: Mapping[str, str]) -> None:
        """Labels known already (IRI -> label), which :meth:`label` then answers without the store."""
        self._labels.update(labels)

    def prefetch_labels(self, classes: Iterable[str]) -> dict[str, str]:
        """Find the labels of every instance of ``classes`` in one query per class.

        Returns
        -------
        dict
            IRI -> label, for the instances that have one (also kept for :meth:`label`);
            empty for a graph in memory, where :meth:`label` needs no help.
        """
        found: dict[str, str] = {}
        if isinstance(self.store, MemoryStore):  # rdflib answers label() at once: nothing to gain
            return found
        for cls in classes:
            candidates: dict[str, list[tuple[str, Any]]] = {}
            for row in self.query(_LABELS_OF_CLASS, {"class": _node(cls)}):
                candidates.setdefault(str(row.node), []).append((str(row.property), row.label))
            for node, options in candidates.items():
                found[node] = choose_label(options) or node
        self._labels.update(found)
        return found


def choose_label(candidates: Iterable[tuple[str, Any]]) -> str | None:
    """The label :meth:`CareerGraph.label` shows, from ``(property, value)`` pairs.

    ``skos:prefLabel`` before ``rdfs:label``; in each, English, then
    untagged, then any value. Among several of a kind the smallest text wins,
    so that the answer does not depend on the order a store lists them in.

    Examples
    --------
    >>> from rdflib import Literal
    >>> choose_label([(RDFS + "label", Literal("role")), (SKOS + "prefLabel", Literal("Rolle", lang="de")),
    ...               (SKOS + "prefLabel", Literal("Role", lang="en"))])
    'Role'
    """
    from rdflib import Literal

    candidates = list(candidates)
    for predicate in LABEL_PROPERTIES:
        values = sorted((value for p, value in candidates if str(p) == predicate), key=str)
        for wanted in ("en", None):
            for value in values:
                if isinstance(value, Literal) and (value.language or None) == wanted:
                    return str(value)
        if values:
            return str(values[0])
    return None


def _node(node: Node | str) -> Node:
    """A term as an rdflib term: a string is an IRI."""
    from rdflib.term import Node, URIRef

    return node if isinstance(node, Node) else URIRef(node)
