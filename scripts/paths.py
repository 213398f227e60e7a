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

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.draw import add_html_option, write_path_html
from careergraph.cli.output import (EXIT_NEGATIVE, EXIT_OK, EXIT_USAGE, add_data_option,
                                    add_format_option, format_table, open_graph,
                                    print_error, print_json, run_main)

if TYPE_CHECKING:
    from careergraph.gap import StepGap
    from careergraph.career_graph import CareerGraph

WIDTH = 100
"""Text output is wrapped at this width."""

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
an unknown title."""

REACHABLE_SUMMARY = "List the roles a role leads to (or, with --reverse, the roles that lead to it)."
"""One sentence for ``careergraph --help``."""

REACHABLE_DESCRIPTION = """List the roles some sequence of moves leads to from a role (or, with
--reverse, the roles that lead to it), with the fewest moves to each."""

GAP_SUMMARY = "Show the skill gap of the move from one role to another."
"""One sentence for ``careergraph --help``."""

GAP_DESCRIPTION = """Show the skill gap of the move from one role to another: skills to gain
and to raise, responsibilities taken on, and the source of the move. When no
move links the two roles directly, the two roles are compared.

Each skill cites the passages its requirement comes from, and the move the
passages it comes from, by number ([1], [2], ...); the passages follow once
each under "Sources", with their section and quote."""

SCALE_NAMES = {1: "awareness", 2: "working knowledge", 3: "practitioner", 4: "advanced",
               5: "expert"}
"""Level names used when the graph gives none."""


# --- arguments ------------------------------------------------------------


def add_constraint_options(parser: argparse.ArgumentParser, *, via: bool = True,
                           weight: bool = True) -> None:
    """The options of a path question: --via, --avoid, --kinds, --track and --weight."""
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


def add_path_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``careergraph path``."""
    parser.add_argument("source", metavar="FROM",
                        help="the title (or IRI) of the role to start from")
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
    add_format_option(parser, ["text", "json", "md"], "text")
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
    add_format_option(parser, ["text", "json", "md"], "text")


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
    note = None
    if not args.all and len(found) < args.k:
        note = (f"Only {len(found)} path{' exists' if len(found) == 1 else 's exist'} from "
                f"{kg.label(source)} to {kg.label(target)}"
                f"{' with these constraints' if _constrained(constraints) else ''} "
                f"(asked for {args.k}).")
    if args.format == "json":
        from careergraph.gap import shared_sources

        print_json({**question_json(kg, source, target, constraints),
                    "asked": None if args.all else args.k, "capped": capped,
                    **({"note": note} if note else {}),
                    "shared_sources": list(shared_sources([step for _, steps in results
                                                           for step in steps])),
                    "paths": [path_json(kg, p, s) for p, s in results]})
        return EXIT_OK
    markdown = args.format == "md"
    print(format_paths(kg, results, weighed=args.weight == "gap", markdown=markdown))
    if capped:
        print(f"\nStopped at --cap {args.cap}: there may be more paths of at most "
              f"{args.cutoff} moves.")
    if note:
        print(f"\n{md_text(note) if markdown else note}")
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
    """``careergraph reachable``."""
    from careergraph import paths
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
    print(format_table([{**row, "by": row["last_move"], "through": _through_text(row["through"]),
                         "seniority": "-" if row["seniority"] is None else row["seniority"]}
                        for row in rows], ["moves", "role", "seniority", "track", "by", "through"]))
    print()
    print("by: the kind of the last move; through: the roles between, on one shortest way")
    if any(row["seniority"] is None for row in rows):
        print("seniority -: a role in no ladder (such as an exit target beyond the top rung)")
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
    markdown = args.format == "md"
    if not direct:
        message = (f"No move leads directly from {step.from_label} to {step.to_label}: this "
                   f"compares the two roles ('careergraph path' finds the moves).")
        print(md_text(message) if markdown else message)
        print()
    print(format_step(step, scale(kg), markdown=markdown))
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


# --- helpers shared with careergraph.cli.plan ----------------------------------


def resolve(kg: CareerGraph, title: str) -> str:
    """The role IRI of a title (RoleNotFound with suggestions when unknown)."""
    from careergraph.names import TitleIndex

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
                            "via": (None if constraints.get("via") is None
                                    else name(constraints["via"])),
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


