"""Tests of ``careergraph validate``: the built-in graph, one broken fixture per check, the command line.

``tests/fixtures/invalid/`` holds one small Turtle file per check, named after
it: ``shape-<LocalName>.ttl`` for every property shape ``cgsh:<LocalName>`` of
``ontology/shapes/``, ``qc-<name>.ttl`` for every ``ontology/qc/<name>-violation.rq``
and ``check-<name>.ttl`` for every key of ``careergraph.checks.CHECKS``. Each
opens with a comment saying what is broken; when a fixture cannot help
triggering another check too, a line ``# Also triggers: <check>, ...`` says so.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, URIRef

from careergraph.checks import CHECKS, undeclared_terms
from careergraph.cli.validate import main
from careergraph.load import load_graph
from careergraph.validate import ValidationReport, validate

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
FIXTURES = Path(__file__).parent / "fixtures" / "invalid"

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
CG = "https://w3id.org/careergraph/ontology#"
CGSH = "https://w3id.org/careergraph/shapes#"
PM = "https://w3id.org/careergraph/pm/"
FIXTURE_NS = "http://example.org/fixture/"

VIOLATION_FIXTURE = "shape-RoleSeniority"
"""A fixture with violations, for the command-line tests."""
WARNING_FIXTURE = "shape-RoleDefinition"
"""A fixture with one warning and no violation, for the command-line tests."""

OTHER_SUBJECT_NAMESPACES = {"qc-term-undocumented": CG}
"""Fixtures that must describe nodes outside the fixture namespace: the QC
query only looks at terms of the cg: namespace."""

KNOWN_BUGS: dict[str, str] = {}
"""Fixtures whose check is broken; strict xfail, so the fix makes them fail until
the entry is removed."""


# ---------------------------------------------------------------------------
# What there is to check: shapes, QC queries, Python checks, fixtures
# ---------------------------------------------------------------------------

def _shapes_files() -> list[Path]:
    return sorted((ONTOLOGY / "shapes").glob("*.ttl"))


def _qc_files() -> list[Path]:
    return sorted((ONTOLOGY / "qc").glob("*-violation.rq"))


@cache
def shapes_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in _shapes_files():
        graph.parse(path, format="turtle")
    return graph


def property_shapes() -> list[rdflib.term.Node]:
    """Every shape that reports a finding of its own: a property shape (typed sh:PropertyShape
    or the object of an sh:property), or a node shape with a constraint and an sh:message of
    its own (such as cgsh:RoleOnLadderSeniority, an sh:or over a role)."""
    graph = shapes_graph()
    shapes = set(graph.subjects(RDF.type, SH.PropertyShape)) | set(graph.objects(None, SH.property))
    shapes |= {shape for shape in graph.subjects(RDF.type, SH.NodeShape)
               if (shape, SH.message, None) in graph and isinstance(shape, rdflib.URIRef)}
    return sorted(shapes, key=str)


def shape_local_name(shape: rdflib.term.Node) -> str:
    return str(shape).removeprefix(CGSH)


def qc_name(path: Path) -> str:
    return path.name.removesuffix("-violation.rq")


def expected_fixture_names() -> set[str]:
    return ({f"shape-{shape_local_name(s)}" for s in property_shapes()}
            | {f"qc-{qc_name(p)}" for p in _qc_files()}
            | {f"check-{name}" for name in CHECKS})


def fixture_paths() -> list[Path]:
    return sorted(FIXTURES.glob("*.ttl"))


def check_of(fixture: str) -> str:
    """The ``Finding.check`` a fixture is named after: ``shape-X`` -> ``shape cgsh:X``."""
    kind, _, name = fixture.partition("-")
    assert kind in ("shape", "qc", "check"), f"{fixture}: unknown kind of check {kind!r}"
    return f"shape cgsh:{name}" if kind == "shape" else f"{kind} {name}"


def leading_comment(path: Path) -> list[str]:
    """The comment lines a file opens with, without the ``#``."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return lines


