"""A cache on disk of what the everyday commands need, so that they start fast.

``careergraph path``, ``reachable``, ``gap``, ``ready`` and ``plan`` need the
derived data of the graph (:mod:`careergraph.derived`: the role graph, the
role–skill graph, the title and skill indexes, the names of the proficiency
levels and the kinds of move) and the labels of roles and skills; parsing the files
(and importing rdflib to do it) costs far more than answering. So the first
run stores them, as JSON, in ``${XDG_CACHE_HOME:-~/.cache}/careergraph/``, and
later runs read them back without parsing anything.

The key of an entry is a hash of careergraph's version, the cache format,
the Python version, careergraph's code (:func:`code_signature`: each module's
name, size and time), and the name and *bytes* of every file of the graph (the
built-in files and the ``-d`` files, each folder file by file), or, for a
persistent store, its folder and the build id ``careergraph load`` recorded:
change one byte and the entry no longer matches. Nothing is re-validated on
a hit: the files are the same ones. Each entry is written atomically
(:func:`careergraph.files.write_atomic_with`); the sixteen most recently used
are kept. ``CAREERGRAPH_NO_CACHE=1`` turns the cache off. An endpoint is
never cached on disk: its data can change at any time.

An entry, ``KEY.jsonl``, is JSON Lines: a header (the format, the key, and
the name and length of each part), then one JSON document a line: the labels,
the files, and each part of :meth:`careergraph.derived.Derived.export`. JSON
cannot run code, whoever wrote the file; the parts are decoded only when a
command first needs them (a path never decodes the role–skill graph).

The cache is an optimisation, never an error: an entry that is missing a
part, truncated, corrupt, not a regular file (a FIFO, a link, a folder), or
not the user's own is ignored (the part is built from the graph) and written
again. The folder is used only when it belongs to the user and no one else
can write to it (it is made with mode 0700); otherwise, and when
``XDG_CACHE_HOME`` is not an absolute path (which the XDG specification says
to ignore: then ``~/.cache``), nothing is read or written there.

Examples
--------
>>> import os, tempfile
>>> from careergraph.session import open_graph
>>> with tempfile.TemporaryDirectory() as tmp:
...     os.environ["XDG_CACHE_HOME"] = tmp
...     first = open_graph(cache=True)          # builds and stores the entry
...     again = open_graph(cache=True)          # reads it: no file is parsed
...     built = again.store.built
...     del os.environ["XDG_CACHE_HOME"]
>>> built, {"role_graph", "skill_graph", "titles"} <= again.derived.built
(False, True)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph.cache_file import read_entry, usable_folder, write_entry

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

FORMAT = 3
"""The layout of an entry; a new layout makes old entries miss."""

KEEP = 16
"""How many entries are kept."""


def enabled() -> bool:
    """Whether the cache is on: off when the environment sets ``CAREERGRAPH_NO_CACHE``.

    Returns
    -------
    bool
        False when ``CAREERGRAPH_NO_CACHE`` is set to anything but ``0`` or nothing.
    """
    return os.environ.get("CAREERGRAPH_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path | None:
    """The folder of the cache entries.

    Returns
    -------
    Path or None
        ``$XDG_CACHE_HOME/careergraph`` when that is an absolute path (a
        relative one is ignored, as the XDG specification says), else
        ``~/.cache/careergraph``; None when neither is absolute (no home),
        so that nothing is ever written into the current folder.

    Examples
    --------
    >>> cache_dir().name
    'careergraph'
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "careergraph" if os.path.isabs(base) else None


def _base_hash():
    digest = hashlib.sha256()
    digest.update(code_signature())  # careergraph's version, this format, Python's version, the code
    return digest


