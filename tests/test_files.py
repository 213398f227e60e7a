"""Atomic writes: whole or nothing, the old file kept on failure, ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from careergraph.errors import CareerGraphError
from careergraph.files import write_atomic, write_atomic_with


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_mode_not_the_temporary_one(tmp_path):
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "sub" / "page.html", "<p>é</p>")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "<p>é</p>"
    assert mode(target) == 0o644


def test_replacing_keeps_the_mode_of_the_old_file(tmp_path):
    target = tmp_path / "export.ttl"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o640


@pytest.mark.parametrize("error", [ValueError("broken"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, error):
    target = tmp_path / "out.ttl"
    target.write_text("good")

    def fail(handle):
        handle.write(b"half")
        raise error

    with pytest.raises(type(error)):
        write_atomic_with(target, fail)
    assert target.read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


def test_an_unwritable_folder_is_one_readable_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CareerGraphError, match=r"cannot write .*file/out\.ttl"):
        write_atomic(blocker / "out.ttl", "data")
