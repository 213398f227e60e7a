"""``careergraph serve``: a read-only SPARQL endpoint and a query page over the graph.

Examples
--------
>>> main(["--port", "99999"])
2
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import EXIT_OK, add_data_option, open_graph, run_main
from careergraph.cli.arguments import MAX_SECONDS, positive
from careergraph.cli.extras import require_extra

SUMMARY = "Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page.

  careergraph serve                      # http://127.0.0.1:8000/
  careergraph serve --port 0 -d acme.ttl # a free port; the URL is printed

GET or POST /sparql answers SPARQL queries (JSON, XML, CSV, TSV for SELECT
and ASK; Turtle, N-Triples, JSON-LD for CONSTRUCT and DESCRIBE, by the Accept
header). GET /queries lists the named queries; GET /queries/NAME?PARAM=VALUE
runs one. GET / is a page to type or pick a query and see the table.

Read-only: updates are answered 403; LOAD, SERVICE and FROM 400. Each query
is parsed and run in a child process stopped after --timeout seconds (503);
answers over --max-rows rows, or over --max-bytes bytes, are cut to the rows
that fit and carry the header X-Careergraph-Truncated: true (with
X-Careergraph-Row-Limit or X-Careergraph-Byte-Limit). Bodies over 64 KiB are
refused (413), and so are query strings in the URL (414). A request must
arrive whole within 10 s; idle connections are closed after 5 s.
Ctrl-C or SIGTERM stops the server. Needs the serve extra: pip install
'careergraph[serve]'."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph serve`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=_port, default=8000,
                        help="the port (default: 8000; 0 picks a free port)")
    parser.add_argument("--timeout", type=positive(float, MAX_SECONDS), default=10.0, metavar="SECONDS",
                        help="stop a query, parsing included, after SECONDS (default: 10)")
    parser.add_argument("--max-rows", type=positive(int), default=10_000, metavar="N",
                        help="cut answers to N rows or triples (default: 10000)")
    parser.add_argument("--max-bytes", type=positive(int), default=8 * 1024 * 1024, metavar="BYTES",
                        help="cut answers to the rows that fit in BYTES (default: 8388608, 8 MiB)")
    parser.add_argument("--log-requests", action="store_true", help="log every request on stderr")
    add_data_option(parser)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: '{text}'") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0-65535, not {port}")
    return port


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph serve``: serve the graph until stopped (Ctrl-C or SIGTERM).

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0 once stopped.
    """
    require_extra("serve")
    from careergraph.server import serve

    kg = open_graph(args, timeout=args.timeout)

    def ready(url: str) -> None:
        print(f"careergraph: serving {len(kg):,} triples at {url} (SPARQL endpoint: {url}sparql); "
              "Ctrl-C stops", flush=True)

    serve(kg, args.host, args.port, on_ready=ready, timeout=args.timeout, max_rows=args.max_rows,
          max_bytes=args.max_bytes, log_level="info" if args.log_requests else "warning")
    print("careergraph: stopped", flush=True)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph serve`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 once stopped; 2 for a mistake.
    """
    return run_main("careergraph serve", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
