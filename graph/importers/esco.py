"""Import the ESCO classification (official CSV download, English) into the careergraph model.

Reads these files of ESCO's CSV download (classification, English) as
published: the zip (``ESCO dataset - v1.2.0 - classification - en -
csv.zip``), read in place, or the folder it unpacks into. Only
``occupations_en.csv`` is required, the others are read when present:

=====================================  ==========================================
file                                   becomes
=====================================  ==========================================
``occupations_en.csv``                 one ``cg:Role`` per occupation
``ISCOGroups_en.csv``                  one ``skos:Concept`` per ISCO-08 group
``broaderRelationsOccPillar_en.csv``   ``skos:broader`` between occupations and groups
``skills_en.csv``                      one ``cg:Skill`` per skill or knowledge concept
``occupationSkillRelations_en.csv``    one ``cg:SkillRequirement`` per relation
=====================================  ==========================================

The mapping (values careergraph derives are named with ``cg:curatedProperty``
on each node and explained on the import's ladder node):

- **Occupation** -> ``cg:Role`` whose IRI is ESCO's ``conceptUri`` (the IRI
  the built-in ladder's ``skos:closeMatch`` / ``skos:broadMatch`` use):
  ``skos:prefLabel`` the preferred label, ``skos:altLabel`` /
  ``skos:hiddenLabel`` each line of the newline-separated alternative and
  hidden labels, ``skos:definition`` the definition (or, as ESCO mostly
  gives none, the description), ``skos:scopeNote``, ``skos:notation`` the
  ESCO code, ``skos:inScheme`` the ladder ``esco:occupations``.
- **Seniority and track** (curated): ESCO has neither, so both come from the
  occupation's ISCO-08 group. Seniority is the ISCO-08 *skill level* of its
  major group (:func:`seniority`), 1 to 4 like O*NET's Job Zones a measure
  of the preparation an occupation needs: 1 managers -> 4 (ISCO-08 gives
  managers levels 3 and 4), 2 professionals -> 4, 3 technicians and associate
  professionals -> 3, 4-8 (clerical, service and sales, agricultural, craft,
  plant and machine operators) -> 2, 9 elementary occupations -> 1; armed
  forces by sub-major group (01 officers 4, 02 non-commissioned officers 2,
  03 other ranks 1). Track (:func:`track`): sub-major group 11 chief
  executives, senior officials and legislators -> ``cg:Executive``, other
  managers (major group 1) -> ``cg:Management``, everyone else ->
  ``cg:IndividualContributor``.
- **Hierarchy**: each row of ``broaderRelationsOccPillar_en.csv`` ->
  ``skos:broader`` (occupation to occupation, occupation to ISCO group, group
  to group); without that file, each occupation is ``skos:broader`` the group
  of its ``iscoGroup`` column. ISCO groups are ``skos:Concept`` in ESCO's
  ``isco`` concept scheme with ``skos:notation`` (the code), labels and
  definition; their parent group is ``skos:broader`` too.
- **Skills** -> ``cg:Skill`` (IRI = ``conceptUri``) with category (curated)
  from ``skillType`` / ``reuseLevel`` (:func:`~careergraph.importers.esco_rules.category`): knowledge ->
  product and market knowledge (``cg:Domain``); transversal skills, which
  ESCO calls the soft or core skills of every occupation ->
  ``cg:Interpersonal``; all other skills and competences -> ``cg:Technical``.
- **Occupation-skill relations** -> ``cg:SkillRequirement``
  (``https://w3id.org/careergraph/esco/requirement/<occupation id>/<skill id>``)
  with importance ``cg:Core`` for *essential* and ``cg:Supporting`` for
  *optional* (an essential relation wins over an optional one for the same
  pair), and proficiency (curated) :data:`DEFAULT_PROFICIENCY`, 3
  (practitioner): ESCO gives no levels. A relation to a skill or occupation
  the files do not have is left out (the ladder node's
  ``skos:editorialNote`` counts them). ``skillSkillRelations_en.csv`` has no
  place in the model and is not read.
- **Provenance**: every node cites the file it was read from
  (``dcterms:source``), which is ``dcterms:isPartOf`` the data set node
  carrying ESCO's required attribution "This service uses the ESCO
  classification of the European Commission." as
  ``dcterms:bibliographicCitation`` and Commission Decision 2011/833/EU as
  ``dcterms:license``.

The curated values are :mod:`careergraph.importers.esco_rules`' job; this
module reads the files and maps their rows to the model.

Examples
--------
A software developer (ISCO-08 unit group 2512) is a professional, skill
level 4, on no management track:

>>> seniority("2512"), track("2512").rsplit("#", 1)[1]
(4, 'IndividualContributor')
>>> print(ATTRIBUTION)
This service uses the ESCO classification of the European Commission.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef

from careergraph.attribution import ESCO_ATTRIBUTION, ESCO_NAMESPACE
from careergraph.errors import DataFileError, shown
from careergraph.importers.dataset import (DCTERMS_SOURCE, TYPE, DatasetImport, add_ladder,
                                           add_requirement, english, mark_curated)
from careergraph.importers.esco_rules import category, seniority, track, track_name, version
from careergraph.importers.release import (ZIP_ERRORS, Progress, ProgressCallback, ReleaseFiles,
                                           csv_problem)
from careergraph.namespaces import CG, SKOS
from careergraph.yaml_safe import refuse_control

__all__ = ["ATTRIBUTION", "DEFAULT_PROFICIENCY", "ESCO", "ISCO_GROUP", "ISCO_SCHEME", "LADDER",
           "LICENSE", "category", "import_esco", "seniority", "track", "version"]

ESCO = "https://w3id.org/careergraph/esco/"
"""careergraph's namespace for ESCO requirements and provenance (prefix ``cgesco:``)."""

