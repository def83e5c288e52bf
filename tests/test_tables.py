"""Tests for build_dataset: headers, formula cells, apostrophes and the リスト sheet."""

from __future__ import annotations

from datetime import datetime

import pytest

from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.tables import build_dataset, column_number
from toshima_xl.schema import MEETINGS

HEADERS = MEETINGS.headers  # 会議ID, 会議体, 回, 開催日, テーマ, ゲスト, 参加者数, ...
COUNT = HEADERS.index("参加者数")


def meeting(number: int, participants=18) -> list:
    row = [f"M{number:04d}", "地区懇談会", number, "2021-07-09"] + [None] * 5
    row[COUNT] = participants
    return row


def dataset_of(sheet: RawSheet):
    return build_dataset(RawWorkbook("会議.xlsx", {"会議": sheet}))


def structural(dataset, sheet="会議"):
    return [
        (f.code, f.row, f.column, f.value) for f in dataset.findings if f.sheet == sheet
    ]


@pytest.mark.parametrize(
    ("letters", "number"),
    [("A", 1), ("Z", 26), ("AA", 27), ("AB", 28), ("XFD", 16384)],
    ids=["A", "Z", "AA", "AB", "XFD"],
)
def test_column_number(letters, number):
    assert column_number(letters) == number


def test_merged_header_cell_reported():
    sheet = RawSheet("会議", [HEADERS, meeting(1)], merged=["E1:F1"])
    assert structural(dataset_of(sheet)) == [("header.merged", 1, "テーマ", "E1:F1")]


def test_merged_title_above_header_not_reported():
    title = ["令和3年度 会議一覧"] + [None] * (len(HEADERS) - 1)
    sheet = RawSheet(
        "会議", [title, HEADERS, meeting(1)], merged=["A1:I1", "$G$2:$H$2"]
    )
    dataset = dataset_of(sheet)
    assert structural(dataset) == [("header.merged", 2, "参加者数", "$G$2:$H$2")]
    assert dataset.tables["会議"].header_row == 2


def test_merged_header_in_shifted_block():
    sheet = RawSheet("会議", [HEADERS, meeting(1)], first_row=3, first_column=2)
    sheet.merged.append("C3:D4")
    assert structural(dataset_of(sheet)) == [("header.merged", 3, "会議体", "C3:D4")]


def test_uncached_formula_keeps_row():
    blank = [None] * len(HEADERS)
    sheet = RawSheet("会議", [HEADERS, meeting(1), blank, blank])
    sheet.formulas[(3, COUNT)] = "=SUM(10,8)"
    dataset = dataset_of(sheet)
    rows = dataset.tables["会議"].rows
    assert [row.excel_row for row in rows] == [2, 4]
    assert rows[1].formulas == {"participants": "=SUM(10,8)"}
    assert structural(dataset) == [("row.blank_gap", None, None, "3")]


def test_apostrophes_carried_by_field():
    sheet = RawSheet("会議", [HEADERS, meeting(1, participants="18")])
    sheet.apostrophes.add((1, COUNT))
    rows = dataset_of(sheet).tables["会議"].rows
    assert rows[0].apostrophes == {"participants"}
    assert rows[0].formulas == {}


def test_sheet_names_folding_alike_flagged():
    headers = ["資源ID", "名称"]
    real = RawSheet("地域資源", [headers, ["R0001", "本物"]])
    shadow = RawSheet("地域資源 ", [headers, ["R0002", "古い写し"]])
    dataset = build_dataset(
        RawWorkbook("x.xlsx", {"地域資源 ": shadow, "地域資源": real})
    )

    table = dataset.tables["地域資源"]
    assert table.sheet_name == "地域資源"
    assert [row.values["name"] for row in table.rows] == ["本物"]
    ambiguous = [f for f in dataset.findings if f.code == "sheet.ambiguous"]
    assert [(f.sheet, f.severity) for f in ambiguous] == [("地域資源 ", "error")]


