"""A framework's own proficiency scale, and the level of it each skill requirement asks for.

A ladder may write its skill requirements on its own scale (``cg:proficiencyScale``
on the ladder, a ``cg:Scale``): levels such as Awareness, Working, Practitioner
and Expert, ordered by ``cg:levelOrder``, each mapping onto the common 1-5
scale by ``rdf:value``. A requirement names its level with
``cg:proficiencyLevel`` and keeps ``cg:proficiency`` (the common level) for
arithmetic. This module reads those levels so that every output can say them
in the framework's words: :meth:`FrameworkLevel.words` gives
``Practitioner (3 of 4 in DDaT skill levels; common level 3)``.

Every query binds its role, ladder or scale (never formats it into the text).

Examples
--------
>>> level = FrameworkLevel("urn:l3", "Practitioner", None, 3, 3, "urn:ddat", "DDaT skill levels",
...                        (1, 2, 3, 4))
>>> level.words()
'Practitioner (3 of 4 in DDaT skill levels; common level 3)'
>>> FrameworkLevel("urn:o5", "Level 5", None, 5, 4, "urn:onet", "O*NET level", tuple(range(8))).words()
'Level 5 (5 on 0-7 in O*NET level; common level 4)'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careergraph.passages import integer, is_literal

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

__all__ = ["FrameworkLevel", "Scale", "has_framework_levels", "ladder_scale", "level_for",
           "read_scale", "requirement_levels"]

_REQUIREMENT_LEVELS = """
SELECT ?requirement ?level ?scale WHERE {
  ?role cg:requires ?requirement . ?requirement cg:proficiencyLevel ?level .
  OPTIONAL { ?level skos:inScheme ?scale }
}"""

_SCALE_LEVELS = """
SELECT ?level ?property ?value WHERE {
  ?level skos:inScheme ?scale ; a cg:ProficiencyLevel .
  VALUES ?property { skos:prefLabel skos:notation skos:definition cg:levelOrder rdf:value }
  ?level ?property ?value .
}"""

_LEVEL = """
SELECT ?property ?value WHERE {
  VALUES ?property { skos:prefLabel skos:notation skos:definition cg:levelOrder rdf:value }
  ?level ?property ?value .
}"""

_ANY_LEVEL = """SELECT ?requirement WHERE { ?requirement cg:proficiencyLevel ?level } LIMIT 1"""

_LADDER_SCALE = """SELECT ?scale WHERE { ?ladder cg:proficiencyScale ?scale }"""

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_CG = "https://w3id.org/careergraph/ontology#"
_RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"


@dataclass(frozen=True)
class FrameworkLevel:
    """One level of a framework's scale, in the framework's words.

    Parameters
    ----------
    iri : str
        The level (a ``cg:ProficiencyLevel``).
    name : str
        Its name (``skos:prefLabel``, else ``skos:notation``, else the IRI).
    notation : str or None
        Its code, when the framework gives one.
    order : int or None
        Its place in its scale (``cg:levelOrder``), lowest first.
    common : int or None
        The common 1-5 level it maps onto (``rdf:value``).
    scale : str or None
        The scale's IRI.
    scale_label : str or None
        The scale's name.
    orders : tuple of int
        The places of all the levels of its scale, sorted (for "3 of 4").
    definition : str or None, optional
        What the level means (``skos:definition``).
    """

    iri: str
    name: str
    notation: str | None
    order: int | None
    common: int | None
    scale: str | None
    scale_label: str | None
    orders: tuple[int, ...] = ()
    definition: str | None = None

    def place(self) -> str | None:
        """Where the level is in its scale: ``3 of 4``, or ``5 on 0-7`` when it does not count from 1.

        Returns
        -------
        str or None
            None when the level has no order.

        Examples
        --------
        >>> FrameworkLevel("urn:l", "Working", None, 2, 2, None, None, (1, 2, 3, 4)).place()
        '2 of 4'
        """
        if self.order is None:
            return None
        if self.orders and self.orders == tuple(range(1, len(self.orders) + 1)):
            return f"{self.order} of {len(self.orders)}"
        if self.orders:
            return f"{self.order} on {self.orders[0]}-{self.orders[-1]}"
        return str(self.order)

    def words(self) -> str:
        """The level as the framework says it, with its place and its common level.

        Returns
        -------
        str
            ``Practitioner (3 of 4 in DDaT skill levels; common level 3)``; the parts the
            graph does not give are left out.

        Examples
        --------
        >>> FrameworkLevel("urn:l", "Working", None, None, None, None, None).words()
        'Working'
        """
        place = self.place()
        where = " in ".join(part for part in (place, self.scale_label) if part)
        common = None if self.common is None else f"common level {self.common}"
        inner = "; ".join(part for part in (where, common) if part)
        return f"{self.name} ({inner})" if inner else self.name


@dataclass(frozen=True)
class Scale:
    """A framework's proficiency scale: its levels, lowest first.

    Parameters
    ----------
    iri : str
        The scale (a ``cg:Scale``).
    label : str
        Its name.
    levels : tuple of FrameworkLevel
        Its levels by ``cg:levelOrder`` (levels without one last, by common level and name).
    """

    iri: str
    label: str
    levels: tuple[FrameworkLevel, ...]


def read_scale(kg: CareerGraph, scale: str) -> Scale:
    """Read one scale and its levels.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    scale : str
        The scale's IRI.

    Returns
    -------
    Scale
        Its levels lowest first (none when the graph gives none).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> common = read_scale(load_graph(), "https://w3id.org/careergraph/ontology#ProficiencyScale")
    >>> [(level.name, level.common) for level in common.levels][:2]
    [('awareness', 1), ('working knowledge', 2)]
    """
    from rdflib import URIRef

    values: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in kg.query(_SCALE_LEVELS, {"scale": URIRef(scale)}):
        values[str(row.level)][str(row.property)].append(row.value)
    label = kg.label(scale)
    facts = {level: _facts(level, found) for level, found in values.items()}
    orders = tuple(sorted({f["order"] for f in facts.values() if f["order"] is not None}))
    levels = sorted((FrameworkLevel(level, f["name"], f["notation"], f["order"], f["common"], scale,
                                    label, orders, f["definition"])
                     for level, f in facts.items()), key=_level_key)
    return Scale(scale, label, tuple(levels))


def ladder_scale(kg: CareerGraph, ladder: str) -> Scale | None:
    """The ladder's own proficiency scale (``cg:proficiencyScale``), or None.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    ladder : str
        The ladder's IRI.

    Returns
    -------
    Scale or None
        The scale with its levels; None when the ladder uses the common scale only.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> ladder_scale(load_graph(), "https://w3id.org/careergraph/pm/ladder") is None
    True
    """
    from rdflib import URIRef

    scales = sorted(str(row.scale) for row in kg.query(_LADDER_SCALE, {"ladder": URIRef(ladder)}))
    return read_scale(kg, scales[0]) if scales else None  # functional: the first by IRI if two


def requirement_levels(kg: CareerGraph, role: str) -> dict[str, FrameworkLevel]:
    """The framework level each of a role's requirements names (``cg:proficiencyLevel``).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.

    Returns
    -------
    dict
        Requirement IRI -> its level; requirements without ``cg:proficiencyLevel`` are left out.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> requirement_levels(load_graph(), "https://w3id.org/careergraph/pm/product-manager")
    {}
    """
    from rdflib import URIRef

    chosen: dict[str, tuple[str, str | None]] = {}
    for row in sorted(kg.query(_REQUIREMENT_LEVELS, {"role": URIRef(role)}),
                      key=lambda r: (str(r.level), str(r.scale or ""))):
        chosen.setdefault(str(row.requirement), (str(row.level), _text(row.scale)))
    scales: dict[str, Scale] = {}
    found = {}
    for requirement, (level, scale) in chosen.items():
        if scale is not None and scale not in scales:
            scales[scale] = read_scale(kg, scale)
        known = {lv.iri: lv for lv in scales[scale].levels} if scale is not None else {}
        found[requirement] = known.get(level) or _lone_level(kg, level)
    return found


def has_framework_levels(kg: CareerGraph) -> bool:
    """Whether any requirement of the graph names a framework level (one cheap query).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    bool
        True when some requirement has ``cg:proficiencyLevel``.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> has_framework_levels(load_graph())
    False
    """
    return any(True for _ in kg.query(_ANY_LEVEL))


def level_for(kg: CareerGraph, like: FrameworkLevel, common: int,
              prefer: FrameworkLevel | None = None,
              scales: dict[str, Scale] | None = None) -> FrameworkLevel | None:
    """The level of ``like``'s scale that maps onto the common level ``common``, if one is known.

    ``prefer`` (the level the role before asked for) when it is of the same scale
    and maps onto ``common``; else the one level of the scale that does; else None
    (no level does, or several do and the graph does not say which).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    like : FrameworkLevel
        A level of the scale to name ``common`` in.
    common : int
        A level of the common 1-5 scale.
    prefer : FrameworkLevel, optional
        The level to take when it fits.
    scales : dict, optional
        Scales read so far, by IRI (filled as scales are read).

    Returns
    -------
    FrameworkLevel or None
        The level, or None.

    Examples
    --------
    >>> level = FrameworkLevel("urn:l", "Working", None, 2, 2, None, None)
    >>> level_for(None, level, 2, prefer=level).name
    'Working'
    """
    if prefer is not None and prefer.scale == like.scale and prefer.common == common:
        return prefer
    if like.scale is None:
        return like if like.common == common else None
    scales = {} if scales is None else scales
    if like.scale not in scales:
        scales[like.scale] = read_scale(kg, like.scale)
    fits = [level for level in scales[like.scale].levels if level.common == common]
    return fits[0] if len(fits) == 1 else None


def _lone_level(kg: CareerGraph, level: str) -> FrameworkLevel:
    """A level read on its own (it names no scale, or is not a ``cg:ProficiencyLevel`` of it)."""
    from rdflib import URIRef

    values: dict[str, list[Any]] = defaultdict(list)
    for row in kg.query(_LEVEL, {"level": URIRef(level)}):
        values[str(row.property)].append(row.value)
    f = _facts(level, values)
    return FrameworkLevel(level, f["name"], f["notation"], f["order"], f["common"], None, None, (),
                          f["definition"])


def _facts(level: str, values: dict[str, list[Any]]) -> dict[str, Any]:
    """Name, notation, order, common level and definition of a level from its property values."""
    notation = _first(values.get(_SKOS + "notation", ()))
    name = _first(values.get(_SKOS + "prefLabel", ())) or notation or level
    return {"name": name, "notation": notation,
            "order": _lowest(values.get(_CG + "levelOrder", ())),
            "common": _lowest(values.get(_RDF_VALUE, ())),
            "definition": _first(values.get(_SKOS + "definition", ()))}


def _level_key(level: FrameworkLevel) -> tuple[bool, int, bool, int, str]:
    return (level.order is None, level.order or 0, level.common is None, level.common or 0,
            level.name.casefold())


def _first(values: Any) -> str | None:
    """The first English (or untagged) literal by text, else the first literal, else None."""
    literals = [v for v in values if is_literal(v)]
    english = sorted(str(v) for v in literals if (v.language or "en").lower().startswith("en"))
    return english[0] if english else (sorted(map(str, literals)) or [None])[0]


def _lowest(values: Any) -> int | None:
    """The lowest integer among the values (two values of a functional property: the lowest)."""
    numbers = [n for n in map(integer, values) if n is not None]
    return min(numbers) if numbers else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
