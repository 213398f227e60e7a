"""The path, reachable, gap, ready and plan commands in-process: text, JSON, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from md_reading import md_tables

from careergraph.cli import paths as paths_command
from careergraph.cli import plan as plan_command
from careergraph.resources import ontology_dir

PROFILE = str(ontology_dir() / "examples" / "profile.yaml")
PROFILE_JSON = str(ontology_dir() / "examples" / "profile.json")
LADDER = ("Associate Product Manager -> Product Manager -> Senior Product Manager -> "
          "Director of Product -> VP of Product -> Chief Product Officer")


def ok(result):
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def footnotes(out):
    """Number -> passage text (wrapped lines joined) of the ``Sources`` list ending an output."""
    block = out[out.rindex("\nSources\n") + len("\nSources\n"):]
    notes, number = {}, None
    for line in block.splitlines():
        found = re.match(r"  \[(\d+)\] (.*)", line)
        if found:
            number = int(found[1])
            notes[number] = found[2]
        elif line.startswith("      ") and number is not None:
            notes[number] += " " + line.strip()
        else:
            break
    return notes


def cited(line):
    """The footnote numbers a line ends with: ``... [1, 4]`` -> [1, 4]."""
    found = re.search(r"\[([\d, ]+)\]$", line)
    return [int(n) for n in found[1].split(", ")] if found else []


def passage(source):
    """A passage as the Sources list shows it."""
    where = f"{source['section']}: " if source.get("section") else ""
    return f"{where}\"{source['quote']}\"" if source.get("quote") else where + source["iri"]


def check_sources(out, steps):
    """Every skill line of the text cites exactly the passages its JSON twin carries; each
    move's ``source:`` line its own passages but those every move shares; each passage once."""
    notes = footnotes(out)
    assert len(set(notes.values())) == len(notes)  # each passage once
    blocks = re.split(r"\n(?=  (?:\d+\. )?\S.* -> .*)", "\n" + out.split("\nSources\n")[0])[1:]
    assert len(blocks) == len(steps)
    every = cited(next((line for line in out.splitlines() if line.startswith("Every move:")), ""))
    for block, step in zip(blocks, steps):
        lines = block.splitlines()
        for item in (*step["gain"], *step["raise"]):
            [line] = [line for line in lines if re.match(rf" +{re.escape(item['label'])}  ", line)]
            assert {notes[n] for n in cited(line)} == {passage(s) for s in item["sources"]}, line
        move = [line for line in lines if line.strip().startswith("source:")]
        own = {passage(s) for s in step["sources"]} - {notes[n] for n in every}
        assert {notes[n] for line in move for n in cited(line)} == own
    return notes


# --- path ---------------------------------------------------------------------


def test_path_apm_to_cpo_is_the_ladder_with_gaps(cli):
    out = ok(cli(["path", "Associate Product Manager", "Chief Product Officer"]))
    lines = out.splitlines()
    assert lines[0] == LADDER
    assert lines[1] == "5 moves"
    assert lines[2].startswith("Every move: [")
    step = out[out.index("  2. Product Manager -> Senior Product Manager  [promotion]"):
               out.index("  3. Senior Product Manager")]
    words = " ".join(step.split())
    assert "skills to gain: " in words and "Leading without authority level 4 (advanced) core, " \
        "leadership" in words
    # skills are not lost on the way: the APM already needed hands-on product management at 2
    assert "Hands-on product management 2 -> 4 (advanced) core, technical and hands-on" in words
    assert "Strategic thinking 3 -> 4 (advanced) core, strategic" in words
    assert "responsibilities taken on:\n       - Act as liaison" in step
    assert ("  4. Director of Product -> VP of Product  [promotion]\n"
            "     no skill to gain or raise") in out
    data = json.loads(ok(cli(["path", "APM", "CPO", "--format", "json"])))
    notes = check_sources(out, data["paths"][0]["steps"])
    # the article's sentence that introduces its list of roles backs every promotion:
    # it is named once, under "Every move", not under each move
    [primary] = [n for n, text in notes.items()
                 if "Although there is significant variation" in text]
    assert primary in cited(lines[2])
    assert out.count("Although there is significant variation") == 1
    assert all(primary not in cited(line) for line in lines if "source:" in line)
    assert any(text.startswith('3. Senior Product Manager: "Senior Product Managers manage '
                               'high-visibility products') for text in notes.values())


