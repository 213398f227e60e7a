"""The endpoint store: any SPARQL 1.1 endpoint over HTTP, queried read-only.

Only queries are ever sent (``query=`` of the SPARQL 1.1 Protocol, never
``update=``), and the common prefixes are declared in front of each query.
Every request has one deadline for the whole exchange and a size cap
(:mod:`careergraph.store.fetch`), and every answer is checked before it is
believed: its form must be the query's, its variables those the query asks
for, its terms RDF 1.1 terms; anything else is a
:class:`~careergraph.errors.CareerGraphError` naming the endpoint. The protocol carries no bindings, so a bound
variable goes into the text as ``VALUES`` blocks at the start of every group
that mentions it (:mod:`careergraph.sparql.values`), each value an RDF term
written by :func:`careergraph.store.terms.term_to_sparql`, never a user's raw text.

Examples
--------
>>> EndpointStore("ftp://example.org/sparql")
Traceback (most recent call last):
...
careergraph.errors.CareerGraphError: --endpoint ftp://example.org/sparql:
    give an http:// or https:// URL of a SPARQL endpoint
>>> EndpointStore("http://127.0.0.1:7878/query").describe()
'the SPARQL endpoint http://127.0.0.1:7878/query'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError, shown
from careergraph.namespaces import PREFIXES
from careergraph.store.answer import GRAPH_FORMS, Answer, answer_from_oxigraph
from careergraph.store.base import (DEFAULT_HTTP_TIMEOUT, MAX_IN_MEMORY, Pattern, Triple, as_texts, bound_text,
                                    check_size, graph_of, query_kind)
from careergraph.store.fetch import post
from careergraph.store.terms import TermConverter, as_node, term_to_sparql, whole_number

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

PREFETCH_CHUNK = 200
"""How many subjects one :meth:`EndpointStore.prefetch` request asks about."""

_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


class EndpointStore:
    """A SPARQL 1.1 endpoint over HTTP, queried read-only.

    Parameters
    ----------
    url : str
        The endpoint (``http://`` or ``https://``).
    timeout : float
        Seconds each request may take when the query gives no limit of its own.

    Attributes
    ----------
    url : str
        The endpoint.
    timeout : float
        The default limit of a request, in seconds.

    Raises
    ------
    CareerGraphError
        When the URL is not an HTTP(S) URL.
    """

    kind = "endpoint"
    handles_timeout = True
    dump_formats: tuple[str, ...] = ()
    cache_key = None
    in_memory = False

    def __init__(self, url: str, timeout: float = DEFAULT_HTTP_TIMEOUT) -> None:
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CareerGraphError(f"--endpoint {shown(url)}: give an http:// or https:// URL of a "
                                   "SPARQL endpoint")
        try:
            parts.port  # noqa: B018 - urllib checks the port only when asked
        except ValueError as error:
            raise CareerGraphError(f"--endpoint {shown(url)}: {error}") from None
        self.url = url
        self._name = shown(url, 200)
        self.timeout = _seconds(timeout)
        self._direct = _loopback(parts.hostname or "")
        self._count: int | None = None
        self._facts: dict[Any, dict[str, list[Any]]] = {}

    def build(self) -> None:
        """Nothing to do: the endpoint is asked as questions come."""

    def query(self, query: Any, bindings: Mapping[Any, Any] | None = None, *,
              timeout: float | None = None) -> Answer:
        """Send a query; see :meth:`careergraph.store.Store.query`.

        Parameters
        ----------
        query : str or careergraph.sparql.guard.CheckedQuery
            The query.
        bindings : mapping, optional
            Variable -> rdflib term, sent as ``VALUES`` blocks.
        timeout : float, optional
            Seconds the whole exchange may take (else :attr:`timeout`), from
            the connection to the last byte of the answer.

        Returns
        -------
        Answer
            The rows, boolean or triples.

        Raises
        ------
        careergraph.errors.Timeout
            When the endpoint has not answered in time.
        CareerGraphError
            When it cannot be reached, refuses the query, answers with more than
            :data:`~careergraph.store.fetch.MAX_ANSWER_BYTES` or with something
            unreadable or not an answer to this query.
        """
        form = query_kind(query)
        text = getattr(query, "text", query)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        body, media = self._post(prologue + bound_text(query, bindings), form, timeout)
        problem = None
        try:
            answer = self._read(body, media, form)
        except (SyntaxError, ValueError, CareerGraphError) as error:
            problem = shown(error, 200)
        if problem is not None:  # raised here, with no context: pyoxigraph's parser is freed in this thread
            raise CareerGraphError(f"the SPARQL endpoint {self._name} answered with something careergraph "
                                   f"cannot read ({shown(media, 60)}): {problem}")
        if answer.kind == "select":
            answer = self._fit(answer, projection(text))
        return answer

    def _read(self, body: bytes, media: str, form: str) -> Answer:
        """The answer in ``body``, of the query's form, as rdflib terms."""
        import pyoxigraph as ox

        if form in GRAPH_FORMS:
            rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
            if rdf_format == ox.RdfFormat.RDF_XML and b"<!DOCTYPE" in body:
                raise CareerGraphError("an RDF/XML answer with a DTD (entities) is refused")
            convert = TermConverter()
            return Answer(form, triples=(convert.triple(t) for t in ox.parse(body, rdf_format)))
        results_format = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
        if results_format == ox.QueryResultsFormat.XML and not _XML_END.search(body[-4096:]):
            raise CareerGraphError("the XML results end before their last tag </sparql>: cut short?")
        result = ox.parse_query_results(body, results_format)
        got = "ask" if type(result).__name__ == "QueryBoolean" else "select"
        if got != form:
            raise CareerGraphError(f"a {'boolean' if got == 'ask' else 'table'} answers "
                                   f"a{'n' if form == 'ask' else ''} {form.upper()} query")
        return answer_from_oxigraph(result, form)

    def _fit(self, answer: Answer, wanted: list[str] | None) -> Answer:
        """The answer with the query's variables, in its order (an unsent one unbound); refuse others."""
        if wanted is None or answer.variables == wanted:
            return answer
        extra = [name for name in answer.variables if name not in wanted]
        if extra:
            raise CareerGraphError(f"the SPARQL endpoint {self._name} answered with the variable "
                                   f"{shown('?' + extra[0], 60)}, which the query does not ask for "
                                   f"({shown(' '.join('?' + name for name in wanted), 120)})")
        return Answer("select", wanted, (tuple(row.get(name) for name in wanted) for row in answer.rows))

    def _post(self, text: str, form: str, timeout: float | None) -> tuple[bytes, str]:
        """Send the query; return the body and its media type. One deadline for the whole exchange."""
        import urllib.parse

        from careergraph import __version__

        accept = ("application/n-triples, text/turtle;q=0.9" if form in GRAPH_FORMS
                  else _TABLES)
        limit = self.timeout if timeout is None else _seconds(timeout)
        try:
            data = urllib.parse.urlencode({"query": text}).encode("utf-8")
        except UnicodeEncodeError:
            raise CareerGraphError(f"the query holds a character that is not text (a lone surrogate, "
                                   f"from bytes that are not UTF-8): it cannot be sent to {self.describe()}") from None
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded",
                   "User-Agent": f"careergraph/{__version__}"}
        return post(self.url, data, headers, limit, direct=self._direct)

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        """The triples that match a pattern (None for any value), in one request.

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``.

        Yields
        ------
        tuple
            Matching triples, as rdflib terms.
        """
        bound = {name: as_node(term) for name, term in zip("spo", pattern) if term is not None}
        for row in self.query(_TRIPLES, bound):
            if None not in row:  # a triple pattern binds all three: a row without one is no triple
                yield row[0], row[1], row[2]

    def triple_texts(self, pattern: Pattern) -> Iterator[tuple[str, str, str]]:
        """The triples that match a pattern, as plain text (see :meth:`careergraph.store.Store.triple_texts`).

        Parameters
        ----------
        pattern : tuple
            ``(subject, predicate, object)``.

        Yields
        ------
        tuple of str
            Matching triples, in one request.
        """
        yield from as_texts(self.triples(pattern))

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        """The objects of ``subject predicate ?o``, from every fact about ``subject`` (fetched once, kept).

        Parameters
        ----------
        subject, predicate : rdflib term
            The subject and the property.

        Returns
        -------
        list
            rdflib terms.
        """
        if subject not in self._facts:
            self.prefetch([subject])
        return list(self._facts.get(subject, {}).get(str(predicate), ()))

    def subjects(self, predicate: Node, value: Node) -> list[Node]:
        """The subjects of ``?s predicate value``, each once.

        Parameters
        ----------
        predicate, value : rdflib term
            The property and the object.

        Returns
        -------
        list
            rdflib terms.
        """
        rows = self.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", {"p": as_node(predicate), "o": as_node(value)})
        return list(dict.fromkeys(row[0] for row in rows if row[0] is not None))

    def prefetch(self, subjects: Iterable[Node]) -> None:
        """Fetch every ``subject ?p ?o`` of the IRIs not fetched yet, :data:`PREFETCH_CHUNK` subjects a request.

        Parameters
        ----------
        subjects : iterable of rdflib term
            The subjects about to be asked about (blank nodes are skipped).
        """
        from rdflib import URIRef

        wanted = [s for s in dict.fromkeys(subjects) if isinstance(s, URIRef) and s not in self._facts]
        for start in range(0, len(wanted), PREFETCH_CHUNK):
            chunk = wanted[start:start + PREFETCH_CHUNK]
            values = " ".join(term_to_sparql(subject) for subject in chunk)
            facts: dict[Any, dict[str, list[Any]]] = {subject: {} for subject in chunk}
            for row in self.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
                if row[0] in facts and row[1] is not None and row[2] is not None:  # not what was asked: left out
                    facts[row[0]].setdefault(str(row[1]), []).append(row[2])
            self._facts.update(facts)

    def __len__(self) -> int:
        """How many triples the endpoint holds (asked once)."""
        if self._count is None:
            rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
            self._count = whole_number(rows[0][0], self.describe()) if rows else 0
        return self._count

    def describe(self) -> str:
        """The backend in a few words.

        Returns
        -------
        str
            ``"the SPARQL endpoint URL"``.
        """
        return f"the SPARQL endpoint {self._name}"

    def namespaces(self) -> dict[str, str]:
        """careergraph's prefixes (an endpoint tells none).

        Returns
        -------
        dict
            Prefix -> namespace IRI.
        """
        return dict(PREFIXES)

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """An endpoint writes no files: :attr:`dump_formats` is empty.

        Parameters
        ----------
        out : binary file
            Unused.
        fmt : str
            Unused.

        Raises
        ------
        CareerGraphError
            Always.
        """
        raise CareerGraphError(f"{self.describe()} cannot write its triples as {fmt}")

    def rdflib_graph(self, limit: int | None = MAX_IN_MEMORY) -> rdflib.Graph:
        """A copy of every triple as an ``rdflib.Graph`` (for a library that needs one).

        Parameters
        ----------
        limit : int or None
            The most triples to copy; None for no limit.

        Returns
        -------
        rdflib.Graph
            A new graph, with careergraph's prefixes bound.

        Raises
        ------
        CareerGraphError
            When the endpoint holds more than ``limit`` triples.
        """
        check_size(len(self), limit, self.describe())
        return graph_of(self.query("CONSTRUCT WHERE { ?s ?p ?o }").triples)


