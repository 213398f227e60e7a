"""Equivalences between the roles of two ladders, read from RDF: the hops of ``--cross`` paths.

Three relations say that a role of one ladder stands for a role of another:

- ``skos:exactMatch``: the same job;
- ``skos:closeMatch``: a similar job;
- ``cg:sameLevelAs``: the same level.

All three are symmetric (SKOS says so of the two matches, the ontology of
``cg:sameLevelAs``), so each is read in both directions whichever way the data
writes it. :func:`read_equivalences` reads them with one query;
:func:`with_equivalences` adds them to a role graph as hops (see
:mod:`careergraph.cross_search`), which :mod:`careergraph.paths` then walks
for free: a path may go from a company's ladder into the built-in one.

Choices:

- only roles of **different ladders** (``skos:inScheme`` a ``cg:Ladder``) are
  linked: inside one ladder, ``cg:sameLevelAs`` across tracks (Senior
  Principal = Director) is no step of a career: getting from one to the other
  is a move (a track switch) that the data must state;
- where a move already links two roles, the move stays and no hop is added;
- two roles linked by several relations get one hop, named by the strongest
  (exact, then close, then same level); ``relations`` lists them all;
- an equivalence asks nothing: its gap is empty (:class:`EquivalenceStep`).
  After an exact match (the same job), what the equivalent role requires
  counts as held, so the next move's gap is the one its own ladder gives.
  After a close match or the same level, nothing more counts as held: the
  next move's gap counts from what was held before the equivalence, so a
  skill the equivalent role needs and the person never showed is in it
  (:func:`cross_path_gap`).

Examples
--------
>>> from careergraph.cross_search import arrows, count_moves
>>> from careergraph.path_constraints import example_graph
>>> from careergraph.paths import shortest_path
>>> same = [Equivalence("retired", "apm", "skos:exactMatch", ("skos:exactMatch",)),
...         Equivalence("apm", "retired", "skos:exactMatch", ("skos:exactMatch",))]
>>> G = with_equivalences(example_graph(), {"retired": "b"}, same)
>>> path = shortest_path(G, "retired", "dir")
>>> arrows(G, path), count_moves(G, path)
('Retired (b) = Associate PM -> PM -> Senior PM -> Director', 3)
>>> shortest_path(example_graph(), "retired", "dir")
Traceback (most recent call last):
...
careergraph.errors.NoPath: no path from Retired to Director: no move leads out of Retired at all
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

import networkx as nx

from careergraph.cross_search import HOP, MOVES, is_hop, qualified
from careergraph.gap import requirements, step_gap
from careergraph.gap_results import StepGap
from careergraph.namespaces import CG, RDF, SKOS
from careergraph.passages import passage
from careergraph.paths import GAP_COST
from careergraph.project import role_graph
from careergraph.vocabulary import local_name

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from careergraph.career_graph import CareerGraph

__all__ = ["RELATIONS", "Equivalence", "EquivalenceStep", "cross_graph", "cross_path_gap",
           "equivalence_step", "read_equivalences", "with_equivalences"]

RELATIONS: dict[str, tuple[str, str]] = {
    "skos:exactMatch": (SKOS + "exactMatch", "the same job"),
    "skos:closeMatch": (SKOS + "closeMatch", "a similar job"),
    "cg:sameLevelAs": (CG + "sameLevelAs", "the same level"),
}
"""The relations that are hops, strongest first: name -> (IRI, what it means in words)."""

_BY_IRI = {iri: name for name, (iri, _) in RELATIONS.items()}

_CITED = """
SELECT ?one ?relation ?other ?statement ?source ?section ?quote ?document WHERE {
  ?statement rdf:predicate ?relation ; rdf:subject ?one ; rdf:object ?other ; dcterms:source ?source .
  FILTER (?relation IN (skos:exactMatch, skos:closeMatch, cg:sameLevelAs))
  OPTIONAL { ?source cg:section ?section }
  OPTIONAL { ?source cg:quote ?quote }
  OPTIONAL { ?source dcterms:isPartOf ?document }
}"""
"""The sources of the equivalences a reified statement cites (as an imported ladder's mappings do)."""

_LADDERS = """
SELECT ?role ?ladder ?notation ?label WHERE {
  ?ladder a cg:Ladder . ?role skos:inScheme ?ladder .
  OPTIONAL { ?ladder skos:notation ?notation }
  OPTIONAL { ?ladder skos:prefLabel ?label }
}"""
"""The ladder of every role, to leave out pairs of one ladder and to name them."""
# The equivalences themselves are read by their three fixed predicates (Store.triples), in time
# proportional to their number: one query joining them with the roles' types took minutes on a
# ladder of 5,000 roles (rdflib evaluated the type patterns as a cross product).


@dataclass(frozen=True)
class Equivalence:
    """One equivalence, in one direction (:func:`read_equivalences` gives both).

    Parameters
    ----------
    one, other : str
        The two roles' IRIs.
    relation : str
        The strongest relation between them, a key of :data:`RELATIONS`.
    relations : tuple of str
        Every relation the data states between them, strongest first.
    sources : tuple of dict
        The passages that state it (``{"section", "quote", "iri"}``), from
        ``rdf:Statement`` nodes that describe the triple with ``dcterms:source``.
    """

    one: str
    other: str
    relation: str
    relations: tuple[str, ...]
    sources: tuple[dict[str, str | None], ...] = ()


@dataclass(frozen=True)
class EquivalenceStep(StepGap):
    """A step of a path that is an equivalence, not a move: nothing to gain or raise.

    Its ``kind`` is ``"equivalence"``; ``to_dict()`` adds the fields below.

    Parameters
    ----------
    from_role, to_role : str
        The IRIs of the two roles.
    from_label, to_label : str
        Their titles, each with its ladder: ``"Product Manager (acme)"``.
    kind : str
        ``"equivalence"``.
    gain, raise_, responsibilities : tuple
        Empty: an equivalence asks nothing.
    sources : tuple of dict
        The passages that state the equivalence, if the data cites any.
    relation : str
        The relation, such as ``"skos:exactMatch"``.
    meaning : str
        The relation in words: ``"the same job"``, ``"a similar job"`` or ``"the same level"``.
    from_ladder, to_ladder : str or None
        The names of the two roles' ladders.
    """

    relation: str = "skos:exactMatch"
    meaning: str = "the same job"
    from_ladder: str | None = None
    to_ladder: str | None = None


def read_equivalences(kg: CareerGraph) -> tuple[dict[str, str], tuple[Equivalence, ...]]:
    """The equivalences between roles of different ladders, both directions, and the ladders' names.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    (dict, tuple of Equivalence)
        Role IRI -> the name of its ladder (its ``skos:notation``, else its
        label, else the end of its IRI), for every role in a ladder; and the
        equivalences, sorted, each pair once per direction.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> ladders, found = read_equivalences(load_graph())
    >>> ladders["https://w3id.org/careergraph/pm/product-manager"], found
    ('pm', ())
    """
    relations: dict[tuple[str, str], set[str]] = defaultdict(set)
    cited: dict[tuple[str, str], dict[str, dict[str, str | None]]] = defaultdict(dict)
    schemes: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    roles: set[str] | None = None
    for name, (iri, _) in RELATIONS.items():
        for one, _, other in kg.store.triples((None, iri, None)):
            if roles is None:
                roles = {str(role) for role in kg.subjects(RDF + "type", CG + "Role")}
            if str(one) != str(other) and str(one) in roles and str(other) in roles:
                relations[str(one), str(other)].add(name)
                relations[str(other), str(one)].add(name)
    for row in kg.query(_CITED) if relations else ():
        found = passage(row)
        for pair in ((str(row.one), str(row.other)), (str(row.other), str(row.one))):
            cited[pair][found["iri"]] = {"section": found["section"], "quote": found["quote"],
                                         "iri": found["iri"]}
    for row in kg.query(_LADDERS):
        ladder = str(row.ladder)
        schemes[str(row.role)].add(ladder)
        name = row.notation if row.notation is not None else row.label
        if name is not None and (ladder not in names or row.notation is not None):
            names[ladder] = str(name)
    found = []
    for (one, other), named in sorted(relations.items()):
        if schemes.get(one, set()) & schemes.get(other, set()):
            continue  # one ladder: no hop (see the module notes)
        ordered = tuple(name for name in RELATIONS if name in named)
        sources = sorted(cited[one, other].values(), key=lambda p: (p["section"] or "", p["iri"]))
        found.append(Equivalence(one, other, ordered[0], ordered, tuple(sources)))
    ladders = {role: names.get(min(ladders), local_name(min(ladders)))
               for role, ladders in schemes.items()}
    return ladders, tuple(found)


def with_equivalences(G: nx.DiGraph, ladders: Mapping[str, str],
                      equivalences: Sequence[Equivalence]) -> nx.DiGraph:
    """A copy of a role graph with the equivalences as hops: a cross graph.

    Parameters
    ----------
    G : networkx.DiGraph
        A role graph (:func:`careergraph.project.role_graph`, or one with gap
        costs from :func:`careergraph.gap.with_gap_costs`).
    ladders : mapping
        Role -> the name of its ladder, put on the nodes as ``ladder``.
    equivalences : sequence of Equivalence
        The hops to add; those with an end that is not a node of ``G`` are left out.

    Returns
    -------
    networkx.DiGraph
        A new graph (see :mod:`careergraph.cross_search`): every move gets
        ``moves`` 1, every hop ``kind`` "equivalence", ``relation``,
        ``relations``, ``sources``, ``moves`` 0 and ``gap_cost`` 0.
    """
    cross = nx.DiGraph(G)
    cross.graph["cross"] = True
    for _, _, data in cross.edges(data=True):
        data[MOVES] = 1
    for role, data in cross.nodes(data=True):
        data["ladder"] = ladders.get(role)
    counts = Counter(str(data.get("label", role)) for role, data in cross.nodes(data=True))
    cross.graph["shared_labels"] = frozenset(label for label, n in counts.items() if n > 1)
    for item in equivalences:
        if item.one in cross and item.other in cross and not cross.has_edge(item.one, item.other):
            cross.add_edge(item.one, item.other, kind=HOP, kind_label="equivalence",
                           relation=item.relation, relations=list(item.relations),
                           sources=[dict(p) for p in item.sources],
                           **{MOVES: 0, GAP_COST: 0})
    return cross


def cross_graph(kg: CareerGraph, graph: nx.DiGraph | None = None) -> nx.DiGraph:
    """The role graph of ``kg`` (or ``graph``) with the equivalences of ``kg`` as hops.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph the equivalences are read from.
    graph : networkx.DiGraph, optional
        The role graph to add them to (default: ``kg``'s own).

    Returns
    -------
    networkx.DiGraph
        A new cross graph (:func:`with_equivalences`).
    """
    return with_equivalences(role_graph(kg) if graph is None else graph, *read_equivalences(kg))


def equivalence_step(G: nx.DiGraph, one: str, other: str) -> EquivalenceStep:
    """The step of a path that is the hop ``one = other`` of a cross graph.

    Parameters
    ----------
    G : networkx.DiGraph
        The cross graph.
    one, other : str
        The two ends of a hop of ``G``.

    Returns
    -------
    EquivalenceStep
        The hop, with nothing to gain or raise.
    """
    relation, sources = G.edges[one, other]["relation"], G.edges[one, other].get("sources", ())
    return EquivalenceStep(one, other, qualified(G, one, always=True),
                           qualified(G, other, always=True), HOP, (), (), (),
                           tuple(dict(p) for p in sources),
                           relation, RELATIONS[relation][1],
                           G.nodes[one].get("ladder"), G.nodes[other].get("ladder"))


def cross_path_gap(kg: CareerGraph, G: nx.DiGraph, path: Sequence[str],
                   have: Mapping[str, int] | None = None) -> list[StepGap]:
    """The gap of every step of a path of a cross graph: moves as :func:`~careergraph.gap.path_gap`, hops empty.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    G : networkx.DiGraph
        The cross graph the path was found in.
    path : sequence of str
        The roles, in order.
    have : mapping, optional
        Skill IRI -> level held at the start; by default the requirements of the first role.

    Returns
    -------
    list of StepGap
        One per step: an :class:`EquivalenceStep` for a hop. Held skills
        grow with every role reached by a move or an exact match (see the
        module notes); on a path without hops it equals ``path_gap``. The
        roles' labels name their ladders where two roles share a label.
    """
    held = _raised({}, requirements(kg, path[0])) if have is None and path else dict(have or {})
    steps: list[StepGap] = []
    for one, other in pairwise(path):
        if is_hop(G, one, other):
            steps.append(equivalence_step(G, one, other))
            if G.edges[one, other]["relation"] != "skos:exactMatch":
                continue  # a similar job or the same level: nothing more counts as held
        else:
            step = step_gap(kg, one, other, held)
            steps.append(replace(step, from_label=qualified(G, one), to_label=qualified(G, other)))
        held = _raised(held, requirements(kg, other))
    return steps


def _raised(held: Mapping[str, int], needs: Mapping[str, int | None]) -> dict[str, int]:
    """What is held after taking on ``needs``: each skill at the higher of the two levels."""
    raised = dict(held)
    for skill, level in needs.items():  # as careergraph.gap's: a requirement without a level is 1
        raised[skill] = max(raised.get(skill, 0), level or 1)
    return raised
