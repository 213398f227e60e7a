"""Read the CSV form of a company ladder: one table per file, joined into one document.

The form is one file per table, as a spreadsheet with one sheet per table
exports it (the first row of each is the header; a column ``notes`` is
ignored everywhere; an empty cell is an absent value; lists, such as
``alt_titles``, are separated by ``;``)::

    ladder.csv            id, title [, namespace, description, source, extends, scale,
                          scale_definition]                              (one row)
    roles.csv             id, title, seniority, track [, alt_titles, reports_to, definition,
                          grade, band, source]
    skills.csv            id, name, category [, alt_names, definition]
    requirements.csv      role, skill, proficiency, importance [, source]
    responsibilities.csv  role, title [, definition, source]
    moves.csv             to, kind [, from, source]     (from: empty for an entry)
    prefixes.csv          prefix, namespace
    scale.csv             name, common [, order, notation, definition]   (ladder.csv's scale: its title)
    grades.csv            code [, title, definition]                     (lowest first)
    bands.csv             name [, definition]                            (lowest first)
    experience.csv        role [, min, typical, max, source]
    spans.csv             role [, min, max, note, source]
    mappings.csv          role, relation, to [, source]

``ladder.csv`` and ``roles.csv`` are required, the others optional. Rows of
``requirements.csv``, ``responsibilities.csv``, ``experience.csv`` and
``spans.csv`` join their role in ``roles.csv`` by its id; a row whose role
is ``prefix:name`` (such as ``pm:vp-of-product``) adds to a built-in role.
The lists ``alt_titles``, ``alt_names``, ``reports_to``, ``grade`` and
``source`` hold several values separated by ``;``.

Examples
--------
>>> from careergraph.resources import example_path
>>> document = read_csv_folder(example_path("acme-ladder-csv"), "acme-ladder-csv")
>>> str(document.place(("roles", 0, "seniority")))
'acme-ladder-csv/roles.csv, row 2'
>>> print(document.quote(("roles", 0, "requirements", 1)))
product-analyst,sql,practitioner,core
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from careergraph.errors import LadderError
from careergraph.importers.ladder_document import LadderDocument, Path_, Place, read_text
from careergraph.importers.release import csv_problem
from careergraph.yaml_safe import MAX_DIGITS, refuse_control

LIST_SEPARATOR = ";"
"""What separates the items of a list in a CSV cell (``alt_titles``, ``alt_names``)."""


@dataclass(frozen=True)
class Table:
    """One CSV table of a ladder folder: its columns, and how to read their cells.

    Parameters
    ----------
    required : tuple of str
        The columns the header must have.
    optional : tuple of str, optional
        The columns it may have besides (and ``notes``, always ignored).
    lists : tuple of str, optional
        The columns whose cells are lists separated by :data:`LIST_SEPARATOR`.
    numbers : tuple of str, optional
        The columns whose whole-number cells become integers (others stay
        text, for the schema check to name).
    decimals : tuple of str, optional
        The columns whose decimal-number cells (``2``, ``2.5``) become numbers.
    """

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    decimals: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the table may have: required, optional and ``notes``."""
        return (*self.required, *self.optional, "notes")


TABLES: dict[str, Table] = {
    "ladder.csv": Table(("id", "title"), ("namespace", "description", "source", "extends", "scale",
                                          "scale_definition"), lists=("source",)),
    "roles.csv": Table(("id", "title", "seniority", "track"),
                       ("alt_titles", "reports_to", "definition", "grade", "band", "source"),
                       lists=("alt_titles", "reports_to", "grade", "source"), numbers=("seniority",)),
    "skills.csv": Table(("id", "name", "category"), ("alt_names", "definition"),
                        lists=("alt_names",)),
    "requirements.csv": Table(("role", "skill", "proficiency", "importance"), ("source",),
                              lists=("source",), numbers=("proficiency",)),
    "responsibilities.csv": Table(("role", "title"), ("definition", "source"), lists=("source",)),
    "moves.csv": Table(("to", "kind"), ("from", "source"), lists=("source",)),
    "prefixes.csv": Table(("prefix", "namespace")),
    "scale.csv": Table(("name", "common"), ("order", "notation", "definition"),
                       numbers=("common", "order")),
    "grades.csv": Table(("code",), ("title", "definition")),
    "bands.csv": Table(("name",), ("definition",)),
    "experience.csv": Table(("role",), ("min", "typical", "max", "source"), lists=("source",),
                            decimals=("min", "typical", "max")),
    "spans.csv": Table(("role",), ("min", "max", "note", "source"), lists=("source",),
                       numbers=("min", "max")),
    "mappings.csv": Table(("role", "relation", "to"), ("source",), lists=("source",)),
}
"""The tables of a ladder folder, in the order they are read."""

