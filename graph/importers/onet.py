"""Import the O*NET database (Excel download) into the careergraph model.

Reads six workbooks of an O*NET release (such as O*NET 29.2) as published:
the zip of its Excel download (``db_29_2_excel.zip``), read in place, or the
folder it unpacks into. openpyxl reads them in read-only mode, streaming
their rows:

================================  =============================================
file                              becomes
================================  =============================================
``Occupation Data.xlsx``          one ``cg:Role`` per occupation
``Job Zones.xlsx``                its ``cg:jobZone`` and ``cg:seniority``
``Alternate Titles.xlsx``         its ``skos:altLabel`` (alternate and short titles)
``Skills.xlsx``                   ``cg:Skill`` + ``cg:SkillRequirement``
``Knowledge.xlsx``                ``cg:Skill`` + ``cg:SkillRequirement``
``Related Occupations.xlsx``      ``cg:Transition`` of kind ``cg:Lateral``
================================  =============================================

The mapping (values careergraph derives are named with ``cg:curatedProperty``
on each node; the import's ladder node explains them in ``cg:curationNote``):

- **Occupation** -> ``cg:Role`` with IRI
  ``https://www.onetonline.org/link/summary/<O*NET-SOC code>`` (the IRI the
  built-in ladder's ``skos:broadMatch`` / ``skos:closeMatch`` mappings use),
  ``skos:prefLabel`` the title, ``skos:definition`` the description,
  ``skos:notation`` the code, ``skos:altLabel`` every alternate and short
  title, ``skos:inScheme`` the ladder ``onet:occupations``.
- **Seniority** (curated) = the O*NET **Job Zone**, 1 (little or no
  preparation needed) to 5 (extensive preparation needed), which is also kept
  as ``cg:jobZone``. It is the preparation an occupation needs, not a rank in
  an organisation. The occupations O*NET gives no Job Zone (the 93 "All Other"
  catch-all occupations of 29.2, which have no ratings and no related
  occupations either) are left out, since every role needs a seniority; the
  ladder node's ``skos:editorialNote`` says how many.
- **Track** (curated) from the O*NET-SOC code: minor group 11-1000 "Top
  Executives" -> ``cg:Executive``; the rest of major group 11 "Management
  Occupations" and every "First-Line Supervisors of ..." occupation ->
  ``cg:Management``; everything else -> ``cg:IndividualContributor``.
- **Skills and knowledge**: each content-model element (``2.A.1.a`` Reading
  Comprehension ...) -> one ``cg:Skill`` with IRI
  ``https://w3id.org/careergraph/onet/element/<element id>``, category
  (curated) by its place in the O*NET content model, see
  :data:`CATEGORY_RULES`. A knowledge area named like a skill (O*NET has
  both a skill and a knowledge area "Mathematics") is labelled
  "Mathematics (knowledge)", so that a name finds one skill.
- **Requirements**: each occupation x element with both an Importance (IM)
  and a Level (LV) rating -> one ``cg:SkillRequirement``
  (``.../onet/requirement/<code>/<element id>``) keeping the raw ratings as
  ``cg:onetImportance`` and ``cg:onetLevel``, with ``cg:proficiency``
  (curated) the Level mapped linearly onto 1-5 (:func:`proficiency`) and
  ``cg:importance`` (curated) ``cg:Core`` when Importance >= 3.0, O*NET's
  "Important" anchor, else ``cg:Supporting`` (:func:`importance`). Pairs that
  O*NET itself flags are left out: Level "Not Relevant" = Y (the element is
  not relevant to the occupation) and "Recommend Suppress" = Y on either
  rating (O*NET advises against using the estimate).
- **Related occupations** -> ``cg:Transition`` (``.../onet/move/<from>/<to>``)
  of kind ``cg:Lateral`` (curated: O*NET says "related", not "a move up"),
  with ``cg:relatednessTier`` (Primary-Short, Primary-Long, Supplemental)
  and ``cg:relatednessRank`` (O*NET's Index, 1 = most related).
- **Provenance**: every node cites the file it was read from
  (``dcterms:source`` -> ``.../onet/<version>/file/<name>``); each file is
  ``dcterms:isPartOf`` the data set node ``.../onet/<version>``, which carries
  the attribution the CC BY 4.0 licence requires as
  ``dcterms:bibliographicCitation`` and the licence as ``dcterms:license``.
  The record a node comes from is named by its key: the code
  (``skos:notation``) for occupations, the element id for skills, both for
  requirements and moves (their IRIs).

Examples
--------
>>> proficiency(4.62), importance(4.12)
(4, 'https://w3id.org/careergraph/ontology#Core')
>>> track("11-2021.00", "Marketing Managers").rsplit("#", 1)[1]
'Management'
>>> category("2.B.5.d").rsplit("#", 1)[1]
'Leadership'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import rdflib
from rdflib import Literal, URIRef

from careergraph.errors import DataFileError
from careergraph.namespaces import CG, SKOS
from careergraph.importers.dataset import (DCTERMS_SOURCE, TYPE, Progress, ProgressCallback, ReleaseFiles, add_dataset,
                      add_file, add_ladder, add_requirement, english, mark_curated, new_graph)

ONET = "https://w3id.org/careergraph/onet/"
"""careergraph's namespace for O*NET elements, requirements, moves, provenance (``onet:``)."""

