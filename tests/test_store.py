"""The stores: binding values into query text, building a persistent store, and their refusals."""

from __future__ import annotations

import json
import re

import pytest
import rdflib
from rdflib.compare import isomorphic

from careergraph.errors import CareerGraphError, DataFileError
from careergraph.load import load_graph
from careergraph.session import open_graph
from careergraph.sparql.values import bind_values, query_form
from careergraph.store import METADATA, EndpointStore, is_store, read_metadata, term_to_sparql
from careergraph.load.into_store import build_store

PM = "https://w3id.org/careergraph/pm/"
PREAMBLE = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/acme/> .
"""
X = {"x": "<http://example.org/x>"}


# --- VALUES blocks ----------------------------------------------------------------


def test_values_go_into_every_group_that_mentions_the_variable():
    text = ("SELECT ?y WHERE { { ?x ?p ?y } UNION { ?y ?p ?z } "
            "OPTIONAL { ?y ?q ?x } FILTER NOT EXISTS { ?x ?r ?y } }")
    bound = bind_values(text, X)
    assert bound.count("VALUES (?x) { (<http://example.org/x>) }") == 4  # main, 1st branch, OPTIONAL, NOT EXISTS
    assert "UNION { ?y ?p ?z }" in bound  # the branch without ?x stays as it was


def test_minus_without_the_variable_is_left_alone():
    bound = bind_values("SELECT * WHERE { ?x ?p ?o MINUS { ?o ?q ?r } }", X)
    assert bound.endswith("MINUS { ?o ?q ?r } }")


def test_data_blocks_templates_and_sub_selects_are_not_groups():
    text = ("CONSTRUCT { ?x ?p ?o } WHERE { VALUES ?p { <http://a> } "
            "{ SELECT ?x ?o WHERE { ?x ?p ?o } } }")
    bound = bind_values(text, X)
    assert bound.startswith("CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?x)")
    assert "VALUES ?p { <http://a> }" in bound
    assert "{ SELECT ?x ?o WHERE { VALUES (?x) { (<http://example.org/x>) } ?x ?p ?o } }" in bound
    rdflib.Graph().query(bound)  # still a valid query


def test_braces_and_keywords_in_strings_iris_and_comments_are_text():
    text = 'SELECT ?x WHERE { # a comment { WHERE\n ?x ?p "} WHERE { VALUES" . ?x ?q <http://a/{b}> }'
    bound = bind_values(text, X)
    assert bound.count("VALUES (?x)") == 1
    assert '"} WHERE { VALUES"' in bound


def test_the_short_construct_gets_a_trailing_block():
    assert bind_values("CONSTRUCT WHERE { ?x ?p ?o }", X).endswith(
        "\nVALUES (?x) { (<http://example.org/x>) }")


def test_query_form_skips_comments_and_strings():
    assert query_form('# CONSTRUCT\nASK { ?s ?p "SELECT" }') == "ask"
    assert query_form("PREFIX select: <http://x#> DESCRIBE select:a") == "describe"


@pytest.mark.parametrize("value", ['say "hi"\n}', 'x\n\\"', 'a"""\n} ; DROP ALL #', "tab\t\\"])
def test_a_literal_comes_back_as_itself(value):
    import pyoxigraph

    for literal in (rdflib.Literal(value), rdflib.Literal(value, lang="en")):
        text = f"SELECT ?v WHERE {{ VALUES ?v {{ {term_to_sparql(literal)} }} }}"
        [[term]] = list(pyoxigraph.Store().query(text))
        assert term.value == value


def test_terms_are_serialised_never_pasted():
    assert term_to_sparql(rdflib.Literal('say "hi"\n}', lang="en")) == '"say \\"hi\\"\\n}"@en'
    assert term_to_sparql(rdflib.Literal(3)) == '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    with pytest.raises(CareerGraphError, match="blank node"):
        term_to_sparql(rdflib.BNode())
    with pytest.raises(CareerGraphError, match="may not hold"):
        term_to_sparql(rdflib.URIRef("http://a> } ; DROP ALL #"))


# --- building a store ---------------------------------------------------------------


def store_triples(path):
    return open_graph(store=path).rdflib_graph()


def test_the_store_holds_exactly_the_loaded_graph(tmp_path, builtin_graph):
    build_store(tmp_path / "store")
    assert isomorphic(store_triples(tmp_path / "store"), builtin_graph.rdflib_graph())


