"""careergraph.gap: the skill gap of a move and a path, checked against the requirement data."""

from __future__ import annotations

import json

import pytest
from rdflib import URIRef

from careergraph.errors import RoleNotFound
from careergraph.gap import (IMPORTANCE_WEIGHT, path_gap, proficiency_scale, readiness,
                             requirements, shared_sources, step_gap, with_gap_costs)
from careergraph.namespaces import PM, PREFIXES
from careergraph.project import role_graph

PRODUCT_MANAGER = PM + "product-manager"
SENIOR = PM + "senior-product-manager"

_LEVELS = """
SELECT ?skill ?label ?level WHERE {
  ?role cg:requires ?requirement . ?requirement cg:skill ?skill ; cg:proficiency ?level .
  ?skill skos:prefLabel ?label .
}"""


def sparql_levels(kg, role):
    """Skill IRI -> (label, level) the role requires, straight from the RDF."""
    rows = kg.rdflib_graph().query(_LEVELS, initNs=PREFIXES, initBindings={"role": URIRef(role)})
    return {str(r.skill): (str(r.label), int(r.level)) for r in rows}


def sparql_values(kg, query, role):
    rows = kg.rdflib_graph().query(query, initNs=PREFIXES, initBindings={"role": URIRef(role)})
    return {str(row[0]) for row in rows}


def test_pm_to_senior_pm_raises_exactly_the_rising_levels(builtin_graph):
    before = sparql_levels(builtin_graph, PRODUCT_MANAGER)
    after = sparql_levels(builtin_graph, SENIOR)
    rising = {skill: (before[skill][1], after[skill][1]) for skill in before.keys() & after.keys()
              if after[skill][1] > before[skill][1]}
    step = step_gap(builtin_graph, PRODUCT_MANAGER, SENIOR)
    assert {r.skill: (r.from_level, r.to_level) for r in step.raise_} == rising
    assert sorted(r.label for r in step.raise_) == [
        "Data-driven decision-making", "Market understanding", "Product knowledge",
        "Strategic thinking"]
    assert all((r.from_level, r.to_level) == (3, 4) for r in step.raise_)


def test_pm_to_senior_pm_gains_exactly_the_new_skills(builtin_graph):
    before = sparql_levels(builtin_graph, PRODUCT_MANAGER)
    after = sparql_levels(builtin_graph, SENIOR)
    new = {skill: level for skill, (_, level) in after.items() if skill not in before}
    step = step_gap(builtin_graph, PRODUCT_MANAGER, SENIOR)
    assert {g.skill: g.level for g in step.gain} == new
    assert [g.label for g in step.gain] == [
        "Hands-on product management", "Identifying and solving issues",
        "Leading without authority", "Managing trade-offs"]
    # Communication, Leadership and Prioritization stay at 3: they are in neither list
    unchanged = {label for skill, (label, level) in after.items()
                 if skill in before and before[skill][1] >= level}
    assert unchanged == {"Communication", "Leadership", "Prioritization"}
    assert unchanged.isdisjoint(s.label for s in (*step.gain, *step.raise_))


def test_responsibilities_and_sources_come_from_the_data(builtin_graph):
    step = step_gap(builtin_graph, PRODUCT_MANAGER, SENIOR)
    responsibilities = "SELECT ?r WHERE { ?role cg:hasResponsibility ?r }"
    expected = sparql_values(builtin_graph, responsibilities, SENIOR) - \
        sparql_values(builtin_graph, responsibilities, PRODUCT_MANAGER)
    assert {r["iri"] for r in step.responsibilities} == expected
    assert "Lead junior PMs" in [r["label"] for r in step.responsibilities]
    quotes = sparql_values(builtin_graph, """SELECT ?quote WHERE {
        ?move cg:fromRole pm:product-manager ; cg:toRole ?role ; dcterms:source ?p .
        ?p cg:quote ?quote }""", SENIOR)
    assert {s["quote"] for s in step.sources} == quotes
    assert step.kind == "promotion" and step.cost == 4 * 4 + 4 * 1
    assert "3. Senior Product Manager" in {s["section"] for s in step.sources}
    assert PM + "passage-primary-roles" in {s["iri"] for s in step.sources}


_REQUIREMENT_PASSAGES = """
SELECT ?skill ?passage ?section ?quote WHERE {
  ?role cg:requires ?requirement . ?requirement cg:skill ?skill ; dcterms:source ?passage .
  ?passage cg:section ?section ; cg:quote ?quote .
}"""


def requirement_passages(kg, role):
    """Skill IRI -> {(passage, section, quote)} of the role's requirement, straight from the RDF."""
    found = {}
    for row in kg.rdflib_graph().query(_REQUIREMENT_PASSAGES, initNs=PREFIXES,
                              initBindings={"role": URIRef(role)}):
        found.setdefault(str(row.skill), set()).add((str(row.passage), str(row.section),
                                                     str(row.quote)))
    return found


