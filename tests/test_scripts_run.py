"""Every file in scripts/ runs both ways, in a real process: as a file and as a module.

``python scripts/NAME.py ARGS`` (from the repository root) and
``python -m careergraph.cli.NAME ARGS`` (from any folder) must do the same
thing. The files are discovered from the folder, so a new script is covered
as soon as it exists: with its own case in :data:`CASES`, or else with
``--help``. ``__init__.py`` and the shared helper modules (:data:`HELPERS`)
are no commands: run, they say so in one line and exit 2. The development
tools of ``tools/`` are no scripts and are not installed (see
``tests/test_tools.py``). Without careergraph installed (``python -S``
hides the site packages), a script says so in one line and exits 2.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(path.name for path in (REPO / "scripts").glob("*.py"))
"""Every Python file of scripts/, ``__init__.py`` and the helper modules included."""
HELPERS = ("output.py", "arguments.py", "text.py", "moves.py", "step_text.py", "extras.py",
           "printing.py")
"""The modules the commands share: no commands themselves."""
EXAMPLES = REPO / "ontology" / "examples"
TIMEOUT = 120
"""Seconds a script may take before the test gives up on it."""


@dataclass
class Case:
    """How to run one script and what it must print.

    ``argv`` builds the arguments from a scratch folder (where the case may
    also write its input files); ``out`` are regular expressions the stdout
    must match (``re.search``, multi-line), ``err`` those of a one-line stderr.
    """

    argv: Callable[[Path], list[str]]
    code: int = 0
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)


NOT_A_COMMAND = Case(lambda tmp: [], code=2, err=[r"not a command.*careergraph --help"])

CASES: dict[str, Case] = {
    "__init__.py": NOT_A_COMMAND,
    **{helper: NOT_A_COMMAND for helper in HELPERS},
    # the check a script run as a file makes first: with careergraph installed, silent
    "_installed.py": Case(lambda tmp: [], out=[r"\A\Z"]),
    "main.py": Case(lambda tmp: ["path", "APM", "CPO"],
                    out=[r"^Associate Product Manager -> .*Chief Product Officer$"]),
    "build.py": Case(lambda tmp: ["--out-dir", str(tmp / "pages")],
                     out=[r"^ok: no violations", r"^Roles by seniority$", r"ladder\.html$"]),
    "compare.py": Case(lambda tmp: ["builtin", "builtin", "--format", "json"],
                       out=[r'^  "a": "builtin",$', r'^  "b": "builtin",$']),
    "describe.py": Case(lambda tmp: ["APM"], out=[r"Associate Product Manager"]),
    "draw.py": Case(lambda tmp: ["ladder", "--out", str(tmp / "ladder.html")],
                    out=[r"ladder\.html$"]),
    "export.py": Case(lambda tmp: ["--format", "nt", "--out", str(tmp / "all.nt")],
                      out=[r"^wrote .*all\.nt: N-Triples, [\d,]+ triples$"]),
    "imports.py": Case(lambda tmp: ["ladder", str(EXAMPLES / "acme-ladder.yaml"),
                                    "--out", str(tmp / "acme.ttl")],
                       out=[r"^wrote .*acme\.ttl: 2 roles, "]),
    "info.py": Case(lambda tmp: [], out=[r"^careergraph: \d+ roles, \d+ skills, ",
                                         r"^Roles by seniority$"]),
    "load.py": Case(lambda tmp: ["--store", str(tmp / "store"), "--no-prepare"],
                    out=[r"^loaded [\d,]+ triples .* into .*store in "]),
    "paths.py": Case(lambda tmp: ["path", "APM", "CPO"],
                     out=[r"^Associate Product Manager -> .*Chief Product Officer$"]),
    "plan.py": Case(lambda tmp: ["ready", str(EXAMPLES / "profile.yaml"), "--top", "2"],
                    out=[r"Product Manager"]),
    "query.py": Case(lambda tmp: ["--name", "ladder", "--format", "csv"],
                     out=[r"^seniority,role,", r"^1,Associate Product Manager,"]),
    "validate.py": Case(lambda tmp: [], out=[r"^ok: no violations"]),
}
"""Each script's arguments and expected output; ``serve.py`` has a test of its own."""

HELP = Case(lambda tmp: ["--help"], out=[r"^usage: "])
"""The case of a script without one of its own: it must at least import and parse."""


def command(script: str, way: str) -> list[str]:
    """The command line of ``script`` run as a file (``file``) or as a module (``module``)."""
    if way == "file":
        return [sys.executable, f"scripts/{script}"]
    return [sys.executable, "-m", f"careergraph.cli.{script.removesuffix('.py')}"]


def run(script: str, way: str, argv: list[str], elsewhere: Path, *, site: bool = True,
        ) -> subprocess.CompletedProcess[str]:
    """Run a script; as a file from the repository root, as a module from ``elsewhere``."""
    cwd = REPO if way == "file" else elsewhere
    python = command(script, way)
    if not site:
        python.insert(1, "-S")
    return subprocess.run([*python, *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT, env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def test_the_scripts_are_discovered():
    assert {"__init__.py", *HELPERS, "main.py", "info.py", "paths.py", "plan.py"} <= set(SCRIPTS)
    assert "benchmark.py" not in SCRIPTS, "the benchmark is a development tool, in tools/"
    assert not set(CASES) - set(SCRIPTS) - {"describe.py"}, "a case for a script that is gone"


@pytest.mark.parametrize("way", ["file", "module"])
@pytest.mark.parametrize("script", [s for s in SCRIPTS if s != "serve.py"])
def test_each_script_runs_both_ways(script, way, tmp_path):
    case = CASES.get(script, HELP)
    done = run(script, way, case.argv(tmp_path), tmp_path)
    assert done.returncode == case.code, done.stderr
    for pattern in case.out:
        assert re.search(pattern, done.stdout, re.MULTILINE), (pattern, done.stdout)
    if case.code == 0:
        assert done.stderr == ""
    else:
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1, done.stderr
        for pattern in case.err:
            assert re.search(pattern, done.stderr), (pattern, done.stderr)


@pytest.mark.parametrize("way", ["file", "module"])
def test_serve_runs_both_ways(way, tmp_path):
    if "serve.py" not in SCRIPTS:
        pytest.skip("no scripts/serve.py")
    cwd = REPO if way == "file" else tmp_path
    process = subprocess.Popen([*command("serve.py", way), "--port", "0"], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], TIMEOUT)
        assert ready, "the server did not start"
        line = process.stdout.readline()
        match = re.match(r"careergraph: serving [\d,]+ triples at (http://127\.0\.0\.1:\d+/) ",
                         line)
        assert match, (line, process.stderr.read() if process.poll() is not None else "")
        query = "ASK { ?role a <https://w3id.org/careergraph/ontology#Role> }"
        request = urllib.request.Request(
            match[1] + "sparql?" + urllib.parse.urlencode({"query": query}),
            headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            assert json.load(answer)["boolean"] is True
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, err
    assert out.strip().endswith("careergraph: stopped")


@pytest.mark.parametrize("script", SCRIPTS)
def test_without_careergraph_installed_a_script_says_so(script, tmp_path):
    done = run(script, "file", ["--help"], tmp_path, site=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    if script == "__init__.py":  # imports nothing of careergraph: says what it is either way
        assert "not a command" in done.stderr
    else:
        assert done.stderr == (f"scripts/{script}: error: careergraph is not installed; run "
                               "'pip install -e .' in the repository first (see README.md)\n")
