"""One HTTP exchange with a SPARQL endpoint, under one deadline and one size cap.

urllib's ``timeout`` bounds each socket operation, not the exchange: a server
that sends one byte a second, in its headers or its body, never trips it. So
:func:`post` runs the exchange (name look-up, connection, TLS, request,
headers, body) in a worker thread and waits for it at most the time limit;
at the deadline it shuts the exchange's sockets down, so the worker ends at
once, and raises :class:`~careergraph.errors.Timeout`. The body is read in
chunks and refused past :data:`MAX_ANSWER_BYTES` (at once when the
``Content-Length`` says so). Only ``Accept-Encoding: identity`` is asked for and
nothing is ever decompressed, so a compression bomb stays a few bytes; an
answer in an encoding that was not asked for is refused. Redirects are not
followed (a redirected POST loses its query; a redirect could point anywhere):
the message names where it pointed. An answer the server says it cut short
(Virtuoso's ``X-SPARQL-MaxRows`` header, sent when a table reached its
``ResultSetMaxRows``) is refused: its rows would look whole.

Examples
--------
>>> post("http://127.0.0.1:1/sparql", b"query=ASK%7B%7D", {}, 5)
Traceback (most recent call last):
...
careergraph.errors.CareerGraphError: cannot reach the SPARQL endpoint http://127.0.0.1:1/sparql: Connection refused
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.error
import urllib.request
from typing import Any

from careergraph.errors import CareerGraphError, Timeout, shown

MAX_ANSWER_BYTES = 64 * 1024 * 1024
"""The most bytes careergraph reads of one endpoint answer (64 MiB); a longer answer is refused."""

_CHUNK = 1 << 16
_DETAIL = 200
"""The most characters of a server's own words (reason, error page, parser message) put in a message."""
_SOCKET_MAX = 365 * 86400.0
"""The longest time limit handed to a socket (a larger one does not fit the C call; the deadline still holds)."""
_PAGE = 1 << 18
"""The most bytes of an error page read (its first words, or the last line of a traceback, are shown)."""


def post(url: str, data: bytes, headers: dict[str, str], seconds: float, *,
         limit: int = MAX_ANSWER_BYTES, direct: bool = False) -> tuple[bytes, str]:
    """POST ``data`` to ``url``; the body and media type of the answer, all within ``seconds``.

    Parameters
    ----------
    url : str
        The endpoint (``http://`` or ``https://``).
    data : bytes
        The request body (a form).
    headers : dict
        Request headers.
    seconds : float
        The time limit of the whole exchange, from the name look-up to the last byte.
    limit : int, default MAX_ANSWER_BYTES
        The most bytes of the answer's body.
    direct : bool, default False
        Ignore the proxy settings of the environment (for a loopback endpoint).

    Returns
    -------
    tuple
        ``(body, media_type)``.

    Raises
    ------
    careergraph.errors.Timeout
        When the exchange has not ended after ``seconds``.
    CareerGraphError
        When the endpoint cannot be reached, refuses the request, answers with
        a broken HTTP response, an unasked-for encoding, a redirect, or more
        than ``limit`` bytes.
    """
    exchange = _Exchange(url, data, headers, seconds, limit, direct)
    worker = threading.Thread(target=exchange.run, name="careergraph-endpoint", daemon=True)
    worker.start()
    try:
        if not exchange.done.wait(min(seconds, threading.TIMEOUT_MAX)):
            raise Timeout(seconds, f"the query to the SPARQL endpoint {shown(url, 200)}")
    finally:
        exchange.stop()  # a late worker's socket is shut down: it ends now, not at the server's pace
    if exchange.error is not None:
        raise exchange.error
    return exchange.body, exchange.media


