"""The benchmark runs, on every backend, and prints its table (no timing is asserted).

The benchmark is a development tool in ``tools/`` (not installed); pytest puts
that folder on ``sys.path`` (``pythonpath`` in pyproject.toml), so its modules
import by their names.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark_cases import find_onet, onet_case, synthetic_case
from benchmark_report import format_table
from careergraph.errors import CareerGraphError
from importer_fixtures import ONET_FIXTURE
from synthetic import generate

BENCHMARK = Path(__file__).resolve().parents[1] / "tools" / "benchmark.py"


def test_quick_benchmark_prints_a_table_for_every_backend(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--quick", "--sizes", "3000",
         "--workdir", str(tmp_path / "work"), "--json", str(tmp_path / "results.json")],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Machine: ") and "Python 3." in out.splitlines()[0]
    assert "### The built-in ladder: start-up (median of 3 runs, each a new process)" in out
    startup = json.loads((tmp_path / "results.json").read_text())["startup"]
    assert list(startup) == ["python -c 'import networkx'", "careergraph path APM CPO",
                             "python -c 'import pyoxigraph'", "careergraph query --name ladder"]
    assert all(figure["seconds"] > 0 and figure["runs"] == 3 for figure in startup.values())
    assert "| case | rdflib | store | store vs rdflib | endpoint | endpoint vs rdflib |" in out
    [record] = json.loads((tmp_path / "results.json").read_text())["results"]
    assert record["file_triples"] > 2000
    cases = {row["case"]: row for row in record["sessions"]["store"]}
    for backend in ("rdflib", "store", "endpoint"):
        rows = {row["case"]: row for row in record["sessions"][backend]}
        assert not [name for name, row in rows.items() if "error" in row], rows
        assert "query ladder" in rows and "path: build + answer" in rows
        assert rows["peak memory"]["peak_mb"] > 10
    assert any(name.startswith("draw a view of ") for name in cases)
    assert record["load"]["store"]["seconds"] > 0 and record["load"]["rdflib"]["seconds"] > 0
    assert 0 < record["load"]["store"]["prepare_seconds"] < record["load"]["store"]["seconds"]
    assert record["load"]["oxigraph"]["triples"] == record["file_triples"]
    assert {"path: open + cache + answer", "gap: open + cache + answer",
            "reachable: open + cache + answer"} <= set(cases)
    assert set(record["commands"]) >= {"store, built each time", "store, cached", "endpoint"}
    for line in ("| query ladder |", "| path: build + answer |", "| of which preparing the cache entry |",
                 "| load (rdflib parse / careergraph load, preparing included) |",
                 "| Oxigraph's own bulk load alone (the floor) |"):
        assert line in out
    targets = out[out.index("### The targets (synthetic 3,000 on the store"):].splitlines()
    rows = [line for line in targets if line.startswith("| ") and not line.startswith(("| target", "| ---"))]
    assert len(rows) == 2 + 15 + 3 + 3 + 2  # load and its floor, 15 queries, 3 + 3 questions, 2 start-ups
    assert all(line.endswith(("| met |", "| missed |", "| - |")) for line in rows)
    assert any(line.startswith("| `careergraph query --name ladder` within 4x `python -c 'import pyoxigraph'`")
               for line in rows)


def test_backends_chooses_the_sessions(tmp_path):
    done = subprocess.run([sys.executable, str(BENCHMARK), "--quick", "--dry-run", "--backends", "store"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "peak memory on store; 1 run" in done.stdout
    wrong = subprocess.run([sys.executable, str(BENCHMARK), "--backends", "store,oracle", "--dry-run"],
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1
    assert "choose among rdflib, store, endpoint" in wrong.stderr


def test_the_cases_name_roles_of_the_synthetic_graph():
    case = synthetic_case(3000)
    labels = {value for _, _, value in generate(**case["arguments"]) if value.endswith('"@en')}
    for title in (*case["path"], *case["gap"], case["reachable"], case["params"]["role"]):
        assert f'"{title}"@en' in labels


def test_a_table_shows_ratios_errors_and_single_runs():
    record = {"name": "demo", "file_triples": 10, "runs": 3, "commands": {},
              "load": {"rdflib": {"seconds": 2.0, "peak_mb": 50, "runs": 3},
                       "store": {"seconds": 0.1, "peak_mb": 40, "runs": 3}},
              "sessions": {"rdflib": [{"case": "query x", "seconds": 90.0, "runs": 1},
                                      {"case": "peak memory", "peak_mb": 100}],
                           "store": [{"case": "query x", "seconds": 0.009, "runs": 3},
                                     {"case": "peak memory", "peak_mb": 30}],
                           "endpoint": [{"case": "query x", "error": "HTTP 500"},
                                        {"case": "peak memory", "peak_mb": 31}]}}
    table = format_table(record)
    assert "| load (rdflib parse / careergraph load, preparing included) | 2.0 s | 100 ms | 20.0x | - | - |" \
        in table
    assert "| query x | 90.0 s (1 run) | 9 ms | 10000.0x | error: HTTP 500 | - |" in table


def test_the_onet_case_reads_no_release_unless_told_where(monkeypatch, tmp_path):
    monkeypatch.delenv("CAREERGRAPH_DATA", raising=False)
    folder, why = find_onet(None)  # not ../shared/data, even where it exists
    assert folder is None and "--onet" in why and "CAREERGRAPH_DATA" in why
    assert find_onet(None, {"CAREERGRAPH_DATA": str(tmp_path)})[0] is None
    (tmp_path / "onet-29.2").mkdir()
    assert find_onet(None, {"CAREERGRAPH_DATA": str(tmp_path)}) == (tmp_path / "onet-29.2", "")
    assert find_onet(ONET_FIXTURE) == (ONET_FIXTURE, "")
    with pytest.raises(CareerGraphError, match=r"nowhere\.zip: no such folder or zip file"):
        find_onet(tmp_path / "nowhere.zip")
    case = onet_case(ONET_FIXTURE)
    assert case["name"] == "O*NET 29.2" and case["onet"] == str(ONET_FIXTURE)
