"""The one bridge from RDF to networkx: the role graph and the role–skill graph.

Both graphs are built from targeted SPARQL queries (never from a blind
conversion of every triple, which would turn literals into nodes) by the
``build_*`` and ``read_*`` functions here, once per loaded graph: they are
parts of its derived data (:mod:`careergraph.derived`), so every path, gap or
view in a process reuses them, frozen. :func:`role_graph`,
:func:`skill_graph` and :func:`role_requirements` hand them out.

The role graph (:func:`role_graph`) is a ``networkx.DiGraph``:

- node: the role's IRI, with ``label``, ``seniority`` (int or None),
  ``track`` (label or None), ``track_iri``, ``alt_labels`` (sorted list),
  ``definition``, ``responsibilities`` (list of ``{"iri", "label"}``) and
  ``sources`` (list of passage dicts, see below);
- edge: one per pair of roles a ``cg:Transition`` links, with ``kind``
  (the kind's local name in lower case, such as ``"promotion"``),
  ``kind_label``, ``transition`` (the IRI) and ``sources``. When two
  transitions link the same pair of roles, the edge keeps the first by the
  ontology's order of kinds (``cg:kindOrder``; kinds without one last);
- graph attribute ``kinds``: the names of the kinds of move between two
  roles, in that order (what :mod:`careergraph.paths` lists and accepts).

The role–skill graph (:func:`skill_graph`) is a ``networkx.DiGraph`` with an
edge from each role to each skill it requires: ``proficiency`` (int),
``importance`` (``"core"`` / ``"supporting"``), ``requirement`` (IRI) and
``sources``; role nodes carry ``kind="role"`` and ``label``, skill nodes
``kind="skill"``, ``label``, ``category``, ``category_label`` and
``category_order``.

A source passage is a dict ``{"iri", "section", "quote", "document"}``
(missing parts are None).

Examples
--------
>>> from careergraph.load import load_graph
>>> roles = role_graph(load_graph())
>>> apm = "https://w3id.org/careergraph/pm/associate-product-manager"
>>> pm = "https://w3id.org/careergraph/pm/product-manager"
>>> roles.nodes[apm]["label"], roles.edges[apm, pm]["kind"]
('Associate Product Manager', 'promotion')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from careergraph.passages import Passages, by_node, english, group_passages, integer, text
from careergraph.path_constraints import read_labels
from careergraph.vocabulary import kind_word, rank
from careergraph.vocabulary import local_name as _local_name

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph
    from careergraph.derived import Requirement


_ROLES = """
SELECT ?role ?label ?seniority ?track ?trackLabel ?definition WHERE {
  ?role a cg:Role .
  OPTIONAL { ?role skos:prefLabel ?label }
  OPTIONAL { ?role cg:seniority ?seniority }
  OPTIONAL { ?role cg:track ?track OPTIONAL { ?track skos:prefLabel ?trackLabel } }
  OPTIONAL { ?role skos:definition ?definition }
}"""

_ALT_LABELS = """
SELECT ?role ?alt WHERE { ?role a cg:Role ; skos:altLabel ?alt }"""

_RESPONSIBILITIES = """
SELECT ?role ?responsibility ?label WHERE {
  ?role a cg:Role ; cg:hasResponsibility ?responsibility .
  OPTIONAL { ?responsibility skos:prefLabel ?label }
}"""

_MOVES = """
SELECT ?move ?from ?to ?kind WHERE {
  ?move a cg:Transition ; cg:fromRole ?from ; cg:toRole ?to ; cg:transitionKind ?kind .
}"""
# Moves whose ends are not roles are dropped in Python: a role check in the query
# (FILTER EXISTS or two more joins) costs more than the whole scan on either engine.

_REQUIREMENTS = """
SELECT ?role ?requirement ?skill ?proficiency ?importance WHERE {
  ?role a cg:Role ; cg:requires ?requirement .
  ?requirement cg:skill ?skill .
  OPTIONAL { ?requirement cg:proficiency ?proficiency }
  OPTIONAL { ?requirement cg:importance ?importance }
}"""

_SKILLS = """
SELECT ?skill ?label ?category WHERE {
  { SELECT DISTINCT ?skill WHERE { ?requirement cg:skill ?skill } }
  OPTIONAL { ?skill skos:prefLabel ?label }
  OPTIONAL { ?skill cg:skillCategory ?category }
}"""

_CATEGORIES = """
SELECT ?category ?label ?order WHERE {
  { SELECT DISTINCT ?category WHERE { ?skill cg:skillCategory ?category } }
  OPTIONAL { ?category skos:prefLabel ?label }
  OPTIONAL { ?category cg:categoryOrder ?order }
}"""

_ROLE_REQUIREMENTS = """
SELECT ?requirement ?skill ?proficiency ?importance ?label ?category WHERE {
  ?role a cg:Role ; cg:requires ?requirement .
  ?requirement cg:skill ?skill .
  OPTIONAL { ?requirement cg:proficiency ?proficiency }
  OPTIONAL { ?requirement cg:importance ?importance }
  OPTIONAL { ?skill skos:prefLabel ?label }
  OPTIONAL { ?skill cg:skillCategory ?category }
}"""

_ROLE_REQUIREMENT_SOURCES = """
SELECT ?node ?source ?section ?quote ?document WHERE {
  ?role a cg:Role ; cg:requires ?node .
  ?node a cg:SkillRequirement ; dcterms:source ?source .
  OPTIONAL { ?source cg:section ?section }
  OPTIONAL { ?source cg:quote ?quote }
  OPTIONAL { ?source dcterms:isPartOf ?document }
}"""
# One role's requirements, for a path or a gap that does not need the whole role-skill
# graph: index lookups from the bound role, however big the graph.

# Joins are split into queries that each scan one kind of thing and are joined here
# in Python: on a persistent Oxigraph store every join step is a disk lookup, and the
# OPTIONAL chains of one big query cost several times the scans (measured at 1M triples).


def _rows(kg: CareerGraph, query: str):
    return kg.query(query)


def _pref_label(kg: CareerGraph, node: str) -> str | None:
    """A node's ``skos:prefLabel`` (English first), or None."""
    from careergraph.namespaces import SKOS

    label = None
    for value in kg.objects(node, SKOS + "prefLabel"):
        label = english(label, value)
    return text(label)


