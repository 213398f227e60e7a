"""The command line in-process: exit codes, stdout and stderr of info, build and the dispatcher."""

from __future__ import annotations

import ast
import importlib
import json
import re
import sys
from pathlib import Path

import pytest

from careergraph.cli import info as info_command


def test_help_lists_the_commands(cli):
    result = cli(["--help"])
    assert result.code == 0
    for command in ("validate", "info", "build"):
        assert command in result.out


def test_unknown_command_is_a_usage_error(cli):
    result = cli(["frobnicate"])
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and "invalid choice: 'frobnicate'" in result.err


def test_info_counts_and_outline(cli, builtin_graph):
    result = cli(["info"])
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0].startswith("careergraph: 11 roles, ")
    assert "11 transitions" in lines[0]
    assert f"{len(builtin_graph):,} triples" in lines[0]
    outline = result.out[result.out.index("Roles by seniority"):]
    order = [outline.index(title) for title in (
        "Associate Product Manager", "Senior Product Manager", "Director of Product",
        "VP of Product", "Chief Product Officer")]
    assert order == sorted(order)
    assert "promotion -> Product Manager" in outline
    assert "branch -> Group Product Manager" in outline
    assert "exit -> Chief Operating Officer" in outline
    assert "Junior Product Manager" in outline and "Product Owner" in outline
    # roles in no ladder follow under a heading of their own; entries show on their role
    beyond = outline[outline.index("Outside the ladder"):]
    assert {"General Manager", "Chief Operating Officer", "Chief Executive Officer"} <= {
        line.split("[")[0].strip(" -") for line in beyond.splitlines()[1:] if "[" in line}
    product_manager = outline[outline.index("   2  Product Manager"):outline.index("   3  ")]
    assert "entry from outside the ladder" in product_manager


def test_info_json(cli):
    result = cli(["info", "--format", "json"])
    data = json.loads(result.out)
    assert data["counts"]["roles"] == 11 and data["counts"]["transitions"] == 11
    first = data["roles"][0]
    assert first["label"] == "Associate Product Manager" and first["seniority"] == 1
    assert first["track"] == "individual contributor"
    assert ["promotion", "Product Manager"] in first["moves"]


def test_info_with_a_data_file(cli, tmp_path):
    extra = tmp_path / "acme.ttl"
    extra.write_text("""@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://example.org/acme/intern> a cg:Role ; skos:prefLabel "Product Intern"@en ;
    cg:seniority 0 ; cg:track cg:IndividualContributor .
""", encoding="utf-8")
    result = cli(["info", "-d", str(extra)])
    assert result.code == 0
    assert result.out.startswith("careergraph: 12 roles")
    assert str(extra) in result.out and "Product Intern" in result.out