OCCUPATION = "https://www.onetonline.org/link/summary/"
"""O*NET OnLine's page of an occupation, followed by its O*NET-SOC code: the IRI of its role."""

LADDER = ONET + "occupations"
"""The ladder (concept scheme) every imported O*NET occupation is ``skos:inScheme`` of."""

ATTRIBUTION = ("This product includes information from the {release} Database by the U.S. "
               "Department of Labor, Employment and Training Administration (USDOL/ETA). "
               "Used under the CC BY 4.0 license.")
"""The attribution O*NET's licence requires of any output built from it."""

LICENSE = "https://creativecommons.org/licenses/by/4.0/"

CODE = "O*NET-SOC Code"

FILES: dict[str, tuple[str, ...]] = {
    "Job Zones.xlsx": (CODE, "Job Zone"),
    "Occupation Data.xlsx": (CODE, "Title", "Description"),
    "Alternate Titles.xlsx": (CODE, "Alternate Title", "Short Title"),
    "Skills.xlsx": (CODE, "Element ID", "Element Name", "Scale ID", "Data Value",
                    "Recommend Suppress", "Not Relevant"),
    "Knowledge.xlsx": (CODE, "Element ID", "Element Name", "Scale ID", "Data Value",
                       "Recommend Suppress", "Not Relevant"),
    "Related Occupations.xlsx": (CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"),
}
"""The files read, in reading order, and the columns each must have."""

WHAT = "the O*NET database's Excel download (db_29_2_excel.zip, or the folder it unpacks into)"
"""What :func:`import_onet` reads, for error messages."""

CATEGORY_RULES: tuple[tuple[str, str, str], ...] = (
    ("2.A.1.e", "Analytical", "basic content skill Mathematics"),
    ("2.A.1.f", "Analytical", "basic content skill Science"),
    ("2.A.1", "Interpersonal",
     "basic content skills of communication (reading, listening, writing, speaking)"),
    ("2.A.2", "Analytical", "basic process skills (critical thinking, learning, monitoring)"),
    ("2.B.1", "Interpersonal", "social skills"),
    ("2.B.2", "Analytical", "complex problem solving skills"),
    ("2.B.3", "Technical", "technical skills"),
    ("2.B.4", "Strategic",
     "systems skills (judgment and decision making, systems analysis and evaluation)"),
    ("2.B.5", "Leadership", "resource management skills (time, money, material, people)"),
    ("2.C", "Domain", "knowledge areas"),
)
"""Skill category by O*NET content-model element: (element id prefix, category, what the group is).

The first rule whose prefix is the element id or a parent of it applies;
an element no rule covers is ``cg:Technical``.
"""

_CORE_THRESHOLD = Decimal("3.0")
_JOB_ZONES = {1: "little or no preparation needed", 2: "some preparation needed",
              3: "medium preparation needed", 4: "considerable preparation needed",
              5: "extensive preparation needed"}


def proficiency(level: float | Decimal) -> int:
    """The careergraph proficiency (1-5) of an O*NET Level rating (0-7), mapped linearly.

    ``1 + round(level * 4 / 7)``, halves rounded up: 0-0.87 -> 1,
    0.88-2.62 -> 2, 2.63-4.37 -> 3, 4.38-6.12 -> 4, 6.13-7 -> 5.

    Examples
    --------
    >>> [proficiency(level) for level in (0, 0.87, 0.88, 2.62, 2.63, 4.37, 4.38, 6.12, 6.13, 7)]
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    """
    scaled = Decimal(str(level)) * 4 / 7
    return min(5, max(1, 1 + int(scaled + Decimal("0.5"))))


def importance(rating: float | Decimal) -> str:
    """``cg:Core`` for an O*NET Importance of 3.0 ("Important") or more, else ``cg:Supporting``.

    Examples
    --------
    >>> [importance(r).rsplit("#", 1)[1] for r in (2.99, 3.0, 5)]
    ['Supporting', 'Core', 'Core']
    """
    return CG + ("Core" if Decimal(str(rating)) >= _CORE_THRESHOLD else "Supporting")


def track(code: str, title: str) -> str:
    """The track of an O*NET occupation, from its O*NET-SOC code and title (see the module notes).

    Examples
    --------
    >>> [track(c, t).rsplit("#", 1)[1] for c, t in [
    ...     ("11-1011.00", "Chief Executives"), ("11-3031.01", "Treasurers and Controllers"),
    ...     ("41-1011.00", "First-Line Supervisors of Retail Sales Workers"),
    ...     ("15-1252.00", "Software Developers")]]
    ['Executive', 'Management', 'Management', 'IndividualContributor']
    """
    if code.startswith("11-10"):
        return CG + "Executive"
    if code.startswith("11-") or title.startswith("First-Line Supervisors"):
        return CG + "Management"
    return CG + "IndividualContributor"


def _track_reason(code: str, title: str) -> str:
    name = track(code, title)
    if name.endswith("Executive"):
        return "executive, as O*NET-SOC minor group 11-1000 is Top Executives"
    if name.endswith("Management") and code.startswith("11-"):
        return "management, as O*NET-SOC major group 11 is Management Occupations"
    if name.endswith("Management"):
        return "management, as a first-line supervisor leads a team of workers"
    return ("individual contributor, as the occupation is neither a management occupation nor "
            "a supervisor")


def category(element: str) -> str:
    """The skill category of an O*NET content-model element, by :data:`CATEGORY_RULES`.

    Examples
    --------
    >>> [category(e).rsplit("#", 1)[1] for e in ("2.A.1.a", "2.A.1.e", "2.B.3.e", "2.C.4.a", "9.Z")]
    ['Interpersonal', 'Analytical', 'Technical', 'Domain', 'Technical']
    """
    return CG + _category_rule(element)[1]


def _category_rule(element: str) -> tuple[str, str, str]:
    for rule in CATEGORY_RULES:
        if element == rule[0] or element.startswith(rule[0] + "."):
            return rule
    return ("", "Technical", "an element careergraph's table does not cover")


@dataclass
class _Sheet:
    """An open workbook's first sheet, with the positions of the columns wanted."""

    path: Path
    workbook: Any
    rows: Iterator[tuple]
    columns: dict[str, int]
    total: int

    def records(self, progress: Progress) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, {column: value}) for every data row, reporting progress."""
        for number, row in enumerate(self.rows, start=2):
            progress.advance(1, self.path.name)
            if not any(cell is not None for cell in row):
                continue
            yield number, {name: row[index] if index < len(row) else None
                           for name, index in self.columns.items()}

    def close(self) -> None:
        self.workbook.close()


def _open(files: ReleaseFiles, name: str, columns: tuple[str, ...]) -> _Sheet:
    """Open the O*NET workbook ``name`` read-only and check its header row."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = files.path(name)
    if not files.has(name):
        where = " in the zip" if files.is_zip else ""
        raise DataFileError(path, f"no such file{where} (careergraph reads {WHAT}: "
                                  f"'Occupation Data.xlsx' and the rest)")
    try:
        workbook = openpyxl.load_workbook(files.workbook_source(name), read_only=True,
                                          data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, IndexError) as error:
        raise DataFileError(path, f"not an Excel workbook (.xlsx): {error}") from None
    missing = [name for name in columns if name not in header]
    if missing:
        workbook.close()
        raise DataFileError(path, f"no column {', '.join(repr(m) for m in missing)} in the "
                                  f"first row; is this an O*NET file?", line=1)
    total = max((sheet.max_row or 1) - 1, 0)
    return _Sheet(path, workbook, rows, {name: header.index(name) for name in columns}, total)


