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
simple and nobody types a move twice.

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
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import DataFileError
from .namespaces import CG, OWL, PREFIXES, RDF, RDFS, SKOS
from .resources import builtin_data_paths, ontology_dir

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

PER_LANGUAGE_SINGLE = (URIRef(SKOS + "prefLabel"), URIRef(SKOS + "definition"))
"""Properties with one value per language, which a later layer overrides."""

_TYPE = URIRef(RDF + "type")
_FUNCTIONAL = URIRef(OWL + "FunctionalProperty")


@dataclass(frozen=True)
class Layer:
    """One file of the loaded graph.

    Attributes
    ----------
    name : str
        The file as shown to the user: the path they gave, or
        ``<builtin>/...`` for a file of the package.
    builtin : bool
        Whether the file ships with careergraph.
    triples : int
        How many triples it holds.
    """

    name: str
    builtin: bool
    triples: int


class CareerGraph:
    """A loaded career graph: the merged RDF graph and where its parts came from.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graph, with the derived move triples.
    layers : sequence of Layer
        The files, in load order.
    origins : dict
        For each subject, the name of the last layer that described it.
    """

    def __init__(self, graph: rdflib.Graph, layers: Iterable[Layer],
                 origins: dict[Node, str]) -> None:
        self.graph = graph
        self.layers = tuple(layers)
        self._origins = origins
        self.cache: dict[str, object] = {}
        """Structures derived from the graph (role graph, title index), built once per process."""

    def __len__(self) -> int:
        return len(self.graph)

    def __repr__(self) -> str:
        return f"<CareerGraph {len(self.graph)} triples from {len(self.layers)} files>"

    def origin(self, node: Node | str) -> str | None:
        """The file that last described ``node`` as a subject, or None."""
        return self._origins.get(_as_node(node))

    def objects(self, subject: Node | str, predicate: str) -> Iterator[Node]:
        """The objects of ``subject predicate ?o``, as rdflib terms."""
        return self.graph.objects(_as_node(subject), URIRef(predicate))

    def label(self, node: Node | str) -> str:
        """The English ``skos:prefLabel`` of a node, else its ``rdfs:label``, else its IRI.

        Examples
        --------
        >>> load_graph().label("https://w3id.org/careergraph/ontology#Role")
        'role'
        """
        node = _as_node(node)
        for predicate in (URIRef(SKOS + "prefLabel"), URIRef(RDFS + "label")):
            labels = list(self.graph.objects(node, predicate))
            for wanted in ("en", None, ""):
                for label in labels:
                    if isinstance(label, Literal) and (label.language or None) == (wanted or None):
                        return str(label)
            if labels:
                return str(labels[0])
        return str(node)


