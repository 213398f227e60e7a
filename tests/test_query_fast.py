"""``careergraph query`` on the built-in graph: Oxigraph on the cached snapshot, without rdflib, same bytes.

Every case runs the command twice in-process: once the fast way (the
snapshot in the test session's cache) and once the rdflib way
(``CAREERGRAPH_NO_CACHE=1`` turns the snapshot off), and the outputs, exit codes
and error lines must be equal byte for byte. The cases the fast path should
answer itself are checked to do so; the others to be declined (:class:`Declined`).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from careergraph.sparql import fast, snapshot
from careergraph.sparql.fast import Declined
from careergraph.sparql.plain import PlainResult
from careergraph.sparql.queries import named_queries

FORMATS = ("table", "csv", "tsv", "json", "md", "xml")

NAMED = {
    "ladder": {},
    "role-skills": {"role": "Product Owner"},
    "role-responsibilities": {"role": "Director of Product"},
    "role-changes": {"from": "Senior PM", "to": "Director of Product"},
    "reachable-from": {"role": "Senior Product Manager"},
    "leads-to": {"role": "COO"},
    "alternative-titles": {},
    "branches-and-exits": {},
    "skill-category-shift": {},
    "roles-requiring-skill": {"skill": "strategic thinking"},
    "source-of": {"role": "Group Product Manager"},
    "mappings": {},
    "skills": {},
    "search": {"text": "owner"},
    "crosswalk": {"role": "Product Manager"},
}
"""Parameters for each named query (those of tests/test_named_queries.py)."""

MORE_NAMED = [
    ("alternative-titles", {"role": "Director of Product"}),
    ("role-skills", {"role": "pm:product-manager"}),
    ("role-skills", {"role": "<https://w3id.org/careergraph/pm/product-manager>"}),
    ("leads-to", {"role": "CPO"}),
    ("reachable-from", {"role": "Senior PM"}),
    ("role-changes", {"from": "PM", "to": "Senior PM"}),
    ("roles-requiring-skill", {"skill": "Communication"}),
    ("search", {"text": 'x" } ; DROP ALL ; #'}),
    ("search", {"text": "product\nmanager\t\\"}),
]
"""Other spellings of the values: IRIs, prefixed names, quotes and escapes in text."""

TEXT = [
    "ASK { pm:product-manager cg:promotesTo pm:senior-product-manager }",
    "ASK { pm:product-manager cg:promotesTo pm:associate-product-manager }",
    "SELECT ?role ?label WHERE { ?role a cg:Role ; skos:prefLabel ?label } ORDER BY ?role",
    "SELECT (COUNT(?role) AS ?n) WHERE { ?role a cg:Role }",
    "SELECT ?track (COUNT(?r) AS ?n) (MAX(?s) AS ?top) WHERE { ?r cg:track ?t ; cg:seniority ?s . "
    "?t skos:prefLabel ?track } GROUP BY ?track ORDER BY ?track",
    "SELECT ?r (GROUP_CONCAT(?alt; separator='|') AS ?alts) WHERE "
    "{ SELECT ?r ?alt WHERE { ?r skos:altLabel ?alt } ORDER BY ?alt } GROUP BY ?r ORDER BY ?r",
    "SELECT ?l (LANG(?l) AS ?lang) (STRLEN(?l) AS ?len) (UCASE(?l) AS ?up) WHERE "
    "{ pm:product-manager skos:prefLabel ?l }",
    'SELECT ?x ?y WHERE { VALUES (?x ?y) { ("a"@en 1) ("b"@en UNDEF) (<http://example.org/c> -2) '
    '("d"@en 0) } } ORDER BY ?x',
    "SELECT ?r ?s (?s * 10 + 1 AS ?t) WHERE { ?r cg:seniority ?s FILTER(?s >= 5) } ORDER BY ?s ?r",
    "SELECT ?r ?next WHERE { ?r a cg:Role OPTIONAL { ?r cg:promotesTo ?next } } ORDER BY ?r ?next",
    "SELECT ?r WHERE { ?r skos:prefLabel ?l FILTER(REGEX(?l, '^senior', 'i')) } ORDER BY ?r",
    "SELECT ?r WHERE { ?r a cg:Role FILTER NOT EXISTS { ?r cg:promotesTo ?x } } ORDER BY ?r",
    "SELECT (STR(?s) AS ?text) (?s = 3 AS ?three) WHERE { pm:senior-product-manager cg:seniority ?s }",
    "SELECT ?r WHERE { ?r a cg:Skill } LIMIT 0",
    'SELECT ?s WHERE { ?s rdfs:label "no such label" }',
    "PREFIX ex: <http://example.org/> SELECT (ex:x AS ?x) (<urn:y> AS ?y) WHERE {}",
    "SELECT (STRLANG('x', 'EN') AS ?x) (LANG(STRLANG('x', 'EN-gb')) AS ?y) WHERE {}",
    "SELECT ?r (?s * 2 AS ?double) (?s * 6 / 3 AS ?twice) (ROUND(100 * ?s / 6) AS ?percent) WHERE "
    "{ ?r cg:seniority ?s } ORDER BY ?r",
    "SELECT ?r ?o WHERE { ?r cg:promotesTo* ?o ; a cg:Role } ORDER BY ?r ?o",
    "SELECT * WHERE { pm:product-manager cg:seniority ?level }",
    "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT *) AS ?m) WHERE { ?s cg:promotesTo ?o }",
]
"""Text queries the fast path answers: ASK, aggregates, languages, numbers, unbound values..."""

FALLBACK = [
    "CONSTRUCT { ?r cg:promotesTo ?n } WHERE { ?r cg:promotesTo ?n }",
    "DESCRIBE pm:product-manager",
    "SELECT (AVG(?s) AS ?mean) WHERE { ?r cg:seniority ?s }",
    'SELECT ("x"^^xsd:string AS ?x) WHERE {}',
    "SELECT ?o WHERE { pm:product-manager (cg:promotesTo/cg:promotesTo)* ?o } ORDER BY ?o",
    "SELECT ((1 + 2) * 3 AS ?nine) WHERE {}",
    "SELECT (GROUP_CONCAT(DISTINCT ?t) AS ?ts) WHERE { ?r skos:altLabel ?t }",
    "SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT ?s\nWHERE { ?s ?p }",
    "SELECT ?s WHERE { ?s nope:x ?o }",
    "DELETE WHERE { ?s ?p ?o }",
    "",
]
"""Queries the rdflib path answers or refuses (graph answers, decimals, the guard, syntax errors)."""


@pytest.fixture(scope="module")
def with_snapshot():
    """The built-in graph's snapshot in the session's cache."""
    from careergraph.load import load_graph

    assert snapshot.write_snapshot(load_graph()) is not None
    return snapshot.snapshot_key()


def both(cli, monkeypatch, argv):
    """The command's result the fast way and the rdflib way."""
    monkeypatch.delenv("CAREERGRAPH_NO_CACHE", raising=False)
    quick = cli(argv)
    monkeypatch.setenv("CAREERGRAPH_NO_CACHE", "1")
    slow = cli(argv)
    monkeypatch.delenv("CAREERGRAPH_NO_CACHE")
    return quick, slow


