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
SELECT ?move ?from ?to ?kind ?kindLabel WHERE {
  ?move a cg:Transition ; cg:fromRole ?from ; cg:toRole ?to ; cg:transitionKind ?kind .
  # FILTER EXISTS, not two more triple patterns: rdflib would start the join from
  # "?from a cg:Role . ?to a cg:Role", every role times every role.
  FILTER EXISTS { ?from a cg:Role } FILTER EXISTS { ?to a cg:Role }
  OPTIONAL { ?kind skos:prefLabel ?kindLabel }
}"""

_REQUIREMENTS = """
SELECT ?role ?requirement ?skill ?skillLabel ?proficiency ?importance
       ?category ?categoryLabel ?categoryOrder WHERE {
  ?role a cg:Role ; cg:requires ?requirement .
  ?requirement cg:skill ?skill .
  OPTIONAL { ?requirement cg:proficiency ?proficiency }
  OPTIONAL { ?requirement cg:importance ?importance }
  OPTIONAL { ?skill skos:prefLabel ?skillLabel }
  OPTIONAL { ?skill cg:skillCategory ?category
             OPTIONAL { ?category skos:prefLabel ?categoryLabel }
             OPTIONAL { ?category cg:categoryOrder ?categoryOrder } }
}"""

_SOURCES = """
SELECT ?node ?source ?section ?quote ?document WHERE {
  ?node dcterms:source ?source .
  FILTER EXISTS { { ?node a cg:Role } UNION { ?node a cg:Transition }
                  UNION { ?node a cg:SkillRequirement } }
  OPTIONAL { ?source cg:section ?section }
  OPTIONAL { ?source cg:quote ?quote }
  OPTIONAL { ?source dcterms:isPartOf ?document }
}"""


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


def _sources(kg: CareerGraph) -> dict[str, list[dict[str, str | None]]]:
    cached = kg.cache.get("sources")
    if cached is None:
        cached = defaultdict(list)
        for row in _rows(kg, _SOURCES):
            passage = {
                "iri": str(row.source),
                "section": None if row.section is None else str(row.section),
                "quote": None if row.quote is None else str(row.quote),
                "document": None if row.document is None else str(row.document),
            }
            if passage not in cached[str(row.node)]:
                cached[str(row.node)].append(passage)
        for passages in cached.values():
            passages.sort(key=lambda p: p["iri"])
        kg.cache["sources"] = cached = dict(cached)
    return cached


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
    for row in sorted(_rows(kg, _MOVES), key=lambda r: str(r.move)):
        source, target, kind = str(row["from"]), str(row.to), _local_name(row.kind).lower()
        if graph.has_edge(source, target) and \
                _kind_rank(graph.edges[source, target]["kind"]) <= _kind_rank(kind):
            continue
        graph.add_edge(source, target, kind=kind,
                       kind_label=str(row.kindLabel) if row.kindLabel is not None else kind,
                       transition=str(row.move), sources=sources.get(str(row.move), []))
    kg.cache["role_graph"] = graph
    return graph


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
    for row in sorted(_rows(kg, _REQUIREMENTS), key=lambda r: str(r.requirement)):
        role, skill = str(row.role), str(row.skill)
        if skill not in graph:
            graph.add_node(
                skill, kind="skill",
                label=str(row.skillLabel) if row.skillLabel is not None else _local_name(skill),
                category=None if row.category is None else str(row.category),
                category_label=None if row.categoryLabel is None else str(row.categoryLabel),
                category_order=_int(row.categoryOrder),
            )
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
