"""Where a role stands: its grades, level band, years of experience and span of control.

The parts of :class:`careergraph.description.RoleDescription` that place a
role beyond its seniority and track, as the ladder's sources state them:

- its grades (``cg:grade``, each a ``cg:Grade`` with a code, a title and a
  ``cg:levelOrder``), lowest first, and its level band (``cg:levelBand``);
- its experience ranges (``cg:experience``): one per source, each with only
  the numbers that source gives, so sources that disagree are all shown;
- its spans of control (``cg:spanOfControl``): how many people it manages.

Its equivalent roles are read by :mod:`careergraph.role_equivalences`.

Each reader binds the role in its query (never formats it into the text) and
cites passages through the ``cite`` function it is given, so the numbers are
those of the description's footnotes.

Examples
--------
>>> years(2.0), years(4.5), years(None)
(2, 4.5, None)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from careergraph.namespaces import CG, DCTERMS, SKOS
from careergraph.passages import integer, is_literal

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

__all__ = ["Band", "Experience", "Grade", "Span", "read_band", "read_experience", "read_grades",
           "read_spans", "years"]

Cite = Callable[[Iterable[str]], tuple[int, ...]]
"""Numbers passages (source IRIs) as the description's footnotes."""

_LEVELS = """
SELECT ?node ?property ?value WHERE {
  ?role ?link ?node .
  OPTIONAL {
    VALUES ?property { skos:notation skos:prefLabel cg:levelOrder }
    ?node ?property ?value .
  }
}"""

_FACTS = """
SELECT ?node ?property ?value WHERE {
  ?role ?link ?node .
  OPTIONAL { ?node ?property ?value }
}"""

@dataclass(frozen=True)
class Grade:
    """A grade of its ladder at which the role is held.

    Parameters
    ----------
    iri : str
        The grade (a ``cg:Grade``).
    notation : str or None
        Its code as the organisation writes it (``L5``, ``HEO``).
    label : str or None
        Its title (``Higher Executive Officer``), when given.
    order : int or None
        Its place among its ladder's grades, lowest first.
    """

    iri: str
    notation: str | None
    label: str | None
    order: int | None

    @property
    def name(self) -> str:
        """The code and the title: ``L5 Lead``, or whichever the graph gives."""
        return " ".join(part for part in (self.notation, self.label) if part) or self.iri


@dataclass(frozen=True)
class Band:
    """The level band of its ladder the role is in.

    Parameters
    ----------
    iri : str
        The band (a ``cg:LevelBand``).
    label : str
        Its name (``Senior Leader``).
    order : int or None
        Its place among its ladder's bands, lowest first.
    """

    iri: str
    label: str
    order: int | None


@dataclass(frozen=True)
class Experience:
    """The years of experience one source gives for the role: only the numbers it states.

    Parameters
    ----------
    iri : str
        The range (a ``cg:ExperienceRange``).
    min_years, typical_years, max_years : int, float or None
        The fewest, the typical and the most years (None where the source says nothing).
    sources : tuple of int
        The passages that state it.
    """

    iri: str
    min_years: int | float | None
    typical_years: int | float | None
    max_years: int | float | None
    sources: tuple[int, ...]


@dataclass(frozen=True)
class Span:
    """How many people a holder of the role manages, as one source gives it.

    Parameters
    ----------
    iri : str
        The span (a ``cg:SpanOfControl``).
    min_reports, max_reports : int or None
        The fewest and the most people (None where the source gives no number).
    note : str or None
        The source's words (``skos:note``).
    sources : tuple of int
        The passages that state it.
    """

    iri: str
    min_reports: int | None
    max_reports: int | None
    note: str | None
    sources: tuple[int, ...]


def years(value: Any) -> int | float | None:
    """A number of a literal as plain JSON: an int when whole, else a float; None if it is none.

    Parameters
    ----------
    value : object
        A value of an answer row (an ``xsd:decimal`` literal), a number, or None.

    Returns
    -------
    int, float or None
        None for anything that is not a finite number.

    Examples
    --------
    >>> years("3.50"), years("x"), years(float("nan"))
    (3.5, None, None)
    """
    if value is None or (is_literal(value) and value.datatype is None and value.language):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > 10**6:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def read_grades(kg: CareerGraph, role: str) -> tuple[Grade, ...]:
    """The grades the role is held at, lowest first.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.

    Returns
    -------
    tuple of Grade
        By ``cg:levelOrder`` (grades without one last), then code.
    """
    found = _levels(kg, role, CG + "grade")
    grades = [Grade(node, _first(v.get(SKOS + "notation", ())), _first(v.get(SKOS + "prefLabel", ())),
                    _lowest(v.get(CG + "levelOrder", ()))) for node, v in found.items()]
    return tuple(sorted(grades, key=lambda g: (g.order is None, g.order or 0, g.name)))


