"""The hostile corpus (tests/hostile/) against every command that reads it.

Each case runs ``careergraph ARGS`` and checks what a person sees and what the
process did:

- the documented exit code (0 answered, 1 a negative answer, 2 a mistake);
- for a mistake, exactly one line on stderr, ``careergraph CMD: error: ...``,
  naming what is wrong and where (``file:line``, ``file, row N, field 'x'``);
- no "Traceback" in stdout or stderr;
- an existing ``--out`` / ``--html`` file left byte-identical when the command
  fails, and no other file (no half-written or temporary file) beside it;
- no network access: an audit hook (``sys.addaudithook``) records every
  ``socket.connect`` and ``socket.getaddrinfo``, and none may happen;
- no file read outside what the user named: the same hook records every
  ``open``, and each path must lie in the allow-list of :func:`allowed_roots`
  (the repository, the virtual environment, Python's standard library, the
  test's temporary folder) or be one of the files named on the command line.

The commands run in-process (fast, and the audit hook sees everything); the
server and the Ctrl-C cases run as subprocesses with the same hook installed
by :data:`AUDITED_MAIN`, and with ``http_proxy`` / ``https_proxy`` pointing at
a loopback listener that counts connections.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HOSTILE = REPO / "tests" / "hostile"
RDF, LADDERS, PROFILES, QUERIES = (HOSTILE / d for d in ("rdf", "ladders", "profiles", "queries"))
PROFILE = REPO / "ontology" / "examples" / "profile.yaml"
ACME = REPO / "ontology" / "examples" / "acme-ladder.yaml"
CHAIN = 5_000
"""Roles in the generated promotion chain."""


# --- the audit hook ----------------------------------------------------------------------------

@dataclass
class Audit:
    """What the process did while :attr:`active`: files opened, connections, look-ups."""

    active: bool = False
    opened: list[str] = field(default_factory=list)
    network: list[tuple] = field(default_factory=list)

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            self.opened.append(os.path.abspath(os.fsdecode(args[0])))
        elif event == "socket.connect":
            self.network.append(("connect", args[1]))
        elif event == "socket.getaddrinfo":
            self.network.append(("getaddrinfo", args[0], args[1]))


AUDIT = Audit()
sys.addaudithook(AUDIT)  # audit hooks cannot be removed: it records only while AUDIT.active


def allowed_roots(tmp_path: Path) -> list[Path]:
    """Where careergraph may read without being told: the code and data it ships, Python, the test's folder.

    ``/dev/null`` and ``/dev/urandom`` are there for the standard library
    (subprocess, random seeds); ``/proc/self`` for memory and process queries.
    """
    roots = {REPO, Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
             Path(tmp_path), Path("/dev/null"), Path("/dev/urandom"), Path("/proc/self")}
    roots |= {Path(p) for p in sys.path if p and "site-packages" in p}
    return sorted(Path(os.path.realpath(r)) for r in roots)


def outside(paths: Sequence[str], roots: Sequence[Path], named: Sequence[str | Path] = ()) -> list[str]:
    """The paths that are neither under one of ``roots`` nor one of the ``named`` files (or in a named folder).

    Examples
    --------
    >>> outside(["/etc/passwd", "/srv/data/x.ttl"], [Path("/srv/data")])
    ['/etc/passwd']
    >>> outside(["/etc/hosts"], [], named=["/etc/hosts"])
    []
    """
    named_real = {os.path.realpath(n) for n in named}
    roots = [*roots, *(Path(n) for n in named_real if os.path.isdir(n))]
    bad = []
    for path in paths:
        real = os.path.realpath(path)
        if real in named_real or any(real == str(r) or real.startswith(str(r) + os.sep)
                                     for r in roots):
            continue
        bad.append(path)
    return sorted(set(bad))


def test_the_allow_list_catches_a_from_file_read_when_the_guard_is_bypassed(tmp_path):
    """Without careergraph's query check, rdflib reads a file a query names; the audit sees it."""
    import rdflib

    secret = tmp_path / "elsewhere" / "secret.nt"
    secret.parent.mkdir()
    secret.write_text('<http://example.org/s> <http://example.org/p> "secret" .\n')
    allowed = [r for r in allowed_roots(tmp_path / "allowed")]
    query = f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    AUDIT.opened.clear()
    AUDIT.active = True
    try:
        rows = [str(row.o) for row in rdflib.Dataset().query(query)]  # no guard: rdflib reads it
    finally:
        AUDIT.active = False
    assert rows == ["secret"]
    assert outside(AUDIT.opened, allowed) == [str(secret)]

    from careergraph.sparql.guard import QueryRefused, check_query

    with pytest.raises(QueryRefused, match="FROM is refused"):
        check_query(query)
    with pytest.raises(QueryRefused, match="FROM is refused"):
        check_query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")


# --- running a command ------------------------------------------------------------------------

@dataclass
class Run:
    code: int
    out: str
    err: str
    opened: list[str]
    network: list[tuple]


