"""``careergraph ready`` and ``careergraph plan``: a person's profile against the graph.

A profile file (YAML or JSON; see :mod:`careergraph.profile` and
``ontology/examples/profile.yaml``) gives the current title and the skills
with their levels. ``ready`` ranks the roles by how much of their required
skill levels the person already has, with what is missing; ``plan`` finds
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
Readiness of Alex Example (now Product Manager): the top 2 of 9 roles ...
<BLANKLINE>
 1. Product Manager  94% covered, 9 of 11 skills met, current role
      to raise: Market understanding 2 -> 3, Process optimization 2 -> 3
 2. VP of Product    88% covered, 1 of 2 skills met, 3 moves away
      to raise: Leadership 3 -> 4
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from .output import EXIT_OK, add_data_option, add_format_option, open_graph, print_json
from .draw import add_html_option, write_path_html
from .paths import (positive_int, add_constraint_options, family_main, format_paths, no_answer,
                    path_json, path_question, question_json, resolve)

if TYPE_CHECKING:
    from careergraph.gap import Readiness
    from careergraph.profile import Profile

READY_DESCRIPTION = """Rank the roles by how much of their required skill levels the person of a
profile already has, with the skills still to gain or raise for each, and how
many moves each is from the current role."""

PLAN_DESCRIPTION = """Plan the way from the current role of a profile to a target role: the best
path, and for each move the skills to gain and raise given what the person
already has (and gains on the way), the responsibilities taken on and the
source of the move. Exit 1 when no path leads there (the message says why)."""


def add_ready_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``careergraph ready``."""
    parser.add_argument("profile", metavar="PROFILE", help="a profile file (.yaml, .yml or .json)")
    parser.add_argument("--top", type=positive_int, default=10, metavar="N",
                        help="list the N best-covered roles (default 10)")
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


def add_plan_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``careergraph plan``."""
    parser.add_argument("profile", metavar="PROFILE", help="a profile file (.yaml, .yml or .json)")
    parser.add_argument("--to", required=True, metavar="ROLE", dest="target",
                        help="the title (or IRI) of the role to reach")
    add_constraint_options(parser)
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")
    add_html_option(parser)


def run_ready(args: argparse.Namespace) -> int:
    """``careergraph ready``."""
    from careergraph.gap import readiness
    from careergraph.paths import reachable
    from careergraph.profile import load_profile
    from careergraph.project import role_graph

    kg = open_graph(args, cache=True)
    profile = load_profile(args.profile, kg)
    ranked = readiness(kg, profile.skills)
    moves = {} if profile.role is None else {profile.role: 0, **reachable(role_graph(kg), profile.role)}
    top = ranked[:args.top]
    if args.format == "json":
        print_json({"profile": profile.to_dict(), "roles_ranked": len(ranked),
                    "roles": [{**r.to_dict(), "current": r.role == profile.role,
                               "moves": moves.get(r.role)} for r in top]})
        return EXIT_OK
    print(format_readiness(kg, profile, top, len(ranked), moves))
    return EXIT_OK


def run_plan(args: argparse.Namespace) -> int:
    """``careergraph plan``."""
    from careergraph import paths
    from careergraph.errors import DataFileError, NoPath
    from careergraph.gap import path_gap
    from careergraph.profile import load_profile

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
    print(f"Plan for {who}: from {kg.label(profile.role)} to {kg.label(target)}, with the "
          f"skills of {profile.path}")
    print()
    if len(path) == 1:
        print(f"{who} is already {kg.label(target)}.")
        return EXIT_OK
    print(format_paths(kg, [(path, steps)], weighed=True))
    gains = {g.skill for step in steps for g in step.gain}
    raises = {r.skill for step in steps for r in step.raise_}
    print()
    print(f"In all: {len(gains)} skill{'' if len(gains) == 1 else 's'} to gain and "
          f"{len(raises)} to raise, {sum(step.cost for step in steps)} proficiency levels "
          f"over {len(steps)} move{'' if len(steps) == 1 else 's'}.")
    return EXIT_OK


READY = SimpleNamespace(DESCRIPTION=READY_DESCRIPTION, add_arguments=add_ready_arguments,
                        run=run_ready)
"""The ``careergraph ready`` command."""
PLAN = SimpleNamespace(DESCRIPTION=PLAN_DESCRIPTION, add_arguments=add_plan_arguments, run=run_plan)
"""The ``careergraph plan`` command."""
COMMANDS = {"ready": READY, "plan": PLAN}
"""The commands of this module, by name."""


def format_readiness(kg, profile: Profile, ranked: Sequence[Readiness], total: int,
                     moves: dict[str, int]) -> str:
    """The ranked roles, each with its coverage and what is missing underneath."""
    who = profile.name or profile.path
    now = f" (now {kg.label(profile.role)})" if profile.role else ""
    lines = [f"Readiness of {who}{now}: the top {len(ranked)} of {total} roles with skill "
             "requirements, by the share of their required skill levels already held", ""]
    width = max((len(r.label) for r in ranked), default=0)
    for rank, role in enumerate(ranked, start=1):
        where = ""
        if profile.role is not None:
            distance = moves.get(role.role)
            where = (", current role" if distance == 0 else
                     f", {distance} move{'' if distance == 1 else 's'} away" if distance else
                     ", no path from the current role")
        lines.append(f"{rank:>2}. {role.label:<{width}}  {role.covered:.0%} covered, "
                     f"{role.met} of {role.required} skills met{where}".rstrip())
        if role.gain:
            lines.append("      to gain:  " + ", ".join(f"{g.label} {g.level}" for g in role.gain))
        if role.raise_:
            lines.append("      to raise: " + ", ".join(
                f"{r.label} {r.from_level} -> {r.to_level}" for r in role.raise_))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ready`` or ``plan``: the command's name first, then its arguments."""
    return family_main("careergraph.cli.plan", COMMANDS, argv)


if __name__ == "__main__":
    raise SystemExit(main())
