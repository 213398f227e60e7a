"""The Python plans of the named queries that Oxigraph answers slowly (see :mod:`careergraph.sparql.plan`).

Each function gives exactly the rows, in the same order, of the SPARQL of
``ontology/queries/NAME.rq`` (whose header names the plan on its ``# Plan:``
line). The SPARQL each plan sends keeps the query's patterns and bindings
but joins them as sub-selects ``{ SELECT ... WHERE { one pattern } }``, which
Oxigraph evaluates by scanning each side once and hashing (where it would
otherwise look each row up in turn), and leaves out the ``ORDER BY`` and the
aggregates, done here in Python on the few thousand rows.

Examples
--------
>>> from careergraph.load import load_graph
>>> from careergraph.sparql.plan import PLANS
>>> kg = load_graph()
>>> answer = PLANS["ladder"](lambda text: kg.store.query(text))
>>> [str(value) for value in answer.rows[0]]
['1', 'Associate Product Manager', 'individual contributor', 'APM, Junior Product Manager, Product Owner']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from careergraph.sparql.plan import PLANS, Ask, plan, sort_rows, term_key
from careergraph.store.answer import Answer
from careergraph.store.terms import plain_literal

__all__ = ["PLANS"]

_ROLES = """
      { SELECT ?roleIri WHERE { ?roleIri a cg:Role } }
      { SELECT ?roleIri ?role WHERE { ?roleIri skos:prefLabel ?role } }
      { SELECT ?roleIri ?seniority WHERE { ?roleIri cg:seniority ?seniority } }"""

SKILL_CATEGORY_SHIFT = """SELECT ?role ?seniority ?categories WHERE {
  { SELECT ?roleIri (GROUP_CONCAT(?code; separator="") AS ?categories) WHERE {
      { SELECT ?roleIri ?requirement WHERE { ?roleIri cg:requires ?requirement } }
      { SELECT ?requirement ?skill WHERE { ?requirement cg:skill ?skill } }
      { SELECT ?skill ?code WHERE {
          ?skill cg:skillCategory ?category .
          BIND (IF(?category = cg:Technical, "T", IF(?category = cg:Analytical, "A",
                IF(?category = cg:Domain, "D", IF(?category = cg:Strategic, "S",
                IF(?category = cg:Interpersonal, "I", IF(?category = cg:Leadership, "L", "-")))))) AS ?code)
        } }
    } GROUP BY ?roleIri }""" + _ROLES + """
}"""

_CATEGORIES = "TADSIL"
"""The letters of :data:`SKILL_CATEGORY_SHIFT` for cg:Technical ... cg:Leadership, in the columns' order."""


@plan("skill-category-shift")
def skill_category_shift(ask: Ask) -> Answer:
    """Count each role's skill categories in SPARQL as one string, then group and sort here.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``skill-category-shift.rq``.
    """
    from rdflib import Literal

    counts: dict[tuple[Any, Any], list[int]] = {}
    for role, seniority, categories in ask(SKILL_CATEGORY_SHIFT).rows:
        row = counts.setdefault((seniority, role), [0] * 7)
        text = str(categories)
        for index, letter in enumerate(_CATEGORIES):
            row[index] += text.count(letter)
        row[6] += len(text)
    literals: dict[Any, Any] = {}  # the same few numbers again and again: each made once

    def literal(value: Any) -> Any:
        key = (type(value), value)  # 0 and Decimal(0) are equal keys, not equal literals
        made = literals.get(key)
        if made is None:
            made = literals[key] = Literal(value)
        return made

    rows = []
    for (seniority, role), (*by_category, total) in counts.items():
        people = by_category[4] + by_category[5]
        rows.append((seniority, role, *map(literal, by_category), literal(total),
                     literal(_percent(by_category[0], total)), literal(_percent(people, total))))
    return Answer("select", ["seniority", "role", "technical", "analytical", "domain", "strategic",
                             "interpersonal", "leadership", "skills", "technicalPercent", "peoplePercent"],
                  sort_rows(rows, [(0, False, False), (1, False, False)]))