@pytest.fixture
def run(capsys, tmp_path, monkeypatch, cache_home):
    """Run ``careergraph ARGS`` in-process under the audit hook; check what every case must hold."""
    from careergraph.cli.main import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # discard port: any use fails at once

    def call(argv: Sequence[str | Path], named: Sequence[str | Path] = ()) -> Run:
        argv = [str(a) for a in argv]
        capsys.readouterr()
        AUDIT.opened.clear()
        AUDIT.network.clear()
        AUDIT.active = True
        try:
            code = main(argv)
        finally:
            AUDIT.active = False
        captured = capsys.readouterr()
        result = Run(code, captured.out, captured.err, list(AUDIT.opened), list(AUDIT.network))
        assert "Traceback" not in result.out + result.err
        assert result.network == [], f"network access: {result.network}"
        files = [a for a in argv if os.path.exists(a)] + list(named)
        stray = outside(result.opened, [*allowed_roots(tmp_path), cache_home], files)
        assert stray == [], f"read outside what was named: {stray}"
        return result

    return call


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory):
    """careergraph's on-disk cache, shared by the cases (under the session's temporary folder)."""
    return tmp_path_factory.mktemp("cache")


def assert_mistake(result: Run, pattern: str, code: int = 2) -> None:
    """Exit ``code`` and exactly one line on stderr, ``careergraph ...: error: ``, matching ``pattern``."""
    lines = result.err.splitlines()
    assert result.code == code, (result.code, result.err)
    assert len(lines) == 1, result.err
    assert re.match(r"careergraph [a-z]+: error: ", lines[0]), lines[0]
    assert re.search(pattern, lines[0]), lines[0]


# --- generated inputs (encodings, binary, very large) ---------------------------------------------

@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Inputs that cannot live in the repository as text, written once per session."""
    import random

    folder = tmp_path_factory.mktemp("generated")
    made: dict[str, Path] = {}

    def write(name: str, data: bytes | str) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        made[name] = path
        return path

    turtle = ('@prefix cg: <https://w3id.org/careergraph/ontology#> .\n'
              '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
              '<http://example.org/hostile/cafe> a cg:Role ;\n'
              '    skos:prefLabel "Café manager"@en .\n')
    write("latin1.ttl", turtle.encode("latin-1"))
    write("utf16.ttl", turtle.encode("utf-16"))
    write("binary.ttl", random.Random(8).randbytes(4096))
    write("nul.nt", b"<http://example.org/a> <http://example.org/b> \"c\" .\n\x00\x00\x00")
    write("deep.jsonld", '{"@id": "http://example.org/a", "http://example.org/p": '
          + '{"http://example.org/p": ' * 5000 + '"x"' + "}" * 5001)
    ladder = ("ladder: {id: cafe, title: Café ladder}\n"
              "roles:\n  - {id: a, title: Café, seniority: 1, track: management}\n")
    write("latin1.yaml", ladder.encode("latin-1"))
    write("utf16.yaml", ladder.encode("utf-16"))
    write("binary.yaml", random.Random(9).randbytes(4096))
    write("deep.yaml", "ladder: {id: deep, title: Deep}\nroles: " + "[" * 5000 + "]" * 5000 + "\n")
    write("profile-latin1.yaml", "current: Product Manager\nskills:\n  Communication: 3\n# café\n"
          .encode("latin-1"))
    write("profile-utf16.json", '{"current": "PM", "skills": {}}'.encode("utf-16"))
    write("profile-binary.yaml", random.Random(10).randbytes(2048))
    write("profile-deep.json", '{"current": "PM", "skills": ' + "[" * 5000 + "]" * 5000 + "}")
    write("profile.txt", "current: PM\n")
    write("query-latin1.rq", "SELECT ?r WHERE { ?r skos:prefLabel \"Café\" }\n".encode("latin-1"))
    # a promotion chain of CHAIN roles, for unbounded property paths and long paths
    lines = ["@prefix cg: <https://w3id.org/careergraph/ontology#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix c: <http://example.org/chain/> ."]
    lines += [f'c:r{i} a cg:Role ; skos:prefLabel "Chain role {i}"@en ; cg:seniority {i + 1} ; '
              "cg:track cg:IndividualContributor ." for i in range(CHAIN)]
    lines += [f"c:m{i} a cg:Transition ; cg:fromRole c:r{i} ; cg:toRole c:r{i + 1} ; "
              "cg:transitionKind cg:Promotion ." for i in range(CHAIN - 1)]
    write("chain.ttl", "\n".join(lines) + "\n")
    # 50 MB of Turtle with its one mistake on the last line
    comment = "# " + "x" * 97 + "\n"
    big = "@prefix ex: <http://example.org/> .\n" + comment * 500_000 + "ex:a ex:b .\n"
    write("big.ttl", big)
    # a ladder folder whose roles.csv has 100,000 rows, the last one wrong
    write("big-ladder/ladder.csv", "id,title\nbig,Big ladder\n")
    rows = "".join(f"r{i},Role {i},{i % 7 + 1},individual contributor\n" for i in range(99_999))
    write("big-ladder/roles.csv", "id,title,seniority,track\n" + rows
          + "last,Last role,seven,individual contributor\n")
    return made


# --- RDF data files (-d FILE) against every command that reads them ------------------------------

def reading_commands(data: Path, out: Path) -> dict[str, list]:
    """Every command that reads a data file, with ``data`` layered in and its outputs in ``out``."""
    return {
        "validate": ["validate", data],
        "info": ["info", "-d", data],
        "describe": ["describe", "APM", "-d", data],
        "build": ["build", "-d", data],
        "query": ["query", "ladder", "-d", data],
        "path": ["path", "APM", "CPO", "-d", data, "--html", out / "path.html"],
        "reachable": ["reachable", "PM", "-d", data],
        "gap": ["gap", "PM", "Senior PM", "-d", data],
        "ready": ["ready", PROFILE, "-d", data],
        "plan": ["plan", PROFILE, "--to", "CPO", "-d", data, "--html", out / "plan.html"],
        "draw": ["draw", "ladder", "-d", data, "--out", out / "ladder.html"],
        "compare": ["compare", "builtin", data],
        "export": ["export", "-d", data, "--out", out / "graph.ttl"],
        "import": ["import", "ladder", ACME, "--validate", "-d", data, "--out", out / "acme.ttl"],
    }


OUTPUTS = ("path.html", "plan.html", "ladder.html", "graph.ttl", "acme.ttl", "page.html")
OLD = b"the output of an earlier run\n"


@pytest.fixture
def out(tmp_path) -> Path:
    """A folder holding an earlier output under every name a command may write."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name in OUTPUTS:
        (folder / name).write_bytes(OLD)
    return folder


