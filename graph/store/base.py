"""The interface every store keeps (:class:`Store`), and the little code the backends share.

:class:`Store` is a :class:`typing.Protocol`: a backend satisfies it by having
the members, not by inheriting from it, and ``isinstance(x, Store)`` tells
whether an object has them all. What differs between backends is said by
*capabilities*, plain attributes, so that code outside this package never needs
to ask which backend it holds:

- ``handles_timeout``: :meth:`Store.query` keeps a ``timeout`` itself (an
  endpoint: the HTTP request's limit); otherwise a query with a time limit runs
  in a forked child (:mod:`careergraph.sparql.timeout`);
- ``dump_formats``: the formats :meth:`Store.dump` writes, streamed from the store;
- ``cache_key``: a text that changes whenever the data does, for a cache on disk;
  None when the store cannot say (the data may change unseen, or is not built yet);
- ``in_memory``: the triples are an rdflib graph in this process, so a look-up
  is answered at once and there is nothing to gain by keeping answers (and the
  graph may still change, so they should not be kept).

Examples
--------
>>> check_size(10, 100, "the store")
>>> check_size(1_000, 100, "the store")
Traceback (most recent call last):
...
careergraph.errors.CareerGraphError: the store holds 1,000 triples; this needs the whole graph in memory,
    which careergraph does for at most 100: work on the files instead (-d FILE)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, Protocol, runtime_checkable

from careergraph.errors import CareerGraphError
from careergraph.namespaces import PREFIXES

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

    from careergraph.store.answer import Answer

MAX_IN_MEMORY = 500_000
"""The most triples a store or endpoint is copied into an rdflib graph for (validate, export)."""

DEFAULT_HTTP_TIMEOUT = 60.0
"""Seconds an endpoint request may take when no ``--timeout`` is given."""

Triple = tuple["Node", "Node", "Node"]
"""A triple of rdflib terms."""

Pattern = tuple["Node | None", "Node | None", "Node | None"]
"""A triple pattern: rdflib terms, None for any value."""


@runtime_checkable
class Store(Protocol):
    """Where the triples are: what every backend answers (see the module notes).

    A protocol is never made itself: a backend is any class with these members.

    Parameters
    ----------
    *args, **kwargs
        None: a protocol takes no arguments.

    Attributes
    ----------
    kind : str
        ``"memory"``, ``"oxigraph"`` or ``"endpoint"``, for messages.
    handles_timeout : bool
        Whether :meth:`query` keeps a ``timeout`` itself.
    dump_formats : tuple of str
        The formats :meth:`dump` writes (``"ttl"``, ``"nt"``, ``"jsonld"``); empty when it writes none.
    cache_key : str or None
        Changes whenever the data does; None when the store cannot tell.
    in_memory : bool
        Whether the triples are an rdflib graph in this process.
    """

    kind: str
    handles_timeout: bool
    dump_formats: tuple[str, ...]
    cache_key: str | None
    in_memory: bool

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Answer:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query.

        Parameters
        ----------
        query : str or careergraph.sparql.guard.CheckedQuery
            The query; the prefixes of :data:`careergraph.namespaces.PREFIXES`
            are predeclared.
        bindings : mapping, optional
            Variable (name or ``rdflib.Variable``) -> rdflib term, bound before
            the query runs (like rdflib's ``initBindings``; never pasted as text).
        timeout : float, optional
            Seconds, for a store that ``handles_timeout``; the others ignore it.

        Returns
        -------
        Answer
            Rows, boolean or triples, as rdflib terms.
        """
        ...

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        """The triples that match a pattern.

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``: rdflib terms, None for any.

        Yields
        ------
        tuple
            ``(subject, predicate, object)`` as rdflib terms.
        """
        ...

    def triple_texts(self, pattern: Pattern) -> Iterator[tuple[str, str, str]]:
        """The triples that match a pattern, each term as plain text, for scans that need no term types.

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``: rdflib terms, None for any.

        Yields
        ------
        tuple of str
            An IRI as itself, a blank node as its id, a literal as its lexical form.
        """
        ...

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
        ...

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
        ...

    def prefetch(self, subjects: Iterable[Node]) -> None:
        """Get ready to answer :meth:`objects` for many subjects (one request for all, on an endpoint).

        Parameters
        ----------
        subjects : iterable of rdflib term
            The subjects about to be asked about.
        """
        ...

    def build(self) -> None:
        """Make the triples ready now (a memory store built on first use parses its files here)."""
        ...

    def __len__(self) -> int:
        """How many triples the store holds."""
        ...

    def describe(self) -> str:
        """The backend in a few words, for messages.

        Returns
        -------
        str
            Such as ``"the store PATH"``.
        """
        ...

    def namespaces(self) -> dict[str, str]:
        """The prefixes the data declared, for showing IRIs short.

        Returns
        -------
        dict
            Prefix -> namespace IRI.
        """
        ...

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Write every triple to a binary file, in one of :attr:`dump_formats`.

        Parameters
        ----------
        out : binary file
            Where to write.
        fmt : str
            One of :attr:`dump_formats`.
        """
        ...

    def rdflib_graph(self, limit: int | None = MAX_IN_MEMORY) -> rdflib.Graph:
        """The triples as an ``rdflib.Graph``: only for a library that needs one (pySHACL).

        A memory store gives its own graph (no copy); the others a copy.

        Parameters
        ----------
        limit : int or None
            The most triples to copy; None for no limit.

        Returns
        -------
        rdflib.Graph
            The graph.
        """
        ...


def check_size(count: int, limit: int | None, what: str) -> None:
    """Refuse to copy more than ``limit`` triples into memory.

    Parameters
    ----------
    count : int
        How many triples there are.
    limit : int or None
        The most that may be copied; None for no limit.
    what : str
        The store, for the message.

    Raises
    ------
    CareerGraphError
        When ``count`` is over ``limit``.
    """
    if limit is not None and count > limit:
        raise CareerGraphError(f"{what} holds {count:,} triples; this needs the whole graph in "
                               f"memory, which careergraph does for at most {limit:,}: work on the "
                               "files instead (-d FILE)")


def as_texts(triples: Iterable[Triple]) -> Iterator[tuple[str, str, str]]:
    """Triples of rdflib terms as plain text, for :meth:`Store.triple_texts` of a store that reads terms.

    Parameters
    ----------
    triples : iterable of tuple
        ``(subject, predicate, object)`` rdflib terms.

    Yields
    ------
    tuple of str
        Each term as text (an IRI itself, a blank node its id, a literal its lexical form).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> list(as_texts([(URIRef("http://x/a"), URIRef("http://x/p"), Literal("3"))]))
    [('http://x/a', 'http://x/p', '3')]
    """
    for subject, predicate, value in triples:
        yield str(subject), str(predicate), str(value)


def graph_of(triples: Iterable[Triple]) -> rdflib.Graph:
    """A new ``rdflib.Graph`` holding ``triples``, with careergraph's prefixes bound.

    Parameters
    ----------
    triples : iterable of tuple
        Triples of rdflib terms.

    Returns
    -------
    rdflib.Graph
        The graph.
    """
    import rdflib

    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for triple in triples:
        graph.add(triple)
    return graph


def variables(bindings: Mapping[Any, Any] | None) -> dict[str, Any]:
    """Bindings by plain variable name (``"?role"``, ``Variable("role")`` and ``"role"`` alike).

    Parameters
    ----------
    bindings : mapping or None
        Variable -> term.

    Returns
    -------
    dict
        Name without ``?`` or ``$`` -> term.

    Examples
    --------
    >>> variables({"?role": 1, "$level": 2})
    {'role': 1, 'level': 2}
    """
    return {str(name).lstrip("?$"): term for name, term in (bindings or {}).items()}


def bound_text(query: Any, bindings: Mapping[Any, Any] | None) -> str:
    """The text of a query with its bindings as ``VALUES`` blocks (for a store that only takes text).

    Each value is serialised by :func:`careergraph.store.terms.term_to_sparql`;
    see :mod:`careergraph.sparql.values` for where the blocks go.

    Parameters
    ----------
    query : str or careergraph.sparql.guard.CheckedQuery
        The query.
    bindings : mapping or None
        Variable -> rdflib term.

    Returns
    -------
    str
        The query text, values bound.
    """
    from careergraph.sparql.values import bind_values
    from careergraph.store.terms import term_to_sparql

    text = getattr(query, "text", query)
    values = {name: term_to_sparql(term) for name, term in variables(bindings).items()}
    return bind_values(text, values) if values else text


def query_kind(query: Any) -> str:
    """The form of a query: its ``kind`` when checked, else read from the text.

    Parameters
    ----------
    query : str or careergraph.sparql.guard.CheckedQuery
        The query.

    Returns
    -------
    str
        ``"select"``, ``"ask"``, ``"construct"`` or ``"describe"``.
    """
    from careergraph.sparql.values import query_form

    return getattr(query, "kind", None) or query_form(getattr(query, "text", query)) or "select"
