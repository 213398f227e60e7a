"""Run SPARQL on a loaded graph: named queries, query files and query text, with parameters.

Named queries are the ``.rq`` files of ``ontology/queries/``; each opens with comment lines
``# Title:``, ``# Description:``, ``# Parameters:`` (see :mod:`careergraph.sparql.params` for the
syntax) and, for a query a Python plan answers faster, ``# Plan:`` (:mod:`careergraph.sparql.plan`).
:func:`run_query` takes a query's name, a ``.rq`` file or SPARQL text, refuses what a user's query
must not do (updates, LOAD, SERVICE, FROM: :mod:`careergraph.sparql.guard`), binds the parameters
through ``initBindings`` (never by pasting text into the query), runs it, with a time limit when
asked (:mod:`careergraph.sparql.timeout`), and returns a :class:`~careergraph.sparql.results.QueryResult`.
The common prefixes of :data:`careergraph.namespaces.PREFIXES` (``cg:``, ``pm:``, ``skos:``,
``rdfs:``, ``dcterms:``, ``prov:``, ``schema:`` ...) are predeclared.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> result = run_query(kg, "role-skills", {"role": "Product Owner"})
>>> result.rows[0]
{'skill': 'Analytical skills', 'category': 'analytical', 'proficiency': 3, 'level': 'practitioner',
 'importance': 'core'}
>>> run_query(kg, "ASK { pm:product-manager cg:promotesTo pm:senior-product-manager }").boolean
True
>>> rows = select(kg, "ladder")
>>> rows[0]["role"], rows[0]["seniority"]
('Associate Product Manager', 1)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError
from careergraph.career_graph import CareerGraph
from careergraph.sparql.params import Parameter, parse_parameters, resolve_value, term_from_text
from careergraph.resources import named_query_paths
from careergraph.sparql.results import QueryResult
from careergraph.sparql.guard import CheckedQuery, check_query
from careergraph.sparql.stack import call_deep
from careergraph.store.answer import collector_paused

if TYPE_CHECKING:
    from rdflib import Variable
    from rdflib.term import Node


@dataclass(frozen=True)
class NamedQuery:
    """A query with what its header says: a named query, a query file or query text.

    Parameters
    ----------
    name : str
        The name (the file name without ``.rq``); empty for query text.
    title, description : str
        From the ``# Title:`` and ``# Description:`` header lines.
    parameters : tuple of Parameter
        From the ``# Parameters:`` block.
    text : str
        The SPARQL text.
    plan : str
        From the ``# Plan:`` header line: how a Python plan gets the same rows
        faster (:mod:`careergraph.sparql.plan`); empty when the SPARQL runs as it is.
    """

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    plan: str = ""

    def parameter(self, name: str) -> Parameter | None:
        """The declared parameter called ``name``, or None.

        Parameters
        ----------
        name : str
            The parameter, without ``?``.

        Returns
        -------
        Parameter or None
            Its declaration, when the query declares it.
        """
        return next((p for p in self.parameters if p.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """The query as plain data (for JSON).

        Returns
        -------
        dict
            ``name``, ``title``, ``description``, ``parameters``, ``text`` and ``plan``.
        """
        return {"name": self.name, "title": self.title, "description": self.description,
                "parameters": [p.to_dict() for p in self.parameters], "text": self.text,
                "plan": self.plan}


@dataclass(frozen=True)
class PreparedQuery:
    """A checked query and the terms bound to its variables, ready to evaluate.

    Parameters
    ----------
    checked : CheckedQuery
        The query, parsed and checked (:func:`careergraph.sparql.guard.check_query`).
    bindings : dict
        ``rdflib.Variable`` -> rdflib term: the values bound before it runs.
    plan : callable, optional
        The named query's Python plan (:mod:`careergraph.sparql.plan`), used
        instead of its SPARQL on a store that is not in memory.
    """

    checked: CheckedQuery
    bindings: dict[Variable, Node]
    plan: Callable[..., Any] | None = None

    @property
    def kind(self) -> str:
        return self.checked.kind


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return ""


def parse_query_text(text: str, name: str = "") -> NamedQuery:
    """A query text with what its header comments say.

    Parameters
    ----------
    text : str
        The SPARQL text, with its ``#`` header lines.
    name : str
        The query's name, for messages (empty for text a user typed).

    Returns
    -------
    NamedQuery
        The query, its title, description and parameters.

    Examples
    --------
    >>> query = parse_query_text("# Title: Roles\\nSELECT ?r WHERE { ?r a cg:Role }", "roles")
    >>> query.title, query.parameters
    ('Roles', ())
    """
    where = f"query '{name}'" if name else "the query"
    return NamedQuery(name, _header(text, "Title") or name, _header(text, "Description"),
                      parse_parameters(text.splitlines(), where), text, _header(text, "Plan"))


def read_named_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its header.

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    NamedQuery
        Named after the file (without ``.rq``).

    Raises
    ------
    CareerGraphError
        When the file cannot be read as UTF-8 text.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CareerGraphError(f"{path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CareerGraphError(f"{path}: cannot read the query file: {error}") from None
    return parse_query_text(text, Path(path).stem)


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name.

    Examples
    --------
    >>> "ladder" in named_queries() and "role-changes" in named_queries()
    True
    """
    return {query.name: query for query in map(read_named_query, named_query_paths())}


