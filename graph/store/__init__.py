"""Where the triples live: in memory, in a persistent Oxigraph store, or behind a SPARQL endpoint.

Three backends keep one interface, the protocol :class:`Store` (:mod:`~careergraph.store.base`):

- :class:`MemoryStore` (:mod:`~careergraph.store.memory`): an ``rdflib.Graph``
  in this process, the default and right for the built-in ladder and small
  files; it may be built lazily, on first use;
- :class:`OxigraphStore` (:mod:`~careergraph.store.oxigraph`): a folder written
  by ``careergraph load`` (:mod:`careergraph.load.into_store`), opened
  read-only in a few milliseconds whatever its size;
- :class:`EndpointStore` (:mod:`~careergraph.store.endpoint`): any SPARQL 1.1
  endpoint over HTTP, only ever sent queries, each with a time limit.

:func:`open_store` (:mod:`~careergraph.store.open`) opens a store or an endpoint
from a command's options. Every backend answers :meth:`Store.query` with the
same :class:`Answer` (:mod:`~careergraph.store.answer`), whose values are rdflib
terms (:mod:`~careergraph.store.terms` converts them); what differs between the
backends is said by capability attributes (``handles_timeout``,
``dump_formats``, ``cache_key``, ``in_memory``), so no code outside this
package asks which backend it holds. Bound values are always bindings: rdflib's
``initBindings`` in memory, ``VALUES`` blocks of serialised terms for the
others, never a user's text pasted into a query. The checks of
:mod:`careergraph.sparql.guard` apply to users' queries before any backend sees them.

This package imports neither rdflib nor pyoxigraph until a store is used,
and each of its modules only when one of its names is first asked for
(:pep:`562`): a command on the memory store never loads the HTTP client of
the endpoint.

Examples
--------
>>> import rdflib
>>> from careergraph.store import MemoryStore, Store
>>> graph = rdflib.Graph()
>>> _ = graph.parse(data="<http://example.org/a> <http://example.org/p> 1 .", format="turtle")
>>> store = MemoryStore(graph)
>>> isinstance(store, Store)
True
>>> answer = store.query("SELECT ?o WHERE { ?s ?p ?o }")
>>> answer.kind, answer.variables, [row.o.toPython() for row in answer]
('select', ['o'], [1])
>>> store.query("ASK { ?s ?p 2 }").boolean
False
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Answer": "answer", "Row": "answer", "answer_from_oxigraph": "answer", "answer_from_rdflib": "answer",
    "DEFAULT_HTTP_TIMEOUT": "base", "MAX_IN_MEMORY": "base", "Store": "base", "check_size": "base",
    "graph_of": "base", "EndpointStore": "endpoint", "MemoryStore": "memory", "METADATA": "metadata",
    "is_store": "metadata", "read_metadata": "metadata", "open_store": "open",
    "OxigraphStore": "oxigraph", "TermConverter": "terms", "as_node": "terms",
    "term_to_sparql": "terms", "to_oxigraph": "terms",
}
"""Each public name, and the module of this package that defines it."""

__all__ = sorted(_WHERE, key=str.lower)


def __getattr__(name: str) -> Any:
    """A public name of the package, its module imported on first use (:pep:`562`).

    Parameters
    ----------
    name : str
        One of :data:`__all__`.

    Returns
    -------
    object
        What the module defines under that name.

    Raises
    ------
    AttributeError
        For any other name.
    """
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's own names and the public names of :data:`__all__`."""
    return sorted({*globals(), *__all__})
