"""Load the built-in graph and the user's files into one RDF graph.

The built-in files (the ontology and its ladders) come first; each file the
user names is a *layer* over them, in the order given. A layer can add
anything, and it overrides single-valued facts: for a property declared
``owl:FunctionalProperty`` (seniority, track, proficiency, ...) and for
``skos:prefLabel`` and ``skos:definition`` in one language, a value in a later
layer replaces the values earlier layers gave the same subject. That is how a
company changes a role's seniority or title without touching the package.

After the layers are merged, the loader derives from every ``cg:Transition``
its shortcut triple (``cg:promotesTo`` and the others, named by the kind's
``cg:shortcutProperty``) and ``cg:canMoveTo``, so that simple SPARQL stays
simple and nobody types a move twice. The rule is one SPARQL CONSTRUCT,
:data:`DERIVE_MOVES`, which ``careergraph load`` runs on a persistent store too.

A :class:`CareerGraph` sits on a *store* (:mod:`careergraph.store`): the
rdflib graph in memory (what :func:`load_graph` makes), a persistent Oxigraph
store or a SPARQL endpoint (:func:`open_graph`). Everything the library asks
of the data goes through :meth:`CareerGraph.query`, so it works on all three.
rdflib is imported only when a graph is parsed or queried: a graph answered
from the cache of :mod:`careergraph.cache` never parses a file.

Examples
--------
>>> kg = load_graph()
>>> apm = "https://w3id.org/careergraph/pm/associate-product-manager"
>>> [kg.label(role) for role in kg.objects(apm, CG + "promotesTo")]
['Product Manager']
>>> kg.origin(apm)
'<builtin>/ladders/product-management.ttl'
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.errors import CareerGraphError, DataFileError
from careergraph.namespaces import CG, OWL, PREFIXES, RDF, RDFS, SKOS  # noqa: F401 - CG for the examples
from careergraph.resources import builtin_data_paths, ontology_dir
from careergraph.career_graph import CareerGraph, Layer, _node
from careergraph.store import MemoryStore

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
"""File endings the loader reads, and the rdflib parser for each."""

CONVERTERS: dict[str, str] = {
    ".yaml": "careergraph.importers.ladder:import_ladder",
    ".yml": "careergraph.importers.ladder:import_ladder",
    "/": "careergraph.importers.ladder:import_ladder",
}
"""Inputs read by an importer instead of an RDF parser: file ending (``"/"`` for a
folder) -> ``"module:function"``, called as ``function(path, name=name)`` and
returning an rdflib Graph (a company ladder in YAML, or a folder of its CSV tables)."""

PER_LANGUAGE_SINGLE = (SKOS + "prefLabel", SKOS + "definition")
"""Properties with one value per language, which a later layer overrides."""

FUNCTIONAL = OWL + "FunctionalProperty"
"""The class of the properties with one value, which a later layer overrides."""

DERIVE_MOVES = """
CONSTRUCT { ?from ?shortcut ?to . ?from cg:canMoveTo ?to . }
WHERE {
  ?move a cg:Transition ; cg:transitionKind ?kind ; cg:fromRole ?from ; cg:toRole ?to .
  ?kind cg:shortcutProperty ?shortcut .
}"""
"""The derived move triples: for every transition, its kind's shortcut and ``cg:canMoveTo``."""

def load_graph(data: Iterable[str | Path] = (), *, builtin: bool = True,
               cache: bool = False) -> CareerGraph:
    """Load the built-in graph with the user's files layered over it, into memory.

    Parameters
    ----------
    data : iterable of str or Path
        The user's Turtle (``.ttl``), N-Triples (``.nt``) or JSON-LD
        (``.jsonld``, ``.json``) files, in layer order; company ladders in
        YAML (``.yaml``) or as a folder of CSV tables are converted on the way
        in (see ``CONVERTERS``).
    builtin : bool, default True
        Whether to start from the built-in ontology and ladders.
    cache : bool, default False
        Use the on-disk cache of :mod:`careergraph.cache` (keyed by the bytes
        of every file): when it holds these files, the role graph, skill graph,
        title indexes and labels come from it and the files are parsed only
        if something else is asked; otherwise they are built and stored.

    Returns
    -------
    CareerGraph

    Raises
    ------
    DataFileError
        A file is missing, unreadable, not UTF-8, of an unknown type, or does
        not parse; the error names the file, and the line where known.

    Examples
    --------
    >>> kg = load_graph()
    >>> len(kg.layers), kg.layers[0].name
    (2, '<builtin>/careergraph.ttl')
    >>> load_graph(["nowhere.ttl"])
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: nowhere.ttl: no such file
    """
    sources = data_sources(data, builtin=builtin)

    def merge() -> rdflib.Graph:
        graph, layers, origins = merge_layers(sources)
        kg.set_layers(layers, origins)
        return graph

    kg = CareerGraph(MemoryStore(build=merge))
    if cache:
        from careergraph import cache as disk

        disk.attach_files(kg, sources)
    else:
        kg.graph  # noqa: B018 - parse now, so that errors show here
    return kg