def test_path_json_shape(cli, builtin_graph):
    from careergraph.gap import path_gap, shared_sources

    data = json.loads(ok(cli(["path", "apm", "cpo", "--format", "json"])))
    assert data["from"] == "Associate Product Manager" and data["to"] == "Chief Product Officer"
    assert data["asked"] == 1 and "note" not in data
    [path] = data["paths"]
    assert " -> ".join(path["roles"]) == LADDER
    assert path["moves"] == 5 == len(path["steps"])
    second = path["steps"][1]
    assert (second["from_label"], second["to_label"], second["kind"]) == \
        ("Product Manager", "Senior Product Manager", "promotion")
    steps = path_gap(builtin_graph, path["iris"])
    assert path["steps"] == [json.loads(json.dumps(step.to_dict())) for step in steps]
    assert all(item["sources"] for step in path["steps"]
               for item in (*step["gain"], *step["raise"]))
    assert data["shared_sources"] == [dict(p) for p in shared_sources(steps)]
    assert "https://w3id.org/careergraph/pm/passage-primary-roles" in \
        [p["iri"] for p in data["shared_sources"]]
    assert path["gap"] == sum(step["cost"] for step in path["steps"])


def test_product_owner_to_coo_passes_the_cpo(cli):
    out = ok(cli(["path", "Product Owner", "COO"]))
    assert out.splitlines()[0] == LADDER + " -> Chief Operating Officer"
    assert "  6. Chief Product Officer -> Chief Operating Officer  [exit]" in out
    data = json.loads(ok(cli(["path", "product owner", "coo", "--format", "json"])))
    assert data["paths"][0]["roles"][-2:] == ["Chief Product Officer", "Chief Operating Officer"]


def test_a_misspelt_title_gets_a_suggestion(cli):
    result = cli(["path", "Senoir PM", "CPO"])
    assert result.code == 2 and result.out == ""
    assert result.err == ("careergraph path: error: unknown role 'Senoir PM'; "
                          "did you mean Senior Product Manager?\n")
    result = cli(["gap", "PM", "Chief Operatng Officer", "--format", "json"])
    assert result.code == 2 and result.out == ""
    assert "did you mean Chief Operating Officer?" in result.err


def test_no_path_exits_1_saying_why(cli):
    result = cli(["path", "PM", "CEO"])
    assert result.code == 1 and result.out == ""
    assert result.err == ("careergraph path: no path from Product Manager to Chief Executive "
                          "Officer: no move leads to Chief Executive Officer at all\n")
    result = cli(["path", "APM", "Group PM", "--kinds", "promotion", "--format", "json"])
    assert result.code == 1
    message = ("no path from Associate Product Manager to Group Product Manager: the "
               "constraints (kinds promotion) exclude every path; without them: Associate "
               "Product Manager -> Product Manager -> Senior Product Manager -> Group Product "
               "Manager")
    assert json.loads(result.out) == {"paths": [], "message": message}
    assert result.err == f"careergraph path: {message}\n"


