"""The page of a view: a self-contained HTML file rendered with pyvis, and its picture.

The only module that imports pyvis. How it works around pyvis 0.3.2 (see
DESIGN.md):

- the page comes from careergraph's own template (``templates/view.html``,
  rendered by pyvis's ``generate_html``), which inlines the vis-network script
  and stylesheet that the pyvis wheel bundles (``templates/lib/vis-9.1.2``):
  no CDN, no Bootstrap, no ``lib/`` folder copied into the working directory;
  :func:`check_self_contained` refuses any page that would still load
  something, and a Content-Security-Policy holding the hashes of the page's
  own scripts forbids every other script and every request;
- nodes and edges arrive as plain lists built in one pass (no ``add_node``,
  ``add_edge`` or ``from_nx``, which grow quadratically and mutate input);
- physics is off, or settles once and is then switched off (``Page.stabilize``);
- ``show()`` is never called: pages are written with :func:`careergraph.files.write_atomic`.

Each view of :mod:`careergraph.views` builds a :class:`Page`; :func:`render` turns it
into a :class:`View`.

Examples
--------
>>> from careergraph.load import load_graph
>>> view = render(Page("A page", "no nodes"), load_graph())
>>> view.title, view.node_count, view.edge_count
('A page', 0, 0)
>>> check_self_contained(view.html)
"""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph.attribution import attributions
from careergraph.errors import CareerGraphError
from careergraph.views.style import (CANVAS_COLORS, EDGE_LABEL_BACKGROUND, FONT, PAGE_CSS_COLORS, RULE,
                                     css_variables)

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

TEMPLATE = "view.html"
"""The page template, in ``templates/`` beside this module (package data)."""


# ----------------------------------------------------------------------------
# The view object
# ----------------------------------------------------------------------------

@dataclass
class View:
    """A drawn view: a self-contained HTML page and what it shows.

    Parameters
    ----------
    title : str
        The page's title.
    html : str
        The whole page.
    node_count, edge_count : int
        How many nodes and edges the page's ``network`` holds.
    attribution : list of str
        The footer's lines.
    page : Page, optional
        What the page shows, for its static pictures (:meth:`save_svg`, :meth:`save_png`).

    Examples
    --------
    >>> View("T", "<p>page</p>", 2, 1)
    <View 'T': 2 nodes, 1 edges>
    """

    title: str
    html: str
    node_count: int
    edge_count: int
    attribution: list[str] = field(default_factory=list)
    page: Page | None = field(default=None, repr=False, compare=False)

    def write(self, path: str | Path) -> Path:
        """Write the page to ``path`` in UTF-8, atomically (never a half-written file).

        Parameters
        ----------
        path : str or Path
            The file to write; a file already there is replaced whole.

        Returns
        -------
        Path
            The file written.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from careergraph.load import load_graph
        >>> from careergraph.views import ladder_view
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     written = ladder_view(load_graph()).write(pathlib.Path(tmp) / "ladder.html")
        ...     written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
        """
        from careergraph.files import write_atomic

        return write_atomic(path, self.html)

    def save_svg(self, path: str | Path) -> Path:
        """Save a static picture of the view as SVG, drawn by Graphviz's ``dot`` (no browser).

        Parameters
        ----------
        path : str or Path
            The SVG file to write; a file already there is replaced whole, and
            kept as it was when drawing fails.

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        CareerGraphError
            When ``dot`` is not installed or fails, or the view has no static picture.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from careergraph.load import load_graph
        >>> from careergraph.views import ladder_view
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     svg = ladder_view(load_graph()).save_svg(pathlib.Path(tmp) / "ladder.svg")
        ...     b"Product Manager" in svg.read_bytes()
        True
        """
        return self._save_static(path, "svg")

    def save_png(self, path: str | Path) -> Path:
        """Save a static picture of the view as PNG, drawn by Graphviz's ``dot`` (no browser).

        Parameters
        ----------
        path : str or Path
            The PNG file to write; a file already there is replaced whole, and
            kept as it was when drawing fails.

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        CareerGraphError
            When ``dot`` is not installed or fails, or the view has no static picture.
        """
        return self._save_static(path, "png")

    def _save_static(self, path: str | Path, fmt: str) -> Path:
        from careergraph.files import write_atomic
        from careergraph.views.static import draw

        if self.page is None:
            raise CareerGraphError(f"{self.title!r} was not drawn from a page and has no static picture")
        return write_atomic(path, draw(self.page, fmt, self.attribution))

    def save_screenshot(self, path: str | Path, *, width: int = 1600, height: int = 1000,
                        scale: float = 2) -> Path:
        """Save a picture of the interactive page as PNG, taken by headless Chromium.

        The picture is the page as a browser shows it (graph, legend and
        attribution), ``width`` x ``height`` CSS pixels at ``scale`` device
        pixels each, with the whole graph in view: it is measured in the page
        (nodes, level names, headings) and fitted in before the picture is
        taken (:mod:`careergraph.views.screenshot`).

        Parameters
        ----------
        path : str or Path
            The PNG file to write; a file already there is replaced whole.
        width, height : int
            The page's size, in CSS pixels.
        scale : float
            Device pixels per CSS pixel.

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        CareerGraphError
            When neither Chromium nor Google Chrome is installed, or the
            browser fails.
        """
        from careergraph.files import write_atomic
        from careergraph.views.screenshot import capture

        png, _ = capture(self.html, find_chromium(), width=width, height=height, scale=scale)
        return write_atomic(path, png)

    def _repr_html_(self) -> str:
        """The page in a sandboxed iframe, for Jupyter.

        Examples
        --------
        >>> View("T", "<p>a & b</p>", 0, 0)._repr_html_()[:72]
        '<iframe title="T" sandbox="allow-scripts" srcdoc="&lt;p&gt;a &amp; b&lt;'
        """
        return (f'<iframe title="{html_module.escape(self.title)}" sandbox="allow-scripts" '
                f'srcdoc="{html_module.escape(self.html, quote=True)}" '
                f'style="width: 100%; height: 760px; border: 1px solid {RULE};"></iframe>')

    def __repr__(self) -> str:
        return f"<View {self.title!r}: {self.node_count} nodes, {self.edge_count} edges>"


