"""Cut the small O*NET and ESCO fixtures of ``tests/fixtures`` out of the real releases.

Run it from the repository when the releases change (the fixtures it writes
are committed; the tests never run it)::

    CAREERGRAPH_DATA=/path/to/data python tests/make_fixtures.py

``CAREERGRAPH_DATA`` names a folder holding ``onet-29.2/`` (O*NET 29.2, Excel
download, unpacked) and ``esco-1.2.0/`` (ESCO v1.2.0, CSV download, English,
unpacked); without it the script reads ``../shared/data``. It writes:

- ``tests/fixtures/onet/``: the six workbooks the O*NET importer reads, each
  with its header row and every row, unchanged, of the occupations of
  :data:`CUT_CODES` (related occupations: both ends among them), in the
  release's layout; and O*NET's ``Read Me.txt``, which names the release and
  its licence. The workbooks carry fixed timestamps, so that running the
  script again writes the same bytes.
- ``tests/fixtures/esco/``: ``occupations_en.csv`` (the occupations of
  :data:`ESCO_OCCUPATIONS`), ``ISCOGroups_en.csv`` (their ISCO-08 groups and
  every ancestor group) and ``broaderRelationsOccPillar_en.csv`` (the
  hierarchy rows with both ends among those), each record copied byte for
  byte, in the release's order. The skills files there are written by hand
  (the releases in ``../shared/data`` lack ESCO's skills) and are left alone.

Both folders have a README.md (written by hand) with the licence and the
attribution their publishers require.

Examples
--------
>>> ONET_FILES[0], len(CUT_CODES), len(ESCO_OCCUPATIONS)
('Occupation Data.xlsx', 8, 8)
>>> isco_ancestors({"1223", "2512"}) == {"1", "12", "122", "1223", "2", "25", "251", "2512"}
True
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONET_FIXTURE = HERE / "fixtures" / "onet"
ESCO_FIXTURE = HERE / "fixtures" / "esco"

ONET_FILES = ("Occupation Data.xlsx", "Job Zones.xlsx", "Alternate Titles.xlsx", "Skills.xlsx",
              "Knowledge.xlsx", "Related Occupations.xlsx")
"""The workbooks the O*NET importer reads."""

CUT_CODES = (
    "11-1011.00",  # Chief Executives (Job Zone 5, executive)
    "11-1021.00",  # General and Operations Managers
    "11-2011.00",  # Advertising and Promotions Managers
    "11-2021.00",  # Marketing Managers ("Product Manager" is an alternate title)
    "11-2022.00",  # Sales Managers
    "41-1011.00",  # First-Line Supervisors of Retail Sales Workers (management track)
    "15-1252.00",  # Software Developers (individual contributor)
    "11-9199.00",  # Managers, All Other (no Job Zone: left out)
)
"""The O*NET occupations of the cut."""

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ESCO_OCCUPATIONS = tuple(ESCO_OCCUPATION + local for local in (
    "9f508305-80ce-4111-8722-f2c9b4a44890",  # product manager
    "a79170ad-0b7b-4697-864f-1748359aa10a",  # ICT product manager
    "8a0afc76-4a09-449a-9e7b-a33495889f95",  # chief product officer
    "c64a6e4e-5b38-4f93-b26d-aded817aeaf3",  # chief operating officer
    "544cd9cf-e2ee-4ac0-8a02-7147af6b97d7",  # business manager
    "6c3fd65e-2d24-47d8-bc22-9e93512bdcc2",  # chief executive officer
    "73856e9e-eca2-44c2-bb3c-aaedf4b25979",  # insurance product manager (narrower than the above)
    "f2b15a0e-e65a-438a-affb-29b9d50b77d1",  # software developer
))
"""The ESCO occupations of the cut: those the built-in ladder maps to, and two more."""

ISCO_GROUP = "http://data.europa.eu/esco/isco/C"
RELATED = "Related O*NET-SOC Code"
_FIXED_TIME = (2025, 2, 1, 0, 0, 0)
_FIXED_STAMP = "2025-02-01T00:00:00Z"


def cut_onet(source: Path, target: Path, codes: Iterable[str] = CUT_CODES) -> Path:
    """Write the rows of ``codes`` of every workbook of ``source`` into ``target``, same layout."""
    import openpyxl

    target.mkdir(parents=True, exist_ok=True)
    (target / "Read Me.txt").write_bytes((source / "Read Me.txt").read_bytes())
    wanted = set(codes)
    for name in ONET_FILES:
        book = openpyxl.load_workbook(source / name, read_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows)
        related = header.index(RELATED) if RELATED in header else None
        out = openpyxl.Workbook()  # not write_only: that leaves out the sheet's dimension,
        out_sheet = out.active     # which the importer's progress reads, as the release has it
        out_sheet.title = sheet.title
        out_sheet.append(header)
        for row in rows:
            if row[0] in wanted and (related is None or row[related] in wanted):
                out_sheet.append(row)
        book.close()
        buffer = io.BytesIO()
        out.save(buffer)
        (target / name).write_bytes(_fixed_times(buffer.getvalue()))
    return target


def _fixed_times(xlsx: bytes) -> bytes:
    """The workbook ``xlsx`` with fixed zip entry times and document dates (reproducible bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as old, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + _FIXED_STAMP.encode(), data)
            new.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def isco_ancestors(codes: Iterable[str]) -> set[str]:
    """Every ISCO-08 group code of ``codes`` and its ancestors (``1223`` -> 1, 12, 122, 1223)."""
    return {code[:end] for code in codes for end in range(1, len(code) + 1)}