REQUIRED_TABLES = ("ladder.csv", "roles.csv")
"""The tables a ladder folder must have."""

_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_NESTED_TABLES = (("requirements", "requirements.csv"), ("responsibilities", "responsibilities.csv"),
                  ("experience", "experience.csv"), ("span_of_control", "spans.csv"))


def read_csv_folder(path: Path, name: str) -> LadderDocument:
    """Read the CSV form: one table per file, joined into the document the YAML form gives.

    Parameters
    ----------
    path : Path
        The folder of tables.
    name : str
        How to name it in errors and provenance.

    Returns
    -------
    LadderDocument

    Raises
    ------
    LadderError
        A table is missing or unknown, is not UTF-8 CSV, lacks a column or
        has an unknown one, has more cells than columns, or a row names a
        role that ``roles.csv`` does not have.
    """
    present = {p.name: p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"}
    for file_name in sorted(present):
        if file_name not in TABLES:
            close = difflib.get_close_matches(file_name, TABLES, n=1)
            hint = f"did you mean {close[0]}?" if close else f"the tables are {', '.join(TABLES)}"
            raise LadderError(f"{name}/{file_name}", f"not a table of a ladder folder; {hint}")
    for required in REQUIRED_TABLES:
        if required not in present:
            raise LadderError(name, f"no {required} in the folder; a ladder folder holds "
                                    f"{', '.join(TABLES)} (the first two required)")
    document = LadderDocument({}, name, "csv")
    tables = {file_name: _read_table(present[file_name], f"{name}/{file_name}", TABLES[file_name])
              for file_name in TABLES if file_name in present}
    _join(document, tables)
    return document


Row = tuple[Place, str, dict[str, Any]]
"""A row of a table: where it is, its text as written, its non-empty cells."""


def _read_table(path: Path, file: str, table: Table) -> list[Row]:
    text = read_text(path, file)
    lines = text.splitlines()
    dialect = ";" if lines and "," not in lines[0] and ";" in lines[0] else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise LadderError(file, "is empty; the first row names the columns: "
                                f"{', '.join(table.required)}") from None
    except csv.Error as error:
        raise LadderError(file, f"not valid CSV: {error}", place=Place(file, 1, "row")) from None
    _check_header(file, header, table)
    rows: list[Row] = []
    number, last_line = 1, reader.line_num
    try:
        for cells in reader:
            number += 1
            first_line, last_line = last_line, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            place = Place(file, number, "row")
            if len(cells) > len(header):
                raise LadderError(file, f"{len(cells)} cells but {len(header)} columns",
                                  place=place)
            for column, cell in zip(header, cells):
                problem = refuse_control(cell)
                if problem is not None:
                    raise LadderError(file, problem, place=place, field=column)
            values = {column: _cell(cell, column, table)
                      for column, cell in zip(header, cells)
                      if cell.strip() and column != "notes"}
            rows.append((place, "\n".join(lines[first_line:last_line]).strip(), values))
    except csv.Error as error:
        raise LadderError(file, f"not valid CSV: {csv_problem(error, last_line + 1)}",
                          place=Place(file, number + 1, "row")) from None
    return rows


def _check_header(file: str, header: list[str], table: Table) -> None:
    place = Place(file, 1, "row")
    for column in header:
        if not column:
            raise LadderError(file, "a column has no name", place=place)
        if header.count(column) > 1:
            raise LadderError(file, "the column appears twice", place=place, field=column)
        if column not in table.columns:
            close = difflib.get_close_matches(column, table.columns, n=1)
            hint = f"did you mean {close[0]}?" if close else f"the columns are {', '.join(table.columns)}"
            raise LadderError(file, f"unknown column; {hint}", place=place, field=column)
    for column in table.required:
        if column not in header:
            raise LadderError(file, f"missing column (the header has {', '.join(header)})",
                              place=place, field=column)


def _cell(cell: str, column: str, table: Table) -> Any:
    value = cell.strip()
    if column in table.lists:
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    if column in table.numbers and _INTEGER.match(value) and len(value) <= MAX_DIGITS:
        return int(value)
    if column in table.decimals and _DECIMAL.match(value) and len(value) <= MAX_DIGITS:
        return Decimal(value)
    return value


def _join(document: LadderDocument, tables: dict[str, list[Row]]) -> None:
    """Build the document from the tables, nesting requirements and responsibilities in their roles."""
    data = document.data
    ladder_rows = tables["ladder.csv"]
    if len(ladder_rows) != 1:
        raise LadderError(f"{document.name}/ladder.csv",
                          f"has {len(ladder_rows)} rows under the header; it needs exactly one")
    _put(document, ("ladder",), ladder_rows[0])
    for section, file_name in (("roles", "roles.csv"), ("skills", "skills.csv"),
                               ("moves", "moves.csv")):
        if file_name in tables or section == "roles":
            data[section] = []
            for row in tables.get(file_name, []):
                _put(document, (section, len(data[section])), row)
    by_id: dict[Any, int] = {}
    for index, role in enumerate(data["roles"]):
        if role.get("id") in by_id:  # before requirements join roles by id
            first = document.places[("roles", by_id[role["id"]])]
            raise document.error(("roles", index, "id"), f"duplicate role id '{role['id']}' "
                                                         f"(first at row {first.number})")
        by_id[role.get("id")] = index
    _join_levels(document, tables)
    for nested, file_name in _NESTED_TABLES:
        for place, text, values in tables.get(file_name, []):
            role = values.pop("role", None)
            index = by_id.get(role)
            if index is None and isinstance(role, str) and ":" in role:  # adds to a built-in role
                index = by_id[role] = len(data["roles"])
                _put(document, ("roles", index), (place, text, {"id": role}))
            if index is None:
                close = difflib.get_close_matches(str(role), [r for r in by_id if r], n=1)
                hint = f"did you mean {close[0]}?" if close else \
                    "give the id of a role of roles.csv, or prefix:name of a built-in role"
                raise LadderError(document.name, f"unknown role '{role}'; {hint}",
                                  place=place, field="role")
            items = data["roles"][index].setdefault(nested, [])
            _put(document, ("roles", index, nested, len(items)), (place, text, values), items)


def _join_levels(document: LadderDocument, tables: dict[str, list[Row]]) -> None:
    """Put prefixes, scale levels, grades, bands (in the ladder) and mappings into the document."""
    ladder = document.data["ladder"]
    if "prefixes.csv" in tables:
        ladder["prefixes"] = {}
        for place, text, values in tables["prefixes.csv"]:
            prefix = str(values.get("prefix", ""))
            if prefix in ladder["prefixes"]:
                raise LadderError(document.name, f"the prefix '{prefix}' is given twice",
                                  place=place, field="prefix")
            _put(document, ("ladder", "prefixes", prefix), (place, text, values.get("namespace")))
    title, definition = ladder.pop("scale", None), ladder.pop("scale_definition", None)
    if "scale.csv" in tables or title is not None or definition is not None:
        if title is None or not tables.get("scale.csv"):
            where = "ladder.csv has no scale (the scale's title)" if title is None else \
                "ladder.csv names a scale but no scale.csv gives its levels"
            raise document.error(("ladder", "scale"), f"{where}; give both, or neither")
        ladder["scale"] = {"title": title, "levels": []}
        if definition is not None:
            ladder["scale"]["definition"] = definition
        document.places[("ladder", "scale")] = document.places[("ladder",)]
        for row in tables["scale.csv"]:
            _put(document, ("ladder", "scale", "levels", len(ladder["scale"]["levels"])), row)
    for section in ("grades", "bands"):
        if f"{section}.csv" in tables:
            ladder[section] = []
            for row in tables[f"{section}.csv"]:
                _put(document, ("ladder", section, len(ladder[section])), row)
    if "mappings.csv" in tables:
        document.data["mappings"] = []
        for row in tables["mappings.csv"]:
            _put(document, ("mappings", len(document.data["mappings"])), row)


def _put(document: LadderDocument, path: Path_, row: Row, into: list | None = None) -> None:
    place, text, values = row
    if into is not None:
        into.append(values)
    else:
        _set(document.data, path, values)
    document.places[path] = place
    document.quotes[path] = text


def _set(data: dict[str, Any], path: Path_, value: Any) -> None:
    container: Any = data
    for part in path[:-1]:
        container = container[part]
    if isinstance(container, list):
        container.append(value)
    else:
        container[path[-1]] = value
