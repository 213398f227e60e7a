"""The one answer type of every store: :class:`Answer`, made of :class:`Row` objects.

Whatever holds the triples, :meth:`careergraph.store.Store.query` answers with
an :class:`Answer` whose values are rdflib terms: the memory store wraps
rdflib's own result into one (:func:`answer_from_rdflib`), the Oxigraph store
and the endpoint convert pyoxigraph's (:func:`answer_from_oxigraph`). So the
code that reads an answer never asks where it came from.

- a SELECT has ``variables`` and ``rows``; a row gives its values by position,
  ``row.name`` or ``row["name"]`` (None where a variable is unbound);
- an ASK has ``boolean``;
- a CONSTRUCT or DESCRIBE has ``triples`` (each once).

Answers pickle (a query with a time limit sends its answer back from a child).

Examples
--------
>>> from rdflib import Literal
>>> answer = Answer("select", ["role", "level"], [(Literal("PM"), Literal(2)), (Literal("APM"), None)])
>>> [(str(row.role), row["level"]) for row in answer]
[('PM', rdflib.term.Literal('2', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))),
 ('APM', None)]
>>> len(answer), bool(Answer("ask", boolean=False))
(2, False)
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, ClassVar

FORMS = ("select", "ask", "construct", "describe")
"""The query forms, as :attr:`Answer.kind` names them."""

GRAPH_FORMS = ("construct", "describe")
"""The forms whose answer is a set of triples."""


class Row(tuple):
    """One row of a SELECT answer: rdflib terms (None where unbound).

    A value is reached by position (``row[0]``), by attribute (``row.role``)
    or by name (``row["role"]``). A row is a tuple, so it unpacks and compares
    like one.

    Parameters
    ----------
    iterable : iterable
        The row's terms, in the order of the answer's variables.
    """

    __slots__ = ()
    names: ClassVar[tuple[str, ...]] = ()
    """The variables of the answer, in order (shared by its rows)."""
    _index: ClassVar[dict[str, int]] = {}

    def __getattr__(self, name: str) -> Any:
        """The value of the variable ``name`` (None when unbound)."""
        try:
            return tuple.__getitem__(self, self._index[name])
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: Any) -> Any:
        """The value at a position, or of a variable by name."""
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the variable names and the values (the row's class is made per answer)."""
        return _make_row, (self.names, tuple(self))

    def get(self, name: str, default: Any = None) -> Any:
        """The value of a variable, or ``default`` when it is unbound or not in the answer.

        Parameters
        ----------
        name : str
            The variable, without ``?``.
        default : object, optional
            What to return instead of nothing.

        Returns
        -------
        rdflib term or object
            The value, else ``default``.
        """
        index = self._index.get(str(name))
        value = None if index is None else tuple.__getitem__(self, index)
        return default if value is None else value

    def asdict(self) -> dict[str, Any]:
        """The bound values by variable name.

        Returns
        -------
        dict
            Variable name -> rdflib term; unbound variables are absent.
        """
        return {name: value for name, value in zip(self.names, self) if value is not None}


@lru_cache(maxsize=256)
def row_type(names: tuple[str, ...]) -> type[Row]:
    """The class of the rows of an answer with these variables (one per variable list).

    Parameters
    ----------
    names : tuple of str
        The variables, in order.

    Returns
    -------
    type
        A subclass of :class:`Row` that knows where each variable is.
    """
    return type("Row", (Row,), {"__slots__": (), "names": names,
                                "_index": {name: i for i, name in enumerate(names)}})


def _make_row(names: tuple[str, ...], values: tuple[Any, ...]) -> Row:
    return row_type(names)(values)


