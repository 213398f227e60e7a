"""Path questions over the role graph: shortest, k best, all bounded, reachable, leading to.

Pure networkx: every function takes a ``networkx.DiGraph`` whose nodes are
roles (optional node attributes ``label`` and ``track`` / ``track_iri``) and
whose edges are moves (optional edge attribute ``kind``, such as
``"promotion"``; the graph attribute ``kinds`` lists the kinds in order),
such as :func:`careergraph.project.role_graph` builds. The constraints are
checked by :mod:`careergraph.path_constraints`. Nothing here reads RDF, so the
algorithms are tested on small hand-built graphs like :func:`example_graph`.

Constraints, accepted as keywords by every path function:

``kinds``
    Only moves of these kinds (an iterable of kind names, or one
    comma-separated string).
``track``
    Stay on one track (its label in any case, or its IRI): every role
    *between* the two ends must be on it. The start and the end are exempt:
    the start is where the person is today, and the end is the role they
    asked for, so "from a product manager, through management roles only,
    to a COO" is a question with an answer.
``via``
    A role the path must pass through.
``avoid``
    Roles the path must not touch.

Costs: ``weight=None`` counts moves; ``weight="gap"`` adds up the edge
attribute :data:`GAP_COST` (the skill gap each move opens, which the caller
puts on a copy of the graph, see :func:`careergraph.gap.with_gap_costs`);
any other string names an edge attribute to add up.

Across ladders: on a cross graph (:mod:`careergraph.cross_search`), equivalences between
roles of two ladders are hops that cost nothing and are not moves; paths that differ only by
their hops count as one, the first found.

A question without an answer raises :class:`~careergraph.errors.NoPath`,
which says why: nothing leads there at all, or the constraints exclude every
path (and then it shows one that exists without them). An unknown role
raises :class:`~careergraph.errors.RoleNotFound`; a bad constraint raises
:class:`~careergraph.errors.CareerGraphError`.

Examples
--------
>>> G = example_graph()
>>> shortest_path(G, "apm", "vp")
['apm', 'pm', 'spm', 'dir', 'vp']
>>> shortest_path(G, "apm", "vp", via="gpm")
['apm', 'pm', 'spm', 'gpm', 'dir', 'vp']
>>> shortest_path(G, "apm", "vp", kinds="promotion", avoid=["dir"])
Traceback (most recent call last):
...
careergraph.errors.NoPath: no path from Associate PM to VP: the constraints (kinds promotion; avoiding Director)
    exclude every path; without them: Associate PM -> PM -> Senior PM -> Director -> VP
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

import networkx as nx

from careergraph.cross_search import MOVES, arrows, count_moves, is_cross, moves_of, search
from careergraph.errors import CareerGraphError, NoPath
from careergraph.path_constraints import (Constraints, check_constraints, check_ends, check_role,
                                          constrained_view, example_graph, label, read_labels)

__all__ = ["GAP_COST", "Constraints", "all_paths", "check_constraints", "example_graph",
           "k_shortest_paths", "label", "leads_to", "reachable", "routes", "shortest_path"]

GAP_COST = "gap_cost"
"""The edge attribute that ``weight="gap"`` adds up."""


def shortest_path(G: nx.DiGraph, source: str, target: str, *,
                  kinds: Iterable[str] | str | None = None, track: str | None = None,
                  via: str | None = None, avoid: Iterable[str] = (),
                  weight: str | None = None) -> list[str]:
    """The best path from ``source`` to ``target``: fewest moves, or least cost.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    source, target : str
        The nodes (role IRIs) the path starts and ends at.
    kinds, track, via, avoid
        Constraints (see the module docstring).
    weight : None, "moves", "gap" or str
        None or "moves": fewest moves; "gap": least total :data:`GAP_COST`;
        another string: least total of that edge attribute.

    Returns
    -------
    list of str
        The roles of the path, ``source`` first and ``target`` last.

    Raises
    ------
    NoPath
        No path satisfies the constraints; the message says why.
    RoleNotFound
        ``source``, ``target``, ``via`` or an avoided role is not in ``G``.
    CareerGraphError
        A bad constraint or weight.

    Notes
    -----
    With ``via``, the candidates are the simple paths in order of cost
    (``networkx.shortest_simple_paths``) among the roles that lie between
    ``source`` and ``via`` or between ``via`` and ``target``; the first
    that passes through ``via`` is the answer. Without ``via`` it is one
    breadth-first search or Dijkstra run.

    Examples
    --------
    >>> G = example_graph()
    >>> shortest_path(G, "apm", "founder")
    ['apm', 'pm', 'spm', 'ppm', 'founder']
    >>> shortest_path(G, "apm", "dir", track="ic")
    ['apm', 'pm', 'spm', 'dir']
    >>> shortest_path(G, "apm", "dir", track="management")
    Traceback (most recent call last):
    ...
    careergraph.errors.NoPath: no path from Associate PM to Director: the constraints (track management)
        exclude every path; without them: Associate PM -> PM -> Senior PM -> Director
    >>> nx.set_edge_attributes(G, 1, GAP_COST)
    >>> G.edges["spm", "dir"][GAP_COST] = 10
    >>> shortest_path(G, "spm", "vp", weight="gap")
    ['spm', 'gpm', 'dir', 'vp']
    >>> shortest_path(G, "apm", "retired")
    Traceback (most recent call last):
    ...
    careergraph.errors.NoPath: no path from Associate PM to Retired: no move leads to Retired at all
    """
    return next(_paths(G, source, target, kinds=kinds, track=track, via=via, avoid=avoid,
                       weight=weight))


def k_shortest_paths(G: nx.DiGraph, source: str, target: str, k: int,
                     **constraints) -> list[list[str]]:
    """The ``k`` best simple paths, best first (fewer when fewer exist).

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    source, target : str
        The roles the paths start and end at.
    k : int
        The most paths returned (1 or more).
    **constraints
        The keywords of :func:`shortest_path`: ``kinds``, ``track``, ``via``,
        ``avoid`` and ``weight``.

    Returns
    -------
    list of list of str
        The paths, best first.

    Raises
    ------
    NoPath, RoleNotFound, CareerGraphError
        As :func:`shortest_path`; also when ``k`` is below 1.

    Examples
    --------
    >>> for path in k_shortest_paths(example_graph(), "pm", "vp", 3):
    ...     print(path)
    ['pm', 'spm', 'dir', 'vp']
    ['pm', 'spm', 'gpm', 'dir', 'vp']
    >>> k_shortest_paths(example_graph(), "pm", "vp", 3, kinds="promotion")
    [['pm', 'spm', 'dir', 'vp']]
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise CareerGraphError(f"the number of paths must be 1 or more, not {k!r}")
    return list(islice(_paths(G, source, target, **constraints), k))


