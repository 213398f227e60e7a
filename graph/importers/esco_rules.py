"""The values careergraph derives for ESCO occupations and skills (curated), and the release's version.

ESCO gives its occupations neither a seniority nor a track, and its skills
no category of careergraph's; the functions here derive them from the
occupation's ISCO-08 group and the skill's type and reuse level, and say why
in words for ``cg:curationNote``.

Examples
--------
>>> seniority("1223"), track("1223").rsplit("#", 1)[1]
(4, 'Management')
>>> seniority("9112"), track("9112").rsplit("#", 1)[1]
(1, 'IndividualContributor')
>>> category("knowledge", "sector-specific").rsplit("#", 1)[1]
'Domain'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from careergraph.namespaces import CG

SKILL_LEVELS = {"0": None, "1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
"""ISCO-08 major group (first digit) -> its skill level, the seniority of its occupations.

Managers (1) are given level 4, as ISCO-08 puts them at 3 and 4; the armed
forces (0) are placed by sub-major group, :data:`ARMED_FORCES`.
"""

ARMED_FORCES = {"01": 4, "02": 2, "03": 1}
"""ISCO-08 armed forces sub-major group -> skill level: officers, non-commissioned officers, other ranks."""


def seniority(isco_code: str) -> int:
    """The seniority of an occupation in the ISCO-08 group ``isco_code``: its skill level, 1-4.

    Parameters
    ----------
    isco_code : str
        The code of an ISCO-08 group (major group and below), such as ``2512``.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        ``isco_code`` is not an ISCO-08 group code.

    Examples
    --------
    >>> [seniority(code) for code in ("0110", "0210", "2512", "3122", "5131", "9629")]
    [4, 2, 4, 3, 2, 1]
    """
    level = SKILL_LEVELS.get(isco_code[:1]) or ARMED_FORCES.get(isco_code[:2])
    if level is None:
        raise ValueError(f"not an ISCO-08 group code: {isco_code!r}")
    return level


def track(isco_code: str) -> str:
    """The track of an occupation in the ISCO-08 group ``isco_code``.

    Sub-major group 11 (chief executives, senior officials and legislators)
    is executive, other managers (major group 1) management, everyone else
    individual contributor.

    Parameters
    ----------
    isco_code : str
        The code of the occupation's ISCO-08 group.

    Returns
    -------
    str
        The IRI of ``cg:Executive``, ``cg:Management`` or ``cg:IndividualContributor``.

    Examples
    --------
    >>> [track(code).rsplit("#", 1)[1] for code in ("1120", "1223", "2512")]
    ['Executive', 'Management', 'IndividualContributor']
    """
    if isco_code.startswith("11"):
        return CG + "Executive"
    return CG + ("Management" if isco_code.startswith("1") else "IndividualContributor")


def track_name(isco_code: str) -> str:
    """How a curation note names the track :func:`track` gives, with the group that decides it.

    Parameters
    ----------
    isco_code : str
        The code of the occupation's ISCO-08 group.

    Returns
    -------
    str

    Examples
    --------
    >>> track_name("1223")
    'management (major group 1, managers)'
    """
    return {"Executive": "executive (sub-major group 11, chief executives, senior officials and "
                         "legislators)",
            "Management": "management (major group 1, managers)",
            }.get(track(isco_code).rsplit("#", 1)[1], "individual contributor (not a manager)")


def category(skill_type: str, reuse_level: str) -> str:
    """The skill category of an ESCO skill, from its ``skillType`` and ``reuseLevel``.

    Knowledge is product and market knowledge (``cg:Domain``), transversal
    skills (ESCO's soft or core skills of every occupation) interpersonal,
    all other skills and competences technical.

    Parameters
    ----------
    skill_type : str
        ESCO's ``skillType``: ``knowledge`` or ``skill/competence``.
    reuse_level : str
        ESCO's ``reuseLevel``: ``transversal``, ``cross-sector``,
        ``sector-specific`` or ``occupation-specific``.

    Returns
    -------
    str
        The IRI of the ``cg:SkillCategory``.

    Examples
    --------
    >>> [category(t, r).rsplit("#", 1)[1] for t, r in [
    ...     ("knowledge", "transversal"), ("skill/competence", "transversal"),
    ...     ("skill/competence", "occupation-specific"), ("", "")]]
    ['Domain', 'Interpersonal', 'Technical', 'Technical']
    """
    if skill_type.strip() == "knowledge":
        return CG + "Domain"
    return CG + ("Interpersonal" if reuse_level.strip() == "transversal" else "Technical")


def version(location: str | Path | Iterable[str]) -> str | None:
    """The ESCO version the name of a download (zip or folder) gives, such as ``1.2.0``, else None.

    Parameters
    ----------
    location : str, Path or iterable of str
        The zip or folder, or several names to try in turn (the zip's, then
        the folder's inside it).

    Returns
    -------
    str or None

    Examples
    --------
    >>> version(Path("data/esco-1.2.0"))
    '1.2.0'
    >>> version("ESCO dataset - v1.1.1 - classification - en - csv.zip")
    '1.1.1'
    >>> version(["downloads", "esco-1.2.0"]), version(Path("downloads"))
    ('1.2.0', None)
    """
    names = [Path(location).name] if isinstance(location, (str, Path)) else list(location)
    for name in names:
        found = re.search(r"v?(\d+\.\d+(?:\.\d+)?)", name)
        if found:
            return found.group(1)
    return None
