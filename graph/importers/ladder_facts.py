"""Facts a ladder states with their sources: experience ranges, spans of control, cited sources.

- ``source`` (on a role, requirement, responsibility, move, experience
  range, span of control or mapping: a text or a list of texts): each text
  is one ``dcterms:BibliographicResource`` node of the ladder
  (``<namespace>ref-<words>``, ``dcterms:bibliographicCitation`` the text),
  shared by every entry that gives the same text and cited with
  ``dcterms:source`` (besides the passage of the ladder file every entry cites).
- ``experience`` (one mapping or a list, one per source): each its own
  ``cg:ExperienceRange`` with ``cg:minYears``, ``cg:typicalYears``,
  ``cg:maxYears`` (``xsd:decimal``; only those given: nothing is invented)
  and its sources; ranges that disagree are all kept.
- ``span_of_control`` (one or a list): each its own ``cg:SpanOfControl``
  with ``cg:minReports``, ``cg:maxReports`` and ``skos:note``.

Examples
--------
>>> from careergraph.importers.ladder_document import LadderDocument
>>> from rdflib import Graph
>>> document = LadderDocument({}, "x.yaml", "yaml")
>>> facts = LadderFacts(document, Graph(), node=lambda name: URIRef("https://example.org/x/" + name),
...                     cite=lambda node, path: None)
>>> role = URIRef("https://example.org/x/pm")
>>> [str(r) for r in facts.experience(role, "pm", [{"min": 2, "max": 5, "source": "Handbook"},
...                                              {"typical": 3}], ("roles", 0, "experience"))]
['https://example.org/x/experience-pm', 'https://example.org/x/experience-pm']
>>> facts.experience(role, "pm", {"min": 6, "max": 5}, ("roles", 0, "experience"))
Traceback (most recent call last):
...
careergraph.errors.LadderError: x.yaml, field 'max': 5 years is less than min (6); a range reads min
    <= typical <= max
"""

from __future__ import annotations

import math
from itertools import pairwise
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import rdflib
from rdflib import Literal, URIRef

from careergraph.importers.dataset import english
from careergraph.importers.ladder_terms import slug, years
from careergraph.namespaces import CG, DCTERMS, PROV, RDF, SKOS

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_

__all__ = ["LadderFacts", "as_list"]

_A = URIRef(RDF + "type")

_KINDS = {
    "experience": ("ExperienceRange", "experience", "years", ("min", "typical", "max"),
                   ("minYears", "typicalYears", "maxYears")),
    "span_of_control": ("SpanOfControl", "spanOfControl", "reports", ("min", "max"),
                        ("minReports", "maxReports")),
}
"""Field -> (class, role property, unit, number fields in order, their properties)."""


