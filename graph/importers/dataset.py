"""What the O*NET and ESCO importers share: the graph they fill, its provenance nodes, progress.

Every node an importer creates cites, with ``dcterms:source``, the node of
the file it was read from; each file node is ``dcterms:isPartOf`` the node of
its data set, which carries the data set's title, publisher, version, licence
(``dcterms:license``) and the attribution text its licence requires
(``dcterms:bibliographicCitation``). So from any imported role, skill,
requirement or move, ``dcterms:source/dcterms:isPartOf`` leads to the text a
view or an export must show.

Examples
--------
>>> graph = new_graph({"ex": "http://example.org/"})
>>> data = add_dataset(graph, "http://example.org/data", title="Example data",
...                    citation="Contains example data.", publisher="Nobody",
...                    license="https://creativecommons.org/licenses/by/4.0/")
>>> sheet = add_file(graph, data, "http://example.org/data/sheet", "sheet.csv")
>>> print(graph.value(graph.value(sheet, DCTERMS_IS_PART_OF), DCTERMS_CITATION))
Contains example data.
>>> calls = []
>>> progress = Progress(lambda done, total, what: calls.append((done, total, what)), total=10)
>>> for _ in range(10):
...     progress.advance(1, "sheet.csv")
>>> progress.finish("done")
>>> calls[-1]
(10, 10, 'done')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import rdflib
from rdflib import Literal, URIRef

from ..namespaces import CG, DCTERMS, PREFIXES, PROV, RDF, SKOS

ProgressCallback = Callable[[int, int, str], object]
"""``progress(done, total, what)``: how much of the work is done, of how much, on what."""

DCTERMS_IS_PART_OF = URIRef(DCTERMS + "isPartOf")
DCTERMS_CITATION = URIRef(DCTERMS + "bibliographicCitation")
DCTERMS_SOURCE = URIRef(DCTERMS + "source")
TYPE = URIRef(RDF + "type")
CURATED = URIRef(CG + "curatedProperty")
CURATION_NOTE = URIRef(CG + "curationNote")


def new_graph(prefixes: Mapping[str, str] | None = None) -> rdflib.Graph:
    """An empty graph with careergraph's prefixes and ``prefixes`` bound."""
    graph = rdflib.Graph()
    for prefix, namespace in {**PREFIXES, **(prefixes or {})}.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def english(text: object) -> Literal | None:
    """``text`` as an English literal with its blanks trimmed, or None when it is empty.

    Examples
    --------
    >>> english("  Chief Executives "), english(""), english(None)
    (rdflib.term.Literal('Chief Executives', lang='en'), None, None)
    """
    text = "" if text is None else " ".join(str(text).split())
    return Literal(text, lang="en") if text else None


def add_dataset(graph: rdflib.Graph, iri: str, *, title: str, citation: str, publisher: str,
                license: str, version: str | None = None, homepage: str | None = None) -> URIRef:
    """Add the node of an imported data set, with the attribution its licence requires.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph being imported into.
    iri : str
        The data set node.
    title, publisher : str
        What it is called and who publishes it.
    citation : str
        The attribution text, as the licence requires it to be shown
        (``dcterms:bibliographicCitation``).
    license : str
        The IRI of the licence (``dcterms:license``).
    version : str, optional
        The release, such as ``29.2`` (``dcterms:identifier``).
    homepage : str, optional
        Where the data set is published (``rdfs:seeAlso``).

    Returns
    -------
    URIRef
        The data set node.
    """
    node = URIRef(iri)
    graph.add((node, TYPE, URIRef(DCTERMS + "BibliographicResource")))
    graph.add((node, TYPE, URIRef(PROV + "Entity")))
    graph.add((node, URIRef(DCTERMS + "title"), Literal(title, lang="en")))
    graph.add((node, URIRef(DCTERMS + "publisher"), Literal(publisher)))
    graph.add((node, DCTERMS_CITATION, Literal(citation, lang="en")))
    graph.add((node, URIRef(DCTERMS + "license"), URIRef(license)))
    if version:
        graph.add((node, URIRef(DCTERMS + "identifier"), Literal(version)))
    if homepage:
        graph.add((node, URIRef(PREFIXES["rdfs"] + "seeAlso"), URIRef(homepage)))
    return node


def add_file(graph: rdflib.Graph, dataset: URIRef, iri: str, name: str) -> URIRef:
    """Add the node of one file of a data set (``dcterms:isPartOf`` it), named ``name``."""
    node = URIRef(iri)
    graph.add((node, TYPE, URIRef(PROV + "Entity")))
    graph.add((node, URIRef(DCTERMS + "title"), Literal(name)))
    graph.add((node, DCTERMS_IS_PART_OF, dataset))
    return node


def add_ladder(graph: rdflib.Graph, iri: str, *, label: str, definition: str,
               dataset: URIRef, notes: Iterable[str]) -> URIRef:
    """Add the ladder (``cg:Ladder``, a SKOS concept scheme) the imported roles are ``skos:inScheme`` of.

    ``notes`` explain the curated values of the import (``cg:curationNote``).
    """
    node = URIRef(iri)
    graph.add((node, TYPE, URIRef(CG + "Ladder")))
    graph.add((node, URIRef(SKOS + "prefLabel"), Literal(label, lang="en")))
    graph.add((node, URIRef(SKOS + "definition"), Literal(definition, lang="en")))
    graph.add((node, DCTERMS_SOURCE, dataset))
    for note in notes:
        graph.add((node, CURATION_NOTE, Literal(note, lang="en")))
    return node


def add_requirement(graph: rdflib.Graph, role: URIRef, iri: str, *, skill: URIRef, proficiency: int,
                    importance: str, source: URIRef, curated: Iterable[str]) -> URIRef:
    """Add a ``cg:SkillRequirement`` of ``role`` and return it.

    ``curated`` names the properties whose values are careergraph's judgement.
    """
    node = URIRef(iri)
    graph.add((role, URIRef(CG + "requires"), node))
    graph.add((node, TYPE, URIRef(CG + "SkillRequirement")))
    graph.add((node, URIRef(CG + "skill"), skill))
    graph.add((node, URIRef(CG + "proficiency"), Literal(proficiency)))
    graph.add((node, URIRef(CG + "importance"), URIRef(importance)))
    graph.add((node, DCTERMS_SOURCE, source))
    mark_curated(graph, node, curated)
    return node


def mark_curated(graph: rdflib.Graph, node: URIRef, properties: Iterable[str],
                 note: str | None = None) -> None:
    """Name the properties of ``node`` whose values are careergraph's judgement, and why."""
    for prop in properties:
        graph.add((node, CURATED, URIRef(prop)))
    if note:
        graph.add((node, CURATION_NOTE, Literal(note, lang="en")))


class Progress:
    """Report progress to a ``progress(done, total, what)`` callback, about 200 times at most.

    Parameters
    ----------
    callback : callable or None
        Called with the work done so far, the total and what is being
        worked on; None reports nothing.
    total : int
        The total amount of work, in the importer's unit (rows, bytes).
    """

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = max(total, 0)
        self.done = 0
        self._step = max(self.total // 200, 1)
        self._next = 0

    def advance(self, amount: int, what: str) -> None:
        """Count ``amount`` more work done on ``what``."""
        self.done += amount
        if self.callback is not None and self.done >= self._next:
            self._next = self.done + self._step
            self.callback(min(self.done, self.total), self.total, what)

    def finish(self, what: str) -> None:
        """Report the work complete."""
        self.done = self.total
        if self.callback is not None:
            self.callback(self.total, self.total, what)
