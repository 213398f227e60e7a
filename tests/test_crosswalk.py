"""The crosswalk: the built-in ladder's mappings lead to imported O*NET and ESCO occupations.

Uses the O*NET cut the repository ships in ``tests/fixtures/onet`` (real rows of
a few occupations, including 11-2021.00 Marketing Managers and 11-1011.00 Chief
Executives, which the ladder maps to) and the ESCO cut of ``tests/fixtures/esco``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from careergraph.gap import step_gap
from careergraph.importers.crosswalk import mapped_occupations
from careergraph.importers.esco import import_esco
from careergraph.load import load_graph
from careergraph.sparql.queries import select
from importer_fixtures import ESCO_FIXTURE, onet_cut

CG = rdflib.Namespace("https://w3id.org/careergraph/ontology#")
PM = "https://w3id.org/careergraph/pm/"
MARKETING = "https://www.onetonline.org/link/summary/11-2021.00"
CHIEF_EXECUTIVES = "https://www.onetonline.org/link/summary/11-1011.00"
ESCO_PRODUCT_MANAGER = "http://data.europa.eu/esco/occupation/9f508305-80ce-4111-8722-f2c9b4a44890"


@pytest.fixture(scope="session")
def onet_file(tmp_path_factory) -> Path:
    return onet_cut(tmp_path_factory)[1]


@pytest.fixture(scope="session")
def esco_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crosswalk") / "esco.ttl"
    import_esco(ESCO_FIXTURE).serialize(path, format="turtle", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def kg(onet_file, esco_file):
    return load_graph([onet_file, esco_file])


def test_sparql_from_a_ladder_role_through_broad_match_to_onet_skills(kg):
    rows = select(kg, """
        SELECT ?occupation ?title ?skill ?proficiency WHERE {
          pm:product-manager skos:broadMatch ?occupation .
          ?occupation a cg:Role ; skos:prefLabel ?title ; cg:requires ?requirement .
          ?requirement cg:skill/skos:prefLabel ?skill ; cg:proficiency ?proficiency .
        }""")
    assert {(row["occupation"], row["title"]) for row in rows} == {
        (MARKETING, "Marketing Managers")}
    skills = {row["skill"]: row["proficiency"] for row in rows}
    assert skills["Sales and Marketing"] == 4  # O*NET Level 6.05
    assert "Physics" not in skills  # flagged Not Relevant by O*NET


def test_sparql_from_a_ladder_role_through_close_match_to_esco_skills(kg):
    rows = select(kg, """
        SELECT ?title ?skill ?importance WHERE {
          pm:product-manager skos:closeMatch ?occupation .
          ?occupation a cg:Role ; skos:prefLabel ?title ; cg:requires ?requirement .
          ?requirement cg:skill/skos:prefLabel ?skill ; cg:importance/skos:prefLabel ?importance .
        }""")
    assert {(row["title"], row["skill"], row["importance"]) for row in rows} == {
        ("product manager", "manage the product lifecycle", "core"),
        ("product manager", "market research", "core"),
        ("product manager", "perform strategic planning", "supporting"),
        ("product manager", "lead others", "core"),
    }


def test_mapped_occupations_lists_each_mapping_with_its_strongest_core_skills(kg, onet_file):
    found = mapped_occupations(kg, "pm:product-manager", top=3)
    assert [(m.relation, m.occupation, m.title) for m in found] == [
        ("broad match", MARKETING, "Marketing Managers"),
        ("close match", ESCO_PRODUCT_MANAGER, "product manager"),
    ]
    graph = rdflib.Graph().parse(onet_file, format="turtle")
    core = sorted(
        ((graph.value(r, CG.onetImportance).toPython(), graph.value(r, CG.proficiency).toPython(),
          str(graph.value(graph.value(r, CG.skill), rdflib.SKOS.prefLabel)))
         for r in graph.objects(URIRef(MARKETING), CG.requires)
         if graph.value(r, CG.importance) == CG.Core),
        key=lambda item: (-item[0], -item[1], item[2]))
    assert [(s.label, s.proficiency, s.rating) for s in found[0].skills] == \
        [(label, level, rating) for rating, level, label in core[:3]]
    assert [s.label for s in found[1].skills] == [
        "lead others", "manage the product lifecycle", "market research"]


def test_mapped_occupation_without_its_data_loaded(builtin_graph):
    found = mapped_occupations(builtin_graph, "Chief Executive Officer")
    assert [(m.occupation, m.loaded, m.skills) for m in found] == [
        ("http://data.europa.eu/esco/occupation/6c3fd65e-2d24-47d8-bc22-9e93512bdcc2", False, ()),
        (CHIEF_EXECUTIVES, False, ()),
    ]


def test_gap_from_a_ladder_role_to_an_onet_occupation(kg):
    step = step_gap(kg, PM + "product-manager", CHIEF_EXECUTIVES)
    gained = {gain.label: gain.level for gain in step.gain}
    assert gained["Administration and Management"] >= 4
    assert "Leadership" not in gained  # a ladder skill: the O*NET occupation does not name it


def test_gap_command_from_a_ladder_role_to_an_onet_occupation(cli, onet_file):
    result = cli(["gap", "Associate Product Manager", "Chief Executives", "-d", str(onet_file)])
    assert result.code == 0, result.err
    assert "Chief Executives" in result.out and "Administration and Management" in result.out


def test_crosswalk_named_query_from_the_command_line(cli, onet_file):
    result = cli(["query", "--name", "crosswalk", "--param", "role=pm:general-manager",
                  "-d", str(onet_file), "--format", "csv"])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "relation,occupation,occupationTitle,skill,proficiency,rating"
    assert any(line.startswith(f"broad match,{CHIEF_EXECUTIVES.replace('11-1011', '11-1021')},"
                               f"General and Operations Managers,") for line in lines)
