"""``careergraph path``, ``careergraph reachable`` and ``careergraph gap``: moves between roles.

Each command is an object with ``DESCRIPTION``, ``add_arguments(parser)`` and
``run(args)`` (:data:`PATH`, :data:`REACHABLE`, :data:`GAP`); ``main(argv)``
takes the command's name first, so the module also runs on its own::

    python -m careergraph.cli.paths path "Product Owner" COO

Titles are resolved like everywhere (alternative titles, abbreviations, any
case); an unknown title exits 2 with suggestions. No path exits 1 with a
message saying why.

Examples
--------
>>> main(["path", "APM", "pm"])  # doctest: +ELLIPSIS
Associate Product Manager -> Product Manager
1 move
<BLANKLINE>
  1. Associate Product Manager -> Product Manager  [promotion]
     skills to gain:
       Communication ...
0
>>> main(["reachable", "GM"])  # stderr: no role is reachable from General Manager: ...
1
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.arguments import MAX_CUTOFF, MAX_PATHS, at_most
from careergraph.cli.extras import require_extra
from careergraph.cli.moves import (add_constraint_options, add_cross_option, add_html_option,
                                   cross_hint, format_paths, format_step, no_answer, path_json,
                                   path_question, question_json, resolve, scale, write_path_html)
from careergraph.cli.output import (EXIT_OK, add_data_option, add_format_option, family_main,
                                    format_table, open_graph, print_json)
from careergraph.cli.printing import show
from careergraph.cli.text import md_escape

PATH_SUMMARY = "Find the moves from one role to another, with each move's skill gap."
"""One sentence for ``careergraph --help``."""

PATH_DESCRIPTION = """Find the moves from one role to another: the shortest path, the k best,
or all up to a bound.

Under the path, each move's skill gap: the skills to gain (with the level
needed), the skills to raise (from which level to which), the
responsibilities taken on, and the source passages: each skill cites the
passages its requirement comes from and each move those of the move, by
number ([1], [2], ...), and the passages follow once each under "Sources".
A passage that every move cites is named once, on the line "Every move:".
With --k N, a note says so when fewer than N paths exist. Exit 0 with a
path, 1 when there is none (the message says why), 2 for a mistake such as
an unknown title.

With --cross, equivalences between the roles of two ladders (skos:exactMatch,
skos:closeMatch, cg:sameLevelAs) are steps too: they cost nothing, are not
moves (not counted, no gap), and the answer shows each as "A (ladder) = B
(ladder)" with its relation. Without it, a "no path" message says when
--cross would find one."""

REACHABLE_SUMMARY = "List the roles a role leads to (or, with --reverse, the roles that lead to it)."
"""One sentence for ``careergraph --help``."""

REACHABLE_DESCRIPTION = """List the roles some sequence of moves leads to from a role (or, with
--reverse, the roles that lead to it), with the fewest moves to each. With
--cross, equivalences between ladders are free steps: an equivalent role is
listed with 0 moves, "by equivalence"."""

GAP_SUMMARY = "Show the skill gap of the move from one role to another."
"""One sentence for ``careergraph --help``."""

GAP_DESCRIPTION = """Show the skill gap of the move from one role to another: skills to gain
and to raise, responsibilities taken on, and the source of the move. When no
move links the two roles directly, the two roles are compared.

