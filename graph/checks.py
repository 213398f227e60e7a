"""Integrity checks that neither SHACL nor a QC query can say well.

Each check takes an rdflib graph and yields ``(focus, message)`` pairs; the
validator turns them into findings. They catch what Turtle lets through
silently: a typo in a vocabulary term (``rdfs:subClasOf``), a term of our
namespace nobody declared (``cg:promotesTO``), and promotions that go round
in a circle.

Examples
--------
>>> import rdflib
>>> g = rdflib.Graph().parse(format="turtle", data='''
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <http://example.org/a> skos:prefLable "A"@en .
... ''')
>>> [message for _, message in misspelt_terms(g)]
['skos:prefLable is not a term of the SKOS vocabulary; did you mean skos:prefLabel?']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import rdflib
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, DefinedNamespaceMeta
from rdflib.term import Node

from careergraph.namespaces import CG, shorten

Problem = tuple[Node, str]
"""A check's result: the node at fault and a one-line message."""

VOCABULARIES: dict[str, tuple[str, DefinedNamespaceMeta]] = {
    str(RDF): ("RDF", RDF),
    str(RDFS): ("RDFS", RDFS),
    str(OWL): ("OWL", OWL),
    str(SKOS): ("SKOS", SKOS),
    str(SH): ("SHACL", SH),
    str(DCTERMS): ("Dublin Core terms", DCTERMS),
    str(PROV): ("PROV", PROV),
}
"""The closed vocabularies whose terms are checked for typos."""

_CONTAINER_MEMBER = re.compile(r"_[1-9][0-9]*")


def vocabulary_terms(namespace: DefinedNamespaceMeta) -> set[str]:
    """The local names a closed rdflib vocabulary defines.

    Parameters
    ----------
    namespace : rdflib.namespace.DefinedNamespace
        A closed vocabulary of rdflib, such as ``RDFS``.

    Returns
    -------
    set of str
        Its terms' local names (``subClassOf``, ``label`` ...).

    Examples
    --------
    >>> "subClassOf" in vocabulary_terms(RDFS)
    True
    """
    return set(namespace.__annotations__) | set(getattr(namespace, "_extras", ()))


def _iris(graph: rdflib.Graph) -> Iterator[tuple[Node, URIRef]]:
    """Every IRI in the graph, with a subject of a triple it occurs in."""
    for subject, predicate, value in graph:
        yield subject, predicate
        for term in (subject, value):
            if isinstance(term, URIRef):
                yield subject, term


def misspelt_terms(graph: rdflib.Graph) -> Iterator[Problem]:
    """IRIs in the RDF, RDFS, OWL, SKOS, SHACL, Dublin Core or PROV namespace that the vocabulary does not define.

    Parameters
    ----------
    graph : rdflib.Graph
        The data to check.

    Yields
    ------
    tuple of (Node, str)
        A subject of a triple the IRI occurs in, and a message naming the
        IRI and the closest term, once per IRI.
    """
    seen: set[URIRef] = set()
    for subject, iri in _iris(graph):
        if iri in seen:
            continue
        seen.add(iri)
        namespace, _, local = str(iri).rpartition("#")
        namespace += "#"
        if namespace not in VOCABULARIES:
            namespace, _, local = str(iri).rpartition("/")
            namespace += "/"
        if namespace not in VOCABULARIES or not local:
            continue
        name, vocabulary = VOCABULARIES[namespace]
        terms = vocabulary_terms(vocabulary)
        if local in terms or (vocabulary is RDF and _CONTAINER_MEMBER.fullmatch(local)):
            continue
        yield subject, (f"{shorten(str(iri))} is not a term of the {name} vocabulary"
                        + _suggestion(local, terms, namespace))


def undeclared_terms(graph: rdflib.Graph) -> Iterator[Problem]:
    """IRIs of the careergraph namespace (``cg:``) that are used but never declared (typed).

    Parameters
    ----------
    graph : rdflib.Graph
        The data with the ontology, whose terms are declared by having an ``rdf:type``.

    Yields
    ------
    tuple of (Node, str)
        A subject of a triple the IRI occurs in, and a message naming the
        IRI and the closest declared term, once per IRI.

    Examples
    --------
    >>> g = rdflib.Graph().parse(format="turtle", data='''
    ... @prefix cg: <https://w3id.org/careergraph/ontology#> .
    ... cg:promotesTo a <http://www.w3.org/2002/07/owl#ObjectProperty> .
    ... <http://example.org/a> cg:promotesTO <http://example.org/b> .
    ... ''')
    >>> [message for _, message in undeclared_terms(g)]
    ['cg:promotesTO is not declared in the careergraph ontology; did you mean cg:promotesTo?']
    """
    declared = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(CG)}
    names = {str(term)[len(CG):] for term in declared}
    seen: set[URIRef] = set()
    for subject, iri in _iris(graph):
        if iri in seen or iri in declared or not str(iri).startswith(CG):
            continue
        seen.add(iri)
        yield subject, (f"{shorten(str(iri))} is not declared in the careergraph ontology"
                        + _suggestion(str(iri)[len(CG):], names, CG))


def promotion_cycles(graph: rdflib.Graph, *, limit: int = 20) -> Iterator[Problem]:
    """Circles of promotions (A promotes to B ... promotes to A), at most ``limit`` of them.

    Parameters
    ----------
    graph : rdflib.Graph
        The data, with ``cg:promotesTo`` derived.
    limit : int, default 20
        The most circles reported.

    Yields
    ------
    tuple of (Node, str)
        A role on the circle, and the circle's roles by name.

    Examples
    --------
    >>> g = rdflib.Graph().parse(format="turtle", data='''
    ... @prefix cg: <https://w3id.org/careergraph/ontology#> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... <http://example.org/a> skos:prefLabel "Analyst" ; cg:promotesTo <http://example.org/b> .
    ... <http://example.org/b> skos:prefLabel "Lead" ; cg:promotesTo <http://example.org/a> .
    ... ''')
    >>> [message for _, message in promotion_cycles(g)]  # it may start at either role
    ['promotions go round in a circle: ... -> ... -> ...']
    >>> sorted(set(next(promotion_cycles(g))[1].split(": ")[1].split(" -> ")))
    ['Analyst', 'Lead']
    """
    import networkx as nx

    promotions = nx.DiGraph()
    promotions.add_edges_from(graph.subject_objects(URIRef(CG + "promotesTo")))
    for count, cycle in enumerate(nx.simple_cycles(promotions)):
        if count >= limit:
            break
        labels = [_label(graph, role) for role in cycle + cycle[:1]]
        yield cycle[0], "promotions go round in a circle: " + " -> ".join(labels)


def _label(graph: rdflib.Graph, node: Node) -> str:
    for label in graph.objects(node, SKOS.prefLabel):
        return str(label)
    return shorten(str(node))


def _suggestion(local: str, known: set[str], namespace: str) -> str:
    close = difflib.get_close_matches(local, sorted(known), n=1, cutoff=0.75)
    return f"; did you mean {shorten(namespace + close[0])}?" if close else ""


CHECKS = {
    "misspelt-term": misspelt_terms,
    "undeclared-term": undeclared_terms,
    "promotion-cycle": promotion_cycles,
}
"""The checks the validator runs, by name."""
