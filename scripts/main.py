"""``careergraph``: the one console command, dispatching to one module per command family.

Examples
--------
>>> main(["--version"])
careergraph 0.1.0
0
>>> main(["frobnicate"])
2
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph import __version__
from careergraph.cli.arguments import UsageError, make_parser
from careergraph.cli.output import EXIT_USAGE, guarded, print_usage_error

COMMANDS: dict[str, str] = {
    "build": "careergraph.cli.build",
    "validate": "careergraph.cli.validate",
    "info": "careergraph.cli.info",
    "describe": "careergraph.cli.describe",
    "query": "careergraph.cli.query",
    "serve": "careergraph.cli.serve",
    "path": "careergraph.cli.paths:PATH",
    "reachable": "careergraph.cli.paths:REACHABLE",
    "gap": "careergraph.cli.paths:GAP",
    "ready": "careergraph.cli.plan:READY",
    "plan": "careergraph.cli.plan:PLAN",
    "draw": "careergraph.cli.draw",
    "import": "careergraph.cli.imports",
    "compare": "careergraph.cli.compare",
    "crosswalk": "careergraph.cli.crosswalk",
    "export": "careergraph.cli.export",
    "load": "careergraph.cli.load",
}
"""Subcommand name -> module (or ``module:object``, for a module of several commands)
with ``SUMMARY`` (optional), ``DESCRIPTION``, ``add_arguments`` and ``run``."""


def summary(command: object) -> str:
    """The one-sentence help of a command in ``careergraph --help``.

    Its ``SUMMARY`` when it has one, else the first sentence of its
    ``DESCRIPTION`` (the first paragraph, lines joined, up to the first full
    stop that ends a sentence).

    Parameters
    ----------
    command : module or object
        A command, as named in :data:`COMMANDS`.

    Returns
    -------
    str
        One sentence, ending with a full stop.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> summary(SimpleNamespace(SUMMARY="Say hello.", DESCRIPTION="Say hello to the world."))
    'Say hello.'
    >>> summary(SimpleNamespace(DESCRIPTION='''Line up two ladders (e.g. by .ttl or .yaml
    ... files) and show where they differ. Then more.
    ...
    ... Details.'''))
    'Line up two ladders (e.g. by .ttl or .yaml files) and show where they differ.'
    >>> summary(SimpleNamespace(DESCRIPTION="Show the ladder"))
    'Show the ladder.'
    """
    text = getattr(command, "SUMMARY", None)
    if text:
        return text
    paragraph = " ".join(command.DESCRIPTION.strip().split("\n\n")[0].split())
    end = re.search(r"(?<!\be\.g)(?<!\bi\.e)\.(?=\s+[A-Z]|$)", paragraph)
    return paragraph[:end.end()] if end else paragraph.rstrip(".:;, ") + "."


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``careergraph`` parser with every subcommand of :data:`COMMANDS`, or just one.

    Parameters
    ----------
    only : str, optional
        The one subcommand to add (the one on the command line): the modules
        of the others are then not imported, so that a command starts fast.

    Returns
    -------
    argparse.ArgumentParser
        The parser; each subcommand's ``_run`` default is the command's ``run``.

    Examples
    --------
    >>> sorted(build_parser("query")._subparsers._group_actions[0].choices)
    ['query']
    """
    parser = make_parser("careergraph", "A knowledge graph of career roles, skills, "
                                        "responsibilities and the moves between them.")
    parser.add_argument("--version", action="version", version=f"careergraph {__version__}")
    # prog given: argparse would otherwise format a usage line just to learn it is "careergraph"
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, prog=parser.prog)
    for name, target in COMMANDS.items():
        if only is not None and name != only:
            continue
        module_name, _, attribute = target.partition(":")
        module = importlib.import_module(module_name)
        module = getattr(module, attribute) if attribute else module
        sub = commands.add_parser(name, help=summary(module),
                                  description=module.DESCRIPTION,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run, _prog=f"careergraph {name}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The subcommand and its arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The subcommand's exit code; 2 for a usage mistake, 0 after ``--help`` or ``--version``.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except UsageError as error:  # names the subcommand whose arguments are wrong
        print_usage_error(error)
        return EXIT_USAGE
    except SystemExit as done:
        if done.code not in (0, None):
            return int(done.code) if isinstance(done.code, int) else EXIT_USAGE
        return 0
    return guarded(args._prog, args._run, args)


def run() -> None:
    """Entry point of the console script: run :func:`main` and exit with its code."""
    sys.exit(main())


if __name__ == "__main__":
    run()
