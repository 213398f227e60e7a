"""The look of the views: colours, line styles, boxes, tooltips and legends.

Plain data for vis-network (dicts and lists), shared by every view of
:mod:`careergraph.views`; nothing here reads the graph.

Examples
--------
>>> darker("#ffffff"), lighter("#000000", 0.5)
('#b7b7b7', '#7f7f7f')
>>> move_style("branch").dashes
(10, 6)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from careergraph.namespaces import CG
from careergraph.views.page import FONT

@dataclass(frozen=True)
class MoveStyle:
    """How one kind of move is drawn: colour, width and dash pattern (empty = solid)."""

    label: str
    color: str
    width: float
    dashes: tuple[int, ...] = ()

    def edge(self) -> dict[str, Any]:
        """The vis-network edge options for this style."""
        return {"color": {"color": self.color, "highlight": self.color, "hover": self.color},
                "width": self.width, "dashes": list(self.dashes) or False}

    def swatch(self) -> dict[str, Any]:
        """The legend swatch (an SVG line) for this style."""
        return {"type": "line", "color": self.color, "width": min(self.width, 3),
                "dash": " ".join(map(str, self.dashes))}


MOVE_STYLES: dict[str, MoveStyle] = {
    "promotion": MoveStyle("promotion", "#37474f", 3),
    "branch": MoveStyle("branch", "#0b6fb8", 2.5, (10, 6)),
    "lateral": MoveStyle("lateral move", "#00897b", 2.5, (2, 6)),
    "exit": MoveStyle("exit", "#c62828", 2.5, (14, 5, 3, 5)),
}
"""Line style of each kind of move (the kind's local name in lower case)."""

OTHER_MOVE = MoveStyle("other move", "#8d6e63", 2, (6, 3))

TRACK_COLORS: dict[str, str] = {
    CG + "IndividualContributor": "#2f6fb0",
    CG + "Management": "#2e8b57",
    CG + "Executive": "#7b4fb3",
}
"""Fill colour of the roles of each built-in track."""

CATEGORY_COLORS: dict[str, str] = {
    CG + "Technical": "#2f6fb0",
    CG + "Analytical": "#2a9d8f",
    CG + "Domain": "#7cb342",
    CG + "Strategic": "#e0a800",
    CG + "Interpersonal": "#ef6c00",
    CG + "Leadership": "#c62828",
}
"""Colour of each built-in skill category, cool (hands-on) to warm (leadership)."""

PALETTE = ("#6d4c41", "#00838f", "#ad1457", "#558b2f", "#5e35b1", "#f9a825", "#37474f", "#d84315")
"""Colours for tracks, categories and types the built-in tables do not know."""

NO_TRACK = "#78909c"
RESPONSIBILITY_COLOR = "#eceff1"
HIGHLIGHT = "#ff6f00"
FADED = "#cfd8dc"


class Colors:
    """Colours by key: the built-in table first, then the palette in order of first use."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self._known = dict(known)
        self._extra: dict[str, str] = {}

    def __call__(self, key: str | None) -> str:
        if key is None:
            return NO_TRACK
        if key in self._known:
            return self._known[key]
        if key not in self._extra:
            self._extra[key] = PALETTE[len(self._extra) % len(PALETTE)]
        return self._extra[key]


def darker(color: str, factor: float = 0.72) -> str:
    """A darker shade of a ``#rrggbb`` colour.

    Examples
    --------
    >>> darker("#ffffff")
    '#b7b7b7'
    """
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


def lighter(color: str, amount: float = 0.8) -> str:
    """A lighter tint of a ``#rrggbb`` colour (towards white).

    Examples
    --------
    >>> lighter("#000000", 0.5)
    '#7f7f7f'
    """
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c + (255 - c) * amount) for c in (red, green, blue)))


def box(node_id: str, label: str, x: float | None, y: float | None, fill: str, *, text: str = "#ffffff",
         border: str | None = None, border_width: float = 1, width: tuple[int, int] = (150, 170),
         size: int = 16, tip: Sequence[str] = (), search: Sequence[str] = (),
         **extra: Any) -> dict[str, Any]:
    """A box node, at a fixed position unless ``x`` and ``y`` are None."""
    border = border or darker(fill)
    position = {} if x is None or y is None else {"x": round(x, 1), "y": round(y, 1)}
    return {
        "id": node_id, "label": label, **position, "shape": "box",
        "color": {"background": fill, "border": border,
                  "highlight": {"background": fill, "border": "#111111"},
                  "hover": {"background": fill, "border": "#111111"}},
        "borderWidth": border_width, "borderWidthSelected": border_width + 2,
        "font": {"color": text, "size": size, "face": FONT},
        "widthConstraint": {"minimum": width[0], "maximum": width[1]}, "margin": 10,
        "tip": list(tip), "search": list(dict.fromkeys(search or [label])), **extra,
    }


def sources_lines(sources: Sequence[Mapping[str, Any]], limit: int = 2) -> list[str]:
    """Tooltip lines quoting the source passages (at most ``limit``)."""
    passages = [s for s in sources if s.get("quote")]
    lines = []
    for passage in passages[:limit]:
        where = f" ({passage['section']})" if passage.get("section") else ""
        lines.append(f"Source{where}: “{passage['quote']}”")
    if len(passages) > limit:
        lines.append(f"… and {len(passages) - limit} more source passage(s)")
    return lines


def role_tip(data: Mapping[str, Any]) -> list[str]:
    """Tooltip lines of a role: label, other titles, level and track, definition, sources."""
    lines = [data["label"]]
    if data.get("alt_labels"):
        lines.append("Also called: " + ", ".join(data["alt_labels"]))
    level = "seniority not given" if data.get("seniority") is None else f"seniority {data['seniority']}"
    lines.append(f"{level} · {data.get('track') or 'no track'}")
    if data.get("definition"):
        lines.append(data["definition"])
    return lines + sources_lines(data.get("sources", []))


def move_tip(roles, source: str, target: str, data: Mapping[str, Any]) -> list[str]:
    """Tooltip lines of a move."""
    return [f"{roles.nodes[source]['label']} → {roles.nodes[target]['label']}",
            f"Kind of move: {data.get('kind_label') or data.get('kind')}",
            *sources_lines(data.get("sources", []))]


def move_style(kind: str) -> MoveStyle:
    return MOVE_STYLES.get(kind, OTHER_MOVE)


def move_edge(roles, source: str, target: str, **extra: Any) -> dict[str, Any]:
    """The edge of one move of the role graph, in its kind's style."""
    data = roles.edges[source, target]
    return {"id": f"{source} -> {target}", "from": source, "to": target, "kind": data["kind"],
            **move_style(data["kind"]).edge(), "tip": move_tip(roles, source, target, data),
            **extra}


def moves_legend(kinds: Iterable[str]) -> dict[str, Any]:
    present = set(kinds)
    items = [{"swatch": style.swatch(), "text": style.label}
             for kind, style in MOVE_STYLES.items() if kind in present]
    if present - set(MOVE_STYLES):
        items.append({"swatch": OTHER_MOVE.swatch(), "text": ", ".join(sorted(present - set(MOVE_STYLES)))})
    return {"title": "Moves", "items": items}


def tracks_legend(roles, colors: Colors) -> dict[str, Any]:
    tracks = {data.get("track_iri"): data.get("track") for _, data in roles.nodes(data=True)}
    items = [{"swatch": {"type": "box", "fill": colors(iri), "border": darker(colors(iri))},
              "text": label or "no track"}
             for iri, label in sorted(tracks.items(), key=lambda t: track_rank(*t))]
    return {"title": "Tracks", "items": items}


def track_rank(iri: str | None, label: str | None) -> tuple[int, str]:
    order = list(TRACK_COLORS)
    if iri in order:
        return order.index(iri), ""
    return (len(order) + (iri is None), label or iri or "")

