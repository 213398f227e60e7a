"""``careergraph build``: the main job, from data to answers, in one command.

Loads and validates the graph (stopping with exit 1 on violations), prints
what it holds and the ladder, answers a sample SPARQL query and a sample path
query (with each step's skill gap).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.extras import missing_extra
from careergraph.cli.moves import format_paths
from careergraph.cli.output import (EXIT_NEGATIVE, EXIT_OK, add_data_option, format_table,
                                    open_graph, run_main)
from careergraph.cli.printing import show
from careergraph.cli.text import format_outline, format_summary, visible

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

SUMMARY = "Build, validate and show the graph: the main job of careergraph."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Build, validate and show the graph: the main job of careergraph.

Validates the built-in graph and the -d files (exit 1 on violations), prints
the counts and the ladder by seniority, answers the named SPARQL query
'ladder' and the path question from Associate Product Manager to Chief
Product Officer as samples, and writes the ladder, skills, path and role
pages into output/ (--out-dir); without the draw extra (pip install
'careergraph[draw]') it says so instead of writing them."""

SAMPLE_QUERY = "ladder"
SAMPLE_PATH = ("Associate Product Manager", "Chief Product Officer")
SAMPLE_ROLE = "Product Manager"
SAMPLE_LADDER = "pm"
"""The samples are roles of the built-in ladder, named ``pm:Title`` so that a -d ladder with the
same titles (or ``--ladder``) leaves them as they are."""


def _built_in(title: str) -> str:
    """A sample title, qualified by the built-in ladder (``pm:Product Manager``)."""
    return f"{SAMPLE_LADDER}:{title}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph build`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    add_data_option(parser)
    parser.add_argument("--out-dir", default="output", metavar="DIR",
                        help="where to write the HTML pages (default: output)")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph build``: validate the graph, show what it holds, answer the samples, write the pages.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0 when the graph is valid, 1 on violations.
    """
    from careergraph.sparql.queries import named_queries, select
    from careergraph.summary import summarize
    from careergraph.validate import validate

    kg = open_graph(args)
    report = validate(kg)
    show(f"== Validate: {len(report.files)} files, {report.triples:,} triples")
    for finding in report.findings:
        show(visible(f"{finding.file or '<derived>'}: {finding.severity}: {finding.focus_label}: "
                     f"{finding.message}", one_line=True))
    if not report.conforms:
        show(f"failed: {report.count('violation')} violations; fix them and run again")
        return EXIT_NEGATIVE
    show(f"ok: no violations, {report.count('warning')} warnings")
    show()
    summary = summarize(kg)
    show("== " + format_summary(summary))
    show(format_outline(summary))
    show()
    query = named_queries()[SAMPLE_QUERY]
    show(f"== Sample SPARQL query '{query.name}': {query.title}")
    rows = select(kg, query.name)
    show(format_table(rows, ["seniority", "role", "track", "alsoCalled"]))
    show()
    show(f"== Sample path query: {SAMPLE_PATH[0]} -> {SAMPLE_PATH[1]}")
    show(_sample_path(kg))
    show()
    not_drawn = missing_extra("draw")
    if not_drawn:  # the core install: everything but the pages
        show(f"== HTML pages: not written: {not_drawn}")
        return EXIT_OK
    show(f"== HTML pages in {args.out_dir}/ (open them in a browser)")
    for written in _write_pages(kg, Path(args.out_dir)):
        show(written)
    return EXIT_OK


def _write_pages(kg: CareerGraph, folder: Path) -> list[Path]:
    """The ladder, skills, sample path and sample role views, written into ``folder``."""
    from careergraph.views import ladder_view, path_view, role_view, skills_view

    views = {
        "ladder.html": ladder_view(kg),
        "skills.html": skills_view(kg),
        "path.html": path_view(kg, *map(_built_in, SAMPLE_PATH)),
        "role.html": role_view(kg, _built_in(SAMPLE_ROLE)),
    }
    return [view.write(folder / name) for name, view in views.items()]


def _sample_path(kg: CareerGraph) -> str:
    """The sample path question's answer, with each step's gap."""
    from careergraph.gap import path_gap
    from careergraph.paths import shortest_path
    from careergraph.project import role_graph
    from careergraph.names import TitleIndex

    titles = TitleIndex.for_graph(kg)
    source, target = (titles.resolve(_built_in(title)) for title in SAMPLE_PATH)
    path = shortest_path(role_graph(kg), source, target)
    return format_paths(kg, [(path, path_gap(kg, path))])


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph build`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 when the graph is valid, 1 on violations; 2 for a mistake.
    """
    return run_main("careergraph build", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
