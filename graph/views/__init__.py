"""Interactive HTML views of the career graph: what each view shows and where.

Each view function returns a :class:`View`: a complete HTML page (``.html``)
that opens by double-click in any current browser with no network at all,
``.write(path)`` to save it atomically, ``.save_png(path)`` for a picture, and
``_repr_html_`` so that it shows inline in Jupyter.

- :func:`ladder_view`: every role by seniority (entry level at the bottom),
  one column per track, each kind of move in its own line style;
- :func:`role_view`: one role with its skills, responsibilities and moves;
- :func:`path_view`: the ladder with a path highlighted and each step's gap;
- :func:`skills_view`: skills against roles in seniority order, with each
  role's mix of skill categories;
- :func:`query_view`: the graph a SPARQL CONSTRUCT query returns.

The module is split by job: this one decides what each view shows and where
(positions are computed here, so physics is off; the query view, whose shape
is unknown, lets the physics settle once); :mod:`careergraph.views.style`
holds the colours, line styles, tooltips and legends;
:mod:`careergraph.views.page` renders the page with pyvis (the only module
that imports it) and keeps it self-contained; :mod:`careergraph.attribution`
writes the footer naming every document the drawn things come from.

Tooltips travel as lists of plain strings and become DOM elements filled with
``textContent`` in the page; pyvis's "a title containing href means raw
HTML" switch is never reached, and every other text from the data is escaped
by the template or drawn on the canvas.

Examples
--------
>>> from careergraph.load import load_graph
>>> view = ladder_view(load_graph())
>>> view.title, view.node_count, view.edge_count
('Product management career ladder', 11, 9)
>>> check_self_contained(view.html)
>>> view.attribution[0]
'Source: “Career path of a Product Manager”.'
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from careergraph.attribution import attributions
from careergraph.errors import CareerGraphError
from careergraph.career_graph import CareerGraph
from careergraph.namespaces import CG, PREFIXES, RDF, SKOS, shorten
from careergraph.views.page import FONT, Page, View, check_self_contained, find_chromium, render
from careergraph.views.style import (CATEGORY_COLORS, FADED, HIGHLIGHT, NO_TRACK, RESPONSIBILITY_COLOR,
                         TRACK_COLORS, Colors, box, darker, lighter, move_edge, moves_legend,
                         role_tip, sources_lines, track_rank, tracks_legend)

# Layout, in canvas pixels.
LEVEL_GAP = 120
SLOT_WIDTH = 230
TRACK_GAP = 50
MAX_PER_ROW = 6


def _ladder_titles(kg: CareerGraph) -> list[str]:
    from rdflib import URIRef

    ladders = set(kg.subjects(URIRef(RDF + "type"), URIRef(CG + "Ladder")))
    return sorted({kg.label(ladder) for ladder in ladders})


def _layers_text(kg: CareerGraph) -> str:
    user = [layer.name for layer in kg.layers if not layer.builtin]
    return "built-in data" + (" + " + ", ".join(user) if user else "")



# ----------------------------------------------------------------------------
# The ladder and the path
# ----------------------------------------------------------------------------

def ladder_positions(roles) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """Positions of the roles by seniority (entry level at the bottom) and track (columns).

    Each track is a column; each seniority level a band, the entry level at
    the bottom. Roles sharing a level and a track sit side by side (wrapping
    after ``MAX_PER_ROW``), ordered to keep moves short. Returns the
    positions and the bands and headings to draw behind the graph.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("a", label="A", seniority=1, track="ic", track_iri="ic")
    >>> g.add_node("b", label="B", seniority=2, track="ic", track_iri="ic")
    >>> positions, decor = ladder_positions(g)
    >>> positions["a"][1] > positions["b"][1]   # entry level lower on the page
    True
    """
    levels = sorted({d.get("seniority") for _, d in roles.nodes(data=True)},
                    key=lambda s: (s is None, s or 0))
    tracks = sorted({(d.get("track_iri"), d.get("track")) for _, d in roles.nodes(data=True)},
                    key=lambda t: track_rank(*t))
    cells: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    for role, data in roles.nodes(data=True):
        cells[data.get("seniority"), data.get("track_iri")].append(role)
    per_row = {iri: min(MAX_PER_ROW, max(len(cells[level, iri]) for level in levels) or 1)
               for iri, _ in tracks}
    left: dict[Any, float] = {}
    x = 0.0
    for iri, _ in tracks:
        left[iri] = x
        x += per_row[iri] * SLOT_WIDTH + TRACK_GAP
    right_edge = x - TRACK_GAP
    rows = {level: max(math.ceil(len(cells[level, iri]) / per_row[iri]) for iri, _ in tracks)
            for level in levels}
    # y of each level's first row: levels from the top (most senior) down to the entry level
    top: dict[Any, float] = {}
    y = 0.0
    for level in reversed(levels):
        top[level] = y
        y += rows[level] * LEVEL_GAP
    positions: dict[str, tuple[float, float]] = {}
    # Two sweeps: first order each cell by the neighbours placed below it (entry level
    # first), then by all neighbours, so that moves stay short and cross little.
    for sweep in range(2):
        placed = dict(positions)
        positions = {} if sweep == 0 else positions
        for level in levels:
            for iri, _ in tracks:
                members = cells[level, iri]
                members.sort(key=lambda r: (_mean_x(roles, r, placed if sweep else positions),
                                            roles.nodes[r]["label"]))
                width = per_row[iri]
                for index, role in enumerate(members):
                    row, column = divmod(index, width)
                    in_row = min(width, len(members) - row * width)
                    offset = (width - in_row) / 2
                    positions[role] = (left[iri] + (column + offset + 0.5) * SLOT_WIDTH,
                                       top[level] + (row + 0.5) * LEVEL_GAP)
    decor: list[dict[str, Any]] = []
    for index, level in enumerate(levels):
        band_top, height = top[level], rows[level] * LEVEL_GAP
        if index % 2 == 0:
            decor.append({"type": "rect", "x": -170, "y": band_top, "w": right_edge + 190,
                          "h": height, "fill": "#f3f5f8"})
        name = "outside the ladder" if level is None else f"seniority {level}"
        if index == 0 and level is not None:
            name += " (entry)"
        decor.append({"type": "text", "x": -160, "y": band_top + height / 2, "text": name,
                      "size": 15, "color": "#57606a"})
    for iri, label in tracks:
        center = left[iri] + per_row[iri] * SLOT_WIDTH / 2
        decor.append({"type": "text", "x": center, "y": -28, "text": label or "no track",
                      "size": 18, "bold": True, "align": "center", "color": _track_text_color(iri)})
    return positions, decor


def _track_text_color(iri: str | None) -> str:
    return TRACK_COLORS.get(iri or "", "#57606a")


def _mean_x(roles, role: str, positions: Mapping[str, tuple[float, float]]) -> float:
    """The mean x of the role's already-placed neighbours (inf when none)."""
    xs = [positions[n][0] for n in (*roles.predecessors(role), *roles.successors(role)) if n in positions]
    return sum(xs) / len(xs) if xs else math.inf


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
    >>> from careergraph.project import role_graph
    >>> kg = load_graph()
    >>> view = ladder_view(kg)
    >>> (view.node_count, view.edge_count) == (len(role_graph(kg)), role_graph(kg).number_of_edges())
    True
    """
    return render(_ladder_page(kg), kg)


def _ladder_page(kg: CareerGraph, path: Sequence[str] = (),
                 steps: Sequence[Any] = ()) -> Page:
    """The ladder page; with ``path`` (role IRIs), that path highlighted and ``steps`` its gaps."""
    from careergraph.project import role_graph

    roles = role_graph(kg)
    colors = Colors(TRACK_COLORS)
    positions, decor = ladder_positions(roles)
    on_path = {role: index for index, role in enumerate(path)}
    path_moves = {(a, b): index for index, (a, b) in enumerate(pairwise(path), start=1)}
    titles = _ladder_titles(kg)
    page = Page(title=" + ".join(titles) or "Career ladder", search_hint="a role or any of its titles",
                 subtitle=(f"{len(roles)} roles and {roles.number_of_edges()} moves by seniority and "
                           f"track ({_layers_text(kg)}); hover for titles, definitions and sources"),
                 decor=decor)
    for role, data in roles.nodes(data=True):
        x, y = positions[role]
        fill = colors(data.get("track_iri"))
        style: dict[str, Any] = {}
        if path and role not in on_path:
            style = {"text": "#6e7781", "border": "#b0bec5"}
            fill = "#eef1f4"
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
            edge["color"] = {"color": FADED, "highlight": FADED, "hover": FADED}
        elif path:
            step = step_by_move.get((source, target))
            edge.update(color={"color": HIGHLIGHT, "highlight": HIGHLIGHT, "hover": HIGHLIGHT},
                        width=5, step=index, arrows={"to": {"enabled": True, "scaleFactor": 0.6}})
            page.extra.setdefault("badges", []).append(
                {"from": source, "to": target, "text": str(index), "color": HIGHLIGHT})
            if step is not None:
                edge["tip"] = edge["tip"][:2] + _step_lines(step) + edge["tip"][2:]
        page.edges.append(edge)
    page.legend = [tracks_legend(roles, colors), moves_legend(d["kind"] for *_, d in roles.edges(data=True))]
    if path:
        page.legend.append({"title": "Path", "items": [
            {"swatch": {"type": "line", "color": HIGHLIGHT, "width": 3, "dash": ""},
             "text": "the path's moves, numbered"},
            {"swatch": {"type": "box", "fill": "#ffffff", "border": HIGHLIGHT, "width": 3},
             "text": "roles on the path"}]})
        page.extra["path"] = list(path)
    page.notes.append("Hover over a role or a move for its titles, definition and source passage; "
                      "drag to pan, scroll to zoom.")
    return page


def _skill_text(item: Any) -> tuple[str, Any, Any]:
    """(label, level, from level) of a gained or raised skill, as dict or object."""
    def get(name: str) -> Any:
        return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)
    level = next((get(n) for n in ("level", "to_level", "required", "proficiency") if get(n) is not None), None)
    start = next((get(n) for n in ("from_level", "current", "have") if get(n) is not None), None)
    return str(get("label") or get("skill") or "?"), level, start


def _step_lines(step: Any) -> list[str]:
    """Plain-text lines of one step's gap: skills to gain and to raise."""
    gain = [_skill_text(s) for s in getattr(step, "gain", ()) or ()]
    raised = [_skill_text(s) for s in getattr(step, "raise_", ()) or ()]
    lines = []
    if gain:
        lines.append("Gain: " + ", ".join(f"{label} (level {level})" if level is not None else label
                                          for label, level, _ in gain))
    if raised:
        lines.append("Raise: " + ", ".join(
            f"{label} ({start} → {level})" if start is not None else f"{label} (to {level})"
            for label, level, start in raised))
    if not lines:
        lines.append("No skill to gain or raise")
    responsibilities = list(getattr(step, "responsibilities", ()) or ())
    if responsibilities:
        lines.append(f"Takes on {len(responsibilities)} responsibilit{'y' if len(responsibilities) == 1 else 'ies'}")
    return lines