def data_sources(data: Iterable[str | Path] = (), *,
                 builtin: bool = True) -> list[tuple[str, Path, bool]]:
    """The files of a graph as ``(name, path, builtin)``, checked to exist and to have a known format.

    Raises
    ------
    DataFileError
        See :func:`source_format`.

    Examples
    --------
    >>> [name for name, _, _ in data_sources()]
    ['<builtin>/careergraph.ttl', '<builtin>/ladders/product-management.ttl']
    """
    sources: list[tuple[str, Path, bool]] = []
    if builtin:
        root = ontology_dir()
        sources += [(f"<builtin>/{p.relative_to(root).as_posix()}", p, True)
                    for p in builtin_data_paths()]
    sources += [(str(p), Path(p), False) for p in data]
    for name, path, _ in sources:
        source_format(path, name)
    return sources


def open_graph(data: Iterable[str | Path] = (), *, store: str | Path | None = None,
               endpoint: str | None = None, cache: bool = False,
               timeout: float | None = None) -> CareerGraph:
    """The graph a command works on: files in memory, a persistent store, or a SPARQL endpoint.

    Parameters
    ----------
    data : iterable of str or Path
        Files layered over the built-in graph (see :func:`load_graph`).
    store : str or Path, optional
        A folder written by ``careergraph load`` (opened read-only).
    endpoint : str, optional
        The URL of a SPARQL 1.1 endpoint (queried read-only).
    cache : bool
        Use the on-disk cache (files and stores; an endpoint's data can change
        at any time, so it is never cached on disk).
    timeout : float, optional
        Seconds an endpoint request may take.

    Raises
    ------
    CareerGraphError
        For ``store`` with ``endpoint``, or ``data`` with either: a query
        cannot join triples across two databases, so files go into the store
        with ``careergraph load`` instead.

    Examples
    --------
    >>> open_graph(["extra.ttl"], store="my-store")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: -d FILE cannot be combined with --store: ...
    """
    data = list(data)
    if store is not None and endpoint is not None:
        raise CareerGraphError("give --store or --endpoint, not both")
    if data and (store is not None or endpoint is not None):
        where = "--store" if store is not None else "--endpoint"
        raise CareerGraphError(f"-d FILE cannot be combined with {where}: a query cannot join "
                               "triples across two databases; load the files into a store with "
                               "'careergraph load FILE... --store PATH'")
    if store is not None:
        from careergraph.store import OxigraphStore

        oxigraph = OxigraphStore(store)
        kg = CareerGraph(oxigraph, [Layer(**layer) for layer in oxigraph.metadata["layers"]])
        if cache:
            from careergraph import cache as disk

            disk.attach_store(kg, oxigraph)
        return kg
    if endpoint is not None:
        from careergraph.store import DEFAULT_HTTP_TIMEOUT, EndpointStore

        remote = EndpointStore(endpoint, timeout or DEFAULT_HTTP_TIMEOUT)
        return CareerGraph(remote, [Layer(endpoint, False, 0)])
    return load_graph(data, cache=cache)


