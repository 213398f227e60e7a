"""The path view: the ladder with one path highlighted and numbered, and each step's skill gap.

Examples
--------
>>> from careergraph.load import load_graph
>>> path_view(load_graph(), "Product Manager", "Senior PM")
<View 'Product Manager → Senior Product Manager': 11 nodes, 9 edges>
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError
from careergraph.gap import path_gap, with_gap_costs
from careergraph.names import TitleIndex
from careergraph.paths import shortest_path
from careergraph.project import role_graph
from careergraph.views.ladder import ladder_page
from careergraph.views.page import View, render
from careergraph.views.text import layers_text, step_lines

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph


def path_view(kg: CareerGraph, source: str, target: str, *, via: str | None = None,
              avoid: Iterable[str] = (), kinds: Iterable[str] | str | None = None,
              track: str | None = None, weight: str | None = None) -> View:
    """The ladder with the best path from ``source`` to ``target`` highlighted, and each step's gap.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    source, target : str
        Roles, by any title or IRI.
    via : str, optional
        A role the path must pass through, by any title or IRI.
    avoid : iterable of str
        Roles the path must not pass through, by any title or IRI.
    kinds : iterable of str or str, optional
        The kinds of move the path may use, as :func:`careergraph.paths.shortest_path` takes them.
    track : str, optional
        The track the path must stay on, as :func:`careergraph.paths.shortest_path` takes it.
    weight : None, "moves" or "gap"
        Fewest moves (default), or the least skill gap.

    Returns
    -------
    View
        The ladder, with the path's roles and moves highlighted and its steps listed under the graph.

    Raises
    ------
    RoleNotFound
        A title names no role.
    NoPath
        No path satisfies the question (the command line exits 1).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> view = path_view(load_graph(), "APM", "CPO")
    >>> view.title, view.node_count, view.edge_count
    ('Associate Product Manager → Chief Product Officer', 11, 9)
    """
    titles = TitleIndex.for_graph(kg)
    graph = with_gap_costs(kg) if weight == "gap" else role_graph(kg)
    path = shortest_path(graph, titles.resolve(source), titles.resolve(target), kinds=kinds,
                         track=track, via=None if via is None else titles.resolve(via),
                         avoid=[titles.resolve(role) for role in avoid],
                         weight=None if weight in (None, "moves") else weight)
    return path_view_for(kg, path, path_gap(kg, path))


def path_view_for(kg: CareerGraph, path: Sequence[str], steps: Sequence[Any] = ()) -> View:
    """The ladder with a given path (role IRIs in order) and its steps' gaps.

    For callers that have already computed the path, such as ``careergraph
    path --html`` and ``careergraph plan --html``.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    path : sequence of str
        Role IRIs in order, each a role of the graph.
    steps : sequence of StepGap
        The ``StepGap`` objects of :func:`careergraph.gap.path_gap` for the
        path (possibly for a person's own profile); empty to list the moves only.

    Returns
    -------
    View
        The ladder, with the path highlighted and its steps listed under the graph.

    Raises
    ------
    CareerGraphError
        A step of the path is not a role of the graph.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> pm = "https://w3id.org/careergraph/pm/"
    >>> view = path_view_for(load_graph(), [pm + "product-manager", pm + "senior-product-manager"])
    >>> view.title
    'Product Manager → Senior Product Manager'
    """
    roles = role_graph(kg)
    path = [str(role) for role in path]
    missing = [role for role in path if role not in roles]
    if missing:
        raise CareerGraphError(f"not a role of the graph: {missing[0]}")
    page = ladder_page(kg, path, steps)
    labels = [roles.nodes[r]["label"] for r in path]
    page.title = f"{labels[0]} → {labels[-1]}" if len(labels) > 1 else labels[0]
    moves = len(path) - 1
    page.subtitle = (f"{moves} move{'s' if moves != 1 else ''}: {' → '.join(labels)} "
                     f"({layers_text(kg)})")
    by_move = {(s.from_role, s.to_role): s for s in steps}
    for a, b in pairwise(path):
        kind = roles.edges[a, b]["kind_label"] if roles.has_edge(a, b) else "move"
        step = by_move.get((a, b))
        page.steps.append({"move": f"{roles.nodes[a]['label']} → {roles.nodes[b]['label']} ({kind})",
                           "lines": step_lines(step) if step is not None else []})
    return render(page, kg)
