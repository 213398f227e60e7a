"""Line up two ladders and show where they differ.

A *side* is one ladder as loaded: the built-in one, or a company's file
(``.ttl``, ``.nt``, ``.jsonld``, ``.yaml`` or a folder of CSV tables) layered
over the built-in graph. Its roles are those ``skos:inScheme`` the ladders the
file declares (``cg:Ladder``), and those of the ladders they extend
(``prov:wasDerivedFrom``, which ``extends: builtin`` writes), with the roles
in no ladder that their moves lead to (exit targets, such as the built-in
ladder's General Manager); a file that declares no ladder brings the roles it
describes.

Roles are paired one to one, best pairs first:

1. **same role**: the same IRI (a company ladder that extends the built-in one);
2. **same title**: a title or alternative title of one is a title of the other,
   after :func:`~careergraph.names.normalize_title` (``Sr. PM`` = ``Senior
   Product Manager``);
3. **similar**: seniorities at most one apart and a score
   ``0.5 * title similarity + 0.3 * skill overlap + 0.2 * seniority closeness``
   of at least 0.6, where the title similarity is the best
   ``difflib`` ratio between their normalised titles, the skill overlap the
   Jaccard index of the skills they require (0 when neither requires any;
   reported as None), and the seniority closeness 1
   for the same seniority and 0.5 for one apart; and the titles alike
   (similarity 0.7 or more) or the skills (overlap 0.5 or more).

Skills are the same skill when they have the same IRI or the same normalised
name. A move of one ladder is also a move of the other when both its roles are
paired and the other ladder has a move between the partners; a move between
the partners of another kind is reported as such.

Examples
--------
>>> comparison = compare_ladders(load_side("builtin"), load_side("builtin"))
>>> len(comparison.pairs), comparison.only_a, comparison.moves_only_a
(10, [], [])
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef

from careergraph.career_graph import CareerGraph

from careergraph.load import load_graph
from careergraph.namespaces import CG, PROV, RDF, SKOS
from careergraph.names import normalize_title

BUILTIN = "builtin"
"""The name that stands for the built-in ladder."""

MIN_SCORE = 0.6
MIN_TITLE = 0.7
MIN_OVERLAP = 0.5


@dataclass
class Side:
    """One ladder to compare: its name, the loaded graph and the IRIs of its roles.

    Parameters
    ----------
    name : str
        ``"builtin"`` or the ladder file as given.
    kg : CareerGraph
        The loaded graph the ladder is in.
    roles : list of str
        The IRIs of its roles.
    ladders : list of str
        The IRIs of its ladders, and of those they extend.
    """

    name: str
    kg: CareerGraph
    roles: list[str]
    ladders: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RoleInfo:
    """What the comparison knows of a role.

    Parameters
    ----------
    iri, label : str
        The role and its title.
    seniority : int or None
        Its level (1 = entry).
    track : str or None
        Its track's label.
    titles : frozenset of str
        Its title and alternative titles, normalised.
    skills : dict
        Skill key -> (label, proficiency) of the skills it requires.
    """

    iri: str
    label: str
    seniority: int | None
    track: str | None
    titles: frozenset[str]
    skills: dict[str, tuple[str, int | None]]  # skill key -> (label, proficiency)

    def brief(self) -> dict[str, Any]:
        """The role in short, as plain data.

        Returns
        -------
        dict
            ``iri``, ``label``, ``seniority`` and ``track``.
        """
        return {"iri": self.iri, "label": self.label, "seniority": self.seniority,
                "track": self.track}


@dataclass
class Pair:
    """Two roles lined up, and how they differ in skills.

    Parameters
    ----------
    a, b : RoleInfo
        The role of each side.
    basis : str
        ``"same role"``, ``"same title"`` or ``"similar"``.
    title_similarity : float
        The best ratio between their normalised titles.
    skill_overlap : float or None
        The Jaccard index of their skills; None when neither requires any.
    skills_only_a, skills_only_b : list of str
        The skills only one of them requires.
    level_differences : list of dict
        ``skill``, ``a``, ``b``: skills both require at different levels.
    """

    a: RoleInfo
    b: RoleInfo
    basis: str
    title_similarity: float
    skill_overlap: float | None
    skills_only_a: list[str]
    skills_only_b: list[str]
    level_differences: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The pair as plain data (for JSON).

        Returns
        -------
        dict
            The roles in short, the basis, the scores rounded and the differences.
        """
        return {"a": self.a.brief(), "b": self.b.brief(), "basis": self.basis,
                "title_similarity": round(self.title_similarity, 3),
                "skill_overlap": None if self.skill_overlap is None else round(self.skill_overlap, 3),
                "skills_only_a": self.skills_only_a, "skills_only_b": self.skills_only_b,
                "level_differences": self.level_differences}


@dataclass(frozen=True)
class Move:
    """A move of one ladder, by labels.

    Parameters
    ----------
    source, target : str
        The titles of the roles.
    kind : str
        ``promotion``, ``branch``, ``lateral`` or ``exit``.
    other_kind : str, optional
        The kind of the matching move in the other ladder, when it differs.
    """

    source: str
    target: str
    kind: str
    other_kind: str | None = None


