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
import sys
import textwrap
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from .output import (EXIT_NEGATIVE, EXIT_OK, EXIT_USAGE, add_data_option, add_format_option,
                     format_table, open_graph, print_error, print_json, run_main)
from .draw import add_html_option, write_path_html

if TYPE_CHECKING:
    from careergraph.gap import StepGap
    from careergraph.load import CareerGraph

WIDTH = 100
"""Text output is wrapped at this width."""

PATH_DESCRIPTION = """Find the moves from one role to another: the shortest path, the k best, or all up to a bound.

Under the path, each move's skill gap: the skills to gain (with the level
needed), the skills to raise (from which level to which), the
responsibilities taken on, and the passage of the source the move comes
from. Exit 0 with a path, 1 when there is none (the message says why),
2 for a mistake such as an unknown title."""

REACHABLE_DESCRIPTION = """List the roles some sequence of moves leads to from a role (or, with
--reverse, the roles that lead to it), with the fewest moves to each."""

GAP_DESCRIPTION = """Show the skill gap of the move from one role to another: skills to gain
and to raise, responsibilities taken on, and the source of the move. When no
move links the two roles directly, the two roles are compared."""

SCALE_NAMES = {1: "awareness", 2: "working knowledge", 3: "practitioner", 4: "advanced",
               5: "expert"}
"""Level names used when the graph gives none."""


# --- arguments ------------------------------------------------------------


def add_constraint_options(parser: argparse.ArgumentParser, *, via: bool = True,
                           weight: bool = True) -> None:
    """``--via``, ``--avoid``, ``--kinds``, ``--track`` and ``--weight``: the constraints of a path question."""
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
                            help="what a move costs: one (default), or the skill levels it asks to climb")


def add_path_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``careergraph path``."""
    parser.add_argument("source", metavar="FROM", help="the title (or IRI) of the role to start from")
    parser.add_argument("target", metavar="TO", help="the title (or IRI) of the role to reach")
    several = parser.add_mutually_exclusive_group()
    several.add_argument("--k", type=positive_int, default=1, metavar="N",
                         help="the N best paths (default 1)")
    several.add_argument("--all", action="store_true",
                         help="every path of at most --cutoff moves, at most --cap of them")
    parser.add_argument("--cutoff", type=positive_int, default=6, metavar="N",
                        help="with --all: the most moves a path may have (default 6)")
    parser.add_argument("--cap", type=positive_int, default=20, metavar="N",
                        help="with --all: the most paths listed (default 20)")
    add_constraint_options(parser)
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")
    add_html_option(parser)


def add_reachable_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``careergraph reachable``."""
    parser.add_argument("role", metavar="ROLE", help="the title (or IRI) of the role")
    parser.add_argument("--reverse", action="store_true",
                        help="list the roles that lead to ROLE instead")
    add_constraint_options(parser, via=False, weight=False)
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


