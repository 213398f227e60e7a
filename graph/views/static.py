"""Static pictures of a view (SVG, PNG) drawn by Graphviz's ``dot``, without a browser.

The picture keeps the page's layered layout: the page's rows (the ladder's
seniority bands, the most senior at the top) are ``dot``'s ranks, or its
columns when the edges run sideways (the role page: skills, the role and its
moves, responsibilities); within a rank the page's order is kept, so tracks
and lanes stand side by side, and boxes in line on the page stay in line.
Headings and level names become text in their rows and columns. Colours and
widths are the page's; a line style (:data:`careergraph.views.style.MOVE_STYLES`)
becomes ``dot``'s solid, dashed, or dotted for short dashes. A page with no
positions (a query's answer) is laid out by ``dot`` from its edges; the
skills matrix has no static picture (:func:`has_static_picture`).

Text from the data is made literal by the ``graphviz`` package's quoting
(:func:`graphviz.escape`: backslashes and ``<...>`` too) in the graph, and by
:func:`html.escape` in the legend's table (:mod:`careergraph.views.static_legend`).

Examples
--------
>>> from careergraph.views.page import Page
>>> page = Page("Two roles", "a test")
>>> page.nodes = [{"id": "a", "label": "A", "x": 0, "y": 100}, {"id": "b", "label": "B", "x": 0, "y": 0}]
>>> page.edges = [{"from": "a", "to": "b", "color": {"color": "#37474f"}, "width": 3, "dashes": False}]
>>> source = dot_graph(page).source
>>> 'n0 -> n1 [arrowhead=normal color="#37474f"' in source, "rankdir=BT" in source
(True, True)
>>> page.title = 'A "quoted" <b>title</b>'
>>> 'label="A \\\\"quoted\\\\" <b>title</b>"' in dot_graph(page).source
True
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError
from careergraph.views.static_legend import legend_label, line_style
from careergraph.views.style import INK, MUTED, NEUTRAL, WHITE

if TYPE_CHECKING:
    import graphviz

    from careergraph.views.page import Page

PNG_DPI = 144
"""Dots per inch of a PNG picture: sharp on slides."""

FONT = "Helvetica,Arial,sans-serif"
"""The font Graphviz draws with (the first one installed)."""

ROW_TOLERANCE = 24
"""Nodes whose centres are this close vertically (canvas pixels) share a rank."""

COLUMN_TOLERANCE = 240
"""The widest gap between boxes side by side in one row of the page (a row of moves), in canvas pixels."""


def find_dot() -> str:
    """Graphviz's ``dot`` program, for static pictures.

    Returns
    -------
    str
        Its path on the PATH.

    Raises
    ------
    CareerGraphError
        When it is not installed (saying how to install it), or the
        ``graphviz`` Python package is missing.
    """
    try:
        import graphviz  # noqa: F401
    except ImportError:
        raise CareerGraphError("a static picture needs the graphviz Python package, which is not "
                               "installed: pip install 'careergraph[draw]'") from None
    found = shutil.which("dot")
    if found is None:
        raise CareerGraphError("--svg and --png need Graphviz's dot program on the PATH "
                               "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)")
    return found


def draw(page: Page, fmt: str, attribution: Sequence[str] = ()) -> bytes:
    """The picture of a page in ``fmt`` (``svg`` or ``png``), drawn by ``dot``.

    Parameters
    ----------
    page : Page
        What the view shows (:class:`careergraph.views.page.Page`).
    fmt : str
        ``svg`` or ``png``.
    attribution : sequence of str
        The lines naming the data's sources, written under the graph.

    Returns
    -------
    bytes
        The picture.

    Raises
    ------
    CareerGraphError
        When ``dot`` is missing or fails.

    Examples
    --------
    >>> from careergraph.views.page import Page
    >>> page = Page("One role", "a test", nodes=[{"id": "a", "label": "A <b>"}])
    >>> draw(page, "svg")[:5]
    b'<?xml'
    """
    import graphviz

    if fmt not in ("svg", "png"):
        raise ValueError(f"unknown picture format {fmt!r}")
    if not has_static_picture(page):
        raise CareerGraphError(f"{page.title!r} is a matrix, not a graph, and has no static picture "
                               "(--svg, --png); --screenshot takes a picture of its page")
    find_dot()
    graph = dot_graph(page, attribution)
    if fmt == "png":
        graph.graph_attr["dpi"] = str(PNG_DPI)
    try:
        return graph.pipe(format=fmt, engine="dot", quiet=True)
    except graphviz.CalledProcessError as error:
        why = ((error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
               or [f"exit code {error.returncode}"])[-1]
        raise CareerGraphError(f"dot could not draw the picture: {why}") from None


def has_static_picture(page: Page) -> bool:
    """Whether a page draws a graph that ``dot`` can lay out: not a matrix of dots without edges (skills).

    Parameters
    ----------
    page : Page
        What the view shows.

    Returns
    -------
    bool
        False for a page with no edge whose nodes include dots (a matrix).

    Examples
    --------
    >>> from careergraph.views.page import Page
    >>> has_static_picture(Page("", "", nodes=[{"id": "a", "shape": "dot"}]))
    False
    """
    return bool(page.edges) or all(node.get("shape", "box") != "dot" for node in page.nodes)


def text(value: str, width: int = 0) -> graphviz.quoting.NoHtml:
    """Text from the data as a DOT label: literal, wrapped at ``width`` characters (0: as it is).

    Parameters
    ----------
    value : str
        The text.
    width : int
        The most characters on a line; 0 keeps the lines as they are.

    Returns
    -------
    str
        The label, with backslashes and ``<...>`` literal (``graphviz.nohtml``).

    Examples
    --------
    >>> print(text("Senior Product Manager", 12))
    Senior\\nProduct\\nManager
    >>> print(text("a\\\\l <b>"))
    a\\\\l <b>
    """
    import graphviz

    lines = [part for line in str(value).splitlines() or [""]
             for part in (textwrap.wrap(line, width, break_long_words=False) if width else [line]) or [""]]
    return graphviz.nohtml("\\n".join(graphviz.escape(line) for line in lines))


def dot_graph(page: Page, attribution: Sequence[str] = ()) -> graphviz.Digraph:
    """The ``graphviz.Digraph`` of a page: its nodes, edges, headings, title and legend.

    Parameters
    ----------
    page : Page
        What the view shows.
    attribution : sequence of str
        The lines naming the data's sources.

    Returns
    -------
    graphviz.Digraph
        The graph, ready to render with ``dot``.
    """
    import graphviz

    graph = graphviz.Digraph("careergraph", graph_attr={
        "rankdir": "BT", "newrank": "true", "nodesep": "0.35", "ranksep": "0.55", "splines": "spline",
        "fontname": FONT, "fontsize": "26", "labelloc": "t", "labeljust": "l", "pad": "0.3",
        "bgcolor": WHITE, "outputorder": "edgesfirst", "label": text(page.title)},
        node_attr={"fontname": FONT, "shape": "box", "style": "rounded,filled", "margin": "0.14,0.07"},
        edge_attr={"fontname": FONT, "fontsize": "12", "arrowsize": "0.8"})
    ids = {node["id"]: f"n{index}" for index, node in enumerate(page.nodes)}
    for node in page.nodes:
        graph.node(ids[node["id"]], **_node_attributes(node))
    placed = [(ids[n["id"]], float(n["x"]), float(n["y"])) for n in page.nodes if "x" in n and "y" in n]
    positioned = bool(page.nodes) and len(placed) == len(page.nodes)
    across, bottom_row = False, []
    if positioned:
        for index, item in enumerate(_text_blocks(page.decor)):
            name = f"t{index}"
            graph.node(name, label=text(item["text"], 36), shape="plaintext", style="",
                       fontsize=str(item.get("size", 14)), fontcolor=item.get("color") or MUTED,
                       fontname=FONT + (":bold" if item.get("bold") else ""))
            placed.append((name, float(item["x"]), float(item["y"])))
        across = _across(page, placed, ids)
        graph.graph_attr["rankdir"] = "LR" if across else "BT"
        bottom_row = _layers(graph, placed, across)
    for edge in page.edges:
        if edge.get("from") in ids and edge.get("to") in ids:
            graph.edge(ids[edge["from"]], ids[edge["to"]], **_edge_attributes(edge, positioned))
    legend = legend_label(page.legend, attribution)
    if legend:
        graph.node("legend", label=legend, shape="plaintext", style="", fontsize="13", fontcolor=INK)
        if across:
            graph.edge("legend", "r0", style="invis", weight="0", constraint="false")
            with graph.subgraph(name="legend_rank") as same:
                same.attr(rank="same")
                same.node("r0")
                same.node("legend")
        elif positioned:  # under the lowest row, pulled to both its ends: centred under it
            for end in bottom_row:
                graph.edge("legend", end, style="invis")
    return graph


def _text_blocks(decor: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The texts drawn behind the graph, the lines of one heading (same place and look) joined."""
    blocks: list[dict[str, Any]] = []
    for item in sorted((d for d in decor if d.get("type") == "text"), key=lambda d: (d["x"], d["y"])):
        last = blocks[-1] if blocks else {}
        look = ("x", "size", "bold", "color", "align")
        if last and all(last.get(k) == item.get(k) for k in look) and item["y"] - last["bottom"] <= 1.8 * item["size"]:
            last.update(text=last["text"] + "\n" + item["text"], bottom=item["y"], y=(last["top"] + item["y"]) / 2)
        else:
            blocks.append({**item, "top": item["y"], "bottom": item["y"]})
    return blocks


