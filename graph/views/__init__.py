"""Interactive HTML views of the career graph.

Each view function returns a :class:`View`: a complete HTML page (``.html``)
that opens by double-click in any current browser with no network at all,
``.write(path)`` to save it atomically, ``.save_png(path)`` for a picture, and
``_repr_html_`` so that it shows inline in Jupyter.

- :func:`ladder_view`: every role by seniority (entry level at the bottom),
  one column per track, each kind of move in its own line style;
- :func:`role_view`: one role with its skills, responsibilities and moves;
- :func:`path_view`: the ladder with a path highlighted and each step's gap;
- :func:`skills_view`: skills against roles in seniority order, with each
  role's mix of skill categories;
- :func:`query_view`: the graph a SPARQL CONSTRUCT query returns.

One module per view (:mod:`~careergraph.views.ladder`,
:mod:`~careergraph.views.role`, :mod:`~careergraph.views.path`,
:mod:`~careergraph.views.skills`, :mod:`~careergraph.views.query`), each
deciding what its page shows; beside them, one module per job:

- :mod:`~careergraph.views.layout`: positions (seniority x track, the skills
  grid), so physics is off; the query view, whose shape is unknown, lets the
  physics settle once;
- :mod:`~careergraph.views.style`: every colour, the font and the line style
  of each kind of move (the server's query page takes its colours there too);
- :mod:`~careergraph.views.parts`: boxes, move edges and legend sections;
- :mod:`~careergraph.views.text`: tooltips, subtitles and step descriptions;
- :mod:`~careergraph.views.page`: renders the page with pyvis (the only
  module that imports it, and only when drawing) and keeps it self-contained;
  :mod:`careergraph.attribution` writes the footer naming every document the
  drawn things come from.

Tooltips travel as lists of plain strings and become DOM elements filled with
``textContent`` in the page; pyvis's "a title containing href means raw
HTML" switch is never reached, and every other text from the data is escaped
by the template or drawn on the canvas.

Examples
--------
>>> from careergraph.load import load_graph
>>> view = ladder_view(load_graph())
>>> view.title, view.node_count, view.edge_count
('Product management career ladder', 11, 9)
>>> check_self_contained(view.html)
>>> view.attribution[0]
'Source: “Career path of a Product Manager”.'
"""

from __future__ import annotations

from careergraph.attribution import attributions
from careergraph.views.ladder import ladder_view
from careergraph.views.layout import ladder_positions
from careergraph.views.page import View, check_self_contained, find_chromium
from careergraph.views.path import path_view, path_view_for
from careergraph.views.query import MAX_QUERY_NODES, query_view
from careergraph.views.role import role_view
from careergraph.views.skills import skills_view
from careergraph.views.style import CATEGORY_COLORS, HIGHLIGHT, TRACK_COLORS

VIEWS = ("ladder", "role", "path", "skills", "query")
"""The views ``careergraph draw`` knows."""

__all__ = [
    "CATEGORY_COLORS",
    "HIGHLIGHT",
    "MAX_QUERY_NODES",
    "TRACK_COLORS",
    "VIEWS",
    "View",
    "attributions",
    "check_self_contained",
    "find_chromium",
    "ladder_positions",
    "ladder_view",
    "path_view",
    "path_view_for",
    "query_view",
    "role_view",
    "skills_view",
]
