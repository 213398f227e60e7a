"""What every command shares: the argument parser, common options, exit codes, error printing.

Examples
--------
>>> parser = make_parser("demo", "A demo command.")
>>> add_data_option(parser)
>>> parser.parse_args(["-d", "a.ttl", "--data", "b.ttl"]).data
['a.ttl', 'b.ttl']
>>> parser.parse_args(["--bogus"])
Traceback (most recent call last):
...
careergraph.cli.output.UsageError: unrecognized arguments: --bogus
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.errors import CareerGraphError

EXIT_OK = 0
"""The command did what was asked and the answer is positive."""
EXIT_NEGATIVE = 1
"""The command ran, and the answer is negative: violations found, no path."""
EXIT_USAGE = 2
"""Bad usage or bad input: the user's mistake, told in one line on stderr."""


class UsageError(Exception):
    """The command line itself is wrong (unknown option, missing argument, bad value).

    Parameters
    ----------
    message : str
        What is wrong, as argparse words it.
    prog : str
        The (sub)command whose parser found the mistake, such as
        ``careergraph path``: the error line and its ``--help`` hint name it.
    """

    def __init__(self, message: str, prog: str = "careergraph") -> None:
        super().__init__(message)
        self.prog = prog


_EXTRAS_PROG = "_careergraph_extras_prog"
"""Namespace attribute: the innermost (sub)command that was left with unrecognized arguments."""


class Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of exiting.

    The error names the parser that found the mistake, so a subcommand's
    missing argument, bad choice or bad value reads ``careergraph path: error:``.
    Unrecognized arguments are only reported by the top parser, once every
    subparser has had its turn; they are blamed on the innermost subcommand
    that was left with them.

    Examples
    --------
    >>> parser = make_parser("demo", "A demo command.")
    >>> sub = parser.add_subparsers(dest="command", required=True).add_parser("sub")
    >>> _ = sub.add_argument("--k", type=int)
    >>> for argv in (["sub", "--k", "x"], ["sub", "--bogus"], ["--bogus", "sub"]):
    ...     try:
    ...         parser.parse_args(argv)
    ...     except UsageError as error:
    ...         print(f"{error.prog}: {error}")
    demo sub: argument --k: invalid int value: 'x'
    demo sub: unrecognized arguments: --bogus
    demo: unrecognized arguments: --bogus
    """

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        raise UsageError(message, self.prog)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        namespace, extras = super().parse_known_args(args, namespace)
        if extras and not hasattr(namespace, _EXTRAS_PROG):
            setattr(namespace, _EXTRAS_PROG, self.prog)
        return namespace, extras

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            raise UsageError(f"unrecognized arguments: {' '.join(extras)}",
                             getattr(namespace, _EXTRAS_PROG, self.prog))
        return namespace


def make_parser(prog: str, description: str) -> Parser:
    """A parser for one command, as used on its own and as a subcommand."""
    return Parser(prog=prog, description=description,
                  formatter_class=argparse.RawDescriptionHelpFormatter)


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """Where the graph comes from: ``-d/--data FILE`` (repeatable), ``--store`` or ``--endpoint``.

    ``--store`` and ``--endpoint`` exclude each other; ``-d`` with either is
    refused when the graph is opened (:func:`open_graph`).
    """
    parser.add_argument(
        "-d", "--data", action="append", default=[], metavar="FILE",
        help="a Turtle (.ttl), N-Triples (.nt) or JSON-LD (.jsonld, .json) file, a YAML "
             "ladder (.yaml, .yml) or a folder of ladder CSV tables, layered over the "
             "built-in graph; repeat for more, later files override earlier ones")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="PATH",
                       help="work on a persistent store made by 'careergraph load' instead")
    where.add_argument("--endpoint", metavar="URL",
                       help="work on a SPARQL 1.1 endpoint instead (read-only: only queries "
                            "are sent)")


def open_graph(args: argparse.Namespace, files: Sequence[str] = (), *, cache: bool = False,
               timeout: float | None = None):
    """The graph of ``-d`` (plus ``files``), ``--store`` or ``--endpoint``.

    See :func:`careergraph.load.open_graph`.

    ``cache`` uses the on-disk cache of :mod:`careergraph.cache` (off when the
    environment sets ``CAREERGRAPH_NO_CACHE=1``).
    """
    from careergraph.load import open_graph as open_any

    return open_any([*args.data, *files], store=getattr(args, "store", None),
                    endpoint=getattr(args, "endpoint", None), cache=cache, timeout=timeout)


def refuse_store(args: argparse.Namespace, why: str) -> None:
    """Refuse ``--store`` and ``--endpoint`` for a command that works on files only.

    Raises
    ------
    CareerGraphError
        With ``why`` when either is given.
    """
    for option in ("store", "endpoint"):
        if getattr(args, option, None) is not None:
            raise CareerGraphError(f"--{option} does not apply here: {why}")


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str],
                      default: str) -> None:
    """``--format`` with a fixed set of choices."""
    parser.add_argument("--format", choices=list(choices), default=default,
                        help=f"output format (default: {default})")


def print_error(prog: str, message: str) -> None:
    """One line on stderr: ``prog: error: message``."""
    print(f"{prog}: error: {message}", file=sys.stderr)


def print_json(data: Any) -> None:
    """Pretty JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def guarded(prog: str, run: Callable[[argparse.Namespace], int],
            args: argparse.Namespace) -> int:
    """Run a command, turning a user's mistake into one line on stderr and exit 2."""
    try:
        return run(args)
    except CareerGraphError as error:
        print_error(prog, str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        print_error(prog, "interrupted")
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK


def run_main(prog: str, description: str,
             add_arguments: Callable[[argparse.ArgumentParser], None],
             run: Callable[[argparse.Namespace], int],
             argv: Sequence[str] | None) -> int:
    """Parse ``argv`` for one command and run it; the body of every module's ``main``."""
    parser = make_parser(prog, description)
    add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        print_usage_error(error)
        return EXIT_USAGE
    except SystemExit as done:  # --help and --version print and stop
        return int(done.code or 0)
    return guarded(prog, run, args)


def print_usage_error(error: UsageError) -> None:
    """One line on stderr for a command-line mistake, naming the (sub)command and its ``--help``.

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     print_usage_error(UsageError("the following arguments are required: TO",
    ...                                  "careergraph path"))
    >>> print(err.getvalue(), end="")  # doctest: +NORMALIZE_WHITESPACE
    careergraph path: error: the following arguments are required: TO
    (see 'careergraph path --help')
    """
    print_error(error.prog, f"{error} (see '{error.prog} --help')")


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows as an aligned plain-text table with a header line.

    Examples
    --------
    >>> print(format_table([{"role": "PM", "seniority": 2}], ["seniority", "role"]))
    seniority  role
    ---------  ----
    2          PM
    """
    cells = [[("" if row.get(c) is None else str(row[c])) for c in columns] for row in rows]
    widths = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)


if __name__ == "__main__":  # `python scripts/output.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module holds what the "
          "careergraph commands share and is not a command itself; see 'careergraph --help'",
          file=sys.stderr)
    raise SystemExit(EXIT_USAGE)
