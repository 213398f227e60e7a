"""What makes a folder a careergraph store: the metadata file ``careergraph load`` writes.

A store folder is an ordinary Oxigraph database with one more file,
:data:`METADATA`: the files it was built from, when, by which version, a
build id (see :mod:`careergraph.load.into_store`, which writes it), and
``title_index``, the format, named graph and triple count of the title index
the store keeps (:mod:`careergraph.title_lookup`; a store without one, made by
an older version, is served by the full index). This module only reads it, so
that opening a store needs nothing of the loader.

Examples
--------
>>> is_store("/nonexistent")
False
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from careergraph.errors import CareerGraphError

METADATA = "careergraph-store.json"
"""The file that makes a folder a careergraph store."""

MARK = "careergraph-store"
"""The value of the metadata's ``format`` key."""

LAYOUT = 1
"""The version of the store's layout."""

MAX_BYTES = 16 * 1024 * 1024
"""The largest metadata file read (one written by ``careergraph load`` is a few KB a file)."""

_LAYER_KEYS = {"name": str, "builtin": bool, "triples": int}


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
    if not path.is_dir():
        raise CareerGraphError(f"--store {path}: not a careergraph store (a file, not a folder); "
                               "make one with 'careergraph load FILE... --store PATH'")
    data = _read_json(path / METADATA)
    if not isinstance(data, dict) or data.get("format") != MARK:
        raise CareerGraphError(f"--store {path}: not a careergraph store (it has no valid "
                               f"{METADATA}); make one with 'careergraph load FILE... --store PATH'")
    if data.get("layout") != LAYOUT:
        raise CareerGraphError(f"--store {path}: made by another version of careergraph "
                               f"(layout {str(data.get('layout'))[:20]}); load it again")
    problem = _problem(data)
    if problem:
        raise CareerGraphError(f"--store {path}: the store is damaged: its {METADATA} {problem}; "
                               f"load it again with 'careergraph load FILE... --store {path}'")
    return data


def _read_json(file: Path) -> Any:
    """The JSON value of ``file``, or None when it is not a readable regular file of JSON.

    Opened without blocking, so a FIFO in its place does not hang; larger than
    :data:`MAX_BYTES`, not UTF-8, not JSON or nested too deep: None.
    """
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        with open(fd, "rb", closefd=False) as handle:
            return json.loads(handle.read(MAX_BYTES + 1).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)


def _problem(data: dict[str, Any]) -> str | None:
    """What is wrong with the fields careergraph uses, in a few words; None when nothing is."""
    layers = data.get("layers")
    if not isinstance(layers, list):
        return "has no list of layers"
    for number, layer in enumerate(layers, 1):
        if not isinstance(layer, dict) or set(layer) != set(_LAYER_KEYS) or not all(
                type(layer[key]) is kind for key, kind in _LAYER_KEYS.items()):
            return f"has a bad layer {number} (it needs name, builtin and triples)"
    if not isinstance(data.get("build_id"), str):
        return "has no build_id"
    return None
