"""Text and Markdown pieces the commands share: wrapping, escaping, source passages, summaries.

The answers of ``describe``, ``path``, ``gap``, ``plan`` and ``build`` cite
their source passages by number (:class:`Footnotes`) and come as plain text
or as Markdown whose data is escaped (:func:`md_escape`), so that no value of
the graph can end a table row or inject a link.

Examples
--------
>>> notes = Footnotes()
>>> notes.cite([{"iri": "p1", "section": "1. APM", "quote": "APMs learn."}])
'[1]'
>>> print(md_table([[md_escape("a|b"), md_markers([1])]], ["name", "sources"]))
| name | sources |
| --- | --- |
| a\\|b | \\[1\\] |
"""

from __future__ import annotations

import re
import sys
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

if TYPE_CHECKING:
    from careergraph.summary import Summary

WIDTH = 100
"""Text output is wrapped at this width."""


# --- plain text -------------------------------------------------------------------


def wrap(text: str, first: str, rest: str | None = None, *,
         break_long_words: bool = False) -> str:
    """``text`` wrapped at :data:`WIDTH`, never at a hyphen.

    Parameters
    ----------
    text : str
        The text, on one line.
    first : str
        What the first line starts with (an indent, a bullet, a number).
    rest : str, optional
        What the other lines start with (default: as many spaces as ``first``).
    break_long_words : bool, optional
        Cut a word longer than a line (default: let it overflow).

    Returns
    -------
    str
        The lines, joined by newlines.

    Examples
    --------
    >>> print(wrap("a-long-name " * 12, "  - "))  # doctest: +NORMALIZE_WHITESPACE
      - a-long-name a-long-name a-long-name a-long-name a-long-name a-long-name a-long-name
        a-long-name a-long-name a-long-name a-long-name a-long-name
    """
    return textwrap.fill(text, width=WIDTH, initial_indent=first,
                         subsequent_indent=" " * len(first) if rest is None else rest,
                         break_on_hyphens=False, break_long_words=break_long_words)


def markers(numbers: Sequence[int]) -> str:
    """Footnote markers: ``[1, 2, 5]``, or empty for none.

    Parameters
    ----------
    numbers : sequence of int
        The passages' numbers.

    Returns
    -------
    str
        The markers.

    Examples
    --------
    >>> markers([1, 2, 5]), markers([])
    ('[1, 2, 5]', '')
    """
    return f"[{', '.join(map(str, numbers))}]" if numbers else ""


def passage_text(section: str | None, quote: str | None, iri: str) -> str:
    """A passage as one line: ``section: "quote"`` (its IRI when it has no quote).

    Parameters
    ----------
    section : str or None
        The section of the source the passage is in.
    quote : str or None
        The passage's words.
    iri : str
        The passage's IRI, shown when it has no quote.

    Returns
    -------
    str
        The passage as plain text.

    Examples
    --------
    >>> passage_text("2. Product Manager", "PMs lead.", "https://example.org/p")
    '2. Product Manager: "PMs lead."'
    """
    where = f"{section}: " if section else ""
    return f"{where}\"{quote}\"" if quote else f"{where}{iri}"


_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Unicode categories a terminal acts on or hides: controls (escape sequences, BEL, backspace,
carriage return), format characters (bidi overrides and isolates), lone surrogates, line and
paragraph separators."""
_JOINERS = frozenset("\u200c\u200d")
"""Format characters that only join or part letters (Persian, Indic scripts, emoji), kept."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: object, *, one_line: bool = False) -> str:
    r"""Text made safe for a terminal: every control or format character shown, none acted on.

    The one function through which the command line prints text from the data
    or the user (:func:`careergraph.cli.printing.show`, the error line, tables):
    an escape sequence (ESC, CSI, OSC 8 hyperlinks), BEL, backspace or a
    carriage return is shown as ``\x1b``, ``\x07``, ``\x08``, ``\r``; a bidi
    override or isolate (U+202A-U+202E, U+2066-U+2069), another format
    character, a line or paragraph separator or a lone surrogate as
    ``<U+202E>``; a tab as ``\t``. Newlines are kept, unless ``one_line``. The
    result holds only printable characters (and newlines), so applying it
    twice changes nothing.

    Parameters
    ----------
    text : object
        The text, as :func:`str` gives it.
    one_line : bool, optional
        Show newlines too (``\n``): the text stays on one line.

    Returns
    -------
    str
        The text with its hidden characters made visible.

    Examples
    --------
    >>> print(visible("\x1b]8;;http://evil\x07PM\x1b]8;;\x07 \u202eevil\u202c"))
    \x1b]8;;http://evil\x07PM\x1b]8;;\x07 <U+202E>evil<U+202C>
    >>> print(visible("two\nlines\r", one_line=True), visible("caf\u00e9 \ud800"))
    two\nlines\r café <U+D800>
    """
    text = str(text)
    if text.isprintable():
        return text
    if not one_line:
        return "\n".join(map(_visible_line, text.split("\n")))
    return _visible_line(text)


