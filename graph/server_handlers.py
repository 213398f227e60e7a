"""The endpoint's request handlers: content negotiation, limits, refusals and answers.

Module-level Starlette handlers, one per route of :data:`ROUTES`; each reads
the graph and the limits it answers with from the :class:`ServerState` that
:func:`careergraph.server.create_app` puts in ``request.app.state.careergraph``,
so one process can serve several applications with their own graphs and
limits. :mod:`careergraph.server` documents the routes and the safety rules.

Examples
--------
>>> choose_format("text/csv, */*;q=0.1", "select")
'csv'
>>> choose_format("application/ld+json", "construct")
'jsonld'
>>> choose_format("image/png", "select") is None
True
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from careergraph.errors import CareerGraphError, QueryRefused, UpdateRefused
from careergraph.server_page import CONTENT_SECURITY_POLICY, PAGE
from careergraph.sparql.formats import MEDIA_TYPES, serialize
from careergraph.sparql.queries import NamedQuery, evaluate, named_queries, prepare_query
from careergraph.sparql.timeout import Timeout, call_with_timeout_async

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

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


class _TooLarge(Exception):
    """A request body over the limit."""


@dataclass(frozen=True)
class ServerState:
    """What the handlers answer from: the graph and the limits (``request.app.state.careergraph``).

    Built by :func:`careergraph.server.create_app` from its arguments, which
    say what each limit means.

    Parameters
    ----------
    kg : CareerGraph
        Every query's graph.
    timeout : float
        The deadline of each query's child process, in seconds.
    max_rows : int
        Where :func:`careergraph.sparql.queries.evaluate` cuts an answer.
    max_body : int
        The largest body, and the longest query string, in bytes.
    running : asyncio.Semaphore
        Held while a query runs: at most as many queries run at once as it allows.
    """

    kg: CareerGraph
    timeout: float
    max_rows: int
    max_body: int
    running: asyncio.Semaphore


def _state(request: Request) -> ServerState:
    """The state of the application that received ``request``."""
    return request.app.state.careergraph


def _error(status: int, message: str) -> Response:
    """A one-line plain-text answer with ``status``."""
    return PlainTextResponse(message + "\n", status_code=status, headers=COMMON_HEADERS)


async def _answer(request: Request, query: NamedQuery, params: dict[str, str]) -> Response:
    """Prepare, run and serialise one query in the format the Accept header asks for."""
    state = _state(request)
    try:
        prepared = prepare_query(state.kg, query, params)
    except UpdateRefused as refused:
        return _error(403, str(refused))
    except QueryRefused as refused:
        return _error(400, str(refused))
    except CareerGraphError as mistake:
        return _error(400, str(mistake))
    fmt = choose_format(request.headers.get("accept"), prepared.kind)
    if fmt is None:
        graph = prepared.kind in ("construct", "describe")
        offered = ", ".join(dict.fromkeys(MEDIA_TYPES[f] for f in (GRAPH_MEDIA if graph else ROW_MEDIA).values()))
        return _error(406, f"cannot write the answer to this {prepared.kind.upper()} query as "
                           f"'{request.headers.get('accept')}'; acceptable: {offered}")
    async with state.running:
        try:
            result = await call_with_timeout_async(lambda: evaluate(state.kg, prepared, state.max_rows),
                                                   state.timeout, "the query")
        except Timeout as stopped:
            return _error(503, str(stopped))
        except asyncio.CancelledError:  # the server is stopping: the child is already killed
            return _error(503, "the server is stopping; the query was stopped")
        except CareerGraphError as failed:
            return _error(400, str(failed))
    headers = dict(COMMON_HEADERS)
    if result.truncated:
        headers.update({"X-Careergraph-Truncated": "true", "X-Careergraph-Row-Limit": str(state.max_rows)})
    return Response(serialize(result, fmt), headers=headers, media_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")


async def _read_body(request: Request) -> bytes:
    """The request's body; :class:`_TooLarge` as soon as it is over the limit (declared or sent)."""
    max_body = _state(request).max_body
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_body:
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_body:
            raise _TooLarge
    return bytes(body)


