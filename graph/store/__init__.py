"""Where the triples live: in memory, in a persistent Oxigraph store, or behind a SPARQL endpoint.

Three backends with one small interface, :class:`Store`:

- :class:`MemoryStore`: an ``rdflib.Graph`` in this process, the default and
  right for the built-in ladder and small files. The graph may be built
  lazily, on first use, so that a command answered from the cache of
  :mod:`careergraph.cache` never parses a file (nor imports rdflib).
- :class:`OxigraphStore`: a folder written by ``careergraph load`` (see
  :mod:`careergraph.load.into_store`), opened read-only with
  ``pyoxigraph.Store.read_only`` in a few milliseconds whatever its size.
- :class:`EndpointStore`: any SPARQL 1.1 endpoint over HTTP. Only queries are
  ever sent (``query=`` of the SPARQL 1.1 Protocol, never ``update=``), every
  request has a time limit, and the common prefixes are declared in front of
  each query.

Bindings. rdflib's ``initBindings`` pre-bind a variable everywhere in the
query. The SPARQL protocol carries no bindings, so for an endpoint a bound
variable goes into the text as ``VALUES`` blocks at the start of every group
that mentions it (:mod:`careergraph.sparql.values`); each value is an RDF
term serialised by :func:`term_to_sparql` (rdflib's ``.n3()``, with IRIs
checked), never a user's raw text. The Oxigraph store binds the same way:
Oxigraph's own ``substitutions`` (SEP-0007) refuse a variable the SELECT does
not project ("does not contains variable ?role in its SELECT projection"),
which is most of our named queries, and oxrdflib applies ``initBindings``
only after the query has run. The tests check that every named query gives
the same rows on all three backends.

Every backend answers :meth:`Store.query` with an object that behaves like
rdflib's query result (``vars``, iteration over rows, ``askAnswer``,
``graph``), and rows whose values are rdflib terms, reachable by position, by
``row.name`` and by ``row["name"]``; so code that reads rows does not care
where they came from. The safety checks of :mod:`careergraph.sparql.guard`
apply to users' queries before any backend sees them.

Examples
--------
>>> import rdflib
>>> graph = rdflib.Graph()
>>> _ = graph.parse(data="<http://example.org/a> <http://example.org/p> 1 .", format="turtle")
>>> store = MemoryStore(graph)
>>> [row.o.toPython() for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
[1]
>>> len(store), store.kind
(1, 'memory')
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from careergraph.errors import CareerGraphError
from careergraph.namespaces import PREFIXES, XSD

MAX_IN_MEMORY = 500_000
"""The most triples a store or endpoint is copied into an rdflib graph for (validate, export)."""

DEFAULT_HTTP_TIMEOUT = 60.0
"""Seconds an endpoint request may take when no ``--timeout`` is given."""

_XSD_STRING = XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                          "\b": "\\b", "\f": "\\f"})
"""SPARQL's escapes (ECHAR): a literal is always one double-quoted, one-line string.

