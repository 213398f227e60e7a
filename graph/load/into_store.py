"""Fill a persistent Oxigraph store with the built-in graph and files, layered like in memory.

:func:`build_store` does what ``careergraph load FILES --store PATH`` asks:

- the same layers as :func:`careergraph.load.load_graph` (the built-in files,
  then each file in order), with the same overrides: a later layer's value of
  an ``owl:FunctionalProperty``, or of ``skos:prefLabel`` /
  ``skos:definition`` in one language, replaces what earlier layers said
  (the one rule of :mod:`careergraph.load.layers`, run on the store);
- the derived move triples, from the same rule (:data:`careergraph.load.derive.DERIVE_MOVES`);
- bulk loading: each file streams from Oxigraph's parser into
  ``Store.bulk_extend`` (Turtle and N-Triples; ladders in YAML or CSV and
  JSON-LD files go through careergraph's own readers first), with a
  ``progress(done, total, what)`` callback in bytes read;
- built in a new folder beside ``PATH`` and renamed into place at the end,
  so an interrupted load (Ctrl-C, SIGTERM, a bad file) leaves an existing
  store as it was and no half-built folder behind: while a load runs, SIGTERM
  is turned into the same clean-up as Ctrl-C (``KeyboardInterrupt``; the
  command says "interrupted", exit 130), and the old handler is put back
  after; a folder that is not a careergraph store is never overwritten.

The folder is an ordinary Oxigraph database (``oxigraph serve-read-only
--location PATH`` serves it) with one more file, ``careergraph-store.json``:
the files it was built from (name, size, SHA-256, triples), when, by which
version, a build id that keys :mod:`careergraph.cache`, and the title index
the store keeps in a named graph (:mod:`careergraph.load.title_keys`).

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     info = build_store(pathlib.Path(tmp) / "store")
...     [layer["name"] for layer in info["layers"]], info["derived"] > 0
(['<builtin>/careergraph.ttl', '<builtin>/ladders/product-management.ttl'], True)
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
import threading
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from careergraph.errors import CareerGraphError, DataFileError
from careergraph.load import data_sources
from careergraph.load.derive import derive_in_store
from careergraph.load.layers import FUNCTIONAL, LayerTarget, add_layer
from careergraph.load.parse import parse_file, source_format
from careergraph.load.title_keys import write_title_keys
from careergraph.load.readback import INTEGER_TYPES, LONG_DIGITS_BYTES, MAX_INT_DIGITS, describe_node
from careergraph.store.metadata import LAYOUT, MARK, METADATA, is_store

Progress = Callable[[int, int, str], None]
"""``progress(done, total, what)``: bytes read of the file being loaded."""

_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES"}


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
    path = Path(path)
    _check_target(path)
    sources = data_sources(files, builtin=builtin)
    with _sigterm_as_interrupt():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            building = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.loading-"))
        except OSError as error:
            raise CareerGraphError(f"cannot write {path}: {error.strerror or error}") from None
        return _build_in(building, path, sources, progress)


def _build_in(building: Path, path: Path, sources: list[tuple[str, Path, bool]],
              progress: Progress | None) -> dict[str, Any]:
    """Fill the new folder ``building``, then move it to ``path``; remove it on any failure."""
    import pyoxigraph as ox

    from careergraph import __version__

    store = None
    try:
        store = ox.Store(str(building))
        layers, described = [], []
        for name, source, is_builtin in sources:
            count = _load_layer(store, name, source, progress)
            layers.append({"name": name, "builtin": is_builtin, "triples": count})
            described.append({"name": name, **_fingerprint(source)})
        derived = derive_in_store(store)
        triples = len(store)  # those of the default graph, before the title index's own
        title_index = write_title_keys(store)
        store.flush()
        metadata = {
            "format": MARK, "layout": LAYOUT, "careergraph": __version__,
            "built": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_id": uuid.uuid4().hex, "triples": triples, "derived": derived,
            "layers": layers, "files": described,
            **({} if title_index is None else {"title_index": title_index}),
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


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM raises ``KeyboardInterrupt`` (the clean-up of Ctrl-C)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own SIGTERM handling stays
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    # no Ctrl-C or SIGTERM between the two renames: they wait until both are done
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        os.rename(path, old)
        try:
            os.rename(building, path)
        except BaseException:
            os.rename(old, path)
            raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
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
    """A binary file that reports how much of it was read, and whether it holds a run of too many digits.

    ``suspect`` turns true on reading a run of more than
    :data:`~careergraph.load.readback.MAX_INT_DIGITS` digits (kept across
    reads), before the parser yields the triples of that part of the file.
    """

    def __init__(self, handle: Any, total: int, name: str, progress: Progress | None) -> None:
        self._handle, self._total, self._name, self._progress = handle, total, name, progress
        self.done, self.suspect, self._tail = 0, False, b""

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.done += len(data)
        if not self.suspect:
            self.suspect = LONG_DIGITS_BYTES.search(self._tail + data) is not None
            self._tail = (self._tail + data)[-MAX_INT_DIGITS:]
        if self._progress is not None:
            self._progress(self.done, self._total, self._name)
        return data


def _quads(name: str, source: Path, progress: Progress | None) -> Iterator[Any]:
    """The triples of one file as pyoxigraph quads of the default graph."""
    import pyoxigraph as ox

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
            for quad in ox.parse(input=reader, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]),
                                 base_iri=source.resolve().as_uri()):
                if reader.suspect:
                    _check_integer(quad, name)
                yield quad
    except SyntaxError as error:
        raise DataFileError(name, " ".join(str(error).split())) from None
    except OSError as error:
        raise DataFileError(name, error.strerror or str(error)) from None


def _check_integer(quad: Any, name: str) -> None:
    """Refuse an integer literal longer than the readers in memory take (the same message)."""
    value = quad.object
    datatype = getattr(value, "datatype", None)
    if datatype is None or datatype.value not in INTEGER_TYPES or len(value.value) <= MAX_INT_DIGITS:
        return
    from rdflib import URIRef

    node = describe_node((URIRef(quad.subject.value), URIRef(quad.predicate.value)))
    raise DataFileError(name, f"{node}: an integer of {len(value.value):,} digits; careergraph reads "
                              f"integers of at most {MAX_INT_DIGITS:,} digits")


def _load_layer(store: Any, name: str, source: Path, progress: Progress | None) -> int:
    """Load one file into ``store`` as a layer (:func:`careergraph.load.layers.add_layer`); return its triples.

    The file streams from the parser into the store; it is read a second
    time only when it declares functional properties of its own.
    """
    reads: list[str] = []

    def read() -> Iterator[Any]:
        reads.append(name)  # progress is told on the first read only
        return _quads(name, source, progress if len(reads) == 1 else None)

    return add_layer(_StoreTarget(store), read)


class _StoreTarget(LayerTarget):
    """A pyoxigraph store as a :class:`careergraph.load.layers.LayerTarget`: the default graph."""

    def __init__(self, store: Any) -> None:
        import pyoxigraph as ox

        self.store, self.literal, self._ox = store, ox.Literal, ox
        self._default = ox.DefaultGraph()

    def __len__(self) -> int:
        return len(self.store)

    def node(self, iri: str) -> Any:
        return self._ox.NamedNode(iri)

    def functional(self) -> set[Any]:
        return {row[0] for row in self.store.query(
            f"SELECT DISTINCT ?p WHERE {{ ?p a <{FUNCTIONAL}> }}")}

    def subjects_with(self, predicates: Iterable[Any]) -> set[Any]:
        return {quad.subject for predicate in predicates
                for quad in self.store.quads_for_pattern(None, predicate, None, self._default)}

    def add(self, quads: Iterable[Any]) -> None:
        self.store.bulk_extend(quads)

    def triples(self, subject: Any, predicate: Any) -> list[Any]:
        return list(self.store.quads_for_pattern(subject, predicate, None, self._default))

    def remove(self, quad: Any) -> None:
        self.store.remove(quad)
