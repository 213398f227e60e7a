"""Everything the graph says about one role, each fact with the passage it comes from.

:func:`describe_role` gathers a role's definition, other titles, seniority,
track, ladders, grades and level band, reporting line (whom it reports to,
several managers included, and who reports to it), years of experience (one
range per source, conflicts kept), spans of control, responsibilities,
required skills (category, proficiency as number and name, and the level of
the ladder's own scale in the framework's words when the requirement names
one, importance), moves out and in (track switches included), equivalent
roles (exact and close matches and the same level, read both ways, see
:mod:`careergraph.role_place`), mappings to ESCO and O*NET (with the
occupation's label when the graph holds the occupation), scope notes, and the
curation of every value this project chose itself (``cg:curatedProperty`` and
``cg:curationNote``).

Provenance is recorded per node (``dcterms:source``): the role's own facts
(definition, titles, seniority, track, ladder, reporting line, mappings)
share the role's passages; each experience range, span of control,
responsibility, requirement and move has its own; "who reports to it" is
stated on the other role, so it cites that role's passages, and so does an
equivalence stated on the other role. Each passage is listed once, in
:attr:`RoleDescription.passages`, numbered in the order the facts cite it
(role, reporting line, experience, spans, responsibilities, requirements,
moves out, moves in, equivalences), and a fact cites the numbers, as
footnotes do.

The facts are read with a few SPARQL queries in which the role is bound
(never formatted into the query text), plus the cached projections of
:mod:`careergraph.project`, so it works the same on every store. The
answer's types are in :mod:`careergraph.description`.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> apm = describe_role(kg, "https://w3id.org/careergraph/pm/associate-product-manager")
>>> apm.label, "Product Owner" in apm.alt_labels, [r.label for r in apm.reports_to]
('Associate Product Manager', True, ['Product Manager'])
>>> design = next(r for r in apm.requirements if r.label == "System design")
>>> design.proficiency, design.level, design.importance, design.category
(3, 'practitioner', 'core', 'technical and hands-on')
>>> [apm.passage(n).section for n in design.sources]
['1. Associate Product Manager']
>>> [(m.kind, m.label) for m in apm.moves_out]
[('promotion', 'Product Manager')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from careergraph.description import (Curation, Link, Mapping, Move, Passage, Requirement,
                                     Responsibility, RoleDescription)
from careergraph.errors import RoleNotFound
from careergraph.namespaces import CG, DCTERMS, SKOS, shorten
from careergraph.passages import is_literal, text

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

__all__ = ["MAPPING_RELATIONS", "Curation", "Link", "Mapping", "Move", "Passage", "Requirement",
           "Responsibility", "RoleDescription", "describe_role"]

MAPPING_RELATIONS = {
    SKOS + "exactMatch": "exact match",
    SKOS + "closeMatch": "close match",
    SKOS + "broadMatch": "broad match",
    SKOS + "narrowMatch": "narrow match",
    SKOS + "relatedMatch": "related match",
}
"""The SKOS mapping properties a role may link an occupation with, and their names."""

_ROLE = """SELECT ?property ?value WHERE { ?role ?property ?value }"""

_REPORTING_TO_IT = """SELECT ?other WHERE { ?other cg:reportsTo ?role }"""

_MOVES = """
SELECT ?move ?from ?to ?kind WHERE {
  { ?move cg:fromRole ?role } UNION { ?move cg:toRole ?role }
  ?move a cg:Transition .
  OPTIONAL { ?move cg:fromRole ?from }
  OPTIONAL { ?move cg:toRole ?to }
  OPTIONAL { ?move cg:transitionKind ?kind }
}"""

_FACT_NODES = """
SELECT ?node ?property ?value WHERE {
  { ?role cg:hasResponsibility ?node } UNION { ?role cg:requires ?node }
  UNION { ?node cg:fromRole ?role } UNION { ?node cg:toRole ?role }
  UNION { ?node cg:reportsTo ?role }
  VALUES ?property { dcterms:source cg:curatedProperty cg:curationNote cg:condition }
  ?node ?property ?value .
}"""
"""Sources, curation and conditions of the nodes that state facts about the role."""

_PASSAGES = """
SELECT ?source ?section ?citation ?quote ?document WHERE {
  { ?role dcterms:source ?source }
  UNION { ?role cg:hasResponsibility ?node . ?node dcterms:source ?source }
  UNION { ?role cg:requires ?node . ?node dcterms:source ?source }
  UNION { ?node cg:fromRole ?role . ?node dcterms:source ?source }
  UNION { ?node cg:toRole ?role . ?node dcterms:source ?source }
  UNION { ?node cg:reportsTo ?role . ?node dcterms:source ?source }
  UNION { ?role cg:experience ?node . ?node dcterms:source ?source }
  UNION { ?role cg:spanOfControl ?node . ?node dcterms:source ?source }
  UNION { VALUES ?equivalent { skos:exactMatch skos:closeMatch cg:sameLevelAs }
          ?node ?equivalent ?role . ?node a cg:Role ; dcterms:source ?source }
  OPTIONAL { ?source cg:section ?section }
  OPTIONAL { ?source dcterms:bibliographicCitation ?citation }
  OPTIONAL { ?source cg:quote ?quote }
  OPTIONAL { ?source dcterms:isPartOf ?document }
}"""


def describe_role(kg: CareerGraph, role: str) -> RoleDescription:
    """Describe one role: every fact the graph holds about it, with its sources and curation.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI (resolve a title first with
        :meth:`careergraph.names.TitleIndex.resolve`).

    Returns
    -------
    RoleDescription
        Every fact, each citing its passages by number.

    Raises
    ------
    RoleNotFound
        ``role`` is not a role of the graph.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> pm = describe_role(load_graph(), "https://w3id.org/careergraph/pm/product-manager")
    >>> [r.label for r in pm.reporting_to_it]
    ['Associate Product Manager']
    >>> pm.seniority, pm.track, [ladder.label for ladder in pm.ladders]
    (2, 'individual contributor', ['Product management career ladder'])
    >>> sorted({m.relation for m in pm.mappings})
    ['broad match', 'close match']
    >>> describe_role(load_graph(), "https://w3id.org/careergraph/pm/astronaut")
    Traceback (most recent call last):
    ...
    careergraph.errors.RoleNotFound: unknown role 'https://w3id.org/careergraph/pm/astronaut'...
    """
    from rdflib import URIRef

    from careergraph.gap import proficiency_scale
    from careergraph.project import role_graph, role_requirements
    from careergraph.role_equivalences import qualified_name, read_equivalences, role_ladders
    from careergraph.role_place import read_band, read_experience, read_grades, read_spans
    from careergraph.scales import requirement_levels
    from careergraph.vocabulary import rank

    roles = role_graph(kg)
    if role not in roles:
        raise RoleNotFound(str(role))
    bound = {"role": URIRef(role)}
    node = roles.nodes[role]
    own: dict[str, list[Any]] = defaultdict(list)
    for row in kg.query(_ROLE, bound):
        own[str(row.property)].append(row.value)
    facts: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in kg.query(_FACT_NODES, bound):
        facts[str(row.node)][str(row.property)].append(row.value)
    found = {}
    for row in kg.query(_PASSAGES, bound):
        found.setdefault(str(row.source),  # a reference without a section: its citation says where
                         (text(row.section or row.citation), text(row.quote), text(row.document)))
    notes = _Notes(found)

    def cited(values: Iterable[Any]) -> tuple[int, ...]:
        return notes.cite(str(value) for value in values)

    def curation(values: dict[str, list[Any]]) -> Curation | None:
        return _curation(kg, values)

    sources = cited(own.get(DCTERMS + "source", ()))
    mine = {ladder for ladder, _ in role_ladders(kg, role)}

    def name(other: str) -> str:  # LADDER:Title for a role of another ladder than this one's
        title = _role_label(kg, roles, other)
        ladders = role_ladders(kg, other) if mine else []
        if not ladders or mine & {ladder for ladder, _ in ladders}:
            return title
        return qualified_name(kg, other, title, ladders)

    reports_to = tuple(sorted((Link(other, name(other))
                               for other in set(map(str, own.get(CG + "reportsTo", ())))),
                              key=lambda link: (link.label.casefold(), link.iri)))
    reporting = sorted({str(row.other) for row in kg.query(_REPORTING_TO_IT, bound)},
                       key=lambda other: name(other).casefold())
    reporting_to_it = tuple(Link(other, name(other),
                                 cited(facts[other].get(DCTERMS + "source", ())))
                            for other in reporting)
    experience = read_experience(kg, role, cited)
    spans = read_spans(kg, role, cited)
    responsibilities = tuple(
        Responsibility(r["iri"], r["label"], _first_text(facts[r["iri"]].get(CG + "condition", ())),
                       cited(facts[r["iri"]].get(DCTERMS + "source", ())),
                       curation(facts[r["iri"]]))
        for r in node["responsibilities"])
    scale = proficiency_scale(kg)
    levels = requirement_levels(kg, role)

    def importance_rank(importance: str | None) -> int:
        return rank(kg.derived.importances, importance)

    needs = sorted(role_requirements(kg, role),
                   key=lambda item: (importance_rank(item[1]["importance"]),
                                     item[2]["label"].casefold()))
    requirements = tuple(
        Requirement(need["requirement"], skill, data["label"], data["category_label"],
                    need["proficiency"], scale.get(need["proficiency"]), need["importance"],
                    cited(facts[need["requirement"]].get(DCTERMS + "source", ())),
                    curation(facts[need["requirement"]]),
                    _first_text(facts[need["requirement"]].get(CG + "condition", ())),
                    levels.get(need["requirement"]))
        for skill, need, data in needs)
    moves_out, moves_in = _moves(kg, name, role, bound, facts, cited)
    equivalences = read_equivalences(kg, role, cited,
                                     lambda other: _role_label(kg, roles, other))
    curated = set(map(str, own.get(CG + "curatedProperty", ())))
    mappings = tuple(sorted(
        (Mapping(name, prop, _scheme(str(occupation)), str(occupation),
                 _occupation_label(kg, str(occupation)), prop in curated)
         for prop, name in MAPPING_RELATIONS.items() for occupation in own.get(prop, ())
         if str(occupation) not in roles),  # a role is an equivalence, not an occupation
        key=lambda m: (m.scheme, m.relation, m.occupation)))
    ladders = tuple(sorted((Link(str(ladder), kg.label(str(ladder)))
                            for ladder in set(map(str, own.get(SKOS + "inScheme", ())))),
                           key=lambda link: link.label.casefold()))
    return RoleDescription(
        iri=role, label=node["label"], definition=node["definition"],
        alt_labels=tuple(node["alt_labels"]), seniority=node["seniority"], track=node["track"],
        ladders=ladders, reports_to=reports_to, reporting_to_it=reporting_to_it,
        responsibilities=responsibilities, requirements=requirements, moves_out=moves_out,
        moves_in=moves_in, mappings=mappings,
        scope_notes=tuple(sorted(_english_texts(own.get(SKOS + "scopeNote", ())))),
        sources=sources, curation=curation(own), passages=notes.passages(),
        grades=read_grades(kg, role), band=read_band(kg, role), experience=experience,
        spans=spans, equivalences=equivalences)


class _Notes:
    """Numbers passages in the order they are first cited, like footnotes."""

    def __init__(self, found: dict[str, tuple[str | None, str | None, str | None]]) -> None:
        self.found = found
        self.numbers: dict[str, int] = {}

    def cite(self, iris: Iterable[str]) -> tuple[int, ...]:
        """The numbers of these passages (numbering the new ones), in section order."""
        ordered = sorted(set(iris), key=lambda iri: (self.found.get(iri, (None,))[0] or "", iri))
        for iri in ordered:
            self.numbers.setdefault(iri, len(self.numbers) + 1)
        return tuple(sorted(self.numbers[iri] for iri in ordered))

    def passages(self) -> tuple[Passage, ...]:
        return tuple(Passage(number, iri, *self.found.get(iri, (None, None, None)))
                     for iri, number in sorted(self.numbers.items(), key=lambda item: item[1]))


def _moves(kg: CareerGraph, name: Any, role: str, bound: dict[str, Any],
           facts: dict[str, dict[str, list[Any]]],
           cited: Any) -> tuple[tuple[Move, ...], tuple[Move, ...]]:
    """The moves out of ``role`` and into it, with kind, other end, sources and curation."""
    from careergraph.vocabulary import kind_word
    from careergraph.vocabulary import local_name as _local_name
    from careergraph.vocabulary import rank

    ends: dict[str, dict[str, Any]] = {}
    for row in sorted(kg.query(_MOVES, bound), key=lambda r: str(r.move)):
        record = ends.setdefault(str(row.move), {"from": None, "to": None, "kind": None})
        for key in ("from", "to", "kind"):
            if row[key] is not None and (record[key] is None or str(row[key]) < record[key]):
                record[key] = str(row[key])  # two values of a functional property: the first by IRI
    out, into = [], []
    for iri, record in ends.items():
        kind = None if record["kind"] is None else kind_word(_local_name(record["kind"]))
        kind_label = None if record["kind"] is None else kg.label(record["kind"])
        values = facts[iri]
        for other_end, direction in (("to", out), ("from", into)):
            this_end = "from" if other_end == "to" else "to"
            if record[this_end] != role:
                continue
            other = record[other_end]
            direction.append(Move(iri, kind, kind_label, other,
                                  None if other is None else name(other),
                                  _first_text(values.get(CG + "condition", ())),
                                  (), _curation(kg, values)))

    def order(move: Move) -> tuple[int, str, str]:
        return rank(kg.derived.kind_order, move.kind), (move.label or "").casefold(), move.iri

    def numbered(moves: list[Move]) -> tuple[Move, ...]:  # cite in the order shown
        return tuple(replace(m, sources=cited(facts[m.iri].get(DCTERMS + "source", ())))
                     for m in sorted(moves, key=order))

    return numbered(out), numbered(into)


def _curation(kg: CareerGraph, values: dict[str, list[Any]]) -> Curation | None:
    """The curation of a node, from its ``cg:curatedProperty`` and ``cg:curationNote`` values."""
    properties = sorted(set(map(str, values.get(CG + "curatedProperty", ()))))
    notes = tuple(sorted(_english_texts(values.get(CG + "curationNote", ()))))
    if not properties and not notes:
        return None
    return Curation(tuple(properties), tuple(_property_name(kg, p) for p in properties), notes)


def _property_name(kg: CareerGraph, prop: str) -> str:
    """How to say a property: a mapping's relation, its label, or ``prefix:name``."""
    if prop in MAPPING_RELATIONS:
        return MAPPING_RELATIONS[prop]
    label = kg.label(prop)
    return shorten(prop) if label == prop else label


def _role_label(kg: CareerGraph, roles: Any, role: str) -> str:
    return roles.nodes[role]["label"] if role in roles else kg.label(role)


def _occupation_label(kg: CareerGraph, occupation: str) -> str | None:
    """The occupation's label when the graph has one (the occupation was imported), else None."""
    label = kg.label(occupation)
    return None if label == occupation else label


def _scheme(occupation: str) -> str:
    """ESCO, O*NET or other, by the occupation's IRI (as the ``mappings`` named query does)."""
    if occupation.startswith("http://data.europa.eu/esco/"):
        return "ESCO"
    if "onetonline.org" in occupation or "onetcenter.org" in occupation:
        return "O*NET"
    return "other"


def _english_texts(values: Iterable[Any]) -> list[str]:
    """The English (or untagged) literals among ``values``, as text."""
    return [str(v) for v in values
            if is_literal(v) and (v.language or "en").lower().startswith("en")]


def _first_text(values: Iterable[Any]) -> str | None:
    texts = sorted(_english_texts(values))
    return texts[0] if texts else None
