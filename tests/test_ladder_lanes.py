"""Several ladders drawn as lanes, edges that keep off unrelated boxes, and `draw query` by seniority.

Positions are read from the page's node list (canvas pixels, y grows downwards),
not from pixels of a picture; one browser test checks where vis-network really
draws the edges, and saves a 1280x720 screenshot of two ladders as lanes.
"""

from __future__ import annotations

import json
import re
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from careergraph import views
from careergraph.load import load_graph
from careergraph.project import role_graph
from careergraph.views.routes import box_size, edge_points

REPO = Path(__file__).resolve().parents[1]
PM = "https://w3id.org/careergraph/pm/"
ACME = "https://example.org/fixtures/acme/"
GLOBEX = "https://example.org/fixtures/globex/"
UKGOV = "https://w3id.org/careergraph/ladder/ukgov/"
COMPARE = REPO / "tests" / "fixtures" / "compare"
UKGOV_FILE = REPO / "ontology" / "examples" / "ukgov-product-manager.yaml"
LADDER_GRAPH = REPO / "tests" / "fixtures" / "lanes" / "ladder-graph.rq"
TITLES = ["Product management career ladder", "Acme product ladder", "Globex product ladder"]


def page_data(html: str, name: str):
    """The JSON a page carries in ``<script type="application/json" id="cg-NAME">``."""
    value = json.loads(re.search(rf'<script type="application/json" id="cg-{name}">(.*?)</script>',
                                 html, re.S).group(1))
    return json.loads(value) if name == "options" else value


@pytest.fixture(scope="module")
def two():
    kg = load_graph([COMPARE / "acme.ttl", COMPARE / "globex.ttl"])
    return kg, views.ladder_view(kg)


@pytest.fixture(scope="module")
def ukgov():
    kg = load_graph([UKGOV_FILE])
    return kg, views.ladder_view(kg)


def lanes_of(view):
    return page_data(view.html, "page")["lanes"]


def xy(view):
    return {n["id"]: (n["x"], n["y"]) for n in page_data(view.html, "nodes")}


def test_each_ladder_is_a_lane_in_order_with_its_roles_in_one_x_range(two):
    kg, view = two
    lanes = lanes_of(view)
    assert [lane["title"] for lane in lanes] == TITLES  # built-in first, then by short name
    assert [lane["note"] for lane in lanes] == ["pm · 8 roles, 3 beyond the ladder", "acme · 8 roles",
                                                "globex · 7 roles"]
    assert sorted(r for lane in lanes for r in lane["roles"]) == sorted(role_graph(kg))
    assert all(r.startswith(prefix) for lane, prefix in zip(lanes, (PM, ACME, GLOBEX), strict=True)
               for r in lane["roles"])
    place = xy(view)
    ranges = [(min(place[r][0] for r in lane["roles"]), max(place[r][0] for r in lane["roles"]))
              for lane in lanes]
    for (_, right), (left, _) in pairwise(ranges):
        assert right + 200 <= left  # lanes side by side, left to right, a box's width apart at least
    # the roles in no ladder (GM, COO, CEO) sit in the built-in lane, above its top rung
    beyond = [PM + "general-manager", PM + "chief-operating-officer", PM + "chief-executive-officer"]
    assert set(beyond) <= set(lanes[0]["roles"])
    assert max(place[r][1] for r in beyond) < min(place[r][1] for r in place if r not in beyond)


def test_lane_headers_name_the_ladders_and_a_legend_lists_them(two):
    _, view = two
    decor = page_data(view.html, "page")["decor"]
    headers = [d for d in decor if d["type"] == "text" and "lane" in d]
    assert [d["text"] for d in headers] == TITLES
    assert [d["x"] for d in headers] == sorted(d["x"] for d in headers)
    assert len([d for d in decor if d["type"] == "line"]) == 2  # a line between two lanes
    legend = re.search(r"Ladders \(lanes, left to right\)(.*?)</section>|Ladders \(lanes, left to right\)(.*?)Tracks",
                       view.html, re.S | re.I)
    assert legend, "no ladder legend"
    text = legend.group(0)
    assert text.index("Product management career ladder") < text.index("Acme product ladder") \
        < text.index("Globex product ladder")


def test_seniority_orders_each_lane_and_no_two_roles_share_a_place(two):
    kg, view = two
    roles, place = role_graph(kg), xy(view)
    for lane in lanes_of(view):
        for a, b in combinations(lane["roles"], 2):
            sa, sb = roles.nodes[a]["seniority"], roles.nodes[b]["seniority"]
            if sa is not None and sb is not None and sa != sb:
                assert (place[a][1] > place[b][1]) == (sa < sb), (a, b)  # entry level at the bottom
            if sa == sb:
                assert place[a][1] == place[b][1], (a, b)  # one row per level in each lane here
    assert len(set(place.values())) == len(place)


