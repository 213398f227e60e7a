"""careergraph.gap: the skill gap of a move and a path, checked against the requirement data."""

from __future__ import annotations

import json

import pytest
from rdflib import URIRef

from careergraph.errors import RoleNotFound
from careergraph.gap import (path_gap, proficiency_scale, readiness, requirements, step_gap,
                             with_gap_costs)
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
    rows = kg.graph.query(_LEVELS, initNs=PREFIXES, initBindings={"role": URIRef(role)})
    return {str(r.skill): (str(r.label), int(r.level)) for r in rows}


def sparql_values(kg, query, role):
    rows = kg.graph.query(query, initNs=PREFIXES, initBindings={"role": URIRef(role)})
    return {str(row[0]) for row in rows}


def test_pm_to_senior_pm_raises_exactly_the_rising_levels(builtin_graph):
    before, after = sparql_levels(builtin_graph, PRODUCT_MANAGER), sparql_levels(builtin_graph, SENIOR)
    rising = {skill: (before[skill][1], after[skill][1]) for skill in before.keys() & after.keys()
              if after[skill][1] > before[skill][1]}
    step = step_gap(builtin_graph, PRODUCT_MANAGER, SENIOR)
    assert {r.skill: (r.from_level, r.to_level) for r in step.raise_} == rising
    assert sorted(r.label for r in step.raise_) == [
        "Data-driven decision-making", "Market understanding", "Product knowledge",
        "Strategic thinking"]
    assert all((r.from_level, r.to_level) == (3, 4) for r in step.raise_)


def test_pm_to_senior_pm_gains_exactly_the_new_skills(builtin_graph):
    before, after = sparql_levels(builtin_graph, PRODUCT_MANAGER), sparql_levels(builtin_graph, SENIOR)
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
    assert {s["section"] for s in step.sources} == {"3. Senior Product Manager",
                                                    "The Career Path for PMs"}


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
    assert [(r.label, r.from_level, r.to_level) for r in step.raise_] == [("Product knowledge", 2, 4)]
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
    assert [(r.label, r.from_level, r.to_level) for r in cpo.raise_ if r.label == "Strategic thinking"] \
        == [("Strategic thinking", 4, 5)]
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
    assert data["raise"][0] == {
        "skill": PM + "skill-data-driven-decision-making", "label": "Data-driven decision-making",
        "category": "analytical", "from_level": 3, "to_level": 4, "importance": "core"}


def test_gap_costs_are_the_step_costs(builtin_graph):
    costs = with_gap_costs(builtin_graph)
    for source, target, cost in costs.edges(data="gap_cost"):
        assert cost == step_gap(builtin_graph, source, target).cost
    assert "gap_cost" not in next(iter(role_graph(builtin_graph).edges(data=True)))[2]


def test_readiness_ranks_by_share_of_required_levels(builtin_graph):
    vp = sparql_levels(builtin_graph, PM + "vp-of-product")
    have = {skill: level for skill, (_, level) in vp.items()}
    ranked = readiness(builtin_graph, have)
    assert ranked[0].label == "VP of Product" and ranked[0].covered == 1.0
    assert ranked[0].gain == () and ranked[0].raise_ == ()
    for entry in ranked:
        needs = sparql_levels(builtin_graph, entry.role)
        expected = sum(min(have.get(s, 0), level) for s, (_, level) in needs.items()) / \
            sum(level for _, level in needs.values())
        assert entry.covered == pytest.approx(expected)
        assert entry.required == len(needs)
    shares = [entry.covered for entry in ranked]
    assert shares == sorted(shares, reverse=True)
    labels = {entry.label for entry in ranked}
    assert "Group Product Manager" not in labels  # no requirements: nothing to measure
    assert len(ranked) == 9


def test_requirements_and_scale(builtin_graph):
    assert requirements(builtin_graph, PM + "group-product-manager") == {}
    assert requirements(builtin_graph, PM + "vp-of-product") == {
        PM + "skill-communication": 4, PM + "skill-leadership": 4}
    assert proficiency_scale(builtin_graph)[3] == "practitioner"
