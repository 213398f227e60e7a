"""Edges that do not run under the boxes they do not join: straight when they can, else a curve.

vis-network draws an edge straight, or as a quadratic curve (``curvedCW`` /
``curvedCCW``, bent by ``roundness``). :func:`bend_edges` tries the straight
line first, then curves bent more and more either way, and keeps the first
that clears every box but the edge's own two; :func:`edge_points` is the same
curve as vis-network computes it (``BezierEdgeStatic``), so that tests can
check where an edge runs.

Examples
--------
>>> edges = [{"from": "a", "to": "c"}]
>>> boxes = {"a": (0, 0, 100, 40), "b": (300, 0, 100, 40), "c": (600, 0, 100, 40)}
>>> bend_edges(edges, boxes)
1
>>> edges[0]["smooth"]["type"], edges[0]["smooth"]["roundness"] > 0
('curvedCW', True)
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Mapping, MutableMapping, Sequence
from itertools import pairwise
from typing import Any

Box = tuple[float, float, float, float]
"""A node's box: centre x, centre y, width, height (canvas pixels)."""

ROUNDNESS = (0.03, 0.06, 0.09, 0.12, 0.15, 0.18, 0.22, 0.27, 0.33, 0.4, 0.5, 0.6, 0.7)
"""The bends tried, each way round, those that stray least from the straight line first."""
CLEARANCE = 6
"""How far an edge keeps from a box it does not join."""
SAMPLES = 24
"""Straight pieces an edge is cut into to test it against the boxes."""
CELL = 200
"""The side of the squares the boxes are filed under, to test an edge against nearby boxes only."""
BUDGET = 3000
"""The most curves tried in one picture (a few seconds at worst): past it, edges stay straight.

A company's ladders take a few hundred; a picture of thousands of moves is
beyond reading anyway, and is not held up by routing them."""


def box_size(label: str, size: int, width: tuple[int, int], margin: int = 10) -> tuple[float, float]:
    """About how wide and high vis-network draws a box node with this label.

    Parameters
    ----------
    label : str
        The box's text (wrapped at the most width).
    size : int
        The font size.
    width : tuple of (int, int)
        The box's least and most width (``widthConstraint``).
    margin : int
        The space around the text.

    Returns
    -------
    (float, float)
        Width and height, borders included.

    Examples
    --------
    >>> box_size("VP of Product", 19, (170, 190)), box_size("Director of Product", 19, (170, 190))
    ((200, 49), (200, 68))
    """
    inner = width[1] - 2 * margin
    per_line = max(4, int(inner / (size * 0.52)))
    lines = textwrap.wrap(label, per_line) or [""]
    longest = max(len(line) for line in lines) * size * 0.52
    return max(width[0] + 2 * margin + 10, min(longest + 2 * margin, width[1]) + 10), len(lines) * size + 30


def edge_points(a: tuple[float, float], b: tuple[float, float], smooth: Mapping[str, Any] | None = None,
                samples: int = SAMPLES) -> list[tuple[float, float]]:
    """Points along an edge from ``a`` to ``b`` as vis-network draws it (straight or curvedCW/CCW).

    Parameters
    ----------
    a, b : (float, float)
        The centres of the edge's two nodes.
    smooth : mapping, optional
        The edge's ``smooth`` option; None or not enabled: a straight line.
    samples : int
        How many pieces the edge is cut into.

    Returns
    -------
    list of (float, float)
        ``samples + 1`` points from ``a`` to ``b``.

    Examples
    --------
    >>> edge_points((0, 0), (100, 0), samples=2)
    [(0.0, 0.0), (50.0, 0.0), (100.0, 0.0)]
    >>> edge_points((0, 0), (100, 0), {"enabled": True, "type": "curvedCW", "roundness": 0.5}, 2)[1]
    (51.516504, -26.516504)
    """
    via = _via(a, b, smooth)
    points = []
    for step in range(samples + 1):
        t = step / samples
        if via is None:
            x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        else:  # a quadratic Bézier curve through vis-network's "via" point
            x = (1 - t) ** 2 * a[0] + 2 * t * (1 - t) * via[0] + t * t * b[0]
            y = (1 - t) ** 2 * a[1] + 2 * t * (1 - t) * via[1] + t * t * b[1]
        points.append((round(x, 6) + 0.0, round(y, 6) + 0.0))
    return points