def assert_outputs_untouched(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS), "a stray (temporary?) file"
    for name in OUTPUTS:
        assert (out / name).read_bytes() == OLD, f"{name} was replaced by a failed run"


BAD_RDF = {  # file -> what the one line must say (after the file name)
    "undeclared-prefix.ttl": r'undeclared-prefix\.ttl:5:1: prefix "ex:" is not declared',
    "truncated.ttl": r"truncated\.ttl:6:\d+: newline found in string literal",
    "bad-line.nt": r"bad-line\.nt:2: not a valid N-Triples line",
    "not-json.jsonld": r"not-json\.jsonld:4:1: not valid JSON",
    "remote-context.jsonld": r"remote-context\.jsonld: refers to the JSON-LD context "
                             r"'http://127\.0\.0\.1:9/context\.jsonld', which careergraph does not fetch",
}
BAD_GENERATED = {
    "latin1.ttl": r"latin1\.ttl:4: not UTF-8 text \(byte 0xe9\)",
    "utf16.ttl": r"utf16\.ttl:1: not UTF-8 text \(byte 0xff\)",
    "binary.ttl": r"binary\.ttl:\d+: (not UTF-8 text|binary data)",
    "nul.nt": r"nul\.nt:2: binary data \(NUL byte\)",
    "deep.jsonld": r"deep\.jsonld: not valid JSON-LD: nested too deeply",
}


@pytest.mark.parametrize("command", list(reading_commands(Path(), Path())))
@pytest.mark.parametrize("name", list(BAD_RDF))
def test_malformed_data_file(run, out, name, command):
    result = run(reading_commands(RDF / name, out)[command])
    assert_mistake(result, BAD_RDF[name])
    assert result.out == ""
    assert_outputs_untouched(out)


@pytest.mark.parametrize("command", list(reading_commands(Path(), Path())))
@pytest.mark.parametrize("name", list(BAD_GENERATED))
def test_wrong_encoding_binary_and_large_data_file(run, out, generated, name, command):
    result = run(reading_commands(generated[name], out)[command])
    assert_mistake(result, BAD_GENERATED[name])
    assert_outputs_untouched(out)


@pytest.mark.parametrize("command", ["validate", "info", "export"])
def test_50_mb_turtle_file_names_the_line_of_its_mistake(run, out, generated, command):
    """The whole file is read (every command uses the same loader: three of them suffice)."""
    result = run(reading_commands(generated["big.ttl"], out)[command])
    assert_mistake(result, r"big\.ttl:500002:11: expected an object after the property")
    assert_outputs_untouched(out)


def test_missing_and_misnamed_data_files(run, out, tmp_path):
    assert_mistake(run(["info", "-d", tmp_path / "nowhere.ttl"]), r"nowhere\.ttl: no such file")
    assert_mistake(run(["info", "-d", tmp_path]), r"(is a folder|no roles|ladder\.csv)")
    (tmp_path / "roles.csv").write_text("id\n")
    assert_mistake(run(["info", "-d", tmp_path / "roles.csv"]),
                   r"roles\.csv: cannot tell the format from the ending '\.csv'")
    assert_mistake(run(["export", "-d", RDF / "truncated.ttl", "--out", out / "graph.ttl",
                        "--format", "nt"]), r"truncated\.ttl:6")
    assert_outputs_untouched(out)


