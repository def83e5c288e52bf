"""Tests for the checks that run before a workbook file is parsed."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from toshima_xl.adapters.files.errors import WorkbookReadError
from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.safety import MB, ReadLimits, check_zip

FREE = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD


def make_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "地域資源"
    workbook.active.append(["資源ID", "名称"])
    workbook.active.append(["R0001", "としまる体操 東池袋"])
    workbook.save(path)
    return path


def directory_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", FREE, FREE, child)
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def make_ole2(path: Path, stream_name: str) -> Path:
    """Write a minimal compound file (CFB version 3) holding one 4,096-byte stream."""
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIII", 0, 1, 1, 0)  # dir sectors, FAT sectors, first dir, txn
        + struct.pack("<IIIII", 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<I", 0)  # first DIFAT entry: the FAT is sector 0
        + struct.pack("<I", FREE) * 108
    )
    fat = [FAT_SECTOR, END_OF_CHAIN] + list(range(3, 10)) + [END_OF_CHAIN]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    directory = (
        directory_entry("Root Entry", 5, 1, END_OF_CHAIN, 0)
        + directory_entry(stream_name, 2, FREE, 2, 4096)
        + directory_entry("", 0, FREE, 0, 0) * 2
    )
    path.write_bytes(header + fat_sector + directory + os.urandom(4096))
    return path


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def read_code(path: Path, limits: ReadLimits | None = None) -> WorkbookReadError:
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(path, limits)
    return caught.value


def test_missing_file(tmp_path):
    error = read_code(tmp_path / "ない.xlsx")
    assert error.code == "file.not_found"
    assert "ない.xlsx" in error.message_ja


def test_empty_file(tmp_path):
    path = tmp_path / "空のブック.xlsx"
    path.write_bytes(b"")
    assert read_code(path).code == "file.empty"


def test_file_over_size_limit(tmp_path):
    path = make_workbook(tmp_path / "地域資源.xlsx")
    error = read_code(path, ReadLimits(max_file_bytes=100))
    assert error.code == "file.too_large"


def test_random_bytes_not_zip(tmp_path):
    path = tmp_path / "壊れた.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    assert read_code(path).code == "file.not_zip"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "cp932", "utf-8-sig", "utf-16"],
    ids=["utf8", "shift_jis", "utf8_bom", "utf16"],
)
def test_csv_renamed_xlsx(tmp_path, encoding):
    path = tmp_path / "名簿.xlsx"
    text = "資源ID,名称,圏域\r\nR0001,としまる体操,東部\r\n" * 200
    path.write_bytes(text.encode(encoding))
    error = read_code(path)
    assert error.code == "file.csv"
    assert "CSV" in error.message_ja


def test_truncated_zip(tmp_path):
    whole = make_workbook(tmp_path / "元.xlsx").read_bytes()
    path = tmp_path / "途中まで.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert read_code(path).code == "file.corrupt"


def test_zip_without_workbook_part(tmp_path):
    path = make_zip(tmp_path / "文書.xlsx", {"word/document.xml": b"<w/>"})
    error = read_code(path)
    assert error.code == "file.corrupt"
    assert "xl/workbook.xml" in error.detail


def test_zip_bomb_by_ratio(tmp_path):
    # 50 MB of zeros deflates to about 50 KB: a ratio near 1,000.
    path = make_zip(tmp_path / "爆弾.xlsx", {"xl/workbook.xml": b"\x00" * (50 * MB)})
    assert path.stat().st_size < 200_000
    error = read_code(path)
    assert error.code == "file.zip_bomb"
    assert "ratio" in error.detail


def test_zip_bomb_by_total_size(tmp_path):
    members = {f"xl/part{i}.xml": b"\x00" * (2 * MB) for i in range(3)}
    members["xl/workbook.xml"] = b"<workbook/>"
    path = make_zip(tmp_path / "大きい.xlsx", members)
    limits = ReadLimits(max_uncompressed_bytes=5 * MB, max_ratio=10_000)
    error = read_code(path, limits)
    assert error.code == "file.zip_bomb"
    assert "inflated" in error.detail


def test_zip_bomb_by_member_count(tmp_path):
    members = {f"xl/p{i}.xml": b"<p/>" for i in range(50)}
    members["xl/workbook.xml"] = b"<workbook/>"
    path = make_zip(tmp_path / "部品が多い.xlsx", members)
    with pytest.raises(WorkbookReadError) as caught:
        check_zip(path, ReadLimits(max_members=20))
    assert caught.value.code == "file.zip_bomb"
    assert caught.value.detail == "51 parts > 20"


def test_real_workbook_passes_zip_check(tmp_path):
    path = make_workbook(tmp_path / "地域資源.xlsx")
    assert check_zip(path, ReadLimits()) is None


@pytest.mark.parametrize(
    ("stream", "code"),
    [
        ("EncryptedPackage", "file.encrypted"),
        ("Workbook", "file.xls"),
        ("Book", "file.xls"),
        ("WordDocument", "file.corrupt"),
    ],
    ids=["password", "biff8", "biff5", "other_ole2"],
)
def test_ole2_containers(tmp_path, stream, code):
    path = make_ole2(tmp_path / "保護されたブック.xlsx", stream)
    olefile = pytest.importorskip("olefile")
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.listdir() == [[stream]]
    error = read_code(path)
    assert error.code == code
    assert "保護されたブック.xlsx" in error.message_ja


def test_error_survives_pickling(tmp_path):
    import pickle

    error = WorkbookReadError("file.zip_bomb", tmp_path / "爆弾.xlsx", "51 parts > 20")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.path, copy.detail) == (error.code, error.path, error.detail)
    assert copy.message_ja == error.message_ja