def add_gap_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``careergraph gap``."""
    parser.add_argument("source", metavar="FROM", help="the title (or IRI) of the role moved from")
    parser.add_argument("target", metavar="TO", help="the title (or IRI) of the role moved to")
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


# --- commands -----------------------------------------------------------


def run_path(args: argparse.Namespace) -> int:
    """``careergraph path``."""
    from careergraph import paths
    from careergraph.errors import NoPath
    from careergraph.gap import path_gap

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
        return no_answer("careergraph path", error, args.format)
    capped = args.all and len(found) > args.cap
    found = found[:args.cap] if args.all else found
    results = [(path, path_gap(kg, path)) for path in found]
    if args.html is not None:
        write_path_html(kg, *results[0], args.html, "careergraph path")
    if args.format == "json":
        print_json({**question_json(kg, source, target, constraints),
                    "capped": capped, "paths": [path_json(kg, p, s) for p, s in results]})
        return EXIT_OK
    print(format_paths(kg, results, weighed=args.weight == "gap"))
    if capped:
        print(f"\nStopped at --cap {args.cap}: there may be more paths of at most "
              f"{args.cutoff} moves.")
    return EXIT_OK


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
    """``careergraph reachable``."""
    from careergraph import paths
    from careergraph.errors import NoPath
    from careergraph.project import role_graph

    kg = open_graph(args, cache=True)
    role = resolve(kg, args.role)
    graph = role_graph(kg)
    constraints = {"kinds": args.kinds, "track": args.track,
                   "avoid": [resolve(kg, r) for r in args.avoid]}
    find = paths.leads_to if args.reverse else paths.reachable
    distances = find(graph, role, **constraints)
    if not distances:
        return no_answer("careergraph reachable", _nothing_reachable(graph, role, constraints,
                                                                     args.reverse), args.format)
    found = paths.routes(graph, role, reverse=args.reverse, **constraints)  # one search for all
    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    rows = []
    for other, moves in distances.items():
        route = found[other]
        data = graph.nodes[other]
        last = graph.edges[route[-2], route[-1]]["kind"] if graph.has_edge(*route[-2:]) else None
        rows.append({"role": data["label"], "iri": other, "moves": moves,
                     "seniority": data["seniority"], "track": data["track"],
                     "through": [labels[r] for r in route[1:-1]], "last_move": last})
    name = graph.nodes[role]["label"]
    if args.format == "json":
        print_json({"role": name, "iri": role, "reverse": args.reverse, "roles": rows})
        return EXIT_OK
    heading = f"Roles that lead to {name}" if args.reverse else f"Roles reachable from {name}"
    print(f"{heading}: {len(rows)}")
    print()
    print(format_table([{**row, "by": row["last_move"], "through": _through_text(row["through"])}
                        for row in rows], ["moves", "role", "seniority", "track", "by", "through"]))
    print()
    print("by: the kind of the last move; through: the roles between, on one shortest way")
    return EXIT_OK


def run_gap(args: argparse.Namespace) -> int:
    """``careergraph gap``."""
    from careergraph.gap import step_gap
    from careergraph.project import role_graph

    kg = open_graph(args, cache=True)
    source, target = resolve(kg, args.source), resolve(kg, args.target)
    step = step_gap(kg, source, target)
    direct = role_graph(kg).has_edge(source, target)
    if args.format == "json":
        print_json({"from": step.from_label, "to": step.to_label, "direct": direct,
                    "step": step.to_dict()})
        return EXIT_OK
    if not direct:
        print(f"No move leads directly from {step.from_label} to {step.to_label}: this "
              f"compares the two roles ('careergraph path' finds the moves).")
        print()
    print(format_step(step, scale(kg)))
    return EXIT_OK


PATH = SimpleNamespace(DESCRIPTION=PATH_DESCRIPTION, add_arguments=add_path_arguments, run=run_path)
"""The ``careergraph path`` command."""
REACHABLE = SimpleNamespace(DESCRIPTION=REACHABLE_DESCRIPTION, add_arguments=add_reachable_arguments,
                            run=run_reachable)
"""The ``careergraph reachable`` command."""
GAP = SimpleNamespace(DESCRIPTION=GAP_DESCRIPTION, add_arguments=add_gap_arguments, run=run_gap)
"""The ``careergraph gap`` command."""
COMMANDS = {"path": PATH, "reachable": REACHABLE, "gap": GAP}
"""The commands of this module, by name."""


# --- helpers shared with careergraph.cli.plan ----------------------------------


def resolve(kg: CareerGraph, title: str) -> str:
    """The role IRI of a title (RoleNotFound with suggestions when unknown)."""
    from careergraph.titles import TitleIndex

    return TitleIndex.for_graph(kg).resolve(title)


def path_question(kg: CareerGraph, args: argparse.Namespace,
                  have: Mapping[str, int] | None = None) -> tuple[Any, dict[str, Any]]:
    """The graph to search (with gap costs for ``--weight gap``) and the constraints as keywords."""
    from careergraph.project import role_graph

    if args.weight == "gap":
        from careergraph.gap import with_gap_costs

        graph = with_gap_costs(kg, have)
    else:
        graph = role_graph(kg)
    constraints = {"kinds": args.kinds, "track": args.track,
                   "via": None if args.via is None else resolve(kg, args.via),
                   "avoid": [resolve(kg, r) for r in args.avoid],
                   "weight": None if args.weight == "moves" else args.weight}
    return graph, constraints


def no_answer(prog: str, error: Exception, output: str) -> int:
    """Tell that there is no answer (stderr, and an empty JSON result on stdout); exit 1."""
    if output == "json":
        print_json({"paths": [], "message": str(error)})
    print(f"{prog}: {error}", file=sys.stderr)
    return EXIT_NEGATIVE


def question_json(kg: CareerGraph, source: str, target: str,
                  constraints: Mapping[str, Any]) -> dict[str, Any]:
    """The question of a path result, for JSON."""
    def name(role: str) -> str:
        return kg.label(role)

    return {"from": name(source), "to": name(target),
            "weight": constraints.get("weight") or "moves",
            "constraints": {"kinds": constraints.get("kinds"), "track": constraints.get("track"),
                            "via": None if constraints.get("via") is None else name(constraints["via"]),
                            "avoid": [name(r) for r in constraints.get("avoid", ())]}}


def path_json(kg: CareerGraph, path: Sequence[str], steps: Sequence[StepGap]) -> dict[str, Any]:
    """One path for JSON: role labels in order, IRIs, moves, total gap and the steps."""
    return {"roles": [kg.label(role) for role in path], "iris": list(path),
            "moves": len(path) - 1, "gap": sum(step.cost for step in steps),
            "steps": [step.to_dict() for step in steps]}


def scale(kg: CareerGraph) -> dict[int, str]:
    """The names of the proficiency levels of the graph."""
    from careergraph.gap import proficiency_scale

    return proficiency_scale(kg) or SCALE_NAMES


def format_paths(kg: CareerGraph, results: Sequence[tuple[Sequence[str], Sequence[StepGap]]],
                 *, weighed: bool = False) -> str:
    """Paths as arrows, each with its steps' gaps underneath."""
    names = scale(kg)
    blocks = []
    for number, (path, steps) in enumerate(results, start=1):
        moves = len(path) - 1
        summary = f"{moves} move{'' if moves == 1 else 's'}"
        if weighed or len(results) > 1:
            summary += f", skill gap {sum(s.cost for s in steps)} levels"
        lines = []
        if len(results) > 1:
            lines.append(f"Path {number} of {len(results)}")
        lines += [" -> ".join(kg.label(role) for role in path), summary]
        for index, step in enumerate(steps, start=1):
            lines += ["", format_step(step, names, number=index)]
        blocks.append("\n".join(lines).rstrip())
    return "\n\n".join(blocks)


