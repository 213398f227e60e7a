"""Tests of the O*NET importer on real O*NET 29.2 files.

Most tests use the cut the repository ships in ``tests/fixtures/onet`` (eight
occupations, every row of theirs, in the release's layout; see
``tests/make_fixtures.py``), imported once per session, as a folder and as
the zip O*NET publishes. The tests about the whole release import it once
(about half a minute) when it is found (``CAREERGRAPH_DATA`` or
``../shared/data``, see ``tests/datasets.py``) and skip otherwise.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import rdflib
from rdflib import Literal, URIRef

from careergraph.errors import DataFileError, RoleNotFound
from careergraph.importers.onet import ONET, import_onet, proficiency
from careergraph.career_graph import CareerGraph
from careergraph.load import load_graph
from careergraph.names import TitleIndex
from careergraph.validate import validate
from importer_fixtures import (CUT_CODES, damage_member, ONET_FIXTURE, needs_onet, onet_cut, onet_release,
                               zip_release)

CG = rdflib.Namespace("https://w3id.org/careergraph/ontology#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
OCC = "https://www.onetonline.org/link/summary/"
MARKETING = URIRef(OCC + "11-2021.00")
ATTRIBUTION = ("This product includes information from the O*NET 29.2 Database by the U.S. "
               "Department of Labor, Employment and Training Administration (USDOL/ETA). "
               "Used under the CC BY 4.0 license.")


@pytest.fixture(scope="session")
def cut_dir() -> Path:
    return ONET_FIXTURE


@pytest.fixture(scope="session")
def cut_graph(cut_dir) -> rdflib.Graph:
    return import_onet(cut_dir)


@pytest.fixture(scope="session")
def cut_file(tmp_path_factory) -> Path:
    return onet_cut(tmp_path_factory)[1]


_FULL: dict[str, rdflib.Graph] = {}


@pytest.fixture(scope="session")
def full_graph() -> rdflib.Graph:
    """The whole O*NET 29.2 release, imported once per session (skips when it is not found)."""
    if "graph" not in _FULL:
        _FULL["graph"] = import_onet(onet_release())
    return _FULL["graph"]


@pytest.fixture(scope="session", params=["cut", pytest.param("release", marks=needs_onet)])
def imported(request, cut_dir, cut_graph) -> tuple[Path, rdflib.Graph]:
    """(folder, its import): the shipped cut, then the whole release when it is found."""
    if request.param == "cut":
        return cut_dir, cut_graph
    return onet_release(), request.getfixturevalue("full_graph")


def _roles(graph: rdflib.Graph) -> set:
    return set(graph.subjects(rdflib.RDF.type, CG.Role))


def _codes(path: Path) -> list:
    """The O*NET-SOC codes of the rows of a workbook."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [row[0] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    finally:
        book.close()


# ---------------------------------------------------------------------------
# The cut, and the whole release when it is there
# ---------------------------------------------------------------------------

def test_imports_every_occupation_with_a_job_zone(imported):
    folder, graph = imported
    roles = _roles(graph)
    coded = set(_codes(folder / "Job Zones.xlsx"))
    assert {str(role).removeprefix(OCC) for role in roles} == coded
    assert all(1 <= graph.value(role, CG.seniority).toPython() <= 5 for role in roles)
    left_out = len(set(_codes(folder / "Occupation Data.xlsx")) - coded)
    note = str(graph.value(URIRef(ONET + "occupations"), SKOS.editorialNote))
    assert note.startswith(f"Left out: {left_out} occupations of Occupation Data.xlsx that have "
                           f"no Job Zone")
    if folder != ONET_FIXTURE:
        assert (len(roles), left_out) == (923, 93)


