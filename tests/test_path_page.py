"""The path page says what a planner needs: each step's responsibilities taken on and skills to gain
or raise (levels in the framework's words), each with its quotes; the passages every move cites once;
an equivalence between two ladders as a step that is no move. Checked in the page's HTML and, at
1280x720, in Chromium. The expected titles and quotes are read from the graph, not copied here."""

from __future__ import annotations

import html
import re
from itertools import pairwise
from pathlib import Path

import pytest
from rdflib import URIRef

from careergraph import views
from careergraph.equivalences import cross_graph, cross_path_gap
from careergraph.gap import path_gap, shared_sources
from careergraph.load import load_graph
from careergraph.names import TitleIndex
from careergraph.paths import shortest_path
from careergraph.project import role_graph

REPO = Path(__file__).resolve().parents[1]
UKGOV = REPO / "ontology" / "examples" / "ukgov-product-manager.yaml"

TAKEN_ON = """SELECT ?responsibility ?label ?quote WHERE {
  ?role cg:hasResponsibility ?responsibility .
  ?responsibility skos:prefLabel ?label .
  OPTIONAL { ?responsibility dcterms:source ?source . ?source cg:quote ?quote }
}"""
"""A role's responsibilities with the quotes of their passages (the role is bound)."""


@pytest.fixture(scope="module")
def kg():
    return load_graph()


@pytest.fixture(scope="module")
def ukgov():
    return load_graph([UKGOV])


@pytest.fixture(scope="module")
def apm_cpo(kg):
    """The built-in path Associate Product Manager -> Chief Product Officer, its page and its steps."""
    titles = TitleIndex.for_graph(kg)
    path = shortest_path(role_graph(kg), titles.resolve("Associate Product Manager"),
                         titles.resolve("Chief Product Officer"))
    return path, views.path_view(kg, "Associate Product Manager", "Chief Product Officer")


def steps_text(page: str) -> list[str]:
    """The lines of the page's step cards as a reader sees them (tags gone, entities decoded)."""
    section = re.search(r'<section id="cg-steps".*?</section>', page, re.S)
    assert section, "the page lists no steps"
    text = re.sub(r"</(p|li|div|h3|ol|ul)>|<br>", "\n", section.group(0))
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [line.strip().removeprefix("• ").strip() for line in text.splitlines() if line.strip()]


def numbered(lines: list[str]) -> dict[int, str]:
    """The passages listed once with their numbers: number -> the line after the marker."""
    found = {}
    for line in lines:
        match = re.fullmatch(r"\[(\d+)\] (.+)", line)
        if match:
            assert int(match.group(1)) not in found, f"passage {match.group(1)} is listed twice"
            found[int(match.group(1))] = match.group(2)
    return found


def cited(line: str) -> list[int]:
    """The numbers a line cites at its end: ``... [3, 4]``."""
    match = re.search(r"\[([\d, ]+)\]$", line)
    return [int(n) for n in match.group(1).split(",")] if match else []


def taken_on(kg, path: list[str]) -> list[tuple[int, dict[str, set[str]]]]:
    """For each move of ``path``: the responsibilities of the new role the old one lacks, with their quotes."""
    def of(role: str) -> dict[str, tuple[str, set[str]]]:
        found: dict[str, tuple[str, set[str]]] = {}
        for row in kg.query(TAKEN_ON, {"role": URIRef(role)}):
            _, quotes = found.setdefault(str(row.responsibility), (str(row.label), set()))
            if row.quote is not None:
                quotes.add(str(row.quote))
        return found

    moves = []
    for number, (before, after) in enumerate(pairwise(path), start=1):
        old, new = of(before), of(after)
        moves.append((number, {label: quotes for iri, (label, quotes) in new.items() if iri not in old}))
    return moves


