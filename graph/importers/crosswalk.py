"""The crosswalk from a ladder's roles to the ESCO and O*NET occupations they are mapped to.

The built-in ladder maps its roles to ESCO and O*NET occupations with SKOS
mapping properties (``skos:closeMatch``, ``skos:broadMatch`` ...), using the
very IRIs the importers give the occupations they import
(``http://data.europa.eu/esco/occupation/...``,
``https://www.onetonline.org/link/summary/<O*NET-SOC code>``). So once an
import is loaded beside the ladder (``-d onet.ttl``), a mapping leads to a
real occupation, its titles and its skill requirements, and a gap or path can
go from a ladder role to an occupation of the data set.

:func:`mapped_occupations` runs the named query ``crosswalk``
(``ontology/queries/crosswalk.rq``) and keeps each occupation's strongest
core skills.

Examples
--------
>>> from careergraph.load import load_graph
>>> for match in mapped_occupations(load_graph(), "Product Manager"):
...     print(match.relation, match.occupation, match.loaded)
broad match https://www.onetonline.org/link/summary/11-2021.00 False
close match http://data.europa.eu/esco/occupation/9f508305-80ce-4111-8722-f2c9b4a44890 False
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from careergraph.sparql.queries import run_query

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph


@dataclass(frozen=True)
class MappedSkill:
    """A core skill of a mapped occupation.

    Parameters
    ----------
    label : str
        The skill's name.
    proficiency : int
        The level the occupation requires, 1 to 5.
    rating : Decimal or None
        O*NET's Importance rating (1-5) of the skill for the occupation;
        None for ESCO, which has no ratings.
    """

    label: str
    proficiency: int
    rating: Decimal | None


@dataclass(frozen=True)
class MappedOccupation:
    """An occupation a role is mapped to, and its strongest core skills.

    Parameters
    ----------
    relation : str
        The mapping: ``"close match"``, ``"broad match"``, ...
    occupation : str
        The occupation's IRI.
    title : str or None
        Its title, or None when its data set is not loaded.
    skills : tuple of MappedSkill
        Its strongest core skills, at most the number asked for.
    """

    relation: str
    occupation: str
    title: str | None
    skills: tuple[MappedSkill, ...]

    @property
    def loaded(self) -> bool:
        """Whether the occupation's data set is loaded (it has a title)."""
        return self.title is not None


def mapped_occupations(kg: CareerGraph, role: str, top: int = 5) -> list[MappedOccupation]:
    """The occupations ``role`` is mapped to, each with its ``top`` strongest core skills.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph, with the imported data (``-d``) for skills to show.
    role : str
        The role, by any title, alternative title or IRI.
    top : int, default 5
        How many core skills to keep per occupation (O*NET's importance
        rating first, then proficiency).

    Returns
    -------
    list of MappedOccupation
        By mapping relation, then title.

    Raises
    ------
    RoleNotFound
        When no role (or several) has the title.
    """
    found: dict[tuple[str, str], tuple[str | None, list[MappedSkill]]] = {}
    for row in run_query(kg, "crosswalk", {"role": role}).rows:
        key = (row["relation"], row["occupation"])
        _, skills = found.setdefault(key, (row.get("occupationTitle"), []))
        if "skill" in row and len(skills) < top:
            skills.append(MappedSkill(row["skill"], row["proficiency"], row.get("rating")))
    return [MappedOccupation(relation, occupation, title, tuple(skills))
            for (relation, occupation), (title, skills) in found.items()]
