"""No loss: every file careergraph writes is written whole or not at all.

For every command that writes (draw and its --screenshot, path/plan --html, export in
every format, import ladder/onet/esco, load --store), a failure is injected in
the middle of the write: the temporary file's ``write`` puts down part of the
data and then raises, as a full disk (``OSError(ENOSPC)``) or a Ctrl-C
(``KeyboardInterrupt``) would. Each time the output that was there before is
byte-identical afterwards, no temporary file is left beside it, and the
command says so in one line (exit 2, or 130 for Ctrl-C). A real Ctrl-C
(SIGINT) to a subprocess in the middle of a large import and of a load into a
store leaves the old output, and the old store, as they were.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PROFILE = REPO / "ontology" / "examples" / "profile.yaml"
ACME = REPO / "ontology" / "examples" / "acme-ladder.yaml"
ACME_CSV = REPO / "ontology" / "examples" / "acme-ladder-csv"
ESCO = REPO / "tests" / "fixtures" / "esco"
OLD = b"an earlier output, which must survive a failed write\n"


class Failing:
    """A temporary file whose first ``write`` writes part of its data, then raises ``error``."""

    def __init__(self, handle, error: BaseException) -> None:
        self._handle = handle
        self._error = error

    def write(self, data) -> int:
        self._handle.write(data[:max(1, len(data) // 2)])
        self._handle.flush()
        raise self._error

    def __enter__(self):
        self._handle.__enter__()
        return self

    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._handle, name)


@pytest.fixture
def fail_write(monkeypatch):
    """``fail_write(error, on=N)``: the N-th atomic write of the process fails mid-write with ``error``."""
    import careergraph.files as files

    real = tempfile.NamedTemporaryFile
    calls: list[str] = []

    def arm(error: BaseException, on: int = 1) -> list[str]:
        def fake(*args, **kwargs):
            handle = real(*args, **kwargs)
            calls.append(handle.name)
            return Failing(handle, error) if len(calls) == on else handle

        monkeypatch.setattr(files.tempfile, "NamedTemporaryFile", fake)
        return calls

    return arm


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    monkeypatch.setenv("CAREERGRAPH_NO_CACHE", "1")  # only the command's own output is written


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and permission bits."""
    return {str(p.relative_to(folder)): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def onet_folder():
    """The O*NET cut the repository ships (real rows of a few occupations, the release's layout)."""
    from importer_fixtures import ONET_FIXTURE

    return ONET_FIXTURE


def writers(out: Path, onet: Path | None = None) -> dict[str, list]:
    """Every command that writes a file, writing ``out`` (with the ending each needs)."""
    def o(ending: str) -> Path:
        return out / f"result{ending}"

    found = {
        "draw ladder": ["draw", "ladder", "--out", o(".html")],
        "draw role": ["draw", "role", "Senior PM", "--out", o(".html")],
        "draw path": ["draw", "path", "APM", "CPO", "--out", o(".html")],
        "draw skills": ["draw", "skills", "--out", o(".html")],
        "draw query": ["draw", "query", "CONSTRUCT WHERE { ?a cg:promotesTo ?b }", "--out", o(".html")],
        "path --html": ["path", "APM", "CPO", "--html", o(".html")],
        "plan --html": ["plan", PROFILE, "--to", "CPO", "--html", o(".html")],
        **{f"export {ending}": ["export", "--out", o(ending)]
           for ending in (".ttl", ".nt", ".jsonld", ".graphml", ".gexf", ".cyjs", ".zip")},
        "import ladder yaml": ["import", "ladder", ACME, "--out", o(".ttl")],
        "import ladder csv": ["import", "ladder", ACME_CSV, "--validate", "--out", o(".nt")],
        "import esco": ["import", "esco", ESCO, "--out", o(".jsonld")],
    }
    if onet is not None:
        found["import onet"] = ["import", "onet", onet, "--out", o(".ttl")]
    return found


NAMES = list(writers(Path(), Path()))
FAILURES = {"disk full": (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), 2,
                          r"careergraph [a-z]+: error: cannot write .*result\.\w+: No space left on device"),
            "ctrl-c": (KeyboardInterrupt(), 130, r"careergraph [a-z]+: error: interrupted")}


