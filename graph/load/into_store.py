"""Fill a persistent Oxigraph store with the built-in graph and files, layered like in memory.

:func:`build_store` does what ``careergraph load FILES --store PATH`` asks:

- the same layers as :func:`careergraph.load.load_graph` (the built-in files,
  then each file in order), with the same overrides: a later layer's value of
  an ``owl:FunctionalProperty``, or of ``skos:prefLabel`` /
  ``skos:definition`` in one language, replaces what earlier layers said;
- the derived move triples, from the same rule (:data:`careergraph.load.DERIVE_MOVES`);
- bulk loading: each file streams from Oxigraph's parser into
  ``Store.bulk_extend`` (Turtle and N-Triples; ladders in YAML or CSV and
  JSON-LD files go through careergraph's own readers first), with a
  ``progress(done, total, what)`` callback in bytes read;
- built in a new folder beside ``PATH`` and renamed into place at the end,
  so an interrupted load (Ctrl-C, a bad file) leaves an existing store as it
  was; a folder that is not a careergraph store is never overwritten.

The folder is an ordinary Oxigraph database (``oxigraph serve-read-only
--location PATH`` serves it) with one more file, ``careergraph-store.json``:
the files it was built from (name, size, SHA-256, triples), when, by which
version, and a build id that keys :mod:`careergraph.cache`.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     info = build_store(pathlib.Path(tmp) / "store")
...     [layer["name"] for layer in info["layers"]], info["derived"] > 0
(['<builtin>/careergraph.ttl', '<builtin>/ladders/product-management.ttl'], True)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from careergraph.errors import CareerGraphError, DataFileError
from careergraph.namespaces import PREFIXES

METADATA = "careergraph-store.json"
"""The file that makes a folder a careergraph store."""

MARK = "careergraph-store"
LAYOUT = 1
"""The version of the store's layout."""

Progress = Callable[[int, int, str], None]
"""``progress(done, total, what)``: bytes read of the file being loaded."""