(rdflib's ``.n3()`` writes a value with a line break as a triple-quoted
string, and gets the end wrong for a value ending in a backslash and a quote.)"""


class Store:
    """The interface of a backend (see the module notes for the three).

    Attributes
    ----------
    kind : str
        ``"memory"``, ``"oxigraph"`` or ``"endpoint"``.
    handles_timeout : bool
        Whether :meth:`query` keeps a ``timeout`` itself (an endpoint: the
        HTTP request's limit); otherwise a query with a time limit runs in a
        forked child (:mod:`careergraph.sparql.timeout`).
    """

    kind = "store"
    handles_timeout = False

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Any:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query.

        Parameters
        ----------
        query : str or careergraph.sparql.guard.CheckedQuery
            The query; the prefixes of :data:`careergraph.namespaces.PREFIXES`
            are predeclared.
        bindings : mapping, optional
            Variable (name or ``rdflib.Variable``) -> rdflib term, bound before
            the query runs (like rdflib's ``initBindings``).
        timeout : float, optional
            Seconds, for a store that :attr:`handles_timeout`; others ignore it.

        Returns
        -------
        rdflib.query.Result or Answer
            With ``type``, ``vars``, rows, ``askAnswer`` and ``graph``.
        """
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        """The objects of ``subject predicate ?o`` as rdflib terms."""
        rows = self.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": subject, "p": predicate})
        return [row[0] for row in rows]

    def subjects(self, predicate: Any, value: Any) -> list[Any]:
        """The subjects of ``?s predicate value`` as rdflib terms."""
        rows = self.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", {"p": predicate, "o": value})
        return [row[0] for row in rows]

    def prefetch(self, subjects: Iterable[Any]) -> None:
        """Get ready to answer :meth:`objects` for many subjects (one request for all, on an endpoint)."""

    def to_rdflib(self, limit: int | None = MAX_IN_MEMORY):
        """The whole graph as an ``rdflib.Graph`` (for pySHACL and rdflib serialisers).

        Raises
        ------
        CareerGraphError
            When it holds more than ``limit`` triples.
        """
        raise NotImplementedError

    def describe(self) -> str:
        """The backend in a few words, for messages."""
        return self.kind


# --- terms ----------------------------------------------------------------


def term_to_sparql(term: Any) -> str:
    """An rdflib term in SPARQL syntax, for a ``VALUES`` block.

    IRIs as ``<iri>`` (as rdflib's ``.n3()`` writes them); literals as one
    double-quoted string with every quote, backslash and line break escaped,
    then the language or datatype. IRIs that could break out of ``<...>``,
    odd language tags and blank nodes (which a query cannot name) are refused.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> term_to_sparql(Literal('x" } ; DROP ALL ; #'))
    '"x\\\\" } ; DROP ALL ; #"'
    >>> term_to_sparql(URIRef("http://example.org/a> } DROP ALL #"))
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: cannot bind the IRI 'http://example.org/a> } DROP ALL #':
        it holds characters an IRI may not hold
    """
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        if not _IRI_OK.fullmatch(str(term)):
            raise CareerGraphError(f"cannot bind the IRI '{term}': it holds characters an IRI "
                                   "may not hold")
        return f"<{term}>"
    if isinstance(term, BNode):
        raise CareerGraphError("a blank node cannot be bound in a query to a store or an endpoint: "
                               "a query cannot name a blank node")
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            if not _LANGUAGE.fullmatch(term.language):
                raise CareerGraphError(f"cannot bind a literal in the language '{term.language}'")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            if not _IRI_OK.fullmatch(str(term.datatype)):
                raise CareerGraphError(f"cannot bind a literal of the datatype '{term.datatype}'")
            return f"{text}^^<{term.datatype}>"
        return text
    raise CareerGraphError(f"cannot bind {term!r}: not an RDF term")


def _to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise CareerGraphError(f"cannot bind {term!r}: not an RDF term")


class TermConverter:
    """Turns pyoxigraph terms into rdflib terms, remembering the ones seen (IRIs repeat a lot).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> convert = TermConverter()
    >>> convert(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))).toPython()
    3
    >>> convert(ox.Literal("Product Owner", language="en"))
    rdflib.term.Literal('Product Owner', lang='en')
    >>> convert(ox.Literal("plain"))
    rdflib.term.Literal('plain')
    """

    def __init__(self) -> None:
        from rdflib import BNode, Literal, URIRef

        self._seen: dict[Any, Any] = {}
        self._uri, self._bnode, self._literal = URIRef, BNode, Literal
        self._datatypes: dict[str, Any] = {}

    def __call__(self, term: Any) -> Any:
        if term is None:
            return None
        seen = self._seen.get(term)
        if seen is not None:
            return seen
        kind = type(term).__name__
        if kind == "NamedNode":
            value = self._uri(term.value)
        elif kind == "BlankNode":
            value = self._bnode(term.value)
        elif kind == "Literal":
            value = self._literal_of(term)
        else:
            raise CareerGraphError(f"careergraph does not handle the term {term} "
                                   "(RDF-star triples are not part of its model)")
        if len(self._seen) < 200_000:
            self._seen[term] = value
        return value

    def _literal_of(self, term: Any) -> Any:
        if term.language:
            return self._literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return self._literal(term.value)
        uri = self._datatypes.get(datatype)
        if uri is None:
            uri = self._datatypes[datatype] = self._uri(datatype)
        return self._literal(term.value, datatype=uri)


# --- answers ----------------------------------------------------------------


class Row(tuple):
    """One row of an answer: rdflib terms (None where unbound), by position, ``row.name`` or ``row["name"]``."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self[self._index[name]]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[str(key)])
        return tuple.__getitem__(self, key)

    def get(self, name: str, default: Any = None) -> Any:
        index = self._index.get(str(name))
        value = None if index is None else tuple.__getitem__(self, index)
        return default if value is None else value

    def asdict(self) -> dict[str, Any]:
        """The bound values by variable name."""
        return {name: self[i] for name, i in self._index.items() if self[i] is not None}


class Answer:
    """The answer of a store other than memory, shaped like rdflib's ``Result``.

    Attributes
    ----------
    type : str
        ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"`` or ``"DESCRIBE"``.
    vars : list of rdflib.Variable
        The columns of a SELECT.
    rows : list of Row
    askAnswer : bool or None
    graph : rdflib.Graph or None
        The triples of a CONSTRUCT or DESCRIBE.
    """

    def __init__(self, type_: str, variables: list[str] = (), rows: list[tuple] = (),
                 ask: bool | None = None, graph: Any = None) -> None:
        from rdflib import Variable

        self.type = type_
        self.vars = [Variable(name) for name in variables]
        row_type = type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(variables)}})
        self.rows = [row_type(values) for values in rows]
        self.askAnswer = ask
        self.graph = graph

    @property
    def bindings(self) -> list[dict[Any, Any]]:
        """The rows as dicts of ``Variable`` -> term, like rdflib's ``Result.bindings``."""
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]

    def __iter__(self) -> Iterator[Any]:
        if self.type in ("CONSTRUCT", "DESCRIBE"):
            return iter(self.graph)
        if self.type == "ASK":
            return iter([self.askAnswer])
        return iter(self.rows)

    def __len__(self) -> int:
        if self.type == "ASK":
            return 1
        return len(self.graph) if self.graph is not None else len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.askAnswer) if self.type == "ASK" else len(self) > 0


