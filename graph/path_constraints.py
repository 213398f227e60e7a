"""The constraints of path questions, checked against a role graph: kinds, track, via, avoid.

Pure networkx, like :mod:`careergraph.paths`, which answers the questions;
this module checks what they may ask (see the constraints in its notes) and
gives the view of the graph a walk under them may use. The kinds of move a
graph knows are its graph attribute ``kinds`` (in order; :func:`careergraph.project.role_graph`
reads them from the ontology) and the ``kind`` of its edges.

Examples
--------
>>> c = check_constraints(example_graph(), kinds="promotion", avoid=["dir"])
>>> c.describe(example_graph())
'kinds promotion; avoiding Director'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from careergraph.errors import CareerGraphError, RoleNotFound
from careergraph.vocabulary import rank

HOP = "equivalence"
"""The ``kind`` of a hop edge of a cross graph (:mod:`careergraph.cross_search`): no move."""


def example_graph() -> nx.DiGraph:
    """A small hand-built ladder for examples and tests.

    An associate (``apm``) is promoted to ``pm``, then ``spm``; ``pm`` and
    ``analyst`` move laterally into each other (a loop); ``spm`` branches to
    ``gpm`` (management) and ``ppm``; ``spm`` and ``gpm`` are promoted to
    ``dir``, ``dir`` to ``vp``, and ``ppm`` exits to ``founder``, which
    nothing leaves. ``retired`` has no moves at all.

    Returns
    -------
    networkx.DiGraph
        A new graph, shaped like :func:`careergraph.project.role_graph`'s.

    Examples
    --------
    >>> G = example_graph()
    >>> G.nodes["spm"]["label"], G.nodes["gpm"]["track"], G.edges["spm", "gpm"]["kind"]
    ('Senior PM', 'management', 'branch')
    >>> G.graph["kinds"]
    ('promotion', 'branch', 'lateral', 'exit')
    """
    graph = nx.DiGraph(kinds=("promotion", "branch", "lateral", "exit"))  # as role_graph gives them
    for node, label, track in (
            ("apm", "Associate PM", "ic"), ("analyst", "Analyst", "ic"), ("pm", "PM", "ic"),
            ("spm", "Senior PM", "ic"), ("ppm", "Principal PM", "ic"),
            ("gpm", "Group PM", "management"), ("dir", "Director", "management"),
            ("vp", "VP", "executive"), ("founder", "Founder", "executive"),
            ("retired", "Retired", None)):
        graph.add_node(node, label=label, track=track)
    for source, target, kind in (
            ("apm", "pm", "promotion"), ("pm", "spm", "promotion"), ("pm", "analyst", "lateral"),
            ("analyst", "pm", "lateral"), ("spm", "gpm", "branch"), ("spm", "ppm", "branch"),
            ("spm", "dir", "promotion"), ("gpm", "dir", "promotion"), ("dir", "vp", "promotion"),
            ("ppm", "founder", "exit")):
        graph.add_edge(source, target, kind=kind)
    return graph


@dataclass(frozen=True)
class Constraints:
    """Checked constraints of one path question (see the module notes of :mod:`careergraph.paths`).

    Made by :func:`check_constraints`; true when it constrains anything.

    Parameters
    ----------
    kinds : frozenset of str or None
        Only moves of these kinds (None: any).
    track : str or None
        The track the inner roles of a path must be on.
    via : str or None
        A role the path must pass through.
    avoid : frozenset of str
        Roles the path must not touch.
    """

    kinds: frozenset[str] | None = None
    track: str | None = None
    via: str | None = None
    avoid: frozenset[str] = frozenset()

    def describe(self, G: nx.DiGraph) -> str:
        """The constraints in words, for messages.

        Parameters
        ----------
        G : networkx.DiGraph
            The graph the roles are labelled in (and its kinds ordered by).

        Returns
        -------
        str
            The constraints, ``"; "``-separated; empty when there are none.

        Examples
        --------
        >>> Constraints(kinds=frozenset({"branch", "promotion"}), via="gpm").describe(example_graph())
        'kinds promotion, branch; through Group PM'
        """
        parts = []
        if self.kinds is not None:
            parts.append("kinds " + ", ".join(sorted(self.kinds, key=lambda k: _kind_rank(G, k))))
        if self.track is not None:
            parts.append(f"track {self.track}")
        if self.via is not None:
            parts.append(f"through {label(G, self.via)}")
        if self.avoid:
            parts.append("avoiding " + ", ".join(sorted(label(G, r) for r in self.avoid)))
        return "; ".join(parts)

    def __bool__(self) -> bool:
        return self.kinds is not None or self.track is not None or self.via is not None \
            or bool(self.avoid)


def read_labels(G: nx.DiGraph, nodes: Iterable[str]) -> None:
    """Get the labels of many nodes ready at once, before :func:`label` is asked for each.

    A lean role graph (:mod:`careergraph.project_lean`) reads a role's label
    from the store when first asked; listing thousands of roles, one query for
    all of them is far quicker. Other graphs hold their labels: nothing to do.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    nodes : iterable of str
        The nodes whose labels are about to be shown.

    Examples
    --------
    >>> read_labels(example_graph(), ["spm", "nowhere"])  # a graph of dicts: nothing to read
    """
    read_ahead = getattr(G, "read_ahead", None)
    if read_ahead is not None:
        read_ahead(G, nodes)


def read_roles(G: nx.DiGraph, nodes: Iterable[str]) -> None:
    """Like :func:`read_labels`, for the labels, seniorities and tracks of many roles.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    nodes : iterable of str
        The roles whose label, seniority and track are about to be read.

    Examples
    --------
    >>> read_roles(example_graph(), ["spm"])  # a graph of dicts: nothing to read
    """
    read_ahead = getattr(G, "read_ahead", None)
    if read_ahead is not None:
        read_ahead(G, nodes, ("label", "place"))


def label(G: nx.DiGraph, node: str) -> str:
    """The ``label`` attribute of a node, else the node itself.

    In a cross graph (:mod:`careergraph.cross_search`), a label that several
    roles share is followed by the role's ladder: ``"Product Manager (acme)"``.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    node : str
        A node (it need not be in ``G``).

    Returns
    -------
    str
        Its label.

    Examples
    --------
    >>> label(example_graph(), "spm"), label(example_graph(), "nowhere")
    ('Senior PM', 'nowhere')
    """
    if node not in G:
        return str(node)
    data = G.nodes[node]
    text = str(data.get("label", node))
    if data.get("ladder") and text in G.graph.get("shared_labels", ()):
        return f"{text} ({data['ladder']})"
    return text


def check_constraints(G: nx.DiGraph, *, kinds: Iterable[str] | str | None = None,
                      track: str | None = None, via: str | None = None,
                      avoid: Iterable[str] = ()) -> Constraints:
    """Check constraints against the graph and return them as :class:`Constraints`.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves; its kinds are the graph attribute ``kinds`` and the
        ``kind`` of its edges.
    kinds : iterable of str, or str, optional
        Only moves of these kinds (a string: comma-separated), in any case.
    track : str, optional
        The track (its label in any case, or its IRI).
    via : str, optional
        A role the path must pass through.
    avoid : iterable of str
        Roles the path must not touch.

    Returns
    -------
    Constraints
        The constraints, the kinds in lower case and the track as the graph names it.

    Raises
    ------
    CareerGraphError
        An unknown kind or track.
    RoleNotFound
        A ``via`` or ``avoid`` role that is not a node of ``G``.

    Examples
    --------
    >>> check_constraints(example_graph(), kinds="promotion, branch").kinds == {"promotion", "branch"}
    True
    >>> check_constraints(example_graph(), kinds=["promtion"])
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: unknown kind of move 'promtion'; the kinds are promotion, branch, lateral, exit
    >>> check_constraints(example_graph(), track="Management").track
    'management'
    """
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    wanted_kinds = None
    if kinds is not None:
        known = sorted(set(G.graph.get("kinds", ())) | {d.get("kind") for *_, d in G.edges(data=True)}
                       - {None, HOP}, key=lambda k: _kind_rank(G, k))
        wanted_kinds = frozenset(k.strip().lower() for k in kinds if k.strip())
        for kind in sorted(wanted_kinds - set(known)):
            raise CareerGraphError(f"unknown kind of move '{kind}'; the kinds are {', '.join(known)}")
        if not wanted_kinds:
            raise CareerGraphError("no kind of move given; the kinds are " + ", ".join(known))
    if track is not None:
        track = _check_track(G, track)
    avoid = frozenset(avoid)
    for role in (via, *sorted(avoid)):
        if role is not None:
            check_role(G, role)
    if via is not None and via in avoid:
        raise CareerGraphError(f"cannot both pass through and avoid {label(G, via)}")
    return Constraints(wanted_kinds, track, via, avoid)


def constrained_view(G: nx.DiGraph, c: Constraints, *, source: str | None = None,
          target: str | None = None) -> nx.DiGraph:
    """The graph as the constraints allow it to be walked from ``source`` (or towards ``target``).

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    c : Constraints
        The checked constraints.
    source, target : str, optional
        The end the walk starts from (forward) or goes to (backward).

    Returns
    -------
    networkx.DiGraph
        ``G`` itself without constraints, else a read-only view of it.

    Notes
    -----
    The track rule: a move may leave a role only if the role is on the track
    or is the source (walking forward); a move may enter a role only if the
    role is on the track or is the target (walking backward). Either rule
    alone gives the paths whose inner roles are all on the track.
    """
    def keep_edge(u: str, v: str) -> bool:
        if c.kinds is not None and G.edges[u, v].get("kind") not in (*c.kinds, HOP):
            return False  # an equivalence (a hop of a cross graph) is no kind of move
        if c.track is not None:
            if source is not None:
                return u == source or _on_track(G, u, c.track)
            return v == target or _on_track(G, v, c.track)
        return True

    if c.kinds is None and c.track is None and not c.avoid:
        return G
    return nx.subgraph_view(G, filter_node=lambda n: n not in c.avoid, filter_edge=keep_edge)


def check_role(G: nx.DiGraph, role: str) -> None:
    """Raise :class:`~careergraph.errors.RoleNotFound` unless ``role`` is a node of ``G``.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    role : str
        A role (node).
    """
    if role not in G:
        raise RoleNotFound(str(role))


def check_ends(G: nx.DiGraph, c: Constraints, *ends: str) -> None:
    """Refuse constraints that avoid the start or the end of the question.

    Parameters
    ----------
    G : networkx.DiGraph
        Roles and moves.
    c : Constraints
        The checked constraints.
    *ends : str
        The roles the question starts or ends at.
    """
    for end in ends:
        if end in c.avoid:
            raise CareerGraphError(f"cannot avoid {label(G, end)}: the path starts or ends there")


def _check_track(G: nx.DiGraph, track: str) -> str:
    tracks = {}
    for _, data in G.nodes(data=True):
        if data.get("track") is not None:
            tracks[str(data["track"]).casefold()] = str(data["track"])
        if data.get("track_iri") is not None:
            tracks[str(data["track_iri"])] = str(data.get("track") or data["track_iri"])
    wanted = track.strip()
    for key in (wanted, wanted.casefold()):
        if key in tracks:
            return tracks[key]
    names = sorted({name for name in tracks.values()})
    raise CareerGraphError(f"unknown track '{track}'; the tracks are {', '.join(names) or '(none)'}")


def _on_track(G: nx.DiGraph, node: str, track: str) -> bool:
    data = G.nodes[node]
    return data.get("track") == track or data.get("track_iri") == track


def _kind_rank(G: nx.DiGraph, kind: str) -> tuple[int, str]:
    return rank(G.graph.get("kinds", ()), kind), kind
