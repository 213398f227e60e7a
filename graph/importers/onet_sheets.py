"""Reading the workbooks of an O*NET release: checked headers, streamed rows, checked cells.

openpyxl opens each workbook read-only and streams its first sheet's rows;
:func:`open_sheet` checks the header row has the columns careergraph reads
(:data:`FILES`), and :class:`Sheet` turns each row into a ``{column: value}``
record and each cell into checked text or a number, naming the row of a
value that is not what O*NET puts there. :func:`release` names the release.

Examples
--------
>>> release("/nowhere/db_29_2_excel.zip")
'O*NET 29.2'
>>> sorted(FILES)[:2]
['Alternate Titles.xlsx', 'Job Zones.xlsx']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from careergraph.errors import DataFileError
from careergraph.importers.release import ZIP_ERRORS, Progress, ReleaseFiles

CODE = "O*NET-SOC Code"
"""The column every O*NET file keys its rows by."""

FILES: dict[str, tuple[str, ...]] = {
    "Job Zones.xlsx": (CODE, "Job Zone"),
    "Occupation Data.xlsx": (CODE, "Title", "Description"),
    "Alternate Titles.xlsx": (CODE, "Alternate Title", "Short Title"),
    "Skills.xlsx": (CODE, "Element ID", "Element Name", "Scale ID", "Data Value",
                    "Recommend Suppress", "Not Relevant"),
    "Knowledge.xlsx": (CODE, "Element ID", "Element Name", "Scale ID", "Data Value",
                       "Recommend Suppress", "Not Relevant"),
    "Related Occupations.xlsx": (CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"),
}
"""The files read, in reading order, and the columns each must have."""

EXPECTED = ("Occupation Data.xlsx", *FILES)
"""The files that mark a folder or zip as an O*NET release, the one that must be there first."""

WHAT = "the O*NET database's Excel download (db_29_2_excel.zip, or the folder it unpacks into)"
"""What the O*NET importer reads, for error messages."""


@dataclass
class Sheet:
    """An open workbook's first sheet, with the positions of the columns wanted.

    Parameters
    ----------
    path : Path
        The workbook, as messages name it.
    workbook : openpyxl.Workbook
        The workbook, open read-only (closed by :meth:`close`).
    rows : iterator of tuple
        The rows below the header, as openpyxl streams them.
    columns : dict of str to int
        Column name -> its position in a row.
    total : int
        How many rows the sheet says it has below the header (for progress).
    """

    path: Path
    workbook: Any
    rows: Iterator[tuple]
    columns: dict[str, int]
    total: int

    def records(self, progress: Progress) -> Iterator[tuple[int, dict[str, Any]]]:
        """Read the data rows, skipping empty ones and counting each row into ``progress``.

        Parameters
        ----------
        progress : Progress
            Where to count the rows read.

        Yields
        ------
        tuple of (int, dict)
            The row's number in the sheet (the header is row 1) and
            {column: value} for the columns wanted.
        """
        for number, row in enumerate(self.rows, start=2):
            progress.advance(1, self.path.name)
            if not any(cell is not None for cell in row):
                continue
            yield number, {name: row[index] if index < len(row) else None
                           for name, index in self.columns.items()}

    def text(self, number: int, record: dict[str, Any], column: str) -> str:
        """The text of a cell that must not be empty, with its blanks trimmed.

        Parameters
        ----------
        number : int
            The row's number, for the message.
        record : dict
            The row, as :meth:`records` gives it.
        column : str
            The column.

        Returns
        -------
        str

        Raises
        ------
        DataFileError
            The cell is empty.
        """
        value = record[column]
        text = "" if value is None else " ".join(str(value).split())
        if not text:
            raise DataFileError(self.path, f"row {number}: empty '{column}'")
        return text

    def number(self, number: int, record: dict[str, Any], column: str) -> Decimal:
        """The number in a cell, exactly as written (a Decimal).

        Parameters
        ----------
        number : int
            The row's number, for the message.
        record : dict
            The row, as :meth:`records` gives it.
        column : str
            The column.

        Returns
        -------
        Decimal

        Raises
        ------
        DataFileError
            The cell is empty or not a number.
        """
        value = record[column]
        try:
            if isinstance(value, bool) or value is None:
                raise InvalidOperation
            return Decimal(str(value))
        except InvalidOperation:
            raise DataFileError(self.path,
                                f"row {number}: '{column}' is {value!r}, not a number") from None

    def close(self) -> None:
        """Close the workbook."""
        self.workbook.close()


def open_sheet(files: ReleaseFiles, name: str, columns: tuple[str, ...]) -> Sheet:
    """Open the O*NET workbook ``name`` read-only and check its header row.

    Parameters
    ----------
    files : ReleaseFiles
        The release.
    name : str
        The workbook, such as ``Skills.xlsx``.
    columns : tuple of str
        The columns it must have.

    Returns
    -------
    Sheet
        Positioned after the header row; close it after use.

    Raises
    ------
    DataFileError
        The release has no such workbook, it is not a workbook, or its first
        row lacks one of ``columns``.
    """
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = files.path(name)
    files.require(name, "'Occupation Data.xlsx' and the rest")
    try:
        workbook = openpyxl.load_workbook(files.workbook_source(name), read_only=True,
                                          data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, IndexError) as error:
        raise DataFileError(path, f"not an Excel workbook (.xlsx): {error}") from None
    missing = [name for name in columns if name not in header]
    if missing:
        workbook.close()
        raise DataFileError(path, f"no column {', '.join(repr(m) for m in missing)} in the "
                                  f"first row; is this an O*NET file?", line=1)
    total = max((sheet.max_row or 1) - 1, 0)
    return Sheet(path, workbook, rows, {name: header.index(name) for name in columns}, total)


def release(location: str | Path | ReleaseFiles) -> str:
    """The name of the O*NET release at ``location``, such as ``O*NET 29.2``.

    Taken from the first line of its ``Read Me.txt`` ("O*NET 29.2 Database"),
    else from a version number in the name of the folder or zip
    (``onet-29.2``, ``db_29_2_excel.zip``), else plain ``O*NET``.

    Parameters
    ----------
    location : str, Path or ReleaseFiles
        The release's zip or folder (it need not exist: then its name alone
        tells), or the release already open.

    Returns
    -------
    str

    Examples
    --------
    >>> release(Path("/nowhere/onet-29.2")), release("/nowhere/db_29_2_excel.zip")
    ('O*NET 29.2', 'O*NET 29.2')
    >>> release("/nowhere/downloads")
    'O*NET'
    """
    if isinstance(location, ReleaseFiles):
        return _release_name(location)
    try:
        with ReleaseFiles(location, EXPECTED, what=WHAT) as files:
            return _release_name(files)
    except DataFileError:
        return _release_name(None, (Path(location).name,))


def _release_name(files: ReleaseFiles | None, names: tuple[str, ...] = ()) -> str:
    """The release named by the first line of ``Read Me.txt``, else by ``names`` (folder, zip)."""
    first = ""
    if files is not None:
        names = files.names
        if files.has("Read Me.txt"):
            try:
                text = files.read_bytes("Read Me.txt").decode("utf-8", errors="replace")
                first = (text.strip().splitlines() or [""])[0]
            except (OSError, DataFileError, *ZIP_ERRORS):
                pass
    found = re.search(r"O\*NET\s+(\d+(?:\.\d+)*)", first)
    for name in names:
        found = found or re.search(r"(\d+\.\d+)", name) or re.search(r"db_(\d+)_(\d+)", name)
    if found is None:
        return "O*NET"
    return "O*NET " + ".".join(group for group in found.groups() if group)
