"""Checks that run on a workbook file before any parser touches it.

The checks read only the first bytes of the file and the zip central
directory, so they cost little even for a hostile file. They classify the
common mistakes (a CSV or an old .xls saved as .xlsx, a password-protected
workbook) and stop zip bombs before openpyxl inflates anything.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import Path

from toshima_xl.adapters.files.errors import WorkbookReadError

MB = 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

# Members smaller than this are not held to the compression ratio limit:
# short XML parts such as a sheet of empty styled rows compress far better
# than 200:1 without being dangerous.
RATIO_MIN_MEMBER_BYTES = 1 * MB


@dataclass(frozen=True)
class ReadLimits:
    """Limits a workbook file must stay within to be read.

    The defaults leave a wide margin over the ward's workbooks (a few thousand
    rows, a few MB). Raise them for a larger real workbook, for example
    ``ReadLimits(max_file_bytes=500 * MB, seconds=600)``.

    Attributes:
        max_file_bytes: size of the file on disk (default 100 MB).
        max_members: number of parts in the zip container (default 10,000).
        max_uncompressed_bytes: total declared size of all parts once
            inflated (default 1 GB).
        max_ratio: uncompressed size divided by compressed size, for the
            whole archive and for each part of 1 MB or more (default 200).
        seconds: wall-clock time allowed for parsing (default 120); None
            parses in the calling process without a limit.
    """

    max_file_bytes: int = 100 * MB
    max_members: int = 10_000
    max_uncompressed_bytes: int = 1024 * MB
    max_ratio: float = 200
    seconds: float | None = 120


def check_file(path: Path, limits: ReadLimits) -> None:
    """Check that ``path`` exists, has a sane size and is a zip-based workbook.

    Raises:
        WorkbookReadError: with code file.not_found, file.empty, file.too_large,
            file.encrypted, file.xls, file.csv, file.not_zip, file.corrupt or
            file.zip_bomb.
    """
    if not path.is_file():
        raise WorkbookReadError("file.not_found", path)
    size = path.stat().st_size
    if size == 0:
        raise WorkbookReadError("file.empty", path)
    if size > limits.max_file_bytes:
        raise WorkbookReadError(
            "file.too_large",
            path,
            f"{size // MB} MB > {limits.max_file_bytes // MB} MB",
        )
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith(OLE2_MAGIC):
        raise WorkbookReadError(classify_ole2(path), path)
    if not head.startswith(ZIP_MAGIC):
        code = "file.csv" if looks_like_text(head) else "file.not_zip"
        raise WorkbookReadError(code, path, f"first bytes {head[:8].hex()}")
    check_zip(path, limits)


def check_zip(path: Path, limits: ReadLimits) -> None:
    """Check the zip central directory of ``path`` against ``limits``.

    Only the declared sizes are read. They bound the real inflation too,
    because Python's zipfile stops reading a member at its declared size and
    fails on a CRC mismatch.

    Raises:
        WorkbookReadError: file.corrupt for a damaged zip or one that is not a
            workbook, file.zip_bomb when a limit is exceeded.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise WorkbookReadError("file.corrupt", path, str(error)) from error

    if len(members) > limits.max_members:
        detail = f"{len(members)} parts > {limits.max_members}"
        raise WorkbookReadError("file.zip_bomb", path, detail)
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed_bytes:
        detail = f"{total // MB} MB inflated > {limits.max_uncompressed_bytes // MB} MB"
        raise WorkbookReadError("file.zip_bomb", path, detail)
    for member in members:
        if member.file_size >= RATIO_MIN_MEMBER_BYTES:
            check_ratio(
                path, member.filename, member.file_size, member.compress_size, limits
            )
    compressed = sum(member.compress_size for member in members)
    if total >= RATIO_MIN_MEMBER_BYTES:
        check_ratio(path, "(all parts)", total, compressed, limits)

    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise WorkbookReadError("file.corrupt", path, "xl/workbook.xml is missing")


def check_ratio(
    path: Path, name: str, inflated: int, compressed: int, limits: ReadLimits
) -> None:
    """Raise file.zip_bomb when ``inflated / compressed`` exceeds the limit."""
    ratio = inflated / max(compressed, 1)
    if ratio > limits.max_ratio:
        detail = f"{name} ratio {ratio:.0f} > {limits.max_ratio:.0f}"
        raise WorkbookReadError("file.zip_bomb", path, detail)


def classify_ole2(path: Path) -> str:
    """Return file.encrypted, file.xls or file.corrupt for an OLE2 container.

    Excel stores a password-protected .xlsx as an OLE2 compound file with an
    ``EncryptedPackage`` stream, and an old BIFF .xls as one with a
    ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream.
    """
    streams = list_ole2_streams(path)
    if "encryptedpackage" in streams:
        return "file.encrypted"
    if "workbook" in streams or "book" in streams:
        return "file.xls"
    return "file.corrupt"


def list_ole2_streams(path: Path) -> set[str]:
    """Return the lower-cased stream names of an OLE2 file."""
    try:
        import olefile
    except ImportError:
        return scan_ole2_names(path)
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return {"/".join(entry).lower() for entry in ole.listdir()}
    except (OSError, ValueError):
        # olefile raises OSError subclasses for damaged headers; fall back to
        # the byte scan, which finds names in any readable directory sector.
        return scan_ole2_names(path)


def scan_ole2_names(path: Path) -> set[str]:
    """Find the known stream names by their UTF-16LE bytes, without olefile."""
    data = path.read_bytes()
    found = set()
    for name in ("EncryptedPackage", "Workbook", "Book"):
        if name.encode("utf-16-le") + b"\x00\x00" in data:
            found.add(name.lower())
    return found


def looks_like_text(head: bytes) -> bool:
    """Tell whether the first bytes of a file are text such as CSV or TSV."""
    if head.startswith(TEXT_BOMS):
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp932"):
        # An incremental decoder accepts a multibyte character cut off at the
        # end of the head, but still rejects invalid bytes.
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(head, final=False)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for char in text if char.isprintable() or char in "\r\n\t")
        return printable >= 0.95 * max(len(text), 1)
    return False
