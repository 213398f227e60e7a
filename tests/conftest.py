"""Shared fixtures: the built-in graph (loaded once) and an in-process command runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO.parent / "shared" / "sources" / "000_e022f794e097e384.txt"


@pytest.fixture(scope="session")
def builtin_graph():
    """The built-in graph, loaded once per test session (read it, do not change it)."""
    from careergraph.load import load_graph

    return load_graph()


@dataclass
class Result:
    """What a command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys) -> Callable[[Sequence[str]], Result]:
    """Run ``careergraph ARGS`` in-process and capture exit code, stdout and stderr."""
    from careergraph.cli.main import main

    def run(argv: Sequence[str]) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (Debian's package) for the whole session; see tests/browser.py."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
