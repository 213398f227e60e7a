"""One query's whole answer, made in the query's child process: parse, check, run, write, cap.

:func:`answer_query` is what the endpoint runs in the forked child of
:func:`careergraph.sparql.timeout.call_with_timeout_async`, so that everything
a query costs happens within its deadline and off the server's event loop:
parsing and checking the text (a 59 KB query can take rdflib half a minute to
parse), binding parameters, choosing the format from the Accept header,
evaluating, and writing the answer. It returns an :class:`Outcome`: the status,
the bytes to send and their headers; the parent only sends them.

The answer is capped in bytes as well as in rows: rows past ``max_bytes`` of
output are cut, and the headers say so (``X-Careergraph-Truncated: true``,
``X-Careergraph-Byte-Limit: N``). Lone surrogates in the data (text that is
not Unicode) are written as the escape ``\\ud800``.

Examples
--------
>>> choose_format("text/csv, */*;q=0.1", "select")
'csv'
>>> from careergraph.load import load_graph
>>> from careergraph.sparql.queries import NamedQuery
>>> outcome = answer_query(load_graph(), NamedQuery("", "", "", (), "ASK { ?s ?p ?o }"), {}, "text/csv")
>>> outcome.status, outcome.body
(200, b'true')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from careergraph.errors import CareerGraphError, QueryRefused, UpdateRefused
from careergraph.sparql.formats import MEDIA_TYPES, serialize
from careergraph.sparql.queries import NamedQuery, evaluate, prepare_query

if TYPE_CHECKING:
    from rdflib.term import Node

    from careergraph.career_graph import CareerGraph
    from careergraph.sparql.results import QueryResult

ROW_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
"""Media types a SELECT or ASK answer can be written in, and their format names."""
GRAPH_MEDIA = {
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/turtle": "ttl",
    "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "jsonld", "application/json": "jsonld",
}
"""Media types a CONSTRUCT or DESCRIBE answer can be written in, and their format names."""
_DEFAULT = {False: "json", True: "ttl"}
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
"""Headers of every answer: no content sniffing, no caching."""
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Outcome:
    """What to send back for one request: status, body and headers.

    Parameters
    ----------
    status : int
        The HTTP status.
    body : bytes
        The answer, or a one-line message ending in a newline.
    media_type : str
        The Content-Type.
    headers : dict
        The other headers (:data:`COMMON_HEADERS` and the truncation headers).
    """

    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=lambda: dict(COMMON_HEADERS))


def refusal(status: int, message: str) -> Outcome:
    """A one-line plain-text answer with ``status``.

    Parameters
    ----------
    status : int
        The HTTP status.
    message : str
        One line, without the newline.

    Returns
    -------
    Outcome
        The message as UTF-8 text (lone surrogates escaped).
    """
    return Outcome(status, (message + "\n").encode("utf-8", "backslashreplace"))


def choose_format(accept: str | None, kind: str) -> str | None:
    """The format to answer a query of ``kind`` in, from an Accept header; None when none fits.

    Media types are tried by their q-value, then by their order in the header;
    wildcards (``*/*``, ``application/*``) take the default format.

    Parameters
    ----------
    accept : str or None
        The request's Accept header (None or blank: the default format).
    kind : str
        The query's form: ``select``, ``ask``, ``construct`` or ``describe``.

    Returns
    -------
    str or None
        A format name of :mod:`careergraph.sparql.formats` (``json``, ``xml``,
        ``csv``, ``tsv``, ``ttl``, ``nt``, ``jsonld``), or None when the header
        accepts none of them.

    Examples
    --------
    >>> choose_format("text/csv;q=0.5, application/sparql-results+xml", "ask")
    'xml'
    >>> choose_format(None, "describe")
    'ttl'
    """
    graph = kind in ("construct", "describe")
    media = GRAPH_MEDIA if graph else ROW_MEDIA
    if not accept or not accept.strip():
        return _DEFAULT[graph]
    offers = []
    for position, item in enumerate(accept.split(",")):
        kind_and_params = [part.strip() for part in item.split(";")]
        quality = 1.0
        for param in kind_and_params[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offers.append((-quality, position, kind_and_params[0].lower()))
    for negative_quality, _, wanted in sorted(offers):
        if negative_quality >= 0:
            break
        if wanted in media:
            return media[wanted]
        main, _, sub = wanted.partition("/")
        if sub == "*" and (main == "*" or any(m.startswith(main + "/") for m in media)):
            default = _DEFAULT[graph]
            matching = [f for m, f in media.items() if main == "*" or m.startswith(main + "/")]
            return default if default in matching else matching[0]
    return None


def answer_query(kg: CareerGraph, query: NamedQuery, params: dict[str, str], accept: str | None,
                 max_rows: int | None = None, max_bytes: int | None = None) -> Outcome:
    """Parse, check, run and write one query: the whole answer of the endpoint to it.

    Parameters
    ----------
    kg : CareerGraph
        The graph.
    query : NamedQuery
        A named query, or query text (``NamedQuery("", "", "", (), text)``).
    params : dict
        Parameter values by name.
    accept : str or None
        The request's Accept header.
    max_rows : int, optional
        Rows (or triples) the answer may hold; more are cut.
    max_bytes : int, optional
        Bytes the answer's body may hold; rows past it are cut.

    Returns
    -------
    Outcome
        200 with the answer; 400 for a malformed or refused query or a bad
        parameter, 403 for an update, 406 when no format of the Accept header fits.
    """
    try:
        prepared = prepare_query(kg, query, params)
    except UpdateRefused as refused:
        return refusal(403, str(refused))
    except (QueryRefused, CareerGraphError) as mistake:
        return refusal(400, str(mistake))
    fmt = choose_format(accept, prepared.kind)
    if fmt is None:
        graph = prepared.kind in ("construct", "describe")
        offered = ", ".join(dict.fromkeys(MEDIA_TYPES[f] for f in (GRAPH_MEDIA if graph else ROW_MEDIA).values()))
        return refusal(406, f"cannot write the answer to this {prepared.kind.upper()} query as "
                            f"'{accept}'; acceptable: {offered}")
    try:
        result = escape_surrogates(evaluate(kg, prepared, max_rows))
        body, cut_to_bytes = write_capped(result, fmt, max_bytes)
    except CareerGraphError as failed:
        return refusal(400, str(failed))
    headers = dict(COMMON_HEADERS)
    if result.truncated:
        headers.update({"X-Careergraph-Truncated": "true", "X-Careergraph-Row-Limit": str(max_rows)})
    if cut_to_bytes:
        headers.update({"X-Careergraph-Truncated": "true", "X-Careergraph-Byte-Limit": str(max_bytes)})
    return Outcome(200, body, f"{MEDIA_TYPES[fmt]}; charset=utf-8", headers)


def write_capped(result: QueryResult, fmt: str, max_bytes: int | None) -> tuple[bytes, bool]:
    """The result written in ``fmt`` as UTF-8, cut to the rows that fit in ``max_bytes``.

    Parameters
    ----------
    result : QueryResult
        The answer.
    fmt : str
        A format of :func:`careergraph.sparql.formats.formats_for`.
    max_bytes : int or None
        The most bytes the written answer may hold; None: no limit.

    Returns
    -------
    tuple of (bytes, bool)
        The bytes, and whether rows were cut to fit (an answer of no rows is
        sent even when its head alone is larger).

    Examples
    --------
    >>> from rdflib import Literal
    >>> from careergraph.sparql.results import QueryResult
    >>> result = QueryResult("select", ["n"], [{"n": Literal("x" * 100)} for _ in range(100)])
    >>> body, cut = write_capped(result, "csv", 1_000)
    >>> len(body) <= 1_000, cut, body.count(b"x" * 100)
    (True, True, 8)
    """
    if max_bytes is None or result.kind == "ask":
        return _encode(serialize(result, fmt)), False
    rows = result.bindings
    keep, size = 0, 0
    for row in rows:  # a first guess from the terms' lengths, before writing anything big
        size += sum(len(term) + 8 for term in row.values()) + 8
        if size > max_bytes:
            break
        keep += 1
    while True:
        part = result if keep == len(rows) else replace(result, bindings=rows[:keep])
        body = _encode(serialize(part, fmt))
        if len(body) <= max_bytes or keep == 0:
            return body, keep < len(rows)
        keep = min(keep - 1, int(keep * max_bytes / len(body) * 0.98))
        keep = max(keep, 0)


def escape_surrogates(result: QueryResult) -> QueryResult:
    """The result with each lone surrogate of its text written as its escape (``\\ud800``).

    A lone surrogate is not Unicode text: no UTF-8 writer can send it.

    Parameters
    ----------
    result : QueryResult
        The answer.

    Returns
    -------
    QueryResult
        The same result when it holds none; else a copy with the terms escaped.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from careergraph.sparql.results import QueryResult
    >>> escape_surrogates(QueryResult("select", ["x"], [{"x": Literal("a\\ud800b")}])).bindings[0]["x"]
    rdflib.term.Literal('a\\\\ud800b')
    """
    if not any(_SURROGATE.search(term) for row in result.bindings for term in row.values()):
        return result
    return replace(result, bindings=[{name: _escaped(term) for name, term in row.items()}
                                     for row in result.bindings])


def _escaped(term: Node) -> Node:
    if not _SURROGATE.search(term):
        return term
    text = _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", str(term))
    if isinstance(term, Literal):
        return Literal(text, lang=term.language, datatype=term.datatype)
    return URIRef(text) if isinstance(term, URIRef) else type(term)(text)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")
