"""The command line in-process: exit codes, stdout and stderr of info, build and the dispatcher."""

from __future__ import annotations

import json

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
    assert "9 transitions" in lines[0]
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


def test_info_json(cli):
    result = cli(["info", "--format", "json"])
    data = json.loads(result.out)
    assert data["counts"]["roles"] == 11 and data["counts"]["transitions"] == 9
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
        assert result.err.strip() == f"careergraph {command[0]}: error: {bad}:2:11: expected an object after the property"


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
