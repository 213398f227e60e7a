"""``python tools/benchmark.py``: how careergraph scales on memory, a store and an endpoint.

A development tool, run from a checkout with careergraph installed; it is not
part of the installed package. Its parts: :mod:`benchmark_cases` (the data
sets), :mod:`benchmark_measure` (each measurement, in a process of its own),
:mod:`benchmark_report` (the tables) and :mod:`synthetic` (the generator).

For each size of synthetic career graph (:mod:`synthetic`, about
10 thousand, 100 thousand and 1 million triples) and the real O*NET release
(``--onet ZIP|DIR``, else ``$CAREERGRAPH_DATA/onet-29.2`` when that variable is
set; without either the O*NET case is left out, with a note), it measures on
three backends:

- ``rdflib``: plain rdflib, which is careergraph's memory backend: the file
  parsed with ``rdflib.Graph().parse`` for loading, then the graph of
  ``load_graph`` (rdflib's SPARQL engine) for everything else;
- ``store``: a persistent Oxigraph store: ``careergraph load`` to fill it,
  ``--store`` to open it;
- ``endpoint``: the same store served by ``oxigraph serve-read-only`` on a
  loopback port and queried over HTTP (``--endpoint``).

Cases: loading; every named query; building the role and role–skill graphs
(what a path, gap or reachability question needs) and then a path with its
gaps, a gap, the roles reachable from a role, ``ready`` over all roles;
drawing a view of about 1,000 nodes (:func:`careergraph.views.query_view`);
the ``path`` command end to end; peak memory. Every figure is the median of
several runs (``--runs``; three at a million triples). Each backend and size
runs in a fresh process (loading too, once per run), whose peak resident
memory (``getrusage`` maxrss) is reported: measuring every case in a process
of its own would mean parsing a million triples with rdflib some sixty times.
A case whose first run takes more than ``--slow`` seconds is not repeated.

``--quick`` is a smoke test: about 10 thousand triples, one run.

Examples
--------
>>> main(["--quick", "--dry-run"])  # doctest: +ELLIPSIS
The built-in ladder: careergraph path APM CPO against python -c 'import networkx', careergraph query ...
synthetic 10,000 (generated): loading, ... named queries, path, gap, reachable, ready, ...
0
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if importlib.util.find_spec("careergraph") is None:  # a checkout without an install
    print(f"{sys.argv[0]}: error: careergraph is not installed; run 'pip install -e .' in the "
          "repository first (see README.md)", file=sys.stderr)
    raise SystemExit(2)

from careergraph.cli.output import EXIT_OK, run_main

from benchmark_cases import DATA_ENV, data_file, find_onet, onet_case, synthetic_case
from benchmark_measure import run_command, run_load, run_session, startup
from benchmark_report import format_startup, format_table, machine
from benchmark_targets import format_targets

PROG = "tools/benchmark.py"
"""The tool's name in its messages."""

SUMMARY = "Measure careergraph on memory (rdflib), a persistent store and an endpoint."
"""One sentence on what it does."""

DESCRIPTION = """Measure careergraph on memory (rdflib), a persistent store and an endpoint.

  python tools/benchmark.py            # 10k, 100k and 1M triples (+ O*NET)
  python tools/benchmark.py --quick    # a smoke test at 10k triples

Prints a Markdown table: each figure the median of --runs runs, with the
store and endpoint beside plain rdflib and the ratio (how many times faster)."""

SIZES = (10_000, 100_000, 1_000_000)
"""The default sizes of the synthetic graphs, in triples."""
BACKENDS = ("rdflib", "store", "endpoint")
"""The backends measured."""


# --- the conductor -------------------------------------------------------------------


