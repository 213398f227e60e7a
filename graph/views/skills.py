"""The skills view: skills (rows, by category) against roles (columns, by seniority), with each role's mix.

Examples
--------
>>> from careergraph.load import load_graph
>>> view = skills_view(load_graph())
>>> view.title
'Skills by role and seniority'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from careergraph.project import role_graph, skill_graph
from careergraph.views.layout import SKILL_ROW_HEIGHT, SkillsGrid, by_seniority, skills_grid
from careergraph.views.page import Page, View, render
from careergraph.views.parts import box, categories_legend, tracks_legend
from careergraph.views.style import (CATEGORY_COLORS, FONT, INK, NEUTRAL, NO_TRACK, SELECTED, TRACK_COLORS,
                                     WHITE, Colors, darker, level_fill, level_radius, lighter)
from careergraph.views.text import layers_text, role_tip, sources_lines

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.career_graph import CareerGraph

READABLE_PX = 12.5
"""The least size, in CSS pixels, of the row and column labels when the page opens (at 100% zoom)."""
BAR_HEIGHT, BAR_WIDTH = 170, 48
"""The size of the bar under each column that shows the role's skill mix."""


def skills_view(kg: CareerGraph) -> View:
    """Skills (rows, by category) against roles (columns, by seniority), with each role's skill mix.

    Each required skill is a dot in its role's column (its size the required
    level, filled when core, hollow when supporting); under each column a
    bar shows the role's share of required skills per category, so the
    shift from hands-on and analytical skills to interpersonal and
    leadership skills shows at a glance.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    View
        One node per role (the column heads), per skill (the rows) and per requirement (the dots).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg = load_graph()
    >>> view = skills_view(kg)
    >>> view.node_count == len(skill_graph(kg)) + skill_graph(kg).number_of_edges()
    True
    """
    roles, skills = role_graph(kg), skill_graph(kg)
    categories, tracks = Colors(CATEGORY_COLORS), Colors(TRACK_COLORS)
    columns = by_seniority(roles)
    skill_nodes = [s for s, d in skills.nodes(data=True) if d.get("kind") == "skill"]
    skill_nodes.sort(key=lambda s: (skills.nodes[s].get("category_order") or 99,
                                    skills.nodes[s].get("category_label") or "~",
                                    skills.nodes[s]["label"]))
    grid = skills_grid(columns, skill_nodes, skills)
    page = Page(title="Skills by role and seniority", search_hint="a skill or role",
                subtitle=(f"{len(skill_nodes)} skills against {len(columns)} roles in order of "
                          f"seniority ({layers_text(kg)}); hover a dot for the requirement"))
    for category, label, top, bottom in grid.bands:
        color = categories(category) if category else NO_TRACK
        page.decor.append({"type": "rect", "x": 0, "y": top - SKILL_ROW_HEIGHT / 2, "w": grid.right + 10,
                           "h": bottom - top + SKILL_ROW_HEIGHT, "fill": lighter(color, 0.9)})
        page.decor.append({"type": "text", "x": -12, "y": (top + bottom) / 2, "text": label or "no category",
                           "size": 14, "bold": True, "align": "right", "color": darker(color, 0.8)})
    for role in columns:
        info = roles.nodes[role]
        page.nodes.append(box(role, info["label"], grid.x[role], 20, tracks(info.get("track_iri")),
                              width=(92, 92), size=13, tip=role_tip(info),
                              search=[info["label"], *info.get("alt_labels", [])], part="role"))
        page.drawn.add(role)
    for skill in skill_nodes:
        info = skills.nodes[skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        page.nodes.append({**box(skill, info["label"], 160, grid.y[skill], WHITE, text=INK,
                                 border=color, width=(290, 290), size=14,
                                 tip=[info["label"], f"Category: {info.get('category_label') or 'none'}",
                                      f"Required by {skills.in_degree(skill)} role(s)"], part="skill"),
                           "shape": "text", "font": {"color": INK, "size": 14, "face": FONT, "align": "left"}})
        page.drawn.add(skill)
    mix = _draw_requirements(page, roles, skills, grid, categories, columns)
    _draw_mix_bars(page, grid, mix, categories, columns)
    page.legend = [
        categories_legend(((skills.nodes[s].get("category_order"), skills.nodes[s].get("category"),
                            skills.nodes[s].get("category_label")) for s in skill_nodes), categories),
        {"title": "Required level", "items": [
            *({"swatch": {"type": "dot", "radius": level_radius(n), "fill": level_fill(NEUTRAL, n),
                          "border": darker(level_fill(NEUTRAL, n), 0.85)}, "text": f"level {n}"}
              for n in range(1, 6)),
            {"swatch": {"type": "dot", "radius": level_radius(3), "fill": WHITE,
                        "border": darker(level_fill(NEUTRAL, 3), 0.85), "width": 3},
             "text": "hollow: supporting skill"}]},
        tracks_legend(roles, tracks),
    ]
    page.notes.append("Bars under the columns: each role's required skills by category; "
                      "read left to right to see the mix shift with seniority.")
    page.extra["columns"] = columns
    page.extra["tip_clear"] = ["role"]  # tooltips keep clear of the column heads
    page.extra["readable_px"] = READABLE_PX
    return render(page, kg)


def _draw_requirements(page: Page, roles: nx.DiGraph, skills: nx.DiGraph, grid: SkillsGrid,
                       categories: Colors, columns: list[str]) -> dict[str, dict[Any, int]]:
    """A dot for each requirement in its role's column and skill's row; return each role's count by category."""
    mix: dict[str, dict[Any, int]] = {role: defaultdict(int) for role in columns}
    top = max([need.get("proficiency") or 0 for _, _, need in skills.edges(data=True)] + [5])
    for role, skill, need in skills.edges(data=True):
        if role not in grid.x or skill not in grid.y:
            continue
        info = skills.nodes[skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        level = need.get("proficiency")
        core = need.get("importance") != "supporting"
        mix[role][info.get("category")] += 1
        shade = level_fill(color, level, top) if level is not None else lighter(color, 0.5)
        page.nodes.append({
            "id": need["requirement"], "label": " ", "x": grid.x[role], "y": grid.y[skill],
            "shape": "dot", "size": level_radius(level), "borderWidth": 2 if core else 3,
            "color": {"background": shade if core else WHITE, "border": darker(shade, 0.85),
                      "highlight": {"background": shade if core else WHITE, "border": SELECTED},
                      "hover": {"background": shade if core else WHITE, "border": SELECTED}},
            "tip": [f"{roles.nodes[role]['label']}: {info['label']}",
                    f"Level {level if level is not None else 'not given'}, "
                    f"{need.get('importance') or 'importance not given'}",
                    f"Category: {info.get('category_label') or 'none'}",
                    *sources_lines(need.get("sources", []))],
            "search": [], "part": "requirement", "role": role, "skill": skill, "level": level})
        page.drawn.add(need["requirement"])
    return mix


def _draw_mix_bars(page: Page, grid: SkillsGrid, mix: dict[str, dict[Any, int]], categories: Colors,
                   columns: list[str]) -> None:
    """Under each column, a bar of the role's required skills by category, in the rows' order."""
    bar_top = grid.bottom + 20
    page.decor.append({"type": "text", "x": -12, "y": bar_top + BAR_HEIGHT / 2,
                       "text": "skill mix", "size": 14, "bold": True, "align": "right"})
    order = {c: i for i, (c, *_rest) in enumerate(grid.bands)}
    for role in columns:
        total = sum(mix[role].values())
        left = grid.x[role] - BAR_WIDTH // 2
        if not total:
            page.decor.append({"type": "text", "x": grid.x[role], "y": bar_top + BAR_HEIGHT / 2,
                               "text": "none given", "size": 12, "align": "center"})
            continue
        top = bar_top
        for category in sorted(mix[role], key=lambda c: order.get(c, 99)):
            height = BAR_HEIGHT * mix[role][category] / total
            page.decor.append({"type": "rect", "x": left, "y": top, "w": BAR_WIDTH, "h": height,
                               "fill": categories(category) if category else NO_TRACK, "stroke": WHITE})
            top += height
