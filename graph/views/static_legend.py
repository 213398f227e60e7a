"""The legend of a static picture, and the line styles ``dot`` draws the page's dash patterns with.

The legend is one HTML-like ``dot`` label: a row per section of the page's
legend (its title, then each item's swatch and words), and the lines naming
the data's sources under it. Every text from the data is escaped with
:func:`html.escape`, and colours are checked to be ``#rrggbb``, so nothing
from the data can become markup of the label.

Examples
--------
>>> line_style([10, 6]), line_style([2, 6]), line_style(False)
('dashed', 'dotted', 'solid')
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from careergraph.views.style import MUTED, NEUTRAL, PANEL, WHITE


def line_style(dashes: Any) -> str:
    """The DOT style of a vis-network dash pattern: solid, dashed, or dotted for short dashes.

    Parameters
    ----------
    dashes : bool or sequence of int
        vis-network's ``dashes``: False (solid), True, or dash and gap lengths.

    Returns
    -------
    str
        ``solid``, ``dashed`` or ``dotted``.

    Examples
    --------
    >>> from careergraph.views.style import MOVE_STYLES
    >>> {kind: line_style(style.edge()["dashes"]) for kind, style in MOVE_STYLES.items()}
    {'promotion': 'solid', 'branch': 'dashed', 'lateral': 'dotted', 'exit': 'dashed', 'track switch': 'dashed'}
    """
    if not dashes:
        return "solid"
    if isinstance(dashes, list | tuple) and dashes and dashes[0] <= 3:
        return "dotted"
    return "dashed"


LINE_SWATCH = {"solid": "\u2501\u2501\u2501\u2501\u25b6", "dashed": "\u254d\u254d \u254d\u254d \u25b6",
               "dotted": "\u2027 \u2027 \u2027 \u2027 \u25b6"}
"""A line style in the legend, as characters in the line's colour."""

LEGEND_ITEMS_PER_ROW = 5
"""Items of a legend section side by side before the next row."""


def legend_label(sections: Sequence[dict[str, Any]], attribution: Sequence[str] = ()) -> str:
    """The legend (and the sources' lines) as an HTML-like DOT label: a table, every text escaped.

    Parameters
    ----------
    sections : sequence of dict
        The page's legend sections (``title`` and ``items`` of ``swatch`` and ``text``).
    attribution : sequence of str
        The lines naming the data's sources, under the legend.

    Returns
    -------
    str
        ``<...>``: a table; texts from the data are HTML-escaped, colours checked.

    Examples
    --------
    >>> label = legend_label([{"title": "Tracks", "items": [
    ...     {"swatch": {"type": "box", "fill": "#2f6fb0"}, "text": "<b>&"}]}])
    >>> "&lt;b&gt;&amp;" in label, label.startswith("<<TABLE")
    (True, True)
    """
    rows = []
    for section in sections:
        items = section.get("items", [])
        for start in range(0, max(1, len(items)), LEGEND_ITEMS_PER_ROW):
            head = _escape(section.get("title", "").upper()) if start == 0 else ""
            words = [f'<FONT COLOR="{MUTED}" POINT-SIZE="12"><B>{head}</B></FONT>'] if head else []
            words += [_swatch(item.get("swatch", {})) + " " + _escape(item.get("text", ""))
                      for item in items[start:start + LEGEND_ITEMS_PER_ROW]]
            rows.append('<TR><TD ALIGN="LEFT">' + "     ".join(words) + "</TD></TR>")
    rows += [f'<TR><TD ALIGN="LEFT"><FONT COLOR="{MUTED}" POINT-SIZE="11">{_escape(line)}</FONT></TD></TR>'
             for line in attribution]
    if not rows:
        return ""
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">' + "".join(rows) + "</TABLE>>"


def _swatch(swatch: dict[str, Any]) -> str:
    """A legend item's swatch as characters in its colours: a box, a line in its style, or a dot."""
    fill, border = _color(swatch.get("fill")), _color(swatch.get("border") or swatch.get("fill"))
    if swatch.get("type") == "line":
        style = line_style([int(float(n)) for n in str(swatch.get("dash") or "").split()])
        mark = LINE_SWATCH[style] if swatch.get("arrow", True) else LINE_SWATCH[style][:-1]
        return f'<FONT COLOR="{_color(swatch.get("color"))}" POINT-SIZE="14">{mark}</FONT>'
    if swatch.get("type") == "dot":
        return f'<FONT COLOR="{border}" POINT-SIZE="{8 + 2 * int(swatch.get("radius", 5))}">\u25cf</FONT>'
    if fill.lower() in (WHITE, PANEL):  # a white box: its border shows it
        return f'<FONT COLOR="{border}" POINT-SIZE="18">\u25a1</FONT>'
    return f'<FONT COLOR="{fill}" POINT-SIZE="18">\u25a0</FONT>'


def _escape(value: Any) -> str:
    """Text from the data, escaped for an HTML-like label."""
    return html.escape(str(value), quote=True)


def _color(value: Any) -> str:
    """A ``#rrggbb`` colour as it is; anything else becomes :data:`NEUTRAL`."""
    return value if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value) else NEUTRAL