def _via(a: tuple[float, float], b: tuple[float, float],
         smooth: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """vis-network's control point of a curvedCW/CCW edge (BezierEdgeStatic._getViaCoordinates)."""
    if not smooth or not smooth.get("enabled", True) or smooth.get("type") not in ("curvedCW", "curvedCCW"):
        return None
    roundness = float(smooth.get("roundness", 0.5))
    dx, dy = b[0] - a[0], a[1] - b[1]
    radius = math.hypot(dx, dy)
    turn = roundness if smooth["type"] == "curvedCW" else -roundness
    angle = (math.atan2(dy, dx) + (0.5 * turn + 0.5) * math.pi) % (2 * math.pi)
    reach = (0.5 * roundness + 0.5) * radius
    return a[0] + reach * math.sin(angle), a[1] + reach * math.cos(angle)


def bend_edges(edges: Sequence[MutableMapping[str, Any]], boxes: Mapping[str, Box],
               bounds: tuple[float, float] | None = None) -> int:
    """Bend each edge that would run under a box it does not join, the least that clears them all.

    Parameters
    ----------
    edges : sequence of dict
        vis-network edges (``from``, ``to``); those that need it get a
        ``smooth`` option (``curvedCW`` or ``curvedCCW`` and a ``roundness``).
        Where no bend clears every box, the one that runs under boxes the
        least is kept. Once :data:`BUDGET` curves have been tried, the
        remaining edges stay straight.
    boxes : mapping of str to Box
        Every node's box, by id; an edge with an end not in it is left alone.
    bounds : (float, float), optional
        The top and bottom of the picture: a curve that leaves them is kept
        only when every curve inside them runs under a box.

    Returns
    -------
    int
        How many edges were bent.
    """
    grid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for node, (x, y, w, h) in boxes.items():
        for cx in range(_cell(x - w / 2 - CLEARANCE), _cell(x + w / 2 + CLEARANCE) + 1):
            for cy in range(_cell(y - h / 2 - CLEARANCE), _cell(y + h / 2 + CLEARANCE) + 1):
                grid[cx, cy].append(node)
    bent, tried = 0, 0
    for edge in edges:
        ends = (edge.get("from"), edge.get("to"))
        if ends[0] not in boxes or ends[1] not in boxes or ends[0] == ends[1] or tried >= BUDGET:
            continue
        a, b = boxes[ends[0]][:2], boxes[ends[1]][:2]
        best: tuple[tuple[float, float, float], dict[str, Any] | None] | None = None
        for stray, smooth in sorted(((_stray(a, b, c), c) for c in _candidates()), key=lambda t: t[0]):
            tried += 1
            points = edge_points(a, b, smooth)
            under, near = _under(points, boxes, grid, set(ends))
            outside = 0 if bounds is None else sum(y < bounds[0] or y > bounds[1] for _, y in points)
            score = (round(under), outside, round(near), stray)
            if best is None or score < best[0]:
                best = (score, smooth)
            if near == 0 and outside == 0:
                break
        if best is not None and best[1] is not None:
            edge["smooth"] = best[1]
            bent += 1
    return bent


def _candidates() -> list[dict[str, Any] | None]:
    """Straight, then each bend of :data:`ROUNDNESS` clockwise and anticlockwise."""
    return [None] + [{"enabled": True, "type": kind, "roundness": r}
                     for r in ROUNDNESS for kind in ("curvedCW", "curvedCCW")]


def _stray(a: tuple[float, float], b: tuple[float, float], smooth: Mapping[str, Any] | None) -> float:
    """How far from the straight line a-b the edge runs at most (0 for a straight edge)."""
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    return max(abs((b[0] - a[0]) * (a[1] - y) - (a[0] - x) * (b[1] - a[1])) / length
               for x, y in edge_points(a, b, smooth, 8))


def _cell(value: float) -> int:
    return math.floor(value / CELL)


def _under(points: Sequence[tuple[float, float]], boxes: Mapping[str, Box],
           grid: Mapping[tuple[int, int], list[str]], ends: set[str]) -> tuple[float, float]:
    """How long the polyline through ``points`` runs under boxes other than ``ends``, and within CLEARANCE of them."""
    under = near = 0.0
    for (x1, y1), (x2, y2) in pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        found = {n for cx in range(_cell(min(x1, x2)), _cell(max(x1, x2)) + 1)
                 for cy in range(_cell(min(y1, y2)), _cell(max(y1, y2)) + 1) for n in grid.get((cx, cy), ())}
        for node in found - ends:
            x, y, w, h = boxes[node]
            near += length * _inside((x1, y1), (x2, y2), (x - w / 2 - CLEARANCE, y - h / 2 - CLEARANCE,
                                                           x + w / 2 + CLEARANCE, y + h / 2 + CLEARANCE))
            under += length * _inside((x1, y1), (x2, y2), (x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return under, near


def _inside(p: tuple[float, float], q: tuple[float, float], rect: tuple[float, float, float, float]) -> float:
    """The part (0 to 1) of the segment p-q inside the rectangle (left, top, right, bottom): Liang-Barsky clipping."""
    left, top, right, bottom = rect
    dx, dy = q[0] - p[0], q[1] - p[1]
    low, high = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - left), (dx, right - p[0]), (-dy, p[1] - top), (dy, bottom - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return 0.0
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return 0.0
    return high - low