def test_layers_override_like_in_memory(tmp_path):
    layer = tmp_path / "override.ttl"
    layer.write_text(PREAMBLE + """
pm:product-manager cg:seniority 3 ; skos:prefLabel "Product Lead"@en ; skos:altLabel "PL"@en .
ex:level a owl:FunctionalProperty .
pm:vp-of-product ex:level 1 .
""", encoding="utf-8")
    again = tmp_path / "again.ttl"
    again.write_text(PREAMBLE + "pm:vp-of-product ex:level 2 .\npm:product-manager cg:seniority 3, 4 .\n",
                     encoding="utf-8")
    build_store(tmp_path / "store", [layer, again])
    memory = load_graph([layer, again]).rdflib_graph()
    stored = store_triples(tmp_path / "store")
    assert isomorphic(stored, memory)
    role = rdflib.URIRef(PM + "product-manager")
    assert set(stored.objects(role, rdflib.URIRef("https://w3id.org/careergraph/ontology#seniority"))) \
        == {rdflib.Literal(3), rdflib.Literal(4)}  # two values in one layer are kept, for validation
    assert list(stored.objects(rdflib.URIRef(PM + "vp-of-product"),
                               rdflib.URIRef("http://example.org/acme/level"))) == [rdflib.Literal(2)]


def test_a_layer_declaring_its_own_functional_property(tmp_path):
    layer = tmp_path / "own.ttl"
    layer.write_text(PREAMBLE + "pm:vp-of-product ex:band 7 .\nex:band a owl:FunctionalProperty .\n"
                     "pm:product-manager cg:track cg:Management .\n", encoding="utf-8")
    base = tmp_path / "base.ttl"
    base.write_text(PREAMBLE + "pm:vp-of-product ex:band 6 .\n", encoding="utf-8")
    build_store(tmp_path / "store", [base, layer])
    assert isomorphic(store_triples(tmp_path / "store"), load_graph([base, layer]).rdflib_graph())


def test_ladders_in_yaml_and_json_ld_load_too(tmp_path):
    from careergraph.resources import example_path

    jsonld = tmp_path / "extra.jsonld"
    jsonld.write_text(json.dumps({"@context": {"skos": "http://www.w3.org/2004/02/skos/core#"},
                                  "@id": PM + "vp-of-product",
                                  "skos:altLabel": {"@value": "Head of Product", "@language": "en"}}),
                      encoding="utf-8")
    files = [example_path("acme-ladder.yaml"), jsonld]
    metadata = build_store(tmp_path / "store", files)
    assert isomorphic(store_triples(tmp_path / "store"), load_graph(files).rdflib_graph())
    assert [layer["name"] for layer in metadata["layers"]][2:] == [str(f) for f in files]


def test_the_store_records_what_it_was_built_from(tmp_path):
    data = tmp_path / "extra.nt"
    data.write_text(f'<{PM}product-manager> <http://www.w3.org/2004/02/skos/core#altLabel> "PMgr"@en .\n',
                    encoding="utf-8")
    build_store(tmp_path / "store", [data])
    metadata = read_metadata(tmp_path / "store")
    assert json.loads((tmp_path / "store" / METADATA).read_text()) == metadata
    assert metadata["layers"][-1] == {"name": str(data), "builtin": False, "triples": 1}
    import hashlib

    assert metadata["files"][-1]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert metadata["triples"] == len(load_graph()) + 1 and len(metadata["build_id"]) == 32


