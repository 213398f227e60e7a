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
  ``cg:proficiency`` and ``cg:importance``; for each responsibility a
  ``cg:Responsibility``; for each move a ``cg:Transition`` with
  ``cg:fromRole``, ``cg:toRole`` and ``cg:transitionKind``;
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
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import rdflib
from rdflib import Literal, URIRef

from careergraph.errors import RoleNotFound
from careergraph.namespaces import CG, DCTERMS, PREFIXES, PROV, RDF, SKOS, shorten
from careergraph.resources import schema_path
from careergraph.importers.dataset import english, new_graph
from careergraph.importers.ladder_files import LadderDocument, LadderError, Path_, read_document

__all__ = ["DEFAULT_NAMESPACE", "LadderError", "check_document", "document_graph", "import_ladder"]

DEFAULT_NAMESPACE = "https://w3id.org/careergraph/ladder/{id}/"
"""The namespace of a ladder that gives none, from its id."""

TRACKS = {"individual contributor": "IndividualContributor", "management": "Management",
          "executive": "Executive"}
CATEGORIES = {"technical": "Technical", "analytical": "Analytical", "domain": "Domain",
              "strategic": "Strategic", "interpersonal": "Interpersonal", "leadership": "Leadership"}
IMPORTANCES = {"core": "Core", "supporting": "Supporting"}
KINDS = {"promotion": "Promotion", "branch": "Branch", "lateral": "Lateral", "exit": "Exit"}
"""The words of the ladder format -> local names of the careergraph terms they stand for."""

_CHOICE_FIELDS = ("track", "category", "importance", "kind", "extends", "proficiency")
_TYPE_WORDS = {"string": "text", "integer": "a whole number", "array": "a list",
               "object": "a mapping (key: value lines)", "number": "a number"}
_SLUG = re.compile(r"[^a-z0-9]+")

_A = URIRef(RDF + "type")
_SOURCE = URIRef(DCTERMS + "source")


def import_ladder(path: str | Path, *, name: str | None = None) -> rdflib.Graph:
    """Read, check and convert a ladder file (``.yaml``) or folder (CSV tables).

    Parameters
    ----------
    path : str or Path
        The ladder.
    name : str, optional
        How to name it in errors and in its provenance (default: the path).

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
    careergraph.importers.ladder_files.LadderError: bad.yaml, line 3, field 'seniority':
        'three' is not a whole number from 1 (entry level) up
    """
    document = read_document(path, name=name)
    check_document(document)
    return document_graph(document)


# --- schema -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(schema_path("ladder").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def check_document(document: LadderDocument) -> None:
    """Check a document against the ladder schema; raise the first mistake, in file order.

    Values of the choice fields (track, category, importance, kind, extends,
    named proficiency levels) are normalised first: case is ignored and ``-``
    or ``_`` count as spaces.
    """
    _normalise_choices(document.data)
    errors = list(_validator().iter_errors(document.data))
    if errors:
        first = min(errors, key=lambda e: (_order(document, tuple(e.absolute_path)),
                                           -len(e.absolute_path)))
        raise _schema_error(document, first)


def _normalise_choices(value: Any) -> None:
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in list(items):
        if key in _CHOICE_FIELDS and isinstance(item, str):
            value[key] = " ".join(item.replace("-", " ").replace("_", " ").casefold().split())
        else:
            _normalise_choices(item)


def _order(document: LadderDocument, path: Path_) -> tuple[str, int]:
    place = document.place(path)
    return (place.file, place.number) if place else ("", 0)


def _schema_error(document: LadderDocument, error: Any) -> LadderError:
    path = tuple(error.absolute_path)
    value, schema = error.instance, error.schema
    if error.validator == "required":
        missing = next(name for name in error.validator_value if name not in value)
        hint = ("; a new role needs a title, a seniority and a track (or an id prefix:name "
                "to add to a built-in role)") if path[:1] == ("roles",) and len(path) == 2 else ""
        return document.error((*path, missing), f"missing{hint}")
    if error.validator == "additionalProperties":
        extra = next(name for name in value if name not in schema.get("properties", {}))
        known = list(schema.get("properties", {}))
        close = difflib.get_close_matches(str(extra), known, n=1)
        hint = f"did you mean {close[0]}?" if close else f"the fields are {', '.join(known)}"
        return document.error((*path, extra), f"unknown field; {hint}")
    if error.validator == "enum":
        choices = [str(c) for c in error.validator_value]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else ""
        return document.error(path, f"{_show(value)} is not one of {', '.join(choices)}{hint}")
    if error.validator == "minItems":
        return document.error(path, "is empty; give at least one")
    if error.validator == "minLength":
        return document.error(path, "is empty")
    expected = schema.get("description") or _TYPE_WORDS.get(str(schema.get("type")), "valid here")
    return document.error(path, f"{_show(value)} is not {expected.split(';')[0]}")


