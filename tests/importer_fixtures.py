"""Real occupational data for the importer tests: where it is, and a small O*NET cut of it.

The O*NET and ESCO files live unchanged in ``../shared/data`` (CI has them).
:func:`onet_cut` copies the rows of a few occupations out of every O*NET
workbook into a new folder in the same layout, so that tests can import,
load, validate and ask path questions in a second instead of a minute.
"""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ONET_DIR = DATA / "onet-29.2"
ESCO_DIR = DATA / "esco-1.2.0"
ESCO_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "esco"

ONET_FILES = ("Occupation Data.xlsx", "Job Zones.xlsx", "Alternate Titles.xlsx", "Skills.xlsx",
              "Knowledge.xlsx", "Related Occupations.xlsx")

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
"""The occupations of the cut."""


_CACHE: dict[str, Path] = {}


def shared_onet_cut(tmp_path_factory) -> tuple[Path, Path]:
    """The O*NET cut and its import as Turtle, made once per test session for every test module."""
    if not _CACHE:
        from careergraph.importers.onet import import_onet

        folder = onet_cut(tmp_path_factory.mktemp("onet-cut") / "onet-29.2")
        turtle = folder.parent / "onet-cut.ttl"
        import_onet(folder).serialize(turtle, format="turtle", encoding="utf-8")
        _CACHE.update(folder=folder, turtle=turtle)
    return _CACHE["folder"], _CACHE["turtle"]


def onet_cut(target: Path, codes: tuple[str, ...] = CUT_CODES) -> Path:
    """Write the rows of ``codes`` (related occupations: both ends among them) into ``target``."""
    import openpyxl

    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ONET_DIR / "Read Me.txt", target / "Read Me.txt")
    wanted = set(codes)
    for name in ONET_FILES:
        source = openpyxl.load_workbook(ONET_DIR / name, read_only=True)
        sheet = source.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows)
        related = header.index("Related O*NET-SOC Code") if "Related O*NET-SOC Code" in header else None
        out = openpyxl.Workbook(write_only=True)
        out_sheet = out.create_sheet(sheet.title)
        out_sheet.append(header)
        for row in rows:
            if row[0] in wanted and (related is None or row[related] in wanted):
                out_sheet.append(row)
        source.close()
        out.save(target / name)
    return target
