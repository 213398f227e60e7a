"""The skill gap of a move, of a path, and between a person and every role.

Computed from the requirement data (the role–skill graph of
:func:`careergraph.project.skill_graph`), never typed in. For a move from
role A to role B:

- **gain**: the skills B requires that A does not (or that the person does
  not have), with the level B needs;
- **raise**: the skills both require (or the person has) where B needs a
  higher level, from which level to which;
- **responsibilities**: those of B that A does not carry;
- **sources**: the source passages of the move (section and quote).

Each skill to gain or raise carries the source passages of the requirement it
comes from (B's ``cg:SkillRequirement``), so an answer says why B needs it,
not only why the move exists; :func:`shared_sources` finds the passages every
move of a path cites, for showing them once.

A skill already held at the needed level never appears. Levels are the
integers of the proficiency scale (1 awareness ... 5 expert, see
:func:`proficiency_scale`). When a requirement names a level of its ladder's
own scale (``cg:proficiencyLevel``, :mod:`careergraph.scales`), the skill
also carries that level's name (``level_name``, ``scale``; for a raise also
``from_level_name``), so an answer can say "Working -> Practitioner".

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> pm = "https://w3id.org/careergraph/pm/product-manager"
>>> senior = "https://w3id.org/careergraph/pm/senior-product-manager"
>>> step = step_gap(kg, pm, senior)
>>> step.kind, [(r.label, r.from_level, r.to_level) for r in step.raise_]
... # doctest: +NORMALIZE_WHITESPACE
('promotion', [('Data-driven decision-making', 3, 4), ('Market understanding', 3, 4),
               ('Product knowledge', 3, 4), ('Strategic thinking', 3, 4)])
>>> step.cost
20
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from careergraph.errors import RoleNotFound
from careergraph.gap_results import Passage, Readiness, SkillGain, SkillRaise, StepGap
from careergraph.paths import GAP_COST
from careergraph.path_constraints import read_roles
from careergraph.project import role_graph, role_requirements
from careergraph.scales import level_for, requirement_levels
from careergraph.vocabulary import rank

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.career_graph import CareerGraph
    from careergraph.scales import FrameworkLevel

Named = tuple[Mapping[str, "FrameworkLevel"], Mapping[str, "FrameworkLevel"]]
"""Framework levels: requirement IRI -> level of the target; skill IRI -> level of the role before."""

__all__ = ["IMPORTANCE_WEIGHT", "Passage", "Readiness", "SkillGain", "SkillRaise",
           "StepGap", "path_gap", "proficiency_scale", "readiness", "requirements", "shared_sources",
           "step_gap", "with_gap_costs"]

IMPORTANCE_WEIGHT = {"core": 2, "supporting": 1}
"""How much a required level of each importance counts in :func:`readiness` (any other: 1).

