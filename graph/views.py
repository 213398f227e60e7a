"""Interactive HTML views of the career graph: the only module that imports pyvis.

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

How this module works around pyvis 0.3.2 (see DESIGN.md):

- the page comes from careergraph's own template (``templates/view.html``,
  rendered by pyvis's ``generate_html``), which inlines the vis-network script
  and stylesheet that the pyvis wheel bundles (``templates/lib/vis-9.1.2``):
  no CDN, no Bootstrap, no ``lib/`` folder copied into the working directory;
  :func:`check_self_contained` refuses any page that would still load
  something, and a Content-Security-Policy holding the hashes of the page's
  own scripts forbids every other script and every request;
- nodes and edges are built as plain lists in one pass (no ``add_node``,
  ``add_edge`` or ``from_nx``, which grow quadratically and mutate input);
- positions are computed here and physics is off (the query view, whose
  shape is unknown, lets the physics settle once and then switches it off);
- tooltips travel as lists of plain strings and become DOM elements filled
  with ``textContent`` in the page; pyvis's "a title containing href means
  raw HTML" switch is never reached, and every other text from the data is
  escaped by the template or drawn on the canvas;
- ``show()`` is never called: pages are written with :func:`careergraph.files.write_atomic`.

Attribution: the footer names every document the drawn things come from.
Starting at each drawn IRI, the module follows ``dcterms:source``,
``prov:wasDerivedFrom`` and ``dcterms:isPartOf`` (a passage is part of an
article, a record part of a data set) and lists each document found with its
``dcterms:title`` and its attribution statement: ``schema:creditText``, else
``dcterms:rights``, else ``dcterms:bibliographicCitation``. The O*NET and
ESCO statements their licences require are added whenever a document of
those data sets (recognised by title or IRI) or an ESCO concept is drawn,
even if an importer forgot the statement.

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

import base64
import hashlib
import html as html_module
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CareerGraphError
from .load import CareerGraph
from .namespaces import CG, DCTERMS, PREFIXES, PROV, RDF, SCHEMA, SKOS, shorten

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
"""The font stack of the canvas and the page."""

TEMPLATE = "view.html"
"""The page template, in ``templates/`` beside this module (package data)."""


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

ONET_ATTRIBUTION = ("This product includes information from the O*NET 29.2 Database by the "
                    "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). "
                    "Used under the CC BY 4.0 license.")
ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
ESCO_NAMESPACE = "http://data.europa.eu/esco/"

_CREDIT = (SCHEMA + "creditText", DCTERMS + "rights", DCTERMS + "bibliographicCitation")
_PROVENANCE = (DCTERMS + "source", PROV + "wasDerivedFrom", DCTERMS + "isPartOf")

# Layout, in canvas pixels.
LEVEL_GAP = 120
SLOT_WIDTH = 230
TRACK_GAP = 50
MAX_PER_ROW = 6


# ----------------------------------------------------------------------------
# The view object
# ----------------------------------------------------------------------------

@dataclass
class View:
    """A drawn view: a self-contained HTML page and what it shows.

    Attributes
    ----------
    title : str
        The page's title.
    html : str
        The whole page.
    node_count, edge_count : int
        How many nodes and edges the page's ``network`` holds.
    attribution : list of str
        The footer's lines.
    """

    title: str
    html: str
    node_count: int
    edge_count: int
    attribution: list[str] = field(default_factory=list)

    def write(self, path: str | Path) -> Path:
        """Write the page to ``path`` in UTF-8, atomically (never a half-written file).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from careergraph.load import load_graph
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     written = ladder_view(load_graph()).write(pathlib.Path(tmp) / "ladder.html")
        ...     written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
        """
        from .files import write_atomic

        return write_atomic(path, self.html)

    def save_png(self, path: str | Path, *, width: int = 1600, height: int = 1000,
                 scale: float = 2) -> Path:
        """Save a picture of the page as PNG, taken by headless Chromium.

        The picture is the page as a browser shows it (graph, legend and
        attribution), ``width`` x ``height`` CSS pixels at ``scale`` device
        pixels each. Chromium runs with no profile of the user's and with
        every host name unresolvable.

        Raises
        ------
        CareerGraphError
            When neither Chromium nor Google Chrome is installed, or the
            browser fails.
        """
        from .files import write_atomic

        browser = find_chromium()
        with tempfile.TemporaryDirectory(prefix="careergraph-png-") as tmp:
            page = Path(tmp) / "view.html"
            page.write_text(self.html, encoding="utf-8")
            shot = Path(tmp) / "view.png"
            command = [
                browser, "--headless=new", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size={int(width)},{int(height)}", f"--force-device-scale-factor={scale}",
                "--virtual-time-budget=5000", f"--screenshot={shot}", page.as_uri(),
            ]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                command.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=120)
            except (OSError, subprocess.TimeoutExpired) as error:
                raise CareerGraphError(f"cannot take the picture with {browser}: {error}") from None
            if not shot.exists() or shot.stat().st_size == 0:
                why = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
                raise CareerGraphError(f"{browser} saved no picture: {why}")
            return write_atomic(path, shot.read_bytes())

    def _repr_html_(self) -> str:
        """The page in a sandboxed iframe, for Jupyter.

        Examples
        --------
        >>> View("T", "<p>a & b</p>", 0, 0)._repr_html_()[:72]
        '<iframe title="T" sandbox="allow-scripts" srcdoc="&lt;p&gt;a &amp; b&lt;'
        """
        return (f'<iframe title="{html_module.escape(self.title)}" sandbox="allow-scripts" '
                f'srcdoc="{html_module.escape(self.html, quote=True)}" '
                'style="width: 100%; height: 760px; border: 1px solid #d8dee4;"></iframe>')

    def __repr__(self) -> str:
        return f"<View {self.title!r}: {self.node_count} nodes, {self.edge_count} edges>"


def find_chromium() -> str:
    """The Chromium (or Google Chrome) executable, for pictures of views.

    Raises
    ------
    CareerGraphError
        When none is installed, saying how to install it.
    """
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise CareerGraphError("a PNG picture needs Chromium or Google Chrome on the PATH "
                           "(Debian/Ubuntu: apt-get install chromium); the HTML page needs neither")


# ----------------------------------------------------------------------------
# Page assembly and rendering
# ----------------------------------------------------------------------------

@dataclass
class _Page:
    """Everything one page shows, before rendering."""

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
    """IRIs of everything drawn, for the attribution."""
    stabilize: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    """More data for scripts and tests, in the page's ``cg-page`` JSON."""