def _across(page: Page, placed: list[tuple[str, float, float]], ids: dict[str, str]) -> bool:
    """Whether the page's columns (rather than its rows) are the layers: when its edges then span one layer.

    Each edge costs how far its span is from one layer (a move within a
    layer, or across several, reads worse); the cheaper way wins, rows on a tie.
    """
    def cost(across: bool) -> int:
        rank = {name: index for index, members in enumerate(_ranks(placed, across)) for name, _, _ in members}
        return sum(abs(abs(rank[ids[e["to"]]] - rank[ids[e["from"]]]) - 1) for e in page.edges
                   if e.get("from") in ids and e.get("to") in ids)
    return cost(True) < cost(False)


def _ranks(placed: list[tuple[str, float, float]], across: bool) -> list[list[tuple[str, float, float]]]:
    """The page's rows (lowest first), or its columns when ``across`` (leftmost first), each in page order.

    Across, a row of boxes side by side on the page (no wider gap than
    :data:`COLUMN_TOLERANCE`) counts as standing at its middle: it becomes a
    run of one column rather than spilling into the columns beside it.
    """
    where = {item[0]: item[1] for item in placed}
    if across:
        rows: dict[int, list[tuple[str, float, float]]] = {}
        for item in placed:
            rows.setdefault(round(item[2] / ROW_TOLERANCE), []).append(item)
        for row in rows.values():
            row.sort(key=lambda item: item[1])
            runs = [[row[0]]]
            for left, right in pairwise(row):
                if right[1] - left[1] <= COLUMN_TOLERANCE:
                    runs[-1].append(right)
                else:
                    runs.append([right])
            for run in (r for r in runs if len(r) > 1):
                where.update((name, (run[0][1] + run[-1][1]) / 2) for name, _, _ in run)
    ranks: list[list[tuple[str, float, float]]] = []
    for item in sorted(placed, key=lambda item: (where[item[0]], item[2]) if across else _key(item, False)):
        here = where[item[0]] if across else -item[2]
        if ranks and abs((where[ranks[-1][0][0]] if across else -ranks[-1][0][2]) - here) <= ROW_TOLERANCE:
            ranks[-1].append(item)
        else:
            ranks.append([item])
    return [sorted(members, key=lambda item: (*_key(item, across)[1:], item[1])) for members in ranks]


