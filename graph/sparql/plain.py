"""A SELECT or ASK answer of pyoxigraph terms, written in the formats of ``careergraph query`` without rdflib.

The fast path of ``careergraph query`` (:mod:`careergraph.sparql.fast`) answers
from Oxigraph, and must print exactly what the rdflib path prints
(:func:`careergraph.sparql.formats.serialize`), byte for byte. So this module
writes the same formats the same way: ``csv`` with the :mod:`csv` module as
rdflib's CSV writer does, ``json`` with the same keys in the same order (and
``orjson`` when rdflib would use it), ``xml`` with the same
:class:`xml.sax.saxutils.XMLGenerator` calls (down to rdflib's slip of writing
no text for a literal whose value is 0 or false), and ``tsv`` and ``md`` (and
the terms of a table) as :mod:`careergraph.sparql.formats` does.

The terms are those rdflib would give for the same answer: a plain literal
(``xsd:string``) has no datatype, a literal with a language has no datatype
either. Which terms the fast path accepts at all (the others go to rdflib) is
its business (:func:`careergraph.sparql.fast.plain_terms`).

Examples
--------
>>> import pyoxigraph as ox
>>> result = PlainResult("select", ["role", "seniority"], [
...     (ox.NamedNode("https://w3id.org/careergraph/pm/product-manager"),
...      ox.Literal("2", datatype=ox.NamedNode(XSD + "integer")))])
>>> print(serialize(result, "tsv"))
?role	?seniority
<https://w3id.org/careergraph/pm/product-manager>	2
>>> print(serialize(result, "md"))
| role | seniority |
| --- | --- |
| pm:product-manager | 2 |
>>> print(serialize(PlainResult("ask", [], boolean=True), "json"))
{"head": {}, "boolean": true}
"""

from __future__ import annotations

import re
from typing import Any

from careergraph.namespaces import RDF, XSD, shorten

PLAIN_TYPES = (XSD + "string", RDF + "langString")
"""Datatypes of literals rdflib holds without one (a plain string, a string with a language)."""

_NUMBERS = {XSD + "integer": re.compile(r"[+-]?\d+"),
            XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
            XSD + "double": re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"),
            XSD + "boolean": re.compile(r"true|false")}
_FALSE_WHEN = {XSD + "integer": ("0", "-0", "+0"), XSD + "decimal": ("0", "-0", "+0", "0.0", "-0.0"),
               XSD + "boolean": ("false", "0")}
"""Spellings of the literals rdflib holds as false (0, false), which its XML writer writes empty."""
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"
_XML = "http://www.w3.org/XML/1998/namespace"


class PlainResult:
    """The answer to a SELECT or an ASK, as pyoxigraph terms.

    (A plain class: the fast path imports no ``dataclasses``, which costs more
    to import than the query takes.)

    Parameters
    ----------
    kind : str
        ``select`` or ``ask``.
    variables : list of str
        The SELECT's columns in order (empty for ASK).
    rows : list of tuple, optional
        One tuple of pyoxigraph terms per row, in the order of ``variables``;
        None where a variable is unbound.
    boolean : bool or None, optional
        The answer of an ASK.
    """

    __slots__ = ("boolean", "kind", "rows", "variables")

    def __init__(self, kind: str, variables: list[str], rows: list[tuple[Any, ...]] | None = None,
                 boolean: bool | None = None) -> None:
        self.kind, self.variables = kind, variables
        self.rows = [] if rows is None else rows
        self.boolean = boolean

    def __repr__(self) -> str:
        """The kind and the size."""
        if self.kind == "ask":
            return f"<PlainResult ask {self.boolean}>"
        return f"<PlainResult {self.kind}: {len(self.rows)} rows of {', '.join(self.variables)}>"

    def bound(self) -> list[dict[str, Any]]:
        """The rows as dicts of the bound variables only, in the order of :attr:`variables`.

        Returns
        -------
        list of dict
            Variable name -> pyoxigraph term.
        """
        return [{name: term for name, term in zip(self.variables, row) if term is not None}
                for row in self.rows]