class Answer:
    """The answer to a SPARQL query, the same from every store.

    Parameters
    ----------
    kind : str
        ``"select"``, ``"ask"``, ``"construct"`` or ``"describe"``.
    variables : sequence of str
        The columns of a SELECT, in order.
    rows : iterable of sequences
        The rows of a SELECT: rdflib terms (None where unbound), one per variable.
    boolean : bool, optional
        The answer of an ASK.
    triples : iterable of tuples
        The triples of a CONSTRUCT or DESCRIBE (kept once each, in order).

    Attributes
    ----------
    kind : str
    variables : list of str
    rows : list of Row
    boolean : bool or None
    triples : list of tuple
    """

    __slots__ = ("boolean", "kind", "rows", "triples", "variables")

    def __init__(self, kind: str, variables: Sequence[str] = (), rows: Iterable[Sequence[Any]] = (), *,
                 boolean: bool | None = None, triples: Iterable[tuple[Any, Any, Any]] = ()) -> None:
        if kind not in FORMS:
            raise ValueError(f"unknown query form {kind!r}")
        self.kind = kind
        self.variables = [str(name) for name in variables]
        make = row_type(tuple(self.variables))
        self.rows = [make(values) for values in rows]
        self.boolean = None if boolean is None else bool(boolean)
        self.triples = list(dict.fromkeys(triples))

    @property
    def is_graph(self) -> bool:
        """Whether the answer is a set of triples (CONSTRUCT, DESCRIBE)."""
        return self.kind in GRAPH_FORMS

    def __iter__(self) -> Iterator[Any]:
        """The rows of a SELECT, the triples of a CONSTRUCT or DESCRIBE, the one boolean of an ASK."""
        if self.kind == "ask":
            return iter([self.boolean])
        return iter(self.triples if self.is_graph else self.rows)

    def __len__(self) -> int:
        """How many rows or triples (1 for an ASK)."""
        if self.kind == "ask":
            return 1
        return len(self.triples if self.is_graph else self.rows)

    def __bool__(self) -> bool:
        """The truth of an ASK; otherwise whether there is any row or triple."""
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def __repr__(self) -> str:
        """The kind and the size."""
        if self.kind == "ask":
            return f"<Answer ask {self.boolean}>"
        unit = "triples" if self.is_graph else "rows"
        return f"<Answer {self.kind}: {len(self)} {unit}>"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an answer is built (it runs again after, if it ran before).

    An answer of 15,000 rows makes some 100,000 new objects (rows, terms,
    tuples), and every few hundred of them the collector walks the objects
    of the session: that took about as long as Oxigraph's evaluation. The
    objects of an answer hold no reference cycles, so reference counting
    frees them all the same.

    Yields
    ------
    None
        While the collector is paused.

    Examples
    --------
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def answer_from_rdflib(result: Any) -> Answer:
    """An rdflib query result as an :class:`Answer`.

    Parameters
    ----------
    result : rdflib.query.Result
        What ``rdflib.Graph.query`` returned.

    Returns
    -------
    Answer
        The same rows, boolean or triples.
    """
    kind = result.type.lower()
    if kind == "ask":
        return Answer("ask", boolean=bool(result.askAnswer))
    if kind in GRAPH_FORMS:
        return Answer(kind, triples=result.graph if result.graph is not None else ())
    variables = list(result.vars or ())
    return Answer("select", variables, (tuple(map(solution.get, variables)) for solution in result.bindings))


def answer_from_oxigraph(result: Any, kind: str | None = None, convert: Any = None) -> Answer:
    """A pyoxigraph query result (solutions, boolean or triples) as an :class:`Answer`.

    Parameters
    ----------
    result : pyoxigraph.QuerySolutions, pyoxigraph.QueryBoolean or pyoxigraph.QueryTriples
        What ``pyoxigraph.Store.query`` or ``pyoxigraph.parse_query_results`` returned.
    kind : str, optional
        ``"construct"`` or ``"describe"`` for triples (pyoxigraph does not tell
        them apart); CONSTRUCT when not given.
    convert : TermConverter, optional
        The converter to use (a new one when not given).

    Returns
    -------
    Answer
        With rdflib terms.
    """
    from careergraph.store.terms import TermConverter

    convert = convert or TermConverter()
    form = type(result).__name__
    if form == "QueryBoolean":
        return Answer("ask", boolean=bool(result))
    with collector_paused():
        if form == "QueryTriples":
            return Answer(kind if kind in GRAPH_FORMS else "construct",
                          triples=(convert.triple(triple) for triple in result))
        names = [variable.value for variable in result.variables]
        return Answer("select", names, (tuple(map(convert, solution)) for solution in result))
