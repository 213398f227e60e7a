"""The vocabulary of the model, read from the ontology: kinds of move, importances, proficiency levels.

No module of careergraph retypes these words. The kinds of move (promotion,
branch, ...) and their order come from the ``cg:TransitionKind`` concepts and
their ``cg:kindOrder``; the importances of a requirement and their order
from the ``cg:Importance`` concepts and their ``cg:importanceOrder``; the
names of the proficiency levels from the ``cg:ProficiencyLevel`` concepts
and their ``rdf:value``. They are read from
the loaded graph (so a graph may add a kind of its own), and from the
built-in ontology file when the graph does not hold them (a graph loaded
without the built-in files, an endpoint without the TBox).

A loaded graph reads them once, as part of its derived data
(:mod:`careergraph.derived`): use ``kg.derived.kinds``,
``kg.derived.importance_order`` and ``kg.derived.proficiency_scale``.

Examples
--------
>>> from careergraph.load import load_graph
>>> [kind.name for kind in read_kinds(load_graph())]
['promotion', 'branch', 'lateral', 'exit', 'entry', 'track switch']
>>> read_proficiency_scale(load_graph())[3]
'practitioner'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from careergraph.passages import integer

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

_ORDERED = """
SELECT ?concept ?order ?shortcut WHERE {{
  ?concept a {cls} .
  OPTIONAL {{ ?concept {order} ?order }}
  OPTIONAL {{ ?concept cg:shortcutProperty ?shortcut }}
}}"""

_LEVELS = ("SELECT ?level ?value WHERE { ?level a cg:ProficiencyLevel ; skos:inScheme cg:ProficiencyScale ; "
           "rdf:value ?value }")


@dataclass(frozen=True)
class Kind:
    """A kind of transition between roles, as the ontology declares it.

    Parameters
    ----------
    name : str
        The local name of the kind's IRI in lower case (``"promotion"``): the
        ``kind`` of a move in the role graph.
    iri : str
        The kind's IRI.
    order : int or None
        Its ``cg:kindOrder``; None when the graph gives none (listed last).
    between_roles : bool
        Whether a transition of the kind links two roles (it names a
        ``cg:shortcutProperty``); an entry into a ladder does not.
    """

    name: str
    iri: str
    order: int | None
    between_roles: bool


def local_name(iri: Any) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    Parameters
    ----------
    iri : str or rdflib term
        The IRI.

    Returns
    -------
    str
        Its local name.

    Examples
    --------
    >>> local_name("https://w3id.org/careergraph/ontology#Promotion")
    'Promotion'
    """
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def rank(order: Sequence[str], name: str | None) -> int:
    """The place of ``name`` in ``order``, for sorting; a name not in it comes after all.

    Parameters
    ----------
    order : sequence of str
        The names in their order (such as the kinds of ``kg.derived.kinds``).
    name : str or None
        The name to place.

    Returns
    -------
    int
        Its index in ``order``, or ``len(order)``.

    Examples
    --------
    >>> rank(("promotion", "branch"), "branch"), rank(("promotion", "branch"), "sideways")
    (1, 2)
    """
    return order.index(name) if name in order else len(order)


def read_kinds(kg: CareerGraph) -> tuple[Kind, ...]:
    """Read the kinds of transition, in their order (by ``cg:kindOrder``, then by name).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph; when it declares no kind, the built-in ontology is read.

    Returns
    -------
    tuple of Kind
        Every kind, ordered.
    """
    found = _ordered(kg, "cg:TransitionKind", "cg:kindOrder") or \
        _ordered(_tbox(kg), "cg:TransitionKind", "cg:kindOrder")
    return tuple(Kind(name, iri, order, between_roles) for name, iri, order, between_roles in found)


def read_importances(kg: CareerGraph) -> tuple[str, ...]:
    """Read the importances of a skill requirement, the most important first (by ``cg:importanceOrder``).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph; when it declares no importance, the built-in ontology is read.

    Returns
    -------
    tuple of str
        The local names in lower case, as the role–skill graph gives an
        importance (``("core", "supporting")``).

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> read_importances(load_graph())
    ('core', 'supporting')
    """
    found = _ordered(kg, "cg:Importance", "cg:importanceOrder") or \
        _ordered(_tbox(kg), "cg:Importance", "cg:importanceOrder")
    return tuple(name for name, *_ in found)


def _ordered(kg: CareerGraph, cls: str, order: str) -> list[tuple[str, str, int | None, bool]]:
    """(name, IRI, order, has a shortcut property) of every instance of ``cls``, ordered by ``order``.

    The concepts without an order come last, by name; of several orders, the lowest counts.
    """
    orders: dict[str, list[int]] = {}
    shortcut: dict[str, bool] = {}
    for row in kg.query(_ORDERED.format(cls=cls, order=order)):
        iri = str(row.concept)
        orders.setdefault(iri, [])
        if (value := integer(row.order)) is not None:
            orders[iri].append(value)
        shortcut[iri] = shortcut.get(iri, False) or row.shortcut is not None
    found = [(kind_word(local_name(iri)), iri, min(values, default=None), shortcut[iri])
             for iri, values in orders.items()]
    return sorted(found, key=lambda c: (c[2] is None, c[2] or 0, c[0]))


def read_proficiency_scale(kg: CareerGraph) -> dict[int, str]:
    """Read the proficiency levels: integer -> English name, in order.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph; when it has no ``cg:ProficiencyLevel``, the built-in ontology is read.

    Returns
    -------
    dict
        The integer of each level (its ``rdf:value``) -> its label, lowest first.
    """
    scale = _levels(kg) or _levels(_tbox(kg))
    return dict(sorted(scale.items()))


def _levels(kg: CareerGraph) -> dict[int, str]:
    return {value: kg.label(row.level) for row in kg.query(_LEVELS)
            if (value := integer(row.value)) is not None}


def _tbox(kg: CareerGraph) -> CareerGraph:
    """The built-in ontology alone, as a graph of the same class as ``kg``.

    Made from ``type(kg)`` so that this module need not import
    :mod:`careergraph.career_graph` (which reaches this one through its derived data).
    """
    return type(kg)(_tbox_graph())


@lru_cache(maxsize=1)
def _tbox_graph() -> Any:
    """The built-in ontology file, parsed once per process (rdflib is imported only for it)."""
    from rdflib import Graph

    from careergraph.resources import tbox_path

    return Graph().parse(tbox_path(), format="turtle")


def kind_word(name: str) -> str:
    """A kind's local name as the words careergraph calls it by, in lower case.

    Parameters
    ----------
    name : str
        The local name of a kind's IRI.

    Returns
    -------
    str
        Its words in lower case.

    Examples
    --------
    >>> kind_word("TrackSwitch"), kind_word("Promotion")
    ('track switch', 'promotion')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()
