"""Where things go on the canvas: the ladder's seniority x track grid, the skills grid, stacks of boxes.

Positions are computed here, in canvas pixels (y grows downwards), so the
views draw with physics off; only the query view, whose shape is unknown,
lets vis-network's physics settle once.

Examples
--------
>>> stack([10, 30], 10)
[-20.0, 10.0]
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careergraph.views.style import BAND_FILL, INK, MUTED, track_rank, track_text_color

if TYPE_CHECKING:
    import networkx as nx

LEVEL_GAP = 120
"""The height of one row of a seniority band of the ladder."""
SLOT_WIDTH = 230
"""The width of one role's place in the ladder."""
TRACK_GAP = 50
"""The space between two tracks' columns."""
MAX_PER_ROW = 6
"""The most roles side by side in one cell of the ladder before a new row starts."""
LANE_GAP = 130
"""The space between two ladders' lanes (a line runs down its middle)."""
LANE_TITLE_SIZE = 20
"""The font size of a lane's header (its ladder's title)."""
TRACK_LINE = 14
"""With lanes, a track's name wraps after this many characters."""
LANE_MIN_WIDTH = 420
"""The least width of a lane, so that its title reads in two or three lines."""


@dataclass(frozen=True)
class Lane:
    """One ladder's lane (column group) of the ladder view: its header and its roles.

    Parameters
    ----------
    title : str
        The header: the ladder's title (empty: no header, as with one ladder).
    note : str
        The line under the header (the ladder's short name, how many roles).
    roles : tuple of str
        The roles drawn in the lane.
    """

    title: str = ""
    note: str = ""
    roles: tuple[str, ...] = ()


def ladder_positions(roles: nx.DiGraph, lanes: Sequence[Lane] = ()) -> tuple[dict[str, tuple[float, float]],
                                                                            list[dict[str, Any]]]:
    """Positions of the roles by seniority (entry level at the bottom), ladder (lanes) and track (columns).

    Each ladder is a lane, side by side in the order given, with its title
    above it and a line between two lanes; inside a lane each track is a
    column. Each seniority level is a band across every lane, the entry
    level at the bottom. Roles sharing a level, a lane and a track sit side
    by side (wrapping after :data:`MAX_PER_ROW`), ordered to keep moves short.

    Parameters
    ----------
    roles : networkx.DiGraph
        The role graph, with ``label``, ``seniority``, ``track`` and ``track_iri`` on each node.
    lanes : sequence of Lane
        The lanes, left to right; empty (or one lane without a title) draws
        one lane and no header. Roles in no lane go into the last one.

    Returns
    -------
    positions : dict of str to (float, float)
        Each role's centre.
    decor : list of dict
        The bands, headings and lane lines to draw behind the graph (``rect``, ``text`` and ``line`` shapes).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("a", label="A", seniority=1, track="ic", track_iri="ic")
    >>> g.add_node("b", label="B", seniority=2, track="ic", track_iri="ic")
    >>> positions, decor = ladder_positions(g)
    >>> positions["a"][1] > positions["b"][1]   # entry level lower on the page
    True
    >>> positions, decor = ladder_positions(g, [Lane("One", roles=("a",)), Lane("Two", roles=("b",))])
    >>> positions["a"][0] < positions["b"][0], [d["text"] for d in decor if d.get("bold")][:2]
    (True, ['One', 'Two'])
    """
    lanes = list(lanes) or [Lane(roles=tuple(roles))]
    lane_of = {role: index for index, lane in enumerate(lanes) for role in lane.roles}
    levels = sorted({d.get("seniority") for _, d in roles.nodes(data=True)},
                    key=lambda s: (s is None, s or 0))
    cells: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    for role, data in roles.nodes(data=True):
        column = (lane_of.get(role, len(lanes) - 1), data.get("track_iri"))
        cells[data.get("seniority"), column].append(role)
    labels = {(lane_of.get(r, len(lanes) - 1), d.get("track_iri")): d.get("track")
              for r, d in roles.nodes(data=True)}
    columns = sorted(labels, key=lambda c: (c[0], track_rank(c[1], labels[c])))
    per_row = {c: min(MAX_PER_ROW, max(len(cells[level, c]) for level in levels) or 1) for c in columns}
    several = len(lanes) > 1 or bool(lanes[0].title)
    # a column is as wide as its roles, and (with lanes) as its heading; a lane as its title needs
    width = {c: max(per_row[c] * SLOT_WIDTH, several * (min(len(labels[c] or "no track"), TRACK_LINE) * 14 + 30))
             for c in columns}
    left: dict[Any, float] = {}
    spans: dict[int, list[float]] = {}
    x = 0.0
    for index in dict.fromkeys(c[0] for c in columns):
        mine = [c for c in columns if c[0] == index]
        need = sum(width[c] for c in mine) + TRACK_GAP * (len(mine) - 1)
        pad = max(0.0, LANE_MIN_WIDTH - need) / 2 if several else 0.0
        start = x
        x += pad
        for column in mine:
            left[column] = x + (width[column] - per_row[column] * SLOT_WIDTH) / 2
            x += width[column] + TRACK_GAP
        x += pad - TRACK_GAP
        spans[index] = [start, x]
        x += LANE_GAP
    right_edge = x - LANE_GAP
    rows = {level: max(math.ceil(len(cells[level, c]) / per_row[c]) for c in columns) for level in levels}
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
            for column in columns:
                members = cells[level, column]
                members.sort(key=lambda r: (_mean_x(roles, r, placed if sweep else positions),
                                            roles.nodes[r]["label"]))
                width = per_row[column]
                for index, role in enumerate(members):
                    row, place = divmod(index, width)
                    in_row = min(width, len(members) - row * width)
                    offset = (width - in_row) / 2
                    positions[role] = (left[column] + (place + offset + 0.5) * SLOT_WIDTH,
                                       top[level] + (row + 0.5) * LEVEL_GAP)
    decor: list[dict[str, Any]] = []
    margin = 170 + 130 * several  # room on the left for the bands' names
    for index, level in enumerate(levels):
        band_top, height = top[level], rows[level] * LEVEL_GAP
        if index % 2 == 0:
            decor.append({"type": "rect", "x": -margin, "y": band_top, "w": right_edge + margin + 20,
                          "h": height, "fill": BAND_FILL})
        name = "outside the ladder" if level is None else f"seniority {level}"
        if index == 0 and level is not None:
            name += " (entry)"
        decor.append({"type": "text", "x": 10 - margin, "y": band_top + height / 2, "text": name,
                      "size": 15, "color": MUTED})
    if several:
        decor += _lane_headers(lanes, spans, y)
    for column in columns:
        iri, label = column[1], labels[column]
        center = left[column] + per_row[column] * SLOT_WIDTH / 2
        # with lanes, a long track name takes two lines, so that two tracks' names never touch
        lines = textwrap.wrap(label or "no track", TRACK_LINE) if several else [label or "no track"]
        for row, line in enumerate(reversed(lines)):
            decor.append({"type": "text", "x": center, "y": -28 - row * 26, "text": line,
                          "size": 18, "bold": True, "align": "center", "color": track_text_color(iri)})
    return positions, decor


