"""Run a function on a deep stack, so rdflib can parse and evaluate deeply nested queries.

rdflib's SPARQL grammar (pyparsing) recurses about 25 Python frames for each
nested group and about 11 for each triple pattern of a group, so Python's
default limit of 1,000 frames stops a valid query with 40 nested groups or 90
triple patterns. :func:`call_deep` runs a function in a thread with a
:data:`STACK_BYTES` stack and a recursion limit of :data:`FRAMES` frames:
about 700 nested groups, or 1,700 triple patterns in one group. Deeper than
that, the function raises :class:`RecursionError`, which the callers turn into
a one-line error. The limit is raised for the time of the call only (it is
process-wide in Python), and restored when the last deep call ends.

Examples
--------
>>> def depth(n):
...     return 0 if n == 0 else 1 + depth(n - 1)
>>> call_deep(lambda: depth(5_000))
5000
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

FRAMES = 20_000
"""The recursion limit while a deep call runs."""
STACK_BYTES = 512 * 1024 * 1024
"""The stack of the thread a deep call runs in (address space; only the pages used are memory)."""

_lock = threading.Lock()
_running = 0
_previous_limit = 0


def call_deep(func: Callable[[], T]) -> T:
    """Call ``func()`` in a thread with a deep stack and a recursion limit of :data:`FRAMES`.

    Parameters
    ----------
    func : callable
        Called without arguments.

    Returns
    -------
    object
        What ``func`` returned.

    Raises
    ------
    BaseException
        Whatever ``func`` raised (:class:`RecursionError` beyond :data:`FRAMES` frames).
    """
    global _running, _previous_limit
    outcome: list = []

    def target() -> None:
        try:
            outcome.append((True, func()))
        except BaseException as error:  # raised again in the calling thread
            outcome.append((False, error))

    with _lock:
        if _running == 0:
            _previous_limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(FRAMES, _previous_limit))
        _running += 1
    try:
        with _lock:
            size = threading.stack_size(STACK_BYTES)
            try:
                thread = threading.Thread(target=target, name="careergraph-deep-stack", daemon=True)
                thread.start()
            finally:
                threading.stack_size(size)
        thread.join()
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setrecursionlimit(_previous_limit)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
