"""Find a role by any of its titles: preferred, alternative, abbreviated, any case.

Titles are compared after normalising both sides: lower case, punctuation
dropped, and the common abbreviations of job titles spelt out (``Sr`` ->
senior, ``PM`` -> product manager, ``VP`` -> vice president, ...). So "sr.
pm", "Senior PM" and "SENIOR PRODUCT MANAGER" all find the Senior Product
Manager. A role can also be named by its IRI or ``prefix:name``. An unknown
title raises :class:`~careergraph.errors.RoleNotFound` with the closest titles
as suggestions.

Examples
--------
>>> from careergraph.load import load_graph
>>> titles = TitleIndex.from_graph(load_graph())
>>> titles.label(titles.resolve("sr. pm"))
'Senior Product Manager'
>>> titles.label(titles.resolve("Product Owner"))
'Associate Product Manager'
>>> titles.label(titles.resolve("VP"))  # the words of one title only
'VP of Product'
>>> titles.resolve("Senoir Product Manger")
Traceback (most recent call last):
...
careergraph.errors.RoleNotFound: unknown role 'Senoir Product Manger'; did you mean Senior Product Manager?
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from careergraph.errors import RoleNotFound
from careergraph.namespaces import PREFIXES, SKOS

ABBREVIATIONS: dict[str, str] = {
    "apm": "associate product manager",
    "pm": "product manager",
    "spm": "senior product manager",
    "gpm": "group product manager",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "cpo": "chief product officer",
    "coo": "chief operating officer",
    "ceo": "chief executive officer",
    "cto": "chief technology officer",
    "gm": "general manager",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "assoc": "associate",
    "mgr": "manager",
    "dir": "director",
    "dop": "director of product",
    "prin": "principal",
    "eng": "engineer",
}
"""Abbreviations of job titles, spelt out before titles are compared."""

_WORD = re.compile(r"[^\W_]+")

_ROLE_TITLES = """
SELECT ?role ?property ?label WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel skos:hiddenLabel }
  ?role a cg:Role ; ?property ?label .
}"""

_ROLES = "SELECT DISTINCT ?role WHERE { ?role a cg:Role }"


def normalize_title(title: str) -> str:
    """A title reduced to comparable words.

    Examples
    --------
    >>> normalize_title("Sr. PM")
    'senior product manager'
    >>> normalize_title("VP of Product")
    'vice president of product'
    >>> normalize_title("  Chief  Product-Officer ")
    'chief product officer'
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(ABBREVIATIONS.get(word, word) for word in _WORD.findall(text))


class TitleIndex:
    """Every title of every role, for looking roles up by title.

    Parameters
    ----------
    entries : iterable of (role IRI, title, is preferred)
        The titles; the preferred ones name the roles in messages.
    """

    def __init__(self, entries: Iterable[tuple[str, str, bool]]) -> None:
        self._by_title: dict[str, set[str]] = {}
        self._by_preferred: dict[str, set[str]] = {}  # preferred titles only: they win a tie
        self._spellings: dict[str, set[str]] = {}  # normalised and as written, for suggestions
        self._labels: dict[str, str] = {}
        for role, title, preferred in entries:
            self._by_title.setdefault(normalize_title(title), set()).add(role)
            if preferred:
                self._by_preferred.setdefault(normalize_title(title), set()).add(role)
            for spelling in (normalize_title(title), " ".join(title.casefold().split())):
                self._spellings.setdefault(spelling, set()).add(role)
            if preferred or role not in self._labels:
                self._labels[role] = title

    @classmethod
    def for_graph(cls, kg) -> TitleIndex:
        """The title index of a loaded graph, built once and cached on it."""
        index = kg.cache.get("title_index")
        if index is None:
            index = kg.cache["title_index"] = cls.from_graph(kg)
        return index

    @classmethod
    def from_graph(cls, kg) -> TitleIndex:
        """Index the English (or untagged) prefLabels, altLabels and hiddenLabels of every cg:Role.

        A role without any such title is known by its IRI. One query, so it
        works on every store.
        """
        entries = []
        titled = set()
        for row in kg.query(_ROLE_TITLES):
            role, label = str(row.role), row.label
            if label is not None and hasattr(label, "language") and \
                    (label.language or "en").startswith("en"):
                entries.append((role, str(label), str(row.property) == SKOS + "prefLabel"))
                titled.add(role)
        roles = {str(row.role) for row in kg.query(_ROLES)}
        entries += [(role, role, True) for role in roles - titled]
        entries.sort(key=lambda entry: (not entry[2], entry[0], entry[1]))  # preferred titles first
        return cls(entries)

    def roles(self) -> list[str]:
        """Every role IRI, sorted by title."""
        return sorted(self._labels, key=lambda role: self._labels[role].casefold())

    def label(self, role: str) -> str:
        """The preferred title of a role."""
        return self._labels.get(role, role)

    def resolve(self, title: str) -> str:
        """The IRI of the one role that ``title`` names.

        Parameters
        ----------
        title : str
            A title or alternative title in any case, with or without the
            common abbreviations; or the role's IRI, or ``prefix:name``.

        Raises
        ------
        RoleNotFound
            When no role has the title (with the closest titles as
            suggestions), or several have it.
        """
        iri = _expand(title.strip())
        if iri in self._labels:
            return iri
        wanted = normalize_title(title)
        roles = self._by_title.get(wanted, set())
        if len(roles) == 1:
            return next(iter(roles))
        preferred = self._by_preferred.get(wanted, set())
        if len(preferred) == 1:  # one role's own title beats others' alternative titles
            return next(iter(preferred))
        if roles:
            raise RoleNotFound(title, sorted(f"{self.label(r)} <{r}>" for r in roles), ambiguous=True)
        partial = self._partial_matches(wanted)
        if len(partial) == 1:
            return partial.pop()
        if partial:
            raise RoleNotFound(title, sorted(self.label(r) for r in partial)[:5])
        raise RoleNotFound(title, self.suggest(title))

    def _partial_matches(self, wanted: str) -> set[str]:
        """Roles with a title containing all the words of ``wanted``, in order ("VP" -> "VP of Product")."""
        words = wanted.split()
        if not words:
            return set()
        found: set[str] = set()
        for known, roles in self._by_title.items():
            remaining = iter(known.split())
            if all(word in remaining for word in words):
                found |= roles
        return found

    def suggest(self, title: str, n: int = 3) -> list[str]:
        """The preferred titles of the roles whose titles come closest to ``title``.

        Only titles nearly as close as the closest one are offered, so a clear
        typo gets one suggestion rather than a list.
        """
        scored = []
        for wanted in {normalize_title(title), " ".join(title.casefold().split())}:
            matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
            for known in self._spellings:
                matcher.set_seq1(known)
                if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                    scored.append((matcher.ratio(), known))
        scored = sorted((s for s in scored if s[0] >= 0.6), reverse=True)
        suggestions: list[str] = []
        for score, known in scored:
            if score < scored[0][0] - 0.08:
                break
            for role in sorted(self._spellings[known]):
                if self.label(role) not in suggestions:
                    suggestions.append(self.label(role))
        return suggestions[:n]


def _expand(name: str) -> str:
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name.strip("<>")
