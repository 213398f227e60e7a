"""Layers: each file over the ones before it, a later value of a single-valued fact replacing earlier ones.

The built-in files come first, then each file the user names, in order. A
layer can add anything, and it overrides *single-valued facts*: for a
property declared ``owl:FunctionalProperty`` (seniority, track,
proficiency, ...), and for ``skos:prefLabel`` and ``skos:definition`` in one
language (:data:`PER_LANGUAGE_SINGLE`), a value in a later layer replaces
the values earlier layers gave the same subject. That is how a company
changes a role's seniority or title without touching the package. Values a
layer states together are all kept (two seniorities in one file are an
error for validation to report, not for the loader to hide).

The rule is written once, over keys ``(subject, predicate, language)``:
:class:`Overrides` watches a layer's triples go by and records, for every
key, the values the layer states; :func:`add_layer` adds a layer to any
backend that offers the few operations of :class:`LayerTarget`, then
removes the earlier values of each recorded key. :class:`GraphTarget` is
the rdflib graph in memory (:func:`merge_layers`); the persistent Oxigraph
store has its own small target in :mod:`careergraph.load.into_store`. Both
give the same graph for the same files.

Examples
--------
>>> import rdflib
>>> ex = "http://example.org/"
>>> graph = rdflib.Graph()
>>> target = GraphTarget(graph)
>>> def layer(text):
...     return list(rdflib.Graph().parse(data=f"@prefix ex: <{ex}> .\\n" + text, format="turtle"))
>>> add_layer(target, lambda: layer('ex:level a <http://www.w3.org/2002/07/owl#FunctionalProperty> . '
...                                 'ex:a ex:level 1 ; ex:tag "x" .'))
3
>>> add_layer(target, lambda: layer('ex:a ex:level 2 ; ex:tag "y" .'))
2
>>> sorted(str(o) for o in graph.objects(rdflib.URIRef(ex + "a"), None))
['2', 'x', 'y']
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph.career_graph import Layer
from careergraph.load.derive import derive_moves
from careergraph.load.parse import parse_file
from careergraph.namespaces import OWL, PREFIXES, RDF, SKOS

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

PER_LANGUAGE_SINGLE = (SKOS + "prefLabel", SKOS + "definition")
"""Properties with one value per language, which a later layer overrides."""

FUNCTIONAL = OWL + "FunctionalProperty"
"""The class of the properties with one value, which a later layer overrides."""

Key = tuple[Any, Any, "str | None"]
"""``(subject, predicate, language)``: ``language`` is None for a functional
property (every earlier value goes), else the tag (``""`` for none) whose
earlier values go."""


class LayerTarget:
    """What :func:`add_layer` needs of a backend; terms are the backend's own.

    A backend subclasses it and gives every method (any object with these
    methods will do: :func:`add_layer` only calls them).

    Attributes
    ----------
    literal : type
        The backend's class of literals; an instance has ``.language``
        (None or ``""`` when it has no language tag).
    """

    literal: type

    def __len__(self) -> int:
        """How many triples the target holds."""
        raise NotImplementedError

    def node(self, iri: str) -> Any:
        """The backend's term for an IRI.

        Parameters
        ----------
        iri : str
            The IRI.

        Returns
        -------
        object
            The term.
        """
        raise NotImplementedError

    def functional(self) -> set[Any]:
        """The properties the target declares ``owl:FunctionalProperty``.

        Returns
        -------
        set
            The properties, as terms.
        """
        raise NotImplementedError

    def subjects_with(self, predicates: Collection[Any]) -> set[Any]:
        """The subjects that have a value of any of ``predicates``.

        Parameters
        ----------
        predicates : collection
            Properties, as terms.

        Returns
        -------
        set
            The subjects, as terms.
        """
        raise NotImplementedError

    def add(self, triples: Iterable[Any]) -> None:
        """Add the triples of a layer, as they come.

        Parameters
        ----------
        triples : iterable
            Triples (or quads) whose items 0, 1 and 2 are subject, predicate and object.
        """
        raise NotImplementedError

    def triples(self, subject: Any, predicate: Any) -> list[Any]:
        """The triples the target holds for a subject and predicate.

        Parameters
        ----------
        subject, predicate : object
            Terms.

        Returns
        -------
        list
            The triples, in the backend's own form (items 0, 1 and 2 are
            subject, predicate and object), as :meth:`remove` takes them.
        """
        raise NotImplementedError

    def remove(self, triple: Any) -> None:
        """Remove one triple.

        Parameters
        ----------
        triple : object
            A triple as :meth:`triples` gave it.
        """
        raise NotImplementedError


class Overrides:
    """The single-valued facts a new layer states, recorded as its triples go by.

    Parameters
    ----------
    functional : collection
        The functional properties (every earlier value of one is replaced).
    per_language : collection
        The properties with one value per language (:data:`PER_LANGUAGE_SINGLE`,
        as terms); a literal value replaces earlier values in its language.
    literal : type
        The backend's class of literals.
    subjects : collection, optional
        The subjects that can have an earlier value (those that had a value
        of any of these properties before the layer); the others are skipped,
        so that a layer of new things costs one set lookup per triple.
        By default every subject is watched.

    Attributes
    ----------
    stated : dict
        :data:`Key` -> the values the layer states for it.
    """

    def __init__(self, functional: Collection[Any], per_language: Collection[Any],
                 literal: type, subjects: Collection[Any] | None = None) -> None:
        self.functional, self.per_language = functional, per_language
        self.literal, self.subjects = literal, subjects
        self.stated: dict[Key, set[Any]] = {}

    def watch(self, triples: Iterable[Any]) -> Iterator[Any]:
        """Yield ``triples`` unchanged, recording the single-valued facts among them.

        Parameters
        ----------
        triples : iterable
            The layer's triples (or quads): items 0, 1, 2 are subject, predicate, object.

        Yields
        ------
        object
            Each triple, as it came.
        """
        subjects, functional, per_language = self.subjects, self.functional, self.per_language
        for triple in triples:
            subject = triple[0]
            if subjects is None or subject in subjects:
                predicate = triple[1]
                if predicate in functional:
                    self.stated.setdefault((subject, predicate, None), set()).add(triple[2])
                elif predicate in per_language and isinstance(triple[2], self.literal):
                    value = triple[2]
                    self.stated.setdefault((subject, predicate, value.language or ""),
                                           set()).add(value)
            yield triple

    def stale(self, triples: Callable[[Any, Any], Iterable[Any]]) -> Iterator[Any]:
        """The earlier triples that must go: values of a recorded key the layer does not state again.

        Parameters
        ----------
        triples : callable
            ``triples(subject, predicate)``: the triples the backend holds now
            (the layer's among them), items 0, 1, 2 being subject, predicate
            and object; called once per recorded key.

        Yields
        ------
        object
            A triple to remove, as ``triples`` gave it.
        """
        literal = self.literal
        for (subject, predicate, language), kept in self.stated.items():
            for triple in triples(subject, predicate):
                old = triple[2]
                if old not in kept and (language is None or (
                        isinstance(old, literal) and (old.language or "") == language)):
                    yield triple


def add_layer(target: LayerTarget, read: Callable[[], Iterable[Any]]) -> int:
    """Add one layer to ``target``, replacing the earlier values of the single-valued facts it states.

    Parameters
    ----------
    target : LayerTarget
        The backend, holding the earlier layers.
    read : callable
        Returns the layer's triples each time it is called; called a second
        time only when the layer declares functional properties of its own.

    Returns
    -------
    int
        How many triples the layer has.
    """
    triples = _Counted(read())
    if not len(target):
        target.add(triples)
        return triples.count
    functional = target.functional()
    per_language = {target.node(iri) for iri in PER_LANGUAGE_SINGLE}
    overrides = Overrides(functional, per_language, target.literal,
                          target.subjects_with(functional | per_language))
    target.add(overrides.watch(triples))
    declared = target.functional() - functional
    if declared:  # the layer declares functional properties of its own: read it again for those
        overrides.functional, overrides.per_language = declared, ()
        overrides.subjects = target.subjects_with(declared)
        for _ in overrides.watch(read()):
            pass
    for triple in list(overrides.stale(target.triples)):
        target.remove(triple)
    return triples.count


class _Counted:
    """An iterable of triples that counts those taken from it."""

    def __init__(self, triples: Iterable[Any]) -> None:
        self._triples, self.count = triples, 0

    def __iter__(self) -> Iterator[Any]:
        for triple in self._triples:
            self.count += 1
            yield triple


class GraphTarget(LayerTarget):
    """An rdflib graph as a :class:`LayerTarget`.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph the layers go into.
    """

    def __init__(self, graph: rdflib.Graph) -> None:
        from rdflib import Literal

        self.graph = graph
        self.literal = Literal

    def __len__(self) -> int:
        return len(self.graph)

    def node(self, iri: str) -> rdflib.URIRef:
        """The rdflib term for an IRI.

        Parameters
        ----------
        iri : str
            The IRI.

        Returns
        -------
        rdflib.URIRef
            The term.
        """
        from rdflib import URIRef

        return URIRef(iri)

    def functional(self) -> set[Node]:
        """The properties the graph declares ``owl:FunctionalProperty``.

        Returns
        -------
        set of rdflib.URIRef
            The properties.
        """
        return set(self.graph.subjects(self.node(RDF + "type"), self.node(FUNCTIONAL)))

    def subjects_with(self, predicates: Collection[Node]) -> set[Node]:
        """The subjects that have a value of any of ``predicates``.

        Parameters
        ----------
        predicates : collection of rdflib terms
            The properties.

        Returns
        -------
        set
            The subjects.
        """
        return {subject for predicate in predicates
                for subject in self.graph.subjects(predicate, None)}

    def add(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Add triples to the graph.

        Parameters
        ----------
        triples : iterable of (subject, predicate, object)
            The triples.
        """
        graph = self.graph
        graph.addN((subject, predicate, value, graph) for subject, predicate, value in triples)

    def triples(self, subject: Node, predicate: Node) -> list[tuple[Node, Node, Node]]:
        """The triples of ``subject`` and ``predicate`` in the graph.

        Parameters
        ----------
        subject, predicate : rdflib terms
            The subject and the property.

        Returns
        -------
        list of (subject, predicate, object)
            The triples.
        """
        return list(self.graph.triples((subject, predicate, None)))

    def remove(self, triple: tuple[Node, Node, Node]) -> None:
        """Remove one triple from the graph.

        Parameters
        ----------
        triple : (subject, predicate, object)
            The triple.
        """
        self.graph.remove(triple)


def merge_layers(sources: Iterable[tuple[str, Path, bool]]) -> tuple[rdflib.Graph, list[Layer],
                                                                       dict[Node, str]]:
    """Parse the files ``(name, path, builtin)`` and merge them, later layers overriding.

    Parameters
    ----------
    sources : iterable of (str, Path, bool)
        The files as :func:`careergraph.load.data_sources` lists them, in layer order.

    Returns
    -------
    graph : rdflib.Graph
        The merged graph, with the derived moves (:mod:`careergraph.load.derive`).
    layers : list of Layer
        One per file.
    origins : dict
        For each subject, the name of the last file that described it.
    """
    import rdflib

    merged = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace, override=True)
    target = GraphTarget(merged)
    layers: list[Layer] = []
    origins: dict[Node, str] = {}
    for name, path, is_builtin in sources:
        layer = parse_file(path, name=name)
        count = add_layer(target, lambda layer=layer: layer)
        for prefix, namespace in layer.namespaces():
            if prefix and prefix not in PREFIXES:
                merged.bind(prefix, namespace, override=False)
        for subject in layer.subjects(unique=True):
            origins[subject] = name
        layers.append(Layer(name, is_builtin, count))
    derive_moves(merged)
    return merged, layers, origins
