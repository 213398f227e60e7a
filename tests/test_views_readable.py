"""Every view stays readable in a browser window of 1280x720 and 1920x1080: labels at least 11 px
on screen, no two labels overlapping, big data summarised (a role of O*NET's whole release shows its
top requirements and "and N more", which opens in the page). Screenshots go to the test's tmp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import LABEL_BOXES, open_page, overlapping
from careergraph import views
from careergraph.load import load_graph
from careergraph.project import role_graph, skill_graph
from careergraph.views.role import TOP_MOVES, TOP_REQUIREMENTS

SIZES = [(1280, 720), (1920, 1080)]
MIN_PX = 11
"""The least font size, in CSS pixels at 100% zoom, of any label in view."""
MARKETING = "https://www.onetonline.org/link/summary/11-2021.00"
MOVES = "CONSTRUCT { ?a cg:canMoveTo ?b . ?a a cg:Role . ?b a cg:Role } WHERE { ?a cg:canMoveTo ?b }"
"""A query whose answer has roles: ``draw query`` lays them out by seniority."""


@pytest.fixture(scope="module")
def kg():
    return load_graph()


@pytest.fixture(scope="module")
def pages(kg, tmp_path_factory):
    """The built-in views, written once."""
    folder = tmp_path_factory.mktemp("readable")
    two = load_graph([Path(__file__).parents[1] / "ontology" / "examples" / "ukgov-product-manager.yaml"])
    made = {"ladder": views.ladder_view(kg), "role": views.role_view(kg, "Product Owner"),
            "skills": views.skills_view(kg), "path": views.path_view(kg, "APM", "CPO"),
            "query": views.query_view(kg, MOVES), "lanes": views.ladder_view(two)}
    return {name: view.write(folder / f"{name}.html") for name, view in made.items()}


@pytest.fixture(scope="module")
def onet(tmp_path_factory):
    """The whole O*NET 29.2 import (built once per session) and the graph; skips, saying why, without the data."""
    from careergraph.cli.main import main
    from datasets import require

    release = require("onet")  # $CAREERGRAPH_DATA/onet-29.2, else ../shared/data/onet-29.2
    folder = tmp_path_factory.mktemp("onet")
    assert main(["import", "onet", str(release), "--out", str(folder / "onet.ttl")]) == 0
    graph = load_graph([folder / "onet.ttl"])
    return folder, graph


def open_at(browser, path: Path, size: tuple[int, int]):
    visit = open_page(browser, path, wait_ms=100)
    visit.page.set_viewport_size({"width": size[0], "height": size[1]})
    visit.page.wait_for_function("() => window.network && network.physics.options.enabled === false")
    visit.page.wait_for_timeout(400)
    assert visit.blocked == [] and visit.page_errors == [] and visit.console_errors == []
    return visit


def check_readable(visit, shot: Path) -> dict:
    """Screenshot the page; assert labels in view are >= MIN_PX and no two labels overlap."""
    visit.page.screenshot(path=str(shot))
    measured = visit.page.evaluate(LABEL_BOXES)
    labels = measured["labels"]
    shown = [label for label in labels if label["visible"]]
    assert shown, "no label in view"
    small = sorted((round(label["px"], 1), label["text"]) for label in shown if label["px"] < MIN_PX)
    assert not small, f"labels under {MIN_PX} px at scale {measured['scale']:.2f}: {small[:5]}"
    assert overlapping(labels) == []
    return measured


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", ["ladder", "role", "skills", "path", "query", "lanes"])
def test_builtin_views_are_readable(browser, pages, name, size):
    visit = open_at(browser, pages[name], size)
    try:
        measured = check_readable(visit, pages[name].with_name(f"{name}-{size[0]}x{size[1]}.png"))
        if name in ("ladder", "path"):  # the whole ladder fits, readable
            assert all(label["visible"] for label in measured["labels"] if label["kind"] == "node")
    finally:
        visit.page.close()


def test_role_page_levels_are_in_the_skill_boxes_not_on_converging_lines(kg):
    view = views.role_view(kg, "Product Manager")
    nodes = {n["id"]: n for n in page_data(view)["nodes"]}
    edges = [e for e in page_data(view)["edges"] if e["part"] == "requirement"]
    skills = skill_graph(kg)
    pm = "https://w3id.org/careergraph/pm/product-manager"
    assert edges and all(not e.get("label") for e in edges)
    for edge in edges:
        level = skills.edges[pm, edge["to"]]["proficiency"]
        assert f"level {level}" in nodes[edge["to"]]["label"]
        assert edge["level"] == level
    # size and shade: a higher level has a wider line and a darker box of the same category
    by_level = {}
    for edge in edges:
        node = nodes[edge["to"]]
        by_level.setdefault((node["color"]["border"], edge["level"]), (edge["width"], node["color"]["background"]))
    pairs = sorted(by_level.items())
    for (border, level), (width, fill) in pairs:
        for (other_border, other_level), (other_width, other_fill) in pairs:
            if border == other_border and level < other_level:
                assert width < other_width and brightness(fill) > brightness(other_fill)
    legend = view.html.split('id="cg-legend"')[1].split("</aside>")[0]
    assert "Required level" in legend


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_onet_marketing_managers_is_summarised_and_readable(browser, onet, size):
    folder, graph = onet
    skills, roles = skill_graph(graph), role_graph(graph)
    required = list(skills.successors(MARKETING))
    view = views.role_view(graph, "Marketing Managers")
    path = view.write(folder / "marketing.html")
    drawn = [n for n in page_data(view)["nodes"] if n["part"] == "skill"]
    assert len(drawn) == TOP_REQUIREMENTS < len(required)
    more = [n for n in page_data(view)["nodes"] if n["part"] == "more requirements"]
    assert [n["label"] for n in more] == [f"and {len(required) - TOP_REQUIREMENTS} more"]
    # the top ones by importance (core first), then O*NET's importance rating, then level
    core = [s for s in required if skills.edges[MARKETING, s]["importance"] == "core"]
    assert {n["id"] for n in drawn} <= set(core) or len(core) < TOP_REQUIREMENTS
    moves = [n for n in page_data(view)["nodes"] if n["part"] == "move"]
    assert len(moves) <= 2 * TOP_MOVES and roles.degree(MARKETING) > 2 * TOP_MOVES
    visit = open_at(browser, path, size)
    try:
        measured = check_readable(visit, folder / f"marketing-{size[0]}x{size[1]}.png")
        boxes = {label["id"]: label for label in measured["labels"] if label["kind"] == "node"}
        # all of it at 1920x1080; at 1280x720 the most important first (dragging shows the rest)
        assert all(boxes[n["id"]]["visible"] for n in (drawn if size[0] > 1280 else drawn[:4]))
        # the rows of moves stay clear of the skill column and of the lines to the skills
        skill_top = min(boxes[n["id"]]["top"] for n in drawn)
        skill_bottom = max(boxes[n["id"]]["bottom"] for n in drawn)
        assert all(boxes[n["id"]]["bottom"] < skill_top or boxes[n["id"]]["top"] > skill_bottom for n in moves)
        # clicking "and N more" lists the rest in the side panel
        x, y = visit.page.evaluate("""(id) => {
          network.focus(id, {scale: network.getScale(), animation: false});
          const p = network.canvasToDOM(network.getPositions([id])[id]);
          const box = document.getElementById('mynetwork').getBoundingClientRect();
          return [box.left + p.x, box.top + p.y]; }""", more[0]["id"])
        visit.page.mouse.click(x, y)
        panel = visit.page.locator("#cg-more li")
        panel.first.wait_for(timeout=3000)
        assert panel.count() == len(required) - TOP_REQUIREMENTS
        shown = {n["label"].split("\n")[0] for n in drawn}
        listed = panel.all_inner_texts()
        labels = {skills.nodes[s]["label"] for s in required}
        assert all(text.split(" · ")[0] in labels - shown for text in listed)
        visit.page.screenshot(path=str(folder / f"marketing-more-{size[0]}x{size[1]}.png"))
    finally:
        visit.page.close()


def test_onet_all_requirements_draws_every_one(onet):
    graph = onet[1]
    view = views.role_view(graph, "Marketing Managers", all_requirements=True)
    drawn = [n for n in page_data(view)["nodes"] if n["part"] == "skill"]
    assert len(drawn) == len(list(skill_graph(graph).successors(MARKETING)))
    assert not [n for n in page_data(view)["nodes"] if n["part"] == "more requirements"]


def test_skills_matrix_dots_differ_by_level_and_tooltip_keeps_headers_clear(browser, kg, pages):
    dots = [n for n in page_data_file(pages["skills"])["nodes"] if n["part"] == "requirement"]
    size = {n["level"]: n["size"] for n in dots}
    assert size[3] + 3 <= size[4] and size[4] + 3 <= size[5]
    shade = {}
    for dot in dots:
        shade.setdefault((dot["color"]["border"], dot["level"]), brightness(dot["color"]["border"]))
    visit = open_at(browser, pages["skills"], (1280, 720))
    try:
        visit.page.click("#cg-fit")  # the whole matrix: the heads close above the lowest rows
        visit.page.wait_for_timeout(500)
        # the lowest dot in view, whose tooltip would flip up over the heads
        where = visit.page.evaluate("""(ids) => {
          const box = document.getElementById('mynetwork').getBoundingClientRect();
          return ids.map(id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                                 return [id, box.left + p.x, box.top + p.y, box.bottom, box.right]; }); }""",
                                    [n["id"] for n in dots])
        _, x, y, _, _ = max((w for w in where if w[2] < w[3] - 20 and w[1] < w[4] - 20),
                                     key=lambda w: w[2])
        assert y > 450
        visit.page.mouse.move(x - 30, y - 30)
        visit.page.mouse.move(x, y, steps=4)
        tip = visit.page.wait_for_function("""() => { const t = document.querySelector('div.vis-tooltip');
            return t && t.style.visibility === 'visible' ? t : null; }""", timeout=5000).as_element()
        tip_box = tip.bounding_box()
        heads = visit.page.evaluate("""() => {
          const box = document.getElementById('mynetwork').getBoundingClientRect();
          return Object.values(network.body.nodes).filter(n => n.options.part === 'role').map(n => {
            const b = network.getBoundingBox(n.id);
            const a = network.canvasToDOM({x: b.left, y: b.top}), c = network.canvasToDOM({x: b.right, y: b.bottom});
            return [box.left + a.x, box.top + a.y, box.left + c.x, box.top + c.y]; }); }""")
        tip_rect = (tip_box["x"], tip_box["y"], tip_box["x"] + tip_box["width"], tip_box["y"] + tip_box["height"])
        covered = [h for h in heads if min(h[2], tip_rect[2]) > max(h[0], tip_rect[0])
                   and min(h[3], tip_rect[3]) > max(h[1], tip_rect[1])]
        assert covered == []
        # the tooltip sits beside the dot it describes (never above it, where the heads are), below the heads
        assert tip_rect[0] >= x + 10 or tip_rect[2] <= x - 10
        assert tip_rect[1] >= max(h[3] for h in heads)
        visit.page.screenshot(path=str(pages["skills"].with_name("skills-tooltip.png")))
    finally:
        visit.page.close()


def test_path_steps_are_not_cut_in_a_small_scroll_area(browser, pages):
    visit = open_at(browser, pages["path"], (1280, 720))
    try:
        inner = visit.page.evaluate("""() => { const s = document.getElementById('cg-steps');
            return [s.scrollHeight, s.clientHeight, getComputedStyle(s).overflowY]; }""")
        assert inner[0] <= inner[1] + 1, f"the steps scroll inside their own box: {inner}"
        last_card = visit.page.locator("#cg-steps .step").last
        last_card.scroll_into_view_if_needed()
        visit.page.wait_for_timeout(100)
        last = last_card.bounding_box()
        assert last["y"] >= 0 and last["y"] < 720  # the window scrolls to the last card
        graph = visit.page.locator("#mynetwork").bounding_box()
        assert graph["height"] >= 380
        visit.page.screenshot(path=str(pages["path"].with_name("path-scrolled.png")))
    finally:
        visit.page.close()


# --- helpers ---------------------------------------------------------------------------------


def page_data(view) -> dict:
    import json
    import re

    return {name: json.loads(re.search(rf'<script type="application/json" id="cg-{name}">(.*?)</script>',
                                       view.html, re.S).group(1))
            for name in ("nodes", "edges", "page")}


def page_data_file(path: Path) -> dict:
    from types import SimpleNamespace

    return page_data(SimpleNamespace(html=path.read_text(encoding="utf-8")))


def brightness(color: str) -> int:
    return sum(int(color[i:i + 2], 16) for i in (1, 3, 5))
