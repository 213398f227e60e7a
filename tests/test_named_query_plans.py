"""The Python plans of the named queries give exactly the rows of their SPARQL, on every backend.

A plan (:mod:`careergraph.sparql.plan`) answers a named query faster on the
persistent store and on an endpoint; the memory store runs the SPARQL. So
each plan is compared, rows and order, with rdflib running the query's
SPARQL on the same data: the built-in graph, the ACME example ladder and the
O*NET cut, on a store, and the built-in graph on an Oxigraph endpoint.
"""

from __future__ import annotations

import pickle

import pytest

from careergraph.load import load_graph
from careergraph.resources import ontology_dir
from careergraph.sparql.plan import sort_rows
from careergraph.sparql.plans import PLANS
from careergraph.sparql.queries import PreparedQuery, evaluate, find_query, named_queries, prepare_query, run_query
from importer_fixtures import onet_cut

PARAMS = {"role": "Product Owner", "from": "pm:Product Manager", "to": "pm:Senior Product Manager",
          "skill": "Communication",
          "text": "product"}
OVERRIDES = {"leads-to": {"role": "CPO"}, "reachable-from": {"role": "Senior PM"},
             "alternative-titles": {"role": "Director of Product"}}
"""Values that give those queries rows on the built-in graph (as in test_backends)."""

PLANNED = sorted(name for name, query in named_queries().items() if query.plan.startswith("Python"))
ACME = ontology_dir() / "examples" / "acme-ladder.ttl"


def params_of(name: str, every: bool = False) -> dict[str, str]:
    query = named_queries()[name]
    if not every and name in OVERRIDES:
        return OVERRIDES[name]
    return {p.name: PARAMS[p.name] for p in query.parameters if p.required}


@pytest.fixture(scope="module", params=["builtin", "acme", "onet"])
def graphs(request, tmp_path_factory):
    """The same data in memory (rdflib runs the SPARQL) and in a store (the plans run)."""
    from careergraph.load.into_store import build_store
    from careergraph.session import open_graph

    files = {"builtin": [], "acme": [ACME], "onet": [onet_cut(tmp_path_factory)[1]]}[request.param]
    path = tmp_path_factory.mktemp("plans") / request.param
    build_store(path, files)
    return load_graph(files), open_graph(store=str(path))


def test_every_python_plan_is_named_by_its_query_and_the_other_way_round():
    assert set(PLANNED) == set(PLANS)
    assert {"skill-category-shift", "branches-and-exits", "ladder", "alternative-titles", "search",
            "reachable-from", "leads-to", "skills"} <= set(PLANS)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_the_store_gives_the_rows_of_the_sparql(name, graphs):
    memory, store = graphs
    for params in {repr(p): p for p in (params_of(name), params_of(name, every=True))}.values():
        expected = run_query(memory, name, params)
        assert memory.store.in_memory and (name not in PLANS or prepare_query(store, name, params).plan)
        got = run_query(store, name, params)
        assert got.variables == expected.variables
        assert got.rows == expected.rows, name
        if name in PLANS:  # the same terms, too: a count stays an integer, a share a decimal
            assert got.bindings == expected.bindings, name


@pytest.mark.parametrize("name", PLANNED)
def test_the_plan_and_the_sparql_agree_on_the_same_store(name, graphs):
    """Oxigraph running the documented SPARQL gives the plan's rows too (the order is complete)."""
    _, store = graphs
    prepared = prepare_query(store, name, params_of(name))
    sparql = evaluate(store, PreparedQuery(prepared.checked, prepared.bindings))
    assert evaluate(store, prepared).rows == sparql.rows


@pytest.mark.parametrize("name", PLANNED)
def test_the_endpoint_gives_the_rows_of_the_sparql(name, builtin_graph, oxigraph_endpoint):
    from careergraph.session import open_graph

    expected = run_query(builtin_graph, name, params_of(name)).rows
    assert expected, f"{name} should have rows on the built-in graph"
    assert run_query(open_graph(endpoint=oxigraph_endpoint), name, params_of(name)).rows == expected


def test_a_query_file_of_the_same_name_runs_as_sparql(tmp_path, builtin_store):
    from careergraph.session import open_graph

    mine = tmp_path / "ladder.rq"
    mine.write_text(named_queries()["ladder"].text.replace("ORDER BY ?seniority ?track ?role",
                                                           "ORDER BY DESC(?seniority) ?track ?role"))
    store = open_graph(store=str(builtin_store))
    assert prepare_query(store, find_query(mine)).plan is None
    rows = run_query(store, mine).rows
    assert rows[0]["role"] == "Chief Product Officer" and rows == run_query(load_graph(), mine).rows


