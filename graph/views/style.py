"""The look of the views and of the server's page: every colour, the font, line styles, boxes, legends.

Every colour careergraph draws with is a named constant here: the fills of
tracks and skill categories, the line style of each kind of move, the
highlight of a path, and the colours of the pages themselves (text, rules,
tooltips), which reach the templates as CSS custom properties
(:data:`PAGE_CSS_COLORS`) and as the page script's data
(:data:`CANVAS_COLORS`). Plain data for vis-network (dicts and lists);
nothing here reads the graph.

Examples
--------
>>> darker("#ffffff"), lighter("#000000", 0.5)
('#b7b7b7', '#7f7f7f')
>>> move_style("branch").dashes
(10, 6)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from careergraph.namespaces import CG

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
"""The font stack of the canvas and the page."""

# ----------------------------------------------------------------------------
# Colours of the pages (text, rules, panels, tooltips)
# ----------------------------------------------------------------------------

INK = "#1f2328"
"""Text on a light background: the page's text and the labels of light boxes."""
MUTED = "#57606a"
"""Secondary text: subtitles, legend headings, notes, band names, the footer."""
RULE = "#d8dee4"
"""The lines between the parts of a page, and the notebook iframe's border."""
WHITE = "#ffffff"
"""White: the page, labels on coloured boxes, hollow dots, badge rims."""
SELECTED = "#111111"
"""The border of a node under the pointer or selected."""
CONTROL_BORDER = "#8c959f"
CONTROL_FILL = "#f6f8fa"
"""The search box's input and buttons."""
PANEL = "#fafbfc"
"""The legend's background."""
TIP_FILL, TIP_BORDER, TIP_SHADOW = "#fffdf5", "#b8a878", "rgba(0,0,0,.15)"
"""The tooltips."""
DECOR_LINE = "#d0d7de"
"""A line drawn behind the graph that names no colour of its own."""
EDGE_LABEL_BACKGROUND = "rgba(255,255,255,0.92)"
"""Behind an edge's label, so that it reads over the lines it crosses."""
BAND_FILL = "#f3f5f8"
"""Every other seniority band of the ladder."""

# ----------------------------------------------------------------------------
# Colours of the graph
# ----------------------------------------------------------------------------

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

TYPE_COLORS: dict[str, str] = {
    CG + "Role": "#2f6fb0",
    CG + "Skill": "#ef6c00",
    CG + "Responsibility": "#607d8b",
    CG + "Transition": "#37474f",
}
"""Fill colour of a node of the query view by its ``rdf:type``."""

PALETTE = ("#6d4c41", "#00838f", "#ad1457", "#558b2f", "#5e35b1", "#f9a825", "#37474f", "#d84315")
"""Colours for tracks, categories and types the built-in tables do not know."""

NO_TRACK = "#78909c"
"""A role with no track, a skill with no category, a node with no type."""
RESPONSIBILITY_COLOR = "#eceff1"
RESPONSIBILITY_BORDER = "#90a4ae"
"""A responsibility's box and the line to it."""
NEUTRAL = "#546e7a"
"""Swatches that show a shape rather than a colour (dot sizes, line weights), and hovered lines."""
HIGHLIGHT = "#ff6f00"
"""The moves and roles of a path, and its numbered badges."""
FADED = "#cfd8dc"
"""The moves off a highlighted path."""
FADED_TEXT, FADED_BORDER, FADED_FILL = "#6e7781", "#b0bec5", "#eef1f4"
"""The roles off a highlighted path."""
LINK, LINK_HOVER = "#78909c", "#37474f"
"""An edge of the query view, and the same edge hovered or selected."""

PAGE_CSS_COLORS: dict[str, str] = {
    "ink": INK, "muted": MUTED, "rule": RULE, "white": WHITE, "control-border": CONTROL_BORDER,
    "control-fill": CONTROL_FILL, "panel": PANEL, "tip-fill": TIP_FILL, "tip-border": TIP_BORDER,
    "tip-shadow": TIP_SHADOW, "highlight": HIGHLIGHT,
}
"""The view page's colours, as CSS custom properties (``--cg-NAME``) of its template."""

CANVAS_COLORS: dict[str, str] = {"text": MUTED, "line": DECOR_LINE, "badge": WHITE}
"""The colours the view page's script draws with on the canvas when a shape names none."""

SERVER_PAGE_COLORS: dict[str, str] = {
    "ink": "#1d2430", "status": "#555555", "description": "#444444",
    "error-fill": "#fde8e8", "error-border": "#e0a0a0",
    "cell-border": "#ccccdd", "head-fill": "#eef1f6", "code-fill": "#f6f7f9",
}
"""The server's query page's colours, as CSS custom properties (``--cg-NAME``)."""


