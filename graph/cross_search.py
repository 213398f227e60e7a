"""Searches over a cross graph: a role graph whose equivalences between ladders are free hops.

Pure networkx, like :mod:`careergraph.paths`, which calls it when a graph is
a *cross graph*: a role graph with one more edge each way between two roles
of different ladders that an equivalence links (``skos:exactMatch``,
``skos:closeMatch``, ``cg:sameLevelAs``), as
:func:`careergraph.equivalences.with_equivalences` builds it. There:

- a hop edge has ``kind`` :data:`HOP` (``"equivalence"``) and ``relation``
  (``"skos:exactMatch"``, ...); it is not a move;
- every edge carries :data:`MOVES`: 1 on a move, 0 on a hop, so that "fewest
  moves" counts moves only and a hop costs nothing;
- the graph attribute ``cross`` is True.

Examples
--------
>>> G = example_cross_graph()
>>> arrows(G, ["apm", "pm", "x-pm", "x-lead"])
'Associate PM -> PM (example) = PM (x) -> Lead PM'
>>> count_moves(G, ["apm", "pm", "x-pm", "x-lead"])
2
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from itertools import pairwise

import networkx as nx

from careergraph.path_constraints import HOP, example_graph, label

__all__ = ["HOP", "MOVES", "arrows", "count_moves", "example_cross_graph", "is_cross", "is_hop",
           "moves_of", "qualified", "search"]

MOVES = "moves"
"""The edge attribute that counts moves in a cross graph: 1 on a move, 0 on a hop."""


def example_cross_graph() -> nx.DiGraph:
    """:func:`careergraph.path_constraints.example_graph` and a second ladder ``x`` beside it.

    The ladder ``x`` has ``x-pm`` promoted to ``x-lead``; ``x-pm`` is the
    same job as ``pm`` (``skos:exactMatch``) and ``x-lead`` the same level as
    ``dir`` (``cg:sameLevelAs``): both are hops each way.

    Returns
    -------
    networkx.DiGraph
        A new cross graph.

    Examples
    --------
    >>> G = example_cross_graph()
    >>> G.edges["pm", "x-pm"]["kind"], G.edges["x-pm", "pm"]["relation"], G.edges["pm", "spm"][MOVES]
    ('equivalence', 'skos:exactMatch', 1)
    """
    G = example_graph()
    G.graph["cross"], G.graph["shared_labels"] = True, frozenset({"PM"})
    for node in G:
        G.nodes[node]["ladder"] = "example"
    G.add_node("x-pm", label="PM", track="ic", ladder="x")
    G.add_node("x-lead", label="Lead PM", track="ic", ladder="x")
    G.add_edge("x-pm", "x-lead", kind="promotion")
    nx.set_edge_attributes(G, 1, MOVES)
    for one, other, relation in (("pm", "x-pm", "skos:exactMatch"), ("dir", "x-lead", "cg:sameLevelAs")):
        for u, v in ((one, other), (other, one)):
            G.add_edge(u, v, kind=HOP, relation=relation, **{MOVES: 0})
    return G


def is_cross(G: nx.DiGraph) -> bool:
    """Whether ``G`` is a cross graph (its hops are equivalences, see the module notes).

    Parameters
    ----------
    G : networkx.DiGraph
        A role graph.

    Returns
    -------
    bool
        True for a cross graph.
    """
    return bool(G.graph.get("cross"))


def is_hop(G: nx.DiGraph, u: str, v: str) -> bool:
    """Whether the edge ``u -> v`` of ``G`` is an equivalence, not a move.

    Parameters
    ----------
    G : networkx.DiGraph
        A role graph.
    u, v : str
        The two ends of an edge of ``G``.

    Returns
    -------
    bool
        True for a hop.
    """
    return G.has_edge(u, v) and G.edges[u, v].get("kind") == HOP


def moves_of(G: nx.DiGraph, path: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The moves of a path, its hops left out: what tells two paths apart.

    Parameters
    ----------
    G : networkx.DiGraph
        The graph the path is in.
    path : sequence of str
        Roles, in order.

    Returns
    -------
    tuple of (str, str)
        The ``(from, to)`` of each move, in order.

    Examples
    --------
    >>> moves_of(example_cross_graph(), ["spm", "dir", "x-lead"])
    (('spm', 'dir'),)
    """
    return tuple((u, v) for u, v in pairwise(path) if not is_hop(G, u, v))