def all_paths(G: nx.DiGraph, source: str, target: str, *, cutoff: int, cap: int,
              **constraints) -> list[list[str]]:
    """Every simple path of at most ``cutoff`` moves, fewest moves first, at most ``cap`` of them.

    Both bounds are required: the number of simple paths grows
    exponentially with their length.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    source, target : str
        The roles the paths start and end at.
    cutoff : int
        The most moves a path may have (1 or more).
    cap : int
        The most paths returned (1 or more); a result of exactly ``cap``
        paths may have left some out.
    **constraints
        ``kinds``, ``track``, ``via``, ``avoid`` (see the module docstring).

    Returns
    -------
    list of list of str
        The paths, fewest moves first.

    Raises
    ------
    NoPath
        No path of at most ``cutoff`` moves; the message gives the length of
        the shortest when there is a longer one.

    Examples
    --------
    >>> all_paths(example_graph(), "apm", "dir", cutoff=4, cap=10)
    [['apm', 'pm', 'spm', 'dir'], ['apm', 'pm', 'spm', 'gpm', 'dir']]
    >>> all_paths(example_graph(), "apm", "dir", cutoff=4, cap=1)
    [['apm', 'pm', 'spm', 'dir']]
    >>> all_paths(example_graph(), "apm", "dir", cutoff=2, cap=10)
    Traceback (most recent call last):
    ...
    careergraph.errors.NoPath: no path from Associate PM to Director: none of at most 2 moves; the shortest has 3
    """
    for name, value in (("cutoff", cutoff), ("cap", cap)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise CareerGraphError(f"the {name} must be a whole number of 1 or more, not {value!r}")
    found = []
    for path in _paths(G, source, target, weight=None, **constraints):
        if count_moves(G, path) > cutoff:
            if not found:
                raise NoPath(label(G, source), label(G, target),
                             f"none of at most {cutoff} moves; the shortest has {count_moves(G, path)}",
                             constrained=True)
            break
        found.append(path)
        if len(found) == cap:
            break
    return found


def reachable(G: nx.DiGraph, source: str, *, kinds: Iterable[str] | str | None = None,
              track: str | None = None, avoid: Iterable[str] = ()) -> dict[str, int]:
    """The roles some sequence of moves leads to from ``source``, with the fewest moves to each.

    ``source`` itself is in the answer only when a loop of moves leads back
    to it (as in SPARQL's ``source cg:canMoveTo+ ?role``). With ``track``,
    every role between ``source`` and the role reached must be on the track
    (the role reached may be off it), so a role is listed exactly when
    :func:`shortest_path` finds a path to it under the same constraints.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    source : str
        The role the moves start from.
    kinds, track, avoid
        Constraints (see the module docstring).

    Returns
    -------
    dict
        Role -> number of moves, nearest first (ties by label); empty when
        nothing is reachable.

    Examples
    --------
    >>> reachable(example_graph(), "spm")
    {'dir': 1, 'gpm': 1, 'ppm': 1, 'founder': 2, 'vp': 2}
    >>> reachable(example_graph(), "pm", kinds="lateral")
    {'analyst': 1, 'pm': 2}
    >>> reachable(example_graph(), "spm", track="ic")
    {'dir': 1, 'gpm': 1, 'ppm': 1, 'founder': 2}
    """
    check_role(G, source)
    constraints = check_constraints(G, kinds=kinds, track=track, avoid=avoid)
    check_ends(G, constraints, source)
    return _distances(G, constrained_view(G, constraints, source=source), source)


def routes(G: nx.DiGraph, start: str, *, reverse: bool = False,
           kinds: Iterable[str] | str | None = None, track: str | None = None,
           avoid: Iterable[str] = ()) -> dict[str, list[str]]:
    """One shortest path to every role :func:`reachable` lists (or from every role :func:`leads_to` lists).

    One breadth-first search, visiting the roles in order of label, so a whole
    ladder costs as much as one path (asking :func:`shortest_path` once per
    role costs the square of the ladder's size).

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    start : str
        The role the paths start from (with ``reverse``, end at).
    reverse : bool, default False
        Paths from every role that leads to ``start``, instead of to every role it leads to.
    kinds, track, avoid
        Constraints (see the module docstring).

    Returns
    -------
    dict
        Role -> its path (``start`` first, or with ``reverse`` last); when a
        loop of moves leads back to ``start``, ``start`` too, with that loop.

    Examples
    --------
    >>> routes(example_graph(), "spm")["vp"]
    ['spm', 'dir', 'vp']
    >>> routes(example_graph(), "dir", reverse=True, track="management")
    {'gpm': ['gpm', 'dir'], 'spm': ['spm', 'dir']}
    >>> routes(example_graph(), "pm", kinds="lateral")
    {'analyst': ['pm', 'analyst'], 'pm': ['pm', 'analyst', 'pm']}
    """
    check_role(G, start)
    constraints = check_constraints(G, kinds=kinds, track=track, avoid=avoid)
    check_ends(G, constraints, start)
    view = (constrained_view(G, constraints, target=start).reverse(copy=False) if reverse
            else constrained_view(G, constraints, source=start))
    if is_cross(G):
        return {node: path[::-1] if reverse else path for node, path in search(view, start).items()}
    read_labels(G, view)
    order = {node: (label(G, node), node) for node in view}
    parents: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for after in sorted(view.successors(node), key=order.__getitem__):
            if after not in parents:
                parents[after] = node
                queue.append(after)
    found: dict[str, list[str]] = {}
    for node in parents:
        path = [node]
        while path[-1] != start or len(path) == 1:
            path.append(parents[path[-1]])
        found[node] = path if reverse else path[::-1]
    return found


def leads_to(G: nx.DiGraph, target: str, *, kinds: Iterable[str] | str | None = None,
             track: str | None = None, avoid: Iterable[str] = ()) -> dict[str, int]:
    """The roles from which some sequence of moves leads to ``target``, with the fewest moves.

    The mirror of :func:`reachable`: a role is listed exactly when
    :func:`shortest_path` finds a path from it to ``target``.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    target : str
        The role the moves lead to.
    kinds, track, avoid
        Constraints (see the module docstring).

    Returns
    -------
    dict
        Role -> number of moves, nearest first (ties by label).

    Examples
    --------
    >>> leads_to(example_graph(), "dir")
    {'gpm': 1, 'spm': 1, 'pm': 2, 'analyst': 3, 'apm': 3}
    >>> leads_to(example_graph(), "dir", track="management")
    {'gpm': 1, 'spm': 1}
    """
    check_role(G, target)
    constraints = check_constraints(G, kinds=kinds, track=track, avoid=avoid)
    check_ends(G, constraints, target)
    view = constrained_view(G, constraints, target=target)
    return _distances(G, view.reverse(copy=False), target)


# --- the machinery ------------------------------------------------------


def _paths(G: nx.DiGraph, source: str, target: str, *, kinds=None, track=None, via=None,
           avoid=(), weight=None) -> Iterator[list[str]]:
    """Simple paths from source to target under the constraints, best first; NoPath if none."""
    check_role(G, source)
    check_role(G, target)
    constraints = check_constraints(G, kinds=kinds, track=track, via=via, avoid=avoid)
    check_ends(G, constraints, source, target)
    attribute = _weight_attribute(G, weight)
    view = constrained_view(G, constraints, source=source)
    if via is not None and via not in (source, target):
        view = _between(view, source, via, target)
    found, seen = False, set()
    if source in view and target in view and nx.has_path(view, source, target):
        for path in nx.shortest_simple_paths(view, source, target, weight=attribute):
            if (via is None or via in path) and (moves := moves_of(G, path)) not in seen:
                found = True
                seen.add(moves)
                yield path
    if not found:
        raise _no_path(G, source, target, constraints)


def _between(view: nx.DiGraph, source: str, via: str, target: str) -> nx.DiGraph:
    """Only the roles on some walk source -> via or via -> target (prunes the search for ``via``)."""
    first = ({source} | nx.descendants(view, source)) & ({via} | nx.ancestors(view, via))
    second = ({via} | nx.descendants(view, via)) & ({target} | nx.ancestors(view, target))
    if via not in first or via not in second:
        return nx.subgraph_view(view, filter_node=lambda n: False)
    keep = first | second
    return nx.subgraph_view(view, filter_node=keep.__contains__)


def _distances(G: nx.DiGraph, view: nx.DiGraph, start: str) -> dict[str, int]:
    """Breadth-first distances from ``start``, counting ``start`` only when a loop returns to it."""
    if is_cross(G):
        return {node: count_moves(G, path) for node, path in search(view, start).items()}
    distances: dict[str, int] = {}
    queue = deque((n, 1) for n in view.successors(start))
    while queue:
        node, distance = queue.popleft()
        if node in distances:
            continue
        distances[node] = distance
        queue.extend((n, distance + 1) for n in view.successors(node) if n not in distances)
    read_labels(G, distances)
    return dict(sorted(distances.items(), key=lambda item: (item[1], label(G, item[0]), item[0])))


def _no_path(G: nx.DiGraph, source: str, target: str, c: Constraints) -> NoPath:
    """Say why there is no path: nothing leads there, or the constraints exclude every path."""
    names = label(G, source), label(G, target)
    if G.in_degree(target) == 0 and source != target:
        return NoPath(*names, f"no move leads to {names[1]} at all")
    if G.out_degree(source) == 0 and source != target:
        return NoPath(*names, f"no move leads out of {names[0]} at all")
    if not nx.has_path(G, source, target):
        return NoPath(*names, f"no sequence of moves leads from {names[0]} to {names[1]}")
    if c:
        example = arrows(G, nx.shortest_path(G, source, target))
        return NoPath(*names, f"the constraints ({c.describe(G)}) exclude every path; "
                              f"without them: {example}", constrained=True)
    return NoPath(*names, "no simple path")  # unreachable in practice: has_path found one


def _weight_attribute(G: nx.DiGraph, weight: str | None) -> str | None:
    if weight in (None, "moves"):
        return MOVES if is_cross(G) else None
    attribute = GAP_COST if weight == "gap" else weight
    for u, v, data in G.edges(data=True):
        value = data.get(attribute)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise CareerGraphError(
                f"cannot weigh moves by '{weight}': the move {label(G, u)} -> {label(G, v)} "
                f"has no non-negative number '{attribute}'")
    return attribute
