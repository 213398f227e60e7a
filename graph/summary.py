"""What a loaded graph holds: counts, its ladders, and the roles as an outline by seniority.

Each ladder (a ``cg:Ladder``) is summed up by :class:`LadderLine`: its short
name (``skos:notation``) and title, its roles and tracks, its grades and level
bands in order, its own proficiency scale (levels in order, each with the
common 1-5 level it maps onto), and how many experience ranges, spans of
control, equivalences (to roles of other ladders, and within it) and track
switches it states.

Examples
--------
>>> from careergraph.load import load_graph
>>> info = summarize(load_graph())
>>> info.counts["roles"], info.roles[0].label, info.roles[0].seniority
(11, 'Associate Product Manager', 1)
>>> [(ladder.notation, ladder.roles) for ladder in info.ladders]
[('pm', 8)]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from careergraph.namespaces import CG
from careergraph.passages import integer, is_literal
from careergraph.store.terms import whole_number

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph
    from careergraph.scales import Scale

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
class LadderLine:
    """One ladder: its name, roles, levels, scale, and how much of the model it states.

    Parameters
    ----------
    iri : str
        The ladder (a ``cg:Ladder``).
    notation : str or None
        Its short name (``skos:notation``), the ``LADDER`` of ``LADDER:Title``.
    title : str
        Its title.
    roles : int
        How many roles are in it (``skos:inScheme``).
    tracks : tuple of str
        The labels of its roles' tracks, sorted.
    grades : tuple of (str, str or None)
        ``(code, title)`` of each of its grades, lowest first (``cg:levelOrder``).
    bands : tuple of str
        Its level bands, lowest first.
    scale : Scale or None
        Its own proficiency scale, None when it uses the common 1-5 scale only.
    experience_ranges : int
        The experience ranges its roles have (one per source).
    spans : int
        The spans of control its roles have.
    equivalences_across : int
        Pairs of roles, one of this ladder and one of another, linked by ``skos:exactMatch``,
        ``skos:closeMatch`` or ``cg:sameLevelAs`` (each pair and relation once, either way).
    equivalences_within : int
        Such pairs with both roles in this ladder.
    track_switches : int
        Its moves of kind ``cg:TrackSwitch`` (from one of its roles).
    """

    iri: str
    notation: str | None
    title: str
    roles: int
    tracks: tuple[str, ...]
    grades: tuple[tuple[str, str | None], ...]
    bands: tuple[str, ...]
    scale: Scale | None
    experience_ranges: int
    spans: int
    equivalences_across: int
    equivalences_within: int
    track_switches: int


@dataclass(frozen=True)
class Summary:
    """Counts of the main kinds of node, the ladders, and the roles in ladder order.

    Parameters
    ----------
    counts : dict of str to int
        Each name of :data:`COUNTED_CLASSES` -> how many nodes of that class,
        and ``"triples"`` -> the size of the graph.
    roles : list of RoleLine
        The roles by seniority (none last), track, then title.
    ladders : list of LadderLine, optional
        The ladders, by short name (then title).
    """

    counts: dict[str, int]
    roles: list[RoleLine]
    ladders: list[LadderLine] = field(default_factory=list)

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
        (['counts', 'ladders', 'roles'], ['alt_labels', 'entries', 'iri'])
        """
        return {"counts": self.counts, "ladders": [asdict(ladder) for ladder in self.ladders],
                "roles": [asdict(role) for role in self.roles]}


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
    return Summary(counts, roles, summarize_ladders(kg))


_LADDERS = """
SELECT ?ladder ?notation WHERE { ?ladder a cg:Ladder . OPTIONAL { ?ladder skos:notation ?notation } }"""

_LADDER_ROLES = """
SELECT ?role ?track WHERE { ?role skos:inScheme ?ladder ; a cg:Role . OPTIONAL { ?role cg:track ?track } }"""

_LADDER_LEVELS = """
SELECT ?node ?class ?property ?value WHERE {
  VALUES ?class { cg:Grade cg:LevelBand }
  ?node skos:inScheme ?ladder ; a ?class .
  OPTIONAL {
    VALUES ?property { skos:notation skos:prefLabel cg:levelOrder }
    ?node ?property ?value .
  }
}"""

_ROLE_NODES = """
SELECT DISTINCT ?role ?link ?node WHERE {
  VALUES ?link { cg:experience cg:spanOfControl }
  ?role ?link ?node .
}"""