def _render(page: _Page, kg: CareerGraph) -> View:
    """Render a page with pyvis and our template; return the finished View."""
    import jinja2
    from pyvis.network import Network

    from . import __version__

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
            "notes": page.notes, "attribution": attribution,
            "script_data": {"font": FONT, "decor": page.decor, "stabilize": page.stabilize,
                            **page.extra},
        })
    net.templateEnv = environment
    net.path = TEMPLATE
    text = _with_csp(net.generate_html())
    check_self_contained(text)
    return View(page.title, text, len(page.nodes), len(page.edges), attribution)


def _options(page: _Page) -> dict[str, Any]:
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
                           "background": "rgba(255,255,255,0.92)"}},
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


# ----------------------------------------------------------------------------
# Attribution
# ----------------------------------------------------------------------------

def attributions(kg: CareerGraph, drawn: Iterable[str]) -> list[str]:
    """The footer lines for the drawn IRIs: each source document and its required credit.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> attributions(load_graph(), ["https://w3id.org/careergraph/pm/product-manager"])
    ['Source: “Career path of a Product Manager”.']
    >>> attributions(load_graph(), ["http://data.europa.eu/esco/occupation/x"])
    ['This service uses the ESCO classification of the European Commission.']
    """
    from rdflib import Literal, URIRef

    graph = kg  # kg.objects works on every store, like rdflib's Graph.objects
    drawn = sorted(set(drawn))
    documents: dict[str, None] = {}
    seen: set[str] = set()
    frontier = [URIRef(iri) for iri in drawn]
    for _ in range(4):  # thing -> passage or record -> document -> data set
        following = []
        kg.prefetch(frontier)  # one request per level on an endpoint, not one per node
        for node in frontier:
            for predicate in _PROVENANCE:
                for target in graph.objects(node, URIRef(predicate)):
                    if isinstance(target, Literal) or str(target) in seen:
                        continue
                    seen.add(str(target))
                    following.append(target)
                    if _is_document(graph, target):
                        documents[str(target)] = None
        frontier = following
    part_of = URIRef(DCTERMS + "isPartOf")
    tops = [d for d in documents  # a file of a data set, or a passage of an article: name the whole
            if not any(str(parent) in documents for parent in graph.objects(URIRef(d), part_of))]
    lines: list[str] = []
    names: list[str] = []
    for document in tops:
        node = URIRef(document)
        title = _first_literal(graph, node, DCTERMS + "title")
        credit = next((c for c in (_first_literal(graph, node, p) for p in _CREDIT) if c), None)
        if title:
            lines.append(f"Source: “{title}”." + (f" {credit}" if credit else ""))
        elif credit:
            lines.append(credit)
        names.append(f"{document} {title or ''}")
    named, shown = " ".join(names + list(documents)), " ".join(lines)
    if any(mark in named for mark in ("O*NET", "onetcenter.org", "onetonline.org")) \
            and "O*NET" not in shown:
        lines.append(ONET_ATTRIBUTION)
    if ("ESCO" in named or ESCO_NAMESPACE in named or any(i.startswith(ESCO_NAMESPACE) for i in drawn)) \
            and "ESCO classification" not in shown:
        lines.append(ESCO_ATTRIBUTION)
    return lines


def _is_document(graph, node) -> bool:
    """A node with a title or a credit of its own: a document or data set to name."""
    from rdflib import URIRef

    return any(True for p in (DCTERMS + "title", *_CREDIT) for _ in graph.objects(node, URIRef(p)))


def _first_literal(graph, node, predicate: str) -> str | None:
    from rdflib import Literal, URIRef

    values = [v for v in graph.objects(node, URIRef(predicate)) if isinstance(v, Literal)]
    values.sort(key=lambda v: (v.language not in (None, "en"), str(v)))
    return " ".join(str(values[0]).split()) if values else None


# ----------------------------------------------------------------------------
# Shared pieces: colours, nodes, edges, tooltips, legend
# ----------------------------------------------------------------------------

class _Colors:
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


def _darker(color: str, factor: float = 0.72) -> str:
    """A darker shade of a ``#rrggbb`` colour.

    Examples
    --------
    >>> _darker("#ffffff")
    '#b7b7b7'
    """
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


def _lighter(color: str, amount: float = 0.8) -> str:
    """A lighter tint of a ``#rrggbb`` colour (towards white).

    Examples
    --------
    >>> _lighter("#000000", 0.5)
    '#7f7f7f'
    """
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c + (255 - c) * amount) for c in (red, green, blue)))


def _box(node_id: str, label: str, x: float | None, y: float | None, fill: str, *, text: str = "#ffffff",
         border: str | None = None, border_width: float = 1, width: tuple[int, int] = (150, 170),
         size: int = 16, tip: Sequence[str] = (), search: Sequence[str] = (),
         **extra: Any) -> dict[str, Any]:
    """A box node, at a fixed position unless ``x`` and ``y`` are None."""
    border = border or _darker(fill)
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


def _sources_lines(sources: Sequence[Mapping[str, Any]], limit: int = 2) -> list[str]:
    """Tooltip lines quoting the source passages (at most ``limit``)."""
    passages = [s for s in sources if s.get("quote")]
    lines = []
    for passage in passages[:limit]:
        where = f" ({passage['section']})" if passage.get("section") else ""
        lines.append(f"Source{where}: “{passage['quote']}”")
    if len(passages) > limit:
        lines.append(f"… and {len(passages) - limit} more source passage(s)")
    return lines