def test_every_node_cites_the_dataset_with_its_attribution(imported):
    _, graph = imported
    query = """
    SELECT (COUNT(DISTINCT ?node) AS ?cited) (SAMPLE(?text) AS ?attribution) WHERE {
      ?node dcterms:source/dcterms:isPartOf ?dataset .
      ?dataset dcterms:bibliographicCitation ?text .
    }"""
    row = next(iter(graph.query(query, initNs={"dcterms": DCTERMS})))
    typed = set(graph.subjects(rdflib.RDF.type, CG.Role)) | \
        set(graph.subjects(rdflib.RDF.type, CG.Skill)) | \
        set(graph.subjects(rdflib.RDF.type, CG.SkillRequirement)) | \
        set(graph.subjects(rdflib.RDF.type, CG.Transition))
    assert row.cited.toPython() == len(typed)
    assert str(row.attribution) == ATTRIBUTION


# ---------------------------------------------------------------------------
# The whole release
# ---------------------------------------------------------------------------

@needs_onet
def test_whole_release_has_every_skill_knowledge_area_and_related_occupation(full_graph):
    skills = set(full_graph.subjects(rdflib.RDF.type, CG.Skill))
    assert len(skills) == 35 + 33
    moves = set(full_graph.subjects(rdflib.RDF.type, CG.Transition))
    assert len(moves) == 18460  # every row of Related Occupations.xlsx
    assert {full_graph.value(move, CG.transitionKind) for move in moves} == {CG.Lateral}
    assert {str(full_graph.value(move, CG.relatednessTier)) for move in moves} == {
        "Primary-Short", "Primary-Long", "Supplemental"}


@needs_onet
def test_whole_release_resolves_titles_and_alternate_titles(full_graph):
    titles = TitleIndex.from_graph(CareerGraph(full_graph))
    assert titles.resolve("Marketing Managers") == str(MARKETING)
    assert titles.resolve("digital product manager") == str(MARKETING)
    # "PM" is an alternate title of 15-1299.09, and careergraph reads PM as product manager
    with pytest.raises(RoleNotFound, match="names several roles"):
        titles.resolve("Product Manager")
    assert titles.resolve("Sales Managers") == OCC + "11-2022.00"
    assert titles.label(titles.resolve("chief executives")) == "Chief Executives"


# ---------------------------------------------------------------------------
# The model, on the cut
# ---------------------------------------------------------------------------

def test_occupation_becomes_a_role_with_title_description_and_alternate_titles(cut_graph):
    g = cut_graph
    assert g.value(MARKETING, SKOS.prefLabel) == Literal("Marketing Managers", lang="en")
    assert str(g.value(MARKETING, SKOS.definition)).startswith(
        "Plan, direct, or coordinate marketing")
    alt = {str(label) for label in g.objects(MARKETING, SKOS.altLabel)}
    assert {"Product Manager", "Brand Manager"} <= alt
    assert "Marketing Managers" not in alt
    assert g.value(MARKETING, SKOS.notation) == Literal("11-2021.00")
    assert g.value(MARKETING, SKOS.inScheme) == URIRef(ONET + "occupations")


def test_seniority_is_the_job_zone_and_track_follows_the_soc_code(cut_graph):
    g = cut_graph
    expected = {"11-1011.00": (5, CG.Executive), "11-1021.00": (4, CG.Executive),
                "11-2021.00": (4, CG.Management), "41-1011.00": (2, CG.Management),
                "15-1252.00": (4, CG.IndividualContributor)}
    for code, (zone, track) in expected.items():
        role = URIRef(OCC + code)
        assert g.value(role, CG.jobZone).toPython() == zone
        assert g.value(role, CG.seniority).toPython() == zone
        assert g.value(role, CG.track) == track
        assert set(g.objects(role, CG.curatedProperty)) == {CG.seniority, CG.track}


def test_occupation_without_a_job_zone_is_left_out(cut_graph):
    assert (URIRef(OCC + "11-9199.00"), None, None) not in cut_graph
    assert len(_roles(cut_graph)) == len(CUT_CODES) - 1


