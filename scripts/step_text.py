"""One step of a path as text or Markdown: a move and its skill gap, or an equivalence.

Shared by ``careergraph path``, ``gap`` and ``plan`` through
:mod:`careergraph.cli.moves` (:func:`format_step`, which it re-exports).

Examples
--------
>>> from careergraph.load import load_graph
>>> from careergraph.gap import proficiency_scale, step_gap
>>> kg, pm = load_graph(), "https://w3id.org/careergraph/pm/"
>>> print(format_step(step_gap(kg, pm + "vp-of-product", pm + "chief-product-officer"),
...                   proficiency_scale(kg)))  # doctest: +ELLIPSIS
  VP of Product -> Chief Product Officer  [promotion]
    skills to gain:
...
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.cli.text import Footnotes, md_escape, md_table, visible, wrap

if TYPE_CHECKING:
    from careergraph.equivalences import EquivalenceStep
    from careergraph.gap import StepGap
    from careergraph.gap_results import SkillGain, SkillRaise


def format_step(step: StepGap, names: Mapping[int, str], *, number: int | None = None,
                notes: Footnotes | None = None, shared: frozenset[str] = frozenset(),
                markdown: bool = False) -> str:
    """One move and its gap, indented, readable at a glance.

    Each skill ends with the markers of its requirement's passages, and the
    line ``source:`` gives the move's own passages but those in ``shared``
    (passages of every move, named once elsewhere). With ``notes``, the
    passages are numbered there and listed by the caller; without, the step
    lists them itself under ``Sources``.

    Parameters
    ----------
    step : StepGap
        The move and its gap.
    names : mapping
        Proficiency level -> name (:func:`scale`).
    number : int, optional
        The move's number on its path.
    notes : Footnotes, optional
        Where the passages are numbered, shared with the rest of the output.
    shared : frozenset of str, optional
        IRIs of passages named once for every move, left out here.
    markdown : bool, optional
        Markdown instead of plain text.

    Returns
    -------
    str
        The move and its gap, indented.
    """
    if is_equivalence(step):
        return format_equivalence(step, notes=notes, markdown=markdown)
    own = notes is None
    notes = Footnotes() if notes is None else notes
    if markdown:
        text = _step_markdown(step, names, number, notes, shared)
        return text + ("\n\n" + notes.markdown() if own and notes.passages else "")
    kind = f"  [{step.kind}]" if step.kind else ""
    head = f"{number}. " if number is not None else ""
    ends = visible(f"{step.from_label} -> {step.to_label}", one_line=True)
    lines = [f"  {head}{ends}{kind}"]
    pad = " " * (2 + (len(head) or 2))
    width = max([len(s.label) for s in (*step.gain, *step.raise_)] or [0])
    gains = [(f"{g.label:<{width}}  {_gain_level(g, names)}", g) for g in step.gain]
    raises = [(f"{r.label:<{width}}  {_raise_levels(r, names)}", r)
              for r in step.raise_]
    for heading, items in (("skills to gain", gains), ("skills to raise", raises)):
        if not items:
            continue
        lines.append(f"{pad}{heading}:")
        what_width = max(len(what) for what, _ in items)
        detail_width = max(len(_detail(i.importance, i.category)) for _, i in items)
        for what, item in items:
            cited = notes.cite(item.sources)
            detail = _detail(item.importance, item.category)
            lines.append(f"{pad}  {what:<{what_width}}{detail:<{detail_width}}  {cited}".rstrip()
                         if cited else f"{pad}  {what:<{what_width}}{detail}".rstrip())
    if not step.gain and not step.raise_:
        lines.append(f"{pad}no skill to gain or raise")
    if step.responsibilities:
        lines.append(f"{pad}responsibilities taken on:")
        lines += [wrap(r["label"], f"{pad}  - ", f"{pad}    ", break_long_words=True)
                  for r in step.responsibilities]
    move_sources = [p for p in step.sources if p["iri"] not in shared]
    if move_sources:
        lines.append(f"{pad}source: {notes.cite(move_sources)}")
    if own and notes.passages:
        lines += ["", notes.text()]
    return "\n".join(lines)


def is_equivalence(step: StepGap) -> bool:
    """Whether a step of a path is an equivalence between two ladders, not a move.

    Parameters
    ----------
    step : StepGap
        A step (:func:`careergraph.equivalences.cross_path_gap` gives equivalences).

    Returns
    -------
    bool
        True for an :class:`~careergraph.equivalences.EquivalenceStep`.
    """
    return getattr(step, "relation", None) is not None


def format_equivalence(step: EquivalenceStep, *, notes: Footnotes | None = None,
                       markdown: bool = False) -> str:
    """An equivalence on a path: the two roles, the relation, and that it is no move.

    Parameters
    ----------
    step : EquivalenceStep
        The equivalence (``relation`` and ``meaning`` besides the step's fields).
    notes : Footnotes, optional
        Where the passages that state it are numbered; without, they follow under ``Sources``.
    markdown : bool, optional
        Markdown instead of plain text.

    Returns
    -------
    str
        One heading line, one line of what it means, and its sources.
    """
    own = notes is None
    notes = Footnotes() if notes is None else notes
    relation, meaning = step.relation, step.meaning
    if markdown:
        text = (f"### {md_escape(step.from_label)} = {md_escape(step.to_label)} (equivalence)\n\n"
                f"An equivalence ({md_escape(relation)}), not a move: {md_escape(meaning)}. "
                "No skill to gain or raise.")
        if step.sources:
            text += f"\n\nSource of the equivalence: {notes.cite(step.sources, markdown=True)}"
        return text + ("\n\n" + notes.markdown() if own and notes.passages else "")
    ends = visible(f"{step.from_label} = {step.to_label}", one_line=True)
    lines = [f"  {ends}: an equivalence ({relation}), not a move",
             f"     {meaning}: no skill to gain or raise"]
    if step.sources:
        lines.append(f"     source: {notes.cite(step.sources)}")
    if own and notes.passages:
        lines += ["", notes.text()]
    return "\n".join(lines)


def path_names(steps: Sequence[StepGap]) -> list[str]:
    """The roles of a path as its steps name them; each end of an equivalence with its ladder.

    Parameters
    ----------
    steps : sequence of StepGap
        The steps of a path (at least one).

    Returns
    -------
    list of str
        One name per role of the path, in order.
    """
    names = [steps[0].from_label, *(step.to_label for step in steps)]
    for index, step in enumerate(steps):
        if is_equivalence(step):
            names[index], names[index + 1] = step.from_label, step.to_label
    return names


def _step_markdown(step: StepGap, names: Mapping[int, str], number: int | None,
                   notes: Footnotes, shared: frozenset[str]) -> str:
    """One move and its gap in Markdown: a heading, a table of skills, the responsibilities."""
    kind = f" ({md_escape(step.kind)})" if step.kind else ""
    head = f"{number}. " if number is not None else ""
    lines = [f"### {head}{md_escape(step.from_label)} → {md_escape(step.to_label)}{kind}", ""]
    rows = [["gain", md_escape(g.label), md_escape(_gain_level(g, names)),
             md_escape(g.importance or ""), md_escape(g.category or ""),
             notes.cite(g.sources, markdown=True)] for g in step.gain]
    rows += [["raise", md_escape(r.label), md_escape(_raise_levels(r, names, "→")),
              md_escape(r.importance or ""), md_escape(r.category or ""),
              notes.cite(r.sources, markdown=True)] for r in step.raise_]
    if rows:
        lines.append(md_table(rows, ["change", "skill", "level", "importance", "category",
                                     "sources"]))
    else:
        lines.append("No skill to gain or raise.")
    if step.responsibilities:
        lines += ["", "Responsibilities taken on:", ""]
        lines += [f"- {md_escape(r['label'])}" for r in step.responsibilities]
    move_sources = [p for p in step.sources if p["iri"] not in shared]
    if move_sources:
        lines += ["", f"Source of the move: {notes.cite(move_sources, markdown=True)}"]
    return "\n".join(lines)


def _level(level: int | None, names: Mapping[int, str]) -> str:
    """A level with its name: ``3 (practitioner)``."""
    if level is None:
        return "(not given)"
    return f"{level} ({names[level]})" if level in names else str(level)


def _gain_level(gain: SkillGain, names: Mapping[int, str]) -> str:
    """``level 3 (practitioner)``; in a framework's words ``level Working (DDaT skill levels; common level 2)``."""
    if gain.level_name and gain.level is not None:
        scale = f"{gain.scale}; " if gain.scale else ""
        return f"level {gain.level_name} ({scale}common level {gain.level})"
    return f"level {_level(gain.level, names)}"


def _raise_levels(raise_: SkillRaise, names: Mapping[int, str], arrow: str = "->") -> str:
    """``3 -> 4 (advanced)``; in a framework's words ``Working -> Practitioner (DDaT skill levels; common 2 -> 3)``."""
    if raise_.level_name:
        before = raise_.from_level_name or f"common level {raise_.from_level}"
        scale = f"{raise_.scale}; " if raise_.scale else ""
        return f"{before} {arrow} {raise_.level_name} ({scale}common {raise_.from_level} {arrow} {raise_.to_level})"
    return f"{raise_.from_level} {arrow} {_level(raise_.to_level, names)}"


def _detail(importance: str | None, category: str | None) -> str:
    """A skill's importance and category after two spaces, or empty."""
    parts = [p for p in (importance, category) if p]
    return f"  {', '.join(parts)}" if parts else ""


if __name__ == "__main__":  # `python scripts/step_text.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module formats the steps "
          "of paths for the careergraph commands and is not a command itself; see "
          "'careergraph --help'", file=sys.stderr)
    raise SystemExit(2)