def _role_tip(data: Mapping[str, Any]) -> list[str]:
    """Tooltip lines of a role: label, other titles, level and track, definition, sources."""
    lines = [data["label"]]
    if data.get("alt_labels"):
        lines.append("Also called: " + ", ".join(data["alt_labels"]))
    level = "seniority not given" if data.get("seniority") is None else f"seniority {data['seniority']}"
    lines.append(f"{level} · {data.get('track') or 'no track'}")
    if data.get("definition"):
        lines.append(data["definition"])
    return lines + _sources_lines(data.get("sources", []))


def _move_tip(roles, source: str, target: str, data: Mapping[str, Any]) -> list[str]:
    """Tooltip lines of a move."""
    return [f"{roles.nodes[source]['label']} → {roles.nodes[target]['label']}",
            f"Kind of move: {data.get('kind_label') or data.get('kind')}",
            *_sources_lines(data.get("sources", []))]


def _move_style(kind: str) -> MoveStyle:
    return MOVE_STYLES.get(kind, OTHER_MOVE)


def _move_edge(roles, source: str, target: str, **extra: Any) -> dict[str, Any]:
    """The edge of one move of the role graph, in its kind's style."""
    data = roles.edges[source, target]
    return {"id": f"{source} -> {target}", "from": source, "to": target, "kind": data["kind"],
            **_move_style(data["kind"]).edge(), "tip": _move_tip(roles, source, target, data),
            **extra}


def _moves_legend(kinds: Iterable[str]) -> dict[str, Any]:
    present = set(kinds)
    items = [{"swatch": style.swatch(), "text": style.label}
             for kind, style in MOVE_STYLES.items() if kind in present]
    if present - set(MOVE_STYLES):
        items.append({"swatch": OTHER_MOVE.swatch(), "text": ", ".join(sorted(present - set(MOVE_STYLES)))})
    return {"title": "Moves", "items": items}


def _tracks_legend(roles, colors: _Colors) -> dict[str, Any]:
    tracks = {data.get("track_iri"): data.get("track") for _, data in roles.nodes(data=True)}
    items = [{"swatch": {"type": "box", "fill": colors(iri), "border": _darker(colors(iri))},
              "text": label or "no track"}
             for iri, label in sorted(tracks.items(), key=lambda t: _track_rank(*t))]
    return {"title": "Tracks", "items": items}


def _track_rank(iri: str | None, label: str | None) -> tuple[int, str]:
    order = list(TRACK_COLORS)
    if iri in order:
        return order.index(iri), ""
    return (len(order) + (iri is None), label or iri or "")


def _ladder_titles(kg: CareerGraph) -> list[str]:
    from rdflib import URIRef

    ladders = set(kg.subjects(URIRef(RDF + "type"), URIRef(CG + "Ladder")))
    return sorted({kg.label(ladder) for ladder in ladders})


def _layers_text(kg: CareerGraph) -> str:
    user = [layer.name for layer in kg.layers if not layer.builtin]
    return "built-in data" + (" + " + ", ".join(user) if user else "")


# ----------------------------------------------------------------------------
# The ladder and the path
# ----------------------------------------------------------------------------

def ladder_positions(roles) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """Positions of the roles by seniority (entry level at the bottom) and track (columns).

    Each track is a column; each seniority level a band, the entry level at
    the bottom. Roles sharing a level and a track sit side by side (wrapping
    after ``MAX_PER_ROW``), ordered to keep moves short. Returns the
    positions and the bands and headings to draw behind the graph.

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
                    key=lambda t: _track_rank(*t))
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
                          "h": height, "fill": "#f3f5f8"})
        name = "seniority not given" if level is None else f"seniority {level}"
        if index == 0 and level is not None:
            name += " (entry)"
        decor.append({"type": "text", "x": -160, "y": band_top + height / 2, "text": name,
                      "size": 15, "color": "#57606a"})
    for iri, label in tracks:
        center = left[iri] + per_row[iri] * SLOT_WIDTH / 2
        decor.append({"type": "text", "x": center, "y": -28, "text": label or "no track",
                      "size": 18, "bold": True, "align": "center", "color": _track_text_color(iri)})
    return positions, decor


def _track_text_color(iri: str | None) -> str:
    return TRACK_COLORS.get(iri or "", "#57606a")


def _mean_x(roles, role: str, positions: Mapping[str, tuple[float, float]]) -> float:
    """The mean x of the role's already-placed neighbours (inf when none)."""
    xs = [positions[n][0] for n in (*roles.predecessors(role), *roles.successors(role)) if n in positions]
    return sum(xs) / len(xs) if xs else math.inf


def ladder_view(kg: CareerGraph) -> View:
    """Every role by seniority and track, with every move in its kind's line style.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph (built-in data and the user's layers).

    Returns
    -------
    View
        One node per role, one edge per move of :func:`careergraph.project.role_graph`.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> from careergraph.project import role_graph
    >>> kg = load_graph()
    >>> view = ladder_view(kg)
    >>> (view.node_count, view.edge_count) == (len(role_graph(kg)), role_graph(kg).number_of_edges())
    True
    """
    return _render(_ladder_page(kg), kg)