def test_every_responsibility_taken_on_is_listed_with_its_quotes(kg, apm_cpo):
    path, view = apm_cpo
    lines = steps_text(view.html)
    passages = numbered(lines)
    expected = taken_on(kg, path)
    assert sum(len(titles) for _, titles in expected) >= 30  # the built-in ladder's, read from the graph
    for number, titles in expected:
        for title, quotes in titles.items():
            [line] = [line for line in lines if re.fullmatch(rf"{re.escape(title)} \[[\d, ]+\]", line)]
            shown = {passages[n] for n in cited(line)}
            assert quotes and all(any(f"“{quote}”" in p for p in shown) for quote in quotes), (number, title)
    for quote in {q for _, titles in expected for quotes in titles.values() for q in quotes}:
        assert sum(f"“{quote}”" in line for line in lines) == 1, f"quoted more than once: {quote}"


def test_the_passages_every_move_cites_are_quoted_once_and_never_under_a_move(kg, apm_cpo):
    path, view = apm_cpo
    lines = steps_text(view.html)
    passages = numbered(lines)
    shared = shared_sources(path_gap(kg, path))
    assert shared, "the built-in ladder's moves all cite the article's list of roles"
    assert sum(bool(re.match(r"(\d+ )?Every move", line)) for line in lines) == 1
    numbers = []
    for passage in shared:
        [number] = [n for n, text in passages.items() if f"“{passage['quote']}”" in text]
        numbers.append(number)
        assert sum(passage["quote"] in line for line in lines) == 1
    assert sorted(numbers) == list(range(1, len(shared) + 1))  # numbered first, under "Every move"
    moves = [line for line in lines if line.startswith("Source of the move")]
    assert len(moves) == len(path) - 1 and not any(set(cited(line)) & set(numbers) for line in moves)
    # each move's tooltip names its own step, not the passage every move cites
    from test_views import page_data

    tips = [edge["tip"] for edge in page_data(view.html, "edges") if "step" in edge]
    assert len(tips) == len(path) - 1
    assert not any(passage["quote"] in line for tip in tips for line in tip for passage in shared)


def test_skills_to_gain_and_raise_have_levels_and_quotes(kg, apm_cpo):
    path, view = apm_cpo
    lines = steps_text(view.html)
    passages = numbered(lines)
    names = kg.derived.proficiency_scale

    def quotes_of(line: str) -> str:
        return " ".join(passages[n] for n in cited(line))

    for step in path_gap(kg, path):
        items = [(gain, f"level {gain.level} ({names[gain.level]})") for gain in step.gain]
        items += [(raised, f"{raised.from_level} → {raised.to_level} ({names[raised.to_level]})")
                  for raised in step.raise_]
        for item, level in items:
            found = [line for line in lines if line.startswith(item.label) and level in line]
            assert found, (step.to_label, item.label, level)
            assert any(all(f"“{p['quote']}”" in quotes_of(line) for p in item.sources) for line in found)


def test_framework_levels_are_named_in_the_frameworks_words(ukgov):
    view = views.path_view(ukgov, "ukgov:Product Manager", "ukgov:Senior Product Manager")
    lines = steps_text(view.html)
    titles = TitleIndex.for_graph(ukgov)
    [step] = path_gap(ukgov, [titles.resolve("ukgov:Product Manager"),
                              titles.resolve("ukgov:Senior Product Manager")])
    named = [r for r in step.raise_ if r.level_name]
    assert named and all(r.from_level_name for r in named)
    for raised in named:
        words = (f"{raised.from_level_name} → {raised.level_name} "
                 f"({raised.scale}; common {raised.from_level} → {raised.to_level})")
        assert any(line.startswith(raised.label) and words in line for line in lines), words
    assert any("Working → Practitioner (DDaT skill levels" in line for line in lines)
    for title in (r["label"] for r in step.responsibilities):
        assert any(re.fullmatch(rf"{re.escape(title)} \[[\d, ]+\]", line) for line in lines)


