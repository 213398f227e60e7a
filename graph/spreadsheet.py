"""Spreadsheet-safe CSV: cells a spreadsheet would run as a formula are written as text.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or their full-width
forms), a tab or a carriage return is a formula to Excel, LibreOffice and
Google Sheets, and a formula can run commands or send data away (CSV
injection). As OWASP recommends, such a cell gets a leading ``'``, which
makes it text; a number such as ``-3`` or ``+1.5`` is left as it is.

Used by ``careergraph export --format csv`` (on by default) and ``careergraph
query --format csv --csv-safe``.

Examples
--------
>>> safe_cell("=HYPERLINK(\\"http://evil\\")"), safe_cell("-3"), safe_cell("Product Manager")
('\\'=HYPERLINK("http://evil")', '-3', 'Product Manager')
>>> safe_csv('label,n\\r\\n@SUM(A1),-2\\r\\n')
"label,n\\r\\n'@SUM(A1),-2\\r\\n"
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a cell a spreadsheet runs as a formula starts with (OWASP's list, and the full-width
forms some spreadsheets read alike)."""

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: ``'`` before one that would be.

    Parameters
    ----------
    value : Any
        The cell; anything but a string is returned as it is.

    Returns
    -------
    Any
        The value, a string prefixed with ``'`` when it starts like a formula
        and is not a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows for :class:`csv.DictWriter` with every cell made safe (:func:`safe_cell`).

    Parameters
    ----------
    rows : iterable of mapping
        The rows, by column name.

    Returns
    -------
    list of dict
        The same rows, their cells made safe.
    """
    return [{key: safe_cell(value) for key, value in row.items()} for row in rows]


def safe_csv(text: str) -> str:
    """CSV text with every cell made safe (:func:`safe_cell`), rewritten with CRLF line ends.

    CRLF as RFC 4180 has it: with them :mod:`csv` quotes a cell holding a
    carriage return, which a spreadsheet would otherwise read as a new row.

    Parameters
    ----------
    text : str
        CSV text (RFC 4180, as :mod:`csv` and rdflib write it).

    Returns
    -------
    str
        The same table, rewritten with :mod:`csv`.

    Examples
    --------
    >>> safe_csv('label\\n"a\\rb"\\n')
    'label\\r\\n"a\\rb"\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    rows = csv.reader(io.StringIO(text, newline=""))
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
