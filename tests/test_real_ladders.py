"""The two real public ladders of ontology/examples: the UK government's product manager role
(ukgov-product-manager.yaml) and Monzo's product progression framework (monzo-product.yaml).

The expected answers below are copied from the sources, not from the YAML files, so that a
transcription mistake in a file fails here:

- ``UKGOV_LEVELS``: alphagov/ddat-pathway-product-service-manager,
  product-manager/levels-of-mastery-overview.adoc (commit 66e19f2), the "Overview" table;
  the critical and desired capabilities are the two lists above that table.
- ``UKGOV_GRADES``: GOV.UK "Product manager" (last updated 1 December 2023), level 1's grades.
- ``MONZO_TOPICS``: monzo/progression-framework, frameworks/product.md (commit 6567f7c),
  ``levels: 4`` and the titles of its 7 topics.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

from careergraph.resources import ontology_dir

EXAMPLES = ontology_dir() / "examples"
UKGOV = str(EXAMPLES / "ukgov-product-manager.yaml")
MONZO = str(EXAMPLES / "monzo-product.yaml")
CG = Namespace("https://w3id.org/careergraph/ontology#")

UKGOV_ROLES = ["Associate Product Manager", "Product Manager", "Senior Product Manager",
               "Lead Product Manager", "Head of Product"]
UKGOV_CRITICAL = ["Lifecycle perspective", "Problem ownership", "Product ownership",
                  "Strategy ownership", "User focus", "Working with agility"]
UKGOV_DESIRED = ["DDaT perspective", "Financial ownership", "Understanding constraints"]
A, W, P, E = "Awareness", "Working", "Practitioner", "Expert"
UKGOV_LEVELS = {  # capability: its level at each of the 5 role levels, in UKGOV_ROLES order
    "DDaT perspective": [A, W, P, E, E],
    "Financial ownership": [A, P, P, P, P],
    "Lifecycle perspective": [A, W, P, E, E],
    "Problem ownership": [W, P, E, E, E],
    "Product ownership": [A, P, E, E, E],
    "Strategy ownership": [W, P, P, E, E],
    "Understanding constraints": [A, W, P, E, E],
    "User focus": [W, P, P, P, E],
    "Working with agility": [A, W, E, E, E],
}
UKGOV_SCALE = [A, W, P, E]
COMMON = {A: 1, W: 2, P: 3, E: 5}  # the curated mapping the file documents
UKGOV_GRADES = {"Associate Product Manager": {"HEO", "SEO"}}

MONZO_ROLES = [f"Product Level {n}" for n in range(1, 5)]
MONZO_TOPICS = ["Problem solving", "User-centricity", "Data skills", "Domain knowledge",
                "Execution", "Works through others", "Communication and feedback"]



def ok(result):
    assert result.code == 0, result.err
    return result.out


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each example imported with --validate into Turtle, read back as an rdflib graph."""
    from careergraph.cli.main import main

    graphs = {}
    for name, source in (("ukgov", UKGOV), ("monzo", MONZO)):
        out = tmp_path_factory.mktemp(name) / f"{name}.ttl"
        code = main(["import", "ladder", source, "--out", str(out), "--validate"])
        assert code == 0, f"import of {source} exited {code}"
        graphs[name] = Graph().parse(out, format="turtle")
    return graphs


def labels(graph, kind):
    return {str(graph.value(node, SKOS.prefLabel)) for node in graph.subjects(None, kind)
            if graph.value(node, SKOS.prefLabel) is not None}


def requirements(graph):
    """(role title, skill name) -> the framework's level name, from cg:proficiencyLevel."""
    found = {}
    for role in graph.subjects(None, CG.Role):
        for requirement in graph.objects(role, CG.requires):
            skill = graph.value(requirement, CG.skill)
            level = graph.value(requirement, CG.proficiencyLevel)
            found[(str(graph.value(role, SKOS.prefLabel)), str(graph.value(skill, SKOS.prefLabel)))] = (
                str(graph.value(level, SKOS.prefLabel)) if level is not None else None,
                int(graph.value(requirement, CG.proficiency)))
    return found