def test_the_plan_header_line_is_read_and_listed():
    ladder = named_queries()["ladder"]
    assert ladder.plan.startswith("Python") and ladder.to_dict()["plan"] == ladder.plan
    assert named_queries()["crosswalk"].plan.startswith("SPARQL")
    assert named_queries()["role-skills"].plan == ""


def test_a_planned_query_keeps_its_time_limit(builtin_store):
    from careergraph.session import open_graph

    rows = run_query(open_graph(store=str(builtin_store)), "ladder", timeout=30).rows
    assert rows == run_query(load_graph(), "ladder").rows


def test_sorting_in_python_is_sparql_order():
    """``sort_rows`` against rdflib's ORDER BY on numbers, titles, IRIs and unbound values.

    (Engines differ on the order of values of different kinds, a number and a
    text, or texts in different languages: the named queries sort neither.)
    """
    from rdflib import Literal, URIRef

    graph = load_graph()
    numbers = [Literal(10), Literal(9), Literal("2.5", datatype="http://www.w3.org/2001/XMLSchema#decimal"), None]
    names = [Literal("b", lang="en"), Literal("B", lang="en"), Literal("a", lang="en"), Literal("é", lang="en"),
             URIRef("http://example.org/z"), URIRef("http://example.org/a"), None]
    rows = [(a, b) for a in numbers for b in names]
    text = ("SELECT ?a ?b WHERE { VALUES (?a ?b) { " +
            " ".join(f"({_sparql(a)} {_sparql(b)})" for a, b in rows) +
            " } } ORDER BY (!BOUND(?a)) ?a DESC(?b)")
    expected = [(row.a, row.b) for row in graph.query(text)]
    assert sort_rows(rows, [(0, False, True), (1, True, False)]) == expected


def _sparql(term) -> str:
    from careergraph.store.terms import term_to_sparql

    return "UNDEF" if term is None else term_to_sparql(term)


def test_the_converters_terms_are_rdflibs():
    """The terms made without rdflib's checks are equal, hash, pickle and convert as rdflib's own."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    from careergraph.store.terms import TermConverter

    convert = TermConverter()
    pairs = [(ox.NamedNode("https://w3id.org/careergraph/pm/product-manager"),
              URIRef("https://w3id.org/careergraph/pm/product-manager")),
             (ox.Literal("Product Owner", language="en"), Literal("Product Owner", lang="en")),
             # Oxigraph writes a language tag in lower case
             (ox.Literal("Chef de produit", language="fr-CA"), Literal("Chef de produit", lang="fr-ca")),
             (ox.Literal("plain \"text\"\n"), Literal("plain \"text\"\n")),
             (ox.Literal(""), Literal("")),
             (ox.Literal("x", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")), Literal("x")),
             (ox.Literal("07", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
              Literal("07", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")))]
    for _ in range(2):  # the second time from what the converter remembers
        for oxigraph_term, expected in pairs:
            made = convert(oxigraph_term)
            assert type(made) is type(expected) and made == expected and hash(made) == hash(expected)
            assert made.toPython() == expected.toPython() and str(made) == str(expected)
            assert pickle.loads(pickle.dumps(made)) == expected
            if isinstance(expected, Literal):
                assert (made.language, made.datatype, made.value) == \
                    (expected.language, expected.datatype, expected.value)


SHARED_NAME = """@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://example.org/x/engineering> a cg:Skill ; skos:prefLabel "Engineering"@en ; cg:skillCategory cg:Technical .
<http://example.org/x/marketing> a cg:Skill ; skos:prefLabel "Marketing"@en ; cg:skillCategory cg:Technical .
<http://example.org/x/role> a cg:Role ; skos:prefLabel "Engineer"@en ; cg:seniority 1 ;
    cg:requires [ cg:skill <http://example.org/x/engineering> ; cg:proficiency 2 ; cg:importance cg:Core ] ,
                [ cg:skill <https://w3id.org/careergraph/pm/skill-engineering> ; cg:proficiency 3 ;
                  cg:importance cg:Core ] .
"""
"""Two skills named Engineering in one category, one of them required by a role that requires the other too."""


@pytest.mark.parametrize("name", ["skills", "skill-category-shift", "search"])
def test_skills_sharing_a_name_and_a_category_are_counted_together(name, tmp_path):
    from careergraph.load.into_store import build_store
    from careergraph.session import open_graph

    data = tmp_path / "shared.ttl"
    data.write_text(SHARED_NAME, encoding="utf-8")
    build_store(tmp_path / "store", [data])
    params = {"text": "engineer"} if name == "search" else {}
    expected = run_query(load_graph([data]), name, params).rows
    assert run_query(open_graph(store=str(tmp_path / "store")), name, params).rows == expected
    if name == "skills":
        assert {"skill": "Engineering", "category": "technical and hands-on", "roles": 2} in expected

