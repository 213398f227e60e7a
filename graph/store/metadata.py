"""What makes a folder a careergraph store: the metadata file ``careergraph load`` writes.

A store folder is an ordinary Oxigraph database with one more file,
:data:`METADATA`: the files it was built from, when, by which version, and a
build id (see :mod:`careergraph.load.into_store`, which writes it). This module
only reads it, so that opening a store needs nothing of the loader.

Examples
--------
>>> is_store("/nonexistent")
False
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from careergraph.errors import CareerGraphError

METADATA = "careergraph-store.json"
"""The file that makes a folder a careergraph store."""

MARK = "careergraph-store"
"""The value of the metadata's ``format`` key."""

LAYOUT = 1
"""The version of the store's layout."""


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder written by ``careergraph load``.

    Parameters
    ----------
    path : str or Path
        The folder.

    Returns
    -------
    bool
        True when it holds valid careergraph metadata of this layout.
    """
    try:
        read_metadata(path)
    except CareerGraphError:
        return False
    return True


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The metadata of a careergraph store.

    Parameters
    ----------
    path : str or Path
        The store's folder.

    Returns
    -------
    dict
        What :data:`METADATA` holds: ``layers``, ``files``, ``build_id``, ``triples``...

    Raises
    ------
    CareerGraphError
        When ``path`` is missing or not a careergraph store.

    Examples
    --------
    >>> read_metadata("/nonexistent")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: --store /nonexistent: no such store;
        make one with 'careergraph load FILE... --store /nonexistent'
    """
    path = Path(path)
    if not path.exists():
        raise CareerGraphError(f"--store {path}: no such store; make one with "
                               f"'careergraph load FILE... --store {path}'")
    try:
        data = json.loads((path / METADATA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("format") != MARK:
        raise CareerGraphError(f"--store {path}: not a careergraph store (it has no valid "
                               f"{METADATA}); make one with 'careergraph load FILE... --store PATH'")
    if data.get("layout") != LAYOUT:
        raise CareerGraphError(f"--store {path}: made by another version of careergraph "
                               f"(layout {data.get('layout')}); load it again")
    return data
