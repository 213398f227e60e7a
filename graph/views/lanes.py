"""Which ladder's lane each role is drawn in, and the order of the lanes.

A role is in the lane of its ladder (``skos:inScheme`` a ``cg:Ladder``); a
role in several ladders is in the first of their lanes. A role in no ladder
(the built-in General Manager, COO and CEO) is in the lane of the ladder
whose roles share its namespace prefix (``pm:``), at the top of it as the
ladder view draws roles without a seniority; a role whose prefix no ladder
shares is in a last lane, "In no ladder". The built-in ladder's lane comes
first, then the others by short name (``skos:notation``, else title).

Examples
--------
>>> from careergraph.load import load_graph
>>> from careergraph.project import role_graph
>>> kg = load_graph()
>>> [(lane.title, lane.note, len(lane.roles)) for lane in ladder_lanes(kg, role_graph(kg))]
[('Product management career ladder', 'pm · 8 roles, 3 beyond the ladder', 11)]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from careergraph.ladder_scopes import covering_prefix, read_namespaces
from careergraph.namespaces import PM
from careergraph.views.layout import Lane

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

BUILTIN_LADDER = PM + "ladder"
"""The built-in ladder, whose lane comes first."""
NO_LADDER = "In no ladder"
"""The header of the lane of roles that no ladder holds or shares a prefix with."""

_LADDERS = """
SELECT DISTINCT ?role ?ladder ?notation WHERE {
  ?role a cg:Role ; skos:inScheme ?ladder .
  ?ladder a cg:Ladder .
  OPTIONAL { ?ladder skos:notation ?notation }
}"""
# A fixed query: nothing from the user goes into it.


def ladder_lanes(kg: CareerGraph, roles: Iterable[str]) -> list[Lane]:
    """The lanes of the ladder view: one per ladder the roles are in, in order, and their roles.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph: the ladders (``cg:Ladder``), their short names and titles.
    roles : iterable of str
        The roles drawn (each goes into exactly one lane).

    Returns
    -------
    list of Lane
        The built-in ladder's lane first, then the others by short name, then
        "In no ladder" if needed; each lane's ``note`` gives its short name
        and how many roles it holds.
    """
    roles = list(roles)
    drawn = set(roles)
    schemes: dict[str, set[str]] = defaultdict(set)
    notations: dict[str, str] = {}
    for row in kg.query(_LADDERS):
        role, ladder = str(row.role), str(row.ladder)
        if role in drawn:
            schemes[role].add(ladder)
            if row.notation is not None:
                notations.setdefault(ladder, str(row.notation))
    titles = {ladder: kg.label(ladder) for ladder in sorted({s for v in schemes.values() for s in v})}
    order = sorted(titles, key=lambda i: (i != BUILTIN_LADDER, (notations.get(i) or titles[i]).casefold(), i))
    rank = {ladder: index for index, ladder in enumerate(order)}
    members: dict[str | None, list[str]] = {ladder: [] for ladder in order}
    loose = []
    for role in roles:
        if schemes.get(role):
            members[min(schemes[role], key=rank.__getitem__)].append(role)
        else:
            loose.append(role)
    namespaces = read_namespaces(kg, roles)
    prefixes = {ladder: Counter(covering_prefix(r, namespaces) for r in found) for ladder, found in members.items()}
    beyond: dict[str | None, int] = Counter()
    for role in loose:
        prefix = covering_prefix(role, namespaces)
        best = max(order, key=lambda i: (prefixes[i][prefix], -rank[i]), default=None)
        home = best if prefix is not None and best is not None and prefixes[best][prefix] else None
        members.setdefault(home, []).append(role)
        beyond[home] += 1
    lanes = []
    for ladder, found in members.items():
        count = len(found) - beyond[ladder]
        if ladder is None:
            lanes.append(Lane(NO_LADDER, f"{len(found)} role{'s' * (len(found) != 1)}", tuple(found)))
            continue
        note = f"{notations.get(ladder) or titles[ladder]} · {count} role{'s' * (count != 1)}"
        if beyond[ladder]:
            note += f", {beyond[ladder]} beyond the ladder"
        lanes.append(Lane(titles[ladder], note, tuple(found)))
    return lanes
