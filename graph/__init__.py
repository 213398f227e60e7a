"""careergraph: a knowledge graph of career roles, skills, responsibilities and moves.

The library layer. It loads the ontology and the user's data into one RDF
graph, validates it and answers questions about it; it never prints and never
exits. The command line lives in :mod:`careergraph.cli`.

Import the modules you need (``careergraph.load``, ``careergraph.validate``,
``careergraph.summary``); this package itself imports nothing heavy.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> kg.label("https://w3id.org/careergraph/pm/associate-product-manager")
'Associate Product Manager'
"""

__version__ = "0.1.0"