class _Exchange:
    """The state of one exchange, shared by the waiting thread and the worker."""

    def __init__(self, url: str, data: bytes, headers: dict[str, str], seconds: float,
                 limit: int, direct: bool) -> None:
        self.url, self.data, self.headers = url, data, headers
        self.name = shown(url, 200)
        self.seconds, self.limit, self.direct = seconds, limit, direct
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.body, self.media = b"", ""
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._stopped = False

    def run(self) -> None:
        """The worker: the whole exchange, its outcome kept for the waiting thread."""
        try:
            self.body, self.media = self._exchange()
        except BaseException as error:  # handed to the waiting thread, raised there
            self.error = error
        finally:
            self.done.set()

    def watch(self, sock: Any) -> None:
        """Remember a connected socket, to shut it down at the deadline (at once when past it)."""
        with self._lock:
            self._sockets.append(sock)
            late = self._stopped
        if late:
            _shut(sock)

    def stop(self) -> None:
        """Shut down every socket of the exchange (one still reading gets end-of-file at once)."""
        with self._lock:
            self._stopped = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)

    def connection(self, base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        """A subclass of an ``http.client`` connection class whose sockets this exchange watches."""
        exchange = self

        class Watched(base):  # type: ignore[valid-type, misc]
            def connect(self) -> None:
                super().connect()
                exchange.watch(self.sock)

        return Watched

    def _exchange(self) -> tuple[bytes, str]:
        request = urllib.request.Request(self.url, data=self.data, headers=self.headers)
        opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.ProxyHandler({} if self.direct else None),
                        _Handler(self), _SecureHandler(self),
                        urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
            opener.add_handler(handler)
        try:
            with opener.open(request, timeout=min(self.seconds, _SOCKET_MAX)) as response:
                body = self._read(response)
                self._check_whole(response.headers)
                return body, response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            raise self._refused(error) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise Timeout(self.seconds, f"the query to the SPARQL endpoint {self.name}") from None
            reason = getattr(error.reason, "strerror", None) or error.reason
            raise CareerGraphError(f"cannot reach the SPARQL endpoint {self.name}: "
                                   f"{shown(reason, _DETAIL)}") from None
        except TimeoutError:
            raise Timeout(self.seconds, f"the query to the SPARQL endpoint {self.name}") from None
        except http.client.HTTPException as error:
            raise CareerGraphError(f"the SPARQL endpoint {self.name} sent a broken HTTP answer "
                                   f"({type(error).__name__}: {shown(error, _DETAIL)})") from None
        except OSError as error:
            if self._stopped:  # shut down at the deadline: the waiting thread has said so
                raise Timeout(self.seconds, f"the query to the SPARQL endpoint {self.name}") from None
            raise CareerGraphError(f"cannot reach the SPARQL endpoint {self.name}: "
                                   f"{shown(error.strerror or error, _DETAIL)}") from None
        except ValueError as error:  # http.client's InvalidURL, an IDNA name that cannot be encoded
            raise CareerGraphError(f"--endpoint {self.name}: {shown(error, _DETAIL)}") from None

    def _read(self, response: Any) -> bytes:
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise CareerGraphError(f"the SPARQL endpoint {self.name} answered in the encoding "
                                   f"'{shown(encoding, 40)}', which careergraph did not ask for "
                                   "(it reads only uncompressed answers)")
        if response.length is not None and response.length > self.limit:
            raise self._too_big(f"its answer is {response.length:,} bytes long")
        chunks: list[bytes] = []
        total = 0
        while chunk := response.read(_CHUNK):
            total += len(chunk)
            if total > self.limit:
                raise self._too_big("its answer goes on past that")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_whole(self, headers: Any) -> None:
        """Refuse an answer the server says it cut short (Virtuoso's ``X-SPARQL-MaxRows`` header).

        Virtuoso stops a table at its ``ResultSetMaxRows`` setting (10,000 rows in
        Debian's virtuoso.ini) and still answers 200 OK, saying so only in this
        header (sent when the table reaches the limit: at exactly that many
        rows too, which cannot be told apart): the rows would look whole.
        """
        cap = headers.get("X-SPARQL-MaxRows")
        if cap is not None:
            raise CareerGraphError(f"the SPARQL endpoint {self.name} stopped its answer at its limit of "
                                   f"{shown(cap, 20)} rows (its X-SPARQL-MaxRows header; Virtuoso's "
                                   "ResultSetMaxRows), so rows may be missing: careergraph reads only whole "
                                   "answers; raise that limit, or ask for less")

    def _too_big(self, what: str) -> CareerGraphError:
        return CareerGraphError(f"the SPARQL endpoint {self.name} answered with more than "
                                f"{self.limit:,} bytes, the most careergraph reads of one answer: {what}; "
                                "ask for less (LIMIT)")

    def _refused(self, error: urllib.error.HTTPError) -> CareerGraphError:
        try:  # an error page is read up to _PAGE bytes, and only a few words of it are shown
            page = error.read(_PAGE + 1).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException, ValueError):
            page = ""
        finally:
            error.close()
        where = error.headers.get("Location") if 300 <= error.code < 400 and error.headers else None
        if where is not None:
            detail = f"it redirects to {shown(where)}, which careergraph does not follow: give that URL"
        else:
            detail = shown(_last_words(page, len(page) > _PAGE), _DETAIL)
        return CareerGraphError(f"the endpoint {self.name} refused the query: HTTP {error.code} "
                                f"{shown(error.reason, 60)}" + (f": {detail}" if detail else ""))


class _Handler(urllib.request.HTTPHandler):
    """urllib's HTTP handler, its connections watched by an exchange."""

    def __init__(self, exchange: _Exchange) -> None:
        super().__init__()
        self._exchange = exchange

    def do_open(self, http_class: Any, req: Any, **http_conn_args: Any) -> Any:
        """Open with a connection class whose socket the exchange can shut down."""
        return super().do_open(self._exchange.connection(http_class), req, **http_conn_args)


class _SecureHandler(urllib.request.HTTPSHandler):
    """urllib's HTTPS handler, its connections watched by an exchange."""

    def __init__(self, exchange: _Exchange) -> None:
        super().__init__()
        self._exchange = exchange

    def do_open(self, http_class: Any, req: Any, **http_conn_args: Any) -> Any:
        """Open with a connection class whose socket the exchange can shut down."""
        return super().do_open(self._exchange.connection(http_class), req, **http_conn_args)


def _last_words(page: str, cut: bool) -> str:
    """What an error page says; of a Python traceback, only its last line (the error itself)."""
    if "Traceback (most recent call last)" in page:
        lines = [line for line in page.splitlines() if line.strip()]
        return "a traceback of the server" if cut or not lines else lines[-1]
    return page


def _shut(sock: Any) -> None:
    with contextlib.suppress(OSError, TypeError):  # the plain socket call, also for a TLS socket
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
