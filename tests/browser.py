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