def _records(path: Path) -> Iterator[tuple[dict[str, str], str]]:
    """(row, its text exactly as in the file) for the header and every record of a CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        consumed: list[str] = []

        def lines() -> Iterator[str]:
            for line in handle:
                consumed.append(line)
                yield line

        reader = csv.reader(lines())
        header: list[str] | None = None
        for row in reader:
            text = "".join(consumed)
            consumed.clear()
            if header is None:
                header = row
            yield dict(zip(header, row)), text


def _write_cut(source: Path, target: Path, keep) -> list[dict[str, str]]:
    """Copy the header and the records ``keep(row)`` accepts, byte for byte; return those rows."""
    kept, texts = [], []
    for number, (row, text) in enumerate(_records(source)):
        if number == 0 or keep(row):
            texts.append(text)
            if number:
                kept.append(row)
    target.write_bytes("".join(texts).encode("utf-8"))
    return kept


def cut_esco(source: Path, target: Path, occupations: Iterable[str] = ESCO_OCCUPATIONS) -> Path:
    """Write the ESCO cut (occupations, their ISCO-08 groups, the hierarchy) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = set(occupations)
    rows = _write_cut(source / "occupations_en.csv", target / "occupations_en.csv",
                      lambda row: row["conceptUri"] in wanted)
    missing = wanted - {row["conceptUri"] for row in rows}
    if missing:
        raise SystemExit(f"not in {source / 'occupations_en.csv'}: {', '.join(sorted(missing))}")
    groups = {ISCO_GROUP + code for code in isco_ancestors(row["iscoGroup"] for row in rows)}
    _write_cut(source / "ISCOGroups_en.csv", target / "ISCOGroups_en.csv",
               lambda row: row["conceptUri"] in groups)
    inside = wanted | groups
    hierarchy = "broaderRelationsOccPillar_en.csv"
    _write_cut(source / hierarchy, target / hierarchy,
               lambda row: row["conceptUri"] in inside and row["broaderUri"] in inside)
    return target


def main() -> int:
    sys.path.insert(0, str(HERE))
    from datasets import lookup

    for key, cut, target in (("onet", cut_onet, ONET_FIXTURE), ("esco", cut_esco, ESCO_FIXTURE)):
        found = lookup(key)
        if found.path is None:
            print(f"make_fixtures: error: {found.reason}", file=sys.stderr)
            return 2
        cut(found.path, target)
        sizes = ", ".join(f"{p.name} {p.stat().st_size:,} B" for p in sorted(target.iterdir()))
        print(f"{target.relative_to(HERE.parent)}: {sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