def _lane_headers(lanes: Sequence[Lane], spans: Mapping[int, list[float]], bottom: float) -> list[dict[str, Any]]:
    """Each lane's title (wrapped to the lane's width) and note above it, and a line between two lanes."""
    decor: list[dict[str, Any]] = []
    highest = 0.0
    for index, lane in enumerate(lanes):
        if index not in spans:
            continue
        start, end = spans[index]
        center = (start + end) / 2
        per_line = max(12, int((end - start + LANE_GAP * 0.5) / (LANE_TITLE_SIZE * 0.62)))
        lines = textwrap.wrap(lane.title, per_line) or [""]
        decor.append({"type": "text", "x": center, "y": -92, "text": lane.note, "size": 15,
                      "align": "center", "color": MUTED})
        for row, line in enumerate(reversed(lines)):
            y = -126 - row * (LANE_TITLE_SIZE + 12)
            highest = min(highest, y - LANE_TITLE_SIZE)
            decor.append({"type": "text", "x": center, "y": y, "text": line, "size": LANE_TITLE_SIZE,
                          "bold": True, "align": "center", "color": INK, "lane": index})
    for index in sorted(spans)[1:]:
        x = spans[index][0] - LANE_GAP / 2
        decor.append({"type": "line", "x1": x, "y1": highest, "x2": x, "y2": bottom, "width": 2})
    return decor


def _mean_x(roles: nx.DiGraph, role: str, positions: Mapping[str, tuple[float, float]]) -> float:
    """The mean x of the role's already-placed neighbours (inf when none)."""
    xs = [positions[n][0] for n in (*roles.predecessors(role), *roles.successors(role)) if n in positions]
    return sum(xs) / len(xs) if xs else math.inf