def load_graph(data: Iterable[str | Path] = (), *, builtin: bool = True) -> CareerGraph:
    """Load the built-in graph with the user's files layered over it.

    Parameters
    ----------
    data : iterable of str or Path
        The user's Turtle (``.ttl``), N-Triples (``.nt``) or JSON-LD
        (``.jsonld``, ``.json``) files, in layer order; company ladders in
        YAML (``.yaml``) or as a folder of CSV tables are converted on the way
        in (see ``CONVERTERS``).
    builtin : bool, default True
        Whether to start from the built-in ontology and ladders.

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
    paths: list[tuple[str, Path, bool]] = []
    if builtin:
        root = ontology_dir()
        paths += [(f"<builtin>/{p.relative_to(root).as_posix()}", p, True)
                  for p in builtin_data_paths()]
    paths += [(str(p), Path(p), False) for p in data]

    merged = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace, override=True)
    functional: set[Node] = set()
    layers: list[Layer] = []
    origins: dict[Node, str] = {}
    for name, path, is_builtin in paths:
        layer = parse_file(path, name=name)
        functional.update(layer.subjects(_TYPE, _FUNCTIONAL))
        functional.update(merged.subjects(_TYPE, _FUNCTIONAL))
        _override(merged, layer, functional)
        for prefix, namespace in layer.namespaces():
            if prefix and prefix not in PREFIXES:
                merged.bind(prefix, namespace, override=False)
        merged += layer
        for subject in layer.subjects(unique=True):
            origins[subject] = name
        layers.append(Layer(name, is_builtin, len(layer)))
    derive_moves(merged)
    return CareerGraph(merged, layers, origins)


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
    path = Path(path)
    name = name or str(path)
    converter = _converter(path)
    if converter is not None:
        return converter(path, name=name)
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


def _converter(path: Path):
    """The importer ``CONVERTERS`` names for ``path``, imported on first use, or None."""
    key = "/" if path.is_dir() and path.suffix.lower() not in FORMATS else path.suffix.lower()
    target = CONVERTERS.get(key)
    if target is None:
        return None
    import importlib

    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


def derive_moves(graph: rdflib.Graph) -> int:
    """Add the shortcut triple and ``cg:canMoveTo`` for every ``cg:Transition``.

    The kind of a transition names its shortcut property with
    ``cg:shortcutProperty`` (``cg:Promotion cg:shortcutProperty cg:promotesTo``),
    so a new kind needs no code.

    Returns
    -------
    int
        The number of transitions that yielded a shortcut.

    Examples
    --------
    >>> g = rdflib.Graph()
    >>> _ = g.parse(data='''
    ... @prefix cg: <https://w3id.org/careergraph/ontology#> .
    ... @prefix ex: <http://example.org/> .
    ... cg:Promotion cg:shortcutProperty cg:promotesTo .
    ... ex:m a cg:Transition ; cg:fromRole ex:a ; cg:toRole ex:b ; cg:transitionKind cg:Promotion .
    ... ''', format="turtle")
    >>> derive_moves(g)
    1
    >>> sorted(str(p) for _, p, _ in g.triples((URIRef("http://example.org/a"), None, None)))
    ['https://w3id.org/careergraph/ontology#canMoveTo', 'https://w3id.org/careergraph/ontology#promotesTo']
    """
    can_move_to = URIRef(CG + "canMoveTo")
    derived = []
    for move in graph.subjects(_TYPE, URIRef(CG + "Transition"), unique=True):
        for kind in graph.objects(move, URIRef(CG + "transitionKind")):
            for shortcut in graph.objects(kind, URIRef(CG + "shortcutProperty")):
                for source in graph.objects(move, URIRef(CG + "fromRole")):
                    for target in graph.objects(move, URIRef(CG + "toRole")):
                        derived += [(source, shortcut, target), (source, can_move_to, target)]
    for triple in derived:
        graph.add(triple)
    return len(derived) // 2


def _override(merged: rdflib.Graph, layer: rdflib.Graph, functional: set[Node]) -> None:
    """Drop from ``merged`` the single-valued facts that ``layer`` states anew."""
    if not len(merged):
        return
    for subject, predicate, value in layer:
        if predicate in functional:
            merged.remove((subject, predicate, None))
        elif predicate in PER_LANGUAGE_SINGLE and isinstance(value, Literal):
            for old in list(merged.objects(subject, predicate)):
                if isinstance(old, Literal) and old.language == value.language and old != value:
                    merged.remove((subject, predicate, old))


def _as_node(node: Node | str) -> Node:
    return node if isinstance(node, Node) else URIRef(node)


def _check_json_ld(text: str, name: str) -> None:
    """Refuse JSON-LD that is not JSON, or that would fetch a context from elsewhere."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(name, f"not valid JSON: {error.msg}",
                            line=error.lineno, column=error.colno) from None
    for reference in _remote_contexts(document):
        raise DataFileError(name, f"refers to the JSON-LD context '{reference}', which "
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
    if message.startswith("Invalid line: "):  # rdflib's N-Triples parser
        bad = message[len("Invalid line: "):].strip()
        for number, line_text in enumerate(text.splitlines(), start=1):
            if line_text.strip().endswith(bad):
                return DataFileError(name, f"not a valid N-Triples line: {bad}", line=number)
        return DataFileError(name, f"not a valid N-Triples line: {bad}")
    return DataFileError(name, f"cannot read as {fmt}: {message}")


def _turtle_reason(why: str) -> str:
    reason = why.strip()
    if reason.startswith("Prefix ") and reason.endswith(" not bound"):
        return f"prefix {reason[len('Prefix '):-len(' not bound')]} is not declared (add an @prefix line)"
    if reason == "objectList expected":
        return "expected an object after the property"
    return reason[0].lower() + reason[1:]