def test_requirement_keeps_the_ratings_and_derives_proficiency_and_importance(cut_graph):
    g = cut_graph
    requirement = URIRef(ONET + "requirement/11-2021.00/2.C.1.d")  # Sales and Marketing
    assert (MARKETING, CG.requires, requirement) in g
    skill = g.value(requirement, CG.skill)
    assert g.value(skill, SKOS.prefLabel) == Literal("Sales and Marketing", lang="en")
    assert g.value(skill, CG.skillCategory) == CG.Domain
    assert g.value(requirement, CG.onetImportance) == Literal(Decimal("4.85"))
    assert g.value(requirement, CG.onetLevel) == Literal(Decimal("6.05"))
    assert g.value(requirement, CG.proficiency).toPython() == 4  # 1 + round(6.05 * 4 / 7)
    assert g.value(requirement, CG.importance) == CG.Core  # 4.85 >= 3.0
    weak = URIRef(ONET + "requirement/11-2021.00/2.C.2.a")  # Production and Processing, IM 2.46
    assert g.value(weak, CG.importance) == CG.Supporting
    assert g.value(weak, CG.proficiency).toPython() == 3  # LV 2.92


def test_ratings_o_net_flags_are_left_out(cut_graph):
    # Physics for Marketing Managers: Level flagged Not Relevant
    assert (URIRef(ONET + "requirement/11-2021.00/2.C.4.b"), None, None) not in cut_graph
    # Food Production: Not Relevant and Recommend Suppress
    assert (URIRef(ONET + "requirement/11-2021.00/2.C.2.b"), None, None) not in cut_graph


def test_skill_categories_follow_the_content_model(cut_graph):
    categories = {str(cut_graph.value(skill, SKOS.prefLabel)):
                  cut_graph.value(skill, CG.skillCategory)
                  for skill in cut_graph.subjects(rdflib.RDF.type, CG.Skill)}
    assert categories["Speaking"] == CG.Interpersonal
    assert categories["Mathematics"] == CG.Analytical
    assert categories["Critical Thinking"] == CG.Analytical
    assert categories["Negotiation"] == CG.Interpersonal
    assert categories["Programming"] == CG.Technical
    assert categories["Judgment and Decision Making"] == CG.Strategic
    assert categories["Management of Personnel Resources"] == CG.Leadership
    assert categories["Economics and Accounting"] == CG.Domain
    assert categories["Mathematics (knowledge)"] == CG.Domain  # O*NET names both "Mathematics"


def test_related_occupations_become_lateral_moves_with_tier_and_rank(cut_graph):
    move = URIRef(ONET + "move/11-2022.00/11-1011.00")  # Sales Managers -> Chief Executives
    assert cut_graph.value(move, CG.fromRole) == URIRef(OCC + "11-2022.00")
    assert cut_graph.value(move, CG.toRole) == URIRef(OCC + "11-1011.00")
    assert cut_graph.value(move, CG.transitionKind) == CG.Lateral
    assert str(cut_graph.value(move, CG.relatednessTier)) == "Supplemental"
    assert cut_graph.value(move, CG.relatednessRank).toPython() == 18


def test_cut_loads_and_validates_without_violations_or_warnings(cut_file):
    report = validate(load_graph([cut_file]))
    assert report.conforms, [f.message for f in report.findings[:5]]
    assert [f for f in report.findings if str(cut_file) == f.file] == []


def test_progress_counts_rows_up_to_the_total(cut_dir):
    calls = []
    import_onet(cut_dir, progress=lambda done, total, what: calls.append((done, total, what)))
    totals = {total for _, total, _ in calls}
    assert len(totals) == 1 and calls[-1] == (totals.pop(), calls[-1][1], "done")
    dones = [done for done, _, _ in calls]
    assert dones == sorted(dones)
    assert {what for _, _, what in calls} >= {"Skills.xlsx", "Related Occupations.xlsx"}


# ---------------------------------------------------------------------------
# Commands on the imported cut
# ---------------------------------------------------------------------------

def test_import_command_writes_the_file(cli, cut_dir, tmp_path):
    out = tmp_path / "onet.ttl"
    result = cli(["import", "onet", str(cut_dir), "--out", str(out)])
    assert result.code == 0, result.err
    assert f"wrote {out}: 7 roles, 64 skills, 347 requirements, 0 responsibilities, 15 moves" \
        in result.out
    graph = rdflib.Graph().parse(out, format="turtle")
    assert graph.value(MARKETING, SKOS.prefLabel) == Literal("Marketing Managers", lang="en")


