"""The role view: one role with its skills (by category, level on the line), responsibilities and moves.

The role sits in the middle; its skills are stacked on the left, its
responsibilities on the right, the roles it leads to above and the roles
that lead to it below.

Examples
--------
>>> from careergraph.load import load_graph
>>> role_view(load_graph(), "Director of Product")
<View 'Director of Product': 16 nodes, 15 edges>
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careergraph.names import TitleIndex
from careergraph.project import role_graph, skill_graph
from careergraph.views.layout import stack, text_height
from careergraph.views.page import Page, View, render
from careergraph.views.parts import box, box_swatch, categories_legend, move_edge, moves_legend
from careergraph.views.style import (CATEGORY_COLORS, INK, NEUTRAL, NO_TRACK, RESPONSIBILITY_BORDER,
                                     RESPONSIBILITY_COLOR, TRACK_COLORS, Colors, darker, hover_color, lighter)
from careergraph.views.text import layers_text, role_tip, sources_lines

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.career_graph import CareerGraph

SIDE = 640
"""How far left of the role its skills sit, and right of it its responsibilities."""

_FAN = {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                   "roundness": 0.6},
        "arrows": {"to": {"enabled": False}}}
"""Edges that fan out sideways from a role to a column of boxes, without arrow heads."""


def _levels(kg: CareerGraph) -> dict[int, str]:
    """The proficiency scale: level number -> its label."""
    rows = kg.query(
        "SELECT ?value ?label WHERE { ?level a cg:ProficiencyLevel ; skos:inScheme cg:ProficiencyScale ; "
        "rdf:value ?value ; skos:prefLabel ?label }")
    return {row.value.toPython(): str(row.label) for row in rows
            if isinstance(row.value.toPython(), int)}


def role_view(kg: CareerGraph, role: str) -> View:
    """One role: its skills (by category, level on the edge), responsibilities and moves.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        Any title of the role, or its IRI.

    Returns
    -------
    View
        The role, its required skills, its responsibilities and the roles it moves to and from.

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
    iri = TitleIndex.for_graph(kg).resolve(role)
    roles, skills = role_graph(kg), skill_graph(kg)
    data = roles.nodes[iri]
    categories, tracks = Colors(CATEGORY_COLORS), Colors(TRACK_COLORS)
    page = Page(title=data["label"], search_hint="a skill, responsibility or role",
                subtitle=f"What the role asks and where it leads ({layers_text(kg)})")
    page.nodes.append(box(iri, data["label"], 0, 0, tracks(data.get("track_iri")),
                          width=(190, 220), size=20, border_width=3, tip=role_tip(data),
                          search=[data["label"], *data.get("alt_labels", [])], part="role"))
    page.drawn.add(iri)
    levels = _levels(kg)
    required = _draw_skills(page, iri, data, skills, categories, levels)
    _draw_responsibilities(page, iri, data)
    _draw_moves(page, iri, roles, tracks)
    page.legend = [
        categories_legend(((skills.nodes[s].get("category_order"), skills.nodes[s].get("category"),
                            skills.nodes[s].get("category_label")) for s in required), categories),
        {"title": "Skill lines", "items": [
            {"swatch": {"type": "line", "color": NEUTRAL, "width": 3, "dash": "", "arrow": False},
             "text": "core skill"},
            {"swatch": {"type": "line", "color": NEUTRAL, "width": 1.5, "dash": "6 4", "arrow": False},
             "text": "supporting skill"}]},
        moves_legend(roles, [*roles.in_edges(iri), *roles.out_edges(iri)]),
        {"title": "Other", "items": [box_swatch(RESPONSIBILITY_COLOR, "responsibility", RESPONSIBILITY_BORDER)]},
    ]
    if levels:
        page.notes.append("Levels: " + "; ".join(f"{n} {label}" for n, label in sorted(levels.items())) + ".")
    page.extra["role"] = iri
    return render(page, kg)


