"""What :func:`careergraph.describe.describe_role` answers: a role's facts, each with its passages.

Plain frozen dataclasses, so that the command line can print them as text,
Markdown or JSON (:meth:`RoleDescription.to_dict`) without knowing RDF.
Every fact carries ``sources``: the numbers of the passages it comes from,
as footnotes do; :meth:`RoleDescription.passage` gives the passage of a
number. Values the project chose itself carry a :class:`Curation`.

Examples
--------
>>> link = Link("https://w3id.org/careergraph/pm/product-manager", "Product Manager", (1,))
>>> link.label, link.sources
('Product Manager', (1,))
>>> Curation(("https://w3id.org/careergraph/ontology#track",), ("track",),
...          ("Placed on the individual-contributor track.",)).names
('track',)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careergraph.role_equivalences import Equivalence
    from careergraph.role_place import Band, Experience, Grade, Span
    from careergraph.scales import FrameworkLevel


@dataclass(frozen=True)
class Passage:
    """A source passage, with the number facts cite it by.

    Parameters
    ----------
    number : int
        Its footnote number, from 1, in the order the facts first cite it.
    iri : str
        The passage node (``cg:SourcePassage``, or an imported file).
    section : str or None
        Where it is in its document (``cg:section``).
    quote : str or None
        The words it says (``cg:quote``).
    document : str or None
        The document it is part of (``dcterms:isPartOf``).
    """

    number: int
    iri: str
    section: str | None
    quote: str | None
    document: str | None


@dataclass(frozen=True)
class Curation:
    """Which values of a node are this project's judgement, and why.

    Parameters
    ----------
    properties : tuple of str
        The curated properties (IRIs, ``cg:curatedProperty``).
    names : tuple of str
        How to say each of them (``track``, ``close match``).
    notes : tuple of str
        Why (``cg:curationNote``).
    """

    properties: tuple[str, ...]
    names: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """Another node a fact points at: a role of the reporting line, or a ladder.

    Parameters
    ----------
    iri : str
        The node.
    label : str
        Its name (``LADDER:Title`` for a role of another ladder).
    sources : tuple of int, optional
        The passages that state the link, when it is stated on the other node.
    """

    iri: str
    label: str
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class Responsibility:
    """A responsibility of the role.

    Parameters
    ----------
    iri : str
        The responsibility node.
    label : str
        What it is.
    condition : str or None
        When the source makes it conditional (``cg:condition``).
    sources : tuple of int
        The passages that state it.
    curation : Curation or None
        Its curated values, if any.
    """

    iri: str
    label: str
    condition: str | None
    sources: tuple[int, ...]
    curation: Curation | None


@dataclass(frozen=True)
class Requirement:
    """A skill the role requires: category, proficiency (number and ``level`` name), importance.

    Parameters
    ----------
    iri : str
        The requirement node.
    skill : str
        The skill's IRI.
    label : str
        The skill's name.
    category : str or None
        The skill category's label.
    proficiency : int or None
        The level required, 1 to 5.
    level : str or None
        The name of that level (``practitioner``).
    importance : str or None
        ``"core"`` or ``"supporting"``.
    sources : tuple of int
        The passages that state it.
    curation : Curation or None
        Its curated values, if any.
    condition : str or None, optional
        When the source makes the requirement conditional or one of alternatives.
    framework : FrameworkLevel or None, optional
        The level of the ladder's own scale the requirement names (``cg:proficiencyLevel``),
        in the framework's words; None when it names none.
    """

    iri: str
    skill: str
    label: str
    category: str | None
    proficiency: int | None
    level: str | None
    importance: str | None
    sources: tuple[int, ...]
    curation: Curation | None
    condition: str | None = None
    framework: FrameworkLevel | None = None


@dataclass(frozen=True)
class Move:
    """A move out of the role or into it.

    Parameters
    ----------
    iri : str
        The transition node.
    kind : str or None
        The kind's local name in lower case (``"promotion"``, as
        :mod:`careergraph.paths` names it).
    kind_label : str or None
        The kind's label.
    role : str or None
        The role at the other end; None for an entry from outside the ladder.
    label : str or None
        That role's name (``LADDER:Title`` when it is in another ladder).
    condition : str or None
        When the source makes the move conditional.
    sources : tuple of int
        The passages that state it.
    curation : Curation or None
        Its curated values (such as its kind), if any.
    """

    iri: str
    kind: str | None
    kind_label: str | None
    role: str | None
    label: str | None
    condition: str | None
    sources: tuple[int, ...]
    curation: Curation | None


@dataclass(frozen=True)
class Mapping:
    """A mapping of the role to an occupation of ESCO, O*NET or another scheme.

    Parameters
    ----------
    relation : str
        How to say the mapping (``"close match"``).
    property : str
        The SKOS mapping property's IRI.
    scheme : str
        ``"ESCO"``, ``"O*NET"`` or ``"other"``.
    occupation : str
        The occupation's IRI.
    label : str or None
        The occupation's label when the graph holds the occupation
        (imported with ``careergraph import``), else None.
    curated : bool
        Whether the mapping is this project's judgement.
    """

    relation: str
    property: str
    scheme: str
    occupation: str
    label: str | None
    curated: bool


@dataclass(frozen=True)
class RoleDescription:
    """What the graph says about one role (see :mod:`careergraph.describe`).

    Parameters
    ----------
    iri : str
        The role.
    label : str
        Its title.
    definition : str or None
        Its definition.
    alt_labels : tuple of str
        Its other titles.
    seniority : int or None
        Its seniority, from 1.
    track : str or None
        Its track's label.
    ladders : tuple of Link
        The ladders it is in.
    reports_to : tuple of Link
        The roles it reports to.
    reporting_to_it : tuple of Link
        The roles that report to it, each citing its own passages.
    responsibilities : tuple of Responsibility
        What it is responsible for.
    requirements : tuple of Requirement
        The skills it requires, core first, then by name.
    moves_out : tuple of Move
        The moves out of it, by kind, then by the other role's name.
    moves_in : tuple of Move
        The moves into it, in the same order.
    mappings : tuple of Mapping
        Its mappings to occupations, by scheme, relation and occupation.
    scope_notes : tuple of str
        What it covers and what not (``skos:scopeNote``).
    sources : tuple of int
        The passages of the role's own facts (definition to reporting line, mappings).
    curation : Curation or None
        The role's curated values, if any.
    passages : tuple of Passage
        Every passage cited, by number.
    grades : tuple of Grade, optional
        The grades of its ladder it is held at, lowest first (``cg:grade``).
    band : Band or None, optional
        Its level band (``cg:levelBand``).
    experience : tuple of Experience, optional
        The years of experience, one range per source (sources that disagree are all kept).
    spans : tuple of Span, optional
        How many people it manages, one per source (``cg:spanOfControl``).
    equivalences : tuple of Equivalence, optional
        The roles that are the same job, a similar job or at the same level, both ways.
    """

    iri: str
    label: str
    definition: str | None
    alt_labels: tuple[str, ...]
    seniority: int | None
    track: str | None
    ladders: tuple[Link, ...]
    reports_to: tuple[Link, ...]
    reporting_to_it: tuple[Link, ...]
    responsibilities: tuple[Responsibility, ...]
    requirements: tuple[Requirement, ...]
    moves_out: tuple[Move, ...]
    moves_in: tuple[Move, ...]
    mappings: tuple[Mapping, ...]
    scope_notes: tuple[str, ...]
    sources: tuple[int, ...]
    curation: Curation | None
    passages: tuple[Passage, ...]
    grades: tuple[Grade, ...] = ()
    band: Band | None = None
    experience: tuple[Experience, ...] = ()
    spans: tuple[Span, ...] = ()
    equivalences: tuple[Equivalence, ...] = ()

    def curated(self, prop: str) -> bool:
        """Whether the role's value of ``prop`` is this project's judgement.

        Parameters
        ----------
        prop : str
            A property's IRI, such as ``cg:track``'s.

        Returns
        -------
        bool

        Examples
        --------
        >>> from careergraph.describe import describe_role
        >>> from careergraph.load import load_graph
        >>> from careergraph.namespaces import CG, SKOS
        >>> pm = describe_role(load_graph(), "https://w3id.org/careergraph/pm/product-manager")
        >>> pm.curated(CG + "track"), pm.curated(SKOS + "definition")
        (True, False)
        """
        return self.curation is not None and prop in self.curation.properties

    def passage(self, number: int) -> Passage:
        """The passage cited as ``number``.

        Parameters
        ----------
        number : int
            A number a fact's ``sources`` holds.

        Returns
        -------
        Passage
        """
        return self.passages[number - 1]

    def to_dict(self) -> dict[str, Any]:
        """The description as plain JSON-ready values (lists, dicts, strings, numbers).

        Returns
        -------
        dict
            Field name -> value, with tuples as lists all the way down.

        Examples
        --------
        >>> import json
        >>> from careergraph.describe import describe_role
        >>> from careergraph.load import load_graph
        >>> data = describe_role(load_graph(), "https://w3id.org/careergraph/pm/vp-of-product").to_dict()
        >>> json.loads(json.dumps(data)) == data
        True
        """
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    """Tuples as lists, all the way down, so that a JSON round trip gives the same value."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
