"""The values careergraph derives from O*NET's ratings and codes (curated), each with its reason.

O*NET rates how important (IM, 1-5) each skill and knowledge area is to an
occupation and at what level (LV, 0-7) it is needed, groups occupations into
Job Zones, codes them by the O*NET-SOC taxonomy and places each element in
its content model. careergraph's model wants a proficiency 1-5, an importance
(core or supporting), a seniority, a track and a skill category: the
functions here make them, and say why in words for ``cg:curationNote``.

Examples
--------
>>> proficiency(4.62), importance(4.12)
(4, 'https://w3id.org/careergraph/ontology#Core')
>>> track("11-2021.00", "Marketing Managers").rsplit("#", 1)[1]
'Management'
>>> category("2.B.5.d").rsplit("#", 1)[1]
'Leadership'
"""

from __future__ import annotations

from decimal import Decimal

from careergraph.namespaces import CG

CATEGORY_RULES: tuple[tuple[str, str, str], ...] = (
    ("2.A.1.e", "Analytical", "basic content skill Mathematics"),
    ("2.A.1.f", "Analytical", "basic content skill Science"),
    ("2.A.1", "Interpersonal",
     "basic content skills of communication (reading, listening, writing, speaking)"),
    ("2.A.2", "Analytical", "basic process skills (critical thinking, learning, monitoring)"),
    ("2.B.1", "Interpersonal", "social skills"),
    ("2.B.2", "Analytical", "complex problem solving skills"),
    ("2.B.3", "Technical", "technical skills"),
    ("2.B.4", "Strategic",
     "systems skills (judgment and decision making, systems analysis and evaluation)"),
    ("2.B.5", "Leadership", "resource management skills (time, money, material, people)"),
    ("2.C", "Domain", "knowledge areas"),
)
"""Skill category by O*NET content-model element: (element id prefix, category, what the group is).

The first rule whose prefix is the element id or a parent of it applies;
an element no rule covers is ``cg:Technical``.
"""

JOB_ZONES = {1: "little or no preparation needed", 2: "some preparation needed",
             3: "medium preparation needed", 4: "considerable preparation needed",
             5: "extensive preparation needed"}
"""O*NET's Job Zones, 1 to 5, and what each means."""

CORE_THRESHOLD = Decimal("3.0")
"""The Importance rating from which a skill is core: 3.0, O*NET's "Important" anchor."""


def proficiency(level: float | Decimal) -> int:
    """The careergraph proficiency (1-5) of an O*NET Level rating (0-7), mapped linearly.

    ``1 + round(level * 4 / 7)``, halves rounded up: 0-0.87 -> 1,
    0.88-2.62 -> 2, 2.63-4.37 -> 3, 4.38-6.12 -> 4, 6.13-7 -> 5.

    Parameters
    ----------
    level : float or Decimal
        O*NET's Level (LV) rating of an element for an occupation.

    Returns
    -------
    int
        1 (awareness) to 5 (expert); a level outside 0-7 is clamped.

    Examples
    --------
    >>> [proficiency(level) for level in (0, 0.87, 0.88, 2.62, 2.63, 4.37, 4.38, 6.12, 6.13, 7)]
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    """
    scaled = Decimal(str(level)) * 4 / 7
    return min(5, max(1, 1 + int(scaled + Decimal("0.5"))))


def importance(rating: float | Decimal) -> str:
    """``cg:Core`` for an O*NET Importance of 3.0 ("Important") or more, else ``cg:Supporting``.

    Parameters
    ----------
    rating : float or Decimal
        O*NET's Importance (IM) rating, 1 to 5.

    Returns
    -------
    str
        The IRI of ``cg:Core`` or ``cg:Supporting``.

    Examples
    --------
    >>> [importance(r).rsplit("#", 1)[1] for r in (2.99, 3.0, 5)]
    ['Supporting', 'Core', 'Core']
    """
    return CG + ("Core" if Decimal(str(rating)) >= CORE_THRESHOLD else "Supporting")


def track(code: str, title: str) -> str:
    """The track of an O*NET occupation, from its O*NET-SOC code and title.

    Minor group 11-1000 "Top Executives" is executive; the rest of major
    group 11 "Management Occupations" and every "First-Line Supervisors of
    ..." occupation is management; everything else individual contributor.

    Parameters
    ----------
    code : str
        The O*NET-SOC code, such as ``11-2021.00``.
    title : str
        The occupation's title.

    Returns
    -------
    str
        The IRI of ``cg:Executive``, ``cg:Management`` or ``cg:IndividualContributor``.

    Examples
    --------
    >>> [track(c, t).rsplit("#", 1)[1] for c, t in [
    ...     ("11-1011.00", "Chief Executives"), ("11-3031.01", "Treasurers and Controllers"),
    ...     ("41-1011.00", "First-Line Supervisors of Retail Sales Workers"),
    ...     ("15-1252.00", "Software Developers")]]
    ['Executive', 'Management', 'Management', 'IndividualContributor']
    """
    if code.startswith("11-10"):
        return CG + "Executive"
    if code.startswith("11-") or title.startswith("First-Line Supervisors"):
        return CG + "Management"
    return CG + "IndividualContributor"


def track_reason(code: str, title: str) -> str:
    """Why :func:`track` gives the occupation its track, in words for a curation note.

    Parameters
    ----------
    code : str
        The O*NET-SOC code.
    title : str
        The occupation's title.

    Returns
    -------
    str

    Examples
    --------
    >>> track_reason("41-1011.00", "First-Line Supervisors of Retail Sales Workers")
    'management, as a first-line supervisor leads a team of workers'
    """
    name = track(code, title)
    if name.endswith("Executive"):
        return "executive, as O*NET-SOC minor group 11-1000 is Top Executives"
    if name.endswith("Management") and code.startswith("11-"):
        return "management, as O*NET-SOC major group 11 is Management Occupations"
    if name.endswith("Management"):
        return "management, as a first-line supervisor leads a team of workers"
    return ("individual contributor, as the occupation is neither a management occupation nor "
            "a supervisor")


def category(element: str) -> str:
    """The skill category of an O*NET content-model element, by :data:`CATEGORY_RULES`.

    Parameters
    ----------
    element : str
        The element id, such as ``2.A.1.a`` (Reading Comprehension).

    Returns
    -------
    str
        The IRI of the ``cg:SkillCategory``.

    Examples
    --------
    >>> [category(e).rsplit("#", 1)[1] for e in ("2.A.1.a", "2.A.1.e", "2.B.3.e", "2.C.4.a", "9.Z")]
    ['Interpersonal', 'Analytical', 'Technical', 'Domain', 'Technical']
    """
    return CG + category_rule(element)[1]


def category_rule(element: str) -> tuple[str, str, str]:
    """The rule of :data:`CATEGORY_RULES` that places the element ``element``.

    Parameters
    ----------
    element : str
        The content-model element id.

    Returns
    -------
    tuple of str
        (element id prefix, category local name, what the group is); the
        prefix is empty for an element no rule covers.

    Examples
    --------
    >>> category_rule("2.B.4.e")
    ('2.B.4', 'Strategic', 'systems skills (judgment and decision making, systems analysis and evaluation)')
    """
    for rule in CATEGORY_RULES:
        if element == rule[0] or element.startswith(rule[0] + "."):
            return rule
    return ("", "Technical", "an element careergraph's table does not cover")
