"""Tests for counts and kanji numerals."""

from __future__ import annotations

import pytest

from toshima_xl.core.normalize.numbers import (
    kanji_to_int,
    parse_count,
    replace_kanji_numerals,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (18, (18, None)),
        (18.0, (18, None)),
        (0, (0, None)),
        ("18", (18, None)),
        (" 18 ", (18, None)),
        ("１８", (18, "number.text")),
        ("18名", (18, "number.text")),
        ("１８名", (18, "number.text")),
        ("18 人", (18, "number.text")),
        ("第2回", (2, "number.text")),
        ("1,234", (1234, "number.text")),
        ("十八名", (18, "number.text")),
        ("約20", (20, "number.approximate")),
        ("約20名", (20, "number.approximate")),
        ("20名程度", (20, "number.approximate")),
        ("およそ３０人", (30, "number.approximate")),
        (-3, (None, "number.negative")),
        ("-3", (None, "number.negative")),
        ("－３", (None, "number.negative")),
        (12.5, (None, "number.invalid")),
        ("10～15名", (None, "number.invalid")),
        ("1,23", (None, "number.invalid")),
        ("多数", (None, "number.invalid")),
        (True, (None, "number.invalid")),
        ("", (None, None)),
        (None, (None, None)),
    ],
    ids=repr,
)
def test_parse_count(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二", 2),
        ("十", 10),
        ("十二", 12),
        ("三十八", 38),
        ("百二", 102),
        ("千二百三十四", 1234),
        ("二〇二一", 2021),
        ("", None),
        ("二a", None),
    ],
    ids=repr,
)
def test_kanji_to_int(text, expected):
    assert kanji_to_int(text) == expected


def test_replace_kanji_numerals_in_text():
    assert replace_kanji_numerals("二丁目三十八番十号") == "2丁目38番10号"
