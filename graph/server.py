"""A read-only SPARQL 1.1 Protocol endpoint over a loaded graph (Starlette, served by uvicorn).

Routes:

``GET /sparql?query=...``, ``POST /sparql``
    The SPARQL 1.1 Protocol: the query in the URL, in a form body
    (``application/x-www-form-urlencoded``, field ``query``) or as the body
    (``application/sparql-query``). The answer's format follows the Accept
    header: ``application/sparql-results+json`` (the default),
    ``application/sparql-results+xml``, ``text/csv``,
    ``text/tab-separated-values`` for SELECT and ASK; ``text/turtle`` (the
    default), ``application/n-triples``, ``application/ld+json`` for
    CONSTRUCT and DESCRIBE; 406 when none fits.
``GET /queries``
    The named queries as JSON: name, title, description, parameters, text.
``GET /queries/NAME?PARAM=VALUE...``
    Run a named query with its parameters (a role by any title...), with
    the same content negotiation as ``/sparql``.
``GET /``
    A self-contained HTML page to type or pick a query and see the table.

Safety: updates are answered 403 (``application/sparql-update``, an
``update`` field, or update text as a query); LOAD, SERVICE, FROM / FROM NAMED
and the protocol's ``default-graph-uri`` / ``named-graph-uri`` 400, with a
one-line message; a request body over ``max_body`` bytes 413, a query string
over ``max_body`` bytes 414. Each query runs
in a forked child (:mod:`careergraph.sparql.timeout`) that is killed after
``timeout`` seconds (503 with a message), so the event loop keeps answering
other clients meanwhile; at most ``max_concurrent`` queries run at once. A
result over ``max_rows`` rows (or triples) is cut to ``max_rows`` and the
response says so in the headers ``X-Careergraph-Truncated: true`` and
``X-Careergraph-Row-Limit: N``. When bound to a loopback address, requests
must name a loopback host (no DNS rebinding); no CORS headers are sent.

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
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs

from careergraph.errors import CareerGraphError
from careergraph.career_graph import CareerGraph

DEFAULT_TIMEOUT = 10.0
"""Seconds a query may run."""
DEFAULT_MAX_ROWS = 10_000
"""Rows (or triples) an answer may hold before it is cut."""
DEFAULT_MAX_BODY = 64 * 1024
"""Bytes a request body may hold."""
DEFAULT_MAX_CONCURRENT = 4
"""Queries that may run at once; more wait their turn."""

ROW_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/turtle": "ttl",
    "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "jsonld", "application/json": "jsonld",
}
_DEFAULT = {False: "json", True: "ttl"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def choose_format(accept: str | None, kind: str) -> str | None:
    """The format to answer a query of ``kind`` in, from an Accept header; None when none fits.

    Media types are tried by their q-value, then by their order in the header;
    wildcards (``*/*``, ``application/*``) take the default format.
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
    pass


def create_app(kg: CareerGraph, *, timeout: float = DEFAULT_TIMEOUT,
               max_rows: int = DEFAULT_MAX_ROWS, max_body: int = DEFAULT_MAX_BODY,
               max_concurrent: int = DEFAULT_MAX_CONCURRENT,
               allowed_hosts: list[str] | None = None):
    """The endpoint as an ASGI application (Starlette).

    Parameters
    ----------
    kg : CareerGraph
        The graph to answer from; never changed.
    timeout : float
        Seconds a query may run before it is stopped (503).
    max_rows : int
        Rows (or triples) an answer may hold; more are cut, and the headers say so.
    max_body : int
        Bytes a request body may hold (413 beyond), and a query string (414 beyond).
    max_concurrent : int
        Queries that may run at once.
    allowed_hosts : list of str, optional
        Host names requests may be addressed to; None allows any.
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from careergraph.sparql.queries import NamedQuery, evaluate, named_queries, prepare_query
    from careergraph.sparql.formats import MEDIA_TYPES, serialize
    from careergraph.server_page import CONTENT_SECURITY_POLICY, PAGE
    from careergraph.sparql.guard import QueryRefused, UpdateRefused
    from careergraph.sparql.timeout import Timeout, call_with_timeout_async

    running = asyncio.Semaphore(max_concurrent)
    common_headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}

    def error(status: int, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=status, headers=common_headers)

    async def answer(request: Request, query, params: dict[str, str]) -> Response:
        try:
            prepared = prepare_query(kg, query, params)
        except UpdateRefused as refused:
            return error(403, str(refused))
        except QueryRefused as refused:
            return error(400, str(refused))
        except CareerGraphError as mistake:
            return error(400, str(mistake))
        fmt = choose_format(request.headers.get("accept"), prepared.kind)
        if fmt is None:
            graph = prepared.kind in ("construct", "describe")
            offered = ", ".join(dict.fromkeys(MEDIA_TYPES[f] for f in (GRAPH_MEDIA if graph else ROW_MEDIA).values()))
            return error(406, f"cannot write the answer to this {prepared.kind.upper()} query as "
                              f"'{request.headers.get('accept')}'; acceptable: {offered}")
        async with running:
            try:
                result = await call_with_timeout_async(lambda: evaluate(kg, prepared, max_rows),
                                                       timeout, "the query")
            except Timeout as stopped:
                return error(503, str(stopped))
            except asyncio.CancelledError:  # the server is stopping: the child is already killed
                return error(503, "the server is stopping; the query was stopped")
            except CareerGraphError as failed:
                return error(400, str(failed))
        headers = dict(common_headers)
        if result.truncated:
            headers.update({"X-Careergraph-Truncated": "true",
                            "X-Careergraph-Row-Limit": str(max_rows)})
        return Response(serialize(result, fmt), headers=headers,
                        media_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")

    async def read_body(request: Request) -> bytes:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_body:
            raise _TooLarge
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                raise _TooLarge
        return bytes(body)

    def url_too_long(request: Request) -> Response | None:
        if len(request.scope.get("query_string", b"")) > max_body:  # the body's limit holds for URLs too
            return error(414, f"the query string is over the limit of {max_body:,} bytes; "
                              "POST a long query instead (up to the same limit)")
        return None

    async def sparql(request: Request) -> Response:
        if (refused := url_too_long(request)) is not None:
            return refused
        fields = {name: request.query_params.getlist(name) for name in request.query_params}
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                return error(403, "updates are refused: this endpoint is read-only")
            try:
                body = await read_body(request)
            except _TooLarge:
                return error(413, f"the request body is over the limit of {max_body:,} bytes")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return error(400, "the request body is not UTF-8 text")
            if media == "application/sparql-query":
                fields.setdefault("query", []).append(text)
            elif media == "application/x-www-form-urlencoded":
                for name, values in parse_qs(text, keep_blank_values=True).items():
                    fields.setdefault(name, []).extend(values)
            else:
                return error(415, "send the query as application/sparql-query or "
                                  "application/x-www-form-urlencoded (field 'query')")
        if "update" in fields:
            return error(403, "updates are refused: this endpoint is read-only")
        for name in ("default-graph-uri", "named-graph-uri"):
            if name in fields:
                return error(400, f"{name} is refused: careergraph does not read graphs named "
                                  "in a request; the endpoint answers from its own graph")
        queries = fields.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return error(400, "give exactly one query: ?query=... or a POST body")
        return await answer(request, NamedQuery("", "", "", (), queries[0]), {})

    async def page(request: Request) -> Response:
        return HTMLResponse(PAGE, headers={**common_headers,
                                           "Content-Security-Policy": CONTENT_SECURITY_POLICY})

    async def query_list(request: Request) -> Response:
        return JSONResponse([q.to_dict() for q in named_queries().values()], headers=common_headers)

    async def named(request: Request) -> Response:
        if (refused := url_too_long(request)) is not None:
            return refused
        name = request.path_params["name"]
        if name not in named_queries():
            return error(404, f"no named query '{name}'; GET /queries lists them")
        return await answer(request, named_queries()[name], dict(request.query_params))

    middleware = []
    if allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    routes = [Route("/", page), Route("/sparql", sparql, methods=["GET", "POST"]),
              Route("/queries", query_list), Route("/queries/{name}", named)]
    return Starlette(routes=routes, middleware=middleware)


def warm_up(kg: CareerGraph) -> None:
    """Import the SPARQL engine and check the named queries once, before forking children."""
    from careergraph.sparql.queries import NamedQuery, named_queries, prepare_query, run_query

    run_query(kg, "ASK { ?s ?p ?o }")
    for query in named_queries().values():
        prepare_query(kg, NamedQuery(query.name, "", "", (), query.text))


def serve(kg: CareerGraph, host: str = "127.0.0.1", port: int = 8000, *,
          on_ready: Callable[[str], None] | None = None, log_level: str = "warning",
          **settings) -> None:
    """Serve the endpoint until SIGINT or SIGTERM.

    Parameters
    ----------
    kg : CareerGraph
    host : str
        The address to listen on; loopback by default.
    port : int
        The port; 0 picks a free one.
    on_ready : callable, optional
        Called with the base URL (``http://127.0.0.1:PORT/``) once the socket listens.
    log_level : str
        uvicorn's log level (``info`` logs every request).
    **settings
        ``timeout``, ``max_rows``, ``max_body``, ``max_concurrent``: see :func:`create_app`.

    Raises
    ------
    CareerGraphError
        When the address cannot be listened on (port taken, unknown host).
    """
    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as failure:
        listener.close()
        raise CareerGraphError(f"cannot listen on {host}:{port}: {failure.strerror or failure}") from None
    listener.listen(128)
    warm_up(kg)
    allowed = ["127.0.0.1", "localhost", "[::1]", "::1"] if host in LOOPBACK else None
    app = create_app(kg, allowed_hosts=allowed, **settings)
    config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=2,
                            server_header=False)
    bound = listener.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    if on_ready is not None:
        on_ready(f"http://{shown}:{bound}/")
    with _signals_end_serving():
        uvicorn.Server(config).run(sockets=[listener])


@contextmanager
def _signals_end_serving() -> Iterator[None]:
    """Let SIGINT and SIGTERM end serving and return, rather than end the process.

    uvicorn stops gracefully on either signal and then raises it again for the
    handler that was in place before it started; a handler that does nothing
    here makes :func:`serve` return normally instead.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, lambda *_: None)
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
