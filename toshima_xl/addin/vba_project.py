"""Write a VBA project (vbaProject.bin) from module source text, following [MS-OVBA].

The project contains source only. The _VBA_PROJECT stream carries version
0xFFFF and no performance cache, and each module stream is its compressed
source with no compiled p-code before it (MODULEOFFSET 0). [MS-OVBA] 1.6
makes this the interoperable form: Office ignores the caches and compiles
from source when it opens the file.

Everything that Office would randomise is fixed (project GUID, the seed of
the CMG/DPB/GC encryption, version counters), so equal sources give equal
bytes.
"""

from __future__ import annotations

import binascii
import struct
from dataclasses import dataclass
from enum import Enum

from toshima_xl.addin.compound_file import build_compound_file
from toshima_xl.addin.compression import compress

CODE_PAGE = 1252  # Windows-1252; every module source must be ASCII.
LCID_ENGLISH_US = 0x0409  # [MS-OVBA] requires 0x0409 for PROJECTLCID.
SYSKIND_WIN64 = 3
HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
# Fixed values where Office would pick random ones.
ENCRYPTION_SEED = 0x5D
IGNORED_FILL = 0x00
VISIBLE = b"\xff"  # ProjectVisibilityState: the editor shows the project.

# Registered type libraries that Excel 2016 and later lists in a new project.
# VBA resolves each by GUID and version from the registry; the path is a hint.
DEFAULT_REFERENCES = (
    (
        "VBA",
        r"*\G{000204EF-0000-0000-C000-000000000046}#4.2#9#"
        r"C:\Program Files\Common Files\Microsoft Shared\VBA\VBA7.1\VBE7.DLL"
        r"#Visual Basic For Applications",
    ),
    (
        "Excel",
        r"*\G{00020813-0000-0000-C000-000000000046}#1.9#0#"
        r"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE"
        r"#Microsoft Excel 16.0 Object Library",
    ),
    (
        "stdole",
        r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
        r"C:\Windows\System32\stdole2.tlb#OLE Automation",
    ),
    (
        # IRibbonControl, the type of every ribbon callback's argument.
        "Office",
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.8#0#"
        r"C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL"
        r"#Microsoft Office 16.0 Object Library",
    ),
)


class ModuleKind(Enum):
    """The three kinds of module a workbook project holds."""

    STANDARD = "Module"
    CLASS = "Class"
    DOCUMENT = "Document"


@dataclass(frozen=True)
class Module:
    """One module: its name, kind and stored source (attribute lines included)."""

    name: str
    kind: ModuleKind
    source: str


def build_vba_project(name: str, project_id: str, modules: list[Module]) -> bytes:
    """Return the bytes of a vbaProject.bin holding ``modules``.

    Args:
        name: The VBA project name shown in the editor; a VBA identifier.
        project_id: A GUID in braces that identifies the project.
        modules: The modules in the order the editor lists them.

    Returns:
        A compound file with the PROJECT, PROJECTwm, VBA/_VBA_PROJECT,
        VBA/dir and one VBA/<module> stream per module.

    Raises:
        ValueError: A name or source is not ASCII.
    """
    for module in modules:
        require_ascii(module.name, "module name")
        require_ascii(module.source, f"source of module {module.name}")
    require_ascii(name, "project name")

    streams = {
        "PROJECT": project_stream(name, project_id, modules),
        "PROJECTwm": project_names_stream(modules),
        "VBA/_VBA_PROJECT": struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0003),
        "VBA/dir": compress(dir_stream(name, modules)),
    }
    for module in modules:
        streams[f"VBA/{module.name}"] = compress(crlf(module.source).encode("ascii"))
    return build_compound_file(streams)


def require_ascii(text: str, what: str) -> None:
    """Raise ValueError unless ``text`` is ASCII, naming the first offending line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.isascii():
            raise ValueError(f"{what} must be ASCII; line {number} is {line!r}")


def crlf(text: str) -> str:
    """Return ``text`` with CRLF line ends, as the VBA editor stores source."""
    return "".join(line + "\r\n" for line in text.splitlines())


def project_stream(name: str, project_id: str, modules: list[Module]) -> bytes:
    """Return the PROJECT stream: the project's properties as text ([MS-OVBA] 2.3.1)."""
    lines = [f'ID="{project_id}"']
    for module in modules:
        if module.kind is ModuleKind.DOCUMENT:
            lines.append(f"Document={module.name}/&H00000000")
        else:
            lines.append(f"{module.kind.value}={module.name}")
    lines += [
        f'Name="{name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        # Not protected, no password, visible in the editor.
        f'CMG="{encrypt_hex(project_id, bytes(4))}"',
        f'DPB="{encrypt_hex(project_id, bytes(1))}"',
        f'GC="{encrypt_hex(project_id, VISIBLE)}"',
        "",
        "[Host Extender Info]",
        HOST_EXTENDER,
    ]
    return crlf("\n".join(lines)).encode("ascii")