def path_view(kg: CareerGraph, source: str, target: str, *, via: str | None = None,
              avoid: Iterable[str] = (), kinds: Iterable[str] | str | None = None,
              track: str | None = None, weight: str | None = None) -> View:
    """The ladder with the best path from ``source`` to ``target`` highlighted, and each step's gap.

    Parameters
    ----------
    kg : CareerGraph
    source, target : str
        Roles, by any title or IRI.
    via, avoid, kinds, track
        Constraints, as :func:`careergraph.paths.shortest_path` takes them
        (``via`` and ``avoid`` by any title or IRI).
    weight : None, "moves" or "gap"
        Fewest moves (default), or the least skill gap.

    Raises
    ------
    RoleNotFound
        A title names no role.
    NoPath
        No path satisfies the question (the command line exits 1).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = path_view(load_graph(), "APM", "CPO")
    >>> view.title, view.node_count, view.edge_count
    ('Associate Product Manager → Chief Product Officer', 11, 9)
    """
    from careergraph.gap import path_gap, with_gap_costs
    from careergraph.paths import shortest_path
    from careergraph.project import role_graph
    from careergraph.names import TitleIndex

    titles = TitleIndex.for_graph(kg)
    graph = with_gap_costs(kg) if weight == "gap" else role_graph(kg)
    path = shortest_path(graph, titles.resolve(source), titles.resolve(target), kinds=kinds,
                         track=track, via=None if via is None else titles.resolve(via),
                         avoid=[titles.resolve(role) for role in avoid],
                         weight=None if weight in (None, "moves") else weight)
    return path_view_for(kg, path, path_gap(kg, path))


