"""The HTML views: what each page holds, that it is self-contained, and that data stays text.

The pages are opened in a real browser by tests/test_views_browser.py; these
tests read the page's data (the node and edge lists, the legend, the footer)
straight from the HTML.
"""

from __future__ import annotations

import ast
import html
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from careergraph import views
from careergraph.attribution import ESCO_ATTRIBUTION, ONET_ATTRIBUTION
from careergraph.errors import CareerGraphError, NoPath, RoleNotFound
from careergraph.gap import path_gap
from careergraph.load import load_graph
from careergraph.namespaces import CG
from careergraph.project import role_graph, skill_graph

PM = "https://w3id.org/careergraph/pm/"
REPO = Path(__file__).resolve().parents[1]

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_ALT = "<script>alert(2)</script>"
HOSTILE_DEFINITION = 'See <a href="javascript:alert(3)">x</a> for more'
HOSTILE_TRACK = "<b onmouseover=alert(4)>track</b>"
HOSTILE_SKILL = "<svg onload=alert(5)>"
HOSTILE_TEXTS = (HOSTILE_LABEL, HOSTILE_ALT, HOSTILE_DEFINITION, HOSTILE_TRACK, HOSTILE_SKILL)

HOSTILE_TTL = """
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/evil/> .

ex:track a cg:Track ; skos:prefLabel '<b onmouseover=alert(4)>track</b>'@en .
ex:role a cg:Role ;
    skos:prefLabel '<img src=x onerror=alert(1)>'@en ;
    skos:altLabel '<script>alert(2)</script>'@en ;
    skos:definition 'See <a href="javascript:alert(3)">x</a> for more'@en ;
    cg:seniority 2 ;
    cg:track ex:track ;
    cg:requires ex:req ;
    cg:hasResponsibility ex:duty .
ex:duty a cg:Responsibility ; skos:prefLabel '<iframe src="https://example.org/">'@en .
ex:skill a cg:Skill ; skos:prefLabel '<svg onload=alert(5)>'@en ; cg:skillCategory cg:Technical .
ex:req a cg:SkillRequirement ; cg:skill ex:skill ; cg:proficiency 2 ; cg:importance cg:Core .
ex:move a cg:Transition ; cg:fromRole ex:role ; cg:toRole pm:product-manager ;
    cg:transitionKind cg:Lateral .
"""
"""A data file whose labels, titles and definition are markup that must stay text."""

HOSTILE_ROLE = "https://example.org/evil/role"


def write_hostile(folder: Path) -> Path:
    """Write the hostile data file into ``folder``; return its path."""
    path = folder / "hostile.ttl"
    path.write_text(HOSTILE_TTL, encoding="utf-8")
    return path


def page_data(html: str, name: str):
    """The JSON a page carries in ``<script type="application/json" id="cg-NAME">``."""
    match = re.search(rf'<script type="application/json" id="cg-{name}">(.*?)</script>', html, re.S)
    assert match, f"no cg-{name} data in the page"
    value = json.loads(match.group(1))
    return json.loads(value) if name == "options" else value


