"""Where the ontology files are: the only module that knows the ``ontology/`` folder.

The folder is installed as the package ``careergraph.ontology``, so the files
are found the same way from a source checkout, an editable install and a
wheel, from any working directory.

Examples
--------
>>> tbox_path().name
'careergraph.ttl'
>>> [p.name for p in builtin_data_paths()]
['careergraph.ttl', 'product-management.ttl']
>>> schema_path("ladder").name
'ladder.schema.json'
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def ontology_dir() -> Path:
    """The folder holding the ontology, ladders, shapes and SPARQL files.

    Found by the import system (``importlib.util.find_spec``, as
    ``importlib.resources`` would find it, without importing that and the
    ``zipfile`` and ``tempfile`` it brings: a command's start is quicker).

    Returns
    -------
    Path
        The folder of the installed package ``careergraph.ontology``.
    """
    spec = importlib.util.find_spec("careergraph.ontology")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a broken install
        raise ModuleNotFoundError("careergraph's data (the package careergraph.ontology) is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def tbox_path() -> Path:
    """The careergraph ontology (TBox) in Turtle.

    Returns
    -------
    Path
        ``careergraph.ttl`` of :func:`ontology_dir`.
    """
    return ontology_dir() / "careergraph.ttl"


def ladder_paths() -> list[Path]:
    """The built-in ladders, in name order.

    Returns
    -------
    list of Path
        The Turtle files of ``ladders/``.
    """
    return sorted((ontology_dir() / "ladders").glob("*.ttl"))


def builtin_data_paths() -> list[Path]:
    """The files of the built-in graph: the TBox first, then every ladder.

    Returns
    -------
    list of Path
        The files, in the order they are loaded.
    """
    return [tbox_path(), *ladder_paths()]


def shapes_paths() -> list[Path]:
    """The SHACL shapes files.

    Returns
    -------
    list of Path
        The Turtle files of ``shapes/``, in name order.
    """
    return sorted((ontology_dir() / "shapes").glob("*.ttl"))


def qc_query_paths() -> list[Path]:
    """The quality-control queries; any row one of them returns is a violation.

    Returns
    -------
    list of Path
        The ``qc/*-violation.rq`` files, in name order.
    """
    return sorted((ontology_dir() / "qc").glob("*-violation.rq"))


def named_query_paths() -> list[Path]:
    """The named SPARQL queries users run by name.

    Returns
    -------
    list of Path
        The ``queries/*.rq`` files, in name order.
    """
    return sorted((ontology_dir() / "queries").glob("*.rq"))


def schema_path(name: str) -> Path:
    """The JSON Schema ``ontology/schemas/NAME.schema.json``.

    Parameters
    ----------
    name : str
        The schema's name, such as ``"ladder"``.

    Returns
    -------
    Path
        The schema file (which may not exist for an unknown name).
    """
    return ontology_dir() / "schemas" / f"{name}.schema.json"


def example_path(name: str) -> Path:
    """An example file of ``ontology/examples/``.

    Parameters
    ----------
    name : str
        The file's name, such as ``"acme-ladder.yaml"``.

    Returns
    -------
    Path
        The file (which may not exist for an unknown name).

    Examples
    --------
    >>> example_path("acme-ladder.yaml").is_file()
    True
    """
    return ontology_dir() / "examples" / name