# --- both import and validate; their size is the sources' ---------------------------------


@pytest.mark.parametrize("source", [UKGOV, MONZO], ids=["ukgov", "monzo"])
def test_example_imports_and_validates(cli, tmp_path, source):
    out = tmp_path / "ladder.ttl"
    text = ok(cli(["import", "ladder", source, "--out", str(out), "--validate"]))
    assert text.startswith(f"wrote {out}")
    assert out.stat().st_size > 0


def test_ukgov_has_the_sources_roles_skills_and_requirements(imported):
    graph = imported["ukgov"]
    assert labels(graph, CG.Role) == set(UKGOV_ROLES)
    assert labels(graph, CG.Skill) == set(UKGOV_LEVELS)
    assert len(list(graph.subjects(None, CG.SkillRequirement))) == 5 * 9
    seniority = {str(graph.value(r, SKOS.prefLabel)): int(graph.value(r, CG.seniority))
                 for r in graph.subjects(None, CG.Role)}
    assert sorted(seniority, key=seniority.get) == UKGOV_ROLES


def test_ukgov_levels_are_the_frameworks_own_words_on_the_curated_common_scale(imported):
    found = requirements(imported["ukgov"])
    expected = {(role, skill): (levels[i], COMMON[levels[i]])
                for skill, levels in UKGOV_LEVELS.items() for i, role in enumerate(UKGOV_ROLES)}
    assert found == expected


def test_ukgov_scale_is_the_four_ascending_levels(imported):
    graph = imported["ukgov"]
    ladder = next(graph.subjects(None, CG.Ladder))
    scale = graph.value(ladder, CG.proficiencyScale)
    levels = sorted(graph.subjects(SKOS.inScheme, scale), key=lambda n: int(graph.value(n, CG.levelOrder)))
    assert [str(graph.value(n, SKOS.prefLabel)) for n in levels] == UKGOV_SCALE


def test_ukgov_importance_is_critical_versus_desired(imported):
    graph = imported["ukgov"]
    by_skill = {}
    for requirement in graph.subjects(None, CG.SkillRequirement):
        skill = str(graph.value(graph.value(requirement, CG.skill), SKOS.prefLabel))
        importance = graph.value(requirement, CG.importance)
        by_skill.setdefault(skill, set()).add(str(importance).rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower())
    assert {s for s, kinds in by_skill.items() if kinds == {"core"}} == set(UKGOV_CRITICAL)
    assert {s for s, kinds in by_skill.items() if kinds == {"supporting"}} == set(UKGOV_DESIRED)


def test_ukgov_grades_are_those_the_page_states(imported):
    graph = imported["ukgov"]
    grades = {}
    for role in graph.subjects(None, CG.Role):
        codes = {str(graph.value(g, SKOS.notation)) for g in graph.objects(role, CG.grade)}
        if codes:
            grades[str(graph.value(role, SKOS.prefLabel))] = codes
    assert grades == UKGOV_GRADES


def test_ukgov_reporting_lines_are_those_the_pathway_states(imported):
    # role-levels.adoc: a product manager may line-manage associate product managers; senior and
    # lead product managers line-manage product managers; the head of product can line-manage
    # senior and lead product managers (several managers for one role).
    graph = imported["ukgov"]
    lines = {(str(graph.value(s, SKOS.prefLabel)), str(graph.value(o, SKOS.prefLabel)))
             for s, o in graph.subject_objects(CG.reportsTo)}
    assert lines == {("Associate Product Manager", "Product Manager"),
                     ("Product Manager", "Senior Product Manager"),
                     ("Product Manager", "Lead Product Manager"),
                     ("Senior Product Manager", "Head of Product"),
                     ("Lead Product Manager", "Head of Product")}
    spans = list(graph.subject_objects(CG.spanOfControl))
    assert [str(graph.value(s, SKOS.prefLabel)) for s, _ in spans] == ["Head of Product"]
    span = spans[0][1]
    assert graph.value(span, CG.minReports) is None and graph.value(span, CG.maxReports) is None


