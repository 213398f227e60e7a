"""The endpoint store: any SPARQL 1.1 endpoint over HTTP, queried read-only.

Only queries are ever sent (``query=`` of the SPARQL 1.1 Protocol, never
``update=``), every request has a time limit, and the common prefixes are
declared in front of each query. The protocol carries no bindings, so a bound
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

import time
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError, Timeout
from careergraph.namespaces import PREFIXES
from careergraph.store.answer import GRAPH_FORMS, Answer, answer_from_oxigraph
from careergraph.store.base import (DEFAULT_HTTP_TIMEOUT, MAX_IN_MEMORY, Pattern, Triple, bound_text,
                                    check_size, graph_of, query_kind)
from careergraph.store.terms import TermConverter, as_node, term_to_sparql

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
            raise CareerGraphError(f"--endpoint {url}: give an http:// or https:// URL of a "
                                   "SPARQL endpoint")
        self.url = url
        self.timeout = timeout
        self._loopback = (parts.hostname or "") in ("127.0.0.1", "localhost", "::1")
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
            Seconds the whole exchange may take (else :attr:`timeout`).

        Returns
        -------
        Answer
            The rows, boolean or triples.

        Raises
        ------
        careergraph.errors.Timeout
            When the endpoint has not answered in time.
        CareerGraphError
            When it cannot be reached, refuses the query or answers with something unreadable.
        """
        import pyoxigraph as ox

        form = query_kind(query)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        body, media = self._post(prologue + bound_text(query, bindings), form, timeout)
        try:
            if form in GRAPH_FORMS:
                rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
                convert = TermConverter()
                return Answer(form, triples=(convert.triple(t) for t in ox.parse(body, rdf_format)))
            results_format = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
            return answer_from_oxigraph(ox.parse_query_results(body, results_format), form)
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

        accept = ("application/n-triples, text/turtle;q=0.9" if form in GRAPH_FORMS
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
            yield row[0], row[1], row[2]

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
        return [row[0] for row in rows]

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
                facts[row[0]].setdefault(str(row[1]), []).append(row[2])
            self._facts.update(facts)

    def __len__(self) -> int:
        """How many triples the endpoint holds (asked once)."""
        if self._count is None:
            rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
            self._count = int(rows[0][0].toPython()) if rows else 0
        return self._count

    def describe(self) -> str:
        """The backend in a few words.

        Returns
        -------
        str
            ``"the SPARQL endpoint URL"``.
        """
        return f"the SPARQL endpoint {self.url}"

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