Each skill cites the passages its requirement comes from, and the move the
passages it comes from, by number ([1], [2], ...); the passages follow once
each under "Sources", with their section and quote. With --cross, when FROM is
equivalent to TO, or to a role with a move to (a role equivalent to) TO, the
answer is that equivalence and that one move: an equivalence asks nothing."""

# --- arguments ------------------------------------------------------------


def add_path_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph path`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("source", metavar="FROM",
                        help="the title (or IRI) of the role to start from")
    parser.add_argument("target", metavar="TO", help="the title (or IRI) of the role to reach")
    several = parser.add_mutually_exclusive_group()
    several.add_argument("--k", type=at_most(MAX_PATHS), default=1, metavar="N",
                         help=f"the N best paths (default 1, at most {MAX_PATHS})")
    several.add_argument("--all", action="store_true",
                         help="every path of at most --cutoff moves, at most --cap of them")
    parser.add_argument("--cutoff", type=at_most(MAX_CUTOFF), default=6, metavar="N",
                        help=f"with --all: the most moves a path may have (default 6, at most "
                             f"{MAX_CUTOFF})")
    parser.add_argument("--cap", type=at_most(MAX_PATHS), default=20, metavar="N",
                        help=f"with --all: the most paths listed (default 20, at most "
                             f"{MAX_PATHS})")
    add_constraint_options(parser)
    add_cross_option(parser)
    add_data_option(parser)
    add_format_option(parser, ["text", "json", "md"], "text")
    add_html_option(parser)


def add_reachable_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph reachable`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("role", metavar="ROLE", help="the title (or IRI) of the role")
    parser.add_argument("--reverse", action="store_true",
                        help="list the roles that lead to ROLE instead")
    add_constraint_options(parser, via=False, weight=False)
    add_cross_option(parser)
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


def add_gap_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph gap`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("source", metavar="FROM", help="the title (or IRI) of the role moved from")
    parser.add_argument("target", metavar="TO", help="the title (or IRI) of the role moved to")
    add_cross_option(parser)
    add_data_option(parser)
    add_format_option(parser, ["text", "json", "md"], "text")


# --- commands -----------------------------------------------------------


def run_path(args: argparse.Namespace) -> int:
    """Run ``careergraph path``: find the paths, print them with each move's gap.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_path_arguments`.

    Returns
    -------
    int
        0 with a path, 1 when there is none.
    """
    from careergraph import paths
    from careergraph.errors import NoPath
    from careergraph.gap import path_gap

    if args.html is not None:
        require_extra("draw")
    kg = open_graph(args, cache=True)
    source, target = resolve(kg, args.source), resolve(kg, args.target)
    graph, constraints = path_question(kg, args)
    try:
        if args.all:
            found = paths.all_paths(graph, source, target, cutoff=args.cutoff, cap=args.cap + 1,
                                    **{k: v for k, v in constraints.items() if k != "weight"})
        else:
            found = paths.k_shortest_paths(graph, source, target, args.k, **constraints)
    except NoPath as error:
        if not args.cross:
            error = cross_hint(kg, graph, source, target, constraints, error)
        return no_answer("careergraph path", error, args.format)
    capped = args.all and len(found) > args.cap
    found = found[:args.cap] if args.all else found
    if args.cross:
        from careergraph.equivalences import cross_path_gap

        results = [(path, cross_path_gap(kg, graph, path)) for path in found]
    else:
        results = [(path, path_gap(kg, path)) for path in found]
    if args.html is not None:
        write_path_html(kg, *results[0], args.html, "careergraph path")
    ends = {"from": kg.label(source), "to": kg.label(target)}
    if args.cross:
        from careergraph.cross_search import qualified

        ends = {"from": qualified(graph, source), "to": qualified(graph, target)}
    note = None
    if not args.all and len(found) < args.k:
        note = (f"Only {len(found)} path{' exists' if len(found) == 1 else 's exist'} from "
                f"{ends['from']} to {ends['to']}"
                f"{' with these constraints' if _constrained(constraints) else ''} "
                f"(asked for {args.k}).")
    if args.format == "json":
        from careergraph.gap import shared_sources

        moves = [step for _, steps in results for step in steps if step.kind != "equivalence"]
        print_json({**question_json(kg, source, target, constraints), **ends, "cross": args.cross,
                    "asked": None if args.all else args.k, "capped": capped,
                    **({"note": note} if note else {}),
                    "shared_sources": list(shared_sources(moves)),
                    "paths": [path_json(kg, p, s, cross=args.cross) for p, s in results]})
        return EXIT_OK
    markdown = args.format == "md"
    show(format_paths(kg, results, weighed=args.weight == "gap", markdown=markdown,
                      cross=args.cross))
    if capped:
        show(f"\nStopped at --cap {args.cap}: there may be more paths of at most "
              f"{args.cutoff} moves.")
    if note:
        show(f"\n{md_escape(note) if markdown else note}")
    return EXIT_OK


def _constrained(constraints: Mapping[str, Any]) -> bool:
    """Whether a path question has constraints beyond its weight."""
    return any(constraints.get(key) for key in ("kinds", "track", "via", "avoid"))


def _through_text(roles: list[str], most: int = 6) -> str:
    """The roles between, for a table cell: a long way shows its two ends and how many between.

    Examples
    --------
    >>> _through_text(["A", "B"])
    'A, B'
    >>> _through_text([f"R{n}" for n in range(40)])
    'R0, R1, R2, … 34 more …, R37, R38, R39'
    """
    if len(roles) <= most:
        return ", ".join(roles)
    half = most // 2
    return ", ".join([*roles[:half], f"… {len(roles) - 2 * half} more …", *roles[-half:]])


def run_reachable(args: argparse.Namespace) -> int:
    """Run ``careergraph reachable``: list the roles a role leads to (or that lead to it).

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_reachable_arguments`.

    Returns
    -------
    int
        0 with at least one role, 1 with none.
    """
    from careergraph import paths
    from careergraph.project import role_graph

    from careergraph.cross_search import qualified

    kg = open_graph(args, cache=True)
    role = resolve(kg, args.role)
    graph = role_graph(kg)
    if args.cross:
        from careergraph.equivalences import cross_graph

        graph = cross_graph(kg, graph)
    constraints = {"kinds": args.kinds, "track": args.track,
                   "avoid": [resolve(kg, r) for r in args.avoid]}
    find = paths.leads_to if args.reverse else paths.reachable
    distances = find(graph, role, **constraints)
    if not distances:
        error = _nothing_reachable(graph, role, constraints, args.reverse)
        if not args.cross:
            error = cross_hint(kg, graph, *((None, role) if args.reverse else (role, None)),
                               constraints, error)
        return no_answer("careergraph reachable", error, args.format)
    found = paths.routes(graph, role, reverse=args.reverse, **constraints)  # one search for all
    rows = []
    for other, moves in distances.items():
        route = found[other]
        data = graph.nodes[other]
        last = graph.edges[route[-2], route[-1]]["kind"] if graph.has_edge(*route[-2:]) else None
        rows.append({"role": qualified(graph, other), "iri": other, "moves": moves,
                     **({"ladder": data.get("ladder")} if args.cross else {}),
                     "seniority": data["seniority"], "track": data["track"],
                     "through": [qualified(graph, r) for r in route[1:-1]], "last_move": last})
    name = qualified(graph, role)
    if args.format == "json":
        print_json({"role": name, "iri": role, "reverse": args.reverse,
                    **({"cross": True} if args.cross else {}), "roles": rows})
        return EXIT_OK
    heading = f"Roles that lead to {name}" if args.reverse else f"Roles reachable from {name}"
    show(f"{heading}: {len(rows)}")
    show()
    show(format_table([{**row, "by": row["last_move"], "through": _through_text(row["through"]),
                         "seniority": "-" if row["seniority"] is None else row["seniority"]}
                        for row in rows], ["moves", "role", "seniority", "track", "by", "through"]))
    show()
    show("by: the kind of the last move; through: the roles between, on one shortest way")
    if args.cross:
        show("equivalence: the last step is an equivalence between two ladders, not a move")
    if any(row["seniority"] is None for row in rows):
        show("seniority -: a role in no ladder (such as an exit target beyond the top rung)")
    return EXIT_OK


def run_gap(args: argparse.Namespace) -> int:
    """Run ``careergraph gap``: print the skill gap of the move between two roles.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_gap_arguments`.

    Returns
    -------
    int
        0 (a gap is always there to show; two roles without a move between them are compared).
    """
    from careergraph.gap import step_gap
    from careergraph.project import role_graph

    kg = open_graph(args, cache=True)
    source, target = resolve(kg, args.source), resolve(kg, args.target)
    if args.cross and _gap_across(kg, source, target, args.format):
        return EXIT_OK
    step = step_gap(kg, source, target)
    direct = role_graph(kg).has_edge(source, target)
    if args.format == "json":
        print_json({"from": step.from_label, "to": step.to_label, "direct": direct,
                    "step": step.to_dict()})
        return EXIT_OK
    markdown = args.format == "md"
    if not direct:
        message = (f"No move leads directly from {step.from_label} to {step.to_label}: this "
                   f"compares the two roles ('careergraph path' finds the moves).")
        show(md_escape(message) if markdown else message)
        show()
    show(format_step(step, scale(kg), markdown=markdown))
    return EXIT_OK


PATH = SimpleNamespace(SUMMARY=PATH_SUMMARY, DESCRIPTION=PATH_DESCRIPTION,
                       add_arguments=add_path_arguments, run=run_path)
"""The ``careergraph path`` command."""
REACHABLE = SimpleNamespace(SUMMARY=REACHABLE_SUMMARY, DESCRIPTION=REACHABLE_DESCRIPTION,
                            add_arguments=add_reachable_arguments, run=run_reachable)
"""The ``careergraph reachable`` command."""
GAP = SimpleNamespace(SUMMARY=GAP_SUMMARY, DESCRIPTION=GAP_DESCRIPTION,
                      add_arguments=add_gap_arguments, run=run_gap)
"""The ``careergraph gap`` command."""
COMMANDS = {"path": PATH, "reachable": REACHABLE, "gap": GAP}
"""The commands of this module, by name."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``path``, ``reachable`` or ``gap``: the command's name first, then its arguments.

    Parameters
    ----------
    argv : sequence of str, optional
        The command's name and its arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 with an answer, 1 without one, 2 for a mistake.
    """
    return family_main("careergraph.cli.paths", COMMANDS, argv)


def _gap_across(kg: Any, source: str, target: str, output: str) -> bool:
    """``gap --cross``: show the equivalences and the one move that join the roles, if they do.

    True when it showed them; False when no path of equivalences and at most
    one move leads from ``source`` to ``target`` (the roles are then compared).
    """
    from careergraph.cross_search import count_moves
    from careergraph.equivalences import cross_graph, cross_path_gap
    from careergraph.errors import NoPath
    from careergraph.paths import shortest_path

    graph = cross_graph(kg)
    try:
        route = shortest_path(graph, source, target)
    except NoPath:
        return False
    moves = count_moves(graph, route)
    if moves > 1 or moves == len(route) - 1:  # more than one move, or no equivalence
        return False
    steps = cross_path_gap(kg, graph, route)
    if output == "json":
        made = [step.to_dict() for step in steps if step.kind != "equivalence"]
        print_json({"from": steps[0].from_label, "to": steps[-1].to_label, "direct": False,
                    "cross": True, "step": made[0] if made else steps[-1].to_dict(),
                    "steps": [step.to_dict() for step in steps]})
    else:
        show(format_paths(kg, [(route, steps)], markdown=output == "md", cross=True))
    return True


def _nothing_reachable(graph: Any, role: str, constraints: dict[str, Any],
                       reverse: bool) -> Exception:
    """The NoPath of a reachable question without an answer, saying why."""
    from careergraph.errors import NoPath
    from careergraph.paths import check_constraints, label

    name = label(graph, role)
    if (graph.in_degree(role) if reverse else graph.out_degree(role)) == 0:
        why = f"no move leads {'to' if reverse else 'out of'} it"
    else:
        why = (f"the constraints ({check_constraints(graph, **constraints).describe(graph)}) "
               "exclude every move")
    return NoPath(None, name, why) if reverse else NoPath(name, None, why)


if __name__ == "__main__":
    raise SystemExit(main())
