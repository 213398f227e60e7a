"""``careergraph export``: write the loaded graph for other tools.

Examples
--------
>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as tmp:
...     main(["--format", "nt", "--out", os.path.join(tmp, "all.nt")])  # doctest: +ELLIPSIS
wrote .../all.nt: N-Triples, ... triples
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import EXIT_OK, add_data_option, open_graph, run_main
from careergraph.cli.printing import show

SUMMARY = "Export the loaded graph (the built-in graph and the -d files)."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Export the loaded graph (the built-in graph and the -d files).

  ttl, nt, jsonld              the whole RDF graph (Turtle, N-Triples, JSON-LD)
  graphml, gexf, cytoscape     the role graph with the role-skill graph: roles and
                               skills as nodes, moves and requirements as edges,
                               with their attributes (GraphML and GEXF hold lists
                               as "; "-joined text and sources as JSON text;
                               cytoscape is Cytoscape.js JSON)
  csv                          the same graph as a zip of nodes.csv and edges.csv

Without --format, the ending of --out names it (.ttl .nt .jsonld .graphml .gexf
.cyjs .zip). The file is written whole or not at all.

csv is spreadsheet-safe by default: a cell a spreadsheet would run as a
formula (one starting with = + - @, a tab or a carriage return; numbers are
left as they are) is written with a leading ' (--no-csv-safe: as it is)."""

_NAMES = {"ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "graphml": "GraphML",
          "gexf": "GEXF", "cytoscape": "Cytoscape.js JSON", "csv": "CSV (zip)"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph export`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    from careergraph.export import FORMATS

    parser.add_argument("--format", choices=list(FORMATS), default=None,
                        help="output format (default: from the ending of --out)")
    parser.add_argument("--out", "-o", required=True, metavar="FILE", help="the file to write")
    parser.add_argument("--csv-safe", action=argparse.BooleanOptionalAction, default=True,
                        help="with csv: prefix with ' each cell a spreadsheet would run as a "
                             "formula (default: on)")
    add_data_option(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph export``: write the loaded graph in the format asked for.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0.
    """
    from careergraph.export import export, format_for
    fmt = args.format or format_for(args.out)
    done = export(open_graph(args), fmt, args.out, csv_safe=args.csv_safe)
    if done.triples is not None:
        show(f"wrote {done.path}: {_NAMES[fmt]}, {done.triples:,} triples")
    else:
        show(f"wrote {done.path}: {_NAMES[fmt]}, {done.nodes:,} nodes (roles and skills), "
              f"{done.edges:,} edges (moves and requirements)")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph export`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0; 2 for a mistake.
    """
    return run_main("careergraph export", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
