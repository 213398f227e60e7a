"""The argument parser of every command, and the argument types commands share.

The parser raises :class:`UsageError` instead of printing and exiting, so a
mistake becomes one line on stderr that names the (sub)command (see
:func:`careergraph.cli.output.run_main`).

Examples
--------
>>> parser = make_parser("demo", "A demo command.")
>>> _ = parser.add_argument("--top", type=positive_int, default=10)
>>> parser.parse_args(["--top", "3"]).top
3
>>> parser.parse_args(["--top", "none"])
Traceback (most recent call last):
...
careergraph.cli.arguments.UsageError: argument --top: 'none' is not a whole number
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401


# --- the maxima of count and time options (shown in --help; above them: one line, exit 2) ---

MAX_PATHS = 100
"""``path --k`` and ``path --all --cap``: the most paths one question lists."""
MAX_CUTOFF = 20
"""``path --all --cutoff``: the most moves of a path listed."""
MAX_TOP = 1000
"""``ready --top``: the most roles listed."""
MAX_SECONDS = 86_400
"""``--timeout``: the most seconds (a day); ``inf``, ``nan`` and negative numbers are refused."""


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

    Parameters
    ----------
    *args : Any
        The positional arguments of :class:`argparse.ArgumentParser`.
    **kwargs : Any
        Its keyword arguments (``prog``, ``description``, ``formatter_class``, ...).

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        """Raise the mistake instead of printing the usage and exiting.

        Parameters
        ----------
        message : str
            What argparse found wrong.

        Raises
        ------
        UsageError
            Always, naming this parser's ``prog``.
        """
        raise UsageError(message, self.prog)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        """Parse what this parser knows; note which parser was left with the rest.

        Parameters
        ----------
        args : sequence of str, optional
            The arguments (default: ``sys.argv[1:]``).
        namespace : argparse.Namespace, optional
            Where to put the values (default: a new one).

        Returns
        -------
        (argparse.Namespace, list of str)
            The values, and the arguments no parser recognized.
        """
        namespace, extras = super().parse_known_args(args, namespace)
        if extras and not hasattr(namespace, _EXTRAS_PROG):
            setattr(namespace, _EXTRAS_PROG, self.prog)
        return namespace, extras

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        """Parse every argument; refuse any left unrecognized.

        Parameters
        ----------
        args : sequence of str, optional
            The arguments (default: ``sys.argv[1:]``).
        namespace : argparse.Namespace, optional
            Where to put the values (default: a new one).

        Returns
        -------
        argparse.Namespace
            The values.

        Raises
        ------
        UsageError
            For an unrecognized argument, blamed on the innermost subcommand left with it.
        """
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            raise UsageError(f"unrecognized arguments: {' '.join(extras)}",
                             getattr(namespace, _EXTRAS_PROG, self.prog))
        return namespace


def make_parser(prog: str, description: str) -> Parser:
    """A parser for one command, as used on its own and as a subcommand.

    Parameters
    ----------
    prog : str
        The command's name in messages, such as ``careergraph info``.
    description : str
        The text of ``--help``, printed as written (line breaks kept).

    Returns
    -------
    Parser
        A parser that raises :class:`UsageError` instead of exiting.
    """
    return Parser(prog=prog, description=description,
                  formatter_class=argparse.RawDescriptionHelpFormatter)


def positive_int(text: str) -> int:
    """An argument type: a whole number of 1 or more.

    Parameters
    ----------
    text : str
        The argument as given.

    Returns
    -------
    int
        Its value.

    Raises
    ------
    argparse.ArgumentTypeError
        When it is not a whole number, or less than 1.

    Examples
    --------
    >>> positive_int("3")
    3
    >>> positive_int("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be 1 or more, not 0
    """
    return at_most(None)(text)


def at_most(maximum: int | None) -> Callable[[str], int]:
    """An argument type: a whole number from 1 to ``maximum``.

    Parameters
    ----------
    maximum : int or None
        The largest value allowed (None: no maximum).

    Returns
    -------
    callable
        The check, for ``add_argument(type=...)``: the value, or
        :class:`argparse.ArgumentTypeError`.

    Examples
    --------
    >>> at_most(100)("100")
    100
    >>> at_most(100)("100000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be at most 100, not 100000
    """
    def check(text: str) -> int:
        value: float
        try:
            value = int(text)
        except ValueError:
            if text.strip().lstrip("+").isdigit():  # over Python's 4,300 digits
                value = math.inf
            else:
                raise argparse.ArgumentTypeError(f"'{_short(text)}' is not a whole number") from None
        if value < 1:
            raise argparse.ArgumentTypeError(f"must be 1 or more, not {_short(text)}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"must be at most {maximum:,}, not {_short(text)}")
        return value

    return check


def _short(text: str) -> str:
    """An argument as an error message quotes it: at most 40 characters."""
    text = text.strip()
    return text if len(text) <= 40 else f"{text[:20]}...({len(text):,} characters)"


def positive(kind: type, maximum: float | None = None) -> Callable[[str], float]:
    """An argument type: a finite number of ``kind`` (int, float) more than 0, up to ``maximum``.

    ``inf``, ``nan`` and numbers too large for a float are refused.

    Parameters
    ----------
    kind : type
        ``int`` or ``float``: how to read the argument.
    maximum : float, optional
        The largest value allowed (default: no maximum but finiteness).

    Returns
    -------
    callable
        The check, for ``add_argument(type=...)``: the value, or
        :class:`argparse.ArgumentTypeError`.

    Examples
    --------
    >>> positive(float)("2.5")
    2.5
    >>> positive(int)("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be more than 0, not -1
    >>> positive(float, 60)("inf")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a finite number of at most 60, not inf
    """
    def check(text: str):
        try:
            value = kind(text)
        except (ValueError, OverflowError):
            raise argparse.ArgumentTypeError(f"not a number: '{_short(text)}'") from None
        if not math.isfinite(value) or (maximum is not None and value > maximum):
            limit = "" if maximum is None else f" of at most {maximum:,}"
            raise argparse.ArgumentTypeError(
                f"must be a finite number{limit}, not {_short(text)}")
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {_short(text)}")
        return value

    return check


if __name__ == "__main__":  # `python scripts/arguments.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module holds the argument "
          "parser of the careergraph commands and is not a command itself; see 'careergraph "
          "--help'", file=sys.stderr)
    raise SystemExit(2)
