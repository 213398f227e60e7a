"""The development tools of ``tools/`` (the benchmark and the synthetic generator).

They are not part of the installed package: they run from a checkout, with
careergraph installed, as ``python tools/benchmark.py``; nothing in the
library or the command line imports them. They keep the house rules of the
package all the same: short modules, numpydoc docstrings, examples that run.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.util
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tools"
MODULES = sorted(path.stem for path in TOOLS.glob("*.py"))
"""The tools' modules, imported by their names (pytest puts tools/ on ``sys.path``)."""
MAX_LINES = 460
NUMPYDOC_CHECKS = {"GL08", "PR01", "PR02", "RT01", "YD01"}


def test_the_tools_are_found():
    assert {"benchmark", "benchmark_cases", "benchmark_measure", "benchmark_report",
            "synthetic"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_no_tool_module_is_too_long(name):
    lines = len((TOOLS / f"{name}.py").read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"tools/{name}.py has {lines} lines; split it by job"


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_of_the_tools_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def _public(name: str) -> list[str]:
    module = importlib.import_module(name)
    found = []
    for attribute, value in vars(module).items():
        if attribute.startswith("_") or getattr(value, "__module__", None) != name:
            continue
        if inspect.isfunction(value) or inspect.isclass(value):
            found.append(f"{name}.{attribute}")
    return found


@pytest.mark.parametrize("qualified", [q for name in MODULES for q in _public(name)])
def test_the_tools_public_docstrings_follow_numpydoc(qualified):
    validate = pytest.importorskip("numpydoc.validate").validate
    errors = [f"{code}: {message}" for code, message in validate(qualified)["errors"]
              if code in NUMPYDOC_CHECKS]
    assert not errors, f"{qualified}: " + "; ".join(errors)


def test_neither_the_library_nor_the_command_line_imports_a_tool():
    wrong = []
    for folder in ("graph", "scripts"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                wrong += [f"{path.relative_to(REPO)}: {n}" for n in names
                          if n.split(".")[0] in MODULES or n.endswith((".synthetic", ".benchmark"))]
    assert not wrong


def test_the_tools_are_not_in_the_installed_package():
    assert importlib.util.find_spec("careergraph.synthetic") is None
    assert importlib.util.find_spec("careergraph.cli.benchmark") is None


def test_one_measurement_runs_as_a_file_from_any_folder(tmp_path):
    data = tmp_path / "one.nt"
    data.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, str(TOOLS / "benchmark.py"), "--load", "rdflib",
                           "--file", str(data)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["triples"] == 1 and answer["seconds"] > 0


def test_without_careergraph_installed_the_benchmark_says_so(tmp_path):
    done = subprocess.run([sys.executable, "-S", "tools/benchmark.py", "--quick"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == ("tools/benchmark.py: error: careergraph is not installed; run "
                           "'pip install -e .' in the repository first (see README.md)\n")


def test_a_mistake_is_one_line_naming_the_tool(tmp_path):
    done = subprocess.run([sys.executable, str(TOOLS / "benchmark.py"), "--runs", "many"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("tools/benchmark.py: error: argument --runs: invalid int value")
