"""Read one data file into an rdflib graph, or say in one line what is wrong with it, and where.

The ending of a file picks its reader: an RDF parser of rdflib for Turtle,
N-Triples and JSON-LD (:data:`FORMATS`), or one of careergraph's importers
for a company ladder in YAML or a folder of its CSV tables
(:data:`CONVERTERS`). Every failure becomes a
:class:`~careergraph.errors.DataFileError` naming the file, and the line and
column where the parser says: a missing file, a folder, text that is not
UTF-8, binary data, a Turtle syntax error, a bad N-Triples line, JSON that
does not parse.

JSON-LD can name a context by URL, which a JSON-LD processor would fetch
from the network while loading; careergraph never does (a data file must not
make the tool reach out to other machines), so such a file is refused
before rdflib sees it.

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

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.errors import DataFileError

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

    path = Path(path)
    name = name or str(path)
    fmt = source_format(path, name)
    if fmt == "converter":
        return _converter(path)(path, name=name)
    text = _read_text(path, name)
    if fmt == "json-ld":
        _check_json_ld(text, name)
    graph = rdflib.Graph()
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as error:  # parser plugins raise many types for bad input
        raise _parse_error(error, text, name, fmt) from None
    return graph


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


def _read_text(path: Path, name: str) -> str:
    """The file as text: UTF-8 (a byte-order mark is dropped), and no binary data."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError(name, error.strerror or str(error)) from None
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


def _converter_target(path: Path) -> str | None:
    """The ``"module:function"`` of ``CONVERTERS`` for ``path``, or None."""
    key = "/" if path.is_dir() and path.suffix.lower() not in FORMATS else path.suffix.lower()
    return CONVERTERS.get(key)


def _converter(path: Path) -> Callable[..., rdflib.Graph]:
    """The importer ``CONVERTERS`` names for ``path``, imported on first use."""
    import importlib

    module, _, function = (_converter_target(path) or "").partition(":")
    return getattr(importlib.import_module(module), function)


def _check_json_ld(text: str, name: str) -> None:
    """Refuse JSON-LD that is not JSON, or that would fetch a context from elsewhere."""
    try:
        document = json.loads(text)
        remote = next(_remote_contexts(document), None)
    except json.JSONDecodeError as error:
        raise DataFileError(name, f"not valid JSON: {error.msg}",
                            line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise DataFileError(name, "not valid JSON-LD: nested too deeply to read") from None
    if remote is not None:
        raise DataFileError(name, f"refers to the JSON-LD context '{remote}', which "
                                  "careergraph does not fetch; put the context in the file")


def _remote_contexts(value: object) -> Iterator[str]:
    """Every context a JSON-LD document names by reference (``@context`` or ``@import``)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("@context", "@import"):
                contexts = item if isinstance(item, list) else [item]
                yield from (c for c in contexts if isinstance(c, str))
            yield from _remote_contexts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _remote_contexts(item)


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
        return DataFileError(name, _turtle_reason(why), line=line, column=column)
    message = " ".join(str(error).split()) or type(error).__name__
    if message.startswith("Invalid line:"):  # rdflib's N-Triples parser: the rest of the line
        return _n_triples_error(message[len("Invalid line:"):].strip(), text, name)
    return DataFileError(name, f"cannot read as {fmt}: {message}")


def _n_triples_error(bad: str, text: str, name: str) -> DataFileError:
    """The error for an N-Triples line the parser refused (``bad``: the rest of the line)."""
    reason = f"not a valid N-Triples line: {bad}" if bad else \
        "not a valid N-Triples line: a triple ends with ' .'"
    for number, line_text in enumerate(text.splitlines(), start=1):
        line_text = line_text.strip()
        if line_text.endswith(bad) if bad else \
                line_text and not line_text.startswith("#") and not line_text.endswith("."):
            return DataFileError(name, reason, line=number)
    return DataFileError(name, reason)


def _turtle_reason(why: str) -> str:
    """rdflib's reason for a Turtle syntax error, said the way careergraph says things."""
    reason = why.strip()
    if reason.startswith("Prefix ") and reason.endswith(" not bound"):
        return f"prefix {reason[len('Prefix '):-len(' not bound')]} is not declared (add an @prefix line)"
    if reason == "objectList expected":
        return "expected an object after the property"
    return reason[0].lower() + reason[1:]