def as_list(value: Any) -> list[Any]:
    """A value that may be one item or a list, as a list (None: empty).

    Parameters
    ----------
    value : object
        One item, a list of items, or None.

    Returns
    -------
    list

    Examples
    --------
    >>> as_list("a"), as_list(["a", "b"]), as_list(None)
    (['a'], ['a', 'b'], [])
    """
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class LadderFacts:
    """Add the sources, experience ranges and spans of control a ladder gives.

    Parameters
    ----------
    document : LadderDocument
        The ladder, checked against the schema.
    graph : rdflib.Graph
        Where to add the nodes.
    node : callable
        Local name -> a new node of the ladder (made unique).
    cite : callable
        ``cite(node, path)``: make ``node`` cite the place of ``path``.
    """

    def __init__(self, document: LadderDocument, graph: rdflib.Graph, *,
                 node: Callable[[str], URIRef], cite: Callable[[URIRef, Path_], None]) -> None:
        self.doc = document
        self.graph = graph
        self._node = node
        self._cite = cite
        self.references: dict[str, URIRef] = {}
        """A source's text -> its node."""

    def sources(self, node: URIRef, written: Any) -> list[URIRef]:
        """Make ``node`` cite each source text of ``written`` (``dcterms:source``).

        Parameters
        ----------
        node : URIRef
            The node the sources are of.
        written : str, list of str or None
            The entry's ``source``.

        Returns
        -------
        list of URIRef
            The nodes of the sources, in the order written.
        """
        found = []
        for text in as_list(written):
            key = " ".join(str(text).split())
            reference = self.references.get(key)
            if reference is None:
                reference = self.references[key] = self._node(f"ref-{slug(key)}")
                self.graph.add((reference, _A, URIRef(DCTERMS + "BibliographicResource")))
                self.graph.add((reference, _A, URIRef(PROV + "Entity")))
                self.graph.add((reference, URIRef(DCTERMS + "bibliographicCitation"), english(key)))
            self.graph.add((node, URIRef(DCTERMS + "source"), reference))
            found.append(reference)
        return found

    def experience(self, role: URIRef, local: str, written: Any, path: Path_) -> list[URIRef]:
        """Add a role's experience ranges (``experience``: one mapping or a list).

        Parameters
        ----------
        role : URIRef
            The role.
        local : str
            The role's local name, to name the ranges.
        written : dict or list of dict
            The role's ``experience``.
        path : tuple
            Where it stands.

        Returns
        -------
        list of URIRef
            The ranges, in the order written.

        Raises
        ------
        LadderError
            A range with no number, a number that is not finite, or numbers
            out of order (min <= typical <= max).
        """
        return self._add("experience", role, local, written, path)

    def spans(self, role: URIRef, local: str, written: Any, path: Path_) -> list[URIRef]:
        """Add a role's spans of control (``span_of_control``: one mapping or a list).

        Parameters
        ----------
        role : URIRef
            The role.
        local : str
            The role's local name, to name the spans.
        written : dict or list of dict
            The role's ``span_of_control``.
        path : tuple
            Where it stands.

        Returns
        -------
        list of URIRef
            The spans, in the order written.

        Raises
        ------
        LadderError
            A span with neither numbers nor note, or min above max.
        """
        return self._add("span_of_control", role, local, written, path)

    def _add(self, field: str, role: URIRef, local: str, written: Any, path: Path_) -> list[URIRef]:
        cls, prop, unit, fields, properties = _KINDS[field]
        found = []
        for number, item in enumerate(as_list(written)):
            where = (*path, number) if isinstance(written, list) else path
            self._check(item, where, fields, unit, field)
            node = self._node(f"{'experience' if field == 'experience' else 'span'}-{local}")
            g = self.graph
            g.add((node, _A, URIRef(CG + cls)))
            for name, prop_name in zip(fields, properties):
                if item.get(name) is not None:
                    value = years(item[name]) if unit == "years" else Literal(int(item[name]))
                    g.add((node, URIRef(CG + prop_name), value))
            if item.get("note"):
                g.add((node, URIRef(SKOS + "note"), english(item["note"])))
            self.sources(node, item.get("source"))
            g.add((role, URIRef(CG + prop), node))
            self._cite(node, where)
            found.append(node)
        return found

    def _check(self, item: dict[str, Any], where: Path_, fields: tuple[str, ...], unit: str,
               field: str) -> None:
        given = [(name, item[name]) for name in fields if item.get(name) is not None]
        if not given and not item.get("note"):
            wanted = "min, typical or max" if unit == "years" else "min, max or note"
            raise self.doc.error(where, f"gives nothing: give {wanted} (what the source states)",
                                 field=field)
        for name, value in given:
            if not math.isfinite(value):
                raise self.doc.error((*where, name), f"{value} is not a number of {unit}")
        for (low_name, low), (high_name, high) in pairwise(given):
            if high < low:
                raise self.doc.error((*where, high_name), f"{_number(high)} {unit} is less than "
                                     f"{low_name} ({_number(low)}); a range reads "
                                     f"{' <= '.join(fields)}")


def _number(value: Any) -> str:
    """A number as the user wrote it: 5, 2.5."""
    return str(int(value)) if value == int(value) else str(value)