def also_triggers(path: Path) -> set[str]:
    """The other checks a fixture says it cannot help triggering."""
    extra: set[str] = set()
    for line in leading_comment(path):
        if line.startswith("Also triggers:"):
            extra |= {c.strip() for c in line.partition(":")[2].split(",") if c.strip()}
    return extra


@cache
def report_for(fixture: str) -> ValidationReport:
    """Validate the built-in graph plus one fixture (cached: pySHACL is not free)."""
    return validate(load_graph([str(FIXTURES / f"{fixture}.ttl")]))


def _show(findings) -> str:
    return "\n".join(f"  {f.severity} [{f.check}] {f.file}: {f.focus_label}: {f.message}"
                     for f in findings) or "  (no findings)"


FIXTURE_PARAMS = [
    pytest.param(path.stem, id=path.stem,
                 marks=[pytest.mark.xfail(reason=KNOWN_BUGS[path.stem], strict=True)]
                 if path.stem in KNOWN_BUGS else [])
    for path in fixture_paths()
]


# ---------------------------------------------------------------------------
# The built-in graph
# ---------------------------------------------------------------------------

def test_builtin_graph_has_no_violations_and_no_warnings():
    report = validate(load_graph())
    assert report.conforms
    assert report.findings == [], "the built-in graph has findings:\n" + _show(report.findings)
    assert report.count("violation") == 0 and report.count("warning") == 0


# ---------------------------------------------------------------------------
# The shapes and QC files themselves
# ---------------------------------------------------------------------------

def test_there_are_shapes_and_qc_queries():
    assert _shapes_files(), "no SHACL shapes file in ontology/shapes/"
    assert len(property_shapes()) > 0
    assert _qc_files(), "no QC query in ontology/qc/"


@pytest.mark.parametrize("shape", property_shapes(), ids=shape_local_name)
def test_property_shape_is_named_with_message_and_severity(shape):
    graph = shapes_graph()
    assert isinstance(shape, URIRef) and str(shape).startswith(CGSH), (
        f"property shape {shape} needs an IRI cgsh:Xxx so a fixture can be named after it")
    messages = list(graph.objects(shape, SH.message))
    assert len(messages) == 1 and str(messages[0]).strip(), f"{shape}: needs one sh:message"
    assert graph.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), (
        f"{shape}: needs an explicit sh:severity")


