"""Tests for writing results back into workbook files with openpyxl."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from toshima_xl.adapters.files.errors import WorkbookWriteError
from toshima_xl.adapters.files.marks import MARK_AUTHOR
from toshima_xl.adapters.files.writer import write_results
from toshima_xl.core.dataset import CellMark, OutputSheet, Results, Severity

FORMULA_LIKE = ["=SUM(A1:A3)", "+81-3-1234-5678", "-", "@メモ"]


@pytest.fixture
def source(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "地域資源"
    ws.append(["資源ID", "名称", "圏域", "参加者数"])
    ws.append(["R0001", "としまる体操 東池袋", "東部", 18])
    ws.append(["R0002", "ふくろうの杜サロン", "ふくろうの杜", 14])
    ws.append(["R0003", "菊かおる園 配食", "菊かおる園", "=D2+D3"])
    ws["B3"].fill = PatternFill(fill_type="solid", fgColor="FFFF00")
    ws["C3"].comment = Comment("確認済み", "担当 佐藤")
    path = tmp_path / "地域資源 台帳.xlsx"
    workbook.save(path)
    return path


def findings_sheet(rows: list[list]) -> OutputSheet:
    return OutputSheet(
        name="検証結果",
        rows=[["重要度", "シート", "行", "内容", "確認日"], *rows],
        widths=[8, 12, 6, 60, 12],
        date_columns=[4],
        links={(1, 1): "#'地域資源'!C2"},
    )


def duplicates_sheet(keys: list[str]) -> OutputSheet:
    return OutputSheet(
        name="重複候補",
        rows=[
            ["グループ", "名称", "判定"],
            *[[key, "としまる体操", None] for key in keys],
        ],
        keep_column="判定",
        key_column="グループ",
    )


def first_results() -> Results:
    return Results(
        sheets=[
            findings_sheet(
                [
                    [
                        "エラー",
                        "地域資源",
                        2,
                        "圏域「東部」を確認",
                        dt.date(2021, 7, 9),
                    ],
                    *[["情報", "地域資源", 3, text, None] for text in FORMULA_LIKE],
                ]
            ),
            duplicates_sheet(["G1", "G2"]),
        ],
        marks=[
            CellMark("地域資源", 2, 3, Severity.ERROR, "圏域を確認してください。"),
            CellMark("地域資源", 2, 3, Severity.INFO, "全角で入力されています。"),
            CellMark("地域資源", 4, 2, Severity.WARNING, "重複の可能性があります。"),
            CellMark(
                "地域資源", 3, 2, Severity.ERROR, "職員の塗りつぶしの上には付けません。"
            ),
            CellMark(
                "地域資源", 3, 3, Severity.ERROR, "職員のコメントの上には付けません。"
            ),
        ],
    )


def data_values(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path)["地域資源"].iter_rows(values_only=True))


def test_output_sheets_at_end(source, tmp_path):
    target = tmp_path / "結果 出力.xlsx"
    assert write_results(source, target, first_results()) == []
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["地域資源", "検証結果", "重複候補"]


def test_output_sheet_formats(source, tmp_path):
    target = tmp_path / "結果.xlsx"
    write_results(source, target, first_results())
    ws = openpyxl.load_workbook(target)["検証結果"]
    assert ws["A1"].font.bold is True
    assert ws.freeze_panes == "A2"
    assert ws["E2"].value == dt.datetime(2021, 7, 9)
    assert ws["E2"].number_format == "yyyy/m/d"
    assert ws["B2"].hyperlink.location == "'地域資源'!C2"
    assert ws.column_dimensions["D"].width == 60


def test_formula_like_text_stays_text(source, tmp_path):
    target = tmp_path / "結果.xlsx"
    write_results(source, target, first_results())
    ws = openpyxl.load_workbook(target)["検証結果"]
    written = [ws.cell(row=row, column=4) for row in range(3, 7)]
    assert [cell.value for cell in written] == FORMULA_LIKE
    assert [cell.data_type for cell in written] == ["s"] * 4


@pytest.mark.libreoffice
def test_libreoffice_reads_written_values(source, tmp_path, libreoffice_values):
    target = tmp_path / "結果 LibreOffice.xlsx"
    write_results(source, target, first_results())
    sheets = libreoffice_values(target)
    assert [row[3] for row in sheets["検証結果"][2:6]] == FORMULA_LIKE
    assert sheets["検証結果"][1][:4] == [
        "エラー",
        "地域資源",
        2.0,
        "圏域「東部」を確認",
    ]
    assert sheets["重複候補"][0] == ["グループ", "名称", "判定"]
    # The staff formula is still a formula: LibreOffice computes 18 + 14.
    assert sheets["地域資源"][3] == ["R0003", "菊かおる園 配食", "菊かおる園", 32.0]


def test_marks_applied(source, tmp_path):
    target = tmp_path / "結果.xlsx"
    write_results(source, target, first_results())
    ws = openpyxl.load_workbook(target)["地域資源"]
    assert ws["C2"].fill.fgColor.rgb == "00FFC7CE"
    assert ws["C2"].comment.author == MARK_AUTHOR
    assert ws["C2"].comment.text == "圏域を確認してください。\n全角で入力されています。"
    assert ws["B4"].fill.fgColor.rgb == "00FFEB9C"


def test_marks_skip_staff_fill_and_comment(source, tmp_path):
    target = tmp_path / "結果.xlsx"
    write_results(source, target, first_results())
    ws = openpyxl.load_workbook(target)["地域資源"]
    assert ws["B3"].fill.fgColor.rgb == "00FFFF00"
    assert ws["B3"].comment is None
    assert ws["C3"].comment.author == "担当 佐藤"
    assert ws["C3"].comment.text == "確認済み"


def test_second_run_clears_old_marks(source, tmp_path):
    first = tmp_path / "1回目.xlsx"
    second = tmp_path / "2回目.xlsx"
    write_results(source, first, first_results())
    marks = [CellMark("地域資源", 3, 4, Severity.INFO, "参加者数を確認してください。")]
    write_results(first, second, Results(sheets=[findings_sheet([])], marks=marks))
    ws = openpyxl.load_workbook(second)["地域資源"]
    assert ws["C2"].comment is None
    assert ws["C2"].fill.fill_type is None
    assert ws["B4"].fill.fill_type is None
    assert ws["D3"].fill.fgColor.rgb == "00DDEBF7"
    assert ws["B3"].fill.fgColor.rgb == "00FFFF00"
    assert ws["C3"].comment.author == "担当 佐藤"


def test_staff_values_unchanged(source, tmp_path):
    target = tmp_path / "結果.xlsx"
    write_results(source, target, first_results())
    assert data_values(target) == data_values(source)


def test_keep_column_carried(source, tmp_path):
    first = tmp_path / "1回目.xlsx"
    write_results(source, first, first_results())
    workbook = openpyxl.load_workbook(first)
    workbook["重複候補"]["C3"] = "別"
    workbook.save(first)

    second = tmp_path / "2回目.xlsx"
    write_results(first, second, Results(sheets=[duplicates_sheet(["G3", "G2"])]))
    ws = openpyxl.load_workbook(second)["重複候補"]
    assert [row for row in ws.iter_rows(values_only=True)] == [
        ("グループ", "名称", "判定"),
        ("G3", "としまる体操", None),
        ("G2", "としまる体操", "別"),
    ]


def test_locked_target_rejected(source, tmp_path):
    target = tmp_path / "結果 共有.xlsx"
    (tmp_path / "~$結果 共有.xlsx").write_bytes(b"\x00" * 165)
    with pytest.raises(WorkbookWriteError) as caught:
        write_results(source, target, first_results())
    assert caught.value.code == "file.locked"
    assert "結果 共有.xlsx" in caught.value.message_ja
    assert not target.exists()


def add_image_parts(path: Path) -> None:
    """Add the parts Excel writes for a picture placed on a sheet."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        archive.writestr("xl/drawings/drawing1.xml", "<xdr:wsDr/>")


