"""Validate a loaded career graph: SHACL shapes, QC queries and integrity checks.

Three kinds of check, one report:

- the SHACL shapes of ``ontology/shapes/`` (pySHACL, no inference: fast);
- the QC queries ``ontology/qc/*-violation.rq``: any row one returns is a
  violation; each file opens with a ``# Problem:`` and a ``# Solution:`` line;
- the checks of :mod:`careergraph.checks` that neither can say well
  (promotion cycles, undeclared ``cg:`` terms, misspelt vocabulary terms).

The library returns data; the command line formats it and picks the exit code.
The QC queries run on any store; pySHACL and the checks need the whole graph as
an ``rdflib.Graph`` (:meth:`careergraph.career_graph.CareerGraph.rdflib_graph`:
a graph in memory as it is, a store or an endpoint copied, up to
:data:`careergraph.store.MAX_IN_MEMORY` triples).

Examples
--------
>>> from careergraph.load import load_graph
>>> report = validate(load_graph())
>>> report.conforms, report.count("violation")
(True, 0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache, cache
from pathlib import Path

import rdflib
from rdflib import URIRef
from rdflib.term import Node

from careergraph.checks import CHECKS
from careergraph.career_graph import CareerGraph
from careergraph.namespaces import SH, shorten
from careergraph.resources import qc_query_paths, shapes_paths

_LOCAL_NAME = re.compile(r"[A-Za-z_][\w.-]*(?<!\.)")
"""What may follow a prefix in a name shown to a person (a simple form of Turtle's PN_LOCAL)."""

SEVERITIES = ("violation", "warning", "info")
"""Severities, worst first. Only violations make a graph fail validation."""


@dataclass(frozen=True)
class Finding:
    """One problem found in the graph.

    Parameters
    ----------
    severity : str
        ``"violation"``, ``"warning"`` or ``"info"``.
    check : str
        What found it: ``shape cgsh:RoleSeniority``, ``qc promotion-not-rising``
        or ``check promotion-cycle``.
    focus : str
        The IRI (or blank node id) of the node at fault.
    focus_label : str
        A readable name for it: its title where it has one.
    message : str
        What is wrong, in one line.
    file : str or None
        The file that describes the node, when known.
    path, value : str or None
        The property and the offending value, when the check names them.
    """

    severity: str
    check: str
    focus: str
    focus_label: str
    message: str
    file: str | None = None
    path: str | None = None
    value: str | None = None


@dataclass
class ValidationReport:
    """The findings of :func:`validate`, worst first, with what was checked.

    Parameters
    ----------
    findings : list of Finding
        Worst first.
    files : list of str
        The files of the graph, in load order.
    triples : int
        How many triples were checked.
    """

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def conforms(self) -> bool:
        """True when no finding is a violation."""
        return self.count("violation") == 0

    def count(self, severity: str) -> int:
        """How many findings have this severity.

        Parameters
        ----------
        severity : str
            One of :data:`SEVERITIES`.

        Returns
        -------
        int
            The count.
        """
        return sum(1 for finding in self.findings if finding.severity == severity)

    def to_dict(self) -> dict:
        """The report as plain data, ready for JSON.

        Returns
        -------
        dict
            ``conforms``, the counts, ``files`` and every finding.
        """
        return {
            "conforms": self.conforms,
            "violations": self.count("violation"),
            "warnings": self.count("warning"),
            "triples": self.triples,
            "files": self.files,
            "findings": [asdict(finding) for finding in self.findings],
        }


def validate(kg: CareerGraph) -> ValidationReport:
    """Run every shape, QC query and integrity check on a loaded graph.

    Parameters
    ----------
    kg : CareerGraph
        The graph from :func:`careergraph.load.load_graph`.

    Returns
    -------
    ValidationReport
        Findings sorted by severity, file and node.
    """
    graph = kg.rdflib_graph()  # pySHACL and the checks read an rdflib graph
    namespaces = _user_namespaces(kg)
    findings = [*_shacl_findings(kg, graph, namespaces), *_qc_findings(kg, namespaces),
                *_check_findings(kg, graph, namespaces)]
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.file or "", f.focus,
                                 f.check, f.message))
    return ValidationReport(findings, [layer.name for layer in kg.layers], len(kg))


