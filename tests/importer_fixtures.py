"""Occupational data for the importer tests: the cuts the repository ships, and the whole releases.

``tests/fixtures/onet`` and ``tests/fixtures/esco`` hold real rows of a few
occupations of O*NET 29.2 and ESCO 1.2.0 in the releases' own layout (cut by
``tests/make_fixtures.py``), so that the importer, crosswalk and no-loss
tests run on a bare clone. The whole releases are found, when they are there
at all, by :mod:`datasets`; tests about them skip otherwise.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from datasets import needs_esco, needs_onet, require
from make_fixtures import CUT_CODES, ESCO_FIXTURE, ONET_FIXTURE, ONET_FILES

__all__ = ["CUT_CODES", "ESCO_FIXTURE", "ONET_FILES", "ONET_FIXTURE", "esco_release", "needs_esco",
           "needs_onet", "onet_cut", "onet_release", "zip_release"]


def onet_release() -> Path:
    """The whole O*NET 29.2 release (folder); skips the calling test when it is not found."""
    return require("onet")


def esco_release() -> Path:
    """The ESCO 1.2.0 download (folder); skips the calling test when it is not found."""
    return require("esco")


_CACHE: dict[str, Path] = {}


def onet_cut(tmp_path_factory) -> tuple[Path, Path]:
    """The shipped O*NET cut (``tests/fixtures/onet``) and its import as Turtle (once a session)."""
    if not _CACHE:
        from careergraph.importers.onet import import_onet

        turtle = tmp_path_factory.mktemp("onet-cut") / "onet-cut.ttl"
        import_onet(ONET_FIXTURE).serialize(turtle, format="turtle", encoding="utf-8")
        _CACHE["turtle"] = turtle
    return ONET_FIXTURE, _CACHE["turtle"]


def zip_release(folder: Path, archive: Path, top: str | None = None,
                leave_out: tuple[str, ...] = ()) -> Path:
    """Pack the files of ``folder`` into the zip ``archive`` as a release is published.

    ``top`` names the one folder the files sit in inside the zip (O*NET's
    ``db_29_2_excel``), or None for the top of the zip; ``leave_out`` names
    files not to pack.
    """
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        if top:
            out.writestr(top + "/", b"")
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name not in leave_out:
                out.write(path, f"{top}/{path.name}" if top else path.name)
    return archive


def damage_member(archive: Path, member: str, skip: int = 50, length: int = 100) -> Path:
    """Scramble ``length`` compressed bytes of ``member`` of the zip ``archive``, ``skip`` bytes in.

    The zip's directory stays intact, so the archive opens and only reading the member fails.
    """
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as packed:
        info = packed.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + skip, start + skip + length):
        data[offset] ^= 0x5A
    archive.write_bytes(bytes(data))
    return archive