ISCO_GROUP = "http://data.europa.eu/esco/isco/C"
"""ESCO's IRI of an ISCO-08 group, followed by its code."""

ISCO_SCHEME = "http://data.europa.eu/esco/concept-scheme/isco"
"""ESCO's concept scheme of the ISCO-08 groups."""

LADDER = ESCO + "occupations"
"""The ladder (concept scheme) every imported ESCO occupation is ``skos:inScheme`` of."""

ATTRIBUTION = ESCO_ATTRIBUTION
"""The attribution ESCO's reuse terms require."""

LICENSE = "http://data.europa.eu/eli/dec/2011/833/oj"
"""Commission Decision 2011/833/EU on the reuse of Commission documents."""

DEFAULT_PROFICIENCY = 3
"""The proficiency of every ESCO requirement: 3, practitioner (ESCO gives no levels)."""

FILES: dict[str, tuple[tuple[str, ...], bool]] = {
    "ISCOGroups_en.csv": (("conceptUri", "code", "preferredLabel"), False),
    "occupations_en.csv": (("conceptUri", "iscoGroup", "preferredLabel", "altLabels"), True),
    "broaderRelationsOccPillar_en.csv": (("conceptUri", "broaderUri"), False),
    "skills_en.csv": (("conceptUri", "skillType", "reuseLevel", "preferredLabel"), False),
    "occupationSkillRelations_en.csv": (("occupationUri", "relationType", "skillUri"), False),
}
"""The files read, in reading order: the columns each must have, and whether it is required."""

EXPECTED = ("occupations_en.csv", *FILES)
"""The files that mark a folder or zip as ESCO's download, the one that must be there first."""

WHAT = "the ESCO CSV download in English (its zip, or the folder it unpacks into)"
"""What :func:`import_esco` reads, for error messages."""

_IMPORTANCE = {"essential": CG + "Core", "optional": CG + "Supporting"}


def _lines(files: ReleaseFiles, name: str, progress: Progress) -> Iterator[str]:
    """The lines of the UTF-8 file ``name``, counting the bytes read into ``progress``."""
    path = files.path(name)
    with files.open(name) as handle:
        number = 0
        try:
            for number, raw in enumerate(handle, start=1):
                progress.advance(len(raw), name)
                try:
                    yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    raise DataFileError(path, "not UTF-8 text", line=number) from None
        except ZIP_ERRORS as error:
            raise DataFileError(path, f"damaged in the zip ({error})", line=number + 1) from None