def _key(item: tuple[str, float, float], across: bool) -> tuple[float, float]:
    """An item's place: (its layer's coordinate, its order in the layer)."""
    return (item[1], item[2]) if across else (-item[2], item[1])


def _node_attributes(node: dict[str, Any]) -> dict[str, str]:
    """The DOT attributes of a vis-network node: its label, colours, border and shape."""
    color = node.get("color") or {}
    fill = color.get("background", NEUTRAL) if isinstance(color, dict) else str(color)
    border = color.get("border", fill) if isinstance(color, dict) else str(color)
    font = node.get("font") or {}
    size = int(font.get("size", 14))
    widest = (node.get("widthConstraint") or {}).get("maximum", 180)
    attributes = {"label": text(node.get("label", ""), max(8, int(widest / (size * 0.55)))),
                  "fillcolor": fill, "color": border, "fontcolor": font.get("color", INK),
                  "fontsize": str(size), "penwidth": str(node.get("borderWidth", 1))}
    shape = node.get("shape", "box")
    if shape == "text":
        attributes.update(shape="plaintext", style="")
    elif shape == "dot":
        attributes.update(shape="circle", style="filled", label="", width=str(node.get("size", 8) / 36),
                          fixedsize="true")
    return attributes


_NO_ARROW = {"to": {"enabled": False}}


