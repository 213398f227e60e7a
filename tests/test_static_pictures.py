"""Static pictures (``draw VIEW --svg/--png``, drawn by Graphviz without a browser) and the uncropped
``--screenshot`` of the interactive page (headless Chromium)."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest
from defusedxml import ElementTree

from test_views import HOSTILE_LABEL, HOSTILE_TRACK, write_hostile

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot (apt-get install graphviz)")
needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def svg_graph(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The nodes (dot's name -> the words in the box) and edges (from, to, stroke, dash) of an SVG."""
    root = ElementTree.parse(path).getroot()
    assert root.tag == SVG + "svg"
    nodes, edges = {}, []
    for group in root.iter(SVG + "g"):
        title = group.find(SVG + "title")
        if group.get("class") == "node":
            nodes[title.text] = " ".join(t.text or "" for t in group.iter(SVG + "text"))
        elif group.get("class") == "edge":
            line = group.find(SVG + "path")
            source, target = title.text.split("->")
            edges.append({"from": source, "to": target, "stroke": line.get("stroke"),
                          "dash": line.get("stroke-dasharray")})
    return nodes, edges


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])


@needs_dot
def test_svg_shows_every_role_and_each_kind_of_move_in_its_style(cli, tmp_path):
    from careergraph.load import load_graph
    from careergraph.project import role_graph
    from careergraph.views.style import move_style

    svg = tmp_path / "ladder.svg"
    result = cli(["draw", "ladder", "--out", str(tmp_path / "ladder.html"), "--svg", str(svg)])
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [str(tmp_path / "ladder.html"), str(svg)]
    nodes, edges = svg_graph(svg)
    roles = role_graph(load_graph())
    by_label = {words: name for name, words in nodes.items()}
    for _, data in roles.nodes(data=True):
        assert data["label"] in by_label, f"{data['label']} is not in the picture"
    texts = set(nodes.values())
    assert {"seniority 1 (entry)", "outside the ladder", "individual contributor", "executive"} <= texts
    drawn = {(e["from"], e["to"]): e for e in edges}
    kinds = set()
    for source, target, data in roles.edges(data=True):
        edge = drawn[by_label[roles.nodes[source]["label"]], by_label[roles.nodes[target]["label"]]]
        style = move_style(data["kind"])
        assert edge["stroke"] == style.color, (data["kind"], edge)
        assert (edge["dash"] is None) == (not style.dashes), (data["kind"], edge)
        kinds.add(data["kind"])
    assert kinds == {"promotion", "branch", "exit"}  # every kind of move the built-in ladder has


@needs_dot
@pytest.mark.parametrize("argv", [
    ["ladder"], ["role", "Director of Product"], ["path", "APM", "CPO"],
    ["query", "CONSTRUCT { ?a cg:promotesTo ?b } WHERE { ?a cg:promotesTo ?b }"],
])
def test_png_of_every_graph_view_is_a_picture_of_sensible_size(cli, tmp_path, argv):
    png = tmp_path / "picture.png"
    result = cli(["draw", *argv, "--out", str(tmp_path / "page.html"), "--png", str(png)])
    assert (result.code, result.err) == (0, "")
    data = png.read_bytes()
    width, height = png_size(data)
    assert 600 < width < 8000 and 600 < height < 8000, (width, height)
    assert len(data) > 30_000  # a drawn picture, not a blank one
    assert files_under(tmp_path) == ["page.html", "picture.png"]  # no temporary file left


@needs_dot
def test_path_picture_numbers_the_steps_in_the_highlight_colour(cli, tmp_path):
    from careergraph.views.style import HIGHLIGHT

    svg = tmp_path / "path.svg"
    assert cli(["draw", "path", "APM", "CPO", "--out", str(tmp_path / "p.html"), "--svg", str(svg)]).code == 0
    _, edges = svg_graph(svg)
    assert sum(e["stroke"] == HIGHLIGHT for e in edges) == 5  # APM → PM → SPM → Director → VP → CPO
    root = ElementTree.parse(svg).getroot()
    numbers = [t.text for g in root.iter(SVG + "g") if g.get("class") == "edge"
               for t in g.iter(SVG + "text") if t.get("fill") == HIGHLIGHT]
    assert sorted(numbers) == ["1", "2", "3", "4", "5"]


