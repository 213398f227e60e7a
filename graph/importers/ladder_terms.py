"""Small pieces the ladder importer shares: the ontology's words, names of nodes, numbers as literals.

A track, skill category, importance or kind of move is written in a ladder
as its term's local name in words (``IndividualContributor`` is
``individual contributor``, ``TrackSwitch`` is ``track switch``);
:func:`term` finds the term in the built-in ontology. :func:`slug` and
:func:`local` name new nodes; :func:`years` writes a number of years as an
``xsd:decimal`` literal in one canonical spelling, so that ``2``, ``2.0``
and ``2.00`` (YAML or CSV) give the same triple.

Examples
--------
>>> str(term("TransitionKind", "track switch")).rsplit("#", 1)[1]
'TrackSwitch'
>>> slug("Senior Leader (SCS 1)"), local(URIRef("https://example.org/acme/ladder/pm"))
('senior-leader-scs-1', 'pm')
>>> [str(years(value)) for value in (2, 2.5, "2.50")]
['2.0', '2.5', '2.5']
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef

from careergraph.namespaces import CG, PREFIXES, RDF, XSD

__all__ = ["builtin_graph", "expand", "local", "slug", "term", "years"]

_SLUG = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=1)
def builtin_graph() -> Any:
    """The built-in graph, against which references to built-in roles and skills resolve.

    Returns
    -------
    CareerGraph
        Loaded once per process.
    """
    from careergraph.load import load_graph

    return load_graph()


def term(kind: str, word: str) -> URIRef:
    """The ontology's term of class ``cg:<kind>`` that a (normalised) word of the format names.

    Parameters
    ----------
    kind : str
        ``Track``, ``SkillCategory``, ``Importance`` or ``TransitionKind``.
    word : str
        The term's local name in lower-case words (``individual contributor``).

    Returns
    -------
    URIRef
        The term, read from the built-in ontology.

    Raises
    ------
    KeyError
        No term of that class has that name (the schema lets none through).
    """
    return _words()[kind][word]


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, URIRef]]:
    """Class local name -> the word of each of its terms in the built-in ontology -> the term."""
    words: dict[str, dict[str, URIRef]] = {}
    for kind in ("Track", "SkillCategory", "Importance", "TransitionKind"):
        for found in builtin_graph().subjects(URIRef(RDF + "type"), URIRef(CG + kind)):
            name = str(found).removeprefix(CG)
            words.setdefault(kind, {})[_CAMEL.sub(" ", name).casefold()] = URIRef(found)
    return words


def expand(written: str) -> str:
    """``prefix:name`` with a prefix careergraph knows, as a full IRI; anything else as written.

    Parameters
    ----------
    written : str
        A reference as written.

    Returns
    -------
    str

    Examples
    --------
    >>> expand("pm:cpo"), expand("https://example.org/x")
    ('https://w3id.org/careergraph/pm/cpo', 'https://example.org/x')
    """
    prefix, _, name = written.partition(":")
    return PREFIXES[prefix] + name if prefix in PREFIXES and not name.startswith("//") else written


def local(iri: URIRef) -> str:
    """The last part of an IRI (after its last ``/`` or ``#``).

    Parameters
    ----------
    iri : URIRef
        A node.

    Returns
    -------
    str
    """
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def slug(text: str, limit: int = 48) -> str:
    """Words of ``text`` joined by hyphens, cut at a word boundary near ``limit``.

    Parameters
    ----------
    text : str
        Any text.
    limit : int, default 48
        The longest slug.

    Returns
    -------
    str
        ``item`` when ``text`` has no letter or digit.
    """
    found = _SLUG.sub("-", text.casefold()).strip("-")
    if len(found) > limit:
        found = found[:limit].rsplit("-", 1)[0]
    return found or "item"


def years(value: Any) -> Literal:
    """A number (of years) as an ``xsd:decimal`` literal, always written with a point.

    Parameters
    ----------
    value : int, float, Decimal or str
        The number as read from YAML or CSV.

    Returns
    -------
    Literal
        ``2`` and ``2.00`` both give ``"2.0"^^xsd:decimal``.
    """
    number = Decimal(str(value))
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    text = format(number, "f")
    return Literal(text if "." in text else text + ".0", datatype=URIRef(XSD + "decimal"))