def _edge_attributes(edge: dict[str, Any], positioned: bool) -> dict[str, str]:
    """The DOT attributes of a vis-network edge: colour, width, line style, label and arrow."""
    color = edge.get("color") or {}
    stroke = color.get("color", NEUTRAL) if isinstance(color, dict) else str(color)
    font = edge.get("font") or {}
    attributes = {"color": stroke, "penwidth": str(edge.get("width", 1.5)), "style": line_style(edge.get("dashes")),
                  "arrowhead": "none" if edge.get("arrows") == _NO_ARROW else "normal"}
    label = edge.get("label")
    if edge.get("step") is not None:
        label = f"{edge['step']}. {label}" if label else str(edge["step"])
        attributes.update(fontcolor=stroke, fontsize="16", fontname=FONT + ":bold")
    if label:
        attributes.update(label=text(label, 24))
        attributes.setdefault("fontcolor", font.get("color", INK))
    if positioned:
        attributes["constraint"] = "false"  # the page's rows are the ranks, not the moves' direction
    return attributes


def _layers(graph: graphviz.Digraph, placed: list[tuple[str, float, float]], across: bool) -> list[str]:
    """Ranks from the page's rows (lowest first), or its columns when ``across`` (leftmost first); the first's ends.

    An invisible spine of one node per rank fixes the ranks' order; invisible
    edges between neighbours in a rank keep the page's order within it, and
    between boxes in line on the page (a column of the ladder), keep them in line.
    """
    hidden = {"style": "invis"}
    in_line: dict[float, str] = {}
    ranks = _ranks(placed, across)
    for index, members in enumerate(ranks):
        spine = f"r{index}"
        with graph.subgraph(name=f"rank{index}") as same:
            same.attr(rank="same")
            same.node(spine, label="", shape="point", width="0", style="invis")
            names = [spine] + [name for name, _, _ in members]
            for name in names[1:]:
                same.node(name)
            for left, right in pairwise(names):
                same.edge(left, right, **hidden)
        if index:
            graph.edge(f"r{index - 1}", spine, weight="20", **hidden)
        for item in members:
            line = round(_key(item, across)[1])
            if line in in_line:
                graph.edge(in_line[line], item[0], weight="8", **hidden)
            in_line[line] = item[0]
    return ["r0", ranks[0][-1][0]]