def find_query(query: str | Path) -> NamedQuery:
    """The query a user means: a named query, a ``.rq`` file, or SPARQL text.

    A ``Path``, or a one-line string ending in ``.rq``, is read as a file;
    a string that is the name of a named query is that query; any other
    string is SPARQL text.

    Parameters
    ----------
    query : str or Path
        A name, a file or SPARQL text.

    Returns
    -------
    NamedQuery
        The query and its header.

    Raises
    ------
    CareerGraphError
        For a ``.rq`` file that cannot be read.

    Examples
    --------
    >>> find_query("ladder").title
    'The ladder in order of seniority'
    >>> find_query("SELECT * WHERE { ?s ?p ?o }").name
    ''
    >>> find_query("missing.rq")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: missing.rq: no such query file
    """
    if isinstance(query, Path):
        return read_named_query(query)
    if query in named_queries():
        return named_queries()[query]
    if query.strip().endswith(".rq") and "\n" not in query.strip():
        return read_named_query(Path(query.strip()))
    return parse_query_text(query)


@lru_cache(maxsize=128)
def _checked(text: str) -> CheckedQuery:
    return check_query(text)


def prepare_query(kg: CareerGraph, query: str | Path | NamedQuery,
                  params: Mapping[str, Any] | None = None) -> PreparedQuery:
    """Check a query and turn its parameter values into bound terms, without running it.

    Parameters
    ----------
    kg : CareerGraph
    query : str, Path or NamedQuery
        See :func:`find_query`.
    params : mapping, optional
        Values by parameter name (without ``?``). For a declared parameter the
        value is resolved by its kind (a role by any title...); for a query that
        declares none, each must name a variable of the query and is read with
        :func:`~careergraph.sparql.params.term_from_text`.

    Returns
    -------
    PreparedQuery
        The checked query and its bound terms.

    Raises
    ------
    QueryRefused, QuerySyntaxError
        See :func:`~careergraph.sparql.guard.check_query`.
    CareerGraphError
        For an unknown or missing parameter, or a bad value.
    """
    from rdflib import Variable

    named = query if isinstance(query, NamedQuery) else find_query(query)
    checked = _checked(named.text)
    params = dict(params or {})
    what = f"query '{named.name}'" if named.name else "the query"
    bindings: dict[Variable, Node] = {}
    if named.parameters:
        for name in params:
            if named.parameter(name) is None:
                known = ", ".join(p.name for p in named.parameters)
                raise CareerGraphError(f"{what} has no parameter '{name}'; its parameters: {known}")
        for parameter in named.parameters:
            if parameter.name in params:
                bindings[Variable(parameter.name)] = resolve_value(kg, parameter, params[parameter.name])
            elif parameter.required:
                raise CareerGraphError(f"{what} needs a value for '{parameter.name}' "
                                       f"({parameter.description or parameter.kind})")
    else:
        for name, value in params.items():
            if name not in checked.variables:
                raise CareerGraphError(f"{what} has no variable ?{name} to bind")
            bindings[Variable(name)] = term_from_text(value)
    return PreparedQuery(checked, bindings, _python_plan(named))


def _python_plan(named: NamedQuery) -> Callable[..., Any] | None:
    """The plan its ``# Plan:`` line names (:mod:`careergraph.sparql.plan`): for the named query itself only."""
    builtin = named_queries().get(named.name)
    if not named.plan or builtin is None or builtin.text != named.text:
        return None  # a query file of the same name, or the text typed in, runs as SPARQL
    from careergraph.sparql.plans import PLANS

    return PLANS.get(named.name)


