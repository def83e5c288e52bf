"""Toshima addresses in a canonical form, and the town lists of the 圏域 sheet.

The canonical key of 東京都豊島区東池袋二丁目38番10号 is 東池袋2-38-10:
town, then 丁目-番-号 in Arabic digits. Only the numbers after the town are
rewritten, so town names keep their kanji (千早, 千川) and a building name
after the number is dropped from the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from toshima_xl.core.normalize.numbers import kanji_to_int, replace_kanji_numerals
from toshima_xl.core.normalize.text import nfkc, squash_spaces, unify_hyphens
from toshima_xl.core.towns import TOSHIMA_TOWNS, TOWNS_LONGEST_FIRST

# Older spellings still seen in addresses, with the official town name.
TOWN_ALIASES: dict[str, str] = {"雑司ヶ谷": "雑司が谷", "雑司ケ谷": "雑司が谷"}

# A postal code (〒170-0003), then 東京都 and 豊島区 in any number, as typed
# when an address is pasted from a letterhead.
_PREFIX = re.compile(
    r"^(?:〒?\s*\d{3}\s*[-‐‑‒–—―−ー]?\s*\d{4}\s*)?(?:東京都|豊島区|\s)*"
)
_NUMBER = r"(\d+|[〇一二三四五六七八九十百千]+)"
_ADDRESS_NUMBER = re.compile(
    rf"^{_NUMBER}\s*(?:丁目|-)\s*"
    rf"(?:{_NUMBER}\s*(?:番地の|番地|番の|番|-|の)?\s*(?:{_NUMBER}\s*号?)?)?"
)
_TOWN_LIST_SEPARATORS = re.compile(r"[、,;/\s]+|・(?=\D)")
_CHOME_RANGE = re.compile(r"^(\d+)(?:丁目)?(?:[~〜\-](\d+))?$")


@dataclass(frozen=True)
class AddressResult:
    """A parsed address.

    ``code`` is None for a clean address, address.outside_ward (no Toshima
    town at the start), address.invalid (no 丁目 number after the town), or
    address.chome_unknown (the town has no such 丁目). ``key`` is None
    unless at least the 丁目 was read.
    """

    town: str | None
    chome: int | None = None
    key: str | None = None
    code: str | None = None
    building: str = ""

    @property
    def town_key(self) -> str | None:
        """The key used in the town-to-area table: 東池袋2, or 東池袋 alone."""
        if self.town is None:
            return None
        return f"{self.town}{self.chome}" if self.chome is not None else self.town


def split_town(text: str) -> tuple[str | None, str]:
    """Split NFKC text into a Toshima town (or None) and the rest after it."""
    for alias, town in TOWN_ALIASES.items():
        if text.startswith(alias):
            return town, text[len(alias) :]
    for town in TOWNS_LONGEST_FIRST:
        if text.startswith(town):
            return town, text[len(town) :]
    return None, text


def canonical_address(text: Any) -> AddressResult:
    """Read a Toshima address into its town, 丁目 and canonical key.

    Accepts an optional postal code, 東京都 and 豊島区 prefix, full-width
    digits, kanji numerals (二丁目三十八番十号), 丁目/番/番地/号/の or any
    hyphen between the numbers, and a building or room after the number.

    Args:
        text: The address cell, usually text.

    Returns:
        The parsed address; see :class:`AddressResult`.
    """
    normalized = squash_spaces(nfkc(str(text)))
    town, rest = split_town(_PREFIX.sub("", normalized, count=1))
    if town is None:
        return AddressResult(None, code="address.outside_ward")

    # Hyphen-like characters are unified after the town only, so that a
    # long-vowel mark inside a building name after a kana stays as typed.
    rest = unify_hyphens(rest).strip()
    match = _ADDRESS_NUMBER.match(rest)
    if match is None:
        return AddressResult(town, code="address.invalid", building=rest)

    numbers = [_to_int(group) for group in match.groups()]
    chome = numbers[0]
    key = town + "-".join(str(n) for n in numbers if n is not None)
    building = rest[match.end() :].strip()
    if chome is None or not 1 <= chome <= TOSHIMA_TOWNS[town]:
        return AddressResult(town, chome, key, "address.chome_unknown", building)
    return AddressResult(town, chome, key, None, building)


def _to_int(group: str | None) -> int | None:
    if group is None:
        return None
    return int(group) if group.isdigit() else kanji_to_int(group)


@dataclass(frozen=True)
class TownList:
    """The towns of one 担当町丁目 cell: keys such as 東池袋2, and unread items."""

    keys: tuple[str, ...]
    unknown: tuple[str, ...]


def parse_town_list(text: Any) -> TownList:
    """Read a 担当町丁目 cell such as 「東池袋1～3丁目、南池袋、雑司が谷」.

    Items are separated by 、 or commas (also ; / and spaces). An item is a
    town alone (南池袋), a town with one 丁目 (東池袋4丁目), a range
    (東池袋1～3丁目, 1丁目～3丁目) or a list (東池袋1・2丁目).

    Args:
        text: The cell value.

    Returns:
        The keys in order without repeats, and the items that name no
        Toshima town or 丁目.
    """
    if text is None:
        return TownList((), ())
    normalized = nfkc(str(text))
    keys: list[str] = []
    unknown: list[str] = []
    for item in _TOWN_LIST_SEPARATORS.split(normalized):
        if not item:
            continue
        item_keys = _read_town_item(item)
        if item_keys is None:
            unknown.append(item)
        keys.extend(k for k in item_keys or () if k not in keys)
    return TownList(tuple(keys), tuple(unknown))


def _read_town_item(item: str) -> list[str] | None:
    """Return the keys one town item names, or None if it cannot be read."""
    town, rest = split_town(item)
    if town is None:
        return None
    # Numerals are converted after the town only: 千早 and 千川 keep their 千.
    rest = replace_kanji_numerals(rest)
    if not rest:
        return [town]
    if not rest.endswith("丁目"):
        return None
    chomes: list[int] = []
    for part in rest.removesuffix("丁目").split("・"):
        match = _CHOME_RANGE.match(part)
        if match is None:
            return None
        first = int(match[1])
        last = int(match[2]) if match[2] else first
        chomes.extend(range(first, last + 1))
    if not chomes or not all(1 <= c <= TOSHIMA_TOWNS[town] for c in chomes):
        return None
    return [f"{town}{c}" for c in chomes]
