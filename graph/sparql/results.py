"""The answer to a user's SPARQL query, ready to show: as rdflib terms and as plain Python values.

A :class:`QueryResult` is the layer between a store's answer and what a
person or a program reads. It is made only from the
:class:`~careergraph.store.Answer` every store gives (:meth:`QueryResult.from_answer`),
so it is the same whatever the backend; what it adds is for showing: rows
as dicts by variable name, plain Python values (:attr:`QueryResult.rows`),
a row limit (``truncated``), the triples of a graph answer in a stable order,
and a pandas DataFrame. The formats of :mod:`careergraph.sparql.formats`
write it. It pickles, so a query can run in a child process and send its
answer back.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> result = QueryResult("select", ["role", "seniority"], [
...     {"role": URIRef("https://w3id.org/careergraph/pm/product-manager"), "seniority": Literal(2)}])
>>> result.rows
[{'role': 'https://w3id.org/careergraph/pm/product-manager', 'seniority': 2}]
>>> len(result), result.kind
(1, 'select')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

    from careergraph.store.answer import Answer

TRIPLE_VARIABLES = ["subject", "predicate", "object"]
"""The columns under which the triples of a CONSTRUCT or DESCRIBE are shown as rows."""


@dataclass
class QueryResult:
    """The answer to one query, for showing.

    Parameters
    ----------
    kind : str
        ``select``, ``ask``, ``construct`` or ``describe``.
    variables : list of str
        The SELECT's columns in order (``subject``, ``predicate``, ``object``
        for graph results; empty for ASK).
    bindings : list of dict
        One dict per row, variable name to rdflib term; unbound variables are
        absent. For graph results, one dict per triple.
    boolean : bool or None
        The answer of an ASK.
    truncated : bool
        True when a row limit cut the answer short.
    """

    kind: str
    variables: list[str]
    bindings: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False

    @classmethod
    def from_answer(cls, answer: Answer, max_rows: int | None = None) -> QueryResult:
        """The result of a store's answer, cut to ``max_rows``.

        Parameters
        ----------
        answer : careergraph.store.Answer
            What :meth:`careergraph.store.Store.query` returned.
        max_rows : int, optional
            Keep at most this many rows (or triples); the result then says ``truncated``.

        Returns
        -------
        QueryResult
            Rows by variable name (unbound variables absent); a graph answer's
            triples sorted, as rows of ``subject``, ``predicate``, ``object``.

        Examples
        --------
        >>> from rdflib import Literal
        >>> from careergraph.store import Answer
        >>> result = QueryResult.from_answer(Answer("select", ["n"], [(Literal(1),), (None,)]), max_rows=1)
        >>> result.bindings, result.truncated
        ([{'n': rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}],
         True)
        """
        if answer.kind == "ask":
            return cls("ask", [], boolean=answer.boolean)
        if answer.is_graph:
            rows = [dict(zip(TRIPLE_VARIABLES, triple)) for triple in sorted(answer.triples)]
            variables = list(TRIPLE_VARIABLES)
        else:
            variables = list(answer.variables)
            rows = [{name: term for name, term in zip(variables, row) if term is not None}
                    for row in answer.rows]
        truncated = max_rows is not None and len(rows) > max_rows
        return cls(answer.kind, variables, rows[:max_rows] if truncated else rows, truncated=truncated)

    @property
    def is_graph(self) -> bool:
        """Whether the answer is a set of triples (CONSTRUCT, DESCRIBE)."""
        return self.kind in ("construct", "describe")

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The rows as dicts of plain Python values.

        IRIs become ``str``, literals their Python value (``int`` for
        integers, ``str`` for strings, ``datetime.date`` for dates...), blank
        nodes ``_:id``; unbound variables are absent.
        """
        return [{name: to_python(term) for name, term in row.items()} for row in self.bindings]

    def column(self, name: str) -> list[Any]:
        """The plain values of one column, ``None`` where unbound.

        Parameters
        ----------
        name : str
            The variable, without ``?``.

        Returns
        -------
        list
            One value per row (see :func:`to_python`).

        Examples
        --------
        >>> from rdflib import Literal
        >>> QueryResult("select", ["n"], [{"n": Literal(1)}, {}]).column("n")
        [1, None]
        """
        return [to_python(row[name]) if name in row else None for row in self.bindings]

    def triples(self) -> list[tuple[Node, Node, Node]]:
        """The triples of a graph result.

        Returns
        -------
        list of tuple
            ``(subject, predicate, object)`` as rdflib terms.
        """
        return [(row["subject"], row["predicate"], row["object"]) for row in self.bindings]

    def graph(self) -> rdflib.Graph:
        """A graph result as an ``rdflib.Graph`` with careergraph's prefixes bound (for rdflib's writers).

        Returns
        -------
        rdflib.Graph
            A new graph of :meth:`triples`.
        """
        from careergraph.store.base import graph_of

        return graph_of(self.triples())

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame, one column per variable (needs pandas).

        Returns
        -------
        pandas.DataFrame
            Plain values (see :func:`to_python`); an ASK gives one column ``ask``.

        Raises
        ------
        ImportError
            With an install hint, when pandas is not installed.

        Examples
        --------
        >>> from rdflib import Literal
        >>> frame = QueryResult("select", ["n"], [{"n": Literal(1)}, {"n": Literal(2)}]).to_dataframe()
        >>> frame["n"].tolist()
        [1, 2]
        """
        try:
            import pandas
        except ImportError:
            raise ImportError("to_dataframe needs pandas: pip install pandas") from None
        if self.kind == "ask":
            return pandas.DataFrame({"ask": [self.boolean]})
        return pandas.DataFrame({name: self.column(name) for name in self.variables},
                                columns=self.variables)

    def __len__(self) -> int:
        """How many rows (or triples)."""
        return len(self.bindings)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The rows as dicts of plain Python values."""
        return iter(self.rows)


def to_python(term: Node) -> Any:
    """A term as a plain Python value.

    Parameters
    ----------
    term : rdflib term
        An IRI, literal or blank node.

    Returns
    -------
    object
        An IRI's text, a literal's Python value (its text when rdflib has
        none), ``_:id`` for a blank node.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> to_python(Literal("3", datatype="http://www.w3.org/2001/XMLSchema#integer"))
    3
    >>> to_python(Literal("Product Manager", lang="en"))
    'Product Manager'
    >>> to_python(URIRef("https://schema.org/Occupation"))
    'https://schema.org/Occupation'
    """
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)
