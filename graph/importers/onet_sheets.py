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

from careergraph.errors import DataFileError, shown
from careergraph.importers.release import ZIP_ERRORS, Progress, ReleaseFiles
from careergraph.yaml_safe import refuse_control

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

SOC_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
"""An O*NET-SOC code, such as ``15-1252.00``."""

ELEMENT_ID = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")
"""An O*NET content-model element id, such as ``2.A.1.a``."""

LARGEST = 10 ** 9
"""No number O*NET gives is this large (ratings, Job Zones and ranks are small)."""

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
        rows, last = enumerate(self.rows, start=2), 1
        while True:
            try:
                number, row = next(rows)
            except StopIteration:
                return
            except Exception as error:  # whatever the XML parser or openpyxl raise
                raise unreadable(self.path, error, row=last + 1) from None
            last = number
            progress.advance(1, self.path.name)
            if not any(cell is not None for cell in row):
                continue
            record = {name: row[index] if index < len(row) else None
                      for name, index in self.columns.items()}
            for column, value in record.items():
                problem = refuse_control(value) if isinstance(value, str) else None
                if problem is not None:
                    raise DataFileError(self.path, f"row {number}: '{column}': {problem}")
            yield number, record

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
            result = Decimal(str(value))
            if not result.is_finite() or abs(result) >= LARGEST:
                raise InvalidOperation
            return result
        except InvalidOperation:
            raise DataFileError(self.path, f"row {number}: '{column}' is {shown(repr(value))}, not "
                                           f"a number O*NET gives (finite, under {LARGEST:,})") from None

    def code(self, number: int, record: dict[str, Any], column: str = CODE) -> str:
        """An O*NET-SOC code (``15-1252.00``) of a cell that must hold one.

        Parameters
        ----------
        number : int
            The row's number, for the message.
        record : dict
            The row, as :meth:`records` gives it.
        column : str, default :data:`CODE`
            The column.

        Returns
        -------
        str

        Raises
        ------
        DataFileError
            The cell is empty or not an O*NET-SOC code.
        """
        text = self.text(number, record, column)
        if not SOC_CODE.match(text):
            raise DataFileError(self.path, f"row {number}: '{column}' is {shown(repr(text))}, not "
                                           "an O*NET-SOC code (such as 15-1252.00)")
        return text

    def element(self, number: int, record: dict[str, Any]) -> str:
        """The content-model element id (``2.A.1.a``) of the row's ``Element ID`` cell.

        Parameters
        ----------
        number : int
            The row's number, for the message.
        record : dict
            The row, as :meth:`records` gives it.

        Returns
        -------
        str

        Raises
        ------
        DataFileError
            The cell is empty or not an element id.
        """
        text = self.text(number, record, "Element ID")
        if not ELEMENT_ID.match(text):
            raise DataFileError(self.path, f"row {number}: 'Element ID' is {shown(repr(text))}, "
                                           "not an O*NET element id (such as 2.A.1.a)")
        return text

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
    workbook = None
    try:
        workbook = openpyxl.load_workbook(files.workbook_source(name), read_only=True,
                                          data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, IndexError) as error:
        _close(workbook)
        raise DataFileError(path, f"not an Excel workbook (.xlsx): {shown(error, 200)}") from None
    except Exception as error:  # whatever the XML parser or openpyxl raise
        _close(workbook)
        raise unreadable(path, error) from None
    missing = [name for name in columns if name not in header]
    if missing:
        workbook.close()
        raise DataFileError(path, f"no column {', '.join(repr(m) for m in missing)} in the "
                                  f"first row; is this an O*NET file?", line=1)
    total = max((sheet.max_row or 1) - 1, 0)
    return Sheet(path, workbook, rows, {name: header.index(name) for name in columns}, total)


def unreadable(path: Path, error: BaseException, row: int | None = None) -> DataFileError:
    """The error for a workbook whose XML cannot be read: broken, an entity bomb, a DTD, ...

    Parameters
    ----------
    path : Path
        The workbook, as messages name it.
    error : Exception
        What reading it raised (openpyxl wraps the XML parser's error: the
        chain of causes is searched).
    row : int, optional
        The row being read, when it was one.

    Returns
    -------
    DataFileError
        For the caller to raise.

    Examples
    --------
    >>> from xml.etree.ElementTree import ParseError
    >>> str(unreadable(Path("Skills.xlsx"), ParseError("mismatched tag: line 1, column 5"), row=3))
    'Skills.xlsx: row 3: a damaged workbook: its XML cannot be read (mismatched tag: line 1, column 5)'
    """
    chain, cause = [], error
    while cause is not None and len(chain) < 20:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    where = f"row {row}: " if row is not None else ""
    for link in chain:
        kind, detail = type(link).__name__, shown(link, 200)
        if kind in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden") or \
                "amplification" in detail:
            return DataFileError(path, f"{where}a workbook whose XML declares entities or a DTD (an "
                                       "XML bomb?); careergraph refuses them")
        if kind == "ParseError":
            return DataFileError(path, f"{where}a damaged workbook: its XML cannot be read ({detail})")
    return DataFileError(path, f"{where}a damaged workbook: {type(error).__name__}: "
                               f"{shown(error, 200)}")


def _close(workbook: Any) -> None:
    """Close a workbook that was opened, if it was."""
    if workbook is not None:
        workbook.close()


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
