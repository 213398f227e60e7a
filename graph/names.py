"""Name lookup: find a role by any of its titles, a skill by any of its names.

Roles and skills are looked up the same way, by a :class:`TitleIndex`; a name
that names nothing (or several things) raises a :class:`~careergraph.errors.NotFound`
(:class:`~careergraph.errors.RoleNotFound` or :class:`~careergraph.errors.SkillNotFound`)
with the closest names, or the names to type instead.

Titles are compared by their words (:func:`~careergraph.title_words.normalize_title`:
any case, no punctuation, ``Sr`` -> senior, ``PM`` -> product manager, ...),
so "sr. pm" finds the Senior Product Manager. A role is also named by its IRI,
``prefix:id`` (careergraph's prefixes and those the graph's files bind), and
``LADDER:Title``: a title of a role of that ladder, LADDER being the ladder's
short name (its ``skos:notation``, any case) or a prefix of its roles
(:mod:`careergraph.ladder_scopes`); ``--ladder`` sets a default ladder
(:meth:`TitleIndex.in_ladder`). A title several ladders share is ambiguous,
never unknown: the error lists ``acme:Product Manager, pm:Product Manager``.

The indexes of a loaded graph are built once, by its derived data
(:mod:`careergraph.derived`); this module reads the graph with ``kg.query``
alone, so it works on every store.

Examples
--------
>>> from careergraph.load import load_graph
>>> titles = TitleIndex.from_graph(load_graph())
>>> [titles.label(titles.resolve(name)) for name in ("sr. pm", "Product Owner", "VP", "PM:gm")]
['Senior Product Manager', 'Associate Product Manager', 'VP of Product', 'General Manager']
>>> titles.resolve("Senoir Product Manger")
Traceback (most recent call last):
...
careergraph.errors.RoleNotFound: unknown role 'Senoir Product Manger'; did you mean Senior Product Manager?
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from careergraph import ladder_scopes
from careergraph.errors import LadderNotFound, NotFound, RoleNotFound, SkillNotFound, closest
from careergraph.title_entries import role_entries, skill_entries
from careergraph.title_words import ABBREVIATIONS, normalize_title  # noqa: F401 - ABBREVIATIONS for callers

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

MAX_LISTED = 10
"""The most names an ambiguity error lists (then how many more)."""


class TitleIndex:
    """Every title of every role (or every name of every skill), for looking them up by name.

    A role is also named ``LADDER:Title``, where LADDER is the short name of
    its ladder or a prefix of its namespace (see :mod:`careergraph.ladder_scopes`),
    and by ``prefix:id``; an ambiguous name lists these qualified names.

    Parameters
    ----------
    entries : iterable of (IRI, title, is preferred)
        The titles; the preferred ones name the things in messages.
    not_found : type, default RoleNotFound
        The :class:`~careergraph.errors.NotFound` subclass :meth:`resolve`
        raises (:class:`~careergraph.errors.SkillNotFound` for skills).
    ladders : mapping, optional
        IRI -> the short names of the ladders it is in (:func:`~careergraph.ladder_scopes.read_ladders`).
    namespaces : mapping, optional
        Prefix -> namespace of the graph's prefixes (:func:`~careergraph.ladder_scopes.read_namespaces`).

    Examples
    --------
    >>> index = TitleIndex([("urn:pm", "Product Manager", True), ("urn:pm", "Product Owner", False)])
    >>> index.resolve("product owner"), index.label("urn:pm")
    ('urn:pm', 'Product Manager')
    >>> two = TitleIndex([("urn:a:pm", "Product Manager", True), ("urn:b:pm", "Product Manager", True)],
    ...                  ladders={"urn:a:pm": ["acme"]}, namespaces={"b": "urn:b:"})
    >>> two.resolve("ACME:product manager"), two.resolve("b:pm"), two.in_ladder("b").resolve("PM")
    ('urn:a:pm', 'urn:b:pm', 'urn:b:pm')
    >>> two.resolve("PM")
    Traceback (most recent call last):
    ...
    careergraph.errors.RoleNotFound: 'PM' names several roles; type one of: acme:Product Manager, b:Product Manager
    """

    def __init__(self, entries: Iterable[tuple[str, str, bool]], *,
                 not_found: type[NotFound] = RoleNotFound,
                 ladders: Mapping[str, Iterable[str]] | None = None,
                 namespaces: Mapping[str, str] | None = None) -> None:
        self._not_found = not_found
        self._by_title: dict[str, set[str]] = {}
        self._by_preferred: dict[str, set[str]] = {}  # preferred titles only: they win a tie
        self._spellings: dict[str, set[str]] = {}  # normalised and as written, for suggestions
        self._labels: dict[str, str] = {}
        self.entries: list[tuple[str, str, bool]] = []  # (IRI, title, is preferred), as given
        for role, title, preferred in entries:
            self.entries.append((role, title, preferred))
            key = normalize_title(title)
            self._by_title.setdefault(key, set()).add(role)
            if preferred:
                self._by_preferred.setdefault(key, set()).add(role)
            for spelling in (key, " ".join(title.casefold().split())):
                self._spellings.setdefault(spelling, set()).add(role)
            if preferred or role not in self._labels:
                self._labels[role] = title
        self._ladders: dict[str, list[str]] = {role: sorted(names)
                                               for role, names in (ladders or {}).items() if names}
        self._namespaces: dict[str, str] = dict(namespaces or {})
        self._default: str | None = None  # the ladder of unqualified names (in_ladder)

    @classmethod
    def for_graph(cls, kg: CareerGraph) -> TitleIndex:
        """The title index of the roles of a loaded graph, built once (see :mod:`careergraph.derived`).

        When the graph has a default ladder (``kg.ladder``, set by
        ``--ladder``), unqualified titles are looked up in it first.

        Parameters
        ----------
        kg : CareerGraph
            The loaded graph.

        Returns
        -------
        TitleIndex
            The same index on every call for the same graph (seen through
            :meth:`in_ladder` when the graph has a default ladder).
        """
        ladder = getattr(kg, "ladder", None)
        titles = kg.derived.titles
        return titles if ladder is None else titles.in_ladder(ladder)

    @classmethod
    def from_graph(cls, kg: CareerGraph) -> TitleIndex:
        """Index the English (or untagged) prefLabels, altLabels and hiddenLabels of every cg:Role.

        A role without any such title is known by its IRI. With the roles'
        ladders and prefixes (:mod:`careergraph.ladder_scopes`). Queries only,
        so it works on every store. A new index on each call (see :meth:`for_graph`).

        Parameters
        ----------
        kg : CareerGraph
            The loaded graph.

        Returns
        -------
        TitleIndex
            The titles of the graph's roles, raising :class:`~careergraph.errors.RoleNotFound`.
        """
        entries, ladders, namespaces = role_entries(kg)
        return cls(entries, ladders=ladders, namespaces=namespaces)

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
        return cls(skill_entries(kg), not_found=SkillNotFound)

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

    def ladders(self) -> list[str]:
        """The names of the graph's ladders (:func:`~careergraph.ladder_scopes.ladder_names`).

        Returns
        -------
        list of str
            Sorted in any case, each once (a ladder's short name as written).

        Examples
        --------
        >>> from careergraph.load import load_graph
        >>> TitleIndex.from_graph(load_graph()).ladders()
        ['pm']
        """
        return ladder_scopes.ladder_names(self._ladders, self._namespaces, self._labels)

    def qualifiers(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        """What qualifies the names: the ladders of each role, and the prefixes that cover them.

        Returns
        -------
        tuple of dict
            Role IRI -> the short names of its ladders; prefix -> namespace
            (copies: see :mod:`careergraph.ladder_scopes`).
        """
        return {role: list(names) for role, names in self._ladders.items()}, dict(self._namespaces)

    def in_ladder(self, ladder: str) -> TitleIndex:
        """This index, looking unqualified titles up in ``ladder`` first (``--ladder``).

        Parameters
        ----------
        ladder : str
            A ladder's short name or a prefix, in any case (one of :meth:`ladders`).

        Returns
        -------
        TitleIndex
            A view of the same titles with that default ladder; this index is unchanged.

        Raises
        ------
        LadderNotFound
            When no ladder or prefix has that name (listing those that do).
        """
        if self._scope(ladder) is None:
            raise LadderNotFound(ladder, self.ladders())
        view = copy.copy(self)
        view._default = ladder
        return view

    def qualified(self, role: str) -> str:
        """The name to type for ``role`` when its title alone is ambiguous.

        Parameters
        ----------
        role : str
            An IRI of the index.

        Returns
        -------
        str
            ``LADDER:Title`` when that names the role alone, else
            ``prefix:id``, else ``<IRI>``.

        Examples
        --------
        >>> from careergraph.load import load_graph
        >>> titles = TitleIndex.from_graph(load_graph())
        >>> titles.qualified("https://w3id.org/careergraph/pm/general-manager")
        'pm:General Manager'
        """
        qualifier = self._qualifier(role)
        if qualifier is not None and self._known(role):
            name = f"{qualifier}:{self.label(role)}"
            if self._find(self.label(role), self._scope(qualifier)) == {role}:
                return name
        return ladder_scopes.curie(role, self._namespaces)

    def resolve(self, title: str) -> str:
        """The IRI of the one role (or skill) that ``title`` names.

        In order: the IRI, ``<IRI>`` or ``prefix:id``; ``LADDER:Title`` (a
        title of a role of that ladder); the title in the default ladder
        (:meth:`in_ladder`), then among all. A title is a title or
        alternative title in any case, with or without the common
        abbreviations, or, when no title is, the words of one title in order
        ("VP" for "VP of Product"). A role's own title beats another's
        alternative title of the same ladder.

        Parameters
        ----------
        title : str
            The name as the user wrote it.

        Returns
        -------
        str
            The IRI.

        Raises
        ------
        NotFound
            (the index's ``not_found`` class) When nothing has the title (with
            the closest titles as suggestions), or several things have it
            (``ambiguous``, with the names to type instead).
        """
        name = title.strip()
        iri = ladder_scopes.expand(name, self._namespaces)
        if self._known(iri):
            return iri
        qualifier, colon, rest = name.partition(":")
        scope = self._scope(qualifier) if colon and rest.strip() and not rest.startswith("//") else None
        if scope is not None:
            found = self._find(rest, scope)
            if not found and self._titled(normalize_title(name)):  # a title with a colon in it
                found = self._find(name, None)
            return self._one(title, found, scope)
        default = None if self._default is None else self._scope(self._default)
        tiers = [(default, True), (None, True), (default, False), (None, False)] \
            if default is not None else [(None, True), (None, False)]
        for scope, exact in tiers:
            found = self._find(name, scope, partial=not exact)
            if found:
                return self._one(title, found, None)
        raise self._not_found(title, self.suggest(title))

    def _one(self, title: str, found: set[str], scope: set[str] | None) -> str:
        """The one role found, or the error: ambiguous (several) or unknown (none, within ``scope``)."""
        if len(found) == 1:
            return next(iter(found))
        if not found:
            raise self._not_found(title, self.suggest(title.partition(":")[2], scope=scope))
        if not any(self._qualifier(r) for r in found):
            raise self._not_found(title, sorted(f"{self.label(r)} <{r}>" for r in found), ambiguous=True)
        names = sorted((self.qualified(r) for r in found), key=str.casefold)
        names = [f'"{name}"' if ", " in name else name for name in names]
        raise self._not_found(title, names[:MAX_LISTED], ambiguous=True, qualified=True,
                              more=max(0, len(names) - MAX_LISTED))

    # --- what the rules read (the index a store keeps reads it there: careergraph.title_lookup)

    def _known(self, iri: str) -> bool:
        """Whether ``iri`` is a thing of the index."""
        return iri in self._labels

    def _titled(self, key: str) -> set[str]:
        """The things with a title of these words (:func:`normalize_title`)."""
        return self._by_title.get(key, set())

    def _preferred(self, key: str) -> set[str]:
        """The things whose preferred title has these words."""
        return self._by_preferred.get(key, set())

    def _ladders_of(self, role: str) -> list[str]:
        """The short names of the ladders a role is in."""
        return self._ladders.get(role, [])

    def _qualifier(self, role: str) -> str | None:
        """A role's ladder or prefix (:func:`careergraph.ladder_scopes.qualifier`)."""
        return ladder_scopes.qualifier(role, {role: self._ladders_of(role)}, self._namespaces)

    def _scope(self, name: str) -> set[str] | None:
        """The roles of a ladder's short name or a prefix; None when it is neither."""
        return ladder_scopes.scope(name, self._ladders, self._namespaces, self._labels)

    def _find(self, title: str, scope: set[str] | None, *, partial: bool = True) -> set[str]:
        """The roles (of ``scope``, or all) a title names: exactly, else (``partial``) by its words."""
        wanted = normalize_title(title)
        roles = self._titled(wanted)
        roles = roles if scope is None else {role for role in roles if role in scope}
        if roles:
            return self._prefer(roles, wanted)
        return self._partial_matches(wanted, scope) if partial else set()

    def _prefer(self, roles: set[str], wanted: str) -> set[str]:
        """Per ladder: the one role whose own title is ``wanted`` beats those with it as alternative."""
        groups: dict[tuple[str, ...], set[str]] = {}
        for role in roles:
            groups.setdefault(tuple(self._ladders_of(role)), set()).add(role)
        preferred = self._preferred(wanted)
        winners: set[str] = set()
        for group in groups.values():
            own = group & preferred
            winners |= own if len(own) == 1 else group
        return winners

    def _partial_matches(self, wanted: str, scope: set[str] | None = None) -> set[str]:
        """Roles with a title containing all the words of ``wanted``, in order ("VP" -> "VP of Product")."""
        words = wanted.split()
        if not words:
            return set()
        found: set[str] = set()
        for known, roles in self._by_title.items():
            remaining = iter(known.split())
            if all(word in remaining for word in words):
                found |= roles
        return found if scope is None else found & scope

    def suggest(self, title: str, n: int = 3, *, scope: set[str] | None = None) -> list[str]:
        """The titles of the roles whose titles come closest to ``title``.

        The spellings are compared by :func:`careergraph.errors.closest`, the
        one suggestion logic of careergraph: only titles nearly as close as
        the closest one are offered, so a clear typo gets one suggestion
        rather than a list. A title that several roles share is offered as
        their qualified names (:meth:`qualified`).

        Parameters
        ----------
        title : str
            The title as the user wrote it.
        n : int, default 3
            The most titles returned.
        scope : set of str, optional
            Only these roles (those of one ladder), offered by qualified name.

        Returns
        -------
        list of str
            Titles, best first; empty when none is close.
        """
        spellings = self._spellings if scope is None else \
            {key: roles & scope for key, roles in self._spellings.items() if roles & scope}
        found = closest([normalize_title(title), " ".join(title.casefold().split())],
                        spellings, n=len(spellings))
        suggestions: list[str] = []
        for known in found:
            for role in sorted(spellings[known]):
                shared = scope is not None or len(self._by_title.get(normalize_title(self.label(role)), ())) > 1
                qualifier = ladder_scopes.qualifier(role, self._ladders, self._namespaces)
                name = self.qualified(role) if shared and qualifier else self.label(role)
                if name not in suggestions:
                    suggestions.append(name)
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
    >>> index.resolve("Comunication")
    Traceback (most recent call last):
    ...
    careergraph.errors.SkillNotFound: unknown skill 'Comunication'; did you mean Communication?
    """
    return kg.derived.skills