def _finding(kg: CareerGraph, namespaces: list[tuple[str, str]], severity: str, check: str, focus: Node,
             message: str, path: Node | None = None, value: Node | None = None) -> Finding:
    return Finding(
        severity=severity,
        check=check,
        focus=str(focus),
        focus_label=_describe(kg, namespaces, focus),
        message=" ".join(message.split()),
        file=kg.origin(focus),
        path=shorten(str(path)) if isinstance(path, URIRef) else None,
        value=None if value is None else str(value),
    )


def _user_namespaces(kg: CareerGraph) -> list[tuple[str, str]]:
    """The prefixes the data declared, as (namespace, prefix), longest namespace first."""
    return sorted(((ns, prefix) for prefix, ns in kg.store.namespaces().items() if prefix and ns),
                  key=lambda item: -len(item[0]))


def _qname(iri: str, namespaces: list[tuple[str, str]]) -> str | None:
    """``prefix:local`` for an IRI in a declared namespace, when the rest is a plain local name.

    Examples
    --------
    >>> _qname("http://example.org/acme/pm", [("http://example.org/acme/", "acme")])
    'acme:pm'
    >>> _qname("http://example.org/acme/a/b", [("http://example.org/acme/", "acme")]) is None
    True
    """
    for namespace, prefix in namespaces:
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def _describe(kg: CareerGraph, namespaces: list[tuple[str, str]], node: Node) -> str:
    if not isinstance(node, URIRef):
        return f"_:{node}"
    name = shorten(str(node))
    if name.startswith("<"):  # a namespace of the user's own: use the prefix their file declared
        name = _qname(str(node), namespaces) or name
    label = kg.label(node)
    return name if label == str(node) else f'{name} "{label}"'


@lru_cache(maxsize=1)
def _shapes_graph() -> rdflib.Graph:
    shapes = rdflib.Graph()
    for path in shapes_paths():
        shapes.parse(path, format="turtle")
    return shapes


def _shacl_findings(kg: CareerGraph, graph: rdflib.Graph,
                    namespaces: list[tuple[str, str]]) -> Iterable[Finding]:
    import pyshacl

    shapes = _shapes_graph()
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                     advanced=False, abort_on_first=False)
    sh = rdflib.Namespace(SH)
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        severity = str(results.value(result, sh.resultSeverity)).rpartition("#")[2].lower()
        shape = results.value(result, sh.sourceShape)
        messages = [str(m) for m in results.objects(result, sh.resultMessage)]
        yield _finding(
            kg, namespaces, severity if severity in SEVERITIES else "violation",
            f"shape {shorten(str(shape))}" if isinstance(shape, URIRef) else "shape",
            results.value(result, sh.focusNode),
            messages[0] if messages else "does not conform to its shape",
            path=results.value(result, sh.resultPath),
            value=results.value(result, sh.value),
        )


@cache
def qc_query(path: Path) -> tuple[str, str, str]:
    """A QC query file as ``(name, problem, query text)``.

    Parameters
    ----------
    path : Path
        A ``*-violation.rq`` file.

    Returns
    -------
    tuple of str
        The check's name (the file name without ``-violation``), the
        ``# Problem:`` line, and the query.

    Examples
    --------
    >>> name, problem, _ = qc_query(qc_query_paths()[0])
    >>> name.endswith("-violation") is False and problem.endswith(".")
    True
    """
    text = path.read_text(encoding="utf-8")
    problem = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                    if line.startswith("# Problem:")), path.stem)
    return path.stem.removesuffix("-violation"), problem, text


def _qc_findings(kg: CareerGraph, namespaces: list[tuple[str, str]]) -> Iterable[Finding]:
    for path in qc_query_paths():
        name, problem, text = qc_query(path)
        for row in kg.query(text):
            detail = getattr(row, "detail", None)
            message = f"{problem.rstrip('.')}: {detail}" if detail else problem
            yield _finding(kg, namespaces, "violation", f"qc {name}", row.focus, message)


def _check_findings(kg: CareerGraph, graph: rdflib.Graph,
                    namespaces: list[tuple[str, str]]) -> Iterable[Finding]:
    for name, check in CHECKS.items():
        for focus, message in check(graph):
            yield _finding(kg, namespaces, "violation", f"check {name}", focus, message)
