"""Compress bytes with the LZ77 variant of [MS-OVBA] 2.4.1 (VBA source and dir).

The output is a CompressedContainer: the signature byte 0x01, then one
CompressedChunk per 4096 bytes of input. Each chunk is a 2-byte header and a
sequence of token groups: a flag byte, then eight tokens that are each a
literal byte (flag bit 0) or a 2-byte copy token (flag bit 1) pointing back
into the same chunk. The matcher is greedy and keeps a bounded list of
candidates per 3-byte prefix, so the output depends only on the input.
"""

from __future__ import annotations

import struct

CHUNK_SIZE = 4096
MIN_MATCH = 3
# More candidates compress a little better and cost time; VBA source is
# repetitive enough that the most recent 32 find nearly every long match.
MAX_CANDIDATES = 32


def compress(data: bytes) -> bytes:
    """Return ``data`` as an [MS-OVBA] CompressedContainer."""
    output = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK_SIZE):
        output += compress_chunk(data[start : start + CHUNK_SIZE])
    return bytes(output)


def compress_chunk(chunk: bytes) -> bytes:
    """Return one CompressedChunk (header and body) for up to 4096 bytes."""
    body = compress_tokens(chunk)
    if len(body) + 2 > CHUNK_SIZE + 2 and len(chunk) == CHUNK_SIZE:
        # A raw chunk stores the 4096 bytes as they are; flag bit 15 is 0.
        return struct.pack("<H", (CHUNK_SIZE - 1) | 0x3000) + chunk
    header = (len(body) + 2 - 3) | 0x3000 | 0x8000
    return struct.pack("<H", header) + body


def compress_tokens(chunk: bytes) -> bytes:
    """Encode a chunk as flag bytes and tokens."""
    output = bytearray()
    candidates: dict[bytes, list[int]] = {}
    position = 0
    while position < len(chunk):
        flag_index = len(output)
        output.append(0)
        for bit in range(8):
            if position >= len(chunk):
                break
            offset, length = find_match(chunk, position, candidates)
            if length >= MIN_MATCH:
                output += struct.pack("<H", pack_copy_token(position, offset, length))
                output[flag_index] |= 1 << bit
                step = length
            else:
                output.append(chunk[position])
                step = 1
            for index in range(position, position + step):
                remember(chunk, index, candidates)
            position += step
    return bytes(output)


def find_match(
    chunk: bytes, position: int, candidates: dict[bytes, list[int]]
) -> tuple[int, int]:
    """Return (offset, length) of the longest earlier match, or (0, 0)."""
    key = chunk[position : position + MIN_MATCH]
    if len(key) < MIN_MATCH or key not in candidates:
        return 0, 0
    max_length = min(max_copy_length(position), len(chunk) - position)
    best_offset, best_length = 0, 0
    for start in reversed(candidates[key]):
        length = MIN_MATCH
        while length < max_length and chunk[start + length] == chunk[position + length]:
            length += 1
        if length > best_length:
            best_offset, best_length = position - start, length
            if length == max_length:
                break
    return best_offset, best_length


def remember(chunk: bytes, index: int, candidates: dict[bytes, list[int]]) -> None:
    """Record that the 3-byte prefix at ``index`` starts there."""
    key = chunk[index : index + MIN_MATCH]
    if len(key) < MIN_MATCH:
        return
    starts = candidates.setdefault(key, [])
    starts.append(index)
    if len(starts) > MAX_CANDIDATES:
        del starts[0]


def offset_bit_count(position: int) -> int:
    """Return how many high bits of a copy token hold the offset at ``position``."""
    return max((position - 1).bit_length(), 4)


def max_copy_length(position: int) -> int:
    """Return the longest copy a token at ``position`` can express."""
    return (0xFFFF >> offset_bit_count(position)) + 3


def pack_copy_token(position: int, offset: int, length: int) -> int:
    """Pack a copy token: offset - 1 in the high bits, length - 3 in the low bits."""
    bit_count = offset_bit_count(position)
    return ((offset - 1) << (16 - bit_count)) | (length - 3)