# --- well-formed files with hostile content -----------------------------------------------------

def test_empty_turtle_file_is_an_empty_layer(run):
    builtin = run(["info", "--format", "json"])
    layered = run(["info", "--format", "json", "-d", RDF / "empty.ttl"])
    assert layered.code == builtin.code == 0
    assert json.loads(layered.out)["counts"] == json.loads(builtin.out)["counts"]


def test_role_without_label(run):
    result = run(["validate", RDF / "role-without-label.ttl"])
    assert result.code == 1
    assert "ex:nameless: A role needs exactly one English title" in result.out + result.err
    path = run(["path", "APM", "http://example.org/hostile/nameless",
                "-d", RDF / "role-without-label.ttl"])
    assert path.code == 0 and "Associate Product Manager -> nameless" in path.out


def test_duplicated_role_title(run):
    result = run(["validate", RDF / "duplicate-role.ttl"])
    assert result.code == 1 and "have the same English title" in result.out
    for argv in (["gap", "Product Manager", "CPO"], ["reachable", "PM"], ["draw", "role", "PM"],
                 ["plan", PROFILE, "--to", "CPO"]):
        assert_mistake(run([*argv, "-d", RDF / "duplicate-role.ttl"]),
                       r"'PM'|'Product Manager'" + r".*names several roles")


def test_self_loop(run):
    result = run(["validate", RDF / "self-loop.ttl"])
    assert result.code == 1 and "A transition leads from a role to the same role" in result.out
    reachable = run(["reachable", "PM", "-d", RDF / "self-loop.ttl", "--format", "json"])
    rows = {row["role"]: row for row in json.loads(reachable.out)["roles"]}
    assert reachable.code == 0 and rows["Product Manager"]["moves"] == 1
    path = run(["path", "APM", "CPO", "-d", RDF / "self-loop.ttl"])
    assert path.code == 0 and path.out.splitlines()[0] == (
        "Associate Product Manager -> Product Manager -> Senior Product Manager -> "
        "Director of Product -> VP of Product -> Chief Product Officer")


def test_promotion_cycle(run):
    result = run(["validate", RDF / "promotion-cycle.ttl"])
    assert result.code == 1 and "promotions go round in a circle" in result.out
    reachable = run(["reachable", "CPO", "-d", RDF / "promotion-cycle.ttl", "--format", "json"])
    found = {row["role"]: row["moves"] for row in json.loads(reachable.out)["roles"]}
    assert found["Chief Product Officer"] == 6  # the way round, once: no endless loop
    path = run(["path", "CPO", "VP of Product", "-d", RDF / "promotion-cycle.ttl"])
    assert path.code == 0 and path.out.splitlines()[1] == "5 moves"


def test_html_and_script_in_labels_stay_text(run, out):
    data = RDF / "html-label.ttl"
    assert run(["validate", data]).code == 0
    title = "<script>alert('role')</script>"
    path = run(["path", "Senior PM", title, "-d", data, "--html", out / "path.html"])
    assert path.code == 0 and path.out.splitlines()[0].endswith(f"-> {title}")
    for argv in (["draw", "ladder", "-d", data, "--out", out / "ladder.html"],
                 ["draw", "role", title, "-d", data, "--out", out / "page.html"]):
        assert run(argv).code == 0
    for page in ("path.html", "ladder.html", "page.html"):
        html = (out / page).read_text(encoding="utf-8")
        for tag in ("<script>alert", "<img src=x"):  # as text: &lt;script&gt; or \u003cscript\u003e
            assert tag not in html, (page, html[html.find(tag) - 200:html.find(tag) + 50])
        for before in re.findall(r"(.{7})onmouseover=\W{0,8}alert", html):  # the quote never closes an attribute
            assert before.endswith(('\\" ', "&quot; ", "&#34; ", "\\u0022 ")), (page, before)
    assert "alert(\\u0027role\\u0027)" in (out / "ladder.html").read_text(encoding="utf-8")
    export = run(["export", "-d", data, "--out", out / "graph.ttl"])
    assert export.code == 0 and title in (out / "graph.ttl").read_text(encoding="utf-8")


def test_unicode_and_right_to_left_labels(run, out):
    data = RDF / "unicode-labels.ttl"
    arabic, hebrew = "مدير المنتج الأول", "מנהל מוצר בכיר"
    path = run(["path", "APM", hebrew, "-d", data])
    assert path.code == 0 and path.out.splitlines()[0].endswith(f"-> {arabic}")
    assert run(["path", "APM", "Ingénieur 🚀 produit", "-d", data]).code == 0
    override = run(["path", "APM", "Produktchef\u202eevil", "-d", data])
    assert override.code == 0
    gap = run(["gap", "PM", arabic, "-d", data, "--format", "json"])
    assert gap.code == 0 and json.loads(gap.out)["to"] == arabic
    assert run(["draw", "role", arabic, "-d", data, "--out", out / "page.html"]).code == 0
    page = (out / "page.html").read_text(encoding="utf-8")
    assert arabic in page or json.dumps(arabic)[1:-1] in page


