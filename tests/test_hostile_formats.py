"""Hostile input, round two: how careergraph reads RDF data files and writes RDF back.

- JSON-LD contexts named by URL or path, at any depth, are never loaded: rdflib's parser runs
  with a loader that loads nothing (a loopback server counts connections; the corpus's audit
  hook records every open and connect);
- N-Triples reads in linear time (16,000 triples on one line, a 5 MB literal) and its errors
  name the line and show a short excerpt, never the whole line;
- lone surrogates, integers of over 4,300 digits, invalid IRIs, devices and FIFOs: one line,
  exit 2, in every input format;
- what ``export`` writes (Turtle, N-Triples, JSON-LD), careergraph reads back: control
  characters escaped, literals kept as they are, and what cannot be written is refused.

The inputs are in ``tests/hostile/rdf/``; the big ones are made here. Commands run in-process
through the ``run`` fixture of :mod:`test_hostile_corpus` (no traceback, no network, no read
outside what was named).
"""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest
import rdflib
import test_hostile_corpus as corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from test_hostile_corpus import assert_mistake, assert_outputs_untouched

from careergraph.errors import CareerGraphError, DataFileError
from careergraph.load import load_graph, parse_file
from careergraph.load.readback import MAX_INT_DIGITS
from careergraph.load.write import rdf_bytes

run, cache_home, out = corpus.run, corpus.cache_home, corpus.out  # the corpus's fixtures, as they are

RDF = Path(__file__).parent / "hostile" / "rdf"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PM_ROLE = URIRef("https://w3id.org/careergraph/pm/product-manager")
EX = "http://example.org/hostile/"


# --- item 1: no JSON-LD context is loaded, at any depth -----------------------------------------

