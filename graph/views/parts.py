"""The parts every view is built from: box nodes, move edges and legend sections.

Plain data for vis-network and for the page template's legend, coloured from
:mod:`careergraph.views.style`; the words in them (tooltips) come from
:mod:`careergraph.views.text`.

Examples
--------
>>> node = box("urn:a", "A", 0, 10, "#2f6fb0")
>>> node["shape"], node["color"]["border"], node["search"]
('box', '#214f7e', ['A'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from careergraph.views.style import (FONT, MOVE_STYLES, NO_TRACK, OTHER_MOVE, SELECTED, WHITE, Colors,
                                     darker, move_style, track_rank)
from careergraph.views.text import move_tip

if TYPE_CHECKING:
    import networkx as nx


def box(node_id: str, label: str, x: float | None, y: float | None, fill: str, *, text: str = WHITE,
        border: str | None = None, border_width: float = 1, width: tuple[int, int] = (150, 170),
        size: int = 16, tip: Sequence[str] = (), search: Sequence[str] = (),
        **extra: Any) -> dict[str, Any]:
    """A box node, at a fixed position unless ``x`` and ``y`` are None.

    Parameters
    ----------
    node_id : str
        The node's id (an IRI, usually).
    label : str
        The text in the box, drawn on the canvas.
    x, y : float or None
        Its position in canvas pixels; None lets the layout place it.
    fill : str
        The box's colour.
    text : str
        The label's colour.
    border : str, optional
        The border's colour (default: a darker shade of ``fill``).
    border_width : float
        The border's width (two more when selected).
    width : tuple of (int, int)
        The least and the most width of the box.
    size : int
        The label's font size.
    tip : sequence of str
        The tooltip's lines (the first one in bold).
    search : sequence of str
        What the search box finds the node by (default: its label).
    **extra
        More keys for the node (``part``, ``path_index``...), kept in the page's data.

    Returns
    -------
    dict
        A vis-network node.

    Examples
    --------
    >>> box("urn:a", "A", None, None, "#ffffff", border="#000000")["color"]["border"]
    '#000000'
    """
    border = border or darker(fill)
    position = {} if x is None or y is None else {"x": round(x, 1), "y": round(y, 1)}
    return {
        "id": node_id, "label": label, **position, "shape": "box",
        "color": {"background": fill, "border": border,
                  "highlight": {"background": fill, "border": SELECTED},
                  "hover": {"background": fill, "border": SELECTED}},
        "borderWidth": border_width, "borderWidthSelected": border_width + 2,
        "font": {"color": text, "size": size, "face": FONT},
        "widthConstraint": {"minimum": width[0], "maximum": width[1]}, "margin": 10,
        "tip": list(tip), "search": list(dict.fromkeys(search or [label])), **extra,
    }


def move_edge(roles: nx.DiGraph, source: str, target: str, **extra: Any) -> dict[str, Any]:
    """The edge of one move of the role graph, in its kind's style.

    Parameters
    ----------
    roles : networkx.DiGraph
        The role graph (:func:`careergraph.project.role_graph`).
    source, target : str
        The move's roles (an edge of ``roles``).
    **extra
        More keys for the edge (``part``, ``label``...).

    Returns
    -------
    dict
        A vis-network edge with its tooltip.

    Examples
    --------
    >>> import networkx as nx
    >>> roles = nx.DiGraph()
    >>> roles.add_node("a", label="A")
    >>> roles.add_node("b", label="B")
    >>> roles.add_edge("a", "b", kind="branch", kind_label="branch")
    >>> edge = move_edge(roles, "a", "b")
    >>> edge["id"], edge["dashes"], edge["tip"]
    ('a -> b', [10, 6], ['A → B', 'Kind of move: branch'])
    """
    data = roles.edges[source, target]
    return {"id": f"{source} -> {target}", "from": source, "to": target, "kind": data["kind"],
            **move_style(data["kind"]).edge(), "tip": move_tip(roles, source, target, data),
            **extra}


def moves_legend(roles: nx.DiGraph, edges: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The legend section of the kinds of move drawn, in the ontology's order and words.

    Parameters
    ----------
    roles : networkx.DiGraph
        The role graph: its ``kinds`` attribute gives the order of the kinds
        (``cg:kindOrder``), each edge's ``kind_label`` the kind's name.
    edges : iterable of (str, str)
        The moves drawn, as edges of ``roles`` (repeats allowed).

    Returns
    -------
    dict
        A legend section: ``title`` and ``items``, one item per kind drawn;
        kinds without a style of their own share one item.

    Examples
    --------
    >>> import networkx as nx
    >>> roles = nx.DiGraph(kinds=("promotion", "branch", "lateral", "exit"))
    >>> roles.add_edge("a", "b", kind="exit", kind_label="exit")
    >>> roles.add_edge("b", "c", kind="promotion", kind_label="promotion")
    >>> roles.add_edge("c", "d", kind="secondment", kind_label="secondment")
    >>> [item["text"] for item in moves_legend(roles, [("a", "b"), ("b", "c"), ("c", "d"), ("a", "b")])["items"]]
    ['promotion', 'exit', 'secondment']
    """
    labels: dict[str, str] = {}
    for edge in edges:
        data = roles.edges[edge]
        labels.setdefault(data["kind"], data.get("kind_label") or data["kind"])
    order = {kind: index for index, kind in enumerate(roles.graph.get("kinds", ()))}
    kinds = sorted(labels, key=lambda kind: (order.get(kind, len(order)), kind))
    items = [{"swatch": MOVE_STYLES[kind].swatch(), "text": labels[kind]} for kind in kinds if kind in MOVE_STYLES]
    others = [labels[kind] for kind in kinds if kind not in MOVE_STYLES]
    if others:
        items.append({"swatch": OTHER_MOVE.swatch(), "text": ", ".join(others)})
    return {"title": "Moves", "items": items}


