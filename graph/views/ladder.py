"""The ladder view: every role by seniority and track, every move in its kind's line style.

The path view (:mod:`careergraph.views.path`) draws the same page with one
path highlighted, so the page is built here for both.

Examples
--------
>>> from careergraph.load import load_graph
>>> ladder_view(load_graph())
<View 'Product management career ladder': 11 nodes, 9 edges>
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from careergraph.equivalences import RELATIONS, read_equivalences
from careergraph.project import role_graph
from careergraph.views.lanes import ladder_lanes
from careergraph.views.layout import LEVEL_GAP, ladder_positions
from careergraph.views.page import Page, View, render
from careergraph.views.parts import box, move_edge, moves_legend, tracks_legend
from careergraph.views.routes import bend_edges, box_size
from careergraph.views.style import (FADED, FADED_BORDER, FADED_FILL, FADED_TEXT, HIGHLIGHT, LINK, LINK_HOVER,
                                     TRACK_COLORS, WHITE, Colors, hover_color)
from careergraph.views.text import ladder_titles, layers_text, role_tip, sources_lines, step_lines

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph


def ladder_view(kg: CareerGraph) -> View:
    """Every role by seniority and track, with every move in its kind's line style.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph (built-in data and the user's layers).

    Returns
    -------
    View
        One node per role, one edge per move of :func:`careergraph.project.role_graph`.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg = load_graph()
    >>> view = ladder_view(kg)
    >>> (view.node_count, view.edge_count) == (len(role_graph(kg)), role_graph(kg).number_of_edges())
    True
    """
    return render(ladder_page(kg), kg)


def ladder_page(kg: CareerGraph, path: Sequence[str] = (), steps: Sequence[Any] = ()) -> Page:
    """The ladder's page; with ``path``, that path highlighted and numbered, and its steps' gaps.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    path : sequence of str
        Role IRIs in order; empty for the plain ladder.
    steps : sequence of StepGap
        The gap of each step of ``path`` (:func:`careergraph.gap.path_gap`), shown in the moves' tooltips.

    Returns
    -------
    Page
        The page, ready for :func:`careergraph.views.page.render`.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> pm = "https://w3id.org/careergraph/pm/"
    >>> page = ladder_page(load_graph(), [pm + "product-manager", pm + "senior-product-manager"])
    >>> page.extra["badges"][0]["text"], len(page.legend)
    ('1', 3)
    """
    roles = role_graph(kg)
    colors = Colors(TRACK_COLORS)
    lanes = ladder_lanes(kg, roles)
    positions, decor = ladder_positions(roles, lanes if len(lanes) > 1 else ())
    on_path = {role: index for index, role in enumerate(path)}
    path_moves = {(a, b): index for index, (a, b) in enumerate(pairwise(path), start=1)}
    titles = ladder_titles(kg)
    page = Page(title=" + ".join(titles) or "Career ladder", search_hint="a role or any of its titles",
                subtitle=(f"{len(roles)} roles and {roles.number_of_edges()} moves by seniority and "
                          f"track ({layers_text(kg)}); hover for titles, definitions and sources"),
                decor=decor)
    for role, data in roles.nodes(data=True):
        x, y = positions[role]
        fill = colors(data.get("track_iri"))
        style: dict[str, Any] = {}
        if path and role not in on_path:
            style = {"text": FADED_TEXT, "border": FADED_BORDER}
            fill = FADED_FILL
        elif path:
            style = {"border": HIGHLIGHT, "border_width": 4}
        page.nodes.append(box(role, data["label"], x, y, fill, **style, tip=role_tip(data),
                              size=19, width=(170, 190),
                              search=[data["label"], *data.get("alt_labels", [])],
                              **({"path_index": on_path[role]} if role in on_path else {})))
        page.drawn.add(role)
    step_by_move = {(s.from_role, s.to_role): s for s in steps}
    for source, target, data in roles.edges(data=True):
        page.drawn.add(data["transition"])
        edge = move_edge(roles, source, target)
        index = path_moves.get((source, target))
        if path and index is None:
            edge["color"] = hover_color(FADED)
        elif path:
            step = step_by_move.get((source, target))
            edge.update(color=hover_color(HIGHLIGHT), width=5, step=index,
                        arrows={"to": {"enabled": True, "scaleFactor": 0.6}})
            page.extra.setdefault("badges", []).append(
                {"from": source, "to": target, "text": str(index), "color": HIGHLIGHT})
            if step is not None:
                edge["tip"] = edge["tip"][:2] + step_lines(step) + edge["tip"][2:]
        page.edges.append(edge)
    links = _equivalence_edges(kg, roles, path_moves) if len(lanes) > 1 else []
    page.edges += links
    if len(lanes) > 1:
        page.subtitle = (f"{len(roles)} roles in {len(lanes)} lanes, one per ladder, by seniority and track; "
                         f"{roles.number_of_edges()} moves and {len(links)} equivalences between ladders "
                         f"({layers_text(kg)}); hover for titles, definitions and sources")
    ys = [y for _, y in positions.values()] or [0.0]
    bend_edges(page.edges, {role: (*positions[role], *box_size(data["label"], 19, (170, 190)))
                            for role, data in roles.nodes(data=True)},
               (min(ys) - LEVEL_GAP / 2, max(ys) + LEVEL_GAP / 2))
    page.legend = [tracks_legend(roles, colors), moves_legend(roles, roles.edges)]
    if len(lanes) > 1:
        page.legend.insert(0, {"title": "Ladders (lanes, left to right)", "items": [
            {"swatch": {"type": "box", "fill": WHITE, "border": LINK_HOVER}, "text": f"{lane.title} ({lane.note})"}
            for lane in lanes]})
        page.extra["lanes"] = [{"title": lane.title, "note": lane.note, "roles": list(lane.roles)}
                               for lane in lanes]
    if links:
        page.legend.append(_equivalences_legend({edge["relation"] for edge in links}))
    if path:
        page.legend.append({"title": "Path", "items": [
            {"swatch": {"type": "line", "color": HIGHLIGHT, "width": 3, "dash": ""},
             "text": "the path's moves, numbered"},
            {"swatch": {"type": "box", "fill": WHITE, "border": HIGHLIGHT, "width": 3},
             "text": "roles on the path"}]})
        page.extra["path"] = list(path)
    page.notes.append("Hover over a role or a move for its titles, definition and source passage; "
                      "drag to pan, scroll to zoom.")
    return page


EQUIVALENCE_DASHES = {"skos:exactMatch": (8, 4), "skos:closeMatch": (3, 4), "cg:sameLevelAs": (12, 4, 2, 4)}
"""The dashes of the thin link of each equivalence between two ladders' roles."""
EQUIVALENCE_WIDTH = 1.5
"""The width of an equivalence's link: thinner than every move."""


