"""Read a company ladder from YAML or from a folder of CSV tables, remembering where each value stands.

Both forms give the same *document*: a dict shaped as
``ontology/schemas/ladder.schema.json`` describes (``ladder``, ``roles`` with
their ``requirements`` and ``responsibilities``, ``skills``, ``moves``), and,
for every part of it, the place it was written (file and line, or file and
row), so that an error names the file, the line or row, and the field.

The CSV form is one file per table, as a spreadsheet with one sheet per table
exports it (the first row of each is the header; a column ``notes`` is
ignored everywhere; an empty cell is an absent value; lists, such as
``alt_titles``, are separated by ``;``)::

    ladder.csv            id, title [, namespace, description, source, extends]   (one row)
    roles.csv             id, title, seniority, track [, alt_titles, reports_to, definition]
    skills.csv            id, name, category [, alt_names, definition]
    requirements.csv      role, skill, proficiency, importance
    responsibilities.csv  role, title [, definition]
    moves.csv             from, to, kind

``ladder.csv`` and ``roles.csv`` are required, the others optional. Rows of
``requirements.csv`` and ``responsibilities.csv`` join their role in
``roles.csv`` by its id; a row whose role is ``prefix:name`` (such as
``pm:vp-of-product``) adds to a built-in role.

Examples
--------
>>> from careergraph.resources import example_path
>>> document = read_document(example_path("acme-ladder-csv"), name="acme-ladder-csv")
>>> document.data["roles"][0]["title"], document.data["roles"][0]["seniority"]
('Product Analyst', 1)
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
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careergraph.errors import DataFileError

Path_ = tuple[Any, ...]
"""Where a value stands in the document: keys and list indexes, such as ``("roles", 2, "title")``."""

LIST_SEPARATOR = ";"
"""What separates the items of a list in a CSV cell (``alt_titles``, ``alt_names``)."""


@dataclass(frozen=True)
class Table:
    """One CSV table of a ladder folder: its required and optional columns."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.required, *self.optional, "notes")


TABLES: dict[str, Table] = {
    "ladder.csv": Table(("id", "title"), ("namespace", "description", "source", "extends")),
    "roles.csv": Table(("id", "title", "seniority", "track"),
                       ("alt_titles", "reports_to", "definition"),
                       lists=("alt_titles",), numbers=("seniority",)),
    "skills.csv": Table(("id", "name", "category"), ("alt_names", "definition"),
                        lists=("alt_names",)),
    "requirements.csv": Table(("role", "skill", "proficiency", "importance"),
                              numbers=("proficiency",)),
    "responsibilities.csv": Table(("role", "title"), ("definition",)),
    "moves.csv": Table(("from", "to", "kind")),
}
"""The tables of a ladder folder, in the order they are read."""

REQUIRED_TABLES = ("ladder.csv", "roles.csv")

_NESTED = ("requirements", "responsibilities")
_INTEGER = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class Place:
    """Where something is written: a line of a YAML file or a row of a CSV table.

    Examples
    --------
    >>> str(Place("acme/roles.csv", 3, "row")), Place("acme/roles.csv", 3, "row").slug
    ('acme/roles.csv, row 3', 'roles-row-3')
    """

    file: str
    number: int
    unit: str = "line"

    def __str__(self) -> str:
        return f"{self.file}, {self.unit} {self.number}"

    @property
    def slug(self) -> str:
        """A name for the place that can end an IRI: ``line-24``, ``roles-row-3``."""
        table = Path(self.file).stem if self.unit == "row" else ""
        return f"{table}-{self.unit}-{self.number}".lstrip("-")


class LadderError(DataFileError):
    """A mistake in a ladder file, naming the file, the line or row, and the field.

    Examples
    --------
    >>> str(LadderError("acme.yaml", "'three' is not a whole number",
    ...                 place=Place("acme.yaml", 12), field="seniority"))
    "acme.yaml, line 12, field 'seniority': 'three' is not a whole number"
    >>> str(LadderError("acme", "no ladder.csv in the folder"))
    'acme: no ladder.csv in the folder'
    """

    def __init__(self, file: str, reason: str, *, place: Place | None = None,
                 field: str | None = None) -> None:
        super().__init__(place.file if place else file, reason,
                         line=place.number if place else None)
        self.place = place
        self.field = field
        where = str(place) if place else self.path
        if field:
            where += f", field '{field}'"
        self.args = (f"{where}: {self.reason}",)

    def __str__(self) -> str:
        return self.args[0]


