"""Tests for reading workbook files into RawWorkbook blocks."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
from openpyxl.worksheet.table import Table

from toshima_xl.adapters.files.errors import WorkbookReadError
from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.safety import ReadLimits

IN_PROCESS = ReadLimits(seconds=None)


def save(workbook: openpyxl.Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def replace_in_part(path: Path, part: str, pattern: str, replacement: str) -> None:
    """Rewrite one XML part of a saved workbook, as a crafted file from Excel would be."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    text, count = re.subn(pattern, replacement, members[part].decode("utf-8"))
    assert count == 1, f"{pattern} not found in {part}"
    members[part] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.fixture
def resources_path(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "地域資源"
    ws["B3"] = "資源ID"
    ws["C3"] = "名称"
    ws["D3"] = "登録日"
    ws.append([None, "R0001", "としまる体操 東池袋", dt.datetime(2021, 7, 9)])
    ws.append([None, "R0002", "ふくろうの杜サロン", dt.datetime(2021, 11, 18)])
    ws.append([None, "R0003", "菊かおる園 配食", None])
    ws.row_dimensions[5].hidden = True
    workbook.create_sheet("圏域").append(["圏域名", "高齢者総合相談センター"])
    return save(workbook, tmp_path / "地域資源 台帳 令和3年度.xlsx")


def test_defusedxml_in_use():
    assert openpyxl.xml.DEFUSEDXML is True


def test_block_starts_at_first_value(resources_path):
    raw = read_workbook(resources_path)
    sheet = raw.sheets["地域資源"]
    assert list(raw.sheets) == ["地域資源", "圏域"]
    assert (sheet.first_row, sheet.first_column) == (3, 2)
    assert sheet.values[0] == ["資源ID", "名称", "登録日"]
    assert sheet.values[1] == ["R0001", "としまる体操 東池袋", dt.datetime(2021, 7, 9)]
    # A row ends at its last value: the blank 登録日 is past its end.
    assert sheet.values[3] == ["R0003", "菊かおる園 配食"]
    assert raw.source == str(resources_path)


def test_worker_matches_in_process(resources_path):
    assert read_workbook(resources_path) == read_workbook(resources_path, IN_PROCESS)


def test_hidden_rows(resources_path):
    sheet = read_workbook(resources_path).sheets["地域資源"]
    assert sheet.hidden_rows == {5}


def test_merged_header(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "会議"
    ws.append(["会議ID", "開催日", None, "テーマ"])
    ws.merge_cells("B1:C1")
    for row in range(2, 20):
        ws.append([f"M{row:04d}", "2021/7/9", None, "mobiの活用"])
    ws.merge_cells("D15:D16")
    sheet = read_workbook(save(workbook, tmp_path / "会議.xlsx")).sheets["会議"]
    assert sheet.merged == ["B1:C1"]


def test_formula_without_cached_value(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "集計元"
    ws.append(["参加者数", "合計"])
    ws.append([18, "=SUM(A2:A3)"])
    ws.append([14, None])
    sheet = read_workbook(save(workbook, tmp_path / "数式.xlsx")).sheets["集計元"]
    assert sheet.values[1] == [18, None]
    assert sheet.formulas == {(1, 1): "=SUM(A2:A3)"}


def test_cached_error_value_kept(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "圏域"
    ws.append(["圏域名", "65歳以上人口"])
    ws.append(["東部", "=NA()"])
    ws.append(["中央", 5120])
    path = save(workbook, tmp_path / "エラー値.xlsx")
    # What Excel writes for =NA() after calculating it.
    replace_in_part(
        path,
        "xl/worksheets/sheet1.xml",
        r'<c r="B2"><f>NA\(\)</f><v ?/>(</v>)?</c>',
        '<c r="B2" t="e"><f>NA()</f><v>#N/A</v></c>',
    )
    sheet = read_workbook(path).sheets["圏域"]
    assert sheet.values[1] == ["東部", "#N/A"]
    assert sheet.formulas == {(1, 1): "=NA()"}


def test_literal_error_without_formula(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "ベンチ"
    workbook.active.append(["ベンチID", "協力者"])
    workbook.active.append(["B001", "placeholder"])
    path = save(workbook, tmp_path / "参照エラー.xlsx")
    replace_in_part(
        path,
        "xl/worksheets/sheet1.xml",
        r'<c r="B2" t="inlineStr"><is><t>placeholder</t></is></c>',
        '<c r="B2" t="e"><v>#REF!</v></c>',
    )
    sheet = read_workbook(path).sheets["ベンチ"]
    assert sheet.values[1] == ["B001", "#REF!"]
    assert sheet.formulas == {}


@pytest.mark.parametrize(
    ("format_id", "serial", "expected"),
    [
        (14, 44386, dt.datetime(2021, 7, 9)),
        (27, 44386, dt.datetime(2021, 7, 9)),
        (28, 44518, dt.datetime(2021, 11, 18)),
        (31, 44386, dt.datetime(2021, 7, 9)),
        (57, 43586, dt.datetime(2019, 5, 1)),
        (58, 43585, dt.datetime(2019, 4, 30)),
        (32, 0.5, dt.time(12, 0)),
    ],
    ids=["id14", "ge_m_d", "ggge_nen", "yyyy_nen", "id57_reiwa", "id58_heisei", "time"],
)
def test_japanese_builtin_date_formats(tmp_path, format_id, serial, expected):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "会議"
    ws["A1"] = "開催日"
    ws["A2"] = serial
    # Excel writes these ids into the cell style without a numFmt entry.
    ws["A2"].number_format = "General"
    ws["A2"]._style.numFmtId = format_id
    sheet = read_workbook(save(workbook, tmp_path / "和暦.xlsx"), IN_PROCESS).sheets[
        "会議"
    ]
    assert sheet.values[1] == [expected]


def test_plain_number_stays_number(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["参加者数", 18, 3.5])
    sheet = read_workbook(save(workbook, tmp_path / "数.xlsx")).sheets["Sheet"]
    assert sheet.values == [["参加者数", 18, 3.5]]


def test_apostrophe_cells(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "ベンチ"
    ws.append(["ベンチID", "設置年度"])
    ws.append(["B001", "2021"])
    ws.append(["B002", "2022"])
    ws["B2"].quotePrefix = True
    sheet = read_workbook(save(workbook, tmp_path / "文字列の年度.xlsx")).sheets[
        "ベンチ"
    ]
    assert sheet.values[1] == ["B001", "2021"]
    assert sheet.apostrophes == {(1, 1)}


def test_empty_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "リスト"
    sheet = read_workbook(save(workbook, tmp_path / "空.xlsx")).sheets["リスト"]
    assert sheet.values == []


def test_entity_expansion_rejected(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "名称"
    path = save(workbook, tmp_path / "実体参照.xlsx")
    replace_in_part(
        path,
        "xl/workbook.xml",
        r"^(<\?xml[^>]*\?>)?",
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    )
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(path)
    assert caught.value.code == "file.corrupt"
    assert "Forbidden" in caught.value.detail


def test_damaged_sheet_xml(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "名称"
    path = save(workbook, tmp_path / "壊れたシート.xlsx")
    replace_in_part(path, "xl/worksheets/sheet1.xml", r"</sheetData>", "<sheetData>")
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(path)
    assert caught.value.code == "file.corrupt"


def test_time_limit(resources_path):
    # The child interpreter alone needs far more than a millisecond to start.
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(resources_path, ReadLimits(seconds=0.001))
    assert caught.value.code == "file.timeout"
    assert "地域資源 台帳 令和3年度.xlsx" in caught.value.message_ja


def test_japanese_date_format_out_of_range_stays_number(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "会議"
    ws["A1"] = "開催日"
    ws["A2"] = 99999999
    ws["A2"].number_format = "General"
    ws["A2"]._style.numFmtId = 27
    sheet = read_workbook(save(workbook, tmp_path / "範囲外.xlsx"), IN_PROCESS).sheets[
        "会議"
    ]
    assert sheet.values[1] == [99999999]


@pytest.mark.parametrize(
    ("sheet_name", "first_row"),
    [("使い方", ["このブックの使い方"]), ("地域資源", ["資源ID", "名称", "公開区分"])],
    ids=["help", "data"],
)
def test_far_stray_value_widens_only_its_own_row(tmp_path, sheet_name, first_row):
    workbook = openpyxl.Workbook()
    workbook.active.title = "使い方"
    workbook.active["A1"] = "このブックの使い方"
    ws = workbook.create_sheet("地域資源")
    ws.append(["資源ID", "名称", "公開区分"])
    ws.append(["R0001", "としまる体操 東池袋", "公開可"])
    workbook[sheet_name]["XFD1048576"] = "x"
    path = save(workbook, tmp_path / "遠いセル.xlsx")

    sheet = read_workbook(path).sheets[sheet_name]

    assert len(sheet.values) == 1_048_576
    assert sheet.values[0] == first_row
    assert len(sheet.values[-1]) == 16_384
    assert sheet.values[-1][-1] == "x"
    # The rows in between hold nothing, and share one empty list.
    assert sheet.values[5] == []
    assert sheet.values[5] is sheet.values[1_048_574]


def test_totals_row_numbers_read(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "会議"
    sheet.append(["会議ID", "会議体", "参加者数"])
    sheet.append(["M0001", "地区懇談会", 18])
    sheet.append(["M0002", "地区懇談会", 14])
    sheet.append(["集計", None, "=SUBTOTAL(109,C2:C3)"])
    table = Table(displayName="T_会議", ref="A1:C4")
    table.totalsRowCount = 1
    sheet.add_table(table)
    path = save(workbook, tmp_path / "集計行.xlsx")

    raw = read_workbook(path, IN_PROCESS)

    assert raw.sheets["会議"].totals_rows == {4}


def test_out_of_range_date_keeps_number(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "地域資源"
    sheet.append(["登録日", "備考"])
    sheet.append([99999999, "#N/A"])
    sheet["A2"].number_format = "yyyy/m/d"
    sheet["B2"].data_type = "e"
    sheet.append([dt.datetime(2021, 7, 9), None])
    sheet["A3"].number_format = "yyyy/m/d"
    path = save(workbook, tmp_path / "範囲外日付.xlsx")

    with pytest.warns(UserWarning, match="outside the limits for dates"):
        raw = read_workbook(path, IN_PROCESS)

    values = raw.sheets["地域資源"].values
    assert values[1] == [99999999, "#N/A"]
    assert values[2][0] == dt.datetime(2021, 7, 9)
