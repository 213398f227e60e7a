"""The benchmark's measurements, each made in the process that runs it.

:func:`run_load` and :func:`run_session` run in a fresh process each (the
conductor, :mod:`benchmark`, starts them), so that each reports its own peak
memory; :func:`run_command` and :func:`startup` time whole ``careergraph``
commands as new processes.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def peak_mb() -> float:
    """The peak resident memory of this process, in MiB.

    Returns
    -------
    float
        ``getrusage`` maxrss (KiB on Linux) in MiB.

    Examples
    --------
    >>> peak_mb() > 1
    True
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function: Callable[[], Any], runs: int, slow: float,
          reset: Callable[[], Any] | None = None) -> dict[str, Any]:
    """The median seconds of ``runs`` calls (one only when the first is slower than ``slow``).

    Parameters
    ----------
    function : callable
        The case, called without arguments.
    runs : int
        How many times to call it.
    slow : float
        Seconds: a first call slower than this is not repeated.
    reset : callable, optional
        Called before each call, untimed (to clear what the last call built).

    Returns
    -------
    dict
        ``seconds`` (the median) and ``runs``; or ``error``, the first line
        of the exception when a call fails (the case is then not repeated).

    Examples
    --------
    >>> timed(lambda: None, 3, 60)["runs"]
    3
    >>> timed(lambda: 1 / 0, 3, 60)
    {'error': 'division by zero'}
    """
    times: list[float] = []
    for _ in range(runs):
        if reset is not None:
            reset()
        started = time.perf_counter()
        try:
            function()
        except Exception as error:  # a case the backend cannot answer: say so in the table
            return {"error": " ".join(str(error).split())[:120] or type(error).__name__}
        times.append(time.perf_counter() - started)
        if times[0] > slow:
            break
    return {"seconds": statistics.median(times), "runs": len(times)}


def run_load(backend: str, file: str, store: str) -> dict[str, Any]:
    """One loading, in this (fresh) process.

    Parameters
    ----------
    backend : str
        ``rdflib`` (parse the file into an rdflib Graph), ``store`` (what
        ``careergraph load`` does: fill a persistent store, then prepare its
        cache entry, in ``$XDG_CACHE_HOME``) or ``oxigraph`` (Oxigraph's own
        bulk loader into a new store beside ``store``, nothing else: the
        floor of any loading into such a store).
    file : str
        The N-Triples file.
    store : str
        The store's folder (for ``store``).

    Returns
    -------
    dict
        ``seconds``, ``triples`` and this process's ``peak_mb``; for ``store``
        also ``prepare_seconds``, the part spent preparing.
    """
    started = time.perf_counter()
    figures: dict[str, Any] = {}
    if backend == "rdflib":
        import rdflib

        triples = len(rdflib.Graph().parse(file, format="nt"))
    elif backend == "oxigraph":
        import shutil

        import pyoxigraph

        floor = Path(store).with_name(Path(store).name + ".floor")
        shutil.rmtree(floor, ignore_errors=True)
        bulk = pyoxigraph.Store(str(floor))
        bulk.bulk_load(path=file, format=pyoxigraph.RdfFormat.N_TRIPLES)
        bulk.flush()
        triples = len(bulk)
        del bulk
        shutil.rmtree(floor, ignore_errors=True)
    else:
        from careergraph.cli.load import prepare
        from careergraph.load.into_store import build_store

        triples = build_store(store, [file])["triples"]
        figures["prepare_seconds"] = prepare(store)
    return {"seconds": time.perf_counter() - started, "triples": triples, "peak_mb": peak_mb(), **figures}


