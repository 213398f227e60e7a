"""How the endpoint's connections are kept: uvicorn's HTTP/1.1 protocol with a deadline on reading.

uvicorn closes a connection that stays idle :data:`KEEP_ALIVE` seconds after
an answer, but none that never sends a request, nor one that sends its
headers or body a byte at a time: each would hold a socket for ever.
:class:`DeadlineProtocol` closes a connection whose request has not arrived
whole (request line, headers and body) :data:`READ_TIMEOUT` seconds after the
connection opened or after the request's first byte. The deadline does not
cover the time the query runs (``--timeout`` does) nor the sending of the answer.

Examples
--------
>>> READ_TIMEOUT, KEEP_ALIVE
(10.0, 5)
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

READ_TIMEOUT = 10.0
"""Seconds a request may take to arrive whole."""
KEEP_ALIVE = 5
"""Seconds an idle connection is kept open after an answer."""
_READING = (h11.IDLE, h11.SEND_BODY)


class DeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request is late (:data:`READ_TIMEOUT`).

    Parameters
    ----------
    *args, **kwargs
        Those of ``uvicorn.protocols.http.h11_impl.H11Protocol`` (uvicorn makes it).
    """

    read_timeout = READ_TIMEOUT

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._read_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the deadline of the first request.

        Parameters
        ----------
        transport : asyncio.Transport
            The connection.
        """
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Read ``data``; a request's first byte starts its deadline, its last ends it.

        Parameters
        ----------
        data : bytes
            What arrived.
        """
        if self._read_timer is None and self.conn.their_state in _READING:
            self._arm()
        super().data_received(data)
        if self.conn.their_state not in _READING:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the deadline of a closed connection.

        Parameters
        ----------
        exc : Exception or None
            Why it closed (None: an end of file or a close).
        """
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(self.read_timeout, self._too_late)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _too_late(self) -> None:
        self._read_timer = None
        if self.conn.their_state in _READING and not self.transport.is_closing():
            self.transport.close()
