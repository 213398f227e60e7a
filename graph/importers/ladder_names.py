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

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import URIRef

from careergraph.errors import NotFound
from careergraph.names import TitleIndex, normalize_title

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_


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
        self.exact = {normalize_title(title): iri for iri, title, _ in titles}
        self.own = TitleIndex((str(iri), title, preferred) for iri, title, preferred in titles)

    def resolve(self, written: str, path: Path_, document: LadderDocument) -> URIRef:
        """The node a reference names.

        Tried in this order: an id of the ladder (with or without the
        ladder's prefix), a title of the ladder, a built-in role or skill
        (IRI, ``pm:name``, title, words of a title), words of a title of the
        ladder.

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
        if normalize_title(written) in self.exact:
            return self.exact[normalize_title(written)]
        suggestions: list[str] = []
        for index in (self.builtin, self.own):
            try:
                return URIRef(index.resolve(written))
            except NotFound as error:  # a role or a skill
                if error.ambiguous:
                    raise document.error(path, f"'{written}' names several {self.what}s: "
                                               f"{'; '.join(error.suggestions)}") from None
                suggestions += error.suggestions
        suggestions = _closest(written, suggestions + difflib.get_close_matches(written, list(self.ids), n=1))
        hint = f"did you mean {' or '.join(suggestions)}?" if suggestions else \
            f"no {self.what} of this ladder or of the built-in one has a name like it"
        raise document.error(path, f"unknown {self.what} '{written}'; {hint}")


def _closest(written: str, candidates: list[str], n: int = 3) -> list[str]:
    """The candidates nearly as close to ``written`` as the closest one, closest first."""
    wanted = normalize_title(written)
    scored = sorted(((difflib.SequenceMatcher(None, wanted, normalize_title(c)).ratio(), c)
                     for c in dict.fromkeys(candidates)), key=lambda sc: -sc[0])
    return [c for score, c in scored if score >= scored[0][0] - 0.08][:n] if scored else []
