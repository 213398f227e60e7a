"""N-Triples in: Oxigraph's parser, in one linear pass, its triples turned into rdflib terms.

rdflib's own N-Triples parser reads a line in chunks of 2,048 characters and
matches a regular expression over the whole of the line read so far after
each chunk, then cuts the line token by token by copying what is left: a
long line costs the square of its length (a 5 MB literal took 90 s, one line
of 16,000 triples 3 to 10 s, before the error). Oxigraph's parser reads any
line in time proportional to its length (the same 5 MB literal: 0.02 s), and
it is the parser a persistent store uses for the same files, so a file reads
the same in memory and in a store.

An error names the line, says what is wrong in a few words, and shows at
most :data:`EXCERPT` characters of the line, never the whole line.

Examples
--------
>>> graph = parse_n_triples('<http://example.org/a> <http://example.org/p> "x" .\\n', "a.nt")
>>> len(graph)
1
>>> parse_n_triples('<http://example.org/a> <http://example.org/p> "x"\\n', "a.nt")
Traceback (most recent call last):
...
careergraph.errors.DataFileError: a.nt:1: not a valid N-Triples line: a triple ends with ' .'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError, DataFileError
from careergraph.load.readback import visible

if TYPE_CHECKING:
    import rdflib

EXCERPT = 60
"""The most characters of a line an error shows."""

_PLACE = re.compile(r"^Parser error (?:at line \d+ (?:column \d+|between columns \d+ and \d+)"
                    r"|between line \d+ column \d+ and line \d+ column \d+): ", re.DOTALL)
_TAIL = re.compile(r" \(line \d+\)$")
_REASONS = [  # Oxigraph's words -> careergraph's
    (re.compile(r"^Quads must be followed by a dot$"), "a triple ends with ' .'"),
    (re.compile(r"^Only a single triple or quad can be written in a line.*", re.DOTALL),
     "one triple a line, and another one starts here"),
    (re.compile(r"^The escape sequence '(\\u[0-9A-Fa-f]{4})' is encoding [0-9A-Fa-f]+ that is not a valid "
                r"unicode character$"), r"the escape \1 is a lone surrogate, which is not a character"),
]


def parse_n_triples(text: str, name: str) -> rdflib.Graph:
    """The triples of an N-Triples document, as an rdflib graph.

    Parameters
    ----------
    text : str
        The document.
    name : str
        The file, as errors name it.

    Returns
    -------
    rdflib.Graph
        The triples; blank nodes get new labels, as every file's do.

    Raises
    ------
    DataFileError
        For a line that is not N-Triples, with the line number, and for the
        RDF 1.2 terms careergraph does not model (triple terms, base directions).
    """
    import pyoxigraph as ox
    import rdflib

    from careergraph.store.terms import TermConverter

    graph = rdflib.Graph()
    convert = TermConverter()

    def triples() -> Any:
        for quad in ox.parse(input=text, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=True):
            value = quad.object
            if getattr(value, "direction", None) is not None:
                raise _later_error(text, name, r'"@[A-Za-z0-9-]+--', "a base direction (--ltr, --rtl) is "
                                   "RDF 1.2, which careergraph does not read")
            try:
                yield convert(quad.subject), convert(quad.predicate), convert(value), graph
            except CareerGraphError:
                raise _later_error(text, name, r"<<", "a triple term (<<( ... )>>) is RDF 1.2, "
                                   "which careergraph does not read") from None

    try:
        graph.addN(triples())
    except SyntaxError as error:
        raise syntax_error(error, text, name) from None
    return graph


def syntax_error(error: SyntaxError, text: str, name: str) -> DataFileError:
    """One line for Oxigraph's syntax error: the line, what is wrong, a short excerpt.

    Parameters
    ----------
    error : SyntaxError
        What ``pyoxigraph.parse`` raised.
    text : str
        The document.
    name : str
        The file, as errors name it.

    Returns
    -------
    DataFileError
        ``name:LINE: not a valid N-Triples line: REASON`` and, for most
        reasons, ``at column N: 'EXCERPT...'``.
    """
    reason = _TAIL.sub("", _PLACE.sub("", " ".join(str(error).split())))
    for pattern, said in _REASONS:
        if pattern.match(reason):
            reason = pattern.sub(said, reason)
            break
    else:
        reason = visible(reason[:1].lower() + reason[1:], 120)
    line, column = error.lineno, error.offset
    if line is None:
        return DataFileError(name, f"not a valid N-Triples line: {reason}")
    lines = text.split("\n", line)  # up to the line at fault, not beyond
    if reason == _REASONS[0][1] and line <= len(lines):  # the dot was missing where the last triple ended
        lines[line - 1] = lines[line - 1][:max((column or 1) - 1, 0)]
        return DataFileError(name, f"not a valid N-Triples line: {reason}", line=_last_text_line(lines[:line]))
    where = ""
    if line <= len(lines) and column:
        rest = lines[line - 1][column - 1:]
        where = f" (column {column}: '{visible(rest, EXCERPT)}')" if rest.strip() else f" (column {column})"
    return DataFileError(name, f"not a valid N-Triples line: {reason}{where}", line=line)


def _last_text_line(lines: list[str]) -> int:
    """The number of the last line that holds a statement (not blank, not only a comment)."""
    for number in range(len(lines), 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return len(lines)


def _later_error(text: str, name: str, pattern: str, reason: str) -> DataFileError:
    """The error for a term refused after parsing, with the line where ``pattern`` first occurs."""
    match = re.search(pattern, text)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    return DataFileError(name, f"not a valid N-Triples line: {reason}", line=line)
