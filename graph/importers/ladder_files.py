"""Read a company ladder from YAML or from a folder of CSV tables, remembering where each value stands.

Both forms give the same *document*
(:class:`~careergraph.importers.ladder_document.LadderDocument`): a dict
shaped as ``ontology/schemas/ladder.schema.json`` describes (``ladder``,
``roles`` with their ``requirements``, ``responsibilities``, ``experience``
and ``span_of_control``, ``skills``, ``moves``, ``mappings``), and, for
every part of it, the place it was written (file and line, or file and
row), so that an error names the file, the line or row, and the field.
:func:`read_document` picks the form:

- a ``.yaml`` / ``.yml`` file: :mod:`careergraph.importers.ladder_yaml`;
- a folder of CSV tables (``ladder.csv``, ``roles.csv``, ``skills.csv``,
  ``requirements.csv``, ``responsibilities.csv``, ``moves.csv``, and for the
  ladder's own levels and facts ``prefixes.csv``, ``scale.csv``,
  ``grades.csv``, ``bands.csv``, ``experience.csv``, ``spans.csv``,
  ``mappings.csv``): :mod:`careergraph.importers.ladder_csv`, which
  describes the tables.

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

from pathlib import Path

from careergraph.errors import LadderError
from careergraph.importers.ladder_csv import TABLES, read_csv_folder
from careergraph.importers.ladder_document import LadderDocument, Path_, Place, read_text
from careergraph.importers.ladder_yaml import read_yaml

__all__ = ["TABLES", "LadderDocument", "LadderError", "Path_", "Place", "read_csv_folder",
           "read_document", "read_text", "read_yaml"]


def read_document(path: str | Path, *, name: str | None = None) -> LadderDocument:
    """Read a ladder: a ``.yaml`` / ``.yml`` file, or a folder of CSV tables.

    Parameters
    ----------
    path : str or Path
        The file or folder.
    name : str, optional
        How to name it in errors and provenance (default: the path).

    Returns
    -------
    LadderDocument
        Not yet checked against the schema (see
        :func:`careergraph.importers.ladder_schema.check_document`).

    Raises
    ------
    LadderError
        When the file cannot be read, is not valid YAML (with its line), or a
        CSV table lacks a column, has an unknown one, or is missing.

    Examples
    --------
    >>> read_document("/nowhere/acme.yaml", name="acme.yaml")
    Traceback (most recent call last):
    ...
    careergraph.errors.LadderError: acme.yaml: no such file or folder
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
