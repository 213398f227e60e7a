"""Path questions and their answers, shared by ``path``, ``gap``, ``plan``, ``draw`` and ``build``.

The options of a path question (:func:`add_constraint_options`,
:func:`add_html_option`), the question built from them
(:func:`path_question`), and the answer as text, Markdown
(:func:`format_paths`, :func:`format_step`) or JSON (:func:`path_json`).

Examples
--------
>>> from careergraph.load import load_graph
>>> from careergraph.gap import path_gap
>>> kg = load_graph()
>>> path = [resolve(kg, "APM"), resolve(kg, "PM")]
>>> print(format_paths(kg, [(path, path_gap(kg, path))]))  # doctest: +ELLIPSIS
Associate Product Manager -> Product Manager
1 move
<BLANKLINE>
  1. Associate Product Manager -> Product Manager  [promotion]
     skills to gain:
...
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import EXIT_NEGATIVE, print_json
from careergraph.cli.printing import show
from careergraph.cli.step_text import format_step, is_equivalence, path_names
from careergraph.cli.text import Footnotes, md_escape, visible

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph
    from careergraph.gap import StepGap


# --- the question -------------------------------------------------------------


def add_constraint_options(parser: argparse.ArgumentParser, *, via: bool = True,
                           weight: bool = True) -> None:
    """The options of a path question: --via, --avoid, --kinds, --track and --weight.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser, to which the options are added.
    via : bool, optional
        Add ``--via`` (a role the path must pass through).
    weight : bool, optional
        Add ``--weight`` (what a move costs: one, or the skill levels it asks to climb).
    """
    if via:
        parser.add_argument("--via", metavar="ROLE", help="a role the path must pass through")
    parser.add_argument("--avoid", metavar="ROLE", nargs="+", action="extend", default=[],
                        help="roles to leave out (several after one --avoid, or repeat it; "
                             "put it after the titles)")
    parser.add_argument("--kinds", metavar="KINDS",
                        help="only these kinds of move, comma-separated: promotion, branch, "
                             "lateral, exit")
    parser.add_argument("--track", metavar="TRACK",
                        help="roles between the two ends must be on this track "
                             "(individual contributor, management, executive)")
    if weight:
        parser.add_argument("--weight", choices=["moves", "gap"], default="moves",
                            help="what a move costs: one (default), or the skill levels it "
                                 "asks to climb")


def add_cross_option(parser: argparse.ArgumentParser) -> None:
    """``--cross``: equivalences between the roles of two ladders are steps that cost nothing.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser, to which the option is added.
    """
    parser.add_argument("--cross", action="store_true",
                        help="also step between ladders where two roles are equivalent "
                             "(skos:exactMatch, skos:closeMatch, cg:sameLevelAs): an equivalence "
                             "costs nothing, is no move, and the answer says where it used one")


def add_html_option(parser: argparse.ArgumentParser) -> None:
    """``--html PATH`` for ``careergraph path`` and ``careergraph plan``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser, to which the option is added.
    """
    parser.add_argument("--html", metavar="PATH", type=Path,
                        help="also write the ladder with the (first) path highlighted and each "
                             "step's gap as an HTML page, like 'careergraph draw path' (needs "
                             "the draw extra)")


def write_path_html(kg: CareerGraph, path: Sequence[str], steps: Sequence[StepGap], target: Path,
                    prog: str) -> None:
    """Write the path view of an answer to ``target``; say so on stderr (stdout holds the answer).

    Parameters
    ----------
    kg : CareerGraph
        The graph.
    path : sequence of str
        The role IRIs of the path, in order.
    steps : sequence of StepGap
        The gap of each move.
    target : Path
        Where to write the page.
    prog : str
        The command, for the line on stderr.
    """
    from careergraph.views import path_view_for

    written = path_view_for(kg, path, steps).write(target)
    show(f"{prog}: wrote {written}", file=sys.stderr)


def resolve(kg: CareerGraph, title: str) -> str:
    """The role IRI of a title, alternative title, abbreviation or IRI, in any case.

    Parameters
    ----------
    kg : CareerGraph
        The graph whose titles are looked up.
    title : str
        What the user typed.

    Returns
    -------
    str
        The role's IRI.

    Raises
    ------
    RoleNotFound
        For an unknown title, with the closest titles as suggestions.
    """
    from careergraph.names import TitleIndex

    return TitleIndex.for_graph(kg).resolve(title)


def path_question(kg: CareerGraph, args: argparse.Namespace,
                  have: Mapping[str, int] | None = None) -> tuple[Any, dict[str, Any]]:
    """The graph to search and the constraints of a path question, from its options.

    Parameters
    ----------
    kg : CareerGraph
        The graph.
    args : argparse.Namespace
        The options of :func:`add_constraint_options` (``via``, ``avoid``,
        ``kinds``, ``track`` and ``weight``).
    have : mapping, optional
        Skill IRI -> the level a person holds, which ``--weight gap`` takes
        off the cost of each move.

    Returns
    -------
    (networkx.DiGraph, dict)
        The role graph (with gap costs for ``--weight gap``, and with ``--cross``
        the equivalences as hops: :func:`careergraph.equivalences.cross_graph`), and the
        constraints as keywords of :mod:`careergraph.paths`, titles resolved
        to IRIs.
    """
    from careergraph.project import role_graph

    if args.weight == "gap":
        from careergraph.gap import with_gap_costs

        graph = with_gap_costs(kg, have)
    else:
        graph = role_graph(kg)
    if getattr(args, "cross", False):
        from careergraph.equivalences import cross_graph

        graph = cross_graph(kg, graph)
    constraints = {"kinds": args.kinds, "track": args.track,
                   "via": None if args.via is None else resolve(kg, args.via),
                   "avoid": [resolve(kg, r) for r in args.avoid],
                   "weight": None if args.weight == "moves" else args.weight}
    return graph, constraints


def no_answer(prog: str, error: Exception, output: str) -> int:
    """Tell that there is no answer: on stderr, and as an empty JSON result on stdout.

    Parameters
    ----------
    prog : str
        The command, such as ``careergraph path``.
    error : Exception
        Why there is no answer (a :class:`~careergraph.errors.NoPath`).
    output : str
        The output format; ``json`` also prints ``{"paths": [], "message": ...}``.

    Returns
    -------
    int
        1, the exit code of a negative answer.
    """
    if output == "json":
        print_json({"paths": [], "message": str(error)})
    show(f"{prog}: {visible(error, one_line=True)}", file=sys.stderr)
    return EXIT_NEGATIVE


def cross_hint(kg: CareerGraph, graph: Any, source: str | None, target: str | None,
               constraints: Mapping[str, Any], error: Exception) -> Exception:
    """A no-path error asked without ``--cross``, saying so when equivalences would lead there.

    Parameters
    ----------
    kg : CareerGraph
        The graph, for its equivalences.
    graph : networkx.DiGraph
        The role graph the question was asked of.
    source, target : str or None
        The two ends (for ``reachable``, one of them: the other is None).
    constraints : mapping
        The constraints of the question (keywords of :mod:`careergraph.paths`).
    error : Exception
        The :class:`~careergraph.errors.NoPath` without ``--cross``.

    Returns
    -------
    Exception
        ``error`` itself, or a NoPath whose reason ends with what ``--cross`` finds.
    """
    from careergraph import paths
    from careergraph.cross_search import arrows
    from careergraph.equivalences import read_equivalences, with_equivalences
    from careergraph.errors import NoPath

    ladders, found = read_equivalences(kg)
    if not found:
        return error  # no equivalence in the graph: nothing to copy the graph for
    cross = with_equivalences(graph, ladders, found)
    asked = dict(constraints)
    try:
        if source is not None and target is not None:
            hint = f"with --cross, equivalences between ladders lead there: " \
                   f"{arrows(cross, paths.shortest_path(cross, source, target, **asked))}"
        else:
            asked.pop("weight", None)
            find = paths.reachable if target is None else paths.leads_to
            reached = find(cross, source if target is None else target, **asked)
            if not reached:
                return error
            roles = f"{len(reached)} role{'' if len(reached) == 1 else 's'}"
            hint = (f"with --cross, equivalences between ladders lead on to {roles}" if target is None
                    else f"with --cross, {roles} lead{'s' if len(reached) == 1 else ''} there "
                         "through equivalences between ladders")
    except NoPath:
        return error
    return NoPath(getattr(error, "source", None), getattr(error, "target", None),
                  f"{getattr(error, 'reason', error)}; {hint}",
                  constrained=getattr(error, "constrained", False))


def question_json(kg: CareerGraph, source: str, target: str,
                  constraints: Mapping[str, Any]) -> dict[str, Any]:
    """The question of a path result, for JSON: the two ends, the weight and the constraints.

    Parameters
    ----------
    kg : CareerGraph
        The graph, for the roles' labels.
    source : str
        The IRI of the role the path starts from.
    target : str
        The IRI of the role it reaches.
    constraints : mapping
        The constraints of :func:`path_question`.

    Returns
    -------
    dict
        ``from``, ``to``, ``weight`` and ``constraints``, roles by label.
    """
    def name(role: str) -> str:
        return kg.label(role)

    return {"from": name(source), "to": name(target),
            "weight": constraints.get("weight") or "moves",
            "constraints": {"kinds": constraints.get("kinds"), "track": constraints.get("track"),
                            "via": (None if constraints.get("via") is None
                                    else name(constraints["via"])),
                            "avoid": [name(r) for r in constraints.get("avoid", ())]}}


def path_json(kg: CareerGraph, path: Sequence[str], steps: Sequence[StepGap], *,
              cross: bool = False) -> dict[str, Any]:
    """One path for JSON: role labels in order, IRIs, moves, total gap and the steps.

    Parameters
    ----------
    kg : CareerGraph
        The graph, for the roles' labels.
    path : sequence of str
        The role IRIs, in order.
    steps : sequence of StepGap
        The gap of each move (:func:`careergraph.gap.path_gap`).
    cross : bool, optional
        A path of ``--cross``: the roles as its steps name them, and ``equivalences``,
        the number of its steps that are equivalences (kind ``"equivalence"``) and no moves.

    Returns
    -------
    dict
        ``roles``, ``iris``, ``moves``, (with ``cross``) ``equivalences``, ``gap`` and ``steps``.
    """
    hops = sum(is_equivalence(step) for step in steps)
    roles = path_names(steps) if cross and steps else [kg.label(role) for role in path]
    return {"roles": roles, "iris": list(path), "moves": len(steps) - hops,
            **({"equivalences": hops} if cross else {}), "gap": sum(step.cost for step in steps),
            "steps": [step.to_dict() for step in steps]}


def scale(kg: CareerGraph) -> dict[int, str]:
    """The names of the proficiency levels of the graph.

    Parameters
    ----------
    kg : CareerGraph
        The graph.

    Returns
    -------
    dict
        Level -> name, read from the ontology (:mod:`careergraph.vocabulary`).
    """
    from careergraph.gap import proficiency_scale

    return proficiency_scale(kg)


# --- the answer as text --------------------------------------------------------


def format_paths(kg: CareerGraph, results: Sequence[tuple[Sequence[str], Sequence[StepGap]]],
                 *, weighed: bool = False, markdown: bool = False, cross: bool = False) -> str:
    """Paths as arrows, each with its steps' gaps underneath, then the source passages.

    Each skill and each move cites its passages by number; a passage that
    every move (of every path shown) cites is named once, on the line
    ``Every move:`` (under the first path's summary, or after the paths when
    there are several), and not under each move.

    Parameters
    ----------
    kg : CareerGraph
        The graph, for the roles' labels and its proficiency scale.
    results : sequence of (path, steps)
        Each path (role IRIs) with the gaps of its moves.
    weighed : bool, optional
        Give each path's total skill gap even when there is one path.
    markdown : bool, optional
        Markdown (headings, tables, escaped data) instead of plain text.
    cross : bool, optional
        Paths of ``--cross``: roles named as the steps name them (with their
        ladders where that tells them apart), ``=`` for an equivalence, which
        is no move: not counted, not numbered, and shown as such.

    Returns
    -------
    str
        The paths, then the source passages.
    """
    from careergraph.gap import shared_sources

    names = scale(kg)
    notes = Footnotes()
    shared = shared_sources([step for _, steps in results for step in steps
                             if not is_equivalence(step)])
    shared_iris = frozenset(p["iri"] for p in shared)
    every = ""
    if shared:
        every = f"Every move: {notes.cite(shared, markdown=markdown)}"
    blocks = []
    for number, (path, steps) in enumerate(results, start=1):
        hops = sum(is_equivalence(step) for step in steps)
        moves = len(steps) - hops
        summary = f"{moves} move{'' if moves == 1 else 's'}"
        if hops:
            summary += f", {hops} equivalence{'' if hops == 1 else 's'} (no move)"
        if weighed or len(results) > 1:
            summary += f", skill gap {sum(s.cost for s in steps)} levels"
        lines = []
        roles = path_names(steps) if cross and steps else [kg.label(role) for role in path]
        joins = [" = " if is_equivalence(step) else " -> " for step in steps]
        if markdown:
            title = "".join(md_escape(name) + (joins[i].replace("->", "→") if i < len(joins) else "")
                            for i, name in enumerate(roles))
            lines += [f"## Path {number} of {len(results)}: {title}" if len(results) > 1
                      else f"## {title}", "", summary]
        else:
            if len(results) > 1:
                lines.append(f"Path {number} of {len(results)}")
            lines += ["".join(visible(name, one_line=True) + (joins[i] if i < len(joins) else "")
                              for i, name in enumerate(roles)), summary]
        if every and len(results) == 1:
            lines += ["", every] if markdown else [every]
        index = 0
        for step in steps:
            index += not is_equivalence(step)
            lines += ["", format_step(step, names, number=index, notes=notes, shared=shared_iris,
                                      markdown=markdown)]
        blocks.append("\n".join(lines).rstrip())
    if every and len(results) > 1:
        blocks.append(every)
    blocks.append(notes.markdown() if markdown else notes.text())
    return "\n\n".join(block for block in blocks if block)


if __name__ == "__main__":  # `python scripts/moves.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module holds the path "
          "questions the careergraph commands share and is not a command itself; see "
          "'careergraph --help'", file=sys.stderr)
    raise SystemExit(2)