def test_constraints_on_the_command_line(cli):
    out = ok(cli(["path", "Senior PM", "VP of Product", "--track", "management"]))
    assert out.splitlines()[0] == "Senior Product Manager -> Director of Product -> VP of Product"
    result = cli(["path", "PM", "CPO", "--avoid", "Director of Product", "VP of Product"])
    assert result.code == 1 and "avoiding Director of Product, VP of Product" in result.err
    result = cli(["path", "PM", "director of product", "--via", "Principal PM"])
    assert result.code == 1 and "(through Principal Product Manager)" in result.err
    out = ok(cli(["path", "PM", "Group PM", "--kinds", "promotion,branch"]))
    assert out.splitlines()[0] == \
        "Product Manager -> Senior Product Manager -> Group Product Manager"
    result = cli(["path", "PM", "CPO", "--kinds", "promtion"])
    assert result.code == 2 and "unknown kind of move 'promtion'" in result.err
    result = cli(["path", "PM", "CPO", "--track", "sales"])
    assert result.code == 2 and "unknown track 'sales'" in result.err


def test_weight_gap_k_and_all(cli):
    out = ok(cli(["path", "PM", "COO", "--weight", "gap"]))
    assert out.splitlines()[1] == "5 moves, skill gap 41 levels"
    out = ok(cli(["path", "PM", "CPO", "--k", "3"]))
    assert out.splitlines()[0].startswith("Product Manager -> Senior Product Manager")
    result = cli(["path", "APM", "COO", "--all", "--cutoff", "5"])
    assert result.code == 1
    assert result.err.endswith("none of at most 5 moves; the shortest has 6\n")
    data = json.loads(ok(cli(["path", "APM", "COO", "--all", "--format", "json"])))
    assert len(data["paths"]) == 1 and data["capped"] is False
    result = cli(["path", "PM", "CPO", "--k", "0"])
    assert result.code == 2 and "must be 1 or more" in result.err
    result = cli(["path", "PM", "CPO", "--k", "2", "--all"])
    assert result.code == 2 and "not allowed with argument" in result.err


def test_k_best_paths_over_a_layer(cli, tmp_path):
    layer = tmp_path / "staff.ttl"
    layer.write_text("""@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://example.org/staff> a cg:Role ; skos:prefLabel "Staff Product Manager"@en ;
    cg:seniority 4 ; cg:track cg:IndividualContributor .
<http://example.org/m1> a cg:Transition ; cg:fromRole pm:senior-product-manager ;
    cg:toRole <http://example.org/staff> ; cg:transitionKind cg:Promotion .
<http://example.org/m2> a cg:Transition ; cg:fromRole <http://example.org/staff> ;
    cg:toRole pm:vp-of-product ; cg:transitionKind cg:Promotion .
""", encoding="utf-8")
    out = ok(cli(["path", "PM", "VP of Product", "--k", "3", "-d", str(layer)]))
    assert out.startswith("Path 1 of 2\nProduct Manager -> Senior Product Manager -> ")
    assert "Path 2 of 2" in out
    assert "Senior Product Manager -> Staff Product Manager -> VP of Product" in out
    data = json.loads(ok(cli(["path", "PM", "vp of product", "--all", "--cap", "1",
                              "--format", "json", "-d", str(layer)])))
    assert len(data["paths"]) == 1 and data["capped"] is True


# --- reachable and gap ----------------------------------------------------------


def test_reachable_from_senior_pm(cli):
    out = ok(cli(["reachable", "Senior PM"]))
    assert out.splitlines()[0] == "Roles reachable from Senior Product Manager: 7"
    body = "\n".join(out.splitlines()[4:11])
    for role in ("Group Product Manager", "Principal Product Manager", "Director of Product",
                 "VP of Product", "Chief Product Officer", "General Manager",
                 "Chief Operating Officer"):
        assert role in body
    assert out.splitlines()[4].split() == ["1", "Director", "of", "Product", "4", "management",
                                           "promotion"]
    assert out.splitlines()[11] == ""
    data = json.loads(ok(cli(["reachable", "senior pm", "--format", "json"])))
    found = {row["role"]: (row["moves"], row["last_move"]) for row in data["roles"]}
    assert found == {"Director of Product": (1, "promotion"),
                     "Group Product Manager": (1, "branch"),
                     "Principal Product Manager": (1, "branch"), "VP of Product": (2, "promotion"),
                     "Chief Product Officer": (3, "promotion"), "General Manager": (4, "exit"),
                     "Chief Operating Officer": (4, "exit")}
    coo = next(row for row in data["roles"] if row["role"] == "Chief Operating Officer")
    assert coo["through"] == ["Director of Product", "VP of Product", "Chief Product Officer"]