def test_ragged_rows_read_as_blank_past_their_end():
    blank: list = []
    far = [None] * 20 + ["メモ"]
    values = [HEADERS, ["M0001", "地区懇談会"], blank, blank, far]
    dataset = dataset_of(RawSheet("会議", values))

    rows = dataset.tables["会議"].rows
    assert [row.excel_row for row in rows] == [2, 5]
    assert rows[0].values["held_on"] is None
    assert rows[1].values["meeting_id"] is None
    assert rows[1].extras == {}
    assert ("row.blank_gap", None, None, "3～4") in structural(dataset)


def test_totals_row_skipped():
    totals = ["集計", None, None, None, None, None, "=SUBTOTAL(109,G2:G3)"]
    sheet = RawSheet("会議", [HEADERS, meeting(1), meeting(2), totals], totals_rows={4})
    dataset = dataset_of(sheet)
    assert [row.excel_row for row in dataset.tables["会議"].rows] == [2, 3]
    assert structural(dataset) == []


def test_totals_row_set_defaults_empty():
    sheet = RawSheet("会議", [HEADERS, meeting(1)])
    assert sheet.totals_rows == set()


def on_list_sheet(dataset):
    return [f for f in dataset.findings if f.sheet == "リスト"]


def list_findings(dataset):
    return [
        (f.code, f.sheet, f.row, f.column, f.column_index, f.value)
        for f in on_list_sheet(dataset)
    ]


def lists_of(sheet: RawSheet):
    return build_dataset(RawWorkbook("リスト.xlsx", {"リスト": sheet}))


@pytest.mark.parametrize(
    ("entry", "shown"),
    [(True, "TRUE"), (False, "FALSE"), (1, "1"), (2.0, "2"), (1.5, "1.5")],
    ids=["true", "false", "int", "whole-float", "float"],
)
def test_list_entry_not_text(entry, shown):
    dataset = lists_of(
        RawSheet("リスト", [["状態", "有無"], ["活動中", "あり"], [None, entry]])
    )

    assert list_findings(dataset) == [("list.not_text", "リスト", 3, "有無", 1, shown)]
    assert on_list_sheet(dataset)[0].severity == "warning"
    assert dataset.lists["有無"] == ["あり", str(entry)]


def test_list_date_entry_not_text():
    sheet = RawSheet("リスト", [["会議体"], [datetime(2021, 7, 9)]])

    dataset = lists_of(sheet)

    assert list_findings(dataset) == [
        ("list.not_text", "リスト", 2, "会議体", 0, "2021-07-09")
    ]
    assert "日付" in on_list_sheet(dataset)[0].message


def test_list_duplicates_within_column():
    values = [
        ["種別", "状態"],
        ["サロン", "活動中"],
        ["体操教室", "休止中"],
        ["サロン ", "活動中"],
        ["ｻﾛﾝ", None],
        [None, "体操教室"],
    ]

    dataset = lists_of(RawSheet("リスト", values))

    assert list_findings(dataset) == [
        ("list.duplicate", "リスト", 4, "種別", 0, "サロン"),
        ("list.duplicate", "リスト", 5, "種別", 0, "ｻﾛﾝ"),
        ("list.duplicate", "リスト", 4, "状態", 1, "活動中"),
    ]
    assert all(f.severity == "info" for f in on_list_sheet(dataset))
    assert "2行目" in on_list_sheet(dataset)[0].message
    assert dataset.lists["種別"] == ["サロン", "体操教室", "サロン", "ｻﾛﾝ"]


def test_list_findings_placed_in_shifted_block():
    sheet = RawSheet(
        "リスト", [["有無"], ["あり"], ["あり"]], first_row=3, first_column=2
    )

    dataset = lists_of(sheet)

    assert list_findings(dataset) == [
        ("list.duplicate", "リスト", 5, "有無", 1, "あり")
    ]


def test_clean_list_sheet_has_no_findings():
    sheet = RawSheet("リスト", [["有無", "状態"], ["あり", "活動中"], ["なし", None]])

    dataset = lists_of(sheet)

    assert list_findings(dataset) == []
    assert dataset.lists["有無"] == ["あり", "なし"]
    assert dataset.lists["状態"] == ["活動中"]
