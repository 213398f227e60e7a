"""The footer of a view: which documents the drawn things come from, with the credit each requires.

Starting at each drawn IRI, :func:`attributions` follows ``dcterms:source``,
``prov:wasDerivedFrom`` and ``dcterms:isPartOf`` (a passage is part of an
article, a record part of a data set) and lists each document found with its
``dcterms:title`` and its attribution statement: ``schema:creditText``, else
``dcterms:rights``, else ``dcterms:bibliographicCitation``. The O*NET and
ESCO statements their licences require are added whenever a document of
those data sets (recognised by title or IRI) or an ESCO concept is drawn,
even if an importer forgot the statement. It works on every backend
(``kg.objects`` and ``kg.prefetch``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from careergraph.namespaces import DCTERMS, PROV, SCHEMA

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

ONET_ATTRIBUTION_TEMPLATE = ("This product includes information from the {release} Database by "
                             "the U.S. Department of Labor, Employment and Training Administration "
                             "(USDOL/ETA). Used under the CC BY 4.0 license.")
"""The attribution O*NET's licence (CC BY 4.0) requires, for a release such as ``O*NET 29.2``."""

ONET_ATTRIBUTION = ONET_ATTRIBUTION_TEMPLATE.format(release="O*NET 29.2")
"""The O*NET attribution a view adds when an O*NET document is drawn without its own."""

ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
"""The attribution ESCO's reuse terms require."""

ESCO_NAMESPACE = "http://data.europa.eu/esco/"
"""The namespace of ESCO's concepts (occupations, skills, ISCO groups)."""

_CREDIT = (SCHEMA + "creditText", DCTERMS + "rights", DCTERMS + "bibliographicCitation")
_PROVENANCE = (DCTERMS + "source", PROV + "wasDerivedFrom", DCTERMS + "isPartOf")


def attributions(kg: CareerGraph, drawn: Iterable[str]) -> list[str]:
    """The footer lines for the drawn IRIs: each source document and its required credit.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph, on any store.
    drawn : iterable of str
        The IRIs of the nodes drawn (roles, skills, moves ...).

    Returns
    -------
    list of str
        One line per document reached (``Source: “title”.`` and its credit),
        then the O*NET and ESCO statements when their data is drawn and no
        line says them yet; empty when nothing drawn cites a document.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> attributions(load_graph(), ["https://w3id.org/careergraph/pm/product-manager"])
    ['Source: “Career path of a Product Manager”.']
    >>> attributions(load_graph(), ["http://data.europa.eu/esco/occupation/x"])
    ['This service uses the ESCO classification of the European Commission.']
    """
    from rdflib import Literal, URIRef

    graph = kg  # kg.objects works on every store, like rdflib's Graph.objects
    drawn = sorted(set(drawn))
    documents: dict[str, None] = {}
    seen: set[str] = set()
    frontier = [URIRef(iri) for iri in drawn]
    for _ in range(4):  # thing -> passage or record -> document -> data set
        following = []
        kg.prefetch(frontier)  # one request per level on an endpoint, not one per node
        for node in frontier:
            for predicate in _PROVENANCE:
                for target in graph.objects(node, URIRef(predicate)):
                    if isinstance(target, Literal) or str(target) in seen:
                        continue
                    seen.add(str(target))
                    following.append(target)
                    if _is_document(graph, target):
                        documents[str(target)] = None
        frontier = following
    part_of = URIRef(DCTERMS + "isPartOf")
    tops = [d for d in documents  # a file of a data set, or a passage of an article: name the whole
            if not any(str(parent) in documents for parent in graph.objects(URIRef(d), part_of))]
    lines: list[str] = []
    names: list[str] = []
    for document in tops:
        node = URIRef(document)
        title = _first_literal(graph, node, DCTERMS + "title")
        credit = next((c for c in (_first_literal(graph, node, p) for p in _CREDIT) if c), None)
        if title:
            lines.append(f"Source: “{title}”." + (f" {credit}" if credit else ""))
        elif credit:
            lines.append(credit)
        names.append(f"{document} {title or ''}")
    named, shown = " ".join(names + list(documents)), " ".join(lines)
    if any(mark in named for mark in ("O*NET", "onetcenter.org", "onetonline.org")) \
            and "O*NET" not in shown:
        lines.append(ONET_ATTRIBUTION)
    if ("ESCO" in named or ESCO_NAMESPACE in named or any(i.startswith(ESCO_NAMESPACE) for i in drawn)) \
            and "ESCO classification" not in shown:
        lines.append(ESCO_ATTRIBUTION)
    return lines


def _is_document(graph: Any, node: Any) -> bool:
    """A node with a title or a credit of its own: a document or data set to name."""
    from rdflib import URIRef

    return any(True for p in (DCTERMS + "title", *_CREDIT) for _ in graph.objects(node, URIRef(p)))


def _first_literal(graph: Any, node: Any, predicate: str) -> str | None:
    from rdflib import Literal, URIRef

    values = [v for v in graph.objects(node, URIRef(predicate)) if isinstance(v, Literal)]
    values.sort(key=lambda v: (v.language not in (None, "en"), str(v)))
    return " ".join(str(values[0]).split()) if values else None

