"""JSON-LD in: careergraph reads the JSON, rdflib turns it into triples with a loader that loads nothing.

A JSON-LD document may name contexts by URL or by file path, anywhere: at
the top, in a list of lists, in a type-scoped or property-scoped context,
inside ``@graph``, through ``@import``. A JSON-LD processor loads each one
over the network or from disk. careergraph never does: while rdflib's parser
runs, every context it would load goes to :func:`_refuse_context` instead,
which loads nothing and stops the parse with one line naming the file and the
context (:func:`contexts_refused`). That is
the guarantee; a walk over the document (:func:`remote_contexts`) finds the
usual places first, for a friendlier error before rdflib starts.

The JSON is read by careergraph (:func:`read_json`), so that every way a
file can be wrong is one line with the place: JSON that does not parse,
nesting too deep, a number Python will not read (over 4,300 digits), a
lone surrogate escape (``"\\ud800"``).

Examples
--------
>>> import rdflib
>>> graph = parse_json_ld('{"@context": [["ctx.jsonld"]], "@id": "http://example.org/a"}',
...                       "a.jsonld", "file:///tmp/a.jsonld")
Traceback (most recent call last):
...
careergraph.errors.DataFileError: a.jsonld: refers to the JSON-LD context 'ctx.jsonld', which careergraph ...
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from careergraph.errors import DataFileError
from careergraph.load.readback import LONG_DIGITS, MAX_INT_DIGITS, SURROGATE_ESCAPE, visible

if TYPE_CHECKING:
    import rdflib


_PARSING: contextvars.ContextVar[str] = contextvars.ContextVar("careergraph_json_ld_file", default="JSON-LD")
"""The file being parsed in this thread, for the error the refusing loader raises."""


def parse_json_ld(text: str, name: str, base: str) -> rdflib.Graph:
    """The triples of a JSON-LD document, loading no context from anywhere.

    Parameters
    ----------
    text : str
        The document.
    name : str
        The file, as errors name it.
    base : str
        The base IRI of the document (the file's ``file:`` URI).

    Returns
    -------
    rdflib.Graph
        The triples, with the prefixes the document's context defines.

    Raises
    ------
    DataFileError
        When the JSON does not parse (with line and column), is nested too
        deeply, or the document names a context by URL or path.
    """
    import rdflib
    from rdflib.parser import PythonInputSource

    document = read_json(text, name)
    try:
        remote = next(remote_contexts(document), None)
    except RecursionError:
        raise DataFileError(name, "not valid JSON-LD: nested too deeply to read") from None
    if remote is not None:
        raise _refused(name, remote)
    graph = rdflib.Graph()
    try:
        with contexts_refused(name):
            graph.parse(source=PythonInputSource(document, base), format="json-ld", publicID=base)
    except RecursionError:
        raise DataFileError(name, "not valid JSON-LD: nested too deeply to read") from None
    return graph


def _refused(name: str, context: object) -> DataFileError:
    return DataFileError(name, f"refers to the JSON-LD context '{visible(str(context), 120)}', which "
                               "careergraph does not fetch; put the context in the file")


def read_json(text: str, name: str) -> Any:
    """The JSON value of ``text``, or a DataFileError saying what is wrong and where.

    Parameters
    ----------
    text : str
        The document.
    name : str
        The file, as errors name it.

    Returns
    -------
    object
        What :func:`json.loads` gives.

    Raises
    ------
    DataFileError
        For JSON that does not parse, nesting too deep, an integer of more
        than 4,300 digits or a lone surrogate escape (line and column).

    Examples
    --------
    >>> read_json('{"label": "\\\\ud800"}', "a.json")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: a.json:1:12: the string holds a lone surrogate (\\ud800), ...
    """
    surrogate = _lone_surrogate(text) if SURROGATE_ESCAPE.search(text) else None
    if surrogate is not None:
        line, column = _place(text, surrogate.start())
        raise DataFileError(name, f"the string holds a lone surrogate ({surrogate.group()}), which is "
                                  "not a character; write the character itself", line=line, column=column)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(name, f"not valid JSON: {error.msg}",
                            line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise DataFileError(name, "not valid JSON-LD: nested too deeply to read") from None
    except ValueError:  # Python's limit on the digits of an int
        number = _long_number(text)
        line, column = _place(text, number.start()) if number else (None, None)
        digits = len(number.group()) if number else MAX_INT_DIGITS + 1
        raise DataFileError(name, f"a number of {digits:,} digits; careergraph reads integers of at "
                                  f"most {MAX_INT_DIGITS:,} digits", line=line, column=column) from None


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)


def _lone_surrogate(text: str) -> re.Match[str] | None:
    """The first ``\\uD800``-like escape of ``text`` that is not half of a pair, or None."""
    pending: re.Match[str] | None = None
    for match in _ESCAPE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else -1
        if 0xDC00 <= code <= 0xDFFF and pending is not None and pending.end() == match.start():
            pending = None  # the low half of a pair
            continue
        if pending is not None or 0xDC00 <= code <= 0xDFFF:
            return pending or match
        if 0xD800 <= code <= 0xDBFF:
            pending = match
    return pending


def _long_number(text: str) -> re.Match[str] | None:
    """The first run of more than 4,300 digits that is a JSON number (not inside a string)."""
    for match in LONG_DIGITS.finditer(text):
        before = text[:match.start()].rstrip(" \t\r\n-+")
        if not before or before[-1] in ":[,":
            return match
    return None


def _place(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def remote_contexts(value: object) -> Iterator[str]:
    """The contexts a JSON-LD document names by reference in the usual places (``@context``, ``@import``).

    A first look for a friendly message; the guarantee is :func:`contexts_refused`.

    Parameters
    ----------
    value : object
        The JSON value of the document (or a part of it).

    Yields
    ------
    str
        Each context named by URL or path, as written.

    Examples
    --------
    >>> list(remote_contexts({"@context": ["https://schema.org/", {"a": "http://a/"}]}))
    ['https://schema.org/']
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("@context", "@import"):
                contexts = item if isinstance(item, list) else [item]
                yield from (c for c in contexts if isinstance(c, str))
            yield from remote_contexts(item)
    elif isinstance(value, list):
        for item in value:
            yield from remote_contexts(item)


_LOCK = threading.Lock()
_HOLDERS = 0
_SAVED: dict[str, Any] = {}


@contextlib.contextmanager
def contexts_refused(name: str = "JSON-LD") -> Iterator[None]:
    """While the block runs, rdflib's JSON-LD parser loads no context: each one is a DataFileError.

    rdflib (7.x) loads every context a document names by reference through
    one method, ``Context._fetch_context`` (which calls ``source_to_json``,
    the document loader, for a URL or a path). The block replaces that method
    and that loader with :func:`_refuse_context`, and puts the originals back
    when the last block ends (a count under a lock, so blocks in several
    threads nest safely). Nothing else changes: an inline context is read
    as before. With an rdflib that has neither, JSON-LD is refused outright
    rather than read with a loader careergraph cannot stop.

    Parameters
    ----------
    name : str, default "JSON-LD"
        The file parsed in the block, as the error names it.

    Yields
    ------
    None
        Parse inside the block.

    Raises
    ------
    DataFileError
        In the block, for the first context the document names by URL or
        path; on entering, when this rdflib offers neither hook.

    Examples
    --------
    >>> import rdflib
    >>> with contexts_refused("a.jsonld"):
    ...     rdflib.Graph().parse(data='{"@context": {"@import": "http://127.0.0.1:9/c"}}', format="json-ld")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: a.jsonld: refers to the JSON-LD context 'http://127.0.0.1:9/c', ...
    """
    global _HOLDERS
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    hooks = {"_fetch_context": (jsonld_context.Context, _refuse_context),
             "source_to_json": (jsonld_context, _refuse_source)}
    with _LOCK:
        if _HOLDERS == 0:
            present = {hook: owner for hook, (owner, _) in hooks.items() if hook in vars(owner)}
            if "_fetch_context" not in present:
                raise DataFileError("JSON-LD", "this version of rdflib loads contexts in a way careergraph "
                                               "cannot stop; JSON-LD files are refused")
            for hook, owner in present.items():
                _SAVED[hook] = vars(owner)[hook]
                setattr(owner, hook, hooks[hook][1])
        _HOLDERS += 1
    token = _PARSING.set(name)
    try:
        yield
    finally:
        _PARSING.reset(token)
        with _LOCK:
            _HOLDERS -= 1
            if _HOLDERS == 0:
                for hook, original in _SAVED.items():
                    setattr(hooks[hook][0], hook, original)
                _SAVED.clear()


def _refuse_context(self: Any, source: str, base: str | None, referenced: Any = None) -> None:
    """``Context._fetch_context`` while :func:`contexts_refused` holds: load nothing."""
    raise _refused(_PARSING.get(), source)


def _refuse_source(source: Any, *args: Any, **kwargs: Any) -> None:
    """``source_to_json`` of rdflib's context module while :func:`contexts_refused` holds."""
    raise _refused(_PARSING.get(), source)
