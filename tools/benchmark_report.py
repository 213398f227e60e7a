"""The benchmark's results as Markdown: the machine, the start-up table, one table per data set.

Examples
--------
>>> print(format_table({"name": "demo", "file_triples": 10, "runs": 1, "commands": {},
...                     "load": {}, "sessions": {}}).splitlines()[0])
### demo (10 triples in the file; median of 1 runs)
"""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any


def format_startup(figures: dict[str, Any]) -> str:
    """The built-in ladder's start-up figures as a Markdown table, each command beside its baseline.

    Parameters
    ----------
    figures : dict
        What :func:`benchmark_measure.startup` measured: each ``python -c
        'import X'`` baseline before the commands compared with it.

    Returns
    -------
    str
        A heading and the table: each command, its baseline, and the ratio.

    Examples
    --------
    >>> print(format_startup({"python -c 'import networkx'": {"seconds": 0.2, "runs": 9},
    ...                       "careergraph path APM CPO": {"seconds": 0.28, "runs": 9}}))
    ### The built-in ladder: start-up (median of 9 runs, each a new process)
    <BLANKLINE>
    | command | time | baseline | ratio |
    | --- | ---: | --- | ---: |
    | python -c 'import networkx' | 200 ms | - | - |
    | careergraph path APM CPO | 280 ms | python -c 'import networkx' | 1.4x |
    """
    runs = max(f["runs"] for f in figures.values())
    lines = [f"### The built-in ladder: start-up (median of {runs} runs, each a new process)", "",
             "| command | time | baseline | ratio |", "| --- | ---: | --- | ---: |"]
    base = None
    for name, figure in figures.items():
        if name.startswith("python -c"):
            base = name
            lines.append(f"| {name} | {format_seconds(figure['seconds'])} | - | - |")
        else:
            ratio = figure["seconds"] / figures[base]["seconds"] if base else None
            lines.append(f"| {name} | {format_seconds(figure['seconds'])} | {base or '-'} | "
                         f"{'-' if ratio is None else f'{ratio:.1f}x'} |")
    return "\n".join(lines)


def baseline_of(figures: dict[str, Any], command: str) -> str | None:
    """The baseline a start-up command is compared with: the ``python -c`` line before it.

    Parameters
    ----------
    figures : dict
        What :func:`benchmark_measure.startup` measured, in order.
    command : str
        One of its commands.

    Returns
    -------
    str or None
        The baseline's name.

    Examples
    --------
    >>> baseline_of({"python -c 'import a'": {}, "x": {}, "python -c 'import b'": {}, "y": {}}, "y")
    "python -c 'import b'"
    """
    base = None
    for name in figures:
        if name.startswith("python -c"):
            base = name
        elif name == command:
            return base
    return None


def machine() -> str:
    """The machine the benchmark ran on, in one line.

    Returns
    -------
    str
        Cores, processor, memory, system, and the versions of Python, rdflib
        and pyoxigraph.
    """
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
    """Seconds as ms below one second, with two figures below 10 ms.

    Parameters
    ----------
    seconds : float or None
        The time; None when not measured.

    Returns
    -------
    str
        ``12 ms``, ``0.42 ms``, ``12.3 s``, or ``-``.

    Examples
    --------
    >>> format_seconds(0.0123), format_seconds(0.00042), format_seconds(12.3), format_seconds(None)
    ('12 ms', '0.42 ms', '12.3 s', '-')
    """
    if seconds is None:
        return "-"
    if seconds < 0.01:
        return f"{seconds * 1000:.2g} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def _cell(outcome: dict[str, Any] | None) -> str:
    """One figure of a table: the time (marked when run once), the error, or ``-``."""
    if not outcome:
        return "-"
    if "error" in outcome:
        return f"error: {outcome['error'][:60]}"
    text = format_seconds(outcome.get("seconds"))
    return text + (f" ({outcome['runs']} run)" if outcome.get("runs") == 1 else "")


def _ratio(base: dict[str, Any] | None, other: dict[str, Any] | None) -> str:
    """How many times faster ``other`` is than ``base``, or ``-``."""
    if not base or not other or "seconds" not in base or "seconds" not in other or not other["seconds"]:
        return "-"
    return f"{base['seconds'] / other['seconds']:.1f}x"


def _megabytes(value: float | None) -> str:
    """A peak in MiB, or ``-`` for a session that did not run."""
    return "-" if not value else f"{value:.0f}"


def format_table(record: dict[str, Any]) -> str:
    """One data set's results as a Markdown table.

    Parameters
    ----------
    record : dict
        One data set's record (:func:`benchmark.benchmark`): ``name``,
        ``file_triples``, ``runs``, ``load``, ``sessions`` and ``commands``.

    Returns
    -------
    str
        A heading, a row per case (each backend beside rdflib, with the
        ratio), peak memory, any session's error, and the command timings.
    """
    sessions = {name: {row["case"]: row for row in rows} if isinstance(rows, list) else {}
                for name, rows in record["sessions"].items()}
    lines = [f"### {record['name']} ({record['file_triples']:,} triples in the file; median of "
             f"{record['runs']} runs)", "",
             "| case | rdflib | store | store vs rdflib | endpoint | endpoint vs rdflib |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    load = record["load"]
    lines.append(f"| load (rdflib parse / careergraph load, preparing included) | {_cell(load.get('rdflib'))} | "
                 f"{_cell(load.get('store'))} | {_ratio(load.get('rdflib'), load.get('store'))} | - | - |")
    prepared = (load.get("store") or {}).get("prepare_seconds")
    if prepared is not None:
        lines.append(f"| of which preparing the cache entry | - | {format_seconds(prepared)} | - | - | - |")
    if load.get("oxigraph"):
        lines.append(f"| Oxigraph's own bulk load alone (the floor) | - | {_cell(load.get('oxigraph'))} | "
                     f"{_ratio(load.get('rdflib'), load.get('oxigraph'))} | - | - |")
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
        [_megabytes(memory.get("rdflib")), _megabytes(memory.get("store")), "-",
         _megabytes(memory.get("endpoint")), "-"]) + " |")
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