def code_signature() -> bytes:
    """A hash of careergraph's version and the name, size and modification time of each of its modules.

    So that a cache written by other code is never read: the version number
    alone is not enough, as a development install changes its classes (a
    TitleIndex with a new attribute) without changing the version. Editing a
    module changes its time, installing another version its version and times;
    only a module replaced by another of the same size with its time set back
    would go unseen. Hashing the modules' bytes instead took some 25 ms of
    every start of ``path`` or ``query`` (this takes about one).

    Returns
    -------
    bytes
        A SHA-256 digest.

    Examples
    --------
    >>> len(code_signature())
    32
    """
    global _SIGNATURE
    if _SIGNATURE is None:
        from careergraph import __version__

        digest = hashlib.sha256()
        for part in (__version__, str(FORMAT), sys.version.split()[0]):
            digest.update(part.encode("utf-8") + b"\0")
        package = os.path.dirname(os.path.abspath(__file__))
        for folder, _, names in sorted(os.walk(package)):
            for name in sorted(names):
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    info = os.stat(path)
                    digest.update(f"{path[len(package):]}\0{info.st_size}\0{info.st_mtime_ns}\0"
                                  .encode("utf-8", "surrogatepass"))
        _SIGNATURE = digest.digest()
    return _SIGNATURE


_SIGNATURE: bytes | None = None


