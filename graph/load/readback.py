"""What careergraph can read back: one check of RDF terms for its readers and its writers.

A reader refuses a term that a writer could not write so that careergraph
reads it again, and a writer refuses the same terms: so a file careergraph
reads, it can export, and the export reads back (in memory and into a
persistent Oxigraph store alike). A term is refused when

- its text holds a lone surrogate (``"\\uD800"`` in Turtle, N-Triples or
  JSON-LD): not a character, so UTF-8 cannot carry it (Python would write
  ``?`` or fail);
- it is an IRI that is not valid (a space, a control character, ``<``, two
  ``#``, a bad ``%`` escape: :func:`iri_problem`, Oxigraph's own check);
- it is an integer literal of more than :data:`MAX_INT_DIGITS` digits, which
  Python does not turn into a number;
- it has a language tag that is not BCP 47.

Blank nodes are never refused: one whose label Turtle or N-Triples cannot
write (JSON-LD's ``"_:a b"``) gets a new label (:func:`relabel_blank_nodes`).

Examples
--------
>>> from rdflib import Literal, URIRef
>>> term_problem(URIRef("http://example.org/a b"))
"the IRI <http://example.org/a b> is not valid: Invalid IRI code point ' '"
>>> term_problem(Literal("bad\\ud800"))
"the text 'bad\\\\ud800' holds a lone surrogate (U+D800), which is not a character"
>>> term_problem(Literal("Product Manager", lang="en")) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from careergraph.errors import shown
from careergraph.namespaces import XSD

if TYPE_CHECKING:
    import rdflib

MAX_INT_DIGITS = 4_300
"""The longest integer careergraph reads: Python's limit on turning text into an int."""

INTEGER_TYPES = frozenset(XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte"))
"""The XML Schema datatypes whose values are integers (rdflib turns them into Python ints)."""

SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BLANK_LABEL = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*")
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}")
"""A surrogate written as an escape, in Turtle, N-Triples or JSON text."""
LONG_DIGITS = re.compile(f"[0-9]{{{MAX_INT_DIGITS + 1},}}")
"""A run of more digits than an integer careergraph reads may have."""
LONG_DIGITS_BYTES = re.compile(LONG_DIGITS.pattern.encode("ascii"))
""":data:`LONG_DIGITS` for UTF-8 bytes."""


