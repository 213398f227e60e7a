"""``careergraph serve`` as a real process on a free loopback port: SPARQLWrapper, plain HTTP and Chromium."""

from __future__ import annotations

import json
import re
import select
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest

from careergraph.sparql.queries import named_queries, run_query

TIMEOUT = 3
MAX_ROWS = 100
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ROLES_AT_4 = ("SELECT ?role WHERE { ?r a cg:Role ; skos:prefLabel ?role ; cg:seniority 4 } ORDER BY ?role")


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: object

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"


def start_server(tmp_path, *args: str) -> Server:
    log = open(tmp_path / "server.log", "w+")  # noqa: SIM115 - the server's stderr while it runs; stop_server closes it
    process = subprocess.Popen(
        [sys.executable, "-m", "careergraph.cli.main", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=log, text=True)
    ready, _, _ = select.select([process.stdout], [], [], 120)
    line = process.stdout.readline() if ready else ""
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        process.kill()
        log.seek(0)
        raise AssertionError(f"the server printed no URL: {line!r} {log.read()}")
    return Server(process, match.group(0), log)


def stop_server(server: Server) -> int:
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(timeout=30)
    server.log.close()
    return code


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("server"), "--timeout", str(TIMEOUT),
                           "--max-rows", str(MAX_ROWS))
    yield running
    stop_server(running)


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None):
    """(status, headers, body text) of one request; no exception for 4xx/5xx."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as failure:
        return failure.code, failure.headers, failure.read().decode("utf-8")


def get(server: Server, query: str, accept: str = "application/sparql-results+json", **extra):
    params = urllib.parse.urlencode({"query": query, **extra})
    return http(f"{server.endpoint}?{params}", headers={"Accept": accept})


def wrapper(server: Server, query: str, fmt: str, method: str = "GET"):
    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(server.endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    return client.query()


# --- a real client: SPARQLWrapper -----------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(server, method):
    from SPARQLWrapper import JSON

    data = wrapper(server, ROLES_AT_4, JSON, method).convert()
    assert [b["role"]["value"] for b in data["results"]["bindings"]] == [
        "Director of Product", "Group Product Manager", "Principal Product Manager"]
    assert data["results"]["bindings"][0]["role"]["xml:lang"] == "en"


def test_sparqlwrapper_xml_csv_tsv(server):
    from SPARQLWrapper import CSV, TSV, XML

    document = wrapper(server, ROLES_AT_4, XML).convert()
    assert [node.firstChild.data for node in document.getElementsByTagName("literal")] == [
        "Director of Product", "Group Product Manager", "Principal Product Manager"]
    assert wrapper(server, ROLES_AT_4, CSV).convert().decode().split("\r\n")[:4] == [
        "role", "Director of Product", "Group Product Manager", "Principal Product Manager"]
    assert wrapper(server, ROLES_AT_4, TSV).convert().decode().splitlines() == [
        "?role", '"Director of Product"@en', '"Group Product Manager"@en',
        '"Principal Product Manager"@en']


def test_sparqlwrapper_ask_and_graphs(server):
    from SPARQLWrapper import JSON, JSONLD, TURTLE

    assert wrapper(server, "ASK { pm:vp-of-product cg:promotesTo pm:chief-product-officer }", JSON).convert() == {
        "head": {}, "boolean": True}
    construct = "CONSTRUCT { ?a cg:exitsTo ?b } WHERE { ?a cg:exitsTo ?b }"
    turtle = wrapper(server, construct, TURTLE)
    assert turtle.response.headers["Content-Type"].startswith("text/turtle")
    import rdflib

    assert len(rdflib.Graph().parse(data=turtle.convert(), format="turtle")) == 2
    graph = wrapper(server, construct, JSONLD).convert()
    assert len(graph) == 2


# --- plain HTTP: the protocol ------------------------------------------------------------------------

def test_get_and_both_kinds_of_post_give_the_same_answer(server):
    status, headers, body = get(server, ROLES_AT_4)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    direct = http(server.endpoint, ROLES_AT_4.encode(), {"Content-Type": "application/sparql-query"})
    form = http(server.endpoint, urllib.parse.urlencode({"query": ROLES_AT_4}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded"})
    assert direct[0] == form[0] == 200
    assert json.loads(body) == json.loads(direct[2]) == json.loads(form[2])


@pytest.mark.parametrize("accept, media, first_line", [
    ("text/csv", "text/csv", "role"),
    ("text/tab-separated-values", "text/tab-separated-values", "?role"),
    ("application/sparql-results+xml", "application/sparql-results+xml", '<?xml version="1.0" encoding="utf-8"?>'),
    ("image/png;q=0.9, text/csv;q=0.5, */*;q=0.1", "text/csv", "role"),
    ("*/*", "application/sparql-results+json", '{"results": {"bindings": [{"role": {"type": "literal", '
                                               '"value": "Director of Product", "xml:lang": "en"}}, '
                                               '{"role": {"type": "literal", "value": "Group Product Manager", '
                                               '"xml:lang": "en"}}, {"role": {"type": "literal", "value": '
                                               '"Principal Product Manager", "xml:lang": "en"}}]}, '
                                               '"head": {"vars": ["role"]}}'),
])
def test_content_negotiation(server, accept, media, first_line):
    status, headers, body = get(server, ROLES_AT_4, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    assert body.splitlines()[0] == first_line


def test_graph_content_negotiation(server):
    construct = "CONSTRUCT { ?a cg:exitsTo ?b } WHERE { ?a cg:exitsTo ?b }"
    status, headers, body = get(server, construct, "application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert sorted(body.splitlines()) == [
        "<https://w3id.org/careergraph/pm/chief-product-officer> <https://w3id.org/careergraph/ontology#exitsTo> "
        f"<https://w3id.org/careergraph/pm/{target}> ." for target in ("chief-operating-officer", "general-manager")]
    assert get(server, construct, "application/ld+json")[1]["Content-Type"].startswith("application/ld+json")


def test_unacceptable_accept_is_406(server):
    status, _, body = get(server, ROLES_AT_4, "image/png")
    assert status == 406 and "application/sparql-results+json" in body
    assert get(server, "CONSTRUCT WHERE { ?s cg:exitsTo ?o }", "text/csv")[0] == 406


@pytest.mark.parametrize("request_kind, payload, status, message", [
    ("form", {"update": "DROP ALL"}, 403, "updates are refused"),
    ("update", "INSERT DATA { pm:x a cg:Role }", 403, "updates are refused"),
    ("query", "DROP ALL", 403, "updates are refused (the graph is read-only): the request is DROP"),
    ("query", "DELETE WHERE { ?s ?p ?o }", 403, "the request is DELETE WHERE"),
    ("query", "LOAD <file:///etc/passwd>", 400, "LOAD is refused"),
    ("query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400, "SERVICE is refused"),
    ("query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", 400, "FROM is refused"),
    ("query", "SELECT * FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }", 400, "FROM NAMED is refused"),
    ("form", {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"}, 400,
     "default-graph-uri is refused"),
    ("query", "SELECT ?s\nWHERE { ?s ?p }", 400, "SPARQL syntax error at line 2, column 9"),
])
def test_refusals_over_http(server, request_kind, payload, status, message):
    if request_kind == "form":
        answer = http(server.endpoint, urllib.parse.urlencode(payload).encode(),
                      {"Content-Type": "application/x-www-form-urlencoded"})
    elif request_kind == "update":
        answer = http(server.endpoint, payload.encode(), {"Content-Type": "application/sparql-update"})
    else:
        answer = get(server, payload)
    assert answer[0] == status
    assert message in answer[2] and answer[2].count("\n") == 1
    assert get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?r a cg:Role }")[2].count('"value": "11"') == 1


def test_body_size_limit_is_413(server):
    huge = "# " + "x" * (70 * 1024) + "\nASK { ?s ?p ?o }"
    status, _, body = http(server.endpoint, huge.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 413 and "over the limit" in body


def test_other_request_mistakes(server):
    assert http(server.endpoint, b"ASK {}", {"Content-Type": "text/plain"})[0] == 415
    assert http(server.endpoint)[0] == 400
    assert http(server.url + "queries/no-such-query")[0] == 404
    status, _, body = http(server.url + "queries/role-skills?role=Senoir%20PM")
    assert status == 400 and "did you mean Senior Product Manager?" in body
    assert http(server.url, headers={"Host": "attacker.example"})[0] == 400


def test_row_limit_cuts_and_says_so(server):
    status, headers, body = get(server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    assert headers["X-Careergraph-Truncated"] == "true" and headers["X-Careergraph-Row-Limit"] == str(MAX_ROWS)
    assert "X-Careergraph-Truncated" not in get(server, ROLES_AT_4)[1]


def test_a_runaway_query_times_out_while_others_are_answered(server):
    runaway: list = []
    thread = threading.Thread(target=lambda: runaway.append(get(server, RUNAWAY)))
    thread.start()
    try:
        quick = [get(server, ROLES_AT_4) for _ in range(3)]
        still_running = thread.is_alive()
    finally:
        thread.join(60)
    assert all(answer[0] == 200 for answer in quick)
    assert still_running, "the quick queries waited for the runaway one"
    status, _, body = runaway[0]
    assert status == 503 and body == f"the query was stopped after {TIMEOUT} s, its time limit\n"


def test_named_queries_list_and_run(server):
    status, _, body = http(server.url + "queries")
    listed = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and set(listed) == set(named_queries())
    assert listed["role-skills"]["parameters"] == [
        {"name": "role", "kind": "role", "required": True,
         "description": "the role, by any title or alternative title"}]
    status, _, body = http(server.url + "queries/leads-to?role=COO", headers={"Accept": "text/csv"})
    assert status == 200 and body.split("\r\n")[1] == "Associate Product Manager,1,individual contributor"


# --- the same answers from the command line, Python and HTTP ------------------------------------------

def test_same_answers_everywhere(server, cli, builtin_graph, tmp_path):
    inline = ("SELECT ?role ?next WHERE { ?r cg:promotesTo ?n . ?r skos:prefLabel ?role . "
              "?n skos:prefLabel ?next } ORDER BY ?role")
    path = tmp_path / "promotions.rq"
    path.write_text(inline + "\n", encoding="utf-8")

    def from_cli(*argv):
        result = cli(["query", *argv, "--format", "json"])
        assert result.code == 0, result.err
        return _values(json.loads(result.out))

    def from_http(url, data=None, headers=None):
        status, _, body = http(url, data, {"Accept": "application/sparql-results+json", **(headers or {})})
        assert status == 200, body
        return _values(json.loads(body))

    def from_python(query, params=None):
        result = run_query(builtin_graph, query, params)
        return [[str(row.get(v, "")) for v in result.variables] for row in result.rows]

    promotions = [["Associate Product Manager", "Product Manager"], ["Director of Product", "VP of Product"],
                  ["Product Manager", "Senior Product Manager"], ["Senior Product Manager", "Director of Product"],
                  ["VP of Product", "Chief Product Officer"]]
    assert from_cli(inline) == from_cli(str(path)) == from_python(inline) == from_python(path) == promotions
    assert from_http(server.endpoint, inline.encode(), {"Content-Type": "application/sparql-query"}) == promotions
    assert from_http(server.endpoint, path.read_bytes(), {"Content-Type": "application/sparql-query"}) == promotions

    named = from_cli("--name", "role-skills", "-p", "role=Product Owner")
    assert named == from_python("role-skills", {"role": "Product Owner"})
    assert named == from_http(server.url + "queries/role-skills?" + urllib.parse.urlencode({"role": "Product Owner"}))
    assert named[0] == ["Analytical skills", "analytical", "3", "practitioner", "core"]


def _values(data) -> list[list[str]]:
    names = data["head"]["vars"]
    return [[b[n]["value"] if n in b else "" for n in names] for b in data["results"]["bindings"]]


# --- the page, in headless Chromium ------------------------------------------------------------------------

def test_the_page_runs_a_named_query_and_a_typed_one(server, browser):
    from playwright.sync_api import expect

    from browser import open_page

    visit = open_page(browser, server.url, allow_loopback=True)
    page = visit.page
    try:
        page.wait_for_selector("#named option[value='role-skills']", state="attached")
        page.select_option("#named", "role-skills")
        assert "The skills a role requires" in page.inner_text("#description")
        page.fill("#param-role", "Product Owner")
        page.click("#run")
        page.wait_for_selector("#results tbody tr")
        assert page.locator("#results thead th").all_inner_texts() == [
            "skill", "category", "proficiency", "level", "importance"]
        rows = page.locator("#results tbody tr")
        assert rows.count() == 14
        assert rows.nth(0).locator("td").all_inner_texts() == [
            "Analytical skills", "analytical", "3", "practitioner", "core"]
        assert "14 rows" in page.inner_text("#status")

        page.select_option("#named", "")
        page.fill("#query", ROLES_AT_4)
        page.click("#run")
        expect(page.locator("#results tbody tr")).to_have_count(3)
        assert page.locator("#results tbody td").all_inner_texts() == [
            "Director of Product", "Group Product Manager", "Principal Product Manager"]

        page.fill("#query", "DROP ALL")
        page.click("#run")
        page.wait_for_selector("#error:not([hidden])")
        assert page.inner_text("#error").startswith("403: updates are refused")
    finally:
        page.close()
    assert visit.blocked == []
    assert visit.page_errors == []
    assert [e for e in visit.console_errors if "403" not in e] == []
    assert visit.dialogs == []


def test_the_page_shows_text_from_the_data_as_text(server, browser):
    from browser import open_page

    visit = open_page(browser, server.url, allow_loopback=True)
    page = visit.page
    try:
        page.fill("#query", "SELECT ?html WHERE { BIND ('<img src=x onerror=alert(1)><b>bold</b>' AS ?html) }")
        page.click("#run")
        page.wait_for_selector("#results tbody tr")
        assert page.inner_text("#results tbody td") == "<img src=x onerror=alert(1)><b>bold</b>"
        assert page.locator("#results img, #results b").count() == 0
    finally:
        page.close()
    assert visit.dialogs == [] and visit.page_errors == [] and visit.blocked == []


# --- starting and stopping ---------------------------------------------------------------------------------

@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_server_stops_cleanly_on_a_signal(tmp_path, stop):
    running = start_server(tmp_path)
    assert http(running.url)[0] == 200
    running.process.send_signal(stop)
    assert running.process.wait(timeout=30) == 0
    assert running.process.stdout.read().strip() == "careergraph: stopped"
    running.log.seek(0)
    assert "Traceback" not in running.log.read()
    running.log.close()


def test_a_taken_port_is_a_one_line_error(server, cli):
    port = urllib.parse.urlparse(server.url).port
    result = cli(["serve", "--port", str(port)])
    assert result.code == 2
    assert result.err.startswith(f"careergraph serve: error: cannot listen on 127.0.0.1:{port}: ")
    assert result.err.count("\n") == 1


# --- the application in process: module-level handlers, each application with its own state -----------------

def asgi_request(app, path: str, query: str = "", accept: str = "application/sparql-results+json"):
    """(status, headers, body) of one GET sent straight to the ASGI application, without a socket."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def exchange():
        sent = []
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
                 "query_string": urllib.parse.urlencode({"query": query}).encode() if query else b"",
                 "headers": [(b"host", b"127.0.0.1"), (b"accept", accept.encode())],
                 "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80)}

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)
        return sent

    with ThreadPoolExecutor(1) as thread:  # an event loop of its own, even beside Playwright's
        sent = thread.submit(asyncio.run, exchange()).result()
    headers = {k.decode().lower(): v.decode() for k, v in sent[0]["headers"]}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:]).decode("utf-8")


def test_handlers_are_module_functions_and_each_app_keeps_its_own_limits(builtin_graph):
    from careergraph import server_handlers
    from careergraph.server import create_app

    small, large = create_app(builtin_graph, max_rows=2), create_app(builtin_graph, max_rows=5)
    for app in (small, large):
        assert [route.endpoint for route in app.routes] == [
            server_handlers.query_page, server_handlers.sparql_endpoint,
            server_handlers.query_list, server_handlers.named_query]
    query = "SELECT ?role WHERE { ?r a cg:Role ; skos:prefLabel ?role } ORDER BY ?role"
    for app, limit in ((small, 2), (large, 5)):
        status, headers, body = asgi_request(app, "/sparql", query)
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == limit
        assert headers["x-careergraph-truncated"] == "true"
        assert headers["x-careergraph-row-limit"] == str(limit)
        assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-store"
    status, headers, body = asgi_request(small, "/")
    assert status == 200 and "script-src 'sha256-" in headers["content-security-policy"]
    assert "var(--cg-ink)" in body and "--cg-ink: " in body  # the colours come from views.style
    status, _, body = asgi_request(small, "/queries/no-such-query")
    assert status == 404 and body == "no named query 'no-such-query'; GET /queries lists them\n"