def merge_layers(sources: Iterable[tuple[str, Path, bool]]) -> tuple[rdflib.Graph, list[Layer],
                                                                       dict[Node, str]]:
    """Parse the files ``(name, path, builtin)`` and merge them, later layers overriding.

    Returns
    -------
    graph, layers, origins
        The merged graph with the derived moves, a :class:`Layer` per file,
        and for each subject the name of the last file that described it.
    """
    import rdflib
    from rdflib import URIRef

    merged = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace, override=True)
    functional: set[Node] = set()
    layers: list[Layer] = []
    origins: dict[Node, str] = {}
    for name, path, is_builtin in sources:
        layer = parse_file(path, name=name)
        functional.update(layer.subjects(URIRef(RDF + "type"), URIRef(FUNCTIONAL)))
        functional.update(merged.subjects(URIRef(RDF + "type"), URIRef(FUNCTIONAL)))
        _override(merged, layer, functional)
        for prefix, namespace in layer.namespaces():
            if prefix and prefix not in PREFIXES:
                merged.bind(prefix, namespace, override=False)
        merged += layer
        for subject in layer.subjects(unique=True):
            origins[subject] = name
        layers.append(Layer(name, is_builtin, len(layer)))
    derive_moves(merged)
    return merged, layers, origins


def parse_file(path: str | Path, *, name: str | None = None) -> rdflib.Graph:
    """Parse one data file into a new graph, turning every failure into a DataFileError.

    Parameters
    ----------
    path : str or Path
        The file; its ending picks the format (see ``FORMATS``).
    name : str, optional
        How to name the file in errors; the path by default.

    Returns
    -------
    rdflib.Graph

    Raises
    ------
    DataFileError
        With the file, and the line and column where the parser says.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     bad = os.path.join(tmp, "bad.ttl")
    ...     _ = open(bad, "w").write("@prefix ex: <http://example.org/> .\\nex:a ex:b .\\n")
    ...     parse_file(bad, name="bad.ttl")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: bad.ttl:2:11: expected an object ...
    """
    import rdflib

    path = Path(path)
    name = name or str(path)
    fmt = source_format(path, name)
    if fmt == "converter":
        return _converter(path)(path, name=name)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError(name, error.strerror or str(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise DataFileError(name, f"not UTF-8 text (byte 0x{raw[error.start]:02x})",
                            line=line) from None
    if "\x00" in text:
        raise DataFileError(name, "binary data (NUL byte), not an RDF text file",
                            line=text[:text.index("\x00")].count("\n") + 1)
    if fmt == "json-ld":
        _check_json_ld(text, name)
    graph = rdflib.Graph()
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as error:  # parser plugins raise many types for bad input
        raise _parse_error(error, text, name, fmt) from None
    return graph


def source_format(path: str | Path, name: str | None = None) -> str:
    """The rdflib format of a data file (``"converter"`` for a ladder), checking that it exists.

    Raises
    ------
    DataFileError
        For an unknown ending, a missing file, or a folder where a file belongs.

    Examples
    --------
    >>> source_format("roles.csv")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: roles.csv: cannot tell the format from the ending '.csv'; ...
    """
    path = Path(path)
    name = name or str(path)
    if _converter_target(path) is not None:
        return "converter"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted({*FORMATS, *CONVERTERS} - {"/"}))
        raise DataFileError(name, f"cannot tell the format from the ending "
                                  f"'{path.suffix or '(none)'}'; use one of {known}, "
                                  "or a folder of ladder CSV tables")
    if not path.exists():
        raise DataFileError(name, "no such file")
    if path.is_dir():
        raise DataFileError(name, "is a folder, not a file")
    return fmt


def _converter_target(path: Path) -> str | None:
    """The ``"module:function"`` of ``CONVERTERS`` for ``path``, or None."""
    key = "/" if path.is_dir() and path.suffix.lower() not in FORMATS else path.suffix.lower()
    return CONVERTERS.get(key)


def _converter(path: Path):
    """The importer ``CONVERTERS`` names for ``path``, imported on first use, or None."""
    target = _converter_target(path)
    if target is None:
        return None
    import importlib

    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


def derive_moves(graph: rdflib.Graph) -> int:
    """Add the shortcut triple and ``cg:canMoveTo`` of every ``cg:Transition`` (:data:`DERIVE_MOVES`).

    The kind of a transition names its shortcut property with
    ``cg:shortcutProperty`` (``cg:Promotion cg:shortcutProperty cg:promotesTo``),
    so a new kind needs no code.

    Returns
    -------
    int
        The number of triples the rule derives (some may have been there already).

    Examples
    --------
    >>> import rdflib
    >>> g = rdflib.Graph()
    >>> _ = g.parse(data='''
    ... @prefix cg: <https://w3id.org/careergraph/ontology#> .
    ... @prefix ex: <http://example.org/> .
    ... cg:Promotion cg:shortcutProperty cg:promotesTo .
    ... ex:m a cg:Transition ; cg:fromRole ex:a ; cg:toRole ex:b ; cg:transitionKind cg:Promotion .
    ... ''', format="turtle")
    >>> derive_moves(g)
    2
    >>> sorted(str(p) for _, p, _ in g.triples((rdflib.URIRef("http://example.org/a"), None, None)))
    ['https://w3id.org/careergraph/ontology#canMoveTo', 'https://w3id.org/careergraph/ontology#promotesTo']
    """
    derived = list(graph.query(DERIVE_MOVES, initNs=PREFIXES))
    for triple in derived:
        graph.add(triple)
    return len(derived)


def _override(merged: rdflib.Graph, layer: rdflib.Graph, functional: set[Node]) -> None:
    """Drop from ``merged`` the single-valued facts that ``layer`` states anew."""
    from rdflib import Literal

    if not len(merged):
        return
    per_language = set(map(_node, PER_LANGUAGE_SINGLE))
    for subject, predicate, value in layer:
        if predicate in functional:
            merged.remove((subject, predicate, None))
        elif predicate in per_language and isinstance(value, Literal):
            for old in list(merged.objects(subject, predicate)):
                if isinstance(old, Literal) and old.language == value.language and old != value:
                    merged.remove((subject, predicate, old))


def _check_json_ld(text: str, name: str) -> None:
    """Refuse JSON-LD that is not JSON, or that would fetch a context from elsewhere."""
    try:
        document = json.loads(text)
        remote = next(_remote_contexts(document), None)
    except json.JSONDecodeError as error:
        raise DataFileError(name, f"not valid JSON: {error.msg}",
                            line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise DataFileError(name, "not valid JSON-LD: nested too deeply to read") from None
    if remote is not None:
        raise DataFileError(name, f"refers to the JSON-LD context '{remote}', which "
                                  "careergraph does not fetch; put the context in the file")


def _remote_contexts(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("@context", "@import"):
                contexts = item if isinstance(item, list) else [item]
                yield from (c for c in contexts if isinstance(c, str))
            yield from _remote_contexts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _remote_contexts(item)


def _parse_error(error: Exception, text: str, name: str, fmt: str) -> DataFileError:
    """Turn a parser's exception into one line naming the file and the place."""
    why = getattr(error, "_why", None)
    if why is not None:  # rdflib's Turtle parser (BadSyntax)
        data: bytes = getattr(error, "_str", b"")
        index: int = getattr(error, "_i", 0)
        while data[index:index + 1] in (b" ", b"\t"):  # point at the token, not the blank before it
            index += 1
        line = data[:index].count(b"\n") + 1
        column = index - (data.rfind(b"\n", 0, index) + 1) + 1
        return DataFileError(name, _turtle_reason(why), line=line, column=column)
    message = " ".join(str(error).split()) or type(error).__name__
    if message.startswith("Invalid line:"):  # rdflib's N-Triples parser: the rest of the line
        bad = message[len("Invalid line:"):].strip()
        reason = f"not a valid N-Triples line: {bad}" if bad else \
            "not a valid N-Triples line: a triple ends with ' .'"
        for number, line_text in enumerate(text.splitlines(), start=1):
            line_text = line_text.strip()
            if line_text.endswith(bad) if bad else \
                    line_text and not line_text.startswith("#") and not line_text.endswith("."):
                return DataFileError(name, reason, line=number)
        return DataFileError(name, reason)
    return DataFileError(name, f"cannot read as {fmt}: {message}")


def _turtle_reason(why: str) -> str:
    reason = why.strip()
    if reason.startswith("Prefix ") and reason.endswith(" not bound"):
        return f"prefix {reason[len('Prefix '):-len(' not bound')]} is not declared (add an @prefix line)"
    if reason == "objectList expected":
        return "expected an object after the property"
    return reason[0].lower() + reason[1:]