def format_step(step: StepGap, names: Mapping[int, str], *, number: int | None = None) -> str:
    """One move and its gap, indented, readable at a glance."""
    kind = f"  [{step.kind}]" if step.kind else ""
    head = f"{number}. " if number is not None else ""
    lines = [f"  {head}{step.from_label} -> {step.to_label}{kind}"]
    pad = " " * (2 + (len(head) or 2))
    width = max([len(s.label) for s in (*step.gain, *step.raise_)] or [0])
    if step.gain:
        lines.append(f"{pad}skills to gain:")
        lines += [f"{pad}  {g.label:<{width}}  level {_level(g.level, names)}"
                  f"{_detail(g.importance, g.category)}" for g in step.gain]
    if step.raise_:
        lines.append(f"{pad}skills to raise:")
        lines += [f"{pad}  {r.label:<{width}}  {r.from_level} -> {_level(r.to_level, names)}"
                  f"{_detail(r.importance, r.category)}" for r in step.raise_]
    if not step.gain and not step.raise_:
        lines.append(f"{pad}no skill to gain or raise")
    if step.responsibilities:
        lines.append(f"{pad}responsibilities taken on:")
        lines += [_wrap(r["label"], f"{pad}  - ", f"{pad}    ") for r in step.responsibilities]
    for source in step.sources:
        where = f"{source['section']}: " if source.get("section") else ""
        quote = f"\"{source['quote']}\"" if source.get("quote") else source.get("iri") or ""
        lines.append(_wrap(f"{where}{quote}", f"{pad}source: ", f"{pad}        "))
    return "\n".join(lines)


def family_main(module: str, commands: Mapping[str, Any], argv: Sequence[str] | None) -> int:
    """Run one of ``commands``, named by the first argument; the ``main`` of a module of several commands."""
    argv = list(sys.argv[1:] if argv is None else argv)
    names = ", ".join(commands)
    if argv[:1] in ([], ["-h"], ["--help"]):
        print(f"usage: python -m {module} COMMAND [ARGS]\n\ncommands: {names}\n"
              f"'python -m {module} COMMAND --help' tells more.")
        return EXIT_OK if argv else EXIT_USAGE
    command = commands.get(argv[0])
    if command is None:
        print_error(f"python -m {module}", f"unknown command '{argv[0]}'; the commands are {names}")
        return EXIT_USAGE
    return run_main(f"careergraph {argv[0]}", command.DESCRIPTION, command.add_arguments,
                    command.run, argv[1:])


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``path``, ``reachable`` or ``gap``: the command's name first, then its arguments."""
    return family_main("careergraph.cli.paths", COMMANDS, argv)


def _nothing_reachable(graph: Any, role: str, constraints: dict[str, Any], reverse: bool) -> Exception:
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


def _level(level: int | None, names: Mapping[int, str]) -> str:
    if level is None:
        return "(not given)"
    return f"{level} ({names[level]})" if level in names else str(level)


def _detail(importance: str | None, category: str | None) -> str:
    parts = [p for p in (importance, category) if p]
    return f"  {', '.join(parts)}" if parts else ""


def _wrap(text: str, first: str, rest: str) -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False)


def positive_int(text: str) -> int:
    """An argument type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


if __name__ == "__main__":
    raise SystemExit(main())
