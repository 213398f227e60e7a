"""A ladder as read, before it is checked: its data and where each part of it was written.

Both forms of a ladder (YAML, :mod:`careergraph.importers.ladder_yaml`; CSV
tables, :mod:`careergraph.importers.ladder_csv`) give a
:class:`LadderDocument`: a dict shaped as
``ontology/schemas/ladder.schema.json`` describes, and for every part of it
the :class:`Place` it was written (file and line, or file and row), so that
an error names the file, the line or row, and the field.

Examples
--------
>>> document = LadderDocument({"roles": [{"id": "pm"}]}, "acme.yaml", "yaml",
...                           places={("roles", 0): Place("acme.yaml", 7)})
>>> str(document.place(("roles", 0, "title")))
'acme.yaml, line 7'
>>> str(document.error(("roles", 0, "title"), "missing"))
"acme.yaml, line 7, field 'title': missing"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careergraph.errors import LadderError

Path_ = tuple[Any, ...]
"""Where a value stands in the document: keys and list indexes, such as ``("roles", 2, "title")``."""

NESTED = ("requirements", "responsibilities", "experience", "span_of_control")
"""The lists a role holds entries in (written inside the role in YAML, as tables of their own in CSV)."""

LADDER_LISTS = ("grades", "bands")
"""The lists of the ladder's own levels (``ladder.grades``, ``ladder.bands``), each entry a node."""


@dataclass(frozen=True)
class Place:
    """Where something is written: a line of a YAML file or a row of a CSV table.

    Parameters
    ----------
    file : str
        The file, as messages name it.
    number : int
        The line or row, counting from 1.
    unit : str, default "line"
        ``"line"`` or ``"row"``.

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


@dataclass
class LadderDocument:
    """A ladder as read from its file(s), before it is checked and converted.

    Parameters
    ----------
    data : dict
        The document, shaped as the ladder schema describes.
    name : str
        The file or folder as the user named it.
    form : str
        ``"yaml"`` or ``"csv"``.
    places : dict, optional
        Path in the document -> :class:`Place` where it was written.
    quotes : dict, optional
        Path of an entry (a role, skill, requirement, ...) -> its text as written.
    """

    data: dict[str, Any]
    name: str
    form: str
    places: dict[Path_, Place] = field(default_factory=dict)
    quotes: dict[Path_, str] = field(default_factory=dict)

    def place(self, path: Path_) -> Place | None:
        """The place of ``path``, or of the closest enclosing part of the document.

        Parameters
        ----------
        path : tuple
            Keys and list indexes, such as ``("roles", 2, "title")``.

        Returns
        -------
        Place or None
            None when not even the document's top has a place.
        """
        for end in range(len(path), -1, -1):
            found = self.places.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    def quote(self, path: Path_) -> str:
        """The text of the entry at ``path`` as the file has it.

        Parameters
        ----------
        path : tuple
            The path of an entry: the ladder, a role, a skill, a move, or a
            requirement or responsibility of a role.

        Returns
        -------
        str
            Empty when ``path`` is not an entry.
        """
        return self.quotes.get(tuple(path), "")

    def error(self, path: Path_, reason: str, field: str | None = None) -> LadderError:
        """A :class:`~careergraph.errors.LadderError` about the value at ``path``.

        Parameters
        ----------
        path : tuple
            Where the mistake is.
        reason : str
            What is wrong.
        field : str, optional
            The field to name; by default the last key of ``path`` (none for
            a whole top-level part).

        Returns
        -------
        LadderError
            For the caller to raise.
        """
        if field is None:
            keys = [part for part in path if isinstance(part, str)]
            field = keys[-1] if keys and len(path) > 1 else None
        return LadderError(self.name, reason, place=self.place(path), field=field)


def read_text(path: Path, name: str) -> str:
    """The UTF-8 text of a file, a byte-order mark dropped.

    Parameters
    ----------
    path : Path
        The file.
    name : str
        How to name it in errors.

    Returns
    -------
    str

    Raises
    ------
    LadderError
        The file cannot be read, or is not UTF-8 (the line of the first bad byte is named).
    """
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
