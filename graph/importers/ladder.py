"""Company ladders: check a ladder written in YAML or CSV and convert it to RDF in our model.

A ladder (see :mod:`careergraph.importers.ladder_files` for the two forms and
``ontology/schemas/ladder.schema.json`` for every field) becomes:

- a ``cg:Ladder`` (``<namespace>ladder``), ``prov:wasDerivedFrom`` the
  built-in ladder when it says ``extends: builtin``;
- for each new role, a ``cg:Role`` ``<namespace><id>``, ``skos:inScheme``
  the ladder, with ``skos:prefLabel`` / ``skos:altLabel`` / ``skos:definition``
  (English), ``cg:seniority``, ``cg:track``, ``cg:reportsTo``; a role whose id
  is ``prefix:name`` (``pm:vp-of-product``) is a built-in role the ladder adds
  titles, requirements or responsibilities to;
- for each skill, a ``cg:Skill`` ``<namespace>skill-<id>`` with its
  ``cg:skillCategory``;
- for each requirement, a ``cg:SkillRequirement`` with ``cg:skill``,
  ``cg:proficiency`` and ``cg:importance`` (and ``cg:proficiencyLevel`` in
  the ladder's own scale); for each responsibility a ``cg:Responsibility``;
  for each move a ``cg:Transition`` with ``cg:fromRole``, ``cg:toRole`` and
  ``cg:transitionKind``;
- the ladder's short name (its id) as ``skos:notation``; its scale, grades and
  bands, and a role's ``cg:grade`` and ``cg:levelBand``
  (:mod:`~careergraph.importers.ladder_levels`); experience ranges, spans of
  control and the ``source`` texts of entries (:mod:`~careergraph.importers.ladder_facts`);
  ``mappings`` (:mod:`~careergraph.importers.ladder_mappings`);
- provenance: a node for the ladder file (``<namespace>source``, with the
  file name and the ladder's ``source`` text as ``dcterms:bibliographicCitation``)
  and, for every entry, a ``cg:SourcePassage`` (``cg:section`` "file, line 12"
  or "roles.csv, row 3", ``cg:quote`` the entry as written) that the node
  cites with ``dcterms:source``.

Each ladder lives in its own namespace (``namespace:``, by default
``https://w3id.org/careergraph/ladder/<id>/``), so several ladders sit side by
side in one graph. Moves, ``reports_to`` and requirements may name a role or
skill of the ladder (by id or title) or of the built-in ladder (by
``pm:name`` or by title), so a company can extend the built-in ladder.

Examples
--------
>>> from careergraph.resources import example_path
>>> graph = import_ladder(example_path("acme-ladder.yaml"), name="acme-ladder.yaml")
>>> from rdflib import URIRef
>>> analyst = URIRef("https://example.org/acme/ladder/product-analyst")
>>> str(graph.value(analyst, URIRef(SKOS + "prefLabel"))), graph.value(analyst, URIRef(CG + "seniority")).toPython()
('Product Analyst', 1)
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rdflib
from rdflib import Literal, URIRef

from careergraph.errors import LadderError
from careergraph.importers.dataset import english, new_graph
from careergraph.importers.ladder_facts import LadderFacts, as_list
from careergraph.importers.ladder_files import read_document
from careergraph.importers.ladder_levels import LadderLevels
from careergraph.importers.ladder_mappings import add_mappings, check_prefixes
from careergraph.importers.ladder_moves import add_move
from careergraph.importers.ladder_names import LadderNames
from careergraph.importers.ladder_schema import check_document
from careergraph.importers.ladder_terms import builtin_graph as _builtin
from careergraph.importers.ladder_terms import expand as _expand
from careergraph.importers.ladder_terms import local as _local
from careergraph.importers.ladder_terms import slug as _slug
from careergraph.importers.ladder_terms import term as _term
from careergraph.importers.ladder_titles import check_ladder_titles
from careergraph.namespaces import CG, DCTERMS, PREFIXES, PROV, RDF, SKOS, shorten

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_

__all__ = ["DEFAULT_NAMESPACE", "LadderError", "check_document", "document_graph", "import_ladder"]

DEFAULT_NAMESPACE = "https://w3id.org/careergraph/ladder/{id}/"
"""The namespace of a ladder that gives none, from its id."""

_A = URIRef(RDF + "type")
_SOURCE = URIRef(DCTERMS + "source")


def import_ladder(path: str | Path, *, name: str | None = None,
                  notes: list[str] | None = None) -> rdflib.Graph:
    """Read, check and convert a ladder file (``.yaml``) or folder (CSV tables).

    Parameters
    ----------
    path : str or Path
        The ladder.
    name : str, optional
        How to name it in errors and in its provenance (default: the path).
    notes : list of str, optional
        Where to add one line for each reference (a move's end, ``reports_to``,
        a requirement's skill) that was not an id or a title as written: the
        role or skill it was taken to name, and how (see
        :meth:`~careergraph.importers.ladder_names.LadderNames.resolve`).

    Returns
    -------
    rdflib.Graph
        The ladder in the careergraph model, to layer over the built-in graph.

    Raises
    ------
    LadderError
        A :class:`~careergraph.errors.DataFileError` naming the file, the line
        or row, and the field.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     bad = os.path.join(tmp, "bad.yaml")
    ...     _ = open(bad, "w").write("ladder: {id: x1, title: X}\\nroles:\\n"
    ...                              "  - {id: a, title: A, seniority: three, track: management}\\n")
    ...     import_ladder(bad, name="bad.yaml")
    Traceback (most recent call last):
    ...
    careergraph.errors.LadderError: bad.yaml, line 3, field 'seniority':
        'three' is not a whole number from 1 (entry level) up
    """
    document = read_document(path, name=name)
    check_document(document)
    return document_graph(document, notes)


# --- conversion ---------------------------------------------------------------

class _Builder:
    """Turns a checked document into RDF, resolving references and checking what the schema cannot."""

    def __init__(self, document: LadderDocument) -> None:
        from careergraph.names import TitleIndex, skill_index

        self.doc = document
        self.kg = _builtin()
        self.builtin_roles = TitleIndex.for_graph(self.kg)
        self.builtin_skills = skill_index(self.kg)
        ladder = document.data["ladder"]
        self.id = ladder["id"]
        self.ns = ladder.get("namespace") or DEFAULT_NAMESPACE.format(id=self.id)
        self.graph = new_graph({self.id: self.ns})
        self.ladder = URIRef(self.ns + "ladder")
        self.file = URIRef(self.ns + "source")
        self.roles: dict[str, URIRef] = {}       # id as written -> IRI, own and extended roles
        self.seniority: dict[URIRef, int] = {}
        self.tracks: dict[URIRef, URIRef] = {}
        self.skills: dict[str, URIRef] = {}
        self.used: set[URIRef] = set()
        if self.id in PREFIXES:
            raise document.error(("ladder", "id"), f"'{self.id}' is a prefix careergraph uses; "
                                                    "choose another id")
        if self.ns.startswith(tuple(PREFIXES.values())):
            raise document.error(("ladder", "namespace"), "is a namespace careergraph uses; "
                                                          "choose one of your own")
        self.levels = LadderLevels(document, self.graph, self.ladder, node=self._node, cite=self._cite)
        self.facts = LadderFacts(document, self.graph, node=self._node, cite=self._cite)

    def build(self) -> rdflib.Graph:
        self._ladder()
        self._declare_roles()  # before other nodes, so that a role's IRI is always <namespace><id>
        prefixes = check_prefixes(self.doc, self.graph, self.id)
        self.levels.build()
        self._own_indexes()
        for index, skill in enumerate(self.doc.data.get("skills", [])):
            self._skill(index, skill)
        for index, role in enumerate(self.doc.data["roles"]):
            self._role(index, role)
        moves: dict[tuple[URIRef | None, URIRef], int] = {}
        for index, move in enumerate(self.doc.data.get("moves", [])):
            add_move(self.doc, self.graph, index, move, moves, resolve=self._role_ref,
                     seniority=self._seniority, track=self._track, node=self._node, cite=self._cite,
                     facts=self.facts)
        add_mappings(self.doc, self.graph, prefixes=prefixes, resolve=self._role_ref, node=self._node,
                     cite=self._cite, facts=self.facts)
        return self.graph

    # nodes ------------------------------------------------------------------

    def _node(self, local: str) -> URIRef:
        """A new node of the ladder, named ``local`` (made unique with -2, -3, ...)."""
        node, counter = URIRef(self.ns + local), 1
        while node in self.used:
            counter += 1
            node = URIRef(f"{self.ns}{local}-{counter}")
        self.used.add(node)
        return node

    def _cite(self, node: URIRef, path: Path_) -> None:
        """Give ``node`` the passage of the file that ``path`` stands at."""
        place = self.doc.place(path)
        passage = URIRef(self.ns + f"source-{place.slug}")
        if (passage, _A, None) not in self.graph:
            section = Path(self.doc.name).name  # no local folders in the graph
            if self.doc.form == "csv":
                section += "/" + Path(place.file).name
            g = self.graph
            g.add((passage, _A, URIRef(CG + "SourcePassage")))
            g.add((passage, URIRef(DCTERMS + "isPartOf"), self.file))
            g.add((passage, URIRef(CG + "section"), Literal(f"{section}, {place.unit} {place.number}")))
            g.add((passage, URIRef(CG + "quote"), Literal(self.doc.quote(path) or str(place))))
        self.graph.add((node, _SOURCE, passage))

    def _add(self, node: URIRef, prop: str, value: Any) -> None:
        if value is not None:
            self.graph.add((node, URIRef(prop), value))

    def _ladder(self) -> None:
        data, g = self.doc.data["ladder"], self.graph
        self.used.update({self.ladder, self.file})
        g.add((self.file, _A, URIRef(DCTERMS + "BibliographicResource")))
        g.add((self.file, _A, URIRef(PROV + "Entity")))
        g.add((self.file, URIRef(DCTERMS + "title"), Literal(Path(self.doc.name).name)))
        for source in as_list(data.get("source")):
            self._add(self.file, DCTERMS + "bibliographicCitation", english(source))
        g.add((self.ladder, _A, URIRef(CG + "Ladder")))
        g.add((self.ladder, URIRef(SKOS + "prefLabel"), english(data["title"])))
        g.add((self.ladder, URIRef(SKOS + "notation"), Literal(self.id)))
        self._add(self.ladder, SKOS + "definition", english(data.get("description")))
        if data.get("extends") == "builtin":
            for builtin in sorted(self.kg.subjects(_A, URIRef(CG + "Ladder"))):
                g.add((self.ladder, URIRef(PROV + "wasDerivedFrom"), builtin))
        self._cite(self.ladder, ("ladder",))

    def _declare_roles(self) -> None:
        """Name every role first, so that moves and reports_to may point forward."""
        first: dict[str, Path_] = {}
        for index, role in enumerate(self.doc.data["roles"]):
            written = role["id"]
            if written in first:
                where = self.doc.place(first[written])
                raise self.doc.error(("roles", index, "id"),
                                     f"duplicate role id '{written}' (first at {where.unit} {where.number})")
            first[written] = ("roles", index)
            if self._is_reference(written):  # adds to a built-in role
                iri = self._builtin_role(written, ("roles", index, "id"))
                self.used.add(iri)
            else:
                iri = self._node(written)
            self.roles[written] = iri
            if role.get("seniority") is not None:
                self.seniority[iri] = int(role["seniority"])
            if role.get("track") is not None:
                self.tracks[iri] = _term("Track", role["track"])

    def _own_indexes(self) -> None:
        from careergraph.names import normalize_title

        titles: dict[str, Path_] = {}
        for index, role in enumerate(self.doc.data["roles"]):
            for number, title in enumerate([role.get("title"), *role.get("alt_titles", [])]):
                key = normalize_title(title or "")
                if not key:
                    continue
                if key in titles and titles[key][1] != index:
                    where = self.doc.place(titles[key])
                    field = "title" if number == 0 else "alt_titles"
                    raise self.doc.error(("roles", index, field),
                                         f"'{title}' is also a title of the role at "
                                         f"{where.unit} {where.number}; a title names one role")
                titles[key] = ("roles", index)
        self.role_names = LadderNames("role", self.id, self.roles, self.builtin_roles, [
            (self.roles[role["id"]], title, number == 0)
            for role in self.doc.data["roles"] if not self._is_reference(role["id"])
            for number, title in enumerate([role["title"], *role.get("alt_titles", [])])])
        seen: dict[str, Path_] = {}
        for index, skill in enumerate(self.doc.data.get("skills", [])):
            if skill["id"] in seen:
                where = self.doc.place(seen[skill["id"]])
                raise self.doc.error(("skills", index, "id"), f"duplicate skill id '{skill['id']}' "
                                                              f"(first at {where.unit} {where.number})")
            seen[skill["id"]] = ("skills", index)
            self.skills[skill["id"]] = self._node(f"skill-{skill['id']}")
        check_ladder_titles(self.doc, self.roles, self.skills, self.builtin_roles,
                            self.builtin_skills)
        self.skill_names = LadderNames("skill", self.id, self.skills, self.builtin_skills, [
            (self.skills[skill["id"]], name, number == 0)
            for skill in self.doc.data.get("skills", [])
            for number, name in enumerate([skill["name"], *skill.get("alt_names", [])])])

    def _skill(self, index: int, skill: dict[str, Any]) -> None:
        node, g = self.skills[skill["id"]], self.graph
        g.add((node, _A, URIRef(CG + "Skill")))
        g.add((node, URIRef(SKOS + "prefLabel"), english(skill["name"])))
        for alt in skill.get("alt_names", []):
            g.add((node, URIRef(SKOS + "altLabel"), english(alt)))
        self._add(node, SKOS + "definition", english(skill.get("definition")))
        g.add((node, URIRef(CG + "skillCategory"), _term("SkillCategory", skill["category"])))
        self._cite(node, ("skills", index))

    def _role(self, index: int, role: dict[str, Any]) -> None:
        node, g, path = self.roles[role["id"]], self.graph, ("roles", index)
        if not self._is_reference(role["id"]):
            g.add((node, _A, URIRef(CG + "Role")))
            g.add((node, URIRef(SKOS + "inScheme"), self.ladder))
            self._cite(node, path)
        self._add(node, SKOS + "prefLabel", english(role.get("title")))
        for alt in role.get("alt_titles", []):
            g.add((node, URIRef(SKOS + "altLabel"), english(alt)))
        self._add(node, SKOS + "definition", english(role.get("definition")))
        if role.get("seniority") is not None:
            g.add((node, URIRef(CG + "seniority"), Literal(int(role["seniority"]))))
        if role.get("track") is not None:
            g.add((node, URIRef(CG + "track"), _term("Track", role["track"])))
        self._levels_of_role(node, role, path)
        local = _local(node)
        for number, item in enumerate(role.get("responsibilities", [])):
            item = {"title": item} if isinstance(item, str) else item
            responsibility = self._node(f"resp-{local}-{_slug(item['title'])}")
            g.add((responsibility, _A, URIRef(CG + "Responsibility")))
            g.add((responsibility, URIRef(SKOS + "prefLabel"), english(item["title"])))
            self._add(responsibility, SKOS + "definition", english(item.get("definition")))
            self.facts.sources(responsibility, item.get("source"))
            g.add((node, URIRef(CG + "hasResponsibility"), responsibility))
            self._cite(responsibility, (*path, "responsibilities", number))
        required: dict[URIRef, int] = {}
        for number, item in enumerate(role.get("requirements", [])):
            where = (*path, "requirements", number)
            skill = self._skill_ref(item["skill"], (*where, "skill"))
            if skill in required:
                raise self.doc.error((*where, "skill"), f"'{item['skill']}' is required twice by "
                                                        "this role; keep one requirement")
            required[skill] = number
            requirement = self._node(f"req-{local}-{_local(skill).removeprefix('skill-')}")
            g.add((requirement, _A, URIRef(CG + "SkillRequirement")))
            g.add((requirement, URIRef(CG + "skill"), skill))
            level, common = self.levels.proficiency(item["proficiency"], (*where, "proficiency"))
            g.add((requirement, URIRef(CG + "proficiency"), Literal(common)))
            self._add(requirement, CG + "proficiencyLevel", level)
            self.facts.sources(requirement, item.get("source"))
            g.add((requirement, URIRef(CG + "importance"),
                   _term("Importance", item["importance"])))
            g.add((node, URIRef(CG + "requires"), requirement))
            self._cite(requirement, where)

    def _levels_of_role(self, node: URIRef, role: dict[str, Any], path: Path_) -> None:
        """A role's managers, grades, band, experience, span of control and sources."""
        g, bosses = self.graph, as_list(role.get("reports_to"))
        for number, written in enumerate(bosses):
            where = (*path, "reports_to", number) if isinstance(role["reports_to"], list) else \
                (*path, "reports_to")
            boss = self._role_ref(written, where)
            if boss == node:
                raise self.doc.error(where, "a role cannot report to itself")
            if (node, URIRef(CG + "reportsTo"), boss) in g:
                raise self.doc.error(where, f"'{written}' is named twice")
            g.add((node, URIRef(CG + "reportsTo"), boss))
        if role.get("grade") is not None:
            for grade in self.levels.grades(role["grade"], (*path, "grade")):
                g.add((node, URIRef(CG + "grade"), grade))
        if role.get("band") is not None:
            g.add((node, URIRef(CG + "levelBand"), self.levels.band(role["band"], (*path, "band"))))
        self.facts.experience(node, _local(node), role.get("experience"), (*path, "experience"))
        self.facts.spans(node, _local(node), role.get("span_of_control"), (*path, "span_of_control"))
        self.facts.sources(node, role.get("source"))

    # references -------------------------------------------------------------

    def _is_reference(self, written: str) -> bool:
        return ":" in written

    def _seniority(self, role: URIRef) -> int | None:
        if role in self.seniority:
            return self.seniority[role]
        value = next(iter(self.kg.objects(role, URIRef(CG + "seniority"))), None)
        return value.toPython() if isinstance(value, Literal) else None

    def _track(self, role: URIRef) -> Any:
        if role in self.tracks:
            return self.tracks[role]
        return next(iter(self.kg.objects(role, URIRef(CG + "track"))), None)

    def _builtin_role(self, written: str, path: Path_) -> URIRef:
        iri = URIRef(_expand(written))
        if URIRef(CG + "Role") not in self.kg.objects(iri, _A):
            known = [shorten(str(r)) for r in self.kg.subjects(_A, URIRef(CG + "Role"))]
            close = difflib.get_close_matches(written, known, n=1)
            hint = f"did you mean {close[0]}?" if close else "'careergraph info' lists the built-in roles"
            raise self.doc.error(path, f"'{written}' is not a built-in role; {hint}")
        return iri

    def _role_ref(self, written: str, path: Path_) -> URIRef:
        """A role of the ladder (id, ``<ladder id>:id``, title) or a built-in one (``pm:name``, title)."""
        return self.role_names.resolve(written, path, self.doc)

    def _skill_ref(self, written: str, path: Path_) -> URIRef:
        """A skill of the ladder (id, ``<ladder id>:id``, name) or a built-in one (``pm:name``, name)."""
        return self.skill_names.resolve(written, path, self.doc)


def document_graph(document: LadderDocument, notes: list[str] | None = None) -> rdflib.Graph:
    """Convert a checked document to RDF (see the module's description).

    References to roles and skills are resolved against the ladder and the
    built-in graph, and what the schema cannot say is checked here.

    Parameters
    ----------
    document : LadderDocument
        A ladder that passed :func:`~careergraph.importers.ladder_schema.check_document`.
    notes : list of str, optional
        Where to add the notes on references (see :func:`import_ladder`).

    Returns
    -------
    rdflib.Graph
        The ladder in the careergraph model, in the ladder's own namespace.

    Raises
    ------
    LadderError
        An id or title given twice, a title that mixes scripts in a word or
        only looks like another (confusable), a reference nothing (or several things)
        answers to, a role reporting to itself, a move repeated or leading
        to its own start, or a promotion that does not lead up.
    """
    builder = _Builder(document)
    graph = builder.build()
    if notes is not None:
        notes += builder.role_names.notes + builder.skill_names.notes
    return graph

