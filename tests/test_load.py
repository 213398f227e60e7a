"""The loader: formats, layering and overrides, derived moves, and readable errors."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Literal, URIRef

from careergraph.errors import DataFileError
from careergraph.load import load_graph, parse_file
from careergraph.namespaces import CG, OWL, PM, RDF, SKOS

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
    graph = builtin_graph.rdflib_graph()
    transitions = set(graph.subjects(URIRef(CG + "fromRole"), None))
    pairs = {(graph.value(t, URIRef(CG + "fromRole")), graph.value(t, URIRef(CG + "toRole")))
             for t in transitions}
    assert set(graph.subject_objects(URIRef(CG + "canMoveTo"))) == pairs
    assert (APM, PM_ROLE) in set(graph.subject_objects(URIRef(CG + "promotesTo")))
    assert {builtin_graph.label(o) for o in graph.objects(SENIOR, URIRef(CG + "branchesTo"))} == {
        "Group Product Manager", "Principal Product Manager"}
    assert {builtin_graph.label(o) for o in graph.objects(CPO, URIRef(CG + "exitsTo"))} == {
        "General Manager", "Chief Operating Officer"}


EDGE_CASES = PREAMBLE + """
ex:two-kinds a cg:Transition ; cg:fromRole pm:product-manager ; cg:toRole pm:senior-product-manager ;
    cg:transitionKind cg:Promotion , cg:Lateral .
ex:two-ends a cg:Transition ; cg:fromRole pm:product-manager , ex:other ; cg:toRole ex:x , ex:y ;
    cg:transitionKind cg:Branch .
ex:no-end a cg:Transition ; cg:fromRole pm:product-manager ; cg:transitionKind cg:Promotion .
ex:untyped cg:fromRole pm:product-manager ; cg:toRole ex:z ; cg:transitionKind cg:Promotion .
ex:odd-kind cg:shortcutProperty "not a property" .
ex:odd a cg:Transition ; cg:fromRole ex:a ; cg:toRole ex:b ; cg:transitionKind ex:odd-kind .
_:blank a cg:Transition ; cg:fromRole _:from ; cg:toRole "a literal end" ; cg:transitionKind cg:Exit .
pm:product-manager cg:promotesTo pm:senior-product-manager .
"""


@pytest.mark.parametrize("extra", ["none", "acme", "edge cases", "synthetic"])
def test_the_store_derives_exactly_the_rules_triples(extra, tmp_path):
    """derive_in_store joins in Python what DERIVE_MOVES states: the same triples, counted once."""
    import sys
    from pathlib import Path

    import pyoxigraph as ox

    from careergraph.load import DERIVE_MOVES, data_sources
    from careergraph.load.derive import derive_in_store
    from careergraph.namespaces import PREFIXES

    root = Path(__file__).resolve().parents[1]
    files = [path for _, path, _ in data_sources()]
    if extra == "acme":
        files.append(root / "ontology" / "examples" / "acme-ladder.ttl")
    elif extra == "edge cases":
        files.append(write(tmp_path, "edge.ttl", EDGE_CASES))
    elif extra == "synthetic":
        sys.path.insert(0, str(root / "tools"))
        from synthetic import write_ntriples

        write_ntriples(tmp_path / "syn.nt", families=5, levels=4, skills=6, requirements=2)
        files.append(tmp_path / "syn.nt")
    store = ox.Store()
    for file in files:
        store.bulk_load(path=str(file), format=ox.RdfFormat.TURTLE if file.suffix == ".ttl"
                        else ox.RdfFormat.N_TRIPLES)
    before = set(store)
    expected = {ox.Quad(t.subject, t.predicate, t.object) for t in store.query(DERIVE_MOVES, prefixes=PREFIXES)}
    added = derive_in_store(store)
    assert set(store) - before == expected - before
    assert added == len(expected - before) > 0
    assert derive_in_store(store) == 0


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
    assert staff in set(kg.rdflib_graph().objects(SENIOR, URIRef(CG + "promotesTo")))
    assert kg.layers[-1].name == str(ladder) and not kg.layers[-1].builtin


def test_a_later_layer_overrides_single_valued_facts(tmp_path):
    override = write(tmp_path, "override.ttl", PREAMBLE + """
pm:product-manager cg:seniority 3 ; skos:prefLabel "Product Lead"@en ;
    skos:altLabel "PL"@en .
