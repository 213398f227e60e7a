"""What the O*NET and ESCO importers share: the graph they fill, its provenance nodes, progress.

Every node an importer creates cites, with ``dcterms:source``, the node of
the file it was read from; each file node is ``dcterms:isPartOf`` the node of
its data set, which carries the data set's title, publisher, version, licence
(``dcterms:license``) and the attribution text its licence requires
(``dcterms:bibliographicCitation``). So from any imported role, skill,
requirement or move, ``dcterms:source/dcterms:isPartOf`` leads to the text a
view or an export must show.

Examples
--------
>>> graph = new_graph({"ex": "http://example.org/"})
>>> data = add_dataset(graph, "http://example.org/data", title="Example data",
...                    citation="Contains example data.", publisher="Nobody",
...                    license="https://creativecommons.org/licenses/by/4.0/")
>>> sheet = add_file(graph, data, "http://example.org/data/sheet", "sheet.csv")
>>> print(graph.value(graph.value(sheet, DCTERMS_IS_PART_OF), DCTERMS_CITATION))
Contains example data.
>>> calls = []
>>> progress = Progress(lambda done, total, what: calls.append((done, total, what)), total=10)
>>> for _ in range(10):
...     progress.advance(1, "sheet.csv")
>>> progress.finish("done")
>>> calls[-1]
(10, 10, 'done')
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

import rdflib
from rdflib import Literal, URIRef

from careergraph.errors import DataFileError
from careergraph.namespaces import CG, DCTERMS, PREFIXES, PROV, RDF, SKOS

ProgressCallback = Callable[[int, int, str], object]
"""``progress(done, total, what)``: how much of the work is done, of how much, on what."""

DCTERMS_IS_PART_OF = URIRef(DCTERMS + "isPartOf")
DCTERMS_CITATION = URIRef(DCTERMS + "bibliographicCitation")
DCTERMS_SOURCE = URIRef(DCTERMS + "source")
TYPE = URIRef(RDF + "type")
CURATED = URIRef(CG + "curatedProperty")
CURATION_NOTE = URIRef(CG + "curationNote")


def new_graph(prefixes: Mapping[str, str] | None = None) -> rdflib.Graph:
    """An empty graph with careergraph's prefixes and ``prefixes`` bound."""
    graph = rdflib.Graph()
    for prefix, namespace in {**PREFIXES, **(prefixes or {})}.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def english(text: object) -> Literal | None:
    """``text`` as an English literal with its blanks trimmed, or None when it is empty.

    Examples
    --------
    >>> english("  Chief Executives "), english(""), english(None)
    (rdflib.term.Literal('Chief Executives', lang='en'), None, None)
    """
    text = "" if text is None else " ".join(str(text).split())
    return Literal(text, lang="en") if text else None


def add_dataset(graph: rdflib.Graph, iri: str, *, title: str, citation: str, publisher: str,
                license: str, version: str | None = None, homepage: str | None = None) -> URIRef:
    """Add the node of an imported data set, with the attribution its licence requires.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph being imported into.
    iri : str
        The data set node.
    title, publisher : str
        What it is called and who publishes it.
    citation : str
        The attribution text, as the licence requires it to be shown
        (``dcterms:bibliographicCitation``).
    license : str
        The IRI of the licence (``dcterms:license``).
    version : str, optional
        The release, such as ``29.2`` (``dcterms:identifier``).
    homepage : str, optional
        Where the data set is published (``rdfs:seeAlso``).

    Returns
    -------
    URIRef
        The data set node.
    """
    node = URIRef(iri)
    graph.add((node, TYPE, URIRef(DCTERMS + "BibliographicResource")))
    graph.add((node, TYPE, URIRef(PROV + "Entity")))
    graph.add((node, URIRef(DCTERMS + "title"), Literal(title, lang="en")))
    graph.add((node, URIRef(DCTERMS + "publisher"), Literal(publisher)))
    graph.add((node, DCTERMS_CITATION, Literal(citation, lang="en")))
    graph.add((node, URIRef(DCTERMS + "license"), URIRef(license)))
    if version:
        graph.add((node, URIRef(DCTERMS + "identifier"), Literal(version)))
    if homepage:
        graph.add((node, URIRef(PREFIXES["rdfs"] + "seeAlso"), URIRef(homepage)))
    return node


