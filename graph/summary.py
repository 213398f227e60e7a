"""What a loaded graph holds: counts, and the ladder as an outline by seniority.

Examples
--------
>>> from careergraph.load import load_graph
>>> info = summarize(load_graph())
>>> info.counts["roles"], info.roles[0].label, info.roles[0].seniority
(11, 'Associate Product Manager', 1)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from rdflib import Literal, URIRef

from .load import CareerGraph
from .namespaces import CG, RDF, SKOS

COUNTED_CLASSES = {
    "roles": "Role",
    "skills": "Skill",
    "requirements": "SkillRequirement",
    "responsibilities": "Responsibility",
    "transitions": "Transition",
    "source passages": "SourcePassage",
}
"""What :func:`summarize` counts: a name for each cg: class."""


@dataclass(frozen=True)
class RoleLine:
    """One role of the outline."""

    iri: str
    label: str
    seniority: int | None
    track: str | None
    alt_labels: tuple[str, ...]
    moves: tuple[tuple[str, str], ...]
    """``(kind, target label)`` for every move out of the role."""


@dataclass(frozen=True)
class Summary:
    """Counts of the main kinds of node, and the roles in ladder order."""

    counts: dict[str, int]
    roles: list[RoleLine]

    def to_dict(self) -> dict:
        """The summary as plain data, ready for JSON."""
        return {"counts": self.counts, "roles": [asdict(role) for role in self.roles]}


def summarize(kg: CareerGraph) -> Summary:
    """Count roles, skills, requirements, responsibilities, transitions and triples; outline the roles.

    Roles are ordered by seniority (unknown last), then track, then title.
    """
    graph = kg.graph
    rdf_type = URIRef(RDF + "type")
    counts = {name: len(set(graph.subjects(rdf_type, URIRef(CG + cls))))
              for name, cls in COUNTED_CLASSES.items()}
    counts["triples"] = len(graph)

    moves: dict[URIRef, list[tuple[str, str]]] = {}
    for move in graph.subjects(rdf_type, URIRef(CG + "Transition"), unique=True):
        kind = graph.value(move, URIRef(CG + "transitionKind"))
        for source in graph.objects(move, URIRef(CG + "fromRole")):
            for target in graph.objects(move, URIRef(CG + "toRole")):
                moves.setdefault(source, []).append(
                    (kg.label(kind) if kind is not None else "move", kg.label(target)))

    roles = []
    for role in set(graph.subjects(rdf_type, URIRef(CG + "Role"))):
        seniority = graph.value(role, URIRef(CG + "seniority"))
        track = graph.value(role, URIRef(CG + "track"))
        alt = sorted(str(label) for label in graph.objects(role, URIRef(SKOS + "altLabel"))
                     if isinstance(label, Literal) and label.language in (None, "en"))
        roles.append(RoleLine(
            iri=str(role),
            label=kg.label(role),
            seniority=_as_int(seniority),
            track=kg.label(track) if track is not None else None,
            alt_labels=tuple(alt),
            moves=tuple(sorted(moves.get(role, []))),
        ))
    roles.sort(key=lambda r: (r.seniority is None, r.seniority or 0, r.track or "", r.label))
    return Summary(counts, roles)


def _as_int(value: object) -> int | None:
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, int):
            return python
    return None
