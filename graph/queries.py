"""SPARQL over a loaded graph: named queries and results as plain Python values.

Named queries are the ``.rq`` files of ``ontology/queries/``; each opens with
comment lines ``# Title:``, ``# Description:`` and ``# Parameters:``. Values
go into a query through bindings (``initBindings``), never by pasting text
into it. The common prefixes of :data:`careergraph.namespaces.PREFIXES` are
predeclared.

Examples
--------
>>> from careergraph.load import load_graph
>>> rows = select(load_graph(), "ladder")
>>> rows[0]["role"], rows[0]["seniority"]
('Associate Product Manager', 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef, Variable

from .errors import CareerGraphError
from .load import CareerGraph
from .namespaces import PREFIXES
from .resources import named_query_paths


@dataclass(frozen=True)
class NamedQuery:
    """A query of ``ontology/queries/``, with what its header says."""

    name: str
    title: str
    description: str
    parameters: tuple[str, ...]
    text: str


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return ""


def read_named_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its header."""
    text = path.read_text(encoding="utf-8")
    parameters = _header(text, "Parameters")
    names = () if parameters.lower() in ("", "none") else tuple(
        p.split()[0].lstrip("?$") for p in parameters.split(",") if p.strip())
    return NamedQuery(path.stem, _header(text, "Title") or path.stem,
                      _header(text, "Description"), names, text)


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {query.name: query for query in map(read_named_query, named_query_paths())}


def select(kg: CareerGraph, query: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a SELECT query (a name of a named query, or SPARQL text) and return its rows.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    query : str
        The name of a named query, or the text of a SELECT query.
    bindings : mapping, optional
        Values for the query's variables, by name without ``?``; strings that
        look like IRIs (``http...``) are bound as IRIs, other values as literals.

    Returns
    -------
    list of dict
        One dictionary per row, variable name to plain Python value (IRIs as
        strings, literals as their Python value); unbound variables are absent.
    """
    text = named_queries()[query].text if query in named_queries() else query
    init = {Variable(name): _term(value) for name, value in (bindings or {}).items()}
    try:
        result = kg.graph.query(text, initNs=PREFIXES, initBindings=init)
    except Exception as error:  # the SPARQL parser raises pyparsing's errors
        raise CareerGraphError(f"cannot run the query: {' '.join(str(error).split())}") from None
    variables = [str(v) for v in result.vars or ()]
    return [{name: _python(row[name]) for name in variables if row[name] is not None}
            for row in result]


def _term(value: Any) -> URIRef | Literal:
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
        return URIRef(value)
    return Literal(value)


def _python(term: Any) -> Any:
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)