def box_swatch(fill: str, text: str, border: str | None = None) -> dict[str, Any]:
    """A legend item with a box swatch.

    Parameters
    ----------
    fill : str
        The box's colour.
    text : str
        What the item says.
    border : str, optional
        The border's colour (default: a darker shade of ``fill``).

    Returns
    -------
    dict
        A legend item: ``swatch`` and ``text``.

    Examples
    --------
    >>> box_swatch("#ffffff", "a role")["swatch"]
    {'type': 'box', 'fill': '#ffffff', 'border': '#b7b7b7'}
    """
    return {"swatch": {"type": "box", "fill": fill, "border": border or darker(fill)}, "text": text}


def tracks_legend(roles: nx.DiGraph, colors: Colors) -> dict[str, Any]:
    """The legend section of the tracks of the roles drawn, in track order.

    Parameters
    ----------
    roles : networkx.DiGraph
        The roles drawn, with ``track_iri`` and ``track`` (its label) on each node.
    colors : Colors
        The tracks' colours, as the boxes use them.

    Returns
    -------
    dict
        A legend section: ``title`` and ``items``.

    Examples
    --------
    >>> import networkx as nx
    >>> from careergraph.views.style import TRACK_COLORS
    >>> roles = nx.DiGraph()
    >>> roles.add_node("a", track_iri=None, track=None)
    >>> tracks_legend(roles, Colors(TRACK_COLORS))["items"][0]["text"]
    'no track'
    """
    tracks = {data.get("track_iri"): data.get("track") for _, data in roles.nodes(data=True)}
    return {"title": "Tracks", "items": [
        box_swatch(colors(iri), label or "no track")
        for iri, label in sorted(tracks.items(), key=lambda t: track_rank(*t))]}


def categories_legend(entries: Iterable[tuple[Any, str | None, str | None]], colors: Colors,
                      title: str = "Skill categories") -> dict[str, Any]:
    """The legend section of skill categories, in the ontology's category order.

    Parameters
    ----------
    entries : iterable of (order, IRI, label)
        Each category drawn: its ``cg:categoryOrder`` (or None), IRI (or None
        for skills with no category) and label; repeats allowed.
    colors : Colors
        The categories' colours, as the skills use them.
    title : str
        The section's heading.

    Returns
    -------
    dict
        A legend section: ``title`` and ``items``.

    Examples
    --------
    >>> from careergraph.views.style import CATEGORY_COLORS
    >>> legend = categories_legend([(2, "urn:b", "B"), (1, "urn:a", "A"), (2, "urn:b", "B")],
    ...                            Colors(CATEGORY_COLORS))
    >>> [item["text"] for item in legend["items"]]
    ['A', 'B']
    """
    unique = sorted(set(entries), key=lambda e: (e[0] is None, e[0] or 0, e[2] or ""))
    return {"title": title, "items": [box_swatch(colors(iri) if iri else NO_TRACK, label or "no category")
                                      for _, iri, label in unique]}
