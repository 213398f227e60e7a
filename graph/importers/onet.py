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
  :data:`~careergraph.importers.onet_rules.CATEGORY_RULES`. A knowledge area named like a skill (O*NET has
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

Reading the workbooks is :mod:`careergraph.importers.onet_sheets`' job, the
curated values :mod:`careergraph.importers.onet_rules`'; this module maps the
rows to the model.

Examples
--------
Programming (``2.B.3.e``) at Level 5.5 and Importance 2.5 for an occupation:

>>> proficiency(5.5), importance(2.5).rsplit("#", 1)[1], category("2.B.3.e").rsplit("#", 1)[1]
(4, 'Supporting', 'Technical')
>>> print(ATTRIBUTION.format(release="O*NET 29.2")[:60])
This product includes information from the O*NET 29.2 Databa
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import rdflib
from rdflib import Literal, URIRef

from careergraph.attribution import ONET_ATTRIBUTION_TEMPLATE
from careergraph.errors import DataFileError
from careergraph.importers.dataset import (DCTERMS_SOURCE, TYPE, DatasetImport, add_ladder,
                                           add_requirement, english, mark_curated)
from careergraph.importers.onet_rules import (CATEGORY_RULES, JOB_ZONES, category, category_rule,
                                              importance, proficiency, track, track_reason)
from careergraph.importers.onet_sheets import CODE, EXPECTED, FILES, WHAT, Sheet, open_sheet, release
from careergraph.importers.release import Progress, ProgressCallback, ReleaseFiles
from careergraph.namespaces import CG, SKOS

__all__ = ["ATTRIBUTION", "CATEGORY_RULES", "LADDER", "LICENSE", "OCCUPATION", "ONET", "category",
           "import_onet", "importance", "proficiency", "release", "track"]

ONET = "https://w3id.org/careergraph/onet/"
"""careergraph's namespace for O*NET elements, requirements, moves, provenance (``onet:``)."""

OCCUPATION = "https://www.onetonline.org/link/summary/"
"""O*NET OnLine's page of an occupation, followed by its O*NET-SOC code: the IRI of its role."""

LADDER = ONET + "occupations"
"""The ladder (concept scheme) every imported O*NET occupation is ``skos:inScheme`` of."""

ATTRIBUTION = ONET_ATTRIBUTION_TEMPLATE
"""The attribution O*NET's licence requires of any output built from it (``{release}`` to fill)."""

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
"""CC BY 4.0, the licence O*NET is published under."""


class _Importer(DatasetImport):
    """One import: the graph, the open sheets, the provenance nodes and the counts."""

    def __init__(self, files: ReleaseFiles, progress: ProgressCallback | None) -> None:
        self.release = release(files)
        version = self.release.removeprefix("O*NET").strip() or "unknown"
        super().__init__(
            f"{ONET}{version}", {"onet": ONET, "onetsoc": OCCUPATION},
            {name: _slug(name) for name in FILES}, title=f"{self.release} Database",
            citation=ATTRIBUTION.format(release=self.release), license=LICENSE,
            publisher=("U.S. Department of Labor, Employment and Training Administration "
                       "(USDOL/ETA)"),
            version=version if version != "unknown" else None,
            homepage="https://www.onetcenter.org/database.html")
        self.sheets: dict[str, Sheet] = {}
        try:
            for name, columns in FILES.items():
                self.sheets[name] = open_sheet(files, name, columns)
        except BaseException:
            self.close()
            raise
        self.progress = Progress(progress, sum(s.total for s in self.sheets.values()))
        self.job_zones: dict[str, int] = {}
        self.titles: dict[str, str] = {}
        self.skills: set[str] = set()
        self.skill_names: set[str] = set()
        self.left_out = {"occupations": 0, "requirements": 0}

    def close(self) -> None:
        for sheet in self.sheets.values():
            sheet.close()

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
            zone = sheet.number(number, record, "Job Zone")
            if zone != int(zone) or not 1 <= zone <= 5:
                raise DataFileError(sheet.path, f"row {number}: 'Job Zone' is {zone}, not 1 to 5")
            self.job_zones[sheet.code(number, record)] = int(zone)

    def read_occupations(self) -> None:
        sheet = self.sheets["Occupation Data.xlsx"]
        source = self.files[sheet.path.name]
        for number, record in sheet.records(self.progress):
            code = sheet.code(number, record)
            title = sheet.text(number, record, "Title")
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
                         f"Seniority {zone} is the O*NET Job Zone ({JOB_ZONES[zone]}): the "
                         f"preparation the occupation needs, not a rank in an organisation. "
                         f"Track: {track_reason(code, title)}.")

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
            code = sheet.code(number, record)
            element = sheet.element(number, record)
            rating = {"value": sheet.number(number, record, "Data Value"),
                      "suppress": str(record["Recommend Suppress"] or "").strip().upper() == "Y",
                      "not_relevant": str(record["Not Relevant"] or "").strip().upper() == "Y",
                      "name": sheet.text(number, record, "Element Name")}
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
        prefix, category_name, group = category_rule(element)
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
            code = sheet.code(number, record)
            related = sheet.code(number, record, "Related O*NET-SOC Code")
            if code not in self.titles or related not in self.titles or code == related:
                continue
            rank = sheet.number(number, record, "Index")
            move = URIRef(f"{ONET}move/{code}/{related}")
            self.add(move, TYPE, URIRef(CG + "Transition"))
            self.add(move, CG + "fromRole", URIRef(OCCUPATION + code))
            self.add(move, CG + "toRole", URIRef(OCCUPATION + related))
            self.add(move, CG + "transitionKind", URIRef(CG + "Lateral"))
            tier = sheet.text(number, record, "Relatedness Tier")
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
    with ReleaseFiles(location, EXPECTED, what=WHAT) as files:
        importer = _Importer(files, progress)
        try:
            return importer.run()
        finally:
            importer.close()