def files_key(sources: Iterable[tuple[str, Path, bool]]) -> str | None:
    """The key of a graph of files: their names and bytes.

    Parameters
    ----------
    sources : iterable of (str, Path, bool)
        Each file or folder of the graph: its name as shown, its path, and
        whether it is built in; a folder counts file by file.

    Returns
    -------
    str or None
        A hex digest that changes with any byte of any file (and with the
        code); None when a file is not a regular file (a FIFO, a device:
        reading it may never end) or cannot be read, so the graph is not cached.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "a.ttl"
    ...     _ = path.write_text("# one")
    ...     before = files_key([("a.ttl", path, False)])
    ...     _ = path.write_text("# two")
    ...     before == files_key([("a.ttl", path, False)])
    False
    """
    digest = _base_hash()
    for name, path, builtin in sources:
        digest.update(f"{name}\0{builtin}\0".encode())
        path = Path(path)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(path).as_posix().encode("utf-8") + b"\0"
                          if path.is_dir() else b"")
            try:
                fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            except (OSError, ValueError):
                return None
            with open(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return None
                digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def store_key(cache_key: str) -> str:
    """The key of a store that can name its data (its ``cache_key`` capability).

    Parameters
    ----------
    cache_key : str
        What the store says changes whenever its data does (for a persistent
        store: its folder and the build id of its last load).

    Returns
    -------
    str
        A hex digest, which also changes with careergraph's code.
    """
    digest = _base_hash()
    digest.update(cache_key.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


SUFFIX = ".jsonl"
"""The ending of an entry's file."""


def _entry(folder: Path, key: str) -> Path:
    return folder / f"{key}{SUFFIX}"


def read(key: str) -> dict[str, Any] | None:
    """The entry stored under ``key``.

    Parameters
    ----------
    key : str
        From :func:`files_key` or :func:`store_key`.

    Returns
    -------
    dict or None
        ``structures`` (a mapping of the derived parts, each decoded when
        first read), ``labels``, ``layers`` (as dicts) and ``path``; None when
        there is no whole entry of the user's own (see the module notes).
    """
    from careergraph.derived import BUILT_ON_DEMAND, STORED

    folder = cache_dir()
    if folder is None or not usable_folder(folder):
        return None
    path = _entry(folder, key)
    parts = read_entry(path, {"format": FORMAT, "key": key})
    if parts is None or not all(name in parts for name in STORED if name not in BUILT_ON_DEMAND):
        return None  # a part missing: written again whole
    try:
        labels, layers = parts["labels"], parts["layers"]
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    if type(labels) is not dict or not all(type(v) is str for v in labels.values()) or \
            type(layers) is not list or not all(_is_layer(layer) for layer in layers):
        return None
    derived = [name for name in parts if name not in ("labels", "layers")]
    return {"structures": parts.subset(derived), "labels": labels, "layers": layers, "path": path}


def _is_layer(layer: Any) -> bool:
    return type(layer) is dict and set(layer) == {"name", "builtin", "triples"} and \
        type(layer["name"]) is str and type(layer["builtin"]) is bool and type(layer["triples"]) is int


def write(key: str, payload: dict[str, Any]) -> Path | None:
    """Store ``payload`` under ``key`` atomically, keeping the :data:`KEEP` newest entries.

    A FIFO, link or other non-regular file in the entry's place is replaced,
    never written through; the pickles of earlier versions are removed.

    Parameters
    ----------
    key : str
        From :func:`files_key` or :func:`store_key`.
    payload : dict
        What :func:`build` made.

    Returns
    -------
    Path or None
        The entry's file, or None when the folder cannot be used or written,
        or the payload is not JSON.
    """
    folder = cache_dir()
    if folder is None:
        return None
    parts = {"labels": payload["labels"], "layers": payload["layers"], **payload["structures"]}
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not usable_folder(folder):
            return None
        path = write_entry(_entry(folder, key), {"format": FORMAT, "key": key}, parts)
        if path is None:
            return None
        for old in folder.glob("*.pickle"):  # written by earlier versions; never read
            old.unlink(missing_ok=True)
        entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
        return path
    except (OSError, ValueError):
        return None  # a cache that cannot be written is no cache


def _discard(path: Path) -> None:
    """Remove a bad entry, so that the next run writes it again."""
    with contextlib.suppress(OSError):
        os.unlink(path)


def build(kg: CareerGraph) -> dict[str, Any]:
    """Build everything an entry holds from the graph (whatever its store).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    dict
        ``structures`` (the parts of :data:`careergraph.derived.STORED`, from
        :meth:`careergraph.derived.Derived.export`), ``labels`` (IRI -> label
        of every role and skill; none for a persistent store or an endpoint,
        which answer a label at once) and ``layers`` (the files, as dicts): JSON values.
    """
    import dataclasses

    from careergraph.namespaces import CG

    structures = kg.derived.export()
    labels: dict[str, str] = {}
    if kg.store.in_memory:  # a store answers a label at once: an entry need not hold every one
        kg.prefetch_labels([CG + "Role", CG + "Skill"])
        labels = {node: kg.label(node) for node in (*kg.derived.role_graph, *kg.derived.skill_graph)}
    return {"structures": structures, "labels": labels,
            "layers": [dataclasses.asdict(layer) for layer in kg.layers]}


def apply(kg: CareerGraph, payload: dict[str, Any]) -> None:
    """Fill ``kg`` from an entry: its derived data, the labels and (when unknown) the files.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph (not parsed yet).
    payload : dict
        An entry, as :func:`build` made it and :func:`read` read it back.
    """
    from careergraph.career_graph import Layer

    path = payload.get("path")
    kg.derived.restore(payload["structures"], discard=None if path is None else lambda: _discard(path))
    kg.remember_labels(payload["labels"])
    if not kg.layers_known:
        kg.set_layers([Layer(**layer) for layer in payload["layers"]])


def attach_files(kg: CareerGraph, sources: list[tuple[str, Path, bool]]) -> bool:
    """Fill a graph of files from its entry, or parse the files and store a new entry.

    Parameters
    ----------
    kg : CareerGraph
        The graph, not parsed yet.
    sources : list of (str, Path, bool)
        Its files, as :func:`files_key` takes them.

    Returns
    -------
    bool
        Whether the entry was there.
    """
    if not enabled():
        kg.store.build()  # parse now, so that errors show here
        return False
    key = files_key(sources)
    payload = None if key is None else read(key)
    if payload is not None:
        apply(kg, payload)
        return True
    kg.store.build()  # parse now, so that errors show here
    if key is not None:
        write(key, build(kg))
    return False


def attach_store(kg: CareerGraph, store: Any) -> bool:
    """Fill a graph on a persistent store from its entry, or build one and store it.

    Parameters
    ----------
    kg : CareerGraph
        The graph on the store.
    store : Store
        The store; its ``cache_key`` makes the key (a store without one, such
        as an endpoint whose data may change unseen, is never cached).

    Returns
    -------
    bool
        Whether the entry was there.
    """
    if not enabled() or store.cache_key is None:
        return False
    key = store_key(store.cache_key)
    payload = read(key)
    if payload is not None:
        apply(kg, payload)
        return True
    write(key, build(kg))
    return False