def _show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


# --- conversion ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _builtin() -> Any:
    """The built-in graph, against which references to built-in roles and skills resolve."""
    from careergraph.load import load_graph

    return load_graph()


class _Builder:
    """Turns a checked document into RDF, resolving references and checking what the schema cannot."""

    def __init__(self, document: LadderDocument) -> None:
        from careergraph.profile import skill_index
        from careergraph.names import TitleIndex

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
        self.skills: dict[str, URIRef] = {}
        self.used: set[URIRef] = set()
        if self.id in PREFIXES:
            raise document.error(("ladder", "id"), f"'{self.id}' is a prefix careergraph uses; "
                                                    "choose another id")
        if self.ns.startswith(tuple(PREFIXES.values())):
            raise document.error(("ladder", "namespace"), "is a namespace careergraph uses; "
                                                          "choose one of your own")

    def build(self) -> rdflib.Graph:
        self._ladder()
        self._declare_roles()
        self._own_indexes()
        for index, skill in enumerate(self.doc.data.get("skills", [])):
            self._skill(index, skill)
        for index, role in enumerate(self.doc.data["roles"]):
            self._role(index, role)
        moves: dict[tuple[URIRef, URIRef], int] = {}
        for index, move in enumerate(self.doc.data.get("moves", [])):
            self._move(index, move, moves)
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
        self._add(self.file, DCTERMS + "bibliographicCitation", english(data.get("source")))
        g.add((self.ladder, _A, URIRef(CG + "Ladder")))
        g.add((self.ladder, URIRef(SKOS + "prefLabel"), english(data["title"])))
        self._add(self.ladder, SKOS + "definition", english(data.get("description")))
        if data.get("extends") == "builtin":
            for builtin in sorted(self.kg.graph.subjects(_A, URIRef(CG + "Ladder"))):
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
        self.role_names = _Names("role", self.roles, self.builtin_roles, [
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
        self.skill_names = _Names("skill", self.skills, self.builtin_skills, [
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
        g.add((node, URIRef(CG + "skillCategory"), URIRef(CG + CATEGORIES[skill["category"]])))
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
            g.add((node, URIRef(CG + "track"), URIRef(CG + TRACKS[role["track"]])))
        if role.get("reports_to") is not None:
            boss = self._role_ref(role["reports_to"], (*path, "reports_to"))
            if boss == node:
                raise self.doc.error((*path, "reports_to"), "a role cannot report to itself")
            g.add((node, URIRef(CG + "reportsTo"), boss))
        local = _local(node)
        for number, item in enumerate(role.get("responsibilities", [])):
            item = {"title": item} if isinstance(item, str) else item
            responsibility = self._node(f"resp-{local}-{_slug(item['title'])}")
            g.add((responsibility, _A, URIRef(CG + "Responsibility")))
            g.add((responsibility, URIRef(SKOS + "prefLabel"), english(item["title"])))
            self._add(responsibility, SKOS + "definition", english(item.get("definition")))
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
            g.add((requirement, URIRef(CG + "proficiency"),
                   Literal(self._level(item["proficiency"]))))
            g.add((requirement, URIRef(CG + "importance"),
                   URIRef(CG + IMPORTANCES[item["importance"]])))
            g.add((node, URIRef(CG + "requires"), requirement))
            self._cite(requirement, where)

    def _move(self, index: int, move: dict[str, Any], moves: dict) -> None:
        path = ("moves", index)
        source = self._role_ref(move["from"], (*path, "from"))
        target = self._role_ref(move["to"], (*path, "to"))
        if source == target:
            raise self.doc.error((*path, "to"), "a move leads from a role to the same role")
        if (source, target) in moves:
            where = self.doc.place(("moves", moves[source, target]))
            raise self.doc.error((*path, "to"), f"the move from '{move['from']}' to '{move['to']}' "
                                                f"is already given at {where.unit} {where.number}")
        moves[source, target] = index
        if move["kind"] == "promotion":
            low, high = self._seniority(source), self._seniority(target)
            if low is not None and high is not None and high <= low:
                raise self.doc.error((*path, "kind"), f"a promotion leads up, but '{move['to']}' "
                                                      f"(seniority {high}) is not above "
                                                      f"'{move['from']}' (seniority {low})")
        node = self._node(f"move-{_local(source)}-to-{_local(target)}")
        g = self.graph
        g.add((node, _A, URIRef(CG + "Transition")))
        g.add((node, URIRef(CG + "fromRole"), source))
        g.add((node, URIRef(CG + "toRole"), target))
        g.add((node, URIRef(CG + "transitionKind"), URIRef(CG + KINDS[move["kind"]])))
        self._cite(node, path)

    # references -------------------------------------------------------------

    def _is_reference(self, written: str) -> bool:
        return ":" in written

    def _seniority(self, role: URIRef) -> int | None:
        if role in self.seniority:
            return self.seniority[role]
        value = self.kg.graph.value(role, URIRef(CG + "seniority"))
        return value.toPython() if isinstance(value, Literal) else None

    def _level(self, value: int | str) -> int:
        from careergraph.gap import proficiency_scale

        if isinstance(value, int):
            return value
        return {name: level for level, name in proficiency_scale(self.kg).items()}[value]

    def _builtin_role(self, written: str, path: Path_) -> URIRef:
        iri = URIRef(_expand(written))
        if (iri, _A, URIRef(CG + "Role")) not in self.kg.graph:
            known = [shorten(str(r)) for r in self.kg.graph.subjects(_A, URIRef(CG + "Role"))]
            close = difflib.get_close_matches(written, known, n=1)
            hint = f"did you mean {close[0]}?" if close else "'careergraph info' lists the built-in roles"
            raise self.doc.error(path, f"'{written}' is not a built-in role; {hint}")
        return iri

    def _role_ref(self, written: str, path: Path_) -> URIRef:
        """A role of the ladder (id, ``<ladder id>:id``, title) or a built-in one (``pm:name``, title)."""
        return self._reference(written, path, self.role_names)

    def _skill_ref(self, written: str, path: Path_) -> URIRef:
        """A skill of the ladder (id, ``<ladder id>:id``, name) or a built-in one (``pm:name``, name)."""
        return self._reference(written, path, self.skill_names)

    def _reference(self, written: str, path: Path_, names: _Names) -> URIRef:
        """Resolve, in this order: an id of the ladder, a title of the ladder, a built-in
        role or skill (IRI, ``pm:name``, title, words of a title), words of a title of the ladder."""
        from careergraph.names import normalize_title

        local = written.removeprefix(f"{self.id}:")
        if local in names.ids:
            return names.ids[local]
        if normalize_title(written) in names.exact:
            return names.exact[normalize_title(written)]
        suggestions: list[str] = []
        for index in (names.builtin, names.own):
            try:
                return URIRef(index.resolve(written))
            except RoleNotFound as error:
                if error.ambiguous:
                    raise self.doc.error(path, f"'{written}' names several {names.what}s: "
                                               f"{'; '.join(error.suggestions)}") from None
                suggestions += error.suggestions
        suggestions = _closest(written, suggestions + difflib.get_close_matches(written, list(names.ids), n=1))
        hint = f"did you mean {' or '.join(suggestions)}?" if suggestions else \
            f"no {names.what} of this ladder or of the built-in one has a name like it"
        raise self.doc.error(path, f"unknown {names.what} '{written}'; {hint}")


class _Names:
    """How a ladder names its roles (or skills): ids, exact titles, title index, and the built-in ones."""

    def __init__(self, what: str, ids: dict[str, URIRef], builtin: Any,
                 titles: list[tuple[URIRef, str, bool]]) -> None:
        from careergraph.names import TitleIndex, normalize_title

        self.what = what
        self.ids = ids
        self.builtin = builtin
        self.exact = {normalize_title(title): iri for iri, title, _ in titles}
        self.own = TitleIndex((str(iri), title, preferred) for iri, title, preferred in titles)


def document_graph(document: LadderDocument) -> rdflib.Graph:
    """Convert a checked document to RDF (see the module's description)."""
    return _Builder(document).build()


def _closest(written: str, candidates: list[str], n: int = 3) -> list[str]:
    """The candidates nearly as close to ``written`` as the closest one, closest first."""
    from careergraph.names import normalize_title

    wanted = normalize_title(written)
    scored = sorted(((difflib.SequenceMatcher(None, wanted, normalize_title(c)).ratio(), c)
                     for c in dict.fromkeys(candidates)), key=lambda sc: -sc[0])
    return [c for score, c in scored if score >= scored[0][0] - 0.08][:n] if scored else []


def _expand(written: str) -> str:
    prefix, _, local = written.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and not local.startswith("//") else written


def _local(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _slug(text: str, limit: int = 48) -> str:
    """Words of ``text`` joined by hyphens, cut at a word boundary near ``limit``."""
    slug = _SLUG.sub("-", text.casefold()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "item"