def _datatype(term: Any) -> str | None:
    """The datatype rdflib would give a literal: None for plain and language-tagged strings."""
    datatype = term.datatype.value
    return None if datatype in PLAIN_TYPES else datatype


def _kind(term: Any) -> str:
    return type(term).__name__


def display(term: Any) -> str:
    """A term as :func:`careergraph.sparql.formats.display` shows it in a table.

    Parameters
    ----------
    term : pyoxigraph term or None
        The value (None where unbound).

    Returns
    -------
    str
        ``prefix:name`` for an IRI a prefix covers, the IRI itself otherwise,
        ``_:id`` for a blank node, a literal's text; empty for None.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> display(ox.NamedNode("https://w3id.org/careergraph/ontology#Role")), display(ox.Literal("PM", language="en"))
    ('cg:Role', 'PM')
    """
    if term is None:
        return ""
    kind = _kind(term)
    if kind == "NamedNode":
        short = shorten(term.value)
        return term.value if short.startswith("<") else short
    if kind == "BlankNode":
        return f"_:{term.value}"
    return term.value


def tsv_term(term: Any) -> str:
    """A term in the Turtle syntax of SPARQL TSV, as :func:`careergraph.sparql.formats.tsv_term` writes it.

    Parameters
    ----------
    term : pyoxigraph term
        An IRI, blank node or literal.

    Returns
    -------
    str
        Numbers and booleans bare, other literals quoted and escaped, IRIs in ``<...>``.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> tsv_term(ox.Literal("a\\tb", language="en")), tsv_term(ox.NamedNode("http://x/y"))
    ('"a\\\\tb"@en', '<http://x/y>')
    """
    kind = _kind(term)
    if kind == "NamedNode":
        return f"<{term.value}>"
    if kind == "BlankNode":
        return f"_:{term.value}"
    datatype = _datatype(term)
    if datatype in _NUMBERS and _NUMBERS[datatype].fullmatch(term.value):
        return term.value
    quoted = '"' + term.value.translate(_ESCAPES) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    if datatype:
        return f"{quoted}^^<{datatype}>"
    return quoted


