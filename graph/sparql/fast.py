"""The fast path of ``careergraph query`` on the built-in graph: Oxigraph on a cached snapshot, no rdflib.

Importing rdflib and its SPARQL engine costs about half a second; the
built-in graph is about 2,000 triples. So a query on the built-in graph
alone (no ``-d``, ``--store``, ``--endpoint`` or ``--timeout``) runs in an
in-memory ``pyoxigraph.Store`` loaded from the snapshot of
:mod:`careergraph.sparql.snapshot`, and its answer is written by
:mod:`careergraph.sparql.plain`, byte for byte as the rdflib path writes it.

The fast path takes only what it can answer exactly as rdflib does, and
declines anything else (it returns a :class:`Declined`) before any output;
the caller then runs the query the usual way (:func:`careergraph.sparql.queries.run_query`),
which answers, or says in one line what is wrong. It falls back for:

- no snapshot yet (``Declined.no_snapshot``: the caller writes it), or the cache off;
- a CONSTRUCT or DESCRIBE (rdflib's Turtle and JSON-LD writers);
- a ``GROUP_CONCAT(DISTINCT ...)`` or a ``*`` it cannot tell a product from a
  path by (the others are rewritten so that Oxigraph computes as rdflib:
  :mod:`careergraph.sparql.rewrite`);
- a query with ``SERVICE``, ``FROM``, ``LOAD`` or an update keyword outside
  strings and comments (the guard of :mod:`careergraph.sparql.guard` refuses those),
  one that names ``xsd:string`` (rdflib keeps that datatype, Oxigraph does not),
  and one Oxigraph cannot parse (the rdflib parser's message, with its position);
- any mistake of the user's (an unknown parameter, a role not found): the
  rdflib path gives the one message;
- a parameter value other than an IRI, a whole number in its usual spelling,
  or plain text (rdflib normalises the others its own way);
- an answer holding a term whose spelling rdflib could write otherwise: a
  blank node, a literal with a datatype other than ``xsd:string``,
  ``xsd:integer`` (in its canonical spelling) and ``xsd:boolean``, or with
  an upper-case language tag; a whole ``xsd:decimal`` (a rounded quotient of
  whole numbers) only when the query holds no decimal number, AVG or cast.

Parameters are bound as the Oxigraph store binds them: ``VALUES`` blocks of
escaped terms (:func:`careergraph.sparql.values.bind_values`), never pasted text.

Examples
--------
>>> import os, tempfile
>>> from careergraph.load import load_graph
>>> from careergraph.sparql.snapshot import write_snapshot
>>> with tempfile.TemporaryDirectory() as tmp:
...     os.environ["XDG_CACHE_HOME"] = tmp
...     _ = write_snapshot(load_graph())
...     result = answer("alternative-titles", {"role": "Director of Product"})
...     del os.environ["XDG_CACHE_HOME"]
>>> [display(term) for term in result.rows[0]]
['Director of Product', 'DoP']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from careergraph.errors import CareerGraphError
from careergraph.namespaces import PREFIXES, RDF, XSD
from careergraph.sparql.plain import PlainResult, display  # noqa: F401 - display for the examples

REFUSED_WORDS = frozenset({"service", "from", "load", "insert", "delete", "drop", "clear", "create",
                           "add", "move", "copy", "with", "using", "data"})
"""Words that send a query to the rdflib path, which refuses or answers it."""

_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_CANONICAL_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_LANGUAGE = re.compile(r"[a-z]+(-[a-z0-9]+)*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                          "\b": "\\b", "\f": "\\f"})
_INTEGER = XSD + "integer"
_DECIMAL = XSD + "decimal"
_NOT_WHOLE = re.compile(r"[0-9]\.[0-9]|\.[0-9]|[0-9][eE]|(?<![?$\w])(avg|decimal|double|float)\b", re.IGNORECASE)
"""What may make a decimal rdflib spells otherwise than Oxigraph (``"3.0"`` and ``"3"``)."""
_EXACT_TYPES = {XSD + "string", RDF + "langString", _INTEGER, XSD + "boolean"}


MAX_NESTING = 64
"""Past this many nested ``{`` (strings and IRIs counted too: a fallback costs only time),
the query goes the rdflib way, whose guard refuses what its parser cannot read (about 700)."""


def _nesting(text: str) -> int:
    """The deepest nesting of ``{`` in the text."""
    depth = deepest = 0
    for character in text:
        if character == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif character == "}":
            depth -= 1
    return deepest


class Declined(NamedTuple):
    """The fast path's answer when it leaves the query to rdflib (see the module notes).

    Parameters
    ----------
    reason : str
        Why, in a few words (for tests and debugging).
    no_snapshot : bool, default False
        True when only the snapshot was missing: the caller writes it after
        answering the usual way.
    """

    reason: str
    no_snapshot: bool = False


class _Fallback(Exception):
    """Raised inside this module to decline (never leaves it: :func:`answer` returns a :class:`Declined`)."""

    def __init__(self, reason: str, *, no_snapshot: bool = False) -> None:
        super().__init__(reason)
        self.declined = Declined(reason, no_snapshot)


def answer(query: str, params: Mapping[str, str] | None = None, *, ladder: str | None = None,
           key: str | None = None) -> PlainResult | Declined:
    """Run a query on the built-in graph in Oxigraph, or decline.

    Parameters
    ----------
    query : str
        A named query's name, a ``.rq`` file or SPARQL text (as
        :func:`careergraph.sparql.queries.find_query` reads it).
    params : mapping, optional
        Parameter values by name, as text (``--param``).
    ladder : str, optional
        The default ladder of role titles (``--ladder``).
    key : str, optional
        The snapshot's key (:func:`careergraph.sparql.snapshot.snapshot_key`;
        computed when not given).

    Returns
    -------
    PlainResult or Declined
        The answer, as pyoxigraph terms; or why the rdflib path must answer,
        nothing printed yet.
    """
    try:
        return _answer(query, params, ladder=ladder, key=key)
    except _Fallback as declined:
        return declined.declined


def _answer(query: str, params: Mapping[str, str] | None = None, *, ladder: str | None = None,
            key: str | None = None) -> PlainResult:
    """:func:`answer`, raising :class:`_Fallback` to decline."""
    from careergraph.sparql.params import parse_parameters
    from careergraph.sparql.snapshot import open_snapshot, snapshot_key
    from careergraph.sparql.rewrite import rdflib_like
    from careergraph.sparql.values import bind_values, query_form, words_and_variables

    key = key or snapshot_key()
    if key is None:
        raise _Fallback("the cache is off")
    name, text = find_text(query)
    try:
        declared = parse_parameters(text.splitlines(), f"query '{name}'" if name else "the query")
    except CareerGraphError:
        raise _Fallback("the header cannot be read") from None
    kind = query_form(text)
    if kind not in ("select", "ask"):
        raise _Fallback(f"a {kind or 'malformed'} query")
    words, variables = words_and_variables(text)
    if words & REFUSED_WORDS:
        raise _Fallback("a word the guard looks at")
    if re.search(r"xsd:string|XMLSchema#string", text):
        raise _Fallback("xsd:string")
    if _nesting(text) > MAX_NESTING:
        raise _Fallback("deeply nested: the guard refuses what rdflib's parser cannot read")
    # decimals are spelt alike when they can only come from dividing whole numbers (and rounding):
    # no decimal number in the query (the built-in graph holds none), no AVG, no casts
    decimals = not _NOT_WHOLE.search(text)
    text = rdflib_like(text)
    if text is None:
        raise _Fallback("a GROUP_CONCAT(DISTINCT ...) or a * that may be a product")
    values = _values(declared, dict(params or {}), variables, ladder)
    store = open_snapshot(key)
    if store is None:
        raise _Fallback("no snapshot", no_snapshot=True)
    try:
        answered = _read(store.query(bind_values(text, values), prefixes=PREFIXES))
    except (SyntaxError, ValueError, OSError, RuntimeError) as error:
        raise _Fallback(f"Oxigraph: {error}") from None
    return _plain(answered, kind, decimals=decimals)


def find_text(query: str) -> tuple[str, str]:
    """The name and text of the query a user means, as :func:`careergraph.sparql.queries.find_query` finds it.

    Read here without importing the query machinery (and the store and
    rdflib-facing modules it brings): a named query's name, a one-line text
    ending in ``.rq`` (a file), or SPARQL text.

    Parameters
    ----------
    query : str
        A name, a file or SPARQL text.

    Returns
    -------
    tuple of (str, str)
        The query's name (the file's stem; empty for text) and its text.

    Raises
    ------
    Fallback
        For a file that cannot be read (the usual path says why).

    Examples
    --------
    >>> find_text("ladder")[1].startswith("# Title: The ladder")
    True
    >>> find_text("ASK { ?s ?p ?o }")
    ('', 'ASK { ?s ?p ?o }')
    """
    from pathlib import Path

    from careergraph.resources import ontology_dir

    folder = ontology_dir() / "queries"
    if query.endswith(".rq") or "\n" in query or "/" in query or query.startswith("."):
        path = None
    else:
        path = folder / f"{query}.rq"
        path = path if path.is_file() else None
    if path is None and query.strip().endswith(".rq") and "\n" not in query.strip():
        path = Path(query.strip())
    if path is None:
        return "", query
    try:
        return path.stem, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise _Fallback("the query file cannot be read") from None


def _values(declared: tuple[Any, ...], params: dict[str, str], variables: set[str],
            ladder: str | None) -> dict[str, str]:
    """The ``VALUES`` terms of the parameters, in SPARQL syntax."""
    graph: list[Any] = []

    def kg() -> Any:  # the graph from the on-disk cache: its title and skill indexes
        if not graph:
            from careergraph.session import open_graph

            try:
                graph.append(open_graph(cache=True, ladder=ladder))
            except CareerGraphError:
                raise _Fallback("the graph or --ladder") from None
        return graph[0]

    if ladder is not None:
        kg()  # an unknown --ladder is the rdflib path's message
    values: dict[str, str] = {}
    if not declared:
        for name, value in params.items():
            if name not in variables:
                raise _Fallback(f"no variable ?{name}")
            values[name] = _undeclared(value)
        return values
    known = {parameter.name for parameter in declared}
    for name in params:
        if name not in known:
            raise _Fallback(f"no parameter {name}")
    for parameter in declared:
        if parameter.name not in params:
            if parameter.required:
                raise _Fallback(f"no value for {parameter.name}")
            continue
        value = str(params[parameter.name])
        try:
            values[parameter.name] = _declared(parameter.kind, value, kg)
        except CareerGraphError:
            raise _Fallback(f"the value of {parameter.name}") from None
    return values


def _declared(kind: str, value: str, kg: Any) -> str:
    """A value of a declared parameter as :func:`careergraph.sparql.params.resolve_value` reads it."""
    if kind == "role":
        from careergraph.names import TitleIndex

        return _iri(TitleIndex.for_graph(kg()).resolve(value))
    if kind == "skill":
        from careergraph.names import skill_index

        return _iri(skill_index(kg()).resolve(value))
    if kind == "integer":
        try:
            return _literal(str(int(value.strip())), _INTEGER)
        except ValueError:
            raise _Fallback("not a whole number") from None
    if kind == "iri":
        return _undeclared(value, iri=True)
    return _literal(value)


def _undeclared(value: str, *, iri: bool = False) -> str:
    """A value read as :func:`careergraph.sparql.params.term_from_text` reads it, when rdflib keeps it as it is."""
    from careergraph.sparql.params import plain_term

    kind, text, extra = plain_term(value)
    if kind == "iri":
        return _iri(text)
    if iri:
        raise _Fallback("not an IRI")
    if kind == "integer":
        return _literal(str(int(text)), _INTEGER)
    if kind == "string" or (kind == "lang" and extra is None):
        return _literal(text)
    raise _Fallback(f"a {kind} value")


def _iri(text: str) -> str:
    if not _IRI_OK.fullmatch(text):
        raise _Fallback("an IRI SPARQL cannot hold")
    return f"<{text}>"


def _literal(text: str, datatype: str | None = None) -> str:
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise _Fallback("a lone surrogate")
    quoted = '"' + text.translate(_ESCAPES) + '"'
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def _read(result: Any) -> tuple[str, list[str], list[tuple[Any, ...]], bool | None]:
    """Everything of Oxigraph's answer, read at once: its form, variables, rows and boolean.

    Nothing keeps the answer object itself, which must be dropped in the thread that made it.
    """
    form = type(result).__name__
    if form == "QueryBoolean":
        return form, [], [], bool(result)
    if form != "QuerySolutions":
        return form, [], [], None
    names = [variable.value for variable in result.variables]
    width = range(len(names))
    return form, names, [tuple(solution[i] for i in width) for solution in result], None


def _plain(answered: tuple[str, list[str], list[tuple[Any, ...]], bool | None], kind: str, *,
           decimals: bool = False) -> PlainResult:
    """Oxigraph's answer as a :class:`PlainResult`, when every term is one rdflib writes the same way."""
    form, names, rows, boolean = answered
    if form == "QueryBoolean":
        if kind != "ask":
            raise _Fallback("an unexpected boolean")
        return PlainResult("ask", [], boolean=boolean)
    if form != "QuerySolutions" or kind != "select":
        raise _Fallback(f"an unexpected {form}")
    seen: set[Any] = set()
    for row in rows:
        for term in row:
            if term is not None and term not in seen:
                _check(term, decimals)
                seen.add(term)
    return PlainResult("select", names, rows)


def _check(term: Any, decimals: bool = False) -> None:
    """Decline a term rdflib could spell otherwise (see the module notes).

    ``decimals``: a whole ``xsd:decimal`` (``"43"``) is spelt alike, as when the
    query divides whole numbers and rounds the quotient.
    """
    kind = type(term).__name__
    if kind == "NamedNode":
        return
    if kind != "Literal":
        raise _Fallback(f"a {kind} in the answer")
    datatype = term.datatype.value
    if decimals and datatype == _DECIMAL and _CANONICAL_INTEGER.fullmatch(term.value):
        return
    if datatype not in _EXACT_TYPES or \
            (datatype == _INTEGER and not _CANONICAL_INTEGER.fullmatch(term.value)) or \
            (datatype == XSD + "boolean" and term.value not in ("true", "false")) or \
            (term.language and not _LANGUAGE.fullmatch(term.language)):
        raise _Fallback(f"the literal {term} in the answer")
