"""The role view: one role with its skills (by category, level in the box), responsibilities and moves.

The role sits in the middle; its skills are stacked on the left, most
important first, each box saying the level required (the line's width and
the box's shade grow with it); its responsibilities are on the right, the
roles it leads to in a row above both columns and the roles that lead to it
in a row below them, so that no line to a skill runs under a move.

Big roles are summarised: at most :data:`TOP_REQUIREMENTS` skills and
:data:`TOP_MOVES` moves each way are drawn, and an "and N more" box lists the
rest in the page's side panel when clicked; ``all_requirements=True``
(``careergraph draw role ROLE --all``) draws every skill.

Examples
--------
>>> from careergraph.load import load_graph
>>> role_view(load_graph(), "Director of Product")
<View 'Director of Product': 16 nodes, 15 edges>
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from careergraph.names import TitleIndex
from careergraph.project import role_graph, skill_graph
from careergraph.views.layout import stack, text_height
from careergraph.views.page import Page, View, render
from careergraph.views.parts import box, box_swatch, categories_legend, move_edge, moves_legend
from careergraph.views.style import (CATEGORY_COLORS, INK, NEUTRAL, NO_TRACK, RESPONSIBILITY_BORDER,
                                     RESPONSIBILITY_COLOR, TRACK_COLORS, WHITE, Colors, hover_color, level_fill,
                                     level_width)
from careergraph.views.text import layers_text, level_meter, role_tip, sources_lines

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.career_graph import CareerGraph

TOP_REQUIREMENTS = 12
"""The most skills the role page draws (unless asked for all): core ones first, then by O*NET's
importance rating where there is one, then by level. The rest are listed by an "and N more" box."""
SUMMARISE_OVER = 15
"""A role with at most this many skills shows them all (an "and 2 more" box would save little)."""
TOP_MOVES = 4
"""The most moves drawn each way (out of the role, into it); with more, the first three and an
"and N more" box."""
SIDE = 470
"""How far left of the role its skills sit, and right of it its responsibilities."""
SKILL_WIDTH, DUTY_WIDTH, MOVE_WIDTH, MOVE_GAP = 220, 220, 140, 180
"""The widths of the boxes, and the distance between two moves' centres in a row."""

_FAN = {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                   "roundness": 0.6},
        "arrows": {"to": {"enabled": False}}}
"""Edges that fan out sideways from a role to a column of boxes, without arrow heads."""

_DASHED = {"borderDashes": [5, 4], "borderRadius": 5}
"""The border of an "and N more" box."""

_RATINGS = """SELECT ?requirement ?rating WHERE { ?role cg:requires ?requirement .
  ?requirement cg:onetImportance ?rating }"""
_RANKS = """SELECT ?move ?rank WHERE { { ?move cg:fromRole ?role } UNION { ?move cg:toRole ?role }
  ?move cg:relatednessRank ?rank }"""


def _levels(kg: CareerGraph) -> dict[int, str]:
    """The proficiency scale: level number -> its label."""
    rows = kg.query(
        "SELECT ?value ?label WHERE { ?level a cg:ProficiencyLevel ; skos:inScheme cg:ProficiencyScale ; "
        "rdf:value ?value ; skos:prefLabel ?label }")
    return {row.value.toPython(): str(row.label) for row in rows
            if isinstance(row.value.toPython(), int)}


def _numbers(kg: CareerGraph, query: str, iri: str) -> dict[str, float]:
    """IRI -> number, from a query of two variables about one role (bound as ``?role``)."""
    found = {}
    for row in kg.query(query, {"role": URIRef(iri)}):
        try:
            found[str(row[0])] = float(row[1].toPython())  # xsd:decimal arrives as Decimal
        except (TypeError, ValueError):
            continue
    return found


