"""``python -m careergraph.cli.benchmark``: how careergraph scales on memory, a store and an endpoint.

For each size of synthetic career graph (:mod:`careergraph.synthetic`, about
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
>>> format_seconds(0.0123), format_seconds(0.00042), format_seconds(12.3), format_seconds(None)
('12 ms', '0.42 ms', '12.3 s', '-')
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import EXIT_OK, run_main

SUMMARY = "Measure careergraph on memory (rdflib), a persistent store and an endpoint."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Measure careergraph on memory (rdflib), a persistent store and an endpoint.

  python -m careergraph.cli.benchmark            # 10k, 100k and 1M triples (+ O*NET)
  python -m careergraph.cli.benchmark --quick    # a smoke test at 10k triples

Prints a Markdown table: each figure the median of --runs runs, with the
store and endpoint beside plain rdflib and the ratio (how many times faster)."""

SIZES = (10_000, 100_000, 1_000_000)
BACKENDS = ("rdflib", "store", "endpoint")
PROFILE_SKILLS = {0: 3, 1: 2, 2: 4, 3: 1}
"""A person's skills for ``ready``: synthetic skill number -> level."""


# --- data sets -------------------------------------------------------------------


def synthetic_case(triples: int) -> dict[str, Any]:
    """What the cases ask of a synthetic graph of about ``triples`` triples."""
    from careergraph.synthetic import SYN, role_title, size_for

    size = size_for(triples)
    families, levels = size["families"], size["levels"]
    return {
        "name": f"synthetic {triples:,}", "arguments": size,
        "params": {"role": role_title(0, levels // 2), "from": role_title(0, levels // 2),
                   "to": role_title(0, levels // 2 + 1), "skill": "Skill 1", "text": "Data"},
        "path": (role_title(0, 1), role_title(min(5, families - 1), levels)),
        "gap": (role_title(0, levels // 2), role_title(0, levels // 2 + 1)),
        "reachable": role_title(0, levels // 2),
        "have": {f"{SYN}skill-{s}": level for s, level in PROFILE_SKILLS.items()},
    }


DATA_ENV = "CAREERGRAPH_DATA"
"""A folder holding the unpacked releases (``onet-29.2/``): where the O*NET case looks."""


def find_onet(option: str | Path | None,
              environ: Mapping[str, str] | None = None) -> tuple[Path | None, str]:
    """Where the O*NET release is, or why the O*NET case is left out.

    Parameters
    ----------
    option : str, Path or None
        ``--onet``: the release's zip (``db_29_2_excel.zip``) or folder.
    environ : mapping, optional
        Where to read ``CAREERGRAPH_DATA`` (default ``os.environ``); without
        ``--onet``, the release is ``$CAREERGRAPH_DATA/onet-29.2``.

    Returns
    -------
    (Path or None, str)
        The release and ``""``, or None and the reason.

    Raises
    ------
    CareerGraphError
        ``--onet`` names nothing.

    Examples
    --------
    >>> print(find_onet(None, {})[1])
    no O*NET release: give --onet ZIP|DIR or set CAREERGRAPH_DATA to a folder holding onet-29.2
    >>> find_onet(None, {"CAREERGRAPH_DATA": "/nowhere"})[1]
    'no O*NET release: /nowhere/onet-29.2 (from CAREERGRAPH_DATA) is not there'
    """
    from careergraph.errors import CareerGraphError

    if option is not None:
        if not Path(option).exists():
            raise CareerGraphError(f"--onet {option}: no such folder or zip file")
        return Path(option), ""
    environ = os.environ if environ is None else environ
    if not environ.get(DATA_ENV):
        return None, (f"no O*NET release: give --onet ZIP|DIR or set {DATA_ENV} to a folder "
                      f"holding onet-29.2")
    folder = Path(environ[DATA_ENV]) / "onet-29.2"
    if not folder.is_dir():
        return None, f"no O*NET release: {folder} (from {DATA_ENV}) is not there"
    return folder, ""


def onet_case(location: str | Path) -> dict[str, Any]:
    """What the cases ask of the O*NET release at ``location`` (its zip or folder)."""
    from careergraph.importers.onet import release

    return {"name": release(location), "onet": str(location),
            "params": {"role": "Marketing Managers", "from": "Marketing Managers",
                       "to": "Sales Managers", "skill": "Active Listening", "text": "Manager"},
            "path": ("Marketing Managers", "Chief Executives"),
            "gap": ("Marketing Managers", "Sales Managers"),
            "reachable": "Marketing Managers", "have": {}}


def data_file(case: dict[str, Any], workdir: Path) -> Path:
    """The N-Triples file of a case, written once into ``workdir``."""
    if "onet" in case:
        path = workdir / "onet.nt"
        if not path.exists():  # in a process of its own: Linux carries a process's peak memory
            # over to the children it starts later, which would mask the sessions' own peaks
            subprocess.run([sys.executable, "-m", "careergraph.cli.main", "import", "onet",
                            case["onet"], "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
        return path
    from careergraph.synthetic import write_ntriples

    arguments = case["arguments"]
    path = workdir / ("synthetic-" + "-".join(f"{k}{v}" for k, v in sorted(arguments.items())) + ".nt")
    if not path.exists():
        write_ntriples(path, **arguments)
    return path


# --- measuring, in a process of its own ------------------------------------------------


def peak_mb() -> float:
    """The peak resident memory of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function: Callable[[], Any], runs: int, slow: float,
          reset: Callable[[], Any] | None = None) -> dict[str, Any]:
    """The median seconds of ``runs`` calls (one only when the first is slower than ``slow``)."""
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
    """One loading, in this (fresh) process."""
    started = time.perf_counter()
    if backend == "rdflib":
        import rdflib

        triples = len(rdflib.Graph().parse(file, format="nt"))
    else:
        from careergraph.load.into_store import build_store

        triples = build_store(store, [file])["triples"]
    return {"seconds": time.perf_counter() - started, "triples": triples, "peak_mb": peak_mb()}


def run_session(backend: str, case: dict[str, Any], file: str, store: str, endpoint: str,
                runs: int, slow: float) -> list[dict[str, Any]]:
    """Every case but loading on one backend, in this (fresh) process."""
    from careergraph import views
    from careergraph.gap import path_gap, readiness, step_gap
    from careergraph.load import load_graph, open_graph
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

    add("build role and skill graphs", timed(build, runs, slow, reset=kg.cache.clear))
    add("path: build + answer", timed(path, runs, slow, reset=kg.cache.clear))
    add("gap: build + answer", timed(gap, runs, slow, reset=kg.cache.clear))
    add("reachable: build + answer", timed(reach, runs, slow, reset=kg.cache.clear))
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
    """The median seconds of a ``careergraph`` command as a new process."""
    def once() -> None:
        subprocess.run([sys.executable, "-m", "careergraph.cli.main", *argv], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, **env})

    return timed(once, runs, slow)


def startup(runs: int, workdir: Path) -> dict[str, Any]:
    """The built-in ladder: ``careergraph path`` end to end against starting Python and importing networkx.

    Both run as new processes, ``runs`` times each, alternating; the path
    command reads its cache (filled by one run before), as it does for a user
    after the first command. Python writes and reads its bytecode caches, as
    it does by default (an environment with ``PYTHONDONTWRITEBYTECODE`` set
    compiles careergraph's modules again in every process).
    """
    cached = {**os.environ, "XDG_CACHE_HOME": str(workdir / "xdg-cache")}
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "python -c 'import networkx'": [sys.executable, "-c", "import networkx"],
        "careergraph path APM CPO": [sys.executable, "-m", "careergraph.cli.main", "path", "APM", "CPO"],
    }
    subprocess.run(commands["careergraph path APM CPO"], check=True, env=cached,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, check=True, env=cached, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - started)
    return {name: {"seconds": statistics.median(values), "runs": len(values)}
            for name, values in times.items()}


def format_startup(figures: dict[str, Any]) -> str:
    """The built-in ladder's start-up figures as a Markdown table.

    Examples
    --------
    >>> print(format_startup({"python -c 'import networkx'": {"seconds": 0.2, "runs": 9},
    ...                       "careergraph path APM CPO": {"seconds": 0.28, "runs": 9}}))
    ### The built-in ladder: start-up (median of 9 runs, each a new process)
    <BLANKLINE>
    | command | time | vs importing networkx |
    | --- | ---: | ---: |
    | python -c 'import networkx' | 200 ms | 1.0x |
    | careergraph path APM CPO | 280 ms | 1.4x |
    """
    base = figures["python -c 'import networkx'"]["seconds"]
    runs = max(f["runs"] for f in figures.values())
    lines = [f"### The built-in ladder: start-up (median of {runs} runs, each a new process)", "",
             "| command | time | vs importing networkx |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {format_seconds(f['seconds'])} | {f['seconds'] / base:.1f}x |"
              for name, f in figures.items()]
    return "\n".join(lines)


# --- the conductor -------------------------------------------------------------------


def child(argv: list[str], timeout: float) -> Any:
    """Run this module in a fresh process with ``argv``; its JSON answer (or an error)."""
    try:
        done = subprocess.run([sys.executable, "-m", "careergraph.cli.benchmark", *argv],
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
    """``oxigraph serve-read-only`` on a free loopback port, once it answers; None without the binary."""
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
    """Measure every case; return one record per data set."""
    records = []
    for case in cases:
        file = data_file(case, workdir)
        with open(file, "rb") as lines:
            triples = sum(1 for _ in lines)
        repeat = runs or (3 if triples > 500_000 else 5)
        store = workdir / f"{file.stem}.store"
        record: dict[str, Any] = {"name": case["name"], "file_triples": triples, "runs": repeat,
                                  "load": {}, "sessions": {}, "commands": {}}
        for backend in ("rdflib", "store"):
            loads = [child(["--load", backend, "--file", str(file), "--store-path", str(store)], budget)
                     for _ in range(repeat)]
            good = [load for load in loads if "seconds" in load]
            record["load"][backend] = ({"seconds": statistics.median(load["seconds"] for load in good),
                                        "peak_mb": max(load["peak_mb"] for load in good), "runs": len(good)}
                                       if good else loads[0])
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


def machine() -> str:
    """The machine the benchmark ran on, in one line."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        ram = f"{memory / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    import pyoxigraph
    import rdflib

    return (f"{os.cpu_count()} cores ({model}), {ram}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, rdflib {rdflib.__version__}, "
            f"pyoxigraph {pyoxigraph.__version__}")


def format_seconds(seconds: float | None) -> str:
    """Seconds as ms below one second, with two figures below 10 ms."""
    if seconds is None:
        return "-"
    if seconds < 0.01:
        return f"{seconds * 1000:.2g} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def _cell(outcome: dict[str, Any] | None) -> str:
    if not outcome:
        return "-"
    if "error" in outcome:
        return f"error: {outcome['error'][:60]}"
    text = format_seconds(outcome.get("seconds"))
    return text + (f" ({outcome['runs']} run)" if outcome.get("runs") == 1 else "")


def _ratio(base: dict[str, Any] | None, other: dict[str, Any] | None) -> str:
    if not base or not other or "seconds" not in base or "seconds" not in other or not other["seconds"]:
        return "-"
    return f"{base['seconds'] / other['seconds']:.1f}x"


def format_table(record: dict[str, Any]) -> str:
    """One data set's results as a Markdown table."""
    sessions = {name: {row["case"]: row for row in rows} if isinstance(rows, list) else {}
                for name, rows in record["sessions"].items()}
    lines = [f"### {record['name']} ({record['file_triples']:,} triples in the file; median of "
             f"{record['runs']} runs)", "",
             "| case | rdflib | store | store vs rdflib | endpoint | endpoint vs rdflib |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    load = record["load"]
    lines.append(f"| load (rdflib parse / careergraph load) | {_cell(load.get('rdflib'))} | "
                 f"{_cell(load.get('store'))} | {_ratio(load.get('rdflib'), load.get('store'))} | - | - |")
    names = list(dict.fromkeys(case for rows in sessions.values() for case in rows))
    for name in names:
        if name == "peak memory":
            continue
        base = sessions.get("rdflib", {}).get(name)
        store = sessions.get("store", {}).get(name)
        remote = sessions.get("endpoint", {}).get(name)
        lines.append(f"| {name} | {_cell(base)} | {_cell(store)} | {_ratio(base, store)} | "
                     f"{_cell(remote)} | {_ratio(base, remote)} |")
    memory = {name: rows.get("peak memory", {}).get("peak_mb") for name, rows in sessions.items()}
    lines.append("| peak memory of the session (MiB) | " + " | ".join(
        [f"{memory.get('rdflib') or 0:.0f}", f"{memory.get('store') or 0:.0f}", "-",
         f"{memory.get('endpoint') or 0:.0f}", "-"]) + " |")
    lines.append("| peak memory of loading (MiB) | " + " | ".join(
        [f"{(load.get('rdflib') or {}).get('peak_mb', 0):.0f}",
         f"{(load.get('store') or {}).get('peak_mb', 0):.0f}", "-", "-", "-"]) + " |")
    errors = {name: rows["error"] for name, rows in record["sessions"].items() if isinstance(rows, dict)}
    for name, error in errors.items():
        lines.append(f"\n{name}: {error}")
    if record["commands"]:
        lines += ["", "`careergraph path` end to end (a new process each run):", ""]
        lines += [f"- {name}: {_cell(outcome)}" for name, outcome in record["commands"].items()]
    return "\n".join(lines)


# --- the command -------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
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
    parser.add_argument("--load", choices=["rdflib", "store"], help=argparse.SUPPRESS)
    parser.add_argument("--session", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--store-path", default="", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--case", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
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
            print(f"careergraph benchmark: the O*NET case is left out: {why}", file=sys.stderr)
    runs = 1 if args.quick else args.runs
    if args.dry_run:  # what it would measure; nothing is generated, imported or timed
        from careergraph.sparql.queries import named_queries

        print(f"The built-in ladder: careergraph path APM CPO against python -c 'import networkx', "
              f"{3 if args.quick else 15} runs each")
        for number, case in enumerate(cases):
            if number < len(sizes):
                repeat = runs or (3 if sizes[number] > 500_000 else 5)
            else:
                repeat = runs or "5 (3 from half a million triples)"
            made = f"imported from {case['onet']}" if "onet" in case else "generated"
            print(f"{case['name']} ({made}): loading, {len(named_queries())} named queries, path, "
                  f"gap, reachable, ready, a drawn view, the path command and peak memory on "
                  f"{', '.join(BACKENDS)}; {repeat} run{'' if repeat == 1 else 's'} per figure")
        if args.json:
            print(f"The results also as JSON in {args.json}")
        return EXIT_OK
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="careergraph-benchmark-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        started = startup(3 if args.quick else 15, workdir)
        records = benchmark(cases, workdir, runs, args.slow, args.budget)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"Machine: {machine()}")
    print()
    print(format_startup(started))
    for record in records:
        print()
        print(format_table(record))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "startup": started,
                                         "results": records}, indent=1))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    return run_main("careergraph benchmark", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