def test_image_workbook_not_overwritten(source):
    add_image_parts(source)
    before = source.read_bytes()
    with pytest.raises(WorkbookWriteError) as caught:
        write_results(source, source, first_results(), in_place=True)
    assert caught.value.code == "file.unsupported_parts"
    assert caught.value.detail == "画像、図形・画像の配置"
    assert source.read_bytes() == before
    assert not source.with_name("地域資源 台帳.bak.xlsx").exists()


def test_image_workbook_to_new_file(source, tmp_path):
    add_image_parts(source)
    target = tmp_path / "新しい 結果.xlsx"
    dropped = write_results(source, target, first_results())
    assert dropped == ["画像", "図形・画像の配置"]
    assert openpyxl.load_workbook(target).sheetnames[-1] == "重複候補"


def test_in_place_keeps_backup(source, tmp_path):
    before = source.read_bytes()
    write_results(source, source, first_results(), in_place=True)
    backup = tmp_path / "地域資源 台帳.bak.xlsx"
    assert backup.read_bytes() == before
    assert "検証結果" in openpyxl.load_workbook(source).sheetnames

    write_results(source, source, first_results(), in_place=True)
    backups = sorted(path.name for path in tmp_path.glob("*.bak.xlsx"))
    assert len(backups) == 2
    assert [path.name for path in tmp_path.glob(".toshima_xl-*")] == []


