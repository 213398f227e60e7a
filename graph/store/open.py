"""Open the store a command's options name: a persistent Oxigraph store or a SPARQL endpoint.

Files in memory are not opened here: :mod:`careergraph.load` parses them into
a :class:`~careergraph.store.memory.MemoryStore`.

Examples
--------
>>> open_store(endpoint="http://127.0.0.1:7878/query", timeout=5).describe()
'the SPARQL endpoint http://127.0.0.1:7878/query'
>>> open_store(path="a-store", endpoint="http://127.0.0.1:7878/query")
Traceback (most recent call last):
...
careergraph.errors.CareerGraphError: give --store or --endpoint, not both
"""

from __future__ import annotations

from pathlib import Path

from careergraph.errors import CareerGraphError
from careergraph.store.base import DEFAULT_HTTP_TIMEOUT, Store


def open_store(path: str | Path | None = None, endpoint: str | None = None,
               timeout: float | None = None) -> Store:
    """The store at ``path`` (opened read-only) or behind ``endpoint``.

    Parameters
    ----------
    path : str or Path, optional
        A folder written by ``careergraph load`` (``--store``).
    endpoint : str, optional
        The URL of a SPARQL 1.1 endpoint (``--endpoint``).
    timeout : float, optional
        Seconds each endpoint request may take (else
        :data:`~careergraph.store.base.DEFAULT_HTTP_TIMEOUT`); a persistent store
        keeps no limit of its own.

    Returns
    -------
    Store
        An :class:`~careergraph.store.oxigraph.OxigraphStore` or an
        :class:`~careergraph.store.endpoint.EndpointStore`.

    Raises
    ------
    CareerGraphError
        When both or neither are given, the folder is not a careergraph store,
        or the URL is not an HTTP(S) URL.
    """
    if path is not None and endpoint is not None:
        raise CareerGraphError("give --store or --endpoint, not both")
    if path is not None:
        from careergraph.store.oxigraph import OxigraphStore

        return OxigraphStore(path)
    if endpoint is not None:
        from careergraph.store.endpoint import EndpointStore

        return EndpointStore(endpoint, timeout or DEFAULT_HTTP_TIMEOUT)
    raise CareerGraphError("give --store PATH or --endpoint URL to open a store")