""")
    kg = load_graph([override])
    graph = kg.rdflib_graph()
    assert list(graph.objects(PM_ROLE, URIRef(CG + "seniority"))) == [Literal(3)]
    assert kg.label(PM_ROLE) == "Product Lead"
    alt = {str(a) for a in graph.objects(PM_ROLE, URIRef(SKOS + "altLabel"))}
    assert {"PL", "PM"} <= alt  # alternative titles add up, they are not single-valued


def test_two_values_in_one_layer_are_kept_for_validation_to_see(tmp_path):
    doubled = write(tmp_path, "doubled.ttl", PREAMBLE + "pm:product-manager cg:seniority 3, 4 .\n")
    values = set(load_graph([doubled]).rdflib_graph().objects(PM_ROLE, URIRef(CG + "seniority")))
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
    assert Literal("Product Person", lang="en") in set(kg.rdflib_graph().objects(PM_ROLE, URIRef(SKOS + "altLabel")))
    vp = URIRef(PM + "vp-of-product")
    assert Literal("Head of Product", lang="en") in set(kg.rdflib_graph().objects(vp, URIRef(SKOS + "altLabel")))


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
    assert Literal("مدير المنتج", lang="ar") in set(kg.rdflib_graph().objects(PM_ROLE, URIRef(SKOS + "altLabel")))


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


# --- one override rule, every backend ---------------------------------------------------------

OWL_PREAMBLE = PREAMBLE + "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
OVERRIDING_LAYERS = {
    "first.ttl": OWL_PREAMBLE + """
pm:product-manager cg:seniority 3 ; skos:prefLabel "Product Lead"@en, "Chef de produit"@fr ;
    skos:definition "Leads a product."@en ; skos:altLabel "PL"@en .
ex:band a owl:FunctionalProperty .
pm:vp-of-product ex:band 6 ; skos:prefLabel "VP Product" .
""",
    "second.ttl": OWL_PREAMBLE + """