def test_a_folder_that_is_not_a_store_is_never_overwritten(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("precious")
    with pytest.raises(CareerGraphError, match="not a careergraph store; careergraph does not overwrite"):
        build_store(tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.txt").read_text() == "precious"
    (tmp_path / "file").write_text("x")
    with pytest.raises(CareerGraphError, match="a file that is not a careergraph store"):
        build_store(tmp_path / "file")


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_failed_load_leaves_the_old_store_as_it_was(tmp_path):
    build_store(tmp_path / "store")
    before = read_metadata(tmp_path / "store")
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREAMBLE + "ex:a ex:b .\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape("bad.ttl: Parser error at line 6 column 11")):
        build_store(tmp_path / "store", [bad])
    assert read_metadata(tmp_path / "store") == before
    assert len(open_graph(store=tmp_path / "store")) == len(load_graph())
    assert leftovers(tmp_path) == []


def test_an_interrupted_load_leaves_the_old_store_as_it_was(tmp_path):
    from synthetic import write_ntriples  # tools/synthetic.py (tools/ is on pytest's path)

    build_store(tmp_path / "store")
    before = read_metadata(tmp_path / "store")
    big = tmp_path / "big.nt"
    write_ntriples(big, families=20, levels=10, skills=50, requirements=6)

    def interrupt(done, total, what):
        if what == str(big) and done > total // 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_store(tmp_path / "store", [big], progress=interrupt)
    assert read_metadata(tmp_path / "store") == before
    assert leftovers(tmp_path) == []
    assert is_store(tmp_path / "store")


# --- opening ---------------------------------------------------------------------


def test_opening_refuses_what_cannot_work(tmp_path):
    with pytest.raises(CareerGraphError, match="no such store"):
        open_graph(store=tmp_path / "none")
    (tmp_path / "plain").mkdir()
    with pytest.raises(CareerGraphError, match="not a careergraph store"):
        open_graph(store=tmp_path / "plain")
    with pytest.raises(CareerGraphError, match="not both"):
        open_graph(store=tmp_path / "plain", endpoint="http://127.0.0.1:1/")
    with pytest.raises(CareerGraphError, match="-d FILE cannot be combined with --endpoint"):
        open_graph(["a.ttl"], endpoint="http://127.0.0.1:1/")


def test_an_endpoint_that_does_not_answer(tmp_path):
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    kg = open_graph(endpoint=f"http://127.0.0.1:{port}/sparql")
    with pytest.raises(CareerGraphError, match=f"cannot reach the SPARQL endpoint http://127.0.0.1:{port}/sparql"):
        len(kg)
    with pytest.raises(CareerGraphError, match="give an http"):
        EndpointStore("file:///etc/passwd")


def test_a_too_big_store_is_not_copied_into_memory(builtin_store, builtin_graph):
    with pytest.raises(CareerGraphError, match=f"holds {len(builtin_graph):,} triples; this needs the whole graph "
                                               "in memory"):
        open_graph(store=builtin_store).store.rdflib_graph(limit=1000)


# --- the command line ---------------------------------------------------------------


def test_load_command(cli, tmp_path, builtin_graph):
    result = cli(["load", "--store", str(tmp_path / "s"), "--format", "json"])
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["triples"] == len(builtin_graph) and report["derived"] == 18
    result = cli(["load", "--store", str(tmp_path / "s")])
    assert result.out.startswith(f"loaded {len(builtin_graph):,} triples (18 derived) from 2 files into "
                                 f"{tmp_path / 's'} in ")


def test_load_prepares_the_cache_for_the_first_command(cli, tmp_path, monkeypatch):
    from careergraph import cache
    from careergraph.session import open_graph
    from careergraph.store import OxigraphStore

    store = tmp_path / "s"
    result = cli(["load", "--store", str(store)])
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].startswith("prepared the role graph and the title index "
                                                 "for later commands in ")
    oxigraph = OxigraphStore(store)
    entry = cache.read(cache.store_key(oxigraph.cache_key))
    assert entry is not None and "role_graph" in entry["structures"]
    kg = open_graph(store=store, cache=True)
    assert "role_graph" in kg.derived.built and len(kg.derived.role_graph) == 11
    result = cli(["load", "--store", str(store), "--no-prepare"])
    assert result.code == 0 and len(result.out.splitlines()) == 1
    monkeypatch.setenv("CAREERGRAPH_NO_CACHE", "1")
    result = cli(["load", "--store", str(store), "--format", "json"])
    assert json.loads(result.out)["prepared_seconds"] is None


def test_commands_refuse_bad_store_options(cli, tmp_path, builtin_store):
    result = cli(["path", "APM", "CPO", "--store", str(tmp_path)])
    assert result.code == 2 and "not a careergraph store" in result.err
    result = cli(["path", "APM", "CPO", "--store", str(builtin_store), "--endpoint", "http://x/"])
    assert result.code == 2 and "not allowed with argument" in result.err
    result = cli(["compare", "builtin", "builtin", "--store", str(builtin_store)])
    assert result.code == 2 and "--store does not apply here" in result.err
    result = cli(["info", "-d", "x.ttl", "--store", str(builtin_store)])
    assert result.code == 2 and "cannot be combined with --store" in result.err


# --- the store package ---------------------------------------------------------------


def test_open_store_opens_a_store_or_an_endpoint(builtin_store):
    from careergraph.store import EndpointStore, OxigraphStore, Store, open_store

    store = open_store(path=builtin_store)
    assert isinstance(store, OxigraphStore) and isinstance(store, Store)
    assert store.cache_key.endswith(read_metadata(builtin_store)["build_id"])
    endpoint = open_store(endpoint="http://127.0.0.1:1/query", timeout=3)
    assert isinstance(endpoint, EndpointStore) and endpoint.timeout == 3
    with pytest.raises(CareerGraphError, match="not both"):
        open_store(path=builtin_store, endpoint="http://127.0.0.1:1/query")
    with pytest.raises(CareerGraphError, match="give --store PATH or --endpoint URL"):
        open_store()


def test_answers_and_rows_pickle(builtin_graph):
    import pickle

    from careergraph.store import Answer

    answer = builtin_graph.query("SELECT ?role ?level WHERE { ?role cg:seniority ?level }")
    again = pickle.loads(pickle.dumps(answer))
    assert isinstance(again, Answer) and again.rows == answer.rows and again.variables == answer.variables
    row = pickle.loads(pickle.dumps(answer.rows[0]))
    assert row.level == answer.rows[0].level


def test_a_construct_answer_keeps_each_triple_once():
    from careergraph.store import Answer

    triple = (rdflib.URIRef("http://x/a"), rdflib.URIRef("http://x/p"), rdflib.Literal(1))
    answer = Answer("construct", triples=[triple, triple])
    assert answer.triples == [triple] and list(answer) == [triple] and len(answer) == 1
    with pytest.raises(ValueError, match="unknown query form"):
        Answer("update")


def test_the_store_package_imports_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys, careergraph.store, careergraph.career_graph\n"
            "print(sorted(m for m in ('rdflib', 'pyoxigraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
