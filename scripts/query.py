"""``careergraph query``: run SPARQL on the graph: query text, a ``.rq`` file or a named query.

Examples
--------
>>> main(["--name", "alternative-titles", "--param", "role=Director of Product", "--format", "tsv"])
?title	?alternativeTitle
"Director of Product"@en	"DoP"@en
"Director of Product"@en	"Product Director"@en
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.arguments import MAX_SECONDS, positive
from careergraph.cli.output import (EXIT_NEGATIVE, EXIT_OK, add_data_option, format_table,
                                    open_graph, run_main)
from careergraph.cli.printing import escape_json, show, write_text
from careergraph.cli.text import visible
from careergraph.errors import CareerGraphError

if TYPE_CHECKING:
    from careergraph.sparql.plain import PlainResult
    from careergraph.sparql.queries import NamedQuery
    from careergraph.sparql.results import QueryResult

SUMMARY = "Run a SPARQL query on the graph: SPARQL text, a .rq file, or a named query."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Run a SPARQL query on the graph: SPARQL text, a .rq file, or a named query.

  careergraph query 'SELECT ?role WHERE { ?role a cg:Role }'
  careergraph query my-query.rq
  careergraph query --name role-skills --param role="Product Owner"
  careergraph query --list

The prefixes cg:, pm:, skos:, rdfs:, rdf:, owl:, xsd:, dcterms:, prov:,
schema:, sh: are predeclared. --param values are bound to the query's
variables, never pasted into its text; a role parameter takes any title or
alternative title, a skill parameter a skill's name in any case. Updates,
LOAD, SERVICE and FROM are refused.

Formats: table (the default on a terminal; csv otherwise), csv, tsv, json
(SPARQL 1.1 Query Results JSON), md, xml for SELECT and ASK; ttl (default),
nt, jsonld for CONSTRUCT and DESCRIBE. Tables and Markdown show control and
bidi characters of the data as escapes (\\x1b, <U+202E>); JSON escapes them as
JSON does (\\u001b); csv, tsv, xml and the RDF formats are written exactly
(escaped only on a terminal). --csv-safe prefixes with ' every csv cell that a
spreadsheet would run as a formula (one starting with = + - @, a tab or a
carriage return; numbers are left as they are); it is off by default, so
that csv is the exact SPARQL 1.1 CSV answer.
Exit status: 0 answered, 1 no rows (or no triples), 2 bad query or input."""