def css_variables(colors: Mapping[str, str]) -> str:
    """A CSS rule declaring ``colors`` as custom properties ``--cg-NAME`` of the root element.

    Parameters
    ----------
    colors : mapping of str to str
        Property name (without ``--cg-``) to a CSS colour.

    Returns
    -------
    str
        One ``:root { ... }`` rule.

    Examples
    --------
    >>> css_variables({"ink": "#1f2328", "rule": "#d8dee4"})
    ':root { --cg-ink: #1f2328; --cg-rule: #d8dee4; }'
    """
    return ":root { " + " ".join(f"--cg-{name}: {value};" for name, value in colors.items()) + " }"


# ----------------------------------------------------------------------------
# Colour tables and shades
# ----------------------------------------------------------------------------

class Colors:
    """Colours by key: the built-in table first, then the palette in order of first use.

    Parameters
    ----------
    known : mapping of str to str
        The built-in colours by key (an IRI), such as :data:`TRACK_COLORS`.

    Examples
    --------
    >>> colors = Colors(TRACK_COLORS)
    >>> colors(CG + "Management"), colors("urn:other"), colors(None) == NO_TRACK
    ('#2e8b57', '#6d4c41', True)
    """

    def __init__(self, known: Mapping[str, str]) -> None:
        self._known = dict(known)
        self._extra: dict[str, str] = {}

    def __call__(self, key: str | None) -> str:
        """The colour of ``key``; :data:`NO_TRACK` for None."""
        if key is None:
            return NO_TRACK
        if key in self._known:
            return self._known[key]
        if key not in self._extra:
            self._extra[key] = PALETTE[len(self._extra) % len(PALETTE)]
        return self._extra[key]


def darker(color: str, factor: float = 0.72) -> str:
    """A darker shade of a ``#rrggbb`` colour.

    Parameters
    ----------
    color : str
        A ``#rrggbb`` colour.
    factor : float
        What each channel is multiplied by (0 black, 1 unchanged).

    Returns
    -------
    str
        The shade, as ``#rrggbb``.

    Examples
    --------
    >>> darker("#ffffff")
    '#b7b7b7'
    """
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


def lighter(color: str, amount: float = 0.8) -> str:
    """A lighter tint of a ``#rrggbb`` colour (towards white).

    Parameters
    ----------
    color : str
        A ``#rrggbb`` colour.
    amount : float
        How far towards white each channel moves (0 unchanged, 1 white).

    Returns
    -------
    str
        The tint, as ``#rrggbb``.

    Examples
    --------
    >>> lighter("#000000", 0.5)
    '#7f7f7f'
    """
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c + (255 - c) * amount) for c in (red, green, blue)))


def hover_color(color: str, hover: str | None = None) -> dict[str, str]:
    """A vis-network edge colour: ``color``, and ``hover`` (default the same) when hovered or selected.

    Parameters
    ----------
    color : str
        The line's colour.
    hover : str, optional
        Its colour under the pointer or selected.

    Returns
    -------
    dict
        vis-network's ``color`` option of an edge.

    Examples
    --------
    >>> hover_color(HIGHLIGHT)
    {'color': '#ff6f00', 'highlight': '#ff6f00', 'hover': '#ff6f00'}
    """
    return {"color": color, "highlight": hover or color, "hover": hover or color}


def track_rank(iri: str | None, label: str | None) -> tuple[int, str]:
    """The sort key of a track: the built-in tracks in their order, then others by label, then none.

    Parameters
    ----------
    iri : str or None
        The track's IRI (None for roles on no track).
    label : str or None
        The track's label.

    Returns
    -------
    tuple of (int, str)
        A key that sorts tracks left to right.

    Examples
    --------
    >>> track_rank(CG + "Management", "management") < track_rank("urn:x", "x") < track_rank(None, None)
    True
    """
    order = list(TRACK_COLORS)
    if iri in order:
        return order.index(iri), ""
    return (len(order) + (iri is None), label or iri or "")


def track_text_color(iri: str | None) -> str:
    """The colour of a track's heading: its built-in colour, or :data:`MUTED`.

    Parameters
    ----------
    iri : str or None
        The track's IRI.

    Returns
    -------
    str
        A ``#rrggbb`` colour.

    Examples
    --------
    >>> track_text_color(None) == MUTED
    True
    """
    return TRACK_COLORS.get(iri or "", MUTED)


