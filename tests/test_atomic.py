"""Atomic replacement keeps a file's permissions, so colleagues can still open it."""

import os
import stat

import pytest

from toshima_xl.adapters.files.atomic import replace_file


def mode_of(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_existing_file_keeps_mode(tmp_path):
    target = tmp_path / "台帳 共有.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o664)

    replace_file(target, lambda temporary: temporary.write_bytes(b"new"))

    assert target.read_bytes() == b"new"
    assert mode_of(target) == 0o664


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_new_file_follows_umask(tmp_path):
    target = tmp_path / "新規.xlsx"
    previous = os.umask(0o022)
    try:
        replace_file(target, lambda temporary: temporary.write_bytes(b"x"))
    finally:
        os.umask(previous)

    assert mode_of(target) == 0o644


def test_failed_write_leaves_target_and_no_temporary(tmp_path):
    target = tmp_path / "報告.xlsx"
    target.write_bytes(b"kept")

    def fail(temporary):
        temporary.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        replace_file(target, fail)

    assert target.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["報告.xlsx"]
