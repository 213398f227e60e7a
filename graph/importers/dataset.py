"""What the O*NET and ESCO importers share on the writing side: the graph, its provenance nodes.

Every node an importer creates cites, with ``dcterms:source``, the node of
the file it was read from; each file node is ``dcterms:isPartOf`` the node of
its data set, which carries the data set's title, publisher, version, licence
(``dcterms:license``) and the attribution text its licence requires
(``dcterms:bibliographicCitation``). So from any imported role, skill,
requirement or move, ``dcterms:source/dcterms:isPartOf`` leads to the text a
view or an export must show. :class:`DatasetImport` sets these nodes up for
an importer; reading the release is :mod:`careergraph.importers.release`'s job.

Examples
--------
>>> graph = new_graph({"ex": "http://example.org/"})
>>> data = add_dataset(graph, "http://example.org/data", title="Example data",
...                    citation="Contains example data.", publisher="Nobody",
...                    license="https://creativecommons.org/licenses/by/4.0/")
>>> sheet = add_file(graph, data, "http://example.org/data/sheet", "sheet.csv")
>>> print(graph.value(graph.value(sheet, DCTERMS_IS_PART_OF), DCTERMS_CITATION))
Contains example data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import rdflib
from rdflib import Literal, URIRef

from careergraph.namespaces import CG, DCTERMS, PREFIXES, PROV, RDF, SKOS

DCTERMS_IS_PART_OF = URIRef(DCTERMS + "isPartOf")
DCTERMS_CITATION = URIRef(DCTERMS + "bibliographicCitation")
DCTERMS_SOURCE = URIRef(DCTERMS + "source")
TYPE = URIRef(RDF + "type")
CURATED = URIRef(CG + "curatedProperty")
CURATION_NOTE = URIRef(CG + "curationNote")


def new_graph(prefixes: Mapping[str, str] | None = None) -> rdflib.Graph:
    """An empty graph with careergraph's prefixes and ``prefixes`` bound.

    Parameters
    ----------
    prefixes : mapping of str to str, optional
        More prefixes (prefix -> namespace); they win over careergraph's.

    Returns
    -------
    rdflib.Graph

    Examples
    --------
    >>> dict(new_graph({"ex": "http://example.org/"}).namespaces())["ex"]
    rdflib.term.URIRef('http://example.org/')
    """
    graph = rdflib.Graph()
    for prefix, namespace in {**PREFIXES, **(prefixes or {})}.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def english(text: object) -> Literal | None:
    """``text`` as an English literal with its blanks trimmed, or None when it is empty.

    Parameters
    ----------
    text : object
        A cell's value; anything but None is taken as its ``str()``.

    Returns
    -------
    rdflib.Literal or None
        Tagged ``@en``, every run of blanks made one space.

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
    title : str
        What the data set is called (``dcterms:title``).
    citation : str
        The attribution text, as the licence requires it to be shown
        (``dcterms:bibliographicCitation``).
    publisher : str
        Who publishes it (``dcterms:publisher``).
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
    """Add the node of one file of a data set: a ``prov:Entity``, ``dcterms:isPartOf`` it.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph being imported into.
    dataset : URIRef
        The data set node (:func:`add_dataset`).
    iri : str
        The file node.
    name : str
        The file's name as published (its ``dcterms:title``).

    Returns
    -------
    URIRef
        The file node, for the imported nodes to cite with ``dcterms:source``.
    """
    node = URIRef(iri)
    graph.add((node, TYPE, URIRef(PROV + "Entity")))
    graph.add((node, URIRef(DCTERMS + "title"), Literal(name)))
    graph.add((node, DCTERMS_IS_PART_OF, dataset))
    return node


def add_ladder(graph: rdflib.Graph, iri: str, *, label: str, definition: str,
               dataset: URIRef, notes: Iterable[str]) -> URIRef:
    """Add the ladder (``cg:Ladder``, a SKOS concept scheme) the imported roles are ``skos:inScheme``.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph being imported into.
    iri : str
        The ladder node.
    label : str
        Its name (``skos:prefLabel``).
    definition : str
        What it holds (``skos:definition``).
    dataset : URIRef
        The data set node it comes from (``dcterms:source``).
    notes : iterable of str
        How the import chose its curated values, one ``cg:curationNote`` each.

    Returns
    -------
    URIRef
        The ladder node.
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
    """Add a ``cg:SkillRequirement`` of ``role`` (``role cg:requires it``).

    Parameters
    ----------
    graph : rdflib.Graph
        The graph being imported into.
    role : URIRef
        The role that requires the skill.
    iri : str
        The requirement node.
    skill : URIRef
        The skill required (``cg:skill``).
    proficiency : int
        The level required, 1 to 5 (``cg:proficiency``).
    importance : str
        The IRI of ``cg:Core`` or ``cg:Supporting`` (``cg:importance``).
    source : URIRef
        The file node the requirement was read from (``dcterms:source``).
    curated : iterable of str
        The properties (IRIs) whose values are careergraph's judgement, not the source's.

    Returns
    -------
    URIRef
        The requirement node.
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
    """Name the properties of ``node`` whose values are careergraph's judgement, and why.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph being imported into.
    node : URIRef
        The imported node.
    properties : iterable of str
        The curated properties (IRIs), each one ``cg:curatedProperty``.
    note : str, optional
        Why the values are what they are (``cg:curationNote``, English).
    """
    for prop in properties:
        graph.add((node, CURATED, URIRef(prop)))
    if note:
        graph.add((node, CURATION_NOTE, Literal(note, lang="en")))


class DatasetImport:
    """The graph of one import, with the data set node and a node per file read.

    The base of the O*NET and ESCO importers: each adds its roles, skills,
    requirements and moves to :attr:`graph`, citing :attr:`files`.

    Parameters
    ----------
    base : str
        The IRI of the data set node; each file node is ``<base>/file/<segment>``.
    prefixes : mapping of str to str
        Prefixes to bind besides careergraph's (see :func:`new_graph`).
    files : mapping of str to str
        The name of each file read -> its IRI segment.
    **dataset : str or None
        The data set's ``title``, ``citation``, ``publisher``, ``license``,
        ``version`` and ``homepage``, as :func:`add_dataset` takes them.

    Examples
    --------
    >>> run = DatasetImport("http://example.org/data", {"ex": "http://example.org/"},
    ...                     {"sheet.csv": "sheet"}, title="Example data",
    ...                     citation="Contains example data.", publisher="Nobody",
    ...                     license="https://creativecommons.org/licenses/by/4.0/")
    >>> run.add(URIRef("http://example.org/a"), DCTERMS + "source", run.files["sheet.csv"])
    >>> print(run.files["sheet.csv"])
    http://example.org/data/file/sheet
    >>> len(run.graph)  # the data set (6 triples), the file (3) and the triple added
    10
    """

    def __init__(self, base: str, prefixes: Mapping[str, str], files: Mapping[str, str],
                 **dataset: str | None) -> None:
        self.base = base
        self.graph = new_graph(prefixes)
        self.dataset = add_dataset(self.graph, base, **dataset)  # type: ignore[arg-type]
        self.files = {name: add_file(self.graph, self.dataset, f"{base}/file/{segment}", name)
                      for name, segment in files.items()}

    def add(self, subject: URIRef, predicate: str, value: rdflib.term.Node) -> None:
        """Add the triple ``subject predicate value`` to the graph.

        Parameters
        ----------
        subject : URIRef
            The node described.
        predicate : str
            The property's IRI.
        value : rdflib.term.Node
            An IRI or a literal.
        """
        self.graph.add((subject, URIRef(predicate), value))