def _visible_line(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(char if char in _JOINERS or unicodedata.category(char) not in _HIDDEN
                   else _shown(char) for char in text)


def _shown(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


# --- markdown ---------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=>])")


def md_escape(text: object) -> str:
    """Text from the data, safe inside Markdown: one line, no markup, no HTML, no links.

    Every character Markdown or HTML could read as markup is escaped with a
    backslash (``<`` and ``&`` too, so no tag or entity survives; with ``[``
    and ``]`` escaped, no link or image can form), runs of
    whitespace (newlines too) become one space, so a value cannot end a table
    row or a list item, and a leading ``1.``, ``-`` or ``>`` cannot start a
    list or a quote.

    Parameters
    ----------
    text : object
        The value, as :func:`str` gives it.

    Returns
    -------
    str
        The escaped text.

    Examples
    --------
    >>> print(md_escape("<script>alert(1)</script> | *x* [a](javascript:b)"))
    \\<script\\>alert(1)\\</script\\> \\| \\*x\\* \\[a\\](javascript:b)
    >>> print(md_escape("1. first\\n# heading"))
    1\\. first \\# heading
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def md_markers(numbers: Sequence[int]) -> str:
    """Footnote markers in Markdown, escaped so that they are not read as links.

    Parameters
    ----------
    numbers : sequence of int
        The passages' numbers.

    Returns
    -------
    str
        ``\\[1, 3\\]``, or empty for no number.

    Examples
    --------
    >>> md_markers([1, 3])
    '\\\\[1, 3\\\\]'
    """
    return f"\\[{', '.join(map(str, numbers))}\\]" if numbers else ""


def md_table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """A Markdown table; the cells must be escaped already (:func:`md_escape`).

    Parameters
    ----------
    rows : sequence of sequence of str
        The cells, row by row; an empty cell is written as a space.
    header : sequence of str
        The column headings.

    Returns
    -------
    str
        The table's lines, without a final newline.

    Examples
    --------
    >>> print(md_table([["a", "1"]], ["name", "n"]))
    | name | n |
    | --- | --- |
    | a | 1 |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def md_passage(section: str | None, quote: str | None, iri: str) -> str:
    """A passage in Markdown: the section in italics, then the quote.

    Parameters
    ----------
    section : str or None
        The section of the source the passage is in.
    quote : str or None
        The passage's words.
    iri : str
        The passage's IRI, shown when it has no quote.

    Returns
    -------
    str
        One line of escaped Markdown.

    Examples
    --------
    >>> md_passage("2. PM", "They *lead*.", "https://example.org/p")
    '*2\\\\. PM*: "They \\\\*lead\\\\*."'
    """
    where = f"*{md_escape(section)}*: " if section else ""
    return f"{where}\"{md_escape(quote)}\"" if quote else f"{where}{md_escape(iri)}"


# --- source passages ------------------------------------------------------------


class Footnotes:
    """Source passages numbered in the order an output first cites them, listed once at its end.

    Examples
    --------
    >>> notes = Footnotes()
    >>> first = {"iri": "p1", "section": "1. APM", "quote": "APMs learn."}
    >>> notes.cite([first]), notes.cite([{"iri": "p2", "section": None, "quote": "More."}, first])
    ('[1]', '[1, 2]')
    >>> print(notes.text())
    Sources
      [1] 1. APM: "APMs learn."
      [2] "More."
    """

    def __init__(self) -> None:
        self.passages: dict[str, Mapping[str, Any]] = {}

    def numbers(self, passages: Sequence[Mapping[str, Any]]) -> list[int]:
        """The numbers of ``passages``, numbering those not cited before.

        Parameters
        ----------
        passages : sequence of mapping
            Passages with ``iri``, ``section`` and ``quote`` (a passage
            without an IRI is known by its quote).

        Returns
        -------
        list of int
            Their numbers, sorted, each once.
        """
        numbers = []
        for passage in passages:
            iri = passage.get("iri") or passage.get("quote") or ""
            if iri not in self.passages:
                self.passages[iri] = passage
            numbers.append(list(self.passages).index(iri) + 1)
        return sorted(set(numbers))

    def cite(self, passages: Sequence[Mapping[str, Any]], *, markdown: bool = False) -> str:
        """The markers of ``passages``: ``[1, 2]`` (escaped for Markdown), empty for none.

        Parameters
        ----------
        passages : sequence of mapping
            The passages cited, as for :meth:`numbers`.
        markdown : bool, optional
            Escape the markers for Markdown.

        Returns
        -------
        str
            The markers.
        """
        numbers = self.numbers(passages)
        return md_markers(numbers) if markdown else markers(numbers)

    def text(self) -> str:
        """The passages cited so far, one each, under the heading ``Sources``.

        Returns
        -------
        str
            The lines, or empty when nothing was cited.
        """
        if not self.passages:
            return ""
        lines = ["Sources"]
        for number, (iri, p) in enumerate(self.passages.items(), start=1):
            lines.append(wrap(passage_text(p.get("section"), p.get("quote"), iri),
                              f"  [{number}] ", " " * len(f"  [{number}] "),
                              break_long_words=True))
        return "\n".join(lines)

    def markdown(self) -> str:
        """The passages cited so far as a Markdown section ``## Sources``.

        Returns
        -------
        str
            The section, or empty when nothing was cited.
        """
        if not self.passages:
            return ""
        return "\n".join(["## Sources", ""] + [
            f"{number}. {md_passage(p.get('section'), p.get('quote'), iri)}"
            for number, (iri, p) in enumerate(self.passages.items(), start=1)])


# --- what the graph holds ---------------------------------------------------------


def format_summary(summary: Summary) -> str:
    """The counts of a graph summary as one line.

    Parameters
    ----------
    summary : careergraph.summary.Summary
        What :func:`careergraph.summary.summarize` found.

    Returns
    -------
    str
        ``careergraph: 11 roles, 40 skills, ...``.
    """
    return "careergraph: " + ", ".join(f"{count:,} {name}" for name, count in summary.counts.items())


def format_outline(summary: Summary) -> str:
    """The roles by seniority, each with its track, other titles, entries and moves out.

    Roles with no seniority (in no ladder, such as exit targets) follow under their own
    heading, with ``-`` for the missing rung.

    Parameters
    ----------
    summary : careergraph.summary.Summary
        What :func:`careergraph.summary.summarize` found.

    Returns
    -------
    str
        The outline, headed ``Roles by seniority``.
    """
    lines = ["Roles by seniority"]
    def line(text: str) -> str:
        return visible(text, one_line=True)

    width = max((len(line(role.label)) for role in summary.roles), default=0)
    for role in summary.roles:
        if role.seniority is None and "Outside the ladder" not in lines:
            lines.append("Outside the ladder")
        level = "-" if role.seniority is None else str(role.seniority)
        track = f"[{role.track or 'no track'}]"
        also = f"  also: {', '.join(role.alt_labels)}" if role.alt_labels else ""
        lines.append(f"  {level:>2}  {line(role.label):<{width}}  {line(track + also)}".rstrip())
        lines += [f"      {line(kind)} from outside the ladder" for kind in role.entries]
        lines += [f"      {line(kind)} -> {line(target)}" for kind, target in role.moves]
    return "\n".join(lines)


if __name__ == "__main__":  # `python scripts/text.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module holds text pieces "
          "the careergraph commands share and is not a command itself; see 'careergraph --help'",
          file=sys.stderr)
    raise SystemExit(2)