def test_promotion_chain_of_5000_roles(run, generated):
    """Unbounded property paths and a 5,000-move path: an answer or a clear refusal, never a crash."""
    chain = generated["chain.ttl"]
    star = run(["query", "-d", chain, QUERIES / "chain-path.rq"])
    if star.code == 0:
        assert star.out.split() == ["n", str(CHAIN)]
    else:
        assert_mistake(star, r"the query recursed too deep \(a property path over a very long chain\?\)")
    path = run(["path", "Chain role 0", f"Chain role {CHAIN - 1}", "-d", chain, "--format", "json"])
    assert path.code == 0
    steps = json.loads(path.out)["paths"][0]["roles"]
    assert len(steps) == CHAIN and steps[-1] == f"Chain role {CHAIN - 1}"
    back = run(["path", f"Chain role {CHAIN - 1}", "Chain role 0", "-d", chain])
    assert back.code == 1 and back.err.startswith("careergraph path: no path from Chain role 4999")


# --- ladders: YAML files and folders of CSV tables ------------------------------------------------

BAD_LADDERS = {
    "bad-indentation.yaml": r"bad-indentation\.yaml, line 7: not valid YAML",
    "empty.yaml": r"empty\.yaml, line 1: a ladder file is a mapping",
    "not-a-mapping.yaml": r"not-a-mapping\.yaml, line 1: a ladder file is a mapping",
    "role-without-title.yaml": r"role-without-title\.yaml, line 7, field 'title': missing",
    "duplicate-role.yaml": r"duplicate-role\.yaml, line 4, field 'id': duplicate role id 'analyst' \(first at line 3\)",
    "self-loop.yaml": r"self-loop\.yaml, line 5, field 'to': a move leads from a role to the same role",
    "promotion-cycle.yaml": r"promotion-cycle\.yaml, line 7, field 'kind': a promotion leads up",
    "misspelt-role.yaml": (r"misspelt-role\.yaml, line 5, field 'to': unknown role 'Senoir Product Manager'; "
                           r"did you mean Senior Product Manager\?"),
    "misspelt-field.yaml": r"misspelt-field\.yaml, line 5, field 'seniorty': unknown field; did you mean seniority\?",
    "wrong-type.yaml": r"wrong-type\.yaml, line 5, field 'seniority': 'three' is not a whole number",
    "python-tag.yaml": r"python-tag\.yaml, line 2: not valid YAML: could not determine a constructor",
    "alias-bomb.yaml": r"alias-bomb\.yaml: its aliases \(\*name\) expand to over 100,000 values",
    "csv-missing-column": r"csv-missing-column/roles\.csv, row 1, field 'seniority': missing column",
    "csv-extra-cells": r"csv-extra-cells/roles\.csv, row 3: 5 cells but 4 columns",
    "csv-unknown-table": r"csv-unknown-table/move\.csv: not a table of a ladder folder; did you mean moves\.csv\?",
    "csv-empty-table": r"csv-empty-table/roles\.csv: is empty; the first row names the columns",
    "csv-unknown-role": (r"csv-unknown-role/requirements\.csv, row 2, field 'role': unknown role 'analist'; "
                         r"did you mean analyst\?"),
}
BAD_GENERATED_LADDERS = {
    "latin1.yaml": r"latin1\.yaml, line 1: not UTF-8 text \(byte 0xe9\)",
    "utf16.yaml": r"utf16\.yaml, line 1: not UTF-8 text \(byte 0xff\)",
    "binary.yaml": r"binary\.yaml(, line \d+)?: not (UTF-8 text|valid YAML)",
    "deep.yaml": r"deep\.yaml: not valid YAML: nested too deeply",
}


def ladder_commands(ladder: Path, out: Path) -> dict[str, list]:
    """Every command that reads a ladder file or folder."""
    return {"import": ["import", "ladder", ladder, "--out", out / "acme.ttl"],
            "import --validate": ["import", "ladder", ladder, "--validate", "--out", out / "acme.ttl"],
            "path": ["path", "APM", "CPO", "-d", ladder],
            "validate": ["validate", ladder],
            "compare": ["compare", ladder, "builtin"],
            "draw": ["draw", "ladder", "-d", ladder, "--out", out / "ladder.html"]}


@pytest.mark.parametrize("command", list(ladder_commands(Path(), Path())))
@pytest.mark.parametrize("name", list(BAD_LADDERS))
def test_malformed_ladder(run, out, name, command):
    result = run(ladder_commands(LADDERS / name, out)[command])
    assert_mistake(result, BAD_LADDERS[name])
    assert_outputs_untouched(out)
    assert not Path("/tmp/careergraph-pwned").exists()


