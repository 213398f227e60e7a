"""``careergraph info``: what the graph holds, and the ladder by seniority.

Examples
--------
>>> main([])  # doctest: +ELLIPSIS
careergraph: 11 roles, ... skills, ... requirements, ... responsibilities, 11 transitions, ...
...
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import (EXIT_OK, add_data_option, add_format_option,
                                    open_graph, print_json, run_main)

if TYPE_CHECKING:
    from careergraph.summary import Summary

SUMMARY = "Show what the graph holds and the ladder by seniority."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Show counts of roles, skills, requirements, responsibilities, transitions
and triples, and the ladder as an outline by seniority and track."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


def run(args: argparse.Namespace) -> int:
    from careergraph.summary import summarize

    kg = open_graph(args)
    summary = summarize(kg)
    if args.format == "json":
        print_json({**summary.to_dict(), "files": [layer.name for layer in kg.layers]})
        return EXIT_OK
    print(format_summary(summary))
    print("files: " + ", ".join(layer.name for layer in kg.layers))
    print()
    print(format_outline(summary))
    return EXIT_OK


def format_summary(summary: Summary) -> str:
    """The counts as one line."""
    return "careergraph: " + ", ".join(f"{count:,} {name}" for name, count in summary.counts.items())


def format_outline(summary: Summary) -> str:
    """The roles by seniority, each with its track, other titles, entries and moves out.

    Roles with no seniority (in no ladder, such as exit targets) follow under their own
    heading, with ``-`` for the missing rung.
    """
    lines = ["Roles by seniority"]
    width = max((len(role.label) for role in summary.roles), default=0)
    for role in summary.roles:
        if role.seniority is None and "Outside the ladder" not in lines:
            lines.append("Outside the ladder")
        level = "-" if role.seniority is None else str(role.seniority)
        track = f"[{role.track or 'no track'}]"
        also = f"  also: {', '.join(role.alt_labels)}" if role.alt_labels else ""
        lines.append(f"  {level:>2}  {role.label:<{width}}  {track}{also}".rstrip())
        lines += [f"      {kind} from outside the ladder" for kind in role.entries]
        lines += [f"      {kind} -> {target}" for kind, target in role.moves]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main("careergraph info", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
