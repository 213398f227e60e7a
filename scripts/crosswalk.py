"""``careergraph crosswalk A B``: the level-to-level table of two ladders.

Examples
--------
>>> main(["builtin", "pm", "--format", "json"])  # doctest: +ELLIPSIS
{
  "a": "builtin",
  "b": "pm",
  "ladder_a": "Product management career ladder",
...
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import (EXIT_OK, add_data_option, add_format_option, format_table,
                                    print_json, refuse_store, run_main)
from careergraph.cli.printing import show
from careergraph.cli.text import md_escape, md_table

if TYPE_CHECKING:
    from careergraph.compare_pairs import RoleInfo
    from careergraph.ladder_crosswalk import Crosswalk

SUMMARY = "Show the level-to-level table of two ladders."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Show the level-to-level table of two ladders: each level of A (its grades
in order, or its seniorities when it has no grades), the roles of A at that
level, and the roles of B beside each, with the basis: mapping: exact or
mapping: close (skos:exactMatch / skos:closeMatch, either direction), same
level (cg:sameLevelAs), same grade (a shared cg:grade), or seniority. Each
role of A gets the roles of B on the strongest basis found; the roles of B
beside none are listed at the end.

A and B are each 'builtin' (the built-in product-management ladder), a
ladder file (Turtle, N-Triples, JSON-LD, a YAML ladder or a folder of ladder
CSV tables, layered over the built-in graph and the -d files), or a ladder's
short name in the -d files (its skos:notation: 'pm' is the built-in ladder)."""

COLUMNS = ["A level", "A role", "B role", "B level", "basis"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph crosswalk`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("a", metavar="A",
                        help="'builtin', a ladder file or folder, or a ladder's short name")
    parser.add_argument("b", metavar="B",
                        help="'builtin', a ladder file or folder, or a ladder's short name")
    add_data_option(parser)
    add_format_option(parser, ["text", "json", "md"], "text")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph crosswalk``: print the level-to-level table of two ladders.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0.
    """
    from careergraph.compare_sides import load_sides
    from careergraph.ladder_crosswalk import crosswalk_ladders

    refuse_store(args, "careergraph crosswalk reads ladder files (-d FILE and the two ladders)")
    a, b = load_sides(args.a, args.b, data=args.data)
    walk = crosswalk_ladders(a.kg, a, b)
    if args.format == "json":
        print_json(walk.to_dict())
    elif args.format == "md":
        show(format_markdown(walk))
    else:
        show(format_crosswalk(walk))
    return EXIT_OK


def table_rows(walk: Crosswalk) -> list[dict[str, str]]:
    """The crosswalk as rows: one per role of B beside a role of A, or per unmatched role of A.

    A level without roles is one row with the level alone.

    Parameters
    ----------
    walk : Crosswalk
        What :func:`careergraph.ladder_crosswalk.crosswalk_ladders` found.

    Returns
    -------
    list of dict
        The cells of :data:`COLUMNS`, as plain text.
    """
    rows = []
    for level in walk.levels:
        name = level.level if level.label is None else f"{level.level} ({level.label})"
        if not level.lines:
            rows.append({"A level": name})
        for line in level.lines:
            if not line.matches:
                rows.append({"A level": name, "A role": line.role.label})
            for match in line.matches:
                rows.append({"A level": name, "A role": line.role.label,
                             "B role": match.role.label, "B level": _level(match.role),
                             "basis": match.basis})
    return rows


def _heading(walk: Crosswalk) -> list[str]:
    def side(name: str, ladder: str | None) -> str:
        return name if ladder is None else f"{name} ({ladder})"

    return [f"A: {side(walk.a, walk.ladder_a)}, by {walk.by}", f"B: {side(walk.b, walk.ladder_b)}"]


def format_crosswalk(walk: Crosswalk) -> str:
    """The crosswalk as text: the table, then the roles of B beside none.

    Parameters
    ----------
    walk : Crosswalk
        What :func:`careergraph.ladder_crosswalk.crosswalk_ladders` found.

    Returns
    -------
    str
        Plain text.
    """
    out = [*_heading(walk), "", format_table(table_rows(walk), COLUMNS), "",
           f"Roles of B beside no role of A ({len(walk.unmatched_b)})"]
    out += [f"  {role.label} ({_level(role)})" for role in walk.unmatched_b]
    return "\n".join(out)


def format_markdown(walk: Crosswalk) -> str:
    """The crosswalk as Markdown, every label escaped.

    Parameters
    ----------
    walk : Crosswalk
        What :func:`careergraph.ladder_crosswalk.crosswalk_ladders` found.

    Returns
    -------
    str
        A heading line per side, the table, and the roles of B beside none.
    """
    rows = [[md_escape(row.get(column, "")) for column in COLUMNS] for row in table_rows(walk)]
    out = [f"{md_escape(line)}  " for line in _heading(walk)]
    out += ["", md_table(rows, COLUMNS), "",
            f"Roles of B beside no role of A ({len(walk.unmatched_b)})", ""]
    out += [f"- {md_escape(role.label)} ({md_escape(_level(role))})" for role in walk.unmatched_b]
    return "\n".join(out)


def _level(role: RoleInfo) -> str:
    """A role's grades (``G8``), else its seniority, else ``?``."""
    if role.grades:
        return ", ".join(grade.notation for grade in role.grades)
    return "?" if role.seniority is None else str(role.seniority)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph crosswalk`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0; 2 for a mistake.
    """
    return run_main("careergraph crosswalk", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