def run_session(backend: str, case: dict[str, Any], file: str, store: str, endpoint: str,
                runs: int, slow: float) -> list[dict[str, Any]]:
    """Every case but loading on one backend, in this (fresh) process.

    Each case's outcome is also printed on stderr as one JSON line as soon as
    it is measured, so that the conductor keeps what a session finished
    when it runs out of time.

    Parameters
    ----------
    backend : str
        ``rdflib`` (the file loaded into memory), ``store`` or ``endpoint``.
    case : dict
        The data set's case (:mod:`benchmark_cases`).
    file : str
        The N-Triples file (for ``rdflib``).
    store : str
        The store's folder (for ``store``).
    endpoint : str
        The endpoint's URL (for ``endpoint``).
    runs : int
        Runs per figure.
    slow : float
        Seconds past which a case is not repeated.

    Returns
    -------
    list of dict
        One row per case: ``case`` and its outcome (see :func:`timed`),
        the last one ``peak memory``.
    """
    from careergraph import views
    from careergraph.gap import path_gap, readiness, step_gap
    from careergraph.load import load_graph
    from careergraph.session import open_graph
    from careergraph.paths import reachable, shortest_path
    from careergraph.project import role_graph, skill_graph
    from careergraph.sparql.queries import named_queries, run_query
    from careergraph.names import TitleIndex

    results: list[dict[str, Any]] = []

    def add(name: str, outcome: dict[str, Any]) -> None:
        results.append({"case": name, **outcome})
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)

    def opened():
        if backend == "rdflib":
            return load_graph([file])
        return open_graph(store=store) if backend == "store" else open_graph(endpoint=endpoint)

    started = time.perf_counter()
    kg = opened()
    len(kg)
    add("open (load for rdflib)", {"seconds": time.perf_counter() - started, "runs": 1})
    if backend != "rdflib":
        add("open", timed(lambda: len(opened()), runs, slow))

    for name, query in sorted(named_queries().items()):
        params = {p.name: case["params"][p.name] for p in query.parameters if p.required}
        add(f"query {name}", timed(lambda name=name, params=params: run_query(kg, name, params), runs, slow))

    source_title, target_title = case["path"]

    def build() -> None:
        role_graph(kg), skill_graph(kg), TitleIndex.for_graph(kg)

    def path() -> list[Any]:
        titles = TitleIndex.for_graph(kg)
        found = shortest_path(role_graph(kg), titles.resolve(source_title), titles.resolve(target_title))
        return path_gap(kg, found)

    def gap() -> Any:
        titles = TitleIndex.for_graph(kg)
        return step_gap(kg, *(titles.resolve(title) for title in case["gap"]))

    def reach() -> Any:
        return reachable(role_graph(kg), TitleIndex.for_graph(kg).resolve(case["reachable"]))

    add("build role and skill graphs", timed(build, runs, slow, reset=kg.derived.clear))
    add("path: build + answer", timed(path, runs, slow, reset=kg.derived.clear))
    add("gap: build + answer", timed(gap, runs, slow, reset=kg.derived.clear))
    add("reachable: build + answer", timed(reach, runs, slow, reset=kg.derived.clear))
    if backend == "store":  # open the store, read the entry `careergraph load` prepared, answer
        from careergraph import cache

        opened_kg = open_graph(store=store, cache=True)  # writes the entry, if load did not
        if cache.enabled() and "role_graph" in opened_kg.derived.built:
            for name, question in (("path", path), ("gap", gap), ("reachable", reach)):
                def from_cache(question=question) -> Any:
                    nonlocal kg
                    kg = open_graph(store=store, cache=True)
                    return question()

                add(f"{name}: open + cache + answer", timed(from_cache, max(runs, 5), slow))
            kg = opened_kg
    build()
    add("path, built", timed(path, max(runs, 5), slow))
    add("gap, built", timed(gap, max(runs, 5), slow))
    add("reachable, built", timed(reach, max(runs, 5), slow))
    add("ready over all roles, built", timed(lambda: readiness(kg, case["have"]), runs, slow))
    drawn: dict[str, int] = {}

    def draw() -> None:
        view = views.query_view(kg, DRAW_QUERY)
        drawn["nodes"] = view.node_count

    outcome = timed(draw, runs, slow)
    add(f"draw a view of {drawn.get('nodes', '?')} nodes", outcome)
    add("peak memory", {"peak_mb": peak_mb()})
    return results


DRAW_QUERY = """CONSTRUCT { ?a cg:canMoveTo ?b } WHERE {
  { SELECT ?a WHERE { ?a a cg:Role } ORDER BY ?a LIMIT 960 }
  ?a cg:canMoveTo ?b .
}"""
"""About 1,000 roles and the moves between them (960 roles and where they lead; fewer in a
smaller graph)."""


def run_command(argv: list[str], runs: int, slow: float, env: dict[str, str]) -> dict[str, Any]:
    """The median seconds of a ``careergraph`` command as a new process.

    Parameters
    ----------
    argv : list of str
        The command and its arguments, after ``careergraph``.
    runs : int
        How many runs.
    slow : float
        Seconds past which it is not repeated.
    env : dict
        Environment variables to set for it.

    Returns
    -------
    dict
        As :func:`timed`.
    """
    def once() -> None:
        done = subprocess.run([sys.executable, "-m", "careergraph.cli.main", *argv],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, **env})
        if done.returncode != 0:  # the table says why, in the command's own words
            said = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise RuntimeError(f"exit {done.returncode}: {said}")

    return timed(once, runs, slow)


STARTUP = {
    "python -c 'import networkx'": ["-c", "import networkx"],
    "careergraph path APM CPO": ["-m", "careergraph.cli.main", "path", "APM", "CPO"],
    "python -c 'import pyoxigraph'": ["-c", "import pyoxigraph"],
    "careergraph query --name ladder": ["-m", "careergraph.cli.main", "query", "--name", "ladder"],
}
"""The start-up commands, each after the baseline it is compared with (``python -c 'import ...'``)."""


def startup(runs: int, workdir: Path) -> dict[str, Any]:
    """The built-in ladder: everyday commands end to end, each beside its baseline.

    ``careergraph path`` against Python importing networkx, ``careergraph
    query`` against Python importing pyoxigraph (:data:`STARTUP`). All run
    as new processes, ``runs`` times each, alternating; the commands read
    their caches (filled by one run before), as they do for a user after the
    first command. Python writes and reads its bytecode caches, as
    it does by default (an environment with ``PYTHONDONTWRITEBYTECODE`` set
    compiles careergraph's modules again in every process).

    Parameters
    ----------
    runs : int
        How many runs of each.
    workdir : Path
        Where the command's cache goes (``XDG_CACHE_HOME``).

    Returns
    -------
    dict
        Command -> ``seconds`` (the median) and ``runs``.
    """
    cached = {**os.environ, "XDG_CACHE_HOME": str(workdir / "xdg-cache")}
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    cached.pop("CAREERGRAPH_NO_CACHE", None)
    commands = {name: [sys.executable, *argv] for name, argv in STARTUP.items()}
    for argv in commands.values():  # fills the caches, Python's and careergraph's
        subprocess.run(argv, check=True, env=cached, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, check=True, env=cached, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - started)
    return {name: {"seconds": statistics.median(values), "runs": len(values)}
            for name, values in times.items()}
