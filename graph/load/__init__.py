"""Load the built-in graph and the user's files into one RDF graph.

The built-in files (the ontology and its ladders) come first; each file the
user names is a *layer* over them, in the order given. The package does it
in three parts, each with one job:

- :mod:`careergraph.load.parse` reads one file (Turtle, N-Triples, JSON-LD,
  or a company ladder through an importer) and says in one line what is
  wrong with it, and where;
- :mod:`careergraph.load.layers` lays each file over the ones before it: a
  later value of a single-valued fact (an ``owl:FunctionalProperty``, or
  ``skos:prefLabel`` / ``skos:definition`` in one language) replaces the
  earlier ones; one rule for every backend;
- :mod:`careergraph.load.derive` adds the shortcut move triples of every
  ``cg:Transition`` (:data:`DERIVE_MOVES`), so that nobody types a move twice.

This module lists the files of a graph (:func:`data_sources`) and loads them
into memory (:func:`load_graph`); :mod:`careergraph.load.into_store` loads
them into a persistent Oxigraph store (``careergraph load``), and
:func:`careergraph.session.open_graph` opens whichever a command was given,
with the on-disk cache. rdflib is imported only when a graph is parsed.

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

from collections.abc import Iterable
from pathlib import Path

from careergraph.career_graph import CareerGraph
from careergraph.load.derive import DERIVE_MOVES, derive_moves
from careergraph.load.layers import FUNCTIONAL, PER_LANGUAGE_SINGLE, merge_layers
from careergraph.load.parse import CONVERTERS, FORMATS, parse_file, source_format
from careergraph.namespaces import CG  # noqa: F401 - for the examples
from careergraph.resources import builtin_data_paths, ontology_dir
from careergraph.store import MemoryStore

__all__ = [
    "CONVERTERS", "DERIVE_MOVES", "FORMATS", "FUNCTIONAL", "PER_LANGUAGE_SINGLE", "Source",
    "data_sources", "derive_moves", "lazy_graph", "load_graph", "merge_layers", "parse_file",
    "source_format",
]

Source = tuple[str, Path, bool]
"""One file of a graph: ``(name, path, builtin)``, ``name`` as errors and layers show it."""


def load_graph(data: Iterable[str | Path] = (), *, builtin: bool = True) -> CareerGraph:
    """Load the built-in graph with the user's files layered over it, into memory.

    The files are parsed before this returns, so that any error shows here.
    (With the on-disk cache, which may spare parsing altogether, the graph
    is :func:`careergraph.session.open_graph` ``(data, cache=True)``.)

    Parameters
    ----------
    data : iterable of str or Path
        The user's Turtle (``.ttl``), N-Triples (``.nt``) or JSON-LD
        (``.jsonld``, ``.json``) files, in layer order; company ladders in
        YAML (``.yaml``) or as a folder of CSV tables are converted on the way
        in (see :data:`CONVERTERS`).
    builtin : bool, default True
        Whether to start from the built-in ontology and ladders.

    Returns
    -------
    CareerGraph
        The merged graph, in memory.

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
    kg = lazy_graph(data_sources(data, builtin=builtin))
    kg.store.build()  # parse now, so that errors show here
    return kg


def lazy_graph(sources: Iterable[Source]) -> CareerGraph:
    """A graph of files that parses and merges them the first time its triples are asked for.

    Its layers are known once it is built (``kg.layers_known``); a caller
    that can tell the answers without the triples (the on-disk cache of
    :mod:`careergraph.cache`) never parses a file, nor imports rdflib.

    Parameters
    ----------
    sources : iterable of (str, Path, bool)
        The files, as :func:`data_sources` lists them, in layer order.

    Returns
    -------
    CareerGraph
        On a :class:`~careergraph.store.MemoryStore` built on first use by
        :func:`~careergraph.load.layers.merge_layers`.

    Examples
    --------
    >>> kg = lazy_graph(data_sources())
    >>> kg.layers_known
    False
    >>> len(kg) > 1000, kg.layers_known
    (True, True)
    """
    sources = list(sources)

    def merge():
        graph, layers, origins = merge_layers(sources)
        kg.set_layers(layers, origins)
        return graph

    kg = CareerGraph(MemoryStore(build=merge))
    return kg


def data_sources(data: Iterable[str | Path] = (), *, builtin: bool = True) -> list[Source]:
    """The files of a graph as ``(name, path, builtin)``, checked to exist and to have a known format.

    Parameters
    ----------
    data : iterable of str or Path
        The user's files, in layer order.
    builtin : bool, default True
        Whether the built-in ontology and ladders come first.

    Returns
    -------
    list of (str, Path, bool)
        The built-in files (named ``<builtin>/...``), then the user's (named as given).

    Raises
    ------
    DataFileError
        See :func:`~careergraph.load.parse.source_format`.

    Examples
    --------
    >>> [name for name, _, _ in data_sources()]
    ['<builtin>/careergraph.ttl', '<builtin>/ladders/product-management.ttl']
    """
    sources: list[Source] = []
    if builtin:
        root = ontology_dir()
        sources += [(f"<builtin>/{p.relative_to(root).as_posix()}", p, True)
                    for p in builtin_data_paths()]
    sources += [(str(p), Path(p), False) for p in data]
    for name, path, _ in sources:
        source_format(path, name)
    return sources