def by_seniority(roles: nx.DiGraph) -> list[str]:
    """The roles from the entry level up, by track within a level, then by label; roles in no ladder last.

    Parameters
    ----------
    roles : networkx.DiGraph
        The role graph.

    Returns
    -------
    list of str
        The roles' IRIs in that order.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("ceo", label="CEO", seniority=None)
    >>> g.add_node("pm", label="PM", seniority=2)
    >>> g.add_node("apm", label="APM", seniority=1)
    >>> by_seniority(g)
    ['apm', 'pm', 'ceo']
    """
    def key(role: str) -> tuple[Any, ...]:
        data = roles.nodes[role]
        return (data.get("seniority") is None, data.get("seniority") or 0,
                track_rank(data.get("track_iri"), data.get("track")), data["label"])
    return sorted(roles, key=key)


SKILL_COLUMN_WIDTH, SKILL_ROW_HEIGHT = 128, 32
"""The skills view's grid: one column per role, one row per skill."""
SKILL_FIRST_X, SKILL_FIRST_Y = 330, 110
"""The centre of the skills view's first cell (the skills' names are to its left)."""
CATEGORY_GAP = 14
"""The space between two categories' bands of skills."""


@dataclass
class SkillsGrid:
    """Where the skills view puts its roles (columns) and skills (rows, banded by category).

    Parameters
    ----------
    x : dict of str to float
        Each role's column.
    y : dict of str to float
        Each skill's row.
    bands : list of (category, label, top, bottom)
        Each category's IRI, label and the rows of its first and last skill.
    bottom : float
        The row after the last skill.
    right : float
        The right edge of the last column.
    """

    x: dict[str, float] = field(default_factory=dict)
    y: dict[str, float] = field(default_factory=dict)
    bands: list[tuple[str | None, str | None, float, float]] = field(default_factory=list)
    bottom: float = SKILL_FIRST_Y
    right: float = SKILL_FIRST_X


def skills_grid(columns: Sequence[str], skill_nodes: Sequence[str], skills: nx.DiGraph) -> SkillsGrid:
    """Place the roles in columns and the skills in rows, a band for each category.

    Parameters
    ----------
    columns : sequence of str
        The roles, left to right.
    skill_nodes : sequence of str
        The skills, top to bottom, grouped by category.
    skills : networkx.DiGraph
        The skill graph, with ``category`` and ``category_label`` on each skill.

    Returns
    -------
    SkillsGrid
        The columns, rows and category bands.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("s1", category="c1", category_label="C1")
    >>> g.add_node("s2", category="c2", category_label="C2")
    >>> grid = skills_grid(["r"], ["s1", "s2"], g)
    >>> grid.y["s2"] - grid.y["s1"] == SKILL_ROW_HEIGHT + CATEGORY_GAP, len(grid.bands)
    (True, 2)
    """
    grid = SkillsGrid(x={role: SKILL_FIRST_X + i * SKILL_COLUMN_WIDTH for i, role in enumerate(columns)},
                      right=SKILL_FIRST_X + (len(columns) - 0.5) * SKILL_COLUMN_WIDTH)
    y, previous = SKILL_FIRST_Y, object()
    for skill in skill_nodes:
        category = skills.nodes[skill].get("category")
        if category != previous:
            if grid.bands:
                y += CATEGORY_GAP
            grid.bands.append((category, skills.nodes[skill].get("category_label"), y, y))
            previous = category
        grid.y[skill] = y
        grid.bands[-1] = (*grid.bands[-1][:3], y)
        y += SKILL_ROW_HEIGHT
    grid.bottom = y
    return grid


def stack(heights: Sequence[float], gap: float) -> list[float]:
    """The centres of boxes of the given heights stacked with ``gap`` between, centred on 0.

    Parameters
    ----------
    heights : sequence of float
        Each box's height, top to bottom.
    gap : float
        The space between two boxes.

    Returns
    -------
    list of float
        Each box's centre.

    Examples
    --------
    >>> stack([10, 30], 10)
    [-20.0, 10.0]
    """
    total = sum(heights) + gap * max(0, len(heights) - 1)
    centres, top = [], -total / 2
    for height in heights:
        centres.append(top + height / 2)
        top += height + gap
    return centres


def text_height(text: str, width: int, size: int = 14) -> float:
    """An estimate of the height of a box whose label wraps at ``width``.

    Parameters
    ----------
    text : str
        The label.
    width : int
        The box's width, in canvas pixels.
    size : int
        The label's font size.

    Returns
    -------
    float
        The box's height, margins included, in canvas pixels.

    Examples
    --------
    >>> text_height("short", 230) < text_height("a much longer label " * 5, 230)
    True
    """
    per_line = max(8, int(width / (size * 0.52)))
    lines = max(1, math.ceil(len(text) / per_line))
    return lines * (size + 4) + 22
