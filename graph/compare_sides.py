"""The two sides of a comparison: which ladder each one is, its roles and its moves.

A side is named by the user in one of three ways:

- ``builtin``: the built-in product-management ladder;
- a ladder file or folder (``.ttl``, ``.nt``, ``.jsonld``, ``.yaml`` or a folder
  of CSV tables): the ladders the file declares (``cg:Ladder``);
- a ladder's short name, its ``skos:notation`` in any case (``pm`` for the
  built-in ladder, ``acme`` for a ladder whose YAML says ``id: acme``), in
  the graph loaded with the ``-d`` files.

:func:`load_sides` loads what the two names need: each ladder file over the
``-d`` files in a graph of its own (so that two versions of one ladder, or
two files that change one built-in role differently, each keep their own
facts), and ``builtin`` and the short names in one graph of the ``-d`` files.
What relates the two sides (mappings, level equivalences) is read from all of
them (:func:`careergraph.compare_pairs.read_links`), so a mapping either file
states counts.

A side's roles are those ``skos:inScheme`` its ladders and the ladders they
extend (``prov:wasDerivedFrom``, which ``extends: builtin`` writes), with the
roles on no ladder that their moves lead to (exit targets, such as the
built-in ladder's General Manager); a file that declares no ladder brings the
roles it describes. Its moves (:func:`side_moves`) are those between two of
its roles, and those its own files state from or to a role of another
ladder (an exit to a built-in role).

Examples
--------
>>> a, b = load_sides("builtin", "pm")
>>> a.kg is b.kg, a.roles == b.roles, b.ladders
(True, True, ['https://w3id.org/careergraph/pm/ladder'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from careergraph.career_graph import CareerGraph
from careergraph.errors import CareerGraphError, closest, shown
from careergraph.load import load_graph
from careergraph.namespaces import CG, PM, PROV, RDF

BUILTIN = "builtin"
"""The name that stands for the built-in ladder."""

_LADDERS = """
SELECT ?ladder ?notation WHERE { ?ladder a cg:Ladder . OPTIONAL { ?ladder skos:notation ?notation } }"""

_LADDER_ROLES = """SELECT ?role WHERE { ?role skos:inScheme ?ladder ; a cg:Role }"""

_ROLE_LADDERS = """
SELECT ?role ?notation WHERE { ?role a cg:Role ; skos:inScheme ?ladder .
                               ?ladder a cg:Ladder ; skos:notation ?notation }"""


_NAME = re.compile(r"[\w][\w.-]*")


@dataclass
class Side:
    """One ladder to compare: its name, the loaded graph and the IRIs of its roles.

    Parameters
    ----------
    name : str
        ``"builtin"``, the ladder file as given, or the ladder's short name.
    kg : CareerGraph
        The loaded graph the ladder is in.
    roles : list of str
        The IRIs of its roles.
    ladders : list of str
        The IRIs of its ladders, and of those they extend.
    layers : list of str
        The names of the files that declare its own ladders (whose moves to
        roles of other ladders are its moves).
    """

    name: str
    kg: CareerGraph
    roles: list[str]
    ladders: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)


def is_ladder_name(spec: str | Path) -> bool:
    """Whether ``spec`` names a ladder by its short name rather than a file.

    A short name has no path separator and no file ending (``acme``,
    ``ukgov``), and no file or folder of that name exists.

    Parameters
    ----------
    spec : str or Path
        What the user wrote for a side.

    Returns
    -------
    bool
        True for a short name; False for ``builtin`` and for files.

    Examples
    --------
    >>> is_ladder_name("acme"), is_ladder_name("acme.yaml"), is_ladder_name("builtin")
    (True, False, False)
    """
    text = str(spec)
    return (text != BUILTIN and isinstance(spec, str) and bool(_NAME.fullmatch(text))
            and Path(text).suffix == "" and not Path(text).exists())


def load_side(spec: str | Path, *, data: Sequence[str | Path] = ()) -> Side:
    """Load one side on its own: ``"builtin"``, a ladder file or folder, or a ladder's short name.

    Parameters
    ----------
    spec : str or Path
        ``"builtin"``, the ladder, or a ladder's short name in the ``data`` files.
    data : sequence of str or Path
        More files to load under it (context its references need).

    Returns
    -------
    Side
        The ladder's name, graph and roles.

    Raises
    ------
    DataFileError
        When the file cannot be read (see :func:`careergraph.load.load_graph`).
    CareerGraphError
        When it holds no role, or no ladder has that short name.
    """
    if str(spec) == BUILTIN or is_ladder_name(spec):
        return side_in_graph(load_graph(data), str(spec))
    kg = load_graph([*data, spec])
    return side_in_graph(kg, str(spec), layer=kg.layers[-1].name)


def load_sides(a: str | Path, b: str | Path, *,
               data: Sequence[str | Path] = ()) -> tuple[Side, Side]:
    """Load both sides: each file over the ``-d`` files on its own, the names in one graph.

    Parameters
    ----------
    a, b : str or Path
        Each ``"builtin"``, a ladder file or folder, or a ladder's short name.
    data : sequence of str or Path
        The ``-d`` files, loaded first.

    Returns
    -------
    tuple of Side
        The two sides.

    Raises
    ------
    DataFileError
        When a file cannot be read.
    CareerGraphError
        When a side holds no role, or no ladder has a short name given.
    """
    shared: list[CareerGraph] = []

    def side(spec: str | Path) -> Side:
        if str(spec) != BUILTIN and not is_ladder_name(spec):
            return load_side(spec, data=data)
        if not shared:
            shared.append(load_graph(data))
        return side_in_graph(shared[0], str(spec))

    return side(a), side(b)


def ladder_names(kg: CareerGraph) -> dict[str, str]:
    """The ladders of a graph by short name.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    dict
        ``skos:notation`` -> ladder IRI, sorted by name.

    Examples
    --------
    >>> ladder_names(load_graph())
    {'pm': 'https://w3id.org/careergraph/pm/ladder'}
    """
    found = {str(row.notation): str(row.ladder) for row in kg.query(_LADDERS)
             if row.notation is not None}
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))


def find_ladder(kg: CareerGraph, name: str) -> str:
    """The ladder of a graph with a short name (``skos:notation``, in any case).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    name : str
        The short name.

    Returns
    -------
    str
        The ladder's IRI.

    Raises
    ------
    CareerGraphError
        No ladder (or more than one) has that name: one line that lists the known ones.

    Examples
    --------
    >>> find_ladder(load_graph(), "PM")
    'https://w3id.org/careergraph/pm/ladder'
    >>> find_ladder(load_graph(), "acme")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: unknown ladder 'acme'; known ladders: pm (or 'builtin', or a ladder file)
    """
    known = ladder_names(kg)
    found = sorted({iri for notation, iri in known.items() if notation.casefold() == name.casefold()})
    if len(found) == 1:
        return found[0]
    if found:
        raise CareerGraphError(f"'{shown(name)}' names several ladders: {', '.join(found)}")
    near = closest(name.casefold(), {n.casefold(): n for n in known})
    hint = f" (did you mean {' or '.join(near)}?)" if near else ""
    listing = ", ".join(known) or "none"
    raise CareerGraphError(f"unknown ladder '{shown(name)}'{hint}; known ladders: {listing} "
                           "(or 'builtin', or a ladder file)")


def side_in_graph(kg: CareerGraph, spec: str, *, layer: str | None = None) -> Side:
    """One side in a loaded graph: ``"builtin"``, the ladders of a file, or a ladder by short name.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph (in memory: the origins of its nodes are known).
    spec : str
        ``"builtin"``, the ladder file as given, or a ladder's short name.
    layer : str, optional
        For a file: the name of its layer in ``kg``.

    Returns
    -------
    Side
        Its name, graph, roles, ladders and own layers.

    Raises
    ------
    CareerGraphError
        When it holds no role, or no ladder has that short name.
    """
    a, ladder_class = RDF + "type", URIRef(CG + "Ladder")
    if spec == BUILTIN:
        own = {item.name for item in kg.layers if item.builtin}
        ladders = [str(ladder) for ladder in kg.subjects(a, ladder_class)
                   if kg.origin(ladder) in own or str(ladder) == PM + "ladder"]
    elif layer is not None:
        own = {layer}
        ladders = [str(ladder) for ladder in kg.subjects(a, ladder_class) if kg.origin(ladder) in own]
    else:
        ladders = [find_ladder(kg, spec)]
        own = {kg.origin(ladders[0])} - {None}
    extended = sorted(ladders)
    for ladder in extended:
        extended += sorted(str(base) for base in kg.objects(ladder, PROV + "wasDerivedFrom")
                           if str(base) not in extended)

    roles = {str(row.role) for ladder in extended
             for row in kg.query(_LADDER_ROLES, {"ladder": URIRef(ladder)})}
    roles |= _exit_targets(kg, roles)
    if not ladders:
        roles = {str(role) for role in kg.subjects(a, URIRef(CG + "Role")) if kg.origin(role) in own}
    if not roles:
        raise CareerGraphError(f"{spec}: no roles to compare (no cg:Ladder with roles in it)")
    return Side(spec, kg, sorted(roles), extended, sorted(own))  # type: ignore[arg-type]


def _exit_targets(kg: CareerGraph, roles: set[str]) -> set[str]:
    """The roles on no ladder that moves from ``roles`` lead to."""
    from careergraph.project import role_graph

    graph = role_graph(kg)
    on_a_ladder = {str(row.role) for row in kg.query(_ON_A_LADDER)}
    return {target for role in roles if role in graph for target in graph.successors(role)
            if target not in on_a_ladder}


_ON_A_LADDER = """SELECT DISTINCT ?role WHERE { ?role a cg:Role ; skos:inScheme ?l . ?l a cg:Ladder }"""


def role_ladders(kg: CareerGraph) -> dict[str, str]:
    """The short name of the ladder of every role on a ladder that has one.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    dict
        Role IRI -> its ladder's ``skos:notation`` (the first by name when on several).
    """
    found: dict[str, str] = {}
    for row in sorted(kg.query(_ROLE_LADDERS), key=lambda r: str(r.notation).casefold()):
        found.setdefault(str(row.role), str(row.notation))
    return found


def side_moves(side: Side) -> dict[tuple[str, str], str]:
    """The moves of a side: (from, to) -> kind in words.

    A move between two roles of the side is its move; so is a move from or to
    a role of another ladder that the side's own files state (an exit to a
    built-in role).

    Parameters
    ----------
    side : Side
        One side.

    Returns
    -------
    dict
        (source IRI, target IRI) -> kind, such as ``"promotion"`` or ``"track switch"``.
    """
    from careergraph.project import role_graph

    members, own = set(side.roles), set(side.layers)
    moves = {}
    for u, v, data in role_graph(side.kg).edges(data=True):
        both = u in members and v in members
        if both or ((u in members or v in members) and side.kg.origin(data["transition"]) in own):
            moves[u, v] = data["kind"]
    return moves