def test_reachable_reverse_and_constraints(cli):
    data = json.loads(ok(cli(["reachable", "CPO", "--reverse", "--format", "json"])))
    assert [row["role"] for row in data["roles"]] == [
        "VP of Product", "Director of Product", "Senior Product Manager", "Product Manager",
        "Associate Product Manager"]
    data = json.loads(ok(cli(["reachable", "Senior PM", "--kinds", "branch", "--format", "json"])))
    assert {row["role"] for row in data["roles"]} == {"Group Product Manager",
                                                     "Principal Product Manager"}
    result = cli(["reachable", "GM"])
    assert result.code == 1 and result.out == ""
    assert result.err == ("careergraph reachable: no role is reachable from General Manager: "
                          "no move leads out of it\n")
    result = cli(["reachable", "CEO", "--reverse"])
    assert result.code == 1 and "no role leads to Chief Executive Officer" in result.err
    result = cli(["reachable", "CPO", "--kinds", "promotion"])
    assert result.code == 1 and "the constraints (kinds promotion) exclude every move" in result.err


def test_gap_pm_to_senior_pm(cli):
    out = ok(cli(["gap", "PM", "Senior PM"]))
    lines = out.splitlines()
    assert lines[0] == "  Product Manager -> Senior Product Manager  [promotion]"
    raises = lines[lines.index("    skills to raise:") + 1:
                   lines.index("    responsibilities taken on:")]
    data = json.loads(ok(cli(["gap", "PM", "Senior PM", "--format", "json"])))
    notes = check_sources(out, [data["step"]])
    # why the Senior PM needs hands-on experience: the passage of its requirement
    [hands_on] = [line for line in lines if line.strip().startswith("Hands-on product management")]
    assert any(notes[n].startswith('3. Senior Product Manager: "Senior Product Managers manage '
                                   'high-visibility products') for n in cited(hands_on))
    # one move: its passages are all under "source:", the shared one too
    [move] = [line for line in lines if line.strip().startswith("source:")]
    assert any("Although there is significant variation" in notes[n] for n in cited(move))
    assert "Every move" not in out
    assert [line.strip().split("  ")[0] for line in raises] == [
        "Data-driven decision-making", "Market understanding", "Product knowledge",
        "Strategic thinking"]
    assert all("3 -> 4 (advanced)" in line for line in raises)
    assert data["direct"] is True
    assert [(r["label"], r["from_level"], r["to_level"]) for r in data["step"]["raise"]] == [
        ("Data-driven decision-making", 3, 4), ("Market understanding", 3, 4),
        ("Product knowledge", 3, 4), ("Strategic thinking", 3, 4)]


def test_gap_without_a_direct_move(cli):
    out = ok(cli(["gap", "APM", "Director of Product"]))
    assert out.startswith("No move leads directly from Associate Product Manager to Director "
                          "of Product: this compares the two roles")
    assert "source:" not in out


# --- ready and plan ---------------------------------------------------------------


READY_COLUMNS = ["rank", "role", "score", "covered", "requirements", "met", "moves"]

# The person of ontology/examples/profile.yaml, written here so that the test does not
# depend on the example: a product manager with the PM's skills, some above its level.
PM_PROFILE = """name: Pat
current: Product Manager
skills:
  Communication: 4
  Collaboration: 3
  Leadership: 3
  Strategic thinking: 3
  Data-driven decision-making: 3
  Prioritization: 3
  Product knowledge: 3
  Market understanding: 2
  Customer understanding: 3
  Process optimization: 2
  Technical skills: 3
  Analytical skills: 4
"""


