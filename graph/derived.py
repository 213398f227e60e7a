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
index, never the role–skill graph). Parts are handed out read-only: the
networkx graphs are frozen (:func:`networkx.freeze`: adding or removing a
node or an edge raises ``NetworkXError``), mappings are
:class:`types.MappingProxyType`, sequences tuples. A caller that needs to
change a graph works on a copy (``kg.derived.role_graph.copy()``, as
:func:`careergraph.gap.with_gap_costs` does). The graph's triples are not
watched: after changing them, call :meth:`Derived.clear`.

The on-disk cache (:mod:`careergraph.cache`) stores the parts named in
:data:`STORED` with :meth:`Derived.export` and puts them back with
:meth:`Derived.restore`.

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> derived = kg.derived
>>> derived.built
frozenset()
>>> len(derived.role_graph), sorted(derived.built)
(11, ['kinds', 'passages', 'role_graph', 'sources of roles'])
>>> derived.role_graph.add_node("x")
Traceback (most recent call last):
...
networkx.exception.NetworkXError: Frozen graph can't be modified
>>> derived.clear()
>>> derived.built
frozenset()
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from careergraph.names import TitleIndex
from careergraph.vocabulary import Kind, read_importances, read_kinds, read_proficiency_scale

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.career_graph import CareerGraph

STORED = ("role_graph", "skill_graph", "titles", "skills", "proficiency_scale", "kinds", "importances")
"""The parts :meth:`Derived.export` hands to the on-disk cache."""

Requirement = tuple[str, Mapping[str, Any], Mapping[str, Any]]
"""A skill a role requires: (skill IRI, requirement edge attributes, skill node attributes)."""

T = TypeVar("T")


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

    def _part(self, name: str, build: Callable[[], T]) -> T:
        if name not in self._parts:
            self._parts[name] = build()
        return self._parts[name]

    @property
    def built(self) -> frozenset[str]:
        """The names of the parts built (or restored) so far, for tests and benchmarks."""
        return frozenset(self._parts)

    def clear(self) -> None:
        """Drop every part, so that the next use builds it again from the graph.

        Benchmarks call it to time a cold build; code that changed the
        graph's triples calls it so that no stale part is used.
        """
        self._parts.clear()

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

    # --- the name indexes -------------------------------------------------

    @property
    def titles(self) -> TitleIndex:
        """The roles by title (:meth:`careergraph.names.TitleIndex.from_graph`)."""
        return self._part("titles", lambda: TitleIndex.from_graph(self._kg))

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
        skills = self._parts.get("skill_graph")
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
        """The parts of :data:`STORED` as plain picklable values, building those not built yet.

        Returns
        -------
        dict
            Part name -> value (a read-only mapping as a plain ``dict``).
        """
        parts = {name: getattr(self, name) for name in STORED}
        return {name: dict(value) if isinstance(value, MappingProxyType) else value
                for name, value in parts.items()}

    def restore(self, parts: Mapping[str, Any]) -> None:
        """Take parts from :meth:`export` (read back from the cache) as if built here.

        Parameters
        ----------
        parts : mapping
            Part name -> value, as :meth:`export` returned them.
        """
        for name, value in parts.items():
            if name not in STORED:
                continue
            if name in ("role_graph", "skill_graph"):
                import networkx as nx

                value = nx.freeze(value)
            elif isinstance(value, dict):
                value = MappingProxyType(value)
            self._parts[name] = value