def role_view(kg: CareerGraph, role: str, *, all_requirements: bool = False) -> View:
    """One role: its skills (level in the box), responsibilities and moves, big roles summarised.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        Any title of the role, or its IRI.
    all_requirements : bool
        Draw every required skill; by default at most :data:`TOP_REQUIREMENTS`,
        the others listed in the side panel by an "and N more" box.

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
    page.extra["more"] = {}
    levels = _levels(kg)
    top = max(levels, default=5)
    required = _draw_skills(page, kg, iri, data, skills, categories, levels, all_requirements)
    _draw_responsibilities(page, iri, data)
    _draw_moves(page, kg, iri, roles, tracks)
    shown = [node["id"] for node in page.nodes if node.get("part") == "skill"]  # the legend: what is drawn
    drawn_levels = sorted({skills.edges[iri, s].get("proficiency") for s in shown} - {None})
    page.legend = [
        categories_legend(((skills.nodes[s].get("category_order"), skills.nodes[s].get("category"),
                            skills.nodes[s].get("category_label")) for s in shown), categories),
        {"title": "Required level", "items": [
            {"swatch": {"type": "box", "fill": level_fill(NEUTRAL, n, top), "border": NEUTRAL,
                        "width": level_width(n)},
             "text": f"{level_meter(n, top)} {n}" + (f" {levels[n]}" if n in levels else "")}
            for n in drawn_levels]},
        {"title": "Skill lines", "items": [] if not required else [
            {"swatch": {"type": "line", "color": NEUTRAL, "width": 3, "dash": "", "arrow": False},
             "text": "core skill (wider: higher level)"},
            {"swatch": {"type": "line", "color": NEUTRAL, "width": 1.5, "dash": "6 4", "arrow": False},
             "text": "supporting skill"}]},
        moves_legend(roles, [*roles.in_edges(iri), *roles.out_edges(iri)]),
        {"title": "Other", "items": [box_swatch(RESPONSIBILITY_COLOR, "responsibility", RESPONSIBILITY_BORDER)]
         if data.get("responsibilities") else []},
    ]
    page.legend = [section for section in page.legend if section["items"]]
    page.extra["role"] = iri
    return render(page, kg)


def _draw_skills(page: Page, kg: CareerGraph, iri: str, data: dict[str, Any], skills: nx.DiGraph,
                 categories: Colors, levels: dict[int, str], everything: bool) -> list[str]:
    """Stack the role's most important skills on the left; return all its skills, most important first."""
    ratings = _numbers(kg, _RATINGS, iri)
    importance_rank = {"core": 0, None: 1, "supporting": 2}

    def rank(skill: str) -> tuple[Any, ...]:
        need = skills.edges[iri, skill]
        return (importance_rank.get(need.get("importance"), 1), -ratings.get(need["requirement"], 0),
                -(need.get("proficiency") or 0), skills.nodes[skill]["label"])

    required = sorted(skills.successors(iri), key=rank)
    shown = required if everything or len(required) <= SUMMARISE_OVER else required[:TOP_REQUIREMENTS]
    rest = required[len(shown):]
    top = max(levels, default=5)
    labels = [_skill_label(skills.nodes[s]["label"], skills.edges[iri, s].get("proficiency"), top)
              for s in shown]
    heights = [_height(label, SKILL_WIDTH, 15) for label in labels] + ([41] if rest else [])
    skill_ys = stack(heights, 8)
    for skill, label, y in zip(shown, labels, skill_ys):
        info, need = skills.nodes[skill], skills.edges[iri, skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        level = need.get("proficiency")
        tip = _requirement_tip(data, info, need, levels, ratings.get(need["requirement"]))
        page.nodes.append(box(skill, label, -SIDE, y, level_fill(color, level, top), text=INK,
                              border=color, border_width=2, width=(SKILL_WIDTH, SKILL_WIDTH), size=15,
                              tip=tip, part="skill", level=level))
        page.edges.append({"id": f"{iri} requires {skill}", "from": iri, "to": skill,
                           "part": "requirement", "level": level, **_FAN, "color": hover_color(color),
                           "width": level_width(level),
                           "dashes": False if need.get("importance") != "supporting" else [6, 4],
                           "tip": tip})
        page.drawn.update({skill, need["requirement"]})
    if rest:
        more = f"{iri} more requirements"
        page.nodes.append(box(more, f"and {len(rest)} more", -SIDE, skill_ys[-1], WHITE, text=INK,
                              border=NEUTRAL, width=(SKILL_WIDTH, SKILL_WIDTH), size=15,
                              tip=[f"{len(rest)} more skills", "Click to list them in the side panel"],
                              search=[], part="more requirements", shapeProperties=_DASHED))
        page.extra["more"][more] = {
            "title": f"{len(rest)} more skills of {data['label']}",
            "items": [_skill_line(skills.nodes[s]["label"], skills.edges[iri, s], levels,
                                  ratings.get(skills.edges[iri, s]["requirement"])) for s in rest]}
        page.drawn.update(s for s in rest)
        page.drawn.update(skills.edges[iri, s]["requirement"] for s in rest)
        page.notes.append(f"The {TOP_REQUIREMENTS} most important of {len(required)} skills are drawn "
                          "(core first, then by importance rating and level); click “and "
                          f"{len(rest)} more” for the others, or draw with --all.")
    heading = "Skills, most important first" if rest or ratings else "Skills"
    page.decor.append({"type": "text", "x": -SIDE, "y": min(skill_ys, default=0) - 50,
                       "text": heading if required else "Skills: none given", "size": 17, "bold": True,
                       "align": "center"})
    return required


def _height(label: str, width: int, size: int) -> float:
    """The height of a box whose label has several lines, each wrapping at ``width``."""
    margins = text_height("", width, size) - (size + 4)
    return sum(text_height(line, width, size) - margins for line in label.split("\n")) + margins


def _skill_label(label: str, level: int | None, top: int) -> str:
    """The text of a skill's box: its name, then its level as a meter and a number."""
    return f"{label}\n" + ("level not given" if level is None else f"{level_meter(level, top)} level {level}")


def _requirement_tip(data: dict[str, Any], info: dict[str, Any], need: dict[str, Any],
                     levels: dict[int, str], rating: float | None) -> list[str]:
    """The tooltip of a required skill."""
    level = need.get("proficiency")
    return [info["label"], f"Category: {info.get('category_label') or 'none'}",
            f"{data['label']} needs it at " + ("level not given" if level is None else f"level {level}")
            + (f" ({levels[level]})" if level in levels else "")
            + (f", {need['importance']}" if need.get("importance") else "")
            + (f"; importance rating {rating:g}" if rating is not None else ""),
            *sources_lines(need.get("sources", []))]


def _skill_line(label: str, need: dict[str, Any], levels: dict[int, str], rating: float | None) -> str:
    """One line of the side panel's list of the skills not drawn."""
    level = need.get("proficiency")
    parts = [label, "level not given" if level is None else f"level {level}"
             + (f" ({levels[level]})" if level in levels else "")]
    if need.get("importance"):
        parts.append(need["importance"])
    if rating is not None:
        parts.append(f"importance rating {rating:g}")
    return " · ".join(parts)


def _draw_responsibilities(page: Page, iri: str, data: dict[str, Any]) -> None:
    """Stack the role's responsibilities on the right."""
    responsibilities = data.get("responsibilities", [])
    duty_ys = stack([text_height(r["label"], DUTY_WIDTH, 14) for r in responsibilities], 10)
    for item, y in zip(responsibilities, duty_ys):
        page.nodes.append(box(item["iri"], item["label"], SIDE, y, RESPONSIBILITY_COLOR,
                              text=INK, border=RESPONSIBILITY_BORDER, width=(DUTY_WIDTH, DUTY_WIDTH), size=14,
                              tip=[item["label"], f"A responsibility of the {data['label']}"],
                              part="responsibility"))
        page.edges.append({"id": f"{iri} has {item['iri']}", "from": iri, "to": item["iri"],
                           "part": "responsibility", "width": 1.5, **_FAN,
                           "color": hover_color(RESPONSIBILITY_BORDER, NEUTRAL),
                           "tip": [f"{data['label']} is responsible for: {item['label']}"]})
    if responsibilities:
        page.decor.append({"type": "text", "x": SIDE, "y": min(duty_ys) - 50,
                           "text": "Responsibilities", "size": 17, "bold": True, "align": "center"})


def _draw_moves(page: Page, kg: CareerGraph, iri: str, roles: nx.DiGraph, tracks: Colors) -> None:
    """The roles the role leads to (a row above the columns) and comes from (a row below them)."""
    ranks = _numbers(kg, _RANKS, iri)
    order = {kind: i for i, kind in enumerate(roles.graph.get("kinds", ()))}

    def rank(edge: tuple[str, str], other: str) -> tuple[Any, ...]:
        data = roles.edges[edge]
        return (order.get(data["kind"], len(order)), ranks.get(data["transition"], 0),
                roles.nodes[other]["label"])

    out = sorted(roles.successors(iri), key=lambda r: rank((iri, r), r))
    into = sorted((r for r in roles.predecessors(iri) if r not in out), key=lambda r: rank((r, iri), r))
    # Above and below both columns, so that no move's box sits among the lines to the skills.
    extent = max([abs(n["y"]) + 40 for n in page.nodes if n.get("part") != "role"] + [0])
    reach = max(130, extent + 75)
    for row, members, way in ((-reach, out, "out of"), (reach, into, "into")):
        shown = members if len(members) <= TOP_MOVES else members[:TOP_MOVES - 1]
        rest = members[len(shown):]
        slots = len(shown) + bool(rest)
        for index, other in enumerate(shown):
            info = roles.nodes[other]
            page.nodes.append(box(other, info["label"], (index - (slots - 1) / 2) * MOVE_GAP, row,
                                  tracks(info.get("track_iri")), width=(MOVE_WIDTH - 10, MOVE_WIDTH),
                                  size=14, tip=role_tip(info),
                                  search=[info["label"], *info.get("alt_labels", [])], part="move"))
            page.drawn.add(other)
        if rest:
            more = f"{iri} more moves {way}"
            page.nodes.append(box(more, f"and {len(rest)} more", (slots - 1) / 2 * MOVE_GAP, row, WHITE,
                                  text=INK, border=NEUTRAL, width=(MOVE_WIDTH - 10, MOVE_WIDTH), size=14,
                                  tip=[f"{len(rest)} more moves {way} the role", "Click to list them"],
                                  search=[], part=f"more moves {way}", shapeProperties=_DASHED))
            ends = [(iri, r) if way == "out of" else (r, iri) for r in rest]
            page.extra["more"][more] = {
                "title": f"{len(rest)} more moves {way} {roles.nodes[iri]['label']}",
                "items": [f"{roles.nodes[r]['label']} · {roles.edges[e]['kind_label']}" for r, e in zip(rest, ends)]}
            page.edges.append({"id": f"{iri} -> {more}", "from": iri if way == "out of" else more,
                               "to": more if way == "out of" else iri, "part": "more moves",
                               "color": hover_color(NEUTRAL), "width": 1.5, "dashes": [2, 4],
                               "tip": [f"{len(rest)} more moves {way} the role"]})
            page.drawn.update(roles.edges[e]["transition"] for e in ends)
        if members:
            page.decor.append({"type": "text", "x": 0, "y": row + (-55 if way == "out of" else 55),
                               "text": f"Moves {way} the role", "size": 15, "bold": True, "align": "center"})
    for source, target in [*((iri, r) for r in out), *((r, iri) for r in into)]:
        other = target if source == iri else source
        if not any(n["id"] == other for n in page.nodes):
            continue
        labelled = len(out if source == iri else into) <= 2
        edge = move_edge(roles, source, target, part="move",
                         **({"label": roles.edges[source, target]["kind_label"]} if labelled else {}))
        if roles.has_edge(target, source):
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        page.edges.append(edge)
        page.drawn.add(roles.edges[source, target]["transition"])
