"""``--endpoint`` against hostile servers: one deadline and a size cap per request, one line for any answer.

A tiny HTTP server in the test (``http.server`` on 127.0.0.1, port 0) plays the
hostile endpoint: it drips bytes in its headers or body, sends an endless body
or a huge ``Content-Length``, compresses what was not asked to be, redirects
elsewhere, answers a COUNT with ``"abc"`` or 5,000 digits, or answers with the
files of ``tests/hostile/endpoint/`` (malformed JSON and XML results, an HTML
page, lone surrogates, unknown term types, wrong variables, entity bombs).
Each command must end within about its time limit, print exactly one line on
stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ANSWERS = HERE / "hostile" / "endpoint"
TYPES = {".srj": "application/sparql-results+json", ".srx": "application/sparql-results+xml",
         ".html": "text/html", ".rdf": "application/rdf+xml", ".nt": "application/n-triples"}
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


class Hostile(http.server.BaseHTTPRequestHandler):
    """Answers every query as its path says: /drip-body, /endless, /file/NAME, /count/VALUE ..."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        self.query = form.get("query", [""])[0]
        mode, _, arg = self.path.strip("/").partition("/")
        with contextlib.suppress(OSError):  # the client hung up: the point of most modes
            getattr(self, "mode_" + mode.replace("-", "_"))(urllib.parse.unquote(arg))

    def head(self, status: int = 200, media: str = "application/sparql-results+json",
             length: int | None = None, **more: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in more.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()

    def drip(self, data: bytes, seconds: float = 60) -> None:
        end = time.monotonic() + seconds
        for byte in data:
            if time.monotonic() > end:
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.5)

    def mode_drip_body(self, _: str) -> None:
        """A chunk of 4,096 bytes, sent a byte at a time: http.client waits for a whole chunk."""
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(b"1000\r\n")
        self.drip(b" " * 4096)

    def mode_drip_headers(self, _: str) -> None:
        self.drip(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"z" * 200 + b"\r\n\r\n")

    def mode_silent(self, _: str) -> None:
        time.sleep(30)

    def mode_endless(self, _: str) -> None:
        self.head()
        chunk = b" " * (1 << 20)
        for _ in range(4096):  # 4 GiB, if the client kept reading
            self.wfile.write(chunk)

    def mode_huge_length(self, _: str) -> None:
        self.head(length=10**15)
        self.drip(b'{"head":{"vars":["n"]},' + b" " * 100)

    def mode_gzip(self, _: str) -> None:
        body = gzip.compress(b'{"head":{"vars":["n"]},"results":{"bindings":[' + b" " * (1 << 24) + b"]}}")
        self.head(length=len(body), Content_Encoding="gzip")
        self.wfile.write(body)

    def mode_error(self, _: str) -> None:
        body = (b"<pre>Traceback (most recent call last):\n" + b"  File 'x.py', line 1, in f\n" * 5_000
                + b"RecursionError: too deep</pre>")
        self.send_response(500, "Internal Server Error " + "x" * 5000)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def mode_error_huge(self, _: str) -> None:
        self.send_response(503)
        self.send_header("Content-Length", str(1 << 30))
        self.end_headers()
        self.wfile.write(b"busy " * 100_000)
        self.drip(b"x" * 100)

    def mode_redirect(self, target: str) -> None:
        self.head(302, "text/plain", 0, Location=target or "ftp://127.0.0.1:1/secret")

    def mode_broken(self, _: str) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n" + b"X-Many: 1\r\n" * 500 + b"\r\n")

    def mode_bad_status(self, _: str) -> None:
        self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")

    def mode_file(self, name: str) -> None:
        path = ANSWERS / name
        body = path.read_bytes()
        self.head(media=TYPES[path.suffix], length=len(body))
        self.wfile.write(body)

    def mode_count(self, value: str) -> None:
        """Every variable of the query bound to ``value``^^xsd:integer (a COUNT the server made up)."""
        from careergraph.store.endpoint import projection

        names = projection(self.query) or ["n"]
        binding = {"type": "literal", "value": value, "datatype": XSD_INTEGER}
        import json

        body = json.dumps({"head": {"vars": names},
                           "results": {"bindings": [{name: binding for name in names}]}}).encode()
        self.head(length=len(body))
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run_cli(capsys, argv):
    """Run ``careergraph ARGV`` in-process: (exit code, stdout, stderr, seconds)."""
    from careergraph.cli.main import main

    capsys.readouterr()
    start = time.monotonic()
    code = main([str(a) for a in argv])
    seconds = time.monotonic() - start
    captured = capsys.readouterr()
    return code, captured.out, captured.err, seconds