def add_file(graph: rdflib.Graph, dataset: URIRef, iri: str, name: str) -> URIRef:
    """Add the node of one file of a data set (``dcterms:isPartOf`` it), named ``name``."""
    node = URIRef(iri)
    graph.add((node, TYPE, URIRef(PROV + "Entity")))
    graph.add((node, URIRef(DCTERMS + "title"), Literal(name)))
    graph.add((node, DCTERMS_IS_PART_OF, dataset))
    return node


def add_ladder(graph: rdflib.Graph, iri: str, *, label: str, definition: str,
               dataset: URIRef, notes: Iterable[str]) -> URIRef:
    """Add the ladder (``cg:Ladder``, a SKOS concept scheme) the imported roles are in.

    The roles are ``skos:inScheme`` it.

    ``notes`` explain the curated values of the import (``cg:curationNote``).
    """
    node = URIRef(iri)
    graph.add((node, TYPE, URIRef(CG + "Ladder")))
    graph.add((node, URIRef(SKOS + "prefLabel"), Literal(label, lang="en")))
    graph.add((node, URIRef(SKOS + "definition"), Literal(definition, lang="en")))
    graph.add((node, DCTERMS_SOURCE, dataset))
    for note in notes:
        graph.add((node, CURATION_NOTE, Literal(note, lang="en")))
    return node


def add_requirement(graph: rdflib.Graph, role: URIRef, iri: str, *, skill: URIRef, proficiency: int,
                    importance: str, source: URIRef, curated: Iterable[str]) -> URIRef:
    """Add a ``cg:SkillRequirement`` of ``role`` and return it.

    ``curated`` names the properties whose values are careergraph's judgement.
    """
    node = URIRef(iri)
    graph.add((role, URIRef(CG + "requires"), node))
    graph.add((node, TYPE, URIRef(CG + "SkillRequirement")))
    graph.add((node, URIRef(CG + "skill"), skill))
    graph.add((node, URIRef(CG + "proficiency"), Literal(proficiency)))
    graph.add((node, URIRef(CG + "importance"), URIRef(importance)))
    graph.add((node, DCTERMS_SOURCE, source))
    mark_curated(graph, node, curated)
    return node


def mark_curated(graph: rdflib.Graph, node: URIRef, properties: Iterable[str],
                 note: str | None = None) -> None:
    """Name the properties of ``node`` whose values are careergraph's judgement, and why."""
    for prop in properties:
        graph.add((node, CURATED, URIRef(prop)))
    if note:
        graph.add((node, CURATION_NOTE, Literal(note, lang="en")))


class Progress:
    """Report progress to a ``progress(done, total, what)`` callback, about 200 times at most.

    Parameters
    ----------
    callback : callable or None
        Called with the work done so far, the total and what is being
        worked on; None reports nothing.
    total : int
        The total amount of work, in the importer's unit (rows, bytes).
    """

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = max(total, 0)
        self.done = 0
        self._step = max(self.total // 200, 1)
        self._next = 0

    def advance(self, amount: int, what: str) -> None:
        """Count ``amount`` more work done on ``what``."""
        self.done += amount
        if self.callback is not None and self._next <= self.done < self.total:  # the end: finish()
            self._next = self.done + self._step
            self.callback(min(self.done, self.total), self.total, what)

    def finish(self, what: str) -> None:
        """Report the work complete."""
        self.done = self.total
        if self.callback is not None:
            self.callback(self.total, self.total, what)


ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)
"""What reading a damaged zip member raises."""


