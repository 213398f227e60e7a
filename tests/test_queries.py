"""The query library: refusals, parameters, running with a deadline, result objects and formats."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest
from rdflib import Literal, URIRef

from careergraph.errors import CareerGraphError, RoleNotFound, SkillNotFound
from careergraph.namespaces import PM
from careergraph.sparql.queries import find_query, named_queries, prepare_query, run_query, select
from careergraph.sparql.params import parse_parameters, term_from_text
from careergraph.sparql.formats import serialize
from careergraph.sparql.results import QueryResult
from careergraph.sparql.guard import QueryRefused, QuerySyntaxError, UpdateRefused, check_query
from careergraph.sparql.timeout import Timeout, call_with_timeout, call_with_timeout_async

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
"""A cartesian product of all triples four times over: about 10^13 rows on the built-in graph."""

ROLES = "SELECT ?role WHERE { ?iri a cg:Role ; skos:prefLabel ?role } ORDER BY ?role"


# --- refusals ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, what", [
    ("DROP ALL", "update"),
    ("CLEAR DEFAULT", "update"),
    ("INSERT DATA { pm:x a cg:Role }", "update"),
    ("DELETE WHERE { ?s ?p ?o }", "update"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "update"),
    ("LOAD <file:///etc/passwd>", "LOAD"),
    ("LOAD <http://example.org/data.ttl> INTO GRAPH <http://example.org/g>", "LOAD"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT ?endpoint { ?s ?q ?r } } }", "SERVICE"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
    ("CONSTRUCT { ?s ?p ?o } FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM"),
    ("ASK FROM NAMED <file:///etc/hosts> { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED"),
])
def test_unsafe_queries_are_refused_with_what_was_refused(text, what):
    with pytest.raises(QueryRefused) as refused:
        check_query(text)
    assert refused.value.what == what
    assert isinstance(refused.value, UpdateRefused) == (what == "update")
    assert what.split()[0] in str(refused.value) or "updates are refused" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_keywords_inside_strings_and_comments_refuse_nothing(builtin_graph):
    text = '''# SERVICE <http://example.org/> and DROP ALL in a comment
    SELECT ?role WHERE { ?iri a cg:Role ; skos:prefLabel ?role FILTER (?role != "LOAD <file:///x> ; DROP ALL") }
    ORDER BY ?role LIMIT 1'''
    assert check_query(text).kind == "select"
    assert run_query(builtin_graph, text).rows == [{"role": "Associate Product Manager"}]


def test_a_syntax_error_names_line_and_column():
    with pytest.raises(QuerySyntaxError) as error:
        check_query("SELECT ?role\nWHERE {\n  ?role a cg:Role .\n  FILTER (?role = ) \n}")
    assert (error.value.line, error.value.column) == (4, 3)
    assert str(error.value).startswith("SPARQL syntax error at line 4, column 3")


def test_an_unknown_prefix_is_named_with_its_place():
    with pytest.raises(QuerySyntaxError, match=r"unknown prefix 'acme:' at line 2, column 12"):
        check_query("SELECT ?name\nWHERE { ?x acme:name ?name }")


def test_common_prefixes_are_predeclared(builtin_graph):
    text = """SELECT ?a ?b ?c ?d ?e ?f WHERE {
      BIND (cg:Role AS ?a) BIND (skos:Concept AS ?b) BIND (rdfs:label AS ?c)
      BIND (dcterms:source AS ?d) BIND (prov:Entity AS ?e) BIND (schema:Occupation AS ?f) }"""
    assert run_query(builtin_graph, text).rows == [{
        "a": "https://w3id.org/careergraph/ontology#Role",
        "b": "http://www.w3.org/2004/02/skos/core#Concept",
        "c": "http://www.w3.org/2000/01/rdf-schema#label",
        "d": "http://purl.org/dc/terms/source",
        "e": "http://www.w3.org/ns/prov#Entity",
        "f": "https://schema.org/Occupation"}]


# --- parameters ---------------------------------------------------------------------------------

def test_injection_in_a_parameter_stays_a_literal_and_changes_nothing(builtin_graph):
    before = len(builtin_graph)
    payload = 'x" } ; DROP ALL ; #'
    result = run_query(builtin_graph, "search", {"text": payload})
    assert result.rows == []
    inline = run_query(builtin_graph, "SELECT ?s WHERE { ?s skos:prefLabel ?label }", {"label": payload})
    assert inline.rows == []
    assert len(builtin_graph) == before
    assert run_query(builtin_graph, "ASK { ?s skos:prefLabel ?t }", {"t": Literal(payload)}).boolean is False


def test_a_role_parameter_takes_any_title(builtin_graph):
    for title in ("Product Owner", "junior product manager", "APM", "pm:associate-product-manager",
                  PM + "associate-product-manager"):
        prepared = prepare_query(builtin_graph, "role-skills", {"role": title})
        assert list(prepared.bindings.values()) == [URIRef(PM + "associate-product-manager")]


def test_unknown_role_and_skill_suggest(builtin_graph):
    with pytest.raises(RoleNotFound, match="did you mean Senior Product Manager"):
        run_query(builtin_graph, "role-skills", {"role": "Senoir Product Manger"})
    with pytest.raises(SkillNotFound, match="unknown skill 'Comunication'; did you mean Communication"):
        run_query(builtin_graph, "roles-requiring-skill", {"skill": "Comunication"})


def test_parameter_mistakes_are_one_line_errors(builtin_graph):
    with pytest.raises(CareerGraphError, match="query 'role-skills' has no parameter 'rol'; its parameters: role"):
        run_query(builtin_graph, "role-skills", {"rol": "PM"})
    with pytest.raises(CareerGraphError, match="query 'role-changes' needs a value for 'to'"):
        run_query(builtin_graph, "role-changes", {"from": "PM"})
    with pytest.raises(CareerGraphError, match="parameter 'minimum' must be a whole number, not 'high'"):
        run_query(builtin_graph, "roles-requiring-skill", {"skill": "Leadership", "minimum": "high"})
    with pytest.raises(CareerGraphError, match=r"the query has no variable \?nobody"):
        run_query(builtin_graph, ROLES, {"nobody": "x"})


def test_values_for_undeclared_parameters_are_read_as_terms():
    assert term_from_text("<http://example.org/a>") == URIRef("http://example.org/a")
    assert term_from_text("skos:prefLabel") == URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    assert term_from_text("7") == Literal(7)
    assert term_from_text('"Product Owner"@en') == Literal("Product Owner", lang="en")
    assert term_from_text('"a \\"quoted\\" word"') == Literal('a "quoted" word')
    assert term_from_text("unknownprefix:thing") == Literal("unknownprefix:thing")
    assert term_from_text("plain words") == Literal("plain words")


def test_parameter_header_syntax():
    lines = ["# Title: x", "# Parameters:", "#   from (role, required): where you are",
             "#   minimum (integer, optional): the lowest level", "SELECT * WHERE {}"]
    first, second = parse_parameters(lines)
    assert (first.name, first.kind, first.required, first.description) == ("from", "role", True, "where you are")
    assert (second.name, second.kind, second.required) == ("minimum", "integer", False)
    assert parse_parameters(["# Parameters: none"]) == ()
    with pytest.raises(CareerGraphError, match="unknown kind 'colour'"):
        parse_parameters(["# Parameters:", "#   hue (colour): a colour"], "q.rq")
    with pytest.raises(CareerGraphError, match="cannot read the parameter line"):
        parse_parameters(["# Parameters: role is a role"], "q.rq")


def test_a_query_file_with_its_own_parameters(builtin_graph, tmp_path):
    path = tmp_path / "next.rq"
    path.write_text("# Title: Next roles\n# Parameters:\n#   role (role): the role\n"
                    "SELECT ?next WHERE { ?role cg:promotesTo ?n . ?n skos:prefLabel ?next }\n",
                    encoding="utf-8")
    assert find_query(str(path)).title == "Next roles"
    assert run_query(builtin_graph, path, {"role": "Sr PM"}).column("next") == ["Director of Product"]
    assert run_query(builtin_graph, str(path), {"role": "CPO"}).rows == []


# --- running ------------------------------------------------------------------------------------

def test_rows_are_plain_python_values(builtin_graph):
    result = run_query(builtin_graph, "ladder")
    assert result.kind == "select" and result.variables == ["seniority", "role", "track", "alsoCalled"]
    first = result.rows[0]
    assert first["seniority"] == 1 and type(first["seniority"]) is int
    assert first["role"] == "Associate Product Manager" and type(first["role"]) is str
    group = next(row for row in result.rows if row["role"] == "Group Product Manager")
    assert group == {"seniority": 4, "role": "Group Product Manager", "track": "management",
                     "alsoCalled": ""}
    assert select(builtin_graph, "ladder") == result.rows


def test_to_dataframe(builtin_graph):
    pandas = pytest.importorskip("pandas")  # in the test extra: runs in CI
    frame = run_query(builtin_graph, "roles-requiring-skill", {"skill": "Leadership"}).to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["role", "seniority", "proficiency", "importance"]
    assert frame["role"].tolist()[:3] == ["Product Manager", "Senior Product Manager", "Director of Product"]
    assert frame["proficiency"].max() == 5
    assert run_query(builtin_graph, "ASK { ?s ?p ?o }").to_dataframe()["ask"].tolist() == [True]


def test_pandas_is_installed_for_the_tests():
    import pandas  # noqa: F401  (the test extra installs it; to_dataframe must really be tested)


def test_ask_construct_and_describe(builtin_graph):
    assert run_query(builtin_graph, "ASK { pm:vp-of-product cg:promotesTo pm:chief-product-officer }").boolean
    construct = run_query(builtin_graph, "CONSTRUCT { ?a cg:promotesTo ?b } WHERE { ?a cg:promotesTo ?b }")
    assert construct.kind == "construct" and len(construct) == 5
    assert (URIRef(PM + "product-manager"), URIRef("https://w3id.org/careergraph/ontology#promotesTo"),
            URIRef(PM + "senior-product-manager")) in construct.triples()
    describe = run_query(builtin_graph, "DESCRIBE pm:general-manager")
    assert describe.kind == "describe"
    assert Literal("General Manager", lang="en") in [row["object"] for row in describe.bindings]


def test_max_rows_cuts_and_says_so(builtin_graph):
    result = run_query(builtin_graph, ROLES, max_rows=3)
    assert result.truncated and result.column("role") == [
        "Associate Product Manager", "Chief Executive Officer", "Chief Operating Officer"]
    assert not run_query(builtin_graph, ROLES, max_rows=11).truncated


def test_a_timeout_stops_a_runaway_query(builtin_graph):
    started = time.monotonic()
    with pytest.raises(Timeout, match=re.escape("the query was stopped after 0.5 s")):
        run_query(builtin_graph, RUNAWAY, timeout=0.5)
    assert time.monotonic() - started < 30  # the query itself would run for days


def test_a_query_with_a_timeout_gives_the_same_answer(builtin_graph):
    assert (run_query(builtin_graph, "role-skills", {"role": "CPO"}, timeout=30).rows
            == run_query(builtin_graph, "role-skills", {"role": "CPO"}).rows)


def test_an_error_in_the_child_comes_back(builtin_graph):
    with pytest.raises(CareerGraphError, match="cannot run the query"):
        run_query(builtin_graph, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=30)

    def fails():
        raise ValueError("no good")

    with pytest.raises(ValueError, match="no good"):
        call_with_timeout(fails, 10)


def test_the_async_deadline_kills_the_child():
    def run(func, seconds):  # in a thread of its own: the browser fixture may run a loop in this one
        with ThreadPoolExecutor(1) as thread:
            return thread.submit(asyncio.run, call_with_timeout_async(func, seconds)).result()

    children_before = _children()
    with pytest.raises(Timeout):
        run(lambda: time.sleep(60), 0.3)
    assert _children() == children_before
    assert run(lambda: [1, 2], 10) == [1, 2]


def _children() -> set[str]:
    """The live child processes of this process (of any of its threads), on Linux."""
    import glob

    return {pid for path in glob.glob(f"/proc/{os.getpid()}/task/*/children")
            for pid in open(path).read().split()}


def test_named_queries_are_cached_and_known():
    assert named_queries() is named_queries()
    assert {"ladder", "role-skills", "role-changes", "source-of", "mappings"} <= set(named_queries())


# --- formats ------------------------------------------------------------------------------------

def _answer(builtin_graph) -> QueryResult:
    return run_query(builtin_graph, "SELECT ?role ?seniority ?title WHERE { ?role cg:seniority ?seniority "
                                    "OPTIONAL { ?role skos:altLabel ?title FILTER (?title = 'DoP'@en) } "
                                    "FILTER (?seniority = 4) } ORDER BY ?role")


def test_json_is_sparql_results_json(builtin_graph):
    data = json.loads(serialize(_answer(builtin_graph), "json"))
    assert data["head"]["vars"] == ["role", "seniority", "title"]
    bindings = data["results"]["bindings"]
    assert [b["role"]["value"].rsplit("/", 1)[1] for b in bindings] == [
        "director-of-product", "group-product-manager", "principal-product-manager"]
    assert bindings[0]["seniority"] == {"type": "literal", "value": "4",
                                        "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "title" not in bindings[1]
    assert bindings[0]["title"] == {"type": "literal", "value": "DoP", "xml:lang": "en"}


def test_xml_csv_tsv_and_markdown(builtin_graph):
    result = _answer(builtin_graph)
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    tree = ET.fromstring(serialize(result, "xml"))
    assert [v.get("name") for v in tree.findall("s:head/s:variable", ns)] == ["role", "seniority", "title"]
    assert len(tree.findall("s:results/s:result", ns)) == 3
    rows = list(csv.reader(io.StringIO(serialize(result, "csv"))))
    assert rows[0] == ["role", "seniority", "title"]
    assert rows[1] == [PM + "director-of-product", "4", "DoP"]
    assert rows[2] == [PM + "group-product-manager", "4", ""]
    tsv = serialize(result, "tsv").splitlines()
    assert tsv[0] == "?role\t?seniority\t?title"
    assert tsv[1] == f'<{PM}director-of-product>\t4\t"DoP"@en'
    assert serialize(result, "md").splitlines()[2] == "| pm:director-of-product | 4 | DoP |"


def test_text_with_tabs_pipes_and_newlines_stays_in_its_cell():
    result = QueryResult("select", ["t"], [{"t": Literal("a\tb|c\nd")}])
    assert serialize(result, "tsv").splitlines()[1] == '"a\\tb|c\\nd"'
    assert serialize(result, "md").splitlines()[2] == "| a b\\|c d |"


def test_graph_formats(builtin_graph):
    import rdflib

    result = run_query(builtin_graph, "CONSTRUCT { ?a cg:promotesTo ?b } WHERE { ?a cg:promotesTo ?b }")
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        graph = rdflib.Graph().parse(data=serialize(result, fmt), format=parser)
        assert len(graph) == 5, fmt
    with pytest.raises(CareerGraphError, match="format 'csv' is for SELECT and ASK answers"):
        serialize(result, "csv")


def test_a_parameter_can_bind_a_variable_used_only_in_a_filter(builtin_graph):
    text = "SELECT ?role WHERE { ?r skos:prefLabel ?role ; cg:seniority ?s FILTER (?s >= ?least) } ORDER BY ?role"
    assert run_query(builtin_graph, text, {"least": "5"}).column("role") == [
        "Chief Product Officer", "VP of Product"]