_TABLES = "application/sparql-results+xml, application/sparql-results+json;q=0.9"
"""What a SELECT or ASK asks for: XML first, as Virtuoso 7 writes its JSON several times slower
(31,249 rows: 6.2 s as JSON, 1.8 s as XML; on Oxigraph's server 3.5 s and 3.0 s; its
TSV is no SPARQL TSV: variables without ``?``). Both end in a way a cut answer cannot fake."""
_XML_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sparql\s*>\s*\Z")
"""How SPARQL XML results end (pyoxigraph takes a document cut short for a shorter answer)."""
_SELECT = re.compile(r"(?:^|[\s}])SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:WHERE\b|FROM\b|\{)",
                     re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"(?m)(?:^|(?<=\s))#[^\n]*")
_NAME = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\U000effff]+)")
_AS = re.compile(r"\bAS\s+[?$]([A-Za-z0-9_\u00b7\u00c0-\U000effff]+)\s*$", re.IGNORECASE)


def projection(text: str) -> list[str] | None:
    """The variables a SELECT query asks for, in order; None for ``SELECT *`` or when unsure.

    Parameters
    ----------
    text : str
        The query (its outer SELECT is the first one).

    Returns
    -------
    list of str or None
        The names, without ``?``.

    Examples
    --------
    >>> projection("SELECT ?class (COUNT(DISTINCT ?node) AS ?count) WHERE { ?node a ?class }")
    ['class', 'count']
    >>> projection("# SELECT ?x\\nSELECT DISTINCT * { ?s ?p ?o }") is None
    True
    """
    found = _SELECT.search(_COMMENT.sub(" ", text))
    if found is None or found.group(1).strip() in ("", "*"):
        return None
    names: list[str] = []
    depth, start, clause = 0, 0, found.group(1)
    for i, char in enumerate(clause):
        if char == "(":
            depth, start = depth + 1, (i if depth == 0 else start)
        elif char == ")":
            depth -= 1
            if depth == 0:
                named = _AS.search(clause[start + 1:i])
                if named is None:
                    return None
                names.append(named.group(1))
        elif depth == 0 and char in "?$":
            named = _NAME.match(clause, i)
            if named is None:
                return None
            names.append(named.group(1))
    return names if depth == 0 and names and len(set(names)) == len(names) else None


def _seconds(value: float) -> float:
    """A time limit: a number of seconds over 0 (not infinite)."""
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
        raise CareerGraphError(f"the time limit must be a number of seconds over 0, not {shown(value, 40)}")
    return float(value)


def _loopback(host: str) -> bool:
    """Whether a host name is this machine (then the proxy settings are not used)."""
    import ipaddress

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
