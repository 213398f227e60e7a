"""The namespaces careergraph uses, as plain strings (no rdflib import).

``PREFIXES`` is the one table of prefixes: the loader binds it for output and
the query layer predeclares it for users' SPARQL.

Examples
--------
>>> CG + "Role"
'https://w3id.org/careergraph/ontology#Role'
>>> PREFIXES["skos"]
'http://www.w3.org/2004/02/skos/core#'
"""

CG = "https://w3id.org/careergraph/ontology#"
"""The careergraph ontology (prefix ``cg:``)."""

PM = "https://w3id.org/careergraph/pm/"
"""Instances of the built-in product-management ladder (prefix ``pm:``)."""

ONTOLOGY_IRI = "https://w3id.org/careergraph/ontology"
"""The ontology itself (its ``owl:Ontology`` node)."""

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
SH = "http://www.w3.org/ns/shacl#"
CGSH = "https://w3id.org/careergraph/shapes#"
"""The SHACL shapes of careergraph (prefix ``cgsh:``)."""

PREFIXES: dict[str, str] = {
    "cg": CG,
    "pm": PM,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": SCHEMA,
    "sh": SH,
    "cgsh": CGSH,
}
"""Prefix -> namespace: the one table of prefixes (output, users' SPARQL, :func:`shorten`)."""


def shorten(iri: str) -> str:
    """Write an IRI as ``prefix:local`` when a known prefix covers it.

    Parameters
    ----------
    iri : str
        Any IRI.

    Returns
    -------
    str
        ``prefix:local`` with the first prefix of :data:`PREFIXES` that
        covers it, else the IRI in angle brackets.

    Examples
    --------
    >>> shorten("https://w3id.org/careergraph/pm/product-manager")
    'pm:product-manager'
    >>> shorten("http://example.org/x")
    '<http://example.org/x>'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"
