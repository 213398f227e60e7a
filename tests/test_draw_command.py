"""``careergraph draw``: where pages go, what is printed, exit codes, and nothing else written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_views import HOSTILE_LABEL, page_data, write_hostile

REPO = Path(__file__).resolve().parents[1]


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("argv, name, nodes", [
    (["ladder"], "ladder.html", 11),
    (["role", "Product Owner"], "role.html", 24),
    (["path", "APM", "CPO"], "path.html", 11),
    (["skills"], "skills.html", 86),  # 11 roles, 26 skills, 49 requirements
    (["query", "CONSTRUCT { ?a cg:exitsTo ?b } WHERE { ?a cg:exitsTo ?b }"], "query.html", 3),
])
def test_draw_writes_output_view_html_and_nothing_else(cli, tmp_path, monkeypatch, argv, name, nodes):
    monkeypatch.chdir(tmp_path)
    result = cli(["draw", *argv])
    assert (result.code, result.err) == (0, "")
    assert result.out == f"output/{name}\n"
    assert files_under(tmp_path) == [f"output/{name}"]  # no lib/ folder, no temporary file
    html = (tmp_path / "output" / name).read_text(encoding="utf-8")
    assert len(page_data(html, "nodes")) == nodes


def test_out_names_the_file_and_replaces_it_whole(cli, tmp_path):
    target = tmp_path / "pages" / "my ladder.html"
    first = cli(["draw", "ladder", "--out", str(target)])
    assert (first.code, first.out) == (0, f"{target}\n")
    again = cli(["draw", "role", "VP of Product", "--out", str(target)])
    assert again.code == 0
    assert "<title>VP of Product</title>" in target.read_text(encoding="utf-8")
    assert files_under(tmp_path) == ["pages/my ladder.html"]


def test_data_layers_a_company_ladder(cli, tmp_path):
    out = tmp_path / "acme.html"
    result = cli(["draw", "ladder", "-d", str(REPO / "ontology" / "examples" / "acme-ladder.ttl"),
                  "--out", str(out)])
    assert result.code == 0
    labels = {n["label"] for n in page_data(out.read_text(encoding="utf-8"), "nodes")}
    assert {"Staff Product Manager", "Product Analyst"} <= labels and len(labels) == 13


def test_hostile_data_file_draws(cli, tmp_path):
    out = tmp_path / "hostile.html"
    result = cli(["draw", "ladder", "-d", str(write_hostile(tmp_path)), "--out", str(out)])
    assert result.code == 0
    assert HOSTILE_LABEL in {n["label"] for n in page_data(out.read_text(encoding="utf-8"), "nodes")}
    assert HOSTILE_LABEL not in out.read_text(encoding="utf-8")


def test_unknown_role_exits_2_with_a_suggestion(cli, tmp_path):
    result = cli(["draw", "role", "Senoir PM", "--out", str(tmp_path / "x.html")])
    assert result.code == 2 and result.out == ""
    assert result.err == ("careergraph draw: error: unknown role 'Senoir PM'; "
                          "did you mean Senior Product Manager?\n")
    assert files_under(tmp_path) == []


def test_no_path_exits_1_with_the_reason(cli, tmp_path):
    result = cli(["draw", "path", "CEO", "APM", "--out", str(tmp_path / "x.html")])
    assert result.code == 1 and result.out == ""
    assert result.err.startswith("careergraph draw: no path from Chief Executive Officer to "
                                 "Associate Product Manager: ")
    assert files_under(tmp_path) == []


def test_path_constraints_reach_the_path(cli, tmp_path):
    out = tmp_path / "via.html"
    result = cli(["draw", "path", "Senior PM", "CPO", "--kinds", "promotion", "--out", str(out)])
    assert result.code == 0
    steps = [e for e in page_data(out.read_text(encoding="utf-8"), "edges") if "step" in e]
    assert len(steps) == 3


@pytest.mark.parametrize("query, message", [
    ("SELECT * WHERE { ?s ?p ?o }", "draw query needs a CONSTRUCT query; this is a SELECT query"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are refused"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }", "SERVICE is refused"),
])
def test_query_other_than_construct_exits_2(cli, tmp_path, query, message):
    result = cli(["draw", "query", query, "--out", str(tmp_path / "q.html")])
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1
    assert files_under(tmp_path) == []


def test_query_from_an_rq_file_with_its_title(cli, tmp_path):
    query = tmp_path / "promotions.rq"
    query.write_text("# Title: Promotions only\nCONSTRUCT { ?a cg:promotesTo ?b } "
                     "WHERE { ?a cg:promotesTo ?b }\n", encoding="utf-8")
    out = tmp_path / "q.html"
    assert cli(["draw", "query", str(query), "--out", str(out)]).code == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>Promotions only</title>" in html and len(page_data(html, "edges")) == 5


def test_screenshot_without_chromium_is_a_clear_error(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cli(["draw", "ladder", "--out", str(tmp_path / "l.html"), "--screenshot", str(tmp_path / "l.png")])
    assert result.code == 2
    assert "needs Chromium or Google Chrome" in result.err and "apt-get install chromium" in result.err
    assert files_under(tmp_path) == []


@pytest.mark.skipif(not any(os.access(os.path.join(d, "chromium"), os.X_OK)
                            for d in os.environ.get("PATH", "").split(os.pathsep)),
                    reason="needs chromium")
def test_screenshot_saves_a_picture(cli, tmp_path):
    png = tmp_path / "ladder.png"
    result = cli(["draw", "ladder", "--out", str(tmp_path / "l.html"), "--screenshot", str(png)])
    assert result.code == 0 and result.out.splitlines() == [str(tmp_path / "l.html"), str(png)]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (3200, 2000)
    assert len(data) > 50_000  # a drawn page, not a blank one
    assert files_under(tmp_path) == ["l.html", "ladder.png"]


def test_usage_errors_exit_2(cli):
    assert cli(["draw"]).code == 2
    result = cli(["draw", "bogus"])
    assert result.code == 2 and "invalid choice: 'bogus'" in result.err
    assert cli(["draw", "role"]).code == 2


def test_path_and_plan_write_their_answer_as_a_page_with_html(cli, tmp_path):
    page = tmp_path / "path.html"
    result = cli(["path", "Product Owner", "COO", "--format", "json", "--html", str(page)])
    assert result.code == 0 and result.out.lstrip().startswith("{")  # stdout keeps the JSON
    assert result.err == f"careergraph path: wrote {page}\n"
    edges = page_data(page.read_text(encoding="utf-8"), "edges")
    assert [e["to"].rsplit("/", 1)[1] for e in sorted((e for e in edges if "step" in e),
                                                      key=lambda e: e["step"])][-1] == "chief-operating-officer"
    plan = tmp_path / "plan.html"
    profile = REPO / "ontology" / "examples" / "profile.yaml"
    result = cli(["plan", str(profile), "--to", "CPO", "--html", str(plan)])
    assert result.code == 0 and result.err == f"careergraph plan: wrote {plan}\n"
    html = plan.read_text(encoding="utf-8")
    assert "<title>Product Manager → Chief Product Officer</title>" in html
    assert '<section id="cg-steps"' in html
