"""``careergraph serve`` under load and faults, as a real process on a free loopback port.

Sixteen clients query the server for a bounded time while one more sends a
query that would never end: the others keep being answered, the runaway is cut
at ``--timeout`` with a 503, the memory of the server and its query processes
stays bounded, and the server stops cleanly on SIGINT and on SIGTERM. Bad
requests (too large, wrong content type, malformed, unknown path, a 100 kB URL)
get 4xx answers and the server keeps serving. Every request goes to 127.0.0.1
and has a time limit; every loop is bounded in count and time.
"""

from __future__ import annotations

import http.client
import os
import re
import select
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

import pytest

TIMEOUT = 3.0
"""The server's --timeout, in seconds."""
CLIENTS = 16
LOAD_SECONDS = 8.0
REQUEST_LIMIT = 30.0
"""Seconds any one request may take before the test gives up on it."""
MEMORY_CAP = 1024 ** 3
"""Bytes of resident memory the server and its query processes may use together."""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = ["SELECT ?role WHERE { ?role a cg:Role ; cg:seniority 4 }",
         "ASK { pm:product-manager cg:promotesTo pm:senior-product-manager }",
         "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    stderr: list[str] = field(default_factory=list)


def start(*args: str) -> Server:
    process = subprocess.Popen(
        [sys.executable, "-m", "careergraph.cli.main", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1", CAREERGRAPH_NO_CACHE="1"))
    ready, _, _ = select.select([process.stdout], [], [], 120)
    line = process.stdout.readline() if ready else ""
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise AssertionError(f"the server printed no URL: {line!r} {process.stderr.read()}")
    return Server(process, int(match.group(1)))


def stop(server: Server, signal_number: int) -> tuple[int, str]:
    """Send the signal; the exit code and everything the server wrote, once it has ended."""
    server.process.send_signal(signal_number)
    out, err = server.process.communicate(timeout=30)
    return server.process.returncode, out + err


def request(port: int, method: str, target: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, str]:
    """One request to 127.0.0.1:port, with a time limit: (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_LIMIT)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def sparql(port: int, query: str, accept: str = "application/sparql-results+json") -> tuple[int, str]:
    return request(port, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                   headers={"Accept": accept})


def resident_bytes(pid: int) -> int:
    """The resident memory of ``pid`` and its child processes (the forked queries), from /proc."""
    total = 0
    family = {pid, *_children_of(pid)}
    for member in family:
        try:
            with open(f"/proc/{member}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def port_is_closed(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_many_clients_and_a_runaway_query(tmp_path):
    server = start("--timeout", str(TIMEOUT))
    latencies: list[float] = []
    failures: list[str] = []
    memory: list[int] = []
    runaway: dict[str, object] = {}
    deadline = time.monotonic() + LOAD_SECONDS
    lock = threading.Lock()

    def client(number: int) -> None:
        count = 0
        while time.monotonic() < deadline and count < 2_000:
            query = QUICK[(number + count) % len(QUICK)]
            began = time.monotonic()
            try:
                status, body = sparql(server.port, query)
            except OSError as error:
                status, body = 0, str(error)
            with lock:
                latencies.append(time.monotonic() - began)
                if status != 200:
                    failures.append(f"{status} {body[:200]}")
            count += 1

    def long_one() -> None:
        began = time.monotonic()
        runaway["answer"] = sparql(server.port, RUNAWAY)
        runaway["seconds"] = time.monotonic() - began

    def watch_memory() -> None:
        while time.monotonic() < deadline + TIMEOUT:
            memory.append(resident_bytes(server.process.pid))
            time.sleep(0.25)

    threads = [threading.Thread(target=long_one), threading.Thread(target=watch_memory)]
    threads += [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(LOAD_SECONDS + REQUEST_LIMIT + 10)
        assert not any(thread.is_alive() for thread in threads)
        still = sparql(server.port, QUICK[0], accept="text/csv")
    finally:
        code, output = stop(server, signal.SIGINT)

    assert failures == []
    assert len(latencies) >= 100, f"only {len(latencies)} answers in {LOAD_SECONDS} s"
    p95 = statistics.quantiles(latencies, n=20)[-1]
    assert p95 < 5.0, f"p95 latency {p95:.2f} s"
    status, body = runaway["answer"]
    assert status == 503 and body == f"the query was stopped after {TIMEOUT:g} s, its time limit\n"
    assert TIMEOUT <= runaway["seconds"] < TIMEOUT + 10
    pm = "https://w3id.org/careergraph/pm/"
    assert still[0] == 200 and sorted(still[1].split()[1:]) == [
        pm + "director-of-product", pm + "group-product-manager", pm + "principal-product-manager"]
    assert memory and max(memory) < MEMORY_CAP, f"{max(memory) / 2**20:.0f} MiB"
    assert code == 0 and "Traceback" not in output and "careergraph: stopped" in output
    assert port_is_closed(server.port)


def test_bad_requests_get_4xx_and_the_server_keeps_serving():
    server = start("--timeout", str(TIMEOUT))
    port = server.port
    try:
        cases = {
            "oversized body": (request(port, "POST", "/sparql", b"#" * (64 * 1024 + 1) + b"\nASK {}",
                                       {"Content-Type": "application/sparql-query"}), 413),
            "oversized form": (request(port, "POST", "/sparql",
                                       b"query=" + b"a" * (1024 * 1024),
                                       {"Content-Type": "application/x-www-form-urlencoded"}), 413),
            "bad content type": (request(port, "POST", "/sparql", b"ASK {}",
                                         {"Content-Type": "application/octet-stream"}), 415),
            "no content type": (request(port, "POST", "/sparql", b"ASK {}"), 415),
            "not UTF-8": (request(port, "POST", "/sparql", b"ASK { ?s ?p \"\xff\" }",
                                  {"Content-Type": "application/sparql-query"}), 400),
            "malformed query": (sparql(port, "SELECT ?x WHERE { ?x"), 400),
            "no query": (request(port, "GET", "/sparql"), 400),
            "two queries": (request(port, "GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D"), 400),
            "update": (request(port, "POST", "/sparql", b"update=DROP+ALL",
                               {"Content-Type": "application/x-www-form-urlencoded"}), 403),
            "update media type": (request(port, "POST", "/sparql", b"DROP ALL",
                                          {"Content-Type": "application/sparql-update"}), 403),
            "unknown path": (request(port, "GET", "/etc/passwd"), 404),
            "unknown named query": (request(port, "GET", "/queries/nope"), 404),
            "wrong method": (request(port, "DELETE", "/sparql"), 405),
            "unacceptable": (sparql(port, QUICK[0], accept="image/png"), 406),
            "foreign host": (request(port, "GET", "/sparql?query=ASK%7B%7D",
                                     headers={"Host": "evil.example"}), 400),
        }
        for name, ((status, body), wanted) in cases.items():
            assert status == wanted, (name, status, body[:300])
            assert "Traceback" not in body
        long_query = "ASK { ?s ?p \"" + "x" * 100_000 + "\" }"
        status, body = request(port, "GET", "/sparql?" + urllib.parse.urlencode({"query": long_query}))
        assert status == 414 and "the query string is over the limit of 65,536 bytes" in body
        status, body = request(port, "GET", "/queries/role-skills?role=" + "x" * 100_000)
        assert status == 414
        assert sparql(port, QUICK[1])[0] == 200  # still serving
    finally:
        code, output = stop(server, signal.SIGTERM)
    assert code == 0 and "Traceback" not in output
    assert port_is_closed(port)


def test_sigterm_during_a_running_query_stops_at_once():
    server = start("--timeout", "60")
    answers: list[object] = []
    thread = threading.Thread(target=lambda: answers.append(_try(sparql, server.port, RUNAWAY)))
    thread.start()
    time.sleep(1.0)
    children_before = _children_of(server.process.pid)  # the query runs in a forked child
    began = time.monotonic()
    code, output = stop(server, signal.SIGTERM)
    stopped_in = time.monotonic() - began
    thread.join(REQUEST_LIMIT)
    assert children_before
    assert code == 0 and "Traceback" not in output
    assert stopped_in < 15, "the server waited for the runaway query"
    assert port_is_closed(server.port)
    assert not _children_of(server.process.pid)


def _try(function, *args):
    try:
        return function(*args)
    except OSError as error:
        return error


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_clean_shutdown(signal_number):
    server = start()
    assert sparql(server.port, QUICK[1])[0] == 200
    code, output = stop(server, signal_number)
    assert code == 0 and "Traceback" not in output and "careergraph: stopped" in output
    assert port_is_closed(server.port)
