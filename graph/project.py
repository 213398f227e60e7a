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

from .load import CareerGraph

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

_SOURCED = """
SELECT ?node ?source WHERE {
  { ?node a cg:Role } UNION { ?node a cg:Transition } UNION { ?node a cg:SkillRequirement }
  ?node dcterms:source ?source .
}"""

_PASSAGES = """
SELECT ?source ?section ?quote ?document WHERE {
  { SELECT DISTINCT ?source WHERE { ?node dcterms:source ?source } }
  OPTIONAL { ?source cg:section ?section }
  OPTIONAL { ?source cg:quote ?quote }
  OPTIONAL { ?source dcterms:isPartOf ?document }
}"""
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


def _sources(kg: CareerGraph) -> dict[str, list[dict[str, str | None]]]:
    cached = kg.cache.get("sources")
    if cached is None:
        passages: dict[str, list[dict[str, str | None]]] = defaultdict(list)
        for row in _rows(kg, _PASSAGES):
            passage = {"iri": str(row.source), "section": _text(row.section),
                       "quote": _text(row.quote), "document": _text(row.document)}
            if passage not in passages[passage["iri"]]:
                passages[passage["iri"]].append(passage)
        cached = defaultdict(list)
        for row in _rows(kg, _SOURCED):
            found = cached[str(row.node)]
            found.extend(p for p in passages.get(str(row.source), ()) if p not in found)
        for found in cached.values():
            found.sort(key=lambda p: p["iri"])
        kg.cache["sources"] = cached = dict(cached)
    return cached


def _label_of(kg: CareerGraph, node: str) -> str:
    """A node's preferred label (English first), else its local name."""
    from .namespaces import SKOS

    label = None
    for value in kg.objects(node, SKOS + "prefLabel"):
        label = _english(label, value)
    return _local_name(node) if label is None else str(label)


def role_graph(kg: CareerGraph) -> nx.DiGraph:
    """The roles as nodes and the moves between them as directed edges (cached on ``kg``)."""
    cached = kg.cache.get("role_graph")
    if cached is not None:
        return cached
    sources = _sources(kg)
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
            kind_labels[str(row.kind)] = _label_of(kg, str(row.kind))
        graph.add_edge(source, target, kind=kind, kind_label=kind_labels[str(row.kind)],
                       transition=str(row.move), sources=sources.get(str(row.move), []))
    kg.cache["role_graph"] = graph
    return graph


def _skills(kg: CareerGraph) -> dict[str, dict[str, Any]]:
    """The attributes of every required skill: label, category and the category's label and order."""
    categories: dict[str, dict[str, Any]] = {}
    for row in _rows(kg, _CATEGORIES):
        record = categories.setdefault(str(row.category), {"label": None, "order": None})
        record["label"] = _english(record["label"], row.label)
        if record["order"] is None:
            record["order"] = _int(row.order)
    found: dict[str, dict[str, Any]] = {}
    for row in _rows(kg, _SKILLS):
        record = found.setdefault(str(row.skill), {"label": None, "category": None})
        record["label"] = _english(record["label"], row.label)
        if row.category is not None and (record["category"] is None or
                                         str(row.category) < record["category"]):
            record["category"] = str(row.category)
    skills = {}
    for skill, record in found.items():
        category = categories.get(record["category"], {})
        skills[skill] = {
            "label": _local_name(skill) if record["label"] is None else str(record["label"]),
            "category": record["category"],
            "category_label": _text(category.get("label")),
            "category_order": category.get("order"),
        }
    return skills


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
    sources = _sources(kg)
    roles = role_graph(kg)
    graph = nx.DiGraph()
    for role, data in roles.nodes(data=True):
        graph.add_node(role, kind="role", label=data["label"])
    skills = _skills(kg)
    for row in sorted(_rows(kg, _REQUIREMENTS), key=lambda r: str(r.requirement)):
        role, skill = str(row.role), str(row.skill)
        if skill not in graph:
            graph.add_node(skill, kind="skill", **skills[skill])
        if graph.has_edge(role, skill):
            continue
        graph.add_edge(
            role, skill,
            proficiency=_int(row.proficiency),
            importance=None if row.importance is None else _local_name(row.importance).lower(),
            requirement=str(row.requirement),
            sources=sources.get(str(row.requirement), []),
        )
    kg.cache["skill_graph"] = graph
    return graph
