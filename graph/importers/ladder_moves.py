"""A ladder's moves: each a ``cg:Transition`` between two roles, checked against its kind.

A move (``{from, to, kind, source}``) becomes a ``cg:Transition``
(``<namespace>move-<from>-to-<to>``) with ``cg:fromRole``, ``cg:toRole`` and
``cg:transitionKind``; the loader derives its shortcut (``cg:promotesTo``,
``cg:switchesTrackTo``, ...). What the kinds ask is checked here:

- a ``promotion`` leads up in seniority;
- a ``track switch`` leads to another track;
- an ``entry`` comes from outside the ladder: it has ``to`` and no ``from``
  (``move-entry-to-<to>``, no ``cg:fromRole``); every other kind has a ``from``.

A move may not lead to its own start nor repeat another.

Examples
--------
>>> move_name("engineer", "senior-engineer"), move_name(None, "engineer")
('move-engineer-to-senior-engineer', 'move-entry-to-engineer')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import rdflib
from rdflib import URIRef

from careergraph.importers.ladder_terms import local, term
from careergraph.namespaces import CG, RDF, shorten

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_
    from careergraph.importers.ladder_facts import LadderFacts

__all__ = ["add_move", "move_name"]


def move_name(source: str | None, target: str) -> str:
    """The local name of a move's node, from the local names of its ends (no start: an entry).

    Parameters
    ----------
    source : str or None
        The local name of the role the move leaves; None for an entry.
    target : str
        The local name of the role it leads to.

    Returns
    -------
    str
    """
    return f"move-{source or 'entry'}-to-{target}"


def add_move(document: LadderDocument, graph: rdflib.Graph, index: int, move: dict[str, Any],
             seen: dict[tuple[URIRef | None, URIRef], int], *,
             resolve: Callable[[str, Path_], URIRef], seniority: Callable[[URIRef], int | None],
             track: Callable[[URIRef], Any], node: Callable[[str], URIRef],
             cite: Callable[[URIRef, Path_], None], facts: LadderFacts) -> URIRef:
    """Add the ``cg:Transition`` of the move at ``moves[index]``, after checking it.

    Parameters
    ----------
    document : LadderDocument
        The ladder, checked against the schema.
    graph : rdflib.Graph
        Where to add the transition.
    index : int
        The move's place in ``moves``.
    move : dict
        The move as written (``from``, ``to``, ``kind``, ``source``).
    seen : dict
        (start or None, end) -> index of the moves added so far; updated.
    resolve : callable
        ``resolve(written, path)``: the role a reference names.
    seniority, track : callable
        A role -> its seniority (int) or track (term), or None when unknown.
    node : callable
        Local name -> a new node of the ladder (made unique).
    cite : callable
        ``cite(node, path)``: make ``node`` cite the place of ``path``.
    facts : LadderFacts
        Adds the move's sources.

    Returns
    -------
    URIRef
        The transition.

    Raises
    ------
    LadderError
        An end nothing answers to; a ``from`` missing (or given to an entry);
        a move to its own start or given twice; a promotion that does not
        lead up; a track switch within one track.
    """
    path, kind = ("moves", index), move["kind"]
    if kind == "entry" and "from" in move:
        raise document.error((*path, "from"), "an entry comes from outside the ladder and has no "
                                              "from; remove it, or choose another kind")
    if kind != "entry" and "from" not in move:
        raise document.error((*path, "from"), f"missing; a {kind} leads from a role (only an entry "
                                              "has no from)")
    source = None if kind == "entry" else resolve(move["from"], (*path, "from"))
    target = resolve(move["to"], (*path, "to"))
    start = "outside the ladder" if source is None else f"'{move['from']}'"
    if source == target:
        raise document.error((*path, "to"), "a move leads from a role to the same role")
    if (source, target) in seen:
        where = document.place(("moves", seen[source, target]))
        raise document.error((*path, "to"), f"the move from {start} to '{move['to']}' is already "
                                            f"given at {where.unit} {where.number}")
    seen[source, target] = index
    if kind == "promotion" and source is not None:
        low, high = seniority(source), seniority(target)
        if low is not None and high is not None and high <= low:
            raise document.error((*path, "kind"), f"a promotion leads up, but '{move['to']}' "
                                                  f"(seniority {high}) is not above "
                                                  f"'{move['from']}' (seniority {low})")
    if kind == "track switch" and source is not None:
        tracks = track(source), track(target)
        if tracks[0] is not None and tracks[0] == tracks[1]:
            raise document.error((*path, "kind"), f"a track switch leads to another track, but "
                                                  f"'{move['from']}' and '{move['to']}' are both "
                                                  f"on the track {shorten(str(tracks[0]))}")
    transition = node(move_name(None if source is None else local(source), local(target)))
    graph.add((transition, URIRef(RDF + "type"), URIRef(CG + "Transition")))
    if source is not None:
        graph.add((transition, URIRef(CG + "fromRole"), source))
    graph.add((transition, URIRef(CG + "toRole"), target))
    graph.add((transition, URIRef(CG + "transitionKind"), term("TransitionKind", kind)))
    facts.sources(transition, move.get("source"))
    cite(transition, path)
    return transition
