"""``careergraph compare A B``: line up two ladders and show where they differ.

Examples
--------
>>> main(["builtin", "builtin", "--format", "json"])  # doctest: +ELLIPSIS
{
  "a": "builtin",
  "b": "builtin",
  "pairs": [
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

if TYPE_CHECKING:
    from careergraph.compare import Comparison, RoleInfo

SUMMARY = "Line up two ladders and show where they differ."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Line up two ladders by mappings, level equivalences, titles and skill overlap,
and show where they differ: roles with no counterpart, skills one asks and the
other does not, moves one allows and the other does not (exits and track
switches included).

A and B are each 'builtin' (the built-in product-management ladder), a
ladder file (Turtle, N-Triples, JSON-LD, a YAML ladder or a folder of ladder
CSV tables, layered over the built-in graph and the -d files), or a ladder's
short name in the -d files (its skos:notation: 'pm' is the built-in ladder).
Each file is loaded on its own; mappings and level equivalences either states
count. A ladder that says 'extends: builtin' counts the built-in roles as its
own.

Roles pair by skos:exactMatch, then skos:closeMatch (either direction), then
cg:sameLevelAs or a shared cg:grade, then the same IRI or title, then similar
titles (word order ignored) with skill overlap and seniority; each pair says
which."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph compare`` to ``parser``.

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
    add_format_option(parser, ["text", "json"], "text")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph compare``: line up two ladders and print where they differ.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0.
    """
    from careergraph.compare import compare_ladders, load_sides

    refuse_store(args, "careergraph compare compares ladder files (-d FILE and the two ladders)")
    comparison = compare_ladders(*load_sides(args.a, args.b, data=args.data))
    if args.format == "json":
        print_json(comparison.to_dict())
    else:
        show(format_comparison(comparison))
    return EXIT_OK


def format_comparison(c: Comparison) -> str:
    """The comparison as text: the pairs by seniority, then each kind of difference.

    Parameters
    ----------
    c : Comparison
        What :func:`careergraph.compare.compare_ladders` found.

    Returns
    -------
    str
        A table of the paired roles, then the differences.
    """
    rows = [{"level": f"{_level(p.a)} / {_level(p.b)}", "A": p.a.label,
             "B": p.b.label, "matched by": p.basis,
             "skill overlap": "no skills" if p.skill_overlap is None else f"{p.skill_overlap:.0%}"}
            for p in c.pairs]
    out = [f"A: {c.a}", f"B: {c.b}", "",
           f"Roles lined up ({len(c.pairs)})",
           format_table(rows, ["level", "A", "B", "matched by", "skill overlap"])]
    for title, roles in ((f"Roles only in A ({len(c.only_a)})", c.only_a),
                         (f"Roles only in B ({len(c.only_b)})", c.only_b)):
        out += ["", title]
        if roles:
            out.append(format_table([{"level": _level(r), "role": r.label,
                                      "track": r.track} for r in roles], ["level", "role", "track"]))
    for title, skills in ((f"Skills only A asks ({len(c.skills_only_a)})", c.skills_only_a),
                          (f"Skills only B asks ({len(c.skills_only_b)})", c.skills_only_b)):
        out += ["", title] + ([f"  {', '.join(skills)}"] if skills else [])
    differing = [p for p in c.pairs if p.skills_only_a or p.skills_only_b or p.level_differences]
    out += ["", f"Skill differences of lined-up roles ({len(differing)})"]
    for p in differing:
        out.append(f"  {p.a.label} / {p.b.label}")
        if p.skills_only_a:
            out.append(f"    only A asks: {', '.join(p.skills_only_a)}")
        if p.skills_only_b:
            out.append(f"    only B asks: {', '.join(p.skills_only_b)}")
        for d in p.level_differences:
            out.append(f"    {d['skill']}: level {d['a']} in A, {d['b']} in B")
    for title, moves in ((f"Moves only A allows ({len(c.moves_only_a)})", c.moves_only_a),
                         (f"Moves only B allows ({len(c.moves_only_b)})", c.moves_only_b)):
        out += ["", title] + [f"  {m.source} -> {m.target} ({m.kind})" for m in moves]
    if c.moves_other_kind:
        out += ["", f"Moves of another kind ({len(c.moves_other_kind)})"]
        out += [f"  {m.source} -> {m.target}: {m.kind} in A, {m.other_kind} in B"
                for m in c.moves_other_kind]
    return "\n".join(out)


def _level(role: RoleInfo) -> str:
    """The seniority of a role, and its grades in brackets: ``2 (L4)``."""
    level = "?" if role.seniority is None else str(role.seniority)
    if role.grades:
        level += f" ({', '.join(grade.notation for grade in role.grades)})"
    return level


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph compare`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0; 2 for a mistake.
    """
    return run_main("careergraph compare", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
