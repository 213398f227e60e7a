"""``careergraph describe ROLE``: everything the graph says about one role, with its sources.

The role is named by any title, alternative title or abbreviation, in any
case (or by its IRI); an unknown name exits 2 with the closest titles. The
facts come from :func:`careergraph.describe.describe_role`; each cites the
passages it comes from by number, and the passages follow once each, with
their section and quote, as footnotes. Values this project chose itself are
marked "curated", with the curation notes saying why.

Examples
--------
>>> main(["Product Owner"])  # doctest: +ELLIPSIS
Associate Product Manager
https://w3id.org/careergraph/pm/associate-product-manager
...
reports to: Product Manager
...
0
>>> main(["Product Ownr"])  # stderr: unknown role 'Product Ownr'; did you mean ...?
2
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.output import (EXIT_OK, add_data_option, add_format_option, format_table,
                                    open_graph, print_json, run_main)
from careergraph.cli.printing import show
from careergraph.cli.text import (markers, md_escape, md_markers, md_passage, md_table,
                                  passage_text, visible, wrap)

if TYPE_CHECKING:
    from careergraph.describe import Curation, Requirement, RoleDescription
    from careergraph.role_place import Experience, Span

SUMMARY = "Describe one role: every fact the graph holds about it, with where each comes from."
"""One sentence for ``careergraph --help``."""

DESCRIPTION = """Describe one role: its definition, other titles, seniority, track, ladder,
grades, level band, reporting line (whom it reports to, and who reports to
it), years of experience (each source's range), span of control,
responsibilities, required skills (category, proficiency, in the ladder's own
scale when it has one, and importance), moves out and in (track switches
included), equivalent roles (exact match, close match, same level; in this
ladder or another, named LADDER:Title), mappings to ESCO and O*NET, and scope
notes.

Each fact cites the source passages it comes from by number ([1], [2], ...);
the passages follow once each, with their section and quote. The role's own
facts (definition to reporting line, and mappings) share the role's
passages. Values this project chose itself rather than the source (a track,
a proficiency, a mapping) are marked curated, and the curation notes say why.

ROLE is any title, alternative title or abbreviation, in any case, or the
role's IRI. Exit 0 with the description, 2 for an unknown role (with the
closest titles)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``careergraph describe`` to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    """
    parser.add_argument("role", metavar="ROLE", help="the title (or IRI) of the role")
    add_data_option(parser)
    add_format_option(parser, ["text", "json", "md"], "text")


def run(args: argparse.Namespace) -> int:
    """Run ``careergraph describe``: print everything the graph says about one role.

    Parameters
    ----------
    args : argparse.Namespace
        The arguments of :func:`add_arguments`.

    Returns
    -------
    int
        0 (an unknown role is a mistake, raised as ``RoleNotFound``).
    """
    from careergraph.describe import describe_role
    from careergraph.names import TitleIndex

    kg = open_graph(args, cache=True)
    role = TitleIndex.for_graph(kg).resolve(args.role)
    description = describe_role(kg, role)
    if args.format == "json":
        print_json(description.to_dict())
    elif args.format == "md":
        show(format_markdown(description))
    else:
        show(format_text(description))
    return EXIT_OK


# --- text -------------------------------------------------------------------------


def _with(text: str, numbers: Sequence[int]) -> str:
    return f"{text}  {markers(numbers)}" if numbers else text


def _curated(description: RoleDescription, prop: str) -> str:
    return " (curated)" if description.curated(prop) else ""


def format_text(d: RoleDescription) -> str:
    """The description as plain text: the facts, then the curation notes and the passages.

    Parameters
    ----------
    d : RoleDescription
        What :func:`careergraph.describe.describe_role` found.

    Returns
    -------
    str
        The text, wrapped at 100 columns.
    """
    from careergraph.namespaces import CG, SKOS

    lines = [visible(d.label, one_line=True), visible(d.iri, one_line=True), ""]
    if d.definition:
        lines += [wrap(d.definition + _curated(d, SKOS + "definition"), ""), ""]
    facts = [
        ("other titles", ", ".join(d.alt_labels) or "none", SKOS + "altLabel"),
        ("seniority", "not given" if d.seniority is None else str(d.seniority), CG + "seniority"),
        ("track", d.track or "not given", CG + "track"),
        ("ladder", ", ".join(ladder.label for ladder in d.ladders) or "none (outside any ladder)",
         SKOS + "inScheme"),
        ("grades", ", ".join(g.name for g in d.grades) or "none given", CG + "grade"),
        ("level band", d.band.label if d.band else "none given", CG + "levelBand"),
        ("reports to", ", ".join(r.label for r in d.reports_to) or "no one in the graph",
         CG + "reportsTo"),
    ]
    lines += [wrap(f"{name}: {value}{_curated(d, prop)}", "", "  ") for name, value, prop in facts]
    if d.reporting_to_it:
        lines.append(wrap("reporting to it: " + ", ".join(_with(r.label, r.sources)
                                                          for r in d.reporting_to_it), "", "  "))
    else:
        lines.append("reporting to it: no one in the graph")
    lines.append(f"sources of the role's facts: {markers(d.sources) or 'none'}")

    lines += ["", _experience_heading(d.experience)]
    if d.experience:
        rows = [{**_years(r), "sources": markers(r.sources)} for r in d.experience]
        lines += ["  " + line for line in format_table(
            rows, ["min", "typical", "max", "sources"]).splitlines()]
    else:
        lines.append("  none in the graph")
    lines += ["", f"Span of control ({len(d.spans)})"]
    lines += [wrap(_with(_span(s), s.sources), "  ", "    ") for s in d.spans]
    if not d.spans:
        lines.append("  none in the graph")
    lines += ["", f"Responsibilities ({len(d.responsibilities)})"]
    for r in d.responsibilities:
        condition = f" (condition: {r.condition})" if r.condition else ""
        lines.append(wrap(_with(r.label + condition, r.sources), "  - ", "    "))
    if not d.responsibilities:
        lines.append("  none in the graph")

    lines += ["", f"Required skills ({len(d.requirements)})"]
    if d.requirements:
        rows = [{"skill": r.label, "category": r.category,
                 "proficiency": _requirement_level(r),
                 "importance": r.importance, "sources": markers(r.sources),
                 "curated": ", ".join(r.curation.names) if r.curation else ""}
                for r in d.requirements]
        lines += ["  " + line for line in format_table(
            rows, ["skill", "category", "proficiency", "importance", "sources", "curated"]
        ).splitlines()]
        lines += [wrap(f"{r.label}: condition: {r.condition}", "  * ", "    ")
                  for r in d.requirements if r.condition]
    else:
        lines.append("  none in the graph")

    for heading, moves, arrow in (("Moves out", d.moves_out, "->"), ("Moves in", d.moves_in, "<-")):
        lines += ["", f"{heading} ({len(moves)})"]
        for m in moves:
            other = f"{arrow} {m.label}" if m.label else "from outside the ladder"
            condition = f" (condition: {m.condition})" if m.condition else ""
            lines.append(wrap(_with(f"{m.kind_label or m.kind or 'move'} {other}{condition}",
                                     m.sources), "  ", "    "))
        if not moves:
            lines.append("  none in the graph")

    lines += ["", f"Equivalent roles ({len(d.equivalences)})"]
    if d.equivalences:
        rows = [{"relation": q.relation, "role": q.qualified,
                 "ladder": "another ladder" if q.across else "this ladder",
                 "stated on": q.stated_on, "sources": markers(q.sources)} for q in d.equivalences]
        lines += ["  " + line for line in format_table(
            rows, ["relation", "role", "ladder", "stated on", "sources"]).splitlines()]
    else:
        lines.append("  none in the graph")

    lines += ["", f"Mappings to ESCO and O*NET ({len(d.mappings)})"]
    if d.mappings:
        rows = [{"relation": m.relation, "scheme": m.scheme, "occupation": m.occupation,
                 "label": m.label or "(not in the graph)", "curated": "yes" if m.curated else "no"}
                for m in d.mappings]
        lines += ["  " + line for line in format_table(
            rows, ["relation", "scheme", "occupation", "label", "curated"]).splitlines()]
    else:
        lines.append("  none")

    if d.scope_notes:
        lines += ["", "Scope notes"]
        lines += [wrap(note, "  - ", "    ") for note in d.scope_notes]

    curations = _curations(d)
    if curations:
        lines += ["", "Curation notes (this project's judgement, not the source's)"]
        for about, curation in curations:
            for note in curation.notes or ("(no note)",):
                lines.append(wrap(f"{about} ({', '.join(curation.names)}): {note}",
                                   "  - ", "    "))

    lines += ["", "Sources"]
    for p in d.passages:
        lines.append(wrap(passage_text(p.section, p.quote, p.iri), f"  [{p.number}] "))
    if not d.passages:
        lines.append("  none in the graph")
    return "\n".join(lines)


def _proficiency(number: int | None, name: str | None) -> str:
    if number is None:
        return "not given"
    return f"{number} {name}" if name else str(number)


def _requirement_level(r: Requirement) -> str:
    """The level required: in the framework's words when the ladder has a scale of its own."""
    return r.framework.words() if r.framework else _proficiency(r.proficiency, r.level)


