"""The loader: formats, layering and overrides, derived moves, and readable errors."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Literal, URIRef

from careergraph.errors import DataFileError
from careergraph.load import load_graph, parse_file
from careergraph.namespaces import CG, PM, SKOS

APM = URIRef(PM + "associate-product-manager")
PM_ROLE = URIRef(PM + "product-manager")
SENIOR = URIRef(PM + "senior-product-manager")
CPO = URIRef(PM + "chief-product-officer")

PREAMBLE = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix pm: <https://w3id.org/careergraph/pm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/acme/> .
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_layers_and_origins(builtin_graph):
    assert [layer.name for layer in builtin_graph.layers] == [
        "<builtin>/careergraph.ttl", "<builtin>/ladders/product-management.ttl"]
    assert all(layer.builtin and layer.triples > 0 for layer in builtin_graph.layers)
    assert builtin_graph.origin(APM) == "<builtin>/ladders/product-management.ttl"
    assert builtin_graph.origin(URIRef(CG + "Role")) == "<builtin>/careergraph.ttl"


def test_shortcuts_are_derived_from_every_transition(builtin_graph):
    graph = builtin_graph.graph
    transitions = set(graph.subjects(URIRef(CG + "fromRole"), None))
    pairs = {(graph.value(t, URIRef(CG + "fromRole")), graph.value(t, URIRef(CG + "toRole")))
             for t in transitions}
    assert set(graph.subject_objects(URIRef(CG + "canMoveTo"))) == pairs
    assert (APM, PM_ROLE) in set(graph.subject_objects(URIRef(CG + "promotesTo")))
    assert {builtin_graph.label(o) for o in graph.objects(SENIOR, URIRef(CG + "branchesTo"))} == {
        "Group Product Manager", "Principal Product Manager"}
    assert {builtin_graph.label(o) for o in graph.objects(CPO, URIRef(CG + "exitsTo"))} == {
        "General Manager", "Chief Operating Officer"}


def test_a_layer_adds_roles_and_moves(tmp_path):
    ladder = write(tmp_path, "acme.ttl", PREAMBLE + """
ex:staff-pm a cg:Role ; skos:prefLabel "Staff Product Manager"@en ;
    cg:seniority 4 ; cg:track cg:IndividualContributor .
ex:move a cg:Transition ; cg:fromRole pm:senior-product-manager ; cg:toRole ex:staff-pm ;
    cg:transitionKind cg:Promotion .
""")
    kg = load_graph([ladder])
    staff = URIRef("http://example.org/acme/staff-pm")
    assert kg.origin(staff) == str(ladder)
    assert staff in set(kg.graph.objects(SENIOR, URIRef(CG + "promotesTo")))
    assert kg.layers[-1].name == str(ladder) and not kg.layers[-1].builtin


def test_a_later_layer_overrides_single_valued_facts(tmp_path):
    override = write(tmp_path, "override.ttl", PREAMBLE + """
pm:product-manager cg:seniority 3 ; skos:prefLabel "Product Lead"@en ;
    skos:altLabel "PL"@en .