def _records(files: ReleaseFiles, name: str, columns: tuple[str, ...],
             progress: Progress) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every row of an ESCO CSV file, after checking its header.

    The CSV is read strictly: a quote never closed, text after a closing
    quote, a row with more or fewer cells than the header, a line break in a
    cell that holds one value (an IRI, a code, a preferred label), an IRI
    that is not one, or a control character anywhere is refused with the
    line the row starts on. The line given with a row is the one it starts on.
    """
    path = files.path(name)
    reader = csv.DictReader(_lines(files, name, progress), strict=True)
    start = 1
    try:
        fields = reader.fieldnames or []
        missing = [name for name in columns if name not in fields]
        if missing:
            raise DataFileError(path, f"no column {', '.join(repr(m) for m in missing)} in the "
                                      f"header; is this a file of the ESCO CSV download?", line=1)
        start = reader.line_num + 1
        for row in reader:
            extra = row.pop(None, None) or []
            cells = len(fields) + len(extra) - list(row.values()).count(None)
            if cells != len(fields):
                raise DataFileError(path, f"{cells} cells, but the header has {len(fields)} columns "
                                          "(a quote opened or closed in the wrong place?)",
                                    line=start)
            yield start, {key: _cell(path, start, key, value) for key, value in row.items()}
            start = reader.line_num + 1
    except csv.Error as error:
        raise DataFileError(path, f"not valid CSV: {csv_problem(error, start)}", line=start) from None


IRI_COLUMNS = ("conceptUri", "broaderUri", "occupationUri", "skillUri")
"""The columns that hold IRIs."""

ONE_LINE = (*IRI_COLUMNS, "code", "iscoGroup", "preferredLabel", "relationType", "skillType",
            "reuseLevel")
"""The columns read that hold one value: a line break in them is a mistake (a quote left open)."""

_ISCO_CODE = re.compile(r"^\d{1,4}$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f]+$")


def _cell(path: Path, line: int, column: str, value: str) -> str:
    """A cell's value, trimmed, after refusing a control character or a broken one-value cell."""
    value = value.strip()
    problem = refuse_control(value)
    if problem is None and column in ONE_LINE and ("\n" in value or "\r" in value):
        problem = "a line break in a one-line value (a quote left open above?)"
    if problem is None and column in IRI_COLUMNS and value and not _IRI.match(value):
        bad = next((ch for ch in value if not _IRI.match(f"a:{ch}")), None)
        problem = (f"{shown(repr(value))} is not an IRI" +
                   (f" (it holds {'a space' if bad == ' ' else repr(bad)})" if bad else "") +
                   "; careergraph refuses the row rather than guess what was meant")
    if problem is not None:
        raise DataFileError(path, f"'{column}': {problem}", line=line)
    return value


def _labels(text: str) -> Iterator[Literal]:
    """The English literals of a newline-separated list of labels."""
    for line in text.splitlines():
        label = english(line)
        if label is not None:
            yield label


def _local(iri: str) -> str:
    """The last segment of an IRI, for minting requirement IRIs."""
    return re.sub(r"[^A-Za-z0-9._~-]", "_", iri.rstrip("/").rsplit("/", 1)[-1])


