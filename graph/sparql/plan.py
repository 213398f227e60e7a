"""Python plans: the same rows as a named query's SPARQL, got faster from a persistent store.

A named query is documented SPARQL (``ontology/queries/NAME.rq``), and every
backend can run it as it is. Some of them are slow on Oxigraph at a million
triples, and not because of the data: its ``ORDER BY`` reads every compared
string back from disk (sorting 50,000 labels takes seconds), its aggregates
(``SUM(IF(...))``, ``MIN`` over strings) are slow, and it joins triple
patterns by looking each row up in turn where scanning both sides and
hashing would be quicker. For such a query, a *plan* (a Python function of
:mod:`careergraph.sparql.plans`, registered by the query's name with
:func:`plan`) gets the same rows another way: it runs simpler SPARQL (its
joins as sub-selects, which Oxigraph evaluates as hash joins; no
``ORDER BY``; few aggregates) and sorts, groups and counts in Python.

The query's header says so on a ``# Plan:`` line. A plan is used for the
named query itself only (not for a ``.rq`` file a user wrote under the same
name), on the persistent (Oxigraph) store only. An endpoint runs the SPARQL as
written: it may be any engine, with a plan of its own (Virtuoso 7.2 cannot
start a transitive path from a ``VALUES`` block, as the plan of
``reachable-from`` asks). The memory store runs the
SPARQL itself: rdflib sorts in Python anyway, joins sub-selects by comparing
every pair of rows, and gets a join of sub-selects inside ``OPTIONAL`` wrong
(it counted 7 roles for a skill 1 role requires). Each plan is tested to give exactly the rows
and order of its SPARQL on every backend (``tests/test_named_query_plans.py``),
so each query's ``ORDER BY`` orders its rows completely (no ties left to an
engine).

A plan is a function ``plan(ask) -> Answer``: ``ask(text)`` runs SPARQL text
on the graph with the named query's bound parameters (``VALUES`` blocks, or
rdflib's ``initBindings``) and returns the store's
:class:`~careergraph.store.Answer`.

Examples
--------
>>> from rdflib import Literal
>>> rows = [(Literal("b"), None), (Literal("a"), Literal(2)), (Literal("a"), Literal(1))]
>>> [tuple(map(str, row)) for row in sort_rows(rows, [(1, False, True), (0, False, False)])]
[('a', '1'), ('a', '2'), ('b', 'None')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal

if TYPE_CHECKING:
    from careergraph.store.answer import Answer

Ask = Callable[[str], "Answer"]
"""Runs SPARQL text with the query's bound parameters: what a plan is given."""

Plan = Callable[[Ask], "Answer"]
"""A plan: the answer of its named query, from ``ask``."""

PLANS: dict[str, Plan] = {}
"""Named query -> its plan (filled by :mod:`careergraph.sparql.plans` as it is imported)."""

Key = tuple[int, bool, bool]
"""A sort key: ``(column, descending, unbound_last)``."""

_NUMERIC = ("integer", "decimal", "float", "double", "int", "long", "short", "byte",
            "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
            "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")
_XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC_TYPES = frozenset(_XSD + name for name in _NUMERIC)
"""The numeric XSD datatypes, which SPARQL orders by value."""


def plan(name: str) -> Callable[[Plan], Plan]:
    """Register a function as the plan of the named query ``name``.

    Parameters
    ----------
    name : str
        The named query (the file name without ``.rq``).

    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.
    """
    def register(function: Plan) -> Plan:
        PLANS[name] = function
        return function
    return register


def term_key(term: Any) -> tuple[Any, ...]:
    """A term's place in SPARQL's ``ORDER BY``: unbound, blank nodes, IRIs, then literals.

    Numbers are ordered by value, other literals by their text (codepoint order,
    as Oxigraph and rdflib do), then language and datatype.

    Parameters
    ----------
    term : rdflib term or None
        The value.

    Returns
    -------
    tuple
        A key that compares as SPARQL orders.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> [str(term) for term in sorted([Literal(10), Literal(9), None, URIRef("http://x"), Literal("a")],
    ...                               key=term_key)]
    ['None', 'http://x', '9', '10', 'a']
    """
    if term is None:
        return (0,)
    if not isinstance(term, Literal):
        return (1 if isinstance(term, BNode) else 2, str(term))
    datatype = "" if term.datatype is None else str(term.datatype)  # (a URIRef does not hash as its text)
    if datatype in NUMERIC_TYPES:
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return (3, 0, value)
    return (3, 1, str(term), term.language or "", datatype)


def sort_rows(rows: Iterable[Sequence[Any]], keys: Sequence[Key]) -> list[tuple[Any, ...]]:
    """Rows in SPARQL's order for ``keys``, most significant first (a stable sort).

    Parameters
    ----------
    rows : iterable of sequences
        Rows of rdflib terms (None where unbound).
    keys : sequence of (column, descending, unbound_last)
        The column's index; whether it sorts descending; whether an unbound
        value goes last (``(!BOUND(?x)) ?x``) rather than first, as SPARQL puts it.

    Returns
    -------
    list of tuple
        The rows, sorted, as plain tuples.
    """
    ordered = [tuple(row) for row in rows]  # plain tuples: a Row looks its values up in Python
    known: dict[int, tuple[Any, ...]] = {}  # by identity: a term repeated in an answer is one object

    def key_of(term: Any) -> tuple[Any, ...]:
        found = known.get(id(term))
        if found is None:
            found = known[id(term)] = term_key(term)
        return found

    if not any(descending for _, descending, _ in keys):  # one sort on all the keys at once
        def whole(row: tuple[Any, ...]) -> tuple[Any, ...]:
            parts: list[Any] = []
            for column, _, unbound_last in keys:
                value = row[column]
                if unbound_last:
                    parts.append(value is None)
                parts.append(key_of(value))
            return tuple(parts)
        ordered.sort(key=whole)
        return ordered
    for column, descending, unbound_last in reversed(keys):
        if unbound_last:
            ordered.sort(key=lambda row, i=column: (row[i] is None, key_of(row[i])), reverse=descending)
        else:
            ordered.sort(key=lambda row, i=column: key_of(row[i]), reverse=descending)
    return ordered

def run_plan(function: Plan, query: Callable[..., Answer], bindings: Any,
             timeout: float | None = None) -> Answer:
    """Run a plan on a store: each SPARQL text it asks for is bound and run there.

    Parameters
    ----------
    function : callable
        The plan.
    query : callable
        The store's ``query(text, bindings, timeout=...)``.
    bindings : mapping
        The named query's bound parameters.
    timeout : float, optional
        Passed to each query (for a store that keeps a time limit itself).

    Returns
    -------
    Answer
        The plan's answer.
    """
    from careergraph.store.answer import collector_paused

    with collector_paused():  # a plan's rows and keys are many new objects, none in a cycle
        return function(lambda text: query(text, bindings, timeout=timeout))
