"""What a title index is built from: the titles of every role (or the names of every skill) in a graph.

:class:`careergraph.names.TitleIndex` looks names up; this module reads what
it indexes, with ``kg.query`` alone, so it works on every store (and on the
store ``careergraph load`` is filling, to write the index a store keeps:
:mod:`careergraph.load.title_keys`, in the named graph :data:`GRAPH`).

Examples
--------
>>> from careergraph.load import load_graph
>>> entries, ladders, namespaces = role_entries(load_graph())
>>> entries[0][1], ladders[entries[0][0]], sorted(namespaces)
('Associate Product Manager', ['pm'], ['pm'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careergraph.ladder_scopes import read_ladders, read_namespaces
from careergraph.namespaces import SKOS

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

GRAPH = "https://w3id.org/careergraph/index/titles"
"""The named graph of the title index a store keeps (:mod:`careergraph.title_lookup`)."""

CGI = "https://w3id.org/careergraph/index#"
"""The namespace of the properties of that index."""

FORMAT = 1
"""The layout of that index; a store with another one is served by the full index."""

Entry = tuple[str, str, bool]
"""A title of a thing: (IRI, title as written, whether it is the preferred title)."""

_ROLE_TITLES = """
SELECT ?role ?property ?label WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel skos:hiddenLabel }
  ?role a cg:Role ; ?property ?label .
}"""

_ROLES = "SELECT DISTINCT ?role WHERE { ?role a cg:Role }"

_SKILL_NAMES = """
SELECT ?skill ?label ?preferred WHERE {
  ?skill a cg:Skill .
  { ?skill skos:prefLabel ?label BIND(true AS ?preferred) }
  UNION { ?skill skos:altLabel ?label BIND(false AS ?preferred) }
  FILTER (lang(?label) = "" || langMatches(lang(?label), "en"))
}"""


def role_entries(kg: CareerGraph) -> tuple[list[Entry], dict[str, list[str]], dict[str, str]]:
    """The English (or untagged) prefLabels, altLabels and hiddenLabels of every cg:Role.

    A role without any such title is known by its IRI (its one entry).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph (anything with ``query`` and ``store.namespaces()``).

    Returns
    -------
    tuple
        The entries, preferred titles first, then by IRI and title; the
        ladders of the roles (:func:`~careergraph.ladder_scopes.read_ladders`);
        the prefixes that cover them (:func:`~careergraph.ladder_scopes.read_namespaces`).
    """
    entries = []
    titled = set()
    for row in kg.query(_ROLE_TITLES):
        role, label = str(row.role), row.label
        if label is not None and hasattr(label, "language") and \
                (label.language or "en").startswith("en"):
            entries.append((role, str(label), str(row.property) == SKOS + "prefLabel"))
            titled.add(role)
    roles = {str(row.role) for row in kg.query(_ROLES)}
    entries += [(role, role, True) for role in roles - titled]
    entries.sort(key=lambda entry: (not entry[2], entry[0], entry[1]))  # preferred titles first
    return entries, read_ladders(kg), read_namespaces(kg, roles)


def skill_entries(kg: CareerGraph) -> list[Entry]:
    """The English (or untagged) prefLabels and altLabels of every cg:Skill.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    list of (str, str, bool)
        The entries, preferred names first, then by IRI and name.
    """
    return sorted(((str(row.skill), str(row.label), _true(row.preferred))
                   for row in kg.query(_SKILL_NAMES)),
                  key=lambda entry: (not entry[2], entry[0], entry[1]))


def _true(value: Any) -> bool:
    """An rdflib boolean literal (or a plain bool) as a bool."""
    value = value.toPython() if hasattr(value, "toPython") else value
    return value is True or str(value).lower() == "true"
