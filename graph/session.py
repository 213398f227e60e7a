"""The graph a command works on, opened from its options, with the on-disk cache attached.

A command is given files (``-d FILE``, layered over the built-in graph), a
persistent store (``--store PATH``, made by ``careergraph load``) or a SPARQL
endpoint (``--endpoint URL``). :func:`open_graph` opens whichever it is and,
when asked, attaches the cache of :mod:`careergraph.cache`, so that the
everyday commands start without parsing a file. The loader itself
(:mod:`careergraph.load`) knows nothing of the cache: this module is the one
place that puts the two together.

Examples
--------
>>> kg = open_graph()
>>> [layer.name for layer in kg.layers]
['<builtin>/careergraph.ttl', '<builtin>/ladders/product-management.ttl']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from careergraph import cache as disk
from careergraph.career_graph import CareerGraph, Layer
from careergraph.errors import CareerGraphError
from careergraph.load import data_sources, lazy_graph
from careergraph.store.open import open_store


def open_graph(data: Iterable[str | Path] = (), *, store: str | Path | None = None,
               endpoint: str | None = None, cache: bool = False,
               timeout: float | None = None, ladder: str | None = None) -> CareerGraph:
    """The graph a command works on: files in memory, a persistent store, or a SPARQL endpoint.

    Parameters
    ----------
    data : iterable of str or Path
        Files layered over the built-in graph (see :func:`careergraph.load.load_graph`).
    store : str or Path, optional
        A folder written by ``careergraph load`` (opened read-only).
    endpoint : str, optional
        The URL of a SPARQL 1.1 endpoint (queried read-only).
    cache : bool, default False
        Use the on-disk cache of :mod:`careergraph.cache` (keyed by the bytes
        of every file, or by a store's build): when it holds this graph, the
        role graph, skill graph, title indexes and labels come from it and the
        files are parsed only if something else is asked; otherwise they are
        built and stored. An endpoint's data can change at any time, so it is
        never cached on disk. ``CAREERGRAPH_NO_CACHE=1`` turns the cache off.
    timeout : float, optional
        Seconds an endpoint request may take
        (:data:`careergraph.store.DEFAULT_HTTP_TIMEOUT` by default).
    ladder : str, optional
        The default ladder of unqualified role titles (``--ladder``; see
        :meth:`careergraph.career_graph.CareerGraph.use_ladder`).

    Returns
    -------
    CareerGraph
        For files, parsed already unless the cache answered for them.

    Raises
    ------
    CareerGraphError
        For ``store`` with ``endpoint``, or ``data`` with either: a query
        cannot join triples across two databases, so files go into the store
        with ``careergraph load`` instead; for a folder that is not a store.
    DataFileError
        For a file that is missing or does not parse (see :func:`careergraph.load.load_graph`).
    LadderNotFound
        For a ``ladder`` the graph does not have.

    Examples
    --------
    >>> open_graph(["extra.ttl"], store="my-store")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: -d FILE cannot be combined with --store: ...
    >>> open_graph(["nowhere.ttl"], cache=True)
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: nowhere.ttl: no such file
    """
    kg = _open(list(data), store=store, endpoint=endpoint, cache=cache, timeout=timeout)
    kg.use_ladder(ladder)
    return kg


def _open(data: list[str | Path], *, store: str | Path | None, endpoint: str | None,
          cache: bool, timeout: float | None) -> CareerGraph:
    """The graph of files, a store or an endpoint (see :func:`open_graph`)."""
    if store is None and endpoint is None:
        return _open_files(data, cache=cache)
    if store is not None and endpoint is not None:
        raise CareerGraphError("give --store or --endpoint, not both")
    if data:
        where = "--store" if store is not None else "--endpoint"
        raise CareerGraphError(f"-d FILE cannot be combined with {where}: a query cannot join "
                               "triples across two databases; load the files into a store with "
                               "'careergraph load FILE... --store PATH'")
    opened = open_store(path=store, endpoint=endpoint, timeout=timeout)
    if endpoint is not None:
        return CareerGraph(opened, [Layer(endpoint, False, 0)])
    kg = CareerGraph(opened, [Layer(**layer) for layer in opened.metadata["layers"]])
    if cache:
        disk.attach_store(kg, opened)
    return kg


def _open_files(data: list[str | Path], *, cache: bool) -> CareerGraph:
    """The graph of the built-in files and ``data``, from the cache or parsed now."""
    sources = data_sources(data)
    kg = lazy_graph(sources)
    if cache:
        disk.attach_files(kg, sources)
    else:
        kg.store.build()  # parse now, so that errors show here
    return kg