@pytest.mark.parametrize("path", _qc_files(), ids=qc_name)
def test_qc_query_starts_with_problem_and_solution(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 2
    assert lines[0].startswith("# Problem:") and lines[0].partition(":")[2].strip()
    assert lines[1].startswith("# Solution:") and lines[1].partition(":")[2].strip()


# ---------------------------------------------------------------------------
# Fixtures: one per check, each triggering its own check
# ---------------------------------------------------------------------------

def test_one_fixture_per_check():
    have = {path.stem for path in fixture_paths()}
    expected = expected_fixture_names()
    assert not expected - have, f"checks without a fixture: {sorted(expected - have)}"
    assert not have - expected, f"fixtures without a check: {sorted(have - expected)}"


@pytest.mark.parametrize("fixture", FIXTURE_PARAMS)
def test_fixture_triggers_its_check(fixture):
    path = str(FIXTURES / f"{fixture}.ttl")
    check = check_of(fixture)
    report = report_for(fixture)
    found = [f for f in report.findings if f.check == check]
    assert found, f"{fixture}: no finding of {check}; found:\n{_show(report.findings)}"
    mine = [f for f in found if f.file == path]
    assert mine, f"{fixture}: {check} found, but not in {path}:\n{_show(found)}"

    if fixture.startswith("shape-"):
        shape = URIRef(CGSH + fixture.removeprefix("shape-"))
        shapes = shapes_graph()
        severity = str(shapes.value(shape, SH.severity)).rpartition("#")[2].lower()
        message = " ".join(str(shapes.value(shape, SH.message)).split())
        sh_path = shapes.value(shape, SH.path)
        for finding in mine:
            assert finding.severity == severity
            assert finding.message == message
            if isinstance(sh_path, URIRef):
                assert finding.path == shapes.namespace_manager.normalizeUri(sh_path)
        assert report.conforms is (severity != "violation")
    else:
        for finding in mine:
            assert finding.severity == "violation"
        assert not report.conforms
        if fixture.startswith("qc-"):
            text = (ONTOLOGY / "qc" / f"{fixture.removeprefix('qc-')}-violation.rq").read_text(
                encoding="utf-8")
            problem = text.splitlines()[0].partition(":")[2].strip().rstrip(".")
            for finding in mine:
                assert finding.message.startswith(problem)


@pytest.mark.parametrize("fixture", [p.stem for p in fixture_paths()])
def test_fixture_triggers_no_other_check(fixture):
    """Other checks only where the fixture's comment says they are unavoidable."""
    allowed = {check_of(fixture)} | also_triggers(FIXTURES / f"{fixture}.ttl")
    report = report_for(fixture)
    others = [f for f in report.findings if f.check not in allowed]
    assert not others, f"{fixture} also triggers:\n{_show(others)}"


@pytest.mark.parametrize("fixture", [p.stem for p in fixture_paths()])
def test_fixture_says_what_is_broken_and_stays_in_its_namespace(fixture):
    path = FIXTURES / f"{fixture}.ttl"
    comment = " ".join(leading_comment(path))
    assert comment, f"{fixture}: must start with a comment saying what is broken"
    name = fixture.partition("-")[2]
    named = f"cgsh:{name}" if fixture.startswith("shape-") else check_of(fixture)
    assert named in comment, f"{fixture}: the opening comment should name {named}"

    graph = rdflib.Graph().parse(path, format="turtle")
    allowed = (FIXTURE_NS, *([OTHER_SUBJECT_NAMESPACES[fixture]]
                             if fixture in OTHER_SUBJECT_NAMESPACES else []))
    for subject in set(graph.subjects()):
        assert str(subject).startswith(allowed), f"{fixture}: describes {subject}"
    for term in {t for triple in graph for t in triple}:
        assert not str(term).startswith(PM), f"{fixture}: uses the built-in {term}"


# ---------------------------------------------------------------------------
# Messages of the Python checks
# ---------------------------------------------------------------------------

def _messages(fixture: str, check: str) -> list[str]:
    return [f.message for f in report_for(fixture).findings if f.check == check]


def test_misspelt_term_suggests_the_right_term():
    assert _messages("check-misspelt-term", "check misspelt-term") == [
        "rdfs:subClasOf is not a term of the RDFS vocabulary; did you mean rdfs:subClassOf?"]


def test_undeclared_term_suggests_the_declared_one():
    assert _messages("check-undeclared-term", "check undeclared-term") == [
        "cg:senority is not declared in the careergraph ontology; did you mean cg:seniority?"]


def test_undeclared_term_as_property_suggests_the_declared_one():
    graph = load_graph().rdflib_graph()
    graph.add((URIRef(FIXTURE_NS + "role"), URIRef(CG + "senority"), rdflib.Literal(2)))
    problems = list(undeclared_terms(graph))
    assert [(str(focus), message) for focus, message in problems] == [
        (FIXTURE_NS + "role",
         "cg:senority is not declared in the careergraph ontology; did you mean cg:seniority?")]


def test_promotion_cycle_names_the_roles_in_order():
    messages = _messages("check-promotion-cycle", "check promotion-cycle")
    assert len(messages) == 1
    prefix = "promotions go round in a circle: "
    assert messages[0].startswith(prefix)
    titles = messages[0].removeprefix(prefix).split(" -> ")
    assert len(titles) == 4 and titles[0] == titles[-1]
    circle = ["Fixture Engineer", "Senior Fixture Engineer", "Staff Fixture Engineer"]
    start = circle.index(titles[0])
    assert titles[:-1] == circle[start:] + circle[:start]


# ---------------------------------------------------------------------------
# The command line, in-process
# ---------------------------------------------------------------------------

def test_cli_violation_fixture(capsys):
    path = str(FIXTURES / f"{VIOLATION_FIXTURE}.ttl")
    shape = URIRef(CGSH + VIOLATION_FIXTURE.removeprefix("shape-"))
    message = str(shapes_graph().value(shape, SH.message))
    assert main([path]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert any(path in line and "violation" in line and check_of(VIOLATION_FIXTURE) in line
               and message in line for line in lines), out
    assert lines[-1].startswith("failed:")


def test_cli_warning_fixture_passes_and_shows_the_warning(capsys):
    path = str(FIXTURES / f"{WARNING_FIXTURE}.ttl")
    shape = URIRef(CGSH + WARNING_FIXTURE.removeprefix("shape-"))
    assert shapes_graph().value(shape, SH.severity) == SH.Warning
    message = str(shapes_graph().value(shape, SH.message))
    assert main([path]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert any(path in line and "warning" in line and check_of(WARNING_FIXTURE) in line
               and message in line for line in lines), out
    assert lines[-1].startswith("ok:")


def test_cli_builtin_only(capsys):
    assert main([]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[-1].startswith("ok:")


def test_cli_json(capsys):
    path = str(FIXTURES / f"{VIOLATION_FIXTURE}.ttl")
    shape = URIRef(CGSH + VIOLATION_FIXTURE.removeprefix("shape-"))
    message = str(shapes_graph().value(shape, SH.message))
    assert main(["--format", "json", path]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert data["conforms"] is False
    assert data["violations"] >= 1
    assert path in data["files"]
    assert any(f["check"] == check_of(VIOLATION_FIXTURE) and f["file"] == path
               and f["severity"] == "violation" and f["message"] == message
               for f in data["findings"]), data["findings"]


def test_cli_malformed_turtle(tmp_path, capsys):
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix ex: <http://example.org/fixture/> .\n'
                   '\n'
                   'ex:role ex:title "Unterminated title .\n'
                   'ex:role ex:level 1 .\n', encoding="utf-8")
    assert main([str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert re.search(re.escape(f"{bad}:3:"), err), err
    assert "Traceback" not in out + err


def test_cli_missing_file(tmp_path, capsys):
    missing = tmp_path / "missing.ttl"
    assert main([str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert str(missing) in err and "no such file" in err
    assert "Traceback" not in out + err


def test_a_title_may_repeat_across_ladders_and_outside_them(tmp_path):
    """duplicate-role-title: a role of another ladder may carry the title of a built-in role
    (ESCO's "chief executive officer" beside the article's CEO, who is in the plain scheme of
    roles beyond the ladder); a role in no scheme at all clashes with every role of its title."""
    data = tmp_path / "other.ttl"
    data.write_text("""
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/other/> .
ex:ladder a cg:Ladder ; skos:prefLabel "Other ladder"@en .
ex:ceo a cg:Role ; skos:inScheme ex:ladder ; skos:prefLabel "chief executive officer"@en ;
    skos:definition "Runs the company."@en ; cg:seniority 9 ; cg:track cg:Executive .
ex:pm a cg:Role ; skos:inScheme ex:ladder ; skos:prefLabel "Product Manager"@en ;
    skos:definition "Manages a product."@en ; cg:seniority 2 ; cg:track cg:IndividualContributor .
""", encoding="utf-8")
    findings = [f for f in validate(load_graph([str(data)])).findings
                if f.check == "qc duplicate-role-title"]
    assert findings == []
    loose = tmp_path / "loose.ttl"  # a role in no scheme with the CEO's title clashes
    loose.write_text("""
@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://example.org/loose/ceo> a cg:Role ; skos:prefLabel "Chief Executive Officer"@en ;
    skos:definition "Runs the company."@en ; cg:track cg:Executive .
""", encoding="utf-8")
    findings = [f for f in validate(load_graph([str(loose)])).findings
                if f.check == "qc duplicate-role-title"]
    assert [f.focus for f in findings] == ["http://example.org/loose/ceo"]
