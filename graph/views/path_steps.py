"""The steps of a path on its page: what each step asks of a planner, and why, each passage once.

For each move of a path: the responsibilities taken on (each with the
passages that state it), the skills to gain and to raise with their levels
(in the framework's words when the requirement names a level of its ladder's
own scale) and the passages of their requirements, and the move's own
passages. An equivalence between two ladders is a step too, but no move.

Passages are numbered in the order the page first cites them, and quoted
once: those that every move of the path cites under "Every move", the others
under "Sources", as the text of ``careergraph path`` does. Everything here is
plain text: the page template escapes it.

Examples
--------
>>> from careergraph.load import load_graph
>>> from careergraph.gap import path_gap
>>> kg, pm = load_graph(), "https://w3id.org/careergraph/pm/"
>>> cards = step_cards(kg, path_gap(kg, [pm + "vp-of-product", pm + "chief-product-officer"]))
>>> [card["part"] for card in cards]
['move', 'sources']
>>> cards[0]["move"], cards[0]["groups"][0]["title"]
('VP of Product → Chief Product Officer (promotion)', 'Responsibilities taken on')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from careergraph.gap import proficiency_scale, shared_sources
from careergraph.passages import text

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph
    from careergraph.gap_results import SkillGain, SkillRaise, StepGap

_RESPONSIBILITY_SOURCES = """
SELECT ?responsibility ?source ?section ?quote ?document WHERE {
  ?role cg:hasResponsibility ?responsibility .
  ?responsibility dcterms:source ?source .
  OPTIONAL { ?source cg:section ?section }
  OPTIONAL { ?source cg:quote ?quote }
  OPTIONAL { ?source dcterms:isPartOf ?document }
}"""
"""The passages of one role's responsibilities (``?role`` is bound, never pasted in)."""


class Citations:
    """Passages numbered in the order a page first cites them, each quoted once.

    Examples
    --------
    >>> notes = Citations()
    >>> first = {"iri": "p1", "section": "1. APM", "quote": "APMs learn."}
    >>> notes.cite([first]), notes.cite([{"iri": "p2", "section": None, "quote": "More."}, first])
    ('[1]', '[1, 2]')
    >>> [entry["text"] for entry in notes.listing()]
    ['[1] 1. APM: “APMs learn.”', '[2] “More.”']
    """

    def __init__(self) -> None:
        self.passages: dict[str, Mapping[str, Any]] = {}

    def numbers(self, passages: Iterable[Mapping[str, Any]]) -> list[int]:
        """The numbers of ``passages``, numbering those not cited before.

        Parameters
        ----------
        passages : iterable of mapping
            Passages with ``iri``, ``section`` and ``quote`` (one without an
            IRI is known by its quote).

        Returns
        -------
        list of int
            Their numbers, sorted, each once.
        """
        found = []
        for passage in passages:
            key = passage.get("iri") or passage.get("quote") or ""
            self.passages.setdefault(key, passage)
            found.append(list(self.passages).index(key) + 1)
        return sorted(set(found))

    def cite(self, passages: Iterable[Mapping[str, Any]]) -> str:
        """The markers of ``passages``: ``[1, 2]``, or empty for none.

        Parameters
        ----------
        passages : iterable of mapping
            The passages cited, as for :meth:`numbers`.

        Returns
        -------
        str
            The markers.
        """
        numbers = self.numbers(passages)
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""

    def listing(self, start: int = 1, stop: int | None = None) -> list[dict[str, Any]]:
        """The passages numbered ``start`` to ``stop`` (default: all), each as text once.

        Parameters
        ----------
        start : int
            The first number listed.
        stop : int, optional
            The last number listed.

        Returns
        -------
        list of dict
            ``{"number", "where", "quote", "text"}``: ``where`` is the section
            (or, for a passage without a quote, its IRI), ``text`` the whole line.
        """
        entries = []
        for number, (key, passage) in enumerate(self.passages.items(), start=1):
            if number < start or (stop is not None and number > stop):
                continue
            section, quote = passage.get("section"), passage.get("quote")
            where = section if quote or section else passage.get("iri") or key
            where = f"{section}, {passage.get('iri') or key}" if section and not quote else where
            said = f"“{quote}”" if quote else ""
            line = f"[{number}] " + (f"{where}: {said}" if where and said else where or said)
            entries.append({"number": number, "where": where, "quote": quote, "text": line})
        return entries


