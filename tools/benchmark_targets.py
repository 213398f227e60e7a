"""The benchmark's targets: each one's figure from this run, and whether it is met.

The targets are those of the project's performance issues, checked against
the biggest synthetic graph the run measured (a million triples by default)
on the persistent store, and against the start-up figures of the built-in
ladder. Every ratio is against a baseline measured in the same run.

Examples
--------
>>> record = {"name": "synthetic 1,000,000", "file_triples": 989_691,
...           "load": {"rdflib": {"seconds": 30.0}, "store": {"seconds": 6.0}},
...           "sessions": {"store": [{"case": "query ladder", "seconds": 0.5},
...                                  {"case": "path: build + answer", "seconds": 1.5}]}}
>>> print(format_targets([record], {}))  # doctest: +NORMALIZE_WHITESPACE
### The targets (synthetic 1,000,000 on the store; the built-in ladder's start-up)
<BLANKLINE>
| target | figure | |
| --- | --- | --- |
| load, preparing included, at least 10x faster than rdflib's parse | 6.0 s against 30.0 s: 5.0x | missed |
| query ladder under 1 s | 500 ms | met |
| path: build + answer under 1 s | 1.5 s | missed |
"""

from __future__ import annotations

from typing import Any

from benchmark_report import baseline_of, format_seconds

NO_CACHE = ("path: build + answer", "gap: build + answer", "reachable: build + answer")
"""The in-process cases from an opened store without the cache: each under :data:`NO_CACHE_LIMIT`."""
NO_CACHE_LIMIT = 1.0

CACHED = ("path: open + cache + answer", "gap: open + cache + answer", "reachable: open + cache + answer")
"""The same from the cache entry ``careergraph load`` prepared, opening included: under :data:`CACHED_LIMIT`."""
CACHED_LIMIT = 0.3

QUERY_LIMIT = 1.0
"""Every named query, on the store."""

LOAD_RATIO = 10.0
"""``careergraph load`` (preparing included) against rdflib's parse of the same file."""

STARTUP_RATIOS = {"careergraph query --name ladder": 4.0, "careergraph path APM CPO": 1.2}
"""Start-up commands on the built-in ladder -> the most times their baseline's time they may take."""


def _row(target: str, figure: str, met: bool | None) -> str:
    return f"| {target} | {figure} | {'-' if met is None else 'met' if met else 'missed'} |"


def _limit(seconds: float) -> str:
    return f"{seconds:g} s" if seconds >= 1 else f"{seconds * 1000:g} ms"


def _seconds(outcome: dict[str, Any] | None) -> float | None:
    return None if not outcome or "seconds" not in outcome else outcome["seconds"]


def target_record(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The data set the targets are checked on: the biggest synthetic graph measured.

    Parameters
    ----------
    records : list of dict
        The run's records (:func:`benchmark.benchmark`).

    Returns
    -------
    dict or None
        That record; None when no synthetic graph was measured.

    Examples
    --------
    >>> target_record([{"name": "synthetic 10", "file_triples": 10},
    ...                {"name": "synthetic 99", "file_triples": 99}, {"name": "O*NET", "file_triples": 500}])["name"]
    'synthetic 99'
    """
    synthetic = [record for record in records if record["name"].startswith("synthetic")]
    return max(synthetic, key=lambda record: record["file_triples"], default=None)


def format_targets(records: list[dict[str, Any]], startup: dict[str, Any]) -> str:
    """The targets as a Markdown table: target, this run's figure, met or missed.

    Parameters
    ----------
    records : list of dict
        The run's records.
    startup : dict
        The start-up figures (:func:`benchmark_measure.startup`).

    Returns
    -------
    str
        A heading and the table (see the module's example).
    """
    record = target_record(records)
    lines = [f"### The targets ({record['name'] if record else 'no synthetic graph'} on the store; "
             "the built-in ladder's start-up)", "", "| target | figure | |", "| --- | --- | --- |"]
    if record is not None:
        parse, load = (_seconds(record["load"].get(name)) for name in ("rdflib", "store"))
        if parse and load:
            ratio = parse / load
            lines.append(_row(f"load, preparing included, at least {LOAD_RATIO:g}x faster than rdflib's parse",
                              f"{format_seconds(load)} against {format_seconds(parse)}: {ratio:.1f}x",
                              ratio >= LOAD_RATIO))
        floor = _seconds(record["load"].get("oxigraph"))
        if parse and floor:
            lines.append(_row("(Oxigraph's own bulk load alone, for comparison)",
                              f"{format_seconds(floor)}: {parse / floor:.1f}x", None))
        rows = {row["case"]: row for row in record["sessions"].get("store", [])
                if isinstance(row, dict) and "case" in row}
        for case, outcome in rows.items():
            limit = QUERY_LIMIT if case.startswith("query ") else \
                NO_CACHE_LIMIT if case in NO_CACHE else CACHED_LIMIT if case in CACHED else None
            if limit is None:
                continue
            seconds = _seconds(outcome)
            figure = format_seconds(seconds) if seconds is not None else f"error: {outcome.get('error', '?')[:60]}"
            lines.append(_row(f"{case} under {_limit(limit)}", figure,
                              seconds is not None and seconds < limit))
    for command, most in STARTUP_RATIOS.items():
        base = baseline_of(startup, command)
        if command in startup and base in startup:
            ratio = startup[command]["seconds"] / startup[base]["seconds"]
            lines.append(_row(f"`{command}` within {most:g}x `{base}`",
                              f"{format_seconds(startup[command]['seconds'])} against "
                              f"{format_seconds(startup[base]['seconds'])}: {ratio:.2f}x", ratio <= most))
    return "\n".join(lines)