@needs_dot
def test_text_from_the_data_is_drawn_literally(cli, tmp_path):
    hostile = write_hostile(tmp_path)
    svg = tmp_path / "hostile.svg"
    result = cli(["draw", "ladder", "-d", str(hostile), "--out", str(tmp_path / "l.html"), "--svg", str(svg)])
    assert (result.code, result.err) == (0, "")
    nodes, _ = svg_graph(svg)
    assert HOSTILE_LABEL in nodes.values()
    root = ElementTree.parse(svg).getroot()
    words = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert HOSTILE_TRACK in words  # the track's heading and its legend entry, as text
    assert not [e for e in root.iter() if e.tag in (SVG + "img", SVG + "script", "img", "script")]


def test_dot_missing_is_one_line_and_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for option in ("--svg", "--png"):
        result = cli(["draw", "ladder", "--out", str(tmp_path / "l.html"), option, str(tmp_path / "l.pic")])
        assert result.code == 2 and len(result.err.splitlines()) == 1, result.err
        assert "dot" in result.err and "apt-get install graphviz" in result.err
        assert "Traceback" not in result.err
    assert files_under(tmp_path) == []


@needs_dot
def test_a_failed_picture_keeps_the_users_file(cli, tmp_path, monkeypatch):
    import graphviz

    old = tmp_path / "slide.png"
    old.write_bytes(b"my own picture")

    def fail(*args, **kwargs):
        raise graphviz.CalledProcessError(1, ["dot"], stderr=b"Error: something broke")

    monkeypatch.setattr(graphviz.Digraph, "pipe", fail)
    result = cli(["draw", "ladder", "--out", str(tmp_path / "l.html"), "--png", str(old)])
    assert result.code == 2 and result.err.strip().endswith("dot could not draw the picture: Error: something broke")
    assert old.read_bytes() == b"my own picture"
    assert files_under(tmp_path) == ["l.html", "slide.png"]


def test_skills_has_no_static_picture(cli, tmp_path):
    result = cli(["draw", "skills", "--out", str(tmp_path / "s.html"), "--svg", str(tmp_path / "s.svg")])
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert "no --svg or --png" in result.err and "--screenshot" in result.err
    assert files_under(tmp_path) == []


def test_role_all_draws_every_requirement(cli, tmp_path):
    from test_views import page_data

    counts = {}
    for extra in ([], ["--all"]):
        out = tmp_path / f"role{len(extra)}.html"
        assert cli(["draw", "role", "Director of Product", "--out", str(out), *extra]).code == 0
        counts[bool(extra)] = len(page_data(out.read_text(encoding="utf-8"), "nodes"))
    assert counts[True] >= counts[False]


@needs_chromium
@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720), (900, 600)])
def test_screenshot_has_the_whole_graph_in_view(size):
    """Measured in the page just before the picture: every node, level name and heading inside the area."""
    from careergraph.load import load_graph
    from careergraph.views import ladder_view
    from careergraph.views.page import find_chromium
    from careergraph.views.screenshot import capture

    width, height = size
    png, seen = capture(ladder_view(load_graph()).html, find_chromium(), width=width, height=height, scale=1)
    assert png_size(png) == (width, height)
    assert 0 < seen["width"] < width and 0 < seen["height"] < height
    for item in seen["items"]:
        assert item["left"] >= -0.5 and item["right"] <= seen["width"] + 0.5, item
        assert item["top"] >= -0.5 and item["bottom"] <= seen["height"] + 0.5, item
    texts = [i for i in seen["items"] if i["what"] == "text"]
    leftmost = min(texts, key=lambda i: i["left"])
    assert leftmost["text"].startswith(("seniority", "outside")) and leftmost["left"] >= 0
    rightmost = max((i for i in seen["items"] if i["what"] == "node"), key=lambda i: i["right"])
    assert rightmost["right"] <= seen["width"]


@needs_chromium
def test_screenshot_option_saves_the_page_picture(cli, tmp_path):
    shot = tmp_path / "ladder.png"
    result = cli(["draw", "ladder", "--out", str(tmp_path / "l.html"), "--screenshot", str(shot)])
    assert (result.code, result.err) == (0, "")
    data = shot.read_bytes()
    assert png_size(data) == (3200, 2000) and len(data) > 50_000
    assert files_under(tmp_path) == ["l.html", "ladder.png"]


def test_screenshot_without_chromium_is_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli(["draw", "ladder", "--out", str(tmp_path / "l.html"), "--screenshot", str(tmp_path / "l.png")])
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert "apt-get install chromium" in result.err
    assert files_under(tmp_path) == []