pm:product-manager skos:prefLabel "Product Owner"@en ; cg:seniority 3 .
pm:vp-of-product ex:band 7 ; skos:prefLabel "Head of Product"@en, pm:not-a-literal .
pm:director-of-product ex:grade 1 .
ex:grade a owl:FunctionalProperty .
""",
    "third.nt": f"<{PM}director-of-product> <http://example.org/acme/grade> \"2\" .\n"
                f"<{PM}director-of-product> <{CG}seniority> \"4\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                f"<{PM}director-of-product> <{CG}seniority> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
    "fourth.jsonld": json.dumps({"@context": {"skos": SKOS}, "@id": PM + "product-manager",
                                 "skos:definition": {"@value": "Owns a product.", "@language": "en"}}),
}


def values(graph, subject, predicate):
    return set(graph.objects(URIRef(subject), URIRef(predicate)))


def test_overriding_layers_give_the_same_graph_in_memory_and_in_a_store(tmp_path):
    import pyoxigraph
    import rdflib
    from rdflib.compare import isomorphic

    from careergraph.load.into_store import build_store

    files = [write(tmp_path, name, text) for name, text in OVERRIDING_LAYERS.items()]
    memory = load_graph(files).rdflib_graph()
    info = build_store(tmp_path / "store", files)
    stored = rdflib.Graph().parse(data=pyoxigraph.Store.read_only(str(tmp_path / "store")).dump(
        format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()), format="nt")
    assert isomorphic(stored, memory)
    assert [layer["triples"] for layer in info["layers"]] == [layer.triples for layer in
                                                               load_graph(files).layers]
    # and the graph is the one the rule asks for (both paths could be wrong the same way)
    pm, vp, director, band, grade = (PM + "product-manager", PM + "vp-of-product",
                                     PM + "director-of-product", "http://example.org/acme/band",
                                     "http://example.org/acme/grade")
    assert values(memory, pm, SKOS + "prefLabel") == {Literal("Product Owner", lang="en"),
                                                      Literal("Chef de produit", lang="fr")}
    assert values(memory, pm, SKOS + "definition") == {Literal("Owns a product.", lang="en")}
    assert values(memory, pm, CG + "seniority") == {Literal(3)}
    assert Literal("PL", lang="en") in values(memory, pm, SKOS + "altLabel")
    assert values(memory, vp, band) == {Literal(7)}
    assert values(memory, vp, SKOS + "prefLabel") == {  # other languages and non-literals stay
        Literal("Head of Product", lang="en"), Literal("VP Product"), URIRef(PM + "not-a-literal")}
    assert values(memory, director, grade) == {Literal("2")}  # declared after its first use
    assert values(memory, director, CG + "seniority") == {Literal(4), Literal(5)}


class Lit(tuple):
    """A toy literal: (text, language)."""

    def __new__(cls, text, language=None):
        return super().__new__(cls, (text, language))

    @property
    def language(self):
        return self[1]


class SetTarget:
    """A toy backend: a set of (subject, predicate, object) with strings for IRIs."""

    literal = Lit

    def __init__(self):
        self.held = set()

    def __len__(self):
        return len(self.held)

    def node(self, iri):
        return iri

    def functional(self):
        return {s for s, p, o in self.held if (p, o) == (RDF + "type", OWL + "FunctionalProperty")}

    def subjects_with(self, predicates):
        return {s for s, p, _ in self.held if p in predicates}

    def add(self, triples):
        self.held.update(triples)

    def triples(self, subject, predicate):
        return [(s, p, o) for s, p, o in self.held if (s, p) == (subject, predicate)]

    def remove(self, triple):
        self.held.remove(triple)


def test_the_override_rule_needs_only_the_operations_of_a_layer_target():
    from careergraph.load.layers import add_layer

    label, level, kind = SKOS + "prefLabel", "http://x/level", "http://x/kind"
    target = SetTarget()
    first = [("a", level, 1), ("a", kind, "x"), (level, RDF + "type", OWL + "FunctionalProperty"),
             ("a", label, Lit("A", "en")), ("a", label, Lit("Ah", "fr")), ("a", label, Lit("A0"))]
    assert add_layer(target, lambda: first) == 6
    second = [("a", level, 2), ("a", level, 3), ("a", kind, "y"), ("a", label, Lit("B", "en")),
              ("b", level, 9)]
    assert add_layer(target, lambda: iter(second)) == 5
    assert {(p, o) for s, p, o in target.held if s == "a"} == {
        (level, 2), (level, 3), (kind, "x"), (kind, "y"),
        (label, Lit("B", "en")), (label, Lit("Ah", "fr")), (label, Lit("A0"))}


def test_only_the_subjects_that_can_have_an_earlier_value_are_watched():
    from careergraph.load.layers import Overrides

    overrides = Overrides({"p"}, {"label"}, Lit, subjects={"a"})
    triples = [("a", "p", 1), ("b", "p", 2), ("a", "label", Lit("x", "en")), ("a", "label", "iri"),
               ("a", "q", 3)]
    assert list(overrides.watch(triples)) == triples
    assert overrides.stated == {("a", "p", None): {1}, ("a", "label", "en"): {Lit("x", "en")}}
    held = {("a", "p"): [0, 1, Lit("z")], ("a", "label"): [Lit("x", "en"), Lit("y", "en"), Lit("y"), "iri"]}
    assert list(overrides.stale(lambda s, p: [(s, p, o) for o in held[s, p]])) == [
        ("a", "p", 0), ("a", "p", Lit("z")), ("a", "label", Lit("y", "en"))]


def test_the_loader_never_imports_what_is_built_on_it():
    import ast
    from pathlib import Path

    import careergraph.load

    above = ("careergraph.cache", "careergraph.session", "careergraph.gap", "careergraph.profile",
             "careergraph.project", "careergraph.names", "careergraph.derived")
    found = []
    for path in Path(careergraph.load.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            found += [f"{path.name}: {name}" for name in names
                      if any(name == module or name.startswith(module + ".") for module in above)]
    assert not found


def test_a_session_without_the_cache_parses_at_once_and_loads_like_load_graph(tmp_path):
    from careergraph.session import open_graph

    layer = write(tmp_path, "acme.ttl", PREAMBLE + "pm:product-manager cg:seniority 3 .\n")
    kg = open_graph([layer])
    assert kg.store.built and kg.layers == load_graph([layer]).layers
    assert set(kg.rdflib_graph()) == set(load_graph([layer]).rdflib_graph())
    bad = write(tmp_path, "bad.ttl", PREAMBLE + "ex:a ex:b .\n")
    with pytest.raises(DataFileError, match=r"bad\.ttl:5:11: expected an object"):
        open_graph([bad])
