"""The answer to a SPARQL query, as rdflib terms and as plain Python values.

A :class:`QueryResult` holds what any of the four query forms returns: the
rows of a SELECT (as rdflib terms, so that formats can tell an IRI from a
string), the truth of an ASK, the triples of a CONSTRUCT or DESCRIBE. It
pickles, so a query can run in a child process and send its answer back.

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
from typing import Any

from rdflib import BNode, Literal
from rdflib.term import Node

TRIPLE_VARIABLES = ["subject", "predicate", "object"]
"""The columns under which the triples of a CONSTRUCT or DESCRIBE are shown as rows."""


@dataclass
class QueryResult:
    """The answer to one query.

    Attributes
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

        Examples
        --------
        >>> from rdflib import Literal
        >>> QueryResult("select", ["n"], [{"n": Literal(1)}, {}]).column("n")
        [1, None]
        """
        return [to_python(row[name]) if name in row else None for row in self.bindings]

    def triples(self) -> list[tuple[Node, Node, Node]]:
        """The triples of a graph result."""
        return [(row["subject"], row["predicate"], row["object"]) for row in self.bindings]

    def graph(self):
        """A graph result as an ``rdflib.Graph`` with careergraph's prefixes bound."""
        import rdflib

        from careergraph.namespaces import PREFIXES

        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in self.triples():
            graph.add(triple)
        return graph

    def to_dataframe(self):
        """The rows as a pandas DataFrame, one column per variable (needs pandas).

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
        return len(self.bindings)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)


def to_python(term: Node) -> Any:
    """A term as a plain Python value.

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
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)
