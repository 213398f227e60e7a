"""The one bridge from RDF to networkx: the role graph and the role–skill graph.

Both graphs are built from targeted SPARQL queries (never from a blind
conversion of every triple, which would turn literals into nodes) and cached
on the loaded graph, so every path, gap or view in a process reuses them.

The role graph (:func:`role_graph`) is a ``networkx.DiGraph``:

- node: the role's IRI, with ``label``, ``seniority`` (int or None),
  ``track`` (label or None), ``track_iri``, ``alt_labels`` (sorted list),
  ``definition``, ``responsibilities`` (list of ``{"iri", "label"}``) and
  ``sources`` (list of passage dicts, see below);
- edge: one per pair of roles a ``cg:Transition`` links, with ``kind``
  (``"promotion"``, ``"branch"``, ``"lateral"``, ``"exit"``: the kind's local
  name in lower case), ``kind_label``, ``transition`` (the IRI) and
  ``sources``. When two transitions link the same pair, the edge keeps the
  first by kind order (promotion, branch, lateral, exit, others).

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
from typing import Any

import networkx as nx

from careergraph.career_graph import CareerGraph

KIND_ORDER = ("promotion", "branch", "lateral", "exit")
"""Kinds of move, in the order that decides which edge a pair of roles keeps."""

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


def _english(current: Any, candidate: Any) -> Any:
    """Prefer an English (or untagged) literal over one in another language."""
    if candidate is None:
        return current
    if current is None:
        return candidate
    if _is_literal(current) and current.language not in (None, "en") and \
            _is_literal(candidate) and candidate.language in (None, "en"):
        return candidate
    return current


def _is_literal(value: Any) -> bool:
    """Whether an rdflib term is a literal (without importing rdflib: only literals have a language)."""
    return hasattr(value, "language")


def _int(value: Any) -> int | None:
    if _is_literal(value):
        python = value.toPython()
        if isinstance(python, int):
            return python
    return None


def _local_name(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _passage(row: Any) -> dict[str, str | None]:
    return {"iri": str(row.source), "section": _text(row.section), "quote": _text(row.quote),
            "document": _text(row.document)}


def _by_node(pairs: Any, passages: dict[str, list[dict[str, str | None]]]
             ) -> dict[str, list[dict[str, str | None]]]:
    """Node -> its passages (no repeats, by IRI), from (node, source) rows and source -> passages."""
    found: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in pairs:
        listed = found[str(row.node)]
        listed.extend(p for p in passages.get(str(row.source), ()) if p not in listed)
    for listed in found.values():
        listed.sort(key=lambda p: p["iri"])
    return dict(found)


def _passages(rows: Any) -> dict[str, list[dict[str, str | None]]]:
    """Source IRI -> its passages (one per combination of section, quote and document)."""
    passages: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in rows:
        passage = _passage(row)
        if passage not in passages[passage["iri"]]:
            passages[passage["iri"]].append(passage)
    return passages


def _sources(kg: CareerGraph, of: str) -> dict[str, list[dict[str, str | None]]]:
    """Node -> its source passages, for the nodes ``of`` names (a key of ``_SOURCED``; cached on ``kg``)."""
    key = f"sources of {of}"
    cached = kg.cache.get(key)
    if cached is None:
        passages = kg.cache.get("passages")
        if passages is None:
            passages = kg.cache["passages"] = _passages(_rows(kg, _PASSAGES))
        cached = kg.cache[key] = _by_node(_rows(kg, _SOURCED[of]), passages)
    return cached


def _pref_label(kg: CareerGraph, node: str) -> str | None:
    """A node's ``skos:prefLabel`` (English first), or None."""
    from careergraph.namespaces import SKOS

    label = None
    for value in kg.objects(node, SKOS + "prefLabel"):
        label = _english(label, value)
    return _text(label)


def role_graph(kg: CareerGraph) -> nx.DiGraph:
    """The roles as nodes and the moves between them as directed edges (cached on ``kg``)."""
    cached = kg.cache.get("role_graph")
    if cached is not None:
        return cached
    sources = _sources(kg, "roles")
    graph = nx.DiGraph()
    fields: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in _rows(kg, _ROLES):
        role = str(row.role)
        record = fields[role]
        for key in ("label", "seniority", "track", "trackLabel", "definition"):
            record[key] = _english(record.get(key), row[key])
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
            seniority=_int(record.get("seniority")),
            track=None if record.get("trackLabel") is None else str(record["trackLabel"]),
            track_iri=None if record.get("track") is None else str(record["track"]),
            alt_labels=sorted(alt_labels.get(role, ())),
            definition=None if record.get("definition") is None else str(record["definition"]),
            responsibilities=sorted(responsibilities.get(role, []), key=lambda r: r["label"]),
            sources=sources.get(role, []),
        )
    kind_labels: dict[str, str] = {}
    for row in sorted(_rows(kg, _MOVES), key=lambda r: str(r.move)):
        source, target, kind = str(row["from"]), str(row.to), _local_name(row.kind).lower()
        if source not in fields or target not in fields:
            continue
        if graph.has_edge(source, target) and \
                _kind_rank(graph.edges[source, target]["kind"]) <= _kind_rank(kind):
            continue
        if str(row.kind) not in kind_labels:
            kind_labels[str(row.kind)] = _pref_label(kg, str(row.kind)) or kind  # unlabelled: its local name
        graph.add_edge(source, target, kind=kind, kind_label=kind_labels[str(row.kind)],
                       transition=str(row.move), sources=sources.get(str(row.move), []))
    kg.cache["role_graph"] = graph
    return graph


