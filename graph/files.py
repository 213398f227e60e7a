"""Writing files safely: whole or not at all, never a half-written file.

What :func:`write_atomic_with` does depends on what the path names:

- a new path or a regular file: the data goes to a temporary file beside it,
  which then replaces it in one rename (atomic: whole or not at all);
- a symbolic link to a regular file (or a dangling one): the same, so the
  *link* is replaced by the new regular file, as ``mv`` would; the file it
  pointed to is left unchanged;
- a character device (``/dev/null``, a terminal), a FIFO, or a path that
  names an open descriptor (``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``,
  ``/proc/self/fd/N``), directly or through links: written through (opened
  and written in place, never replaced or removed), which cannot be atomic;
  a FIFO that no process reads is refused at once rather than waited for;
- anything else (a folder, a block device, a socket): refused, in one line.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     target = pathlib.Path(tmp) / "out.txt"
...     _ = write_atomic(target, "ok\\n")
...     target.read_text(), sorted(p.name for p in pathlib.Path(tmp).iterdir())
('ok\\n', ['out.txt'])
>>> import stat
>>> _ = write_atomic("/dev/null", "discarded")   # written through: still a device
>>> stat.S_ISCHR(pathlib.Path("/dev/null").stat().st_mode)
True
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from careergraph.errors import CareerGraphError

_DESCRIPTORS = ("/proc/", "/dev/fd/")
"""Paths under these name the open descriptors of a process, not files."""


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically; see :func:`write_atomic_with`.

    Parameters
    ----------
    path : str or Path
        The file to write or replace.
    data : str or bytes
        Its new content; text is encoded as UTF-8.

    Returns
    -------
    Path
        ``path``, replaced whole or (on any failure) not at all; the errors
        are those of :func:`write_atomic_with`.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return write_atomic_with(path, lambda handle: handle.write(payload))


def write_atomic_with(path: str | Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Call ``write(handle)`` on a temporary file beside ``path``, then move it into place.

    The temporary file lives in the target's folder (so the final rename is
    atomic on one file system), is flushed and synced, and replaces the
    target only when ``write`` returned; on any failure, including Ctrl-C,
    it is removed and an existing target is left as it was. Missing parent
    folders are created. The new file gets the mode of the file it replaces,
    or the usual mode for a new file (0666 less the umask), not the private
    mode temporary files are created with.

    Only regular files (and new paths, and links to regular files, which are
    replaced as links) are written this way. A character device such as
    ``/dev/null``, a FIFO, or ``/dev/stdout`` is written through: opened for
    appending and written directly, so it stays what it is (see the module
    notes); a FIFO without a reader is refused rather than waited for. A
    folder, a block device or a socket is refused.

    Parameters
    ----------
    path : str or Path
        The file to write or replace.
    write : callable
        Called once with the temporary file (or the device), open for
        writing bytes; what it returns is ignored, and whatever it raises
        leaves a file at ``path`` as it was.

    Returns
    -------
    Path
        ``path``, written whole.

    Raises
    ------
    CareerGraphError
        When the folder cannot be created or written to, or ``path`` is
        something careergraph does not write to (one readable line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     target = pathlib.Path(tmp) / "data.bin"
    ...     _ = write_atomic_with(target, lambda handle: handle.write(bytes([1, 2, 3])))
    ...     list(target.read_bytes())
    [1, 2, 3]
    """
    path = Path(path)
    if _written_through(path):
        return _write_through(path, write)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by `with handle:` below, once its mode is set
            "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    except OSError as error:
        raise CareerGraphError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        os.chmod(handle.name, _mode_for(path))
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        if isinstance(error, OSError):
            raise CareerGraphError(f"cannot write {path}: {error.strerror or error}") from None
        raise
    return path


def _written_through(path: Path) -> bool:
    """Whether ``path`` is written in place (True), atomically (False), or refused (raises)."""
    try:
        own = os.lstat(path)
    except OSError:
        return False  # a new path (or one a missing folder hides): written atomically
    if stat.S_ISREG(own.st_mode):
        return False
    descriptor = _names_a_descriptor(path)
    try:
        target = os.stat(path)
    except OSError:
        if descriptor:
            raise CareerGraphError(f"cannot write {path}: it names no open file") from None
        return False  # a dangling link: replaced by the new file
    if stat.S_ISCHR(target.st_mode) or stat.S_ISFIFO(target.st_mode):
        return True
    if stat.S_ISREG(target.st_mode):
        return descriptor  # /dev/stdout redirected to a file: written through; a link: replaced
    what = ("a folder" if stat.S_ISDIR(target.st_mode) else
            "a block device" if stat.S_ISBLK(target.st_mode) else
            "a socket" if stat.S_ISSOCK(target.st_mode) else "not a file")
    raise CareerGraphError(f"cannot write {path}: it is {what}; give a file name")


def _names_a_descriptor(path: Path) -> bool:
    """Whether ``path``, or a link on its way, is one of a process's descriptors (``/dev/stdout``)."""
    hop = os.path.abspath(path)
    for _ in range(40):
        if hop.startswith(_DESCRIPTORS):
            return True
        if not os.path.islink(hop):
            return False
        hop = os.path.normpath(os.path.join(os.path.dirname(hop), os.readlink(hop)))
    return False


def _write_through(path: Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Open ``path`` (a device, a FIFO, a descriptor) for appending and call ``write`` on it."""
    try:
        # O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of waiting forever
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        reason = ("no process is reading this FIFO" if error.errno == errno.ENXIO
                  else error.strerror or str(error))
        raise CareerGraphError(f"cannot write {path}: {reason}") from None
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        with open(fd, "wb", closefd=True) as handle:
            fd = -1
            write(handle)
    except OSError as error:
        raise CareerGraphError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    return path


def _mode_for(path: Path) -> int:
    """The permission bits a file written to ``path`` should have."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