def evaluate(kg: CareerGraph, prepared: PreparedQuery, max_rows: int | None = None, *,
             timeout: float | None = None) -> QueryResult:
    """Run a prepared query on the graph's store, in this process.

    Parameters
    ----------
    kg : CareerGraph
    prepared : PreparedQuery
    max_rows : int, optional
        Keep at most this many rows (or triples); the result says ``truncated``.
    timeout : float, optional
        Seconds, for a store that keeps a time limit itself (an endpoint).

    Returns
    -------
    QueryResult
        Built from the store's :class:`~careergraph.store.Answer` (:meth:`QueryResult.from_answer`).

    Raises
    ------
    CareerGraphError
        When the store cannot run the query, in one line.
    """
    try:
        if prepared.plan is not None and kg.store.kind == "oxigraph":  # Oxigraph's plans, not a server's
            from careergraph.sparql.plan import run_plan

            answer = run_plan(prepared.plan, kg.query, prepared.bindings, timeout)
        else:
            answer = call_deep(lambda: kg.query(prepared.checked, prepared.bindings, timeout=timeout))
        with collector_paused():  # the rows as dicts: many new objects, none in a cycle
            return QueryResult.from_answer(answer, max_rows)
    except RecursionError:
        raise CareerGraphError("the query recursed too deep (a property path over a very long "
                               "chain?); rdflib cannot answer it") from None
    except CareerGraphError:
        raise
    except Exception as error:  # rdflib raises bare exceptions while evaluating
        raise CareerGraphError(f"cannot run the query: {' '.join(str(error).split())}") from None


def run_query(kg: CareerGraph, query: str | Path | NamedQuery,
              params: Mapping[str, Any] | None = None, *, timeout: float | None = None,
              max_rows: int | None = None) -> QueryResult:
    """Run a query (a name, a ``.rq`` file or SPARQL text) with parameters.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    query : str, Path or NamedQuery
        The name of a named query, a ``.rq`` file, or SPARQL text.
    params : mapping, optional
        Parameter values by name; see :func:`prepare_query`.
    timeout : float, optional
        Seconds the query may take, parsing included; it is then parsed and run
        in a forked child that is killed at the deadline (a few milliseconds of
        overhead).
    max_rows : int, optional
        Keep at most this many rows.

    Returns
    -------
    QueryResult
        ``.rows`` gives dicts of plain Python values, ``.to_dataframe()`` a
        pandas DataFrame.

    Raises
    ------
    QueryRefused, QuerySyntaxError, Timeout, RoleNotFound, SkillNotFound, CareerGraphError
        All subclasses of :class:`~careergraph.errors.CareerGraphError` with a one-line message.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg = load_graph()
    >>> result = run_query(kg, "SELECT ?title WHERE { ?role skos:altLabel ?title } ORDER BY ?title",
    ...                    {"role": "pm:director-of-product"})
    >>> result.column("title")
    ['DoP', 'Product Director']
    >>> run_query(kg, "DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    careergraph.errors.UpdateRefused: updates are refused (the graph is read-only): the request is DELETE WHERE
    """
    if timeout is None:
        return evaluate(kg, prepare_query(kg, query, params), max_rows)
    from careergraph.sparql.timeout import call_with_timeout

    named = query if isinstance(query, NamedQuery) else find_query(query)
    return call_with_timeout(lambda: evaluate(kg, prepare_query(kg, named, params), max_rows, timeout=timeout),
                             timeout, "the query")


def run_prepared(kg: CareerGraph, prepared: PreparedQuery, *, timeout: float | None = None,
                 max_rows: int | None = None) -> QueryResult:
    """Evaluate a prepared query with a deadline when ``timeout`` is given.

    An endpoint keeps the deadline itself (its HTTP request's limit); on the
    other stores the query runs in a forked child that is killed at the deadline.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    prepared : PreparedQuery
        From :func:`prepare_query`.
    timeout : float, optional
        Seconds the query may run.
    max_rows : int, optional
        Keep at most this many rows.

    Returns
    -------
    QueryResult
        The answer.

    Raises
    ------
    Timeout
        When the query has not finished after ``timeout`` seconds.
    CareerGraphError
        When the store cannot run the query.
    """
    if timeout is None or kg.store.handles_timeout:
        return evaluate(kg, prepared, max_rows, timeout=timeout)
    from careergraph.sparql.timeout import call_with_timeout

    return call_with_timeout(lambda: evaluate(kg, prepared, max_rows), timeout, "the query")


def select(kg: CareerGraph, query: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a SELECT query (a name or SPARQL text) and return its rows as plain Python values.

    A shorthand for ``run_query(kg, query, bindings).rows``.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    query : str
        The name of a named query, or SPARQL text.
    bindings : mapping, optional
        Parameter values by name; see :func:`prepare_query`.

    Returns
    -------
    list of dict
        One dict of plain Python values per row.
    """
    return run_query(kg, query, bindings).rows
