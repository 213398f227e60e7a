"""The ontology data of careergraph: Turtle, SHACL shapes and SPARQL files, no code.

This marker makes the folder installable as ``careergraph.ontology`` so that a
non-editable ``pip install .`` carries the data; only ``careergraph.resources``
reads it.
"""