def role_graph(kg: CareerGraph) -> nx.DiGraph:
    """The roles as nodes and the moves between them as directed edges, built once.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    networkx.DiGraph
        The graph's own role graph (``kg.derived.role_graph``), frozen: copy
        it to change it.
    """
    return kg.derived.role_graph


def build_role_graph(kg: CareerGraph, sources: Passages, kinds: Sequence[str]) -> nx.DiGraph:
    """Build the role graph (see the module notes); :func:`role_graph` gives the graph's own.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    sources : mapping
        Role or move IRI -> its passages (:func:`read_sources` of ``"roles"``).
    kinds : sequence of str
        The kinds of move between roles, in order: which edge a pair of roles
        keeps, and the graph attribute ``kinds``.

    Returns
    -------
    networkx.DiGraph
        A new graph.
    """
    graph = nx.DiGraph(kinds=tuple(kinds))
    fields: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in _rows(kg, _ROLES):
        role = str(row.role)
        record = fields[role]
        for key in ("label", "seniority", "track", "trackLabel", "definition"):
            record[key] = english(record.get(key), row[key])
    alt_labels: dict[str, set[str]] = defaultdict(set)
    for row in _rows(kg, _ALT_LABELS):
        alt_labels[str(row.role)].add(str(row.alt))
    responsibilities: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _rows(kg, _RESPONSIBILITIES):
        item = {"iri": str(row.responsibility),
                "label": str(row.label) if row.label is not None else _local_name(row.responsibility)}
        if item not in responsibilities[str(row.role)]:
            responsibilities[str(row.role)].append(item)
    for role, record in sorted(fields.items()):  # the same order whatever the store
        graph.add_node(
            role,
            label=str(record["label"]) if record.get("label") is not None else _local_name(role),
            seniority=integer(record.get("seniority")),
            track=None if record.get("trackLabel") is None else str(record["trackLabel"]),
            track_iri=None if record.get("track") is None else str(record["track"]),
            alt_labels=sorted(alt_labels.get(role, ())),
            definition=None if record.get("definition") is None else str(record["definition"]),
            responsibilities=sorted(responsibilities.get(role, []), key=lambda r: r["label"]),
            sources=sources.get(role, []),
        )
    kind_labels: dict[str, str] = {}
    for row in sorted(_rows(kg, _MOVES), key=lambda r: str(r.move)):
        source, target, kind = str(row["from"]), str(row.to), kind_word(_local_name(row.kind))
        if source not in fields or target not in fields:
            continue
        if graph.has_edge(source, target) and \
                rank(kinds, graph.edges[source, target]["kind"]) <= rank(kinds, kind):
            continue
        if str(row.kind) not in kind_labels:
            kind_labels[str(row.kind)] = _pref_label(kg, str(row.kind)) or kind  # unlabelled: its local name
        graph.add_edge(source, target, kind=kind, kind_label=kind_labels[str(row.kind)],
                       transition=str(row.move), sources=sources.get(str(row.move), []))
    return graph


def read_categories(kg: CareerGraph) -> dict[str, dict[str, Any]]:
    """The skill categories of the graph, with their labels and order.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    dict
        Category IRI -> ``{"label": English label or None, "order": cg:categoryOrder or None}``.
    """
    categories: dict[str, dict[str, Any]] = {}
    for row in _rows(kg, _CATEGORIES):
        record = categories.setdefault(str(row.category), {"label": None, "order": None})
        record["label"] = english(record["label"], row.label)
        if record["order"] is None:
            record["order"] = integer(row.order)
    return categories