def param_args(params):
    return [arg for name, value in params.items() for arg in ("--param", f"{name}={value}")]


def test_every_named_query_is_covered():
    assert set(named_queries()) == set(NAMED)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(NAMED))
def test_a_named_query_prints_the_same_bytes(cli, monkeypatch, with_snapshot, name, fmt):
    assert isinstance(fast.answer(name, NAMED[name]), PlainResult)  # answered by the fast path itself
    quick, slow = both(cli, monkeypatch, ["query", "--name", name, *param_args(NAMED[name]), "--format", fmt])
    assert quick == slow
    assert quick.code in (0, 1) and quick.out


@pytest.mark.parametrize("name, params", MORE_NAMED)
def test_other_spellings_of_parameters(cli, monkeypatch, with_snapshot, name, params):
    assert isinstance(fast.answer(name, params), PlainResult)
    for fmt in ("json", "tsv"):
        quick, slow = both(cli, monkeypatch, ["query", "--name", name, *param_args(params), "--format", fmt])
        assert quick == slow


@pytest.mark.parametrize("text", TEXT)
def test_a_text_query_prints_the_same_bytes(cli, monkeypatch, with_snapshot, text):
    assert isinstance(fast.answer(text), PlainResult)
    for fmt in FORMATS:
        quick, slow = both(cli, monkeypatch, ["query", text, "--format", fmt])
        assert quick == slow, fmt


def test_csv_safe_and_the_default_format(cli, monkeypatch, with_snapshot):
    for argv in (["query", "--name", "ladder"], ["query", "--name", "search", "-p", "text==cmd", "--csv-safe"],
                 ["query", "SELECT ('=1+1' AS ?f) ('-x' AS ?g) WHERE {}", "--format", "csv", "--csv-safe"]):
        quick, slow = both(cli, monkeypatch, argv)
        assert quick == slow


@pytest.mark.parametrize("params", [{"role": "pm:product-manager"}, {"role": "<urn:x>"}, {"level": "3"},
                                    {"level": "+3"}, {"role": "Product Manager"}])
def test_undeclared_parameters_of_a_text_query(cli, monkeypatch, with_snapshot, params):
    text = "SELECT ?role ?level WHERE { OPTIONAL { ?role cg:seniority ?level } } ORDER BY ?role"
    quick, slow = both(cli, monkeypatch, ["query", text, *param_args(params), "--format", "json"])
    assert quick == slow