def assert_one_line(code: int, out: str, err: str, pattern: str) -> None:
    lines = err.splitlines()
    assert "Traceback" not in out + err
    assert code == 2, (code, err[:2000])
    assert len(lines) == 1, err[:2000]
    assert re.match(r"careergraph [a-z]+: error: ", lines[0]), lines[0]
    assert len(lines[0]) < 600, lines[0]
    assert re.search(pattern, lines[0]), lines[0]


QUERY = "SELECT ?n WHERE { ?s ?p ?n } LIMIT 1"

SLOW = {  # path -> what the line says
    "drip-body": r"stopped after 3 s",
    "drip-headers": r"stopped after 3 s",
    "silent": r"stopped after 3 s",
    "huge-length": r"more than 67,108,864 bytes",
}


@pytest.mark.parametrize("mode", sorted(SLOW))
def test_query_ends_within_its_timeout(server, capsys, mode):
    code, out, err, seconds = run_cli(capsys, ["query", QUERY, "--endpoint", f"{server}/{mode}",
                                                   "--timeout", "3"])
    assert_one_line(code, out, err, SLOW[mode])
    assert seconds < 5, f"{mode} held the command for {seconds:.1f} s"


def test_an_endless_body_is_cut_at_the_cap(server, capsys):
    code, out, err, seconds = run_cli(capsys, ["query", QUERY, "--endpoint", f"{server}/endless",
                                                   "--timeout", "30"])
    assert_one_line(code, out, err, r"endpoint http://127\.0\.0\.1:\d+/endless answered with more than "
                                    r"67,108,864 bytes")
    assert seconds < 20


@pytest.mark.parametrize("mode", ["drip-body", "drip-headers", "endless", "huge-length"])
def test_path_ends_within_the_timeout(server, capsys, monkeypatch, mode):
    import careergraph.store.open

    monkeypatch.setattr(careergraph.store.open, "DEFAULT_HTTP_TIMEOUT", 3.0)
    code, out, err, seconds = run_cli(capsys, ["path", "Associate Product Manager",
                                                   "Chief Product Officer", "--endpoint", f"{server}/{mode}"])
    assert_one_line(code, out, err, r"stopped after 3 s|more than 67,108,864 bytes")
    assert seconds < 8, f"{mode} held the command for {seconds:.1f} s"


def test_the_deadline_also_holds_in_the_python_api(server):
    from careergraph.errors import Timeout
    from careergraph.store import EndpointStore

    store = EndpointStore(f"{server}/drip-body", timeout=1.5)
    start = time.monotonic()
    with pytest.raises(Timeout, match=r"stopped after 1\.5 s"):
        len(store)
    assert time.monotonic() - start < 3


READ = r"the SPARQL endpoint http://127\.0\.0\.1:\d+/file/\S+ answered with something careergraph cannot read"
BROKEN = {  # path -> what the line says
    "error-huge": r"refused the query: HTTP 503 Service Unavailable: busy busy .{150,}\.\.\.$",
    "gzip": r"encoding 'gzip', which careergraph did not ask for",
    "error": r"refused the query: HTTP 500 Internal Server Error x+\.\.\.: RecursionError: too deep</pre>$",
    "redirect": r"HTTP 302 .*redirects to ftp://127\.0\.0\.1:1/secret, which careergraph does not follow",
    "broken": r"broken HTTP answer",
    "bad-status": r"broken HTTP answer",
    "count/abc": r"answered 'abc' where a count \(a whole number\) was expected",
    "count/" + "9" * 5000: r"answered '9{37}\.\.\.' where a count",
    "count/-1": r"answered '-1' where a count",
    "file/truncated.srj": READ + r" \(application/sparql-results\+json\)",
    "file/truncated.srx": READ + r" \(application/sparql-results\+xml\): .*cut short",
    "file/apache-page.html": READ + r" \(text/html\)",
    "file/lone-surrogate.srj": READ + r" \(application/sparql-results\+json\): Parser error",
    "file/unknown-term-type.srj": READ + r" .*Unexpected term type",
    "file/rdf-star-triple.srj": READ + r" .*RDF-star",
    "file/wrong-variables.srj": r"answered with the variable \?surprise, which the query does not ask for",
    "file/boolean-for-select.srj": r"a boolean answers a SELECT query",
    "file/entity-bomb.srx": READ + r" .*entity",
}