def test_in_place_needs_same_target(source, tmp_path):
    with pytest.raises(ValueError, match="in_place"):
        write_results(source, tmp_path / "別.xlsx", first_results(), in_place=True)


def test_data_sheet_name_rejected(source, tmp_path):
    results = Results(sheets=[OutputSheet(name="地域資源", rows=[["資源ID"]])])
    with pytest.raises(ValueError, match="地域資源"):
        write_results(source, tmp_path / "結果.xlsx", results)
    assert data_values(source)[1][0] == "R0001"


def test_mark_inside_merged_range_skipped(source, tmp_path):
    workbook = openpyxl.load_workbook(source)
    workbook["地域資源"].merge_cells("B2:C2")
    workbook.save(source)
    target = tmp_path / "結合.xlsx"

    write_results(source, target, first_results())

    ws = openpyxl.load_workbook(target)["地域資源"]
    assert ws["B4"].comment.author == MARK_AUTHOR
    assert "B2:C2" in {str(r) for r in ws.merged_cells.ranges}


def test_chart_sheet_ignored_by_marks(source, tmp_path):
    workbook = openpyxl.load_workbook(source)
    chart = BarChart()
    chart.add_data(Reference(workbook["地域資源"], min_col=4, min_row=1, max_row=3))
    workbook.create_chartsheet("グラフ").add_chart(chart)
    workbook.save(source)
    target = tmp_path / "グラフ付き.xlsx"

    write_results(source, target, first_results())

    written = openpyxl.load_workbook(target)
    assert written["地域資源"]["C2"].comment.author == MARK_AUTHOR


def test_keep_column_carried_past_far_stray_value(source, tmp_path):
    first = tmp_path / "1回目.xlsx"
    write_results(source, first, first_results())
    workbook = openpyxl.load_workbook(first)
    workbook["重複候補"]["C3"] = "別"
    workbook["重複候補"]["XFD1048576"] = "x"
    workbook.save(first)

    second = tmp_path / "2回目.xlsx"
    write_results(first, second, Results(sheets=[duplicates_sheet(["G2"])]))
    ws = openpyxl.load_workbook(second)["重複候補"]
    assert ws.max_row == 2
    assert ws["C2"].value == "別"