def test_tracks_sit_side_by_side_inside_a_lane_and_never_swap_between_rows(two):
    kg, view = two
    roles, place = role_graph(kg), xy(view)
    for lane in lanes_of(view):
        columns = {}
        for role in lane["roles"]:
            columns.setdefault(roles.nodes[role]["track"], []).append(place[role][0])
        spans = sorted((min(xs), max(xs)) for xs in columns.values())
        assert all(right < left for (_, right), (left, _) in pairwise(spans))
    # moves inside a lane never cross between two rows: the side by side order holds
    moves = [(a, b) for a, b in roles.edges if any(a in lane["roles"] and b in lane["roles"]
                                                   for lane in lanes_of(view))]
    for (a, b), (c, d) in combinations(moves, 2):
        if place[a][1] == place[c][1] and place[b][1] == place[d][1] and len({a, b, c, d}) == 4:
            assert (place[a][0] < place[c][0]) == (place[b][0] < place[d][0]), (a, b, c, d)


def test_equivalences_across_ladders_are_thin_dashed_links_with_their_relation(two):
    _, view = two
    edges = page_data(view.html, "edges")
    links = {(e["from"], e["to"], e["relation"]) for e in edges if e.get("kind") == "equivalence"}
    assert links == {
        (ACME + "pm", PM + "product-manager", "skos:exactMatch"),
        (GLOBEX + "product-manager", PM + "product-manager", "skos:exactMatch"),
        (ACME + "data-scientist", GLOBEX + "data-scientist", "skos:exactMatch"),
        (ACME + "apm", GLOBEX + "associate", "skos:closeMatch"),
        (ACME + "principal", GLOBEX + "lead", "cg:sameLevelAs"),
        (ACME + "director", GLOBEX + "head", "cg:sameLevelAs"),
    }  # not Acme's Senior Principal = Director: one ladder, no link between lanes
    thinnest_move = min(e["width"] for e in edges if e.get("kind") != "equivalence")
    for edge in (e for e in edges if e.get("kind") == "equivalence"):
        assert edge["dashes"] and edge["width"] < thinnest_move
        assert edge["arrows"]["to"]["enabled"] is False
        assert edge["tip"][1].startswith("Equivalence: ")
    dashes = {e["relation"]: tuple(e["dashes"]) for e in edges if e.get("kind") == "equivalence"}
    assert len(set(dashes.values())) == 3  # each relation its own dashes
    for words in ("the same job (skos:exactMatch)", "a similar job (skos:closeMatch)",
                  "the same level (cg:sameLevelAs)"):
        assert f"<span>{words}</span>" in view.html


@pytest.mark.parametrize("fixture", ["two", "ukgov"])
def test_no_edge_runs_under_a_box_it_does_not_join(fixture, request):
    _, view = request.getfixturevalue(fixture)
    nodes = {n["id"]: n for n in page_data(view.html, "nodes")}
    boxes = {i: (n["x"], n["y"], *box_size(n["label"], 19, (170, 190))) for i, n in nodes.items()}
    for edge in page_data(view.html, "edges"):
        a, b = boxes[edge["from"]][:2], boxes[edge["to"]][:2]
        for x, y in edge_points(a, b, edge.get("smooth"), 60):
            for node, (bx, by, w, h) in boxes.items():
                if node not in (edge["from"], edge["to"]):
                    assert not (abs(x - bx) < w / 2 and abs(y - by) < h / 2), (edge["id"], node)


def test_a_real_ladder_beside_the_builtin_one(ukgov):
    _, view = ukgov
    lanes = lanes_of(view)
    assert [lane["title"] for lane in lanes] == [
        "Product management career ladder", "UK government Digital and Data profession, product manager"]
    assert lanes[1]["note"] == "ukgov · 5 roles"
    links = {(e["from"], e["to"], e["relation"]) for e in page_data(view.html, "edges")
             if e.get("kind") == "equivalence"}
    assert links == {(UKGOV + "associate-product-manager", PM + "associate-product-manager", "skos:exactMatch"),
                     (UKGOV + "product-manager", PM + "product-manager", "skos:exactMatch"),
                     (UKGOV + "senior-product-manager", PM + "senior-product-manager", "skos:exactMatch"),
                     (UKGOV + "lead-product-manager", PM + "group-product-manager", "skos:closeMatch"),
                     (UKGOV + "head-of-product", PM + "director-of-product", "skos:closeMatch")}