@pytest.mark.parametrize("name", list(BAD_GENERATED_LADDERS))
def test_ladder_in_a_wrong_encoding(run, out, generated, name):
    for argv in ladder_commands(generated[name], out).values():
        assert_mistake(run(argv), BAD_GENERATED_LADDERS[name])
    assert_outputs_untouched(out)


def test_ladder_of_100k_rows_names_the_bad_row(run, out, generated):
    result = run(["import", "ladder", generated["big-ladder/roles.csv"].parent, "--out", out / "acme.ttl"])
    assert_mistake(result, r"big-ladder/roles\.csv, row 100001, field 'seniority': 'seven' is not a whole number")
    assert_outputs_untouched(out)


@pytest.mark.parametrize("name", ["html-labels.yaml", "unicode-labels.yaml"])
def test_hostile_labels_in_a_ladder_round_trip(run, tmp_path, name):
    import rdflib

    from careergraph.namespaces import SKOS

    result = run(["import", "ladder", LADDERS / name, "--validate", "--out", tmp_path / "l.ttl"])
    assert result.code == 0, result.err
    titles = {str(o) for o in rdflib.Graph().parse(tmp_path / "l.ttl").objects(
        None, rdflib.URIRef(SKOS + "prefLabel"))}
    wanted = {"html-labels.yaml": "<script>alert('ladder')</script>",
              "unicode-labels.yaml": "مدير المنتج الأول"}[name]
    assert wanted in titles
    path = run(["path", "PM", wanted, "-d", tmp_path / "l.ttl"])
    assert path.code == 0 and path.out.splitlines()[0] == f"Product Manager -> {wanted}"


# --- profiles (ready, plan) ----------------------------------------------------------------------

BAD_PROFILES = {
    "bad-yaml.yaml": r"bad-yaml\.yaml:4:14: not valid YAML",
    "empty.yaml": r"empty\.yaml: is empty; a profile gives 'current' and 'skills'",
    "unknown-role.yaml": (r"unknown-role\.yaml:1: current: unknown role 'Senoir Product Manager'; "
                          r"did you mean Senior Product Manager\?"),
    "unknown-skill.yaml": r"unknown-skill\.yaml:3: skills: unknown skill 'Comunication'; did you mean Communication\?",
    "bad-level.yaml": r"bad-level\.yaml:3: skills: the level of 'Communication' is 9",
    "list.json": r"list\.json:1: a profile is a mapping of fields",
    "bad.json": r"bad\.json:2:32: not valid JSON",
    "python-tag.yaml": r"python-tag\.yaml:1:10: not valid YAML: could not determine a constructor",
}
BAD_GENERATED_PROFILES = {
    "profile-latin1.yaml": r"profile-latin1\.yaml: not UTF-8 text \(byte 0xe9\)",
    "profile-utf16.json": r"profile-utf16\.json: not UTF-8 text \(byte 0xff\)",
    "profile-binary.yaml": r"profile-binary\.yaml(:\d+(:\d+)?)?: not (UTF-8 text|valid YAML)",
    "profile-deep.json": r"profile-deep\.json: not valid JSON: nested too deeply",
    "profile.txt": r"profile\.txt: cannot tell the format from the ending '\.txt'",
}


def profile_commands(profile: Path, out: Path) -> dict[str, list]:
    return {"ready": ["ready", profile],
            "plan": ["plan", profile, "--to", "CPO", "--html", out / "plan.html"]}


@pytest.mark.parametrize("command", ["ready", "plan"])
@pytest.mark.parametrize("name", list(BAD_PROFILES))
def test_malformed_profile(run, out, name, command):
    assert_mistake(run(profile_commands(PROFILES / name, out)[command]), BAD_PROFILES[name])
    assert_outputs_untouched(out)
    assert not Path("/tmp/careergraph-pwned").exists()


@pytest.mark.parametrize("command", ["ready", "plan"])
@pytest.mark.parametrize("name", list(BAD_GENERATED_PROFILES))
def test_profile_in_a_wrong_encoding(run, out, generated, name, command):
    assert_mistake(run(profile_commands(generated[name], out)[command]), BAD_GENERATED_PROFILES[name])
    assert_outputs_untouched(out)


def test_profile_with_html_in_its_name(run):
    result = run(["plan", PROFILES / "html-name.yaml", "--to", "Senior PM"])
    assert result.code == 0 and "<script>alert('name')</script>" in result.out


# --- titles --------------------------------------------------------------------------------------

TITLE_CASES = {
    "unknown": ("Zookeeper", r"unknown role 'Zookeeper'; 'careergraph info' lists the roles"),
    "misspelt": ("Senoir Product Manger",
                 r"unknown role 'Senoir Product Manger'; did you mean Senior Product Manager\?"),
    "empty": ("", r"unknown role ''"),
    "newline": ("Senior\nPM\r\x1b[31m", r"unknown role 'Senior PM \x1b\[31m'|unknown role 'Senior PM"),
    "100k characters": ("x" * 100_000, r"unknown role 'x{77}\.\.\.'"),
}