def read_band(kg: CareerGraph, role: str) -> Band | None:
    """The role's level band, or None.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.

    Returns
    -------
    Band or None
        Of two (a functional property given twice), the first by IRI.
    """
    found = _levels(kg, role, CG + "levelBand")
    if not found:
        return None
    node = min(found)
    values = found[node]
    return Band(node, _first(values.get(SKOS + "prefLabel", ())) or kg.label(node),
                _lowest(values.get(CG + "levelOrder", ())))


def read_experience(kg: CareerGraph, role: str, cite: Cite) -> tuple[Experience, ...]:
    """The role's experience ranges, one per source, as the sources give them.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.
    cite : callable
        Numbers source IRIs as footnotes.

    Returns
    -------
    tuple of Experience
        By the fewest years (none last), then the typical and the most, then IRI.
    """
    found = _facts(kg, role, CG + "experience")
    ranges = [Experience(node, _number(v.get(CG + "minYears", ())),
                         _number(v.get(CG + "typicalYears", ())),
                         _number(v.get(CG + "maxYears", ())), ())
              for node, v in found.items()]
    ranges.sort(key=lambda r: (*(_missing_last(n) for n in (r.min_years, r.typical_years,
                                                             r.max_years)), r.iri))
    return tuple(Experience(r.iri, r.min_years, r.typical_years, r.max_years,
                            cite(map(str, found[r.iri].get(DCTERMS + "source", ()))))
                 for r in ranges)


def read_spans(kg: CareerGraph, role: str, cite: Cite) -> tuple[Span, ...]:
    """The role's spans of control, one per source.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.
    cite : callable
        Numbers source IRIs as footnotes.

    Returns
    -------
    tuple of Span
        By the fewest people (none last), the most, then IRI.
    """
    found = _facts(kg, role, CG + "spanOfControl")
    spans = [Span(node, _lowest(v.get(CG + "minReports", ())), _lowest(v.get(CG + "maxReports", ())),
                  _first(v.get(SKOS + "note", ())), ()) for node, v in found.items()]
    spans.sort(key=lambda s: (_missing_last(s.min_reports), _missing_last(s.max_reports), s.iri))
    return tuple(Span(s.iri, s.min_reports, s.max_reports, s.note,
                      cite(map(str, found[s.iri].get(DCTERMS + "source", ())))) for s in spans)


def _levels(kg: CareerGraph, role: str, link: str) -> dict[str, dict[str, list[Any]]]:
    return _grouped(kg, _LEVELS, role, link)  # the code, title and order of each node


def _facts(kg: CareerGraph, role: str, link: str) -> dict[str, dict[str, list[Any]]]:
    return _grouped(kg, _FACTS, role, link)  # every property of each node


def _grouped(kg: CareerGraph, query: str, role: str, link: str) -> dict[str, dict[str, list[Any]]]:
    """Node -> property -> values from a query's ``?node ?property ?value`` rows (a node with
    no value is kept: a grade with no code is still a grade)."""
    from rdflib import URIRef

    bound = {"role": URIRef(role), "link": URIRef(link)}
    found: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in kg.query(query, bound):
        values = found[str(row.node)]
        if row.property is not None and row.value is not None:
            values[str(row.property)].append(row.value)
    return dict(found)


def _first(values: Iterable[Any]) -> str | None:
    """The first English (or untagged) literal by text, else the first literal, else None."""
    literals = [v for v in values if is_literal(v)]
    english = sorted(str(v) for v in literals if (v.language or "en").lower().startswith("en"))
    return english[0] if english else (sorted(map(str, literals)) or [None])[0]


def _lowest(values: Iterable[Any]) -> int | None:
    numbers = [n for n in map(integer, values) if n is not None]
    return min(numbers) if numbers else None


def _number(values: Iterable[Any]) -> int | float | None:
    numbers = [n for n in map(years, (v for v in values if is_literal(v))) if n is not None]
    return min(numbers) if numbers else None


def _missing_last(number: int | float | None) -> tuple[bool, float]:
    return number is None, float(number or 0)
