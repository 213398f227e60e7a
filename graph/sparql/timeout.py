"""Run a function with a deadline, in a forked child that is killed when time is up.

rdflib has no query timeout (rdflib#836) and a Python thread cannot be
stopped, so a query that must end at a deadline runs in a child process made
with ``os.fork()``: the child shares the parent's loaded graph (copy-on-write,
nothing is reloaded or pickled on the way in), runs the function, pickles the
result back through a pipe and exits. At the deadline the parent kills it with
SIGKILL. :func:`call_with_timeout` waits blocking (the command line, the
Python API); :func:`call_with_timeout_async` awaits the same child from an
asyncio event loop (the server), so other requests are served meanwhile.

Cost, measured on the development machine with the built-in graph loaded: a
fork that returns at once takes about 3 ms; a small query that takes 0.3 ms
in-process takes about 6 ms forked (the child's first writes copy memory
pages). The cost grows with the size of the result, which is pickled once.
Only POSIX systems have ``fork``.

The child lets go of every socket it inherited (the server's listener and its
clients' connections), so a connection ends when the parent closes it and the
port is free when the parent ends; and it dies with its parent, even when the
parent is killed with SIGKILL (``prctl(PR_SET_PDEATHSIG)`` on Linux, a watching
thread elsewhere).

Examples
--------
>>> call_with_timeout(lambda: sum(range(10)), 5)
45
>>> import time
>>> call_with_timeout(lambda: time.sleep(60), 0.2)
Traceback (most recent call last):
...
careergraph.errors.Timeout: the call was stopped after 0.2 s, its time limit
"""

from __future__ import annotations

import ctypes
import os
import pickle
import select
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from careergraph.errors import CareerGraphError, ChildFailed, Timeout

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1
"""Linux's prctl option: the signal a process gets when its parent ends."""
_FD_FOLDER = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"


def call_with_timeout(func: Callable[[], T], seconds: float, what: str = "the call") -> T:
    """Call ``func()`` in a forked child; return its result or raise at the deadline.

    Parameters
    ----------
    func : callable
        Called without arguments in the child; its result must pickle.
    seconds : float
        The time limit, more than 0.
    what : str
        What runs, for the message of :class:`Timeout`.

    Returns
    -------
    The value ``func`` returned.

    Raises
    ------
    Timeout
        When ``func`` has not returned after ``seconds``; the child is killed.
    Exception
        Whatever ``func`` raised in the child, raised again here.
    """
    deadline = time.monotonic() + _positive(seconds)
    pid, fd = _spawn(func)
    chunks: list[bytes] = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise Timeout(seconds, what)
            data = os.read(fd, 1 << 16)
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(fd)
        _stop(pid)
    return _unpack(chunks)


async def call_with_timeout_async(func: Callable[[], T], seconds: float,
                                  what: str = "the call") -> T:
    """Like :func:`call_with_timeout`, awaited from an asyncio event loop.

    The event loop keeps serving while the child works; the child is killed at
    the deadline, and also when the awaiting task is cancelled.

    Parameters
    ----------
    func : callable
        Called without arguments in the child; its result must pickle.
    seconds : float
        The time limit, more than 0.
    what : str
        What runs, for the message of :class:`~careergraph.errors.Timeout`.

    Returns
    -------
    object
        The value ``func`` returned.

    Raises
    ------
    Timeout
        When ``func`` has not returned after ``seconds``; the child is killed.

    Examples
    --------
    >>> import asyncio
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(1) as thread:  # an event loop of its own, whatever runs here
    ...     thread.submit(asyncio.run, call_with_timeout_async(lambda: "done", 5)).result()
    'done'
    """
    import asyncio

    loop = asyncio.get_running_loop()
    _positive(seconds)
    pid, fd = _spawn(func)
    os.set_blocking(fd, False)
    chunks: list[bytes] = []
    finished = loop.create_future()

    def readable() -> None:
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            return
        if data:
            chunks.append(data)
        elif not finished.done():
            finished.set_result(None)

    loop.add_reader(fd, readable)
    try:
        await asyncio.wait_for(finished, seconds)
    except TimeoutError:
        raise Timeout(seconds, what) from None
    finally:
        loop.remove_reader(fd)
        os.close(fd)
        _stop(pid)
    return _unpack(chunks)


def _positive(seconds: float) -> float:
    if not seconds > 0:
        raise CareerGraphError(f"the time limit must be more than 0 seconds, not {seconds}")
    return seconds


def _spawn(func: Callable[[], Any]) -> tuple[int, int]:
    """Fork a child that runs ``func`` and writes its pickled outcome to a pipe."""
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    try:  # the child: never returns
        os.close(read_end)
        signal.set_wakeup_fd(-1)  # the parent's event loop must not hear the child's signals
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_DFL)
        _die_with(parent)
        _release_sockets()
        try:
            payload = pickle.dumps((True, func()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # sent back to the parent, raised there
            payload = _pickled_error(error)
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view):]
    finally:
        os._exit(0)


def _die_with(parent: int) -> None:
    """Make this child end when ``parent`` does (even by SIGKILL), rather than outlive it."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread below
            pass
        else:
            if os.getppid() != parent:  # the parent died before prctl
                os._exit(1)
            return

    def watch() -> None:  # pragma: no cover - other systems
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _release_sockets() -> None:
    """Let go of every socket inherited from the parent (its listener, its clients' connections).

    A socket the child kept would hold a client's connection open after the
    parent answered and closed it, and the port after the parent died. Each is
    replaced by ``/dev/null`` rather than closed, so that the number stays
    taken: a Python object of the parent that closes it later closes nothing
    of the child's.
    """
    try:
        fds = [int(name) for name in os.listdir(_FD_FOLDER)]
    except OSError:  # pragma: no cover - no /proc or /dev/fd
        return
    null = None
    for fd in fds:
        if fd <= 2:  # stdin, stdout and stderr stay (a supervisor's log socket, say)
            continue
        try:
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue
            if null is None:
                null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, fd)
        except OSError:  # the folder's own descriptor, already closed
            continue
    if null is not None:
        os.close(null)


def _pickled_error(error: BaseException) -> bytes:
    try:
        payload = pickle.dumps((False, error))
        # a round trip: exceptions with their own __init__ may not come back
        pickle.loads(payload)  # noqa: S301 - the bytes just pickled here, not outside data
        return payload
    except Exception:  # send its message instead
        return pickle.dumps((False, CareerGraphError(" ".join(str(error).split())
                                                     or type(error).__name__)))


def _stop(pid: int) -> None:
    """Kill the child if it still runs, and reap it."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:  # pragma: no cover - already reaped elsewhere
        return
    os.waitpid(pid, 0)


def _unpack(chunks: list[bytes]) -> Any:
    if not chunks:
        raise ChildFailed("the query process died without an answer (out of memory?)")
    ok, value = pickle.loads(b"".join(chunks))  # noqa: S301 - what our own forked child pickled, through its pipe
    if not ok:
        raise value
    return value