A choice of the readiness score, not vocabulary: the importances themselves
and their order are read from the ontology (:mod:`careergraph.vocabulary`).
"""


def requirements(kg: CareerGraph, role: str) -> dict[str, int | None]:
    """The levels one role requires.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        A role IRI.

    Returns
    -------
    dict
        Skill IRI -> level the role requires (None when the requirement gives no level).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> vp = "https://w3id.org/careergraph/pm/vp-of-product"
    >>> sorted(requirements(load_graph(), vp).values())
    [4, 4]
    """
    return {skill: need["proficiency"] for skill, need, _ in role_requirements(kg, role)}


def step_gap(kg: CareerGraph, from_role: str, to_role: str,
             have: Mapping[str, int] | None = None) -> StepGap:
    """The gap of the move from ``from_role`` to ``to_role``.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    from_role, to_role : str
        Role IRIs. They need not be linked by a move: then ``kind`` and
        ``sources`` are empty and the gap compares the two roles.
    have : mapping, optional
        Skill IRI -> level a person holds. When given, it replaces the
        requirements of ``from_role`` as what is held before the move.

    Returns
    -------
    StepGap
        The skills to gain and raise, the responsibilities taken on, and the move's sources.

    Raises
    ------
    RoleNotFound
        A role is not in the graph.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg, pm = load_graph(), "https://w3id.org/careergraph/pm/"
    >>> step = step_gap(kg, pm + "product-manager", pm + "senior-product-manager")
    >>> [(g.label, g.level) for g in step.gain]  # doctest: +NORMALIZE_WHITESPACE
    [('Hands-on product management', 4), ('Identifying and solving issues', 4),
     ('Leading without authority', 4), ('Managing trade-offs', 4)]
    >>> "3. Senior Product Manager" in [source["section"] for source in step.sources]
    True
    >>> hands_on = step.gain[0]  # and why the Senior PM needs it: its requirement's passages
    >>> [source["section"] for source in hands_on.sources]
    ['3. Senior Product Manager']
    >>> have = {pm + "skill-strategic-thinking": 5, pm + "skill-product-knowledge": 2}
    >>> mine = step_gap(kg, pm + "product-manager", pm + "senior-product-manager", have)
    >>> [(r.label, r.from_level, r.to_level) for r in mine.raise_]
    [('Product knowledge', 2, 4)]
    >>> "Strategic thinking" in [g.label for g in mine.gain]
    False
    """
    roles = role_graph(kg)
    for role in (from_role, to_role):
        if role not in roles:
            raise RoleNotFound(str(role))
    held = dict(have) if have is not None else _raised({}, requirements(kg, from_role))
    named = _named(kg, to_role, from_role) if kg.derived.framework_levels else None
    gain, raise_ = _skill_gap(kg, held, to_role, named)
    before = {r["iri"] for r in roles.nodes[from_role]["responsibilities"]}
    taken_on = tuple(dict(r) for r in roles.nodes[to_role]["responsibilities"]
                     if r["iri"] not in before)
    move = roles.edges[from_role, to_role] if roles.has_edge(from_role, to_role) else {}
    sources = _passages(move.get("sources", ()))
    return StepGap(from_role, to_role, roles.nodes[from_role]["label"],
                   roles.nodes[to_role]["label"], move.get("kind"), gain, raise_,
                   taken_on, sources)


def path_gap(kg: CareerGraph, roles: Sequence[str],
             have: Mapping[str, int] | None = None) -> list[StepGap]:
    """The gap of every move of a path (one :class:`StepGap` per consecutive pair).

    Skills are not lost on the way: each step compares the target with what
    is held by then, that is what is held at the start (``have``, or by
    default the requirements of the first role) raised to the requirements
    of every role reached so far. So a skill the path asked for earlier
    appears later only as a raise, and a path of one move gives exactly
    :func:`step_gap`.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    roles : sequence of str
        The role IRIs of the path, in order.
    have : mapping, optional
        Skill IRI -> level held at the start; by default the requirements of the first role.

    Returns
    -------
    list of StepGap
        One per move, in order.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg, pm = load_graph(), "https://w3id.org/careergraph/pm/"
    >>> path = [pm + "senior-product-manager", pm + "director-of-product", pm + "vp-of-product",
    ...         pm + "chief-product-officer"]
    >>> [(s.to_label, len(s.gain), len(s.raise_)) for s in path_gap(kg, path)]
    [('Director of Product', 2, 2), ('VP of Product', 0, 0), ('Chief Product Officer', 1, 5)]
    >>> [(s.to_label, len(s.gain), len(s.raise_)) for s in path_gap(kg, path[:2], have={})]
    [('Director of Product', 4, 0)]
    """
    steps = []
    held = _raised({}, requirements(kg, roles[0])) if have is None and roles else dict(have or {})
    for from_role, to_role in pairwise(roles):
        steps.append(step_gap(kg, from_role, to_role, held))
        held = _raised(dict(held), requirements(kg, to_role))
    return steps


def with_gap_costs(kg: CareerGraph, have: Mapping[str, int] | None = None) -> nx.DiGraph:
    """A copy of the role graph whose moves carry :data:`~careergraph.paths.GAP_COST`.

    The cost of a move A -> B is :attr:`StepGap.cost`: the proficiency levels
    B asks beyond what A requires (and, given ``have``, beyond what the
    person holds too). It is what ``weight="gap"`` of
    :mod:`careergraph.paths` adds up.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    have : mapping, optional
        Skill IRI -> level a person holds.

    Returns
    -------
    networkx.DiGraph
        A new, unfrozen copy of the role graph (the graph's own stays as it is).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> from careergraph.paths import shortest_path
    >>> kg, pm = load_graph(), "https://w3id.org/careergraph/pm/"
    >>> costs = with_gap_costs(kg)
    >>> costs.edges[pm + "product-manager", pm + "senior-product-manager"]["gap_cost"]
    20
    >>> len(shortest_path(costs, pm + "associate-product-manager", pm + "director-of-product",
    ...                   weight="gap"))
    4
    """
    graph = role_graph(kg).copy()
    for from_role, to_role, data in graph.edges(data=True):
        held = _raised(dict(have or {}), requirements(kg, from_role))
        gain, raise_ = _skill_gap(kg, held, to_role)  # the cost only: no level names to read
        data[GAP_COST] = sum(g.cost for g in gain) + sum(r.cost for r in raise_)
    return graph


def shared_sources(steps: Sequence[StepGap]) -> tuple[Passage, ...]:
    """The passages that every move of a path cites (none for a path of fewer than two moves).

    Shown once for the whole path, such a passage (the article's sentence
    that introduces its numbered list of roles backs every promotion of the
    ladder) need not be repeated under each move.

    Parameters
    ----------
    steps : sequence of StepGap
        The steps of a path.

    Returns
    -------
    tuple of dict
        The passages cited by every step, in the order of the first step.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg, pm = load_graph(), "https://w3id.org/careergraph/pm/"
    >>> ladder = [pm + "associate-product-manager", pm + "product-manager",
    ...           pm + "senior-product-manager"]
    >>> pm + "passage-primary-roles" in [p["iri"] for p in shared_sources(path_gap(kg, ladder))]
    True
    >>> shared_sources(path_gap(kg, ladder[:2]))
    ()
    """
    if len(steps) < 2:
        return ()
    common = set.intersection(*({p["iri"] for p in step.sources} for step in steps))
    return tuple(p for p in steps[0].sources if p["iri"] in common)


def readiness(kg: CareerGraph, have: Mapping[str, int], *, current: str | None = None,
              prior: float | None = None) -> list[Readiness]:
    """Every role with requirements, ranked by how ready the person is for it.

    A role is scored by the importance-weighted share of its required
    proficiency levels the person holds, shrunk towards zero by how little
    the graph says about it::

        score = held / (evidence + prior)

    where ``evidence`` is the role's required levels, each weighted by its
    importance (:data:`IMPORTANCE_WEIGHT`: core 2, supporting 1), ``held``
    the part of them the person holds (a level held above the need counts as
    the need), and ``prior`` (by default the ``evidence`` of the graph's
    best-described role) stands for what the graph does not know about a
    role: each is judged as if it also asked for that many levels which the
    profile does not show. That is ``covered * evidence / (evidence +
    prior)``: the share covered, discounted by how little the graph says
    about the role. So a role described by two requirements does not outrank
    the next step up on coverage alone. Ties go to the role fewer moves from
    ``current`` (unreachable roles last), then by label. Roles without any
    skill requirement are left out: there is nothing to measure.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    have : mapping
        Skill IRI -> level the person holds.
    current : str, optional
        The IRI of the person's current role: it gives each role its
        distance in moves (``Readiness.moves``).
    prior : float, optional
        The weight of the unknown requirements, in weighted levels (0:
        rank by ``covered`` alone).

    Returns
    -------
    list of Readiness
        Best first.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg, pm = load_graph(), "https://w3id.org/careergraph/pm/"
    >>> have = {pm + "skill-communication": 4, pm + "skill-leadership": 4}
    >>> vp = next(r for r in readiness(kg, have) if r.label == "VP of Product")
    >>> vp.covered, vp.met, vp.required
    (1.0, 2, 2)
    >>> vp.score == vp.evidence / (vp.evidence + max(r.evidence for r in readiness(kg, have)))
    True
    >>> [r.label for r in readiness(kg, have, prior=0)][:1]  # no prior: coverage alone
    ['VP of Product']
    """
    roles = role_graph(kg)
    distances: dict[str, int] = {}
    if current is not None:
        from careergraph.paths import reachable

        distances = {current: 0, **reachable(roles, current)}
    measured = []
    read_roles(roles, roles)  # every role's label, seniority and track, in a few requests
    for role, data in roles.nodes(data=True):
        needs = role_requirements(kg, role)
        if not needs:
            continue
        evidence = held = met = 0
        for skill, need, _ in needs:
            level, weight = need["proficiency"] or 1, IMPORTANCE_WEIGHT.get(need["importance"], 1)
            evidence += weight * level
            held += weight * min(have.get(skill, 0), level)
            met += have.get(skill, 0) >= level
        measured.append((role, data, evidence, held, met, len(needs)))
    if prior is None:
        prior = max((evidence for _, _, evidence, _, _, _ in measured), default=0)
    ranked = []
    named = kg.derived.framework_levels
    for role, data, evidence, held, met, required in measured:
        gain, raise_ = _skill_gap(kg, have, role, _named(kg, role) if named else None)
        ranked.append(Readiness(role, data["label"], data["seniority"], data["track"],
                                held / evidence, met, required, gain, raise_, evidence,
                                held / (evidence + prior) if evidence + prior else 0.0,
                                distances.get(role), prior))
    ranked.sort(key=lambda r: (-round(r.score, 9), r.moves is None, r.moves or 0,
                               r.label.casefold()))
    return ranked


def proficiency_scale(kg: CareerGraph) -> Mapping[int, str]:
    """The proficiency levels of the graph: integer -> English name, read from the ontology.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    mapping
        ``kg.derived.proficiency_scale`` (read-only; see :mod:`careergraph.vocabulary`).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> dict(proficiency_scale(load_graph()))
    {1: 'awareness', 2: 'working knowledge', 3: 'practitioner', 4: 'advanced', 5: 'expert'}
    """
    return kg.derived.proficiency_scale


def _named(kg: CareerGraph, role: str, before: str | None = None) -> Named:
    """The framework levels of ``role``'s requirements, and of ``before``'s by skill."""
    if before is None:
        return requirement_levels(kg, role), {}
    earlier = requirement_levels(kg, before)
    by_skill = {skill: earlier[need["requirement"]] for skill, need, _ in role_requirements(kg, before)
                if need["requirement"] in earlier}
    return requirement_levels(kg, role), by_skill


def _skill_gap(kg: CareerGraph, held: Mapping[str, int], role: str,
               named: Named | None = None) -> tuple[tuple[SkillGain, ...], tuple[SkillRaise, ...]]:
    """The skills ``role`` requires beyond ``held``: those to gain and those to raise."""
    gain, raise_ = [], []
    levels, earlier = named or ({}, {})
    scales: dict[str, Any] = {}
    for skill, need, node in role_requirements(kg, role):
        level, current = need["proficiency"], held.get(skill, 0) or 0
        target = levels.get(need["requirement"])
        if target is not None and target.common != level:
            target = None  # the level's common value disagrees with cg:proficiency: no name
        name, scale = (target.name, target.scale_label) if target else (None, None)
        if current <= 0:
            gain.append(SkillGain(skill, node["label"], node["category_label"], level,
                                  need["importance"], _passages(need.get("sources", ())), name,
                                  scale))
        elif level is not None and current < level:
            was = level_for(kg, target, current, earlier.get(skill), scales) if target else None
            raise_.append(SkillRaise(skill, node["label"], node["category_label"], current,
                                     level, need["importance"], _passages(need.get("sources", ())),
                                     name, was.name if was else None, scale))
    order = kg.derived.importances  # the ontology's order: core skills first

    def key(item: SkillGain | SkillRaise) -> tuple[int, str]:
        return rank(order, item.importance), item.label.casefold()

    return tuple(sorted(gain, key=key)), tuple(sorted(raise_, key=key))


def _passages(found: Sequence[Mapping[str, str | None]]) -> tuple[Passage, ...]:
    """Passages as ``{"section", "quote", "iri"}``, each once, by section and IRI."""
    unique = {p["iri"]: {"section": p.get("section"), "quote": p.get("quote"), "iri": p["iri"]}
              for p in found}
    return tuple(sorted(unique.values(), key=lambda p: (p["section"] or "", p["iri"] or "")))


def _raised(held: dict[str, int], needs: Mapping[str, int | None]) -> dict[str, int]:
    """``held`` with every skill raised to at least the level ``needs`` gives it."""
    for skill, level in needs.items():
        held[skill] = max(held.get(skill, 0), level or 1)
    return held