def _equivalence_edges(kg: CareerGraph, roles: Any, path_moves: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    """One thin dashed link, without arrows, per pair of roles of two ladders that an equivalence joins."""
    _, found = read_equivalences(kg)
    edges = []
    for item in found:
        if item.one > item.other or item.one not in roles or item.other not in roles:
            continue  # each pair once (read_equivalences gives both directions)
        meaning = RELATIONS[item.relation][1]
        index = path_moves.get((item.one, item.other)) or path_moves.get((item.other, item.one))
        color = hover_color(LINK, LINK_HOVER) if not path_moves else hover_color(FADED)
        if index is not None:
            color = hover_color(HIGHLIGHT)
        one, other = roles.nodes[item.one]["label"], roles.nodes[item.other]["label"]
        edges.append({
            "id": f"{item.one} = {item.other}", "from": item.one, "to": item.other, "kind": "equivalence",
            "relation": item.relation, "relations": list(item.relations), "color": color,
            "width": 3 if index is not None else EQUIVALENCE_WIDTH,
            "dashes": list(EQUIVALENCE_DASHES[item.relation]), "arrows": {"to": {"enabled": False}},
            "tip": [f"{one} = {other}", f"Equivalence: {meaning} ({', '.join(item.relations)})",
                    *sources_lines([dict(p) for p in item.sources])]})
    return edges


def _equivalences_legend(relations: set[str]) -> dict[str, Any]:
    """The legend section of the equivalences drawn, strongest first."""
    return {"title": "Equivalences between ladders", "items": [
        {"swatch": {"type": "line", "color": LINK, "width": EQUIVALENCE_WIDTH,
                    "dash": " ".join(map(str, EQUIVALENCE_DASHES[name]))},
         "text": f"{RELATIONS[name][1]} ({name})"} for name in RELATIONS if name in relations]}
