"""What careergraph derives from a loaded graph: one typed, read-only object per graph.

The path, gap, profile and view code does not read RDF triple by triple: it
works on structures derived from the graph once per process. They all live in
one :class:`Derived` object, ``kg.derived``:

- :attr:`~Derived.role_graph` and :attr:`~Derived.skill_graph`, the networkx
  graphs of :mod:`careergraph.project`;
- :attr:`~Derived.titles` and :attr:`~Derived.skills`, the name indexes of
  :mod:`careergraph.names`;
- :attr:`~Derived.proficiency_scale`, :attr:`~Derived.kinds` and
  :attr:`~Derived.importances`, the vocabulary of :mod:`careergraph.vocabulary`;
- :meth:`~Derived.requirements`, the skills one role requires.

Each part is built on first use, so a question pays only for what it needs
(a path on a store of a million triples builds the role graph and the title
index, never the role–skill graph). The role graph itself is lean
(:mod:`careergraph.project_lean`): roles and moves from the derived move
triples, each role's label and details read from the store when something
shows them; a graph of files is cached with every attribute, a store's
with what was read. Parts are handed out read-only: the
networkx graphs are frozen (:func:`networkx.freeze`: adding or removing a
node or an edge raises ``NetworkXError``), mappings are
:class:`types.MappingProxyType`, sequences tuples. A caller that needs to
change a graph works on a copy (``kg.derived.role_graph.copy()``, as
:func:`careergraph.gap.with_gap_costs` does). The graph's triples are not
watched: after changing them, call :meth:`Derived.clear`.

The on-disk cache (:mod:`careergraph.cache`) stores the parts named in
:data:`STORED` with :meth:`Derived.export`, as plain JSON values (no pickle:
reading them back cannot run code), and puts them back with
:meth:`Derived.restore`, each decoded on first use; a part that cannot be
decoded is built from the graph instead.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> derived = kg.derived
>>> derived.built
frozenset()
>>> len(derived.role_graph), sorted(derived.built)
(11, ['kinds', 'role_graph'])
>>> derived.role_graph.add_node("x")
Traceback (most recent call last):
...
networkx.exception.NetworkXError: Frozen graph can't be modified
>>> derived.clear()
>>> derived.built
frozenset()
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from careergraph.derived_codec import _DECODE, _ENCODE, TITLE_INDEX_FORMAT, _encode_graph  # noqa: F401
from careergraph.names import TitleIndex
from careergraph.scales import has_framework_levels
from careergraph.title_lookup import StoreTitleIndex, kept_index
from careergraph.vocabulary import Kind, read_importances, read_kinds, read_proficiency_scale

T = TypeVar("T")

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.career_graph import CareerGraph

STORED = ("role_graph", "skill_graph", "titles", "skills", "proficiency_scale", "kinds", "importances",
          "framework_levels")
"""The parts :meth:`Derived.export` hands to the on-disk cache."""

BUILT_ON_DEMAND = ("skill_graph",)
"""Parts a persistent store's or an endpoint's cache entry leaves out: the whole role–skill graph
(a million-triple store has some 94,000 requirements) is read only by the commands that need it,
and a path or a gap reads the requirements of the roles it compares alone."""

Requirement = tuple[str, Mapping[str, Any], Mapping[str, Any]]
"""A skill a role requires: (skill IRI, requirement edge attributes, skill node attributes)."""



class Derived:
    """The structures derived from one loaded graph, each built on first use and read-only.

    Made by :class:`~careergraph.career_graph.CareerGraph` as ``kg.derived``;
    see the module notes.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph the parts are derived from.
    """

    def __init__(self, kg: CareerGraph) -> None:
        self._kg = kg
        self._parts: dict[str, Any] = {}
        self._stored: Mapping[str, Any] = {}
        self._pending: set[str] = set()
        self._discard: Callable[[], object] | None = None

    def _part(self, name: str, build: Callable[[], T]) -> T:
        if name not in self._parts:
            value = self._take_stored(name)
            self._parts[name] = build() if value is None else value
        return self._parts[name]

    def _take_stored(self, name: str) -> Any:
        """The part restored from the cache, decoded now; None when none is (or it is bad)."""
        if name not in self._pending:
            return None
        self._pending.discard(name)
        collecting = gc.isenabled()
        gc.disable()  # decoding makes many containers and no cycles: far faster without GC passes
        try:
            raw = self._stored[name]
            value = _DECODE[name](raw)
            if name == "role_graph" and raw.get("lean") is True:
                from careergraph.project_lean import RoleReader, attach

                attach(value, RoleReader(self._kg, self.kinds))
            return value
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            if self._discard is not None:
                self._discard()  # the entry is bad: the cache writes a new one next time
            return None
        finally:
            if collecting:
                gc.enable()

    @property
    def built(self) -> frozenset[str]:
        """The names of the parts built (or restored) so far, for tests and benchmarks."""
        return frozenset(self._parts) | frozenset(self._pending)

    def clear(self) -> None:
        """Drop every part, so that the next use builds it again from the graph.

        Benchmarks call it to time a cold build; code that changed the
        graph's triples calls it so that no stale part is used.
        """
        self._parts.clear()
        self._pending.clear()

    # --- the vocabulary ---------------------------------------------------

    @property
    def kinds(self) -> tuple[Kind, ...]:
        """The kinds of transition, in the ontology's order (see :mod:`careergraph.vocabulary`)."""
        return self._part("kinds", lambda: read_kinds(self._kg))

    @property
    def kind_order(self) -> tuple[str, ...]:
        """The names of the kinds of transition, in order (``"promotion"`` first)."""
        return tuple(kind.name for kind in self.kinds)

    @property
    def importances(self) -> tuple[str, ...]:
        """The importances of a requirement, the most important first (``("core", "supporting")``)."""
        return self._part("importances", lambda: read_importances(self._kg))

    @property
    def proficiency_scale(self) -> Mapping[int, str]:
        """The proficiency levels: integer -> English name, lowest first (read-only)."""
        return self._part("proficiency_scale",
                          lambda: MappingProxyType(read_proficiency_scale(self._kg)))

    @property
    def framework_levels(self) -> bool:
        """Whether a requirement names a level of a framework's own scale (``cg:proficiencyLevel``)."""
        return self._part("framework_levels", lambda: has_framework_levels(self._kg))

    # --- the name indexes -------------------------------------------------

    @property
    def titles(self) -> TitleIndex:
        """The roles by title (:meth:`careergraph.names.TitleIndex.from_graph`).

        On a store that keeps a title index (:mod:`careergraph.title_lookup`),
        an index that looks titles up there, and builds (or takes from the
        cache) the full one only for what needs every title.
        """
        if "titles" not in self._parts and kept_index(getattr(self._kg.store, "metadata", None)):
            self._parts["titles"] = StoreTitleIndex(self._kg, lambda: self._take_stored("titles"))
        return self._part("titles", lambda: TitleIndex.from_graph(self._kg))

    def _full_titles(self) -> TitleIndex:
        """Every title of every role in memory (on a store with an index: from the cache, else the graph)."""
        titles = self.titles
        return titles.full_index() if isinstance(titles, StoreTitleIndex) else titles

    @property
    def skills(self) -> TitleIndex:
        """The skills by name (:meth:`careergraph.names.TitleIndex.skills_from_graph`)."""
        return self._part("skills", lambda: TitleIndex.skills_from_graph(self._kg))

    # --- the networkx graphs ----------------------------------------------

    @property
    def role_graph(self) -> nx.DiGraph:
        """The roles and the moves between them, frozen (:func:`careergraph.project.role_graph`)."""
        def build() -> nx.DiGraph:
            import networkx as nx

            from careergraph.project import build_role_graph

            from careergraph.project_lean import lean_role_graph

            lean = lean_role_graph(self._kg, self.kinds)
            if lean is not None:
                return nx.freeze(lean)
            moves = tuple(kind.name for kind in self.kinds if kind.between_roles)
            return nx.freeze(build_role_graph(self._kg, self._sources("roles"), moves))

        return self._part("role_graph", build)

    @property
    def skill_graph(self) -> nx.DiGraph:
        """Roles, skills and the requirements between them, frozen (:func:`careergraph.project.skill_graph`)."""
        def build() -> nx.DiGraph:
            import networkx as nx

            from careergraph.project import build_skill_graph

            return nx.freeze(build_skill_graph(self._kg, self.role_graph,
                                               self._sources("requirements"), self._categories()))

        return self._part("skill_graph", build)

    def requirements(self, role: str) -> tuple[Requirement, ...]:
        """The skills one role requires, read-only (:func:`careergraph.project.role_requirements`).

        Read from the role–skill graph when it is built; otherwise asked of
        the store for this role alone (and kept), so that a path or a gap on
        a big graph does not build the whole role–skill graph.

        Parameters
        ----------
        role : str
            A role IRI.

        Returns
        -------
        tuple of (str, mapping, mapping)
            For each skill: its IRI, the attributes of the requirement edge and
            of the skill node, as in :attr:`skill_graph`; empty for an unknown role.
        """
        skills = self.skill_graph if "skill_graph" in self.built else None
        if skills is not None:
            if role not in skills:
                return ()
            return tuple((skill, MappingProxyType(need), MappingProxyType(skills.nodes[skill]))
                         for _, skill, need in skills.out_edges(role, data=True))
        per_role = self._part("role_requirements", dict)
        if role not in per_role:
            from careergraph.project import read_role_requirements

            per_role[role] = tuple((skill, MappingProxyType(need), MappingProxyType(data))
                                   for skill, need, data in
                                   read_role_requirements(self._kg, role, self._categories()))
        return per_role[role]

    def _sources(self, of: str) -> Mapping[str, list[dict[str, str | None]]]:
        from careergraph.passages import read_passages, read_sources

        passages = self._part("passages", lambda: read_passages(self._kg))
        return self._part(f"sources of {of}", lambda: read_sources(self._kg, of, passages))

    def _categories(self) -> Mapping[str, Mapping[str, Any]]:
        from careergraph.project import read_categories

        return self._part("categories", lambda: read_categories(self._kg))

    # --- the on-disk cache ------------------------------------------------

    def export(self) -> dict[str, Any]:
        """The parts of :data:`STORED` as plain JSON values, building those not built yet.

        Graphs become ``{"graph": ..., "nodes": [[node, attributes]...],
        "edges": [[from, to, attributes]...]}``, a title index its
        attributes (sets as sorted lists; the ladders of its roles and the
        prefixes that cover them among them) with its :data:`TITLE_INDEX_FORMAT`,
        the kinds a list of objects,
        the proficiency scale a list of ``[level, name]`` pairs.

        Returns
        -------
        dict
            Part name -> a value :func:`json.dumps` writes and
            :meth:`restore` takes back.

        Raises
        ------
        TypeError
            When a part holds a value JSON cannot carry.
        """
        keep_lazy = not self._kg.store.in_memory  # the store is there to read the rest from
        if keep_lazy:  # but every answer shows labels: read them all now, in one go, and keep them
            from careergraph.path_constraints import read_labels

            read_labels(self.role_graph, list(self.role_graph))
            for attributes in self.role_graph._node.values():
                attributes.get("label")  # those read_labels left (a small graph, several labels)
        return {name: _encode_graph(self.role_graph, keep_lazy=keep_lazy) if name == "role_graph"
                else _ENCODE[name](self._full_titles() if name == "titles" else getattr(self, name))
                for name in STORED if not (keep_lazy and name in BUILT_ON_DEMAND)}

    def restore(self, parts: Mapping[str, Any], *, discard: Callable[[], object] | None = None) -> None:
        """Take parts from :meth:`export` (read back from the cache) as if built here.

        Each part is decoded on first use (``parts[name]`` is read then, so a
        lazy mapping reads only what a command needs); a part that cannot be
        read or decoded is built from the graph instead, and ``discard`` is
        called.

        Parameters
        ----------
        parts : mapping
            Part name -> value, as :meth:`export` returned them; other names are ignored.
        discard : callable, optional
            Called (with no argument) when a part turns out to be bad.
        """
        self._stored, self._discard = parts, discard
        self._pending = {name for name in STORED if name in parts and name not in self._parts}