def answer_from_oxigraph(result: Any, convert: TermConverter | None = None) -> Answer:
    """A pyoxigraph query result (solutions, boolean or triples) as an :class:`Answer`."""
    convert = convert or TermConverter()
    kind = type(result).__name__
    if kind == "QueryBoolean":
        return Answer("ASK", ask=bool(result))
    if kind == "QueryTriples":
        return Answer("CONSTRUCT", graph=_rdflib_graph(
            (convert(t.subject), convert(t.predicate), convert(t.object)) for t in result))
    names = [variable.value for variable in result.variables]
    width = range(len(names))
    rows = [tuple(convert(solution[i]) for i in width) for solution in result]
    return Answer("SELECT", names, rows)


def _rdflib_graph(triples: Iterable[tuple]):
    import rdflib

    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for triple in triples:
        graph.add(triple)
    return graph


def _variables(bindings: Mapping[Any, Any] | None) -> dict[str, Any]:
    return {str(name).lstrip("?$"): term for name, term in (bindings or {}).items()}


# --- memory -----------------------------------------------------------------


class MemoryStore(Store):
    """An rdflib graph in this process, given or built on first use.

    Parameters
    ----------
    graph : rdflib.Graph, optional
        The graph.
    build : callable, optional
        Called once, without arguments, to make the graph when it is first
        needed (when no ``graph`` is given).
    """

    kind = "memory"

    def __init__(self, graph: Any = None, build: Callable[[], Any] | None = None) -> None:
        if graph is None and build is None:
            raise ValueError("give a graph or a function that builds it")
        self._graph = graph
        self._build = build

    @property
    def graph(self):
        """The rdflib graph (built now if it was not yet)."""
        if self._graph is None:
            self._graph = self._build()
        return self._graph

    @property
    def built(self) -> bool:
        """Whether the graph exists yet."""
        return self._graph is not None

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Any:
        from rdflib import Variable

        prepared = getattr(query, "query", None) or _prepared(query)
        initial = {Variable(name): term for name, term in _variables(bindings).items()}
        return self.graph.query(prepared, initBindings=initial)

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        return list(self.graph.objects(subject, predicate))

    def subjects(self, predicate: Any, value: Any) -> list[Any]:
        return list(self.graph.subjects(predicate, value, unique=True))

    def __len__(self) -> int:
        return len(self.graph)

    def to_rdflib(self, limit: int | None = None):
        return self.graph

    def describe(self) -> str:
        return "the graph in memory"