def ready_table(out):
    """The rows of the ``ready`` table as dicts, by the columns of its header line."""
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line.split() == READY_COLUMNS))
    widths = [len(dashes) for dashes in lines[start + 1].split("  ")]
    rows = []
    for line in lines[start + 2:]:
        if not line.strip():
            break
        cells, at = [], 0
        for width in widths:
            cells.append(line[at:at + width].strip())
            at += width + 2
        rows.append(dict(zip(READY_COLUMNS, cells)))
    return rows


@pytest.mark.parametrize("profile", ["example", "written"])
def test_ready_ranks_the_next_step_above_far_thin_roles(cli, tmp_path, profile):
    path = PROFILE
    if profile == "written":
        path = tmp_path / "pat.yaml"
        path.write_text(PM_PROFILE, encoding="utf-8")
    out = ok(cli(["ready", str(path)]))
    rows = ready_table(out)
    data = json.loads(ok(cli(["ready", str(path), "--format", "json"])))
    assert [row["role"] for row in rows] == [role["label"] for role in data["roles"]]
    assert [row["role"] for row in rows[:2]] == ["Product Manager", "Senior Product Manager"]
    assert rows[0]["moves"] == "current" and rows[1]["moves"] == "1"
    senior = data["roles"][1]
    far_and_thin = [role for role in data["roles"]
                    if role["required"] < senior["required"] and (role["moves"] or 99) > 1]
    assert {role["label"] for role in far_and_thin} >= {"VP of Product", "Director of Product"}
    for row, role in zip(rows, data["roles"]):
        assert (row["requirements"], row["met"]) == (str(role["required"]), str(role["met"]))
        assert row["covered"] == f"{role['covered']:.0%}"
        assert row["score"] == f"{role['score']:.2f}"
    scores = [role["score"] for role in data["roles"]]
    assert scores == sorted(scores, reverse=True)
    # the VP's two requirements are nearly covered, yet it does not win on coverage alone
    vp = next(role for role in data["roles"] if role["label"] == "VP of Product")
    assert vp["covered"] > senior["covered"] and vp["score"] < senior["score"]
    assert "no path" in next(row["moves"] for row in rows if "Associate" in row["role"])
    lines = out.splitlines()
    first = lines.index(" 1. Product Manager")
    assert lines[first + 1] == \
        "      to raise: Market understanding 2 -> 3, Process optimization 2 -> 3"
    assert "score = held / (required + " in " ".join(out.split())


def test_ready_json_and_top(cli):
    data = json.loads(ok(cli(["ready", PROFILE_JSON, "--top", "2", "--format", "json"])))
    assert data["roles_ranked"] >= 7 and len(data["roles"]) == 2
    first, second = data["roles"]
    assert (first["label"], first["current"], first["moves"]) == ("Product Manager", True, 0)
    assert (second["label"], second["current"], second["moves"]) == \
        ("Senior Product Manager", False, 1)
    assert {"covered", "score", "evidence", "prior", "met", "required", "gain",
            "raise"} <= set(first)
    assert [(r["label"], r["from_level"], r["to_level"]) for r in first["raise"]] == [
        ("Market understanding", 2, 3), ("Process optimization", 2, 3)]
    assert data["profile"]["name"] == "Alex Example"
    out = ok(cli(["ready", PROFILE, "--top", "3"]))
    assert out.splitlines()[0].startswith("Readiness of Alex Example (now Product Manager): the "
                                          "top 3 of ")
    assert len(ready_table(out)) == 3