def _text(sheet: _Sheet, number: int, record: dict[str, Any], column: str) -> str:
    value = record[column]
    text = "" if value is None else " ".join(str(value).split())
    if not text:
        raise DataFileError(sheet.path, f"row {number}: empty '{column}'")
    return text


def _number(sheet: _Sheet, number: int, record: dict[str, Any], column: str) -> Decimal:
    value = record[column]
    try:
        if isinstance(value, bool) or value is None:
            raise InvalidOperation
        return Decimal(str(value))
    except InvalidOperation:
        raise DataFileError(sheet.path,
                            f"row {number}: '{column}' is {value!r}, not a number") from None


def release(location: str | Path | ReleaseFiles) -> str:
    """The name of the O*NET release at ``location``, such as ``O*NET 29.2``.

    Taken from the first line of its ``Read Me.txt`` ("O*NET 29.2 Database"),
    else from a version number in the name of the folder or zip
    (``onet-29.2``, ``db_29_2_excel.zip``), else plain ``O*NET``.

    Parameters
    ----------
    location : str, Path or ReleaseFiles
        The release's zip or folder (it need not exist: then its name alone
        tells), or the release already open.

    Returns
    -------
    str

    Examples
    --------
    >>> release(Path("/nowhere/onet-29.2")), release("/nowhere/db_29_2_excel.zip")
    ('O*NET 29.2', 'O*NET 29.2')
    >>> release("/nowhere/downloads")
    'O*NET'
    """
    if isinstance(location, ReleaseFiles):
        return _release_name(location)
    try:
        with ReleaseFiles(location, ("Occupation Data.xlsx", *FILES), what=WHAT) as files:
            return _release_name(files)
    except DataFileError:
        return _release_name(None, (Path(location).name,))