def visible(text: str, limit: int = 80) -> str:
    """``text`` as a message shows it: control characters and surrogates escaped, cut to ``limit``.

    Parameters
    ----------
    text : str
        Any text, from a data file.
    limit : int, default 80
        The most characters shown (:func:`careergraph.errors.shown`).

    Returns
    -------
    str
        One line that any terminal prints as it is.

    Examples
    --------
    >>> visible("a\\x00b\\ud800")
    'a\\\\x00b\\\\ud800'
    """
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return shown(_INVISIBLE.sub(escape, text[:limit * 4]), limit)


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` is not an IRI careergraph writes and reads back (Oxigraph's check), or None.

    Parameters
    ----------
    iri : str
        The IRI.

    Returns
    -------
    str or None
        Oxigraph's reason (``"Invalid IRI code point ' '"``), or None when the IRI is valid.

    Examples
    --------
    >>> iri_problem("https://w3id.org/careergraph/pm/product-manager") is None
    True
    >>> iri_problem("http://example.org/a%zz")
    "Invalid IRI percent encoding '%zz'"
    """
    import pyoxigraph as ox

    if SURROGATE.search(iri):
        return "it holds a lone surrogate, which is not a character"
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        return str(error)
    return None


def term_problem(term: Any, *, iris: bool = True, texts: bool = True) -> str | None:
    """Why careergraph cannot write ``term`` so that it reads it back, or None (see the module).

    Parameters
    ----------
    term : rdflib term
        An IRI, a blank node or a literal.
    iris : bool, default True
        Whether to check IRIs (the term's, a literal's datatype) and language tags.
    texts : bool, default True
        Whether to check a literal's text (lone surrogates, integers too long).

    Returns
    -------
    str or None
        What is wrong, in words for a message; None when the term is fine.
    """
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        if not iris:
            return None
        why = iri_problem(str(term))
        return None if why is None else f"the IRI <{visible(str(term))}> is not valid: {visible(why, 120)}"
    if not isinstance(term, Literal):
        return None
    if texts:
        text = str(term)
        surrogate = None if text.isascii() else SURROGATE.search(text)
        if surrogate:
            pair = text[surrogate.start():surrogate.start() + 2]
            if re.fullmatch("[\ud800-\udbff][\udc00-\udfff]", pair):  # a UTF-16 pair, as two escapes
                joined = pair.encode("utf-16", "surrogatepass").decode("utf-16")
                return (f"the text '{visible(text)}' holds the halves of a UTF-16 pair, which are not "
                        f"characters; write the character itself ({joined}, or \\U{ord(joined):08X})")
            return (f"the text '{visible(text)}' holds a lone surrogate "
                    f"(U+{ord(surrogate.group()):04X}), which is not a character")
        if len(text) > MAX_INT_DIGITS and str(term.datatype) in INTEGER_TYPES:
            digits = sum(c.isdigit() for c in text)
            if digits > MAX_INT_DIGITS:
                return (f"an integer of {digits:,} digits ('{visible(text, 20)}'); careergraph reads "
                        f"integers of at most {MAX_INT_DIGITS:,} digits")
    if iris and term.datatype is not None:
        why = _remembered(_DATATYPES, str(term.datatype), iri_problem)
        if why is not None:
            return f"the datatype <{visible(str(term.datatype))}> is not a valid IRI: {visible(why, 120)}"
    if iris and term.language:
        return _remembered(_LANGUAGES, term.language, _language_problem)
    return None


_DATATYPES: dict[str, str | None] = {}
_LANGUAGES: dict[str, str | None] = {}


def _remembered(known: dict[str, str | None], key: str, check: Any) -> str | None:
    """``check(key)``, remembered in ``known`` (datatypes and language tags repeat a lot)."""
    if key not in known:
        if len(known) > 10_000:
            known.clear()
        known[key] = check(key)
    return known[key]


def _language_problem(language: str) -> str | None:
    """Why a language tag is not BCP 47 (Oxigraph's check), or None."""
    import pyoxigraph as ox

    try:
        ox.Literal("", language=language)
    except ValueError as error:
        return f"the language tag '{visible(language)}' is not valid: {error}"
    return None


def find_problem(graph: rdflib.Graph | Iterable[Any], *, iris: bool = True,
                 texts: bool = True) -> tuple[Any, Any, str] | None:
    """The first triple with a term careergraph cannot write and read back.

    Each distinct term is checked once (:func:`term_problem`).

    Parameters
    ----------
    graph : rdflib.Graph or iterable of (subject, predicate, object)
        The triples, as rdflib terms.
    iris, texts : bool, default True
        What to check (see :func:`term_problem`); a reader leaves out what its
        parser has checked already.

    Returns
    -------
    (triple, term, reason) or None
        A triple, its term at fault and why; None when all are fine.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> a, p = URIRef("http://example.org/a"), URIRef("http://example.org/p")
    >>> find_problem([(a, p, Literal("fine"))]) is None
    True
    >>> find_problem([(a, p, Literal("1" * 5000, datatype=XSD + "integer"))])[2]
    "an integer of 5,000 digits ('11111111111111111...'); careergraph reads integers of at most 4,300 digits"
    """
    if not (iris or texts):
        return None
    terms = _distinct_terms(graph)
    if terms is None:  # not an rdflib graph in memory: each triple in turn
        for triple in graph:
            for term in triple[:3]:
                why = term_problem(term, iris=iris, texts=texts)
                if why is not None:
                    return triple, term, why
        return None
    for position, distinct in enumerate(terms):
        for term in distinct:
            why = term_problem(term, iris=iris, texts=texts)
            if why is not None:
                pattern: list[Any] = [None, None, None]
                pattern[position] = term
                triple = next(iter(graph.triples(tuple(pattern))), None)
                if triple is not None:  # (an index may keep a key whose triples are gone)
                    return triple, term, why
    return None


def _distinct_terms(graph: Any) -> list[Any] | None:
    """The distinct subjects, predicates and objects of a graph in rdflib's memory store, or None.

    They are the keys of the store's three indexes, so no triple is visited;
    with any other store (or another rdflib), None, and the caller goes
    through the triples.
    """
    store = getattr(graph, "store", None)
    if type(store).__name__ != "Memory" or len(getattr(store, "_Memory__all_contexts", ())) > 1:
        return None
    indexes = [getattr(store, f"_Memory__{name}", None) for name in ("spo", "pos", "osp")]
    if not all(isinstance(index, dict) for index in indexes):
        return None
    return [index.keys() for index in indexes]


def describe_node(triple: Any) -> str:
    """The subject and property of a triple, as a message names them.

    Parameters
    ----------
    triple : (subject, predicate, object)
        rdflib terms.

    Returns
    -------
    str
        ``<subject> <predicate>``, each cut and escaped (:func:`visible`).
    """
    from rdflib import BNode

    from careergraph.namespaces import shorten

    def name(term: Any) -> str:
        if isinstance(term, BNode):
            return visible(f"_:{term}", 100)
        short = shorten(str(term))
        return visible(short if short != str(term) else f"<{term}>", 100)

    return f"{name(triple[0])} {name(triple[1])}"


def relabel_blank_nodes(graph: rdflib.Graph) -> rdflib.Graph:
    """``graph`` itself, or a copy whose blank nodes that Turtle could not write have new labels.

    Parameters
    ----------
    graph : rdflib.Graph
        Any graph.

    Returns
    -------
    rdflib.Graph
        The same graph when every blank node label is plain (letters, digits,
        ``_`` and inner ``-``), else a copy with the same prefixes in which each
        other blank node is a new one (the same new one wherever it occurs).

    Examples
    --------
    >>> import rdflib
    >>> g = rdflib.Graph()
    >>> g.add((rdflib.BNode("a b"), rdflib.URIRef("http://example.org/p"), rdflib.BNode("a b")))
    <Graph identifier=... (<class 'rdflib.graph.Graph'>)>
    >>> s, _, o = next(iter(relabel_blank_nodes(g)))
    >>> s == o and str(s) != "a b"
    True
    """
    from rdflib import BNode, Graph

    def bad(term: Any) -> bool:
        return isinstance(term, BNode) and not _BLANK_LABEL.fullmatch(term)

    if not any(bad(term) for triple in graph for term in triple):
        return graph
    new: dict[Any, Any] = {}

    def label(term: Any) -> Any:
        return new.setdefault(term, BNode()) if bad(term) else term

    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy.addN((label(s), p, label(o), copy) for s, p, o in graph)
    return copy


def line_of(text: str, term: Any) -> int | None:
    """The line of ``text`` where the refused ``term`` most likely is (for the message), or None.

    Parameters
    ----------
    text : str
        The file's text.
    term : rdflib term
        The term :func:`find_problem` refused.

    Returns
    -------
    int or None
        A 1-based line, or None when it cannot be told.
    """
    from rdflib import Literal, URIRef

    match: Any = None
    value = str(term)
    if SURROGATE.search(value):
        match = SURROGATE_ESCAPE.search(text)
    elif isinstance(term, Literal) and str(term.datatype) in INTEGER_TYPES and len(value) > MAX_INT_DIGITS:
        match = LONG_DIGITS.search(text)
    elif isinstance(term, Literal) and term.language:
        match = re.search("@" + re.escape(term.language) + r"\b", text, re.IGNORECASE)
    else:
        iri = str(term.datatype) if isinstance(term, Literal) else value
        if isinstance(term, (Literal, URIRef)):
            for needle in (iri, re.split(r"[/#]", iri)[-1]):
                index = text.find(needle) if len(needle) >= 3 else -1
                if index >= 0:
                    return text.count("\n", 0, index) + 1
    return None if match is None else text.count("\n", 0, match.start()) + 1