""")
    kg = load_graph([override])
    graph = kg.graph
    assert list(graph.objects(PM_ROLE, URIRef(CG + "seniority"))) == [Literal(3)]
    assert kg.label(PM_ROLE) == "Product Lead"
    alt = {str(a) for a in graph.objects(PM_ROLE, URIRef(SKOS + "altLabel"))}
    assert {"PL", "PM"} <= alt  # alternative titles add up, they are not single-valued


def test_two_values_in_one_layer_are_kept_for_validation_to_see(tmp_path):
    doubled = write(tmp_path, "doubled.ttl", PREAMBLE + "pm:product-manager cg:seniority 3, 4 .\n")
    values = set(load_graph([doubled]).graph.objects(PM_ROLE, URIRef(CG + "seniority")))
    assert values == {Literal(3), Literal(4)}


def test_n_triples_and_json_ld_layers(tmp_path):
    nt = write(tmp_path, "extra.nt",
               f'<{PM}product-manager> <{SKOS}altLabel> "Product Person"@en .\n')
    jsonld = write(tmp_path, "extra.jsonld", json.dumps({
        "@context": {"skos": SKOS},
        "@id": PM + "vp-of-product",
        "skos:altLabel": {"@value": "Head of Product", "@language": "en"},
    }))
    kg = load_graph([nt, jsonld])
    assert Literal("Product Person", lang="en") in set(kg.graph.objects(PM_ROLE, URIRef(SKOS + "altLabel")))
    vp = URIRef(PM + "vp-of-product")
    assert Literal("Head of Product", lang="en") in set(kg.graph.objects(vp, URIRef(SKOS + "altLabel")))


@pytest.mark.parametrize("name, text, expected", [
    ("unterminated.ttl", PREAMBLE + 'ex:a skos:prefLabel "open\nex:b skos:prefLabel "x" .\n',
     "unterminated.ttl:5:"),
    ("prefix.ttl", "ex:a ex:b ex:c .\n", "prefix.ttl:1:1: prefix \"ex:\" is not declared"),
    ("object.ttl", PREAMBLE + "ex:a ex:b .\n", "object.ttl:5:11: expected an object"),
    ("bad.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n",
     "bad.nt:2: not a valid N-Triples line"),
    ("bad.jsonld", '{\n  "@id": "http://a",\n  "x": \n}', "bad.jsonld:4:1: not valid JSON"),
    ("remote.jsonld", '{"@context": "https://schema.org/", "@id": "http://a"}',
     "refers to the JSON-LD context 'https://schema.org/'"),
    ("ladder.csv", "a,b\n", "cannot tell the format from the ending '.csv'"),
])
def test_parse_errors_name_file_and_place(tmp_path, name, text, expected):
    path = write(tmp_path, name, text)
    with pytest.raises(DataFileError) as caught:
        parse_file(path, name=name)
    message = str(caught.value)
    assert message.startswith(name) and expected in message
    assert "\n" not in message


def test_binary_and_wrong_encoding_files_are_refused(tmp_path):
    latin = tmp_path / "latin1.ttl"
    latin.write_bytes((PREAMBLE + 'ex:a skos:prefLabel "Caf\xe9"@fr .\n').encode("latin-1"))
    with pytest.raises(DataFileError, match=r"latin1.ttl:5: not UTF-8 text \(byte 0xe9\)"):
        parse_file(latin, name="latin1.ttl")
    binary = tmp_path / "image.ttl"
    binary.write_bytes(b"GIF89a\x00\x01\x02")
    with pytest.raises(DataFileError, match="binary data"):
        parse_file(binary, name="image.ttl")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DataFileError, match=re.escape("no-such.ttl: no such file")):
        load_graph([tmp_path / "no-such.ttl"])
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    with pytest.raises(DataFileError, match="is a folder"):
        load_graph([folder])


def test_utf8_with_bom_and_unicode_labels(tmp_path):
    path = tmp_path / "bom.ttl"
    path.write_bytes(("\ufeff" + PREAMBLE + 'pm:product-manager skos:altLabel "مدير المنتج"@ar .\n').encode("utf-8"))
    kg = load_graph([path])
    assert Literal("مدير المنتج", lang="ar") in set(kg.graph.objects(PM_ROLE, URIRef(SKOS + "altLabel")))


def test_a_kind_of_move_without_a_label_is_named_by_its_local_name(tmp_path):
    from careergraph.project import role_graph

    ladder = write(tmp_path, "acme.ttl", PREAMBLE + """
ex:staff-pm a cg:Role ; skos:prefLabel "Staff Product Manager"@en ;
    cg:seniority 4 ; cg:track cg:IndividualContributor .
ex:Secondment a cg:TransitionKind .
ex:move a cg:Transition ; cg:fromRole pm:senior-product-manager ; cg:toRole ex:staff-pm ;
    cg:transitionKind ex:Secondment .
""")
    roles = role_graph(load_graph([ladder]))
    edge = roles.edges[str(SENIOR), "http://example.org/acme/staff-pm"]
    assert (edge["kind"], edge["kind_label"]) == ("secondment", "secondment")
    promotion = roles.edges[str(SENIOR), str(PM + "director-of-product")]
    assert promotion["kind_label"] == "promotion"