class ContextServer:
    """A loopback HTTP server that serves a valid JSON-LD context and counts the connections to it."""

    CONTEXT: ClassVar[dict] = {"@context": {"name": "http://www.w3.org/2004/02/skos/core#prefLabel"}}

    def __init__(self) -> None:
        counter = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                body = json.dumps(counter.CONTEXT).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        class Counting(http.server.ThreadingHTTPServer):
            def get_request(self):  # every accepted connection, whatever it sends
                counter.connections += 1
                return super().get_request()

        self.connections = 0
        self.server = Counting(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/context.jsonld"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def context_server():
    server = ContextServer()
    yield server
    server.close()


def documents(ref: str) -> dict[str, dict]:
    """JSON-LD documents naming the context ``ref`` in each place a processor would load it from."""
    a = "http://example.org/hostile/a"
    return {
        "top": {"@context": ref, "@id": a, "name": "A"},
        "list": {"@context": [ref], "@id": a, "name": "A"},
        "list in a list": {"@context": [[ref]], "@id": a, "name": "A"},
        "three lists deep": {"@context": [[[ref]]], "@id": a, "name": "A"},
        "type-scoped": {"@context": {"T": {"@id": EX + "T", "@context": [[ref]]}},
                        "@id": a, "@type": "T", "name": "A"},
        "property-scoped": {"@context": {"part": {"@id": EX + "part", "@context": [ref]}},
                            "@id": a, "part": {"name": "A"}},
        "inside @graph": {"@graph": [{"@context": [[ref]], "@id": a, "name": "A"}]},
        "in a nested node": {"@id": a, EX + "part": [{"@context": [[ref]], "name": "A"}]},
        "after a null context": {"@context": None, "@id": a, EX + "part": {"@context": [[ref]], "name": "A"}},
        "@import": {"@context": {"@import": ref}, "@id": a, "name": "A"},
        "@import in a list": {"@context": [{"@context": {"@import": ref}}], "@id": a, "name": "A"},
    }


PLACES = list(documents("x"))


@pytest.fixture
def secret_context(tmp_path) -> Path:
    """A valid context file outside the data file's folder: reading it would be reading a file not named."""
    path = tmp_path / "elsewhere" / "context.jsonld"
    path.parent.mkdir()
    path.write_text(json.dumps(ContextServer.CONTEXT))
    return path


def context_refs(kind: str, server: ContextServer, secret: Path, data: Path) -> str:
    return {"http": server.url, "file URL": secret.as_uri(), "absolute path": str(secret),
            "relative path": os.path.relpath(secret, data.parent)}[kind]


@pytest.mark.parametrize("walk", ["with the early walk", "loader only"])
@pytest.mark.parametrize("kind", ["http", "file URL", "absolute path", "relative path"])
@pytest.mark.parametrize("place", PLACES)
def test_no_json_ld_context_is_loaded_from_anywhere(run, tmp_path, context_server, secret_context,
                                                    monkeypatch, place, kind, walk):
    if walk == "loader only":  # the walk over the document finds nothing: the loader alone must refuse
        monkeypatch.setattr("careergraph.load.jsonld.remote_contexts", lambda document: iter(()))
    data = tmp_path / "data" / "doc.jsonld"
    data.parent.mkdir()
    ref = context_refs(kind, context_server, secret_context, data)
    data.write_text(json.dumps(documents(ref)[place], indent=2))
    result = run(["validate", "-d", data])
    assert_mistake(result, rf"doc\.jsonld: refers to the JSON-LD context '{re.escape(ref)}', which "
                           r"careergraph does not fetch; put the context in the file")
    assert context_server.connections == 0
    assert str(secret_context) not in result.opened


@pytest.mark.parametrize("place", ["list in a list", "type-scoped", "inside @graph", "@import in a list"])
def test_without_the_guard_rdflib_does_load_those_contexts(context_server, secret_context, place):
    """The control: rdflib on its own fetches the URL and reads the file, so the test above means something."""
    before = context_server.connections
    fetched = rdflib.Graph().parse(data=json.dumps(documents(context_server.url)[place]), format="json-ld")
    assert context_server.connections > before
    read = rdflib.Graph().parse(data=json.dumps(documents(secret_context.as_uri())[place]), format="json-ld")
    label = URIRef(SKOS + "prefLabel")
    assert {str(o) for o in fetched.objects(None, label)} == {"A"} == {str(o) for o in read.objects(None, label)}


def test_the_loader_is_in_place_only_while_careergraph_parses():
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    from careergraph.load.jsonld import contexts_refused

    original = vars(jsonld_context.Context)["_fetch_context"]
    loader = jsonld_context.source_to_json
    with contexts_refused(), contexts_refused():  # nested, as parses in two threads would be
        assert vars(jsonld_context.Context)["_fetch_context"] is not original
    assert vars(jsonld_context.Context)["_fetch_context"] is original
    assert jsonld_context.source_to_json is loader
    with pytest.raises(DataFileError, match=r"^x\.jsonld: refers to the JSON-LD context 'http://127\.0\.0\.1:9/c'"), \
            contexts_refused("x.jsonld"):
        rdflib.Graph().parse(data='{"@context": [["http://127.0.0.1:9/c"]], "@id": "http://e/a"}',
                             format="json-ld")
    assert vars(jsonld_context.Context)["_fetch_context"] is original
    inline = rdflib.Graph().parse(data='{"@context": {"n": "http://e/n"}, "@id": "http://e/a", "n": "x"}',
                                  format="json-ld")
    assert len(inline) == 1


def test_json_ld_is_parsed_safely_from_many_threads_at_once(tmp_path, context_server):
    good = tmp_path / "good.jsonld"
    good.write_text(json.dumps({"@context": {"n": SKOS + "prefLabel"}, "@id": EX + "a", "n": "A"}))
    bad = tmp_path / "bad.jsonld"
    bad.write_text(json.dumps(documents(context_server.url)["list in a list"]))
    outcomes: list[object] = []

    def parse(path: Path) -> None:
        for _ in range(20):
            try:
                outcomes.append(len(parse_file(path)))
            except DataFileError as error:
                outcomes.append(error.reason[:25])

    threads = [threading.Thread(target=parse, args=(p,)) for p in (good, bad, good, bad)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(outcomes), key=str) == [1, "refers to the JSON-LD con"]
    assert context_server.connections == 0
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    assert vars(jsonld_context.Context)["_fetch_context"].__module__.startswith("rdflib")


CONTEXT_FILES = {  # tests/hostile/rdf/ file -> the context its one line names
    "context-list-in-list.jsonld": "http://127.0.0.1:9/context.jsonld",
    "context-type-scoped.jsonld": "http://127.0.0.1:9/context.jsonld",
    "context-in-graph.jsonld": "http://127.0.0.1:9/context.jsonld",
    "context-import.jsonld": "http://127.0.0.1:9/context.jsonld",
    "context-after-null.jsonld": "http://127.0.0.1:9/context.jsonld",
    "context-relative-path.jsonld": "../ladders/empty.yaml",
    "context-file-url.jsonld": "file:///etc/passwd",
}


@pytest.mark.parametrize("command", list(corpus.reading_commands(Path(), Path())))
@pytest.mark.parametrize("name", list(CONTEXT_FILES))
def test_context_files_of_the_corpus(run, out, name, command):
    result = run(corpus.reading_commands(RDF / name, out)[command])
    assert_mistake(result, rf"{re.escape(name)}: refers to the JSON-LD context "
                           rf"'{re.escape(CONTEXT_FILES[name])}', which careergraph does not fetch")
    assert "/etc/passwd" not in result.opened
    assert not any(p.endswith("empty.yaml") for p in result.opened)
    assert_outputs_untouched(out)


# --- item 9: N-Triples in linear time, short messages ---------------------------------------------

def n_triple(i: int) -> str:
    return f'<http://example.org/s{i}> <http://example.org/p> "value {i}" .'


def test_16000_triples_on_one_line_are_one_short_error(run, tmp_path):
    """N-Triples has one triple a line; rdflib took seconds to say so and repeated the 1 MB line."""
    path = tmp_path / "one-line.nt"
    path.write_text(" ".join(n_triple(i) for i in range(16_000)) + "\n")
    result = run(["validate", "-d", path])
    assert_mistake(result, r"one-line\.nt:1: not a valid N-Triples line: one triple a line, and another "
                           r"one starts here \(column 60: '<http://example\.org/s1> .{20,}\.\.\.'\)")
    assert len(result.err) < 300


def test_16000_triples_on_16000_lines_read(tmp_path):
    path = tmp_path / "lines.nt"
    path.write_text("\n".join(n_triple(i) for i in range(16_000)) + "\n")
    graph = parse_file(path)
    assert len(graph) == 16_000
    assert Literal("value 15999") in set(graph.objects(URIRef("http://example.org/s15999")))


@pytest.mark.parametrize("suffix", [".nt", ".ttl"])
def test_a_5_mb_literal_reads_and_exports(run, tmp_path, suffix):
    """rdflib's N-Triples parser took 90 to 170 s on this line; Oxigraph's reads it at once."""
    value = "x" * 5_000_000
    path = tmp_path / f"big{suffix}"
    path.write_text(f'<{PM_ROLE}> <{SKOS}definition> "{value}"@en .\n')
    graph = parse_file(path)
    assert [len(o) for o in graph.objects(PM_ROLE)] == [5_000_000]
    export = tmp_path / "export.nt"
    assert run(["export", "-d", path, "--out", export]).code == 0
    back = parse_file(export)
    assert Literal(value, lang="en") in set(back.objects(PM_ROLE, URIRef(SKOS + "definition")))


@pytest.mark.parametrize("text, pattern", [
    ("<http://a/s> <http://a/p> \"" + "y" * 1_000_000 + "\"\n<http://a/s> <http://a/p> \"z\" .\n",
     r"long\.nt:1: not a valid N-Triples line: a triple ends with ' \.'$"),
    ("<http://a/s> <http://a/p> \"ok\" .\n<http://a/s> <http://a/p> " + "z" * 1_000_000 + " .\n",
     r"long\.nt:2: not a valid N-Triples line: the object of a triple must be an IRI, a blank node or a "
     r"literal \(column 27: 'z{57}\.\.\.'\)$"),
    ("# a comment\n\n<http://a/s> <http://a/p> <http://a/o> .\n<http://a/s> <http://a/p> oops .\n",
     r"long\.nt:4: not a valid N-Triples line: .* \(column 27: 'oops \.'\)$"),
    ("<http://a/s> <http://a/p> \"" + "w" * 1_000_000 + "\" .\n<http://a/s> <http://a/p> \"v\"\n\n# end\n",
     r"long\.nt:2: not a valid N-Triples line: a triple ends with ' \.'$"),
])
def test_an_n_triples_error_names_the_line_and_shows_little_of_it(run, tmp_path, text, pattern):
    path = tmp_path / "long.nt"
    path.write_text(text)
    result = run(["info", "-d", path])
    assert_mistake(result, pattern)
    assert len(result.err) < 300


NT_FILES = {
    "two-triples-a-line.nt": r":1: not a valid N-Triples line: one triple a line, and another one starts "
                             r"here \(column 86: '<http://example\.org/hostile/b> ",
    "triple-term.nt": r":1: not a valid N-Triples line: a triple term .* is RDF 1\.2, which careergraph does "
                      r"not read",
    "base-direction.nt": r":1: not a valid N-Triples line: a base direction .* is RDF 1\.2",
    "bad-line.nt": r":2: not a valid N-Triples line: a triple ends with ' \.'",
}


@pytest.mark.parametrize("command", ["validate", "info", "export", "query", "compare"])
@pytest.mark.parametrize("name", list(NT_FILES))
def test_n_triples_files_of_the_corpus(run, out, name, command):
    result = run(corpus.reading_commands(RDF / name, out)[command])
    assert_mistake(result, re.escape(name) + NT_FILES[name])
    assert_outputs_untouched(out)


# --- item 6: one line and exit 2 for surrogates, long integers, devices, in every format ----------

REFUSED = {  # tests/hostile/rdf/ file -> what its one line says after the file name
    "lone-surrogate.ttl": r":8: pm:product-manager skos:altLabel: the text 'Product \\ud800 Manager' holds a "
                          r"lone surrogate \(U\+D800\), which is not a character",
    "surrogate-pair-escape.ttl": r":8: pm:product-manager skos:altLabel: the text 'Rocket \\ud83d\\ude80' holds "
                                 r"the halves of a UTF-16 pair.*\\U0001F680",
    "lone-surrogate-iri.ttl": r":7: <http://example\.org/hostile/\\udc00> rdf:type: the IRI .* lone surrogate",
    "lone-surrogate.nt": r":2: not a valid N-Triples line: the escape \\uD800 is a lone surrogate, which is not "
                         r"a character \(column 107: '\\uD800 Manager\"@en \.'\)",
    "lone-surrogate.jsonld": r":4:29: the string holds a lone surrogate \(\\ud800\), which is not a character",
    "lone-low-surrogate-key.jsonld": r":3:32: the string holds a lone surrogate \(\\udc00\)",
    "long-integer.jsonld": r":4:19: a number of 5,000 digits; careergraph reads integers of at most 4,300 digits",
    "long-integer-value.jsonld": r":8: pm:product-manager cg:seniority: an integer of 5,000 digits "
                                 r"\('7{17}\.\.\.'\); careergraph reads integers of at most 4,300 digits",
    "long-integer.ttl": r":7:33: an integer of 5,000 digits; careergraph reads integers of at most 4,300 digits",
    "long-typed-integer.ttl": r":7: pm:product-manager cg:seniority: an integer of 5,000 digits",
    "long-typed-integer.nt": r":1: pm:product-manager cg:seniority: an integer of 5,000 digits",
    "invalid-iri.ttl": r":7: <http://example\.org/hostile/a role> rdf:type: the IRI "
                       r"<http://example\.org/hostile/a role> is not valid: Invalid IRI code point ' '",
    "invalid-language.ttl": r":7: pm:product-manager skos:altLabel: the language tag 'productmanager' is not valid",
}
COMMANDS = ["validate", "info", "describe", "query", "path", "gap", "export", "compare", "import"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", list(REFUSED))
def test_files_careergraph_could_not_write_back_are_refused(run, out, name, command):
    result = run(corpus.reading_commands(RDF / name, out)[command])
    assert_mistake(result, re.escape(name) + REFUSED[name])
    assert len(result.err) < 400
    assert_outputs_untouched(out)


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_store_is_not_built_from_a_refused_file(run, tmp_path, name):
    result = run(["load", RDF / name, "--store", tmp_path / "store", "--no-prepare"])
    assert result.code == 2 and result.err.count("\n") == 1 and name in result.err
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("text, suffix", [
    ('{"@id": "http://example.org/a", "http://example.org/n": ' + "9" * MAX_INT_DIGITS + "}", ".jsonld"),
    (f"<http://example.org/a> <http://example.org/n> {'9' * MAX_INT_DIGITS} .", ".ttl"),
    (f'<http://example.org/a> <http://example.org/n> "{"9" * MAX_INT_DIGITS}"^^<{XSD}integer> .', ".nt"),
    ('{"@id": "http://example.org/a", "http://example.org/n": "\\ud83d\\ude80 \\\\ud800"}', ".jsonld"),
    ('{"@id": "http://example.org/a", "http://example.org/n": "' + "1" * 5000 + '"}', ".jsonld"),
    ('<http://example.org/a> <http://example.org/n> "a\\\\uD800b" .', ".ttl"),
    ('<http://example.org/a> <http://example.org/n> 1.' + "1" * 5000 + " .", ".ttl"),
])
def test_what_is_just_inside_the_limits_reads(tmp_path, text, suffix):
    path = tmp_path / f"fine{suffix}"
    path.write_text(text + "\n")
    (value,) = parse_file(path).objects()
    assert str(value) in {"9" * MAX_INT_DIGITS, "🚀 \\ud800", "1" * 5000, "a\\uD800b"} or len(value) > 5000


def careergraph_process(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``careergraph ARGS`` in a child with a time limit and 2 GiB of address space: a read of /dev/zero
    or a wait on a FIFO fails the test instead of hanging it or eating the machine's memory."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = dict(os.environ, CAREERGRAPH_NO_CACHE="1")
    return subprocess.run([sys.executable, "-m", "careergraph.cli.main", *argv], capture_output=True,
                          text=True, timeout=120, cwd=cwd, env=env, preexec_fn=limit)


@pytest.fixture
def devices(tmp_path) -> dict[str, Path]:
    made = {"/dev/zero": Path("/dev/zero")}
    for name, target in (("zero.ttl", "/dev/zero"), ("urandom.nt", "/dev/urandom"), ("null.jsonld", "/dev/null")):
        (tmp_path / name).symlink_to(target)
        made[name] = tmp_path / name
    for name in ("pipe.nt", "pipe.ttl", "pipe.yaml"):
        os.mkfifo(tmp_path / name)
        made[name] = tmp_path / name
    return made


@pytest.mark.parametrize("name", ["/dev/zero", "zero.ttl", "urandom.nt", "null.jsonld", "pipe.nt", "pipe.ttl",
                                  "pipe.yaml"])
@pytest.mark.parametrize("command", ["validate", "info", "export", "load"])
def test_devices_and_fifos_are_refused_at_once(tmp_path, devices, name, command):
    data = str(devices[name])
    argv = {"validate": ["validate", "-d", data], "info": ["info", "-d", data],
            "export": ["export", "-d", data, "--out", str(tmp_path / "x.ttl")],
            "load": ["load", data, "--store", str(tmp_path / "store")]}[command]
    done = careergraph_process(argv, tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"{data}: is not a regular file (a device, a FIFO or a socket, which may never end)" in done.stderr
    assert not (tmp_path / "x.ttl").exists() and not (tmp_path / "store").exists()


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(run, tmp_path):
    from careergraph.load.parse import MAX_FILE_BYTES

    huge = tmp_path / "huge.ttl"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    result = run(["validate", "-d", huge])
    assert_mistake(result, r"huge\.ttl: is 1,024 MiB; careergraph reads at most 1,024 MiB into memory: load "
                           r"it into a store instead")


# --- item 12: what careergraph writes, it reads back ---------------------------------------------

@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_control_characters_survive_export_and_validate(run, tmp_path, fmt):
    """rdflib wrote a NUL raw into Turtle and N-Triples, which careergraph then refused as binary data."""
    source = RDF / "control-characters.ttl"
    export = tmp_path / f"export.{fmt}"
    assert run(["export", "-d", source, "--out", export]).code == 0
    assert b"\x00" not in export.read_bytes() and b"\x07" not in export.read_bytes()
    validated = run(["validate", "-d", export])
    assert validated.code == 0, validated.err
    labels = set(parse_file(export).objects(PM_ROLE, URIRef(SKOS + "altLabel")))
    assert {Literal("nul\x00here", lang="en"), Literal("bell\x07 and escape\x1b[31m", lang="en"),
            Literal("delete\x7f vt\x0b ff\x0c", lang="en")} <= labels


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_literals_and_blank_nodes_read_back_as_they_were(run, tmp_path, fmt):
    """JSON-LD's writer made "twelve"^^xsd:integer a plain string; "_:a role" was written as it is."""
    source = [RDF / "ill-typed-literals.jsonld", RDF / "blank-node-labels.jsonld"]
    export = tmp_path / f"export.{fmt}"
    assert run(["export", "-d", source[0], "-d", source[1], "--out", export]).code == 0
    back = parse_file(export)
    a = URIRef(EX + "a")
    assert set(back.predicate_objects(a)) == set(parse_file(source[0]).predicate_objects(a))
    assert (None, URIRef(EX + "count"), Literal("twelve", datatype=URIRef(XSD + "integer"))) in back
    chain = [(s, o) for s, o in back.subject_objects(URIRef(EX + "next"))]
    assert len(chain) == 1 and all(isinstance(t, BNode) for t in chain[0])
    assert back.value(chain[0][1], URIRef(EX + "label")) == Literal("B")


@pytest.mark.parametrize("term, pattern", [
    (Literal("Product \ud800 Manager", lang="en"),
     r"the text 'Product \\ud800 Manager' holds a lone surrogate \(U\+D800\)"),
    (URIRef("http://example.org/hostile/a role"), r"the IRI <http://example\.org/hostile/a role> is not valid"),
    (URIRef("http://example.org/hostile/nul\x00"), r"the IRI <http://example\.org/hostile/nul\\x00> is not valid"),
    (Literal("7" * 5000, datatype=URIRef(XSD + "integer")), r"an integer of 5,000 digits"),
    (Literal("x", datatype=URIRef("http://example.org/a type")), r"the datatype <http://example\.org/a type>"),
])
@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_what_cannot_be_written_is_refused_naming_the_node(tmp_path, fmt, term, pattern):
    from careergraph.export import export

    kg = load_graph()
    kg.rdflib_graph().add((PM_ROLE, URIRef(SKOS + "altLabel"), term))  # a term no reader lets in
    target = tmp_path / f"graph.{fmt}"
    target.write_bytes(b"old\n")
    with pytest.raises(CareerGraphError) as refused:
        export(kg, fmt, target)
    name = {"ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD"}[fmt]
    message = str(refused.value)
    assert re.match(rf"cannot write pm:product-manager skos:altLabel as {name}: ", message), message
    assert re.search(pattern, message) and "\n" not in message and len(message) < 300
    assert target.read_bytes() == b"old\n" and sorted(p.name for p in tmp_path.iterdir()) == [target.name]


LANGUAGES = st.sampled_from([None, "en", "ar", "en-GB", "zh-Hant"])


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=40), language=LANGUAGES, fmt=st.sampled_from(["ttl", "nt", "jsonld"]))
def test_any_text_reads_back_exactly(tmp_path_factory, text, language, fmt):
    """Every character but a surrogate (which hypothesis's text never holds), any language."""
    graph = rdflib.Graph()
    value = Literal(text, lang=language)
    graph.add((URIRef(EX + "a"), URIRef(EX + "p"), value))
    path = tmp_path_factory.mktemp("round") / f"back.{fmt}"
    path.write_bytes(rdf_bytes(graph, fmt))
    (back,) = parse_file(path).objects()
    assert (str(back), (back.language or "").lower()) == (text, (language or "").lower())


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_typed_literals_read_back_the_same(tmp_path, fmt):
    values = [("twelve", "integer"), ("007", "integer"), ("12", "integer"), ("1", "boolean"), ("true", "boolean"),
              ("NaN", "double"), ("INF", "double"), ("1.5", "double"), ("1e400", "double"),
              ("2024-02-30", "date"), ("9" * MAX_INT_DIGITS, "integer"), ("-0", "integer")]
    graph = rdflib.Graph()
    for i, (lexical, datatype) in enumerate(values):
        graph.add((URIRef(EX + "a"), URIRef(f"{EX}p{i}"), Literal(lexical, datatype=URIRef(XSD + datatype))))
    path = tmp_path / f"back.{fmt}"
    path.write_bytes(rdf_bytes(graph, fmt))
    back = {(p, str(o), str(o.datatype)) for p, o in parse_file(path).predicate_objects()}
    assert back == {(p, str(o), str(o.datatype)) for p, o in graph.predicate_objects()}
