"""The answers of skill-gap questions: a skill to gain or raise, a step, a role's readiness.

Plain frozen dataclasses, made by :mod:`careergraph.gap`; each has
``to_dict()`` for JSON output.

Examples
--------
>>> SkillGain("urn:s", "Strategy", None, 3, "core").cost
3
>>> SkillRaise("urn:s", "Strategy", None, 2, 4, "core").cost
2
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

Passage = dict[str, "str | None"]
"""A source passage as plain values: ``{"section", "quote", "iri"}``."""


@dataclass(frozen=True)
class SkillGain:
    """A skill to gain: required by the target, not held before.

    Parameters
    ----------
    skill : str
        The skill's IRI.
    label : str
        Its name.
    category : str or None
        The label of its category.
    level : int or None
        The level needed (None when the requirement gives none).
    importance : str or None
        ``"core"``, ``"supporting"`` or None.
    sources : tuple of dict
        The passages of the target's requirement (section, quote, IRI).
    level_name : str or None, optional
        The level needed in the framework's words, when the requirement names a level of
        its ladder's own scale (``cg:proficiencyLevel``) that maps onto ``level``.
    scale : str or None, optional
        The name of that scale.
    """

    skill: str
    label: str
    category: str | None
    level: int | None
    importance: str | None
    sources: tuple[Passage, ...] = ()
    level_name: str | None = None
    scale: str | None = None

    @property
    def cost(self) -> int:
        """Levels to climb: the level needed (1 when unknown)."""
        return self.level or 1


@dataclass(frozen=True)
class SkillRaise:
    """A skill held at ``from_level`` that the target needs at the higher ``to_level``.

    Parameters
    ----------
    skill : str
        The skill's IRI.
    label : str
        Its name.
    category : str or None
        The label of its category.
    from_level : int
        The level held.
    to_level : int
        The level needed.
    importance : str or None
        ``"core"``, ``"supporting"`` or None.
    sources : tuple of dict
        The passages of the target's requirement (section, quote, IRI).
    level_name : str or None, optional
        ``to_level`` in the framework's words, when the requirement names a level of its
        ladder's own scale (``cg:proficiencyLevel``) that maps onto it.
    from_level_name : str or None, optional
        ``from_level`` in the words of the same scale: the level the role before asked for
        when it maps onto ``from_level``, else the one level of the scale that does; None
        when none (or several) does.
    scale : str or None, optional
        The name of that scale.
    """

    skill: str
    label: str
    category: str | None
    from_level: int
    to_level: int
    importance: str | None
    sources: tuple[Passage, ...] = ()
    level_name: str | None = None
    from_level_name: str | None = None
    scale: str | None = None

    @property
    def cost(self) -> int:
        """Levels to climb."""
        return self.to_level - self.from_level


@dataclass(frozen=True)
class StepGap:
    """What one move asks: skills to gain and raise, responsibilities taken on, and its sources.

    ``kind`` is None when no move links the two roles directly (the gap is
    then a comparison of the two roles). ``to_dict()`` names ``raise_``
    ``"raise"`` and adds ``"cost"``.

    Parameters
    ----------
    from_role, to_role : str
        The IRIs of the roles the move leaves and reaches.
    from_label, to_label : str
        Their titles.
    kind : str or None
        The kind of the move (``"promotion"``), None when no move links them.
    gain : tuple of SkillGain
        The skills to gain, core ones first.
    raise_ : tuple of SkillRaise
        The skills to raise, core ones first.
    responsibilities : tuple of dict
        The responsibilities of ``to_role`` that ``from_role`` does not carry (``{"iri", "label"}``).
    sources : tuple of dict
        The passages the move cites.
    """

    from_role: str
    to_role: str
    from_label: str
    to_label: str
    kind: str | None
    gain: tuple[SkillGain, ...]
    raise_: tuple[SkillRaise, ...]
    responsibilities: tuple[dict[str, str], ...]
    sources: tuple[Passage, ...]

    @property
    def cost(self) -> int:
        """The proficiency levels this move asks to climb, over all its skills."""
        return sum(g.cost for g in self.gain) + sum(r.cost for r in self.raise_)

    def to_dict(self) -> dict[str, Any]:
        """The step as plain JSON-ready values.

        Returns
        -------
        dict
            The fields (``raise_`` as ``"raise"``) and ``"cost"``; a skill has
            ``level_name``, ``from_level_name`` and ``scale`` only when it has them.
        """
        return {**_renamed(asdict(self)), "cost": self.cost}


@dataclass(frozen=True)
class Readiness:
    """How much of a role's requirements a person covers, what is missing, and how it ranks.

    Parameters
    ----------
    role : str
        The role's IRI.
    label : str
        Its title.
    seniority : int or None
        Its rung on its ladder.
    track : str or None
        The label of its track.
    covered : float
        The share (0 to 1) of the role's required proficiency levels the
        person holds, each level weighted by the requirement's importance
        (:data:`careergraph.gap.IMPORTANCE_WEIGHT`); a skill held above the need counts as the need.
    met, required : int
        The requirements held at the needed level, and all of the role's requirements.
    gain : tuple of SkillGain
        The skills the person lacks.
    raise_ : tuple of SkillRaise
        The skills the person holds below the need.
    evidence : int
        The weighted required levels: how much the graph says about the role.
    score : float
        What :func:`careergraph.gap.readiness` ranks by: ``covered`` shrunk by how thin the
        evidence is, ``held / (evidence + prior)``.
    moves : int or None
        The fewest moves from the person's current role (0 for the role
        itself), None when no path leads there or no current role is known.
    prior : float
        The weight of the unknown requirements the score was computed with.
    """

    role: str
    label: str
    seniority: int | None
    track: str | None
    covered: float
    met: int
    required: int
    gain: tuple[SkillGain, ...]
    raise_: tuple[SkillRaise, ...]
    evidence: int = 0
    score: float = 0.0
    moves: int | None = None
    prior: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The readiness as plain JSON-ready values.

        Returns
        -------
        dict
            The fields (``raise_`` as ``"raise"``), ``covered`` and ``score`` rounded to 4
            places; a skill has ``level_name``, ``from_level_name`` and ``scale`` only when it
            has them.
        """
        return {**_renamed(asdict(self)), "covered": round(self.covered, 4),
                "score": round(self.score, 4)}


_FRAMEWORK_KEYS = ("level_name", "from_level_name", "scale")
"""The keys of a skill's framework level: left out of its JSON when the requirement names none."""


def _renamed(data: dict[str, Any]) -> dict[str, Any]:
    """``raise_`` as ``"raise"``, in its place; the framework keys of skills only where given."""
    for key in ("gain", "raise_"):
        data[key] = [{k: v for k, v in skill.items() if v is not None or k not in _FRAMEWORK_KEYS}
                     for skill in data[key]]
    return {("raise" if key == "raise_" else key): value for key, value in data.items()}
