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
from careergraph.store.base import Store
from careergraph.store.memory import MemoryStore
from careergraph.store.terms import as_node as _node

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

    from careergraph.store.answer import Answer

    from careergraph.derived import Derived

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

    Parameters
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
        What differs between stores is asked of the store's capabilities
        (:class:`careergraph.store.Store`), never of its class.
    layers : sequence of Layer, optional
        The files, in load order (for a lazily built graph, known once it is built).
    origins : dict, optional
        For each subject, the name of the last layer that described it.

    Attributes
    ----------
    ladder : str or None
        The ladder in which unqualified role titles are looked up first
        (``--ladder``; set it with :meth:`use_ladder`); None: all alike.
    """

    def __init__(self, store: Store | rdflib.Graph, layers: Iterable[Layer] | None = None,
                 origins: dict[Node, str] | None = None) -> None:
        self.store: Store = store if isinstance(store, Store) else MemoryStore(store)
        self._layers = None if layers is None else tuple(layers)
        self._origins = origins
        self._graph = None
        self._labels: dict[str, str] = {}
        self._derived: Derived | None = None
        self.ladder: str | None = None

    def use_ladder(self, ladder: str | None) -> None:
        """Look unqualified role titles up in ``ladder`` first, then in the whole graph.

        Every lookup of a role by name (:meth:`careergraph.names.TitleIndex.for_graph`)
        then prefers that ladder's roles.

        Parameters
        ----------
        ladder : str or None
            A ladder's short name (its ``skos:notation``, any case) or a
            prefix of the graph's roles; None: no default ladder.

        Raises
        ------
        LadderNotFound
            When the graph has no such ladder (the message lists those it has).

        Examples
        --------
        >>> from careergraph.load import load_graph
        >>> kg = load_graph()
        >>> kg.use_ladder("PM")
        >>> kg.use_ladder("acme")
        Traceback (most recent call last):
        ...
        careergraph.errors.LadderNotFound: unknown ladder 'acme'; the ladders are: pm
        """
        if ladder is not None:
            self.derived.titles.in_ladder(ladder)  # raises LadderNotFound for an unknown ladder
        self.ladder = ladder

    @property
    def derived(self) -> Derived:
        """What is derived from the graph (role graph, skill graph, name indexes, scales), read-only.

        One :class:`~careergraph.derived.Derived` per graph, whose parts are
        built on first use; ``kg.derived.clear()`` drops them.
        """
        if self._derived is None:
            from careergraph.derived import Derived

            self._derived = Derived(self)
        return self._derived

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

    def rdflib_graph(self) -> rdflib.Graph:
        """The whole graph as an ``rdflib.Graph``: an escape hatch, for a library that needs one.

        Only pySHACL (:mod:`careergraph.validate`) needs it. Everything else asks
        the store: :meth:`query`, :meth:`objects`, :meth:`subjects` and
        ``store.triples(pattern)`` work on every backend without a copy.

        For a graph in memory it is the store's own graph (no copy: do not
        change it); for a persistent store or an endpoint every triple is copied
        into memory once, and refused beyond :data:`careergraph.store.MAX_IN_MEMORY` triples.

        Returns
        -------
        rdflib.Graph
            The graph.

        Raises
        ------
        CareerGraphError
            When a store or endpoint is too big to copy.
        """
        if self._graph is None:
            self._graph = self.store.rdflib_graph()
        return self._graph

    @property
    def layers_known(self) -> bool:
        """Whether the files are known without building the graph."""
        return self._layers is not None

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The files, in load order."""
        if self._layers is None:
            self.store.build()  # merging the files tells the layers
        return self._layers or ()

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Answer:
        """Run a SPARQL query on the store; see :meth:`careergraph.store.Store.query`.

        Parameters
        ----------
        query : str or careergraph.sparql.guard.CheckedQuery
            The query; careergraph's prefixes are predeclared.
        bindings : mapping, optional
            Variable -> rdflib term, bound before the query runs (never pasted as text).
        timeout : float, optional
            Seconds, for a store that keeps a time limit itself (an endpoint).

        Returns
        -------
        Answer
            The same type from every store: rows, boolean or triples of rdflib terms.

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
        """How many triples the graph holds."""
        return len(self.store)

    def __repr__(self) -> str:
        """The size and the store."""
        return f"<CareerGraph {len(self):,} triples in {self.store.describe()}>"

    def origin(self, node: Node | str) -> str | None:
        """The file that last described ``node`` as a subject.

        Parameters
        ----------
        node : rdflib term or str
            The node (a string is an IRI).

        Returns
        -------
        str or None
            The layer's name; None when unknown (always for a persistent store or an endpoint).
        """
        if self._origins is None:
            self.store.build()  # merging the files tells the origins
        return (self._origins or {}).get(_node(node))

    def objects(self, subject: Node | str, predicate: str) -> list[Node]:
        """The objects of ``subject predicate ?o``.

        Parameters
        ----------
        subject : rdflib term or str
            The subject (a string is an IRI).
        predicate : str
            The property's IRI.

        Returns
        -------
        list
            rdflib terms.
        """
        return self.store.objects(_node(subject), _node(predicate))

    def subjects(self, predicate: str, value: Node | str) -> list[Node]:
        """The subjects of ``?s predicate value``, each once.

        Parameters
        ----------
        predicate : str
            The property's IRI.
        value : rdflib term or str
            The object (a string is an IRI).

        Returns
        -------
        list
            rdflib terms.
        """
        return self.store.subjects(_node(predicate), _node(value))

    def label(self, node: Node | str) -> str:
        """The English ``skos:prefLabel`` of a node, else its ``rdfs:label``, else its IRI.

        Parameters
        ----------
        node : rdflib term or str
            The node (a string is an IRI).

        Returns
        -------
        str
            The label.

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
            if not self.store.in_memory:  # rdflib answers at once, and its graph may change
                self._labels[key] = found
        return found

    def prefetch(self, nodes: Iterable[Node | str]) -> None:
        """Get ready to answer :meth:`objects` and :meth:`label` for many nodes.

        On an endpoint, one request fetches what a node-by-node loop would ask
        in hundreds; on the other stores it does nothing.

        Parameters
        ----------
        nodes : iterable of rdflib term or str
            The nodes about to be asked about.
        """
        self.store.prefetch(_node(node) for node in nodes)

    def remember_labels(self, labels: Mapping[str, str]) -> None:
        """Labels known already, which :meth:`label` then answers without the store.

        Parameters
        ----------
        labels : mapping
            IRI -> label.
        """
        self._labels.update(labels)

    def prefetch_labels(self, classes: Iterable[str]) -> dict[str, str]:
        """Find the labels of every instance of ``classes`` in one query per class.

        Parameters
        ----------
        classes : iterable of str
            The classes' IRIs.

        Returns
        -------
        dict
            IRI -> label, for the instances that have one (also kept for :meth:`label`);
            empty for a graph in memory, where :meth:`label` needs no help.
        """
        found: dict[str, str] = {}
        if self.store.in_memory:  # rdflib answers label() at once: nothing to gain
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

    Parameters
    ----------
    candidates : iterable of tuple
        ``(property IRI, value)`` pairs, values as rdflib terms.

    Returns
    -------
    str or None
        The label; None when there is no candidate of either property.

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