def path_view_for(kg: CareerGraph, path: Sequence[str], steps: Sequence[Any] = ()) -> View:
    """The ladder with a given path (role IRIs in order) and its steps' gaps.

    For callers that have already computed the path, such as ``careergraph
    path --html`` and ``careergraph plan --html`` (``steps`` are the
    ``StepGap`` objects of :func:`careergraph.gap.path_gap`, possibly for a
    person's own profile).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> pm = "https://w3id.org/careergraph/pm/"
    >>> view = path_view_for(load_graph(), [pm + "product-manager", pm + "senior-product-manager"])
    >>> view.title
    'Product Manager → Senior Product Manager'
    """
    from careergraph.project import role_graph

    roles = role_graph(kg)
    path = [str(role) for role in path]
    missing = [role for role in path if role not in roles]
    if missing:
        raise CareerGraphError(f"not a role of the graph: {missing[0]}")
    page = _ladder_page(kg, path, steps)
    labels = [roles.nodes[r]["label"] for r in path]
    page.title = f"{labels[0]} → {labels[-1]}" if len(labels) > 1 else labels[0]
    moves = len(path) - 1
    page.subtitle = (f"{moves} move{'s' if moves != 1 else ''}: {' → '.join(labels)} "
                     f"({_layers_text(kg)})")
    by_move = {(s.from_role, s.to_role): s for s in steps}
    for a, b in pairwise(path):
        kind = roles.edges[a, b]["kind_label"] if roles.has_edge(a, b) else "move"
        step = by_move.get((a, b))
        page.steps.append({"move": f"{roles.nodes[a]['label']} → {roles.nodes[b]['label']} ({kind})",
                           "lines": _step_lines(step) if step is not None else []})
    return render(page, kg)