@lru_cache(maxsize=64)
def _prepared(text: str):
    """A query text parsed once by rdflib (parsing costs more than running a small query)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=PREFIXES)


# --- Oxigraph ---------------------------------------------------------------


class OxigraphStore(Store):
    """A careergraph store folder, opened read-only (see :mod:`careergraph.load.into_store`).

    It reopens itself in a forked child (a query with a time limit), since
    a database handle must not cross ``fork()``.

    Parameters
    ----------
    path : str or Path
        The folder ``careergraph load`` wrote.

    Raises
    ------
    CareerGraphError
        When the folder is missing or is not a careergraph store.
    """

    kind = "oxigraph"

    def __init__(self, path: str | Path) -> None:
        from careergraph.load.into_store import read_metadata

        self.path = Path(path)
        self.metadata = read_metadata(self.path)
        self._store = None
        self._pid = 0
        self._open()

    def _open(self):
        import pyoxigraph

        try:
            self._store = pyoxigraph.Store.read_only(str(self.path))
        except OSError as error:
            raise CareerGraphError(f"{self.path}: cannot open the store: "
                                   f"{' '.join(str(error).split())}") from None
        self._pid = os.getpid()
        return self._store

    @property
    def oxigraph(self):
        """The ``pyoxigraph.Store`` (reopened after a fork)."""
        return self._store if self._pid == os.getpid() else self._open()

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Answer:
        from careergraph.sparql.values import bind_values

        text = getattr(query, "text", query)
        values = {name: term_to_sparql(term) for name, term in _variables(bindings).items()}
        try:
            result = self.oxigraph.query(bind_values(text, values), prefixes=PREFIXES)
            return answer_from_oxigraph(result)
        except (SyntaxError, OSError, ValueError) as error:
            raise CareerGraphError(f"cannot run the query: {' '.join(str(error).split())}") from None

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        import pyoxigraph as ox

        convert = TermConverter()
        return [convert(quad.object) for quad in self.oxigraph.quads_for_pattern(
            _to_ox(_node(subject)), _to_ox(_node(predicate)), None, ox.DefaultGraph())]

    def subjects(self, predicate: Any, value: Any) -> list[Any]:
        import pyoxigraph as ox

        convert = TermConverter()
        found = dict.fromkeys(quad.subject for quad in self.oxigraph.quads_for_pattern(
            None, _to_ox(_node(predicate)), _to_ox(_node(value)), ox.DefaultGraph()))
        return [convert(subject) for subject in found]

    def __len__(self) -> int:
        return len(self.oxigraph)

    def to_rdflib(self, limit: int | None = MAX_IN_MEMORY):
        import pyoxigraph as ox

        _check_size(len(self), limit, self.describe())
        convert = TermConverter()
        return _rdflib_graph((convert(q.subject), convert(q.predicate), convert(q.object))
                             for q in self.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def dump(self, out: Any, fmt: str) -> None:
        """Write every triple to a binary file object as ``"ttl"`` or ``"nt"`` (streamed)."""
        import pyoxigraph as ox

        formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
        options = {"prefixes": PREFIXES} if fmt == "ttl" else {}
        self.oxigraph.dump(out, formats[fmt], from_graph=ox.DefaultGraph(), **options)

    def describe(self) -> str:
        return f"the store {self.path}"


def _node(value: Any) -> Any:
    from rdflib.term import Node, URIRef

    return value if isinstance(value, Node) else URIRef(str(value))


def _check_size(count: int, limit: int | None, what: str) -> None:
    if limit is not None and count > limit:
        raise CareerGraphError(f"{what} holds {count:,} triples; this needs the whole graph in "
                               f"memory, which careergraph does for at most {limit:,}: work on the "
                               "files instead (-d FILE)")


# --- SPARQL endpoint -----------------------------------------------------------


class EndpointStore(Store):
    """A SPARQL 1.1 endpoint over HTTP, queried read-only.

    Parameters
    ----------
    url : str
        The endpoint (``http://`` or ``https://``).
    timeout : float
        Seconds each request may take when the query gives no limit of its own.

    Raises
    ------
    CareerGraphError
        When the URL is not an HTTP(S) URL.

    Examples
    --------
    >>> EndpointStore("ftp://example.org/sparql")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: --endpoint ftp://example.org/sparql:
        give an http:// or https:// URL of a SPARQL endpoint
    """

    kind = "endpoint"
    handles_timeout = True

    def __init__(self, url: str, timeout: float = DEFAULT_HTTP_TIMEOUT) -> None:
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CareerGraphError(f"--endpoint {url}: give an http:// or https:// URL of a "
                                   "SPARQL endpoint")
        self.url = url
        self.timeout = timeout
        self._loopback = (parts.hostname or "") in ("127.0.0.1", "localhost", "::1")
        self._count: int | None = None
        self._facts: dict[Any, dict[str, list[Any]]] = {}

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        """Answered from every fact about ``subject``, fetched in one request and kept."""
        if subject not in self._facts:
            self.prefetch([subject])
        return list(self._facts.get(subject, {}).get(str(predicate), ()))

    def prefetch(self, subjects: Iterable[Any]) -> None:
        """Fetch every ``subject ?p ?o`` of the IRIs not fetched yet, 200 subjects a request."""
        from rdflib import URIRef

        wanted = [s for s in dict.fromkeys(subjects) if isinstance(s, URIRef) and s not in self._facts]
        for start in range(0, len(wanted), 200):
            chunk = wanted[start:start + 200]
            values = " ".join(term_to_sparql(subject) for subject in chunk)
            facts = {subject: {} for subject in chunk}
            for row in self.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
                facts[row[0]].setdefault(str(row[1]), []).append(row[2])
            self._facts.update(facts)

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Answer:
        import pyoxigraph as ox

        from careergraph.sparql.values import bind_values, query_form

        text = getattr(query, "text", query)
        form = getattr(query, "kind", None) or query_form(text) or "select"
        values = {name: term_to_sparql(term) for name, term in _variables(bindings).items()}
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        body, media = self._post(prologue + bind_values(text, values), form, timeout)
        try:
            if form in ("construct", "describe"):
                rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
                convert = TermConverter()
                return Answer(form.upper(), graph=_rdflib_graph(
                    (convert(t.subject), convert(t.predicate), convert(t.object))
                    for t in ox.parse(body, rdf_format)))
            results_format = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
            return answer_from_oxigraph(ox.parse_query_results(body, results_format))
        except (SyntaxError, ValueError) as error:
            raise CareerGraphError(f"{self.url} answered with something careergraph cannot read "
                                   f"({media}): {' '.join(str(error).split())[:200]}") from None

    def _post(self, text: str, form: str, timeout: float | None) -> tuple[bytes, str]:
        """Send the query; return the body and its media type. One deadline for the whole exchange."""
        import socket
        import urllib.error
        import urllib.parse
        import urllib.request

        from careergraph import __version__
        from careergraph.sparql.timeout import Timeout

        accept = ("application/n-triples, text/turtle;q=0.9" if form in ("construct", "describe")
                  else "application/sparql-results+json")
        limit = timeout if timeout is not None else self.timeout
        deadline = time.monotonic() + limit
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded",
                     "User-Agent": f"careergraph/{__version__}"})
        handlers = [urllib.request.ProxyHandler({})] if self._loopback else []
        opener = urllib.request.build_opener(*handlers)
        chunks: list[bytes] = []
        try:
            with opener.open(request, timeout=limit) as response:
                media = response.headers.get_content_type()
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:  # each read also has the limit: a slow server ends within it
                        raise TimeoutError
                    chunk = response.read(1 << 16)
                    if not chunk:
                        break
                    chunks.append(chunk)
        except urllib.error.HTTPError as error:
            detail = " ".join(error.read(500).decode("utf-8", "replace").split())
            raise CareerGraphError(f"the endpoint {self.url} refused the query: HTTP {error.code} "
                                   f"{error.reason}" + (f": {detail}" if detail else "")) from None
        except TimeoutError:
            raise Timeout(limit, "the query") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise Timeout(limit, "the query") from None
            raise CareerGraphError(f"cannot reach the SPARQL endpoint {self.url}: "
                                   f"{getattr(error.reason, 'strerror', None) or error.reason}") from None
        except OSError as error:
            raise CareerGraphError(f"cannot reach the SPARQL endpoint {self.url}: "
                                   f"{error.strerror or error}") from None
        return b"".join(chunks), media

    def __len__(self) -> int:
        if self._count is None:
            rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
            self._count = int(rows[0][0].toPython()) if rows else 0
        return self._count

    def to_rdflib(self, limit: int | None = MAX_IN_MEMORY):
        _check_size(len(self), limit, self.describe())
        return self.query("CONSTRUCT WHERE { ?s ?p ?o }").graph

    def describe(self) -> str:
        return f"the SPARQL endpoint {self.url}"
