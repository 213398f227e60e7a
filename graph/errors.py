"""The exceptions careergraph raises for problems a user can fix.

Every error a user can cause is a :class:`CareerGraphError`; its ``str()`` is
one readable line, which the command line prints to stderr before exiting 2.
"""

from __future__ import annotations

from pathlib import Path


class CareerGraphError(Exception):
    """Base class of every error careergraph raises for bad input or usage."""


class DataFileError(CareerGraphError):
    """A data file cannot be read or parsed.

    Parameters
    ----------
    path : str or Path
        The file, as the user named it.
    reason : str
        What is wrong, in one line.
    line, column : int, optional
        Where in the file (1-based), when known.

    Examples
    --------
    >>> str(DataFileError("ladder.ttl", "prefix 'ex:' is not bound", line=3, column=5))
    "ladder.ttl:3:5: prefix 'ex:' is not bound"
    >>> str(DataFileError("missing.ttl", "no such file"))
    'missing.ttl: no such file'
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None,
                 column: int | None = None) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())
        self.line = line
        self.column = column
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {self.reason}")