FORMATS = ("table", "csv", "tsv", "json", "md", "xml", "ttl", "nt", "jsonld")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph query`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("query", nargs="?", metavar="QUERY",
                        help="SPARQL text, a .rq file, or - to read the query from stdin")
    parser.add_argument("-n", "--name", metavar="NAME", help="run the named query NAME (see --list)")
    parser.add_argument("-l", "--list", action="store_true", help="list the named queries and stop")
    parser.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                        help="bind the query variable ?NAME to VALUE; repeatable")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: table on a terminal, csv otherwise; "
                             "ttl for CONSTRUCT and DESCRIBE)")
    parser.add_argument("--timeout", type=positive(float, MAX_SECONDS), default=None,
                        metavar="SECONDS",
                        help=f"stop the query after SECONDS, at most {MAX_SECONDS:,} (exit 2)")
    parser.add_argument("--csv-safe", action=argparse.BooleanOptionalAction, default=False,
                        help="with --format csv: prefix with ' each cell a spreadsheet would "
                             "run as a formula (default: off, the exact SPARQL CSV answer)")
    add_data_option(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph query``: run the query and print its answer.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0 with rows or triples (and for any ASK answer), 1 when there are none.
    """
    if args.list:
        from careergraph.sparql.queries import named_queries

        show(format_list(named_queries().values()))
        return EXIT_OK
    query = _query_argument(args)
    params = _params(args.param)
    snapshot = _fast_key(args)
    if snapshot is not None:
        from careergraph.sparql.fast import Declined, answer

        found = answer(query, params, ladder=args.ladder, key=snapshot)
        if not isinstance(found, Declined):
            return _print_plain(found, args)
        if not found.no_snapshot:  # else answered the usual way below, which then writes the snapshot
            snapshot = None

    from careergraph.sparql.queries import run_query

    kg = open_graph(args, timeout=args.timeout)
    result = run_query(kg, query, params, timeout=args.timeout)  # parsing too within --timeout
    if snapshot is not None:
        from careergraph.sparql.snapshot import write_snapshot

        write_snapshot(kg, snapshot)
    fmt = _format(args.format, result.kind)
    try:
        text = render(result, fmt, csv_safe=args.csv_safe)
    except UnicodeEncodeError as error:  # rdflib's writers encode: a lone surrogate of the data
        bad = error.object[error.start:error.start + 1]
        raise CareerGraphError(f"the answer holds a character no Unicode text can hold "
                               f"({visible(bad)}), which --format {fmt} cannot write; "
                               f"--format table, md or tsv show it as an escape") from None
    _write(text, fmt)
    if result.kind != "ask" and not result.bindings:
        show("no triples" if result.is_graph else "no rows", file=sys.stderr)
        return EXIT_NEGATIVE
    return EXIT_OK


def _fast_key(args: argparse.Namespace) -> str | None:
    """The snapshot key when the query may take the fast path (the built-in graph, no time limit)."""
    if args.data or args.store or args.endpoint or args.timeout is not None:
        return None
    from careergraph.sparql.snapshot import snapshot_key

    return snapshot_key()


def _print_plain(result: PlainResult, args: argparse.Namespace) -> int:
    """Print an answer of the fast path (:mod:`careergraph.sparql.fast`) as :func:`run` prints rdflib's."""
    from careergraph.sparql.plain import display, serialize

    fmt = _format(args.format, result.kind)
    if fmt == "table" and result.kind == "select":
        text = format_table([{name: display(term) for name, term in row.items()} for row in result.bound()],
                            result.variables)
    else:
        text = serialize(result, "md" if fmt == "table" else fmt)
        if fmt == "csv" and args.csv_safe:
            from careergraph.spreadsheet import safe_csv

            text = safe_csv(text)
    _write(text, fmt)
    if result.kind != "ask" and not result.rows:
        show("no rows", file=sys.stderr)
        return EXIT_NEGATIVE
    return EXIT_OK


def render(result: QueryResult, fmt: str, *, csv_safe: bool = False) -> str:
    """The result as text in a format of ``--format``.

    Parameters
    ----------
    result : QueryResult
        The query's answer.
    fmt : str
        A format of :data:`FORMATS`; ``table`` is an aligned table for a
        SELECT answer (Markdown for the others).
    csv_safe : bool, optional
        For ``csv``: prefix every cell a spreadsheet would run as a formula
        with ``'`` (:func:`careergraph.spreadsheet.safe_csv`).

    Returns
    -------
    str
        The answer as text.
    """
    from careergraph.sparql.formats import display, serialize

    if fmt == "table" and result.kind == "select":
        return format_table([{name: display(term) for name, term in row.items()}
                             for row in result.bindings], result.variables)
    text = serialize(result, "md" if fmt == "table" else fmt)
    if fmt == "csv" and csv_safe:
        from careergraph.spreadsheet import safe_csv

        return safe_csv(text)
    return text


def format_list(queries: Iterable[NamedQuery]) -> str:
    """The named queries, one per line: name, parameters, title and description.

    Parameters
    ----------
    queries : iterable of NamedQuery
        The queries to list.

    Returns
    -------
    str
        One line per query, the columns aligned.

    Examples
    --------
    >>> from careergraph.sparql.queries import named_queries
    >>> print(format_list([named_queries()["role-changes"]]))  # doctest: +ELLIPSIS
    role-changes  from=ROLE to=ROLE  What changes between two roles: Moving from one role to another: ...
    """
    queries = list(queries)
    usages = [" ".join(p.usage() for p in q.parameters) or "-" for q in queries]
    name_width = max((len(q.name) for q in queries), default=0)
    usage_width = max((len(u) for u in usages), default=0)
    return "\n".join(f"{q.name:<{name_width}}  {u:<{usage_width}}  {q.title}: {q.description}".rstrip()
                     for q, u in zip(queries, usages))


def _query_argument(args: argparse.Namespace) -> str:
    if args.name and args.query:
        raise CareerGraphError("give a QUERY or --name NAME, not both")
    if args.name:
        from careergraph.resources import named_query_paths

        names = [path.stem for path in named_query_paths()]  # the names of named_queries()
        if args.name not in names:
            from careergraph.errors import QueryNotFound, closest

            raise QueryNotFound(args.name, closest(args.name, names))
        return args.name
    if not args.query:
        raise CareerGraphError("give a QUERY (SPARQL text, a .rq file or -), --name NAME or --list")
    if args.query == "-":
        text = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        return _utf8(text, "the query on stdin")
    return _utf8(args.query, "the QUERY argument")


def _utf8(text: str | bytes, what: str) -> str:
    """``text`` as UTF-8 text; one line naming the first byte that is not, instead of a traceback.

    A non-UTF-8 command line reaches Python as lone surrogates (``surrogateescape``).
    """
    try:
        if isinstance(text, bytes):
            return text.decode("utf-8")
        text.encode("utf-8")
        return text
    except UnicodeError as error:
        bad = error.object[error.start]
        if isinstance(bad, int):
            found = f"byte {bad:#04x}"
        elif 0xDC80 <= ord(bad) <= 0xDCFF:  # a byte of a non-UTF-8 argv (surrogateescape)
            found = f"byte {ord(bad) - 0xDC00:#04x}"
        else:
            found = f"a lone surrogate U+{ord(bad):04X}"
        raise CareerGraphError(f"{what} is not UTF-8 text: {found} at position "
                               f"{error.start + 1}") from None


def _params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not equals or not name:
            raise CareerGraphError(f"--param takes NAME=VALUE, not '{pair}'")
        if name in params:
            raise CareerGraphError(f"--param {name} is given twice")
        params[name] = _utf8(value, f"--param {name}")
    return params


def _format(fmt: str | None, kind: str) -> str:
    graph = kind in ("construct", "describe")
    if fmt is None:
        return "ttl" if graph else ("table" if sys.stdout.isatty() else "csv")
    if graph != (fmt in ("ttl", "nt", "jsonld")):
        allowed = "ttl, nt, jsonld" if graph else "table, csv, tsv, json, md, xml"
        raise CareerGraphError(f"--format {fmt} does not fit a {kind.upper()} query; "
                               f"use one of {allowed}")
    return fmt


def _write(text: str, fmt: str) -> None:
    text = text if text.endswith("\n") else text + "\n"
    if fmt in ("table", "md"):
        show(text, end="")
    elif fmt in ("json", "jsonld"):
        write_text(escape_json(text))
    else:  # data, written exactly; on a terminal it is read, so its hidden characters are shown
        write_text(_on_terminal(text) if sys.stdout.isatty() else text)


def _on_terminal(text: str) -> str:
    r"""Data for a person at a terminal: hidden characters shown, the format's own line ends and tabs kept.

    CSV ends its lines with CRLF and TSV separates cells with tabs (SPARQL 1.1
    Query Results); those stay what they are, every other control character is shown.

    >>> _on_terminal("role\tlevel\r\nPM\x1b[2J\t3\r\n")
    'role\tlevel\nPM\\x1b[2J\t3\n'
    """
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join("\t".join(visible(cell) for cell in line.split("\t")) for line in lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph query`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 with rows or triples (and for any ASK answer), 1 when there are none;
        2 for a mistake.
    """
    return run_main("careergraph query", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
