"""What lines two roles of two ladders up: mappings, level equivalences, titles and skills.

:func:`role_infos` reads what a comparison needs of each role (titles,
seniority, track, grades, required skills); :func:`read_links` the
statements that relate roles across ladders; :func:`candidate` says whether
two roles may be paired, on what basis, and how well. The bases, strongest
first:

1. **same role**: the same IRI (a ladder that extends the other);
2. **mapping: exact**: ``skos:exactMatch``, in either direction and through
   other nodes (SKOS makes it symmetric and transitive: two company roles
   that each map exactly onto ``pm:product-manager`` are an exact match);
3. **mapping: close**: ``skos:closeMatch`` in either direction, between the
   two roles or their exact matches;
4. **same level**: ``cg:sameLevelAs``, symmetric and transitive;
5. **same grade**: both are held at one ``cg:grade`` node;
6. **same title**: a title or alternative title of one is a title of the
   other, after :func:`~careergraph.names.normalize_title`;
7. **similar**: seniorities at most one apart and a score ``0.5 * title
   similarity + 0.3 * skill overlap + 0.2 * seniority closeness`` of at least
   0.6, with alike titles (0.7 or more) or skills (overlap 0.5 or more).

The title similarity (:func:`title_similarity`) ignores word order and
punctuation, so "Group Manager, Product" lines up with "Group Product
Manager". Within one basis, the higher score pairs first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careergraph.names import normalize_title
from careergraph.passages import integer

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph
    from careergraph.compare_sides import Side

BASES = ("same role", "mapping: exact", "mapping: close", "same level", "same grade",
         "same title", "similar")
"""The bases of a pair, strongest first."""

MIN_SCORE = 0.6
MIN_TITLE = 0.7
MIN_OVERLAP = 0.5

_EXACT = """SELECT ?a ?b WHERE { ?a skos:exactMatch ?b }"""
_CLOSE = """SELECT ?a ?b WHERE { ?a skos:closeMatch ?b }"""
_SAME_LEVEL = """SELECT ?a ?b WHERE { ?a cg:sameLevelAs ?b }"""
_GRADES = """
SELECT ?role ?grade ?notation ?order WHERE {
  ?role a cg:Role ; cg:grade ?grade .
  OPTIONAL { ?grade skos:notation ?notation }
  OPTIONAL { ?grade cg:levelOrder ?order }
}"""


@dataclass(frozen=True)
class Grade:
    """A grade a role is held at.

    Parameters
    ----------
    iri : str
        The ``cg:Grade`` node.
    notation : str
        Its code as the ladder writes it (its IRI's local name when it has none).
    order : int or None
        Its ``cg:levelOrder``, lowest first.
    """

    iri: str
    notation: str
    order: int | None


@dataclass(frozen=True)
class RoleInfo:
    """What the comparison knows of a role.

    Parameters
    ----------
    iri, label : str
        The role and its title.
    seniority : int or None
        Its level (1 = entry).
    track : str or None
        Its track's label.
    titles : frozenset of str
        Its title and alternative titles, normalised.
    skills : dict
        Skill key -> (label, proficiency) of the skills it requires.
    grades : tuple of Grade, optional
        The grades it is held at, lowest first.
    """

    iri: str
    label: str
    seniority: int | None
    track: str | None
    titles: frozenset[str]
    skills: dict[str, tuple[str, int | None]]  # skill key -> (label, proficiency)
    grades: tuple[Grade, ...] = ()

    def brief(self) -> dict[str, Any]:
        """The role in short, as plain data.

        Returns
        -------
        dict
            ``iri``, ``label``, ``seniority``, ``track`` and ``grades`` (their codes).
        """
        return {"iri": self.iri, "label": self.label, "seniority": self.seniority,
                "track": self.track, "grades": [grade.notation for grade in self.grades]}


class _Groups:
    """Union-find: the classes of a symmetric and transitive relation."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        root = node
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        self.parent[node] = root
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Links:
    """The statements that relate roles across ladders, closed as SKOS and the ontology say.

    Parameters
    ----------
    exact : dict
        Node -> the representative of its class of ``skos:exactMatch``.
    close : set of tuple
        Pairs of exact-match classes linked by a ``skos:closeMatch`` (both orders).
    level : dict
        Role -> the representative of its class of ``cg:sameLevelAs``.
    """

    exact: dict[str, str]
    close: set[tuple[str, str]]
    level: dict[str, str]

    def basis(self, a: str, b: str) -> str | None:
        """How two roles are related by the statements, strongest first.

        Parameters
        ----------
        a, b : str
            Two role IRIs.

        Returns
        -------
        str or None
            ``"mapping: exact"``, ``"mapping: close"``, ``"same level"`` or None.
        """
        ea, eb = self.exact.get(a, a), self.exact.get(b, b)
        if a in self.exact and ea == eb:
            return "mapping: exact"
        if (ea, eb) in self.close:
            return "mapping: close"
        if a in self.level and self.level[a] == self.level.get(b):
            return "same level"
        return None


def read_links(graphs: Iterable[CareerGraph]) -> Links:
    """Read the mappings and level equivalences of one or more graphs.

    Parameters
    ----------
    graphs : iterable of CareerGraph
        The graphs (each read once, however often given).

    Returns
    -------
    Links
        Their statements together.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> links = read_links([load_graph()])
    >>> pm = "https://w3id.org/careergraph/pm/product-manager"
    >>> links.basis(pm, "https://w3id.org/careergraph/pm/vp-of-product") is None
    True
    """
    exact, level = _Groups(), _Groups()
    close_edges: list[tuple[str, str]] = []
    seen: list[CareerGraph] = []
    for kg in graphs:
        if any(kg is other for other in seen):
            continue
        seen.append(kg)
        for row in kg.query(_EXACT):
            exact.join(str(row.a), str(row.b))
        for row in kg.query(_SAME_LEVEL):
            level.join(str(row.a), str(row.b))
        close_edges += [(str(row.a), str(row.b)) for row in kg.query(_CLOSE)]
    close = set()
    for a, b in close_edges:
        ea, eb = exact.find(a), exact.find(b)
        close |= {(ea, eb), (eb, ea)}
    return Links({node: exact.find(node) for node in list(exact.parent)}, close,
                 {node: level.find(node) for node in list(level.parent)})


def role_infos(side: Side) -> dict[str, RoleInfo]:
    """The roles of a side, with their titles, grades and required skills.

    Parameters
    ----------
    side : Side
        One side of the comparison.

    Returns
    -------
    dict
        Role IRI -> :class:`RoleInfo`.
    """
    from careergraph.project import role_graph, skill_graph
    from careergraph.vocabulary import local_name

    roles, skills = role_graph(side.kg), skill_graph(side.kg)
    members = set(side.roles)
    grades: dict[str, set[Grade]] = {}
    for row in side.kg.query(_GRADES):
        if str(row.role) in members:
            notation = str(row.notation) if row.notation is not None else local_name(row.grade)
            grades.setdefault(str(row.role), set()).add(Grade(str(row.grade), notation,
                                                              integer(row.order)))
    infos = {}
    for iri in side.roles:
        data = roles.nodes[iri]
        titles = frozenset(normalize_title(t) for t in [data["label"], *data["alt_labels"]])
        required = {}
        for skill in skills.successors(iri) if iri in skills else ():
            label = skills.nodes[skill]["label"]
            required[normalize_title(label) or skill] = (label, skills.edges[iri, skill]["proficiency"])
        held = tuple(sorted(grades.get(iri, ()), key=grade_key))
        infos[iri] = RoleInfo(iri, data["label"], data["seniority"], data["track"], titles,
                              required, held)
    return infos


def grade_key(grade: Grade) -> tuple[int, int, str]:
    """The sort key of a grade: by level order (grades without one last), then by code.

    Parameters
    ----------
    grade : Grade
        A grade.

    Returns
    -------
    tuple
        The key.
    """
    return (0, grade.order, grade.notation) if grade.order is not None else (1, 0, grade.notation)


def title_similarity(a: RoleInfo, b: RoleInfo) -> float:
    """How alike the titles of two roles are, word order and punctuation ignored.

    The best :class:`difflib.SequenceMatcher` ratio between any title of one
    and any title of the other, each normalised, compared as written and with
    its words sorted.

    Parameters
    ----------
    a, b : RoleInfo
        The two roles.

    Returns
    -------
    float
        From 0 to 1.

    Examples
    --------
    >>> def role(title):
    ...     return RoleInfo(title, title, None, None, frozenset([normalize_title(title)]), {})
    >>> title_similarity(role("Group Manager, Product"), role("Group Product Manager"))
    1.0
    """
    best = 0.0
    for x in a.titles:
        for y in b.titles:
            best = max(best, difflib.SequenceMatcher(None, x, y).ratio(),
                       difflib.SequenceMatcher(None, _sorted_words(x), _sorted_words(y)).ratio())
    return best


def _sorted_words(title: str) -> str:
    return " ".join(sorted(title.split()))


def skill_overlap(a: RoleInfo, b: RoleInfo) -> float | None:
    """The Jaccard index of the skills two roles require.

    Parameters
    ----------
    a, b : RoleInfo
        The two roles.

    Returns
    -------
    float or None
        From 0 to 1; None when neither requires any.
    """
    union = set(a.skills) | set(b.skills)
    return len(set(a.skills) & set(b.skills)) / len(union) if union else None


def _closeness(a: RoleInfo, b: RoleInfo) -> float | None:
    if a.seniority is None or b.seniority is None:
        return 0.5
    gap = abs(a.seniority - b.seniority)
    return 1.0 if gap == 0 else 0.5 if gap == 1 else None


def candidate(a: RoleInfo, b: RoleInfo, links: Links) -> tuple[tuple, str, float, float | None] | None:
    """Whether two roles may be paired: the rank, basis and scores, or None.

    Parameters
    ----------
    a, b : RoleInfo
        A role of each side.
    links : Links
        The mappings and level equivalences of the graphs.

    Returns
    -------
    tuple or None
        ``(rank, basis, title similarity, skill overlap)``, the lowest rank best;
        None when they are not to be paired.
    """
    title, overlap, closeness = title_similarity(a, b), skill_overlap(a, b), _closeness(a, b)
    score = 0.5 * title + 0.3 * (overlap or 0) + 0.2 * (closeness or 0)
    if a.iri == b.iri:
        basis: str | None = "same role"
    else:
        basis = links.basis(a.iri, b.iri)
    if basis is None and {g.iri for g in a.grades} & {g.iri for g in b.grades}:
        basis = "same grade"
    if basis is None and a.titles & b.titles:
        basis = "same title"
    if basis is None and closeness is not None and score >= MIN_SCORE - 1e-9 and \
            (title >= MIN_TITLE or (overlap or 0) >= MIN_OVERLAP):
        basis = "similar"
    if basis is None:
        return None
    return (BASES.index(basis), -score), basis, title, overlap