_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES"}


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder written by :func:`build_store`."""
    try:
        read_metadata(path)
    except CareerGraphError:
        return False
    return True


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The metadata of a careergraph store.

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


def build_store(path: str | Path, files: Iterable[str | Path] = (), *, builtin: bool = True,
                progress: Progress | None = None) -> dict[str, Any]:
    """Build a store at ``path`` from the built-in graph and ``files`` (see the module notes).

    Parameters
    ----------
    path : str or Path
        The store's folder: new, empty, or a careergraph store (replaced).
    files : iterable of str or Path
        Data files, in layer order (the kinds :func:`careergraph.load.load_graph` reads).
    builtin : bool
        Whether to start from the built-in ontology and ladders.
    progress : callable, optional
        Told the bytes read as each file loads.

    Returns
    -------
    dict
        The store's metadata (also in ``PATH/careergraph-store.json``).

    Raises
    ------
    CareerGraphError
        When ``path`` is something else than a careergraph store, or cannot be written.
    DataFileError
        When a file cannot be read; the existing store is left as it was.
    """
    import pyoxigraph as ox

    from careergraph import __version__
    from careergraph.load import data_sources

    path = Path(path)
    _check_target(path)
    sources = data_sources(files, builtin=builtin)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.loading-"))
    except OSError as error:
        raise CareerGraphError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        store = ox.Store(str(building))
        layers, described = [], []
        for name, source, is_builtin in sources:
            count = _load_layer(store, name, source, progress)
            layers.append({"name": name, "builtin": is_builtin, "triples": count})
            described.append({"name": name, **_fingerprint(source)})
        derived = derive_in_store(store)
        store.flush()
        metadata = {
            "format": MARK, "layout": LAYOUT, "careergraph": __version__,
            "built": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_id": uuid.uuid4().hex, "triples": len(store), "derived": derived,
            "layers": layers, "files": described,
        }
        del store  # closes the database before the folder moves
        (building / METADATA).write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        _move_into_place(building, path)
    except BaseException as error:
        # close the database first (the failed frames hold it too), or its own threads
        # may still write into the folder while it is removed, and leave it behind
        store = None  # noqa: F841
        traceback.clear_frames(error.__traceback__)
        shutil.rmtree(building, ignore_errors=True)
        raise
    return metadata


def _check_target(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir() and (not any(path.iterdir()) or is_store(path)):
        return
    what = "a folder" if path.is_dir() else "a file"
    raise CareerGraphError(f"--store {path}: {what} that is not a careergraph store; careergraph "
                           "does not overwrite it (give a new or empty folder)")


def _move_into_place(building: Path, path: Path) -> None:
    """Rename the new store to ``path``, replacing an old one only once the new one is whole."""
    if not path.exists():
        os.rename(building, path)
        return
    if not any(path.iterdir()):
        path.rmdir()
        os.rename(building, path)
        return
    old = path.parent / f".{path.name}.old-{uuid.uuid4().hex[:8]}"
    os.rename(path, old)
    try:
        os.rename(building, path)
    except BaseException:
        os.rename(old, path)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _fingerprint(source: Path) -> dict[str, Any]:
    import hashlib

    if not source.is_dir():  # the digest sha256sum prints
        with open(source, "rb") as handle:
            return {"bytes": source.stat().st_size,
                    "sha256": hashlib.file_digest(handle, "sha256").hexdigest()}
    digest, size = hashlib.sha256(), 0  # a folder: its files' names and digests
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        with open(file, "rb") as handle:
            digest.update(file.relative_to(source).as_posix().encode("utf-8") + b"\0" +
                          hashlib.file_digest(handle, "sha256").digest())
        size += file.stat().st_size
    return {"bytes": size, "sha256": digest.hexdigest()}


class _Counting:
    """A binary file that reports how much of it was read."""

    def __init__(self, handle: Any, total: int, name: str, progress: Progress | None) -> None:
        self._handle, self._total, self._name, self._progress = handle, total, name, progress
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.done += len(data)
        if self._progress is not None:
            self._progress(self.done, self._total, self._name)
        return data


def _quads(name: str, source: Path, progress: Progress | None) -> Iterator[Any]:
    """The triples of one file as pyoxigraph quads of the default graph."""
    import pyoxigraph as ox

    from careergraph.load import parse_file, source_format

    fmt = source_format(source, name)
    if fmt not in _OX_FORMATS:  # ladders and JSON-LD: careergraph's readers and checks
        graph = parse_file(source, name=name)
        data = graph.serialize(format="nt", encoding="utf-8")
        if progress is not None:
            progress(len(data), len(data), name)
        yield from ox.parse(data, ox.RdfFormat.N_TRIPLES)
        return
    try:
        with open(source, "rb") as handle:
            reader = _Counting(handle, source.stat().st_size, name, progress)
            yield from ox.parse(input=reader, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]),
                                base_iri=source.resolve().as_uri())
    except SyntaxError as error:
        raise DataFileError(name, " ".join(str(error).split())) from None
    except OSError as error:
        raise DataFileError(name, error.strerror or str(error)) from None


def _load_layer(store: Any, name: str, source: Path, progress: Progress | None) -> int:
    """Load one file into ``store``, overriding single-valued facts of earlier layers; return its triples.

    Only a subject that already has a single-valued fact can have one
    overridden, so the stream is watched for those subjects alone (a set
    lookup per triple); a new file of new things streams straight through.
    """
    import pyoxigraph as ox

    from careergraph.load import PER_LANGUAGE_SINGLE

    if len(store) == 0:
        return _stream(store, _quads(name, source, progress))
    functional = _functional(store)
    per_language = {ox.NamedNode(p) for p in PER_LANGUAGE_SINGLE}
    earlier = _subjects_with(store, functional | per_language)
    stated: dict[tuple[Any, Any, str | None], set[Any]] = {}

    def record(quads: Iterable[Any], watched: set[Any]) -> Iterator[Any]:
        for quad in quads:
            if quad.subject in earlier:
                predicate = quad.predicate
                if predicate in watched:
                    stated.setdefault((quad.subject, predicate, None), set()).add(quad.object)
                elif predicate in per_language and isinstance(quad.object, ox.Literal):
                    stated.setdefault((quad.subject, predicate, quad.object.language or ""),
                                      set()).add(quad.object)
            yield quad

    count = _stream(store, record(_quads(name, source, progress), functional))
    declared = _functional(store) - functional
    if declared:  # the file declares functional properties of its own: read it again for them
        earlier = _subjects_with(store, declared)
        for _ in record(_quads(name, source, None), declared):
            pass
    _override(store, stated)
    return count


def _stream(store: Any, quads: Iterable[Any]) -> int:
    """Bulk-load ``quads`` into ``store``; return how many there were."""
    count = 0

    def counted() -> Iterator[Any]:
        nonlocal count
        for count, quad in enumerate(quads, 1):  # noqa: B007 (the count is the point)
            yield quad

    store.bulk_extend(counted())
    return count


def _functional(store: Any) -> set[Any]:
    """The properties the store declares ``owl:FunctionalProperty``."""
    from careergraph.load import FUNCTIONAL

    return {row[0] for row in store.query(f"SELECT DISTINCT ?p WHERE {{ ?p a <{FUNCTIONAL}> }}")}


def _subjects_with(store: Any, predicates: set[Any]) -> set[Any]:
    """The subjects that have a value of any of ``predicates`` in ``store``."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    return {quad.subject for predicate in predicates
            for quad in store.quads_for_pattern(None, predicate, None, default)}


def _override(store: Any, stated: dict[tuple[Any, Any, str | None], set[Any]]) -> None:
    """Remove the earlier values of the single-valued facts a layer stated anew."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    for (subject, predicate, language), values in stated.items():
        for quad in list(store.quads_for_pattern(subject, predicate, None, default)):
            old = quad.object
            if old in values:
                continue
            if language is None or (isinstance(old, ox.Literal) and (old.language or "") == language):
                store.remove(quad)


def derive_in_store(store: Any) -> int:
    """Add the derived move triples (:data:`careergraph.load.DERIVE_MOVES`) to a pyoxigraph store.

    The rule runs as a SPARQL update inside Oxigraph (nothing crosses into
    Python); returns how many triples it added.
    """
    from careergraph.load import DERIVE_MOVES

    before = len(store)
    store.update(DERIVE_MOVES.replace("CONSTRUCT", "INSERT", 1), prefixes=PREFIXES)
    return len(store) - before
