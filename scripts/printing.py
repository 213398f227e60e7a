r"""How text reaches the terminal: every printer of the command line goes through here.

Text for a person (:func:`show`) has its hidden characters made visible
(:func:`careergraph.cli.text.visible`): an escape sequence, a bidi override or
a lone surrogate from the data is shown, never acted on by the terminal. JSON
(:func:`json_text`) stays exact JSON, those characters written as ``\uXXXX``.
Data formats (:func:`write_text`) are written exactly. None of them fails on a
character the output's encoding cannot hold: it is written as a backslash escape.

Examples
--------
>>> show("Product Manager\x1b[2J")
Product Manager\x1b[2J
"""

from __future__ import annotations

import json
import sys
from typing import Any

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.text import visible


def show(*values: object, file: Any = None, sep: str = " ", end: str = "\n") -> None:
    r"""Print text for a person, as :func:`print` does, with every hidden character made visible.

    Every printer of the command line goes through here (or :func:`json_text`
    for JSON): escape sequences, bidi overrides and other control or format
    characters from the data are shown (:func:`careergraph.cli.text.visible`),
    never acted on by the terminal; a character the output's encoding cannot
    hold is written as a backslash escape instead of failing.

    Parameters
    ----------
    *values : object
        What to print, as :func:`str` gives each.
    file : file-like, optional
        Where (default: ``sys.stdout``).
    sep, end : str, optional
        As for :func:`print`.

    Examples
    --------
    >>> show("PM", "\x1b[2J\u202e")
    PM \x1b[2J<U+202E>
    """
    write_text(visible(sep.join(map(str, values)) + end), file)


def write_text(text: str, file: Any = None) -> None:
    """Write ``text`` as it is; a character the stream's encoding cannot hold as a backslash escape.

    For data formats (CSV, Turtle...), which are written exactly: only a lone
    surrogate, or a character outside a narrow encoding, is escaped.

    Parameters
    ----------
    text : str
        What to write.
    file : file-like, optional
        Where (default: ``sys.stdout``).
    """
    stream = sys.stdout if file is None else file
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


def json_text(data: Any, **options: Any) -> str:
    r"""JSON text whose strings hold no character a terminal would act on: exact JSON still.

    Controls (DEL and C1 too), format characters such as bidi overrides, line
    and paragraph separators and lone surrogates are written as ``\uXXXX``
    escapes, which JSON readers turn back into the same characters.

    Parameters
    ----------
    data : Any
        What to write: anything :func:`json.dumps` takes.
    **options : Any
        More keywords of :func:`json.dumps` (``indent``...).

    Returns
    -------
    str
        The JSON text.

    Examples
    --------
    >>> print(json_text({"label": "PM\u202e\x9b\ud800"}))
    {"label": "PM\u202e\u009b\ud800"}
    """
    return escape_json(json.dumps(data, ensure_ascii=False, **options))


def escape_json(text: str) -> str:
    r"""JSON text with its hidden characters (see :func:`json_text`) written as ``\uXXXX``.

    Parameters
    ----------
    text : str
        JSON text (hidden characters can only be inside its strings).

    Returns
    -------
    str
        The same JSON value, every hidden character escaped.
    """
    if visible(text) == text:
        return text
    return "".join(char if visible(char) == char else _json_escape(char) for char in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"



if __name__ == "__main__":  # `python scripts/printing.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module holds how the "
          "careergraph commands print and is not a command itself; see 'careergraph --help'",
          file=sys.stderr)
    raise SystemExit(2)
