"""The ladders and prefixes that qualify a role's name: ``LADDER:Title`` and ``prefix:id``.

Once two ladders share a title ("Product Manager"), a title alone no longer
names one role. A name is then qualified: ``acme:Product Manager`` is the role
titled Product Manager of the ladder whose short name (the ``skos:notation``
of its ``cg:Ladder``, in any case) or namespace prefix is ``acme``. This
module reads, once per graph, what such qualifiers stand for:

- which ladders each role is in (``skos:inScheme`` a ``cg:Ladder`` with a
  ``skos:notation``), by :func:`read_ladders`;
- the namespace prefixes that cover the roles' IRIs (careergraph's own
  :data:`~careergraph.namespaces.PREFIXES` and those the loaded files bind,
  such as ``acme:``), by :func:`read_namespaces`;

and answers, from those plain mappings (which the on-disk cache stores with
the title index), which roles a qualifier names (:func:`scope`), how to write
a role's qualifier (:func:`qualifier`) and what IRI a ``prefix:id`` stands
for (:func:`expand`). The lookup itself is :class:`careergraph.names.TitleIndex`.

Examples
--------
>>> namespaces = {"pm": "https://w3id.org/careergraph/pm/", "acme": "https://example.org/acme/"}
>>> expand("acme:product-manager", namespaces)
'https://example.org/acme/product-manager'
>>> ladders = {"https://example.org/acme/product-manager": ["acme"]}
>>> sorted(scope("ACME", ladders, namespaces, ["https://example.org/acme/product-manager",
...                                              "https://w3id.org/careergraph/pm/ceo"]))
['https://example.org/acme/product-manager']
>>> qualifier("https://w3id.org/careergraph/pm/ceo", ladders, namespaces)
'pm'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from careergraph.namespaces import PREFIXES

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

_LADDERS = """
SELECT DISTINCT ?role ?notation WHERE {
  ?role a cg:Role ; skos:inScheme ?ladder .
  ?ladder a cg:Ladder ; skos:notation ?notation .
}"""


def read_ladders(kg: CareerGraph) -> dict[str, list[str]]:
    """The short names of the ladders each role is in, read in one query.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    dict
        Role IRI -> the ``skos:notation`` of each ``cg:Ladder`` it is
        ``skos:inScheme`` of, sorted; roles in no such ladder are left out.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> read_ladders(load_graph())["https://w3id.org/careergraph/pm/product-manager"]
    ['pm']
    """
    found: dict[str, set[str]] = {}
    for row in kg.query(_LADDERS):
        notation = str(row.notation).strip()
        if notation and ":" not in notation and not any(c.isspace() for c in notation):
            found.setdefault(str(row.role), set()).add(notation)
    return {role: sorted(names) for role, names in found.items()}


def read_namespaces(kg: CareerGraph, roles: Iterable[str]) -> dict[str, str]:
    """The prefixes of the graph (careergraph's own and those its files bind) that cover a role.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    roles : iterable of str
        The IRIs of its roles.

    Returns
    -------
    dict
        Prefix -> namespace IRI, for each prefix whose namespace starts at
        least one role's IRI; careergraph's :data:`~careergraph.namespaces.PREFIXES`
        win over a file's binding of the same prefix.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> kg = load_graph()
    >>> read_namespaces(kg, ["https://w3id.org/careergraph/pm/ceo"])
    {'pm': 'https://w3id.org/careergraph/pm/'}
    """
    bound = {prefix: str(namespace) for prefix, namespace in kg.store.namespaces().items()
             if prefix and str(namespace)}
    bound.update(PREFIXES)
    roles = list(roles)
    return {prefix: namespace for prefix, namespace in sorted(bound.items())
            if any(role.startswith(namespace) and len(role) > len(namespace) for role in roles)}


def expand(name: str, namespaces: Mapping[str, str]) -> str:
    """The IRI a name stands for when it is ``prefix:local``, ``<IRI>`` or an IRI.

    Parameters
    ----------
    name : str
        A name as the user wrote it.
    namespaces : mapping
        Prefix -> namespace, besides careergraph's
        :data:`~careergraph.namespaces.PREFIXES` (which win).

    Returns
    -------
    str
        The expanded IRI for a ``prefix:local`` with a known prefix, the
        IRI without its angle brackets, or ``name`` itself.

    Examples
    --------
    >>> expand("pm:product-manager", {})
    'https://w3id.org/careergraph/pm/product-manager'
    >>> expand("<urn:x>", {}), expand("http://example.org/x", {"http": "urn:no"})
    ('urn:x', 'http://example.org/x')
    """
    name = name.strip()
    prefix, colon, local = name.partition(":")
    if colon and not local.startswith("//"):
        namespace = PREFIXES.get(prefix, namespaces.get(prefix))
        if namespace is not None:
            return namespace + local
    return name.strip("<>")


def scope(name: str, ladders: Mapping[str, Iterable[str]], namespaces: Mapping[str, str],
          roles: Iterable[str]) -> set[str] | None:
    """The roles a qualifier (a ladder's short name or a namespace prefix) names.

    Parameters
    ----------
    name : str
        The qualifier, such as ``acme``: a ladder's short name in any case,
        or a prefix (exactly, else in any case).
    ladders : mapping
        Role IRI -> the short names of its ladders (:func:`read_ladders`).
    namespaces : mapping
        Prefix -> namespace (:func:`read_namespaces`).
    roles : iterable of str
        Every role IRI.

    Returns
    -------
    set of str or None
        The roles of the ladders of that short name and the roles whose IRI
        the prefix's namespace starts; None when ``name`` is neither.
    """
    wanted = name.strip().casefold()
    namespace = namespaces.get(name.strip())
    if namespace is None:
        namespace = next((ns for prefix, ns in namespaces.items() if prefix.casefold() == wanted), None)
    in_ladder = {role for role, names in ladders.items() if any(n.casefold() == wanted for n in names)}
    if namespace is None and not in_ladder:
        return None
    if namespace is not None:
        in_ladder |= {role for role in roles if role.startswith(namespace) and len(role) > len(namespace)}
    return in_ladder


def qualifier(role: str, ladders: Mapping[str, list[str]], namespaces: Mapping[str, str]) -> str | None:
    """How a role's name is qualified: its ladder's short name, else the prefix covering its IRI.

    Parameters
    ----------
    role : str
        A role IRI.
    ladders : mapping
        Role IRI -> the short names of its ladders (:func:`read_ladders`).
    namespaces : mapping
        Prefix -> namespace (:func:`read_namespaces`).

    Returns
    -------
    str or None
        The first short name of its ladders; else the prefix of the longest
        namespace that starts its IRI; None when neither exists.
    """
    if ladders.get(role):
        return ladders[role][0]
    return covering_prefix(role, namespaces)


def covering_prefix(iri: str, namespaces: Mapping[str, str]) -> str | None:
    """The prefix of the longest namespace that starts ``iri`` (and is not all of it).

    Parameters
    ----------
    iri : str
        Any IRI.
    namespaces : mapping
        Prefix -> namespace.

    Returns
    -------
    str or None
        The prefix, the first in sorted order among namespaces of one length;
        None when no namespace covers ``iri``.

    Examples
    --------
    >>> covering_prefix("urn:a:b", {"a": "urn:a:", "x": "urn:"})
    'a'
    """
    found = [(-len(ns), prefix) for prefix, ns in namespaces.items()
             if iri.startswith(ns) and len(iri) > len(ns)]
    return min(found)[1] if found else None


def ladder_names(ladders: Mapping[str, list[str]], namespaces: Mapping[str, str],
                 roles: Iterable[str]) -> list[str]:
    """The names of a graph's ladders: their short names, and the prefixes of roles in none.

    A prefix whose roles are all in ladders with a short name (``gx:`` of
    the ladder ``Globex``) also qualifies a title (:func:`scope`), but is not listed.

    Parameters
    ----------
    ladders : mapping
        Role IRI -> the short names of its ladders (:func:`read_ladders`).
    namespaces : mapping
        Prefix -> namespace (:func:`read_namespaces`).
    roles : iterable of str
        Every role IRI.

    Returns
    -------
    list of str
        Sorted in any case, each once (a short name as written).

    Examples
    --------
    >>> ladder_names({"urn:g:pm": ["Globex"]}, {"gx": "urn:g:", "pm": "urn:p:"}, ["urn:g:pm", "urn:p:gm"])
    ['Globex', 'pm']
    """
    names = {name.casefold(): name for names in ladders.values() for name in names}
    loose = [role for role in roles if role not in ladders]
    for prefix, namespace in namespaces.items():
        if any(role.startswith(namespace) for role in loose):
            names.setdefault(prefix.casefold(), prefix)
    return sorted(names.values(), key=str.casefold)


def curie(iri: str, namespaces: Mapping[str, str]) -> str:
    """An IRI as ``prefix:id`` when a prefix covers it and the rest is a plain name, else ``<IRI>``.

    Parameters
    ----------
    iri : str
        Any IRI.
    namespaces : mapping
        Prefix -> namespace.

    Returns
    -------
    str
        What a user types to name it.

    Examples
    --------
    >>> curie("urn:a:product-manager", {"a": "urn:a:"}), curie("urn:b:x y", {"b": "urn:b:"})
    ('a:product-manager', '<urn:b:x y>')
    """
    prefix = covering_prefix(iri, namespaces)
    if prefix is not None:
        local = iri[len(namespaces[prefix]):]
        if local.replace("-", "").replace("_", "").replace(".", "").isalnum():
            return f"{prefix}:{local}"
    return f"<{iri}>"
