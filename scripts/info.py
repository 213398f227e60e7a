"""``careergraph info``: what the graph holds, its ladders, and the roles by seniority.

Each ladder is listed with its short name and title, its roles and tracks,
its grades and level bands in order, its own proficiency scale (each level
with the common 1-5 level it maps onto), and how many experience ranges,
spans of control, equivalences and track switches it states.

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

from careergraph.cli.output import (EXIT_OK, add_data_option, add_format_option, open_graph,
                                    print_json, run_main)
from careergraph.cli.printing import show
from careergraph.cli.text import format_outline, format_summary, visible, wrap

if TYPE_CHECKING:
    from careergraph.summary import Summary

SUMMARY = "Show what the graph holds and the ladder by seniority."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Show counts of roles, skills, requirements, responsibilities, transitions
and triples; each ladder with its short name (LADDER of LADDER:Title), roles,
tracks, grades and level bands in order, its own proficiency scale (levels in
order with the common 1-5 level each maps onto), and how many experience
ranges, spans of control, equivalences (across ladders and within) and track
switches it states; and the roles as an outline by seniority and track."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph info`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph info``: print the counts, the files and the ladder by seniority.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0.
    """
    from careergraph.summary import summarize

    kg = open_graph(args)
    summary = summarize(kg)
    if args.format == "json":
        print_json({**summary.to_dict(), "files": [layer.name for layer in kg.layers]})
        return EXIT_OK
    show(format_summary(summary))
    show("files: " + ", ".join(layer.name for layer in kg.layers))
    show()
    if summary.ladders:
        show(format_ladders(summary))
        show()
    show(format_outline(summary))
    return EXIT_OK


def format_ladders(summary: Summary) -> str:
    """The ladders of a summary: names, roles, levels, scale and the counts of the model's facts.

    Parameters
    ----------
    summary : careergraph.summary.Summary
        What :func:`careergraph.summary.summarize` found.

    Returns
    -------
    str
        One block per ladder, headed ``Ladders (N)``.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> from careergraph.summary import summarize
    >>> print(format_ladders(summarize(load_graph())))  # doctest: +NORMALIZE_WHITESPACE
    Ladders (1)
      pm  Product management career ladder
        roles: 8; tracks: executive, individual contributor, management
        grades: none given
        level bands: none given
        proficiency scale: the common 1-5 scale
        experience ranges: 0; spans of control: 0; track switches: 0
        equivalences: 0 across ladders, 0 within
    """
    def line(text: str) -> str:
        return visible(text, one_line=True)

    lines = [f"Ladders ({len(summary.ladders)})"]
    for ladder in summary.ladders:
        lines.append(line(f"  {ladder.notation or '(no short name)'}  {ladder.title}"))
        lines.append(line(f"    roles: {ladder.roles}; tracks: "
                          f"{', '.join(ladder.tracks) or 'none given'}"))
        grades = ", ".join(f"{code} {title}" if title else code for code, title in ladder.grades)
        lines.append(wrap(line(f"grades: {grades or 'none given'}"), "    ", "      "))
        lines.append(wrap(line(f"level bands: {', '.join(ladder.bands) or 'none given'}"),
                          "    ", "      "))
        if ladder.scale is None:
            lines.append("    proficiency scale: the common 1-5 scale")
        else:
            lines.append(line(f"    proficiency scale: {ladder.scale.label} "
                              f"({len(ladder.scale.levels)} levels)"))
            width = max(len(line(level.name)) for level in ladder.scale.levels) \
                if ladder.scale.levels else 0
            for level in ladder.scale.levels:
                order = "-" if level.order is None else str(level.order)
                common = "not given" if level.common is None else str(level.common)
                lines.append(f"      {order:>2}  {line(level.name):<{width}}  common level {common}")
        lines.append(f"    experience ranges: {ladder.experience_ranges}; spans of control: "
                     f"{ladder.spans}; track switches: {ladder.track_switches}")
        lines.append(f"    equivalences: {ladder.equivalences_across} across ladders, "
                     f"{ladder.equivalences_within} within")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph info`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0; 2 for a mistake.
    """
    return run_main("careergraph info", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
