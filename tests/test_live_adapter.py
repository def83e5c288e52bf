"""Tests of the live adapter against xlwings' remote engine, a real xw.Book."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest
from support.apply_actions import apply_actions

from toshima_xl.adapters.live import StatusBar, read_book, write_results
from toshima_xl.adapters.live.marks import SEVERITY_FILLS
from toshima_xl.core.dataset import CellMark, OutputSheet, Results, Severity
from toshima_xl.core.tables import build_dataset
from toshima_xl.schema import AREAS, RESOURCES

RESOURCE_ROW = ["R0001", "としまる体操", None, "健康体操・としまる体操", "東部"]


def sheet(name, values, **extra):
    return {
        "name": name,
        "values": values,
        "pictures": [],
        "tables": [],
        "notes": [],
        **extra,
    }


def payload(*sheets):
    import xlwings as xw

    return {
        "version": xw.__version__,
        "client": "Office.js",
        "book": {"name": "テスト.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": list(sheets),
    }


def resource_rows(*rows):
    header = RESOURCES.headers
    return [header] + [list(row) + [""] * (len(header) - len(row)) for row in rows]


@pytest.fixture
def open_book(remote_engine):
    """Return a function that opens a payload copy as a remote-engine book."""

    def open_(data):
        return remote_engine.Book(json=copy.deepcopy(data))

    return open_


def test_reader_keeps_rows_after_blank_row_and_zero(open_book):
    data = payload(
        sheet(
            "地域資源",
            resource_rows(
                RESOURCE_ROW,
                [""] * 5,
                ["R0002", 0, "", "サロン", "中央"],
                ["R0003", "サロン桜", "", "サロン", "西部"],
            ),
        )
    )
    raw = read_book(open_book(data))
    table = build_dataset(raw).tables["地域資源"]
    assert [row.excel_row for row in table.rows] == [2, 4, 5]
    assert table.rows[1].values["name"] == 0


def test_reader_starts_at_used_range_corner(open_book):
    values = [[""] * 4 for _ in range(4)] + [
        ["", "", "圏域名", "高齢者総合相談センター"]
    ]
    values.append(["", "", "東部", "東部高齢者総合相談センター"])
    data = payload(sheet("圏域", values, used_range_address="$C$5:$D$6"))
    raw = read_book(open_book(data)).sheets["圏域"]
    assert (raw.first_row, raw.first_column) == (5, 3)
    assert raw.values == [
        ["圏域名", "高齢者総合相談センター"],
        ["東部", "東部高齢者総合相談センター"],
    ]


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("2021-07-09T00:00:00.000Z", datetime(2021, 7, 9)),
        ("2021-07-09", "2021-07-09"),
        (18.0, 18),
        (2.5, 2.5),
        ("#N/A", "#N/A"),
        ("", None),
    ],
    ids=["iso-datetime", "iso-date-text", "whole-float", "fraction", "error", "empty"],
)
def test_reader_cell_values(open_book, sent, expected):
    data = payload(sheet("会議", [["開催日"], [sent]]))
    raw = read_book(open_book(data)).sheets["会議"]
    assert raw.values[1] == [expected]


def findings_output(rows, links=None):
    header = ["重要度", "シート", "行", "列", "値", "コード", "メッセージ", "修正案"]
    return OutputSheet(name="検証結果", rows=[header, *rows], links=links or {})


def test_writer_writes_block_in_one_call(open_book):
    data = payload(sheet("地域資源", resource_rows(RESOURCE_ROW)))
    book = open_book(data)
    rows = [
        ["エラー", "地域資源", 2, "名称", "", "cell.required", "必須", ""]
        for _ in range(30)
    ]
    output = findings_output(
        rows, links={(i, 2): f"'地域資源'!B{i + 1}" for i in range(1, 31)}
    )
    output.date_columns = [4, 5]
    report = write_results(book, Results(sheets=[output]))
    actions = book.json()["actions"]
    funcs = [a["func"] for a in actions if a["sheet_position"] == 1]
    assert report.rows == {"検証結果": 30}
    assert funcs.count("setValues") == 1
    assert funcs.count("setFormula") == 1
    assert funcs.count("setNumberFormat") == 1
    applied = apply_actions(data, actions)
    assert applied.values("検証結果")[1][:4] == ["エラー", "地域資源", 2, "名称"]
    assert applied.links[("検証結果", "C31")] == "#'地域資源'!B31"
    assert applied.number_formats[("検証結果", "E2")] == "yyyy/m/d"


def test_writer_keeps_staff_decisions(open_book):
    old = [
        ["グループ", "判定", "キー"],
        [1, "同一", "地域資源|R1,R2|R1"],
        [1, "", "地域資源|R1,R2|R2"],
    ]
    data = payload(
        sheet("地域資源", resource_rows(RESOURCE_ROW)), sheet("重複候補", old)
    )
    book = open_book(data)
    new_rows = [
        ["グループ", "判定", "キー"],
        [2, "", "地域資源|R1,R2|R1"],
        [2, "", "地域資源|R1,R2|R2"],
    ]
    output = OutputSheet("重複候補", new_rows, keep_column="判定", key_column="キー")
    write_results(book, Results(sheets=[output]))
    applied = apply_actions(data, book.json()["actions"])
    assert applied.values("重複候補") == [
        ["グループ", "判定", "キー"],
        [2, "同一", "地域資源|R1,R2|R1"],
        [2, "", "地域資源|R1,R2|R2"],
    ]


def run_marks(open_book, data, marks, findings_rows):
    book = open_book(data)
    dataset = build_dataset(read_book(book))
    results = Results(sheets=[findings_output(findings_rows)], marks=marks)
    report = write_results(book, results, dataset)
    return report, apply_actions(data, book.json()["actions"]), book.json()["actions"]


def test_second_run_clears_old_marks(open_book):
    data = payload(sheet("地域資源", resource_rows(RESOURCE_ROW, ["R0002", "サロン"])))
    first = [
        CellMark("地域資源", 2, 2, Severity.ERROR, "一回目"),
        CellMark("地域資源", 3, 5, Severity.WARNING, "一回目"),
    ]
    rows = [
        ["エラー", "地域資源", 2, "名称", "", "x", "", ""],
        ["警告", "地域資源", 3, "圏域", "", "x", "", ""],
    ]
    _, applied, _ = run_marks(open_book, data, first, rows)
    assert applied.fills[("地域資源", "B2")] == SEVERITY_FILLS[Severity.ERROR].lower()
    assert applied.notes[("地域資源", "E3")] == "一回目"

    second = [CellMark("地域資源", 2, 2, Severity.WARNING, "二回目")]
    report, applied, actions = run_marks(
        open_book, applied.next_payload(), second, rows[:1]
    )
    assert (report.marks.marked, report.marks.cleared) == (1, 1)
    assert applied.fills[("地域資源", "E3")] is None
    assert ("地域資源", "E3") not in applied.notes
    assert applied.notes[("地域資源", "B2")] == "二回目"
    assert [a["func"] for a in actions].count("setRangeColors") == 1


def test_staff_note_is_kept(open_book):
    resources = sheet("地域資源", resource_rows(RESOURCE_ROW))
    resources["notes"] = [{"address": "$B$2", "text": "職員のメモ"}]
    marks = [CellMark("地域資源", 2, 2, Severity.ERROR, "必須")]
    report, applied, _ = run_marks(open_book, payload(resources), marks, [])
    assert applied.notes[("地域資源", "B2")] == "職員のメモ"
    assert report.marks.notes_kept == ["地域資源!$B$2"]
    assert applied.fills[("地域資源", "B2")] == SEVERITY_FILLS[Severity.ERROR].lower()


def test_marks_need_findings_sheet(open_book):
    data = payload(sheet("圏域", [AREAS.headers, ["東部"]]))
    book = open_book(data)
    marks = [CellMark("圏域", 2, 1, Severity.ERROR, "x")]
    report = write_results(book, Results(marks=marks))
    assert report.marks.marked == 0
    assert book.json()["actions"] == []


def test_status_bar_falls_back_to_log(open_book, caplog):
    book = open_book(payload(sheet("圏域", [["圏域名"]])))
    status = StatusBar(book)
    caplog.set_level("INFO", logger="toshima_xl")
    status.show("検証: 読んでいます")
    status.show("検証: 書いています")
    status.clear()
    assert book.json()["actions"] == []
    unavailable = [r for r in caplog.records if "status bar unavailable" in r.message]
    assert len(unavailable) == 1


def test_reader_narrows_an_oversized_used_range(open_book):
    values = resource_rows(RESOURCE_ROW)
    data = payload(
        sheet("地域資源", values, used_range_address="$A$1:$XFD$1048576"),
        sheet("使い方", [["このブックの使い方"]], used_range_address="$A$1:$A$1"),
    )
    raw = read_book(open_book(data))
    resources = raw.sheets["地域資源"]

    width = len(RESOURCES.headers)
    assert resources.unread == "$S$1:$XFD$1048576"
    assert len(resources.values) == 1_048_576
    assert {len(row) for row in resources.values} == {width}
    assert resources.values[0] == RESOURCES.headers
    assert raw.sheets["使い方"].unread is None
    partly_read = [
        (f.sheet, f.value)
        for f in build_dataset(raw).findings
        if f.code == "sheet.partly_read"
    ]
    assert partly_read == [("地域資源", "S1:XFD1048576")]
