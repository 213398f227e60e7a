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

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import (EXIT_OK, add_data_option, add_format_option, open_graph,
                                    print_json, run_main)
from careergraph.cli.printing import show
from careergraph.cli.text import format_outline, format_summary

SUMMARY = "Show what the graph holds and the ladder by seniority."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Show counts of roles, skills, requirements, responsibilities, transitions
and triples, and the ladder as an outline by seniority and track."""


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
    show(format_outline(summary))
    return EXIT_OK


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