def count_moves(G: nx.DiGraph, path: Sequence[str]) -> int:
    """The number of moves of a path (its hops do not count).

    Parameters
    ----------
    G : networkx.DiGraph
        The graph the path is in.
    path : sequence of str
        Roles, in order.

    Returns
    -------
    int
        The moves.
    """
    return len(moves_of(G, path))


def qualified(G: nx.DiGraph, node: str, *, always: bool = False) -> str:
    """A role's label, with its ladder's name after it where that tells it apart.

    Parameters
    ----------
    G : networkx.DiGraph
        The graph (node attributes ``label`` and ``ladder``; graph attribute
        ``shared_labels``, the labels more than one role has).
    node : str
        A role.
    always : bool, optional
        Name the ladder even when the label is the only one of its kind.

    Returns
    -------
    str
        ``"Product Manager (acme)"``, or the label alone.

    Examples
    --------
    >>> G = example_cross_graph()
    >>> qualified(G, "x-pm"), qualified(G, "x-lead"), qualified(G, "x-lead", always=True)
    ('PM (x)', 'Lead PM', 'Lead PM (x)')
    """
    ladder = G.nodes[node].get("ladder") if node in G else None
    if always and ladder:
        return f"{G.nodes[node].get('label', node)} ({ladder})"
    return label(G, node)


def arrows(G: nx.DiGraph, path: Sequence[str]) -> str:
    """A path as labels joined by ``->`` for a move and ``=`` for an equivalence.

    The two ends of each equivalence name their ladders.

    Parameters
    ----------
    G : networkx.DiGraph
        The graph the path is in.
    path : sequence of str
        Roles, in order.

    Returns
    -------
    str
        The path in one line.
    """
    if not is_cross(G):
        return " -> ".join(label(G, n) for n in path)
    hop_ends = {n for u, v in pairwise(path) if is_hop(G, u, v) for n in (u, v)}
    parts = [qualified(G, path[0], always=path[0] in hop_ends)] if path else []
    for u, v in pairwise(path):
        parts += [" = " if is_hop(G, u, v) else " -> ", qualified(G, v, always=v in hop_ends)]
    return "".join(parts)


def search(view: nx.DiGraph, start: str) -> dict[str, list[str]]:
    """One path with the fewest moves from ``start`` to every role it leads to, hops free.

    A 0-1 breadth-first search over (role, moved yet) pairs, visiting the
    roles in order of label: ``start`` is in the answer only when a loop of at
    least one move leads back to it; a role reached by equivalences alone is
    in it with no move.

    Parameters
    ----------
    view : networkx.DiGraph
        The cross graph, or a view of it (reversed to search backwards).
    start : str
        The role the paths start from.

    Returns
    -------
    dict
        Role -> its path (``start`` first), the fewest moves first (ties by label).

    Examples
    --------
    >>> found = search(example_cross_graph(), "x-pm")
    >>> found["pm"], found["x-lead"], found["vp"]
    (['x-pm', 'pm'], ['x-pm', 'x-lead'], ['x-pm', 'x-lead', 'dir', 'vp'])
    >>> found["x-pm"]  # a loop of moves back to the start (pm and analyst move laterally)
    ['x-pm', 'pm', 'analyst', 'pm', 'x-pm']
    >>> "x-lead" in search(example_cross_graph(), "x-lead")  # x-lead = dir = x-lead: no move
    False
    """
    def order(node: str) -> tuple[str, str]:
        return str(view.nodes[node].get("label", node)), node

    first = (start, False)
    best = {first: 0}
    parent: dict[tuple[str, bool], tuple[str, bool]] = {}
    queue = deque([first])
    while queue:
        state = queue.popleft()
        node, moved = state
        if node == start and state != first:
            continue  # a loop back to the start: listed, not walked on
        for after in sorted(view.successors(node), key=order):
            cost = view.edges[node, after].get(MOVES, 1)
            reached = (after, moved or cost > 0)
            if best[state] + cost < best.get(reached, best[state] + cost + 1):
                best[reached], parent[reached] = best[state] + cost, state
                queue.appendleft(reached) if cost == 0 else queue.append(reached)
    chosen: dict[str, tuple[str, bool]] = {}
    for state in sorted(best, key=lambda s: (best[s], s[1])):
        if state != first and state[0] not in chosen and (state[0] != start or state[1]):
            chosen[state[0]] = state
    found: dict[str, list[str]] = {}
    for node, state in sorted(chosen.items(), key=lambda item: (best[item[1]], order(item[0]))):
        path = [state]
        while path[-1] != first:
            path.append(parent[path[-1]])
        found[node] = [s[0] for s in reversed(path)]
    return found