def _release_name(files: ReleaseFiles | None, names: tuple[str, ...] = ()) -> str:
    """The release named by the first line of ``Read Me.txt``, else by ``names`` (folder, zip)."""
    from careergraph.importers.dataset import ZIP_ERRORS

    first = ""
    if files is not None:
        names = files.names
        if files.has("Read Me.txt"):
            try:
                text = files.read_bytes("Read Me.txt").decode("utf-8", errors="replace")
                first = (text.strip().splitlines() or [""])[0]
            except (OSError, DataFileError, *ZIP_ERRORS):
                pass
    found = re.search(r"O\*NET\s+(\d+(?:\.\d+)*)", first)
    for name in names:
        found = found or re.search(r"(\d+\.\d+)", name) or re.search(r"db_(\d+)_(\d+)", name)
    if found is None:
        return "O*NET"
    return "O*NET " + ".".join(group for group in found.groups() if group)


class _Importer:
    """One import: the graph, the open sheets, the provenance nodes and the counts."""

    def __init__(self, files: ReleaseFiles, progress: ProgressCallback | None) -> None:
        self.release = release(files)
        version = self.release.removeprefix("O*NET").strip() or "unknown"
        self.base = f"{ONET}{version}"
        self.graph = new_graph({"onet": ONET, "onetsoc": OCCUPATION})
        self.sheets: dict[str, _Sheet] = {}
        try:
            for name, columns in FILES.items():
                self.sheets[name] = _open(files, name, columns)
        except BaseException:
            self.close()
            raise
        self.progress = Progress(progress, sum(s.total for s in self.sheets.values()))
        self.dataset = add_dataset(
            self.graph, self.base, title=f"{self.release} Database",
            citation=ATTRIBUTION.format(release=self.release), license=LICENSE,
            publisher=("U.S. Department of Labor, Employment and Training Administration "
                       "(USDOL/ETA)"),
            version=version if version != "unknown" else None,
            homepage="https://www.onetcenter.org/database.html")
        self.files = {name: add_file(self.graph, self.dataset, f"{self.base}/file/{_slug(name)}",
                                     name)
                      for name in FILES}
        self.job_zones: dict[str, int] = {}
        self.titles: dict[str, str] = {}
        self.skills: set[str] = set()
        self.skill_names: set[str] = set()
        self.left_out = {"occupations": 0, "requirements": 0}

    def close(self) -> None:
        for sheet in self.sheets.values():
            sheet.close()

    def add(self, subject: URIRef, predicate: str, value: Any) -> None:
        self.graph.add((subject, URIRef(predicate), value))

    def run(self) -> rdflib.Graph:
        self.read_job_zones()
        self.read_occupations()
        self.read_alternate_titles()
        for name in ("Skills.xlsx", "Knowledge.xlsx"):
            self.read_ratings(name)
        self.read_related()
        self.add_ladder()
        self.progress.finish("done")
        return self.graph

    def read_job_zones(self) -> None:
        sheet = self.sheets["Job Zones.xlsx"]
        for number, record in sheet.records(self.progress):
            zone = _number(sheet, number, record, "Job Zone")
            if zone != int(zone) or not 1 <= zone <= 5:
                raise DataFileError(sheet.path, f"row {number}: 'Job Zone' is {zone}, not 1 to 5")
            self.job_zones[_text(sheet, number, record, CODE)] = int(zone)

    def read_occupations(self) -> None:
        sheet = self.sheets["Occupation Data.xlsx"]
        source = self.files[sheet.path.name]
        for number, record in sheet.records(self.progress):
            code = _text(sheet, number, record, CODE)
            title = _text(sheet, number, record, "Title")
            zone = self.job_zones.get(code)
            if zone is None:
                self.left_out["occupations"] += 1
                continue
            self.titles[code] = title
            role = URIRef(OCCUPATION + code)
            self.add(role, TYPE, URIRef(CG + "Role"))
            self.add(role, SKOS + "inScheme", URIRef(LADDER))
            self.add(role, SKOS + "prefLabel", english(title))
            self.add(role, SKOS + "notation", Literal(code))
            definition = english(record["Description"])
            if definition is not None:
                self.add(role, SKOS + "definition", definition)
            self.add(role, CG + "jobZone", Literal(zone))
            self.add(role, CG + "seniority", Literal(zone))
            self.add(role, CG + "track", URIRef(track(code, title)))
            self.add(role, DCTERMS_SOURCE, source)
            self.add(role, DCTERMS_SOURCE, self.files["Job Zones.xlsx"])
            mark_curated(self.graph, role, (CG + "seniority", CG + "track"),
                         f"Seniority {zone} is the O*NET Job Zone ({_JOB_ZONES[zone]}): the "
                         f"preparation the occupation needs, not a rank in an organisation. "
                         f"Track: {_track_reason(code, title)}.")

    def read_alternate_titles(self) -> None:
        sheet = self.sheets["Alternate Titles.xlsx"]
        source = self.files[sheet.path.name]
        for _, record in sheet.records(self.progress):
            code = str(record[CODE] or "").strip()
            title = self.titles.get(code)
            if title is None:
                continue
            role = URIRef(OCCUPATION + code)
            for column in ("Alternate Title", "Short Title"):
                label = english(record[column])
                if label is not None and str(label).casefold() != title.casefold():
                    self.add(role, SKOS + "altLabel", label)
            self.add(role, DCTERMS_SOURCE, source)

    def read_ratings(self, name: str) -> None:
        """Skills.xlsx or Knowledge.xlsx: skills, and a requirement per occupation x element."""
        sheet = self.sheets[name]
        pending: dict[tuple[str, str], dict[str, Any]] = {}
        for number, record in sheet.records(self.progress):
            scale = str(record["Scale ID"] or "").strip()
            if scale not in ("IM", "LV"):
                continue
            code = _text(sheet, number, record, CODE)
            element = _text(sheet, number, record, "Element ID")
            rating = {"value": _number(sheet, number, record, "Data Value"),
                      "suppress": str(record["Recommend Suppress"] or "").strip().upper() == "Y",
                      "not_relevant": str(record["Not Relevant"] or "").strip().upper() == "Y",
                      "name": _text(sheet, number, record, "Element Name")}
            other = pending.pop((code, element), None)
            if other is None or other["scale"] == scale:
                pending[(code, element)] = {**rating, "scale": scale}
                continue
            im, lv = (rating, other) if scale == "IM" else (other, rating)
            self.add_requirement(name, code, element, im, lv)
        self.left_out["requirements"] += len(pending)

    def add_requirement(self, name: str, code: str, element: str,
                        im: dict[str, Any], lv: dict[str, Any]) -> None:
        if code not in self.titles or im["suppress"] or lv["suppress"] or lv["not_relevant"]:
            self.left_out["requirements"] += 1
            return
        source = self.files[name]
        skill = URIRef(f"{ONET}element/{element}")
        if element not in self.skills:
            self.skills.add(element)
            label = im["name"]
            if name == "Skills.xlsx":
                self.skill_names.add(label.casefold())
            elif label.casefold() in self.skill_names:
                label = f"{label} (knowledge)"
            self.add_skill(skill, element, label, source)
        requirement = add_requirement(
            self.graph, URIRef(OCCUPATION + code), f"{ONET}requirement/{code}/{element}",
            skill=skill, proficiency=proficiency(lv["value"]), importance=importance(im["value"]),
            source=source, curated=(CG + "proficiency", CG + "importance"))
        self.add(requirement, CG + "onetImportance", Literal(im["value"]))
        self.add(requirement, CG + "onetLevel", Literal(lv["value"]))

    def add_skill(self, skill: URIRef, element: str, label: str, source: URIRef) -> None:
        prefix, category_name, group = _category_rule(element)
        self.add(skill, TYPE, URIRef(CG + "Skill"))
        self.add(skill, SKOS + "prefLabel", english(label))
        self.add(skill, SKOS + "notation", Literal(element))
        self.add(skill, CG + "skillCategory", URIRef(CG + category_name))
        self.add(skill, DCTERMS_SOURCE, source)
        where = f"O*NET content model {prefix}, {group}" if prefix else group
        mark_curated(self.graph, skill, (CG + "skillCategory",),
                     f"Category {category_name.lower()}: {where}.")

    def read_related(self) -> None:
        sheet = self.sheets["Related Occupations.xlsx"]
        source = self.files[sheet.path.name]
        for number, record in sheet.records(self.progress):
            code = _text(sheet, number, record, CODE)
            related = _text(sheet, number, record, "Related O*NET-SOC Code")
            if code not in self.titles or related not in self.titles or code == related:
                continue
            rank = _number(sheet, number, record, "Index")
            move = URIRef(f"{ONET}move/{code}/{related}")
            self.add(move, TYPE, URIRef(CG + "Transition"))
            self.add(move, CG + "fromRole", URIRef(OCCUPATION + code))
            self.add(move, CG + "toRole", URIRef(OCCUPATION + related))
            self.add(move, CG + "transitionKind", URIRef(CG + "Lateral"))
            tier = _text(sheet, number, record, "Relatedness Tier")
            self.add(move, CG + "relatednessTier", Literal(tier))
            self.add(move, CG + "relatednessRank", Literal(int(rank)))
            self.add(move, DCTERMS_SOURCE, source)
            mark_curated(self.graph, move, (CG + "transitionKind",))

    def add_ladder(self) -> None:
        ladder = add_ladder(
            self.graph, LADDER, label=f"O*NET-SOC occupations ({self.release})",
            definition=f"The occupations of the {self.release} database of the U.S. Department "
                       f"of Labor, with their skills and knowledge ratings and related "
                       f"occupations.",
            dataset=self.dataset, notes=(
                ("Seniority is the O*NET Job Zone (1 little or no preparation needed ... 5 "
                 "extensive preparation needed), kept as cg:jobZone; track: O*NET-SOC 11-1000 Top "
                 "Executives executive, other management occupations (11-) and first-line "
                 "supervisors management, everything else individual contributor."),
                ("Requirements: proficiency = 1 + round(Level x 4 / 7), O*NET's Level 0-7 mapped "
                 "linearly onto 1-5; importance core when O*NET's Importance is 3.0 (Important) "
                 "or more, else supporting; the ratings are kept as cg:onetLevel and "
                 "cg:onetImportance."),
                ("Skill categories follow the O*NET content model: content skills of "
                 "communication and social skills interpersonal; mathematics, science, process "
                 "skills and complex problem solving analytical; technical skills technical; "
                 "systems skills strategic; resource management skills leadership; knowledge "
                 "areas product and market knowledge."),
                ("Related occupations are lateral moves: O*NET relates occupations by "
                 "similarity, not by promotion."),
            ))
        self.add(ladder, SKOS + "editorialNote", Literal(
            f"Left out: {self.left_out['occupations']} occupations of Occupation Data.xlsx that "
            f"have no Job Zone (so no seniority), and {self.left_out['requirements']} "
            f"occupation-element ratings that O*NET flags Not Relevant or Recommend Suppress "
            f"(or that lack their Importance or Level pair).", lang="en"))


