"""``careergraph query`` in-process: inline, file and named queries, formats, refusals, timeout, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time

import pytest

from careergraph.sparql.queries import named_queries

INLINE = ("SELECT ?role ?seniority WHERE { ?r a cg:Role ; skos:prefLabel ?role ; cg:seniority ?seniority } "
          "ORDER BY ?seniority ?role LIMIT 3")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_inline_query_as_a_table(cli):
    result = cli(["query", INLINE, "--format", "table"])
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines() == [
        "role                       seniority",
        "-------------------------  ---------",
        "Associate Product Manager  1",
        "Product Manager            2",
        "Senior Product Manager     3"]


def test_csv_is_the_default_when_not_on_a_terminal(cli):
    result = cli(["query", INLINE])
    assert list(csv.reader(io.StringIO(result.out))) == [
        ["role", "seniority"], ["Associate Product Manager", "1"], ["Product Manager", "2"],
        ["Senior Product Manager", "3"]]


def test_a_query_file(cli, tmp_path):
    path = tmp_path / "next.rq"
    path.write_text("SELECT ?next WHERE { pm:senior-product-manager cg:canMoveTo ?n . "
                    "?n skos:prefLabel ?next } ORDER BY ?next\n", encoding="utf-8")
    result = cli(["query", str(path), "--format", "tsv"])
    assert result.code == 0
    assert result.out.splitlines() == ['?next', '"Director of Product"@en', '"Group Product Manager"@en',
                                       '"Principal Product Manager"@en']


def test_a_query_from_stdin(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK { pm:product-manager cg:promotesTo pm:senior-product-manager }"))
    result = cli(["query", "-", "--format", "json"])
    assert result.code == 0 and json.loads(result.out) == {"head": {}, "boolean": True}


def test_a_named_query_with_a_role_by_alternative_title(cli):
    result = cli(["query", "--name", "role-skills", "--param", "role=Junior Product Manager", "--format", "json"])
    assert result.code == 0
    data = json.loads(result.out)
    assert data["head"]["vars"] == ["skill", "category", "proficiency", "level", "importance"]
    first = data["results"]["bindings"][0]
    assert (first["skill"]["value"], first["proficiency"]["value"], first["importance"]["value"]) == (
        "Analytical skills", "3", "core")
    assert len(data["results"]["bindings"]) == 14


def test_inline_params_bind_variables(cli):
    result = cli(["query", "SELECT ?title WHERE { ?role skos:altLabel ?title } ORDER BY ?title",
                  "-p", "role=pm:director-of-product", "--format", "csv"])
    assert result.out.split() == ["title", "DoP", "Product", "Director"]


def test_md_format(cli):
    result = cli(["query", "--name", "branches-and-exits", "--format", "md"])
    lines = result.out.splitlines()
    assert lines[0] == "| from | move | to | section |"
    assert lines[2] == "| Senior Product Manager | branch | Group Product Manager | 3. Senior Product Manager |"


def test_construct_as_turtle_by_default(cli):
    import rdflib

    result = cli(["query", "CONSTRUCT { ?a cg:exitsTo ?b } WHERE { ?a cg:exitsTo ?b }"])
    assert result.code == 0
    graph = rdflib.Graph().parse(data=result.out, format="turtle")
    assert len(graph) == 2
    assert "pm:chief-product-officer cg:exitsTo" in result.out


def test_list_shows_every_named_query_with_description_and_parameters(cli):
    result = cli(["query", "--list"])
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(named_queries())
    changes = next(line for line in lines if line.startswith("role-changes "))
    assert "from=ROLE to=ROLE" in changes and "skills gained" in changes
    requiring = next(line for line in lines if line.startswith("roles-requiring-skill "))
    assert "skill=SKILL [minimum=INTEGER]" in requiring
    assert any(line.startswith("ladder ") and "The ladder in order of seniority" in line for line in lines)


def test_no_rows_is_exit_1_with_a_message(cli):
    result = cli(["query", "SELECT ?r WHERE { ?r cg:seniority 99 }"])
    assert result.code == 1 and result.out.strip() == "r" and result.err.strip() == "no rows"


# --- a user's mistakes and refusals: exit 2, one line on stderr, no traceback ------------------

@pytest.mark.parametrize("argv, message", [
    (["DROP ALL"], "updates are refused (the graph is read-only): the request is DROP"),
    (["INSERT DATA { pm:x a cg:Role }"], "the request is INSERT DATA"),
    (["LOAD <file:///etc/passwd>"], "LOAD is refused"),
    (["SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], "SERVICE is refused"),
    (["SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"], "FROM is refused"),
    (["SELECT * FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }"], "FROM NAMED is refused"),
    (["SELECT ?s\nWHERE { ?s ?p }"], "SPARQL syntax error at line 2, column 9"),
    (["SELECT ?s WHERE { ?s acme:p ?o }"], "unknown prefix 'acme:' at line 1, column 22"),
    (["--name", "role-skills", "-p", "role=Senoir PM"],
     "unknown role 'Senoir PM'; did you mean Senior Product Manager?"),
    (["--name", "roles-requiring-skill", "-p", "skill=leadrship"],
     "unknown skill 'leadrship'; did you mean Leadership?"),
    (["--name", "role-skills"], "query 'role-skills' needs a value for 'role'"),
    (["--name", "role-skils"], "no named query 'role-skils'; did you mean role-skills?"),
    (["--name", "ladder", "-p", "role"], "--param takes NAME=VALUE, not 'role'"),
    (["missing.rq"], "missing.rq: no such query file"),
    ([INLINE, "--format", "ttl"], "--format ttl does not fit a SELECT query"),
    (["ladder", "--name", "ladder"], "give a QUERY or --name NAME, not both"),
    ([], "give a QUERY"),
    (["--timeout", "0", INLINE], "argument --timeout: must be more than 0"),
])
def test_mistakes_and_refusals(cli, argv, message):
    result = cli(["query", *argv])
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("careergraph")
    assert ": error: " in result.err
    assert message in result.err
    assert "Traceback" not in result.err


def test_an_injection_payload_stays_a_value(cli):
    payload = 'x" } ; DROP ALL ; #'
    result = cli(["query", "--name", "search", "--param", f"text={payload}"])
    assert result.code == 1 and result.out.strip() == "kind,name,matched" and result.err.strip() == "no rows"
    inline = cli(["query", "SELECT ?s WHERE { ?s skos:prefLabel ?label }", "-p", f"label={payload}"])
    assert inline.code == 1
    role = cli(["query", "--name", "role-skills", "-p", f"role={payload}"])
    assert role.code == 2 and "unknown role 'x\" } ; DROP ALL ; #'" in role.err
    after = cli(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?r a cg:Role }"])
    assert after.out.split() == ["n", "11"]


def test_timeout_stops_a_runaway_query(cli):
    started = time.monotonic()
    result = cli(["query", "--timeout", "1", RUNAWAY])
    assert time.monotonic() - started < 60  # the product of all triples x4 would take days
    assert result.code == 2 and result.out == ""
    assert result.err == "careergraph query: error: the query was stopped after 1 s, its time limit\n"


def test_with_a_data_file(cli, tmp_path):
    extra = tmp_path / "acme.ttl"
    extra.write_text("""@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://example.org/acme/intern> a cg:Role ; skos:prefLabel "Product Intern"@en ;
    skos:altLabel "PM Intern"@en ; cg:seniority 0 ; cg:track cg:IndividualContributor .
""", encoding="utf-8")
    result = cli(["query", "--name", "alternative-titles", "-p", "role=PM Intern", "-d", str(extra)])
    assert result.code == 0
    assert result.out.splitlines()[1:] == ["Product Intern,PM Intern"]


def test_query_does_not_import_the_server_or_pandas():
    code = ("import sys; from careergraph.cli.main import main; "
            "main(['query', '--name', 'ladder', '--format', 'csv']); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'starlette', 'uvicorn', 'pandas', 'anyio'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