def _ladder_page(kg: CareerGraph, path: Sequence[str] = (),
                 steps: Sequence[Any] = ()) -> _Page:
    """The ladder page; with ``path`` (role IRIs), that path highlighted and ``steps`` its gaps."""
    from .project import role_graph

    roles = role_graph(kg)
    colors = _Colors(TRACK_COLORS)
    positions, decor = ladder_positions(roles)
    on_path = {role: index for index, role in enumerate(path)}
    path_moves = {(a, b): index for index, (a, b) in enumerate(zip(path, path[1:]), start=1)}
    titles = _ladder_titles(kg)
    page = _Page(title=" + ".join(titles) or "Career ladder", search_hint="a role or any of its titles",
                 subtitle=(f"{len(roles)} roles and {roles.number_of_edges()} moves by seniority and "
                           f"track ({_layers_text(kg)}); hover for titles, definitions and sources"),
                 decor=decor)
    for role, data in roles.nodes(data=True):
        x, y = positions[role]
        fill = colors(data.get("track_iri"))
        style: dict[str, Any] = {}
        if path and role not in on_path:
            style = {"text": "#6e7781", "border": "#b0bec5"}
            fill = "#eef1f4"
        elif path:
            style = {"border": HIGHLIGHT, "border_width": 4}
        page.nodes.append(_box(role, data["label"], x, y, fill, **style, tip=_role_tip(data),
                               size=19, width=(170, 190),
                               search=[data["label"], *data.get("alt_labels", [])],
                               **({"path_index": on_path[role]} if role in on_path else {})))
        page.drawn.add(role)
    step_by_move = {(s.from_role, s.to_role): s for s in steps}
    for source, target, data in roles.edges(data=True):
        page.drawn.add(data["transition"])
        edge = _move_edge(roles, source, target)
        index = path_moves.get((source, target))
        if path and index is None:
            edge["color"] = {"color": FADED, "highlight": FADED, "hover": FADED}
        elif path:
            step = step_by_move.get((source, target))
            edge.update(color={"color": HIGHLIGHT, "highlight": HIGHLIGHT, "hover": HIGHLIGHT},
                        width=5, step=index, arrows={"to": {"enabled": True, "scaleFactor": 0.6}})
            page.extra.setdefault("badges", []).append(
                {"from": source, "to": target, "text": str(index), "color": HIGHLIGHT})
            if step is not None:
                edge["tip"] = edge["tip"][:2] + _step_lines(step) + edge["tip"][2:]
        page.edges.append(edge)
    page.legend = [_tracks_legend(roles, colors), _moves_legend(d["kind"] for *_, d in roles.edges(data=True))]
    if path:
        page.legend.append({"title": "Path", "items": [
            {"swatch": {"type": "line", "color": HIGHLIGHT, "width": 3, "dash": ""},
             "text": "the path's moves, numbered"},
            {"swatch": {"type": "box", "fill": "#ffffff", "border": HIGHLIGHT, "width": 3},
             "text": "roles on the path"}]})
        page.extra["path"] = list(path)
    page.notes.append("Hover over a role or a move for its titles, definition and source passage; "
                      "drag to pan, scroll to zoom.")
    return page


def _skill_text(item: Any) -> tuple[str, Any, Any]:
    """(label, level, from level) of a gained or raised skill, as dict or object."""
    def get(name: str) -> Any:
        return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)
    level = next((get(n) for n in ("level", "to_level", "required", "proficiency") if get(n) is not None), None)
    start = next((get(n) for n in ("from_level", "current", "have") if get(n) is not None), None)
    return str(get("label") or get("skill") or "?"), level, start


def _step_lines(step: Any) -> list[str]:
    """Plain-text lines of one step's gap: skills to gain and to raise."""
    gain = [_skill_text(s) for s in getattr(step, "gain", ()) or ()]
    raised = [_skill_text(s) for s in getattr(step, "raise_", ()) or ()]
    lines = []
    if gain:
        lines.append("Gain: " + ", ".join(f"{label} (level {level})" if level is not None else label
                                          for label, level, _ in gain))
    if raised:
        lines.append("Raise: " + ", ".join(
            f"{label} ({start} → {level})" if start is not None else f"{label} (to {level})"
            for label, level, start in raised))
    if not lines:
        lines.append("No skill to gain or raise")
    responsibilities = list(getattr(step, "responsibilities", ()) or ())
    if responsibilities:
        lines.append(f"Takes on {len(responsibilities)} responsibilit{'y' if len(responsibilities) == 1 else 'ies'}")
    return lines


def path_view(kg: CareerGraph, source: str, target: str, *, via: str | None = None,
              avoid: Iterable[str] = (), kinds: Iterable[str] | str | None = None,
              track: str | None = None, weight: str | None = None) -> View:
    """The ladder with the best path from ``source`` to ``target`` highlighted, and each step's gap.

    Parameters
    ----------
    kg : CareerGraph
    source, target : str
        Roles, by any title or IRI.
    via, avoid, kinds, track
        Constraints, as :func:`careergraph.paths.shortest_path` takes them
        (``via`` and ``avoid`` by any title or IRI).
    weight : None, "moves" or "gap"
        Fewest moves (default), or the least skill gap.

    Raises
    ------
    RoleNotFound
        A title names no role.
    NoPath
        No path satisfies the question (the command line exits 1).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = path_view(load_graph(), "APM", "CPO")
    >>> view.title, view.node_count, view.edge_count
    ('Associate Product Manager → Chief Product Officer', 11, 9)
    """
    from .gap import path_gap, with_gap_costs
    from .paths import shortest_path
    from .project import role_graph
    from .titles import TitleIndex

    titles = TitleIndex.for_graph(kg)
    graph = with_gap_costs(kg) if weight == "gap" else role_graph(kg)
    path = shortest_path(graph, titles.resolve(source), titles.resolve(target), kinds=kinds,
                         track=track, via=None if via is None else titles.resolve(via),
                         avoid=[titles.resolve(role) for role in avoid],
                         weight=None if weight in (None, "moves") else weight)
    return path_view_for(kg, path, path_gap(kg, path))


