"""``careergraph ready`` and ``careergraph plan``: a person's profile against the graph.

A profile file (YAML or JSON; see :mod:`careergraph.profile` and
``ontology/examples/profile.yaml``) gives the current title and the skills
with their levels. ``ready`` ranks the roles by how ready the person is for
them (the share of their required skill levels held, discounted for roles the
graph says little about: see :func:`careergraph.gap.readiness`), with what is
missing and how many moves away each is; ``plan`` finds
the best path from the current role to a target and shows each step's gap
given what the person has (and gains on the way).

Each command is an object with ``DESCRIPTION``, ``add_arguments(parser)`` and
``run(args)`` (:data:`READY`, :data:`PLAN`); ``main(argv)`` takes the
command's name first, so the module also runs on its own::

    python -m careergraph.cli.plan ready ontology/examples/profile.yaml

Examples
--------
>>> from careergraph.resources import ontology_dir
>>> profile = str(ontology_dir() / "examples" / "profile.yaml")
>>> main(["ready", profile, "--top", "2"])  # doctest: +ELLIPSIS
Readiness of Alex Example (now Product Manager): the top 2 of ... roles with skill requirements
<BLANKLINE>
rank  role                    score  covered  requirements  met  moves
----  ----------------------  -----  -------  ------------  ---  -------
1     Product Manager ... current
2     Senior Product Manager ... 1
...
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.arguments import MAX_TOP, at_most
from careergraph.cli.extras import require_extra
from careergraph.cli.moves import (add_constraint_options, add_html_option, format_paths,
                                   no_answer, path_json, path_question, question_json, resolve,
                                   write_path_html)
from careergraph.cli.output import (EXIT_OK, add_data_option, add_format_option, family_main,
                                    format_table, open_graph, print_json)
from careergraph.cli.printing import show
from careergraph.cli.text import visible

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph
    from careergraph.gap import Readiness
    from careergraph.profile import Profile

READY_SUMMARY = "Rank the roles by how ready a profile is for them, so that thinly described roles do not win."
"""One sentence for ``careergraph --help``."""

READY_DESCRIPTION = """Rank the roles by how ready the person of a profile is for them: for each
role, its requirements and how many the person meets, the share of its
required skill levels they hold, how many moves it is from the current role,
and the skills still to gain or raise.

The ranking: each required level counts by importance (core 2, supporting 1);
"covered" is the share of them the person holds (a level held above the need
counts as the need). A role the graph says little about must not win on
coverage alone, so the score discounts it by its evidence:

    score = held / (required + prior)

