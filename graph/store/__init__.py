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

This package imports neither rdflib nor pyoxigraph until a store is used.

Examples
--------
>>> import rdflib
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

from careergraph.store.answer import Answer, Row, answer_from_oxigraph, answer_from_rdflib
from careergraph.store.base import DEFAULT_HTTP_TIMEOUT, MAX_IN_MEMORY, Store, check_size, graph_of
from careergraph.store.endpoint import EndpointStore
from careergraph.store.memory import MemoryStore
from careergraph.store.metadata import METADATA, is_store, read_metadata
from careergraph.store.open import open_store
from careergraph.store.oxigraph import OxigraphStore
from careergraph.store.terms import TermConverter, as_node, term_to_sparql, to_oxigraph

__all__ = [
    "DEFAULT_HTTP_TIMEOUT", "MAX_IN_MEMORY", "METADATA", "Answer", "EndpointStore", "MemoryStore",
    "OxigraphStore", "Row", "Store", "TermConverter", "answer_from_oxigraph", "answer_from_rdflib",
    "as_node", "check_size", "graph_of", "is_store", "open_store", "read_metadata", "term_to_sparql",
    "to_oxigraph",
]
