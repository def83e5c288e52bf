"""The command line's report on the R3 sample, read back through LibreOffice."""

import subprocess
import sys

import openpyxl
import pytest
from conftest import SAMPLES

from toshima_xl.schema import AREA_NAMES, DEFAULT_LISTS, RESOURCES

CATEGORIES = list(DEFAULT_LISTS["種別"])


@pytest.fixture(scope="module")
def report_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("報告 出力")
    target = folder / "令和3年度 報告.xlsx"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "toshima_xl",
            "report",
            str(SAMPLES / "toshima_r3.xlsx"),
            "-o",
            str(target),
            "--fiscal-year",
            "R3",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    return target


def rows_by_label(block):
    return {row[0]: row for row in block if row and row[0] is not None}


def test_report_figures_in_libreoffice(report_path, libreoffice_values):
    sheets = libreoffice_values(report_path)
    report = rows_by_label(sheets["報告"])

    assert report["令和2年度"][1] == 436
    assert report["令和3年度"][1] == 576
    assert report["令和3年度"][2] == 393


def test_input_sheets_kept_in_libreoffice(report_path, libreoffice_values):
    sheets = libreoffice_values(report_path)

    assert list(sheets)[:4] == ["地域資源", "圏域", "ベンチ", "会議"]
    assert len([r for r in sheets["地域資源"][1:] if r[0] is not None]) == 576
    assert {"検証結果", "重複候補", "集計", "報告"} <= set(sheets)


def test_counts_all_areas_by_category(report_path, libreoffice_values):
    block = libreoffice_values(report_path)["集計"]
    header_at = next(i for i, row in enumerate(block) if row[0] == "圏域")
    header = block[header_at]
    table = rows_by_label(block[header_at + 1 : header_at + 10])

    assert header[1 : 1 + len(CATEGORIES)] == CATEGORIES
    assert [label for label in table if label != "計"] == list(AREA_NAMES)
    assert table["計"][header.index("計")] == 576
    assert table["計"][header.index("公開可")] == 393
    for area in AREA_NAMES:
        assert all(table[area][1 + i] > 0 for i in range(len(CATEGORIES))), area


def test_counts_match_libreoffice_countifs(report_path, libreoffice_values, tmp_path):
    """LibreOffice recomputes every area x category cell with COUNTIFS."""
    workbook = openpyxl.load_workbook(report_path)
    check = workbook.create_sheet("照合")
    area_column = openpyxl.utils.get_column_letter(RESOURCES.headers.index("圏域") + 1)
    category_column = openpyxl.utils.get_column_letter(
        RESOURCES.headers.index("種別") + 1
    )
    for row, area in enumerate(AREA_NAMES, start=1):
        check.cell(row, 1, area)
        for column, category in enumerate(CATEGORIES, start=2):
            check.cell(
                row,
                column,
                f'=COUNTIFS(地域資源!${area_column}:${area_column},"{area}",'
                f'地域資源!${category_column}:${category_column},"{category}")',
            )
    copy = tmp_path / "照合.xlsx"
    workbook.save(copy)

    sheets = libreoffice_values(copy, recalc=True)
    block = sheets["集計"]
    header_at = next(i for i, row in enumerate(block) if row[0] == "圏域")
    table = rows_by_label(block[header_at + 1 : header_at + 10])
    recomputed = rows_by_label(sheets["照合"])

    for area in AREA_NAMES:
        assert (
            recomputed[area][1 : 1 + len(CATEGORIES)]
            == table[area][1 : 1 + len(CATEGORIES)]
        ), area


def test_input_notes_and_fills_kept(report_path):
    source = openpyxl.load_workbook(SAMPLES / "toshima_r3.xlsx")
    written = openpyxl.load_workbook(report_path)

    for sheet in ("地域資源", "圏域", "ベンチ", "会議"):
        for before, after in zip(source[sheet][1], written[sheet][1], strict=True):
            assert after.fill.fgColor.rgb == before.fill.fgColor.rgb, after.coordinate
            before_note = before.comment.text if before.comment else None
            after_note = after.comment.text if after.comment else None
            assert after_note == before_note, after.coordinate
    assert written["圏域"]["C1"].comment is not None


def test_booklet_public_rows_only(report_path, libreoffice_values):
    source = openpyxl.load_workbook(SAMPLES / "toshima_r3.xlsx")["地域資源"]
    header = [cell.value for cell in source[1]]
    rows = [
        dict(zip(header, r, strict=False))
        for r in source.iter_rows(min_row=2, values_only=True)
        if r[0]
    ]
    public_active = {
        r["名称"] for r in rows if r["公開区分"] == "公開可" and r["状態"] == "活動中"
    }
    contacts = {r["担当者"] for r in rows if r["担当者"]}

    booklet = libreoffice_values(report_path)["冊子"]
    names = {row[2] for row in booklet[1:]}
    cells = {cell for row in booklet for cell in row if cell is not None}

    assert names == public_active
    assert len(booklet) - 1 == len(public_active)
    assert not cells & contacts