where "required" is the role's weighted required levels and "prior" those of
the best-described role of the graph: each role is judged as if it also
asked for that much more that the profile does not show. Ties go to the role
fewer moves from the current role (unreachable roles last), then by title.
Roles without skill requirements are not ranked."""

PLAN_SUMMARY = "Plan the way from a profile's current role to a target role, with each move's gap."
"""One sentence for ``careergraph --help``."""

PLAN_DESCRIPTION = """Plan the way from the current role of a profile to a target role: the best
path, and for each move the skills to gain and raise given what the person
already has (and gains on the way), the responsibilities taken on and the
source of the move. Exit 1 when no path leads there (the message says why)."""


def add_ready_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph ready`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("profile", metavar="PROFILE", help="a profile file (.yaml, .yml or .json)")
    parser.add_argument("--top", type=at_most(MAX_TOP), default=10, metavar="N",
                        help=f"list the N best-covered roles (default 10, at most {MAX_TOP:,})")
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


def add_plan_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph plan`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("profile", metavar="PROFILE", help="a profile file (.yaml, .yml or .json)")
    parser.add_argument("--to", required=True, metavar="ROLE", dest="target",
                        help="the title (or IRI) of the role to reach")
    add_constraint_options(parser)
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")
    add_html_option(parser)


def run_ready(args: argparse.Namespace) -> int:
    """Run ``careergraph ready``: rank the roles by how ready the profile is for them.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_ready_arguments`.

    Returns
    -------
    int
        0.
    """
    from careergraph.gap import readiness
    from careergraph.profile import load_profile

    kg = open_graph(args, cache=True)
    profile = load_profile(args.profile, kg)
    ranked = readiness(kg, profile.skills, current=profile.role)
    top = ranked[:args.top]
    if args.format == "json":
        print_json({"profile": profile.to_dict(), "roles_ranked": len(ranked),
                    "roles": [{**r.to_dict(), "current": r.role == profile.role} for r in top]})
        return EXIT_OK
    show(format_readiness(kg, profile, top, len(ranked)))
    return EXIT_OK


def run_plan(args: argparse.Namespace) -> int:
    """Run ``careergraph plan``: the best path from the profile's role to a target, with its gaps.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_plan_arguments`.

    Returns
    -------
    int
        0 with a path, 1 when there is none.
    """
    from careergraph import paths
    from careergraph.errors import DataFileError, NoPath
    from careergraph.gap import path_gap
    from careergraph.profile import load_profile

    if args.html is not None:
        require_extra("draw")
    kg = open_graph(args, cache=True)
    profile = load_profile(args.profile, kg)
    if profile.role is None:
        raise DataFileError(profile.path, "gives no current role ('current: TITLE'), which "
                                          "'careergraph plan' starts from")
    target = resolve(kg, args.target)
    graph, constraints = path_question(kg, args, profile.skills)
    try:
        path = paths.shortest_path(graph, profile.role, target, **constraints)
    except NoPath as error:
        return no_answer("careergraph plan", error, args.format)
    steps = path_gap(kg, path, have=profile.skills)
    if args.html is not None:
        write_path_html(kg, path, steps, args.html, "careergraph plan")
    if args.format == "json":
        print_json({"profile": profile.to_dict(),
                    **question_json(kg, profile.role, target, constraints),
                    "paths": [path_json(kg, path, steps)]})
        return EXIT_OK
    who = profile.name or profile.path
    show(visible(f"Plan for {who}: from {kg.label(profile.role)} to {kg.label(target)}, with the "
                 f"skills of {profile.path}", one_line=True))
    show()
    if len(path) == 1:
        show(visible(f"{who} is already {kg.label(target)}.", one_line=True))
        return EXIT_OK
    show(format_paths(kg, [(path, steps)], weighed=True))
    gains = {g.skill for step in steps for g in step.gain}
    raises = {r.skill for step in steps for r in step.raise_}
    show()
    show(f"In all: {len(gains)} skill{'' if len(gains) == 1 else 's'} to gain and "
          f"{len(raises)} to raise, {sum(step.cost for step in steps)} proficiency levels "
          f"over {len(steps)} move{'' if len(steps) == 1 else 's'}.")
    return EXIT_OK


READY = SimpleNamespace(SUMMARY=READY_SUMMARY, DESCRIPTION=READY_DESCRIPTION,
                        add_arguments=add_ready_arguments, run=run_ready)
"""The ``careergraph ready`` command."""
PLAN = SimpleNamespace(SUMMARY=PLAN_SUMMARY, DESCRIPTION=PLAN_DESCRIPTION,
                       add_arguments=add_plan_arguments, run=run_plan)
"""The ``careergraph plan`` command."""
COMMANDS = {"ready": READY, "plan": PLAN}
"""The commands of this module, by name."""


def format_readiness(kg: CareerGraph, profile: Profile, ranked: Sequence[Readiness],
                     total: int) -> str:
    """The ranked roles as a table (score, coverage, requirements, met, moves), then the gaps.

    Parameters
    ----------
    kg : CareerGraph
        The graph, for the current role's label.
    profile : Profile
        The person's profile.
    ranked : sequence of Readiness
        The roles shown, best first (:func:`careergraph.gap.readiness`).
    total : int
        How many roles were ranked in all.

    Returns
    -------
    str
        The heading, the table, how the score is made, and what is still to gain or raise.
    """
    who = profile.name or profile.path
    now = f" (now {kg.label(profile.role)})" if profile.role else ""
    lines = [f"Readiness of {who}{now}: the top {len(ranked)} of {total} roles with skill "
             "requirements", ""]
    names = _role_names(kg, ranked)
    rows = [{"rank": rank, "role": names[r.role], "score": f"{r.score:.2f}",
             "covered": f"{r.covered:.0%}", "requirements": r.required, "met": r.met,
             "moves": _moves_text(profile, r)}
            for rank, r in enumerate(ranked, start=1)]
    lines.append(format_table(rows, ["rank", "role", "score", "covered", "requirements", "met",
                                     "moves"]))
    if ranked:
        prior = ranked[0].prior
        lines += ["", _wrap_text(
            f"covered = held / required, score = held / (required + {prior:g}): the required "
            "skill levels, each counted by importance (core 2, supporting 1), and the part of "
            f"them held; {prior:g}, the levels of the best-described role, keeps a role the "
            "graph says little about from winning on coverage alone. Ties go to the nearer role.")]
    missing = [r for r in ranked if r.gain or r.raise_]
    if missing:
        lines += ["", "Still to gain or raise"]
    for rank, role in enumerate(ranked, start=1):
        if not (role.gain or role.raise_):
            continue
        lines.append(f"{rank:>2}. {names[role.role]}")
        if role.gain:
            lines.append(_wrap_items("to gain:  ", [f"{g.label} {g.level_name or g.level}" for g in role.gain]))
        if role.raise_:
            lines.append(_wrap_items("to raise: ", [
                f"{r.label} {r.from_level_name or r.from_level} -> {r.level_name or r.to_level}"
                for r in role.raise_]))
    return "\n".join(lines)


def _moves_text(profile: Profile, role: Readiness) -> str:
    """The moves column: ``current``, a number of moves, ``no path``, or empty (no current role)."""
    if profile.role is None:
        return ""
    if role.moves is None:
        return "no path"
    return "current" if role.moves == 0 else str(role.moves)


def _wrap_text(text: str, first: str = "", rest: str | None = None) -> str:
    import textwrap

    return textwrap.fill(text, width=100, initial_indent=first,
                         subsequent_indent=first if rest is None else rest,
                         break_on_hyphens=False, break_long_words=False)


def _wrap_items(head: str, items: Sequence[str]) -> str:
    """``head`` and the items, comma-separated, wrapped between items only, aligned under the first.

    Examples
    --------
    >>> print(_wrap_items("to gain:  ", [f"Skill number {n} 4" for n in range(6)]))
          to gain:  Skill number 0 4, Skill number 1 4, Skill number 2 4, Skill number 3 4,
                    Skill number 4 4, Skill number 5 4
    """
    glue = "\x00"  # holds each item together while wrapping
    text = _wrap_text(", ".join(item.replace(" ", glue) for item in items),
                      "      " + head.replace(" ", glue), " " * (6 + len(head)))
    return text.replace(glue, " ")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ready`` or ``plan``: the command's name first, then its arguments.

    Parameters
    ----------
    argv : sequence of str, optional
        The command's name and its arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 with an answer, 1 without a path, 2 for a mistake.
    """
    return family_main("careergraph.cli.plan", COMMANDS, argv)


def _role_names(kg: CareerGraph, ranked: Sequence[Readiness]) -> dict[str, str]:
    """Each role's title, or its ``LADDER:Title`` where two roles shown share a title."""
    from collections import Counter

    from careergraph.names import TitleIndex

    shared = Counter(r.label for r in ranked)
    titles = TitleIndex.for_graph(kg)
    return {r.role: titles.qualified(r.role) if shared[r.label] > 1 else r.label for r in ranked}


if __name__ == "__main__":
    raise SystemExit(main())

