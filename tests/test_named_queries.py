"""Every named query of ontology/queries/: its header, its real answer on the built-in ladder, every format."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from careergraph.sparql.queries import named_queries, run_query
from careergraph.sparql.params import KINDS
from careergraph.sparql.formats import ROW_FORMATS, formats_for, serialize
from careergraph.sparql.guard import check_query

EXAMPLE_PARAMS = {
    "ladder": {},
    "role-skills": {"role": "Product Owner"},
    "role-responsibilities": {"role": "Director of Product"},
    "role-changes": {"from": "Senior PM", "to": "Director of Product"},
    "reachable-from": {"role": "Senior Product Manager"},
    "leads-to": {"role": "COO"},
    "alternative-titles": {},
    "branches-and-exits": {},
    "skill-category-shift": {},
    "roles-requiring-skill": {"skill": "strategic thinking"},
    "source-of": {"role": "Group Product Manager"},
    "mappings": {},
    "skills": {},
    "search": {"text": "owner"},
    "crosswalk": {"role": "Product Manager"},
}
"""Parameters to run each named query with; every named query must have an entry."""


def rows(builtin_graph, name, **params):
    return run_query(builtin_graph, name, params).rows


def test_every_named_query_has_an_example_and_a_header():
    assert set(named_queries()) == set(EXAMPLE_PARAMS)
    for query in named_queries().values():
        assert query.title and query.title != query.name, query.name
        assert query.description.endswith("."), query.name
        assert any(line.startswith("# Parameters:") for line in query.text.splitlines()), query.name
        variables = check_query(query.text).variables
        for parameter in query.parameters:
            assert parameter.kind in KINDS and parameter.description
            assert parameter.name in variables, f"{query.name}: ?{parameter.name} is not in the query"


# --- the real answers -------------------------------------------------------------------------

def test_ladder(builtin_graph):
    result = rows(builtin_graph, "ladder")
    assert [(r["seniority"], r["role"]) for r in result][:3] == [
        (1, "Associate Product Manager"), (2, "Product Manager"), (3, "Senior Product Manager")]
    assert [r["seniority"] for r in result] == sorted(r["seniority"] for r in result)
    apm = result[0]
    assert apm["track"] == "individual contributor"
    assert set(apm["alsoCalled"].split(", ")) == {
        "APM", "Junior Product Manager", "Product Owner"}
    # roles in no ladder (exit targets, the CEO) are not on it
    assert not {"General Manager", "Chief Operating Officer", "Chief Executive Officer"} & {
        r["role"] for r in result}
    assert {r["role"] for r in result if r["seniority"] == 4} == {
        "Director of Product", "Group Product Manager", "Principal Product Manager"}
    assert len(result) == 8  # the 8 roles on the ladder


def test_role_skills(builtin_graph):
    result = rows(builtin_graph, "role-skills", role="Product Owner")
    assert len(result) == 14
    core = [r["skill"] for r in result if r["importance"] == "core"]
    assert core == ["Analytical skills", "Collaboration", "System design", "Strategic thinking"]
    assert result[0] == {"skill": "Analytical skills", "category": "analytical", "proficiency": 3,
                         "level": "practitioner", "importance": "core"}
    assert {"skill": "Technical skills", "category": "technical and hands-on", "proficiency": 2,
            "level": "working knowledge", "importance": "supporting"} in result


def test_role_responsibilities(builtin_graph):
    result = rows(builtin_graph, "role-responsibilities", role="Group Product Manager")
    assert result == [{"responsibility": "Manage a team of PMs", "section": "3. Senior Product Manager"}]
    director = rows(builtin_graph, "role-responsibilities", role="DoP")
    assert {r["responsibility"] for r in director} >= {
        "Lead and mentor the product management team", "Set up effective communication channels",
        "Connect individual KPIs to broader success metrics"}


def test_role_changes(builtin_graph):
    result = rows(builtin_graph, "role-changes", **{"from": "Senior PM", "to": "Director of Product"})
    skills = {(r["change"], r["item"], r.get("fromLevel"), r["toLevel"]) for r in result if "skill" in r["change"]}
    assert skills == {("skill gained", "Analytical skills", None, 4), ("skill gained", "Management", None, 4),
                      ("skill raised", "Communication", 3, 4), ("skill raised", "Leadership", 3, 4)}
    gained = [r["item"] for r in result if r["change"] == "responsibility gained"]
    assert len(gained) == 9 and "Lead and mentor the product management team" in gained
    assert rows(builtin_graph, "role-changes", **{"from": "CPO", "to": "CPO"}) == []


def test_reachable_from(builtin_graph):
    result = rows(builtin_graph, "reachable-from", role="Senior Product Manager")
    assert [r["reachable"] for r in result] == [
        "Director of Product", "Group Product Manager", "Principal Product Manager", "VP of Product",
        "Chief Product Officer", "Chief Operating Officer", "General Manager"]
    assert rows(builtin_graph, "reachable-from", role="General Manager") == []


def test_leads_to(builtin_graph):
    result = rows(builtin_graph, "leads-to", role="COO")
    assert [r["before"] for r in result] == [
        "Associate Product Manager", "Product Manager", "Senior Product Manager", "Director of Product",
        "VP of Product", "Chief Product Officer"]
    assert [r["before"] for r in rows(builtin_graph, "leads-to", role="Principal Product Manager")] == [
        "Associate Product Manager", "Product Manager", "Senior Product Manager"]


def test_alternative_titles(builtin_graph):
    every = rows(builtin_graph, "alternative-titles")
    assert {"title": "Associate Product Manager", "alternativeTitle": "Product Owner"} in every
    assert {"title": "General Manager", "alternativeTitle": "GM"} in every
    assert every[-1] == {"title": "General Manager", "alternativeTitle": "GM"}  # no seniority: last
    assert len(every) == 11
    assert rows(builtin_graph, "alternative-titles", role="Director of Product") == [
        {"title": "Director of Product", "alternativeTitle": "DoP"},
        {"title": "Director of Product", "alternativeTitle": "Product Director"}]


def test_branches_and_exits(builtin_graph):
    assert rows(builtin_graph, "branches-and-exits") == [
        {"from": "Senior Product Manager", "move": "branch", "to": "Group Product Manager",
         "section": "3. Senior Product Manager"},
        {"from": "Senior Product Manager", "move": "branch", "to": "Principal Product Manager",
         "section": "3. Senior Product Manager"},
        {"from": "Chief Product Officer", "move": "exit", "to": "Chief Operating Officer",
         "section": "6. Chief Product Officer"},
        {"from": "Chief Product Officer", "move": "exit", "to": "General Manager",
         "section": "6. Chief Product Officer"}]


def test_skill_category_shift_shows_technical_early_and_people_skills_later(builtin_graph):
    result = {r["role"]: r for r in rows(builtin_graph, "skill-category-shift")}
    apm, director, vp = (result["Associate Product Manager"], result["Director of Product"],
                         result["VP of Product"])
    assert (apm["technical"], apm["interpersonal"], apm["leadership"], apm["skills"]) == (6, 1, 0, 14)
    assert (apm["technicalPercent"], apm["peoplePercent"]) == (43, 7)
    assert (director["technical"], director["peoplePercent"]) == (0, 75)
    assert (vp["technical"], vp["peoplePercent"]) == (0, 100)
    main_ladder = ["Associate Product Manager", "Product Manager", "Senior Product Manager",
                   "Director of Product", "VP of Product"]
    technical = [result[role]["technicalPercent"] for role in main_ladder]
    assert technical == sorted(technical, reverse=True) and technical[0] > technical[-1]
    assert result["Product Manager"]["peoplePercent"] > apm["peoplePercent"]


def test_roles_requiring_skill(builtin_graph):
    result = rows(builtin_graph, "roles-requiring-skill", skill="strategic thinking")
    assert [(r["role"], r["proficiency"]) for r in result] == [
        ("Associate Product Manager", 2), ("Product Manager", 3), ("Senior Product Manager", 4),
        ("Chief Product Officer", 5)]
    expert = rows(builtin_graph, "roles-requiring-skill", skill="Strategic Thinking", minimum=5)
    assert [r["role"] for r in expert] == ["Chief Product Officer"]


def test_source_of(builtin_graph):
    result = rows(builtin_graph, "source-of", role="Group Product Manager")
    quote = ("In some organizations, Senior Product Managers can also branch off into Group Product "
             "Managers (if they manage a team of PMs) or Principal Product Managers (if they manage an "
             "extensive scope or are experts in their domain to an extraordinary depth).")
    assert result == [
        {"fact": "move", "about": "branch from Senior Product Manager", "section": "3. Senior Product Manager",
         "quote": quote},
        {"fact": "responsibility", "about": "Manage a team of PMs", "section": "3. Senior Product Manager",
         "quote": quote},
        {"fact": "role", "about": "Group Product Manager", "section": "3. Senior Product Manager", "quote": quote}]
    apm = rows(builtin_graph, "source-of", role="APM")
    assert {"fact": "role", "about": "Associate Product Manager", "section": "1. Associate Product Manager",
            "quote": "Some companies refer to this role as \"Junior Product Manager\" or \"Product Owner.\""} in apm
    assert {r["fact"] for r in apm} == {"role", "requirement", "responsibility", "move"}


def test_mappings(builtin_graph):
    result = rows(builtin_graph, "mappings", role="Chief Operating Officer")
    assert result == [
        {"title": "Chief Operating Officer", "relation": "close match", "scheme": "ESCO",
         "occupation": "http://data.europa.eu/esco/occupation/c64a6e4e-5b38-4f93-b26d-aded817aeaf3"},
        {"title": "Chief Operating Officer", "relation": "broad match", "scheme": "O*NET",
         "occupation": "https://www.onetonline.org/link/summary/11-1011.00"}]
    every = rows(builtin_graph, "mappings")
    assert {r["scheme"] for r in every} == {"ESCO", "O*NET"}
    assert len({r["title"] for r in every}) == 11


def test_skills(builtin_graph):
    result = rows(builtin_graph, "skills")
    assert len(result) == 26
    assert result[0]["category"] == "technical and hands-on" and result[-1]["category"] == "leadership"
    assert {"skill": "Leadership", "category": "leadership", "roles": 5} in result


def test_search(builtin_graph):
    assert rows(builtin_graph, "search", text="owner") == [
        {"kind": "role", "name": "Associate Product Manager", "matched": "Product Owner"}]
    found = rows(builtin_graph, "search", text="STRATEG")
    assert {"kind": "skill", "name": "Strategic thinking", "matched": "Strategic thinking"} in found


# --- every named query in every format ------------------------------------------------------------

@pytest.mark.parametrize("fmt", ROW_FORMATS)
@pytest.mark.parametrize("name", sorted(EXAMPLE_PARAMS))
def test_every_named_query_in_every_format(builtin_graph, name, fmt):
    result = run_query(builtin_graph, name, EXAMPLE_PARAMS[name])
    assert fmt in formats_for(result)
    assert len(result) > 0
    text = serialize(result, fmt)
    if fmt == "json":
        data = json.loads(text)
        assert data["head"]["vars"] == result.variables
        assert len(data["results"]["bindings"]) == len(result)
    elif fmt == "xml":
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        assert len(ET.fromstring(text).findall("s:results/s:result", ns)) == len(result)
    elif fmt == "csv":
        table = list(csv.reader(io.StringIO(text)))
        assert table[0] == result.variables and len(table) == len(result) + 1
        first = result.rows[0]
        assert table[1] == ["" if first.get(v) is None else str(first[v]) for v in result.variables]
    elif fmt == "tsv":
        lines = text.split("\n")
        assert lines[0] == "\t".join("?" + v for v in result.variables) and len(lines) == len(result) + 1
        assert all(line.count("\t") == len(result.variables) - 1 for line in lines)
    else:
        lines = text.splitlines()
        assert len(lines) == len(result) + 2 and lines[0].count(" | ") == len(result.variables) - 1
