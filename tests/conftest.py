"""Shared fixtures: the built-in graph (loaded once) and an in-process command runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from datasets import lookup

REPO = Path(__file__).resolve().parents[1]
ARTICLE = Path(lookup("article").where)
"""The source article: ``$CAREERGRAPH_ARTICLE``, else ``../shared/sources/000_e022f794e097e384.txt``
(which may be missing: the ``article`` fixture skips then)."""


@pytest.fixture(scope="session")
def article() -> str:
    """The text of the source article; skips the test (saying where it looked) without it."""
    from datasets import require

    return require("article").read_text(encoding="utf-8")


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


# --- backends: memory, a persistent Oxigraph store, a live Oxigraph server, a live Virtuoso ----

BACKENDS = ("memory", "store", "endpoint", "virtuoso")
"""The four stores every backend test runs on (``virtuoso``: --endpoint on Virtuoso's /sparql)."""


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Keep the on-disk cache of careergraph.cache in a folder of the test session, never in ~/.cache."""
    import os

    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(scope="session")
def builtin_store(tmp_path_factory) -> Path:
    """A persistent store of the built-in graph (made by careergraph load), for --store."""
    from careergraph.load.into_store import build_store

    path = tmp_path_factory.mktemp("stores") / "builtin"
    build_store(path)
    return path


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server of ``pip install oxigraph``: beside this Python, or on the PATH."""
    import shutil
    import sys

    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory) -> str:
    """The SPARQL endpoint URL of a real Oxigraph server (read-only) over a store of the built-in graph.

    The test session starts ``oxigraph serve-read-only`` on a free loopback
    port, waits until it answers, and stops it at the end.
    """
    import socket
    import subprocess
    import time
    import urllib.request

    from careergraph.load.into_store import build_store

    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    location = tmp_path_factory.mktemp("served") / "builtin"  # its own copy: two readers, no sharing
    build_store(location)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = open(location.parent / "oxigraph.log", "wb")  # noqa: SIM115 - the server's log until the session ends
    server = subprocess.Popen([binary, "serve-read-only", "--location", str(location),
                               "--bind", f"127.0.0.1:{port}", "--timeout-s", "20"],
                              stdout=log, stderr=log)  # --timeout-s: runaway test queries stop there too
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                request = urllib.request.Request(url + "?query=ASK%7B%7D",
                                                 headers={"Accept": "application/sparql-results+json"})
                with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the oxigraph server did not start; see "
                                       f"{location.parent / 'oxigraph.log'}") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="session")
def virtuoso_endpoint(tmp_path_factory) -> str:
    """The SPARQL endpoint URL of a real Virtuoso over a dump of the built-in store (see tests/virtuoso.py).

    The test session makes a store of the built-in graph, dumps it as
    N-Triples (the store's own dump, as ``careergraph export`` writes it),
    starts Virtuoso on free loopback ports, bulk-loads the dump and stops
    the server at the end, removing its folder. Without Virtuoso the tests
    skip, except when the environment variable ``CI`` is set: then they fail,
    so that CI cannot pass without having run them.
    """
    import os

    from careergraph.load.into_store import build_store
    from careergraph.store.open import open_store
    from virtuoso import Virtuoso, missing

    why = missing()
    if why is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and Virtuoso cannot run: {why}")
        pytest.skip(why)
    folder = tmp_path_factory.mktemp("virtuoso")
    build_store(folder / "store")
    with open(folder / "builtin.nt", "wb") as out:
        open_store(folder / "store").dump(out, "nt")
    server = Virtuoso(folder / "server")
    try:
        server.start()
        server.load(folder / "builtin.nt")
        yield server.url
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """The name of a backend: each test that uses it runs once per backend."""
    return request.param


@pytest.fixture
def backend_args(backend, request) -> list[str]:
    """The command-line options that select the backend: none, --store PATH or --endpoint URL (two servers)."""
    if backend == "store":
        return ["--store", str(request.getfixturevalue("builtin_store"))]
    if backend == "endpoint":
        return ["--endpoint", request.getfixturevalue("oxigraph_endpoint")]
    if backend == "virtuoso":
        return ["--endpoint", request.getfixturevalue("virtuoso_endpoint")]
    return []


@pytest.fixture
def backend_graph(backend, backend_args, builtin_graph):
    """The built-in graph on the backend (a CareerGraph)."""
    from careergraph.session import open_graph

    if backend == "memory":
        return builtin_graph
    option, value = backend_args
    return open_graph(**{option.lstrip("-"): value})
