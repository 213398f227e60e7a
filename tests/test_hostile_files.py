"""Hostile input, round two: what careergraph writes and keeps on disk.

- ``--out`` to a device, a FIFO or ``/dev/stdout`` writes through it and never
  replaces it (careergraph.files);
- the on-disk cache is JSON, never unpickled, used only in the user's own
  folder; a planted, damaged, cut or FIFO entry and a relative
  ``XDG_CACHE_HOME`` are ignored (careergraph.cache, careergraph.cache_file);
- SIGTERM during ``careergraph load`` cleans up as Ctrl-C does
  (careergraph.load.into_store);
- a damaged store (RocksDB files or careergraph's metadata) is one line naming
  the store, exit 2, whatever the command (careergraph.store.oxigraph,
  careergraph.store.metadata).

Inputs that are text live in ``tests/hostile/stores/``; the rest is made here.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import test_hostile_corpus as corpus
from test_hostile_corpus import assert_mistake

run, cache_home = corpus.run, corpus.cache_home  # the corpus's fixtures, used here as they are

REPO = Path(__file__).resolve().parents[1]
STORES = REPO / "tests" / "hostile" / "stores"
APM_TO_CPO = ("Associate Product Manager -> Product Manager -> Senior Product Manager -> "
              "Director of Product -> VP of Product -> Chief Product Officer")


def careergraph(argv, env=None, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    """``careergraph ARGV`` in a subprocess (where a hang is a timeout, not a stuck test run)."""
    return subprocess.run([sys.executable, "-m", "careergraph.cli.main", *map(str, argv)],
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, **kwargs)


# --- item 3: --out to devices, FIFOs and descriptors ------------------------------------------

def test_out_to_dev_null_leaves_it_a_character_device(run):
    before = os.stat("/dev/null")
    result = run(["export", "--format", "ttl", "--out", "/dev/null"])
    assert result.code == 0, result.err
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert not [p for p in os.listdir("/dev") if p.startswith(".null.")]  # no temporary left


def test_out_to_a_fifo_with_a_reader_writes_through_it(run, tmp_path):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    time.sleep(0.2)  # the reader opens the FIFO first
    result = run(["export", "--format", "ttl", "--out", fifo])
    reader.join(30)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO
    assert b"Chief Product Officer" in got[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.ttl"]


def test_out_to_a_fifo_without_a_reader_is_refused_at_once(run, tmp_path):
    fifo = tmp_path / "nobody.ttl"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run(["export", "--format", "ttl", "--out", fifo])
    assert time.monotonic() - started < 30
    assert_mistake(result, r"nobody\.ttl: no process is reading this FIFO")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_out_to_dev_stdout_writes_to_the_pipe_and_leaves_the_link(tmp_path):
    link = os.readlink("/dev/stdout")
    done = careergraph(["export", "--format", "ttl", "--out", "/dev/stdout"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Chief Product Officer" in done.stdout
    assert os.path.islink("/dev/stdout") and os.readlink("/dev/stdout") == link


def test_links_to_devices_are_written_through_and_links_to_files_replaced(run, tmp_path):
    to_null = tmp_path / "null-link.ttl"
    to_null.symlink_to("/dev/null")
    assert run(["export", "--format", "ttl", "--out", to_null]).code == 0
    assert to_null.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    # a link to a regular file: the link is replaced by the new file (as mv does), its file kept
    kept = tmp_path / "kept.ttl"
    kept.write_text("kept\n")
    to_file = tmp_path / "file-link.ttl"
    to_file.symlink_to(kept)
    assert run(["export", "--format", "ttl", "--out", to_file]).code == 0
    assert not to_file.is_symlink() and "Chief Product Officer" in to_file.read_text()
    assert kept.read_text() == "kept\n"


def test_out_to_a_socket_is_one_line(run, tmp_path):
    import socket

    path = tmp_path / "s.ttl"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert_mistake(run(["export", "--format", "ttl", "--out", path]), r"s\.ttl: it is a socket")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


# --- item 4: the on-disk cache -----------------------------------------------------------------

PLANTED = """
import os, pathlib
pathlib.Path({marker!r}).write_text("ran")
"""


class Planted:
    """Unpickling this runs code (what a planted pickle does)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (PLANTED.format(marker=self.marker),))


