"""RDF out: Turtle, N-Triples and JSON-LD that careergraph reads back, or a clear refusal.

rdflib's writers put a NUL or another control character into a Turtle or
N-Triples string as it is (careergraph then refuses the file as binary
data), write a lone surrogate as ``?`` without a word, write an IRI with a
space or a blank node label with a space as they are (which no parser
reads), and write JSON-LD literals as JSON numbers and booleans even when
that changes them (``"abc"^^xsd:integer`` comes back as the string
``"abc"``). :func:`rdf_bytes` writes through rdflib with these fixed:

- every term is checked first (:func:`careergraph.load.readback.find_problem`):
  a lone surrogate, an invalid IRI or language tag, an integer of over 4,300
  digits is refused in one line naming the node and the property;
- control characters in Turtle and N-Triples strings are written as
  ``\\u0000``-style escapes;
- blank nodes with labels Turtle cannot write get new labels;
- JSON-LD gives a literal as a JSON number or boolean only when reading it
  back gives the same literal; otherwise as ``{"@type", "@value"}``.

Examples
--------
>>> import rdflib
>>> g = rdflib.Graph()
>>> _ = g.add((rdflib.URIRef("http://example.org/a"), rdflib.URIRef("http://example.org/p"),
...            rdflib.Literal("nul\\x00here")))
>>> rdf_bytes(g, "nt")
b'<http://example.org/a> <http://example.org/p> "nul\\\\u0000here" .\\n'
"""

from __future__ import annotations

import json
import math
import re
from typing import IO, TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError
from careergraph.load.readback import describe_node, find_problem, relabel_blank_nodes

if TYPE_CHECKING:
    import rdflib

RDFLIB_FORMATS: dict[str, str] = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
"""careergraph's name of each RDF format it writes, and rdflib's."""

FORMAT_NAMES: dict[str, str] = {"ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD"}

_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters but tab, line feed and carriage return, which Turtle strings hold as they are."""


def rdf_bytes(graph: rdflib.Graph, fmt: str) -> bytes:
    """``graph`` written as ``fmt`` (``"ttl"``, ``"nt"``, ``"jsonld"``; rdflib's names too), in UTF-8.

    Parameters
    ----------
    graph : rdflib.Graph
        What to write; its prefixes are used (Turtle, and JSON-LD's ``@context``).
    fmt : str
        A key or a value of :data:`RDFLIB_FORMATS`.

    Returns
    -------
    bytes
        The document, which careergraph reads back as the same triples.

    Raises
    ------
    CareerGraphError
        For a term no careergraph reader would read back, naming the node,
        the property and what is wrong.
    """
    fmt = {v: k for k, v in RDFLIB_FORMATS.items()}.get(fmt, fmt)
    if fmt not in RDFLIB_FORMATS:
        raise CareerGraphError(f"unknown RDF format '{fmt}'; use one of {', '.join(RDFLIB_FORMATS)}")
    found = find_problem(graph)
    if found is not None:
        triple, _, reason = found
        raise CareerGraphError(f"cannot write {describe_node(triple)} as {FORMAT_NAMES[fmt]}: {reason}")
    graph = relabel_blank_nodes(graph)
    if fmt == "jsonld":
        return _json_ld(graph)
    data = graph.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")
    return _CONTROL.sub(lambda match: b"\\u%04X" % match.group()[0], data)


def write_rdf(graph: rdflib.Graph, out: IO[bytes], fmt: str) -> None:
    """Write :func:`rdf_bytes` ``(graph, fmt)`` to a binary file.

    Parameters
    ----------
    graph : rdflib.Graph
        What to write.
    out : binary file
        Where to write.
    fmt : str
        ``"ttl"``, ``"nt"`` or ``"jsonld"``.
    """
    out.write(rdf_bytes(graph, fmt))


def _json_ld(graph: rdflib.Graph) -> bytes:
    """JSON-LD with an inline ``@context`` of the graph's prefixes, every literal as it is."""
    from rdflib.plugins.serializers.jsonld import Converter
    from rdflib.plugins.shared.jsonld.context import Context

    from careergraph.load.jsonld import contexts_refused

    class Faithful(Converter):
        def to_raw_value(self, graph: Any, s: Any, o: Any, nodemap: Any) -> Any:
            if _native_changes(o):
                return {self.context.type_key: self.context.to_symbol(o.datatype),
                        self.context.value_key: str(o)}
            return super().to_raw_value(graph, s, o, nodemap)

    context_data = {prefix: str(namespace) for prefix, namespace in graph.namespaces()
                    if prefix and str(namespace) != "http://www.w3.org/XML/1998/namespace"}
    with contexts_refused():  # the context is inline; nothing is ever loaded
        context = Context(context_data)
        result = Faithful(context, False, False).convert(graph)
    if context.active:
        if isinstance(result, list):
            result = {context.get_key("@graph"): result}
        result["@context"] = context_data
    text = json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def _native_changes(term: Any) -> bool:
    """Whether rdflib would write ``term`` as a JSON value that reads back as another literal."""
    from rdflib import Literal
    from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES

    if not isinstance(term, Literal) or term.datatype not in PLAIN_LITERAL_TYPES:
        return False
    if term.ill_typed:
        return True
    value = term.toPython()
    if isinstance(value, Literal) or (isinstance(value, float) and not math.isfinite(value)):
        return True
    return Literal(value) != term
