"""Write a Compound File Binary file ([MS-CFB] version 3) from a tree of streams.

Only what a vbaProject.bin needs: storages and streams, 512-byte sectors, a
mini stream for streams under 4096 bytes, at most 109 FAT sectors (about 7
MB), no DIFAT. Every timestamp and CLSID is zero, so the bytes depend only on
the names and contents given.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64
MINI_STREAM_CUTOFF = 4096
ENTRIES_PER_SECTOR = SECTOR_SIZE // 128
IDS_PER_SECTOR = SECTOR_SIZE // 4
HEADER_FAT_SLOTS = 109

FREE_SECTOR = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF

TYPE_STORAGE = 1
TYPE_STREAM = 2
TYPE_ROOT = 5
RED, BLACK = 0, 1


@dataclass
class Entry:
    """One directory entry: a storage with children or a stream with data."""

    name: str
    data: bytes | None = None
    children: list[Entry] = field(default_factory=list)
    # Filled in while writing.
    index: int = 0
    start: int = END_OF_CHAIN
    color: int = BLACK
    left: int = NO_STREAM
    right: int = NO_STREAM
    child: int = NO_STREAM


def build_compound_file(streams: dict[str, bytes]) -> bytes:
    """Return a compound file holding ``streams``.

    Args:
        streams: Stream contents by path, storages separated by "/", for
            example ``{"PROJECT": ..., "VBA/dir": ...}``.

    Returns:
        The file's bytes.
    """
    root = Entry("Root Entry")
    for path, data in streams.items():
        add_stream(root, path.split("/"), data)
    entries = flatten(root)
    for entry in entries:
        link_children(entry)

    small = [
        e for e in entries if e.data is not None and len(e.data) < MINI_STREAM_CUTOFF
    ]
    large = [
        e for e in entries if e.data is not None and len(e.data) >= MINI_STREAM_CUTOFF
    ]
    mini_stream, mini_fat = layout_mini_stream(small)

    sectors = SectorTable()
    for entry in large:
        entry.start = sectors.add_chain(entry.data)
    root.start = sectors.add_chain(mini_stream) if mini_stream else END_OF_CHAIN
    mini_fat_start = sectors.add_chain(pack_ids(mini_fat)) if mini_fat else END_OF_CHAIN
    directory = b"".join(pack_entry(entry, len(mini_stream)) for entry in entries)
    directory += pack_unused_entries(-len(entries) % ENTRIES_PER_SECTOR)
    directory_start = sectors.add_chain(directory)
    fat_sectors = sectors.close()

    header = pack_header(
        fat_sectors=fat_sectors,
        directory_start=directory_start,
        mini_fat_start=mini_fat_start,
        mini_fat_count=sector_count(len(mini_fat) * 4),
    )
    return header + bytes(sectors.body)


def add_stream(storage: Entry, parts: list[str], data: bytes) -> None:
    """Insert a stream under ``storage``, creating storages on the way."""
    name = parts[0]
    if len(name) > 31:
        raise ValueError(f"compound file names have at most 31 characters: {name!r}")
    existing = next((c for c in storage.children if c.name == name), None)
    if len(parts) == 1:
        if existing is not None:
            raise ValueError(f"duplicate stream name {name!r}")
        storage.children.append(Entry(name, data=data))
        return
    if existing is None:
        existing = Entry(name)
        storage.children.append(existing)
    add_stream(existing, parts[1:], data)


def flatten(root: Entry) -> list[Entry]:
    """Number the entries depth first, root first, and return them in that order."""
    entries: list[Entry] = []

    def visit(entry: Entry) -> None:
        entry.index = len(entries)
        entries.append(entry)
        for child in sorted(entry.children, key=sort_key):
            visit(child)

    visit(root)
    return entries


def sort_key(entry: Entry) -> tuple[int, str]:
    """Order siblings as [MS-CFB] does: shorter names first, then by upper case."""
    return len(entry.name), entry.name.upper()


def link_children(storage: Entry) -> None:
    """Arrange a storage's children as a balanced red-black tree."""
    children = sorted(storage.children, key=sort_key)
    if not children:
        return
    height = len(children).bit_length()
    perfect = len(children) == (1 << height) - 1

    def build(low: int, high: int, depth: int) -> int:
        if low > high:
            return NO_STREAM
        middle = (low + high + 1) // 2
        node = children[middle]
        # Sizes of sibling subtrees differ by at most one, so every empty
        # link lies on the last two levels; colouring the last level red
        # (unless it is full) gives each path the same number of black nodes.
        node.color = RED if depth == height - 1 and not perfect else BLACK
        node.left = build(low, middle - 1, depth + 1)
        node.right = build(middle + 1, high, depth + 1)
        return node.index

    storage.child = build(0, len(children) - 1, 0)


