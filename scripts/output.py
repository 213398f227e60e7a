"""What every command shares: the argument parser, common options, exit codes, error printing.

Also the ``main`` of a module of several commands (:func:`family_main`)
and the progress bar of long loads (:func:`progress_callback`). The parser
itself and the argument types are in :mod:`careergraph.cli.arguments`.
Command modules import what they share from here (or from
:mod:`careergraph.cli.arguments`, :mod:`careergraph.cli.text` and
:mod:`careergraph.cli.moves`), never from one another.

Examples
--------
>>> parser = make_parser("demo", "A demo command.")
>>> add_data_option(parser)
>>> parser.parse_args(["-d", "a.ttl", "--data", "b.ttl"]).data
['a.ttl', 'b.ttl']
>>> parser.parse_args(["--bogus"])
Traceback (most recent call last):
...
careergraph.cli.arguments.UsageError: unrecognized arguments: --bogus
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.arguments import UsageError, make_parser
from careergraph.cli.printing import json_text, show, write_text
from careergraph.cli.text import visible
from careergraph.errors import CareerGraphError

EXIT_OK = 0
"""The command did what was asked and the answer is positive."""
EXIT_NEGATIVE = 1
"""The command ran, and the answer is negative: violations found, no path."""
EXIT_USAGE = 2
"""Bad usage or bad input: the user's mistake, told in one line on stderr."""


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """Where the graph comes from: ``-d/--data FILE`` (repeatable), ``--store`` or ``--endpoint``.

    ``--store`` and ``--endpoint`` exclude each other; ``-d`` with either is
    refused when the graph is opened (:func:`open_graph`).

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser, to which the options are added.
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
    if "--ladder" not in parser._option_string_actions:  # a command may mean its own --ladder
        parser.add_argument(
            "--ladder", metavar="NAME",
            help="look role titles up in this ladder first (its short name or prefix, such as "
                 "'pm'); any role is also named LADDER:Title, e.g. 'pm:Product Manager'")


def open_graph(args: argparse.Namespace, files: Sequence[str] = (), *, cache: bool = False,
               timeout: float | None = None):
    """The graph of ``-d`` (plus ``files``), ``--store`` or ``--endpoint``, with the ``--ladder`` default.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options of :func:`add_data_option` (``data``, and
        ``store``, ``endpoint`` and ``ladder`` where the command has them).
    files : sequence of str, optional
        More files, layered after those of ``-d``.
    cache : bool, optional
        Use the on-disk cache of derived data (off when the environment sets
        ``CAREERGRAPH_NO_CACHE=1``).
    timeout : float, optional
        Seconds a query may take, on the backends that can stop one.

    Returns
    -------
    CareerGraph
        The opened graph.
    """
    from careergraph.session import open_graph as open_any

    return open_any([*args.data, *files], store=getattr(args, "store", None),
                    endpoint=getattr(args, "endpoint", None), cache=cache, timeout=timeout,
                    ladder=getattr(args, "ladder", None))


def refuse_store(args: argparse.Namespace, why: str) -> None:
    """Refuse ``--store`` and ``--endpoint`` for a command that works on files only.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options.
    why : str
        Why the command works on files only, for the error message.

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
    """``--format`` with a fixed set of choices.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser, to which the option is added.
    choices : sequence of str
        The formats the command can write.
    default : str
        The format without the option.
    """
    parser.add_argument("--format", choices=list(choices), default=default,
                        help=f"output format (default: {default})")


def print_error(prog: str, message: str) -> None:
    """One line on stderr: ``prog: error: message``.

    Parameters
    ----------
    prog : str
        The command that failed, such as ``careergraph path``.
    message : str
        What went wrong, in one line.
    """
    show(f"{prog}: error: {visible(message, one_line=True)}", file=sys.stderr)


def print_json(data: Any) -> None:
    """Pretty JSON on stdout (indented, non-ASCII characters as they are).

    Parameters
    ----------
    data : Any
        What to print: anything :func:`json.dump` takes.

    Examples
    --------
    >>> print_json({"role": "Product Manager", "moves": 1})
    {
      "role": "Product Manager",
      "moves": 1
    }
    """
    write_text(json_text(data, indent=2) + "\n")


