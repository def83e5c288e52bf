"""Tests for the 検証結果 sheet, cell marks and the cell helpers behind them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from toshima_xl.core.cells import (
    cell_reference,
    column_letter,
    display_value,
    safe_text,
)
from toshima_xl.core.dataset import Dataset, Severity, SheetTable
from toshima_xl.core.sheets import cell_marks, findings_sheet
from toshima_xl.messages import make_finding
from toshima_xl.schema import RESOURCES


def resources_table(first_column: int) -> SheetTable:
    return SheetTable(
        spec=RESOURCES,
        sheet_name="地域資源",
        header_row=1,
        typed_headers=RESOURCES.headers,
        field_positions={c.field: i for i, c in enumerate(RESOURCES.columns)},
        rows=[],
        first_column=first_column,
    )


FINDINGS = [
    make_finding(
        "cell.formula_text",
        "地域資源",
        12,
        "名称",
        value="=SUM(A1)",
        column_index=1,
        first="=",
    ),
    make_finding(
        "date.invalid", "地域資源", 12, "登録日", value="2021/13/1", column_index=15
    ),
    make_finding(
        "area.unknown", "地域資源", 5, "圏域", value="北部", column_index=4, hint=""
    ),
    make_finding("sheet.missing", "会議"),
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+81 3 3981 1111", "'+81 3 3981 1111"),
        ("-", "'-"),
        ("@home", "'@home"),
        (" =1", "' =1"),
        ("さくらサロン", "さくらサロン"),
        (18, 18),
        (None, None),
    ],
    ids=["equals", "plus", "minus", "at", "leading-space", "plain", "number", "none"],
)
def test_safe_text(value, expected):
    assert safe_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 7, 9), "2021/7/9"),
        (datetime(2021, 7, 9), "2021/7/9"),
        (datetime(2021, 7, 9, 13, 5), "2021/7/9 13:05"),
        (18.0, 18),
        (None, ""),
        ("=1+2", "'=1+2"),
    ],
    ids=["date", "midnight", "time", "integral-float", "none", "formula"],
)
def test_display_value(value, expected):
    assert display_value(value) == expected


@pytest.mark.parametrize(
    ("column", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (28, "AB"), (703, "AAA")]
)
def test_column_letter(column, letters):
    assert column_letter(column) == letters


def test_cell_reference_quotes_sheet():
    assert cell_reference("地域資源", 12, 4) == "'地域資源'!D12"
    assert cell_reference("田中's", 2, 1) == "'田中''s'!A2"


def test_findings_sheet_rows_and_links():
    sheet = findings_sheet(FINDINGS, {"地域資源": resources_table(first_column=3)})
    assert sheet.name == "検証結果"
    assert sheet.rows[0] == [
        "重要度",
        "シート",
        "行",
        "列",
        "値",
        "コード",
        "メッセージ",
        "修正案",
        "反映",
        "キー",
    ]
    assert [row[-1] for row in sheet.rows[1:]] == [
        "地域資源|5|圏域|area.unknown",
        "地域資源|12|登録日|date.invalid",
        "",
        "地域資源|12|名称|cell.formula_text",
    ]
    assert (sheet.keep_column, sheet.key_column) == ("反映", "キー")
    assert [row[5] for row in sheet.rows[1:]] == [
        "area.unknown",
        "date.invalid",
        "sheet.missing",
        "cell.formula_text",
    ]
    assert sheet.rows[1][:5] == ["エラー", "地域資源", 5, "圏域", "北部"]
    assert sheet.rows[3][2:5] == ["", "", ""]
    assert sheet.rows[4][4] == "'=SUM(A1)"
    assert sheet.links == {
        (1, 2): "'地域資源'!G5",
        (2, 2): "'地域資源'!R12",
        (4, 2): "'地域資源'!D12",
    }


def test_findings_sheet_without_tables():
    sheet = findings_sheet(FINDINGS[:1])
    assert sheet.links == {(1, 2): "'地域資源'!B12"}


def test_cell_marks_one_per_cell():
    twice = FINDINGS + [
        make_finding(
            "choice.unknown",
            "地域資源",
            5,
            "圏域",
            value="北部",
            column_index=4,
            list_name="圏域",
            hint="",
        )
    ]
    dataset = Dataset(
        source="テスト.xlsx", tables={"地域資源": resources_table(1)}, lists={}
    )
    marks = cell_marks(twice, dataset)
    assert [(m.sheet, m.row, m.column, m.severity) for m in marks] == [
        ("地域資源", 5, 5, Severity.ERROR),
        ("地域資源", 12, 2, Severity.WARNING),
        ("地域資源", 12, 16, Severity.ERROR),
    ]
    assert marks[0].note.count("\n") == 1
