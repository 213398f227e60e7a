"""``careergraph import``: bring a company ladder, O*NET or ESCO into the careergraph model.

(The module is ``imports`` because ``import`` is a Python keyword.)

Examples
--------
>>> import tempfile, os
>>> from careergraph.resources import example_path
>>> with tempfile.TemporaryDirectory() as tmp:
...     main(["ladder", str(example_path("acme-ladder.yaml")),
...           "--out", os.path.join(tmp, "acme.ttl")])
... # doctest: +ELLIPSIS
wrote .../acme.ttl: 2 roles, 1 skill, 5 requirements, 2 responsibilities, 2 moves (... triples)
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.extras import require_extra
from careergraph.cli.output import (EXIT_NEGATIVE, EXIT_OK, add_data_option,
                                    progress_callback, refuse_store, run_main)
from careergraph.cli.printing import show

SUMMARY = "Import a company ladder, O*NET or ESCO into the careergraph model, as RDF."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Import a company ladder, O*NET or ESCO into the careergraph model, as RDF.

  ladder FILE --out OUT.ttl [--validate]   a ladder in YAML, or a folder of its CSV tables
  onet ZIP|DIR --out OUT.ttl               the O*NET database's Excel download
                                           (db_29_2_excel.zip, or the folder it unpacks into;
                                           needs pip install 'careergraph[onet]')
  esco ZIP|DIR --out OUT.ttl               ESCO's CSV download in English
                                           (its zip, or the folder it unpacks into)

A zip is read in place, as downloaded: nothing is unpacked to disk.

The output format follows the ending of --out (.ttl, .nt, .jsonld). Nothing is
written when the input has a mistake: the error names the file, the line or
row, and the field. Use the result with any command: -d OUT.ttl.

In a ladder, a move, reports_to or requirement names a role or skill by id or
title: titles as written win over abbreviations spelt out, the ladder's own
titles and the built-in ones over alternative titles. A reference that was not
an id or a title as written gets a note on stderr naming what it attached to.
Titles that mix scripts in a word, or only look like another title (a Cyrillic
'A' for a Latin one), are refused."""

RDF_ENDINGS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph import`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    ladder = sources.add_parser("ladder",
                                help="a company ladder (YAML file or folder of CSV tables)",
                                description="Convert a company ladder to RDF.")
    ladder.add_argument("file", metavar="FILE",
                        help="the ladder: a .yaml file or a folder of CSV tables")
    ladder.add_argument("--validate", action="store_true",
                        help="validate the result over the built-in graph first; write nothing "
                             "and exit 1 when it has violations")
    for name, what in (("onet", "the O*NET database's Excel download (db_29_2_excel.zip, or the "
                                "folder it unpacks into)"),
                       ("esco", "ESCO's CSV download in English (its zip, or the folder it "
                                "unpacks into)")):
        sub = sources.add_parser(name, help=what, description=f"Import {what}.")
        sub.add_argument("directory", metavar="ZIP|DIR", help=what)
    for sub in sources.choices.values():
        sub.add_argument("--out", "-o", required=True, metavar="FILE",
                         help="the RDF file to write (.ttl, .nt or .jsonld)")
        add_data_option(sub)


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph import``: convert a ladder, O*NET or ESCO and write it as RDF.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0 when written, 1 when ``--validate`` finds violations.
    """
    refuse_store(args, "careergraph import converts files; 'careergraph load' fills a store")
    fmt = _format(args.out)
    if args.source == "ladder":
        return _run_ladder(args, fmt)
    if args.source == "onet":
        require_extra("onet")
        from careergraph.importers.onet import import_onet

        graph = import_onet(args.directory, progress=progress_callback())
    else:
        from careergraph.importers.esco import import_esco

        graph = import_esco(args.directory, progress=progress_callback())
    _write(graph, args.out, fmt)
    print(f"wrote {args.out}: {ladder_counts(graph)} ({len(graph):,} triples)")
    return EXIT_OK


def _run_ladder(args: argparse.Namespace, fmt: str) -> int:
    from careergraph.importers.ladder import import_ladder

    notes: list[str] = []
    graph = import_ladder(args.file, notes=notes)
    if args.validate:
        from careergraph.load import load_graph
        from careergraph.validate import validate

        report = validate(load_graph([*args.data, args.file]))
        for finding in report.findings:
            show(f"{finding.file or '<derived>'}: {finding.severity}: {finding.focus_label}: "
                 f"{finding.message}", file=sys.stderr)
        if not report.conforms:
            print(f"{args.file}: {report.count('violation')} violation(s); nothing written",
                  file=sys.stderr)
            return EXIT_NEGATIVE
    _write(graph, args.out, fmt)
    print(f"wrote {args.out}: {ladder_counts(graph)} ({len(graph):,} triples)")
    for note in notes:  # which role or skill a reference not written as an id or title names
        show(f"careergraph import: note: {note}", file=sys.stderr)
    return EXIT_OK


def ladder_counts(graph: Any) -> str:
    """How many roles, skills, requirements, responsibilities and moves a converted graph has.

    Parameters
    ----------
    graph : rdflib.Graph
        The converted graph.

    Returns
    -------
    str
        ``2 roles, 1 skill, 5 requirements, ...``.
    """
    from rdflib import URIRef

    from careergraph.namespaces import CG, RDF

    counts = []
    for cls, noun in (("Role", "role"), ("Skill", "skill"), ("SkillRequirement", "requirement"),
                      ("Responsibility", "responsibility"), ("Transition", "move")):
        n = len(set(graph.subjects(URIRef(RDF + "type"), URIRef(CG + cls))))
        plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
        counts.append(f"{n} {noun if n == 1 else plural}")
    return ", ".join(counts)


def _format(out: str) -> str:
    from careergraph.errors import CareerGraphError

    fmt = RDF_ENDINGS.get(Path(out).suffix.lower())
    if fmt is None:
        raise CareerGraphError(f"--out {out}: give a file ending in {', '.join(RDF_ENDINGS)}")
    return fmt


def _write(graph: Any, out: str, fmt: str) -> None:
    from careergraph.files import write_atomic
    from careergraph.load.write import rdf_bytes

    write_atomic(out, rdf_bytes(graph, fmt))


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph import`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 when written, 1 when ``--validate`` finds violations; 2 for a mistake.
    """
    return run_main("careergraph import", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