def test_each_skill_carries_the_passages_of_its_requirement(builtin_graph):
    for source, target in role_graph(builtin_graph).edges:
        expected = requirement_passages(builtin_graph, target)
        step = step_gap(builtin_graph, source, target)
        for item in (*step.gain, *step.raise_):
            assert {(p["iri"], p["section"], p["quote"]) for p in item.sources} == \
                expected.get(item.skill, set()), (source, target, item.label)
    # the Senior PM needs hands-on experience because of the high-visibility products
    step = step_gap(builtin_graph, PRODUCT_MANAGER, SENIOR)
    hands_on = next(s for s in (*step.gain, *step.raise_)
                    if s.skill == PM + "skill-hands-on-product-management")
    assert any(p["quote"].startswith("Senior Product Managers manage high-visibility products")
               for p in hands_on.sources)


def test_shared_sources_are_those_every_move_cites(builtin_graph):
    ladder = [PM + n for n in ("associate-product-manager", "product-manager",
                               "senior-product-manager", "director-of-product")]
    steps = path_gap(builtin_graph, ladder)
    shared = shared_sources(steps)
    assert PM + "passage-primary-roles" in {p["iri"] for p in shared}
    for step in steps:
        assert {p["iri"] for p in shared} <= {p["iri"] for p in step.sources}
    common = set.intersection(*({p["iri"] for p in step.sources} for step in steps))
    assert {p["iri"] for p in shared} == common
    assert shared_sources(steps[:1]) == () and shared_sources([]) == ()


def test_every_move_lists_only_what_rises(builtin_graph):
    for source, target in role_graph(builtin_graph).edges:
        before, after = sparql_levels(builtin_graph, source), sparql_levels(builtin_graph, target)
        step = step_gap(builtin_graph, source, target)
        assert {g.skill for g in step.gain} == after.keys() - before.keys()
        assert {r.skill for r in step.raise_} == {
            s for s in after.keys() & before.keys() if after[s][1] > before[s][1]}


def test_what_a_person_has_never_appears(builtin_graph):
    have = {PM + "skill-strategic-thinking": 5, PM + "skill-product-knowledge": 2,
            PM + "skill-leading-without-authority": 4}
    step = step_gap(builtin_graph, PRODUCT_MANAGER, SENIOR, have)
    listed = {s.skill for s in (*step.gain, *step.raise_)}
    assert PM + "skill-strategic-thinking" not in listed
    assert PM + "skill-leading-without-authority" not in listed
    assert [(r.label, r.from_level, r.to_level) for r in step.raise_] == \
        [("Product knowledge", 2, 4)]
    # with ``have`` the PM's own requirements are not assumed: all else is to gain
    assert len(step.gain) == len(sparql_levels(builtin_graph, SENIOR)) - 3


def test_a_path_gap_never_asks_twice_for_the_same_level(builtin_graph):
    ladder = [PM + n for n in ("associate-product-manager", "product-manager",
                               "senior-product-manager", "director-of-product",
                               "vp-of-product", "chief-product-officer")]
    steps = path_gap(builtin_graph, ladder)
    assert [s.to_label for s in steps] == ["Product Manager", "Senior Product Manager",
                                           "Director of Product", "VP of Product",
                                           "Chief Product Officer"]
    gained = [g.skill for s in steps for g in s.gain]
    assert len(gained) == len(set(gained))
    top = {}
    for step in steps:
        for r in step.raise_:
            assert top.get(r.skill, r.from_level) <= r.from_level < r.to_level
            top[r.skill] = r.to_level
        for g in step.gain:
            top[g.skill] = g.level
    cpo = steps[-1]
    assert [(r.label, r.from_level, r.to_level) for r in cpo.raise_
            if r.label == "Strategic thinking"] == [("Strategic thinking", 4, 5)]
    assert path_gap(builtin_graph, ladder[:2])[0] == step_gap(builtin_graph, *ladder[:2])
    assert path_gap(builtin_graph, ladder[:1]) == []


def test_a_gap_between_roles_without_a_move(builtin_graph):
    step = step_gap(builtin_graph, PM + "associate-product-manager", PM + "chief-product-officer")
    assert step.kind is None and step.sources == ()
    with pytest.raises(RoleNotFound):
        step_gap(builtin_graph, PRODUCT_MANAGER, PM + "astronaut")


def test_to_dict_is_json_with_a_raise_key(builtin_graph):
    data = json.loads(json.dumps(step_gap(builtin_graph, PRODUCT_MANAGER, SENIOR).to_dict()))
    assert {"from_role", "to_role", "from_label", "to_label", "kind", "gain", "raise",
            "responsibilities", "sources", "cost"} == set(data)
    first = data["raise"][0]
    assert {key: value for key, value in first.items() if key != "sources"} == {
        "skill": PM + "skill-data-driven-decision-making", "label": "Data-driven decision-making",
        "category": "analytical", "from_level": 3, "to_level": 4, "importance": "core"}
    expected = requirement_passages(builtin_graph, SENIOR)[first["skill"]]
    assert {(p["iri"], p["section"], p["quote"]) for p in first["sources"]} == expected