def _slug(name: str) -> str:
    """A file name as an IRI segment: ``Occupation Data.xlsx`` -> ``occupation-data``."""
    return re.sub(r"[^a-z0-9]+", "-", name.removesuffix(".xlsx").lower()).strip("-")


def import_onet(location: str | Path, progress: ProgressCallback | None = None) -> rdflib.Graph:
    """Read an O*NET release (Excel download: zip or folder) into a graph in the careergraph model.

    Parameters
    ----------
    location : str or Path
        The zip of the Excel download as published (``db_29_2_excel.zip``),
        read in place, or the folder it unpacks into: either holds
        ``Occupation Data.xlsx``, ``Job Zones.xlsx``,
        ``Alternate Titles.xlsx``, ``Skills.xlsx``, ``Knowledge.xlsx`` and
        ``Related Occupations.xlsx`` (and ``Read Me.txt``, for the release),
        at its top or in the one folder there.
    progress : callable, optional
        ``progress(done, total, what)``, called as rows are read (``done``
        and ``total`` count spreadsheet rows; ``what`` names the file).

    Returns
    -------
    rdflib.Graph
        The imported roles, skills, requirements, moves and provenance; the
        loader derives ``cg:lateralTo`` from the moves when the file is loaded.

    Raises
    ------
    DataFileError
        ``location`` is neither a folder nor a zip, the zip is damaged or
        is not O*NET's, a workbook is missing (it is named), is not a
        workbook, lacks a column, or holds a value that is not what O*NET
        puts there (the row is named).

    Examples
    --------
    >>> import_onet("/nowhere")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: /nowhere: no such folder or zip file
    """
    with ReleaseFiles(location, ("Occupation Data.xlsx", *FILES), what=WHAT) as files:
        importer = _Importer(files, progress)
        try:
            return importer.run()
        finally:
            importer.close()
