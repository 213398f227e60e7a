"""The careergraph command line: one thin module per command family.

Each module has ``SUMMARY`` (one sentence for ``careergraph --help``),
``DESCRIPTION``, ``add_arguments(parser)``, ``run(args) -> int`` and
``main(argv=None) -> int``, so it works as a subcommand of ``careergraph`` and
on its own, two ways: ``python -m careergraph.cli.validate`` from anywhere, or
``python scripts/validate.py`` from the repository (a module of several
commands, such as ``paths``, takes the command's name first). The modules
import each other absolutely (``careergraph.cli.output``), so both ways need
careergraph installed; run as a file without it, a module says so in one line
and exits 2. Results go to stdout, errors to stderr as one line; exit 0
success, 1 a negative answer (violations found, no path), 2 bad usage or bad
input.

What several commands share is in the shared modules, never in a command
module: :mod:`~careergraph.cli.output` (exit codes, error printing, JSON,
tables, running a command), :mod:`~careergraph.cli.arguments` (the parser and
argument types), :mod:`~careergraph.cli.text` (text and Markdown pieces,
source footnotes), :mod:`~careergraph.cli.moves` (path questions and answers)
and :mod:`~careergraph.cli.extras` (the optional features: a command needing a
missing extra names it in one line and exits 2). No command module imports
another; ``main`` finds them by name.
"""

if __name__ == "__main__":  # `python scripts/__init__.py`: the package, not a command
    import sys

    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this is the package of the "
          "careergraph commands, not a command; see 'careergraph --help' (or "
          "'python scripts/main.py --help')", file=sys.stderr)
    raise SystemExit(2)