def test_path_between_real_occupations(cli, cut_file):
    result = cli(["path", "Sales Managers", "Chief Executives", "-d", str(cut_file)])
    assert result.code == 0, result.err
    assert "Sales Managers" in result.out and "Chief Executives" in result.out
    assert "lateral" in result.out


def test_reachable_from_an_alternate_title(cli, cut_file):
    result = cli(["reachable", "Digital Product Manager", "-d", str(cut_file), "--format", "json"])
    assert result.code == 0, result.err
    assert "Sales Managers" in result.out and "Advertising and Promotions Managers" in result.out


def test_gap_between_real_occupations_lists_their_skills(cli, cut_file):
    result = cli(["gap", "First-Line Supervisors of Retail Sales Workers", "Sales Managers",
                  "-d", str(cut_file)])
    assert result.code == 0, result.err
    assert "Sales and Marketing" in result.out


# ---------------------------------------------------------------------------
# Mistakes in the input
# ---------------------------------------------------------------------------

def test_missing_workbook_is_named(cut_dir, tmp_path):
    for path in cut_dir.iterdir():
        if path.name != "Skills.xlsx":
            (tmp_path / path.name).write_bytes(path.read_bytes())
    with pytest.raises(DataFileError, match=r"Skills\.xlsx: no such file"):
        import_onet(tmp_path)


def _copy_with(cut_dir: Path, target: Path, name: str, rows: list[list]) -> Path:
    """The cut in ``target``, with the workbook ``name`` replaced by one holding ``rows``."""
    for path in cut_dir.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(target / name)
    return target


def test_missing_column_is_named(cut_dir, tmp_path):
    _copy_with(cut_dir, tmp_path, "Job Zones.xlsx", [["O*NET-SOC Code", "Title"]])
    with pytest.raises(DataFileError, match=r"Job Zones\.xlsx:1: no column 'Job Zone'"):
        import_onet(tmp_path)


def test_bad_value_names_the_row(cut_dir, tmp_path):
    _copy_with(cut_dir, tmp_path, "Job Zones.xlsx", [["O*NET-SOC Code", "Title", "Job Zone"],
                                                     ["11-2021.00", "Marketing Managers", "four"]])
    with pytest.raises(DataFileError, match=r"row 2: 'Job Zone' is 'four', not a number"):
        import_onet(tmp_path)


def test_not_a_workbook(cut_dir, tmp_path):
    for path in cut_dir.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "Occupation Data.xlsx").write_text("O*NET-SOC Code\tTitle\n")
    with pytest.raises(DataFileError, match=r"Occupation Data\.xlsx: not an Excel workbook"):
        import_onet(tmp_path)


def test_command_reports_a_mistake_in_one_line(cli, tmp_path):
    result = cli(["import", "onet", str(tmp_path), "--out", str(tmp_path / "x.ttl")])
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Job Zones.xlsx: no such file" in result.err
    assert not (tmp_path / "x.ttl").exists()


# ---------------------------------------------------------------------------
# The release as published: its zip, read in place
# ---------------------------------------------------------------------------

def _triples(graph: rdflib.Graph) -> set:
    return set(graph)


@pytest.mark.parametrize("top", ["db_29_2_excel", None])
def test_zip_and_folder_give_the_same_graph(cut_dir, cut_graph, tmp_path, top):
    archive = zip_release(cut_dir, tmp_path / "db_29_2_excel.zip", top=top)
    before = sorted(tmp_path.rglob("*"))
    assert _triples(import_onet(archive)) == _triples(cut_graph)
    assert sorted(tmp_path.rglob("*")) == before  # nothing unpacked to disk


def test_zip_without_read_me_takes_the_release_from_its_name(cut_dir, cut_graph, tmp_path):
    archive = zip_release(cut_dir, tmp_path / "db_29_2_excel.zip", top="db_29_2_excel",
                          leave_out=("Read Me.txt",))
    graph = import_onet(archive)
    assert graph.value(URIRef(ONET + "29.2"), DCTERMS.identifier) == Literal("29.2")
    assert _triples(graph) == _triples(cut_graph)


