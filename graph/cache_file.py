"""The file of one entry of the on-disk cache (:mod:`careergraph.cache`): JSON Lines, read part by part.

An entry is a header line (a JSON object: the fields that say which entry it
is, and ``parts``, the name and byte length of each part), then one compact
JSON document a line, one per part, in that order. JSON cannot run code,
whoever wrote the file. Reading checks, before any part is decoded, that the
file is a regular file of the user's own (never a FIFO, which would block, nor
a link), that the header is the one expected and that the lengths add up to
the file's size; each part is then read and decoded only when asked for.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_entry(pathlib.Path(tmp) / "e.jsonl", {"key": "k"}, {"a": [1, 2], "b": {"x": "y"}})
...     parts = read_entry(path, {"key": "k"})
...     sorted(parts), parts["b"], read_entry(path, {"key": "another"})
(['a', 'b'], {'x': 'y'}, None)
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
import weakref
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

MAX_HEADER = 64 * 1024
"""The longest header line read; a longer one is not an entry."""

BAD = (OSError, ValueError, TypeError, KeyError, RecursionError)
"""What reading a damaged entry may raise (and the cache ignores)."""


def usable_folder(folder: Path) -> bool:
    """Whether ``folder`` is a folder of the user's own that no one else can write to.

    Parameters
    ----------
    folder : Path
        The cache's folder.

    Returns
    -------
    bool
        True for a folder owned by the effective user, without group or
        other write permission.
    """
    try:
        info = os.stat(folder)
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & 0o022


class EntryParts(Mapping[str, Any]):
    """The parts of an entry, each read from its line and decoded when asked for.

    Parameters
    ----------
    handle : binary file
        The entry, open for reading (closed when this object goes).
    lines : dict
        Part name -> (offset, length) of its line.
    """

    def __init__(self, handle: IO[bytes], lines: dict[str, tuple[int, int]]) -> None:
        self._handle, self._lines = handle, lines
        weakref.finalize(self, handle.close)

    def __getitem__(self, name: str) -> Any:
        start, length = self._lines[name]
        self._handle.seek(start)
        line = self._handle.read(length)
        if len(line) != length or not line.endswith(b"\n"):
            raise ValueError(f"the part {name} is cut short")
        collecting = gc.isenabled()
        gc.disable()  # decoding makes many containers and no cycles: faster without GC passes
        try:
            return json.loads(line)
        finally:
            if collecting:
                gc.enable()

    def __contains__(self, name: object) -> bool:
        return name in self._lines  # without reading the part

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def subset(self, names: Iterable[str]) -> EntryParts:
        """The same entry, with only the parts ``names``.

        Parameters
        ----------
        names : iterable of str
            Part names.

        Returns
        -------
        EntryParts
            A view that shares the open file.
        """
        view = EntryParts.__new__(EntryParts)
        view._handle = self._handle
        view._lines = {name: self._lines[name] for name in names}
        view._owner = self  # the file stays open while a view is in use
        return view


def read_entry(path: Path, expected: dict[str, Any]) -> EntryParts | None:
    """The parts of the entry at ``path``, when it is whole and its header holds ``expected``.

    Parameters
    ----------
    path : Path
        The entry's file.
    expected : dict
        Fields the header must hold with these values (the format, the key).

    Returns
    -------
    EntryParts or None
        The parts, not decoded yet; None when the file is missing, not a
        regular file of the user's own, not this entry, or cut short.
    """
    try:
        # O_NONBLOCK: a FIFO does not wait for a writer; O_NOFOLLOW: no link is followed
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except (OSError, ValueError):
        return None
    handle = open(fd, "rb")  # noqa: SIM115 - closed below, or by the EntryParts that keeps it
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            raise ValueError("not a regular file of the user's")
        header = json.loads(handle.readline(MAX_HEADER))
        if type(header) is not dict or any(header.get(k) != v for k, v in expected.items()):
            raise ValueError("another entry")
        lines, start = {}, handle.tell()
        for name, length in header["parts"]:
            if type(name) is not str or type(length) is not int or length < 1:
                raise ValueError("a bad part")
            lines[name] = (start, length)
            start += length
        if start != info.st_size:
            raise ValueError("cut short or too long")
        os.utime(fd)  # recently used: kept longer
        return EntryParts(handle, lines)
    except BAD:
        handle.close()
        return None


def write_entry(path: Path, fields: dict[str, Any], parts: dict[str, Any]) -> Path | None:
    """Write an entry atomically: a header with ``fields``, then each part on its line.

    A FIFO, a link or another non-regular file in the entry's place is
    removed first, so it is replaced, never written through.

    Parameters
    ----------
    path : Path
        The entry's file.
    fields : dict
        What the header holds besides the parts (JSON values).
    parts : dict
        Part name -> JSON value.

    Returns
    -------
    Path or None
        ``path``; None when a part is not JSON or the file cannot be written.
    """
    from careergraph.errors import CareerGraphError
    from careergraph.files import write_atomic_with

    try:
        lines = {name: json.dumps(value, separators=(",", ":")).encode("ascii") + b"\n"
                 for name, value in parts.items()}  # ASCII: lone surrogates survive as escapes
        header = json.dumps({**fields, "parts": [[name, len(line)] for name, line in lines.items()]})
    except (TypeError, ValueError, RecursionError):
        return None

    def put(handle: IO[bytes]) -> None:
        handle.write(header.encode("ascii") + b"\n")
        for line in lines.values():
            handle.write(line)

    try:
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
        return write_atomic_with(path, put)
    except (OSError, CareerGraphError):
        return None