# ----------------------------------------------------------------------------
# One role
# ----------------------------------------------------------------------------

def _levels(kg: CareerGraph) -> dict[int, str]:
    """The proficiency scale: level number -> its label."""
    rows = kg.query(
        "SELECT ?value ?label WHERE { ?level a cg:ProficiencyLevel ; rdf:value ?value ; "
        "skos:prefLabel ?label }")
    return {row.value.toPython(): str(row.label) for row in rows
            if isinstance(row.value.toPython(), int)}


def _categories_legend(entries: Iterable[tuple[Any, str | None, str | None]], colors: Colors,
                       title: str = "Skill categories") -> dict[str, Any]:
    """Legend of skill categories: entries of (order, category IRI, label)."""
    unique = sorted(set(entries), key=lambda e: (e[0] is None, e[0] or 0, e[2] or ""))
    return {"title": title, "items": [
        {"swatch": {"type": "box", "fill": colors(iri) if iri else NO_TRACK,
                    "border": darker(colors(iri) if iri else NO_TRACK)},
         "text": label or "no category"} for _, iri, label in unique]}


_FAN = {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                  "roundness": 0.6},
        "arrows": {"to": {"enabled": False}}}
"""Edges that fan out sideways from a role to a column of boxes, without arrow heads."""


def _stack(heights: Sequence[float], gap: float) -> list[float]:
    """The centres of boxes of the given heights stacked with ``gap`` between, centred on 0.

    Examples
    --------
    >>> _stack([10, 30], 10)
    [-20.0, 10.0]
    """
    total = sum(heights) + gap * max(0, len(heights) - 1)
    centres, top = [], -total / 2
    for height in heights:
        centres.append(top + height / 2)
        top += height + gap
    return centres


def _text_height(text: str, width: int, size: int = 14) -> float:
    """An estimate of the height of a wrapped box label."""
    per_line = max(8, int(width / (size * 0.52)))
    lines = max(1, math.ceil(len(text) / per_line))
    return lines * (size + 4) + 22