def layout_mini_stream(small: list[Entry]) -> tuple[bytes, list[int]]:
    """Place small streams in 64-byte mini sectors; return mini stream and mini FAT."""
    mini_stream = bytearray()
    mini_fat: list[int] = []
    for entry in small:
        count = -(-len(entry.data) // MINI_SECTOR_SIZE)
        if count == 0:
            continue
        entry.start = len(mini_fat)
        mini_fat += [len(mini_fat) + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
        mini_stream += entry.data.ljust(count * MINI_SECTOR_SIZE, b"\x00")
    mini_fat += [FREE_SECTOR] * (-len(mini_fat) % IDS_PER_SECTOR)
    return bytes(mini_stream), mini_fat


class SectorTable:
    """Sectors after the header, with the FAT that chains them."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.fat: list[int] = []

    def add_chain(self, data: bytes) -> int:
        """Append ``data`` as a chain of sectors and return its first sector."""
        count = sector_count(len(data))
        start = len(self.fat)
        self.fat += [start + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
        self.body += data.ljust(count * SECTOR_SIZE, b"\x00")
        return start

    def close(self) -> list[int]:
        """Append the FAT sectors themselves and return their sector numbers."""
        count = 1
        while len(self.fat) + count > count * IDS_PER_SECTOR:
            count += 1
        if count > HEADER_FAT_SLOTS:
            raise ValueError("the compound file is too large for a FAT without DIFAT")
        fat_sectors = list(range(len(self.fat), len(self.fat) + count))
        self.fat += [FAT_SECTOR] * count
        self.fat += [FREE_SECTOR] * (count * IDS_PER_SECTOR - len(self.fat))
        self.body += pack_ids(self.fat)
        return fat_sectors


def sector_count(size: int) -> int:
    """Return how many 512-byte sectors hold ``size`` bytes."""
    return -(-size // SECTOR_SIZE)


def pack_ids(ids: list[int]) -> bytes:
    """Pack sector numbers as little-endian 32-bit integers."""
    return struct.pack(f"<{len(ids)}I", *ids)


def pack_entry(entry: Entry, mini_stream_size: int) -> bytes:
    """Return the 128-byte directory entry of ``entry``."""
    name = (entry.name + "\x00").encode("utf-16-le")
    if entry.index == 0:
        kind, size = TYPE_ROOT, mini_stream_size
    elif entry.data is None:
        kind, size = TYPE_STORAGE, 0
    else:
        kind, size = TYPE_STREAM, len(entry.data)
    start = entry.start if kind != TYPE_STORAGE else 0
    if kind == TYPE_STREAM and size == 0:
        start = END_OF_CHAIN
    return struct.pack(
        "<64sHBB3I16sI8s8sIQ",
        name,
        len(name),
        kind,
        entry.color,
        entry.left,
        entry.right,
        entry.child,
        bytes(16),  # CLSID
        0,  # state bits
        bytes(8),  # creation time
        bytes(8),  # modification time
        start,
        size,
    )


def pack_unused_entries(count: int) -> bytes:
    """Return ``count`` unused directory entries."""
    unused = struct.pack(
        "<64sHBB3I16sI8s8sIQ",
        b"",
        0,
        0,
        RED,
        NO_STREAM,
        NO_STREAM,
        NO_STREAM,
        bytes(16),
        0,
        bytes(8),
        bytes(8),
        0,
        0,
    )
    return unused * count


def pack_header(
    fat_sectors: list[int],
    directory_start: int,
    mini_fat_start: int,
    mini_fat_count: int,
) -> bytes:
    """Return the 512-byte header of a version 3 compound file."""
    slots = fat_sectors + [FREE_SECTOR] * (HEADER_FAT_SLOTS - len(fat_sectors))
    return struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        bytes(16),
        0x003E,  # minor version
        0x0003,  # major version: 512-byte sectors
        0xFFFE,  # byte order mark
        9,  # sector shift: 2**9 = 512
        6,  # mini sector shift: 2**6 = 64
        bytes(6),
        0,  # directory sectors: always 0 in version 3
        len(fat_sectors),
        directory_start,
        0,  # transaction signature
        MINI_STREAM_CUTOFF,
        mini_fat_start,
        mini_fat_count,
        END_OF_CHAIN,  # first DIFAT sector: none
        0,  # DIFAT sectors
        *slots,
    )
