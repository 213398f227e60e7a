"""Attribute dicts whose costly values are read on first use: the lean role graph's nodes and edges.

On a store of a million triples, the role graph of :mod:`careergraph.project_lean`
knows at once only what a path search needs (the roles, the moves and their
kinds); a role's label, track, definition, responsibilities and sources, and
a move's transition and sources, are read from the store when something asks
for them, for that role or move alone. A :class:`LazyAttributes` is the
attribute dict networkx keeps for such a node or edge: a real ``dict`` whose
missing keys are filled, group by group, by a loader.

- ``attributes["label"]``, ``.get("label")``: fill the group of ``label``
  (once), then answer;
- ``"label" in attributes`` is true before filling (every key of a group is
  there once filled, as in the eager graph, where missing values are None);
- asking for a key no group holds (``.get("gap_cost")``, as networkx's
  weight functions do) fills nothing;
- iterating, ``len``, ``items()``, ``==`` fill every group first, so a
  caller sees exactly the eager graph's attributes;
- :meth:`LazyAttributes.copy` copies what is filled and keeps the rest lazy
  (:meth:`networkx.DiGraph.copy` calls it through :class:`LeanDiGraph`).

Examples
--------
>>> calls = []
>>> def load(group):
...     calls.append(group)
...     return {"label": "Product Manager"} if group == "name" else {"track": None}
>>> attributes = LazyAttributes({"kind": "role"}, {"label": "name", "track": "place"}, load)
>>> attributes.get("gap_cost"), calls
(None, [])
>>> attributes["label"], calls
('Product Manager', ['name'])
>>> "track" in attributes, calls
(True, ['name'])
>>> sorted(attributes.items()), calls
([('kind', 'role'), ('label', 'Product Manager'), ('track', None)], ['name', 'place'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

_MISSING = object()


class LazyAttributes(dict):
    """A node's or edge's attributes, some read on first use (see the module notes).

    Parameters
    ----------
    known : mapping
        The attributes known at once.
    groups : mapping
        Attribute name -> the name of the group that fills it, for the
        attributes not known yet.
    load : callable
        ``load(group)`` -> the attributes of that group (a dict holding every
        name the group fills).
    """

    __slots__ = ("_groups", "_load", "_own")

    def __init__(self, known: Mapping[str, Any], groups: Mapping[str, str],
                 load: Callable[[str], Mapping[str, Any]]) -> None:
        super().__init__(known)
        # Many dicts share one ``groups`` (a graph has one per node): copied on the first change.
        self._groups: Mapping[str, str] = groups
        self._own = False
        self._load = load
        if known and not groups.keys().isdisjoint(known):
            self._forget([name for name in groups if name in known])

    def _forget(self, names: list[str]) -> None:
        """No longer read these attributes."""
        if not self._own:
            self._groups, self._own = dict(self._groups), True
        for name in names:
            self._groups.pop(name, None)  # type: ignore[attr-defined]

    def _fill(self, group: str) -> None:
        values = self._load(group)
        names = [name for name, of in self._groups.items() if of == group]
        self._forget(names)
        for name in names:
            if not dict.__contains__(self, name):  # a value set meanwhile wins
                dict.__setitem__(self, name, values.get(name))

    def fill(self) -> LazyAttributes:
        """Read every attribute not read yet.

        Returns
        -------
        LazyAttributes
            Itself, now a plain dict in all but its type.
        """
        while self._groups:
            self._fill(next(iter(self._groups.values())))
        return self

    @property
    def pending(self) -> frozenset[str]:
        """The names of the attributes not read yet."""
        return frozenset(self._groups)

    def known(self) -> dict[str, Any]:
        """The attributes read so far, without reading more.

        Returns
        -------
        dict
            A plain dict of them.
        """
        return dict(dict.items(self))

    def __getitem__(self, name: str) -> Any:
        """The attribute ``name``, read first when it is pending."""
        if name in self._groups:
            self._fill(self._groups[name])
        return dict.__getitem__(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        """The attribute ``name`` (read first when pending), else ``default``.

        Parameters
        ----------
        name : str
            The attribute.
        default : object, optional
            What to answer when there is no such attribute.

        Returns
        -------
        object
            Its value, or ``default``.
        """
        if name in self._groups:
            self._fill(self._groups[name])
        return dict.get(self, name, default)

    def __contains__(self, name: object) -> bool:
        """Whether the attribute exists, read or not."""
        return name in self._groups or dict.__contains__(self, name)

    def setdefault(self, name: str, default: Any = None) -> Any:
        """Like :meth:`dict.setdefault`, reading the attribute first when it is pending.

        Parameters
        ----------
        name : str
            The attribute.
        default : object, optional
            Its value when it has none.

        Returns
        -------
        object
            Its value.
        """
        if name in self._groups:
            self._fill(self._groups[name])
        return dict.setdefault(self, name, default)

    def pop(self, name: str, default: Any = _MISSING) -> Any:
        """Like :meth:`dict.pop`, reading the attribute first when it is pending.

        Parameters
        ----------
        name : str
            The attribute.
        default : object, optional
            What to answer when there is no such attribute (else KeyError).

        Returns
        -------
        object
            The value it had.
        """
        if name in self._groups:
            self._fill(self._groups[name])
        return dict.pop(self, name) if default is _MISSING else dict.pop(self, name, default)

    def __setitem__(self, name: str, value: Any) -> None:
        """Set an attribute; a pending one is no longer read."""
        if name in self._groups:
            self._forget([name])
        dict.__setitem__(self, name, value)

    def __delitem__(self, name: str) -> None:
        """Delete an attribute (read first when pending, so a missing one raises as in a dict)."""
        if name in self._groups:
            self._fill(self._groups[name])
        dict.__delitem__(self, name)

    def update(self, *others: Any, **values: Any) -> None:
        """Like :meth:`dict.update`; updated attributes are no longer read.

        Parameters
        ----------
        *others : mapping or iterable of pairs
            Attributes to set.
        **values
            More attributes to set.
        """
        for other in (*others, values):
            for name, value in (other.items() if hasattr(other, "items") else other):
                self[name] = value

    def __iter__(self) -> Iterator[str]:
        """The names of every attribute (all read first)."""
        return dict.__iter__(self.fill())

    def __len__(self) -> int:
        """The number of attributes (all read first)."""
        return dict.__len__(self.fill())

    def keys(self) -> Any:
        """Like :meth:`dict.keys` (all read first).

        Returns
        -------
        dict_keys
            The names of the attributes.
        """
        return dict.keys(self.fill())

    def values(self) -> Any:
        """Like :meth:`dict.values` (all read first).

        Returns
        -------
        dict_values
            The values of the attributes.
        """
        return dict.values(self.fill())

    def items(self) -> Any:
        """Like :meth:`dict.items` (all read first).

        Returns
        -------
        dict_items
            The attributes as (name, value) pairs.
        """
        return dict.items(self.fill())

    def __eq__(self, other: object) -> bool:
        """Equal to a mapping with the same attributes (all read first, on both sides)."""
        if isinstance(other, LazyAttributes):
            other.fill()
        return dict.__eq__(self.fill(), other)

    def __ne__(self, other: object) -> bool:
        """Not :meth:`__eq__` (dict's own ``!=`` would compare what is read so far)."""
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """The attributes, as a dict shows them (all read first)."""
        return dict.__repr__(self.fill())

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and deep-copy as a plain dict of every attribute."""
        return dict, (self.known() if not self._groups else dict(self.fill().known()),)

    def copy(self) -> LazyAttributes:
        """A new dict with the attributes read so far; the pending ones stay pending, read on their own.

        Returns
        -------
        LazyAttributes
            The copy.
        """
        return LazyAttributes(self.known(), self._groups, self._load)