def test_ukgov_maps_onto_the_builtin_ladder(imported):
    graph = imported["ukgov"]
    pm = "https://w3id.org/careergraph/pm/"
    exact = {(str(graph.value(s, SKOS.prefLabel)), str(o)) for s, o in graph.subject_objects(SKOS.exactMatch)}
    close = {(str(graph.value(s, SKOS.prefLabel)), str(o)) for s, o in graph.subject_objects(SKOS.closeMatch)}
    assert exact == {("Associate Product Manager", pm + "associate-product-manager"),
                     ("Product Manager", pm + "product-manager"),
                     ("Senior Product Manager", pm + "senior-product-manager")}
    assert close == {("Lead Product Manager", pm + "group-product-manager"),
                     ("Head of Product", pm + "director-of-product")}


def test_monzo_has_four_levels_of_seven_topics(imported):
    graph = imported["monzo"]
    assert labels(graph, CG.Role) == set(MONZO_ROLES)
    assert labels(graph, CG.Skill) == set(MONZO_TOPICS)
    found = requirements(graph)
    assert found == {(role, topic): (f"Level {n}", n)
                     for n, role in enumerate(MONZO_ROLES, 1) for topic in MONZO_TOPICS}


def test_every_node_of_both_examples_names_a_source(imported):
    from rdflib.namespace import DCTERMS

    for name, graph in imported.items():
        for kind in (CG.Role, CG.SkillRequirement, CG.Transition):
            for node in graph.subjects(None, kind):
                assert graph.value(node, DCTERMS.source) is not None, (name, node)


# --- commands on the real ladders --------------------------------------------------------


def test_gap_lead_to_head_of_product_is_user_focus_to_expert(cli):
    # Unqualified titles: neither is a title of the built-in ladder.
    out = ok(cli(["gap", "Lead Product Manager", "Head of Product", "-d", UKGOV, "--format", "json"]))
    step = json.loads(out)["step"]
    assert step["kind"] == "promotion"
    assert [(r["label"], r["from_level"], r["to_level"]) for r in step["raise"]] == [
        ("User focus", COMMON[P], COMMON[E])]
    assert step["gain"] == []


def test_gap_says_the_frameworks_own_level_names(cli):
    text = ok(cli(["gap", "Lead Product Manager", "Head of Product", "-d", UKGOV]))
    line = next(line for line in text.splitlines() if "User focus" in line)
    assert P in line and E in line, line  # the framework's own words, not only 3 -> 5


def test_gap_between_monzo_levels_raises_every_topic(cli):
    out = ok(cli(["gap", "Product Level 2", "Product Level 3", "-d", MONZO, "--format", "json"]))
    step = json.loads(out)["step"]
    assert sorted((r["label"], r["from_level"], r["to_level"]) for r in step["raise"]) == sorted(
        (topic, 2, 3) for topic in MONZO_TOPICS)


def test_gap_between_monzo_levels_says_monzos_level_names(cli):
    text = ok(cli(["gap", "Product Level 2", "Product Level 3", "-d", MONZO]))
    for topic in MONZO_TOPICS:
        line = next(line for line in text.splitlines() if topic in line)
        assert "Level 2" in line and "Level 3" in line, line


def test_describe_a_monzo_level_lists_its_competencies(cli):
    text = ok(cli(["describe", "Product Level 3", "-d", MONZO]))
    for topic in MONZO_TOPICS:
        assert topic in text, (topic, text)


def test_describe_a_monzo_level_says_the_level_of_each_competency(cli):
    text = ok(cli(["describe", "Product Level 3", "-d", MONZO]))
    for topic in MONZO_TOPICS:
        line = next(line for line in text.splitlines() if topic in line)
        assert "Level 3" in line, (topic, line)


def test_path_through_the_five_ukgov_levels_by_qualified_name(cli):
    out = ok(cli(["path", "ukgov:Associate Product Manager", "ukgov:Head of Product",
                  "-d", UKGOV, "--format", "json"]))
    assert json.loads(out)["paths"][0]["roles"] == UKGOV_ROLES
    text = ok(cli(["path", "ukgov:Associate Product Manager", "ukgov:Head of Product", "-d", UKGOV]))
    assert text.splitlines()[:2] == [" -> ".join(UKGOV_ROLES), "4 moves"]


