"""The memory store: an rdflib graph in this process, given or built on first use.

The default store, right for the built-in ladder and for files of up to a few
hundred thousand triples. The graph may be built lazily, so that a command
answered from the cache of :mod:`careergraph.cache` never parses a file (nor
imports rdflib). Queries are parsed once per text (:func:`prepared`) and run by
rdflib with ``initBindings``; the answer is wrapped into the
:class:`~careergraph.store.answer.Answer` every store gives.

Examples
--------
>>> import rdflib
>>> graph = rdflib.Graph()
>>> _ = graph.parse(data="<http://example.org/a> <http://example.org/p> 1 .", format="turtle")
>>> store = MemoryStore(graph)
>>> [row.o.toPython() for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
[1]
>>> len(store), store.kind, store.in_memory
(1, 'memory', True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

from careergraph.namespaces import PREFIXES
from careergraph.store.answer import Answer, answer_from_rdflib
from careergraph.store.base import MAX_IN_MEMORY, Pattern, Triple, as_texts, variables
from careergraph.store.terms import as_node

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

_RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


class MemoryStore:
    """An rdflib graph in this process, given or built on first use.

    Parameters
    ----------
    graph : rdflib.Graph, optional
        The graph.
    build : callable, optional
        Called once, without arguments, to make the graph when it is first
        needed (when no ``graph`` is given).

    Raises
    ------
    ValueError
        When neither is given.
    """

    kind = "memory"
    handles_timeout = False
    dump_formats = tuple(_RDFLIB_FORMATS)
    cache_key = None
    in_memory = True

    def __init__(self, graph: rdflib.Graph | None = None,
                 build: Callable[[], rdflib.Graph] | None = None) -> None:
        if graph is None and build is None:
            raise ValueError("give a graph or a function that builds it")
        self._graph = graph
        self._build = build

    @property
    def graph(self) -> rdflib.Graph:
        """The rdflib graph (built now if it was not yet)."""
        if self._graph is None:
            self._graph = self._build()
        return self._graph

    @property
    def built(self) -> bool:
        """Whether the graph exists yet."""
        return self._graph is not None

    def build(self) -> None:
        """Build the graph now, if it was not yet (so that a file's errors show here)."""
        self.graph  # noqa: B018 - the property builds it

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Answer:
        """Run a query with rdflib; see :meth:`careergraph.store.Store.query`.

        Parameters
        ----------
        query : str or careergraph.sparql.guard.CheckedQuery
            The query (a checked query is run as already parsed).
        bindings : mapping, optional
            Variable -> rdflib term, as rdflib's ``initBindings``.
        timeout : float, optional
            Ignored: rdflib keeps no time limit.

        Returns
        -------
        Answer
            The rows, boolean or triples.
        """
        from rdflib import Variable

        parsed = getattr(query, "query", None) or prepared(query)
        initial = {Variable(name): term for name, term in variables(bindings).items()}
        return answer_from_rdflib(self.graph.query(parsed, initBindings=initial))

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        """The triples that match a pattern (None for any value).

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``.

        Yields
        ------
        tuple
            Matching triples.
        """
        yield from self.graph.triples(tuple(None if term is None else as_node(term) for term in pattern))

    def triple_texts(self, pattern: Pattern) -> Iterator[tuple[str, str, str]]:
        """The triples that match a pattern, as plain text (see :meth:`careergraph.store.Store.triple_texts`).

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``.

        Yields
        ------
        tuple of str
            Matching triples.
        """
        yield from as_texts(self.triples(pattern))

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        """The objects of ``subject predicate ?o``.

        Parameters
        ----------
        subject, predicate : rdflib term
            The subject and the property.

        Returns
        -------
        list
            rdflib terms.
        """
        return list(self.graph.objects(subject, predicate))

    def subjects(self, predicate: Node, value: Node) -> list[Node]:
        """The subjects of ``?s predicate value``, each once.

        Parameters
        ----------
        predicate, value : rdflib term
            The property and the object.

        Returns
        -------
        list
            rdflib terms.
        """
        return list(self.graph.subjects(predicate, value, unique=True))

    def prefetch(self, subjects: Iterable[Node]) -> None:
        """Nothing to do: rdflib answers each look-up at once.

        Parameters
        ----------
        subjects : iterable of rdflib term
            Ignored.
        """

    def __len__(self) -> int:
        """How many triples the graph holds."""
        return len(self.graph)

    def describe(self) -> str:
        """The backend in a few words.

        Returns
        -------
        str
            ``"the graph in memory"``.
        """
        return "the graph in memory"

    def namespaces(self) -> dict[str, str]:
        """The prefixes bound in the graph (those the files declared among them).

        Returns
        -------
        dict
            Prefix -> namespace IRI.
        """
        return {prefix: str(namespace) for prefix, namespace in self.graph.namespaces()}

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Write the graph with rdflib's serialisers: ``"ttl"``, ``"nt"`` or ``"jsonld"``.

        JSON-LD gets an inline ``@context`` of the graph's prefixes.

        Parameters
        ----------
        out : binary file
            Where to write.
        fmt : str
            One of :attr:`dump_formats`.
        """
        write_rdflib(self.graph, out, fmt)

    def rdflib_graph(self, limit: int | None = MAX_IN_MEMORY) -> rdflib.Graph:
        """The store's own rdflib graph (no copy; for a library that needs one).

        Parameters
        ----------
        limit : int or None
            Ignored: the graph is in memory already.

        Returns
        -------
        rdflib.Graph
            The graph itself: changing it changes the store.
        """
        return self.graph


def write_rdflib(graph: rdflib.Graph, out: IO[bytes], fmt: str) -> None:
    """Write an rdflib graph to a binary file as ``"ttl"``, ``"nt"`` or ``"jsonld"``.

    JSON-LD gets an inline ``@context`` of the graph's prefixes.

    Parameters
    ----------
    graph : rdflib.Graph
        What to write.
    out : binary file
        Where to write.
    fmt : str
        ``"ttl"``, ``"nt"`` or ``"jsonld"``.
    """
    options: dict[str, Any] = {}
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        options = {"context": context, "auto_compact": True}
    out.write(graph.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8", **options))


@lru_cache(maxsize=64)
def prepared(text: str) -> Any:
    """A query text parsed once by rdflib (parsing costs more than running a small query).

    Parameters
    ----------
    text : str
        The query; careergraph's prefixes are predeclared.

    Returns
    -------
    rdflib.plugins.sparql.sparql.Query
        The parsed and translated query.
    """
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=PREFIXES)
