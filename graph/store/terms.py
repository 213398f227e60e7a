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

    An answer of 15,000 rows of 8 columns has 120,000 terms, so each one counts:
    IRIs and strings (plain or in a language) are made without rdflib's checks,
    which only repeat what Oxigraph already checked (rdflib's constructors
    validate an IRI's characters, a language tag's syntax, and turn the text
    into a Python value); the result is the same term (same class, text,
    language, value). A language tag is checked by rdflib's own constructor
    the first time it is seen, and typed literals (numbers, dates...) are
    always made by it, so that their values and normal forms are rdflib's.
    If rdflib's terms ever hold something else (a new slot), the converter
    notices when it is made and uses the constructors throughout.

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
    >>> from rdflib import Literal
    >>> convert(ox.Literal("Product Owner", language="en")) == Literal("Product Owner", lang="en")
    True
    """

    def __init__(self) -> None:
        import pyoxigraph as ox
        from rdflib import BNode, Literal, URIRef

        # an ill-typed literal ("abc"^^xsd:integer, 5,000 digits) stays a literal whose toPython()
        # is itself; rdflib would also log a traceback for it, which is no message for a person
        logging.getLogger("rdflib.term").setLevel(logging.ERROR)
        self._seen: dict[Any, Any] = {}
        self._uri, self._bnode, self._literal = URIRef, BNode, Literal
        self._datatypes: dict[str, Any] = {}
        self._languages: dict[str, str] = {}
        self._fast = _fast_terms_work()
        self._kinds = {ox.NamedNode: self._iri, ox.BlankNode: self._blank, ox.Literal: self._literal_of}

    def __call__(self, term: Any) -> Any:
        """The rdflib term for a pyoxigraph term (None for None, an unbound value)."""
        if term is None:
            return None
        seen = self._seen.get(term)
        if seen is not None:
            return seen
        make = self._kinds.get(type(term))
        if make is None:
            raise CareerGraphError(f"careergraph does not handle the term {term} "
                                   "(RDF-star triples are not part of its model)")
        value = make(term)
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

    def _iri(self, term: Any) -> Any:
        return _new_str(self._uri, term.value) if self._fast else self._uri(term.value)

    def _blank(self, term: Any) -> Any:
        return self._bnode(term.value)

    def _literal_of(self, term: Any) -> Any:
        language = term.language
        if language:
            known = self._languages.get(language)
            if known is None or not self._fast:
                made = self._literal(term.value, lang=language)  # rdflib checks the tag
                self._languages[language] = made.language
                return made
            return _new_literal(self._literal, term.value, known)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            if self._fast:
                return _new_literal(self._literal, term.value, None)
            return self._literal(term.value)
        uri = self._datatypes.get(datatype)
        if uri is None:
            uri = self._datatypes[datatype] = self._uri(datatype)
        return self._literal(term.value, datatype=uri)


def plain_literal(text: str) -> Any:
    """``rdflib.Literal(text)``, made as :class:`TermConverter` makes one (without re-checking a plain string).

    Parameters
    ----------
    text : str
        The string.

    Returns
    -------
    rdflib.Literal
        A plain literal, equal to ``Literal(text)``.

    Examples
    --------
    >>> from rdflib import Literal
    >>> plain_literal("APM, Product Owner") == Literal("APM, Product Owner")
    True
    """
    from rdflib import Literal

    return _new_literal(Literal, text, None) if _fast_terms_work() else Literal(text)


def _new_str(kind: Any, text: str) -> Any:
    """An rdflib IRI made as its constructor makes a valid one, without checking it again."""
    return str.__new__(kind, text)


def _new_literal(kind: Any, text: str, language: str | None) -> Any:
    """A plain or language-tagged rdflib literal, as ``Literal(text, lang=language)`` makes it."""
    made = str.__new__(kind, text)
    made._language = language
    made._datatype = None
    made._value = text
    made._ill_typed = None
    return made


_FAST: list[bool] = []


def _fast_terms_work() -> bool:
    """Whether :func:`_new_str` and :func:`_new_literal` make exactly what rdflib's constructors make.

    Checked once: the same class, text, hash, equality and every slot, for an
    IRI, a plain string and a string in a language.

    Examples
    --------
    >>> _fast_terms_work()
    True
    """
    if not _FAST:
        from rdflib import Literal, URIRef

        slots = [slot for kind in Literal.__mro__ for slot in getattr(kind, "__slots__", ())]

        def same(fast: Any, real: Any) -> bool:
            return (type(fast) is type(real) and str(fast) == str(real) and fast == real
                    and hash(fast) == hash(real)
                    and all(getattr(fast, slot, _FAST) == getattr(real, slot, _FAST) for slot in slots))

        try:
            _FAST.append(same(_new_str(URIRef, "http://example.org/a"), URIRef("http://example.org/a"))
                         and same(_new_literal(Literal, "a b", None), Literal("a b"))
                         and same(_new_literal(Literal, "a b", "en"), Literal("a b", lang="en")))
        except (AttributeError, TypeError):
            _FAST.append(False)
    return _FAST[0]