def _url_too_long(request: Request) -> Response | None:
    """A 414 answer when the query string is over the body's limit; None when it is not."""
    max_body = _state(request).max_body
    if len(request.scope.get("query_string", b"")) > max_body:  # the body's limit holds for URLs too
        return _error(414, f"the query string is over the limit of {max_body:,} bytes; "
                           "POST a long query instead (up to the same limit)")
    return None


async def _request_fields(request: Request) -> dict[str, list[str]] | Response:
    """The request's fields: from the URL, and from a POSTed form or query; or the answer refusing it."""
    fields = {name: request.query_params.getlist(name) for name in request.query_params}
    if request.method != "POST":
        return fields
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        return _error(403, "updates are refused: this endpoint is read-only")
    try:
        body = await _read_body(request)
    except _TooLarge:
        return _error(413, f"the request body is over the limit of {_state(request).max_body:,} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _error(400, "the request body is not UTF-8 text")
    if media == "application/sparql-query":
        fields.setdefault("query", []).append(text)
    elif media == "application/x-www-form-urlencoded":
        for name, values in parse_qs(text, keep_blank_values=True).items():
            fields.setdefault(name, []).extend(values)
    else:
        return _error(415, "send the query as application/sparql-query or "
                           "application/x-www-form-urlencoded (field 'query')")
    return fields


async def sparql_endpoint(request: Request) -> Response:
    """``GET /sparql?query=...`` and ``POST /sparql``: the SPARQL 1.1 Protocol, read-only.

    Parameters
    ----------
    request : starlette.requests.Request
        The request: the query in the URL, in a form body or as the body.

    Returns
    -------
    starlette.responses.Response
        The answer in the negotiated format, or a one-line refusal (400, 403,
        406, 413, 414, 415, 503).
    """
    if (refused := _url_too_long(request)) is not None:
        return refused
    fields = await _request_fields(request)
    if isinstance(fields, Response):
        return fields
    if "update" in fields:
        return _error(403, "updates are refused: this endpoint is read-only")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in fields:
            return _error(400, f"{name} is refused: careergraph does not read graphs named "
                               "in a request; the endpoint answers from its own graph")
    queries = fields.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        return _error(400, "give exactly one query: ?query=... or a POST body")
    return await _answer(request, NamedQuery("", "", "", (), queries[0]), {})


async def query_page(request: Request) -> Response:
    """``GET /``: the self-contained query page, with its Content-Security-Policy.

    Parameters
    ----------
    request : starlette.requests.Request
        The request (nothing of it is read).

    Returns
    -------
    starlette.responses.HTMLResponse
        The page of :mod:`careergraph.server_page`.
    """
    return HTMLResponse(PAGE, headers={**COMMON_HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY})


async def query_list(request: Request) -> Response:
    """``GET /queries``: the named queries as JSON (name, title, description, parameters, text).

    Parameters
    ----------
    request : starlette.requests.Request
        The request (nothing of it is read).

    Returns
    -------
    starlette.responses.JSONResponse
        A list with one object per named query.
    """
    return JSONResponse([q.to_dict() for q in named_queries().values()], headers=COMMON_HEADERS)


async def named_query(request: Request) -> Response:
    """``GET /queries/NAME?PARAM=VALUE...``: run a named query with its parameters.

    Parameters
    ----------
    request : starlette.requests.Request
        The request: the query's name in the path, its parameters in the URL.

    Returns
    -------
    starlette.responses.Response
        The answer as :func:`sparql_endpoint` gives it, or 404 for an unknown name.
    """
    if (refused := _url_too_long(request)) is not None:
        return refused
    name = request.path_params["name"]
    if name not in named_queries():
        return _error(404, f"no named query '{name}'; GET /queries lists them")
    return await _answer(request, named_queries()[name], dict(request.query_params))


ROUTES = [Route("/", query_page), Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
          Route("/queries", query_list), Route("/queries/{name}", named_query)]
"""The endpoint's routes; every handler reads its graph and limits from :class:`ServerState`."""
