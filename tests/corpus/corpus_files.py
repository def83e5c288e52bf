"""Files of the corpus that the checker must not read as workbooks.

Excel's lock and temporary files are skipped by name. The reader rejects
the others with a file-level code: a damaged zip, a password-protected
workbook, an old .xls, a CSV renamed to .xlsx and an empty file. The last
one is a workbook over the size limit that the folder test passes with
``--max-file-mb``.
"""

from __future__ import annotations

import io
import random
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from corpus_book import Case, write_case

from toshima_xl.schema import RESOURCES

# The --max-file-mb value under which 大きすぎるブック.xlsx is rejected and
# every other corpus file and sample is read.
SIZE_LIMIT_MB = 0.2


@dataclass(frozen=True)
class FileCase:
    """A file that is skipped or unreadable: the status and code it must get."""

    file: str
    status: str  # "skipped" or "unreadable"
    code: str
    description: str


UNREADABLE_FILES: tuple[FileCase, ...] = (
    FileCase("~$値_日付.xlsx", "skipped", "file.lock_file", "Excel lock file"),
    FileCase("~DF3A2B.tmp", "skipped", "file.temporary", "Excel temporary file"),
    FileCase("壊れた_zip.xlsx", "unreadable", "file.corrupt", "zip cut off half way"),
    FileCase(
        "パスワード付き.xlsx", "unreadable", "file.encrypted", "encrypted package"
    ),
    FileCase("古い形式.xls", "unreadable", "file.xls", "BIFF8 workbook"),
    FileCase("CSVを改名.xlsx", "unreadable", "file.csv", "cp932 CSV renamed"),
    FileCase("空のファイル.xlsx", "unreadable", "file.empty", "zero bytes"),
    FileCase(
        "大きすぎるブック.xlsx", "unreadable", "file.too_large", "over SIZE_LIMIT_MB"
    ),
)

FIXED_ZIP_TIME = (2021, 4, 1, 9, 0, 0)

# Compound File Binary (MS-CFB) version 3 constants.
SECTOR = 512
FREE_SECTOR = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR_MARK = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
MINI_STREAM_CUTOFF = 4096


def compound_file(stream_name: str, data: bytes) -> bytes:
    """Return a compound file holding one stream, the container Excel uses for
    password-protected .xlsx (stream EncryptedPackage) and for .xls (Workbook).

    Sector 0 is the FAT, sector 1 the directory and the stream follows. The
    stream is padded to the mini stream cutoff so it lives in normal sectors.
    """
    data = data.ljust(MINI_STREAM_CUTOFF, b"\x00")
    data_sectors = -(-len(data) // SECTOR)
    chain = [FAT_SECTOR_MARK, END_OF_CHAIN]
    chain += [3 + i for i in range(data_sectors - 1)] + [END_OF_CHAIN]
    fat = struct.pack(f"<{len(chain)}I", *chain).ljust(SECTOR, b"\xff")

    header = b"".join(
        (
            bytes.fromhex("d0cf11e0a1b11ae1"),
            bytes(16),  # class id
            struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6),
            bytes(10),  # reserved, and directory sectors (0 in version 3)
            struct.pack("<II", 1, 1),  # FAT sectors, first directory sector
            struct.pack("<II", 0, MINI_STREAM_CUTOFF),  # transaction, cutoff
            struct.pack("<IIII", END_OF_CHAIN, 0, END_OF_CHAIN, 0),  # mini FAT, DIFAT
            struct.pack("<109I", 0, *([FREE_SECTOR] * 108)),
        )
    )
    directory = (
        directory_entry("Root Entry", 5, child=1, start=END_OF_CHAIN, size=0)
        + directory_entry(stream_name, 2, child=NO_STREAM, start=2, size=len(data))
        + bytes(128) * 2
    )
    return header + fat + directory + data.ljust(data_sectors * SECTOR, b"\x00")


def directory_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    """Return one 128-byte directory entry, coloured black, with no siblings."""
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, NO_STREAM, child)
        + bytes(16 + 4 + 16)  # class id, state bits, times
        + struct.pack("<IQ", start, size)
    )


def large_workbook_case() -> Case:
    """A real workbook made large by long, hardly compressible remarks."""
    rng = random.Random(20210709)
    kanji = [chr(code) for code in range(0x4E00, 0x4E00 + 2000)]
    rows = tuple({"備考": "".join(rng.choices(kanji, k=1900))} for _ in range(120))
    return Case("大きすぎるブック.xlsx", "large workbook", {RESOURCES.name: rows}, ())


def truncated_workbook() -> bytes:
    """Return the first half of a small workbook, zipped with fixed timestamps."""
    with tempfile.TemporaryDirectory() as scratch:
        small = Case("元.xlsx", "one clean row", {RESOURCES.name: ({},)}, ())
        with zipfile.ZipFile(write_case(small, Path(scratch))) as source:
            members = [(info.filename, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), data)
    whole = buffer.getvalue()
    return whole[: len(whole) // 2]


def write_unreadable(folder: Path) -> dict[str, Path]:
    """Write the skipped and unreadable files into ``folder``; return name -> path."""
    write_case(large_workbook_case(), folder)
    rng = random.Random(4096)
    contents = {
        "~$値_日付.xlsx": b"\x0cyamada hanako".ljust(54, b" ") + bytes(111),
        "~DF3A2B.tmp": bytes(rng.randrange(256) for _ in range(2048)),
        "壊れた_zip.xlsx": truncated_workbook(),
        "パスワード付き.xlsx": compound_file(
            "EncryptedPackage", bytes(rng.randrange(256) for _ in range(6000))
        ),
        "古い形式.xls": compound_file("Workbook", b"\x09\x08\x10\x00\x00\x06\x05\x00"),
        "CSVを改名.xlsx": "資源ID,名称,圏域\r\nR0001,池袋本町ひまわりサロン,いけよんの郷\r\n".encode(
            "cp932"
        ),
        "空のファイル.xlsx": b"",
    }
    written = {"大きすぎるブック.xlsx": folder / "大きすぎるブック.xlsx"}
    for name, data in contents.items():
        path = folder / name
        path.write_bytes(data)
        written[name] = path
    return written
