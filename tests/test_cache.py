"""The on-disk cache of careergraph.cache, and what the everyday commands import."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from careergraph import cache
from careergraph.load import load_graph
from careergraph.session import open_graph
from careergraph.project import role_graph, skill_graph

PM = "https://w3id.org/careergraph/pm/"
STAFF = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
pm:staff-pm a cg:Role ; skos:prefLabel "Staff Product Manager"@en ; cg:seniority 4 ;
    cg:track cg:IndividualContributor .
pm:to-staff a cg:Transition ; cg:fromRole pm:senior-product-manager ; cg:toRole pm:staff-pm ;
    cg:transitionKind cg:Promotion .
"""


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """An empty cache folder for one test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CAREERGRAPH_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "careergraph"


def entries(folder):
    return sorted(folder.glob("*" + cache.SUFFIX)) if folder.exists() else []


def same_graph(a, b):
    return list(a.nodes(data=True)) == list(b.nodes(data=True)) and \
        list(a.edges(data=True)) == list(b.edges(data=True))


def test_a_second_load_is_answered_from_the_cache(cache_home, builtin_graph):
    first = open_graph(cache=True)
    assert first.store.built and len(entries(cache_home)) == 1
    again = open_graph(cache=True)
    assert not again.store.built  # nothing was parsed
    assert same_graph(role_graph(again), role_graph(builtin_graph))
    assert same_graph(skill_graph(again), skill_graph(builtin_graph))
    assert again.label(PM + "vp-of-product") == "VP of Product"
    assert [layer.name for layer in again.layers] == [layer.name for layer in builtin_graph.layers]
    assert not again.store.built
    assert len(again) == len(builtin_graph)  # asking for the triples parses the files after all
    assert again.store.built


def test_changing_a_file_changes_the_answer(cache_home, tmp_path):
    data = tmp_path / "staff.ttl"
    data.write_text(STAFF, encoding="utf-8")
    assert role_graph(open_graph([data], cache=True)).nodes[PM + "staff-pm"]["seniority"] == 4
    data.write_text(STAFF.replace("cg:seniority 4", "cg:seniority 5"), encoding="utf-8")
    kg = open_graph([data], cache=True)
    assert kg.store.built  # a new key: parsed again
    assert role_graph(kg).nodes[PM + "staff-pm"]["seniority"] == 5
    assert len(entries(cache_home)) == 2


def test_a_corrupt_entry_is_ignored_and_written_again(cache_home, builtin_graph):
    open_graph(cache=True)
    [entry] = entries(cache_home)
    entry.write_bytes(b"\x80\x05 not an entry at all")
    kg = open_graph(cache=True)
    assert kg.store.built
    assert same_graph(role_graph(kg), role_graph(builtin_graph))
    assert not open_graph(cache=True).store.built  # the entry was written again, whole


def test_a_stale_entry_is_ignored(cache_home):
    def rewrite(entry, **changes):
        header, rest = entry.read_bytes().split(b"\n", 1)
        entry.write_bytes(json.dumps({**json.loads(header), **changes}).encode() + b"\n" + rest)

    open_graph(cache=True)
    [entry] = entries(cache_home)
    rewrite(entry, format=cache.FORMAT + 1)
    assert open_graph(cache=True).store.built
    rewrite(entry, key="another key")
    assert open_graph(cache=True).store.built


def test_no_cache_when_the_environment_says_so(cache_home, monkeypatch):
    monkeypatch.setenv("CAREERGRAPH_NO_CACHE", "1")
    kg = open_graph(cache=True)
    assert kg.store.built and entries(cache_home) == []


def test_a_missing_file_is_still_an_error(cache_home):
    from careergraph.errors import DataFileError

    with pytest.raises(DataFileError, match=re.escape("nowhere.ttl: no such file")):
        open_graph(["nowhere.ttl"], cache=True)


def test_a_bad_file_is_an_error_on_the_first_load(cache_home, tmp_path):
    from careergraph.errors import DataFileError

    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape("bad.ttl:2:")):
        open_graph([bad], cache=True)
    assert entries(cache_home) == []


def test_a_store_is_cached_by_its_build(cache_home, tmp_path):
    from careergraph.load.into_store import build_store

    store = tmp_path / "store"
    build_store(store)
    assert open_graph(store=store, cache=True).derived.built  # built and stored
    assert len(entries(cache_home)) == 1
    kg = open_graph(store=store, cache=True)
    assert same_graph(role_graph(kg), role_graph(load_graph()))
    build_store(store)  # a new build: a new key
    open_graph(store=store, cache=True)
    assert len(entries(cache_home)) == 2


def run_python(code: str, env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, **env}, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


IMPORTED = """
import json, sys
from careergraph.cli.main import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main({argv!r})
heavy = sorted({{name.split(".")[0] for name in sys.modules}} &
               {{"rdflib", "pyshacl", "pyvis", "yaml", "jsonschema", "starlette", "uvicorn", "pandas"}})
print(json.dumps({{"code": code, "heavy": heavy, "first": out.getvalue().splitlines()[0]}}))
"""


def test_path_from_a_warm_cache_does_not_import_rdflib(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "CAREERGRAPH_NO_CACHE": "0"}
    code = IMPORTED.format(argv=["path", "APM", "CPO"])
    cold = json.loads(run_python(code, env))
    assert cold["code"] == 0 and "rdflib" in cold["heavy"]  # the first run parses and stores
    warm = json.loads(run_python(code, env))
    assert warm == {"code": 0, "heavy": [], "first": cold["first"]}
    assert warm["first"].startswith("Associate Product Manager -> Product Manager -> ")


def test_gap_and_reachable_from_a_warm_cache_import_nothing_heavy(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "CAREERGRAPH_NO_CACHE": "0"}
    run_python(IMPORTED.format(argv=["gap", "PM", "Senior PM"]), env)
    for argv in (["gap", "PM", "Senior PM"], ["reachable", "Senior PM"]):
        assert json.loads(run_python(IMPORTED.format(argv=argv), env))["heavy"] == []


def test_query_imports_rdflib_but_not_validation_drawing_or_serving(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    done = json.loads(run_python(IMPORTED.format(argv=["query", "--name", "ladder"]), env))
    assert done["code"] == 0 and done["heavy"] == ["rdflib"]
    assert done["first"] == "seniority,role,track,alsoCalled"