def visible_text(html: str) -> str:
    """The page's markup outside scripts and styles, as the browser parses it (roughly)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return html


@pytest.fixture(scope="module")
def kg():
    return load_graph()


@pytest.fixture(scope="module")
def ladder(kg):
    return views.ladder_view(kg)


# --- the ladder -----------------------------------------------------------


def test_ladder_has_every_role_and_move(kg, ladder):
    roles = role_graph(kg)
    nodes, edges = page_data(ladder.html, "nodes"), page_data(ladder.html, "edges")
    assert {n["id"] for n in nodes} == set(roles)
    assert {(e["from"], e["to"]) for e in edges} == set(roles.edges)
    assert (ladder.node_count, ladder.edge_count) == (11, 9)
    assert ladder.title == "Product management career ladder"


def test_ladder_puts_entry_level_at_the_bottom_and_climbs_with_seniority(kg, ladder):
    roles = role_graph(kg)
    y = {n["id"]: n["y"] for n in page_data(ladder.html, "nodes")}
    def rung(role):  # roles in no ladder (exit targets) are drawn above the top rung
        seniority = roles.nodes[role]["seniority"]
        return float("inf") if seniority is None else seniority
    for source, target in roles.edges:
        if rung(source) < rung(target):
            assert y[source] > y[target], (source, target)  # canvas y grows downwards
    assert y[PM + "associate-product-manager"] == max(y.values())
    beyond = [PM + "general-manager", PM + "chief-operating-officer", PM + "chief-executive-officer"]
    assert max(y[role] for role in beyond) < y[PM + "chief-product-officer"]
    levels = {}
    for role, data in roles.nodes(data=True):
        levels.setdefault(data["seniority"], set()).add(y[role])
    assert all(len(ys) == 1 for ys in levels.values())  # one row per level here


def test_ladder_draws_each_kind_of_move_in_its_own_style_and_tracks_in_their_colours(kg, ladder):
    roles = role_graph(kg)
    edges = {(e["from"], e["to"]): e for e in page_data(ladder.html, "edges")}
    styles = {}
    for (source, target), edge in edges.items():
        kind = roles.edges[source, target]["kind"]
        styles.setdefault(kind, set()).add((edge["color"]["color"], json.dumps(edge["dashes"])))
    assert set(styles) == {"promotion", "branch", "exit"}
    assert all(len(s) == 1 for s in styles.values())  # one style per kind
    assert len({next(iter(s)) for s in styles.values()}) == 3  # and the styles differ
    assert edges[PM + "product-manager", PM + "senior-product-manager"]["dashes"] is False
    fills = {}
    for node in page_data(ladder.html, "nodes"):
        fills.setdefault(roles.nodes[node["id"]]["track"], set()).add(node["color"]["background"])
    assert len(fills) == 3 and all(len(f) == 1 for f in fills.values())
    assert len({next(iter(f)) for f in fills.values()}) == 3


def test_ladder_tooltips_and_search_carry_titles_definition_and_source(ladder):
    apm = next(n for n in page_data(ladder.html, "nodes") if n["id"] == PM + "associate-product-manager")
    tip = "\n".join(apm["tip"])
    assert apm["tip"][0] == "Associate Product Manager"
    assert "Junior Product Manager" in tip and "Product Owner" in tip
    assert "entry-level" in tip.lower() or "first rung" in tip.lower()
    assert "“" in tip and "Source" in tip
    assert {"Product Owner", "APM", "Associate Product Manager"} <= set(apm["search"])
    exit_edge = next(e for e in page_data(ladder.html, "edges") if e["kind"] == "exit")
    assert exit_edge["tip"][1] == "Kind of move: exit"


def test_ladder_legend_and_footer(ladder):
    text = visible_text(ladder.html)
    for entry in ("individual contributor", "management", "executive", "promotion", "branch", "exit"):
        assert f"<span>{entry}</span>" in text
    assert ladder.attribution == ["Source: “Career path of a Product Manager”."]
    assert "<footer>\n  <p>Source: “Career path of a Product Manager”.</p>" in ladder.html


def test_ladder_layers_a_company_ladder(tmp_path):
    kg = load_graph([REPO / "ontology" / "examples" / "acme-ladder.ttl"])
    view = views.ladder_view(kg)
    ids = {n["id"] for n in page_data(view.html, "nodes")}
    assert "https://example.org/acme/ladder/staff-product-manager" in ids
    assert (view.node_count, view.edge_count) == (13, 11)
    assert "Source: “Acme product career handbook, 2026 edition”." in view.attribution


# --- self-contained pages -------------------------------------------------


def test_pages_load_nothing_from_outside(ladder):
    html = ladder.html
    assert "<script src" not in html and "<link" not in html
    assert "bootstrap" not in html.lower() and "cdnjs" not in html and "jsdelivr" not in html
    views.check_self_contained(html)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    assert csp.count("'sha256-") == 2  # vis-network and the page's own script, inline
    assert "vis-network" in html and "var network;" in html


@pytest.mark.parametrize("bad", [
    '<script src="https://cdn.example/vis.js"></script>',
    '<link rel="stylesheet" href="//cdn.example/b.css">',
    "<img src=http://x/y.png>",
    "<style>body { background: url(https://x/y.png) }</style>",
])
def test_check_self_contained_refuses_any_outside_reference(bad):
    with pytest.raises(ValueError):
        views.check_self_contained(f"<html>{bad}</html>")


def test_only_view_page_imports_pyvis():
    importers = [path.relative_to(REPO).as_posix()
                 for folder in ("graph", "scripts") for path in (REPO / folder).rglob("*.py")
                 if re.search(r"^\s*(import pyvis|from pyvis)", path.read_text(encoding="utf-8"), re.M)]
    assert importers == ["graph/views/page.py"]


COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\brgba?\(")


@pytest.mark.parametrize("path", [
    *sorted(p.relative_to(REPO).as_posix() for p in (REPO / "graph" / "views").rglob("*.py")
            if p.name != "style.py"),
    "graph/views/templates/view.html", "graph/server.py", "graph/server_handlers.py", "graph/server_page.py"])
def test_every_colour_is_named_in_views_style(path):
    """Colours live in careergraph.views.style only: not in code, templates or CSS elsewhere (examples aside)."""
    text = (REPO / path).read_text(encoding="utf-8")
    if path.endswith(".py"):
        tree = ast.parse(text)
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                      and node.body and isinstance(node.body[0], ast.Expr)}
        text = "\n".join(node.value for node in ast.walk(tree)
                         if isinstance(node, ast.Constant) and isinstance(node.value, str)
                         and id(node) not in docstrings)
    text = re.sub(r"#(cg-|mynetwork|error|status|description|results|graph|named|query|params|run)\w*", "", text)
    assert not COLOUR.findall(text), f"{path} names colours outside careergraph.views.style"


def test_pages_take_their_colours_from_views_style(ladder):
    from careergraph.views import style

    css = re.search(r":root \{(.*?)\}", ladder.html).group(1)
    assert f"--cg-muted: {style.MUTED};" in css and f"--cg-highlight: {style.HIGHLIGHT};" in css
    assert "var(--cg-muted)" in ladder.html
    assert page_data(ladder.html, "page")["colors"] == style.CANVAS_COLORS


def test_importing_the_views_loads_no_pyvis():
    """pyvis is imported when a page is drawn, not when careergraph.views (or the server's page) is imported."""
    import subprocess
    import sys

    code = ("import sys, careergraph.views, careergraph.server; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pyvis'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_write_is_utf8_and_leaves_nothing_else(tmp_path, ladder):
    target = tmp_path / "page.html"
    assert ladder.write(target) == target
    assert target.read_bytes().decode("utf-8") == ladder.html
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_notebook_display_is_a_sandboxed_escaped_iframe(ladder):
    shown = ladder._repr_html_()
    assert shown.startswith('<iframe title="Product management career ladder" sandbox="allow-scripts" srcdoc="')
    assert "<script" not in shown  # all of the page is inside the escaped attribute
    assert "&lt;!DOCTYPE html&gt;" in shown


# --- one role ---------------------------------------------------------------


def test_role_view_shows_skills_with_levels_responsibilities_and_moves(kg):
    view = views.role_view(kg, "senior pm")
    roles, skills = role_graph(kg), skill_graph(kg)
    spm = PM + "senior-product-manager"
    nodes = {n["id"]: n for n in page_data(view.html, "nodes")}
    edges = page_data(view.html, "edges")
    assert {i for i, n in nodes.items() if n["part"] == "skill"} == set(skills.successors(spm))
    levels = {e["to"]: e["level"] for e in edges if e["part"] == "requirement"}
    assert levels == {s: skills.edges[spm, s]["proficiency"] for s in skills.successors(spm)}
    assert all(f"level {level}" in nodes[s]["label"] for s, level in levels.items())
    assert {nodes[i]["label"] for i, n in nodes.items() if n["part"] == "responsibility"} == \
        {r["label"] for r in roles.nodes[spm]["responsibilities"]}
    moves = {(e["from"], e["to"]) for e in edges if e["part"] == "move"}
    assert moves == set(roles.in_edges(spm)) | set(roles.out_edges(spm))
    # skills are coloured by category: same category, same colour; the categories differ
    colour = {}
    for skill in skills.successors(spm):
        colour.setdefault(skills.nodes[skill]["category"], set()).add(nodes[skill]["color"]["border"])
    assert all(len(c) == 1 for c in colour.values()) and len(colour) >= 4
    assert view.title == "Senior Product Manager"


def test_role_view_unknown_title_suggests(kg):
    with pytest.raises(RoleNotFound, match="did you mean Senior Product Manager"):
        views.role_view(kg, "Senoir Product Manger")


# --- a path ------------------------------------------------------------------


def test_path_view_highlights_the_path_and_lists_each_steps_gain(kg):
    view = views.path_view(kg, "Product Owner", "CPO")
    path = [PM + r for r in ("associate-product-manager", "product-manager", "senior-product-manager",
                             "director-of-product", "vp-of-product", "chief-product-officer")]
    edges = page_data(view.html, "edges")
    steps = {e["step"]: (e["from"], e["to"]) for e in edges if "step" in e}
    assert steps == {i: pair for i, pair in enumerate(pairwise(path), start=1)}
    assert {e["color"]["color"] for e in edges if "step" in e} == {views.HIGHLIGHT}
    assert views.HIGHLIGHT not in {e["color"]["color"] for e in edges if "step" not in e}
    assert page_data(view.html, "page")["path"] == path
    section = re.search(r'<section id="cg-steps".*?</section>', view.html, re.S).group(0)
    text = html.unescape(re.sub(r"<[^>]+>", "", section))
    for gap in path_gap(kg, path):
        for gained in gap.gain:
            assert f"{gained.label} — level {gained.level} (" in text
    assert "Communication — level 3 (practitioner)" in text


def test_path_view_without_a_path_raises_no_path(kg):
    with pytest.raises(NoPath):
        views.path_view(kg, "CEO", "APM")


# --- skills against roles -----------------------------------------------------


def test_skills_view_orders_roles_by_seniority_and_skills_by_category(kg):
    view = views.skills_view(kg)
    roles, skills = role_graph(kg), skill_graph(kg)
    nodes = page_data(view.html, "nodes")
    columns = [n for n in nodes if n["part"] == "role"]
    seniority = [roles.nodes[n["id"]]["seniority"] for n in sorted(columns, key=lambda n: n["x"])]
    rungs = [float("inf") if s is None else s for s in seniority]  # roles in no ladder: last
    assert rungs == sorted(rungs) and len(columns) == len(roles)
    rows = sorted((n for n in nodes if n["part"] == "skill"), key=lambda n: n["y"])
    orders = [skills.nodes[n["id"]]["category_order"] for n in rows]
    assert orders == sorted(orders)
    cells = [n for n in nodes if n["part"] == "requirement"]
    assert {(c["role"], c["skill"]) for c in cells} == set(skills.edges)
    x = {n["id"]: n["x"] for n in columns}
    y = {n["id"]: n["y"] for n in rows}
    assert all(c["x"] == x[c["role"]] and c["y"] == y[c["skill"]] for c in cells)


def test_skills_view_shows_the_shift_from_hands_on_to_leadership(kg):
    view = views.skills_view(kg)
    bars = [d for d in page_data(view.html, "page")["decor"] if d["type"] == "rect" and d.get("stroke")]
    technical = views.CATEGORY_COLORS[CG + "Technical"]
    leadership = views.CATEGORY_COLORS[CG + "Leadership"]
    columns = page_data(view.html, "page")["columns"]
    x = {n["id"]: n["x"] for n in page_data(view.html, "nodes") if n["part"] == "role"}

    def share(role, color):
        mine = [b for b in bars if abs(b["x"] + 24 - x[role]) < 1]
        return sum(b["h"] for b in mine if b["fill"] == color) / sum(b["h"] for b in mine)

    apm, cpo = PM + "associate-product-manager", PM + "chief-product-officer"
    assert columns[0] == apm
    assert share(apm, technical) > 0.3 and share(apm, leadership) == 0
    assert share(cpo, technical) == 0 and share(cpo, leadership) > 0


# --- a CONSTRUCT query ----------------------------------------------------------


def test_query_view_draws_the_constructed_graph(kg):
    view = views.query_view(kg, "CONSTRUCT { ?a cg:branchesTo ?b . ?a a cg:Role } "
                                "WHERE { ?a cg:branchesTo ?b }")
    nodes, edges = page_data(view.html, "nodes"), page_data(view.html, "edges")
    assert {n["label"] for n in nodes} == {"Senior Product Manager", "Group Product Manager",
                                           "Principal Product Manager"}
    assert {e["label"] for e in edges} == {"cg:branchesTo"} and len(edges) == 2
    assert page_data(view.html, "options")["physics"]["enabled"] is True  # settles once, then off
    assert page_data(view.html, "page")["stabilize"] is True


@pytest.mark.parametrize("query, message", [
    ("SELECT * WHERE { ?s ?p ?o }", "needs a CONSTRUCT query"),
    ("DROP ALL", "updates are refused"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are refused"),
    ("LOAD <http://example.org/x.ttl>", "LOAD is refused"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
])
def test_query_view_refuses_anything_but_a_plain_construct(kg, query, message):
    with pytest.raises(CareerGraphError, match=message):
        views.query_view(kg, query)


# --- attribution ------------------------------------------------------------------


def test_attribution_follows_sources_to_the_data_set_and_its_required_statement(tmp_path):
    data = tmp_path / "onet.ttl"
    citation = ("This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor, "
                "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.")
    data.write_text(f"""
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/onet/> .
ex:db dcterms:title "O*NET 29.2 Database"@en ;
    dcterms:bibliographicCitation "{citation}"@en .
ex:file dcterms:title "Occupation Data.xlsx" ; dcterms:isPartOf ex:db .
ex:role a cg:Role ; cg:seniority 3 ; dcterms:source ex:file ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "Marketing Managers"@en .
""", encoding="utf-8")
    view = views.ladder_view(load_graph([data]))
    assert sorted(view.attribution) == ["Source: “Career path of a Product Manager”.",
                                        "Source: “O*NET 29.2 Database”. " + ONET_ATTRIBUTION]
    assert ONET_ATTRIBUTION in view.html


def test_attribution_adds_the_esco_statement_for_esco_concepts(tmp_path):
    data = tmp_path / "esco.ttl"
    data.write_text("""
@prefix cg: <https://w3id.org/careergraph/ontology#> .
<http://data.europa.eu/esco/occupation/9f508305-80ce-4111-8722-f2c9b4a44890> a cg:Role ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "product manager"@en ; cg:seniority 2 .
""", encoding="utf-8")
    view = views.ladder_view(load_graph([data]))
    assert view.attribution[-1] == ESCO_ATTRIBUTION


# --- hostile data -------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_kg(tmp_path_factory):
    return load_graph([write_hostile(tmp_path_factory.mktemp("hostile"))])


@pytest.mark.parametrize("draw", [
    lambda kg: views.ladder_view(kg),
    lambda kg: views.role_view(kg, HOSTILE_ROLE),
    lambda kg: views.path_view(kg, HOSTILE_ROLE, "Senior PM"),
    lambda kg: views.skills_view(kg),
    lambda kg: views.query_view(kg, "CONSTRUCT { ?r a cg:Role ; skos:prefLabel ?l ; cg:lateralTo ?o } "
                                    "WHERE { ?r a cg:Role ; skos:prefLabel ?l OPTIONAL { ?r cg:lateralTo ?o } }"),
], ids=["ladder", "role", "path", "skills", "query"])
def test_hostile_text_never_reaches_the_page_as_markup(hostile_kg, draw):
    view = draw(hostile_kg)
    for text in HOSTILE_TEXTS:
        assert text not in view.html
    assert "<img" not in visible_text(view.html) and "<iframe" not in visible_text(view.html)
    labels = {n["label"] for n in page_data(view.html, "nodes")}
    assert HOSTILE_LABEL in labels  # drawn, as text
    views.check_self_contained(view.html)


def test_hostile_text_is_escaped_where_it_is_shown_as_html(hostile_kg):
    view = views.path_view(hostile_kg, HOSTILE_ROLE, "Senior PM")
    assert "&lt;img src=x onerror=alert(1)&gt; → Senior Product Manager" in view.html  # the <title>
    ladder = views.ladder_view(hostile_kg)
    assert "<span>&lt;b onmouseover=alert(4)&gt;track&lt;/b&gt;</span>" in ladder.html  # the legend
    node = next(n for n in page_data(ladder.html, "nodes") if n["id"] == HOSTILE_ROLE)
    assert HOSTILE_ALT in node["search"] and any(HOSTILE_DEFINITION in line for line in node["tip"])
    assert "title" not in node  # tooltips become DOM text in the page, never an HTML string
