"""Reading a published data release (its zip, read in place, or its unpacked folder), with progress.

What the O*NET and ESCO importers share on the reading side:
:class:`ReleaseFiles` opens the release and reads its files without
extracting anything to disk, and :class:`Progress` reports how far an import
has gone to a ``progress(done, total, what)`` callback.

Examples
--------
>>> calls = []
>>> progress = Progress(lambda done, total, what: calls.append((done, total, what)), total=10)
>>> for _ in range(10):
...     progress.advance(1, "sheet.csv")
>>> progress.finish("done")
>>> calls[0], calls[-1]
((1, 10, 'sheet.csv'), (10, 10, 'done'))
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from careergraph.errors import DataFileError

ProgressCallback = Callable[[int, int, str], object]
"""``progress(done, total, what)``: how much of the work is done, of how much, on what."""

ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)
"""What reading a damaged zip member raises."""


class Progress:
    """Report progress to a ``progress(done, total, what)`` callback, about 200 times at most.

    Parameters
    ----------
    callback : callable or None
        Called with the work done so far, the total and what is being
        worked on; None reports nothing.
    total : int
        The total amount of work, in the importer's unit (rows, bytes).
    """

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = max(total, 0)
        self.done = 0
        self._step = max(self.total // 200, 1)
        self._next = 0

    def advance(self, amount: int, what: str) -> None:
        """Count ``amount`` more work done on ``what``, reporting it when a step is passed.

        Parameters
        ----------
        amount : int
            The work just done, in the unit of the total.
        what : str
            What it was done on (a file name), passed on to the callback.
        """
        self.done += amount
        if self.callback is not None and self._next <= self.done < self.total:  # the end: finish()
            self._next = self.done + self._step
            self.callback(min(self.done, self.total), self.total, what)

    def finish(self, what: str) -> None:
        """Report the work complete (``done == total``), whatever was counted.

        Parameters
        ----------
        what : str
            What to say the work ended with (``"done"``).
        """
        self.done = self.total
        if self.callback is not None:
            self.callback(self.total, self.total, what)


class ReleaseFiles:
    """The files of a data release as published: its zip, read in place, or its unpacked folder.

    Nothing is extracted to disk: a member of a zip is read straight out of
    it. The files may sit at the top of the zip or folder, or in the one
    folder at its top (O*NET's ``db_29_2_excel.zip`` unpacks into
    ``db_29_2_excel/``).

    Parameters
    ----------
    location : str or Path
        The zip file, or the folder.
    expected : sequence of str
        The names of the files the importer reads; where the first of them
        that is found sits decides which folder is the release's.
    what : str
        What the release is, for error messages ("the ESCO CSV download").

    Raises
    ------
    DataFileError
        ``location`` does not exist, is neither a folder nor a zip file, is a
        damaged zip, or is a zip holding none of ``expected``.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     archive = Path(tmp) / "release.zip"
    ...     with zipfile.ZipFile(archive, "w") as out:
    ...         out.writestr("release/data.csv", "a,b\\n1,2\\n")
    ...     with ReleaseFiles(archive, ["data.csv", "more.csv"], what="a demo release") as files:
    ...         print(files.has("data.csv"), files.has("more.csv"), files.size("data.csv"))
    ...         print(files.path("more.csv").relative_to(tmp))
    ...         print(files.read_bytes("data.csv"))
    True False 8
    release.zip/release/more.csv
    b'a,b\\n1,2\\n'
    >>> ReleaseFiles("/nowhere", ["data.csv"], what="a demo release")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: /nowhere: no such folder or zip file
    """

    def __init__(self, location: str | Path, expected: Sequence[str], *, what: str) -> None:
        self.location = Path(location)
        self.what = what
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        if self.location.is_dir():
            self.root = _release_folder(self.location, expected)
            inner = (self.root.name,) if self.root != self.location else ()
            self.names = (self.location.name, *inner)
            return
        if not self.location.exists():
            raise DataFileError(self.location, "no such folder or zip file")
        try:
            self._zip = zipfile.ZipFile(self.location)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            if zipfile.is_zipfile(self.location) or self.location.suffix.lower() == ".zip":
                raise DataFileError(self.location, f"a damaged zip file ({error})") from None
            raise DataFileError(self.location, f"neither a folder nor a zip file (careergraph "
                                               f"reads {what}, as a zip or unpacked)") from None
        members = {info.filename: info for info in self._zip.infolist()
                   if not info.is_dir() and not info.filename.startswith("__MACOSX/")}
        prefix = _release_prefix(members, expected)
        if prefix is None:
            self._zip.close()
            raise DataFileError(self.location, f"not {what}: no {expected[0]!r} in the zip, at its "
                                               f"top or in one folder at its top")
        self._members = {name.removeprefix(prefix): info for name, info in members.items()
                         if name.startswith(prefix) and "/" not in name.removeprefix(prefix)}
        self.root = self.location / prefix if prefix else self.location
        self.names = (self.location.stem,) + ((prefix.rstrip("/"),) if prefix else ())

    def __enter__(self) -> ReleaseFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the zip, if it is one."""
        if self._zip is not None:
            self._zip.close()

    @property
    def is_zip(self) -> bool:
        """Whether the release is read out of a zip."""
        return self._zip is not None

    def path(self, name: str) -> Path:
        """The file ``name`` as messages name it.

        Parameters
        ----------
        name : str
            A file of the release, such as ``Skills.xlsx``.

        Returns
        -------
        Path
            In a folder, its path; in a zip, ``release.zip/folder/name``.
        """
        return self.root / name

    def has(self, name: str) -> bool:
        """Whether the release has the file ``name``.

        Parameters
        ----------
        name : str
            A file of the release.

        Returns
        -------
        bool
        """
        return name in self._members if self._zip is not None else (self.root / name).is_file()

    def require(self, name: str, files: str) -> None:
        """Refuse a release that lacks the file ``name``.

        Parameters
        ----------
        name : str
            The file the importer cannot do without.
        files : str
            The files the importer reads, to say in the message
            (``"occupations_en.csv and the rest"``).

        Raises
        ------
        DataFileError
            The release has no file ``name`` (in the zip, when it is one).

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = (Path(tmp) / "data.csv").write_text("a,b\\n")
        ...     release = ReleaseFiles(tmp, ["data.csv"], what="a demo release")
        ...     release.require("data.csv", "data.csv and more.csv")
        ...     release.require("more.csv", "data.csv and more.csv")
        Traceback (most recent call last):
        ...
        careergraph.errors.DataFileError: .../more.csv: no such file (careergraph reads a demo
            release: data.csv and more.csv)
        """
        if not self.has(name):
            where = " in the zip" if self.is_zip else ""
            raise DataFileError(self.path(name), f"no such file{where} (careergraph reads "
                                                 f"{self.what}: {files})")

    def size(self, name: str) -> int:
        """The size of the file ``name``, in bytes, unpacked.

        Parameters
        ----------
        name : str
            A file the release has.

        Returns
        -------
        int
        """
        if self._zip is not None:
            return self._members[name].file_size
        return (self.root / name).stat().st_size

    def open(self, name: str) -> IO[bytes]:
        """Open the file ``name`` for reading bytes (a zip member is unpacked as it is read).

        Parameters
        ----------
        name : str
            A file the release has.

        Returns
        -------
        file object
            Binary and readable; close it after use.

        Raises
        ------
        DataFileError
            The zip member is damaged.
        """
        if self._zip is None:
            return (self.root / name).open("rb")
        with self._damaged(name):
            return self._zip.open(self._members[name])

    def read_bytes(self, name: str) -> bytes:
        """The whole content of the file ``name``.

        Parameters
        ----------
        name : str
            A file the release has.

        Returns
        -------
        bytes

        Raises
        ------
        DataFileError
            The zip member is damaged.
        """
        if self._zip is None:
            return (self.root / name).read_bytes()
        with self._damaged(name):
            return self._zip.read(self._members[name])

    @contextmanager
    def _damaged(self, name: str) -> Iterator[None]:
        """Say which file is damaged when reading it out of the zip fails."""
        try:
            yield
        except ZIP_ERRORS as error:
            raise DataFileError(self.path(name), f"damaged in the zip ({error})") from None

    def workbook_source(self, name: str) -> Path | io.BytesIO:
        """What openpyxl opens for the workbook ``name``.

        Parameters
        ----------
        name : str
            A workbook (``.xlsx``) the release has.

        Returns
        -------
        Path or io.BytesIO
            Its path in a folder; its bytes, read out of a zip.
        """
        return io.BytesIO(self.read_bytes(name)) if self._zip is not None else self.root / name