def _number(value: float | None) -> str:
    return "-" if value is None else str(value)


def _years(r: Experience) -> dict[str, str]:
    """The three numbers of a range, ``-`` where its source gives none."""
    return {"min": _number(r.min_years), "typical": _number(r.typical_years),
            "max": _number(r.max_years)}


def _experience_heading(ranges: Sequence[Experience]) -> str:
    """``Experience in years (2, from sources that disagree)`` when two sources give different numbers."""
    disagree = any(len({value for value in values if value is not None}) > 1
                   for values in zip(*((r.min_years, r.typical_years, r.max_years) for r in ranges)))
    return (f"Experience in years ({len(ranges)}"
            f"{', from sources that disagree' if disagree else ''})")


def _span(s: Span) -> str:
    """``3 to 8 people: "three to eight product leads"``, with what the source gives."""
    low, high = s.min_reports, s.max_reports
    if low is not None and high is not None:
        count = f"{low} people" if low == high else f"{low} to {high} people"
    elif low is not None:
        count = f"at least {low} people"
    elif high is not None:
        count = f"at most {high} people"
    else:
        count = ""
    note = f'"{s.note}"' if s.note else ""
    return ": ".join(part for part in (count, note) if part) or "(no number or words given)"


def _curations(d: RoleDescription) -> list[tuple[str, Curation]]:
    """(what, curation) for the role and every fact node that carries a curation."""
    found = [("the role", d.curation)] if d.curation else []
    found += [(f"skill {r.label}", r.curation) for r in d.requirements if r.curation]
    found += [(f"responsibility {r.label}", r.curation) for r in d.responsibilities if r.curation]
    found += [(f"move {m.kind or 'move'} {'to' if m in d.moves_out else 'from'} "
               f"{m.label or 'outside the ladder'}", m.curation)
              for m in (*d.moves_out, *d.moves_in) if m.curation]
    return found