def responsibility_sources(kg: CareerGraph, roles: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """The passages that state each responsibility of the given roles.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    roles : iterable of str
        Role IRIs (each bound to the query, one query per role).

    Returns
    -------
    dict
        Responsibility IRI -> its passages (``{"iri", "section", "quote"}``), by section and IRI.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> pm = "https://w3id.org/careergraph/pm/"
    >>> found = responsibility_sources(load_graph(), [pm + "senior-product-manager"])
    >>> [p["section"] for p in found[pm + "resp-spm-liaison"]]
    ['3. Senior Product Manager']
    """
    from rdflib import URIRef

    found: dict[str, dict[str, dict[str, Any]]] = {}
    for role in dict.fromkeys(map(str, roles)):
        for row in kg.query(_RESPONSIBILITY_SOURCES, {"role": URIRef(role)}):
            passage = {"iri": str(row.source), "quote": text(row.quote), "section": text(row.section)}
            found.setdefault(str(row.responsibility), {})[passage["iri"]] = passage
    return {iri: sorted(passages.values(), key=lambda p: (p["section"] or "", p["iri"]))
            for iri, passages in found.items()}


def is_equivalence(step: Any) -> bool:
    """Whether a step of a path is an equivalence between two ladders, not a move.

    Parameters
    ----------
    step : StepGap
        A step (:func:`careergraph.equivalences.cross_path_gap` gives equivalences).

    Returns
    -------
    bool
        True for an :class:`~careergraph.equivalences.EquivalenceStep`.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> is_equivalence(SimpleNamespace(relation="skos:exactMatch")), is_equivalence(SimpleNamespace())
    (True, False)
    """
    return getattr(step, "relation", None) is not None


def step_cards(kg: CareerGraph, steps: Sequence[StepGap], kinds: Mapping[tuple[str, str], str] | None = None
               ) -> list[dict[str, Any]]:
    """The cards of a path's steps, then of the passages of every move, then of the other passages.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph, for the responsibilities' passages and the proficiency scale.
    steps : sequence of StepGap
        The steps of the path (:func:`careergraph.gap.path_gap`, or
        :func:`careergraph.equivalences.cross_path_gap` with equivalences).
    kinds : mapping, optional
        (from role, to role) -> the kind of the move in words (default: the step's ``kind``).

    Returns
    -------
    list of dict
        One card per step (``part`` "move" or "equivalence"), in order;
        then, when the path has several moves that all cite some passages,
        one card ``part`` "shared" quoting them ("Every move"); then one card
        ``part`` "sources" quoting the others, each once. Every card has
        ``move`` (its heading) and ``lines`` (its content as plain lines);
        a step's card also ``number`` (the move's number, None for an
        equivalence), ``groups`` (``title`` and ``items``, each ``text``,
        ``detail`` and ``cites``), ``notes`` (lines after the groups),
        ``cites`` (the move's own passages but those of every move) and
        ``cited_as`` (what to call them); the cards of passages ``passages``
        (``number``, ``where``, ``quote``, ``text``).
    """
    names = proficiency_scale(kg)
    notes = Citations()
    moves = [step for step in steps if not is_equivalence(step)]
    shared = shared_sources(moves)
    notes.numbers(shared)
    shared_iris = {p["iri"] for p in shared}
    said = responsibility_sources(kg, (step.to_role for step in moves))
    cards, number = [], 0
    for step in steps:
        if is_equivalence(step):
            cards.append(_equivalence_card(step, notes))
            continue
        number += 1
        kind = (kinds or {}).get((step.from_role, step.to_role)) or step.kind or "move"
        groups = [
            {"title": "Responsibilities taken on", "items": [
                {"text": r["label"], "detail": "", "cites": notes.cite(said.get(r["iri"], ()))}
                for r in step.responsibilities]},
            {"title": "Skills to gain", "items": [
                {"text": g.label, "detail": _details(gain_level(g, names), g), "cites": notes.cite(g.sources)}
                for g in step.gain]},
            {"title": "Skills to raise", "items": [
                {"text": r.label, "detail": _details(raise_levels(r, names), r), "cites": notes.cite(r.sources)}
                for r in step.raise_]},
        ]
        groups = [group for group in groups if group["items"]]
        cites = notes.cite(p for p in step.sources if p["iri"] not in shared_iris)
        empty = [] if step.gain or step.raise_ else ["No skill to gain or raise"]
        cards.append(_card("move", number, f"{step.from_label} → {step.to_label} ({kind})", groups,
                           empty, cites, "Source of the move"))
    if shared:
        listed = notes.listing(stop=len(shared))
        cards.append({"part": "shared", "move": "Every move", "passages": listed,
                      "lines": ["Passages that every move of the path cites:", *(e["text"] for e in listed)]})
    rest = notes.listing(start=len(shared) + 1)
    if rest:
        cards.append({"part": "sources", "move": "Sources", "passages": rest,
                      "lines": [e["text"] for e in rest]})
    return cards


def gain_level(gain: SkillGain, names: Mapping[int, str]) -> str:
    """The level of a skill to gain: ``level 3 (practitioner)``, or in its framework's words.

    Parameters
    ----------
    gain : SkillGain
        The skill to gain.
    names : mapping
        Proficiency level -> its name.

    Returns
    -------
    str
        The level as words.

    Examples
    --------
    >>> from careergraph.gap_results import SkillGain
    >>> gain_level(SkillGain("s", "SQL", None, 2, "core", (), "Working", "DDaT skill levels"), {})
    'level Working (DDaT skill levels; common level 2)'
    >>> gain_level(SkillGain("s", "SQL", None, 3, "core", ()), {3: "practitioner"})
    'level 3 (practitioner)'
    """
    if gain.level_name and gain.level is not None:
        scale = f"{gain.scale}; " if gain.scale else ""
        return f"level {gain.level_name} ({scale}common level {gain.level})"
    return f"level {_level(gain.level, names)}"


def raise_levels(raised: SkillRaise, names: Mapping[int, str]) -> str:
    """The levels of a skill to raise: ``2 → 3 (practitioner)``, or in its framework's words.

    Parameters
    ----------
    raised : SkillRaise
        The skill to raise.
    names : mapping
        Proficiency level -> its name.

    Returns
    -------
    str
        From which level to which, as words.

    Examples
    --------
    >>> from careergraph.gap_results import SkillRaise
    >>> raise_levels(SkillRaise("s", "SQL", None, 2, 3, "core", (), "Practitioner", "Working",
    ...                         "DDaT skill levels"), {})
    'Working → Practitioner (DDaT skill levels; common 2 → 3)'
    >>> raise_levels(SkillRaise("s", "SQL", None, 2, 3, "core", ()), {3: "practitioner"})
    '2 → 3 (practitioner)'
    """
    if raised.level_name:
        before = raised.from_level_name or f"common level {raised.from_level}"
        scale = f"{raised.scale}; " if raised.scale else ""
        return (f"{before} → {raised.level_name} "
                f"({scale}common {raised.from_level} → {raised.to_level})")
    return f"{raised.from_level} → {_level(raised.to_level, names)}"


def _equivalence_card(step: Any, notes: Citations) -> dict[str, Any]:
    """The card of an equivalence: the two roles with their ladders, the relation, its passages."""
    card = _card("equivalence", None, f"{step.from_label} = {step.to_label}", [],
                 [f"An equivalence ({step.relation}), not a move: {step.meaning}.", "No skill to gain or raise."],
                 notes.cite(step.sources), "Source of the equivalence")
    return {**card, "relation": step.relation, "meaning": step.meaning}


def _card(part: str, number: int | None, move: str, groups: list[dict[str, Any]], notes: list[str],
          cites: str, cited_as: str) -> dict[str, Any]:
    """A step's card, with its content also as plain lines (for a template that shows only lines)."""
    lines = []
    for group in groups:
        lines.append(f"{group['title']}:")
        lines += [_line(item) for item in group["items"]]
    lines += notes
    if cites:
        lines.append(f"{cited_as}: {cites}")
    return {"part": part, "number": number, "move": move, "groups": groups, "notes": notes,
            "cites": cites, "cited_as": cited_as, "lines": lines}


def _details(level: str, item: Any) -> str:
    """A skill's level, then its importance and category."""
    return "; ".join([level, ", ".join(p for p in (item.importance, item.category) if p)]).rstrip("; ")


def _line(item: Mapping[str, str]) -> str:
    """One item of a group as a line: ``• text — detail [1, 2]``."""
    detail = f" — {item['detail']}" if item["detail"] else ""
    cites = f" {item['cites']}" if item["cites"] else ""
    return f"• {item['text']}{detail}{cites}"


def _level(level: int | None, names: Mapping[int, str]) -> str:
    """A level with its name: ``3 (practitioner)``."""
    if level is None:
        return "(not given)"
    return f"{level} ({names[level]})" if level in names else str(level)