def child(argv: list[str], timeout: float) -> Any:
    """Run this tool in a fresh process with ``argv``; its JSON answer (or an error).

    Parameters
    ----------
    argv : list of str
        The hidden options of one measurement (``--load`` or ``--session``, ...).
    timeout : float
        Seconds the process may take (the session's budget).

    Returns
    -------
    Any
        The process's JSON answer; or ``{"error": ...}`` when it failed; or,
        when it ran out of time, the cases it finished and a row saying it stopped.
    """
    try:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as stopped:  # keep the cases a session finished (one per line)
        text = stopped.stderr.decode("utf-8", "replace") if isinstance(stopped.stderr, bytes) \
            else stopped.stderr or ""
        finished = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
        stop = {"case": f"(stopped after {timeout:g} s)", "error": "the session's time budget"}
        return [*finished, stop] if finished else {"error": f"stopped after {timeout:g} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    return json.loads(done.stdout)


def start_server(location: Path) -> tuple[subprocess.Popen, str] | None:
    """``oxigraph serve-read-only`` on a free loopback port, once it answers.

    Parameters
    ----------
    location : Path
        The store to serve.

    Returns
    -------
    (subprocess.Popen, str) or None
        The server and its query URL; None without the ``oxigraph`` binary
        (``pip install oxigraph``) or when it does not answer within 30 s.
    """
    import urllib.request

    binary = Path(sys.executable).parent / "oxigraph"
    binary = str(binary) if binary.exists() else shutil.which("oxigraph")
    if binary is None:
        return None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind",
                               f"127.0.0.1:{port}", "--timeout-s", "600"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for _ in range(300):
        try:
            with opener.open(url + "?query=ASK%7B%7D", timeout=2):
                return server, url
        except OSError:
            time.sleep(0.1)
    server.kill()
    return None


def benchmark(cases: list[dict[str, Any]], workdir: Path, runs: int | None, slow: float,
              budget: float, backends: Sequence[str] = BACKENDS) -> list[dict[str, Any]]:
    """Measure every case on every backend, each measurement in a fresh process.

    Parameters
    ----------
    cases : list of dict
        The data sets (:mod:`benchmark_cases`).
    workdir : Path
        Where the data files and stores are kept.
    runs : int or None
        Runs per figure (None: 5, or 3 from half a million triples).
    slow : float
        Seconds past which a case is not repeated.
    budget : float
        Seconds one backend's session may take.
    backends : sequence of str, optional
        The backends of the sessions.

    Returns
    -------
    list of dict
        One record per data set, for :func:`benchmark_report.format_table`.
    """
    records = []
    for case in cases:
        file = data_file(case, workdir)
        with open(file, "rb") as lines:
            triples = sum(1 for _ in lines)
        repeat = runs or (3 if triples > 500_000 else 5)
        store = workdir / f"{file.stem}.store"
        record: dict[str, Any] = {"name": case["name"], "file_triples": triples, "runs": repeat,
                                  "load": {}, "sessions": {}, "commands": {}}
        for backend in ("rdflib", "store", "oxigraph"):
            loads = [child(["--load", backend, "--file", str(file), "--store-path", str(store)], budget)
                     for _ in range(repeat)]
            good = [load for load in loads if "seconds" in load]
            record["load"][backend] = ({"seconds": statistics.median(load["seconds"] for load in good),
                                        "peak_mb": max(load["peak_mb"] for load in good), "runs": len(good),
                                        "triples": good[0]["triples"]}
                                       if good else loads[0])
            prepared = [load["prepare_seconds"] for load in good if load.get("prepare_seconds") is not None]
            if prepared:
                record["load"][backend]["prepare_seconds"] = statistics.median(prepared)
        served = start_server(store) if "endpoint" in backends else None
        endpoint = served[1] if served else ""
        try:
            for backend in backends:
                if backend == "endpoint" and not served:
                    record["sessions"][backend] = {"error": "no oxigraph server (pip install oxigraph)"}
                    continue
                record["sessions"][backend] = child(
                    ["--session", backend, "--file", str(file), "--store-path", str(store),
                     "--endpoint-url", endpoint, "--case", json.dumps(case), "--runs", str(repeat),
                     "--slow", str(slow)], budget)
            source, target = case["path"]
            no_cache = {"CAREERGRAPH_NO_CACHE": "1"}
            cached = {"XDG_CACHE_HOME": str(workdir / "xdg-cache")}
            commands = record["commands"]
            commands["store, built each time"] = run_command(
                ["path", source, target, "--store", str(store)], repeat, slow, no_cache)
            run_command(["path", source, target, "--store", str(store)], 1, slow, cached)
            commands["store, cached"] = run_command(
                ["path", source, target, "--store", str(store)], repeat, slow, cached)
            if served:
                commands["endpoint"] = run_command(
                    ["path", source, target, "--endpoint", endpoint], repeat, slow, {})
            if triples <= 200_000:
                commands["memory (-d FILE), parsed each time"] = run_command(
                    ["path", source, target, "-d", str(file)], repeat, slow, no_cache)
        finally:
            if served:
                served[0].terminate()
                served[0].wait()
        records.append(record)
    return records


# --- the command -------------------------------------------------------------------


def _backends(text: str) -> tuple[str, ...]:
    """The ``--backends`` list, checked (argparse shows a ValueError as a usage error)."""
    chosen = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in chosen if name not in BACKENDS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(BACKENDS)}")
    return chosen



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the benchmark's options (and the hidden ones of one measurement) to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The tool's parser.
    """
    parser.add_argument("--quick", action="store_true",
                        help="a smoke test: about 10 thousand triples, one run")
    parser.add_argument("--sizes", default=None, metavar="N,N,...",
                        help="triples of the synthetic graphs (default: 10000,100000,1000000; "
                             "10000 with --quick)")
    parser.add_argument("--onet", default=None, metavar="ZIP|DIR",
                        help=f"the O*NET release to measure too: db_29_2_excel.zip or its folder "
                             f"(default: ${DATA_ENV}/onet-29.2 when {DATA_ENV} is set; else "
                             f"the O*NET case is left out, with a note on stderr)")
    parser.add_argument("--no-onet", action="store_true", help="leave out the O*NET release")
    parser.add_argument("--backends", type=_backends, default=BACKENDS, metavar="B,B,...",
                        help="the sessions to run, of rdflib, store and endpoint (default: all; "
                             "loading is always measured on rdflib and the store, the baseline)")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per figure (default: 5; 3 from half a million triples)")
    parser.add_argument("--slow", type=float, default=60.0, metavar="SECONDS",
                        help="do not repeat a case whose first run takes longer (default: 60)")
    parser.add_argument("--budget", type=float, default=3600.0, metavar="SECONDS",
                        help="stop one backend's session after this long (default: 3600)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the data files and stores here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="also write the results as JSON")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what it would measure, and measure nothing")
    # a fresh process measuring one thing (used by the benchmark itself)
    parser.add_argument("--load", choices=["rdflib", "store", "oxigraph"], help=argparse.SUPPRESS)
    parser.add_argument("--session", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--store-path", default="", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--case", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark (or, with the hidden options, one measurement) and print the results.

    Parameters
    ----------
    args : argparse.Namespace
        The options of :func:`add_arguments`.

    Returns
    -------
    int
        0.
    """
    if args.load:
        print(json.dumps(run_load(args.load, args.file, args.store_path)))
        return EXIT_OK
    if args.session:
        print(json.dumps(run_session(args.session, json.loads(args.case), args.file, args.store_path,
                                     args.endpoint_url, args.runs or 1, args.slow)))
        return EXIT_OK
    default = (10_000,) if args.quick else SIZES
    sizes = [int(size) for size in args.sizes.split(",") if size] if args.sizes else list(default)
    cases = [synthetic_case(size) for size in sizes]
    if not args.quick and not args.no_onet:
        onet, why = find_onet(args.onet)
        if onet is not None:
            cases.append(onet_case(onet))
        else:
            print(f"{PROG}: the O*NET case is left out: {why}", file=sys.stderr)
    runs = 1 if args.quick else args.runs
    if args.dry_run:  # what it would measure; nothing is generated, imported or timed
        from careergraph.sparql.queries import named_queries

        print(f"The built-in ladder: careergraph path APM CPO against python -c 'import networkx', "
              f"careergraph query --name ladder against python -c 'import pyoxigraph', "
              f"{3 if args.quick else 15} runs each")
        for number, case in enumerate(cases):
            if number < len(sizes):
                repeat = runs or (3 if sizes[number] > 500_000 else 5)
            else:
                repeat = runs or "5 (3 from half a million triples)"
            made = f"imported from {case['onet']}" if "onet" in case else "generated"
            print(f"{case['name']} ({made}): loading, {len(named_queries())} named queries, path, "
                  f"gap, reachable, ready, a drawn view, the path command and peak memory on "
                  f"{', '.join(args.backends)}; {repeat} run{'' if repeat == 1 else 's'} per figure")
        if args.json:
            print(f"The results also as JSON in {args.json}")
        return EXIT_OK
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="careergraph-benchmark-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = str((workdir / "xdg-cache").resolve())  # every child's cache: never ~/.cache
    try:
        started = startup(3 if args.quick else 15, workdir)
        records = benchmark(cases, workdir, runs, args.slow, args.budget, args.backends)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"Machine: {machine()}")
    print()
    print(format_startup(started))
    for record in records:
        print()
        print(format_table(record))
    print()
    print(format_targets(records, started))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "startup": started,
                                         "results": records}, indent=1))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The options (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0, or 2 for a mistake (such as ``--onet`` naming nothing).
    """
    return run_main(PROG, DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