def prepare(tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "out"
    out.mkdir()
    for ending in (".html", ".ttl", ".nt", ".jsonld", ".graphml", ".gexf", ".cyjs", ".zip", ".png"):
        (out / f"result{ending}").write_bytes(OLD)
        os.chmod(out / f"result{ending}", 0o640)
    return out, snapshot(out)


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("name", NAMES)
def test_a_write_that_fails_midway_leaves_the_old_output(cli, fail_write, tmp_path, onet_folder,
                                                        name, failure):
    import re

    out, before = prepare(tmp_path)
    error, code, message = FAILURES[failure]
    calls = fail_write(error)
    result = cli([str(a) for a in writers(out, onet_folder)[name]])
    assert calls, "the command wrote nothing through careergraph.files"
    assert result.code == code, result.err
    assert len(result.err.splitlines()) == 1 and re.fullmatch(message, result.err.strip()), result.err
    assert "Traceback" not in result.out + result.err
    assert snapshot(out) == before  # old output byte-identical, same mode, no temporary file


@pytest.mark.parametrize("name", NAMES)
def test_a_write_that_succeeds_replaces_the_output_whole(cli, tmp_path, onet_folder, name):
    out, before = prepare(tmp_path)
    argv = [str(a) for a in writers(out, onet_folder)[name]]
    result = cli(argv)
    assert result.code == 0, result.err
    after = snapshot(out)
    assert sorted(after) == sorted(before)  # no temporary file left
    changed = [f for f in after if after[f] != before[f]]
    assert len(changed) == 1
    data, mode = after[changed[0]]
    assert data != OLD and len(data) > 200 and mode == 0o640  # the mode of the file it replaced
    if changed[0].endswith(".html"):
        assert data.rstrip().endswith(b"</html>")


def test_draw_screenshot_that_fails_midway_leaves_the_old_picture(cli, fail_write, tmp_path, monkeypatch):
    """The page is written, then the picture: a failure in the second write keeps the old picture."""
    import careergraph.views.page as view_page
    import careergraph.views.screenshot as screenshot

    monkeypatch.setattr(view_page, "find_chromium", lambda: "chromium")
    monkeypatch.setattr(screenshot, "capture", lambda html, browser, **size: (b"\x89PNG fake picture", {}))
    out, before = prepare(tmp_path)
    fail_write(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), on=2)
    result = cli(["draw", "ladder", "--out", str(out / "result.html"), "--screenshot", str(out / "result.png")])
    assert result.code == 2 and "cannot write" in result.err and "result.png" in result.err
    after = snapshot(out)
    assert sorted(after) == sorted(before)
    assert after["result.png"] == before["result.png"]
    assert after["result.html"][0].rstrip().endswith(b"</html>")  # the page itself was written whole
    fail_write(KeyboardInterrupt(), on=99)  # nothing fails: the picture is replaced whole
    assert cli(["draw", "ladder", "--out", str(out / "result.html"),
                "--screenshot", str(out / "result.png")]).code == 0
    assert (out / "result.png").read_bytes() == b"\x89PNG fake picture"


def test_an_output_that_cannot_be_written_is_one_line(cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "result.ttl").write_bytes(OLD)
    locked.chmod(0o500)
    try:
        result = cli(["export", "--out", str(locked / "result.ttl")])
    finally:
        locked.chmod(0o700)
    if os.geteuid() == 0:  # root writes anyway: then the export must be whole
        assert result.code == 0 and (locked / "result.ttl").read_bytes() != OLD
    else:
        assert result.code == 2 and "cannot write" in result.err
        assert (locked / "result.ttl").read_bytes() == OLD
    a_folder = cli(["export", "--out", str(tmp_path)])
    assert a_folder.code == 2 and len(a_folder.err.splitlines()) == 1


# --- a real Ctrl-C to a subprocess ---------------------------------------------------------------

def big_ladder(folder: Path, rows: int) -> Path:
    folder.mkdir()
    (folder / "ladder.csv").write_text("id,title\nbig,Big ladder\n")
    (folder / "roles.csv").write_text("id,title,seniority,track\n" + "".join(
        f"r{i},Role {i},{i % 7 + 1},individual contributor\n" for i in range(rows)))
    return folder


def interrupt(argv: list[str], after: float, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``careergraph ARGV`` and send it SIGINT after ``after`` seconds (once it is running)."""
    # A job started in the background of a shell inherits SIGINT ignored, and Python keeps an
    # ignored SIGINT ignored: the command would never see the Ctrl-C. A terminal's Ctrl-C is not.
    process = subprocess.Popen([sys.executable, "-m", "careergraph.cli.main", *argv],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                               env=dict(os.environ, CAREERGRAPH_NO_CACHE="1"),
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(after)
    finished_early = process.poll() is not None
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert not finished_early, "the command ended before the Ctrl-C: make its input bigger"
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


def test_ctrl_c_during_a_large_import_leaves_the_old_output(tmp_path):
    ladder = big_ladder(tmp_path / "big", 30_000)
    out, before = prepare(tmp_path)
    done = interrupt(["import", "ladder", str(ladder), "--out", str(out / "result.ttl")], 3.0, tmp_path)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines() == ["careergraph import: error: interrupted"]
    assert snapshot(out) == before


def store_fingerprint(store: Path) -> dict[str, str]:
    return {str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(store.rglob("*")) if p.is_file()}


def test_ctrl_c_during_a_load_leaves_the_store_as_it_was(tmp_path, cli):
    store = tmp_path / "store"
    assert cli(["load", "--store", str(store)]).code == 0
    before = store_fingerprint(store)
    roles = cli(["query", "--store", str(store), "--format", "csv",
                 "SELECT (COUNT(?r) AS ?n) WHERE { ?r a cg:Role }"]).out
    ladder = big_ladder(tmp_path / "big", 30_000)
    done = interrupt(["load", str(ladder), "--store", str(store)], 3.0, tmp_path)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "careergraph load: error: interrupted"
    assert "Traceback" not in done.stderr
    assert store_fingerprint(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "store"]  # no half-built store
    assert cli(["query", "--store", str(store), "--format", "csv",
                "SELECT (COUNT(?r) AS ?n) WHERE { ?r a cg:Role }"]).out == roles


def test_a_load_that_fails_midway_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    from careergraph.errors import CareerGraphError
    from careergraph.load.into_store import build_store

    store = tmp_path / "store"
    build_store(store)
    before = store_fingerprint(store)

    def stop(done, total, what):
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_store(store, [ACME], progress=stop)
    assert store_fingerprint(store) == before
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    with pytest.raises(CareerGraphError, match=r"bad\.ttl\b.*\bline 2\b"):
        build_store(store, [ACME, bad])
    assert store_fingerprint(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "store"]
