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
``X-Careergraph-Row-Limit: N``; an answer over ``max_bytes`` bytes is cut to
the rows that fit, with ``X-Careergraph-Byte-Limit: N``. Parsing runs in the
child too (:mod:`careergraph.server_answer`), within the deadline. A
connection whose request has not arrived whole after 10 s is closed, and an
idle one 5 s after its last answer (:mod:`careergraph.server_connections`).
When bound to a loopback address (any of 127.0.0.0/8 or ::1, however
written), requests must name a loopback host (no DNS rebinding); no CORS
headers are sent.

The handlers are in :mod:`careergraph.server_handlers`; what a query's child does, with
content negotiation (:func:`careergraph.server_answer.choose_format`), in
:mod:`careergraph.server_answer`; the page in :mod:`careergraph.server_page`.

Examples
--------
>>> from careergraph.load import load_graph
>>> app = create_app(load_graph())
>>> [route.path for route in app.routes]
['/', '/sparql', '/queries', '/queries/{name}']
"""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from careergraph.errors import CareerGraphError
from careergraph.server_handlers import ROUTES, ServerState
from careergraph.sparql.queries import NamedQuery, evaluate, named_queries, prepare_query

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

DEFAULT_TIMEOUT = 10.0
"""Seconds a query may run."""
DEFAULT_MAX_ROWS = 10_000
"""Rows (or triples) an answer may hold before it is cut."""
DEFAULT_MAX_BODY = 64 * 1024
"""Bytes a request body may hold."""
DEFAULT_MAX_CONCURRENT = 4
"""Queries that may run at once; more wait their turn."""
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
"""Bytes an answer's body may hold before rows are cut."""

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
"""Host names a request to a server on a loopback address may always name."""


def create_app(kg: CareerGraph, *, timeout: float = DEFAULT_TIMEOUT,
               max_rows: int = DEFAULT_MAX_ROWS, max_body: int = DEFAULT_MAX_BODY,
               max_concurrent: int = DEFAULT_MAX_CONCURRENT,
               allowed_hosts: list[str] | None = None,
               max_bytes: int | None = DEFAULT_MAX_BYTES) -> Starlette:
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
    max_bytes : int or None
        Bytes an answer's body may hold; rows past it are cut, and the headers
        say so (``X-Careergraph-Byte-Limit``). None: no limit.

    Returns
    -------
    starlette.applications.Starlette
        The application: the routes of :data:`careergraph.server_handlers.ROUTES`, with a
        :class:`~careergraph.server_handlers.ServerState` in ``app.state.careergraph``.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> app = create_app(load_graph(), max_rows=5)
    >>> app.state.careergraph.max_rows, [route.path for route in app.routes]
    (5, ['/', '/sparql', '/queries', '/queries/{name}'])
    """
    middleware = []
    if allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=ROUTES, middleware=middleware)
    app.state.careergraph = ServerState(kg, timeout, max_rows, max_body, asyncio.Semaphore(max_concurrent),
                                        max_bytes)
    return app


def warm_up(kg: CareerGraph) -> None:
    """Import the SPARQL engine and check the named queries once, before forking children.

    Parameters
    ----------
    kg : CareerGraph
        The graph the server answers from.
    """
    evaluate(kg, prepare_query(kg, "ASK { ?s ?p ?o }"))
    for query in named_queries().values():  # parsed once here; each child inherits the parse
        prepare_query(kg, NamedQuery(query.name, "", "", (), query.text))


def serve(kg: CareerGraph, host: str = "127.0.0.1", port: int = 8000, *,
          on_ready: Callable[[str], None] | None = None, log_level: str = "warning",
          **settings) -> None:
    """Serve the endpoint until SIGINT or SIGTERM.

    Parameters
    ----------
    kg : CareerGraph
        The graph to answer from; never changed.
    host : str
        The address to listen on; loopback by default.
    port : int
        The port; 0 picks a free one.
    on_ready : callable, optional
        Called with the base URL (``http://127.0.0.1:PORT/``) once the socket listens.
    log_level : str
        uvicorn's log level (``info`` logs every request).
    **settings
        ``timeout``, ``max_rows``, ``max_body``, ``max_concurrent``, ``max_bytes``: see :func:`create_app`.

    Raises
    ------
    CareerGraphError
        When the address cannot be listened on (port taken, unknown host).
    """
    import uvicorn

    from careergraph.server_connections import KEEP_ALIVE, DeadlineProtocol

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
    app = create_app(kg, allowed_hosts=loopback_hosts(host, listener.getsockname()[0]), **settings)
    config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=2,
                            server_header=False, http=DeadlineProtocol, timeout_keep_alive=KEEP_ALIVE)
    bound = listener.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    if on_ready is not None:
        on_ready(f"http://{shown}:{bound}/")
    with _signals_end_serving():
        uvicorn.Server(config).run(sockets=[listener])


def loopback_hosts(host: str, address: str) -> list[str] | None:
    """The host names requests may name when listening on ``address``; None when it is not loopback.

    Every loopback address counts, however it is written (``127.0.0.2``,
    ``127.1``, ``0:0::1``, ``::ffff:127.0.0.1``, a name that resolves to one):
    requests must then name a loopback host, which blocks DNS rebinding.

    Parameters
    ----------
    host : str
        The address as the user wrote it (``--host``).
    address : str
        The address the socket is bound to (``getsockname()[0]``).

    Returns
    -------
    list of str or None
        ``localhost``, ``127.0.0.1``, ``::1``, the bound address and ``host``
        (IPv6 ones also in brackets); None for an address others can reach.

    Examples
    --------
    >>> loopback_hosts("127.1", "127.0.0.1")
    ['localhost', '127.0.0.1', '::1', '[::1]', '127.1']
    >>> loopback_hosts("0.0.0.0", "0.0.0.0") is None
    True
    """
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_loopback:
        return None
    names = list(LOOPBACK_NAMES)
    for name in (str(ip), host.strip("[]")):
        for spelled in (name, f"[{name}]") if ":" in name else (name,):
            if spelled.lower() not in names:
                names.append(spelled.lower())
    return names


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
