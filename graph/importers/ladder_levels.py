"""A ladder's own levels: its proficiency scale, its grades and its level bands.

A ladder may give (all optional, each lowest first):

- ``scale``: the framework's own proficiency scale, a ``cg:Scale``
  (``<namespace>scale``, the ladder's ``cg:proficiencyScale``) of
  ``cg:ProficiencyLevel`` nodes with ``skos:prefLabel``, ``cg:levelOrder``
  (``order:``, or the position from 1) and ``rdf:value``, the common level
  1-5 it maps onto (``common:``);
- ``grades``: ``cg:Grade`` nodes with ``skos:notation`` (the code as
  written), ``skos:prefLabel`` and ``skos:definition`` when given, and
  ``cg:levelOrder`` (the position from 1);
- ``bands``: ``cg:LevelBand`` nodes with ``skos:prefLabel`` and ``cg:levelOrder``.

Grades and bands are ``skos:inScheme`` the ladder. :class:`LadderLevels`
builds them and resolves what roles and requirements name: a role's
``grade`` and ``band``, and a requirement's ``proficiency`` (in the ladder's
scale when it has one: a level's name, any case, or its order; else the
common 1-5 scale or its names).

Examples
--------
>>> from careergraph.importers.ladder_document import LadderDocument
>>> from rdflib import Graph
>>> document = LadderDocument({"ladder": {"scale": {"title": "Skill levels", "levels": [
...     {"name": "Working", "common": 2}, {"name": "Expert", "common": 5}]},
...     "grades": ["G6", {"code": "G7", "title": "Grade 7"}]}}, "x.yaml", "yaml")
>>> levels = LadderLevels(document, Graph(), URIRef("https://example.org/x/ladder"),
...                       node=lambda name: URIRef("https://example.org/x/" + name),
...                       cite=lambda node, path: None)
>>> levels.build()
>>> level, common = levels.proficiency("expert", ("roles", 0, "requirements", 0, "proficiency"))
>>> str(level), common, levels.proficiency(1, ())[1]
('https://example.org/x/level-expert', 5, 2)
>>> [str(g) for g in levels.grades(["g7", "G6"], ("roles", 0, "grade"))]
['https://example.org/x/grade-g7', 'https://example.org/x/grade-g6']
>>> levels.grades("G8", ("roles", 0, "grade"))
Traceback (most recent call last):
...
careergraph.errors.LadderError: x.yaml, field 'grade': unknown grade 'G8'; the grades of the ladder
    are G6, G7
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import rdflib
from rdflib import Literal, URIRef

from careergraph.errors import closest, shown
from careergraph.importers.dataset import english
from careergraph.importers.ladder_terms import builtin_graph, slug
from careergraph.namespaces import CG, RDF, SKOS

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_

__all__ = ["LadderLevels", "normalise_name"]

_A = URIRef(RDF + "type")
_ORDER = URIRef(CG + "levelOrder")


def normalise_name(name: object) -> str:
    """A name or code as compared: case ignored, ``-`` and ``_`` as spaces, blanks collapsed.

    Parameters
    ----------
    name : object
        A level name, grade code or band name as written.

    Returns
    -------
    str

    Examples
    --------
    >>> normalise_name(" Senior_leader "), normalise_name("HEO")
    ('senior leader', 'heo')
    """
    return " ".join(str(name).replace("-", " ").replace("_", " ").casefold().split())


class LadderLevels:
    """Build a ladder's scale, grades and bands, and resolve the names roles and requirements give them.

    Parameters
    ----------
    document : LadderDocument
        The ladder, checked against the schema.
    graph : rdflib.Graph
        Where to add the nodes.
    ladder : URIRef
        The ladder's node.
    node : callable
        Local name -> a new node of the ladder (made unique).
    cite : callable
        ``cite(node, path)``: make ``node`` cite the place of ``path``.
    """

    def __init__(self, document: LadderDocument, graph: rdflib.Graph, ladder: URIRef, *,
                 node: Callable[[str], URIRef], cite: Callable[[URIRef, Path_], None]) -> None:
        self.doc = document
        self.graph = graph
        self.ladder = ladder
        self._node = node
        self._cite = cite
        self.scale_title: str | None = None
        self.levels: dict[str, tuple[URIRef, int, int, str]] = {}
        """Normalised level name -> (node, order, common level, name as written)."""
        self.by_order: dict[int, tuple[URIRef, int, int, str]] = {}
        self.codes: dict[str, dict[str, tuple[URIRef, str]]] = {"grade": {}, "band": {}}
        """``grade`` / ``band`` -> normalised code or name -> (node, as written)."""

    def build(self) -> None:
        """Add the scale, the grades and the bands of the ladder to the graph.

        Raises
        ------
        LadderError
            A level, grade or band given twice; level orders that do not
            rise; a higher level that maps onto a lower common level.
        """
        data = self.doc.data.get("ladder", {})
        if data.get("scale"):
            self._scale(data["scale"])
        for what, section, key in (("grade", "grades", "code"), ("band", "bands", "name")):
            for index, item in enumerate(data.get(section, [])):
                self._level_of_ladder(what, ("ladder", section, index),
                                      item if isinstance(item, dict) else {key: item}, index + 1)

    def _scale(self, scale: dict[str, Any]) -> None:
        g = self.graph
        node = self._node("scale")
        self.scale_title = scale["title"]
        g.add((node, _A, URIRef(CG + "Scale")))
        g.add((node, URIRef(SKOS + "prefLabel"), english(scale["title"])))
        if scale.get("definition"):
            g.add((node, URIRef(SKOS + "definition"), english(scale["definition"])))
        g.add((self.ladder, URIRef(CG + "proficiencyScale"), node))
        self._cite(node, ("ladder", "scale"))
        before: tuple[URIRef, int, int, str] | None = None
        for index, level in enumerate(scale["levels"]):
            path = ("ladder", "scale", "levels", index)
            order, common, name = level.get("order", index + 1), level["common"], level["name"]
            key = normalise_name(name)
            if key in self.levels:
                raise self.doc.error((*path, "name"), f"the level '{shown(name)}' is given twice")
            if before is not None and order <= before[1]:
                raise self.doc.error((*path, "order"), f"{order} is not above the order of "
                                     f"'{before[3]}' ({before[1]}); list the levels lowest first")
            if before is not None and common < before[2]:
                raise self.doc.error((*path, "common"), f"{common} is below the common level of "
                                     f"'{before[3]}' ({before[2]}), the level before it; a higher "
                                     "level cannot map onto a lower common level")
            level_node = self._node(f"level-{slug(name)}")
            g.add((level_node, _A, URIRef(CG + "ProficiencyLevel")))
            g.add((level_node, URIRef(SKOS + "inScheme"), node))
            g.add((level_node, URIRef(SKOS + "prefLabel"), english(name)))
            g.add((level_node, _ORDER, Literal(order)))
            g.add((level_node, URIRef(RDF + "value"), Literal(common)))
            if level.get("notation"):
                g.add((level_node, URIRef(SKOS + "notation"), Literal(str(level["notation"]))))
            if level.get("definition"):
                g.add((level_node, URIRef(SKOS + "definition"), english(level["definition"])))
            self._cite(level_node, path)
            before = self.levels[key] = self.by_order[order] = (level_node, order, common, name)

    def _level_of_ladder(self, what: str, path: Path_, item: dict[str, Any], order: int) -> None:
        """A grade (``code``, ``title``, ``definition``) or a band (``name``, ``definition``)."""
        written = str(item["code" if what == "grade" else "name"])
        key = normalise_name(written)
        known = self.codes[what]
        if key in known:
            raise self.doc.error(path, f"the {what} '{shown(written)}' is given twice"
                                 + ("" if known[key][1] == written else f" (as '{known[key][1]}')"))
        g = self.graph
        node = self._node(f"{what}-{slug(written)}")
        g.add((node, _A, URIRef(CG + ("Grade" if what == "grade" else "LevelBand"))))
        if what == "grade":
            g.add((node, URIRef(SKOS + "notation"), Literal(written)))
            if item.get("title"):
                g.add((node, URIRef(SKOS + "prefLabel"), english(item["title"])))
        else:
            g.add((node, URIRef(SKOS + "prefLabel"), english(written)))
        if item.get("definition"):
            g.add((node, URIRef(SKOS + "definition"), english(item["definition"])))
        g.add((node, _ORDER, Literal(order)))
        g.add((node, URIRef(SKOS + "inScheme"), self.ladder))
        self._cite(node, path)
        known[key] = (node, written)

    # what roles and requirements name ----------------------------------------

    def grades(self, written: str | list[str], path: Path_) -> list[URIRef]:
        """The grades a role's ``grade`` names: one code or a list of codes of ``ladder.grades``.

        Parameters
        ----------
        written : str or list of str
            The role's ``grade`` as written.
        path : tuple
            Where it stands, for errors.

        Returns
        -------
        list of URIRef
            In the order written.

        Raises
        ------
        LadderError
            A code that is not one of the ladder's grades (naming them, and
            the closest), or one given twice.
        """
        codes = written if isinstance(written, list) else [written]
        found: list[URIRef] = []
        for number, code in enumerate(codes):
            where = (*path, number) if isinstance(written, list) else path
            node = self._named("grade", code, where)
            if node in found:
                raise self.doc.error(where, f"the grade '{shown(code)}' is given twice")
            found.append(node)
        return found

    def band(self, written: str, path: Path_) -> URIRef:
        """The band a role's ``band`` names, one of ``ladder.bands``.

        Parameters
        ----------
        written : str
            The role's ``band`` as written.
        path : tuple
            Where it stands, for errors.

        Returns
        -------
        URIRef

        Raises
        ------
        LadderError
            Not one of the ladder's bands (naming them, and the closest).
        """
        return self._named("band", written, path)

    def _named(self, what: str, written: str, path: Path_) -> URIRef:
        known = self.codes[what]
        found = known.get(normalise_name(written))
        if found is not None:
            return found[0]
        plural = "grades" if what == "grade" else "bands"
        if not known:
            raise self.doc.error(path, f"'{shown(written)}' is not a {what} of the ladder: it "
                                       f"has none; list them in ladder.{plural}, lowest first")
        names = [name for _, name in known.values()]
        close = _closest(written, names)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise self.doc.error(path, f"unknown {what} '{shown(written)}'; the {plural} of the ladder "
                                   f"are {', '.join(names)}{hint}")

    def proficiency(self, written: int | str, path: Path_) -> tuple[URIRef | None, int]:
        """The level a requirement's ``proficiency`` names, and its common level (1 to 5).

        With a ladder scale: a level's name (any case) or its order in the
        scale. Without: a level from 1 to 5, or its name (awareness, ...).

        Parameters
        ----------
        written : int or str
            The requirement's ``proficiency`` (names normalised by the schema check).
        path : tuple
            Where it stands, for errors.

        Returns
        -------
        (URIRef or None, int)
            The level of the ladder's scale (None without one) and the
            common level the requirement's ``cg:proficiency`` takes.

        Raises
        ------
        LadderError
            No such level (naming the levels, and the closest).
        """
        if self.scale_title is None:
            return None, self._common(written, path)
        found = self.by_order.get(written) if isinstance(written, int) else \
            self.levels.get(normalise_name(written))
        if found is not None:
            return found[0], found[2]
        levels = [f"{name} ({order})" for _, order, _, name in self.levels.values()]
        names = [name for *_, name in self.levels.values()]
        close = [] if isinstance(written, int) else _closest(written, names)
        hint = f"; did you mean {close[0]}?" if close else ""
        what = f"{written} is not the order of a level" if isinstance(written, int) else \
            f"'{shown(written)}' is not a level"
        raise self.doc.error(path, f"{what} of the scale '{shown(self.scale_title)}': "
                                   f"{', '.join(levels)}{hint}")

    def _common(self, written: int | str, path: Path_) -> int:
        from careergraph.gap import proficiency_scale

        names = {name: level for level, name in proficiency_scale(builtin_graph()).items()}
        if isinstance(written, int) and written in names.values():
            return written
        if isinstance(written, str) and written in names:
            return names[written]
        close = [] if isinstance(written, int) else _closest(written, list(names))
        hint = f"; did you mean {close[0]}?" if close else ""
        raise self.doc.error(path, f"{shown(repr(written))} is not a level from 1 to 5, "
                                   f"or its name: {', '.join(names)}{hint}")


def _closest(written: object, names: list[str]) -> list[str]:
    """The name closest to ``written`` (compared as :func:`normalise_name` has them), if one is close."""
    by_key = {normalise_name(name): name for name in names}
    return [by_key[key] for key in closest(normalise_name(written), list(by_key), n=1)]
