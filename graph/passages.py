"""Source passages: which statement of the graph cites which passage of which document.

A source passage is a dict ``{"iri", "section", "quote", "document"}``
(missing parts are None). Roles, moves and skill requirements cite them with
``dcterms:source``; :func:`read_passages` and :func:`read_sources` read them
for the networkx graphs of :mod:`careergraph.project`. The helpers that take
values out of answer rows (:func:`english`, :func:`integer`, :func:`text`)
are here too: they work on rdflib terms without importing rdflib.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> roles = read_sources(kg, "roles", read_passages(kg))
>>> sorted({p["section"] for p in roles["https://w3id.org/careergraph/pm/vp-of-product"]})
['5. VP of Product', 'The Career Path for PMs']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

Passages = Mapping[str, list[dict[str, "str | None"]]]
"""Node (or source) IRI -> its source passages."""

_SOURCED = {
    "roles": """SELECT ?node ?source WHERE {
  { ?node a cg:Role } UNION { ?node a cg:Transition }
  ?node dcterms:source ?source .
}""",
    "requirements": """SELECT ?node ?source WHERE {
  ?node a cg:SkillRequirement ; dcterms:source ?source .
}""",
}
"""Which nodes cite which sources: roles and moves (for the role graph), requirements (the skill graph)."""

_PASSAGES = """
SELECT ?source ?section ?quote ?document WHERE {
  { SELECT DISTINCT ?source WHERE { ?node dcterms:source ?source } }
  OPTIONAL { ?source cg:section ?section }
  OPTIONAL { ?source cg:quote ?quote }
  OPTIONAL { ?source dcterms:isPartOf ?document }
}"""


def english(current: Any, candidate: Any) -> Any:
    """Of two values of one property, the one to keep: an English (or untagged) literal wins.

    Parameters
    ----------
    current : rdflib term or None
        The value kept so far.
    candidate : rdflib term or None
        Another value.

    Returns
    -------
    rdflib term or None
        ``candidate`` when there is no ``current`` or when it is English and
        ``current`` is in another language; else ``current``.
    """
    if candidate is None:
        return current
    if current is None:
        return candidate
    if is_literal(current) and current.language not in (None, "en") and \
            is_literal(candidate) and candidate.language in (None, "en"):
        return candidate
    return current


def is_literal(value: Any) -> bool:
    """Whether an rdflib term is a literal (without importing rdflib: only literals have a language).

    Parameters
    ----------
    value : object
        A value of an answer row.

    Returns
    -------
    bool
        True for a literal.
    """
    return hasattr(value, "language")


def integer(value: Any) -> int | None:
    """The integer a literal holds, or None.

    Parameters
    ----------
    value : object
        A value of an answer row.

    Returns
    -------
    int or None
        Its value when it is an integer literal.
    """
    if is_literal(value):
        python = value.toPython()
        if isinstance(python, int):
            return python
    return None


def text(value: Any) -> str | None:
    """A value as text, None staying None.

    Parameters
    ----------
    value : object
        A value of an answer row, or None.

    Returns
    -------
    str or None
        ``str(value)``, or None.
    """
    return None if value is None else str(value)


def passage(row: Any) -> dict[str, str | None]:
    """The passage of an answer row with ``?source ?section ?quote ?document``.

    Parameters
    ----------
    row : answer row
        One row.

    Returns
    -------
    dict
        ``{"iri", "section", "quote", "document"}`` (missing parts None).
    """
    return {"iri": str(row.source), "section": text(row.section), "quote": text(row.quote),
            "document": text(row.document)}


def by_node(pairs: Any, passages: dict[str, list[dict[str, str | None]]]
             ) -> dict[str, list[dict[str, str | None]]]:
    """Node -> its passages (no repeats, by IRI), from (node, source) rows and source -> passages.

    Parameters
    ----------
    pairs : iterable of answer rows
        Rows with ``?node ?source``.
    passages : mapping
        Source IRI -> its passages.

    Returns
    -------
    dict
        Node IRI -> its passages, sorted by IRI.
    """
    found: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in pairs:
        listed = found[str(row.node)]
        listed.extend(p for p in passages.get(str(row.source), ()) if p not in listed)
    for listed in found.values():
        listed.sort(key=lambda p: p["iri"])
    return dict(found)


def group_passages(rows: Any) -> dict[str, list[dict[str, str | None]]]:
    """Source IRI -> its passages (one per combination of section, quote and document).

    Parameters
    ----------
    rows : iterable of answer rows
        Rows with ``?source ?section ?quote ?document``.

    Returns
    -------
    dict
        Source IRI -> its passages.
    """
    passages: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in rows:
        found = passage(row)
        if found not in passages[found["iri"]]:
            passages[found["iri"]].append(found)
    return passages


def read_passages(kg: CareerGraph) -> Passages:
    """Every cited source passage of the graph.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    mapping
        Source IRI -> its passages: dicts ``{"iri", "section", "quote", "document"}``.
    """
    return dict(group_passages(kg.query(_PASSAGES)))


def read_sources(kg: CareerGraph, of: str, passages: Passages) -> Passages:
    """Node -> its source passages, for the nodes ``of`` names.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    of : {"roles", "requirements"}
        Roles and moves (for the role graph), or skill requirements (for the skill graph).
    passages : mapping
        What :func:`read_passages` found.

    Returns
    -------
    mapping
        Node IRI -> its passages (each once, by IRI).
    """
    return by_node(kg.query(_SOURCED[of]), passages)
