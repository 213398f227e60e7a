"""A ladder's mappings: its roles related to roles of other ladders (or of its own).

Each entry of ``mappings`` (``{role, relation, to, source}``) gives one triple
between two roles:

- ``exact``: ``skos:exactMatch`` (the same job),
- ``close``: ``skos:closeMatch`` (a similar job),
- ``same level``: ``cg:sameLevelAs`` (at the same level, such as a Senior
  Principal and a Director at the same grade).

``role`` and ``to`` name roles as moves do (an id or title of the ladder, or
of the built-in ladder, ``pm:name``); ``to`` may also be a full IRI or
``prefix:id`` with a prefix of ``ladder.prefixes``, a role of another ladder
that is not checked (it is not loaded). Each mapping is also an
``rdf:Statement`` node (``<namespace>mapping-<role>-<to>``) that cites its
line and its sources, so that where a mapping comes from can be asked.

Examples
--------
>>> sorted(RELATIONS)
['close', 'exact', 'same level']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import rdflib
from rdflib import URIRef

from careergraph.errors import LadderError, shown
from careergraph.importers.ladder_terms import local
from careergraph.namespaces import CG, PREFIXES, RDF, SKOS

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_
    from careergraph.importers.ladder_facts import LadderFacts

__all__ = ["RELATIONS", "add_mappings", "check_prefixes"]

RELATIONS = {"exact": SKOS + "exactMatch", "close": SKOS + "closeMatch", "same level": CG + "sameLevelAs"}
"""A mapping's ``relation`` -> the property it gives."""

_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):([^\s:/][^\s<>\"{}|\\^`]*)$")
_A = URIRef(RDF + "type")


def check_prefixes(document: LadderDocument, graph: rdflib.Graph, ladder_id: str) -> dict[str, str]:
    """Check ``ladder.prefixes`` and bind them in ``graph``.

    Parameters
    ----------
    document : LadderDocument
        The ladder, checked against the schema.
    graph : rdflib.Graph
        The ladder's graph, where the prefixes are bound for output.
    ladder_id : str
        The ladder's id, which no other prefix may take.

    Returns
    -------
    dict of str to str
        Prefix -> namespace.

    Raises
    ------
    LadderError
        A prefix careergraph uses (``pm``, ``skos``, ...) or the ladder's own id.
    """
    prefixes = dict(document.data["ladder"].get("prefixes") or {})
    for prefix, namespace in prefixes.items():
        if prefix in PREFIXES or prefix == ladder_id:
            whose = "the ladder's own id" if prefix == ladder_id else "a prefix careergraph uses"
            raise document.error(("ladder", "prefixes", prefix), f"'{prefix}' is {whose}; "
                                 "choose another prefix", field=prefix)
        graph.bind(prefix, namespace, override=False)
    return prefixes


def add_mappings(document: LadderDocument, graph: rdflib.Graph, *, prefixes: dict[str, str],
                 resolve: Callable[[str, Path_], URIRef], node: Callable[[str], URIRef],
                 cite: Callable[[URIRef, Path_], None], facts: LadderFacts) -> None:
    """Add the triples (and statement nodes) of the ladder's ``mappings``.

    Parameters
    ----------
    document : LadderDocument
        The ladder, checked against the schema.
    graph : rdflib.Graph
        Where to add them.
    prefixes : dict of str to str
        ``ladder.prefixes``, checked (:func:`check_prefixes`).
    resolve : callable
        ``resolve(written, path)``: the role a reference names, as for a move's end.
    node : callable
        Local name -> a new node of the ladder (made unique).
    cite : callable
        ``cite(node, path)``: make ``node`` cite the place of ``path``.
    facts : LadderFacts
        Adds each mapping's sources.

    Raises
    ------
    LadderError
        A role nothing answers to, ``to`` that is not a role, IRI or known
        ``prefix:id``, a role mapped to itself, or a mapping given twice.
    """
    seen: dict[tuple[URIRef, str, URIRef], int] = {}
    for index, mapping in enumerate(document.data.get("mappings", [])):
        path = ("mappings", index)
        role = resolve(mapping["role"], (*path, "role"))
        target = _target(document, mapping["to"], (*path, "to"), prefixes, resolve)
        relation = RELATIONS[mapping["relation"]]
        if target == role:
            raise document.error((*path, "to"), f"'{shown(mapping['to'])}' is the role itself; "
                                                "a mapping relates two roles")
        key = (role, relation, target)
        if key in seen:
            where = document.place(("mappings", seen[key]))
            raise document.error((*path, "to"), "the same mapping is already given"
                                                + (f" at {where.unit} {where.number}" if where else ""))
        seen[key] = index
        graph.add((role, URIRef(relation), target))
        statement = node(f"mapping-{local(role)}-{local(target)}")
        graph.add((statement, _A, URIRef(RDF + "Statement")))
        graph.add((statement, URIRef(RDF + "subject"), role))
        graph.add((statement, URIRef(RDF + "predicate"), URIRef(relation)))
        graph.add((statement, URIRef(RDF + "object"), target))
        facts.sources(statement, mapping.get("source"))
        cite(statement, path)


def _target(document: LadderDocument, written: str, path: Path_, prefixes: dict[str, str],
            resolve: Callable[[str, Path_], URIRef]) -> URIRef:
    """What a mapping's ``to`` names: an IRI, ``prefix:id`` of ``ladder.prefixes``, or a role."""
    if written.startswith(("http://", "https://")):
        if not _IRI.match(written):
            raise document.error(path, f"'{shown(written)}' is not an IRI (it has spaces or "
                                       "characters IRIs cannot hold)")
        return URIRef(written)
    curie = _CURIE.match(written)
    if curie and curie.group(1) in prefixes:
        return URIRef(prefixes[curie.group(1)] + curie.group(2))
    prefix = written.partition(":")[0]
    if not curie and prefix in prefixes:
        raise document.error(path, f"'{shown(written)}' is not {prefix}:id (an id has no spaces): "
                                   "a role of another ladder is named by its id or full IRI, "
                                   "as that ladder is not loaded here")
    try:
        return resolve(written, path)
    except LadderError:
        if not curie or curie.group(1) in PREFIXES:
            raise
        known = ", ".join(prefixes) or "none"
        raise document.error(path, f"'{shown(written)}' names no role of this ladder or the "
                                   f"built-in one, and '{curie.group(1)}' is not a prefix of "
                                   f"ladder.prefixes ({known})") from None