# --- markdown ---------------------------------------------------------------------


def format_markdown(d: RoleDescription) -> str:
    """The description as Markdown: a heading, the role's facts, tables, and the passages.

    Parameters
    ----------
    d : RoleDescription
        What :func:`careergraph.describe.describe_role` found.

    Returns
    -------
    str
        The Markdown, every value from the graph escaped (:func:`~careergraph.cli.text.md_escape`).
    """
    from careergraph.namespaces import CG, SKOS

    e = md_escape

    def curated(prop: str) -> str:
        return " (curated)" if d.curated(prop) else ""

    lines = [f"# {e(d.label)}", "", e(d.iri), ""]
    if d.definition:
        lines += [e(d.definition) + curated(SKOS + "definition"), ""]
    reporting = ", ".join(f"{e(r.label)} {md_markers(r.sources)}".rstrip()
                          for r in d.reporting_to_it)
    lines += [
        f"- **Other titles:** {', '.join(map(e, d.alt_labels)) or 'none'}"
        f"{curated(SKOS + 'altLabel')}",
        f"- **Seniority:** {'not given' if d.seniority is None else d.seniority}"
        f"{curated(CG + 'seniority')}",
        f"- **Track:** {e(d.track) if d.track else 'not given'}{curated(CG + 'track')}",
        f"- **Ladder:** {', '.join(e(ladder.label) for ladder in d.ladders) or 'none'}"
        f"{curated(SKOS + 'inScheme')}",
        f"- **Grades:** {', '.join(e(g.name) for g in d.grades) or 'none given'}"
        f"{curated(CG + 'grade')}",
        f"- **Level band:** {e(d.band.label) if d.band else 'none given'}{curated(CG + 'levelBand')}",
        f"- **Reports to:** {', '.join(e(r.label) for r in d.reports_to) or 'no one in the graph'}"
        f"{curated(CG + 'reportsTo')}",
        f"- **Reporting to it:** {reporting or 'no one in the graph'}",
        f"- **Sources of the role's facts:** {md_markers(d.sources) or 'none'}"]
    lines += ["", "## " + _experience_heading(d.experience), ""]
    lines.append(md_table([[*_years(r).values(), md_markers(r.sources)] for r in d.experience],
                          ["min", "typical", "max", "sources"])
                 if d.experience else "None in the graph.")
    lines += ["", f"## Span of control ({len(d.spans)})", ""]
    lines += [f"- {e(_span(s))} {md_markers(s.sources)}".rstrip() for s in d.spans]
    if not d.spans:
        lines.append("None in the graph.")
    lines += ["", f"## Responsibilities ({len(d.responsibilities)})", ""]
    for r in d.responsibilities:
        condition = f" (condition: {e(r.condition)})" if r.condition else ""
        lines.append(f"- {e(r.label)}{condition} {md_markers(r.sources)}".rstrip())
    if not d.responsibilities:
        lines.append("None in the graph.")

    lines += ["", f"## Required skills ({len(d.requirements)})", ""]
    if d.requirements:
        lines.append(md_table(
            [[e(r.label), e(r.category or ""), e(_requirement_level(r)),
              e(r.importance or ""), md_markers(r.sources),
              ", ".join(map(e, r.curation.names)) if r.curation else ""]
             for r in d.requirements],
            ["skill", "category", "proficiency", "importance", "sources", "curated"]))
        conditions = [f"- {e(r.label)}: condition: {e(r.condition)}"
                      for r in d.requirements if r.condition]
        lines += ["", *conditions] if conditions else []
    else:
        lines.append("None in the graph.")

    lines += ["", f"## Moves ({len(d.moves_out) + len(d.moves_in)})", ""]
    moves = [("out", m) for m in d.moves_out] + [("in", m) for m in d.moves_in]
    if moves:
        lines.append(md_table(
            [[direction, e(m.kind_label or m.kind or "move"),
              e(m.label) if m.label else "outside the ladder", e(m.condition or ""),
              md_markers(m.sources)] for direction, m in moves],
            ["direction", "kind", "role", "condition", "sources"]))
    else:
        lines.append("None in the graph.")

    lines += ["", f"## Equivalent roles ({len(d.equivalences)})", ""]
    lines.append(md_table(
        [[e(q.relation), e(q.qualified), "another ladder" if q.across else "this ladder",
          e(q.stated_on), md_markers(q.sources)] for q in d.equivalences],
        ["relation", "role", "ladder", "stated on", "sources"])
        if d.equivalences else "None in the graph.")

    lines += ["", f"## Mappings to ESCO and O\\*NET ({len(d.mappings)})", ""]
    if d.mappings:
        lines.append(md_table(
            [[e(m.relation), e(m.scheme), e(m.occupation), e(m.label or ""),
              "yes" if m.curated else "no"] for m in d.mappings],
            ["relation", "scheme", "occupation", "label", "curated"]))
    else:
        lines.append("None.")

    if d.scope_notes:
        lines += ["", "## Scope notes", ""]
        lines += [f"- {e(note)}" for note in d.scope_notes]

    curations = _curations(d)
    if curations:
        lines += ["", "## Curation notes", ""]
        for about, curation in curations:
            for note in curation.notes or ("(no note)",):
                lines.append(f"- **{e(about)}** ({', '.join(map(e, curation.names))}): {e(note)}")

    lines += ["", "## Sources", ""]
    lines += [f"{p.number}. {md_passage(p.section, p.quote, p.iri)}" for p in d.passages]
    if not d.passages:
        lines.append("None in the graph.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``careergraph describe`` with ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 with a description, 2 for an unknown role or another mistake.
    """
    return run_main("careergraph describe", DESCRIPTION, add_arguments, run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
