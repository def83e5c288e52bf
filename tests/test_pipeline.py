"""Tests for the pipeline runs on a small workbook built from raw cell blocks.

The resource names, people and phone numbers are invented.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.pipeline import (
    closing_message,
    run_counts,
    run_duplicates,
    run_report,
    run_validation,
)
from toshima_xl.core.tables import build_dataset
from toshima_xl.schema import AREAS, BENCHES, MEETINGS, RESOURCES

TODAY = date(2022, 5, 10)
CONTACT = "豊島太郎"
FORMULA_NAME = "=1+2"

AREA_ROWS = [
    ["菊かおる園", "菊かおる園", "高田1～3丁目、上池袋1～4丁目"],
    ["東部", "東部", "東池袋1～5丁目、南大塚1～3丁目"],
    ["中央", "中央", "南池袋1～4丁目、雑司が谷1～3丁目"],
    ["いけよんの郷", "いけよんの郷", "池袋1～4丁目、池袋本町1～4丁目"],
    ["アトリエ村", "アトリエ村", "要町1～3丁目、千早1～4丁目、高松1～3丁目"],
    ["西部", "西部", "長崎1～6丁目、南長崎1～6丁目、千川1～2丁目"],
    ["ふくろうの杜", "ふくろうの杜", "目白1～5丁目、西池袋1～5丁目"],
    [
        "豊島区医師会",
        "豊島区医師会",
        "駒込1～7丁目、巣鴨1～5丁目、西巣鴨1～4丁目、北大塚1～3丁目",
    ],
]


def resource_row(rid, name, area, address, phone, visibility, registered_on):
    cells = dict.fromkeys(RESOURCES.headers)
    cells |= {
        "資源ID": rid,
        "名称": name,
        "種別": "サロン",
        "圏域": area,
        "住所": address,
        "電話番号": phone,
        "担当者": CONTACT,
        "公開区分": visibility,
        "状態": "活動中",
        "登録日": registered_on,
    }
    return list(cells.values())


def raw_workbook() -> RawWorkbook:
    resources = [
        RESOURCES.headers,
        resource_row(
            "R0001",
            "ひまわり体操会",
            "東部",
            "東池袋2-38-10",
            "03-3981-1111",
            "公開可",
            datetime(2021, 2, 1),
        ),
        resource_row(
            "R0002",
            "ヒマワリ体操の会",
            "東部",
            "東京都豊島区東池袋二丁目38番10号",
            "03-3981-2222",
            "非公開",
            datetime(2021, 6, 1),
        ),
        resource_row(
            "R0003",
            FORMULA_NAME,
            "中央",
            "南池袋1-1-1",
            None,
            "公開可",
            datetime(2021, 9, 1),
        ),
        resource_row(
            "R0004",
            "さくらサロン",
            "西部",
            "長崎2-3-4",
            None,
            "公開可",
            datetime(2021, 10, 1),
        ),
    ]
    areas = [[h for h in AREAS.headers[:3]]] + AREA_ROWS
    benches = [
        BENCHES.headers[:7] + ["状態"],
        [
            "B0001",
            "東池袋フレイル対策センター",
            "東池袋2-38-10",
            "東部",
            "本実施",
            "R3",
            datetime(2021, 10, 1),
            "設置中",
        ],
    ]
    meetings = [
        MEETINGS.headers[:7],
        [
            "M0001",
            "第1層協議体",
            1,
            datetime(2021, 7, 9),
            "共通交通サービス「mobi」の活用について",
            "としま会議主催",
            18,
        ],
        [
            "M0002",
            "第1層協議体",
            2,
            datetime(2021, 11, 18),
            "高齢者のICT活用について",
            "としま会議主催",
            14,
        ],
    ]
    return RawWorkbook(
        source="テスト.xlsx",
        sheets={
            # The registry starts in column B, so marks must add an offset.
            "地域資源": RawSheet("地域資源", resources, first_column=2),
            "圏域": RawSheet("圏域", areas),
            "ベンチ": RawSheet("ベンチ", benches),
            "会議": RawSheet("会議", meetings),
        },
    )


@pytest.fixture
def dataset():
    return build_dataset(raw_workbook())


def cells_of(sheet) -> list[str]:
    return [str(cell) for row in sheet.rows for cell in row]


def test_run_validation_sheet_and_summary(dataset):
    results = run_validation(dataset, TODAY)
    assert [sheet.name for sheet in results.sheets] == ["検証結果"]
    assert results.summary["rows_checked"] == 4 + 8 + 1 + 2
    assert results.summary["errors"] == results.error_count
    assert results.summary["warnings"] == results.warning_count
    assert results.summary["message"].startswith("15行を検証しました。")


def test_formula_value_stays_text(dataset):
    results = run_validation(dataset, TODAY)
    sheet = results.sheets[0]
    header = sheet.rows[0]
    values = [row[header.index("値")] for row in sheet.rows[1:]]
    assert FORMULA_NAME in [f.value for f in results.findings]
    assert "'" + FORMULA_NAME in values
    assert FORMULA_NAME not in values


def test_marks_use_excel_columns(dataset):
    results = run_validation(dataset, TODAY)
    placed = [f for f in results.findings if f.row and f.column_index is not None]
    assert placed, "the sample should produce at least one cell finding"
    assert {(m.sheet, m.row) for m in results.marks} == {
        (f.sheet, f.row) for f in placed
    }
    for finding in placed:
        offset = 2 if finding.sheet == "地域資源" else 1
        assert any(
            m.row == finding.row and m.column == offset + finding.column_index
            for m in results.marks
        )


def test_run_duplicates_groups_address_variants(dataset):
    results = run_duplicates(dataset, TODAY)
    sheet = results.sheets[0]
    assert sheet.name == "重複候補"
    assert results.summary["duplicate_groups"] == 1
    assert [row[:4] for row in sheet.rows[1:]] == [
        ["D001", "地域資源", 2, "R0001"],
        ["D001", "地域資源", 3, "R0002"],
    ]
    assert {f.code for f in results.findings} == {"duplicate.candidate"}
    assert {(m.row, m.column) for m in results.marks} == {(2, 3), (3, 3)}


def test_run_duplicates_carries_decisions(dataset):
    first = run_duplicates(dataset, TODAY).sheets[0]
    key = first.rows[1][first.rows[0].index("キー")]
    again = run_duplicates(dataset, TODAY, {key: "残す"}).sheets[0]
    assert again.rows[1][again.rows[0].index("判定")] == "残す"
    assert key == "地域資源|R0001,R0002|R0001"


def test_run_counts_sheet(dataset):
    results = run_counts(dataset, TODAY)
    rows = results.sheets[0].rows
    header = rows[2]
    by_area = {row[0]: row for row in rows[3:12]}
    assert results.sheets[0].name == "集計"
    assert by_area["東部"][header.index("サロン")] == 2
    assert by_area["計"][header.index("計")] == 4
    assert by_area["計"][header.index("公開可")] == 3
    assert results.summary["resources_counted"] == 4


def test_run_report_all_sheets(dataset):
    results = run_report(dataset, None, TODAY)
    assert [sheet.name for sheet in results.sheets] == [
        "検証結果",
        "重複候補",
        "集計",
        "報告",
        "冊子",
    ]
    assert results.summary["fiscal_year"] == 2021
    assert results.summary["fiscal_year_label"] == "令和3年度"
    assert results.summary["registrations"] == 4
    assert results.summary["public"] == 3
    assert "令和3年度末の登録数 4件（公開可 3件）" in results.summary["message"]
    report = results.sheets[3]
    assert ["令和2年度", 1, 1, 0] in report.rows
    assert ["令和3年度", 4, 3, 0] in report.rows
    assert [
        "第1層協議体",
        "第1回",
        "令和3年7月9日",
        "共通交通サービス「mobi」の活用について",
        "としま会議主催",
        "18名",
        "",
    ] in report.rows
    assert "duplicate.candidate" in {f.code for f in results.findings}


@pytest.mark.parametrize("index", [1, 2, 3], ids=["duplicates", "counts", "report"])
def test_outputs_leave_out_contact_person(dataset, index):
    sheet = run_report(dataset, 2021, TODAY).sheets[index]
    assert not any(CONTACT in cell for cell in cells_of(sheet))


def test_run_report_given_year(dataset):
    results = run_report(dataset, 2020, TODAY)
    assert results.summary["fiscal_year_label"] == "令和2年度"
    assert results.summary["registrations"] == 1
    assert results.sheets[3].rows[0] == ["令和2年度 地域資源の登録状況"]


def test_closing_message_without_report():
    summary = {"rows_checked": 12, "errors": 1, "warnings": 0, "duplicate_groups": 2}
    assert (
        closing_message(summary)
        == "12行を検証しました。エラー 1件、警告 0件。重複候補 2グループ。"
    )


def test_structural_finding_listed_once():
    raw = raw_workbook()
    del raw.sheets["会議"]
    results = run_report(build_dataset(raw), 2021, TODAY)
    missing = [f for f in results.findings if f.code == "sheet.missing"]
    assert [(f.sheet, f.row) for f in missing] == [("会議", None)]
    listed = [row for row in results.sheets[0].rows if row[5] == "sheet.missing"]
    assert len(listed) == 1
    assert ["この年度の会議の記録はありません。"] in results.sheets[3].rows