# ----------------------------------------------------------------------------
# Moves
# ----------------------------------------------------------------------------

@dataclass(frozen=True)
class MoveStyle:
    """How one kind of move is drawn: colour, width and dash pattern (empty = solid).

    Only the drawing: the kinds' names and their order come from the ontology
    (the role graph's ``kinds`` and each edge's ``kind_label``).

    Parameters
    ----------
    color : str
        The line's colour.
    width : float
        The line's width, in canvas pixels.
    dashes : tuple of int
        Dash and gap lengths; empty for a solid line.
    """

    color: str
    width: float
    dashes: tuple[int, ...] = ()

    def edge(self) -> dict[str, Any]:
        """The vis-network edge options for this style.

        Returns
        -------
        dict
            ``color``, ``width`` and ``dashes`` (False when solid).

        Examples
        --------
        >>> MOVE_STYLES["promotion"].edge()["dashes"]
        False
        """
        return {"color": hover_color(self.color), "width": self.width, "dashes": list(self.dashes) or False}

    def swatch(self) -> dict[str, Any]:
        """The legend swatch (an SVG line) for this style.

        Returns
        -------
        dict
            A ``line`` swatch for the page template's legend.

        Examples
        --------
        >>> MOVE_STYLES["branch"].swatch()["dash"]
        '10 6'
        """
        return {"type": "line", "color": self.color, "width": min(self.width, 3),
                "dash": " ".join(map(str, self.dashes))}


MOVE_STYLES: dict[str, MoveStyle] = {
    "promotion": MoveStyle("#37474f", 3),
    "branch": MoveStyle("#0b6fb8", 2.5, (10, 6)),
    "lateral": MoveStyle("#00897b", 2.5, (2, 6)),
    "exit": MoveStyle("#c62828", 2.5, (14, 5, 3, 5)),
    "track switch": MoveStyle("#6a1b9a", 2.5, (4, 4)),
}
"""Line style of each kind of move (the kind's local name as words in lower case)."""

OTHER_MOVE = MoveStyle("#8d6e63", 2, (6, 3))
"""Line style of a kind of move that :data:`MOVE_STYLES` does not know."""


def move_style(kind: str) -> MoveStyle:
    """The line style of a kind of move.

    Parameters
    ----------
    kind : str
        The kind's local name in lower case (``promotion``, ``branch``...).

    Returns
    -------
    MoveStyle
        Its style, or :data:`OTHER_MOVE` for a kind not built in.

    Examples
    --------
    >>> move_style("exit").color, move_style("secondment") is OTHER_MOVE
    ('#c62828', True)
    """
    return MOVE_STYLES.get(kind, OTHER_MOVE)


# ----------------------------------------------------------------------------
# Proficiency levels: size and shade
# ----------------------------------------------------------------------------

def level_fill(color: str, level: int | None, top: int = 5) -> str:
    """The fill of a box or dot for a required level: a pale tint at level 1, close to ``color`` at the top.

    Parameters
    ----------
    color : str
        The category's ``#rrggbb`` colour.
    level : int or None
        The level required (None: the palest tint).
    top : int
        The highest level of the scale.

    Returns
    -------
    str
        A ``#rrggbb`` tint; higher levels are darker.

    Examples
    --------
    >>> level_fill("#000000", 1), level_fill("#000000", 5)
    ('#e0e0e0', '#595959')
    """
    step = (min(max(level or 0, 1), top) - 1) / max(top - 1, 1)
    return lighter(color, 0.88 - 0.53 * step if level is not None else 0.94)


def level_width(level: int | None) -> float:
    """The width of the line to a skill required at ``level`` (wider for higher levels).

    Parameters
    ----------
    level : int or None
        The level required.

    Returns
    -------
    float
        The line's width in canvas pixels.

    Examples
    --------
    >>> level_width(1), level_width(5), level_width(None)
    (1.5, 5.5, 1.0)
    """
    return 1.0 if level is None else 0.5 + level


def level_radius(level: int | None) -> float:
    """The radius of a dot of the skills matrix for a required level: clearly bigger at each level.

    Parameters
    ----------
    level : int or None
        The level required (None: the smallest dot).

    Returns
    -------
    float
        The radius in canvas pixels.

    Examples
    --------
    >>> [level_radius(n) for n in (1, 2, 3, 4, 5)]
    [3.5, 6.0, 8.5, 11.5, 14.5]
    """
    return {None: 3.5, 1: 3.5, 2: 6.0, 3: 8.5, 4: 11.5}.get(level, 14.5)
