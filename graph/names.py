"""Name lookup: find a role by any of its titles, a skill by any of its names.

Roles and skills are looked up the same way, by a :class:`TitleIndex`, and
a name that names nothing (or several things) raises the same kind of error,
a :class:`~careergraph.errors.NotFound` (:class:`~careergraph.errors.RoleNotFound`
or :class:`~careergraph.errors.SkillNotFound`) with the closest names as
suggestions.

Titles are compared after normalising both sides: lower case, punctuation
dropped, and the common abbreviations of job titles spelt out (``Sr`` ->
senior, ``PM`` -> product manager, ``VP`` -> vice president, ...). So "sr.
pm", "Senior PM" and "SENIOR PRODUCT MANAGER" all find the Senior Product
Manager. A role can also be named by its IRI or ``prefix:name``. An unknown
title raises :class:`~careergraph.errors.RoleNotFound` with the closest titles
as suggestions. Skills are named by their preferred or alternative label, in
any case (:func:`skill_index`).

The indexes of a loaded graph are built once, by its derived data
(:mod:`careergraph.derived`); this module reads the graph with
``kg.query`` alone, so it works on every store.

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
>>> skills = skill_index(load_graph())
>>> skills.label(skills.resolve("COMMUNICATION SKILLS"))
'Communication'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from careergraph.errors import NotFound, RoleNotFound, SkillNotFound, closest
from careergraph.namespaces import PREFIXES, SKOS

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

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

_SKILL_NAMES = """
SELECT ?skill ?label ?preferred WHERE {
  ?skill a cg:Skill .
  { ?skill skos:prefLabel ?label BIND(true AS ?preferred) }
  UNION { ?skill skos:altLabel ?label BIND(false AS ?preferred) }
  FILTER (lang(?label) = "" || langMatches(lang(?label), "en"))
}"""


def normalize_title(title: str) -> str:
    """A title reduced to comparable words.

    Parameters
    ----------
    title : str
        A title (or any name) as written.

    Returns
    -------
    str
        Its words in lower case, separated by one space, punctuation dropped
        and the abbreviations of :data:`ABBREVIATIONS` spelt out.

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
    """Every title of every role (or every name of every skill), for looking them up by name.

    Parameters
    ----------
    entries : iterable of (IRI, title, is preferred)
        The titles; the preferred ones name the things in messages.
    not_found : type, default RoleNotFound
        The :class:`~careergraph.errors.NotFound` subclass :meth:`resolve`
        raises (:class:`~careergraph.errors.SkillNotFound` for skills).

    Examples
    --------
    >>> index = TitleIndex([("urn:pm", "Product Manager", True), ("urn:pm", "Product Owner", False)])
    >>> index.resolve("product owner"), index.label("urn:pm")
    ('urn:pm', 'Product Manager')
    """

    def __init__(self, entries: Iterable[tuple[str, str, bool]], *,
                 not_found: type[NotFound] = RoleNotFound) -> None:
        self._not_found = not_found
        self._by_title: dict[str, set[str]] = {}
        self._by_preferred: dict[str, set[str]] = {}  # preferred titles only: they win a tie
        self._spellings: dict[str, set[str]] = {}  # normalised and as written, for suggestions
        self._labels: dict[str, str] = {}
        self.entries: list[tuple[str, str, bool]] = []  # (IRI, title, is preferred), as given
        for role, title, preferred in entries:
            self.entries.append((role, title, preferred))
            self._by_title.setdefault(normalize_title(title), set()).add(role)
            if preferred:
                self._by_preferred.setdefault(normalize_title(title), set()).add(role)
            for spelling in (normalize_title(title), " ".join(title.casefold().split())):
                self._spellings.setdefault(spelling, set()).add(role)
            if preferred or role not in self._labels:
                self._labels[role] = title

    @classmethod
    def for_graph(cls, kg: CareerGraph) -> TitleIndex:
        """The title index of the roles of a loaded graph, built once (see :mod:`careergraph.derived`).

        Parameters
        ----------
        kg : CareerGraph
            The loaded graph.

        Returns
        -------
        TitleIndex
            The same index on every call for the same graph.
        """
        return kg.derived.titles

    @classmethod
    def from_graph(cls, kg: CareerGraph) -> TitleIndex:
        """Index the English (or untagged) prefLabels, altLabels and hiddenLabels of every cg:Role.

        A role without any such title is known by its IRI. One query, so it
        works on every store. Builds a new index on each call; use
        :meth:`for_graph` for the graph's own.

        Parameters
        ----------
        kg : CareerGraph
            The loaded graph.

        Returns
        -------
        TitleIndex
            The titles of the graph's roles, raising :class:`~careergraph.errors.RoleNotFound`.
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

    @classmethod
    def skills_from_graph(cls, kg: CareerGraph) -> TitleIndex:
        """Index the English (or untagged) prefLabels and altLabels of every cg:Skill.

        Builds a new index on each call; use :func:`skill_index` for the graph's own.

        Parameters
        ----------
        kg : CareerGraph
            The loaded graph.

        Returns
        -------
        TitleIndex
            The names of the graph's skills, raising :class:`~careergraph.errors.SkillNotFound`.
        """
        entries = sorted(((str(row.skill), str(row.label), _true(row.preferred))
                          for row in kg.query(_SKILL_NAMES)),
                         key=lambda entry: (not entry[2], entry[0], entry[1]))
        return cls(entries, not_found=SkillNotFound)

    def roles(self) -> list[str]:
        """Every IRI of the index, sorted by title.

        Returns
        -------
        list of str
            The IRIs, in the order of their preferred titles (any case).
        """
        return sorted(self._labels, key=lambda role: self._labels[role].casefold())

    def label(self, role: str) -> str:
        """The preferred title of a role (or skill).

        Parameters
        ----------
        role : str
            An IRI.

        Returns
        -------
        str
            Its preferred title, or the IRI itself when the index does not know it.
        """
        return self._labels.get(role, role)

    def resolve(self, title: str) -> str:
        """The IRI of the one role (or skill) that ``title`` names.

        Parameters
        ----------
        title : str
            A title or alternative title in any case, with or without the
            common abbreviations; or the IRI, or ``prefix:name``.

        Returns
        -------
        str
            The IRI.

        Raises
        ------
        NotFound
            (the index's ``not_found`` class) When nothing has the title (with
            the closest titles as suggestions), or several things have it.
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
            raise self._not_found(title, sorted(f"{self.label(r)} <{r}>" for r in roles),
                                  ambiguous=True)
        partial = self._partial_matches(wanted)
        if len(partial) == 1:
            return partial.pop()
        if partial:
            raise self._not_found(title, sorted(self.label(r) for r in partial)[:5])
        raise self._not_found(title, self.suggest(title))

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

        The spellings are compared by :func:`careergraph.errors.closest`, the
        one suggestion logic of careergraph: only titles nearly as close as
        the closest one are offered, so a clear typo gets one suggestion
        rather than a list.

        Parameters
        ----------
        title : str
            The title as the user wrote it.
        n : int, default 3
            The most titles returned.

        Returns
        -------
        list of str
            Preferred titles, best first; empty when none is close.
        """
        spellings = closest([normalize_title(title), " ".join(title.casefold().split())],
                            self._spellings, n=len(self._spellings))
        suggestions: list[str] = []
        for known in spellings:
            for role in sorted(self._spellings[known]):
                if self.label(role) not in suggestions:
                    suggestions.append(self.label(role))
        return suggestions[:n]


def skill_index(kg: CareerGraph) -> TitleIndex:
    """The skills of a loaded graph by preferred and alternative label, built once.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    TitleIndex
        The graph's own index (see :mod:`careergraph.derived`); its
        :meth:`~TitleIndex.resolve` raises :class:`~careergraph.errors.SkillNotFound`.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> index = skill_index(load_graph())
    >>> index.label(index.resolve("COMMUNICATION SKILLS"))
    'Communication'
    >>> index.resolve("Comunication")
    Traceback (most recent call last):
    ...
    careergraph.errors.SkillNotFound: unknown skill 'Comunication'; did you mean Communication?
    """
    return kg.derived.skills


def _true(value: object) -> bool:
    """An rdflib boolean literal (or a plain bool) as a bool."""
    value = value.toPython() if hasattr(value, "toPython") else value
    return value is True or str(value).lower() == "true"


def _expand(name: str) -> str:
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name.strip("<>")
