"""The path, reachable, gap, ready and plan commands in-process: text, JSON, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

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


# --- path ---------------------------------------------------------------------


def test_path_apm_to_cpo_is_the_ladder_with_gaps(cli):
    out = ok(cli(["path", "Associate Product Manager", "Chief Product Officer"]))
    lines = out.splitlines()
    assert lines[0] == LADDER
    assert lines[1] == "5 moves"
    step = out[out.index("  2. Product Manager -> Senior Product Manager  [promotion]"):
               out.index("  3. Senior Product Manager")]
    words = " ".join(step.split())
    assert "skills to gain: Leading without authority level 4 (advanced) core, leadership " \
           "Managing trade-offs level 4 (advanced) core, analytical skills to raise:" in words
    # skills are not lost on the way: the APM already needed hands-on product management at 2
    assert "Hands-on product management 2 -> 4 (advanced) core, technical and hands-on" in words
    assert "Strategic thinking 3 -> 4 (advanced) core, strategic" in words
    assert "responsibilities taken on:\n       - Act as liaison" in step
    assert 'source: 3. Senior Product Manager: "Senior Product Managers manage high-visibility' in step
    assert "  4. Director of Product -> VP of Product  [promotion]\n     no skill to gain or raise" in out


def test_path_json_shape(cli):
    data = json.loads(ok(cli(["path", "apm", "cpo", "--format", "json"])))
    assert data["from"] == "Associate Product Manager" and data["to"] == "Chief Product Officer"
    [path] = data["paths"]
    assert " -> ".join(path["roles"]) == LADDER
    assert path["moves"] == 5 == len(path["steps"])
    second = path["steps"][1]
    assert (second["from_label"], second["to_label"], second["kind"]) == \
        ("Product Manager", "Senior Product Manager", "promotion")
    assert [(r["label"], r["from_level"], r["to_level"]) for r in second["raise"]] == [
        ("Data-driven decision-making", 3, 4), ("Hands-on product management", 2, 4),
        ("Identifying and solving issues", 2, 4), ("Market understanding", 3, 4),
        ("Product knowledge", 3, 4), ("Strategic thinking", 3, 4)]
    assert [g["label"] for g in second["gain"]] == ["Leading without authority",
                                                    "Managing trade-offs"]
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
               "Product Manager -> Product Manager -> Senior Product Manager -> Group Product Manager")
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
    assert out.splitlines()[0] == "Product Manager -> Senior Product Manager -> Group Product Manager"
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
    data = json.loads(ok(cli(["path", "PM", "vp of product", "--all", "--cap", "1", "--format", "json",
                              "-d", str(layer)])))
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
    assert found == {"Director of Product": (1, "promotion"), "Group Product Manager": (1, "branch"),
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
    raises = lines[lines.index("    skills to raise:") + 1:lines.index("    responsibilities taken on:")]
    assert [line.strip().split("  ")[0] for line in raises] == [
        "Data-driven decision-making", "Market understanding", "Product knowledge",
        "Strategic thinking"]
    assert all("3 -> 4 (advanced)" in line for line in raises)
    data = json.loads(ok(cli(["gap", "PM", "Senior PM", "--format", "json"])))
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


def test_ready_ranks_the_roles(cli):
    out = ok(cli(["ready", PROFILE]))
    lines = out.splitlines()
    assert lines[0].startswith("Readiness of Alex Example (now Product Manager): the top 9 of 9 roles")
    ranked = [line for line in lines if line[:3].strip().rstrip(".").isdigit()]
    assert ranked[0].split("  ")[0] == " 1. Product Manager"
    assert "94% covered, 9 of 11 skills met, current role" in ranked[0]
    assert "VP of Product" in ranked[1] and "88% covered, 1 of 2 skills met, 3 moves away" in ranked[1]
    assert "no path from the current role" in next(r for r in ranked if "Associate" in r)
    shares = [int(line.split("%")[0].split()[-1]) for line in ranked]
    assert shares == sorted(shares, reverse=True)
    after_first = lines[lines.index(ranked[0]) + 1]
    assert after_first == "      to raise: Market understanding 2 -> 3, Process optimization 2 -> 3"


def test_ready_json_and_top(cli):
    data = json.loads(ok(cli(["ready", PROFILE_JSON, "--top", "2", "--format", "json"])))
    assert data["roles_ranked"] == 9 and len(data["roles"]) == 2
    first, second = data["roles"]
    assert (first["label"], first["current"], first["moves"]) == ("Product Manager", True, 0)
    assert (second["label"], second["moves"], second["covered"]) == ("VP of Product", 3, 0.875)
    assert [(r["label"], r["from_level"], r["to_level"]) for r in second["raise"]] == [
        ("Leadership", 3, 4)]
    assert data["profile"]["name"] == "Alex Example"


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
    assert lines[-1] == "In all: 6 skills to gain and 8 to raise, 37 proficiency levels over 4 moves."


def test_plan_json(cli):
    data = json.loads(ok(cli(["plan", PROFILE_JSON, "--to", "Director of Product", "--format", "json"])))
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


@pytest.mark.parametrize("command", ["path", "reachable", "gap", "ready", "plan"])
def test_help_of_each_command(cli, command):
    result = cli([command, "--help"])
    assert result.code == 0 and "--format" in result.out and "--data" in result.out