CASES = [(command, mode) for command in ("query", "info") for mode in sorted(BROKEN)
         if command == "info" or not mode.startswith("count/")]  # query prints a made-up COUNT as a value


@pytest.mark.parametrize("command, mode", CASES, ids=[f"{c}-{m[:30]}" for c, m in CASES])
def test_hostile_answers_are_one_line(server, capsys, command, mode):
    argv = [command, "--endpoint", f"{server}/{mode}"]
    if command == "query":
        argv += ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--timeout", "10"]
    code, out, err, _ = run_cli(capsys, argv)
    assert_one_line(code, out, err, BROKEN[mode])


def test_a_construct_answered_with_an_entity_bomb_is_refused(server, capsys):
    code, out, err, seconds = run_cli(capsys, ["query", "--endpoint", f"{server}/file/billion-laughs.rdf",
                                                   "CONSTRUCT WHERE { ?s ?p ?o }", "--timeout", "10"])
    assert_one_line(code, out, err, r"RDF/XML answer with a DTD \(entities\) is refused")
    assert seconds < 5


@pytest.mark.parametrize("url, pattern", [
    ("http://127.0.0.1:99999/sparql", r"--endpoint http://127\.0\.0\.1:99999/sparql: Port out of range"),
    ("http://127.0.0.1:abc/sparql", r"--endpoint http://127\.0\.0\.1:abc/sparql: Port could not be cast"),
])
def test_bad_ports_are_one_line(capsys, url, pattern):
    code, out, err, _ = run_cli(capsys, ["query", QUERY, "--endpoint", url])
    assert_one_line(code, out, err, pattern)


def test_unusable_time_limits_are_refused():
    from careergraph.errors import CareerGraphError
    from careergraph.store import EndpointStore

    for seconds in (float("inf"), float("nan"), 0, -1):
        with pytest.raises(CareerGraphError, match="time limit must be a number of seconds over 0"):
            EndpointStore("http://127.0.0.1:1/", timeout=seconds)


def test_a_table_for_an_ask_query_is_refused(server, capsys):
    code, out, err, _ = run_cli(capsys, ["query", "ASK { ?s ?p ?o }", "--endpoint",
                                         f"{server}/file/wrong-variables.srj"])
    assert_one_line(code, out, err, r"answered with something careergraph cannot read .*: a table answers "
                                    r"an ASK query")


def test_a_lone_surrogate_in_a_bound_value_is_one_error(server):
    from rdflib import Literal

    from careergraph.errors import CareerGraphError
    from careergraph.store import EndpointStore

    store = EndpointStore(f"{server}/file/truncated.srj", timeout=5)
    with pytest.raises(CareerGraphError, match=r"a lone surrogate.*cannot be sent to the SPARQL endpoint"):
        store.query("SELECT ?n WHERE { ?s ?p ?n }", {"n": Literal("PM \udcff")})


def test_a_time_limit_too_long_for_a_socket_still_works(server):
    from careergraph.store import EndpointStore

    store = EndpointStore(f"{server}/count/7", timeout=1e300)
    assert len(store) == 7


@pytest.mark.parametrize("value", ["abc", "9" * 5000])
def test_an_ill_typed_count_is_printed_as_a_value_without_a_logged_traceback(server, value):
    # a subprocess: under pytest rdflib's log lines go to pytest's handler, not to stderr
    result = subprocess.run([sys.executable, "-m", "careergraph.cli.main", "query", "--endpoint",
                             f"{server}/count/{value}", "--format", "csv",
                             "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == ["n", value]