@dataclass
class LadderDocument:
    """A ladder as read from its file(s), before it is checked and converted.

    Attributes
    ----------
    data : dict
        The document, shaped as the ladder schema describes.
    name : str
        The file or folder as the user named it.
    form : str
        ``"yaml"`` or ``"csv"``.
    places : dict
        Path in the document -> :class:`Place` where it was written.
    quotes : dict
        Path of an entry (a role, skill, requirement, ...) -> its text as written.
    """

    data: dict[str, Any]
    name: str
    form: str
    places: dict[Path_, Place] = field(default_factory=dict)
    quotes: dict[Path_, str] = field(default_factory=dict)

    def place(self, path: Path_) -> Place | None:
        """The place of ``path``, or of the closest enclosing part of the document."""
        for end in range(len(path), -1, -1):
            found = self.places.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    def quote(self, path: Path_) -> str:
        """The text of the entry at ``path`` as the file has it."""
        return self.quotes.get(tuple(path), "")

    def error(self, path: Path_, reason: str, field: str | None = None) -> LadderError:
        """A :class:`LadderError` at ``path``; the field is the last key of the path unless given."""
        if field is None:
            keys = [part for part in path if isinstance(part, str)]
            field = keys[-1] if keys and len(path) > 1 else None
        return LadderError(self.name, reason, place=self.place(path), field=field)


def read_document(path: str | Path, *, name: str | None = None) -> LadderDocument:
    """Read a ladder: a ``.yaml`` / ``.yml`` file, or a folder of CSV tables.

    Raises
    ------
    LadderError
        When the file cannot be read, is not valid YAML (with its line), or a
        CSV table lacks a column, has an unknown one, or is missing.
    """
    path = Path(path)
    name = (name or str(path)).rstrip("/") or str(path)
    if not path.exists():
        raise LadderError(name, "no such file or folder")
    if path.is_dir():
        return read_csv_folder(path, name)
    if path.suffix.lower() in (".yaml", ".yml"):
        return read_yaml(path, name)
    raise LadderError(name, "a ladder is a .yaml file or a folder of CSV tables "
                            f"({', '.join(TABLES)})")