def test_an_equivalence_between_ladders_is_a_step_but_no_move(ukgov):
    graph = cross_graph(ukgov)
    titles = TitleIndex.for_graph(ukgov)
    path = shortest_path(graph, titles.resolve("ukgov:Product Manager"),
                         titles.resolve("pm:Chief Product Officer"))
    steps = cross_path_gap(ukgov, graph, path)
    view = views.path_view_for(ukgov, path, steps)  # what `careergraph path --cross --html` draws
    assert view.html == views.path_view(ukgov, "ukgov:Product Manager", "pm:Chief Product Officer",
                                        cross=True).html
    lines = steps_text(view.html)
    hop = steps[0]
    assert hop.kind == "equivalence"
    assert f"{hop.from_label} = {hop.to_label}" in " ".join(lines)
    assert hop.from_label == "Product Manager (ukgov)" and hop.to_label == "Product Manager (pm)"
    assert any(f"An equivalence ({hop.relation}), not a move: {hop.meaning}." in line for line in lines)
    from test_views import page_data

    data = page_data(view.html, "page")
    assert [badge["text"] for badge in data["badges"] if badge["text"] == "="] == ["="]
    moves = sorted(int(b["text"]) for b in data["badges"] if b["text"] != "=")
    assert moves == list(range(1, len(steps)))  # the moves alone are numbered
    edges = page_data(view.html, "edges")
    [link] = [e for e in edges if e.get("kind") == "equivalence" and {e["from"], e["to"]} == set(path[:2])]
    assert link["tip"][0] == f"{hop.from_label} = {hop.to_label}"
    assert sorted(e["step"] for e in edges if "step" in e) == moves
    assert "4 moves, 1 equivalence (no move)" in view.html


def test_text_from_the_data_is_escaped_in_the_steps(tmp_path):
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text("""@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
pm:product-manager cg:hasResponsibility pm:resp-hostile .
pm:resp-hostile a cg:Responsibility ; skos:prefLabel "<img src=x onerror=alert(1)>"@en ;
    dcterms:source pm:passage-hostile .
pm:passage-hostile a cg:SourcePassage ; cg:section "<b>s</b>" ; cg:quote "</section><script>alert(2)</script>" .
""", encoding="utf-8")
    view = views.path_view(load_graph([hostile]), "APM", "PM")
    section = re.search(r'<section id="cg-steps".*?</section>', view.html, re.S).group(0)
    assert "<img" not in section and "<script" not in section and "<b>" not in section
    assert "&lt;img src=x onerror=alert(1)&gt;" in section
    lines = steps_text(view.html)
    [line] = [x for x in lines if x.startswith("<img src=x onerror=alert(1)>")]
    assert any("“</section><script>alert(2)</script>”" in passage
               for n, passage in numbered(lines).items() if n in cited(line))


def test_the_page_at_1280x720_lists_every_responsibility_with_its_quotes(browser, kg, apm_cpo, tmp_path):
    from browser import open_page

    path, view = apm_cpo
    page_file = view.write(tmp_path / "path.html")
    visit = open_page(browser, page_file, wait_ms=200)
    try:
        visit.page.set_viewport_size({"width": 1280, "height": 720})
        visit.page.wait_for_function("() => window.network && network.physics.options.enabled === false")
        assert visit.blocked == [] and visit.page_errors == [] and visit.console_errors == []
        shown = visit.page.locator("#cg-steps").inner_text()
        lines = [line.strip().removeprefix("• ").strip() for line in shown.splitlines() if line.strip()]
        passages = numbered(lines)
        for _, titles in taken_on(kg, path):
            for title, quotes in titles.items():
                [line] = [x for x in lines if re.fullmatch(rf"{re.escape(title)} \[[\d, ]+\]", x)]
                assert all(any(quote in passages[n] for n in cited(line)) for quote in quotes)
                item = visit.page.locator("#cg-steps").get_by_text(title, exact=False).first
                item.scroll_into_view_if_needed()
                assert item.is_visible()
                box = item.bounding_box()
                assert box["y"] >= 0 and box["y"] + box["height"] <= 720, title
                size = item.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                assert size >= 12, f"{title}: {size}px"
        for passage in shared_sources(path_gap(kg, path)):
            assert shown.count(passage["quote"]) == 1
        visit.page.screenshot(path=str(tmp_path / "path-steps-1280x720.png"))
    finally:
        visit.page.close()