def role_view(kg: CareerGraph, role: str) -> View:
    """One role: its skills (by category, level on the edge), responsibilities and moves.

    Parameters
    ----------
    kg : CareerGraph
    role : str
        Any title of the role, or its IRI.

    Raises
    ------
    RoleNotFound
        With the closest titles as suggestions.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = role_view(load_graph(), "Director of Product")
    >>> view.title, view.node_count, view.edge_count
    ('Director of Product', 16, 15)
    """
    from careergraph.project import role_graph, skill_graph
    from careergraph.names import TitleIndex

    iri = TitleIndex.for_graph(kg).resolve(role)
    roles, skills = role_graph(kg), skill_graph(kg)
    data = roles.nodes[iri]
    levels = _levels(kg)
    categories = Colors(CATEGORY_COLORS)
    page = Page(title=data["label"], search_hint="a skill, responsibility or role",
                 subtitle=f"What the role asks and where it leads ({_layers_text(kg)})")
    page.nodes.append(box(iri, data["label"], 0, 0, Colors(TRACK_COLORS)(data.get("track_iri")),
                           width=(190, 220), size=20, border_width=3, tip=role_tip(data),
                           search=[data["label"], *data.get("alt_labels", [])], part="role"))
    page.drawn.add(iri)

    required = sorted(skills.successors(iri), key=lambda s: (
        skills.nodes[s].get("category_order") or 99, skills.nodes[s].get("category_label") or "",
        skills.nodes[s]["label"]))
    skill_ys = _stack([_text_height(skills.nodes[s]["label"], 230, 15) for s in required], 12)
    for skill, y in zip(required, skill_ys):
        info, need = skills.nodes[skill], skills.edges[iri, skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        level = need.get("proficiency")
        level_text = "level not given" if level is None else f"level {level}"
        importance = need.get("importance")
        tip = [info["label"], f"Category: {info.get('category_label') or 'none'}",
               f"{data['label']} needs it at {level_text}"
               + (f" ({levels[level]})" if level in levels else "")
               + (f", {importance}" if importance else ""),
               *sources_lines(need.get("sources", []))]
        page.nodes.append(box(skill, info["label"], -640, y, lighter(color, 0.82), text="#1f2328",
                               border=color, border_width=2, width=(230, 230), size=15,
                               tip=tip, part="skill"))
        page.edges.append({"id": f"{iri} requires {skill}", "from": iri, "to": skill,
                           "label": level_text, "part": "requirement", **_FAN,
                           "font": {"color": darker(color, 0.8)},
                           "color": {"color": color, "highlight": color, "hover": color},
                           "width": 3 if importance == "core" else 1.5,
                           "dashes": False if importance != "supporting" else [6, 4],
                           "tip": tip})
        page.drawn.update({skill, need["requirement"]})

    responsibilities = data.get("responsibilities", [])
    duty_ys = _stack([_text_height(r["label"], 260) for r in responsibilities], 14)
    for item, y in zip(responsibilities, duty_ys):
        page.nodes.append(box(item["iri"], item["label"], 640, y, RESPONSIBILITY_COLOR,
                               text="#1f2328", border="#90a4ae", width=(260, 260), size=14,
                               tip=[item["label"], f"A responsibility of the {data['label']}"],
                               part="responsibility"))
        page.edges.append({"id": f"{iri} has {item['iri']}", "from": iri, "to": item["iri"],
                           "part": "responsibility", "width": 1.5, **_FAN,
                           "color": {"color": "#90a4ae", "highlight": "#546e7a", "hover": "#546e7a"},
                           "tip": [f"{data['label']} is responsible for: {item['label']}"]})

    above = sorted(roles.successors(iri), key=lambda r: roles.nodes[r]["label"])
    below = sorted((r for r in roles.predecessors(iri) if r not in above), key=lambda r: roles.nodes[r]["label"])
    reach = max([abs(n["y"]) for n in page.nodes] + [150]) * 0.55 + 120
    for row, members in ((-reach, above), (reach, below)):
        for index, other in enumerate(members):
            x = (index - (len(members) - 1) / 2) * 230
            info = roles.nodes[other]
            page.nodes.append(box(other, info["label"], x, row, Colors(TRACK_COLORS)(info.get("track_iri")),
                                   tip=role_tip(info), search=[info["label"], *info.get("alt_labels", [])],
                                   part="move"))
            page.drawn.add(other)
    for source, target in [*((iri, r) for r in roles.successors(iri)),
                           *((r, iri) for r in roles.predecessors(iri))]:
        both = roles.has_edge(target, source)
        edge = move_edge(roles, source, target, part="move",
                          label=roles.edges[source, target]["kind_label"])
        if both:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        page.edges.append(edge)
        page.drawn.add(roles.edges[source, target]["transition"])

    page.decor = [
        {"type": "text", "x": -640, "y": min(skill_ys, default=0) - 60,
         "text": "Skills (required level on the line)", "size": 17, "bold": True, "align": "center"},
        {"type": "text", "x": 640, "y": min(duty_ys, default=0) - 60, "text": "Responsibilities",
         "size": 17, "bold": True, "align": "center"},
    ]
    if above:
        page.decor.append({"type": "text", "x": 0, "y": -reach - 50, "text": "Moves out of the role",
                           "size": 15, "bold": True, "align": "center"})
    if below:
        page.decor.append({"type": "text", "x": 0, "y": reach + 50, "text": "Moves into the role",
                           "size": 15, "bold": True, "align": "center"})
    page.legend = [
        _categories_legend(((skills.nodes[s].get("category_order"), skills.nodes[s].get("category"),
                             skills.nodes[s].get("category_label")) for s in required), categories),
        {"title": "Skill lines", "items": [
            {"swatch": {"type": "line", "color": "#546e7a", "width": 3, "dash": "", "arrow": False},
             "text": "core skill"},
            {"swatch": {"type": "line", "color": "#546e7a", "width": 1.5, "dash": "6 4", "arrow": False},
             "text": "supporting skill"}]},
        moves_legend(roles.edges[e]["kind"] for e in [*roles.in_edges(iri), *roles.out_edges(iri)]),
        {"title": "Other", "items": [
            {"swatch": {"type": "box", "fill": RESPONSIBILITY_COLOR, "border": "#90a4ae"},
             "text": "responsibility"}]},
    ]
    if levels:
        page.notes.append("Levels: " + "; ".join(f"{n} {label}" for n, label in sorted(levels.items())) + ".")
    page.extra["role"] = iri
    return render(page, kg)


# ----------------------------------------------------------------------------
# Skills against roles
# ----------------------------------------------------------------------------

def skills_view(kg: CareerGraph) -> View:
    """Skills (rows, by category) against roles (columns, by seniority), with each role's skill mix.

    Each required skill is a dot in its role's column (its size the required
    level, filled when core, hollow when supporting); under each column a
    bar shows the role's share of required skills per category, so the
    shift from hands-on and analytical skills to interpersonal and
    leadership skills shows at a glance.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> from careergraph.project import skill_graph
    >>> kg = load_graph()
    >>> view = skills_view(kg)
    >>> view.node_count == len(skill_graph(kg)) + skill_graph(kg).number_of_edges()
    True
    """
    from careergraph.project import role_graph, skill_graph

    roles, skills = role_graph(kg), skill_graph(kg)
    categories = Colors(CATEGORY_COLORS)
    tracks = Colors(TRACK_COLORS)
    columns = sorted(roles, key=lambda r: (roles.nodes[r].get("seniority") is None,
                                           roles.nodes[r].get("seniority") or 0,
                                           track_rank(roles.nodes[r].get("track_iri"),
                                                       roles.nodes[r].get("track")),
                                           roles.nodes[r]["label"]))
    skill_nodes = [s for s, d in skills.nodes(data=True) if d.get("kind") == "skill"]
    skill_nodes.sort(key=lambda s: (skills.nodes[s].get("category_order") or 99,
                                    skills.nodes[s].get("category_label") or "~",
                                    skills.nodes[s]["label"]))
    col_width, row_height, first_x, first_y = 128, 32, 330, 110
    x_of = {role: first_x + i * col_width for i, role in enumerate(columns)}
    y_of: dict[str, float] = {}
    bands: list[tuple[str | None, str | None, float, float]] = []
    y, previous = first_y, object()
    for skill in skill_nodes:
        category = skills.nodes[skill].get("category")
        if category != previous:
            if bands:
                y += 14
            bands.append((category, skills.nodes[skill].get("category_label"), y, y))
            previous = category
        y_of[skill] = y
        bands[-1] = (*bands[-1][:3], y)
        y += row_height
    right = first_x + (len(columns) - 0.5) * col_width
    page = Page(title="Skills by role and seniority", search_hint="a skill or role",
                 subtitle=(f"{len(skill_nodes)} skills against {len(columns)} roles in order of "
                           f"seniority ({_layers_text(kg)}); hover a dot for the requirement"))
    for category, label, top, bottom in bands:
        color = categories(category) if category else NO_TRACK
        page.decor.append({"type": "rect", "x": 0, "y": top - row_height / 2, "w": right + 10,
                           "h": bottom - top + row_height, "fill": lighter(color, 0.9)})
        page.decor.append({"type": "text", "x": -12, "y": (top + bottom) / 2, "text": label or "no category",
                           "size": 14, "bold": True, "align": "right", "color": darker(color, 0.8)})
    for role in columns:
        info = roles.nodes[role]
        page.nodes.append(box(role, info["label"], x_of[role], 20, tracks(info.get("track_iri")),
                               width=(100, 100), size=13, tip=role_tip(info),
                               search=[info["label"], *info.get("alt_labels", [])], part="role"))
        page.drawn.add(role)
    for skill in skill_nodes:
        info = skills.nodes[skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        page.nodes.append({**box(skill, info["label"], 160, y_of[skill], "#ffffff", text="#1f2328",
                                  border=color, width=(290, 290), size=14,
                                  tip=[info["label"], f"Category: {info.get('category_label') or 'none'}",
                                       f"Required by {skills.in_degree(skill)} role(s)"], part="skill"),
                           "shape": "text", "font": {"color": "#1f2328", "size": 14, "face": FONT,
                                                      "align": "left"}})
        page.drawn.add(skill)
    mix: dict[str, dict[Any, int]] = {role: defaultdict(int) for role in columns}
    for role, skill, need in skills.edges(data=True):
        if role not in x_of or skill not in y_of:
            continue
        info = skills.nodes[skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        level = need.get("proficiency")
        core = need.get("importance") != "supporting"
        mix[role][info.get("category")] += 1
        page.nodes.append({
            "id": need["requirement"], "label": " ", "x": x_of[role], "y": y_of[skill],
            "shape": "dot", "size": 4 + 2.2 * (level or 1), "borderWidth": 2,
            "color": {"background": color if core else "#ffffff", "border": color,
                      "highlight": {"background": color, "border": "#111111"},
                      "hover": {"background": color, "border": "#111111"}},
            "tip": [f"{roles.nodes[role]['label']}: {info['label']}",
                    f"Level {level if level is not None else 'not given'}, "
                    f"{need.get('importance') or 'importance not given'}",
                    f"Category: {info.get('category_label') or 'none'}",
                    *sources_lines(need.get("sources", []))],
            "search": [], "part": "requirement", "role": role, "skill": skill, "level": level})
        page.drawn.add(need["requirement"])
    bar_top, bar_height = y + 20, 170
    page.decor.append({"type": "text", "x": -12, "y": bar_top + bar_height / 2,
                       "text": "skill mix", "size": 14, "bold": True, "align": "right"})
    order = {c: i for i, (c, *_rest) in enumerate(bands)}
    for role in columns:
        total = sum(mix[role].values())
        left = x_of[role] - 24
        if not total:
            page.decor.append({"type": "text", "x": x_of[role], "y": bar_top + bar_height / 2,
                               "text": "none given", "size": 12, "align": "center"})
            continue
        top = bar_top
        for category in sorted(mix[role], key=lambda c: order.get(c, 99)):
            height = bar_height * mix[role][category] / total
            page.decor.append({"type": "rect", "x": left, "y": top, "w": 48, "h": height,
                               "fill": categories(category) if category else NO_TRACK, "stroke": "#ffffff"})
            top += height
    page.legend = [
        _categories_legend(((skills.nodes[s].get("category_order"), skills.nodes[s].get("category"),
                             skills.nodes[s].get("category_label")) for s in skill_nodes), categories),
        {"title": "Requirements", "items": [
            {"swatch": {"type": "dot", "radius": 4, "fill": "#546e7a", "border": "#546e7a"}, "text": "level 1"},
            {"swatch": {"type": "dot", "radius": 8, "fill": "#546e7a", "border": "#546e7a"}, "text": "level 5"},
            {"swatch": {"type": "dot", "radius": 6, "fill": "#ffffff", "border": "#546e7a"},
             "text": "hollow: supporting skill"}]},
        tracks_legend(roles, tracks),
    ]
    page.notes.append("Bars under the columns: each role's required skills by category; "
                      "read left to right to see the mix shift with seniority.")
    page.extra["columns"] = columns
    return render(page, kg)


# ----------------------------------------------------------------------------
# A CONSTRUCT query
# ----------------------------------------------------------------------------

MAX_QUERY_NODES = 2000
"""The most nodes a query view draws; more would not be readable."""


def query_view(kg: CareerGraph, query: str | Path, *, title: str | None = None,
               timeout: float | None = None) -> View:
    """The graph a SPARQL CONSTRUCT query returns.

    IRIs and blank nodes become nodes (coloured by ``rdf:type``, labelled by
    ``skos:prefLabel`` or ``rdfs:label`` from the result or the loaded
    graph); triples between them become edges labelled by the property;
    literal values go into the node's tooltip; ``rdf:type`` gives the colour
    rather than an edge. The layout settles once and then stays still.

    Parameters
    ----------
    kg : CareerGraph
    query : str or Path
        SPARQL text, a ``.rq`` file or the name of a named query
        (:func:`careergraph.sparql.queries.find_query`); it must be a CONSTRUCT.
    title : str, optional
        The page's title (default: the query's ``# Title:`` or "Query result").
    timeout : float, optional
        Seconds the query may run.

    Raises
    ------
    CareerGraphError
        The query is not a CONSTRUCT, or is refused by
        :func:`careergraph.sparql.guard.check_query` (updates, LOAD,
        SERVICE, FROM), or does not parse, or returns more than
        ``MAX_QUERY_NODES`` nodes.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = query_view(load_graph(), "CONSTRUCT { ?a cg:promotesTo ?b } WHERE { ?a cg:promotesTo ?b }")
    >>> view.node_count, view.edge_count
    (6, 5)
    >>> query_view(load_graph(), "SELECT * WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: draw query needs a CONSTRUCT query; this is a SELECT query
    """
    from rdflib import BNode, Literal, URIRef

    from careergraph.sparql.queries import find_query, prepare_query, run_prepared

    named = find_query(query)
    prepared = prepare_query(kg, named)
    if prepared.kind != "construct":
        raise CareerGraphError(f"draw query needs a CONSTRUCT query; this is a "
                               f"{prepared.kind.upper()} query")
    graph = run_prepared(kg, prepared, timeout=timeout).graph()
    title = title or named.title or "Query result"
    type_iri = URIRef(RDF + "type")
    label_properties = (URIRef(SKOS + "prefLabel"), URIRef(PREFIXES["rdfs"] + "label"))
    nodes: dict[Any, None] = {}
    types: dict[Any, list[Any]] = defaultdict(list)
    literals: dict[Any, list[str]] = defaultdict(list)
    links: list[tuple[Any, Any, Any]] = []
    for subject, predicate, value in sorted(graph, key=lambda t: tuple(map(str, t))):
        nodes.setdefault(subject)
        if predicate == type_iri:
            types[subject].append(value)
        elif isinstance(value, Literal):
            if predicate not in label_properties:
                literals[subject].append(f"{_short(kg, predicate)}: {value}")
        elif isinstance(value, (URIRef, BNode)):
            nodes.setdefault(value)
            links.append((subject, predicate, value))
    if len(nodes) > MAX_QUERY_NODES:
        raise CareerGraphError(f"the query returned {len(nodes):,} nodes; more than "
                               f"{MAX_QUERY_NODES:,} cannot be drawn readably: narrow it or add LIMIT")
    kg.prefetch(nodes)  # the labels of many nodes in one request on an endpoint
    colors = Colors({CG + "Role": "#2f6fb0", CG + "Skill": "#ef6c00",
                      CG + "Responsibility": "#607d8b", CG + "Transition": "#37474f"})
    page = Page(title=title, search_hint="a node's label",
                 subtitle=f"{len(nodes)} nodes and {len(links)} links from a CONSTRUCT query "
                          f"({_layers_text(kg)}); the layout settles once, then stays still",
                 stabilize=True)
    ids = {node: (str(node) if isinstance(node, URIRef) else f"_:{node}") for node in nodes}
    legend_types: dict[str, str] = {}
    for node in nodes:
        label = _node_label(kg, graph, node, label_properties)
        kind = sorted(types.get(node, []), key=str)
        color = colors(str(kind[0])) if kind else NO_TRACK
        if kind:
            legend_types[str(kind[0])] = _short(kg, kind[0])
        tip = [label, ids[node]] + ([f"type: {', '.join(_short(kg, t) for t in kind)}"] if kind else [])
        tip += literals.get(node, [])[:12]
        page.nodes.append(box(ids[node], label, None, None, color, width=(60, 180), size=14, tip=tip))
        if isinstance(node, URIRef):
            page.drawn.add(str(node))
    for index, (subject, predicate, value) in enumerate(links):
        page.edges.append({"id": f"t{index}", "from": ids[subject], "to": ids[value],
                           "label": _short(kg, predicate), "width": 1.5,
                           "color": {"color": "#78909c", "highlight": "#37474f", "hover": "#37474f"},
                           "font": {"size": 12}, "smooth": {"enabled": True, "type": "dynamic"},
                           "tip": [f"{_node_label(kg, graph, subject, label_properties)} "
                                   f"{_short(kg, predicate)} {_node_label(kg, graph, value, label_properties)}"]})
    untyped = any(not types.get(node) for node in nodes)
    page.legend = [
        {"title": "Node types", "items": [
            {"swatch": {"type": "box", "fill": colors(iri), "border": darker(colors(iri))}, "text": text}
            for iri, text in sorted(legend_types.items(), key=lambda t: t[1])]
            + ([{"swatch": {"type": "box", "fill": NO_TRACK, "border": darker(NO_TRACK)},
                 "text": "no type"}] if untyped else [])},
        {"title": "Links", "items": [
            {"swatch": {"type": "line", "color": "#78909c", "width": 1.5, "dash": ""}, "text": name}
            for name in sorted({_short(kg, predicate) for _, predicate, _ in links})]},
    ]
    page.notes.append("Edges carry the property's name; literal values are in the tooltips.")
    return render(page, kg)


def _short(kg: CareerGraph, term: Any) -> str:
    text = shorten(str(term))
    return text[1:-1] if text.startswith("<") else text


def _node_label(kg: CareerGraph, graph, node: Any, properties: Sequence[Any]) -> str:
    from rdflib import Literal

    for predicate in properties:
        values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
        if values:
            return str(sorted(values, key=lambda v: (v.language not in (None, "en"), str(v)))[0])
    label = kg.label(node)
    return _short(kg, node) if label == str(node) else label


VIEWS = ("ladder", "role", "path", "skills", "query")
"""The views ``careergraph draw`` knows."""

__all__ = [
    "VIEWS",
    "View",
    "attributions",
    "check_self_contained",
    "find_chromium",
    "ladder_positions",
    "ladder_view",
    "path_view",
    "path_view_for",
    "query_view",
    "role_view",
    "skills_view",
]
