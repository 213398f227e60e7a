"""``careergraph validate``: check the built-in graph and the given files.

Examples
--------
>>> main([])
ok: no violations, 0 warnings in 2 files (... triples)
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import (EXIT_NEGATIVE, EXIT_OK, add_data_option, add_format_option,
                                    open_graph, print_json, run_main)
from careergraph.cli.printing import show
from careergraph.cli.text import visible

SUMMARY = "Validate the built-in graph plus the given files."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Validate the built-in graph plus the given files.

Runs the SHACL shapes, the QC queries (ontology/qc/*-violation.rq) and the
integrity checks (promotion cycles, undeclared cg: terms, misspelt rdf, rdfs,
owl, skos, sh, dcterms and prov terms). Exit 0 when there is no violation
(warnings allowed), 1 when there are violations, 2 when a file cannot be read."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph validate`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="files to validate, layered over the built-in graph")
    add_data_option(parser)
    add_format_option(parser, ["text", "json"], "text")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph validate``: validate the graph and print each finding.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0 when the graph conforms, 1 on violations.
    """
    from careergraph.validate import validate

    report = validate(open_graph(args, args.files))
    if args.format == "json":
        print_json(report.to_dict())
    else:
        for finding in report.findings:
            where = f" [{finding.check}" + (f", {finding.path}" if finding.path else "") + "]"
            value = f" (value: {finding.value})" if finding.value else ""
            show(visible(f"{finding.file or '<derived>'}: {finding.severity}: "
                         f"{finding.focus_label}: {finding.message}{value}{where}", one_line=True))
        violations, warnings = report.count("violation"), report.count("warning")
        status = "ok" if report.conforms else "failed"
        show(f"{status}: {_plural(violations, 'violation')}, {_plural(warnings, 'warning')} "
              f"in {_plural(len(report.files), 'file')} ({report.triples:,} triples)")
    return EXIT_OK if report.conforms else EXIT_NEGATIVE


def _plural(count: int, noun: str) -> str:
    return f"{'no' if count == 0 and noun == 'violation' else count} {noun}{'' if count == 1 else 's'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph validate`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 when the graph conforms, 1 on violations; 2 for a mistake.
    """
    return run_main("careergraph validate", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
