"""Write a query result in the standard SPARQL result formats and RDF syntaxes.

SELECT and ASK answers: ``json`` (SPARQL 1.1 Query Results JSON), ``xml``
(SPARQL Query Results XML), ``csv`` and ``tsv`` (SPARQL 1.1 Query Results
CSV and TSV) and ``md`` (a Markdown table, for reading). CONSTRUCT and
DESCRIBE answers: ``ttl`` (Turtle), ``nt`` (N-Triples) and ``jsonld``
(JSON-LD). JSON, XML and CSV are rdflib's own writers; TSV and Markdown are
written here. :data:`MEDIA_TYPES` maps each format to its media type for HTTP
content negotiation.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> result = QueryResult("select", ["role", "seniority"], [
...     {"role": URIRef("https://w3id.org/careergraph/pm/product-manager"), "seniority": Literal(2)}])
>>> print(serialize(result, "tsv"))
?role	?seniority
<https://w3id.org/careergraph/pm/product-manager>	2
>>> print(serialize(result, "md"))
| role | seniority |
| --- | --- |
| pm:product-manager | 2 |
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from careergraph.errors import CareerGraphError
from careergraph.namespaces import XSD, shorten
from careergraph.sparql.results import QueryResult

ROW_FORMATS = ("csv", "tsv", "json", "md", "xml")
"""Formats for SELECT and ASK answers."""

GRAPH_FORMATS = ("ttl", "nt", "jsonld")
"""Formats for CONSTRUCT and DESCRIBE answers."""

MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "md": "text/markdown",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
"""The media type of each format."""

_RDFLIB_GRAPH_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
_PLAIN_TYPES = {XSD + "integer": re.compile(r"[+-]?\d+"),
                XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
                XSD + "double": re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"),
                XSD + "boolean": re.compile(r"true|false")}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def formats_for(result: QueryResult) -> tuple[str, ...]:
    """The formats that can write this result.

    Parameters
    ----------
    result : QueryResult
        The answer.

    Returns
    -------
    tuple of str
        :data:`GRAPH_FORMATS` for a CONSTRUCT or DESCRIBE, else :data:`ROW_FORMATS`.

    Examples
    --------
    >>> formats_for(QueryResult("construct", ["subject", "predicate", "object"]))
    ('ttl', 'nt', 'jsonld')
    """
    return GRAPH_FORMATS if result.is_graph else ROW_FORMATS


def serialize(result: QueryResult, fmt: str) -> str:
    """The result written in format ``fmt``.

    Parameters
    ----------
    result : QueryResult
    fmt : str
        One of :func:`formats_for` ``(result)``.

    Returns
    -------
    str
        The answer in that format.

    Raises
    ------
    CareerGraphError
        When the format does not fit the kind of answer (``ttl`` for a SELECT...).

    Examples
    --------
    >>> print(serialize(QueryResult("ask", [], boolean=True), "json"))
    {"head": {}, "boolean": true}
    >>> serialize(QueryResult("ask", [], boolean=True), "ttl")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: format 'ttl' is for CONSTRUCT and DESCRIBE answers;
        an ASK answer can be written as csv, tsv, json, md, xml
    """
    allowed = formats_for(result)
    if fmt not in allowed:
        other = "SELECT and ASK" if fmt in ROW_FORMATS else "CONSTRUCT and DESCRIBE"
        if fmt not in MEDIA_TYPES:
            raise CareerGraphError(f"unknown format '{fmt}'; use one of {', '.join(allowed)}")
        raise CareerGraphError(f"format '{fmt}' is for {other} answers; an {result.kind.upper()} "
                               f"answer can be written as {', '.join(allowed)}")
    if result.is_graph:
        return result.graph().serialize(format=_RDFLIB_GRAPH_FORMATS[fmt])
    if result.kind == "ask" and fmt in ("csv", "tsv", "md"):  # no standard: the bare answer
        return "true" if result.boolean else "false"
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "md":
        return _markdown(result)
    return _rdflib_result(result).serialize(format=fmt).decode("utf-8")


def display(term: Node | None) -> str:
    """A term as a person reads it in a table: ``prefix:name`` IRIs, bare literal text.

    Parameters
    ----------
    term : rdflib term or None
        The value (None where unbound).

    Returns
    -------
    str
        The text to show; empty for None.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> display(URIRef("https://w3id.org/careergraph/ontology#Role")), display(Literal("PM", lang="en"))
    ('cg:Role', 'PM')
    >>> display(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        short = shorten(str(term))
        return str(term) if short.startswith("<") else short
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def tsv_term(term: Node) -> str:
    """A term in the Turtle syntax the SPARQL TSV format asks for.

    Parameters
    ----------
    term : rdflib term
        An IRI, blank node or literal.

    Returns
    -------
    str
        Numbers and booleans bare, other literals quoted and escaped, IRIs in ``<...>``.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> tsv_term(Literal("a\\tb", lang="en")), tsv_term(Literal(3)), tsv_term(URIRef("http://x/y"))
    ('"a\\\\tb"@en', '3', '<http://x/y>')
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    datatype = str(term.datatype) if term.datatype else None
    if datatype in _PLAIN_TYPES and _PLAIN_TYPES[datatype].fullmatch(str(term)):
        return str(term)
    quoted = '"' + str(term).translate(_ESCAPES) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    if datatype and datatype != XSD + "string":
        return f"{quoted}^^<{datatype}>"
    return quoted


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join(tsv_term(row[name]) if name in row else "" for name in result.variables)
              for row in result.bindings]
    return "\n".join(lines)


def _markdown(result: QueryResult) -> str:
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|") or " "

    lines = ["| " + " | ".join(map(cell, result.variables)) + " |",
             "|" + " --- |" * len(result.variables)]
    lines += ["| " + " | ".join(cell(display(row.get(name))) for name in result.variables) + " |"
              for row in result.bindings]
    return "\n".join(lines)


def _rdflib_result(result: QueryResult):
    """The answer as an rdflib Result, for rdflib's JSON, XML and CSV writers."""
    from rdflib import Variable
    from rdflib.query import Result

    if result.kind == "ask":
        answer = Result("ASK")
        answer.askAnswer = bool(result.boolean)
        return answer
    answer = Result("SELECT")
    answer.vars = [Variable(name) for name in result.variables]
    answer.bindings = [{Variable(name): term for name, term in row.items()}
                       for row in result.bindings]
    return answer
