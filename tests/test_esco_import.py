"""Tests of the ESCO importer, on the cut the repository ships in ``tests/fixtures/esco``.

The cut (official layout) holds real rows of eight occupations with their ISCO-08 groups
and hierarchy, plus hand-written skills and relations; it is read as a folder and as the
zip ESCO publishes. The tests on the real occupations run on the cut, and again on the
whole ESCO 1.2.0 download when it is found (``CAREERGRAPH_DATA`` or ``../shared/data``,
see ``tests/datasets.py``); without it those runs skip.
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef

from careergraph.errors import DataFileError
from careergraph.importers.esco import ESCO, import_esco
from careergraph.load import load_graph
from careergraph.validate import validate
from importer_fixtures import ESCO_FIXTURE, damage_member, esco_release, needs_esco, zip_release

CG = rdflib.Namespace("https://w3id.org/careergraph/ontology#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
OCC = "http://data.europa.eu/esco/occupation/"
PRODUCT_MANAGER = URIRef(OCC + "9f508305-80ce-4111-8722-f2c9b4a44890")
CEO = URIRef(OCC + "6c3fd65e-2d24-47d8-bc22-9e93512bdcc2")
DEVELOPER = URIRef(OCC + "f2b15a0e-e65a-438a-affb-29b9d50b77d1")
SKILL = "http://example.org/esco-fixture/skill/"
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


REAL_FILES = ("occupations_en.csv", "ISCOGroups_en.csv", "broaderRelationsOccPillar_en.csv")
"""The files of the cut that are real rows of ESCO (the skills files are not)."""

_REAL: dict[str, tuple[str, Path, rdflib.Graph]] = {}


@pytest.fixture(scope="session", params=["cut", pytest.param("release", marks=needs_esco)])
def real(request, tmp_path_factory) -> tuple[str, Path, rdflib.Graph]:
    """("cut" or "release", folder, its import): the real rows of the cut alone (in a folder named
    like the release), then the whole release when it is found."""
    if request.param not in _REAL:
        if request.param == "cut":
            folder = tmp_path_factory.mktemp("esco-cut") / "esco-1.2.0"
            folder.mkdir()
            for name in REAL_FILES:
                shutil.copy(ESCO_FIXTURE / name, folder)
        else:
            folder = esco_release()
        _REAL[request.param] = request.param, folder, import_esco(folder)
    return _REAL[request.param]


@pytest.fixture(scope="session")
def real_graph(real) -> rdflib.Graph:
    return real[2]


@pytest.fixture(scope="session")
def fixture_graph() -> rdflib.Graph:
    return import_esco(ESCO_FIXTURE)


@pytest.fixture(scope="session")
def fixture_file(fixture_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("esco") / "esco-fixture.ttl"
    fixture_graph.serialize(path, format="turtle", encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _requirements(graph: rdflib.Graph, role: URIRef) -> dict[str, tuple]:
    found = {}
    for requirement in graph.objects(role, CG.requires):
        skill = graph.value(requirement, CG.skill)
        found[str(skill).removeprefix(SKILL)] = (
            graph.value(requirement, CG.importance),
            graph.value(requirement, CG.proficiency).toPython())
    return found


# ---------------------------------------------------------------------------
# Real rows: the cut's, and the whole occupations_en.csv when it is there
# ---------------------------------------------------------------------------

def test_every_real_occupation_becomes_a_role(real, real_graph):
    kind, folder, _ = real
    uris = {row["conceptUri"] for row in _rows(folder / "occupations_en.csv")}
    roles = {str(role) for role in real_graph.subjects(rdflib.RDF.type, CG.Role)}
    assert len(uris) == {"cut": 8, "release": 3039}[kind]
    assert roles == uris
    for role in real_graph.subjects(rdflib.RDF.type, CG.Role):
        assert 1 <= real_graph.value(role, CG.seniority).toPython() <= 4
        assert real_graph.value(role, CG.track) in (
            CG.Executive, CG.Management, CG.IndividualContributor)


def test_real_occupation_has_labels_definition_code_and_hierarchy(real_graph):
    g = real_graph
    assert g.value(PRODUCT_MANAGER, SKOS.prefLabel) == Literal("product manager", lang="en")
    assert {str(a) for a in g.objects(PRODUCT_MANAGER, SKOS.altLabel)} == {
        "product development manager", "research and development manager",
        "product marketing manager", "product developer", "sports product engineer"}
    assert str(g.value(PRODUCT_MANAGER, SKOS.definition)).startswith(
        "Product managers are responsible for managing the lifecycle of a product.")
    assert g.value(PRODUCT_MANAGER, SKOS.notation) == Literal("1223.1")
    assert g.value(PRODUCT_MANAGER, SKOS.broader) == URIRef("http://data.europa.eu/esco/isco/C1223")
    narrower = URIRef(OCC + "73856e9e-eca2-44c2-bb3c-aaedf4b25979")
    assert g.value(narrower, SKOS.broader) == PRODUCT_MANAGER


def test_seniority_and_track_come_from_the_isco_group(real_graph):
    g = real_graph
    assert (g.value(PRODUCT_MANAGER, CG.seniority).toPython(),
            g.value(PRODUCT_MANAGER, CG.track)) == (4, CG.Management)
    assert (g.value(CEO, CG.seniority).toPython(), g.value(CEO, CG.track)) == (4, CG.Executive)
    assert (g.value(DEVELOPER, CG.seniority).toPython(), g.value(DEVELOPER, CG.track)) == \
        (4, CG.IndividualContributor)
    assert set(g.objects(PRODUCT_MANAGER, CG.curatedProperty)) == {CG.seniority, CG.track}


def test_isco_groups_are_concepts_with_code_label_and_parent(real, real_graph):
    group = URIRef("http://data.europa.eu/esco/isco/C1223")
    assert real_graph.value(group, SKOS.notation) == Literal("1223")
    assert real_graph.value(group, SKOS.prefLabel) == Literal(
        "Research and development managers", lang="en")
    assert real_graph.value(group, SKOS.broader) == URIRef("http://data.europa.eu/esco/isco/C122")
    assert (group, rdflib.RDF.type, CG.Role) not in real_graph
    groups = {row["conceptUri"] for row in _rows(real[1] / "ISCOGroups_en.csv")}
    assert {str(g) for g in real_graph.subjects(SKOS.inScheme, URIRef(
        "http://data.europa.eu/esco/concept-scheme/isco"))} == groups


def test_download_without_skills_has_no_requirements(real_graph):
    assert not set(real_graph.subjects(rdflib.RDF.type, CG.SkillRequirement))


def test_attribution_is_reachable_from_every_role(real_graph):
    query = """
    SELECT DISTINCT ?text WHERE {
      ?role a cg:Role ; dcterms:source/dcterms:isPartOf ?dataset .
      ?dataset dcterms:bibliographicCitation ?text .
    }"""
    rows = list(real_graph.query(query, initNs={"cg": CG, "dcterms": DCTERMS}))
    assert [str(row.text) for row in rows] == [ATTRIBUTION]
    dataset = URIRef(ESCO + "1.2.0")
    assert real_graph.value(dataset, DCTERMS.license) == URIRef(
        "http://data.europa.eu/eli/dec/2011/833/oj")


# ---------------------------------------------------------------------------
# The fixture with skills and relations
# ---------------------------------------------------------------------------

def test_relations_become_requirements_with_importance_and_default_proficiency(fixture_graph):
    assert _requirements(fixture_graph, PRODUCT_MANAGER) == {
        "manage-product-lifecycle": (CG.Core, 3),
        "market-research": (CG.Core, 3),
        "strategic-planning": (CG.Supporting, 3),
        "lead-others": (CG.Core, 3),  # given optional, then essential: essential wins
    }


def test_relation_to_an_unknown_skill_is_left_out_and_counted(fixture_graph):
    assert set(_requirements(fixture_graph, DEVELOPER)) == {
        "software-design", "ict-project-management"}
    note = str(fixture_graph.value(URIRef(ESCO + "occupations"), SKOS.editorialNote))
    assert note.startswith("Left out: 1 occupation-skill relations")


def test_skills_get_labels_and_a_category_from_type_and_reuse_level(fixture_graph):
    g = fixture_graph
    expected = {"market-research": CG.Domain, "lead-others": CG.Interpersonal,
                "manage-product-lifecycle": CG.Technical, "unused-skill": CG.Technical}
    for key, category in expected.items():
        assert g.value(URIRef(SKILL + key), CG.skillCategory) == category
    lifecycle = URIRef(SKILL + "manage-product-lifecycle")
    assert g.value(lifecycle, SKOS.prefLabel) == Literal("manage the product lifecycle", lang="en")
    assert {str(a) for a in g.objects(lifecycle, SKOS.altLabel)} == {
        "manage product life cycle", "manage the life cycle of products"}
    assert str(g.value(lifecycle, SKOS.definition)).startswith("Oversee a product")


def test_fixture_loads_and_validates_without_violations(fixture_file):
    report = validate(load_graph([fixture_file]))
    assert report.conforms, [f.message for f in report.findings[:5]]
    assert [f for f in report.findings if f.file == str(fixture_file)] == []


def test_gap_between_esco_occupations(cli, fixture_file):
    result = cli(["gap", "ICT product manager", "business manager", "-d", str(fixture_file)])
    assert result.code == 0, result.err
    assert "business strategy concepts" in result.out


def test_import_command(cli, tmp_path):
    out = tmp_path / "esco.nt"
    result = cli(["import", "esco", str(ESCO_FIXTURE), "--out", str(out)])
    assert result.code == 0, result.err
    assert "8 roles, 9 skills, 20 requirements" in result.out
    graph = rdflib.Graph().parse(out, format="nt")
    assert graph.value(PRODUCT_MANAGER, SKOS.prefLabel) == Literal("product manager", lang="en")


def test_progress_counts_bytes_up_to_the_total(tmp_path):
    calls = []
    import_esco(ESCO_FIXTURE, progress=lambda done, total, what: calls.append((done, total, what)))
    size = sum(p.stat().st_size for p in ESCO_FIXTURE.glob("*.csv"))
    assert calls[-1] == (size, size, "done")
    assert [done for done, _, _ in calls] == sorted(done for done, _, _ in calls)


# ---------------------------------------------------------------------------
# The download as published: its zip, read in place
# ---------------------------------------------------------------------------

ZIP_NAME = "ESCO dataset - v1.2.0 - classification - en - csv.zip"


@pytest.mark.parametrize("top", [None, "ESCO dataset - v1.2.0 - classification - en - csv"])
def test_zip_and_folder_give_the_same_graph(tmp_path, top):
    folder = tmp_path / "esco-1.2.0"
    shutil.copytree(ESCO_FIXTURE, folder)
    archive = zip_release(ESCO_FIXTURE, tmp_path / ZIP_NAME, top=top)
    before = sorted(tmp_path.rglob("*"))
    from_zip = import_esco(archive)
    assert set(from_zip) == set(import_esco(folder))
    assert from_zip.value(URIRef(ESCO + "1.2.0"), DCTERMS.identifier) == Literal("1.2.0")
    assert sorted(tmp_path.rglob("*")) == before  # nothing unpacked to disk


def test_import_command_reads_the_zip(cli, tmp_path):
    archive = zip_release(ESCO_FIXTURE, tmp_path / ZIP_NAME)
    result = cli(["import", "esco", str(archive), "--out", str(tmp_path / "esco.ttl")])
    assert result.code == 0, result.err
    assert "8 roles, 9 skills, 20 requirements" in result.out


def test_progress_counts_the_bytes_of_the_zip_members(tmp_path):
    archive = zip_release(ESCO_FIXTURE, tmp_path / ZIP_NAME)
    calls = []
    import_esco(archive, progress=lambda done, total, what: calls.append((done, total, what)))
    size = sum(p.stat().st_size for p in ESCO_FIXTURE.glob("*.csv"))
    assert calls[-1] == (size, size, "done")


def test_zip_without_occupations_is_not_the_release(cli, tmp_path):
    archive = zip_release(ESCO_FIXTURE, tmp_path / ZIP_NAME, top="esco",
                          leave_out=("occupations_en.csv",))
    with pytest.raises(DataFileError,
                       match=r"csv\.zip/esco/occupations_en\.csv: no such file in the zip"):
        import_esco(archive)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as out:
        out.writestr("a/readme.txt", "hello")
        out.writestr("b/readme.txt", "hello")
    result = cli(["import", "esco", str(other), "--out", str(tmp_path / "esco.ttl")])
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert "other.zip: not the ESCO CSV download in English" in result.err
    assert "no 'occupations_en.csv' in the zip" in result.err


def test_damaged_zip_is_one_line(cli, tmp_path):
    whole = zip_release(ESCO_FIXTURE, tmp_path / "whole.zip").read_bytes()
    archive = tmp_path / ZIP_NAME
    archive.write_bytes(whole[:-30])  # the end of the zip (its directory) is missing
    result = cli(["import", "esco", str(archive), "--out", str(tmp_path / "esco.ttl")])
    assert result.code == 2 and len(result.err.splitlines()) == 1 and "Traceback" not in result.err
    assert "csv.zip: a damaged zip file" in result.err


def test_damaged_member_of_a_zip_names_the_file(tmp_path):
    archive = damage_member(zip_release(ESCO_FIXTURE, tmp_path / ZIP_NAME), "ISCOGroups_en.csv")
    with pytest.raises(DataFileError, match=r"csv\.zip/ISCOGroups_en\.csv(:\d+)?: "
                                            r"(damaged in the zip|not UTF-8 text|not valid CSV)"):
        import_esco(archive)


# ---------------------------------------------------------------------------
# Fewer files, and mistakes
# ---------------------------------------------------------------------------

def test_occupations_alone_import_with_the_isco_group_as_broader(tmp_path):
    shutil.copy(ESCO_FIXTURE / "occupations_en.csv", tmp_path)
    graph = import_esco(tmp_path)
    assert len(set(graph.subjects(rdflib.RDF.type, CG.Role))) == 8
    assert graph.value(PRODUCT_MANAGER, SKOS.broader) == URIRef(
        "http://data.europa.eu/esco/isco/C1223")
    assert graph.value(URIRef(ESCO + "unknown"), DCTERMS.bibliographicCitation) == \
        Literal(ATTRIBUTION, lang="en")


def test_missing_occupations_file(tmp_path):
    with pytest.raises(DataFileError, match=r"occupations_en\.csv: no such file"):
        import_esco(tmp_path)


def test_missing_column_is_named(tmp_path):
    (tmp_path / "occupations_en.csv").write_text("conceptUri,preferredLabel\nhttp://x,a\n")
    with pytest.raises(DataFileError,
                       match=r"occupations_en\.csv:1: no column 'iscoGroup', 'altLabels'"):
        import_esco(tmp_path)


def test_bad_relation_type_names_the_line(tmp_path):
    for path in ESCO_FIXTURE.glob("*.csv"):
        shutil.copy(path, tmp_path)
    relations = tmp_path / "occupationSkillRelations_en.csv"
    relations.write_text(relations.read_text().replace(",optional,", ",sometimes,", 1))
    with pytest.raises(DataFileError, match=r"occupationSkillRelations_en\.csv:4: 'relationType' "
                                            r"is 'sometimes', not essential or optional"):
        import_esco(tmp_path)


def test_bad_isco_group_names_the_line(tmp_path):
    text = (ESCO_FIXTURE / "occupations_en.csv").read_text(encoding="utf-8")
    (tmp_path / "occupations_en.csv").write_text(text.replace(",1223,", ",X223,", 1),
                                                 encoding="utf-8")
    with pytest.raises(DataFileError, match=r"occupations_en\.csv:\d+: 'iscoGroup' is 'X223'"):
        import_esco(tmp_path)


def test_not_utf8_names_the_line(tmp_path):
    (tmp_path / "occupations_en.csv").write_bytes(
        b"conceptUri,iscoGroup,preferredLabel,altLabels\nhttp://x,2512,caf\xe9,\n")
    with pytest.raises(DataFileError, match=r"occupations_en\.csv:2: not UTF-8 text"):
        import_esco(tmp_path)


def test_command_reports_a_mistake_in_one_line(cli, tmp_path):
    result = cli(["import", "esco", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x.ttl")])
    assert result.code == 2
    assert result.err.count("\n") == 1 and "nowhere: no such folder or zip file" in result.err
