"""Tests for phone digits, hyphenation and phone checks."""

from __future__ import annotations

import pytest

from toshima_xl.core.normalize.phones import (
    PhoneResult,
    check_phone,
    format_phone,
    phone_digits,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03-3981-1111", "0339811111"),
        ("(03)3981-1111", "0339811111"),
        ("（０３）３９８１－１１１１", "0339811111"),
        ("03‐3981‐1111", "0339811111"),
        ("03-3981-1111", "0339811111"),
        ("03–3981–1111", "0339811111"),
        ("03—3981—1111", "0339811111"),
        ("03−3981−1111", "0339811111"),
        ("03ー3981ー1111", "0339811111"),
        ("03ｰ3981ｰ1111", "0339811111"),
        ("03 3981 1111", "0339811111"),
        ("+81-3-3981-1111", "0339811111"),
        ("03-3981-1111（内線123）", "0339811111"),
        (339811111, "0339811111"),
        (9012345678.0, "09012345678"),
        ("", ""),
        (None, ""),
    ],
    ids=repr,
)
def test_phone_digits(value, expected):
    assert phone_digits(value) == expected


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("0339811111", "03-3981-1111"),
        ("09012345678", "090-1234-5678"),
        ("08012345678", "080-1234-5678"),
        ("07012345678", "070-1234-5678"),
        ("05012345678", "050-1234-5678"),
        ("0120123456", "0120-123-456"),
        ("08001234567", "0800-123-4567"),
        ("0425551234", "042-555-1234"),
        ("033981111", None),
        ("033981111122", None),
        ("0901234567", None),
        ("39811111", None),
        ("", None),
    ],
    ids=repr,
)
def test_format_phone(digits, expected):
    assert format_phone(digits) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03-3981-1111", PhoneResult("0339811111", "03-3981-1111", None)),
        ("(03)3981-1111", PhoneResult("0339811111", "03-3981-1111", "phone.format")),
        ("０３－３９８１－１１１１", PhoneResult("0339811111", "03-3981-1111", None)),
        ("0339811111", PhoneResult("0339811111", "03-3981-1111", "phone.format")),
        ("03-3981-1111 内線12", PhoneResult("0339811111", "03-3981-1111", None)),
        ("3981-1111", PhoneResult("39811111", "03-3981-1111", "phone.no_area_code")),
        ("03-3981-111", PhoneResult("033981111", None, "phone.invalid")),
        ("090-1234-56789", PhoneResult("090123456789", None, "phone.invalid")),
        ("なし", PhoneResult("", None, "phone.invalid")),
        ("03-3960-2628（FAX兼用）", PhoneResult("0339602628", "03-3960-2628", None)),
        ("FAX 0339602628", PhoneResult("0339602628", "03-3960-2628", None)),
        ("00-0000-0000", PhoneResult("0000000000", None, "phone.bad_prefix")),
    ],
    ids=repr,
)
def test_check_phone(value, expected):
    assert check_phone(value) == expected