def encrypt_hex(project_id: str, data: bytes) -> str:
    """Encrypt ``data`` as [MS-OVBA] 2.4.3.2 does and return it as hex digits."""
    project_key = sum(project_id.encode("ascii")) & 0xFF
    version = 2
    output = bytearray(
        [ENCRYPTION_SEED, ENCRYPTION_SEED ^ version, ENCRYPTION_SEED ^ project_key]
    )
    unencrypted_1 = project_key
    encrypted_1 = output[2]
    encrypted_2 = output[1]

    ignored_length = (ENCRYPTION_SEED & 6) // 2
    plain = bytes([IGNORED_FILL] * ignored_length) + struct.pack("<I", len(data)) + data
    for byte in plain:
        encrypted = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        output.append(encrypted)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, encrypted, byte
    return binascii.hexlify(output).decode("ascii").upper()


def project_names_stream(modules: list[Module]) -> bytes:
    """Return the PROJECTwm stream: each module name in MBCS and in UTF-16."""
    output = bytearray()
    for module in modules:
        output += module.name.encode("ascii") + b"\x00"
        output += module.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(output + b"\x00\x00")


def dir_stream(name: str, modules: list[Module]) -> bytes:
    """Return the uncompressed dir stream ([MS-OVBA] 2.3.4.2)."""
    return (
        project_information(name)
        + b"".join(reference_record(n, libid) for n, libid in DEFAULT_REFERENCES)
        + struct.pack("<HIH", 0x000F, 2, len(modules))
        + struct.pack("<HIH", 0x0013, 2, 0xFFFF)  # PROJECTCOOKIE
        + b"".join(module_record(module) for module in modules)
        + struct.pack("<HI", 0x0010, 0)  # terminator
    )


def project_information(name: str) -> bytes:
    """Return the PROJECTINFORMATION records."""
    return (
        struct.pack("<HII", 0x0001, 4, SYSKIND_WIN64)
        + struct.pack("<HII", 0x0002, 4, LCID_ENGLISH_US)
        + struct.pack("<HII", 0x0014, 4, LCID_ENGLISH_US)
        + struct.pack("<HIH", 0x0003, 2, CODE_PAGE)
        + text_record(0x0004, name)
        + text_pair(0x0005, 0x0040, "")  # doc string
        + text_record(0x0006, "")  # help file, twice
        + text_record(0x003D, "")
        + struct.pack("<HII", 0x0007, 4, 0)  # help context
        + struct.pack("<HII", 0x0008, 4, 0)  # lib flags
        + struct.pack("<HIIH", 0x0009, 4, 1, 0)  # project version 1.0
        + text_pair(0x000C, 0x003C, "")  # conditional compilation constants
    )


def reference_record(name: str, libid: str) -> bytes:
    """Return a REFERENCENAME followed by a REFERENCEREGISTERED record."""
    encoded = libid.encode("ascii")
    registered = struct.pack("<I", len(encoded)) + encoded + struct.pack("<IH", 0, 0)
    return (
        text_pair(0x0016, 0x003E, name)
        + struct.pack("<HI", 0x000D, len(registered))
        + registered
    )


def module_record(module: Module) -> bytes:
    """Return the MODULE record that describes one module and its stream."""
    type_id = 0x0021 if module.kind is ModuleKind.STANDARD else 0x0022
    return (
        text_record(0x0019, module.name)
        + unicode_record(0x0047, module.name)
        + text_pair(0x001A, 0x0032, module.name)  # stream name
        + text_pair(0x001C, 0x0048, "")  # doc string
        + struct.pack("<HII", 0x0031, 4, 0)  # source offset: no p-code before it
        + struct.pack("<HII", 0x001E, 4, 0)  # help context
        + struct.pack("<HIH", 0x002C, 2, 0xFFFF)  # cookie
        + struct.pack("<HI", type_id, 0)
        + struct.pack("<HI", 0x002B, 0)  # terminator
    )


def text_record(record_id: int, text: str) -> bytes:
    """Return a record of an id, a 32-bit size and MBCS text."""
    encoded = text.encode("ascii")
    return struct.pack("<HI", record_id, len(encoded)) + encoded


def unicode_record(record_id: int, text: str) -> bytes:
    """Return a record of an id, a 32-bit size and UTF-16 text."""
    encoded = text.encode("utf-16-le")
    return struct.pack("<HI", record_id, len(encoded)) + encoded


def text_pair(record_id: int, unicode_id: int, text: str) -> bytes:
    """Return a record holding ``text`` in MBCS followed by its UTF-16 twin."""
    return text_record(record_id, text) + unicode_record(unicode_id, text)
