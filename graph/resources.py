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

from importlib import resources
from pathlib import Path


def ontology_dir() -> Path:
    """The folder holding the ontology, ladders, shapes and SPARQL files.

    Returns
    -------
    Path
        The folder of the installed package ``careergraph.ontology``.
    """
    return Path(str(resources.files("careergraph.ontology")))


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