@pytest.mark.parametrize("text", FALLBACK)
def test_what_the_fast_path_leaves_to_rdflib(cli, monkeypatch, with_snapshot, text):
    assert isinstance(fast.answer(text), Declined)
    quick, slow = both(cli, monkeypatch, ["query", text])
    assert quick == slow


@pytest.mark.parametrize("argv, message", [
    (["query", "SELECT ?s\nWHERE { ?s ?p }"], "SPARQL syntax error at line 2, column 9"),
    (["query", "--name", "role-skills", "-p", "role=Astronaut"], "unknown role"),
    (["query", "--name", "role-skills"], "needs a value for 'role'"),
    (["query", "--name", "ladder", "-p", "x=1"], "has no variable ?x"),
    (["query", "--name", "role-skills", "-p", "role=PM", "-p", "x=1"], "has no parameter 'x'"),
    (["query", "SELECT ?s WHERE { ?s ?p ?o }", "-p", "nope=1"], "has no variable ?nope"),
    (["query", "--name", "ladder", "--ladder", "nope"], "ladder"),
])
def test_mistakes_are_the_rdflib_paths_one_line(cli, monkeypatch, with_snapshot, argv, message):
    quick, slow = both(cli, monkeypatch, argv)
    assert quick == slow
    assert quick.code == 2 and message in quick.err and quick.err.count("\n") == 1


def test_the_first_run_writes_the_snapshot_and_a_damaged_one_is_written_again(cli, with_snapshot):
    path = snapshot.snapshot_path(with_snapshot)
    path.unlink()
    assert cli(["query", "--name", "ladder"]).code == 0  # answered by rdflib, which writes it
    assert snapshot.open_snapshot(with_snapshot) is not None
    data = path.read_bytes()
    for damaged in (data[:-10], data + b"<urn:a> <urn:b> <urn:c> .\n", data.replace(b" .\n", b" \n", 1),
                    b"# another header\n" + data.split(b"\n", 1)[1]):
        path.write_bytes(damaged)
        assert snapshot.open_snapshot(with_snapshot) is None
        assert cli(["query", "--name", "ladder"]).code == 0
        assert path.read_bytes() == data


def test_blank_nodes_in_an_answer_go_to_rdflib(with_snapshot):
    assert isinstance(fast.answer("SELECT (BNODE() AS ?b) WHERE {}"), Declined)


def test_no_snapshot_without_the_cache(monkeypatch):
    monkeypatch.setenv("CAREERGRAPH_NO_CACHE", "1")
    assert snapshot.snapshot_key() is None
    assert fast.answer("ladder") == Declined("the cache is off")


def imported(argv, env):
    """The modules a ``careergraph`` command imports, from ``python -X importtime``, and its output."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "careergraph.cli.main", *argv],
                          capture_output=True, env=env, check=False)
    done.stdout, done.stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # CRLF kept
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:")}
    return modules, done


@pytest.mark.parametrize("argv", [
    ["query", "--name", "ladder"],
    ["query", "--name", "role-skills", "--param", "role=Product Owner", "--format", "json"],
    ["query", "--name", "roles-requiring-skill", "--param", "skill=strategic thinking", "--format", "xml"],
    ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "tsv"],
    ["query", "ASK { ?s a cg:Role }", "--format", "table"],
])
def test_the_fast_path_imports_neither_rdflib_nor_networkx(cli, with_snapshot, argv):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CAREERGRAPH_NO_CACHE", None)
    cli(["path", "APM", "PM"])  # the derived cache, for the role and skill parameters
    modules, done = imported(argv, env)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout == cli(argv).out
    assert not {m for m in modules if m.split(".")[0] in ("rdflib", "networkx", "pyparsing")}
    assert "pyoxigraph" in modules
    modules, done = imported(argv, {**env, "CAREERGRAPH_NO_CACHE": "1"})  # the rdflib path
    assert "rdflib" in modules and done.returncode == 0


def test_a_snapshot_is_read_only_from_the_users_own_folder_and_file(with_snapshot, tmp_path):
    path = snapshot.snapshot_path(with_snapshot)
    data = path.read_bytes()
    folder = path.parent
    mode = folder.stat().st_mode & 0o777
    try:
        folder.chmod(0o777)  # others may write here: nothing is read
        assert snapshot.open_snapshot(with_snapshot) is None
    finally:
        folder.chmod(mode)
    elsewhere = tmp_path / "elsewhere.nt"
    elsewhere.write_bytes(data)
    path.unlink()
    path.symlink_to(elsewhere)  # a link is never followed
    try:
        assert snapshot.open_snapshot(with_snapshot) is None
    finally:
        path.unlink()
        path.write_bytes(data)
    assert snapshot.open_snapshot(with_snapshot) is not None