def builtin_key() -> str:
    from careergraph import cache
    from careergraph.load import data_sources

    return cache.files_key(data_sources([]))


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    """An empty cache home for one test, with the cache on."""
    home = tmp_path / "xdg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("CAREERGRAPH_NO_CACHE", raising=False)
    return home / "careergraph"


def test_a_planted_pickle_never_runs(xdg, tmp_path):
    marker = tmp_path / "ran"
    xdg.mkdir(mode=0o700)
    for name in (f"{builtin_key()}.pickle", f"{builtin_key()}.jsonl"):
        (xdg / name).write_bytes(pickle.dumps({"payload": Planted(str(marker))}))
    done = careergraph(["path", "APM", "CPO"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(APM_TO_CPO) and not marker.exists()
    assert not list(xdg.glob("*.pickle"))  # removed when the new entry was written


def test_a_folder_others_can_write_is_not_used(xdg, tmp_path):
    from careergraph import cache

    marker = tmp_path / "ran"
    assert careergraph(["path", "APM", "CPO"]).returncode == 0  # writes a true entry
    [entry] = xdg.glob("*" + cache.SUFFIX)
    entry.write_bytes(entry.read_bytes().replace(b"Chief Product Officer", b"Chief Pwned Officer"))
    (xdg / f"{builtin_key()}.pickle").write_bytes(pickle.dumps(Planted(str(marker))))
    xdg.chmod(0o777)
    done = careergraph(["path", "APM", "CPO"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(APM_TO_CPO) and "Pwned" not in done.stdout
    assert not marker.exists()
    assert entry.read_bytes().count(b"Pwned") > 0  # not written there either


def test_a_fifo_in_place_of_an_entry_neither_hangs_nor_stays(xdg):
    from careergraph import cache

    assert careergraph(["path", "APM", "CPO"]).returncode == 0
    [entry] = xdg.glob("*" + cache.SUFFIX)
    entry.unlink()
    os.mkfifo(entry)
    done = careergraph(["path", "APM", "CPO"], timeout=60)
    assert done.returncode == 0 and done.stdout.startswith(APM_TO_CPO), done.stderr
    assert stat.S_ISREG(os.lstat(entry).st_mode)  # replaced by a whole entry


def test_a_relative_cache_home_is_ignored_and_nothing_lands_in_the_current_folder(tmp_path):
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    done = careergraph(["path", "APM", "CPO"], cwd=work,
                       env={"XDG_CACHE_HOME": "relative-cache", "HOME": str(home),
                            "CAREERGRAPH_NO_CACHE": "0"})
    assert done.returncode == 0 and done.stdout.startswith(APM_TO_CPO), done.stderr
    assert list(work.iterdir()) == []
    assert list((home / ".cache" / "careergraph").glob("*.jsonl"))  # ~/.cache instead


def test_no_cache_at_all_without_an_absolute_home(tmp_path):
    done = careergraph(["path", "APM", "CPO"], cwd=tmp_path,
                       env={"XDG_CACHE_HOME": "relative-cache", "HOME": "relative-home",
                            "CAREERGRAPH_NO_CACHE": "0"})
    assert done.returncode == 0 and done.stdout.startswith(APM_TO_CPO), done.stderr
    assert list(tmp_path.iterdir()) == []


def entry_lines(entry: Path) -> tuple[dict, dict[str, bytes]]:
    header, *lines = entry.read_bytes().splitlines(keepends=True)
    header = json.loads(header)
    return header, {name: line for (name, _), line in zip(header["parts"], lines)}


def write_entry_lines(entry: Path, header: dict, lines: dict[str, bytes]) -> None:
    header = {**header, "parts": [[name, len(line)] for name, line in lines.items()]}
    entry.write_bytes(json.dumps(header).encode() + b"\n" + b"".join(lines.values()))


@pytest.mark.parametrize("damage", ["no labels", "no role graph", "no title index",
                                    "garbage role graph", "role graph of the wrong shape",
                                    "title index of the wrong shape", "cut in half",
                                    "header only", "not JSON", "header not an object"])
def test_a_damaged_entry_is_ignored_and_written_again(xdg, cli, damage):
    from careergraph import cache

    first = cli(["gap", "PM", "Senior PM"])
    assert first.code == 0, first.err
    [entry] = xdg.glob("*" + cache.SUFFIX)
    header, lines = entry_lines(entry)
    if damage.startswith("no "):
        del lines[{"no labels": "labels", "no role graph": "role_graph",
                   "no title index": "titles"}[damage]]
    elif damage == "garbage role graph":
        lines["role_graph"] = b"\x00\xff garbage" + b"x" * (len(lines["role_graph"]) - 12) + b"\n"
    elif damage == "role graph of the wrong shape":
        lines["role_graph"] = b'{"graph": {}, "shared": [], "table": [], "nodes": [1, 2], ' \
                              b'"succ": {}, "pred": {}}\n'
    elif damage == "title index of the wrong shape":
        lines["titles"] = b'{"_labels": ["plain", 5]}\n'
    if damage == "cut in half":
        entry.write_bytes(entry.read_bytes()[:entry.stat().st_size // 2])
    elif damage == "header only":
        entry.write_bytes(entry.read_bytes().split(b"\n")[0] + b"\n")
    elif damage == "not JSON":
        entry.write_bytes(b"\x80\x05\x95 not JSON at all\n")
    elif damage == "header not an object":
        entry.write_bytes(b"[1, 2, 3]\n")
    else:
        write_entry_lines(entry, header, lines)
    again = cli(["gap", "PM", "Senior PM"])
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert cli(["path", "APM", "CPO"]).out.startswith(APM_TO_CPO)
    third = cli(["gap", "PM", "Senior PM"])  # the entry is whole again
    assert third.out == first.out
    _, lines = entry_lines(entry)
    assert {"labels", "layers", "role_graph", "skill_graph", "titles"} <= set(lines)


def test_an_entry_in_a_folder_the_user_does_not_own_is_not_read(xdg, monkeypatch):
    from careergraph import cache
    from careergraph.session import open_graph

    open_graph(cache=True)  # writes the entry
    assert cache.read(builtin_key()) is not None
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)  # as another user (root, say)
    assert cache.read(builtin_key()) is None
    assert cache.write(builtin_key(), {"labels": {}, "layers": [], "structures": {}}) is None


def test_the_cache_is_json_and_nothing_unpickles(xdg, cli):
    assert cli(["path", "APM", "CPO"]).code == 0
    [entry] = xdg.iterdir()
    for line in entry.read_bytes().splitlines():
        json.loads(line)  # every line is JSON
    import careergraph.cache as cache_module
    import careergraph.cache_file as file_module

    for module in (cache_module, file_module):
        source = Path(module.__file__).read_text()
        assert "import pickle" not in source and "pickle.load" not in source


def test_a_fifo_named_as_a_data_file_is_not_hashed_forever(xdg, tmp_path):
    from careergraph import cache

    fifo = tmp_path / "data.ttl"
    os.mkfifo(fifo)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(cache.files_key([("data.ttl", fifo, False)])),
                              daemon=True)
    worker.start()
    worker.join(10)
    assert result == [None]  # no key: the graph is not cached, and nothing waits


# --- item 14: SIGTERM during a load ------------------------------------------------------------

def store_fingerprint(store: Path) -> dict[str, str]:
    return {str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(store.rglob("*")) if p.is_file()}


def test_sigterm_during_a_load_leaves_no_half_built_folder_and_the_old_store(tmp_path):
    sys.path.insert(0, str(REPO / "tools"))
    from synthetic import size_for, write_ntriples

    big = tmp_path / "big.nt"
    write_ntriples(big, **size_for(400_000))
    store = tmp_path / "store"
    assert careergraph(["load", "--store", store, "--no-prepare"]).returncode == 0
    before = store_fingerprint(store)
    process = subprocess.Popen([sys.executable, "-m", "careergraph.cli.main", "load", str(big),
                                "--store", str(store)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                               env=dict(os.environ, CAREERGRAPH_NO_CACHE="1"))
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".store.loading-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # well into the load
    assert process.poll() is None, "the load ended before SIGTERM: make the file bigger"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err.strip().splitlines() == ["careergraph load: error: interrupted"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.nt", "store"]
    assert store_fingerprint(store) == before


def test_sigterm_in_process_is_the_ctrl_c_clean_up_and_the_handler_comes_back(tmp_path):
    from careergraph.load.into_store import build_store

    seen: list[int] = []

    def mine(signum, frame):
        seen.append(signum)

    def terminate(done, total, what):
        os.kill(os.getpid(), signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        build_store(tmp_path / "store")
        assert signal.getsignal(signal.SIGTERM) is mine
        with pytest.raises(KeyboardInterrupt):
            build_store(tmp_path / "store", [REPO / "ontology" / "examples" / "acme-ladder.yaml"],
                        progress=terminate)
        assert signal.getsignal(signal.SIGTERM) is mine and seen == []
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


# --- item 6: damaged stores --------------------------------------------------------------------

@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    from careergraph.load.into_store import build_store

    path = tmp_path_factory.mktemp("pristine") / "store"
    build_store(path)
    return path


def damaged(pristine: Path, tmp_path: Path, damage: str) -> Path:
    store = tmp_path / "damaged-store"
    shutil.copytree(pristine, store)
    ssts = sorted(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    if damage == "truncated SST files":
        for sst in ssts:
            sst.write_bytes(sst.read_bytes()[:100])
    elif damage == "garbage SST files":
        for sst in ssts:
            sst.write_bytes(os.urandom(sst.stat().st_size))
    elif damage == "flipped bytes in SST files":
        for sst in ssts:
            data = bytearray(sst.read_bytes())
            for i in range(100, len(data) - 200, 7):
                data[i] ^= 0x5A
            sst.write_bytes(bytes(data))
    elif damage == "no MANIFEST":
        for manifest in store.glob("MANIFEST-*"):
            manifest.unlink()
    elif damage == "garbage MANIFEST":
        for manifest in store.glob("MANIFEST-*"):
            manifest.write_bytes(b"garbage\n")
    elif damage == "no CURRENT":
        (store / "CURRENT").unlink()
    elif damage == "garbage CURRENT":
        (store / "CURRENT").write_bytes(b"\x00\x01 not a manifest\n")
    elif damage == "no metadata":
        (store / "careergraph-store.json").unlink()
    else:
        shutil.copy(STORES / damage, store / "careergraph-store.json")
    return store


DAMAGES = ["truncated SST files", "garbage SST files", "flipped bytes in SST files",
           "no MANIFEST", "garbage MANIFEST", "no CURRENT", "garbage CURRENT",
           *sorted(p.name for p in STORES.glob("metadata-*.json"))]


def store_commands(store: Path, out: Path) -> dict[str, list]:
    return {"path": ["path", "APM", "CPO", "--store", store],
            "query": ["query", "--name", "ladder", "--store", store],
            "info": ["info", "--store", store],
            "export": ["export", "--format", "nt", "--out", out, "--store", store],
            "gap": ["gap", "PM", "Senior PM", "--store", store]}


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("command", ["path", "query", "info", "export", "gap"])
def test_a_damaged_store_is_one_line_naming_it(run, pristine, tmp_path, damage, command):
    store = damaged(pristine, tmp_path, damage)
    out = tmp_path / "out.nt"
    result = run(store_commands(store, out)[command])
    assert_mistake(result, r"--store \S*damaged-store: "
                           r"(cannot open the store|the store is damaged|not a careergraph store)")
    assert not out.exists()


def test_a_fifo_as_the_store_metadata_does_not_hang(pristine, tmp_path):
    store = damaged(pristine, tmp_path, "no metadata")
    os.mkfifo(store / "careergraph-store.json")
    done = careergraph(["path", "APM", "CPO", "--store", store], timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"careergraph path: error: --store {store}: not a careergraph store (it has no valid "
        "careergraph-store.json); make one with 'careergraph load FILE... --store PATH'"]


def test_a_store_damaged_after_it_opened_is_one_error(pristine, tmp_path):
    """RocksDB errors at the first read (not at open) become the same one-line error."""
    from rdflib import URIRef

    from careergraph.errors import CareerGraphError
    from careergraph.store.oxigraph import OxigraphStore

    store = OxigraphStore(shutil.copytree(pristine, tmp_path / "copy"))

    class Broken:
        def query(self, *args, **kwargs):
            raise RuntimeError("Corruption: block checksum mismatch")

        def quads_for_pattern(self, *args):
            raise OSError("IO error: No such file or directory")

        def __len__(self):
            raise RuntimeError("Corruption: bad block")

    store._store = Broken()
    for read in (lambda: store.query("SELECT * WHERE { ?s ?p ?o }"),
                 lambda: list(store.triples((None, None, None))), lambda: len(store),
                 lambda: store.subjects(URIRef("urn:p"), URIRef("urn:o"))):
        with pytest.raises(CareerGraphError, match=r"^--store \S+copy: the store is damaged: "):
            read()
