"""careergraph's ``--endpoint`` on a real Virtuoso: the same answers as the built-in graph in memory.

The ``virtuoso_endpoint`` fixture (conftest.py, tests/virtuoso.py) starts
Debian's Virtuoso 7 on loopback ports and bulk-loads a dump of the built-in
store into one graph, the default graph of its ``/sparql`` endpoint. Here:
that graph holds exactly the dumped triples (none of Virtuoso's own), the
endpoint refuses updates, and the path, gap and reachable commands and every
named query print through ``--endpoint`` exactly what they print on the
built-in graph in memory. Without Virtuoso these tests skip (fail when ``CI``
is set); the last test, a stand-in server, runs everywhere.
"""

from __future__ import annotations

import json

import pytest

from careergraph.sparql.queries import named_queries
from test_backends import OVERRIDES, PARAMS, VIRTUOSO_QUIRKS


def same_as_memory(cli, argv, endpoint):
    """Run ``argv`` in memory and on the endpoint; both must agree, exit code, output and error."""
    expected = cli(argv)
    found = cli([*argv, "--endpoint", endpoint])
    assert (found.code, found.out, found.err) == (expected.code, expected.out, expected.err)
    return found


# --- the server: exactly the loaded triples, read-only -----------------------------------------

def test_the_default_graph_holds_exactly_the_dumped_triples(virtuoso_endpoint, builtin_graph):
    from rdflib.compare import isomorphic

    from careergraph.session import open_graph

    graph = open_graph(endpoint=virtuoso_endpoint)
    assert len(graph) == len(builtin_graph) > 2000
    assert isomorphic(graph.rdflib_graph(), builtin_graph.rdflib_graph())


def test_virtuosos_own_graphs_are_not_in_the_default_graph(virtuoso_endpoint):
    from careergraph.session import open_graph

    graph = open_graph(endpoint=virtuoso_endpoint)
    ask = ("ASK { ?s ?p ?o FILTER (STRSTARTS(STR(?s), 'http://www.openlinksw.com/') "
           "|| STRSTARTS(STR(?p), 'http://www.openlinksw.com/')) }")
    assert graph.query(ask).boolean is False


def test_a_default_graph_named_in_the_endpoint_url(virtuoso_endpoint, builtin_graph):
    """On a Virtuoso whose /sparql default graph is not set, ``--endpoint URL?default-graph-uri=G`` picks G."""
    from urllib.parse import quote

    from careergraph.session import open_graph
    from virtuoso import GRAPH

    assert len(open_graph(endpoint=f"{virtuoso_endpoint}?default-graph-uri={quote(GRAPH)}")) == len(builtin_graph)
    other = quote("http://www.openlinksw.com/schemas/virtrdf#")
    assert len(open_graph(endpoint=f"{virtuoso_endpoint}?default-graph-uri={other}")) not in (0, len(builtin_graph))


@pytest.mark.parametrize("text", [
    "INSERT DATA { GRAPH <urn:careergraph:data> { <urn:x:a> <urn:x:b> <urn:x:c> } }",
    "CLEAR GRAPH <urn:careergraph:data>",
    "DROP SILENT GRAPH <urn:careergraph:data>",
    "LOAD <http://127.0.0.1:1/x.nt> INTO GRAPH <urn:careergraph:data>",
])
@pytest.mark.parametrize("field", ["update", "query"])
def test_virtuoso_refuses_updates_from_the_sparql_user(virtuoso_endpoint, builtin_graph, text, field):
    from virtuoso import sparql

    status, body = sparql(virtuoso_endpoint, text, update=field == "update")
    assert status >= 400 and b"SR186" in body and b"No permission" in body, body[:300]
    status, body = sparql(virtuoso_endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200 and f'"value": "{len(builtin_graph)}"'.encode() in body


# --- the commands: the same text as in memory ---------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["APM", "CPO"],
    ["APM", "CPO", "--format", "json"],
    ["APM", "CPO", "--format", "md"],
    ["PM", "Group Product Manager"],
    ["Senior PM", "COO"],
    ["APM", "CPO", "--k", "3"],
    ["APM", "COO", "--all"],
    ["APM", "Director of Product", "--weight", "gap"],
    ["APM", "CPO", "--via", "Senior PM", "--kinds", "promotion"],
    ["PM", "VP of Product", "--avoid", "Director of Product"],
    ["CPO", "APM"],
    ["Senoir PM", "CPO"],
], ids=" ".join)
def test_path(cli, virtuoso_endpoint, argv):
    same_as_memory(cli, ["path", *argv], virtuoso_endpoint)


@pytest.mark.parametrize("argv", [
    ["PM", "Senior PM"],
    ["APM", "CPO", "--format", "json"],
    ["Senior PM", "Director of Product", "--format", "md"],
    ["VP of Product", "CPO"],
    ["CPO", "GM"],
], ids=" ".join)
def test_gap(cli, virtuoso_endpoint, argv):
    same_as_memory(cli, ["gap", *argv], virtuoso_endpoint)


@pytest.mark.parametrize("argv", [
    ["Senior PM"],
    ["APM", "--format", "json"],
    ["CPO", "--reverse"],
    ["APM", "--kinds", "promotion"],
    ["PM", "--avoid", "Senior PM"],
], ids=" ".join)
def test_reachable(cli, virtuoso_endpoint, argv):
    same_as_memory(cli, ["reachable", *argv], virtuoso_endpoint)


def _named_query_cases():
    """``(name, parameters)`` for every named query: the other backend tests' values, then without the optional ones."""
    cases = []
    for name, query in sorted(named_queries().items()):
        params = OVERRIDES.get(name) or {p.name: PARAMS[p.name] for p in query.parameters if p.required}
        marks = [pytest.mark.skip(reason=VIRTUOSO_QUIRKS[name])] if name in VIRTUOSO_QUIRKS else []
        cases.append(pytest.param(name, params, marks=marks, id=name))
        required = {key: value for key, value in params.items()
                    if any(p.name == key and p.required for p in query.parameters)}
        if required != params:
            cases.append(pytest.param(name, required, marks=marks, id=f"{name}-required-only"))
    return cases


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(("name", "params"), _named_query_cases())
def test_every_named_query(cli, virtuoso_endpoint, name, params, fmt):
    argv = ["query", "--name", name, "--format", fmt]
    for key, value in params.items():
        argv += ["--param", f"{key}={value}"]
    found = same_as_memory(cli, argv, virtuoso_endpoint)
    assert found.code == 0
    if fmt == "csv":
        assert len(found.out.splitlines()) > 1
    else:
        assert json.loads(found.out)["results"]["bindings"]


# --- a cut answer (no Virtuoso needed: a stand-in server) ---------------------------------------

def test_an_answer_cut_at_the_servers_row_limit_is_refused(cli):
    """Virtuoso cuts a table at ResultSetMaxRows with 200 OK and says so only in X-SPARQL-MaxRows."""
    import http.server
    import threading

    body = (b'{"head": {"vars": ["s"]}, "results": {"bindings": ['
            b'{"s": {"type": "uri", "value": "http://example.org/a"}}]}}')

    class CutShort(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("X-SPARQL-MaxRows", "1")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CutShort)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        result = cli(["query", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", url])
    finally:
        server.shutdown()
        server.server_close()
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert "stopped its answer at its limit of 1 rows" in result.err and "ResultSetMaxRows" in result.err
