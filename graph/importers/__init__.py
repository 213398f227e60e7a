"""Importers: one module per source, each returning an rdflib Graph in the careergraph model.

- :mod:`careergraph.importers.ladder`: a company ladder written in YAML or as CSV tables
  (reading the two forms: :mod:`careergraph.importers.ladder_files`);
- :mod:`careergraph.importers.onet`: the O*NET database (Excel download: zip or folder);
- :mod:`careergraph.importers.esco`: the ESCO CSV download (zip or folder);
- :mod:`careergraph.importers.dataset`: what the O*NET and ESCO importers share.

The graphs are layered over the built-in graph like any data file (``-d``).
"""
