"""Read one data file into an rdflib graph, or say in one line what is wrong with it, and where.

The ending of a file picks its reader: an RDF parser of rdflib for Turtle,
N-Triples and JSON-LD (:data:`FORMATS`), or one of careergraph's importers
for a company ladder in YAML or a folder of its CSV tables
(:data:`CONVERTERS`). Every failure becomes a
:class:`~careergraph.errors.DataFileError` naming the file, and the line and
column where the parser says: a missing file, a folder, text that is not
UTF-8, binary data, a Turtle syntax error, a bad N-Triples line, JSON that
does not parse.

Only regular files are read (not a device such as ``/dev/zero``, a FIFO or a
socket, which may never end), of at most :data:`MAX_FILE_BYTES`.

JSON-LD can name a context by URL or path, which a JSON-LD processor would
fetch from the network or read from disk while loading; careergraph never
does (a data file must not make the tool reach out to other machines or read
other files): :mod:`careergraph.load.jsonld` gives rdflib a loader that loads
nothing. N-Triples is read by Oxigraph's parser, linear in the length of a
line (:mod:`careergraph.load.ntriples`). Every term read is checked so that
careergraph can write it and read it back (:mod:`careergraph.load.readback`):
a lone surrogate (``"\\uD800"``), an invalid IRI, an integer of over 4,300
digits are refused with the file and line.

Examples
--------
>>> source_format("ladder.ttl.bak")
Traceback (most recent call last):
...
careergraph.errors.DataFileError: ladder.ttl.bak: cannot tell the format from the ending '.bak'; ...
>>> sorted(set(FORMATS.values()))
['json-ld', 'nt', 'turtle']
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.errors import DataFileError
from careergraph.load.readback import (LONG_DIGITS, MAX_INT_DIGITS, SURROGATE_ESCAPE, describe_node,
                                       find_problem, line_of, relabel_blank_nodes, visible)

if TYPE_CHECKING:
    import rdflib

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
"""File endings the loader reads, and the rdflib parser for each."""

MAX_FILE_BYTES = 1 << 30
"""The largest data file read into memory (1 GiB): rdflib would need tens of GiB for
more. A bigger graph goes into a persistent store (``careergraph load``), which
streams Turtle and N-Triples of any size."""

CONVERTERS: dict[str, str] = {
    ".yaml": "careergraph.importers.ladder:import_ladder",
    ".yml": "careergraph.importers.ladder:import_ladder",
    "/": "careergraph.importers.ladder:import_ladder",
}
"""Inputs read by an importer instead of an RDF parser: file ending (``"/"`` for a
folder) -> ``"module:function"``, called as ``function(path, name=name)`` and
returning an rdflib Graph (a company ladder in YAML, or a folder of its CSV tables)."""


def parse_file(path: str | Path, *, name: str | None = None) -> rdflib.Graph:
    """Parse one data file into a new graph, turning every failure into a DataFileError.

    Parameters
    ----------
    path : str or Path
        The file; its ending picks the format (see :data:`FORMATS` and
        :data:`CONVERTERS`).
    name : str, optional
        How to name the file in errors; the path by default.

    Returns
    -------
    rdflib.Graph
        The file's triples, with the prefixes it declared.

    Raises
    ------
    DataFileError
        With the file, and the line and column where the parser says.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     bad = os.path.join(tmp, "bad.ttl")
    ...     _ = open(bad, "w").write("@prefix ex: <http://example.org/> .\\nex:a ex:b .\\n")
    ...     parse_file(bad, name="bad.ttl")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: bad.ttl:2:11: expected an object ...
    """
    import rdflib

    from careergraph.load.jsonld import parse_json_ld
    from careergraph.load.ntriples import parse_n_triples

    path = Path(path)
    name = name or str(path)
    fmt = source_format(path, name)
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    if fmt == "converter":
        graph = _converter(path)(path, name=name)
        _check_terms(graph, "", name, fmt)
        return graph
    text = _read_text(path, name)
    base = path.resolve().as_uri()
    try:
        if fmt == "json-ld":
            graph = relabel_blank_nodes(parse_json_ld(text, name, base))
        elif fmt == "nt":
            graph = parse_n_triples(text, name)
        else:
            graph = rdflib.Graph()
            graph.parse(data=text, format=fmt, publicID=base)
    except DataFileError:
        raise
    except RecursionError:
        raise DataFileError(name, f"cannot read as {fmt}: nested too deeply to read") from None
    except Exception as error:  # parser plugins raise many types for bad input
        raise _parse_error(error, text, name, fmt) from None
    _check_terms(graph, text, name, fmt)
    return graph


def _check_terms(graph: rdflib.Graph, text: str, name: str, fmt: str) -> None:
    """Refuse a term careergraph could not write and read back (:mod:`careergraph.load.readback`).

    Only what the parser has not checked already: Oxigraph (N-Triples)
    checks IRIs, language tags and surrogates; careergraph's JSON reader
    refuses surrogate escapes and long numbers. A lone surrogate or a long
    integer in Turtle or N-Triples is always written in the text as an
    escape or a run of digits, so the literals are looked at only when the
    text holds one.
    """
    suspect = fmt in ("converter", "json-ld") or bool(SURROGATE_ESCAPE.search(text)) \
        or bool(LONG_DIGITS.search(text))
    found = find_problem(graph, iris=fmt != "nt", texts=suspect)
    if found is not None:
        triple, term, reason = found
        raise DataFileError(name, f"{describe_node(triple)}: {reason}",
                            line=line_of(text, term) if text else None)


def source_format(path: str | Path, name: str | None = None) -> str:
    """The rdflib format of a data file (``"converter"`` for a ladder), checking that it exists.

    Parameters
    ----------
    path : str or Path
        The file, or a folder of ladder CSV tables.
    name : str, optional
        How to name the file in errors; the path by default.

    Returns
    -------
    str
        A value of :data:`FORMATS` (``"turtle"``, ``"nt"``, ``"json-ld"``), or
        ``"converter"`` for an input an importer of :data:`CONVERTERS` reads.

    Raises
    ------
    DataFileError
        For an unknown ending, a missing file, or a folder where a file belongs.

    Examples
    --------
    >>> source_format("roles.csv")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: roles.csv: cannot tell the format from the ending '.csv'; ...
    """
    path = Path(path)
    name = name or str(path)
    if path.exists() and not path.is_dir() and not path.is_file():  # /dev/zero, a FIFO, a socket
        raise DataFileError(name, _NOT_REGULAR)
    if _converter_target(path) is not None:
        return "converter"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted({*FORMATS, *CONVERTERS} - {"/"}))
        raise DataFileError(name, f"cannot tell the format from the ending "
                                  f"'{path.suffix or '(none)'}'; use one of {known}, "
                                  "or a folder of ladder CSV tables")
    if not path.exists():
        raise DataFileError(name, "no such file")
    if path.is_dir():
        raise DataFileError(name, "is a folder, not a file")
    return fmt


_NOT_REGULAR = ("is not a regular file (a device, a FIFO or a socket, which may never end); "
                "careergraph reads data from regular files only")


def _read_text(path: Path, name: str) -> str:
    """The file as text: UTF-8 (a byte-order mark is dropped), and no binary data.

    The file is opened without waiting (a FIFO would block the open) and
    checked to be regular on the open descriptor, so that a file swapped for
    a device after :func:`source_format` looked is refused too.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise DataFileError(name, error.strerror or str(error)) from None
    try:
        with open(fd, "rb", closefd=True) as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise DataFileError(name, _NOT_REGULAR)
            if info.st_size > MAX_FILE_BYTES:
                raise DataFileError(name, _too_big(info.st_size))
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataFileError(name, error.strerror or str(error)) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew while read
        raise DataFileError(name, _too_big(len(raw)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise DataFileError(name, f"not UTF-8 text (byte 0x{raw[error.start]:02x})",
                            line=line) from None
    if "\x00" in text:
        raise DataFileError(name, "binary data (NUL byte), not an RDF text file",
                            line=text[:text.index("\x00")].count("\n") + 1)
    return text


def _too_big(size: int) -> str:
    return (f"is {size / (1 << 20):,.0f} MiB; careergraph reads at most {MAX_FILE_BYTES >> 20:,} MiB "
            "into memory: load it into a store instead (careergraph load FILE --store PATH)")


def _converter_target(path: Path) -> str | None:
    """The ``"module:function"`` of ``CONVERTERS`` for ``path``, or None."""
    key = "/" if path.is_dir() and path.suffix.lower() not in FORMATS else path.suffix.lower()
    return CONVERTERS.get(key)


def _converter(path: Path) -> Callable[..., rdflib.Graph]:
    """The importer ``CONVERTERS`` names for ``path``, imported on first use."""
    import importlib

    module, _, function = (_converter_target(path) or "").partition(":")
    return getattr(importlib.import_module(module), function)


def _parse_error(error: Exception, text: str, name: str, fmt: str) -> DataFileError:
    """Turn a parser's exception into one line naming the file and the place."""
    why = getattr(error, "_why", None)
    if why is not None:  # rdflib's Turtle parser (BadSyntax)
        data: bytes = getattr(error, "_str", b"")
        index: int = getattr(error, "_i", 0)
        while data[index:index + 1] in (b" ", b"\t"):  # point at the token, not the blank before it
            index += 1
        line = data[:index].count(b"\n") + 1
        column = index - (data.rfind(b"\n", 0, index) + 1) + 1
        return DataFileError(name, visible(_turtle_reason(why), 160), line=line, column=column)
    message = str(error)[:1000]
    if isinstance(error, ValueError) and "Exceeds the limit" in message:  # a bare 5,000-digit integer
        number = LONG_DIGITS.search(text)
        line = column = None
        if number:
            line = text.count("\n", 0, number.start()) + 1
            column = number.start() - (text.rfind("\n", 0, number.start()) + 1) + 1
        digits = len(number.group()) if number else MAX_INT_DIGITS + 1
        return DataFileError(name, f"an integer of {digits:,} digits; careergraph reads integers of "
                                   f"at most {MAX_INT_DIGITS:,} digits", line=line, column=column)
    return DataFileError(name, f"cannot read as {fmt}: {visible(message or type(error).__name__, 160)}")


def _turtle_reason(why: str) -> str:
    """rdflib's reason for a Turtle syntax error, said the way careergraph says things."""
    reason = why.strip()
    if reason.startswith("Prefix ") and reason.endswith(" not bound"):
        return f"prefix {reason[len('Prefix '):-len(' not bound')]} is not declared (add an @prefix line)"
    if reason == "objectList expected":
        return "expected an object after the property"
    return reason[0].lower() + reason[1:]