_SWITCHES = """
SELECT DISTINCT ?move ?role WHERE {
  ?move cg:transitionKind cg:TrackSwitch ; cg:fromRole ?role ; a cg:Transition .
}"""

_EQUIVALENCES = """
SELECT DISTINCT ?relation ?one ?other WHERE {
  VALUES ?relation { skos:exactMatch skos:closeMatch cg:sameLevelAs }
  ?one ?relation ?other .
  ?one a cg:Role . ?other a cg:Role .
}"""

_SKOS = "http://www.w3.org/2004/02/skos/core#"


def summarize_ladders(kg: CareerGraph) -> list[LadderLine]:
    """Sum up every ladder of the graph (see :class:`LadderLine`).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph, on any store.

    Returns
    -------
    list of LadderLine
        By short name (ladders without one last), then title.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> [pm] = summarize_ladders(load_graph())
    >>> pm.title, pm.tracks, pm.grades, pm.scale
    ('Product management career ladder', ('executive', 'individual contributor', 'management'), (), None)
    """
    from rdflib import URIRef

    from careergraph.scales import ladder_scale

    notations: dict[str, set[str]] = defaultdict(set)
    for row in kg.query(_LADDERS):
        notations[str(row.ladder)].update([] if row.notation is None else [str(row.notation)])
    if not notations:
        return []
    # the model's facts are few: read them once for the whole graph, then share them out
    nodes = [(str(row.role), str(row.link), str(row.node)) for row in kg.query(_ROLE_NODES)]
    switches = [(str(row.move), str(row.role)) for row in kg.query(_SWITCHES)]
    pairs = {(str(row.relation), frozenset((str(row.one), str(row.other))))
             for row in kg.query(_EQUIVALENCES) if row.one != row.other}
    lines = []
    for ladder, names in notations.items():
        bound = {"ladder": URIRef(ladder)}
        tracks: dict[str, set[str]] = defaultdict(set)
        for row in kg.query(_LADDER_ROLES, bound):
            tracks[str(row.role)].update([] if row.track is None else [str(row.track)])
        grades, bands = _levels(kg, bound)
        counted = {link: len({node for role, kind, node in nodes if kind == link and role in tracks})
                   for link in (CG + "experience", CG + "spanOfControl")}
        touching = [pair for _, pair in pairs if pair & tracks.keys()]
        within = sum(1 for pair in touching if pair <= tracks.keys())
        lines.append(LadderLine(
            iri=ladder, notation=min(names) if names else None, title=kg.label(ladder),
            roles=len(tracks),
            tracks=tuple(sorted({kg.label(t) for found in tracks.values() for t in found})),
            grades=grades, bands=bands, scale=ladder_scale(kg, ladder),
            experience_ranges=counted[CG + "experience"], spans=counted[CG + "spanOfControl"],
            equivalences_across=len(touching) - within, equivalences_within=within,
            track_switches=len({move for move, role in switches if role in tracks})))
    lines.sort(key=lambda line: (line.notation is None, (line.notation or "").casefold(),
                                 line.title.casefold(), line.iri))
    return lines


def _levels(kg: CareerGraph, bound: dict[str, Any]
            ) -> tuple[tuple[tuple[str, str | None], ...], tuple[str, ...]]:
    """The ladder's grades ``(code, title)`` and its bands, each lowest first."""
    found: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in kg.query(_LADDER_LEVELS, bound):
        values = found[str(row["class"]), str(row.node)]
        if row.property is not None and row.value is not None:
            values[str(row.property)].append(row.value)
    grades, bands = [], []
    for (cls, node), values in found.items():
        orders = [n for n in map(integer, values.get(CG + "levelOrder", ())) if n is not None]
        order = (not orders, min(orders) if orders else 0)
        label = _english(values.get(_SKOS + "prefLabel", ()))
        if cls == CG + "Grade":
            code = _english(values.get(_SKOS + "notation", ())) or label or node
            grades.append((order, code, label if label != code else None))
        else:
            bands.append((order, label or kg.label(node)))
    return (tuple((code, label) for _, code, label in sorted(grades)),
            tuple(name for _, name in sorted(bands)))


def _english(values: list[Any]) -> str | None:
    """The first English (or untagged) literal by text, else the first literal, else None."""
    literals = [v for v in values if is_literal(v)]
    english = sorted(str(v) for v in literals if (v.language or "en").lower().startswith("en"))
    return english[0] if english else (sorted(map(str, literals)) or [None])[0]

