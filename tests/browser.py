"""Headless Chromium for tests, with every request off this machine blocked and recorded.

Uses Debian's ``chromium`` (CI installs it) driven by Playwright; Playwright's
own browser download is never used. ``open_page`` loads a file or a loopback
URL and returns what happened: requests that tried to leave the machine, console
errors and uncaught script errors.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_SCHEMES = ("file", "data", "about", "blob")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def chromium_path() -> str:
    """The Chromium executable; fails with instructions when it is not installed."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise RuntimeError("headless Chromium is needed: apt-get install chromium")
    return path


@dataclass
class Visit:
    """A page opened in the browser, and what it tried to do."""

    page: object
    blocked: list[str] = field(default_factory=list)
    """URLs of requests that tried to leave the machine (all aborted)."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    """Messages of alert/confirm/prompt dialogs the page opened (all dismissed)."""


def open_page(browser, target: str | Path, *, allow_loopback: bool = False,
              wait_ms: int = 300) -> Visit:
    """Open a file (path) or URL in a new page, blocking every request off the machine.

    Parameters
    ----------
    browser : playwright Browser
    target : str or Path
        A file to open, or a URL.
    allow_loopback : bool
        Let requests to 127.0.0.1 / localhost through (for a server under test).
    wait_ms : int
        How long to let scripts run after the load event.
    """
    page = browser.new_page()
    visit = Visit(page)

    def route(route):
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in LOCAL_SCHEMES or (allow_loopback and parsed.hostname in LOOPBACK_HOSTS):
            route.continue_()
        else:
            visit.blocked.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))

    def on_dialog(dialog):
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    url = target.resolve().as_uri() if isinstance(target, Path) else target
    page.goto(url, wait_until="load")
    page.wait_for_timeout(wait_ms)
    return visit


LABEL_BOXES = """() => {
  // Every label drawn on the canvas, in canvas units, with its font size on screen (CSS pixels):
  // box nodes (the label is inside the box), text nodes, edge labels and the page's decor texts.
  // vis measures a label when it draws it: show everything once, measure, then go back.
  const scale = network.getScale(), position = network.getViewPosition();
  network.fit({animation: false});
  network.redraw();
  const measured = {};
  for (const id of network.body.nodeIndices) {
    const node = network.body.nodes[id];
    const b = network.getBoundingBox(id), s = node.labelModule.size;
    measured[id] = {box: {left: b.left, top: b.top, right: b.right, bottom: b.bottom},
                    label: {left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height}};
  }
  const edgeBoxes = {};
  for (const id of network.body.edgeIndices) {
    const s = network.body.edges[id].labelModule.size;
    edgeBoxes[id] = {left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height};
  }
  network.moveTo({position: position, scale: scale, animation: false});
  network.redraw();
  const canvas = document.querySelector('#mynetwork canvas');
  const ctx = canvas.getContext('2d');
  const page = window.cgPage;
  const view = {left: network.DOMtoCanvas({x: 0, y: 0}).x, top: network.DOMtoCanvas({x: 0, y: 0}).y,
                right: network.DOMtoCanvas({x: canvas.clientWidth, y: canvas.clientHeight}).x,
                bottom: network.DOMtoCanvas({x: canvas.clientWidth, y: canvas.clientHeight}).y};
  const labels = [];
  for (const id of network.body.nodeIndices) {
    const node = network.body.nodes[id];
    const text = node.options.label;
    if (!text || !String(text).trim()) continue;
    const box = node.options.shape === 'box' ? measured[id].box : measured[id].label;
    labels.push({kind: 'node', id: String(id), text: String(text), px: node.options.font.size * scale, ...box});
  }
  for (const id of network.body.edgeIndices) {
    const edge = network.body.edges[id];
    if (!edge.options.label || !String(edge.options.label).trim()) continue;
    labels.push({kind: 'edge', id: String(id), text: String(edge.options.label),
                 px: edge.options.font.size * scale, ...edgeBoxes[id]});
  }
  (page.decor || []).forEach((d, i) => {
    if (d.type !== 'text') return;
    ctx.save();
    const size = d.drawn_size || d.size;
    ctx.font = (d.bold ? 'bold ' : '') + size + 'px ' + page.font;
    const width = ctx.measureText(d.text).width;
    ctx.restore();
    const left = d.align === 'right' ? d.x - width : (d.align === 'center' ? d.x - width / 2 : d.x);
    labels.push({kind: 'decor', id: 'decor ' + i, text: d.text, px: size * scale,
                 left: left, top: d.y - size / 2, right: left + width, bottom: d.y + size / 2});
  });
  labels.forEach(l => {
    l.visible = l.right > view.left && l.left < view.right && l.bottom > view.top && l.top < view.bottom;
  });
  return {scale: scale, view: view, labels: labels};
}"""
"""JavaScript returning every label's box (canvas units), its font size on screen and whether it is in view."""


def overlapping(labels: list[dict], slack: float = 1.0) -> list[tuple[str, str]]:
    """The pairs of labels whose boxes intersect by more than ``slack`` canvas units each way."""
    pairs = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if (min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
                    and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack):
                pairs.append((a["text"], b["text"]))
    return pairs