def read_text(path: Path, name: str) -> str:
    """The UTF-8 text of a file (a byte-order mark is dropped), or a LadderError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LadderError(name, error.strerror or str(error)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise LadderError(name, f"not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                                "save it as UTF-8", place=Place(name, line)) from None


# --- YAML ---------------------------------------------------------------------

def read_yaml(path: Path, name: str) -> LadderDocument:
    """Read the YAML form, with the line of every value and the text of every entry."""
    import yaml

    text = read_text(path, name)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        _refuse_alias_bomb(root, name)
        data = yaml.safe_load(text)
    except RecursionError:
        raise LadderError(name, "not valid YAML: nested too deeply to read") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cannot read"
        place = Place(name, mark.line + 1) if mark is not None else None
        raise LadderError(name, f"not valid YAML: {problem}", place=place) from None
    except yaml.YAMLError as error:
        raise LadderError(name, f"not valid YAML: {' '.join(str(error).split())}") from None
    if not isinstance(data, dict):
        raise LadderError(name, "a ladder file is a mapping with 'ladder' and 'roles' "
                                "(and 'skills', 'moves')", place=Place(name, 1))
    document = LadderDocument(data, name, "yaml")
    lines = text.splitlines()
    _locate(document, root, (), lines)
    return document


MAX_ALIAS_VALUES = 100_000
"""How many values the aliases (``*name``) of a YAML ladder may add when expanded."""


def _refuse_alias_bomb(root: Any, name: str) -> None:
    """Refuse YAML whose aliases expand to a huge document (a "billion laughs" file).

    PyYAML shares an aliased value rather than copying it, but everything
    that walks the document (the checks, the conversion) meets each alias
    again, so nine aliases of nine aliases of ... take forever. The walk here
    stops once the aliases have added :data:`MAX_ALIAS_VALUES` values.

    Examples
    --------
    >>> import yaml
    >>> bomb = "a: &a [x, x, x]\\nb: &b [*a, *a, *a]\\nc: [*b, *b, *b]"
    >>> _refuse_alias_bomb(yaml.compose(bomb), "bomb.yaml")  # small: allowed
    >>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\\n" for p, n in zip("abcde", "bcdef"))
    >>> _refuse_alias_bomb(yaml.compose(bomb), "bomb.yaml")
    Traceback (most recent call last):
    ...
    careergraph.importers.ladder_files.LadderError: bomb.yaml: its aliases (*name) expand to over 100,000 values;
        write the values out instead
    """
    distinct: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None or id(node) in distinct:
            continue
        distinct.add(id(node))
        stack.extend(_children(node))
    limit = len(distinct) + MAX_ALIAS_VALUES
    seen, stack = 0, [root]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > limit:
            raise LadderError(name, f"its aliases (*name) expand to over {MAX_ALIAS_VALUES:,} "
                                    "values; write the values out instead")
        stack.extend(_children(node))


def _children(node: Any) -> list[Any]:
    """The nodes directly below a composed YAML node (keys and values of a mapping)."""
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    return [part for item in value for part in (item if isinstance(item, tuple) else (item,))]


def _locate(document: LadderDocument, node: Any, path: Path_, lines: list[str]) -> None:
    """Record the line of each node below ``node``, the text of each entry, and refuse duplicate keys."""
    import yaml

    document.places[path] = Place(document.name, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value
            if name in seen:
                raise LadderError(document.name, f"the key '{name}' appears twice in one mapping "
                                                 f"(first at line {seen[name]})",
                                  place=Place(document.name, key.start_mark.line + 1), field=name)
            seen[name] = key.start_mark.line + 1
            _locate(document, value, (*path, name), lines)
            document.places[(*path, name)] = Place(document.name, key.start_mark.line + 1)
        if _is_entry(path):
            document.quotes[path] = _entry_text(node, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(document, item, (*path, index), lines)
    elif _is_entry(path):
        document.quotes[path] = lines[node.start_mark.line].strip().removeprefix("- ")


def _is_entry(path: Path_) -> bool:
    """Whether ``path`` is an entry that becomes a node: the ladder, a role, a skill, ..."""
    return (path == ("ladder",) or (len(path) == 2 and path[0] in ("roles", "skills", "moves"))
            or (len(path) == 4 and path[0] == "roles" and path[2] in _NESTED))


def _entry_text(node: Any, lines: list[str]) -> str:
    """The lines of a mapping, without its nested requirements and responsibilities."""
    numbers: set[int] = set()
    for key, value in node.value:
        if key.value in _NESTED:
            continue
        end = value.end_mark.line - (1 if value.end_mark.column == 0 else 0)
        numbers.update(range(key.start_mark.line, max(end, key.start_mark.line) + 1))
    text = "\n".join(lines[n] for n in sorted(numbers) if n < len(lines))
    first = lines[node.start_mark.line]
    if first.lstrip().startswith("- "):  # the entry's dash stands before its first key
        text = text.replace("- ", "  ", 1)
    return textwrap.dedent(text).strip()


# --- CSV ----------------------------------------------------------------------

def read_csv_folder(path: Path, name: str) -> LadderDocument:
    """Read the CSV form: one table per file, joined into the document the YAML form gives."""
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect)
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
            values = {column: _cell(cell, column, table)
                      for column, cell in zip(header, cells)
                      if cell.strip() and column != "notes"}
            rows.append((place, "\n".join(lines[first_line:last_line]).strip(), values))
    except csv.Error as error:
        raise LadderError(file, f"not valid CSV: {error}",
                          place=Place(file, number, "row")) from None
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
    if column in table.numbers and _INTEGER.match(value):
        return int(value)
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
    for nested, file_name in (("requirements", "requirements.csv"),
                              ("responsibilities", "responsibilities.csv")):
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
