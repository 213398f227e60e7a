"""``careergraph load FILES --store PATH``: fill a persistent store once, for graphs too big to parse each time.

Examples
--------
>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     main(["--store", os.path.join(tmp, "store"), "--no-prepare"])  # doctest: +ELLIPSIS
loaded ... triples (... derived) from 2 files into .../store in ... s
0
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import (EXIT_OK, add_format_option, print_json,
                                    progress_callback, run_main)

SUMMARY = "Load the built-in graph and FILES into a persistent store (Oxigraph), once."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Load the built-in graph and FILES into a persistent store (Oxigraph), once.

  careergraph load onet.ttl --store onet-store
  careergraph path "Data Scientists" "Chief Executives" --store onet-store

Every command then opens the store with --store PATH in a few milliseconds,
however big it is, instead of parsing the files again. The files are layered
like -d files (later files override single-valued facts of earlier ones) and
the derived move triples are stored too. The store is built in a new folder
beside PATH and moved into place at the end: an interrupted load leaves an
existing store as it was. A folder that is not a careergraph store is never
overwritten. 'oxigraph serve-read-only --location PATH' serves the store as
a SPARQL endpoint (then --endpoint URL).

Then it prepares what paths, gaps and title lookups need (the role graph of
roles and moves, the title index) into careergraph's cache, so that the
first command on the store answers as fast as every later one
(--no-prepare skips this; CAREERGRAPH_NO_CACHE=1 turns the cache off)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph load`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="Turtle, N-Triples, JSON-LD, a YAML ladder or a folder of ladder CSV "
                             "tables, layered over the built-in graph in this order")
    parser.add_argument("--store", required=True, metavar="PATH",
                        help="the store's folder (new, empty, or a careergraph store to replace)")
    parser.add_argument("--no-prepare", action="store_true",
                        help="do not prepare the role graph and the title index into the cache")
    add_format_option(parser, ["text", "json"], "text")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph load``: fill the store, then prepare its cache entry.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0.
    """
    from careergraph.load.into_store import build_store

    started = time.perf_counter()
    metadata = build_store(args.store, args.files, progress=progress_callback())
    seconds = time.perf_counter() - started
    prepared = None if args.no_prepare else prepare(args.store)
    if args.format == "json":
        print_json({**metadata, "path": str(args.store), "seconds": round(seconds, 3),
                    "prepared_seconds": None if prepared is None else round(prepared, 3)})
        return EXIT_OK
    count = len(metadata["layers"])
    print(f"loaded {metadata['triples']:,} triples ({metadata['derived']:,} derived) from "
          f"{count} file{'' if count == 1 else 's'} into {args.store} in {seconds:.1f} s")
    if prepared is not None:
        print(f"prepared the role graph and the title index for later commands in {prepared:.1f} s")
    return EXIT_OK


def prepare(store: str) -> float | None:
    """Build the store's cache entry now, so that the first command on it is as fast as the next.

    Parameters
    ----------
    store : str
        The store's folder.

    Returns
    -------
    float or None
        The seconds it took, or None when the cache is off.
    """
    from careergraph import cache
    from careergraph.session import open_graph

    if not cache.enabled():
        return None
    started = time.perf_counter()
    open_graph(store=store, cache=True)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph load`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0; 2 for a mistake.
    """
    return run_main("careergraph load", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
