"""Check a SPARQL query a user passes in before it runs: parse it, refuse what is unsafe.

rdflib runs whatever a query asks for: an update changes the graph, ``LOAD``
and ``FROM`` / ``FROM NAMED`` read files and URLs, ``SERVICE`` makes HTTP
calls. :func:`check_query` parses the text with rdflib's own SPARQL grammar
and looks at the *parse tree*, not at the text, so a keyword inside a string
or a comment refuses nothing and a refusal cannot be dodged by spelling. A
syntax error names the line and column the parser stopped at.

Examples
--------
>>> check_query("SELECT ?role WHERE { ?role a cg:Role }").kind
'select'
>>> check_query("DROP ALL")
Traceback (most recent call last):
...
careergraph.errors.UpdateRefused: updates are refused (the graph is read-only): the request is DROP
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
careergraph.errors.QueryRefused: SERVICE is refused: careergraph does not call other endpoints from a query
>>> check_query("SELECT *\\nWHERE { ?s ?p }")
Traceback (most recent call last):
...
careergraph.errors.QuerySyntaxError: SPARQL syntax error at line 2, column 9 (at '?s ?p }')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from careergraph.errors import CareerGraphError, QueryRefused, QuerySyntaxError, UpdateRefused
from careergraph.namespaces import PREFIXES
from careergraph.sparql.stack import call_deep

TOO_DEEP = ("the query nests too deeply for the SPARQL parser (up to about 700 nested groups, "
            "or 1,700 patterns in one group); split it or flatten it")
"""The message for a query beyond what rdflib's recursive parser can read."""

KINDS = {"SelectQuery": "select", "AskQuery": "ask",
         "ConstructQuery": "construct", "DescribeQuery": "describe"}
"""rdflib's names of the query forms, and careergraph's."""

_UPDATE_NAMES = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT", "Clear": "CLEAR",
                 "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
                 "Copy": "COPY", "Load": "LOAD"}


@dataclass(frozen=True)
class CheckedQuery:
    """A query that parsed and passed the checks, ready to run.

    Parameters
    ----------
    text : str
        The query as written.
    kind : str
        ``select``, ``ask``, ``construct`` or ``describe``.
    query : rdflib.plugins.sparql.sparql.Query
        The translated query (algebra), with the prefixes of
        :data:`careergraph.namespaces.PREFIXES` predeclared.
    variables : frozenset of str
        The names (without ``?``) of every variable the query mentions.
    """

    text: str
    kind: str
    query: Any
    variables: frozenset[str]


def check_query(text: str) -> CheckedQuery:
    """Parse a query, refuse updates, LOAD, SERVICE and FROM, and translate it.

    Parameters
    ----------
    text : str
        SPARQL query text. The prefixes of :data:`~careergraph.namespaces.PREFIXES`
        (``cg:``, ``skos:``, ``rdfs:``, ``dcterms:``, ``prov:``, ``schema:`` ...)
        need no PREFIX line.

    Returns
    -------
    CheckedQuery

    Raises
    ------
    UpdateRefused
        The text is an update request (INSERT, DELETE, DROP, CLEAR, ...).
    QueryRefused
        It holds LOAD, SERVICE, FROM or FROM NAMED.
    QuerySyntaxError
        It is not a valid SPARQL query; the message names line and column.

    Examples
    --------
    >>> checked = check_query("ASK { ?x cg:seniority ?level }")
    >>> checked.kind, sorted(checked.variables)
    ('ask', ['level', 'x'])
    >>> check_query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    careergraph.errors.QueryRefused: FROM is refused: careergraph does not read files or URLs named in a query;
        use -d FILE to add data
    >>> check_query('SELECT ?s WHERE { ?s rdfs:label "DROP ALL; SERVICE" }').kind
    'select'
    """
    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    try:
        return call_deep(lambda: _check(text))
    except RecursionError:
        raise QuerySyntaxError(TOO_DEEP) from None


def _check(text: str) -> CheckedQuery:
    """:func:`check_query` on the deep stack of :func:`~careergraph.sparql.stack.call_deep`."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as error:
        raise _not_a_query(text, error) from None
    form = parsed[1]
    for node in _walk(parsed):
        name = getattr(node, "name", None)
        if name == "DatasetClause":
            what = "FROM NAMED" if "named" in node else "FROM"
            raise QueryRefused(what, f"{what} is refused: careergraph does not read files or URLs "
                                     "named in a query; use -d FILE to add data")
        if name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE", "SERVICE is refused: careergraph does not call other "
                                          "endpoints from a query")
    variables = frozenset(str(v) for v in _walk(parsed) if _is_variable(v))  # translating rewrites the tree
    try:
        query = translateQuery(parsed, initNs=PREFIXES)
    except RecursionError:
        raise
    except Exception as error:  # rdflib raises bare Exceptions for undeclared prefixes and the like
        raise _translation_error(text, error) from None
    return CheckedQuery(text, KINDS[form.name], query, variables)


def _not_a_query(text: str, error: Any) -> CareerGraphError:
    """An update becomes a refusal; anything else a syntax error from the parser that got furthest."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = parseUpdate(text)
    except ParseException as update_error:
        if update_error.loc > error.loc:
            error = update_error
        return QuerySyntaxError(f"SPARQL syntax error at line {error.lineno}, column {error.col} "
                                f"(at {_snippet(error.line, error.col)!r})",
                                error.lineno, error.col)
    except Exception as other:  # pragma: no cover - the grammar raises ParseException
        return QuerySyntaxError(f"SPARQL syntax error: {' '.join(str(other).split())}")
    names = [request.name for request in update.request]
    if "Load" in names:
        return QueryRefused("LOAD", "LOAD is refused: careergraph does not read files or URLs "
                                    "named in a query, and the graph is read-only")
    shown = ", ".join(dict.fromkeys(_UPDATE_NAMES.get(name, name) for name in names))
    return UpdateRefused("update", f"updates are refused (the graph is read-only): "
                                   f"the request is {shown}")


def _translation_error(text: str, error: Exception) -> QuerySyntaxError:
    message = " ".join(str(error).split())
    unknown = re.fullmatch(r"Unknown namespace prefix ?: ?(\S*)", message)
    if unknown:
        prefix = unknown.group(1)
        match = re.search(rf"(?<![\w<:#/.-]){re.escape(prefix)}:", text)
        where = ""
        line = column = None
        if match:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            where = f" at line {line}, column {column}"
        return QuerySyntaxError(f"unknown prefix '{prefix}:'{where}; declare it with "
                                f"PREFIX {prefix}: <...>", line, column)
    return QuerySyntaxError(f"invalid SPARQL query: {message}")


def _snippet(line: str, column: int, width: int = 24) -> str:
    rest = line[column - 1:].strip()
    return rest if len(rest) <= width else rest[:width - 3] + "..."


def _walk(tree: Any) -> Iterator[Any]:
    """Every part of a parse tree: the tree itself, then each part below it."""
    from rdflib.plugins.sparql.parserutils import CompValue

    yield tree
    if isinstance(tree, CompValue):
        children = tree.values()
    elif isinstance(tree, (list, tuple)) or type(tree).__name__ == "ParseResults":
        children = tree
    else:
        return
    for child in children:
        yield from _walk(child)


def _is_variable(value: Any) -> bool:
    from rdflib import Variable

    return isinstance(value, Variable)
