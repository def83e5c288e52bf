"""Tests for the finding catalogue: every template formats, every code exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from toshima_xl.core.dataset import Severity
from toshima_xl.messages import CATALOGUE, format_place, list_values, make_finding

PACKAGE = Path(__file__).resolve().parent.parent / "toshima_xl"

# One sample per placeholder name used in the catalogue. A template with a
# name missing here fails, so a misspelt placeholder cannot reach staff.
SAMPLES = {
    "header": "名称",
    "hint": "「公開可」の誤りではありませんか。",
    "expected": "東部",
    "length": 120,
    "limit": 100,
    "first": "=",
    "digits": 9,
    "town": "東池袋2丁目",
    "chome": 9,
    "list_name": "公開区分",
    "other_rows": "4、5",
    "other": "中央",
    "prefix": "R",
    "detail": "形式が違います",
    "reason": "名称と住所が同じ",
    "group": 1,
    "year": 1905,
    "used": "地域資源",
    "minimum": 1,
    "latest": "令和4年度",
    "towns": "雑司が谷、東池袋4丁目",
    "registered": "令和3年7月9日",
    "installed_year": "平成30年度",
    "fiscal_year": "R3",
    "kind": "論理値",
}
# Filled by make_finding itself from its own arguments.
BUILT_IN = {"value", "suggestion", "sheet"}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE), ids=str)
def test_template_formats_with_samples(code):
    needed = placeholders(CATALOGUE[code].text) - BUILT_IN
    params = {name: SAMPLES[name] for name in needed}

    finding = make_finding(
        code, "地域資源", 2, "名称", value="値", suggestion="候補", **params
    )

    assert finding.message.startswith("「地域資源」シート 2行目「名称」: ")
    assert "{" not in finding.message
    assert "}" not in finding.message
    assert finding.message.endswith("。")


@pytest.mark.parametrize("code", sorted(CATALOGUE), ids=str)
def test_template_has_known_severity_and_code_shape(code):
    assert isinstance(CATALOGUE[code].severity, Severity)
    assert re.fullmatch(r"[a-z_]+\.[a-z_]+", code)


def codes_in(folder: str) -> set[str]:
    found: set[str] = set()
    for path in (PACKAGE / folder).rglob("*.py"):
        found |= set(
            re.findall(r'"([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
        )
    return found


@pytest.mark.parametrize("folder", ["core/normalize", "core/validation"], ids=str)
def test_codes_used_by_checks_are_catalogued(folder):
    assert codes_in(folder) - set(CATALOGUE) == set()


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (3, "住所", "「ベンチ」シート 3行目「住所」: "),
        (3, None, "「ベンチ」シート 3行目: "),
        (None, None, "「ベンチ」シート: "),
        (None, "住所", "「ベンチ」シート: "),
    ],
    ids=["cell", "row", "sheet", "column-without-row"],
)
def test_format_place(row, column, expected):
    assert format_place("ベンチ", row, column) == expected


def test_long_value_is_shortened():
    finding = make_finding("date.invalid", "会議", 2, "開催日", value="あ" * 60)

    assert "「" + "あ" * 39 + "…」" in finding.message
    assert finding.value == "あ" * 60


def test_list_values_caps_at_ten():
    values = [str(n) for n in range(1, 13)]

    assert list_values(values) == "1、2、3、4、5、6、7、8、9、10ほか 2 件"