def _draw_skills(page: Page, iri: str, data: dict[str, Any], skills: nx.DiGraph, categories: Colors,
                 levels: dict[int, str]) -> list[str]:
    """Stack the role's required skills on the left, by category; return them in that order."""
    required = sorted(skills.successors(iri), key=lambda s: (
        skills.nodes[s].get("category_order") or 99, skills.nodes[s].get("category_label") or "",
        skills.nodes[s]["label"]))
    skill_ys = stack([text_height(skills.nodes[s]["label"], 230, 15) for s in required], 12)
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
        page.nodes.append(box(skill, info["label"], -SIDE, y, lighter(color, 0.82), text=INK,
                              border=color, border_width=2, width=(230, 230), size=15,
                              tip=tip, part="skill"))
        page.edges.append({"id": f"{iri} requires {skill}", "from": iri, "to": skill,
                           "label": level_text, "part": "requirement", **_FAN,
                           "font": {"color": darker(color, 0.8)}, "color": hover_color(color),
                           "width": 3 if importance == "core" else 1.5,
                           "dashes": False if importance != "supporting" else [6, 4],
                           "tip": tip})
        page.drawn.update({skill, need["requirement"]})
    page.decor.append({"type": "text", "x": -SIDE, "y": min(skill_ys, default=0) - 60,
                       "text": "Skills (required level on the line)", "size": 17, "bold": True,
                       "align": "center"})
    return required


def _draw_responsibilities(page: Page, iri: str, data: dict[str, Any]) -> None:
    """Stack the role's responsibilities on the right."""
    responsibilities = data.get("responsibilities", [])
    duty_ys = stack([text_height(r["label"], 260) for r in responsibilities], 14)
    for item, y in zip(responsibilities, duty_ys):
        page.nodes.append(box(item["iri"], item["label"], SIDE, y, RESPONSIBILITY_COLOR,
                              text=INK, border=RESPONSIBILITY_BORDER, width=(260, 260), size=14,
                              tip=[item["label"], f"A responsibility of the {data['label']}"],
                              part="responsibility"))
        page.edges.append({"id": f"{iri} has {item['iri']}", "from": iri, "to": item["iri"],
                           "part": "responsibility", "width": 1.5, **_FAN,
                           "color": hover_color(RESPONSIBILITY_BORDER, NEUTRAL),
                           "tip": [f"{data['label']} is responsible for: {item['label']}"]})
    page.decor.append({"type": "text", "x": SIDE, "y": min(duty_ys, default=0) - 60,
                       "text": "Responsibilities", "size": 17, "bold": True, "align": "center"})


def _draw_moves(page: Page, iri: str, roles: nx.DiGraph, tracks: Colors) -> None:
    """The roles the role leads to (a row above) and comes from (a row below), and the moves."""
    above = sorted(roles.successors(iri), key=lambda r: roles.nodes[r]["label"])
    below = sorted((r for r in roles.predecessors(iri) if r not in above), key=lambda r: roles.nodes[r]["label"])
    reach = max([abs(n["y"]) for n in page.nodes] + [150]) * 0.55 + 120
    for row, members in ((-reach, above), (reach, below)):
        for index, other in enumerate(members):
            x = (index - (len(members) - 1) / 2) * 230
            info = roles.nodes[other]
            page.nodes.append(box(other, info["label"], x, row, tracks(info.get("track_iri")),
                                  tip=role_tip(info), search=[info["label"], *info.get("alt_labels", [])],
                                  part="move"))
            page.drawn.add(other)
    for source, target in [*((iri, r) for r in roles.successors(iri)),
                           *((r, iri) for r in roles.predecessors(iri))]:
        edge = move_edge(roles, source, target, part="move",
                         label=roles.edges[source, target]["kind_label"])
        if roles.has_edge(target, source):
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        page.edges.append(edge)
        page.drawn.add(roles.edges[source, target]["transition"])
    if above:
        page.decor.append({"type": "text", "x": 0, "y": -reach - 50, "text": "Moves out of the role",
                           "size": 15, "bold": True, "align": "center"})
    if below:
        page.decor.append({"type": "text", "x": 0, "y": reach + 50, "text": "Moves into the role",
                           "size": 15, "bold": True, "align": "center"})
