"""``careergraph draw VIEW``: the graph as an interactive HTML page that opens offline anywhere.

The views are built by :mod:`careergraph.views`; this module parses the
command line, writes the page (``output/VIEW.html`` by default, or
``--out PATH``) and prints the path it wrote. ``--svg PATH`` and ``--png
PATH`` also save a static picture drawn by Graphviz's ``dot`` (no browser);
``--screenshot PATH`` a picture of the page taken by headless Chromium.

Examples
--------
>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = os.path.join(tmp, "ladder.html")
...     code = main(["ladder", "--out", out])  # doctest: +ELLIPSIS
...     code, os.path.exists(out)
/.../ladder.html
(0, True)
>>> main(["role", "Senoir PM"])  # stderr: unknown role 'Senoir PM'; did you mean Senior Product Manager?
2
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.extras import require_extra
from careergraph.cli.moves import add_constraint_options, no_answer
from careergraph.cli.output import EXIT_OK, add_data_option, open_graph, run_main
from careergraph.cli.printing import show

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph
    from careergraph.views import View

SUMMARY = "Draw the graph as an interactive HTML page that opens offline in any browser."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Draw the graph as an interactive HTML page that opens offline in any browser.

views:
  ladder          every role by seniority and track, each kind of move in its own line style
  role ROLE       one role: its skills (level in the box), responsibilities and moves
  path FROM TO    the ladder with the best path highlighted and each step's skills to gain
  skills          skills against roles in order of seniority, with each role's skill mix
  query QUERY     the graph a SPARQL CONSTRUCT query returns (text, .rq file or query name)

The page is written to output/VIEW.html (or --out PATH) and its path printed.
Every page is self-contained: no request leaves the machine when it opens.
--svg PATH / --png PATH also save a static picture for slides and docs, drawn
by Graphviz's dot with the same layered layout (needs dot: apt-get install
graphviz; every view but skills). --screenshot PATH saves a picture of the
interactive page (needs Chromium or Google Chrome).
Needs the draw extra: pip install 'careergraph[draw]'.
Exit 0 when drawn, 1 when no path leads from FROM to TO, 2 for a mistake."""

NO_STATIC_PICTURE = ("skills",)
"""The views that are a matrix rather than a graph: no --svg or --png, only --screenshot."""

VIEW_HELP = {
    "ladder": "every role by seniority and track, each kind of move in its own line style",
    "role": "one role: its skills, responsibilities and the moves into and out of it",
    "path": "the ladder with the best path highlighted and each step's skills to gain",
    "skills": "skills against roles in order of seniority, with each role's skill mix",
    "query": "the graph a SPARQL CONSTRUCT query returns",
}
"""One line of help per view."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the views of ``careergraph draw``, each with its arguments, to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser; each view becomes a subcommand of it.
    """
    views = parser.add_subparsers(dest="view", metavar="VIEW", required=True)
    subs = {name: views.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
            for name, text in VIEW_HELP.items()}
    subs["role"].add_argument("role", metavar="ROLE", help="any title of the role, or its IRI")
    subs["role"].add_argument("--all", action="store_true",
                              help="show every required skill, not only the most important ones")
    subs["path"].add_argument("source", metavar="FROM", help="the title (or IRI) of the role to start from")
    subs["path"].add_argument("target", metavar="TO", help="the title (or IRI) of the role to reach")
    add_constraint_options(subs["path"])
    subs["query"].add_argument("query", metavar="QUERY",
                               help="a SPARQL CONSTRUCT query: its text, a .rq file, or a query name")
    subs["query"].add_argument("--title", help="the page's title (default: the query's # Title:)")
    for name, sub in subs.items():
        add_output_options(sub, name)
        add_data_option(sub)


def add_output_options(parser: argparse.ArgumentParser, view: str) -> None:
    """Add ``--out PATH``, ``--svg PATH``, ``--png PATH`` and ``--screenshot PATH`` to the parser of one view.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The view's parser.
    view : str
        The view's name, for the default page ``output/VIEW.html``.
    """
    parser.add_argument("--out", metavar="PATH", type=Path,
                        help=f"where to write the page (default: output/{view}.html)")
    parser.add_argument("--svg", metavar="PATH", type=Path,
                        help="also save a static picture as SVG, drawn by Graphviz (needs dot)")
    parser.add_argument("--png", metavar="PATH", type=Path,
                        help="also save a static picture as PNG, drawn by Graphviz (needs dot)")
    parser.add_argument("--screenshot", metavar="PATH", type=Path,
                        help="also save a picture of the interactive page as PNG (needs Chromium)")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph draw``: build the view, write the page (and the picture), print where.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0 when drawn, 1 when no path leads from FROM to TO.
    """
    require_extra("draw")
    from careergraph import views
    from careergraph.errors import CareerGraphError, NoPath

    pictures = [(path, kind) for path, kind in ((args.svg, "svg"), (args.png, "png"),
                                                (args.screenshot, "screenshot")) if path is not None]
    if any(kind != "screenshot" for _, kind in pictures):
        if args.view in NO_STATIC_PICTURE:
            raise CareerGraphError(f"draw {args.view} is a matrix, not a graph: it has no --svg or --png "
                                   "picture; --screenshot PATH takes a picture of its page")
        from careergraph.views.static import find_dot

        find_dot()  # fail before any work when the picture cannot be drawn
    if args.screenshot is not None:
        views.find_chromium()
    kg = open_graph(args, cache=True)
    try:
        view = build(kg, args)
    except NoPath as error:
        return no_answer("careergraph draw", error, "text")
    show(view.write(args.out or Path("output") / f"{args.view}.html"))
    save = {"svg": view.save_svg, "png": view.save_png, "screenshot": view.save_screenshot}
    for path, kind in pictures:
        show(save[kind](path))
    return EXIT_OK


def build(kg: CareerGraph, args: argparse.Namespace) -> View:
    """The view the arguments ask for.

    Parameters
    ----------
    kg : CareerGraph
        The graph to draw.
    args : argparse.Namespace
        The arguments of :func:`add_arguments` (``view`` and its own).

    Returns
    -------
    careergraph.views.View
        The view, ready to write.
    """
    from careergraph import views

    if args.view == "ladder":
        return views.ladder_view(kg)
    if args.view == "role":
        return views.role_view(kg, args.role, all_requirements=args.all)
    if args.view == "path":
        return views.path_view(kg, args.source, args.target, via=args.via, avoid=args.avoid,
                               kinds=args.kinds, track=args.track, weight=args.weight)
    if args.view == "skills":
        return views.skills_view(kg)
    return views.query_view(kg, args.query, title=args.title)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph draw`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The view and its arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 when drawn, 1 without a path, 2 for a mistake.
    """
    return run_main("careergraph draw", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
