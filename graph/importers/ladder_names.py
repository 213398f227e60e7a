"""What a ladder's references name: its own roles and skills, or the built-in ones.

Moves, ``reports_to`` and requirements name a role or skill of the ladder
(by id, ``<ladder id>:id`` or title) or of the built-in ladder (by IRI,
``pm:name`` or title). :class:`LadderNames` resolves such a name, in a fixed
order, and says what the writer may have meant when nothing matches.

Examples
--------
>>> from careergraph.importers.ladder_document import LadderDocument
>>> from careergraph.names import TitleIndex
>>> builtin = TitleIndex([("https://example.org/pm/ceo", "Chief Executive Officer", True)])
>>> analyst = URIRef("https://example.org/acme/analyst")
>>> names = LadderNames("role", "acme", {"analyst": analyst}, builtin,
...                     [(analyst, "Product Analyst", True)])
>>> document = LadderDocument({}, "acme.yaml", "yaml")
>>> [str(names.resolve(w, ("moves", 0, "to"), document))[20:]
...  for w in ("analyst", "acme:analyst", "product analyst", "Chief Executive Officer")]
['acme/analyst', 'acme/analyst', 'acme/analyst', 'pm/ceo']
>>> names.resolve("Prodct Analyst", ("moves", 0, "to"), document)
Traceback (most recent call last):
...
careergraph.errors.LadderError: acme.yaml, field 'to': unknown role 'Prodct Analyst'; did you mean
    Product Analyst?
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import URIRef

from careergraph.errors import NotFound, closest, shown
from careergraph.names import TitleIndex, normalize_title

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_

_WORD = re.compile(r"[^\W_]+")


class LadderNames:
    """How a ladder names its roles (or its skills): ids, titles, and the built-in ones.

    Parameters
    ----------
    what : str
        ``"role"`` or ``"skill"``, for messages.
    ladder_id : str
        The ladder's id, which may prefix an id of its own (``acme:analyst``).
    ids : dict of str to URIRef
        The ladder's ids (as written) -> their nodes.
    builtin : TitleIndex
        The built-in roles (or skills) by title.
    titles : iterable of (URIRef, str, bool)
        The ladder's own nodes with each of their titles (or names), and
        whether it is the preferred one.
    """

    def __init__(self, what: str, ladder_id: str, ids: dict[str, URIRef], builtin: TitleIndex,
                 titles: Iterable[tuple[URIRef, str, bool]]) -> None:
        titles = list(titles)
        self.what = what
        self.ladder_id = ladder_id
        self.ids = ids
        self.builtin = builtin
        self.own = TitleIndex((str(iri), title, preferred) for iri, title, preferred in titles)
        self.notes: list[str] = []
        """What a reference was taken to name, when it was not plain: one line per reference."""
        self._tiers: list[tuple[str, dict[str, str]]] = []
        builtin_titles = getattr(builtin, "entries", [])
        for key, how in ((spelling, ""), (normalize_title, ", abbreviations spelt out")):
            for preferred in (True, False):
                kind = "title" if preferred else "alternative title"
                own = {key(t): str(iri) for iri, t, p in titles if p == preferred}
                self._tiers.append((f"this ladder's {what} by its {kind}{how}", own))
                if preferred:
                    theirs = {key(t): iri for iri, t, p in builtin_titles if p}
                    self._tiers.append((f"the built-in {what} by its {kind}{how}", theirs))

    def resolve(self, written: str, path: Path_, document: LadderDocument) -> URIRef:
        """The node a reference names.

        Tried in this order: an id of the ladder (with or without the
        ladder's prefix); a title as written (any case and spacing): the
        ladder's titles, the built-in ones, then the ladder's alternative
        titles; the same with abbreviations spelt out ("APM" is "Associate
        Product Manager"); a built-in role or skill (IRI, ``pm:name``,
        alternative title, words of a title); words of a title of the ladder.
        So a ladder's alternative title "APM" does not capture "Associate
        Product Manager", the built-in role's own title. When the reference
        was not an id or a title as written, or a later step would have
        taken another node, :attr:`notes` says which node it was taken to name.

        Parameters
        ----------
        written : str
            The reference as written.
        path : tuple
            Where it is written in the document, for the error.
        document : LadderDocument
            The ladder, for the error's place.

        Returns
        -------
        URIRef

        Raises
        ------
        LadderError
            Nothing has the name (with the closest names, if any), or several do.
        """
        local = written.removeprefix(f"{self.ladder_id}:")
        if local in self.ids:
            return self.ids[local]
        found = [(how, table[key]) for number, (how, table) in enumerate(self._tiers)
                 for key in ((spelling if number < 3 else normalize_title)(written),)
                 if key in table]
        if found:
            how, iri = found[0]
            others = {other: other_how for other_how, other in found[1:] if other != iri}
            if others or "title, abbreviations" in how or "alternative" in how:
                self._note(written, path, document, iri, how, others)
            return URIRef(iri)
        suggestions: list[str] = []
        for own, index in ((False, self.builtin), (True, self.own)):
            try:
                iri = index.resolve(written)
            except NotFound as error:  # a role or a skill
                if error.ambiguous:
                    raise document.error(path, f"'{written}' names several {self.what}s: "
                                               f"{'; '.join(error.suggestions)}") from None
                suggestions += error.suggestions
                continue
            if ":" not in written:
                how = f"{'this ladder' if own else 'the built-in'} {self.what} by an alternative " \
                      "title or the words of a title"
                self._note(written, path, document, iri, how, {})
            return URIRef(iri)
        suggestions = _closest(written, suggestions + closest(written, self.ids, n=1))
        hint = f"did you mean {' or '.join(suggestions)}?" if suggestions else \
            f"no {self.what} of this ladder or of the built-in one has a name like it"
        raise document.error(path, f"unknown {self.what} '{written}'; {hint}")

    def _label(self, iri: str) -> str:
        own = self.own.label(iri)
        return own if own != iri else self.builtin.label(iri)

    def _note(self, written: str, path: Path_, document: LadderDocument, iri: str, how: str,
              others: dict[str, str]) -> None:
        where = document.place(path)
        field = next((part for part in reversed(path) if isinstance(part, str)), "")
        note = (f"{where or document.name}, field '{field}': '{shown(written)}' is "
                f"{shown(self._label(iri))} <{iri}>, {how}")
        if others:
            note += "; not " + ", ".join(f"{shown(self._label(o))} <{o}> ({h})" for o, h in others.items())
        self.notes.append(note)


def spelling(title: str) -> str:
    """A title as written, compared without regard to case, spacing or punctuation (no abbreviations spelt out).

    Parameters
    ----------
    title : str
        A title or name as written.

    Returns
    -------
    str

    Examples
    --------
    >>> spelling("  Associate product-Manager "), spelling("APM")
    ('associate product manager', 'apm')
    """
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", title).casefold()))


def _closest(written: str, candidates: list[str], n: int = 3) -> list[str]:
    """The candidates nearly as close to ``written`` as the closest one, closest first.

    Ranked by :func:`careergraph.errors.closest` (the one "did you mean"
    logic), on their words (:func:`~careergraph.title_words.normalize_title`),
    with no cutoff: each candidate is already a suggestion.
    """
    by_words: dict[str, list[str]] = {}
    for candidate in dict.fromkeys(candidates):
        by_words.setdefault(normalize_title(candidate), []).append(candidate)
    ranked = closest(normalize_title(written), by_words, n=len(by_words), cutoff=0)
    return [candidate for words in ranked for candidate in by_words[words]][:n]