def csv_problem(error: Exception, start: int) -> str:
    """What a :class:`csv.Error` of a strict reader means, in words.

    Parameters
    ----------
    error : csv.Error
        The error.
    start : int
        The line the record being read started at.

    Returns
    -------
    str

    Examples
    --------
    >>> import csv
    >>> csv_problem(csv.Error("unexpected end of data"), 12)
    'a quote opened on line 12 is never closed (the rest of the file would be one cell)'
    """
    text = " ".join(str(error).split())
    if "unexpected end of data" in text:
        return (f"a quote opened on line {start} is never closed (the rest of the file would be "
                "one cell)")
    return f"{text} (in the record that starts on line {start})"


def _release_folder(folder: Path, expected: Sequence[str]) -> Path:
    """``folder``, or the one folder in it holding the release's files when it holds none."""
    if any((folder / name).is_file() for name in expected):
        return folder
    inner = [entry for entry in folder.iterdir()
             if entry.is_dir() and not entry.name.startswith((".", "__MACOSX"))]
    if len(inner) == 1 and any((inner[0] / name).is_file() for name in expected):
        return inner[0]
    return folder


def _release_prefix(members: Mapping[str, object], expected: Sequence[str]) -> str | None:
    """The folder inside a zip (``""`` or ``"name/"``) holding the release's files, or None."""
    if any(name in members for name in expected):
        return ""
    tops = {name.split("/", 1)[0] for name in members}
    if len(tops) == 1:
        prefix = tops.pop() + "/"
        if any(prefix + name in members for name in expected):
            return prefix
    return None