class Footnotes:
    """Source passages numbered in the order an output first cites them, listed once at its end.

    Examples
    --------
    >>> notes = Footnotes()
    >>> first = {"iri": "p1", "section": "1. APM", "quote": "APMs learn."}
    >>> notes.cite([first]), notes.cite([{"iri": "p2", "section": None, "quote": "More."}, first])
    ('[1]', '[1, 2]')
    >>> print(notes.text())
    Sources
      [1] 1. APM: "APMs learn."
      [2] "More."
    """

    def __init__(self) -> None:
        self.passages: dict[str, Mapping[str, Any]] = {}

    def numbers(self, passages: Sequence[Mapping[str, Any]]) -> list[int]:
        """The numbers of ``passages``, numbering those not cited before."""
        numbers = []
        for passage in passages:
            iri = passage.get("iri") or passage.get("quote") or ""
            if iri not in self.passages:
                self.passages[iri] = passage
            numbers.append(list(self.passages).index(iri) + 1)
        return sorted(set(numbers))

    def cite(self, passages: Sequence[Mapping[str, Any]], *, markdown: bool = False) -> str:
        """The markers of ``passages``: ``[1, 2]`` (escaped for Markdown), empty for none."""
        from careergraph.cli.describe import markers, md_markers

        numbers = self.numbers(passages)
        return md_markers(numbers) if markdown else markers(numbers)

    def text(self) -> str:
        """The passages cited so far, one each, under the heading ``Sources`` (empty for none)."""
        from careergraph.cli.describe import passage_text

        if not self.passages:
            return ""
        lines = ["Sources"]
        for number, (iri, p) in enumerate(self.passages.items(), start=1):
            lines.append(_wrap(passage_text(p.get("section"), p.get("quote"), iri),
                               f"  [{number}] ", " " * len(f"  [{number}] ")))
        return "\n".join(lines)

    def markdown(self) -> str:
        """The passages cited so far as a Markdown section ``## Sources`` (empty for none)."""
        from careergraph.cli.describe import md_passage

        if not self.passages:
            return ""
        return "\n".join(["## Sources", ""] + [
            f"{number}. {md_passage(p.get('section'), p.get('quote'), iri)}"
            for number, (iri, p) in enumerate(self.passages.items(), start=1)])


def md_text(text: str) -> str:
    """Plain text escaped for Markdown (see :func:`careergraph.cli.describe.md_escape`)."""
    from careergraph.cli.describe import md_escape

    return md_escape(text)


def format_paths(kg: CareerGraph, results: Sequence[tuple[Sequence[str], Sequence[StepGap]]],
                 *, weighed: bool = False, markdown: bool = False) -> str:
    """Paths as arrows, each with its steps' gaps underneath, then the source passages.

    Each skill and each move cites its passages by number; a passage that
    every move (of every path shown) cites is named once, on the line
    ``Every move:`` (under the first path's summary, or after the paths when
    there are several), and not under each move. ``markdown`` gives Markdown
    (headings, tables, escaped data) instead of plain text.
    """
    from careergraph.gap import shared_sources

    names = scale(kg)
    notes = Footnotes()
    shared = shared_sources([step for _, steps in results for step in steps])
    shared_iris = frozenset(p["iri"] for p in shared)
    every = ""
    if shared:
        every = f"Every move: {notes.cite(shared, markdown=markdown)}"
    blocks = []
    for number, (path, steps) in enumerate(results, start=1):
        moves = len(path) - 1
        summary = f"{moves} move{'' if moves == 1 else 's'}"
        if weighed or len(results) > 1:
            summary += f", skill gap {sum(s.cost for s in steps)} levels"
        lines = []
        if markdown:
            title = " → ".join(md_text(kg.label(role)) for role in path)
            lines += [f"## Path {number} of {len(results)}: {title}" if len(results) > 1
                      else f"## {title}", "", summary]
        else:
            if len(results) > 1:
                lines.append(f"Path {number} of {len(results)}")
            lines += [" -> ".join(kg.label(role) for role in path), summary]
        if every and len(results) == 1:
            lines += ["", every] if markdown else [every]
        for index, step in enumerate(steps, start=1):
            lines += ["", format_step(step, names, number=index, notes=notes, shared=shared_iris,
                                      markdown=markdown)]
        blocks.append("\n".join(lines).rstrip())
    if every and len(results) > 1:
        blocks.append(every)
    blocks.append(notes.markdown() if markdown else notes.text())
    return "\n\n".join(block for block in blocks if block)