def guarded(prog: str, run: Callable[[argparse.Namespace], int],
            args: argparse.Namespace) -> int:
    """Run a command, turning a user's mistake into one line on stderr and exit 2.

    Parameters
    ----------
    prog : str
        The command's name, for the error line.
    run : callable
        The command: takes the parsed arguments, returns the exit code.
    args : argparse.Namespace
        The parsed arguments.

    Returns
    -------
    int
        The command's exit code; 2 for a :class:`CareerGraphError`, 130 when
        interrupted, 0 when the reader of the output went away.
    """
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
    """Parse ``argv`` for one command and run it; the body of every module's ``main``.

    Parameters
    ----------
    prog : str
        The command's name in messages.
    description : str
        The text of ``--help``.
    add_arguments : callable
        Adds the command's arguments to a parser.
    run : callable
        Runs the command on the parsed arguments, returning the exit code.
    argv : sequence of str or None
        The arguments (``None``: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: the command's, 2 for a usage mistake, 0 after ``--help``.
    """
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

    Parameters
    ----------
    error : UsageError
        The mistake, with the (sub)command that found it.

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

    Parameters
    ----------
    rows : sequence of dict
        One mapping per row; a missing or None value is an empty cell.
    columns : sequence of str
        The keys to show, in order; they are the header.

    Returns
    -------
    str
        The table, without a final newline.

    Examples
    --------
    >>> print(format_table([{"role": "PM", "seniority": 2}], ["seniority", "role"]))
    seniority  role
    ---------  ----
    2          PM
    """
    cells = [[("" if row.get(c) is None else visible(row[c], one_line=True)) for c in columns]
             for row in rows]
    widths = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)


def family_main(module: str, commands: Mapping[str, Any], argv: Sequence[str] | None) -> int:
    """Run one of ``commands``, named by the first argument: the ``main`` of a family of commands.

    Parameters
    ----------
    module : str
        The module's name, for its usage line (``python -m MODULE COMMAND``).
    commands : mapping
        Command name -> an object with ``DESCRIPTION``, ``add_arguments`` and ``run``.
    argv : sequence of str or None
        The command's name, then its arguments (``None``: ``sys.argv[1:]``).

    Returns
    -------
    int
        The command's exit code; 2 for an unknown or missing command name.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> hello = SimpleNamespace(DESCRIPTION="Say hello.", add_arguments=lambda parser: None,
    ...                         run=lambda args: print("hello") or 0)
    >>> family_main("demo", {"hello": hello}, ["hello"])
    hello
    0
    >>> family_main("demo", {"hello": hello}, ["bye"])  # stderr: unknown command 'bye'; ...
    2
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    names = ", ".join(commands)
    if argv[:1] in ([], ["-h"], ["--help"]):
        print(f"usage: python -m {module} COMMAND [ARGS]\n\ncommands: {names}\n"
              f"'python -m {module} COMMAND --help' tells more.")
        return EXIT_OK if argv else EXIT_USAGE
    command = commands.get(argv[0])
    if command is None:
        print_error(f"python -m {module}", f"unknown command '{argv[0]}'; the commands are {names}")
        return EXIT_USAGE
    return run_main(f"careergraph {argv[0]}", command.DESCRIPTION, command.add_arguments,
                    command.run, argv[1:])


def progress_callback(stream: Any = None) -> Callable[[int, int, str], None] | None:
    """A ``progress(done, total, what)`` callback drawing a tqdm bar on stderr; None off a terminal.

    Parameters
    ----------
    stream : file-like, optional
        Where to draw the bar (default: ``sys.stderr``).

    Returns
    -------
    callable or None
        The callback, or None when ``stream`` is not a terminal (a log file
        gets no bar).

    Examples
    --------
    >>> import io
    >>> progress_callback(io.StringIO()) is None
    True
    """
    stream = sys.stderr if stream is None else stream
    if not (hasattr(stream, "isatty") and stream.isatty()):
        return None
    from tqdm import tqdm

    bars: list[Any] = []
    layout = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]"

    def progress(done: int, total: int, what: str) -> None:
        if not bars:
            bars.append(tqdm(total=total, file=stream, bar_format=layout, dynamic_ncols=True))
        bar = bars[0]
        if bar.total != total:
            bar.reset(total=total)
        bar.set_description_str(what, refresh=False)
        bar.update(done - bar.n)
        if total and done >= total:
            bar.close()

    return progress


if __name__ == "__main__":  # `python scripts/output.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module holds what the "
          "careergraph commands share and is not a command itself; see 'careergraph --help'",
          file=sys.stderr)
    raise SystemExit(EXIT_USAGE)
