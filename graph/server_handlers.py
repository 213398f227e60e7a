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

from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from careergraph.errors import CareerGraphError, ChildFailed, Timeout
from careergraph.server_answer import COMMON_HEADERS, Outcome, answer_query, choose_format, refusal
from careergraph.server_page import CONTENT_SECURITY_POLICY, PAGE
from careergraph.sparql.queries import NamedQuery, named_queries
from careergraph.sparql.timeout import call_with_timeout_async

__all__ = ["COMMON_HEADERS", "ROUTES", "ServerState", "choose_format", "named_query", "query_list",
           "query_page", "sparql_endpoint"]

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

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
    max_bytes : int or None
        Where :func:`careergraph.server_answer.write_capped` cuts an answer's body.
    """

    kg: CareerGraph
    timeout: float
    max_rows: int
    max_body: int
    running: asyncio.Semaphore
    max_bytes: int | None = None


def _state(request: Request) -> ServerState:
    """The state of the application that received ``request``."""
    return request.app.state.careergraph


def _error(status: int, message: str) -> Response:
    """A one-line plain-text answer with ``status``."""
    return _response(refusal(status, message))


def _response(outcome: Outcome) -> Response:
    return Response(outcome.body, status_code=outcome.status, headers=outcome.headers,
                    media_type=outcome.media_type)


async def _answer(request: Request, query: NamedQuery, params: dict[str, str]) -> Response:
    """Answer one query: parsed, checked, run and written in a child, within the deadline.

    Everything a query costs happens in the forked child of
    :func:`~careergraph.sparql.timeout.call_with_timeout_async`
    (:func:`careergraph.server_answer.answer_query`), so a query that is slow to
    parse is stopped at the deadline like one slow to run, and never holds the
    event loop.
    """
    state = _state(request)
    accept = request.headers.get("accept")

    def work() -> Outcome:
        return answer_query(state.kg, query, params, accept, state.max_rows, state.max_bytes)

    try:
        async with state.running:
            outcome = await call_with_timeout_async(work, state.timeout, "the query")
    except Timeout as stopped:
        return _error(503, str(stopped))
    except asyncio.CancelledError:  # the server is stopping: a running child is already killed
        return _error(503, "the server is stopping; the query was stopped")
    except ChildFailed as died:
        return _error(503, str(died))
    except CareerGraphError as failed:
        return _error(400, str(failed))
    except Exception as failed:  # one line for the client, never a traceback
        return _error(500, f"the query failed: {' '.join(str(failed).split()) or type(failed).__name__}")
    return _response(outcome)


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
    except ClientDisconnect:  # gone, or closed for sending its body too slowly: nobody reads this
        return _error(408, "the request body did not arrive in time")
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