def serialize(result: PlainResult, fmt: str) -> str:
    """The answer in ``fmt``: ``csv``, ``tsv``, ``json``, ``md`` or ``xml``, as rdflib's path writes it.

    Parameters
    ----------
    result : PlainResult
        A SELECT or ASK answer.
    fmt : str
        One of :data:`careergraph.sparql.formats.ROW_FORMATS`.

    Returns
    -------
    str
        The text :func:`careergraph.sparql.formats.serialize` gives for the same answer.
    """
    if result.kind == "ask" and fmt in ("csv", "tsv", "md"):  # no standard: the bare answer
        return "true" if result.boolean else "false"
    if fmt == "tsv":
        lines = ["\t".join(f"?{name}" for name in result.variables)]
        lines += ["\t".join("" if term is None else tsv_term(term) for term in row) for row in result.rows]
        return "\n".join(lines)
    if fmt == "md":
        return _markdown(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "json":
        return _json(result)
    if fmt == "xml":
        return _xml(result)
    raise ValueError(f"unknown format {fmt!r}")


def _markdown(result: PlainResult) -> str:
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|") or " "

    lines = ["| " + " | ".join(map(cell, result.variables)) + " |",
             "|" + " --- |" * len(result.variables)]
    lines += ["| " + " | ".join(cell(display(term)) for term in row) + " |" for row in result.rows]
    return "\n".join(lines)


def _csv(result: PlainResult) -> str:
    """rdflib's CSV writer: :mod:`csv` defaults (CRLF, minimal quoting); a blank node as ``_:id``."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=",")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if term is None else
                         f"_:{term.value}" if _kind(term) == "BlankNode" else term.value for term in row])
    return out.getvalue()


def _term_json(term: Any) -> dict[str, str]:
    kind = _kind(term)
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    found = {"type": "literal", "value": term.value}
    datatype = _datatype(term)
    if datatype is not None:
        found["datatype"] = datatype
    if term.language:
        found["xml:lang"] = term.language
    return found


def _json(result: PlainResult) -> str:
    """rdflib's JSON writer: the same keys in the same order, written by orjson when rdflib would."""
    answer: dict[str, Any] = {}
    if result.kind == "ask":
        answer["head"] = {}
        answer["boolean"] = bool(result.boolean)
    else:
        answer["results"] = {}
        answer["head"] = {"vars": list(result.variables)}
        answer["results"]["bindings"] = [{name: _term_json(term) for name, term in row.items()}
                                         for row in result.bound()]
    try:
        import orjson
    except ImportError:
        import json

        return json.dumps(answer, allow_nan=False, ensure_ascii=False)
    return orjson.dumps(answer, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")


def _xml(result: PlainResult) -> str:
    """rdflib's XML writer: the same :class:`~xml.sax.saxutils.XMLGenerator` calls, in the same order."""
    import io
    from xml.sax.saxutils import XMLGenerator
    from xml.sax.xmlreader import AttributesNSImpl

    def empty() -> AttributesNSImpl:
        return AttributesNSImpl({}, {})

    def named(name: str) -> AttributesNSImpl:
        return AttributesNSImpl({(None, "name"): name}, {(None, "name"): "name"})

    def element(tag: str, attributes: AttributesNSImpl, text: str | None = None) -> None:
        writer.startElementNS((_SPARQL_RESULTS, tag), tag, attributes)
        if text is not None:
            writer.characters(text)
        writer.endElementNS((_SPARQL_RESULTS, tag), tag)

    out = io.BytesIO()
    writer = XMLGenerator(out, "utf-8")
    writer.startDocument()
    writer.startPrefixMapping("", _SPARQL_RESULTS)
    writer.startPrefixMapping("xml", _XML)
    writer.startElementNS((_SPARQL_RESULTS, "sparql"), "sparql", empty())
    writer.startElementNS((_SPARQL_RESULTS, "head"), "head", empty())
    for name in result.variables if result.kind != "ask" else ():
        element("variable", named(name))
    writer.endElementNS((_SPARQL_RESULTS, "head"), "head")
    if result.kind == "ask":
        element("boolean", empty(), str(bool(result.boolean)).lower())
    else:
        writer.startElementNS((_SPARQL_RESULTS, "results"), "results", empty())
        for row in result.bound():
            writer.startElementNS((_SPARQL_RESULTS, "result"), "result", empty())
            for name, term in row.items():
                writer.startElementNS((_SPARQL_RESULTS, "binding"), "binding", named(name))
                _xml_term(element, term)
                writer.endElementNS((_SPARQL_RESULTS, "binding"), "binding")
            writer.endElementNS((_SPARQL_RESULTS, "result"), "result")
        writer.endElementNS((_SPARQL_RESULTS, "results"), "results")
    writer.endElementNS((_SPARQL_RESULTS, "sparql"), "sparql")
    writer.endDocument()
    return out.getvalue().decode("utf-8")


def _xml_term(element: Any, term: Any) -> None:
    from xml.sax.xmlreader import AttributesNSImpl

    kind = _kind(term)
    if kind in ("NamedNode", "BlankNode"):
        element("uri" if kind == "NamedNode" else "bnode", AttributesNSImpl({}, {}), term.value)
        return
    values: dict[tuple[str | None, str], str] = {}
    names: dict[tuple[str | None, str], str] = {}
    datatype = _datatype(term)
    if term.language:
        values[(_XML, "lang")], names[(_XML, "lang")] = term.language, "xml:lang"
    elif datatype:
        values[(None, "datatype")], names[(None, "datatype")] = datatype, "datatype"
    # rdflib's writer gives the Literal itself as the text, and XMLGenerator writes nothing for a
    # false one: a literal whose value is 0 or false comes out empty. Written the same here.
    text = "" if datatype in _FALSE_WHEN and term.value in _FALSE_WHEN[datatype] else term.value
    element("literal", AttributesNSImpl(values, names), text)
