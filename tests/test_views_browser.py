"""Every view in headless Chromium with the network blocked: it draws, it holds the right
nodes and edges, it searches, its tooltips are text, and hostile data stays inert."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from browser import open_page
from careergraph import views
from careergraph.load import load_graph
from careergraph.project import role_graph, skill_graph
from test_views import HOSTILE_ALT, HOSTILE_DEFINITION, HOSTILE_LABEL, HOSTILE_ROLE, HOSTILE_TRACK, write_hostile

PM = "https://w3id.org/careergraph/pm/"
PATH = [PM + r for r in ("associate-product-manager", "product-manager", "senior-product-manager",
                         "director-of-product", "vp-of-product", "chief-product-officer")]
VIEWPORT = {"width": 1600, "height": 1000}

COUNT_DRAWN_PIXELS = """() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) drawn++;
  }
  return [drawn, canvas.width * canvas.height];
}"""

NODE_ON_SCREEN = """(id) => {
  const position = network.canvasToDOM(network.getPositions([id])[id]);
  const box = document.getElementById('mynetwork').getBoundingClientRect();
  return [box.left + position.x, box.top + position.y];
}"""

TOOLTIP = """() => {
  const tip = document.querySelector('div.vis-tooltip');
  return tip && tip.style.visibility === 'visible' ? tip : null;
}"""


@pytest.fixture(scope="module")
def kg():
    return load_graph()


@pytest.fixture(scope="module")
def pages(kg, tmp_path_factory):
    """Every view of the built-in graph, written once."""
    folder = tmp_path_factory.mktemp("views")
    made = {
        "ladder": views.ladder_view(kg),
        "role": views.role_view(kg, "Product Owner"),
        "path": views.path_view(kg, "APM", "CPO"),
        "skills": views.skills_view(kg),
        "query": views.query_view(kg, "CONSTRUCT { ?a cg:canMoveTo ?b . ?a a cg:Role } "
                                      "WHERE { ?a cg:canMoveTo ?b }"),
    }
    return {name: view.write(folder / f"{name}.html") for name, view in made.items()}


def open_view(browser, path: Path):
    visit = open_page(browser, path, wait_ms=200)
    visit.page.set_viewport_size(VIEWPORT)
    visit.page.wait_for_function("() => window.network && network.physics.options.enabled === false")
    visit.page.wait_for_timeout(300)
    return visit


def counts(visit) -> tuple[int, int]:
    return tuple(visit.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]"))


def assert_clean(visit) -> None:
    assert visit.blocked == []
    assert visit.console_errors == []
    assert visit.page_errors == []
    assert visit.dialogs == []


def hover(visit, node_id: str):
    """Move the mouse onto a node and return the tooltip element that shows."""
    x, y = visit.page.evaluate(NODE_ON_SCREEN, node_id)
    visit.page.mouse.move(x - 40, y - 40)
    visit.page.mouse.move(x, y, steps=5)
    return visit.page.wait_for_function(TOOLTIP, timeout=5000).as_element()


@pytest.mark.parametrize("name", ["ladder", "role", "path", "skills", "query"])
def test_each_view_opens_offline_and_draws(browser, pages, kg, name):
    visit = open_view(browser, pages[name])
    try:
        assert_clean(visit)
        roles, skills = role_graph(kg), skill_graph(kg)
        apm = PM + "associate-product-manager"
        expected = {
            "ladder": (len(roles), roles.number_of_edges()),
            "path": (len(roles), roles.number_of_edges()),
            "role": (1 + len(list(skills.successors(apm))) + len(roles.nodes[apm]["responsibilities"])
                     + len(set(roles.predecessors(apm)) | set(roles.successors(apm))),
                     len(list(skills.successors(apm))) + len(roles.nodes[apm]["responsibilities"])
                     + roles.in_degree(apm) + roles.out_degree(apm)),
            "skills": (len(skills) + skills.number_of_edges(), 0),
            "query": (len({n for e in roles.edges for n in e}), roles.number_of_edges()),
        }[name]
        assert counts(visit) == expected
        drawn, total = visit.page.evaluate(COUNT_DRAWN_PIXELS)
        assert drawn > total * 0.01, f"only {drawn} of {total} pixels drawn"
        assert visit.page.title() and visit.page.locator("footer").inner_text().startswith(
            "Source: “Career path of a Product Manager”.")
        assert visit.page.locator("#cg-legend li").count() >= 2
    finally:
        visit.page.close()


def test_the_path_is_highlighted_in_the_drawn_network(browser, pages):
    visit = open_view(browser, pages["path"])
    try:
        assert_clean(visit)
        drawn = visit.page.evaluate("""() => Object.values(network.body.edges)
            .map(e => [e.fromId, e.toId, e.options.color.color, e.options.width])""")
        highlighted = {(a, b) for a, b, color, _ in drawn if color == views.HIGHLIGHT}
        assert highlighted == set(pairwise(PATH))
        assert all(width == 5 for a, b, color, width in drawn if (a, b) in highlighted)
        bordered = visit.page.evaluate(f"""() => Object.values(network.body.nodes)
            .filter(n => n.options.color.border === '{views.HIGHLIGHT}').map(n => n.id)""")
        assert sorted(bordered) == sorted(PATH)
        steps = visit.page.locator("#cg-steps .step")
        assert steps.count() == 5
        assert steps.nth(0).inner_text().startswith("1 Associate Product Manager → Product Manager (promotion)")
        assert "Communication — level 3 (practitioner)" in steps.nth(0).inner_text()
        visit.page.screenshot(path=str(pages["path"].with_suffix(".png")))
    finally:
        visit.page.close()


def test_search_finds_a_role_by_any_title_and_focuses_it(browser, pages):
    visit = open_view(browser, pages["ladder"])
    try:
        visit.page.fill("#cg-search-input", "product owner")
        visit.page.press("#cg-search-input", "Enter")
        visit.page.wait_for_timeout(600)
        assert visit.page.evaluate("network.getSelectedNodes()") == [PM + "associate-product-manager"]
        assert visit.page.inner_text("#cg-search-status") == "found: Associate Product Manager"
        center = visit.page.evaluate("network.getViewPosition()")
        node = visit.page.evaluate(f"network.getPositions(['{PM}associate-product-manager'])")
        node = node[PM + "associate-product-manager"]
        assert abs(center["x"] - node["x"]) < 5 and abs(center["y"] - node["y"]) < 5
        visit.page.fill("#cg-search-input", "astronaut")
        visit.page.press("#cg-search-input", "Enter")
        assert visit.page.inner_text("#cg-search-status") == "nothing matches"
        assert_clean(visit)
    finally:
        visit.page.close()


def test_tooltip_shows_titles_definition_and_source_as_text(browser, pages):
    visit = open_view(browser, pages["ladder"])
    try:
        tip = hover(visit, PM + "associate-product-manager")
        text = tip.inner_text()
        assert text.startswith("Associate Product Manager")
        assert "Also called: APM, Junior Product Manager, Product Owner" in text
        assert "Source (1. Associate Product Manager)" in text
        assert_clean(visit)
    finally:
        visit.page.close()


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    kg = load_graph([write_hostile(folder)])
    return {"ladder": views.ladder_view(kg).write(folder / "ladder.html"),
            "role": views.role_view(kg, HOSTILE_ROLE).write(folder / "role.html"),
            "path": views.path_view(kg, HOSTILE_ROLE, "CPO").write(folder / "path.html")}


@pytest.mark.parametrize("name", ["ladder", "role", "path"])
def test_hostile_labels_stay_inert_when_drawn_hovered_and_searched(browser, hostile_pages, name):
    visit = open_view(browser, hostile_pages[name])
    try:
        page = visit.page
        tip = hover(visit, HOSTILE_ROLE)
        page.wait_for_timeout(300)
        text = tip.inner_text()
        assert HOSTILE_LABEL in text and HOSTILE_ALT in text and HOSTILE_DEFINITION in text
        assert tip.evaluate("t => t.querySelectorAll('*:not(div):not(strong):not(p)').length") == 0
        assert page.evaluate("document.querySelectorAll('img, iframe, svg a, body script[src]').length") == 0
        # the search box offers the titles as they are, and finds the role by its hostile title
        options = page.evaluate("[...document.querySelectorAll('#cg-search-list option')].map(o => o.value)")
        assert HOSTILE_LABEL in options and HOSTILE_ALT in options
        page.fill("#cg-search-input", HOSTILE_ALT)
        page.press("#cg-search-input", "Enter")
        page.wait_for_timeout(300)
        assert page.evaluate("network.getSelectedNodes()") == [HOSTILE_ROLE]
        assert page.inner_text("#cg-search-status") == f"found: {HOSTILE_LABEL}"
        assert HOSTILE_LABEL in page.title() or name != "role"
        if name == "ladder":
            assert HOSTILE_TRACK in page.locator("#cg-legend").inner_text()
        assert_clean(visit)
    finally:
        visit.page.close()


def test_screenshots_of_ladder_role_and_path_are_drawn(browser, pages):
    for name in ("ladder", "role", "path"):
        visit = open_view(browser, pages[name])
        try:
            shot = pages[name].with_name(f"{name}-shot.png")
            visit.page.screenshot(path=str(shot))
            data = shot.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            assert int.from_bytes(data[16:20], "big") == VIEWPORT["width"]
        finally:
            visit.page.close()


def test_notebook_display_draws_inside_its_iframe(browser, kg, tmp_path):
    notebook = tmp_path / "notebook.html"
    notebook.write_text("<!DOCTYPE html><html><body><h1>Notebook</h1>"
                        + views.ladder_view(kg)._repr_html_() + "</body></html>", encoding="utf-8")
    visit = open_page(browser, notebook, wait_ms=800)
    try:
        frame = next(f for f in visit.page.frames if f != visit.page.main_frame)
        frame.wait_for_function("() => window.network !== undefined")
        assert frame.evaluate("network.body.data.nodes.length") == len(role_graph(kg))
        assert_clean(visit)
    finally:
        visit.page.close()
