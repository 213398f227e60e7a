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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careergraph.views.style import BAND_FILL, MUTED, track_rank, track_text_color

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


def ladder_positions(roles: nx.DiGraph) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """Positions of the roles by seniority (entry level at the bottom) and track (columns).

    Each track is a column; each seniority level a band, the entry level at
    the bottom. Roles sharing a level and a track sit side by side (wrapping
    after :data:`MAX_PER_ROW`), ordered to keep moves short.

    Parameters
    ----------
    roles : networkx.DiGraph
        The role graph, with ``label``, ``seniority``, ``track`` and ``track_iri`` on each node.

    Returns
    -------
    positions : dict of str to (float, float)
        Each role's centre.
    decor : list of dict
        The bands and headings to draw behind the graph (``rect`` and ``text`` shapes).

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
                          "h": height, "fill": BAND_FILL})
        name = "outside the ladder" if level is None else f"seniority {level}"
        if index == 0 and level is not None:
            name += " (entry)"
        decor.append({"type": "text", "x": -160, "y": band_top + height / 2, "text": name,
                      "size": 15, "color": MUTED})
    for iri, label in tracks:
        center = left[iri] + per_row[iri] * SLOT_WIDTH / 2
        decor.append({"type": "text", "x": center, "y": -28, "text": label or "no track",
                      "size": 18, "bold": True, "align": "center", "color": track_text_color(iri)})
    return positions, decor


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
