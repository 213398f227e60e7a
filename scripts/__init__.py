"""The careergraph command line: one thin module per command family.

Each module has ``add_arguments(parser)``, ``run(args) -> int`` and
``main(argv=None) -> int``, so it works as a subcommand of ``careergraph`` and
on its own (``python -m careergraph.cli.validate``). Results go to stdout,
errors to stderr as one line; exit 0 success, 1 a negative answer
(violations found, no path), 2 bad usage or bad input.
"""