def find_chromium() -> str:
    """The Chromium (or Google Chrome) executable, for pictures of views.

    Returns
    -------
    str
        The path of the first of ``chromium``, ``chromium-browser``,
        ``google-chrome`` and ``google-chrome-stable`` found on the PATH.

    Raises
    ------
    CareerGraphError
        When none is installed, saying how to install it.
    """
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise CareerGraphError("--screenshot needs Chromium or Google Chrome on the PATH "
                           "(Debian/Ubuntu: apt-get install chromium); the HTML page, --svg and --png need neither")

# ----------------------------------------------------------------------------
# Page assembly and rendering
# ----------------------------------------------------------------------------

@dataclass
class Page:
    """Everything one page shows, before rendering (built by each view of :mod:`careergraph.views`).

    Parameters
    ----------
    title : str
        The page's title (its ``<title>`` and heading).
    subtitle : str
        The line under the title.
    search_hint : str
        The search box's placeholder: what it finds.
    nodes, edges : list of dict
        The vis-network nodes and edges, with their tooltips (``tip``, lists of lines).
    legend : list of dict
        Legend sections: ``title`` and ``items`` (``swatch`` and ``text``).
    steps : list of dict
        A path's steps under the graph: ``move`` and ``lines``.
    notes : list of str
        Notes under the legend.
    decor : list of dict
        Shapes drawn behind the graph (``rect``, ``text``, ``line``), in canvas pixels.
    drawn : set of str
        IRIs of everything drawn, for the attribution.
    stabilize : bool
        Let the physics settle once, then switch it off (for views without fixed positions).
    extra : dict
        More data for scripts and tests, in the page's ``cg-page`` JSON.

    Examples
    --------
    >>> page = Page("Title", "subtitle")
    >>> page.nodes, page.stabilize
    ([], False)
    """

    title: str
    subtitle: str
    search_hint: str = "a role or title"
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    legend: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    decor: list[dict[str, Any]] = field(default_factory=list)
    drawn: set[str] = field(default_factory=set)
    stabilize: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def render(page: Page, kg: CareerGraph) -> View:
    """Render a page with pyvis and careergraph's template; return the finished View.

    Parameters
    ----------
    page : Page
        What the page shows.
    kg : CareerGraph
        The graph it was drawn from, for the footer naming the sources of what is drawn.

    Returns
    -------
    View
        The self-contained page.

    Raises
    ------
    ValueError
        If the page would load anything from outside itself (a bug, never the data's doing).
    """
    import jinja2
    from pyvis.network import Network

    from careergraph import __version__

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = page.nodes  # filled in one pass: add_node/add_edge grow quadratically
    net.edges = page.edges
    net.node_ids = [node["id"] for node in page.nodes]
    net.node_map = {node["id"]: node for node in page.nodes}
    net.options = _options(page)
    vis_dir = _vis_dir()
    attribution = attributions(kg, page.drawn)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    environment.globals.update(
        vis_js=_script_safe(_read_text(vis_dir / "vis-network.min.js")),
        vis_css=_read_text(vis_dir / "vis-network.css").replace("</", "<\\/"),
        vis_version=vis_dir.name.removeprefix("vis-"),
        page={
            "version": __version__, "title": page.title, "subtitle": page.subtitle,
            "search_hint": page.search_hint, "legend": page.legend, "steps": page.steps,
            "notes": page.notes, "attribution": attribution, "css_colors": css_variables(PAGE_CSS_COLORS),
            "script_data": {"font": FONT, "colors": CANVAS_COLORS, "decor": page.decor,
                            "stabilize": page.stabilize, **page.extra},
        })
    net.templateEnv = environment
    net.path = TEMPLATE
    text = _with_csp(net.generate_html())
    check_self_contained(text)
    return View(page.title, text, len(page.nodes), len(page.edges), attribution, page)