@pytest.mark.parametrize("case", list(TITLE_CASES))
def test_unknown_and_misspelt_titles(run, out, case):
    title, pattern = TITLE_CASES[case]
    for argv in (["path", "APM", title, "--html", out / "path.html"], ["gap", title, "CPO"],
                 ["reachable", title], ["draw", "role", title, "--out", out / "page.html"],
                 ["plan", PROFILE, "--to", title], ["path", "APM", "CPO", "--avoid", title]):
        result = run(argv)
        assert_mistake(result, pattern)
        assert len(result.err) < 400
    role_skills = run(["query", "--name", "role-skills", "--param", f"role={title}"])
    assert_mistake(role_skills, pattern)
    assert_outputs_untouched(out)


# --- SPARQL: refused requests, injection, pathological queries ------------------------------------

REFUSED_QUERIES = {
    "drop-all.rq": r"updates are refused \(the graph is read-only\): the request is DROP",
    "insert-data.rq": r"updates are refused .*INSERT DATA",
    "delete-where.rq": r"updates are refused .*DELETE WHERE",
    "load-file.rq": r"LOAD is refused",
    "load-url.rq": r"LOAD is refused",
    "service.rq": r"SERVICE is refused",
    "service-silent.rq": r"SERVICE is refused",
    "from-file.rq": r"FROM is refused: careergraph does not read files or URLs named in a query",
    "from-url.rq": r"FROM is refused",
    "from-named.rq": r"FROM NAMED is refused",
    "construct-from-file.rq": r"FROM is refused",
    "syntax-error.rq": r"SPARQL syntax error at line 3, column 3",
    "unknown-prefix.rq": r"unknown prefix 'ex:' at line 1, column 22",
    "empty.rq": r"the query is empty",
}


@pytest.mark.parametrize("name", list(REFUSED_QUERIES))
def test_refused_and_malformed_queries(run, out, name):
    file = QUERIES / name
    assert_mistake(run(["query", file]), REFUSED_QUERIES[name])
    as_text = run(["query", file.read_text()])
    assert_mistake(as_text, REFUSED_QUERIES[name] if name != "empty.rq" else r"give a QUERY")
    if "construct" in name or "from" in name or "service" in name:
        draw = run(["draw", "query", file, "--out", out / "page.html"])
        assert draw.code == 2 and draw.err.count("\n") == 1 and "refused" in draw.err
    assert_outputs_untouched(out)


def test_a_from_file_query_reads_no_file(run):
    result = run(["query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"])
    assert_mistake(result, r"FROM is refused")
    assert "/etc/passwd" not in result.opened


def test_query_file_in_a_wrong_encoding(run, generated):
    assert_mistake(run(["query", generated["query-latin1.rq"]]),
                   r"query-latin1\.rq: cannot read the query file")


def test_cartesian_product_is_stopped_at_the_timeout(run):
    result = run(["query", "--timeout", "1.5", QUERIES / "cartesian.rq"])
    assert_mistake(result, r"the query was stopped after 1\.5 s, its time limit")


INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "Product Manager\"@en . } INSERT DATA { <http://e/a> <http://e/b> \"c\" } #",
    "<file:///etc/passwd>",
    "<http://127.0.0.1:9/x> } SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o",
    "'; DELETE WHERE { ?s ?p ?o } ; SELECT * WHERE { '",
    "\\\" } DROP ALL #\n\u0000",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_payloads_in_param_values_are_only_values(run, payload):
    text = run(["query", "SELECT ?role WHERE { ?role skos:prefLabel ?title }", "--param",
                f"title={payload}"])
    assert text.code in (1, 2) and "role" not in text.out.split("\n", 1)[-1]
    if text.code == 2:
        assert_mistake(text, r".")
    else:
        assert text.err == "no rows\n"
    named = run(["query", "--name", "role-skills", "--param", f"role={payload}"])
    assert_mistake(named, r"unknown role|cannot|not")
    assert "/etc/passwd" not in text.opened + named.opened
    after = run(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?r a cg:Role }", "--format", "csv"])
    assert after.out.split() == ["n", "11"]  # nothing was dropped or added


# --- the server: the same hostile queries over HTTP ------------------------------------------------

AUDITED_MAIN = r"""
import os, sys
log = os.open(os.environ["CAREERGRAPH_AUDIT_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        line = "open\t" + os.path.abspath(os.fsdecode(args[0]))
    elif event == "socket.connect":
        line = "connect\t" + repr(args[1])
    elif event == "socket.getaddrinfo":
        line = "getaddrinfo\t" + repr(args[:2])
    else:
        return
    os.write(log, (line.replace("\n", " ") + "\n").encode("utf-8", "replace"))
sys.addaudithook(hook)
from careergraph.cli.main import main
sys.exit(main(sys.argv[1:]))
"""
"""``python -c AUDITED_MAIN ARGS`` runs ``careergraph ARGS`` logging every open, connect and
look-up, from the process and from the children it forks, to ``$CAREERGRAPH_AUDIT_LOG``."""


