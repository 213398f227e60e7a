"""Roles by title on a store that keeps a title index: a few look-ups a name, not every title.

``careergraph load`` writes an index of the roles' titles into a named graph
of the store (:mod:`careergraph.load.title_keys`). On such a store, the roles'
:class:`StoreTitleIndex` answers :meth:`~careergraph.names.TitleIndex.resolve`
by looking up the words of the name (and, for an ambiguous one, the titles
of the roles found) in that graph: it has the interface and applies the very
rules of :class:`~careergraph.names.TitleIndex` (it is one: only what the
rules read comes from the store). What needs every title (the words of a title
in order, "VP" for "VP of Product"; the suggestions for an unknown title;
:meth:`~StoreTitleIndex.roles`; the entries) builds the full index then,
once. A store without the index (made by an older version) gets the full
index, as every graph of files does.

The named graph is not the default graph, which is all that careergraph's
queries, ``export`` and ``dump`` read: the index is invisible to them.

Examples
--------
>>> import tempfile, pathlib
>>> from careergraph.load.into_store import build_store
>>> from careergraph.session import open_graph
>>> with tempfile.TemporaryDirectory() as tmp:
...     _ = build_store(pathlib.Path(tmp) / "store")
...     kg = open_graph(store=pathlib.Path(tmp) / "store")
...     titles = kg.derived.titles
...     found = titles.resolve("sr. pm"), titles.label(titles.resolve("PM:gm")), titles.ladders()
>>> type(titles).__name__, found[0].rsplit("/", 1)[1], found[1:]
('StoreTitleIndex', 'senior-product-manager', ('General Manager', ['pm']))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError, RoleNotFound
from careergraph.names import TitleIndex
from careergraph.title_entries import CGI, FORMAT, GRAPH

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

def kept_index(metadata: Mapping[str, Any] | None) -> bool:
    """Whether a store's metadata says it keeps a title index this version reads.

    Parameters
    ----------
    metadata : mapping or None
        The store's metadata (:func:`careergraph.store.metadata.read_metadata`);
        None for a graph of files or an endpoint.

    Returns
    -------
    bool
        True for an index of :data:`~careergraph.title_entries.FORMAT` in its named graph.

    Examples
    --------
    >>> kept_index({"title_index": {"format": FORMAT, "graph": GRAPH, "triples": 3}}), kept_index({})
    (True, False)
    """
    info = (metadata or {}).get("title_index")
    return isinstance(info, dict) and info.get("format") == FORMAT and info.get("graph") == GRAPH


class StoreTitleIndex(TitleIndex):
    """The roles of a store by title, looked up in the index the store keeps (see the module notes).

    Parameters
    ----------
    kg : CareerGraph
        The graph on the store.
    cached : callable, optional
        Gives the full :class:`~careergraph.names.TitleIndex` of the graph
        when the on-disk cache has it, else None (see :meth:`full_index`).
    """

    def __init__(self, kg: CareerGraph, cached: Callable[[], TitleIndex | None] = lambda: None) -> None:
        self._not_found = RoleNotFound
        self._default: str | None = None
        self._store, self._cached = kg.store, cached  # an OxigraphStore: its graph_triples
        self._shared: dict[str, TitleIndex] = {}  # the full index, shared with the in_ladder views
        self._keys: dict[str, tuple[set[str], set[str]]] = {}  # words -> (roles, preferred ones)
        self._roles: dict[str, tuple[str, list[str]] | None] = {}  # role -> (label, ladders)
        self._namespaces = {prefix: namespace for namespace, prefix in self._read(None, "prefix")}
        self._ladder_names = {name.casefold() for _, name in self._read(GRAPH, "ladderName")}
        self._listed = sorted((name for _, name in self._read(GRAPH, "listedLadder")), key=str.casefold)

    def full_index(self) -> TitleIndex:
        """Every title of every role in memory: from the cache, else read from the index (once).

        Returns
        -------
        TitleIndex
            The index :meth:`~careergraph.names.TitleIndex.from_graph` builds.
        """
        if "full" not in self._shared:
            self._shared["full"] = self._cached() or self._read_all()
        return self._shared["full"]

    @property
    def entries(self) -> list[tuple[str, str, bool]]:
        """Every (IRI, title, is preferred) of the roles (builds the full index)."""
        return self.full_index().entries

    def roles(self) -> list[str]:
        """Every role, sorted by title (builds the full index).

        Returns
        -------
        list of str
            The IRIs, as :meth:`careergraph.names.TitleIndex.roles`.
        """
        return self.full_index().roles()

    def label(self, role: str) -> str:
        """The preferred title of a role, read from the index (once per role).

        Parameters
        ----------
        role : str
            An IRI.

        Returns
        -------
        str
            Its preferred title, or the IRI itself when it is no role.
        """
        found = self._role(role)
        return role if found is None else found[0]

    def ladders(self) -> list[str]:
        """The names of the graph's ladders, as the index recorded them.

        Returns
        -------
        list of str
            As :meth:`careergraph.names.TitleIndex.ladders`.
        """
        return list(self._listed)

    def qualifiers(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        """The ladders of each role and the prefixes that cover them (builds the full index).

        Returns
        -------
        tuple of dict
            As :meth:`careergraph.names.TitleIndex.qualifiers`.
        """
        return self.full_index().qualifiers()

    def suggest(self, title: str, n: int = 3, *, scope: Any = None) -> list[str]:
        """The titles closest to ``title``: those of the full index (built now, once).

        Parameters
        ----------
        title : str
            The title as the user wrote it.
        n : int, default 3
            The most titles returned.
        scope : set of str or _Scope, optional
            Only these roles (those of one ladder).

        Returns
        -------
        list of str
            As :meth:`careergraph.names.TitleIndex.suggest`.
        """
        full = self.full_index()
        if isinstance(scope, _Scope):
            scope = full._scope(scope.name)
        return full.suggest(title, n, scope=scope)

    # --- what the rules read, from the store

    def _known(self, iri: str) -> bool:
        return self._role(iri) is not None

    def _titled(self, key: str) -> set[str]:
        return self._key(key)[0]

    def _preferred(self, key: str) -> set[str]:
        return self._key(key)[1]

    def _ladders_of(self, role: str) -> list[str]:
        found = self._role(role)
        return [] if found is None else found[1]

    def _scope(self, name: str) -> _Scope | None:
        wanted = name.strip().casefold()
        namespace = self._namespaces.get(name.strip())
        if namespace is None:
            namespace = next((ns for prefix, ns in self._namespaces.items()
                              if prefix.casefold() == wanted), None)
        if namespace is None and wanted not in self._ladder_names:
            return None
        return _Scope(self, name, wanted if wanted in self._ladder_names else None, namespace)

    def _partial_matches(self, wanted: str, scope: Any = None) -> set[str]:
        found = self.full_index()._partial_matches(wanted)
        return found if scope is None else {role for role in found if role in scope}

    def _read(self, subject: str | None, what: str, value: str | None = None) -> list[tuple[str, str]]:
        """(subject, value) of the index's triples of property ``cgi:what``."""
        return self._store.graph_triples(GRAPH, subject, CGI + what, value)

    def _read_all(self) -> TitleIndex:
        """The full index, from the entries and ladders the index keeps as one literal of JSON."""
        import json

        try:
            data = json.loads(self._read(GRAPH, "entries")[0][1])
            entries = [(role, title, preferred) for role, title, preferred in data["entries"]
                       if type(role) is str and type(title) is str and type(preferred) is bool]
            ladders = {role: [n for n in names if type(n) is str] for role, names in data["ladders"].items()}
            if len(entries) != len(data["entries"]):
                raise ValueError("not entries")
        except (IndexError, KeyError, TypeError, ValueError, AttributeError, RecursionError):
            raise CareerGraphError(f"{self._store.describe()}: its title index is damaged; load it "
                                   "again with 'careergraph load FILE... --store PATH'") from None
        return TitleIndex(entries, ladders=ladders, namespaces=self._namespaces)

    def _key(self, key: str) -> tuple[set[str], set[str]]:
        """The roles with a title of these words, and those whose preferred title it is (kept)."""
        if key not in self._keys:
            self._keys[key] = ({role for role, _ in self._read(None, "titleKey", key)},
                               {role for role, _ in self._read(None, "preferredKey", key)})
        return self._keys[key]

    def _role(self, iri: str) -> tuple[str, list[str]] | None:
        """A role's label and ladders, from the index (kept); None when it is no role."""
        if iri not in self._roles:
            labels = self._read(iri, "label")
            self._roles[iri] = None if not labels else \
                (labels[0][1], sorted(ladder for _, ladder in self._read(iri, "ladder")))
        return self._roles[iri]


class _Scope:
    """The roles a qualifier names, tested one at a time (a ladder may have thousands)."""

    def __init__(self, index: StoreTitleIndex, name: str, ladder: str | None, namespace: str | None) -> None:
        self.name, self._index, self._ladder, self._namespace = name, index, ladder, namespace

    def __contains__(self, role: object) -> bool:
        role = str(role)
        if self._namespace is not None and role.startswith(self._namespace) and len(role) > len(self._namespace):
            return True
        return self._ladder is not None and any(
            n.casefold() == self._ladder for n in self._index._ladders_of(role))
