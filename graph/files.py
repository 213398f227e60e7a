"""Writing files safely: whole or not at all, never a half-written file.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     target = pathlib.Path(tmp) / "out.txt"
...     _ = write_atomic(target, "ok\\n")
...     target.read_text(), sorted(p.name for p in pathlib.Path(tmp).iterdir())
('ok\\n', ['out.txt'])
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from careergraph.errors import CareerGraphError


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

    Parameters
    ----------
    path : str or Path
        The file to write or replace.
    write : callable
        Called once with the temporary file, open for writing bytes; what it
        returns is ignored, and whatever it raises leaves ``path`` as it was.

    Returns
    -------
    Path
        ``path``, written whole.

    Raises
    ------
    CareerGraphError
        When the folder cannot be created or written to (one readable line).

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


def _mode_for(path: Path) -> int:
    """The permission bits a file written to ``path`` should have."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
