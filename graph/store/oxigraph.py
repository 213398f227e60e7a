"""The Oxigraph store: a folder written by ``careergraph load``, opened read-only.

``pyoxigraph.Store.read_only`` opens a folder in a few milliseconds whatever its
size (see :mod:`careergraph.load.into_store`, which builds one, and
:mod:`careergraph.store.metadata`, which tells one from any other folder).

Bindings go into the query text as ``VALUES`` blocks
(:func:`careergraph.store.base.bound_text`): Oxigraph's own ``substitutions``
(SEP-0007) refuse a variable the SELECT does not project ("does not contains
variable ?role in its SELECT projection"), which is most of careergraph's named
queries, and oxrdflib applies ``initBindings`` only after the query has run.

A damaged store (a truncated or garbage SST file, a missing or garbage
``MANIFEST`` or ``CURRENT``, broken metadata) is one
:class:`~careergraph.errors.CareerGraphError` naming the store and what
RocksDB found, whether it shows when the store opens or at the first read:
pyoxigraph raises ``OSError`` or ``RuntimeError`` for those.

Examples
--------
>>> OxigraphStore("/nonexistent")
Traceback (most recent call last):
...
careergraph.errors.CareerGraphError: --store /nonexistent: no such store;
    make one with 'careergraph load FILE... --store /nonexistent'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from careergraph.errors import CareerGraphError
from careergraph.namespaces import PREFIXES
from careergraph.store.answer import Answer, answer_from_oxigraph
from careergraph.store.base import MAX_IN_MEMORY, Pattern, Triple, bound_text, check_size, graph_of, query_kind
from careergraph.store.metadata import read_metadata
from careergraph.store.terms import TermConverter, as_node, to_oxigraph

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

_DAMAGE = (OSError, RuntimeError)
"""What pyoxigraph raises for a store it cannot read (RocksDB's IO errors and corruption)."""

T = TypeVar("T")


class OxigraphStore:
    """A careergraph store folder, opened read-only.

    It reopens itself in a forked child (a query with a time limit), since a
    database handle must not cross ``fork()``.

    Parameters
    ----------
    path : str or Path
        The folder ``careergraph load`` wrote.

    Attributes
    ----------
    path : Path
        The folder.
    metadata : dict
        What ``careergraph load`` recorded (:func:`careergraph.store.metadata.read_metadata`).

    Raises
    ------
    CareerGraphError
        When the folder is missing, is not a careergraph store, or cannot be opened.
    """

    kind = "oxigraph"
    handles_timeout = False
    dump_formats = ("ttl", "nt")
    in_memory = False

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.metadata = read_metadata(self.path)
        self._store: Any = None
        self._pid = 0
        self._open()

    def _open(self) -> Any:
        import pyoxigraph

        try:
            self._store = pyoxigraph.Store.read_only(str(self.path))
        except (*_DAMAGE, ValueError) as error:
            raise self._damaged(error, "cannot open the store") from None
        self._pid = os.getpid()
        return self._store

    def _damaged(self, error: BaseException, what: str = "the store is damaged") -> CareerGraphError:
        """One line naming the store and what RocksDB said (cut to a readable length)."""
        said = " ".join(str(error).split())
        said = said if len(said) <= 300 else said[:300] + "..."
        return CareerGraphError(f"--store {self.path}: {what}: {said}; "
                                f"load it again with 'careergraph load FILE... --store {self.path}'")

    def _reading(self, read: Callable[[], T]) -> T:
        """``read()``, with a damaged store's errors as one :class:`CareerGraphError`."""
        try:
            return read()
        except _DAMAGE as error:
            raise self._damaged(error) from None

    @property
    def oxigraph(self) -> Any:
        """The ``pyoxigraph.Store`` (reopened after a fork)."""
        return self._store if self._pid == os.getpid() else self._open()

    @property
    def cache_key(self) -> str:
        """The folder and the build id of its last load: a new load makes a new key."""
        return f"oxigraph\0{self.path.resolve()}\0{self.metadata.get('build_id', '')}"

    def build(self) -> None:
        """Nothing to do: the store is ready once opened."""

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Answer:
        """Run a query in Oxigraph; see :meth:`careergraph.store.Store.query`.

        Parameters
        ----------
        query : str or careergraph.sparql.guard.CheckedQuery
            The query.
        bindings : mapping, optional
            Variable -> rdflib term, bound as ``VALUES`` blocks.
        timeout : float, optional
            Ignored: a time limit runs the query in a forked child.

        Returns
        -------
        Answer
            The rows, boolean or triples.

        Raises
        ------
        CareerGraphError
            When Oxigraph cannot run the query, in one line.
        """
        try:
            result = self.oxigraph.query(bound_text(query, bindings), prefixes=PREFIXES)
            return answer_from_oxigraph(result, query_kind(query))
        except _DAMAGE as error:
            raise self._damaged(error) from None
        except (SyntaxError, ValueError) as error:
            raise CareerGraphError(f"cannot run the query: {' '.join(str(error).split())}") from None

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        """The triples of the default graph that match a pattern (None for any value).

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``.

        Yields
        ------
        tuple
            Matching triples, as rdflib terms.
        """
        import pyoxigraph as ox

        convert = TermConverter()
        subject, predicate, value = (None if term is None else to_oxigraph(as_node(term)) for term in pattern)
        quads = self._reading(lambda: self.oxigraph.quads_for_pattern(subject, predicate, value,
                                                                      ox.DefaultGraph()))
        while True:
            quad = self._reading(lambda: next(quads, None))
            if quad is None:
                return
            yield convert.triple(quad)

    def triple_texts(self, pattern: Pattern) -> Iterator[tuple[str, str, str]]:
        """The triples of the default graph that match a pattern, as plain text, unconverted.

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``.

        Yields
        ------
        tuple of str
            Matching triples (see :meth:`careergraph.store.Store.triple_texts`).
        """
        import pyoxigraph as ox

        subject, predicate, value = (None if term is None else to_oxigraph(as_node(term)) for term in pattern)
        quads = self._reading(lambda: list(self.oxigraph.quads_for_pattern(subject, predicate, value,
                                                                           ox.DefaultGraph())))
        for quad in quads:
            yield quad.subject.value, quad.predicate.value, quad.object.value

    def graph_triples(self, graph: str, subject: str | None, predicate: str,
                      value: str | None) -> list[tuple[str, str]]:
        """The (subject, value) pairs of a named graph with IRI subjects and plain text values.

        For the title index the store keeps (:mod:`careergraph.title_lookup`):
        plain strings in and out, with no rdflib, read straight from the indexes.

        Parameters
        ----------
        graph : str
            The named graph's IRI.
        subject : str or None
            An IRI, or None for any.
        predicate : str
            An IRI.
        value : str or None
            The text of a plain literal, or None for any.

        Returns
        -------
        list of (str, str)
            The subject IRIs and the values' text; empty for a subject that is not an IRI.
        """
        import pyoxigraph as ox

        try:
            pattern = (None if subject is None else ox.NamedNode(subject), ox.NamedNode(predicate),
                       None if value is None else ox.Literal(value), ox.NamedNode(graph))
        except ValueError:
            return []
        if subject is None and value is None:  # every pair: a query reads them twice as fast
            every = f"SELECT ?s ?o WHERE {{ GRAPH {pattern[3]} {{ ?s {pattern[1]} ?o }} }}"
            return self._reading(lambda: [(s.value, o.value) for s, o in self.oxigraph.query(every)])
        return self._reading(lambda: [(quad.subject.value, quad.object.value)
                                      for quad in self.oxigraph.quads_for_pattern(*pattern)])

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
        return [value for _, _, value in self.triples((as_node(subject), as_node(predicate), None))]

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
        import pyoxigraph as ox

        convert = TermConverter()
        found = self._reading(lambda: dict.fromkeys(quad.subject for quad in self.oxigraph.quads_for_pattern(
            None, to_oxigraph(as_node(predicate)), to_oxigraph(as_node(value)), ox.DefaultGraph())))
        return [convert(subject) for subject in found]

    def prefetch(self, subjects: Iterable[Node]) -> None:
        """Nothing to do: each look-up is an index read on disk.

        Parameters
        ----------
        subjects : iterable of rdflib term
            Ignored.
        """

    def __len__(self) -> int:
        """How many triples the store holds (in its default graph: not its title index's)."""
        index = self.metadata.get("title_index")
        kept = index.get("triples") if isinstance(index, dict) else 0
        return self._reading(lambda: len(self.oxigraph)) - (kept if type(kept) is int else 0)

    def describe(self) -> str:
        """The backend in a few words.

        Returns
        -------
        str
            ``"the store PATH"``.
        """
        return f"the store {self.path}"

    def namespaces(self) -> dict[str, str]:
        """careergraph's prefixes (a store keeps no prefixes of its files).

        Returns
        -------
        dict
            Prefix -> namespace IRI.
        """
        return dict(PREFIXES)

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Write every triple as ``"ttl"`` or ``"nt"``, streamed from the store whatever its size.

        Parameters
        ----------
        out : binary file
            Where to write.
        fmt : str
            One of :attr:`dump_formats`.
        """
        import pyoxigraph as ox

        formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
        options = {"prefixes": PREFIXES} if fmt == "ttl" else {}
        try:  # an OSError here is the output's (a full disk): the caller says so
            self.oxigraph.dump(out, formats[fmt], from_graph=ox.DefaultGraph(), **options)
        except RuntimeError as error:
            raise self._damaged(error) from None

    def rdflib_graph(self, limit: int | None = MAX_IN_MEMORY) -> rdflib.Graph:
        """A copy of every triple as an ``rdflib.Graph`` (for a library that needs one).

        Parameters
        ----------
        limit : int or None
            The most triples to copy; None for no limit.

        Returns
        -------
        rdflib.Graph
            A new graph, with careergraph's prefixes bound.

        Raises
        ------
        CareerGraphError
            When the store holds more than ``limit`` triples.
        """
        check_size(len(self), limit, self.describe())
        return graph_of(self.triples((None, None, None)))
