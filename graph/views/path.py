"""The path view: the ladder with one path highlighted and numbered, and what each step asks.

Under the graph, one card per step lists the responsibilities taken on and
the skills to gain or raise, each with its passages (numbered once for the
page, see :mod:`careergraph.views.path_steps`); an equivalence between two
ladders (``--cross``) is a step drawn as a thin link "=" and is no move: the
moves alone are numbered.

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
from careergraph.views.page import Page, View, render
from careergraph.views.path_steps import is_equivalence, step_cards
from careergraph.views.style import HIGHLIGHT, hover_color
from careergraph.views.text import layers_text, sources_lines

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph


def path_view(kg: CareerGraph, source: str, target: str, *, via: str | None = None,
              avoid: Iterable[str] = (), kinds: Iterable[str] | str | None = None,
              track: str | None = None, weight: str | None = None, cross: bool = False) -> View:
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
    cross : bool
        Equivalences between the roles of two ladders are steps too (free,
        and no move), as ``careergraph path --cross``.

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
    if cross:
        from careergraph.equivalences import cross_graph

        graph = cross_graph(kg, graph)
    path = shortest_path(graph, titles.resolve(source), titles.resolve(target), kinds=kinds,
                         track=track, via=None if via is None else titles.resolve(via),
                         avoid=[titles.resolve(role) for role in avoid],
                         weight=None if weight in (None, "moves") else weight)
    if cross:
        from careergraph.equivalences import cross_path_gap

        return path_view_for(kg, path, cross_path_gap(kg, graph, path))
    return path_view_for(kg, path, path_gap(kg, path))


def path_view_for(kg: CareerGraph, path: Sequence[str], steps: Sequence[Any] = ()) -> View:
    """The ladder with a given path (role IRIs in order) and its steps' gaps.

    For callers that have already computed the path, such as ``careergraph
    path --html`` (with ``--cross`` too) and ``careergraph plan --html``.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    path : sequence of str
        Role IRIs in order, each a role of the graph.
    steps : sequence of StepGap
        The ``StepGap`` objects of :func:`careergraph.gap.path_gap` for the
        path (possibly for a person's own profile), or of
        :func:`careergraph.equivalences.cross_path_gap`, whose
        ``EquivalenceStep`` are drawn as equivalences, not moves; empty to
        list the moves only.

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
    hops = {(s.from_role, s.to_role): s for s in steps if is_equivalence(s)}
    pairs = list(pairwise(path))
    page = ladder_page(kg, path, [s for s in steps if not is_equivalence(s)])
    names = _names(roles, path, steps)
    joins = [" = " if pair in hops else " → " for pair in pairs]
    page.title = f"{names[0]} → {names[-1]}" if len(names) > 1 else names[0]
    moves = len(pairs) - len(hops)
    summary = f"{moves} move{'s' if moves != 1 else ''}"
    if hops:
        summary += f", {len(hops)} equivalence{'s' if len(hops) != 1 else ''} (no move)"
    route = "".join(name + (joins[i] if i < len(joins) else "") for i, name in enumerate(names))
    page.subtitle = f"{summary}: {route} ({layers_text(kg)})"
    kinds = {(a, b): roles.edges[a, b]["kind_label"] if roles.has_edge(a, b) else "move" for a, b in pairs}
    if steps:
        page.steps = step_cards(kg, steps, kinds)
    else:
        page.steps = [{"part": "move", "number": n, "move": f"{names[i]} → {names[i + 1]} ({kinds[pair]})",
                       "groups": [], "cites": "", "lines": []}
                      for n, (i, pair) in enumerate(((i, p) for i, p in enumerate(pairs) if p not in hops),
                                                    start=1)]
    _number_moves(page, roles, pairs, hops)
    return render(page, kg)


def _names(roles: Any, path: Sequence[str], steps: Sequence[Any]) -> list[str]:
    """The path's roles as its steps name them: each end of an equivalence with its ladder."""
    names = [roles.nodes[role]["label"] for role in path]
    for index, step in enumerate(steps[:len(names) - 1]):
        if is_equivalence(step):
            names[index], names[index + 1] = step.from_label, step.to_label
    return names


def _number_moves(page: Page, roles: Any, pairs: Sequence[tuple[str, str]], hops: dict[tuple[str, str], Any]
                  ) -> None:
    """Number the moves alone (badges, edges, tooltips), and draw each equivalence as a thin "=" link."""
    cards = {card["number"]: card for card in page.steps if card.get("part") == "move"}
    number = {}
    for pair in pairs:
        if pair not in hops:
            number[pair] = len(number) + 1
    for badge in page.extra.get("badges", []):
        badge["text"] = str(number.get((badge["from"], badge["to"]), badge["text"]))
    for edge in page.edges:
        pair = (edge["from"], edge["to"])
        if pair in number:
            edge["step"] = number[pair]
            data = roles.edges[pair]
            card = cards.get(number[pair], {})
            summary = [f"{group['title']}: {len(group['items'])}" for group in card.get("groups", [])]
            edge["tip"] = [f"{roles.nodes[pair[0]]['label']} → {roles.nodes[pair[1]]['label']}",
                           f"Kind of move: {data.get('kind_label') or data.get('kind')}",
                           *summary, f"Step {number[pair]} under the graph lists them with their sources."]
    for (a, b), step in hops.items():
        tip = [f"{step.from_label} = {step.to_label}",
               f"An equivalence ({step.relation}), not a move: {step.meaning}", *sources_lines(step.sources)]
        drawn = next((edge for edge in page.edges if edge.get("kind") == "equivalence"
                      and {edge["from"], edge["to"]} == {a, b}), None)
        if drawn is None:  # the ladder page draws no link between these two roles: draw one
            drawn = {"id": f"{a} = {b}", "from": a, "to": b, "kind": "equivalence",
                     "dashes": [4, 4], "arrows": {"to": {"enabled": False}}}
            page.edges.append(drawn)
        drawn.update(color=hover_color(HIGHLIGHT), width=3, tip=tip, on_path=True)
        page.extra.setdefault("badges", []).append({"from": a, "to": b, "text": "=", "color": HIGHLIGHT})
        page.drawn.update((a, b))
    if hops:
        page.legend[-1]["items"].append({"swatch": {"type": "line", "color": HIGHLIGHT, "width": 3,
                                                    "dash": "4 4", "arrow": False},
                                         "text": "an equivalence between ladders (=), not a move"})
