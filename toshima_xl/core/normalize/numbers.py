"""Counts (参加者数, 回, 65歳以上人口) and kanji numerals."""

from __future__ import annotations

import re
from typing import Any

from toshima_xl.core.normalize.text import nfkc, unify_hyphens

KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMERAL = re.compile("[" + "".join(KANJI_DIGITS) + "".join(KANJI_UNITS) + "]+")

# Words around a count that staff add but that carry no number.
_APPROXIMATE = re.compile(
    r"^(約|およそ|概ね|おおよそ|大体|ca\.?)\s*|\s*(程度|くらい|ぐらい|前後)$"
)
_UNITS = re.compile(r"\s*(名|人|件|回|個|台|か所|箇所|ヶ所|カ所|団体|歳)$")
_ORDINAL = re.compile(r"^第\s*")
_INTEGER = re.compile(r"^-?\d+$")
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def kanji_to_int(text: str) -> int | None:
    """Read a kanji numeral such as 三十八, 百二 or 二〇二一; None if not one."""
    if not text or any(ch not in KANJI_DIGITS and ch not in KANJI_UNITS for ch in text):
        return None
    if all(ch in KANJI_DIGITS for ch in text):
        return int("".join(str(KANJI_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in KANJI_DIGITS:
            current = current * 10 + KANJI_DIGITS[ch]
        else:
            total += (current or 1) * KANJI_UNITS[ch]
            current = 0
    return total + current


def replace_kanji_numerals(text: str) -> str:
    """Replace every run of kanji numerals in ``text`` with Arabic digits."""
    return KANJI_NUMERAL.sub(lambda m: str(kanji_to_int(m.group())), text)


def parse_count(value: Any) -> tuple[int | None, str | None]:
    """Parse a count of people or times, as typed in a cell.

    Accepts numbers, full-width digits, 「1,234」, units such as 「18名」 and
    kanji numerals (number.text), and 「約20」 (number.approximate, the number
    is kept). A negative number gives number.negative and anything else
    number.invalid, both with no value.

    Args:
        value: A cell value: None, int, float or str.

    Returns:
        The count (or None) and a finding code (or None when the value was a
        plain non-negative integer or blank).
    """
    if value is None or isinstance(value, bool):
        return (None, None) if value is None else (None, "number.invalid")
    if isinstance(value, int):
        return (None, "number.negative") if value < 0 else (value, None)
    if isinstance(value, float):
        if not value.is_integer():
            return None, "number.invalid"
        return parse_count(int(value))
    if not isinstance(value, str):
        return None, "number.invalid"
    return _parse_count_text(value)


def _parse_count_text(value: str) -> tuple[int | None, str | None]:
    """Parse a count typed as text; see :func:`parse_count`."""
    text = unify_hyphens(nfkc(value)).strip()
    if not text:
        return None, None
    if _INTEGER.match(text) and text == value.strip():
        number = int(text)
        return (None, "number.negative") if number < 0 else (number, None)

    code = "number.text"
    stripped = _APPROXIMATE.sub("", text)
    if stripped != text:
        code = "number.approximate"
    stripped = _ORDINAL.sub("", _UNITS.sub("", stripped)).strip()
    stripped = replace_kanji_numerals(stripped)
    if _GROUPED.match(stripped):
        stripped = stripped.replace(",", "")
    if not _INTEGER.match(stripped):
        return None, "number.invalid"
    number = int(stripped)
    if number < 0:
        return None, "number.negative"
    return number, code