class ReleaseFiles:
    """The files of a data release as published: its zip, read in place, or its unpacked folder.

    Nothing is extracted to disk: a member of a zip is read straight out of
    it. The files may sit at the top of the zip or folder, or in the one
    folder at its top (O*NET's ``db_29_2_excel.zip`` unpacks into
    ``db_29_2_excel/``).

    Parameters
    ----------
    location : str or Path
        The zip file, or the folder.
    expected : sequence of str
        The names of the files the importer reads; where the first of them
        that is found sits decides which folder is the release's.
    what : str
        What the release is, for error messages ("the ESCO CSV download").

    Raises
    ------
    DataFileError
        ``location`` does not exist, is neither a folder nor a zip file, is a
        damaged zip, or is a zip holding none of ``expected``.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     archive = Path(tmp) / "release.zip"
    ...     with zipfile.ZipFile(archive, "w") as out:
    ...         out.writestr("release/data.csv", "a,b\\n1,2\\n")
    ...     with ReleaseFiles(archive, ["data.csv", "more.csv"], what="a demo release") as files:
    ...         print(files.has("data.csv"), files.has("more.csv"), files.size("data.csv"))
    ...         print(files.path("more.csv").relative_to(tmp))
    ...         print(files.read_bytes("data.csv"))
    True False 8
    release.zip/release/more.csv
    b'a,b\\n1,2\\n'
    >>> ReleaseFiles("/nowhere", ["data.csv"], what="a demo release")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: /nowhere: no such folder or zip file
    """

    def __init__(self, location: str | Path, expected: Sequence[str], *, what: str) -> None:
        self.location = Path(location)
        self.what = what
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        if self.location.is_dir():
            self.root = _release_folder(self.location, expected)
            inner = (self.root.name,) if self.root != self.location else ()
            self.names = (self.location.name, *inner)
            return
        if not self.location.exists():
            raise DataFileError(self.location, "no such folder or zip file")
        try:
            self._zip = zipfile.ZipFile(self.location)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            if zipfile.is_zipfile(self.location) or self.location.suffix.lower() == ".zip":
                raise DataFileError(self.location, f"a damaged zip file ({error})") from None
            raise DataFileError(self.location, f"neither a folder nor a zip file (careergraph "
                                               f"reads {what}, as a zip or unpacked)") from None
        members = {info.filename: info for info in self._zip.infolist()
                   if not info.is_dir() and not info.filename.startswith("__MACOSX/")}
        prefix = _release_prefix(members, expected)
        if prefix is None:
            self._zip.close()
            raise DataFileError(self.location, f"not {what}: no {expected[0]!r} in the zip, at its "
                                               f"top or in one folder at its top")
        self._members = {name.removeprefix(prefix): info for name, info in members.items()
                         if name.startswith(prefix) and "/" not in name.removeprefix(prefix)}
        self.root = self.location / prefix if prefix else self.location
        self.names = (self.location.stem,) + ((prefix.rstrip("/"),) if prefix else ())

    def __enter__(self) -> ReleaseFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the zip, if it is one."""
        if self._zip is not None:
            self._zip.close()

    @property
    def is_zip(self) -> bool:
        """Whether the release is read out of a zip."""
        return self._zip is not None

    def path(self, name: str) -> Path:
        """The file ``name`` as messages name it (in a zip: ``release.zip/folder/name``)."""
        return self.root / name

    def has(self, name: str) -> bool:
        """Whether the release has the file ``name``."""
        return name in self._members if self._zip is not None else (self.root / name).is_file()

    def size(self, name: str) -> int:
        """The size of the file ``name``, in bytes (unpacked)."""
        if self._zip is not None:
            return self._members[name].file_size
        return (self.root / name).stat().st_size

    def open(self, name: str) -> IO[bytes]:
        """The file ``name``, open for reading bytes (a zip member is read as it is unpacked)."""
        if self._zip is None:
            return (self.root / name).open("rb")
        try:
            return self._zip.open(self._members[name])
        except ZIP_ERRORS as error:
            raise DataFileError(self.path(name), f"damaged in the zip ({error})") from None

    def read_bytes(self, name: str) -> bytes:
        """The whole content of the file ``name``."""
        if self._zip is None:
            return (self.root / name).read_bytes()
        try:
            return self._zip.read(self._members[name])
        except ZIP_ERRORS as error:
            raise DataFileError(self.path(name), f"damaged in the zip ({error})") from None

    def workbook_source(self, name: str) -> Path | io.BytesIO:
        """What openpyxl opens for the workbook ``name``: its path, or its bytes out of the zip."""
        return io.BytesIO(self.read_bytes(name)) if self._zip is not None else self.root / name


def _release_folder(folder: Path, expected: Sequence[str]) -> Path:
    """``folder``, or the one folder in it holding the release's files when it holds none."""
    if any((folder / name).is_file() for name in expected):
        return folder
    inner = [entry for entry in folder.iterdir()
             if entry.is_dir() and not entry.name.startswith((".", "__MACOSX"))]
    if len(inner) == 1 and any((inner[0] / name).is_file() for name in expected):
        return inner[0]
    return folder


def _release_prefix(members: Mapping[str, object], expected: Sequence[str]) -> str | None:
    """The folder inside a zip (``""`` or ``"name/"``) holding the release's files, or None."""
    if any(name in members for name in expected):
        return ""
    tops = {name.split("/", 1)[0] for name in members}
    if len(tops) == 1:
        prefix = tops.pop() + "/"
        if any(prefix + name in members for name in expected):
            return prefix
    return None