def test_ready_without_a_current_role(cli, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text("skills:\n  Leadership: 4\n  Communication: 4\n", encoding="utf-8")
    out = ok(cli(["ready", str(me)]))
    assert out.startswith(f"Readiness of {me}: the top ")
    assert {row["moves"] for row in ready_table(out)} == {""}


def test_plan_to_the_cpo(cli):
    out = ok(cli(["plan", PROFILE, "--to", "CPO"]))
    lines = out.splitlines()
    assert lines[0] == ("Plan for Alex Example: from Product Manager to Chief Product Officer, "
                        f"with the skills of {PROFILE}")
    assert lines[2] == ("Product Manager -> Senior Product Manager -> Director of Product -> "
                        "VP of Product -> Chief Product Officer")
    first = out[out.index("  1. "):out.index("  2. ")]
    assert "Market understanding            2 -> 4 (advanced)" in first  # the profile has 2
    second = out[out.index("  2. "):out.index("  3. ")]
    assert "Analytical skills" not in second  # the profile has it at 4 already
    assert "Communication" not in second
    assert lines[-1] == \
        "In all: 6 skills to gain and 8 to raise, 37 proficiency levels over 4 moves."


def test_plan_json(cli):
    data = json.loads(ok(cli(["plan", PROFILE_JSON, "--to", "Director of Product",
                              "--format", "json"])))
    [path] = data["paths"]
    assert path["roles"] == ["Product Manager", "Senior Product Manager", "Director of Product"]
    second = path["steps"][1]
    assert [g["label"] for g in second["gain"]] == ["Management"]
    assert [(r["label"], r["from_level"], r["to_level"]) for r in second["raise"]] == [
        ("Leadership", 3, 4)]


def test_plan_failures(cli, tmp_path):
    result = cli(["plan", PROFILE, "--to", "APM"])
    assert result.code == 1
    assert result.err == ("careergraph plan: no path from Product Manager to Associate Product "
                          "Manager: no move leads to Associate Product Manager at all\n")
    result = cli(["plan", PROFILE, "--to", "Group PM", "--kinds", "promotion"])
    assert result.code == 1 and "the constraints (kinds promotion) exclude every path" in result.err
    no_role = tmp_path / "me.yaml"
    no_role.write_text("skills:\n  Communication: 3\n", encoding="utf-8")
    result = cli(["plan", str(no_role), "--to", "CPO"])
    assert result.code == 2
    assert result.err == (f"careergraph plan: error: {no_role}: gives no current role "
                          "('current: TITLE'), which 'careergraph plan' starts from\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("current: PM\nskills:\n  Comunication: 3\n", encoding="utf-8")
    result = cli(["ready", str(bad)])
    assert result.code == 2 and result.out == ""
    assert result.err == (f"careergraph ready: error: {bad}:3: skills: unknown skill "
                          "'Comunication'; did you mean Communication?\n")
    result = cli(["plan", PROFILE])
    assert result.code == 2 and "--to" in result.err


def test_plan_when_already_there(cli, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text("name: Kim\ncurrent: CPO\n", encoding="utf-8")
    out = ok(cli(["plan", str(me), "--to", "chief product officer"]))
    assert out.splitlines()[-1] == "Kim is already Chief Product Officer."


# --- markdown, and how many paths -----------------------------------------------------------


def assert_valid_tables(text):
    tables = md_tables(text)
    assert tables
    for table in tables:
        assert set(table[1]) == {"---"}
        assert {len(row) for row in table} == {len(table[0])}, table


def test_path_and_gap_in_markdown(cli):
    out = ok(cli(["path", "APM", "Director of Product", "--format", "md"]))
    assert out.startswith("## Associate Product Manager → Product Manager → Senior Product "
                          "Manager → Director of Product\n\n3 moves\n\nEvery move: \\[")
    assert "### 2. Product Manager → Senior Product Manager (promotion)" in out
    assert_valid_tables(out)
    sources = out[out.index("## Sources\n\n") + len("## Sources\n\n"):].splitlines()
    assert [line.split(". ")[0] for line in sources] == [str(n) for n in range(1, len(sources) + 1)]
    assert sum("Although there is significant variation" in line for line in out.splitlines()) == 1
    table = md_tables(out)[1]  # the Senior PM's skills
    assert table[0] == ["change", "skill", "level", "importance", "category", "sources"]
    assert next(row for row in table if row[1] == "Strategic thinking")[:5] == \
        ["raise", "Strategic thinking", "3 → 4 (advanced)", "core", "strategic"]
    assert all(re.fullmatch(r"\\\[[\d, ]+\\\]", row[5]) for row in table[2:])
    out = ok(cli(["gap", "PM", "Senior PM", "--format", "md"]))
    assert out.startswith("### Product Manager → Senior Product Manager (promotion)\n")
    assert_valid_tables(out)
    assert "Source of the move: \\[" in out and "\n## Sources\n" in out


HOSTILE = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<http://example.org/evil> a cg:Role ; skos:prefLabel "<script>alert(1)</script> | *Evil* PM"@en ;
    cg:seniority 3 ; cg:track cg:IndividualContributor ; cg:requires <http://example.org/req> .
<http://example.org/req> a cg:SkillRequirement ; cg:skill <http://example.org/skill> ;
    cg:proficiency 3 ; cg:importance cg:Core ; dcterms:source <http://example.org/passage> .
<http://example.org/skill> a cg:Skill ; cg:skillCategory cg:Technical ;
    skos:prefLabel "[click](javascript:alert(1)) | <b>x</b>"@en .
<http://example.org/passage> a cg:SourcePassage ; cg:section "# Heading\\n- item" ;
    cg:quote "1. <img src=x onerror=alert(1)> & | pipes |" .
<http://example.org/move> a cg:Transition ; cg:fromRole pm:product-manager ;
    cg:toRole <http://example.org/evil> ; cg:transitionKind cg:Promotion .
"""


def test_hostile_labels_are_escaped_in_markdown(cli, tmp_path):
    data = tmp_path / "evil.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    for argv in (["gap", "PM", "http://example.org/evil"], ["path", "APM", "http://example.org/evil"]):
        out = ok(cli([*argv, "-d", str(data), "--format", "md"]))
        assert not re.search(r"(?<!\\)[<>&]", out), "raw HTML"
        assert "\\<script\\>" in out and "\\[click\\](javascript:alert(1))" in out
        assert_valid_tables(out)
        assert not any(line.startswith(("# Heading", "- item")) for line in out.splitlines())


def test_fewer_paths_than_asked(cli):
    result = cli(["path", "PM", "VP of Product", "--k", "3"])
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines()[-1] == ("Only 1 path exists from Product Manager to VP of "
                                           "Product (asked for 3).")
    data = json.loads(ok(cli(["path", "PM", "VP of Product", "--k", "3", "--format", "json"])))
    assert len(data["paths"]) == 1 and data["asked"] == 3
    assert data["note"] == "Only 1 path exists from Product Manager to VP of Product (asked for 3)."
    out = ok(cli(["path", "Senior PM", "CPO", "--k", "5", "--kinds", "promotion,branch"]))
    assert out.splitlines()[-1].startswith("Only ")
    assert "with these constraints (asked for 5)." in out.splitlines()[-1]
    out = ok(cli(["path", "PM", "VP of Product"]))  # one asked, one found: no note
    assert "Only" not in out and "asked for" not in out


# --- the modules on their own ------------------------------------------------------


def test_modules_run_on_their_own(capsys):
    assert paths_command.main(["gap", "PM", "Senior PM", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["to"] == "Senior Product Manager"
    assert plan_command.main(["frobnicate"]) == 2
    assert "unknown command 'frobnicate'; the commands are ready, plan" in capsys.readouterr().err
    assert paths_command.main([]) == 2
    assert "commands: path, reachable, gap" in capsys.readouterr().out


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "careergraph.cli.paths", "path", "APM", "PM"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Associate Product Manager -> Product Manager"


@pytest.mark.parametrize("command", ["path", "reachable", "gap", "ready", "plan", "describe"])
def test_help_of_each_command(cli, command):
    result = cli([command, "--help"])
    assert result.code == 0 and "--format" in result.out and "--data" in result.out