def path_view_for(kg: CareerGraph, path: Sequence[str], steps: Sequence[Any] = ()) -> View:
    """The ladder with a given path (role IRIs in order) and its steps' gaps.

    For callers that have already computed the path, such as ``careergraph
    path --html`` and ``careergraph plan --html`` (``steps`` are the
    ``StepGap`` objects of :func:`careergraph.gap.path_gap`, possibly for a
    person's own profile).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> pm = "https://w3id.org/careergraph/pm/"
    >>> view = path_view_for(load_graph(), [pm + "product-manager", pm + "senior-product-manager"])
    >>> view.title
    'Product Manager → Senior Product Manager'
    """
    from .project import role_graph

    roles = role_graph(kg)
    path = [str(role) for role in path]
    missing = [role for role in path if role not in roles]
    if missing:
        raise CareerGraphError(f"not a role of the graph: {missing[0]}")
    page = _ladder_page(kg, path, steps)
    labels = [roles.nodes[r]["label"] for r in path]
    page.title = f"{labels[0]} → {labels[-1]}" if len(labels) > 1 else labels[0]
    moves = len(path) - 1
    page.subtitle = (f"{moves} move{'s' if moves != 1 else ''}: {' → '.join(labels)} "
                     f"({_layers_text(kg)})")
    by_move = {(s.from_role, s.to_role): s for s in steps}
    for a, b in zip(path, path[1:]):
        kind = roles.edges[a, b]["kind_label"] if roles.has_edge(a, b) else "move"
        step = by_move.get((a, b))
        page.steps.append({"move": f"{roles.nodes[a]['label']} → {roles.nodes[b]['label']} ({kind})",
                           "lines": _step_lines(step) if step is not None else []})
    return _render(page, kg)


# ----------------------------------------------------------------------------
# One role
# ----------------------------------------------------------------------------

def _levels(kg: CareerGraph) -> dict[int, str]:
    """The proficiency scale: level number -> its label."""
    rows = kg.query(
        "SELECT ?value ?label WHERE { ?level a cg:ProficiencyLevel ; rdf:value ?value ; "
        "skos:prefLabel ?label }")
    return {row.value.toPython(): str(row.label) for row in rows
            if isinstance(row.value.toPython(), int)}


def _categories_legend(entries: Iterable[tuple[Any, str | None, str | None]], colors: _Colors,
                       title: str = "Skill categories") -> dict[str, Any]:
    """Legend of skill categories: entries of (order, category IRI, label)."""
    unique = sorted(set(entries), key=lambda e: (e[0] is None, e[0] or 0, e[2] or ""))
    return {"title": title, "items": [
        {"swatch": {"type": "box", "fill": colors(iri) if iri else NO_TRACK,
                    "border": _darker(colors(iri) if iri else NO_TRACK)},
         "text": label or "no category"} for _, iri, label in unique]}


_FAN = {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                  "roundness": 0.6},
        "arrows": {"to": {"enabled": False}}}
"""Edges that fan out sideways from a role to a column of boxes, without arrow heads."""


def _stack(heights: Sequence[float], gap: float) -> list[float]:
    """The centres of boxes of the given heights stacked with ``gap`` between, centred on 0.

    Examples
    --------
    >>> _stack([10, 30], 10)
    [-20.0, 10.0]
    """
    total = sum(heights) + gap * max(0, len(heights) - 1)
    centres, top = [], -total / 2
    for height in heights:
        centres.append(top + height / 2)
        top += height + gap
    return centres


def _text_height(text: str, width: int, size: int = 14) -> float:
    """An estimate of the height of a wrapped box label."""
    per_line = max(8, int(width / (size * 0.52)))
    lines = max(1, math.ceil(len(text) / per_line))
    return lines * (size + 4) + 22