def _percent(part: int, total: int) -> Decimal:
    """SPARQL's ``ROUND(100 * part / total)``: a decimal, halves rounded up.

    Examples
    --------
    >>> _percent(1, 8), _percent(1, 3)
    (Decimal('13'), Decimal('33'))
    """
    return (Decimal(100 * part) / Decimal(total)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


LADDER = """SELECT ?seniority ?role ?trackIri ?altLabel WHERE {
  { SELECT ?iri ?role ?seniority ?trackIri WHERE {
      { SELECT ?iri WHERE { ?iri a cg:Role } }
      { SELECT ?iri ?role WHERE { ?iri skos:prefLabel ?role FILTER (langMatches(lang(?role), "en")) } }
      { SELECT ?iri ?seniority WHERE { ?iri cg:seniority ?seniority } }
      { SELECT ?iri ?trackIri WHERE { ?iri cg:track ?trackIri } } } }
  OPTIONAL { SELECT ?iri ?altLabel WHERE { ?iri skos:altLabel ?altLabel } }
}"""

TRACKS = """SELECT ?trackIri ?track WHERE {
  { SELECT DISTINCT ?trackIri WHERE { ?anyRole cg:track ?trackIri } }
  ?trackIri skos:prefLabel ?track .
}"""
"""The tracks' titles (a handful), joined to the rows in Python: cheaper than a look-up per row."""


def _with_labels(ask: Ask, rows: Iterable[Sequence[Any]], column: int, labels_text: str) -> list[tuple[Any, ...]]:
    """The rows with the IRI in ``column`` replaced by its labels: one row per label, none without.

    That is the join ``?iri skos:prefLabel ?label`` of the SPARQL it stands for.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text.
    rows : iterable of sequences
        The rows.
    column : int
        Where the IRI is.
    labels_text : str
        SPARQL whose rows are ``(iri, label)``.

    Returns
    -------
    list of tuple
        The rows, joined.
    """
    labels: dict[Any, list[Any]] = defaultdict(list)
    for iri, label in ask(labels_text).rows:
        labels[iri].append(label)
    return [(*row[:column], label, *row[column + 1:]) for row in rows for label in labels.get(row[column], ())]


@plan("ladder")
def ladder(ask: Ask) -> Answer:
    """The roles and their alternative titles from SPARQL; the titles joined and the roles sorted here.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``ladder.rq``.
    """
    titles: dict[tuple[Any, Any, Any], list[Any]] = defaultdict(list)
    for seniority, role, track, alternative in _with_labels(ask, ask(LADDER).rows, 2, TRACKS):
        found = titles[(seniority, role, track)]
        if alternative is not None:
            found.append(alternative)
    rows = [(*group, plain_literal(", ".join(map(str, sorted(found, key=term_key)))))
            for group, found in titles.items()]
    return Answer("select", ["seniority", "role", "track", "alsoCalled"],
                  sort_rows(rows, [(0, False, False), (2, False, False), (1, False, False)]))


ALTERNATIVE_TITLES = """SELECT ?title ?alternativeTitle ?seniority WHERE {
  { SELECT ?role WHERE { ?role a cg:Role } }
  { SELECT ?role ?title WHERE { ?role skos:prefLabel ?title } }
  { SELECT ?role ?alternativeTitle WHERE { ?role skos:altLabel ?alternativeTitle } }
  OPTIONAL { SELECT ?role ?seniority WHERE { ?role cg:seniority ?seniority } }
}"""


@plan("alternative-titles")
def alternative_titles(ask: Ask) -> Answer:
    """The titles from SPARQL, sorted here.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``alternative-titles.rq``.
    """
    rows = sort_rows(ask(ALTERNATIVE_TITLES).rows, [(2, False, True), (0, False, False), (1, False, False)])
    return Answer("select", ["title", "alternativeTitle"], (row[:2] for row in rows))


BRANCHES_AND_EXITS = """SELECT ?from ?move ?to ?section ?fromSeniority WHERE {
  { SELECT ?transition ?fromIri ?toIri ?kind WHERE {
      { SELECT ?transition WHERE { ?transition a cg:Transition } }
      { SELECT ?transition ?fromIri WHERE { ?transition cg:fromRole ?fromIri } }
      { SELECT ?transition ?toIri WHERE { ?transition cg:toRole ?toIri } }
      { SELECT ?transition ?kind WHERE { ?transition cg:transitionKind ?kind FILTER (?kind != cg:Promotion) } }
  } }
  { SELECT ?kind ?move WHERE { { SELECT DISTINCT ?kind WHERE { ?anyMove cg:transitionKind ?kind } }
                              ?kind skos:prefLabel ?move } }
  { SELECT ?fromIri ?from WHERE { ?fromIri skos:prefLabel ?from } }
  { SELECT ?toIri ?to WHERE { ?toIri skos:prefLabel ?to } }
  OPTIONAL {
    SELECT ?transition (MIN(?passageSection) AS ?section) WHERE {
      { SELECT ?transition WHERE { ?transition cg:transitionKind ?kind FILTER (?kind != cg:Promotion) } }
      { SELECT ?transition ?passage WHERE { ?transition dcterms:source ?passage } }
      { SELECT ?passage ?passageSection WHERE { ?passage cg:section ?passageSection } }
    } GROUP BY ?transition
  }
  OPTIONAL { SELECT ?fromIri ?fromSeniority WHERE { ?fromIri cg:seniority ?fromSeniority } }
}"""


@plan("branches-and-exits")
def branches_and_exits(ask: Ask) -> Answer:
    """The moves from SPARQL (the sections looked up for the moves off the ladder only), sorted here.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``branches-and-exits.rq``.
    """
    rows = sort_rows(ask(BRANCHES_AND_EXITS).rows, [(4, False, True), (1, False, False), (2, False, False),
                                                    (0, False, False), (3, False, False)])
    return Answer("select", ["from", "move", "to", "section"], (row[:4] for row in rows))


SEARCH = """SELECT DISTINCT ?kind ?name ?matched WHERE {
  { SELECT ?thing ?matched WHERE {
      ?thing skos:prefLabel|skos:altLabel ?matched .
      FILTER (CONTAINS(LCASE(STR(?matched)), LCASE(STR(?text))))
  } }
  ?thing a ?class .
  FILTER (?class IN (cg:Role, cg:Skill, cg:Responsibility))
  BIND (IF(?class = cg:Role, "role", IF(?class = cg:Skill, "skill", "responsibility")) AS ?kind)
  ?thing skos:prefLabel ?name .
}"""


@plan("search")
def search(ask: Ask) -> Answer:
    """The matching names first (one scan of the labels), then what they name (the classes as a
    ``FILTER``: Oxigraph joined ``VALUES`` to every typed thing); sorted here.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``search.rq``.
    """
    rows = sort_rows(ask(SEARCH).rows, [(0, False, False), (1, False, False), (2, False, False)])
    return Answer("select", ["kind", "name", "matched"], rows)


def _moves(direction: str, name: str) -> str:
    """The roles a path of moves reaches from ``?role`` (``+``) or that reach it (``^``), with their track."""
    path = "?role cg:canMoveTo+ ?otherIri" if direction == "+" else "?otherIri cg:canMoveTo+ ?role"
    return f"""SELECT ?{name} ?seniority ?trackIri WHERE {{
  {{ SELECT DISTINCT ?otherIri WHERE {{ {path} . FILTER (?otherIri != ?role) }} }}
  {{ SELECT ?otherIri ?{name} WHERE {{ ?otherIri skos:prefLabel ?{name} }} }}
  {{ SELECT ?otherIri ?trackIri WHERE {{ ?otherIri cg:track ?trackIri }} }}
  OPTIONAL {{ SELECT ?otherIri ?seniority WHERE {{ ?otherIri cg:seniority ?seniority }} }}
}}"""


_BY_SENIORITY = [(1, False, True), (0, False, False), (2, False, False)]
"""``ORDER BY (!BOUND(?seniority)) ?seniority ?title ?track``."""

REACHABLE_FROM = _moves("+", "reachable")
LEADS_TO = _moves("^", "before")


@plan("reachable-from")
def reachable_from(ask: Ask) -> Answer:
    """The roles the path reaches, with their titles, from SPARQL; sorted here.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``reachable-from.rq``.
    """
    rows = sort_rows(_with_labels(ask, ask(REACHABLE_FROM).rows, 2, TRACKS), _BY_SENIORITY)
    return Answer("select", ["reachable", "seniority", "track"], rows)


@plan("leads-to")
def leads_to(ask: Ask) -> Answer:
    """The roles that reach the role, with their titles, from SPARQL; sorted here.

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``leads-to.rq``.
    """
    rows = sort_rows(_with_labels(ask, ask(LEADS_TO).rows, 2, TRACKS), _BY_SENIORITY)
    return Answer("select", ["before", "seniority", "track"], rows)


SKILLS = """SELECT ?skillIri ?skill ?category ?order WHERE {
  { SELECT ?skillIri WHERE { ?skillIri a cg:Skill } }
  { SELECT ?skillIri ?skill WHERE { ?skillIri skos:prefLabel ?skill } }
  { SELECT ?skillIri ?categoryIri WHERE { ?skillIri cg:skillCategory ?categoryIri } }
  ?categoryIri skos:prefLabel ?category ; cg:categoryOrder ?order .
}"""

SKILL_ROLES = """SELECT ?skillIri (COUNT(DISTINCT ?role) AS ?roles) WHERE {
  { SELECT ?role ?requirement WHERE { ?role cg:requires ?requirement } }
  { SELECT ?requirement ?skillIri WHERE { ?requirement cg:skill ?skillIri } }
}
GROUP BY ?skillIri"""

SKILLS_TOGETHER = """SELECT ?skill ?category ?order (COUNT(DISTINCT ?role) AS ?roles) WHERE {
  { SELECT ?skillIri ?skill ?categoryIri WHERE {
      { SELECT ?skillIri WHERE { ?skillIri a cg:Skill } }
      { SELECT ?skillIri ?skill WHERE { ?skillIri skos:prefLabel ?skill } }
      { SELECT ?skillIri ?categoryIri WHERE { ?skillIri cg:skillCategory ?categoryIri } } } }
  ?categoryIri skos:prefLabel ?category ; cg:categoryOrder ?order .
  OPTIONAL {
    { SELECT ?role ?requirement WHERE { ?role cg:requires ?requirement } }
    { SELECT ?requirement ?skillIri WHERE { ?requirement cg:skill ?skillIri } }
  }
}
GROUP BY ?skill ?category ?order"""
"""For data where two skills share a name and a category: their roles are counted together."""


@plan("skills")
def skills(ask: Ask) -> Answer:
    """The skills, and each one's count of roles, from SPARQL (joined by hashing); sorted here.

    A row of the query is a name and a category; when two skills share both,
    their roles are counted together, in SPARQL (:data:`SKILLS_TOGETHER`).

    Parameters
    ----------
    ask : callable
        Runs SPARQL text (see :mod:`careergraph.sparql.plan`).

    Returns
    -------
    Answer
        The rows of ``skills.rq``.
    """
    from rdflib import Literal

    groups: dict[tuple[Any, Any, Any], set[Any]] = defaultdict(set)
    for iri, skill, category, order in ask(SKILLS).rows:
        groups[(skill, category, order)].add(iri)
    if any(len(iris) > 1 for iris in groups.values()):
        rows = [tuple(row) for row in ask(SKILLS_TOGETHER).rows]
    else:
        roles = dict(ask(SKILL_ROLES).rows)
        none = Literal(0)
        rows = [(*group, roles.get(next(iter(iris)), none)) for group, iris in groups.items()]
    rows = sort_rows(rows, [(2, False, False), (0, False, False), (1, False, False)])
    return Answer("select", ["skill", "category", "roles"], ((row[0], row[1], row[3]) for row in rows))