def test_gap_between_two_ukgov_levels_by_qualified_name(cli):
    out = ok(cli(["gap", "ukgov:Product Manager", "ukgov:Senior Product Manager",
                  "-d", UKGOV, "--format", "json"]))
    rises = {r["label"]: (r["from_level"], r["to_level"]) for r in json.loads(out)["step"]["raise"]}
    expected = {skill: (COMMON[levels[1]], COMMON[levels[2]]) for skill, levels in UKGOV_LEVELS.items()
                if levels[2] != levels[1]}
    assert rises == expected
    assert set(expected) == {"DDaT perspective", "Lifecycle perspective", "Problem ownership",
                             "Product ownership", "Understanding constraints", "Working with agility"}


def test_a_shared_title_unqualified_is_ambiguous_not_unknown(cli):
    result = cli(["describe", "Senior Product Manager", "-d", UKGOV])
    assert result.code == 2
    assert "ukgov:Senior Product Manager" in result.err
    assert "unknown" not in result.err.lower()


def test_compare_builtin_and_ukgov_pairs_by_the_mappings(cli):
    text = ok(cli(["compare", "builtin", "ukgov", "-d", UKGOV]))
    pairs = {("Associate Product Manager", "Associate Product Manager"),
             ("Lead Product Manager", "Group Product Manager"),
             ("Head of Product", "Director of Product")}
    lines = text.splitlines()
    for ours, builtin in pairs:
        assert any(ours in line and builtin in line and re.search(r"mapping|exact|close", line)
                   for line in lines), (ours, builtin, text)


def test_crosswalk_ukgov_to_builtin_puts_each_level_beside_its_match(cli):
    out = ok(cli(["crosswalk", "ukgov", "builtin", "-d", UKGOV, "--format", "json"]))
    flat = json.dumps(json.loads(out))
    for ours, builtin in (("Lead Product Manager", "Group Product Manager"),
                          ("Head of Product", "Director of Product")):
        assert ours in flat and builtin in flat
    text = ok(cli(["crosswalk", "ukgov", "builtin", "-d", UKGOV]))
    line = next(line for line in text.splitlines() if "Head of Product" in line)
    assert "Director of Product" in line


def test_the_licences_and_sources_ship_with_the_examples():
    licences = EXAMPLES / "licences"
    mit = (licences / "monzo-progression-framework-LICENSE.txt").read_text(encoding="utf-8")
    assert mit.startswith("MIT License\n\nCopyright (c) 2019 Monzo Bank Limited\n")
    assert "Open Government Licence" in (licences / "OGL-UK-3.0.txt").read_text(encoding="utf-8")
    sources = (EXAMPLES / "SOURCES.md").read_text(encoding="utf-8")
    for needle in ("ukgov-product-manager.yaml", "monzo-product.yaml", "2026-12-01",
                   "https://www.gov.uk/government/publications/associate-product-manager-skills-they-need",
                   "https://github.com/alphagov/ddat-pathway-product-service-manager",
                   "https://github.com/monzo/progression-framework"):
        assert needle in sources
    for path in (UKGOV, MONZO):
        assert Path(path).read_text(encoding="utf-8").count("source:") >= 5


def test_ready_names_clashing_roles_by_ladder_and_levels_in_the_framework_words(cli, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text('current_role: "ukgov:Product Manager"\nskills:\n  Lifecycle perspective: 2\n',
                       encoding="utf-8")
    result = cli(["ready", str(profile), "-d", UKGOV, "--top", "20"])
    assert result.code == 0, result.err
    table = result.out.split("\n\n")[1]
    assert "ukgov:Product Manager" in table and "ukgov:Associate Product Manager" in table
    assert "pm:Associate Product Manager" in table and "pm:Senior Product Manager" in table
    senior = result.out.split(" 2. ukgov:Senior Product Manager\n")[1].split(" 3. ")[0]
    assert "to raise: Lifecycle perspective Working -> Practitioner" in senior
    assert "Problem ownership Expert" in " ".join(senior.split())
