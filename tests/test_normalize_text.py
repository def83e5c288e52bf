"""Tests for folding, kana script and formula-looking text."""

from __future__ import annotations

import pytest

from toshima_xl.core.normalize.text import (
    fold,
    is_formula_like,
    is_katakana,
    to_katakana,
    unify_hyphens,
)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ＡＢＣ　サロン", "abc サロン"),
        ("サロン  東池袋", "サロン 東池袋"),
        ("㈱サンシャインシティ", "株式会社サンシャインシティ"),
        ("（株）サンシャインシティ", "株式会社サンシャインシティ"),
        ("(株)サンシャインシティ", "株式会社サンシャインシティ"),
        ("㈲豊島商店", "有限会社豊島商店"),
        ("WILLER株式会社", "Willer株式会社"),
        ("雑司ヶ谷の会", "雑司が谷の会"),
        ("雑司ケ谷の会", "雑司が谷の会"),
        ("さろん", "サロン"),
        ("ｻﾛﾝ", "サロン"),
        ("2‐38−10", "2-38-10"),
        ("2ー38ー10", "2-38-10"),
    ],
    ids=repr,
)
def test_fold_equal(left, right):
    assert fold(left) == fold(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("サロン", "サロソ"),
        ("公開可", "非公開"),
        ("センター", "セン-タ-"),
    ],
    ids=repr,
)
def test_fold_different(left, right):
    assert fold(left) != fold(right)


def test_fold_keeps_long_vowel_after_kana():
    assert fold("センター") == "センター"


def test_unify_hyphens_keeps_long_vowel_in_word():
    assert unify_hyphens("サンシャインセンター2ー1") == "サンシャインセンター2-1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("さろん", "サロン"),
        ("ｻﾛﾝ", "サロン"),
        ("としまる体操", "トシマル体操"),
        ("サロン", "サロン"),
    ],
    ids=repr,
)
def test_to_katakana(text, expected):
    assert to_katakana(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("サロン", True),
        ("トシマル・タイソウ", True),
        ("サロン　ヒガシイケブクロ", True),
        ("コーヒー", True),
        ("さろん", False),
        ("ｻﾛﾝ", False),
        ("サロンA", False),
        ("体操", False),
        ("", False),
    ],
    ids=repr,
)
def test_is_katakana(text, expected):
    assert is_katakana(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", True),
        ("+81", True),
        ("-テスト", True),
        ("@mention", True),
        ("  =1", True),
        ("備考=あり", False),
        ("＝全角", False),
        ("", False),
    ],
    ids=repr,
)
def test_is_formula_like(text, expected):
    assert is_formula_like(text) is expected
