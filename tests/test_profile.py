"""careergraph.profile: reading profile files, and errors that name file, line and field."""

from __future__ import annotations

import re

import pytest

from careergraph.errors import DataFileError
from careergraph.namespaces import PM
from careergraph.names import skill_index
from careergraph.profile import load_profile, read_profile_data
from careergraph.resources import ontology_dir

EXAMPLES = ontology_dir() / "examples"


@pytest.fixture
def write(tmp_path):
    def make(text: str, name: str = "me.yaml", raw: bytes | None = None):
        path = tmp_path / name
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    return make


def error_of(path, kg) -> str:
    with pytest.raises(DataFileError) as caught:
        load_profile(path, kg)
    return str(caught.value)


def test_the_example_profile(builtin_graph):
    profile = load_profile(EXAMPLES / "profile.yaml", builtin_graph)
    assert profile.name == "Alex Example" and profile.title == "PM"
    assert profile.role == PM + "product-manager"
    assert len(profile.skills) == 12
    assert profile.skills[PM + "skill-data-driven-decision-making"] == 3  # "data-driven decision making"
    assert profile.skills[PM + "skill-prioritization"] == 3  # "practitioner"
    assert profile.skills[PM + "skill-analytical-skills"] == 4  # "advanced"


def test_the_json_twin_says_the_same(builtin_graph):
    yaml_profile = load_profile(EXAMPLES / "profile.yaml", builtin_graph)
    json_profile = load_profile(EXAMPLES / "profile.json", builtin_graph)
    assert (json_profile.name, json_profile.role, json_profile.skills) == \
        (yaml_profile.name, yaml_profile.role, yaml_profile.skills)


def test_list_form_alt_labels_and_any_case(write, builtin_graph):
    path = write("role: sr. pm\nskills:\n  - skill: COMMUNICATION SKILLS\n    level: 4\n"
                 "  - {skill: leading the product team without authority, level: expert}\n")
    profile = load_profile(path, builtin_graph)
    assert profile.role == PM + "senior-product-manager"
    assert profile.skills == {PM + "skill-communication": 4,
                              PM + "skill-leading-without-authority": 5}


def test_no_current_role_and_no_skills(write, builtin_graph):
    profile = load_profile(write("name: Sam\n"), builtin_graph)
    assert profile.role is None and profile.skills == {}


@pytest.mark.parametrize("text, message", [
    ("current: PM\nskills:\n  Communication: 3\n  Leadrship: 2\n",
     "4: skills: unknown skill 'Leadrship'; did you mean Leadership?"),
    ("name: Sam\ncurrent: Senoir Product Manger\n",
     "2: current: unknown role 'Senoir Product Manger'; did you mean Senior Product Manager?"),
    ("current: PM\nskils:\n  Communication: 3\n",
     "2: unknown field 'skils'; a profile has the fields name, current, skills"),
    ("skills:\n  Communication: 3\n  communication skills: 4\n",
     "3: skills: 'Communication' and 'communication skills' name the same skill "
     "(Communication); keep one"),
    ("current: PM\ntitle: APM\n",
     "2: title: 'current' and 'title' both give the current role; keep one"),
    ("current: PM\nskills: lots\n", "2: skills: a mapping of skill to level, not a text"),
    ("skills:\n  - Communication\n",
     "2: skills: each item of the list is a mapping with 'skill' and 'level'"),
    ("current: [PM]\n", "1: current: a text, not a list"),
    ("skills:\n  Zqxwv: 3\n",
     "2: skills: unknown skill 'Zqxwv'; 'careergraph query --name skills' lists the skills"),
    ("skills:\n  " + "Lead" * 200 + ": 3\n",
     "2: skills: unknown skill '" + "Lead" * 19 + "L...'; 'careergraph query --name skills' lists the skills"),
])
def test_mistakes_name_file_line_field_and_suggestion(write, builtin_graph, text, message):
    path = write(text)
    assert error_of(path, builtin_graph) == f"{path}:{message}"


@pytest.mark.parametrize("level, shown", [("0", "0"), ("6", "6"), ("guru", "'guru'"),
                                          ("true", "True"), ("2.5", "2.5")])
def test_bad_levels(write, builtin_graph, level, shown):
    path = write(f"skills:\n  Communication: 3\n  Leadership: {level}\n")
    message = error_of(path, builtin_graph)
    assert message.startswith(f"{path}:3: skills: the level of 'Leadership' is {shown}; "
                              "a level is one of 1 awareness, 2 working knowledge, ")
    assert message.endswith("5 expert (leave out the skills you do not have)")


def test_yaml_errors_carry_the_line(write):
    path = write("current: PM\nskills:\n  Communication: 3\n Leadership: 2\n")
    with pytest.raises(DataFileError, match=r"me\.yaml:4:\d+: not valid YAML"):
        read_profile_data(path)
    path = write("current: PM\ncurrent: APM\n")
    with pytest.raises(DataFileError, match=r"me\.yaml:2:1: not valid YAML: the key 'current' appears twice"):
        read_profile_data(path)


def test_json_errors_and_lines(write, builtin_graph):
    path = write('{"current": "PM",\n "skills": {"Comunication": 3}}', name="me.json")
    assert error_of(path, builtin_graph) == \
        f"{path}:2: skills: unknown skill 'Comunication'; did you mean Communication?"
    path = write('{"current": "PM",\n "skills": {"Communication": 3,}}', name="me.json")
    with pytest.raises(DataFileError, match=r"me\.json:2:\d+: not valid JSON"):
        read_profile_data(path)
    path = write('{"current": "PM", "current": "APM"}', name="me.json")
    with pytest.raises(DataFileError, match="the key 'current' appears twice"):
        read_profile_data(path)


@pytest.mark.parametrize("name, text, raw, message", [
    ("me.txt", "current: PM\n", None, "cannot tell the format from the ending '.txt'; "
                                      "a profile is .yaml, .yml, .json"),
    ("me.yaml", "", None, "is empty; a profile gives 'current' and 'skills'"),
    ("me.yaml", "- PM\n", None, "1: a profile is a mapping of fields (name, current, skills), "
                                "not a list"),
    ("me.yaml", "", b"current: caf\xe9\n", "not UTF-8 text (byte 0xe9)"),
])
def test_unreadable_files(write, name, text, raw, message):
    path = write(text, name=name, raw=raw)
    with pytest.raises(DataFileError) as caught:
        read_profile_data(path)
    assert str(caught.value) in (f"{path}: {message}", f"{path}:{message}")


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match=re.escape("nowhere.yaml: no such file")):
        read_profile_data(tmp_path / "nowhere.yaml")


def test_skill_index_knows_every_alt_label(builtin_graph):
    rows = builtin_graph.rdflib_graph().query(
        "SELECT ?skill ?alt WHERE { ?skill a cg:Skill ; skos:altLabel ?alt }",
        initNs={"cg": "https://w3id.org/careergraph/ontology#",
                "skos": "http://www.w3.org/2004/02/skos/core#"})
    index = skill_index(builtin_graph)
    assert len(rows) > 10
    for row in rows:
        assert index.resolve(str(row.alt).upper()) == str(row.skill)