@dataclass
class Comparison:
    """The result of :func:`compare_ladders`; ``to_dict()`` gives it as plain data.

    Parameters
    ----------
    a, b : str
        The names of the two sides.
    pairs : list of Pair
        The roles lined up, by seniority.
    only_a, only_b : list of RoleInfo
        The roles without a partner.
    skills_only_a, skills_only_b : list of str
        The skills only one side's roles require.
    moves_only_a, moves_only_b : list of Move
        The moves only one side has.
    moves_other_kind : list of Move
        The moves both have, of different kinds.
    """

    a: str
    b: str
    pairs: list[Pair]
    only_a: list[RoleInfo]
    only_b: list[RoleInfo]
    skills_only_a: list[str]
    skills_only_b: list[str]
    moves_only_a: list[Move]
    moves_only_b: list[Move]
    moves_other_kind: list[Move]

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain data (for JSON).

        Returns
        -------
        dict
            Every field, roles in short and moves as dicts.
        """
        return {
            "a": self.a, "b": self.b,
            "pairs": [pair.to_dict() for pair in self.pairs],
            "roles_only_a": [role.brief() for role in self.only_a],
            "roles_only_b": [role.brief() for role in self.only_b],
            "skills_only_a": self.skills_only_a, "skills_only_b": self.skills_only_b,
            "moves_only_a": [asdict(m) for m in self.moves_only_a],
            "moves_only_b": [asdict(m) for m in self.moves_only_b],
            "moves_other_kind": [asdict(m) for m in self.moves_other_kind],
        }


def load_side(spec: str | Path, *, data: Sequence[str | Path] = ()) -> Side:
    """Load one side: ``"builtin"``, or a ladder file or folder layered over the built-in graph.

    Parameters
    ----------
    spec : str or Path
        ``"builtin"`` or the ladder.
    data : sequence of str or Path
        More files to load under it (context its references need).

    Returns
    -------
    Side
        The ladder's name, graph and roles.

    Raises
    ------
    DataFileError
        When the file cannot be read (see :func:`careergraph.load.load_graph`).
    CareerGraphError
        When it holds no role.
    """
    from careergraph.errors import CareerGraphError

    if str(spec) == BUILTIN:
        kg = load_graph(data)
        name, own = BUILTIN, {layer.name for layer in kg.layers if layer.builtin}
    else:
        name = str(spec)
        kg = load_graph([*data, spec])
        own = {kg.layers[-1].name}
    a, role_class, ladder_class = RDF + "type", URIRef(CG + "Role"), URIRef(CG + "Ladder")
    ladders = [ladder for ladder in kg.subjects(a, ladder_class) if kg.origin(ladder) in own]
    extended = list(ladders)
    for ladder in extended:
        extended += [base for base in kg.objects(ladder, PROV + "wasDerivedFrom") if base not in extended]

    def is_role(node) -> bool:
        return role_class in kg.objects(node, a)

    def on_a_ladder(role) -> bool:
        return any(ladder_class in kg.objects(scheme, a) for scheme in kg.objects(role, SKOS + "inScheme"))

    roles = {role for ladder in extended for role in kg.subjects(SKOS + "inScheme", ladder) if is_role(role)}
    roles |= {target for role in list(roles) for target in kg.objects(role, CG + "canMoveTo")
              if not on_a_ladder(target) and is_role(target)}
    if not ladders:
        roles = {role for role in kg.subjects(a, role_class) if kg.origin(role) in own}
    if not roles:
        raise CareerGraphError(f"{name}: no roles to compare (no cg:Ladder with roles in it)")
    return Side(name, kg, sorted(str(role) for role in roles), [str(ladder) for ladder in extended])


def _skill_key(iri: str, label: str) -> str:
    return normalize_title(label) or iri


def role_infos(side: Side) -> dict[str, RoleInfo]:
    """The roles of a side, with their titles and required skills.

    Parameters
    ----------
    side : Side
        One side of the comparison.

    Returns
    -------
    dict
        Role IRI -> :class:`RoleInfo`.
    """
    from careergraph.project import role_graph, skill_graph

    roles, skills = role_graph(side.kg), skill_graph(side.kg)
    infos = {}
    for iri in side.roles:
        data = roles.nodes[iri]
        titles = frozenset(normalize_title(t) for t in [data["label"], *data["alt_labels"]])
        required = {}
        for skill in skills.successors(iri) if iri in skills else ():
            label = skills.nodes[skill]["label"]
            required[_skill_key(skill, label)] = (label, skills.edges[iri, skill]["proficiency"])
        infos[iri] = RoleInfo(iri, data["label"], data["seniority"], data["track"], titles, required)
    return infos


def _title_similarity(a: RoleInfo, b: RoleInfo) -> float:
    return max(difflib.SequenceMatcher(None, x, y).ratio() for x in a.titles for y in b.titles)


def _overlap(a: RoleInfo, b: RoleInfo) -> float | None:
    """The Jaccard index of the skills two roles require; None when neither requires any."""
    union = set(a.skills) | set(b.skills)
    return len(set(a.skills) & set(b.skills)) / len(union) if union else None


def _closeness(a: RoleInfo, b: RoleInfo) -> float | None:
    if a.seniority is None or b.seniority is None:
        return 0.5
    gap = abs(a.seniority - b.seniority)
    return 1.0 if gap == 0 else 0.5 if gap == 1 else None


def _candidate(a: RoleInfo, b: RoleInfo) -> tuple[tuple, str, float, float | None] | None:
    """(rank, basis, title similarity, overlap) when ``a`` and ``b`` may be paired."""
    title, overlap, closeness = _title_similarity(a, b), _overlap(a, b), _closeness(a, b)
    score = 0.5 * title + 0.3 * (overlap or 0) + 0.2 * (closeness or 0)
    if a.iri == b.iri:
        return (0, -score), "same role", title, overlap
    if a.titles & b.titles:
        return (1, -score), "same title", title, overlap
    if closeness is not None and score >= MIN_SCORE and (title >= MIN_TITLE or (overlap or 0) >= MIN_OVERLAP):
        return (2, -score), "similar", title, overlap
    return None


def compare_ladders(a: Side, b: Side) -> Comparison:
    """Pair the roles of two ladders and list their differences (see the module's description).

    Parameters
    ----------
    a, b : Side
        The two ladders, from :func:`load_side`.

    Returns
    -------
    Comparison
        The pairs, and what only one side has.
    """
    roles_a, roles_b = role_infos(a), role_infos(b)
    candidates = []
    for x in roles_a.values():
        for y in roles_b.values():
            found = _candidate(x, y)
            if found is not None:
                candidates.append((found[0], x.label, y.label, x, y, *found[1:]))
    candidates.sort(key=lambda c: c[:3])
    pairs, partner_a, partner_b = [], {}, {}
    for _, _, _, x, y, basis, title, overlap in candidates:
        if x.iri in partner_a or y.iri in partner_b:
            continue
        partner_a[x.iri], partner_b[y.iri] = y.iri, x.iri
        pairs.append(_pair(x, y, basis, title, overlap))
    pairs.sort(key=lambda p: (_seniority(p.a), p.a.label.casefold()))
    moves_a, moves_b = _moves(a), _moves(b)
    labels = {**{i: r.label for i, r in roles_a.items()}, **{i: r.label for i, r in roles_b.items()}}
    only_a, other_kind = _unshared(moves_a, moves_b, partner_a, labels)
    only_b, _ = _unshared(moves_b, moves_a, partner_b, labels)
    asks_a = {key: label for r in roles_a.values() for key, (label, _) in r.skills.items()}
    asks_b = {key: label for r in roles_b.values() for key, (label, _) in r.skills.items()}
    return Comparison(
        a.name, b.name, pairs,
        _by_seniority(r for i, r in roles_a.items() if i not in partner_a),
        _by_seniority(r for i, r in roles_b.items() if i not in partner_b),
        sorted((asks_a[k] for k in asks_a.keys() - asks_b.keys()), key=str.casefold),
        sorted((asks_b[k] for k in asks_b.keys() - asks_a.keys()), key=str.casefold),
        only_a, only_b, other_kind)


def _pair(x: RoleInfo, y: RoleInfo, basis: str, title: float, overlap: float | None) -> Pair:
    levels = [{"skill": x.skills[k][0], "a": x.skills[k][1], "b": y.skills[k][1]}
              for k in sorted(x.skills.keys() & y.skills.keys()) if x.skills[k][1] != y.skills[k][1]]
    return Pair(x, y, basis, title, overlap,
                sorted((x.skills[k][0] for k in x.skills.keys() - y.skills.keys()), key=str.casefold),
                sorted((y.skills[k][0] for k in y.skills.keys() - x.skills.keys()), key=str.casefold),
                levels)


def _seniority(role: RoleInfo) -> int:
    return role.seniority if role.seniority is not None else 10**6


def _by_seniority(roles) -> list[RoleInfo]:
    return sorted(roles, key=lambda r: (_seniority(r), r.label.casefold()))


def _moves(side: Side) -> dict[tuple[str, str], str]:
    """(from, to) -> kind, for the moves between two roles of the side."""
    from careergraph.project import role_graph

    members = set(side.roles)
    graph = role_graph(side.kg)
    return {(u, v): data["kind"] for u, v, data in graph.edges(data=True)
            if u in members and v in members}


def _unshared(mine: dict, theirs: dict, partner: dict[str, str],
              labels: dict[str, str]) -> tuple[list[Move], list[Move]]:
    only, other = [], []
    for (u, v), kind in mine.items():
        mapped = (partner.get(u), partner.get(v))
        theirs_kind = theirs.get(mapped) if None not in mapped else None
        if theirs_kind is None:
            only.append(Move(labels[u], labels[v], kind))
        elif theirs_kind != kind:
            other.append(Move(labels[u], labels[v], kind, theirs_kind))
    def key(move: Move) -> tuple[str, str]:
        return move.source.casefold(), move.target.casefold()

    return sorted(only, key=key), sorted(other, key=key)
