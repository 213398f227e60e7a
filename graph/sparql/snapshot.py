"""A snapshot of the built-in graph for Oxigraph, kept in the on-disk cache, so a query needs no rdflib.

``careergraph query`` on the built-in graph answers from an in-memory
``pyoxigraph.Store`` (:mod:`careergraph.sparql.fast`). The triples it holds are
exactly those of :func:`careergraph.load.load_graph` (the derived move triples
included): the first run that parses the built-in files writes them here, as
N-Triples, and later runs load that file (about 2,000 triples: a few
milliseconds) instead of importing rdflib and parsing Turtle.

The file sits in the cache folder (:func:`careergraph.cache.cache_dir`), named
after its key, ``KEY.nt``: a hash of the built-in files' bytes and of
careergraph's code (:func:`careergraph.cache.code_signature`: the version and
each module's size and time, which is read in a millisecond where hashing the
modules' bytes takes 25). Its first line is an N-Triples
comment naming the format, the key, the number of triples and the length of the
rest of the file; a file whose header does not match, whose length is not the
one announced, or that Oxigraph cannot read is ignored (and written again),
as is one that is not a regular file of the user's own. It is written
atomically; the :data:`KEEP` newest snapshots are kept. ``CAREERGRAPH_NO_CACHE=1``
turns it off, like the rest of the cache.

Examples
--------
>>> import os, tempfile
>>> from careergraph.load import load_graph
>>> with tempfile.TemporaryDirectory() as tmp:
...     os.environ["XDG_CACHE_HOME"] = tmp
...     before = open_snapshot()                      # none yet
...     written = write_snapshot(load_graph()) is not None
...     store = open_snapshot()
...     del os.environ["XDG_CACHE_HOME"]
>>> before, written, len(store) == len(load_graph())
(None, True, True)
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph import cache
from careergraph.cache_file import usable_folder

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

FORMAT = "careergraph-snapshot-1"
"""The first word of a snapshot's header; a new layout makes old snapshots miss."""

SUFFIX = ".nt"
"""The ending of a snapshot's file."""

KEEP = 4
"""How many snapshots are kept."""

MAX_HEADER = 512
"""The longest header line read."""


def snapshot_key() -> str | None:
    """The key of the built-in graph's snapshot: its files' bytes and careergraph's code.

    Returns
    -------
    str or None
        A hex digest; None when the cache is off (``CAREERGRAPH_NO_CACHE``)
        or a built-in file cannot be read.

    Examples
    --------
    >>> len(snapshot_key())
    64
    """
    if not cache.enabled():
        return None
    import hashlib

    from careergraph.resources import builtin_data_paths, ontology_dir

    digest = hashlib.sha256(FORMAT.encode("ascii") + b"\0" + cache.code_signature())
    root = ontology_dir()
    for path in builtin_data_paths():
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
    return digest.hexdigest()


def snapshot_path(key: str) -> Path | None:
    """Where the snapshot of ``key`` is kept, or None when there is no cache folder.

    Parameters
    ----------
    key : str
        From :func:`snapshot_key`.

    Returns
    -------
    Path or None
        ``CACHE/KEY.nt``.
    """
    folder = cache.cache_dir()
    return None if folder is None else folder / f"{key}{SUFFIX}"


def _header(key: str, count: int, length: int) -> bytes:
    return f"# {FORMAT} {key} {count} {length}\n".encode("ascii")


def read_snapshot(key: str) -> tuple[bytes, int] | None:
    """The N-Triples of the snapshot of ``key`` and how many triples they are.

    Parameters
    ----------
    key : str
        From :func:`snapshot_key`.

    Returns
    -------
    tuple of (bytes, int) or None
        The body and the triple count; None when there is no whole snapshot
        of the user's own with this key (see the module notes).
    """
    path = snapshot_path(key)
    if path is None or not usable_folder(path.parent):
        return None
    try:  # O_NONBLOCK: a FIFO does not wait for a writer; O_NOFOLLOW: no link is followed
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except (OSError, ValueError):
        return None
    with open(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                return None
            words = handle.readline(MAX_HEADER).decode("ascii").split()
            if len(words) != 5 or words[:3] != ["#", FORMAT, key]:
                return None
            count, length = int(words[3]), int(words[4])
            body = handle.read(length + 1)  # one byte more: a longer file is not this snapshot
            if len(body) != length:
                return None
            os.utime(fd)  # recently used: kept longer
        except (OSError, ValueError):
            return None
    return body, count


def open_snapshot(key: str | None = None) -> Any:
    """The built-in graph in a new in-memory ``pyoxigraph.Store``, from its snapshot.

    Parameters
    ----------
    key : str, optional
        From :func:`snapshot_key` (computed when not given).

    Returns
    -------
    pyoxigraph.Store or None
        The store; None when there is no usable snapshot (the cache is off,
        none was written yet, or it is damaged: it is then removed).
    """
    key = key or snapshot_key()
    found = None if key is None else read_snapshot(key)
    if found is None:
        return None
    body, count = found
    import pyoxigraph as ox

    store = ox.Store()
    try:
        # lenient: the file is careergraph's own, checked by its length and count (2.4 ms, not 3.5)
        store.load(body, ox.RdfFormat.N_TRIPLES, lenient=True)
    except (SyntaxError, ValueError, OSError):
        store = None
    if store is None or len(store) != count:
        path = snapshot_path(key)
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()
        return None
    return store


def write_snapshot(kg: CareerGraph, key: str | None = None) -> Path | None:
    """Write the snapshot of the built-in graph ``kg`` (loaded without ``-d`` files), atomically.

    Parameters
    ----------
    kg : CareerGraph
        The built-in graph in memory, as :func:`careergraph.load.load_graph` gives it
        (parsed now if it is not yet).
    key : str, optional
        From :func:`snapshot_key` (computed when not given).

    Returns
    -------
    Path or None
        The file; None when the cache is off or its folder cannot be used.
    """
    key = key or snapshot_key()
    path = None if key is None else snapshot_path(key)
    if path is None:
        return None
    graph = kg.store.rdflib_graph(limit=None)
    body = graph.serialize(format="nt", encoding="utf-8")
    data = _header(key, len(graph), len(body)) + body
    from careergraph.errors import CareerGraphError
    from careergraph.files import write_atomic_with

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not usable_folder(path.parent):
            return None
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
        written = write_atomic_with(path, lambda handle: handle.write(data))
        olds = sorted(path.parent.glob(f"*{SUFFIX}"), key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in olds[KEEP:]:
            old.unlink(missing_ok=True)
        return written
    except (OSError, CareerGraphError):
        return None
