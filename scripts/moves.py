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
from careergraph.cli.text import Footnotes, md_escape, md_table, visible, wrap

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
        The role graph (with gap costs for ``--weight gap``), and the
        constraints as keywords of :mod:`careergraph.paths`, titles resolved
        to IRIs.
    """
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


def path_json(kg: CareerGraph, path: Sequence[str], steps: Sequence[StepGap]) -> dict[str, Any]:
    """One path for JSON: role labels in order, IRIs, moves, total gap and the steps.

    Parameters
    ----------
    kg : CareerGraph
        The graph, for the roles' labels.
    path : sequence of str
        The role IRIs, in order.
    steps : sequence of StepGap
        The gap of each move (:func:`careergraph.gap.path_gap`).

    Returns
    -------
    dict
        ``roles``, ``iris``, ``moves``, ``gap`` and ``steps``.
    """
    return {"roles": [kg.label(role) for role in path], "iris": list(path),
            "moves": len(path) - 1, "gap": sum(step.cost for step in steps),
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
                 *, weighed: bool = False, markdown: bool = False) -> str:
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

    Returns
    -------
    str
        The paths, then the source passages.
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
            title = " → ".join(md_escape(kg.label(role)) for role in path)
            lines += [f"## Path {number} of {len(results)}: {title}" if len(results) > 1
                      else f"## {title}", "", summary]
        else:
            if len(results) > 1:
                lines.append(f"Path {number} of {len(results)}")
            lines += [" -> ".join(visible(kg.label(role), one_line=True) for role in path), summary]
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
    lists them itself under ``Sources``.

    Parameters
    ----------
    step : StepGap
        The move and its gap.
    names : mapping
        Proficiency level -> name (:func:`scale`).
    number : int, optional
        The move's number on its path.
    notes : Footnotes, optional
        Where the passages are numbered, shared with the rest of the output.
    shared : frozenset of str, optional
        IRIs of passages named once for every move, left out here.
    markdown : bool, optional
        Markdown instead of plain text.

    Returns
    -------
    str
        The move and its gap, indented.
    """
    own = notes is None
    notes = Footnotes() if notes is None else notes
    if markdown:
        text = _step_markdown(step, names, number, notes, shared)
        return text + ("\n\n" + notes.markdown() if own and notes.passages else "")
    kind = f"  [{step.kind}]" if step.kind else ""
    head = f"{number}. " if number is not None else ""
    ends = visible(f"{step.from_label} -> {step.to_label}", one_line=True)
    lines = [f"  {head}{ends}{kind}"]
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
        lines += [wrap(r["label"], f"{pad}  - ", f"{pad}    ", break_long_words=True)
                  for r in step.responsibilities]
    move_sources = [p for p in step.sources if p["iri"] not in shared]
    if move_sources:
        lines.append(f"{pad}source: {notes.cite(move_sources)}")
    if own and notes.passages:
        lines += ["", notes.text()]
    return "\n".join(lines)


def _step_markdown(step: StepGap, names: Mapping[int, str], number: int | None,
                   notes: Footnotes, shared: frozenset[str]) -> str:
    """One move and its gap in Markdown: a heading, a table of skills, the responsibilities."""
    kind = f" ({md_escape(step.kind)})" if step.kind else ""
    head = f"{number}. " if number is not None else ""
    lines = [f"### {head}{md_escape(step.from_label)} → {md_escape(step.to_label)}{kind}", ""]
    rows = [["gain", md_escape(g.label), md_escape(f"level {_level(g.level, names)}"),
             md_escape(g.importance or ""), md_escape(g.category or ""),
             notes.cite(g.sources, markdown=True)] for g in step.gain]
    rows += [["raise", md_escape(r.label), md_escape(f"{r.from_level} → {_level(r.to_level, names)}"),
              md_escape(r.importance or ""), md_escape(r.category or ""),
              notes.cite(r.sources, markdown=True)] for r in step.raise_]
    if rows:
        lines.append(md_table(rows, ["change", "skill", "level", "importance", "category",
                                     "sources"]))
    else:
        lines.append("No skill to gain or raise.")
    if step.responsibilities:
        lines += ["", "Responsibilities taken on:", ""]
        lines += [f"- {md_escape(r['label'])}" for r in step.responsibilities]
    move_sources = [p for p in step.sources if p["iri"] not in shared]
    if move_sources:
        lines += ["", f"Source of the move: {notes.cite(move_sources, markdown=True)}"]
    return "\n".join(lines)


def _level(level: int | None, names: Mapping[int, str]) -> str:
    """A level with its name: ``3 (practitioner)``."""
    if level is None:
        return "(not given)"
    return f"{level} ({names[level]})" if level in names else str(level)


def _detail(importance: str | None, category: str | None) -> str:
    """A skill's importance and category after two spaces, or empty."""
    parts = [p for p in (importance, category) if p]
    return f"  {', '.join(parts)}" if parts else ""


if __name__ == "__main__":  # `python scripts/moves.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module holds the path "
          "questions the careergraph commands share and is not a command itself; see "
          "'careergraph --help'", file=sys.stderr)
    raise SystemExit(2)
