"""Line up two ladders and show where they differ.

The two sides (:mod:`careergraph.compare_sides`) are each the built-in
ladder, a company's file (``.ttl``, ``.nt``, ``.jsonld``, ``.yaml`` or a
folder of CSV tables) layered over the built-in graph, or a ladder named by
its short name in the ``-d`` files. Roles are paired one to one, best pairs
first, by explicit mappings (``skos:exactMatch``, then ``skos:closeMatch``,
either direction), then level equivalence (``cg:sameLevelAs``, or the same
``cg:grade``), then the same IRI or title, then title similarity (word order
ignored) with skill overlap and seniority; each pair says which
(:mod:`careergraph.compare_pairs`). Skills are the same skill when they have
the same IRI or the same normalised name.

A move of one ladder is also a move of the other when both its ends are
paired (an end on neither ladder, such as a built-in role an exit leads to,
stands for itself) and the other ladder has a move between the partners; a
move between the partners of another kind is reported as such. Exits and
track switches are moves like the others.

Examples
--------
>>> comparison = compare_ladders(load_side("builtin"), load_side("builtin"))
>>> len(comparison.pairs), comparison.only_a, comparison.moves_only_a
(10, [], [])
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from careergraph.compare_pairs import (BASES, Grade, Links, RoleInfo, candidate, read_links,
                                       role_infos)
from careergraph.compare_sides import (BUILTIN, Side, load_side, load_sides, role_ladders,
                                       side_moves)

__all__ = ["BASES", "BUILTIN", "Comparison", "Grade", "Links", "Move", "Pair", "RoleInfo", "Side",
           "compare_ladders", "load_side", "load_sides", "role_infos"]


@dataclass
class Pair:
    """Two roles lined up, and how they differ in skills.

    Parameters
    ----------
    a, b : RoleInfo
        The role of each side.
    basis : str
        One of :data:`~careergraph.compare_pairs.BASES`: ``"mapping: exact"``,
        ``"same level"``, ``"similar"``...
    title_similarity : float
        The best ratio between their normalised titles (word order ignored).
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
        The titles of the roles; a role of neither side's own roles is named
        ``LADDER:Title`` when its ladder has a short name (``pm:VP of Product``).
    kind : str
        ``promotion``, ``branch``, ``lateral``, ``exit``, ``entry`` or ``track switch``.
    other_kind : str, optional
        The kind of the matching move in the other ladder, when it differs.
    source_iri, target_iri : str, optional
        The IRIs of the roles.
    """

    source: str
    target: str
    kind: str
    other_kind: str | None = None
    source_iri: str = ""
    target_iri: str = ""


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


def compare_ladders(a: Side, b: Side) -> Comparison:
    """Pair the roles of two ladders and list their differences (see the module's description).

    Parameters
    ----------
    a, b : Side
        The two ladders, from :func:`load_sides` or :func:`load_side`.

    Returns
    -------
    Comparison
        The pairs, and what only one side has.
    """
    roles_a, roles_b = role_infos(a), role_infos(b)
    links = read_links([a.kg, b.kg])
    candidates = []
    for x in roles_a.values():
        for y in roles_b.values():
            found = candidate(x, y, links)
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
    moves_a, moves_b = side_moves(a), side_moves(b)
    only_a, other_kind = _unshared(moves_a, moves_b, partner_a, (set(roles_a), set(roles_b)),
                                   _labels(a, roles_a, moves_a))
    only_b, _ = _unshared(moves_b, moves_a, partner_b, (set(roles_b), set(roles_a)),
                          _labels(b, roles_b, moves_b))
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


def _labels(side: Side, roles: dict[str, RoleInfo], moves: dict) -> dict[str, str]:
    """The labels of the ends of a side's moves: its own roles by title, others ``LADDER:Title``."""
    from careergraph.project import role_graph

    graph, ladders = role_graph(side.kg), role_ladders(side.kg)
    labels = {iri: role.label for iri, role in roles.items()}
    for end in {end for move in moves for end in move} - labels.keys():
        title = graph.nodes[end]["label"]
        labels[end] = f"{ladders[end]}:{title}" if end in ladders else title
    return labels


def _unshared(mine: dict, theirs: dict, partner: dict[str, str], members: tuple[set[str], set[str]],
              labels: dict[str, str]) -> tuple[list[Move], list[Move]]:
    """The moves only ``mine`` has, and those ``theirs`` has of another kind.

    An end of a move stands for its partner; an end without one stands for
    itself, unless both sides have it as a role (then the move is not shared):
    a role of another ladder that a move leads to is the same on both sides.
    """
    ours, others = members

    def counterpart(end: str) -> str | None:
        if end in partner:
            return partner[end]
        return None if end in ours and end in others else end

    only, other = [], []
    for (u, v), kind in mine.items():
        mapped = (counterpart(u), counterpart(v))
        theirs_kind = theirs.get(mapped) if None not in mapped else None
        move = Move(labels[u], labels[v], kind, None, u, v)
        if theirs_kind is None:
            only.append(move)
        elif theirs_kind != kind:
            other.append(Move(labels[u], labels[v], kind, theirs_kind, u, v))

    def key(move: Move) -> tuple[str, str]:
        return move.source.casefold(), move.target.casefold()

    return sorted(only, key=key), sorted(other, key=key)
