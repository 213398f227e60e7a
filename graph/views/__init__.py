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

The package's names are imported on first use (:pep:`562`), so that a module
that needs only the colours (``careergraph.views.style``, as the server's page
does) does not import every view and, with them, networkx.

Examples
--------
>>> from careergraph.load import load_graph
>>> from careergraph.views import check_self_contained, ladder_view
>>> view = ladder_view(load_graph())
>>> view.title, view.node_count, view.edge_count
('Product management career ladder', 11, 9)
>>> check_self_contained(view.html)
>>> view.attribution[0]
'Source: “Career path of a Product Manager”.'
"""

from __future__ import annotations

import importlib
from typing import Any

VIEWS = ("ladder", "role", "path", "skills", "query")
"""The views ``careergraph draw`` knows."""

_EXPORTS = {
    "attributions": "careergraph.attribution",
    "ladder_view": "careergraph.views.ladder",
    "ladder_positions": "careergraph.views.layout",
    "View": "careergraph.views.page",
    "check_self_contained": "careergraph.views.page",
    "find_chromium": "careergraph.views.page",
    "path_view": "careergraph.views.path",
    "path_view_for": "careergraph.views.path",
    "MAX_QUERY_NODES": "careergraph.views.query",
    "query_view": "careergraph.views.query",
    "role_view": "careergraph.views.role",
    "skills_view": "careergraph.views.skills",
    "CATEGORY_COLORS": "careergraph.views.style",
    "HIGHLIGHT": "careergraph.views.style",
    "TRACK_COLORS": "careergraph.views.style",
}
"""Each name the package offers -> the module that defines it."""

__all__ = sorted(["VIEWS", *_EXPORTS])


def __getattr__(name: str) -> Any:
    """Import a name of the package from its module on first use (:pep:`562`).

    Parameters
    ----------
    name : str
        The attribute asked for.

    Returns
    -------
    object
        The name's value, kept in the package from then on.

    Raises
    ------
    AttributeError
        For a name the package does not offer.
    """
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, loaded or not.

    Returns
    -------
    list of str
        Sorted names.
    """
    return sorted({*globals(), *_EXPORTS})