def test_folder_the_zip_was_unpacked_into_is_read_too(cut_dir, cut_graph, tmp_path):
    inner = tmp_path / "onet-29.2" / "db_29_2_excel"  # unzip db_29_2_excel.zip -d onet-29.2
    inner.mkdir(parents=True)
    for path in cut_dir.iterdir():
        (inner / path.name).write_bytes(path.read_bytes())
    assert _triples(import_onet(tmp_path / "onet-29.2")) == _triples(cut_graph)


def test_import_command_reads_the_zip(cli, cut_dir, tmp_path):
    archive = zip_release(cut_dir, tmp_path / "db_29_2_excel.zip", top="db_29_2_excel")
    result = cli(["import", "onet", str(archive), "--out", str(tmp_path / "onet.ttl")])
    assert result.code == 0, result.err
    assert "7 roles, 64 skills, 347 requirements, 0 responsibilities, 15 moves" in result.out


def test_zip_missing_a_workbook_names_it(cli, cut_dir, tmp_path):
    archive = zip_release(cut_dir, tmp_path / "db_29_2_excel.zip", top="db_29_2_excel",
                          leave_out=("Knowledge.xlsx",))
    with pytest.raises(DataFileError, match=r"db_29_2_excel\.zip/db_29_2_excel/Knowledge\.xlsx: "
                                            r"no such file in the zip"):
        import_onet(archive)
    result = cli(["import", "onet", str(archive), "--out", str(tmp_path / "onet.ttl")])
    assert result.code == 2 and len(result.err.splitlines()) == 1 and "Traceback" not in result.err
    assert "Knowledge.xlsx: no such file in the zip" in result.err


def test_zip_that_is_not_the_release(cli, tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("holiday/beach.jpg", b"\xff\xd8")
    with pytest.raises(DataFileError, match=r"photos\.zip: not the O\*NET database's Excel "
                                            r"download .*no 'Occupation Data\.xlsx' in the zip"):
        import_onet(archive)
    result = cli(["import", "onet", str(archive), "--out", str(tmp_path / "onet.ttl")])
    assert result.code == 2 and len(result.err.splitlines()) == 1


def test_damaged_zip(cli, cut_dir, tmp_path):
    whole = zip_release(cut_dir, tmp_path / "whole.zip", top="db_29_2_excel").read_bytes()
    cut_short = tmp_path / "db_29_2_excel.zip"
    cut_short.write_bytes(whole[: len(whole) // 2])  # a download that stopped half-way
    with pytest.raises(DataFileError, match=r"db_29_2_excel\.zip: a damaged zip file"):
        import_onet(cut_short)
    result = cli(["import", "onet", str(cut_short), "--out", str(tmp_path / "onet.ttl")])
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert not (tmp_path / "onet.ttl").exists()


def test_damaged_member_of_a_zip_is_named(cut_dir, tmp_path):
    archive = zip_release(cut_dir, tmp_path / "db_29_2_excel.zip", top="db_29_2_excel")
    damage_member(archive, "db_29_2_excel/Skills.xlsx", skip=100)
    with pytest.raises(DataFileError, match=r"db_29_2_excel/Skills\.xlsx: damaged in the zip"):
        import_onet(archive)


def test_file_that_is_neither_a_folder_nor_a_zip(cli, tmp_path):
    (tmp_path / "Occupation Data.csv").write_text("O*NET-SOC Code,Title\n")
    out = str(tmp_path / "x.ttl")
    result = cli(["import", "onet", str(tmp_path / "Occupation Data.csv"), "--out", out])
    assert result.code == 2
    assert "Occupation Data.csv: neither a folder nor a zip file" in result.err
    missing = cli(["import", "onet", str(tmp_path / "nowhere.zip"), "--out", out])
    assert missing.code == 2 and "nowhere.zip: no such folder or zip file" in missing.err


def test_proficiency_covers_the_whole_level_scale():
    assert [proficiency(level / 4) for level in range(0, 29)] == sorted(
        proficiency(level / 4) for level in range(0, 29))
    assert {proficiency(level / 4) for level in range(0, 29)} == {1, 2, 3, 4, 5}
