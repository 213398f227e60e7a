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
from typing import TYPE_CHECKING

from careergraph.namespaces import CG
from careergraph.passages import integer
from careergraph.store.terms import whole_number

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

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
    """One role of the outline.

    Parameters
    ----------
    iri : str
        The role.
    label : str
        Its title.
    seniority : int or None
        Its seniority (the lowest, if it has several).
    track : str or None
        Its track's label.
    alt_labels : tuple of str
        Its other titles, sorted.
    moves : tuple of (str, str)
        ``(kind label, target title)`` for every move out of the role, sorted.
    entries : tuple of str, optional
        The kind label of every move into the role from outside the ladder
        (a move with no ``cg:fromRole``).
    """

    iri: str
    label: str
    seniority: int | None
    track: str | None
    alt_labels: tuple[str, ...]
    moves: tuple[tuple[str, str], ...]
    entries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    """Counts of the main kinds of node, and the roles in ladder order.

    Parameters
    ----------
    counts : dict of str to int
        Each name of :data:`COUNTED_CLASSES` -> how many nodes of that class,
        and ``"triples"`` -> the size of the graph.
    roles : list of RoleLine
        The roles by seniority (none last), track, then title.
    """

    counts: dict[str, int]
    roles: list[RoleLine]

    def to_dict(self) -> dict:
        """The summary as plain data, ready for JSON.

        Returns
        -------
        dict
            ``{"counts": ..., "roles": [...]}``, each role a dict of its fields.

        Examples
        --------
        >>> from careergraph.load import load_graph
        >>> data = summarize(load_graph()).to_dict()
        >>> sorted(data), sorted(data["roles"][0])[:3]
        (['counts', 'roles'], ['alt_labels', 'entries', 'iri'])
        """
        return {"counts": self.counts, "roles": [asdict(role) for role in self.roles]}


_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?node) AS ?count) WHERE { ?node a ?class } GROUP BY ?class"""

_ROLES = """
SELECT ?role ?seniority ?track WHERE {
  ?role a cg:Role .
  OPTIONAL { ?role cg:seniority ?seniority }
  OPTIONAL { ?role cg:track ?track }
}"""

_ALT_LABELS = """
SELECT ?role ?alt WHERE {
  ?role a cg:Role ; skos:altLabel ?alt .
  FILTER (isLiteral(?alt) && (lang(?alt) = "" || lang(?alt) = "en"))
}"""

_MOVES = """
SELECT ?move ?kind ?from ?to WHERE {
  ?move a cg:Transition ; cg:toRole ?to .
  OPTIONAL { ?move cg:fromRole ?from }
  OPTIONAL { ?move cg:transitionKind ?kind }
}"""


def summarize(kg: CareerGraph) -> Summary:
    """Count roles, skills, requirements, responsibilities, transitions and triples; outline the roles.

    Roles are ordered by seniority (roles in no ladder, with none, last), then track, then
    title. A move with no ``cg:fromRole`` (an entry from outside the ladder) is listed on
    the role it leads into.
    Works on every store: it asks a few SPARQL queries.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph, on any store.

    Returns
    -------
    Summary

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> first = summarize(load_graph()).roles[0]
    >>> first.label, first.moves
    ('Associate Product Manager', (('promotion', 'Product Manager'),))
    """
    found = {str(row[0]): whole_number(row[1], kg.store.describe()) for row in kg.query(_COUNTS)}
    counts = {name: found.get(CG + cls, 0) for name, cls in COUNTED_CLASSES.items()}
    counts["triples"] = len(kg)
    kg.prefetch_labels([CG + "Role", CG + "TransitionKind", CG + "Track"])

    kinds: dict[str, str | None] = {}
    ends: dict[str, set[tuple[str | None, str]]] = {}
    for row in kg.query(_MOVES):
        move = str(row.move)
        if row.kind is not None and (kinds.get(move) is None or str(row.kind) < kinds[move]):
            kinds[move] = str(row.kind)  # a transition with two kinds: the first by IRI
        kinds.setdefault(move, None)
        source = None if row["from"] is None else str(row["from"])
        ends.setdefault(move, set()).add((source, str(row.to)))
    moves: dict[str, list[tuple[str, str]]] = {}
    entries: dict[str, set[str]] = {}
    for move, pairs in ends.items():
        kind = kinds[move]
        kind_label = kg.label(kind) if kind is not None else "move"
        for source, target in pairs:
            if source is None:
                entries.setdefault(target, set()).add(kind_label)
            else:
                moves.setdefault(source, []).append((kind_label, kg.label(target)))

    facts: dict[str, dict[str, object]] = {}
    for row in kg.query(_ROLES):
        fact = facts.setdefault(str(row.role), {"seniority": None, "track": None})
        seniority = integer(row.seniority)
        if seniority is not None and (fact["seniority"] is None or seniority < fact["seniority"]):
            fact["seniority"] = seniority
        if row.track is not None and (fact["track"] is None or str(row.track) < fact["track"]):
            fact["track"] = str(row.track)
    alt_labels: dict[str, set[str]] = {}
    for row in kg.query(_ALT_LABELS):
        alt_labels.setdefault(str(row.role), set()).add(str(row.alt))

    roles = [RoleLine(
        iri=role,
        label=kg.label(role),
        seniority=fact["seniority"],
        track=kg.label(fact["track"]) if fact["track"] is not None else None,
        alt_labels=tuple(sorted(alt_labels.get(role, ()))),
        moves=tuple(sorted(moves.get(role, []))),
        entries=tuple(sorted(entries.get(role, ()))),
    ) for role, fact in facts.items()]
    roles.sort(key=lambda r: (r.seniority is None, r.seniority or 0, r.track or "", r.label))
    return Summary(counts, roles)
