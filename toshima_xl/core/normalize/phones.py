"""Telephone numbers: compared as digits, shown with hyphens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from toshima_xl.core.normalize.text import nfkc, squash_spaces

# Text after the dialled number: an extension or a remark.
_EXTENSION = re.compile(r"(内線|ext\.?|\(代\)|代表).*$", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"^\s*\+\s*81[\s\-(]*(?:\(0\))?")
_NON_DIGITS = re.compile(r"\D")
# Anything but digits, spaces, brackets, + and dashes is a remark such as
# FAX兼用, which a suggested hyphenated number would delete.
_REMARK = re.compile(r"[^\d\s()+\-‐‑‒–—―−ー]")

# (prefix, total digits, group lengths), tried in order. Mobile, IP phone
# and toll-free prefixes have fixed layouts; Tokyo 23 wards use 03.
_LAYOUTS: tuple[tuple[str, int, tuple[int, ...]], ...] = (
    ("0120", 10, (4, 3, 3)),
    ("0800", 11, (4, 3, 4)),
    ("0570", 10, (4, 3, 3)),
    ("090", 11, (3, 4, 4)),
    ("080", 11, (3, 4, 4)),
    ("070", 11, (3, 4, 4)),
    ("060", 11, (3, 4, 4)),
    ("050", 11, (3, 4, 4)),
    ("03", 10, (2, 4, 4)),
    ("06", 10, (2, 4, 4)),
    ("0", 10, (3, 3, 4)),  # other area codes: a best guess, e.g. 042-XXX-XXXX
)
LOCAL_DIGITS = 8  # a Tokyo number typed without 03


@dataclass(frozen=True)
class PhoneResult:
    """A checked phone cell: its digits, the hyphenated form and a finding code.

    ``code`` is None, phone.format (info: the typed form differs from the
    standard one), phone.no_area_code (8 digits, 03 assumed in the
    suggestion), phone.bad_prefix (starts with 00) or phone.invalid (wrong
    number of digits).
    """

    digits: str
    formatted: str | None
    code: str | None


def phone_digits(value: Any) -> str:
    """Return the digits of a phone number as typed, for comparisons.

    Full-width digits, every hyphen or dash, spaces, brackets such as
    (03)3981-1111, a leading +81 and an extension (内線 12) are handled. A
    number cell lost its leading 0 in Excel, so a 9- or 10-digit number
    gets it back.

    Args:
        value: A cell value: str, int or float.

    Returns:
        The digits only, or "" when there are none.
    """
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        return "0" + digits if len(digits) in (9, 10) else digits
    text = squash_spaces(nfkc(str(value)))
    text = _EXTENSION.sub("", text)
    if _COUNTRY_CODE.match(text):
        text = "0" + _COUNTRY_CODE.sub("", text)
    return _NON_DIGITS.sub("", text)


def format_phone(digits: str) -> str | None:
    """Hyphenate a phone number given as digits.

    03-XXXX-XXXX for Tokyo, 090/080/070-XXXX-XXXX for mobiles, 050 for IP
    phones, 0120-XXX-XXX and 0800-XXX-XXXX for toll-free numbers, and
    XXX-XXX-XXXX as a best guess for other 10-digit numbers.

    Args:
        digits: The number's digits, as :func:`phone_digits` returns them.

    Returns:
        The hyphenated number, or None when no layout fits the digit count.
    """
    if digits.startswith("00"):  # an international prefix, or a typing slip
        return None
    for prefix, length, groups in _LAYOUTS:
        if not digits.startswith(prefix):
            continue
        # The first matching prefix decides: a 10-digit 090 number is invalid,
        # not an area-code number.
        if len(digits) != length:
            return None
        parts, start = [], 0
        for size in groups:
            parts.append(digits[start : start + size])
            start += size
        return "-".join(parts)
    return None


def check_phone(value: Any) -> PhoneResult:
    """Check a phone cell: digit count, area code, and the standard layout."""
    digits = phone_digits(value)
    formatted = format_phone(digits)
    if formatted is not None:
        typed = squash_spaces(nfkc(str(value)))
        # An extension or remark next to the number is kept as typed.
        clean = (
            typed == formatted
            or _EXTENSION.search(typed) is not None
            or _REMARK.search(typed) is not None
        )
        return PhoneResult(digits, formatted, None if clean else "phone.format")
    if digits.startswith("00"):
        return PhoneResult(digits, None, "phone.bad_prefix")
    if len(digits) == LOCAL_DIGITS and digits[0] != "0":
        return PhoneResult(digits, format_phone("03" + digits), "phone.no_area_code")
    return PhoneResult(digits, None, "phone.invalid")