class ProxyTrap:
    """A loopback listener that counts the connections made to it (set as every proxy)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.socket.close()


def audited_env(log: Path, proxy: ProxyTrap, cache: Path) -> dict[str, str]:
    env = dict(os.environ, CAREERGRAPH_AUDIT_LOG=str(log), XDG_CACHE_HOME=str(cache),
               PYTHONUNBUFFERED="1")
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        env[name] = proxy.url
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    return env


def read_audit(log: Path) -> tuple[list[str], list[str]]:
    opened, network = [], []
    for line in log.read_text(encoding="utf-8").splitlines():
        kind, _, value = line.partition("\t")
        (opened if kind == "open" else network).append(value)
    return opened, network


def http(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # straight to loopback
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as failure:
        return failure.code, failure.read().decode("utf-8")


def test_the_server_refuses_the_corpus_and_reads_and_calls_nothing(tmp_path, cache_home):
    log, proxy = tmp_path / "audit.log", ProxyTrap()
    process = subprocess.Popen(
        [sys.executable, "-c", AUDITED_MAIN, "serve", "--port", "0", "--timeout", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=audited_env(log, proxy, cache_home), cwd=tmp_path)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 120)
        line = process.stdout.readline() if ready else ""
        base = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        expected = {"drop-all.rq": 403, "insert-data.rq": 403, "delete-where.rq": 403,
                    "load-file.rq": 400, "load-url.rq": 400, "service.rq": 400,
                    "service-silent.rq": 400, "from-file.rq": 400, "from-url.rq": 400,
                    "from-named.rq": 400, "construct-from-file.rq": 400, "syntax-error.rq": 400,
                    "unknown-prefix.rq": 400, "empty.rq": 400, "cartesian.rq": 503}
        for name, status in expected.items():
            text = (QUERIES / name).read_text()
            for request in ({"url": f"{base}sparql?" + urllib.parse.urlencode({"query": text})},
                            {"url": f"{base}sparql", "data": text.encode(),
                             "headers": {"Content-Type": "application/sparql-query"}}):
                code, body = http(**request)
                assert code == status, (name, code, body)
                assert body.count("\n") == 1 and "Traceback" not in body
                wanted = {"empty.rq": r"give exactly one query", "cartesian.rq": r"stopped after 2 s"}
                assert re.search(wanted.get(name) or REFUSED_QUERIES[name], body), body
        for payload in INJECTIONS:
            code, body = http(f"{base}queries/role-skills?" + urllib.parse.urlencode({"role": payload}))
            assert code == 400 and "unknown role" in body, body
            code, body = http(f"{base}sparql?" + urllib.parse.urlencode(
                {"query": "SELECT ?r WHERE { ?r skos:prefLabel ?t }", "t": payload}))
            assert code == 200
        code, body = http(f"{base}sparql?" + urllib.parse.urlencode(
            {"query": "SELECT ?r WHERE { ?r a cg:Role }",
             "default-graph-uri": "file:///etc/passwd"}))
        assert code == 400 and "default-graph-uri is refused" in body
        code, body = http(f"{base}sparql?" + urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?r a cg:Role }"}),
            headers={"Accept": "text/csv"})
        assert (code, body.split()) == (200, ["n", "11"])
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
        proxy.close()
    assert process.returncode == 0 and "Traceback" not in err
    opened, network = read_audit(log)
    assert network == [] and proxy.connections == 0
    assert outside(opened, [*allowed_roots(tmp_path), cache_home]) == []
    assert "/etc/passwd" not in opened and "/etc/shadow" not in opened


def test_subprocess_import_reads_and_calls_nothing_else(tmp_path, cache_home):
    """The same audit for a whole process: an import that fails and one that succeeds."""
    log, proxy = tmp_path / "audit.log", ProxyTrap()
    env = audited_env(log, proxy, cache_home)
    try:
        bad = subprocess.run([sys.executable, "-c", AUDITED_MAIN, "import", "ladder",
                              str(LADDERS / "misspelt-role.yaml"), "--out", str(tmp_path / "x.ttl")],
                             capture_output=True, text=True, env=env, timeout=120)
        good = subprocess.run([sys.executable, "-c", AUDITED_MAIN, "info", "-d",
                               str(RDF / "remote-context.jsonld")],
                              capture_output=True, text=True, env=env, timeout=120)
    finally:
        proxy.close()
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert good.returncode == 2 and "does not fetch" in good.stderr
    assert not (tmp_path / "x.ttl").exists()
    opened, network = read_audit(log)
    assert network == [] and proxy.connections == 0
    assert outside(opened, [*allowed_roots(tmp_path), cache_home],
                   [LADDERS / "misspelt-role.yaml", RDF / "remote-context.jsonld"]) == []