def _options(page: Page) -> dict[str, Any]:
    """The vis-network options: physics off (or stabilise once), hover tooltips, straight edges."""
    physics: dict[str, Any] = {"enabled": False}
    if page.stabilize:
        physics = {"enabled": True, "solver": "forceAtlas2Based",
                   "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 180},
                   "stabilization": {"enabled": True, "iterations": 400, "fit": True}}
    return {
        "physics": physics,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": False,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "nodes": {"font": {"face": FONT}, "shapeProperties": {"borderRadius": 5}},
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.5,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
                  "font": {"face": FONT, "size": 14, "align": "horizontal", "strokeWidth": 0,
                           "background": EDGE_LABEL_BACKGROUND}},
    }


def _vis_dir() -> Path:
    """The folder of the newest vis-network that the installed pyvis bundles."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(n) for n in re.findall(r"\d+", p.parent.name)))
    if not found:  # pragma: no cover - a broken pyvis installation
        raise RuntimeError(f"pyvis bundles no vis-network under {lib}")
    return found[-1].parent


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _script_safe(script: str) -> str:
    """A script that cannot end its <script> element early."""
    return re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)


_CSP_PLACEHOLDER = "__CAREERGRAPH_CSP__"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _with_csp(text: str) -> str:
    """Fill in the page's Content-Security-Policy: only its own scripts run, nothing is fetched."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(text))
    policy = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
              "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    return text.replace(_CSP_PLACEHOLDER, policy, 1)


_EXTERNAL = re.compile(
    r"""<(?:script|link|img|iframe|object|embed|source|audio|video|base)\b[^>]*?"""
    r"""\b(?:src|href|data|srcset)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""",
    re.IGNORECASE)


def check_self_contained(text: str) -> None:
    """Raise ``ValueError`` if a page would load anything from outside itself.

    Any ``src``/``href`` on a loading element that names a URL (other than a
    ``data:`` URI) counts, as does a CSS ``@import`` or ``url()`` that is not
    a ``data:`` URI.

    Parameters
    ----------
    text : str
        The page's HTML.

    Raises
    ------
    ValueError
        Naming the first outside reference.

    Examples
    --------
    >>> check_self_contained('<script>var a = "<b>";</script>')
    >>> check_self_contained('<link rel="stylesheet" href="https://cdn.example/x.css">')
    Traceback (most recent call last):
    ...
    ValueError: the page loads something from outside itself: <link rel="stylesheet" href="https:
    """
    for match in _EXTERNAL.finditer(text):
        if not re.search(r"""=\s*["']?\s*data:""", match.group(0), re.IGNORECASE):
            raise ValueError(f"the page loads something from outside itself: {match.group(0)}")
    for style in re.findall(r"<style>(.*?)</style>", text, re.DOTALL):
        for reference in re.findall(r"""(?:url\(|@import)\s*["']?([^"')\s;]*)""", style):
            if not reference.startswith("data:"):
                raise ValueError(f"the page's style loads {reference!r}")