def test_gap_costs_are_the_step_costs(builtin_graph):
    costs = with_gap_costs(builtin_graph)
    for source, target, cost in costs.edges(data="gap_cost"):
        assert cost == step_gap(builtin_graph, source, target).cost
    assert "gap_cost" not in next(iter(role_graph(builtin_graph).edges(data=True)))[2]


_WEIGHTED = """
SELECT ?skill ?level ?importance WHERE {
  ?role cg:requires ?requirement . ?requirement cg:skill ?skill ; cg:proficiency ?level ;
        cg:importance ?importance .
}"""


def weighted_needs(kg, role):
    """Skill IRI -> (level, weight by importance) the role requires, straight from the RDF."""
    rows = kg.rdflib_graph().query(_WEIGHTED, initNs=PREFIXES, initBindings={"role": URIRef(role)})
    return {str(r.skill): (int(r.level),
                           IMPORTANCE_WEIGHT[str(r.importance).rsplit("#")[-1].lower()])
            for r in rows}


def test_readiness_scores_are_shrunk_weighted_coverage(builtin_graph):
    vp = sparql_levels(builtin_graph, PM + "vp-of-product")
    have = {skill: level for skill, (_, level) in vp.items()}
    ranked = readiness(builtin_graph, have)
    prior = max(entry.evidence for entry in ranked)
    for entry in ranked:
        needs = weighted_needs(builtin_graph, entry.role)
        required = sum(level * weight for level, weight in needs.values())
        held = sum(min(have.get(s, 0), level) * weight for s, (level, weight) in needs.items())
        assert entry.evidence == required and entry.prior == prior
        assert entry.covered == pytest.approx(held / required)
        assert entry.score == pytest.approx(held / (required + prior))
        assert entry.required == len(needs)
        assert entry.met == sum(have.get(s, 0) >= level for s, (level, _) in needs.items())
    scores = [entry.score for entry in ranked]
    assert scores == sorted(scores, reverse=True)
    vp_entry = next(entry for entry in ranked if entry.label == "VP of Product")
    assert vp_entry.covered == 1.0 and vp_entry.gain == () and vp_entry.raise_ == ()
    # without the prior the ranking is by coverage alone, and the VP's two skills win
    assert readiness(builtin_graph, have, prior=0)[0].label == "VP of Product"
    labels = {entry.label for entry in ranked}
    assert "Group Product Manager" not in labels  # no requirements: nothing to measure
    assert all(requirements(builtin_graph, entry.role) for entry in ranked)


def test_readiness_ties_go_to_the_nearer_role(builtin_graph):
    ranked = readiness(builtin_graph, {}, current=PRODUCT_MANAGER)  # every score is 0
    assert {entry.score for entry in ranked} == {0.0}
    moves = [entry.moves for entry in ranked]
    reachable = [m for m in moves if m is not None]
    assert moves[0] == 0 and ranked[0].role == PRODUCT_MANAGER
    assert reachable == sorted(reachable) and moves == reachable + [None] * moves.count(None)
    assert next(e for e in ranked if e.role == SENIOR).moves == 1
    assert next(e for e in ranked if e.label == "Associate Product Manager").moves is None


# A product manager with the PM's skills, some of them above the PM's level: the
# person of ontology/examples/profile.yaml.
PM_PROFILE = {"communication": 4, "collaboration": 3, "leadership": 3, "strategic-thinking": 3,
              "data-driven-decision-making": 3, "prioritization": 3, "product-knowledge": 3,
              "market-understanding": 2, "customer-understanding": 3, "process-optimization": 2,
              "technical-skills": 3, "analytical-skills": 4}


def test_the_next_step_beats_far_roles_with_few_requirements(builtin_graph):
    have = {PM + "skill-" + skill: level for skill, level in PM_PROFILE.items()}
    ranked = readiness(builtin_graph, have, current=PRODUCT_MANAGER)
    assert [entry.role for entry in ranked[:2]] == [PRODUCT_MANAGER, SENIOR]
    senior = next(entry for entry in ranked if entry.role == SENIOR)
    thin_and_far = [entry for entry in ranked
                    if entry.required < senior.required and (entry.moves or 99) > 1]
    assert thin_and_far  # the Director, the VP, the Principal PM ...
    for entry in thin_and_far:
        assert ranked.index(senior) < ranked.index(entry), entry.label


def test_requirements_and_scale(builtin_graph):
    assert requirements(builtin_graph, PM + "group-product-manager") == {}
    assert requirements(builtin_graph, PM + "vp-of-product") == {
        PM + "skill-communication": 4, PM + "skill-leadership": 4}
    assert proficiency_scale(builtin_graph)[3] == "practitioner"