def role_view(kg: CareerGraph, role: str) -> View:
    """One role: its skills (by category, level on the edge), responsibilities and moves.

    Parameters
    ----------
    kg : CareerGraph
    role : str
        Any title of the role, or its IRI.

    Raises
    ------
    RoleNotFound
        With the closest titles as suggestions.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = role_view(load_graph(), "Director of Product")
    >>> view.title, view.node_count, view.edge_count
    ('Director of Product', 16, 15)
    """
    from .project import role_graph, skill_graph
    from .titles import TitleIndex

    iri = TitleIndex.for_graph(kg).resolve(role)
    roles, skills = role_graph(kg), skill_graph(kg)
    data = roles.nodes[iri]
    levels = _levels(kg)
    categories = _Colors(CATEGORY_COLORS)
    page = _Page(title=data["label"], search_hint="a skill, responsibility or role",
                 subtitle=f"What the role asks and where it leads ({_layers_text(kg)})")
    page.nodes.append(_box(iri, data["label"], 0, 0, _Colors(TRACK_COLORS)(data.get("track_iri")),
                           width=(190, 220), size=20, border_width=3, tip=_role_tip(data),
                           search=[data["label"], *data.get("alt_labels", [])], part="role"))
    page.drawn.add(iri)

    required = sorted(skills.successors(iri), key=lambda s: (
        skills.nodes[s].get("category_order") or 99, skills.nodes[s].get("category_label") or "",
        skills.nodes[s]["label"]))
    skill_ys = _stack([_text_height(skills.nodes[s]["label"], 230, 15) for s in required], 12)
    for skill, y in zip(required, skill_ys):
        info, need = skills.nodes[skill], skills.edges[iri, skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        level = need.get("proficiency")
        level_text = "level not given" if level is None else f"level {level}"
        importance = need.get("importance")
        tip = [info["label"], f"Category: {info.get('category_label') or 'none'}",
               f"{data['label']} needs it at {level_text}"
               + (f" ({levels[level]})" if level in levels else "")
               + (f", {importance}" if importance else ""),
               *_sources_lines(need.get("sources", []))]
        page.nodes.append(_box(skill, info["label"], -640, y, _lighter(color, 0.82), text="#1f2328",
                               border=color, border_width=2, width=(230, 230), size=15,
                               tip=tip, part="skill"))
        page.edges.append({"id": f"{iri} requires {skill}", "from": iri, "to": skill,
                           "label": level_text, "part": "requirement", **_FAN,
                           "font": {"color": _darker(color, 0.8)},
                           "color": {"color": color, "highlight": color, "hover": color},
                           "width": 3 if importance == "core" else 1.5,
                           "dashes": False if importance != "supporting" else [6, 4],
                           "tip": tip})
        page.drawn.update({skill, need["requirement"]})

    responsibilities = data.get("responsibilities", [])
    duty_ys = _stack([_text_height(r["label"], 260) for r in responsibilities], 14)
    for item, y in zip(responsibilities, duty_ys):
        page.nodes.append(_box(item["iri"], item["label"], 640, y, RESPONSIBILITY_COLOR,
                               text="#1f2328", border="#90a4ae", width=(260, 260), size=14,
                               tip=[item["label"], f"A responsibility of the {data['label']}"],
                               part="responsibility"))
        page.edges.append({"id": f"{iri} has {item['iri']}", "from": iri, "to": item["iri"],
                           "part": "responsibility", "width": 1.5, **_FAN,
                           "color": {"color": "#90a4ae", "highlight": "#546e7a", "hover": "#546e7a"},
                           "tip": [f"{data['label']} is responsible for: {item['label']}"]})

    above = sorted(roles.successors(iri), key=lambda r: roles.nodes[r]["label"])
    below = sorted((r for r in roles.predecessors(iri) if r not in above), key=lambda r: roles.nodes[r]["label"])
    reach = max([abs(n["y"]) for n in page.nodes] + [150]) * 0.55 + 120
    for row, members in ((-reach, above), (reach, below)):
        for index, other in enumerate(members):
            x = (index - (len(members) - 1) / 2) * 230
            info = roles.nodes[other]
            page.nodes.append(_box(other, info["label"], x, row, _Colors(TRACK_COLORS)(info.get("track_iri")),
                                   tip=_role_tip(info), search=[info["label"], *info.get("alt_labels", [])],
                                   part="move"))
            page.drawn.add(other)
    for source, target in [*((iri, r) for r in roles.successors(iri)),
                           *((r, iri) for r in roles.predecessors(iri))]:
        both = roles.has_edge(target, source)
        edge = _move_edge(roles, source, target, part="move",
                          label=roles.edges[source, target]["kind_label"])
        if both:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        page.edges.append(edge)
        page.drawn.add(roles.edges[source, target]["transition"])

    page.decor = [
        {"type": "text", "x": -640, "y": min(skill_ys, default=0) - 60,
         "text": "Skills (required level on the line)", "size": 17, "bold": True, "align": "center"},
        {"type": "text", "x": 640, "y": min(duty_ys, default=0) - 60, "text": "Responsibilities",
         "size": 17, "bold": True, "align": "center"},
    ]
    if above:
        page.decor.append({"type": "text", "x": 0, "y": -reach - 50, "text": "Moves out of the role",
                           "size": 15, "bold": True, "align": "center"})
    if below:
        page.decor.append({"type": "text", "x": 0, "y": reach + 50, "text": "Moves into the role",
                           "size": 15, "bold": True, "align": "center"})
    page.legend = [
        _categories_legend(((skills.nodes[s].get("category_order"), skills.nodes[s].get("category"),
                             skills.nodes[s].get("category_label")) for s in required), categories),
        {"title": "Skill lines", "items": [
            {"swatch": {"type": "line", "color": "#546e7a", "width": 3, "dash": "", "arrow": False},
             "text": "core skill"},
            {"swatch": {"type": "line", "color": "#546e7a", "width": 1.5, "dash": "6 4", "arrow": False},
             "text": "supporting skill"}]},
        _moves_legend(roles.edges[e]["kind"] for e in [*roles.in_edges(iri), *roles.out_edges(iri)]),
        {"title": "Other", "items": [
            {"swatch": {"type": "box", "fill": RESPONSIBILITY_COLOR, "border": "#90a4ae"},
             "text": "responsibility"}]},
    ]
    if levels:
        page.notes.append("Levels: " + "; ".join(f"{n} {label}" for n, label in sorted(levels.items())) + ".")
    page.extra["role"] = iri
    return _render(page, kg)


# ----------------------------------------------------------------------------
# Skills against roles
# ----------------------------------------------------------------------------

def skills_view(kg: CareerGraph) -> View:
    """Skills (rows, by category) against roles (columns, by seniority), with each role's skill mix.

    Each required skill is a dot in its role's column (its size the required
    level, filled when core, hollow when supporting); under each column a
    bar shows the role's share of required skills per category, so the
    shift from hands-on and analytical skills to interpersonal and
    leadership skills shows at a glance.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> from careergraph.project import skill_graph
    >>> kg = load_graph()
    >>> view = skills_view(kg)
    >>> view.node_count == len(skill_graph(kg)) + skill_graph(kg).number_of_edges()
    True
    """
    from .project import role_graph, skill_graph

    roles, skills = role_graph(kg), skill_graph(kg)
    categories = _Colors(CATEGORY_COLORS)
    tracks = _Colors(TRACK_COLORS)
    columns = sorted(roles, key=lambda r: (roles.nodes[r].get("seniority") is None,
                                           roles.nodes[r].get("seniority") or 0,
                                           _track_rank(roles.nodes[r].get("track_iri"),
                                                       roles.nodes[r].get("track")),
                                           roles.nodes[r]["label"]))
    skill_nodes = [s for s, d in skills.nodes(data=True) if d.get("kind") == "skill"]
    skill_nodes.sort(key=lambda s: (skills.nodes[s].get("category_order") or 99,
                                    skills.nodes[s].get("category_label") or "~",
                                    skills.nodes[s]["label"]))
    col_width, row_height, first_x, first_y = 128, 32, 330, 110
    x_of = {role: first_x + i * col_width for i, role in enumerate(columns)}
    y_of: dict[str, float] = {}
    bands: list[tuple[str | None, str | None, float, float]] = []
    y, previous = first_y, object()
    for skill in skill_nodes:
        category = skills.nodes[skill].get("category")
        if category != previous:
            if bands:
                y += 14
            bands.append((category, skills.nodes[skill].get("category_label"), y, y))
            previous = category
        y_of[skill] = y
        bands[-1] = (*bands[-1][:3], y)
        y += row_height
    right = first_x + (len(columns) - 0.5) * col_width
    page = _Page(title="Skills by role and seniority", search_hint="a skill or role",
                 subtitle=(f"{len(skill_nodes)} skills against {len(columns)} roles in order of "
                           f"seniority ({_layers_text(kg)}); hover a dot for the requirement"))
    for category, label, top, bottom in bands:
        color = categories(category) if category else NO_TRACK
        page.decor.append({"type": "rect", "x": 0, "y": top - row_height / 2, "w": right + 10,
                           "h": bottom - top + row_height, "fill": _lighter(color, 0.9)})
        page.decor.append({"type": "text", "x": -12, "y": (top + bottom) / 2, "text": label or "no category",
                           "size": 14, "bold": True, "align": "right", "color": _darker(color, 0.8)})
    for role in columns:
        info = roles.nodes[role]
        page.nodes.append(_box(role, info["label"], x_of[role], 20, tracks(info.get("track_iri")),
                               width=(100, 100), size=13, tip=_role_tip(info),
                               search=[info["label"], *info.get("alt_labels", [])], part="role"))
        page.drawn.add(role)
    for skill in skill_nodes:
        info = skills.nodes[skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        page.nodes.append({**_box(skill, info["label"], 160, y_of[skill], "#ffffff", text="#1f2328",
                                  border=color, width=(290, 290), size=14,
                                  tip=[info["label"], f"Category: {info.get('category_label') or 'none'}",
                                       f"Required by {skills.in_degree(skill)} role(s)"], part="skill"),
                           "shape": "text", "font": {"color": "#1f2328", "size": 14, "face": FONT,
                                                      "align": "left"}})
        page.drawn.add(skill)
    mix: dict[str, dict[Any, int]] = {role: defaultdict(int) for role in columns}
    for role, skill, need in skills.edges(data=True):
        if role not in x_of or skill not in y_of:
            continue
        info = skills.nodes[skill]
        color = categories(info.get("category")) if info.get("category") else NO_TRACK
        level = need.get("proficiency")
        core = need.get("importance") != "supporting"
        mix[role][info.get("category")] += 1
        page.nodes.append({
            "id": need["requirement"], "label": " ", "x": x_of[role], "y": y_of[skill],
            "shape": "dot", "size": 4 + 2.2 * (level or 1), "borderWidth": 2,
            "color": {"background": color if core else "#ffffff", "border": color,
                      "highlight": {"background": color, "border": "#111111"},
                      "hover": {"background": color, "border": "#111111"}},
            "tip": [f"{roles.nodes[role]['label']}: {info['label']}",
                    f"Level {level if level is not None else 'not given'}, "
                    f"{need.get('importance') or 'importance not given'}",
                    f"Category: {info.get('category_label') or 'none'}",
                    *_sources_lines(need.get("sources", []))],
            "search": [], "part": "requirement", "role": role, "skill": skill, "level": level})
        page.drawn.add(need["requirement"])
    bar_top, bar_height = y + 20, 170
    page.decor.append({"type": "text", "x": -12, "y": bar_top + bar_height / 2,
                       "text": "skill mix", "size": 14, "bold": True, "align": "right"})
    order = {c: i for i, (c, *_rest) in enumerate(bands)}
    for role in columns:
        total = sum(mix[role].values())
        left = x_of[role] - 24
        if not total:
            page.decor.append({"type": "text", "x": x_of[role], "y": bar_top + bar_height / 2,
                               "text": "none given", "size": 12, "align": "center"})
            continue
        top = bar_top
        for category in sorted(mix[role], key=lambda c: order.get(c, 99)):
            height = bar_height * mix[role][category] / total
            page.decor.append({"type": "rect", "x": left, "y": top, "w": 48, "h": height,
                               "fill": categories(category) if category else NO_TRACK, "stroke": "#ffffff"})
            top += height
    page.legend = [
        _categories_legend(((skills.nodes[s].get("category_order"), skills.nodes[s].get("category"),
                             skills.nodes[s].get("category_label")) for s in skill_nodes), categories),
        {"title": "Requirements", "items": [
            {"swatch": {"type": "dot", "radius": 4, "fill": "#546e7a", "border": "#546e7a"}, "text": "level 1"},
            {"swatch": {"type": "dot", "radius": 8, "fill": "#546e7a", "border": "#546e7a"}, "text": "level 5"},
            {"swatch": {"type": "dot", "radius": 6, "fill": "#ffffff", "border": "#546e7a"},
             "text": "hollow: supporting skill"}]},
        _tracks_legend(roles, tracks),
    ]
    page.notes.append("Bars under the columns: each role's required skills by category; "
                      "read left to right to see the mix shift with seniority.")
    page.extra["columns"] = columns
    return _render(page, kg)


# ----------------------------------------------------------------------------
# A CONSTRUCT query
# ----------------------------------------------------------------------------

MAX_QUERY_NODES = 2000
"""The most nodes a query view draws; more would not be readable."""


def query_view(kg: CareerGraph, query: str | Path, *, title: str | None = None,
               timeout: float | None = None) -> View:
    """The graph a SPARQL CONSTRUCT query returns.

    IRIs and blank nodes become nodes (coloured by ``rdf:type``, labelled by
    ``skos:prefLabel`` or ``rdfs:label`` from the result or the loaded
    graph); triples between them become edges labelled by the property;
    literal values go into the node's tooltip; ``rdf:type`` gives the colour
    rather than an edge. The layout settles once and then stays still.

    Parameters
    ----------
    kg : CareerGraph
    query : str or Path
        SPARQL text, a ``.rq`` file or the name of a named query
        (:func:`careergraph.queries.find_query`); it must be a CONSTRUCT.
    title : str, optional
        The page's title (default: the query's ``# Title:`` or "Query result").
    timeout : float, optional
        Seconds the query may run.

    Raises
    ------
    CareerGraphError
        The query is not a CONSTRUCT, or is refused by
        :func:`careergraph.sparql_guard.check_query` (updates, LOAD,
        SERVICE, FROM), or does not parse, or returns more than
        ``MAX_QUERY_NODES`` nodes.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = query_view(load_graph(), "CONSTRUCT { ?a cg:promotesTo ?b } WHERE { ?a cg:promotesTo ?b }")
    >>> view.node_count, view.edge_count
    (6, 5)
    >>> query_view(load_graph(), "SELECT * WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: draw query needs a CONSTRUCT query; this is a SELECT query
    """
    from rdflib import BNode, Literal, URIRef

    from .queries import find_query, prepare_query, run_prepared

    named = find_query(query)
    prepared = prepare_query(kg, named)
    if prepared.kind != "construct":
        raise CareerGraphError(f"draw query needs a CONSTRUCT query; this is a "
                               f"{prepared.kind.upper()} query")
    graph = run_prepared(kg, prepared, timeout=timeout).graph()
    title = title or named.title or "Query result"
    type_iri = URIRef(RDF + "type")
    label_properties = (URIRef(SKOS + "prefLabel"), URIRef(PREFIXES["rdfs"] + "label"))
    nodes: dict[Any, None] = {}
    types: dict[Any, list[Any]] = defaultdict(list)
    literals: dict[Any, list[str]] = defaultdict(list)
    links: list[tuple[Any, Any, Any]] = []
    for subject, predicate, value in sorted(graph, key=lambda t: tuple(map(str, t))):
        nodes.setdefault(subject)
        if predicate == type_iri:
            types[subject].append(value)
        elif isinstance(value, Literal):
            if predicate not in label_properties:
                literals[subject].append(f"{_short(kg, predicate)}: {value}")
        elif isinstance(value, (URIRef, BNode)):
            nodes.setdefault(value)
            links.append((subject, predicate, value))
    if len(nodes) > MAX_QUERY_NODES:
        raise CareerGraphError(f"the query returned {len(nodes):,} nodes; more than "
                               f"{MAX_QUERY_NODES:,} cannot be drawn readably: narrow it or add LIMIT")
    kg.prefetch(nodes)  # the labels of many nodes in one request on an endpoint
    colors = _Colors({CG + "Role": "#2f6fb0", CG + "Skill": "#ef6c00",
                      CG + "Responsibility": "#607d8b", CG + "Transition": "#37474f"})
    page = _Page(title=title, search_hint="a node's label",
                 subtitle=f"{len(nodes)} nodes and {len(links)} links from a CONSTRUCT query "
                          f"({_layers_text(kg)}); the layout settles once, then stays still",
                 stabilize=True)
    ids = {node: (str(node) if isinstance(node, URIRef) else f"_:{node}") for node in nodes}
    legend_types: dict[str, str] = {}
    for node in nodes:
        label = _node_label(kg, graph, node, label_properties)
        kind = sorted(types.get(node, []), key=str)
        color = colors(str(kind[0])) if kind else NO_TRACK
        if kind:
            legend_types[str(kind[0])] = _short(kg, kind[0])
        tip = [label, ids[node]] + ([f"type: {', '.join(_short(kg, t) for t in kind)}"] if kind else [])
        tip += literals.get(node, [])[:12]
        page.nodes.append(_box(ids[node], label, None, None, color, width=(60, 180), size=14, tip=tip))
        if isinstance(node, URIRef):
            page.drawn.add(str(node))
    for index, (subject, predicate, value) in enumerate(links):
        page.edges.append({"id": f"t{index}", "from": ids[subject], "to": ids[value],
                           "label": _short(kg, predicate), "width": 1.5,
                           "color": {"color": "#78909c", "highlight": "#37474f", "hover": "#37474f"},
                           "font": {"size": 12}, "smooth": {"enabled": True, "type": "dynamic"},
                           "tip": [f"{_node_label(kg, graph, subject, label_properties)} "
                                   f"{_short(kg, predicate)} {_node_label(kg, graph, value, label_properties)}"]})
    untyped = any(not types.get(node) for node in nodes)
    page.legend = [
        {"title": "Node types", "items": [
            {"swatch": {"type": "box", "fill": colors(iri), "border": _darker(colors(iri))}, "text": text}
            for iri, text in sorted(legend_types.items(), key=lambda t: t[1])]
            + ([{"swatch": {"type": "box", "fill": NO_TRACK, "border": _darker(NO_TRACK)},
                 "text": "no type"}] if untyped else [])},
        {"title": "Links", "items": [
            {"swatch": {"type": "line", "color": "#78909c", "width": 1.5, "dash": ""}, "text": name}
            for name in sorted({_short(kg, predicate) for _, predicate, _ in links})]},
    ]
    page.notes.append("Edges carry the property's name; literal values are in the tooltips.")
    return _render(page, kg)


def _short(kg: CareerGraph, term: Any) -> str:
    text = shorten(str(term))
    return text[1:-1] if text.startswith("<") else text


def _node_label(kg: CareerGraph, graph, node: Any, properties: Sequence[Any]) -> str:
    from rdflib import Literal

    for predicate in properties:
        values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
        if values:
            return str(sorted(values, key=lambda v: (v.language not in (None, "en"), str(v)))[0])
    label = kg.label(node)
    return _short(kg, node) if label == str(node) else label


VIEWS = ("ladder", "role", "path", "skills", "query")
"""The views ``careergraph draw`` knows."""

__all__ = ["View", "ladder_view", "role_view", "path_view", "path_view_for", "skills_view",
           "query_view", "check_self_contained", "attributions", "ladder_positions",
           "find_chromium", "VIEWS"]
