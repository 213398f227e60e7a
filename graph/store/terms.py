"""RDF terms across the borders: rdflib terms to SPARQL text and to pyoxigraph, and back.

Every store answers with rdflib terms (IRIs, literals, blank nodes), whatever
holds the triples. A value bound into a query that goes out as text (to
Oxigraph or to an endpoint) is written by :func:`term_to_sparql`, never
pasted from a user's text.

Examples
--------
>>> from rdflib import Literal
>>> term_to_sparql(Literal("Product Owner", lang="en"))
'"Product Owner"@en'
>>> as_node("https://w3id.org/careergraph/pm/product-manager")
rdflib.term.URIRef('https://w3id.org/careergraph/pm/product-manager')
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError, shown
from careergraph.namespaces import XSD

if TYPE_CHECKING:
    from rdflib.term import Node

_XSD_STRING = XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                          "\b": "\\b", "\f": "\\f"})
"""SPARQL's escapes (ECHAR): a literal is always one double-quoted, one-line string.

(rdflib's ``.n3()`` writes a value with a line break as a triple-quoted
string, and gets the end wrong for a value ending in a backslash and a quote.)"""

_KEEP = 200_000
"""The most terms a :class:`TermConverter` remembers."""

_WHOLE = re.compile(r"\+?[0-9]{1,18}")
"""A count as careergraph reads one: up to 18 digits (so no 5,000-digit number is ever converted)."""


def whole_number(term: Any, source: str) -> int:
    """A count from an answer (``COUNT(*)``) as an int; anything else is the answering store's mistake.

    Parameters
    ----------
    term : rdflib term or None
        The value the store answered.
    source : str
        Who answered, for the message (``"the SPARQL endpoint URL"``).

    Returns
    -------
    int
        The count.

    Raises
    ------
    CareerGraphError
        When the value is unbound, not a literal, or not a whole number of at most 18 digits.

    Examples
    --------
    >>> from rdflib import Literal
    >>> whole_number(Literal(42), "the store")
    42
    >>> whole_number(Literal("abc", datatype=XSD + "integer"), "the SPARQL endpoint http://x/")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: the SPARQL endpoint http://x/ answered 'abc' where a count
        (a whole number) was expected
    """
    from rdflib import Literal

    text = str(term).strip() if isinstance(term, Literal) else ""
    if not _WHOLE.fullmatch(text):
        what = "nothing" if term is None else f"'{shown(term, 40)}'"
        raise CareerGraphError(f"{source} answered {what} where a count (a whole number) was expected")
    return int(text)


def as_node(value: Node | str) -> Node:
    """A term as an rdflib term: a string is an IRI.

    Parameters
    ----------
    value : rdflib term or str
        The term, or an IRI as text.

    Returns
    -------
    rdflib.term.Node
        ``value`` itself when it is a term, else ``URIRef(value)``.
    """
    from rdflib.term import Node, URIRef

    return value if isinstance(value, Node) else URIRef(str(value))


def term_to_sparql(term: Any) -> str:
    """An rdflib term in SPARQL syntax, for a ``VALUES`` block.

    IRIs as ``<iri>`` (as rdflib's ``.n3()`` writes them); literals as one
    double-quoted string with every quote, backslash and line break escaped,
    then the language or datatype. IRIs that could break out of ``<...>``,
    odd language tags and blank nodes (which a query cannot name) are refused.

    Parameters
    ----------
    term : rdflib.URIRef or rdflib.Literal
        The value to bind.

    Returns
    -------
    str
        The term as SPARQL text.

    Raises
    ------
    CareerGraphError
        For a blank node, an IRI or a language tag that SPARQL cannot hold, or
        anything that is not an RDF term.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> term_to_sparql(Literal('x" } ; DROP ALL ; #'))
    '"x\\\\" } ; DROP ALL ; #"'
    >>> term_to_sparql(URIRef("http://example.org/a> } DROP ALL #"))
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: cannot bind the IRI 'http://example.org/a> } DROP ALL #':
        it holds characters an IRI may not hold
    """
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        if not _IRI_OK.fullmatch(str(term)):
            raise CareerGraphError(f"cannot bind the IRI '{term}': it holds characters an IRI "
                                   "may not hold")
        return f"<{term}>"
    if isinstance(term, BNode):
        raise CareerGraphError("a blank node cannot be bound in a query to a store or an endpoint: "
                               "a query cannot name a blank node")
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            if not _LANGUAGE.fullmatch(term.language):
                raise CareerGraphError(f"cannot bind a literal in the language '{term.language}'")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            if not _IRI_OK.fullmatch(str(term.datatype)):
                raise CareerGraphError(f"cannot bind a literal of the datatype '{term.datatype}'")
            return f"{text}^^<{term.datatype}>"
        return text
    raise CareerGraphError(f"cannot bind {term!r}: not an RDF term")


def to_oxigraph(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term; None stays None (a wildcard in a pattern).

    Parameters
    ----------
    term : rdflib term or None
        An IRI, blank node or literal.

    Returns
    -------
    pyoxigraph.NamedNode, pyoxigraph.BlankNode, pyoxigraph.Literal or None

    Raises
    ------
    CareerGraphError
        For anything that is not an RDF term.

    Examples
    --------
    >>> from rdflib import Literal
    >>> to_oxigraph(Literal("PM", lang="en"))
    <Literal value=PM language=en>
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise CareerGraphError(f"cannot bind {term!r}: not an RDF term")


class TermConverter:
    """Turns pyoxigraph terms into rdflib terms, remembering the ones seen (IRIs repeat a lot).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> convert = TermConverter()
    >>> convert(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))).toPython()
    3
    >>> convert(ox.Literal("Product Owner", language="en"))
    rdflib.term.Literal('Product Owner', lang='en')
    >>> convert(ox.Literal("plain"))
    rdflib.term.Literal('plain')
    """

    def __init__(self) -> None:
        from rdflib import BNode, Literal, URIRef

        # an ill-typed literal ("abc"^^xsd:integer, 5,000 digits) stays a literal whose toPython()
        # is itself; rdflib would also log a traceback for it, which is no message for a person
        logging.getLogger("rdflib.term").setLevel(logging.ERROR)
        self._seen: dict[Any, Any] = {}
        self._uri, self._bnode, self._literal = URIRef, BNode, Literal
        self._datatypes: dict[str, Any] = {}

    def __call__(self, term: Any) -> Any:
        """The rdflib term for a pyoxigraph term (None for None, an unbound value)."""
        if term is None:
            return None
        seen = self._seen.get(term)
        if seen is not None:
            return seen
        kind = type(term).__name__
        if kind == "NamedNode":
            value = self._uri(term.value)
        elif kind == "BlankNode":
            value = self._bnode(term.value)
        elif kind == "Literal":
            value = self._literal_of(term)
        else:
            raise CareerGraphError(f"careergraph does not handle the term {term} "
                                   "(RDF-star triples are not part of its model)")
        if len(self._seen) < _KEEP:
            self._seen[term] = value
        return value

    def triple(self, triple: Any) -> tuple[Any, Any, Any]:
        """A pyoxigraph triple or quad as a tuple of rdflib terms.

        Parameters
        ----------
        triple : pyoxigraph.Triple or pyoxigraph.Quad
            Anything with ``subject``, ``predicate`` and ``object``.

        Returns
        -------
        tuple
            ``(subject, predicate, object)`` as rdflib terms.
        """
        return self(triple.subject), self(triple.predicate), self(triple.object)

    def _literal_of(self, term: Any) -> Any:
        if term.language:
            return self._literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return self._literal(term.value)
        uri = self._datatypes.get(datatype)
        if uri is None:
            uri = self._datatypes[datatype] = self._uri(datatype)
        return self._literal(term.value, datatype=uri)