def _categories(kg: CareerGraph) -> dict[str, dict[str, Any]]:
    """Category IRI -> its label (English first) and order (cached on ``kg``)."""
    categories = kg.cache.get("categories")
    if categories is None:
        categories = {}
        for row in _rows(kg, _CATEGORIES):
            record = categories.setdefault(str(row.category), {"label": None, "order": None})
            record["label"] = _english(record["label"], row.label)
            if record["order"] is None:
                record["order"] = _int(row.order)
        kg.cache["categories"] = categories
    return categories


class _SkillRecords:
    """Skill attributes gathered from rows of ``?skill ?label ?category`` (English label, first category)."""

    def __init__(self) -> None:
        self.found: dict[str, dict[str, Any]] = {}

    def add(self, row: Any) -> None:
        record = self.found.setdefault(str(row.skill), {"label": None, "category": None})
        record["label"] = _english(record["label"], row.label)
        if row.category is not None and (record["category"] is None or
                                         str(row.category) < record["category"]):
            record["category"] = str(row.category)

    def attributes(self, kg: CareerGraph) -> dict[str, dict[str, Any]]:
        """Skill IRI -> the node attributes of :func:`skill_graph`."""
        categories = _categories(kg)
        skills = {}
        for skill, record in self.found.items():
            category = categories.get(record["category"], {})
            skills[skill] = {
                "kind": "skill",
                "label": _local_name(skill) if record["label"] is None else str(record["label"]),
                "category": record["category"],
                "category_label": _text(category.get("label")),
                "category_order": category.get("order"),
            }
        return skills


def _skills(kg: CareerGraph) -> dict[str, dict[str, Any]]:
    """The attributes of every required skill: label, category and the category's label and order."""
    records = _SkillRecords()
    for row in _rows(kg, _SKILLS):
        records.add(row)
    return records.attributes(kg)


def _requirement_edge(row: Any, sources: dict[str, list[dict[str, str | None]]]) -> dict[str, Any]:
    """The attributes of a role -> skill edge of :func:`skill_graph`."""
    return {"proficiency": _int(row.proficiency),
            "importance": None if row.importance is None else _local_name(row.importance).lower(),
            "requirement": str(row.requirement),
            "sources": sources.get(str(row.requirement), [])}


def role_requirements(kg: CareerGraph, role: str) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """The skills one role requires: (skill IRI, edge attributes, skill attributes) as in :func:`skill_graph`.

    Read from the role–skill graph when it is built; otherwise asked of the
    store for this role alone (and cached on ``kg``), so a path or a gap on a
    big graph does not build the whole role–skill graph.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> vp = "https://w3id.org/careergraph/pm/vp-of-product"
    >>> [(data["label"], need["proficiency"]) for _, need, data in role_requirements(load_graph(), vp)]
    [('Communication', 4), ('Leadership', 4)]
    """
    skills = kg.cache.get("skill_graph")
    if skills is not None:
        if role not in skills:
            return []
        return [(skill, need, skills.nodes[skill]) for _, skill, need in skills.out_edges(role, data=True)]
    per_role = kg.cache.setdefault("role_requirements", {})
    if role not in per_role:
        per_role[role] = _query_role_requirements(kg, role)
    return per_role[role]


def _query_role_requirements(kg: CareerGraph, role: str) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    from rdflib import URIRef

    bound = {"role": URIRef(role)}
    rows = sorted(kg.query(_ROLE_REQUIREMENTS, bound), key=lambda r: str(r.requirement))
    records = _SkillRecords()
    for row in rows:
        records.add(row)
    skills = records.attributes(kg)
    source_rows = list(kg.query(_ROLE_REQUIREMENT_SOURCES, bound))
    sources = _by_node(source_rows, _passages(source_rows))
    found: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}
    for row in rows:
        skill = str(row.skill)
        if skill not in found:  # the first requirement by IRI, as skill_graph keeps it
            found[skill] = (skill, _requirement_edge(row, sources), skills[skill])
    return list(found.values())


def skill_graph(kg: CareerGraph) -> nx.DiGraph:
    """Roles and skills as nodes, an edge from each role to each skill it requires (cached on ``kg``).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> skills = skill_graph(load_graph())
    >>> director = "https://w3id.org/careergraph/pm/director-of-product"
    >>> sorted(skills.nodes[s]["label"] for s in skills.successors(director))
    ['Analytical skills', 'Communication', 'Leadership', 'Management']
    """
    cached = kg.cache.get("skill_graph")
    if cached is not None:
        return cached
    sources = _sources(kg, "requirements")
    roles = role_graph(kg)
    graph = nx.DiGraph()
    for role, data in roles.nodes(data=True):
        graph.add_node(role, kind="role", label=data["label"])
    skills = _skills(kg)
    for row in sorted(_rows(kg, _REQUIREMENTS), key=lambda r: str(r.requirement)):
        role, skill = str(row.role), str(row.skill)
        if skill not in graph:
            graph.add_node(skill, **skills[skill])
        if not graph.has_edge(role, skill):
            graph.add_edge(role, skill, **_requirement_edge(row, sources))
    kg.cache["skill_graph"] = graph
    return graph