def test_bad_data_file_is_one_line_on_stderr(cli, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    for command in (["info"], ["validate"], ["build"]):
        result = cli([*command, "-d", str(bad)])
        assert result.code == 2, command
        assert result.out == ""
        assert result.err.strip() == (f"careergraph {command[0]}: error: {bad}:2:11: "
                                      "expected an object after the property")


def test_build_validates_outlines_and_answers_the_sample_query(cli, tmp_path):
    result = cli(["build", "--out-dir", str(tmp_path / "pages")])
    assert result.code == 0, result.out
    assert "ok: no violations, 0 warnings" in result.out
    assert "Roles by seniority" in result.out
    table = result.out[result.out.index("== Sample SPARQL query 'ladder'"):].splitlines()
    assert table[1].split() == ["seniority", "role", "track", "alsoCalled"]
    assert table[3].startswith("1 ") and "Associate Product Manager" in table[3]
    assert any(line.startswith("6 ") and "Chief Product Officer" in line for line in table)
    path = result.out[result.out.index("== Sample path query"):].splitlines()
    assert path[1] == ("Associate Product Manager -> Product Manager -> Senior Product Manager -> "
                       "Director of Product -> VP of Product -> Chief Product Officer")
    assert path[2] == "5 moves"
    assert "Driving business impact         level 5 (expert)" in result.out
    pages = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert pages == ["ladder.html", "path.html", "role.html", "skills.html"]
    ladder = (tmp_path / "pages" / "ladder.html").read_text(encoding="utf-8")
    assert "<title>Product management career ladder</title>" in ladder
    assert result.out.rstrip().endswith(str(tmp_path / "pages" / "role.html"))


def test_build_stops_on_violations(cli, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("""@prefix cg: <https://w3id.org/careergraph/ontology#> .
<https://w3id.org/careergraph/pm/product-manager> cg:seniority 0 .
""", encoding="utf-8")
    result = cli(["build", "-d", str(broken)])
    assert result.code == 1
    assert "cg:seniority" in result.out and "failed: " in result.out
    assert "Sample SPARQL" not in result.out


def test_each_command_module_runs_on_its_own(capsys):
    assert info_command.main(["--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["roles"] == 11
    assert info_command.main(["--format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


# --- careergraph --help: one whole sentence per command ---------------------------------------


def help_summaries(text: str) -> dict[str, str]:
    """The commands ``careergraph --help`` lists, each with its help, wrapped lines joined."""
    start = text.index("  COMMAND\n") + len("  COMMAND\n")
    summaries: dict[str, str] = {}
    name = ""
    for line in text[start:text.index("\noptions:")].splitlines():
        if match := re.match(r" {4}(\S+)(?: +(.*))?$", line):
            name = match[1]
            summaries[name] = match[2] or ""
        elif line.strip():
            summaries[name] = f"{summaries[name]} {line.strip()}".strip()
    return summaries


def test_help_gives_each_command_one_whole_sentence(cli):
    from careergraph.cli.main import COMMANDS, summary

    result = cli(["--help"])
    assert result.code == 0
    listed = help_summaries(result.out)
    assert list(listed) == list(COMMANDS)
    for name, target in COMMANDS.items():
        module_name, _, attribute = target.partition(":")
        command = importlib.import_module(module_name)
        command = getattr(command, attribute) if attribute else command
        text = listed[name]
        assert text == summary(command), name
        assert text.endswith(".") and text[0].isupper(), (name, text)
        assert not re.search(r"[.!?]\s", text), f"{name}: more than one sentence: {text}"
        # The description's first sentence, or its first clause, or a sentence of its own:
        # never the description cut at the end of a line with a full stop added.
        description = " ".join(command.DESCRIPTION.split())
        if description.startswith(text[:-1]):
            assert description[len(text) - 1:len(text)] in (".", ":", ";", ""), (name, text)


def test_data_option_help_names_every_input_the_loader_reads(cli):
    result = cli(["info", "--help"])
    assert result.code == 0
    text = " ".join(result.out.split())
    for what in ("Turtle (.ttl)", "N-Triples (.nt)", "JSON-LD (.jsonld, .json)",
                 "YAML ladder (.yaml, .yml)", "folder of ladder CSV tables"):
        assert what in text


# --- usage errors name the subcommand ---------------------------------------------------------


@pytest.mark.parametrize(("argv", "prog", "message"), [
    (["path", "APM"], "careergraph path", "the following arguments are required: TO"),
    (["gap"], "careergraph gap", "the following arguments are required: FROM, TO"),
    (["info", "--format", "xml"], "careergraph info", "argument --format: invalid choice: 'xml'"),
    (["draw", "nope"], "careergraph draw", "argument VIEW: invalid choice: 'nope'"),
    (["path", "APM", "CPO", "--bogus"], "careergraph path", "unrecognized arguments: --bogus"),
    (["info", "extra"], "careergraph info", "unrecognized arguments: extra"),
    (["serve", "--port", "x"], "careergraph serve", "argument --port: not a port number: 'x'"),
    (["path", "APM", "CPO", "--k", "0"], "careergraph path",
     "argument --k: must be 1 or more, not 0"),
    (["import", "ladder"], "careergraph import ladder",
     "the following arguments are required: FILE, --out/-o"),
    (["import", "ladder", "a.yaml", "--out", "a.ttl", "--bogus"], "careergraph import ladder",
     "unrecognized arguments: --bogus"),
    (["--bogus", "info"], "careergraph", "unrecognized arguments: --bogus"),
    ([], "careergraph", "the following arguments are required: COMMAND"),
])
def test_a_usage_error_names_the_subcommand(cli, argv, prog, message):
    result = cli(argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    line = result.err.rstrip("\n")
    assert line.startswith(f"{prog}: error: {message}"), line
    assert line.endswith(f" (see '{prog} --help')"), line


def test_a_usage_error_of_a_module_on_its_own_names_the_command(capsys):
    from careergraph.cli import imports, paths

    assert paths.main(["path", "APM"]) == 2
    assert capsys.readouterr().err == ("careergraph path: error: the following arguments are "
                                       "required: TO (see 'careergraph path --help')\n")
    assert imports.main(["ladder"]) == 2
    assert capsys.readouterr().err.startswith("careergraph import ladder: error: ")


# --- the shape of the command line --------------------------------------------------------

SHARED = {"output", "printing", "arguments", "text", "moves", "step_text", "extras", "_installed"}
"""The modules the commands share; every other module of scripts/ is a command (or main)."""


def _cli_imports(path: Path) -> set[str]:
    """The modules of careergraph.cli that a file of scripts/ imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import) else
                 [f"{node.module}.{alias.name}" for alias in node.names] + [node.module or ""]
                 if isinstance(node, ast.ImportFrom) else [])
        found |= {n.split(".")[2] for n in names if n.startswith("careergraph.cli.")}
    return found


def test_no_command_module_imports_another():
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    modules = {path.stem: _cli_imports(path) for path in scripts.glob("*.py")}
    commands = set(modules) - SHARED - {"__init__", "main"}  # main dispatches by name (importlib)
    wrong = sorted((name, other) for name, imported in modules.items()
                   for other in imported & commands)
    assert not wrong, "command modules share code through the shared modules only"
    assert {"paths", "plan", "draw", "build"} <= commands
    assert modules["paths"] >= {"moves", "output"}


# --- the extras: a command needing a missing one says which, in one line ---------------------


def _missing_extra_line(result, prog: str, modules: str, extra: str) -> None:
    assert result.code == 2, result.err
    assert result.out == ""
    assert result.err.endswith(f"needs {modules}, which is not installed: "
                               f"pip install 'careergraph[{extra}]'\n"), result.err
    assert result.err.startswith(f"{prog}: error: ") and result.err.count("\n") == 1


def test_drawing_without_the_draw_extra_names_it(cli, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyvis", None)  # as if pyvis were not installed
    page = tmp_path / "ladder.html"
    _missing_extra_line(cli(["draw", "ladder", "--out", str(page)]), "careergraph draw", "pyvis",
                        "draw")
    assert not page.exists()
    _missing_extra_line(cli(["path", "APM", "PM", "--html", str(page)]), "careergraph path",
                        "pyvis", "draw")
    assert not page.exists()
    assert cli(["path", "APM", "PM"]).code == 0  # without --html, no drawing is needed


def test_serving_without_the_serve_extra_names_it(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    _missing_extra_line(cli(["serve", "--port", "0"]), "careergraph serve", "uvicorn", "serve")


def test_importing_onet_without_the_onet_extra_names_it(cli, monkeypatch, tmp_path):
    from importer_fixtures import ONET_FIXTURE

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    out = tmp_path / "onet.ttl"
    _missing_extra_line(cli(["import", "onet", str(ONET_FIXTURE), "--out", str(out)]),
                        "careergraph import", "openpyxl", "onet")
    assert not out.exists()


def test_build_without_the_draw_extra_does_all_but_the_pages(cli, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyvis", None)
    monkeypatch.setitem(sys.modules, "jinja2", None)
    result = cli(["build", "--out-dir", str(tmp_path / "pages")])
    assert result.code == 0, result.err
    assert "== Sample path query: " in result.out
    assert result.out.rstrip().splitlines()[-1] == (
        "== HTML pages: not written: drawing needs pyvis and jinja2, which are not installed: "
        "pip install 'careergraph[draw]'")
    assert not (tmp_path / "pages").exists()