def format_step(step: StepGap, names: Mapping[int, str], *, number: int | None = None,
                notes: Footnotes | None = None, shared: frozenset[str] = frozenset(),
                markdown: bool = False) -> str:
    """One move and its gap, indented, readable at a glance.

    Each skill ends with the markers of its requirement's passages, and the
    line ``source:`` gives the move's own passages but those in ``shared``
    (passages of every move, named once elsewhere). With ``notes``, the
    passages are numbered there and listed by the caller; without, the step
    lists them itself under ``Sources``. ``markdown`` gives Markdown instead
    of plain text.
    """
    own = notes is None
    notes = Footnotes() if notes is None else notes
    if markdown:
        text = _step_markdown(step, names, number, notes, shared)
        return text + ("\n\n" + notes.markdown() if own and notes.passages else "")
    kind = f"  [{step.kind}]" if step.kind else ""
    head = f"{number}. " if number is not None else ""
    lines = [f"  {head}{step.from_label} -> {step.to_label}{kind}"]
    pad = " " * (2 + (len(head) or 2))
    width = max([len(s.label) for s in (*step.gain, *step.raise_)] or [0])
    gains = [(f"{g.label:<{width}}  level {_level(g.level, names)}", g) for g in step.gain]
    raises = [(f"{r.label:<{width}}  {r.from_level} -> {_level(r.to_level, names)}", r)
              for r in step.raise_]
    for heading, items in (("skills to gain", gains), ("skills to raise", raises)):
        if not items:
            continue
        lines.append(f"{pad}{heading}:")
        what_width = max(len(what) for what, _ in items)
        detail_width = max(len(_detail(i.importance, i.category)) for _, i in items)
        for what, item in items:
            cited = notes.cite(item.sources)
            detail = _detail(item.importance, item.category)
            lines.append(f"{pad}  {what:<{what_width}}{detail:<{detail_width}}  {cited}".rstrip()
                         if cited else f"{pad}  {what:<{what_width}}{detail}".rstrip())
    if not step.gain and not step.raise_:
        lines.append(f"{pad}no skill to gain or raise")
    if step.responsibilities:
        lines.append(f"{pad}responsibilities taken on:")
        lines += [_wrap(r["label"], f"{pad}  - ", f"{pad}    ") for r in step.responsibilities]
    move_sources = [p for p in step.sources if p["iri"] not in shared]
    if move_sources:
        lines.append(f"{pad}source: {notes.cite(move_sources)}")
    if own and notes.passages:
        lines += ["", notes.text()]
    return "\n".join(lines)


def _step_markdown(step: StepGap, names: Mapping[int, str], number: int | None,
                   notes: Footnotes, shared: frozenset[str]) -> str:
    """One move and its gap in Markdown: a heading, a table of skills, the responsibilities."""
    from careergraph.cli.describe import md_table

    kind = f" ({md_text(step.kind)})" if step.kind else ""
    head = f"{number}. " if number is not None else ""
    lines = [f"### {head}{md_text(step.from_label)} → {md_text(step.to_label)}{kind}", ""]
    rows = [["gain", md_text(g.label), md_text(f"level {_level(g.level, names)}"),
             md_text(g.importance or ""), md_text(g.category or ""),
             notes.cite(g.sources, markdown=True)] for g in step.gain]
    rows += [["raise", md_text(r.label), md_text(f"{r.from_level} → {_level(r.to_level, names)}"),
              md_text(r.importance or ""), md_text(r.category or ""),
              notes.cite(r.sources, markdown=True)] for r in step.raise_]
    if rows:
        lines.append(md_table(rows, ["change", "skill", "level", "importance", "category",
                                     "sources"]))
    else:
        lines.append("No skill to gain or raise.")
    if step.responsibilities:
        lines += ["", "Responsibilities taken on:", ""]
        lines += [f"- {md_text(r['label'])}" for r in step.responsibilities]
    move_sources = [p for p in step.sources if p["iri"] not in shared]
    if move_sources:
        lines += ["", f"Source of the move: {notes.cite(move_sources, markdown=True)}"]
    return "\n".join(lines)


def family_main(module: str, commands: Mapping[str, Any], argv: Sequence[str] | None) -> int:
    """Run one of ``commands``, named by the first argument (``main`` of a family of commands)."""
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