class _Importer(DatasetImport):
    """One import: the graph, the provenance nodes, what was read and what was left out."""

    def __init__(self, files: ReleaseFiles, progress: ProgressCallback | None) -> None:
        self.release = files
        for name, (_, required) in FILES.items():
            if required:
                files.require(name, "occupations_en.csv and the rest")
        self.paths = {name: files.path(name) for name in FILES if files.has(name)}
        self.progress = Progress(progress, sum(files.size(name) for name in self.paths))
        self.version = version(files.names)
        self.name = f"ESCO v{self.version}" if self.version else "ESCO"
        super().__init__(
            f"{ESCO}{self.version or 'unknown'}",
            {"cgesco": ESCO, "esco": ESCO_NAMESPACE, "isco": ISCO_GROUP.removesuffix("C")},
            {file: file.removesuffix(".csv") for file in self.paths},
            title=f"{self.name} classification (CSV download, English)", citation=ATTRIBUTION,
            publisher="European Commission", license=LICENSE, version=self.version,
            homepage="https://esco.ec.europa.eu/")
        self.occupations: set[str] = set()
        self.skills: set[str] = set()
        self.left_out = 0

    def records(self, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        if name in self.paths:
            yield from _records(self.release, name, FILES[name][0], self.progress)

    def run(self) -> rdflib.Graph:
        self.read_groups()
        self.read_occupations()
        self.read_broader()
        self.read_skills()
        self.read_relations()
        self.add_ladder()
        self.progress.finish("done")
        return self.graph

    def read_groups(self) -> None:
        name = "ISCOGroups_en.csv"
        for line, row in self.records(name):
            if not _ISCO_CODE.match(row["code"]):
                raise DataFileError(self.paths[name], f"'code' is {shown(repr(row['code']))}, not an "
                                                      "ISCO-08 group code", line=line)
            group = URIRef(row["conceptUri"])
            self.add(group, TYPE, URIRef(SKOS + "Concept"))
            self.add(group, SKOS + "inScheme", URIRef(ISCO_SCHEME))
            self.add(group, SKOS + "notation", Literal(row["code"]))
            self.add_labels(group, row, name, line)
            if len(row["code"]) > 1:
                self.add(group, SKOS + "broader", URIRef(ISCO_GROUP + row["code"][:-1]))
            self.add(group, DCTERMS_SOURCE, self.files[name])
        if name in self.paths:
            scheme = URIRef(ISCO_SCHEME)
            self.add(scheme, TYPE, URIRef(SKOS + "ConceptScheme"))
            self.add(scheme, SKOS + "prefLabel",
                     Literal("ISCO-08 groups (as published in ESCO)", lang="en"))

    def add_labels(self, node: URIRef, row: dict[str, str], name: str, line: int) -> None:
        """prefLabel, altLabel, hiddenLabel, definition and scopeNote of a concept row."""
        label = english(row["preferredLabel"])
        if label is None:
            raise DataFileError(self.paths[name], "empty 'preferredLabel'", line=line)
        self.add(node, SKOS + "prefLabel", label)
        for column, prop in (("altLabels", "altLabel"), ("hiddenLabels", "hiddenLabel")):
            for alt in _labels(row.get(column, "")):
                if alt != label:
                    self.add(node, SKOS + prop, alt)
        definition = english(row.get("definition")) or english(row.get("description"))
        if definition is not None:
            self.add(node, SKOS + "definition", definition)
        scope = english(row.get("scopeNote"))
        if scope is not None:
            self.add(node, SKOS + "scopeNote", scope)

    def read_occupations(self) -> None:
        name = "occupations_en.csv"
        broader_file = "broaderRelationsOccPillar_en.csv" in self.paths
        for line, row in self.records(name):
            isco = row["iscoGroup"]
            try:
                if not _ISCO_CODE.match(isco):
                    raise ValueError(isco)
                level = seniority(isco)
            except ValueError:
                raise DataFileError(self.paths[name], f"'iscoGroup' is {shown(repr(isco))}, not an ISCO-08 "
                                                      f"group code", line=line) from None
            role = URIRef(row["conceptUri"])
            self.occupations.add(row["conceptUri"])
            self.add(role, TYPE, URIRef(CG + "Role"))
            self.add(role, SKOS + "inScheme", URIRef(LADDER))
            self.add_labels(role, row, name, line)
            if row.get("code"):
                self.add(role, SKOS + "notation", Literal(row["code"]))
            self.add(role, CG + "seniority", Literal(level))
            self.add(role, CG + "track", URIRef(track(isco)))
            if not broader_file:
                self.add(role, SKOS + "broader", URIRef(ISCO_GROUP + isco))
            self.add(role, DCTERMS_SOURCE, self.files[name])
            mark_curated(self.graph, role, (CG + "seniority", CG + "track"),
                         f"ESCO gives no seniority or track; both come from the ISCO-08 group "
                         f"{isco}: seniority {level} is the ISCO-08 skill level of major group "
                         f"{isco[:1]}, and the track is {track_name(isco)}.")

    def read_broader(self) -> None:
        name = "broaderRelationsOccPillar_en.csv"
        for _, row in self.records(name):
            if row["conceptUri"] and row["broaderUri"]:
                self.add(URIRef(row["conceptUri"]), SKOS + "broader", URIRef(row["broaderUri"]))

    def read_skills(self) -> None:
        name = "skills_en.csv"
        for line, row in self.records(name):
            skill = URIRef(row["conceptUri"])
            self.skills.add(row["conceptUri"])
            self.add(skill, TYPE, URIRef(CG + "Skill"))
            self.add_labels(skill, row, name, line)
            chosen = category(row["skillType"], row["reuseLevel"])
            self.add(skill, CG + "skillCategory", URIRef(chosen))
            self.add(skill, DCTERMS_SOURCE, self.files[name])
            mark_curated(self.graph, skill, (CG + "skillCategory",),
                         f"Category from ESCO's skill type '{row['skillType'] or 'none'}' and "
                         f"reuse level '{row['reuseLevel'] or 'none'}'.")

    def read_relations(self) -> None:
        name = "occupationSkillRelations_en.csv"
        importance = URIRef(CG + "importance")
        for line, row in self.records(name):
            kind = _IMPORTANCE.get(row["relationType"].lower())
            if kind is None:
                raise DataFileError(self.paths[name], f"'relationType' is {row['relationType']!r}, "
                                                      f"not essential or optional", line=line)
            if row["occupationUri"] not in self.occupations or row["skillUri"] not in self.skills:
                self.left_out += 1
                continue
            iri = f"{ESCO}requirement/{_local(row['occupationUri'])}/{_local(row['skillUri'])}"
            if self.graph.value(URIRef(iri), importance) is not None:  # the pair again
                if kind.endswith("Core"):
                    self.graph.set((URIRef(iri), importance, URIRef(kind)))
                continue
            add_requirement(self.graph, URIRef(row["occupationUri"]), iri,
                            skill=URIRef(row["skillUri"]), proficiency=DEFAULT_PROFICIENCY,
                            importance=kind, source=self.files[name], curated=(CG + "proficiency",))

    def add_ladder(self) -> None:
        ladder = add_ladder(
            self.graph, LADDER, label=f"ESCO occupations ({self.name})",
            definition=f"The occupations of the {self.name} classification of the European "
                       f"Commission, with their skills where the download has them.",
            dataset=self.dataset, notes=(
                "ESCO gives no seniority or track. Seniority is the ISCO-08 skill level of the "
                "occupation's major group (managers and professionals 4, technicians and associate "
                "professionals 3, groups 4 to 8 2, elementary occupations 1; armed forces officers "
                "4, non-commissioned officers 2, other ranks 1). Track: ISCO-08 sub-major group 11 "
                "executive, other managers management, everyone else individual contributor.",
                f"Requirements: importance core for essential and supporting for optional skills, "
                f"as ESCO says; proficiency {DEFAULT_PROFICIENCY} (practitioner) for all, as ESCO "
                f"gives no levels.",
                "Skill categories: knowledge is product and market knowledge, transversal skills "
                "interpersonal, other skills and competences technical.",
            ))
        if self.left_out:
            self.add(ladder, SKOS + "editorialNote", Literal(
                f"Left out: {self.left_out} occupation-skill relations to an occupation or skill "
                f"the files do not have.", lang="en"))


def import_esco(location: str | Path, progress: ProgressCallback | None = None) -> rdflib.Graph:
    """Read ESCO's CSV download (English; zip or folder) into a new graph in the careergraph model.

    Parameters
    ----------
    location : str or Path
        The zip of the download as published (``ESCO dataset - v1.2.0 -
        classification - en - csv.zip``), read in place, or the folder it
        unpacks into: either holds ``occupations_en.csv`` and, when present,
        ``ISCOGroups_en.csv``, ``broaderRelationsOccPillar_en.csv``,
        ``skills_en.csv`` and ``occupationSkillRelations_en.csv``, at its top
        or in the one folder there. The version (``dcterms:identifier`` of
        the data set node) comes from the zip's or folder's name.
    progress : callable, optional
        ``progress(done, total, what)``, called as the files are read
        (``done`` and ``total`` count bytes; ``what`` names the file).

    Returns
    -------
    rdflib.Graph

    Raises
    ------
    DataFileError
        ``location`` is neither a folder nor a zip, the zip is damaged or is
        not ESCO's, ``occupations_en.csv`` is missing, a file is not UTF-8
        CSV or lacks a column, or a value is not what ESCO puts there (the
        line is named).

    Examples
    --------
    >>> import_esco("/nowhere")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: /nowhere: no such folder or zip file
    """
    with ReleaseFiles(location, EXPECTED, what=WHAT) as files:
        return _Importer(files, progress).run()
