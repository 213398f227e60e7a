"""A screenshot of a view's interactive page, taken by headless Chromium over its DevTools pipe.

The page is laid out at the picture's size from the start (no window that
is resized as the picture is taken, which is what cropped the pictures of
Chromium's own ``--screenshot``), then, before the picture is taken, the
graph is measured through the page: the box holding every node and every
text and band drawn behind the graph (the level names of the ladder, the
track headings), in the page's pixels. When any of it lies outside the
graph's area it is fitted in, and measured again. The picture is taken only
then, so nothing is cut off.

Chromium runs with no profile of the user's, every host name unresolvable,
and is spoken to through ``--remote-debugging-pipe`` (no port is opened).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from careergraph.errors import CareerGraphError

TIMEOUT = 60.0
"""Seconds the browser may take for the whole picture."""

MARGIN = 16
"""Space kept free around the graph inside its area, in CSS pixels."""

FIT_SCRIPT = """
(async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  const sleep = ms => new Promise(done => setTimeout(done, ms));
  const page = JSON.parse(document.getElementById("cg-page").textContent);
  for (let i = 0; i < 100 && page.stabilize && network.physics.options.enabled; i++) { await sleep(100); }
  await frame(); await frame(); await sleep(150);
  const area = document.getElementById("mynetwork");
  const context = document.createElement("canvas").getContext("2d");
  const font = page.font || "sans-serif";
  function items() {
    const found = [];
    network.body.data.nodes.getIds().forEach(id => {
      const b = network.getBoundingBox(id);
      if (b) { found.push({what: "node", text: String(network.body.data.nodes.get(id).label || ""), ...b}); }
    });
    (page.decor || []).forEach(d => {
      if (d.type === "rect") { found.push({what: "rect", left: d.x, top: d.y, right: d.x + d.w, bottom: d.y + d.h}); }
      else if (d.type === "line") {
        found.push({what: "line", left: Math.min(d.x1, d.x2), top: Math.min(d.y1, d.y2),
                    right: Math.max(d.x1, d.x2), bottom: Math.max(d.y1, d.y2)});
      } else if (d.type === "text") {
        context.font = (d.bold ? "bold " : "") + d.size + "px " + font;
        const width = context.measureText(d.text).width;
        const left = d.align === "right" ? d.x - width : (d.align === "center" ? d.x - width / 2 : d.x);
        found.push({what: "text", text: d.text, left: left, top: d.y - d.size / 2 - 2,
                    right: left + width, bottom: d.y + d.size / 2 + 2});
      }
    });
    return found;
  }
  function measure() {
    const shown = items().map(item => {
      const a = network.canvasToDOM({x: item.left, y: item.top});
      const b = network.canvasToDOM({x: item.right, y: item.bottom});
      return {...item, left: a.x, top: a.y, right: b.x, bottom: b.y};
    });
    const box = {left: Math.min(...shown.map(i => i.left)), top: Math.min(...shown.map(i => i.top)),
                 right: Math.max(...shown.map(i => i.right)), bottom: Math.max(...shown.map(i => i.bottom))};
    return {width: area.clientWidth, height: area.clientHeight, box: box, items: shown,
            scale: network.getScale()};
  }
  let seen = measure();
  const m = MARGIN;
  if (seen.items.length && (seen.box.left < m || seen.box.top < m || seen.box.right > seen.width - m
                            || seen.box.bottom > seen.height - m)) {
    const all = items();
    const left = Math.min(...all.map(i => i.left)), right = Math.max(...all.map(i => i.right));
    const top = Math.min(...all.map(i => i.top)), bottom = Math.max(...all.map(i => i.bottom));
    const scale = Math.min((seen.width - 2 * m) / Math.max(1, right - left),
                           (seen.height - 2 * m) / Math.max(1, bottom - top));
    network.moveTo({position: {x: (left + right) / 2, y: (top + bottom) / 2}, scale: scale, animation: false});
    network.redraw();
    await frame(); await frame();
    seen = measure();
    seen.fitted = true;
  }
  return seen;
})()
"""
"""Waits for the page to settle, measures the graph in the page, fits it in when it overflows."""


def capture(html: str, browser: str, *, width: int = 1600, height: int = 1000,
            scale: float = 2) -> tuple[bytes, dict[str, Any]]:
    """A PNG picture of a page and the measures of its graph just before the picture was taken.

    Parameters
    ----------
    html : str
        The view's page (:attr:`careergraph.views.page.View.html`).
    browser : str
        The Chromium (or Google Chrome) executable.
    width, height : int
        The page's size, in CSS pixels.
    scale : float
        Device pixels per CSS pixel.

    Returns
    -------
    png : bytes
        The picture, ``width * scale`` x ``height * scale`` pixels.
    measures : dict
        ``width`` and ``height`` of the graph's area, ``box`` (``left``,
        ``top``, ``right``, ``bottom``: everything drawn, in the area's CSS
        pixels), ``items`` (each node, text and band with its box),
        ``scale`` and ``fitted`` (True when it had to be fitted in).

    Raises
    ------
    CareerGraphError
        When the browser cannot be started, fails or takes too long.
    """
    with tempfile.TemporaryDirectory(prefix="careergraph-png-") as tmp:
        page = Path(tmp) / "view.html"
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless=new", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={Path(tmp) / 'profile'}",
                   "--remote-debugging-pipe", "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        with _Browser(command) as chromium:
            target = chromium.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = chromium.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            chromium.call("Emulation.setDeviceMetricsOverride", {
                "width": int(width), "height": int(height), "deviceScaleFactor": scale, "mobile": False},
                session)
            chromium.call("Page.enable", {}, session)
            chromium.call("Page.navigate", {"url": page.as_uri()}, session)
            chromium.wait_for("Page.loadEventFired", session)
            answer = chromium.call("Runtime.evaluate", {
                "expression": FIT_SCRIPT.replace("MARGIN", str(MARGIN)), "awaitPromise": True,
                "returnByValue": True}, session)
            if "exceptionDetails" in answer:
                raise CareerGraphError("the page could not be measured for its picture: "
                                       + str(answer["exceptionDetails"].get("text", "script error")))
            measures = answer["result"].get("value") or {}
            shot = chromium.call("Page.captureScreenshot", {"format": "png"}, session)
            return base64.b64decode(shot["data"]), measures


class _Browser:
    """Chromium started with ``--remote-debugging-pipe``: DevTools messages on its fds 3 (in) and 4 (out)."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.deadline = time.monotonic() + TIMEOUT
        self.buffer = b""
        self.events: list[dict[str, Any]] = []
        self.next_id = 0

    def __enter__(self) -> _Browser:
        into_read, self.into = os.pipe()
        self.out, out_write = os.pipe()

        def pipes() -> None:  # in the child, before exec: the pipes become fds 3 and 4
            os.dup2(into_read, 3)
            os.dup2(out_write, 4)
        try:
            self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, preexec_fn=pipes, pass_fds=(3, 4))
        except OSError as error:
            raise CareerGraphError(f"cannot start {self.command[0]}: {error}") from None
        finally:
            os.close(into_read)
            os.close(out_write)
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self.send("Browser.close", {})
        for fd in (self.into, self.out):
            os.close(fd)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def send(self, method: str, params: dict[str, Any], session: str | None = None) -> int:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.into, json.dumps(message).encode("utf-8") + b"\0")
        return self.next_id

    def receive(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            ready = select.select([self.out], [], [], max(0.0, left))[0] if left > 0 else []
            chunk = os.read(self.out, 1 << 20) if ready else b""
            if not chunk:
                self.process.kill()
                why = "it took too long" if not ready else "it stopped"
                raise CareerGraphError(f"{self.command[0]} took no picture: {why}")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict[str, Any], session: str | None = None) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        while True:
            message = self.receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise CareerGraphError(f"{self.command[0]} failed ({method}): "
                                           f"{message['error'].get('message', 'error')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event: str, session: str) -> dict[str, Any]:
        while True:
            for index, message in enumerate(self.events):
                if message.get("method") == event and message.get("sessionId") == session:
                    return self.events.pop(index)
            message = self.receive()
            if "method" in message:
                self.events.append(message)