def test_one_ladder_draws_no_lanes():
    view = views.ladder_view(load_graph())
    page = page_data(view.html, "page")
    assert "lanes" not in page and not [d for d in page["decor"] if "lane" in d or d["type"] == "line"]
    assert not [e for e in page_data(view.html, "edges") if e.get("kind") == "equivalence"]
    assert "Ladders (lanes" not in view.html


# --- draw query ---------------------------------------------------------------------


def test_draw_query_lays_roles_out_by_seniority(cli, tmp_path):
    out = tmp_path / "q.html"
    result = cli(["draw", "query", str(LADDER_GRAPH), "--out", str(out)])
    assert result.code == 0, result.err
    html = out.read_text(encoding="utf-8")
    roles = role_graph(load_graph())
    nodes = page_data(html, "nodes")
    assert {n["id"] for n in nodes} == set(roles)
    y = {n["id"]: n["y"] for n in nodes}  # fixed positions: every node has one
    for a, b in combinations(roles, 2):
        sa, sb = roles.nodes[a]["seniority"], roles.nodes[b]["seniority"]
        if sa is not None and sb is not None:
            assert (y[a] > y[b]) == (sa < sb) and (y[a] == y[b]) == (sa == sb)
    beyond = [r for r in roles if roles.nodes[r]["seniority"] is None]
    assert max(y[r] for r in beyond) < min(y[r] for r in roles if r not in beyond)
    assert page_data(html, "options")["physics"]["enabled"] is False
    assert page_data(html, "page")["stabilize"] is False
    texts = {d["text"] for d in page_data(html, "page")["decor"] if d["type"] == "text"}
    assert {"seniority 1 (entry)", "seniority 6", "outside the ladder"} <= texts


def test_draw_query_pins_the_roles_and_lets_other_nodes_settle():
    kg = load_graph()
    view = views.query_view(kg, "CONSTRUCT { ?r a cg:Role ; cg:requires ?q . ?q cg:skill ?s } "
                                "WHERE { ?r cg:requires ?q . ?q cg:skill ?s . "
                                "VALUES ?r { pm:product-manager pm:vp-of-product } }")
    nodes = {n["id"]: n for n in page_data(view.html, "nodes")}
    pinned = {i for i, n in nodes.items() if n.get("fixed")}
    assert pinned == {PM + "product-manager", PM + "vp-of-product"}
    assert nodes[PM + "product-manager"]["y"] > nodes[PM + "vp-of-product"]["y"]
    assert all("x" not in n for i, n in nodes.items() if i not in pinned)
    assert page_data(view.html, "page")["stabilize"] is True


def test_draw_query_without_roles_keeps_the_force_layout():
    view = views.query_view(load_graph(), "CONSTRUCT { ?s cg:skillCategory ?c } WHERE { ?s cg:skillCategory ?c }")
    assert all("x" not in n for n in page_data(view.html, "nodes"))
    assert page_data(view.html, "page")["stabilize"] is True


def test_draw_query_across_ladders_uses_lanes():
    kg = load_graph([COMPARE / "acme.ttl", COMPARE / "globex.ttl"])
    view = views.query_view(kg, LADDER_GRAPH)
    x = {n["id"]: n["x"] for n in page_data(view.html, "nodes")}
    assert max(x[r] for r in x if r.startswith(PM)) < min(x[r] for r in x if r.startswith(ACME))
    assert max(x[r] for r in x if r.startswith(ACME)) < min(x[r] for r in x if r.startswith(GLOBEX))


# --- in a browser ----------------------------------------------------------------------


def test_two_ladders_in_a_browser_keep_edges_off_other_boxes(browser, two, tmp_path):
    from browser import open_page

    _, view = two
    page_file = view.write(tmp_path / "two-ladders.html")
    visit = open_page(browser, page_file, wait_ms=800)
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.click("#cg-fit")
    page.wait_for_timeout(500)
    under = page.evaluate("""() => {
      const found = [], ids = network.body.data.nodes.getIds(), boxes = {};
      ids.forEach(id => { boxes[id] = network.getBoundingBox(id); });
      network.body.data.edges.get().forEach(e => {
        const edge = network.body.edges[e.id];
        for (let i = 1; i < 60; i++) {
          const p = edge.edgeType.getPoint(i / 60);
          ids.forEach(id => {
            const b = boxes[id];
            if (id !== e.from && id !== e.to && p.x > b.left && p.x < b.right && p.y > b.top && p.y < b.bottom) {
              found.push(e.id + " under " + id);
            }
          });
        }
      });
      return [...new Set(found)]; }""")
    assert under == []
    assert visit.page_errors == [] and visit.console_errors == [] and visit.blocked == []
    shot = tmp_path / "two-ladders-1280x720.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    page.close()
