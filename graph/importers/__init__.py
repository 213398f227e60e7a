"""Importers: one entry module per source, each returning an rdflib Graph in the careergraph model.

- :mod:`careergraph.importers.ladder`: a company ladder written in YAML or as
  CSV tables (:func:`~careergraph.importers.ladder.import_ladder`). Reading
  the two forms: :mod:`~careergraph.importers.ladder_files`, with
  :mod:`~careergraph.importers.ladder_yaml`, :mod:`~careergraph.importers.ladder_csv`
  and the document they give, :mod:`~careergraph.importers.ladder_document`;
  checking it: :mod:`~careergraph.importers.ladder_schema`; resolving its
  references: :mod:`~careergraph.importers.ladder_names`.
- :mod:`careergraph.importers.onet`: the O*NET database (Excel download: zip
  or folder; :func:`~careergraph.importers.onet.import_onet`), reading the
  workbooks in :mod:`~careergraph.importers.onet_sheets`, the curated values
  in :mod:`~careergraph.importers.onet_rules`.
- :mod:`careergraph.importers.esco`: the ESCO CSV download (zip or folder;
  :func:`~careergraph.importers.esco.import_esco`), the curated values in
  :mod:`~careergraph.importers.esco_rules`.
- What the O*NET and ESCO importers share: reading a release and reporting
  progress (:mod:`~careergraph.importers.release`), the graph and its
  provenance nodes (:mod:`~careergraph.importers.dataset`).
- :mod:`careergraph.importers.crosswalk`: from a ladder's roles to the
  imported occupations they are mapped to.

The graphs are layered over the built-in graph like any data file (``-d``).
"""
