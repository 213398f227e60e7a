"""The level-to-level table of two ladders: each level of A, its roles, and B's roles beside them.

The levels of ladder A are its grades (``cg:Grade`` nodes ``skos:inScheme``
its ladders, or held by its roles), in ``cg:levelOrder`` order, when it has
any; otherwise its seniorities (``cg:seniority``). A role held at several
grades is at each; roles without a grade come after the grades, at level
``-``, by seniority; roles without a seniority at level ``?``.

Beside each role of A are the roles of B lined up with it on the strongest
basis found, all the roles of B on that basis:

1. ``same role``: the same IRI;
2. ``mapping: exact``: ``skos:exactMatch``, either direction, through other
   nodes (SKOS makes it transitive);
3. ``mapping: close``: ``skos:closeMatch``, either direction;
4. ``same level``: ``cg:sameLevelAs``, symmetric and transitive;
5. ``same grade``: held at one ``cg:grade`` node;
6. ``seniority``: the same ``cg:seniority`` (on the same track, when B has
   roles of that seniority on the role's track).

Unlike :mod:`careergraph.compare`, roles are not paired one to one: a role
of B may stand beside several roles of A. The roles of B beside none are
listed apart.

Examples
--------
>>> from careergraph.load import load_graph
>>> walk = crosswalk_ladders(load_graph(), "builtin", "pm")
>>> walk.by, [level.level for level in walk.levels]
('seniority', ['1', '2', '3', '4', '5', '6', '?'])
>>> line = walk.levels[0].lines[0]
>>> line.role.label, [(m.role.label, m.basis) for m in line.matches]
('Associate Product Manager', [('Associate Product Manager', 'same role')])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from careergraph.compare_pairs import Grade, Links, RoleInfo, grade_key, read_links, role_infos
from careergraph.compare_sides import Side, side_in_graph
from careergraph.passages import integer

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

BASES = ("same role", "mapping: exact", "mapping: close", "same level", "same grade", "seniority")
"""The bases on which a role of B stands beside a role of A, strongest first."""

_LADDER_GRADES = """
SELECT ?grade ?notation ?order ?label WHERE {
  ?grade a cg:Grade ; skos:inScheme ?ladder .
  OPTIONAL { ?grade skos:notation ?notation }
  OPTIONAL { ?grade cg:levelOrder ?order }
  OPTIONAL { ?grade skos:prefLabel ?label }
}"""

NO_GRADE = "-"
"""The level of the roles without a grade, in a ladder with grades."""
NO_SENIORITY = "?"
"""The level of the roles without a seniority, in a ladder without grades."""


@dataclass(frozen=True)
class Match:
    """A role of B beside a role of A.

    Parameters
    ----------
    role : RoleInfo
        The role of B.
    basis : str
        One of :data:`BASES`.
    """

    role: RoleInfo
    basis: str

    def to_dict(self) -> dict[str, Any]:
        """The match as plain data.

        Returns
        -------
        dict
            The role in short (see :meth:`RoleInfo.brief`) and ``basis``.
        """
        return {"role": self.role.brief(), "basis": self.basis}


@dataclass(frozen=True)
class Line:
    """A role of A and the roles of B beside it.

    Parameters
    ----------
    role : RoleInfo
        The role of A.
    matches : tuple of Match
        The roles of B, all on the strongest basis found; empty for none.
    """

    role: RoleInfo
    matches: tuple[Match, ...]

    def to_dict(self) -> dict[str, Any]:
        """The line as plain data.

        Returns
        -------
        dict
            ``role`` in short and ``matches``.
        """
        return {"role": self.role.brief(), "matches": [m.to_dict() for m in self.matches]}


@dataclass(frozen=True)
class Level:
    """One level of ladder A: a grade, or a seniority.

    Parameters
    ----------
    level : str
        The grade's code (``L5``) or the seniority (``3``); ``-`` or ``?`` for none.
    label : str or None
        The grade's name, when it has one.
    order : int or None
        The grade's ``cg:levelOrder``, or the seniority.
    lines : tuple of Line
        The roles of A at this level, by title.
    """

    level: str
    label: str | None
    order: int | None
    lines: tuple[Line, ...]

    def to_dict(self) -> dict[str, Any]:
        """The level as plain data.

        Returns
        -------
        dict
            ``level``, ``label``, ``order`` and ``roles`` (the lines).
        """
        return {"level": self.level, "label": self.label, "order": self.order,
                "roles": [line.to_dict() for line in self.lines]}


@dataclass(frozen=True)
class Crosswalk:
    """The result of :func:`crosswalk_ladders`; ``to_dict()`` gives it as plain data.

    Parameters
    ----------
    a, b : str
        The names of the two sides, as given.
    ladder_a, ladder_b : str or None
        The titles of their ladders.
    by : str
        ``"grade"`` or ``"seniority"``: what the levels of A are.
    levels : tuple of Level
        The levels of A, lowest first.
    unmatched_b : tuple of RoleInfo
        The roles of B beside no role of A.
    """

    a: str
    b: str
    ladder_a: str | None
    ladder_b: str | None
    by: str
    levels: tuple[Level, ...]
    unmatched_b: tuple[RoleInfo, ...]

    def to_dict(self) -> dict[str, Any]:
        """The crosswalk as plain data (for JSON).

        Returns
        -------
        dict
            Every field; roles in short.
        """
        return {"a": self.a, "b": self.b, "ladder_a": self.ladder_a, "ladder_b": self.ladder_b,
                "by": self.by, "levels": [level.to_dict() for level in self.levels],
                "unmatched_b": [role.brief() for role in self.unmatched_b]}


def crosswalk_ladders(kg: CareerGraph, a: str | Side, b: str | Side) -> Crosswalk:
    """The level-to-level table of two ladders (see the module's description).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph, where a side given by name is looked up.
    a, b : str or Side
        Each ``"builtin"``, a ladder's short name in ``kg``, or a side
        already loaded (:func:`careergraph.compare_sides.load_sides`).

    Returns
    -------
    Crosswalk
        The levels of A with B's roles beside A's.

    Raises
    ------
    CareerGraphError
        When no ladder has a short name given (the message lists the known ones).
    """
    side_a = a if isinstance(a, Side) else side_in_graph(kg, a)
    side_b = b if isinstance(b, Side) else side_in_graph(kg, b)
    roles_a, roles_b = role_infos(side_a), role_infos(side_b)
    links = read_links([kg, side_a.kg, side_b.kg])
    grades = _ladder_grades(side_a)
    for role in roles_a.values():
        for grade in role.grades:
            grades.setdefault(grade.iri, (grade, None))
    lines = {iri: Line(role, _matches(role, roles_b, links)) for iri, role in roles_a.items()}
    levels = _by_grade(lines, grades) if grades else _by_seniority(lines)
    beside = {m.role.iri for line in lines.values() for m in line.matches}
    unmatched = tuple(sorted((r for i, r in roles_b.items() if i not in beside), key=_role_key))
    return Crosswalk(side_a.name, side_b.name, _ladder_label(side_a), _ladder_label(side_b),
                     "grade" if grades else "seniority", levels, unmatched)


def _ladder_label(side: Side) -> str | None:
    return side.kg.label(side.ladders[0]) if side.ladders else None


def _ladder_grades(side: Side) -> dict[str, tuple[Grade, str | None]]:
    """Grade IRI -> (grade, name): the grades ``skos:inScheme`` the side's ladders."""
    from careergraph.passages import english, text
    from careergraph.vocabulary import local_name

    found: dict[str, tuple[Grade, Any]] = {}
    for ladder in side.ladders:
        for row in side.kg.query(_LADDER_GRADES, {"ladder": URIRef(ladder)}):
            notation = str(row.notation) if row.notation is not None else local_name(row.grade)
            grade = Grade(str(row.grade), notation, integer(row.order))
            label = english(found[str(row.grade)][1], row.label) if str(row.grade) in found else row.label
            found[str(row.grade)] = (grade, label)
    return {iri: (grade, text(label)) for iri, (grade, label) in found.items()}


def _basis(x: RoleInfo, y: RoleInfo, links: Links) -> str | None:
    if x.iri == y.iri:
        return "same role"
    found = links.basis(x.iri, y.iri)
    if found is None and {g.iri for g in x.grades} & {g.iri for g in y.grades}:
        found = "same grade"
    if found is None and x.seniority is not None and x.seniority == y.seniority:
        found = "seniority"
    return found


def _matches(role: RoleInfo, others: dict[str, RoleInfo], links: Links) -> tuple[Match, ...]:
    """The roles of ``others`` beside ``role``: all those on the strongest basis found."""
    found = [(BASES.index(basis), other) for other in others.values()
             if (basis := _basis(role, other, links)) is not None]
    if not found:
        return ()
    best = min(rank for rank, _ in found)
    chosen = [other for rank, other in found if rank == best]
    if BASES[best] == "seniority" and any(other.track == role.track for other in chosen):
        chosen = [other for other in chosen if other.track == role.track]
    return tuple(Match(other, BASES[best]) for other in sorted(chosen, key=_role_key))


def _role_key(role: RoleInfo) -> tuple:
    first = role.grades[0] if role.grades else None
    grade = grade_key(first) if first is not None else (2, 0, "")
    seniority = role.seniority if role.seniority is not None else 10**6
    return grade, seniority, role.label.casefold(), role.iri


def _by_grade(lines: dict[str, Line], grades: dict[str, tuple[Grade, str | None]]) -> tuple[Level, ...]:
    levels = []
    for iri, (grade, label) in sorted(grades.items(), key=lambda item: grade_key(item[1][0])):
        at = [line for line in lines.values() if iri in {g.iri for g in line.role.grades}]
        levels.append(Level(grade.notation, label, grade.order, _sorted(at)))
    rest = {iri: line for iri, line in lines.items() if not line.role.grades}
    for level in _by_seniority(rest):  # roles without a grade: by seniority, after the grades
        label = None if level.order is None else f"seniority {level.order}"
        levels.append(Level(NO_GRADE, label, None, level.lines))
    return tuple(levels)


def _by_seniority(lines: dict[str, Line]) -> tuple[Level, ...]:
    seniorities = sorted({line.role.seniority for line in lines.values()},
                         key=lambda s: (s is None, s or 0))
    return tuple(Level(NO_SENIORITY if s is None else str(s), None, s,
                       _sorted([line for line in lines.values() if line.role.seniority == s]))
                 for s in seniorities)


def _sorted(lines: list[Line]) -> tuple[Line, ...]:
    return tuple(sorted(lines, key=lambda line: (line.role.label.casefold(), line.role.iri)))