class _SkillRecords:
    """Skill attributes gathered from rows of ``?skill ?label ?category`` (English label, first category)."""

    def __init__(self) -> None:
        self.found: dict[str, dict[str, Any]] = {}

    def add(self, row: Any) -> None:
        record = self.found.setdefault(str(row.skill), {"label": None, "category": None})
        record["label"] = english(record["label"], row.label)
        if row.category is not None and (record["category"] is None or
                                         str(row.category) < record["category"]):
            record["category"] = str(row.category)

    def attributes(self, categories: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
        """Skill IRI -> the node attributes of :func:`skill_graph`, given the categories."""
        skills = {}
        for skill, record in self.found.items():
            category = categories.get(record["category"], {})
            skills[skill] = {
                "kind": "skill",
                "label": _local_name(skill) if record["label"] is None else str(record["label"]),
                "category": record["category"],
                "category_label": text(category.get("label")),
                "category_order": category.get("order"),
            }
        return skills


def _skills(kg: CareerGraph, categories: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The attributes of every required skill: label, category and the category's label and order."""
    records = _SkillRecords()
    for row in _rows(kg, _SKILLS):
        records.add(row)
    return records.attributes(categories)


def _requirement_edge(row: Any, sources: dict[str, list[dict[str, str | None]]]) -> dict[str, Any]:
    """The attributes of a role -> skill edge of :func:`skill_graph`."""
    return {"proficiency": integer(row.proficiency),
            "importance": None if row.importance is None else _local_name(row.importance).lower(),
            "requirement": str(row.requirement),
            "sources": sources.get(str(row.requirement), [])}


def role_requirements(kg: CareerGraph, role: str) -> tuple[Requirement, ...]:
    """The skills one role requires: (skill IRI, edge attributes, skill attributes) as in :func:`skill_graph`.

    Read from the role–skill graph when it is built; otherwise asked of the
    store for this role alone (and kept), so a path or a gap on a big graph
    does not build the whole role–skill graph (:meth:`careergraph.derived.Derived.requirements`).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        A role IRI.

    Returns
    -------
    tuple of (str, mapping, mapping)
        One item per skill, the attributes read-only; empty for an unknown role.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> vp = "https://w3id.org/careergraph/pm/vp-of-product"
    >>> [(data["label"], need["proficiency"]) for _, need, data in role_requirements(load_graph(), vp)]
    [('Communication', 4), ('Leadership', 4)]
    """
    return kg.derived.requirements(role)


def read_role_requirements(kg: CareerGraph, role: str, categories: Mapping[str, Mapping[str, Any]]
                           ) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Ask the store for the skills one role requires, as :func:`role_requirements` gives them.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        A role IRI.
    categories : mapping
        What :func:`read_categories` found.

    Returns
    -------
    list of (str, dict, dict)
        For each skill (the first requirement by IRI): its IRI, the edge and the node attributes.
    """
    from rdflib import URIRef

    bound = {"role": URIRef(role)}
    rows = sorted(kg.query(_ROLE_REQUIREMENTS, bound), key=lambda r: str(r.requirement))
    records = _SkillRecords()
    for row in rows:
        records.add(row)
    skills = records.attributes(categories)
    source_rows = list(kg.query(_ROLE_REQUIREMENT_SOURCES, bound))
    sources = by_node(source_rows, group_passages(source_rows))
    found: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}
    for row in rows:
        skill = str(row.skill)
        if skill not in found:  # the first requirement by IRI, as skill_graph keeps it
            found[skill] = (skill, _requirement_edge(row, sources), skills[skill])
    return list(found.values())


def skill_graph(kg: CareerGraph) -> nx.DiGraph:
    """Roles and skills as nodes, an edge from each role to each skill it requires, built once.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    networkx.DiGraph
        The graph's own role–skill graph (``kg.derived.skill_graph``), frozen.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> skills = skill_graph(load_graph())
    >>> director = "https://w3id.org/careergraph/pm/director-of-product"
    >>> sorted(skills.nodes[s]["label"] for s in skills.successors(director))
    ['Analytical skills', 'Communication', 'Leadership', 'Management']
    """
    return kg.derived.skill_graph


def build_skill_graph(kg: CareerGraph, roles: nx.DiGraph, sources: Passages,
                      categories: Mapping[str, Mapping[str, Any]]) -> nx.DiGraph:
    """Build the role–skill graph (see the module notes); :func:`skill_graph` gives the graph's own.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    roles : networkx.DiGraph
        Its role graph (every role becomes a node, with its label).
    sources : mapping
        Requirement IRI -> its passages (:func:`read_sources` of ``"requirements"``).
    categories : mapping
        What :func:`read_categories` found.

    Returns
    -------
    networkx.DiGraph
        A new graph.
    """
    graph = nx.DiGraph()
    read_labels(roles, roles)  # a lean role graph reads them in one go
    for role, data in roles.nodes(data=True):
        graph.add_node(role, kind="role", label=data["label"])
    skills = _skills(kg, categories)
    for row in sorted(_rows(kg, _REQUIREMENTS), key=lambda r: str(r.requirement)):
        role, skill = str(row.role), str(row.skill)
        if skill not in graph:
            graph.add_node(skill, **skills[skill])
        if not graph.has_edge(role, skill):
            graph.add_edge(role, skill, **_requirement_edge(row, sources))
    return graph
