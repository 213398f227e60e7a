"""The roles equivalent to one role, and how to name a role of another ladder.

Three relations make two roles equivalent: ``skos:exactMatch`` (the same
job), ``skos:closeMatch`` (a similar job) and ``cg:sameLevelAs`` (the same
level, in one ladder across tracks or in two ladders). All three are
symmetric, so :func:`read_equivalences` reads each in both directions
whichever way the data writes it, and says on which role it is stated;
``cg:sameLevelAs`` is also transitive, so roles at the same level through
other roles are listed too, marked inferred.

A role of another ladder is named ``LADDER:Title`` (:func:`qualified_name`),
LADDER being that ladder's short name (``skos:notation``), the name the
commands take.

Every query binds its role (never formats it into the text).

Examples
--------
>>> from careergraph.load import load_graph
>>> kg = load_graph()
>>> role_ladders(kg, "https://w3id.org/careergraph/pm/product-manager")
[('https://w3id.org/careergraph/pm/ladder', 'pm')]
>>> qualified_name(kg, "https://w3id.org/careergraph/pm/product-manager", "Product Manager")
'pm:Product Manager'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careergraph.namespaces import CG, SKOS

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

__all__ = ["EQUIVALENCE_RELATIONS", "Equivalence", "qualified_name", "read_equivalences",
           "role_ladders"]

EQUIVALENCE_RELATIONS = {
    SKOS + "exactMatch": "exact match",
    SKOS + "closeMatch": "close match",
    CG + "sameLevelAs": "same level",
}
"""The properties that make two roles equivalent, and their names, strongest first."""

_EQUIVALENT = """
SELECT ?relation ?other ?direction WHERE {
  VALUES ?relation { skos:exactMatch skos:closeMatch cg:sameLevelAs }
  { ?role ?relation ?other . BIND ("out" AS ?direction) }
  UNION { ?other ?relation ?role . BIND ("in" AS ?direction) }
  ?other a cg:Role .
}"""

_SAME_LEVEL = """
SELECT DISTINCT ?other WHERE {
  ?role (cg:sameLevelAs|^cg:sameLevelAs)+ ?other .
  ?other a cg:Role .
}"""

_LADDERS = """
SELECT ?ladder ?notation WHERE {
  ?role skos:inScheme ?ladder . ?ladder a cg:Ladder .
  OPTIONAL { ?ladder skos:notation ?notation }
}"""

_SOURCES = """SELECT ?source WHERE { ?role dcterms:source ?source }"""


@dataclass(frozen=True)
class Equivalence:
    """Another role that is the same job, a similar job, or at the same level.

    Parameters
    ----------
    relation : str
        ``"exact match"``, ``"close match"`` or ``"same level"``.
    property : str
        The property's IRI (``skos:exactMatch``, ``skos:closeMatch``, ``cg:sameLevelAs``).
    role : str
        The other role.
    label : str
        Its title.
    qualified : str
        Its name with its ladder's short name, ``LADDER:Title`` (the title alone when its
        ladder has no short name).
    across : bool
        Whether the other role is in another ladder than this one.
    stated_on : str
        ``"this role"``, ``"the other role"``, ``"both"``, or ``"inferred"`` (the same level
        through other roles: ``cg:sameLevelAs`` is transitive).
    sources : tuple of int
        The passages of the role (or roles) that state it; none when inferred.
    """

    relation: str
    property: str
    role: str
    label: str
    qualified: str
    across: bool
    stated_on: str
    sources: tuple[int, ...]


def role_ladders(kg: CareerGraph, role: str) -> list[tuple[str, str | None]]:
    """The ladders a role is in (``skos:inScheme`` a ``cg:Ladder``), with their short names.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.

    Returns
    -------
    list of (str, str or None)
        ``(ladder IRI, short name)`` by IRI; of two short names the first, None when none.
    """
    from rdflib import URIRef

    found: dict[str, set[str]] = defaultdict(set)
    for row in kg.query(_LADDERS, {"role": URIRef(role)}):
        found[str(row.ladder)].update([] if row.notation is None else [str(row.notation)])
    return sorted((ladder, min(names) if names else None) for ladder, names in found.items())


def qualified_name(kg: CareerGraph, role: str, title: str,
                   ladders: Iterable[tuple[str, str | None]] | None = None) -> str:
    """``LADDER:Title``: the role's title after its ladder's short name (the title alone without one).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.
    title : str
        Its title.
    ladders : iterable, optional
        Its ladders as :func:`role_ladders` gives them (read when not given).

    Returns
    -------
    str
        The name the commands take for the role.
    """
    found = role_ladders(kg, role) if ladders is None else ladders
    notation = next((name for _, name in found if name), None)
    return f"{notation}:{title}" if notation else title


def read_equivalences(kg: CareerGraph, role: str, cite: Callable[[Iterable[str]], tuple[int, ...]],
                      label: Callable[[str], str]) -> tuple[Equivalence, ...]:
    """The roles equivalent to this one, read both ways, with the same level followed through.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    role : str
        The role's IRI.
    cite : callable
        Numbers source IRIs as the description's footnotes.
    label : callable
        A role's title by its IRI.

    Returns
    -------
    tuple of Equivalence
        Exact matches first, then close matches, then the same level; each by qualified name.
        A statement on this role cites this role's passages, one on the other role that role's.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg = load_graph()
    >>> read_equivalences(kg, "https://w3id.org/careergraph/pm/product-manager", lambda _: (),
    ...                   kg.label)
    ()
    """
    from rdflib import URIRef

    bound = {"role": URIRef(role)}
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in kg.query(_EQUIVALENT, bound):
        if str(row.other) != role:
            stated[str(row.relation), str(row.other)].add(str(row.direction))
    for row in kg.query(_SAME_LEVEL, bound):
        if str(row.other) != role:
            stated.setdefault((CG + "sameLevelAs", str(row.other)), set())
    mine = {ladder for ladder, _ in role_ladders(kg, role)}
    order = list(EQUIVALENCE_RELATIONS)
    rows = []
    for (prop, other), directions in stated.items():
        ladders = role_ladders(kg, other)
        title = label(other)
        rows.append((prop, other, title, qualified_name(kg, other, title, ladders),
                     not ({ladder for ladder, _ in ladders} & mine), directions))
    rows.sort(key=lambda r: (order.index(r[0]), r[3].casefold(), r[1]))
    on = {"out": "this role", "in": "the other role"}
    found = []
    for prop, other, title, qualified, across, directions in rows:
        stated_on = ("both" if len(directions) == 2 else on[next(iter(directions))]
                     if directions else "inferred")
        sources = [*(_sources(kg, role) if "out" in directions else ()),
                   *(_sources(kg, other) if "in" in directions else ())]
        found.append(Equivalence(EQUIVALENCE_RELATIONS[prop], prop, other, title, qualified,
                                 across, stated_on, cite(sources)))
    return tuple(found)


def _sources(kg: CareerGraph, role: str) -> list[str]:
    from rdflib import URIRef

    return [str(row.source) for row in kg.query(_SOURCES, {"role": URIRef(role)})]
