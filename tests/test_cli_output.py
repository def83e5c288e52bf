"""Rendering of check results: console text, JSON, CSV and the progress line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest

from toshima_xl.cli.common import ExitCode
from toshima_xl.cli.output import (
    CSV_COLUMNS,
    FileProblem,
    FileReport,
    FileStatus,
    Progress,
    build_json_document,
    defuse_formula,
    display_width,
    escape_unencodable,
    group_by_sheet,
    overall_exit_code,
    render_csv,
    write_console,
    write_csv,
    write_json,
)
from toshima_xl.messages import make_finding


def sample_findings():
    return [
        make_finding("area.unknown", "地域資源", 12, "圏域", value="池袋🍵", hint=""),
        make_finding("cell.required", "地域資源", 5, "名称"),
        make_finding("date.future", "会議", 3, "開催日", value=date(2099, 4, 1)),
        make_finding("sheet.missing", "ベンチ"),
        make_finding("row.hidden", "地域資源", 8, "資源ID", value="R0008"),
    ]


def sample_reports():
    return [
        FileReport(
            "台帳 令和3年度.xlsx", FileStatus.ERRORS, findings=sample_findings()
        ),
        FileReport(
            "壊れた.xlsx",
            FileStatus.UNREADABLE,
            problem=FileProblem("file.corrupt", "ファイルが壊れています。", "bad zip"),
        ),
        FileReport(
            "~$台帳.xlsx",
            FileStatus.SKIPPED,
            problem=FileProblem("file.lock_file", "ロックファイルです。"),
        ),
        FileReport("きれい.xlsx", FileStatus.OK),
    ]


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], ExitCode.OK),
        ([FileStatus.OK, FileStatus.SKIPPED], ExitCode.OK),
        ([FileStatus.OK, FileStatus.ERRORS], ExitCode.FINDINGS),
        ([FileStatus.ERRORS, FileStatus.UNREADABLE], ExitCode.FAILURE),
        ([FileStatus.FAILED, FileStatus.ERRORS], ExitCode.FAILURE),
    ],
    ids=["none", "ok-and-skipped", "errors", "unreadable-wins", "failed-wins"],
)
def test_overall_exit_code(statuses, expected):
    reports = [FileReport(f"{i}.xlsx", status) for i, status in enumerate(statuses)]
    assert overall_exit_code(reports) == expected


def test_group_by_sheet_keeps_order_and_sorts_rows():
    groups = group_by_sheet(sample_findings())
    assert list(groups) == ["地域資源", "会議", "ベンチ"]
    assert [f.row for f in groups["地域資源"]] == [5, 8, 12]


def test_console_groups_findings_and_ends_with_summary():
    stream = io.StringIO()
    write_console(sample_reports(), stream)
    text = stream.getvalue()
    lines = text.splitlines()

    assert lines[0] == "■ 台帳 令和3年度.xlsx"
    assert lines[1] == "  [地域資源]"
    assert "（cell.required）" in lines[2]
    assert lines[2].startswith("    エラー")
    assert "  読めません: ファイルが壊れています。" in lines
    assert "  スキップ: ロックファイルです。" in lines
    assert "  問題は見つかりませんでした。" in lines
    assert text.index("[地域資源]") < text.index("[会議]") < text.index("[ベンチ]")

    table = lines[lines.index("集計") + 1 :]
    assert table[0].split() == ["ファイル", "エラー", "警告", "情報", "状態"]
    assert table[1].split() == ["台帳", "令和3年度.xlsx", "3", "1", "1", "エラーあり"]
    assert table[2].split() == ["壊れた.xlsx", "0", "0", "0", "読めません"]
    assert table[4].split() == ["きれい.xlsx", "0", "0", "0", "正常"]


def test_console_summary_columns_line_up():
    stream = io.StringIO()
    write_console(sample_reports(), stream)
    lines = stream.getvalue().splitlines()
    table = lines[lines.index("集計") + 1 :]
    status_columns = {
        display_width(line) - display_width(line.split()[-1]) for line in table
    }
    assert len(status_columns) == 1


def test_json_document_per_file():
    document = build_json_document(sample_reports())
    assert document["exit_code"] == 2
    first, broken, skipped, clean = document["files"]

    assert first["status"] == "errors"
    assert (first["errors"], first["warnings"], first["infos"]) == (3, 1, 1)
    assert first["file_error"] is None
    assert [f["code"] for f in first["findings"]] == [
        "area.unknown",
        "cell.required",
        "date.future",
        "sheet.missing",
        "row.hidden",
    ]
    assert first["findings"][0] == {
        "file": "台帳 令和3年度.xlsx",
        "sheet": "地域資源",
        "row": 12,
        "column": "圏域",
        "value": "池袋🍵",
        "code": "area.unknown",
        "severity": "error",
        "message": first["findings"][0]["message"],
        "suggestion": None,
    }
    assert first["findings"][2]["value"] == "2099-04-01"

    assert broken["file_error"] == {
        "code": "file.corrupt",
        "message": "ファイルが壊れています。",
        "detail": "bad zip",
    }
    assert skipped["status"] == "skipped"
    assert clean == {
        "file": "きれい.xlsx",
        "status": "ok",
        "errors": 0,
        "warnings": 0,
        "infos": 0,
        "file_error": None,
        "findings": [],
    }


def test_json_escapes_what_cp932_lacks():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp932", errors="strict")
    write_json(sample_reports(), stream)
    stream.flush()
    text = raw.getvalue().decode("cp932")

    assert "\\ud83c\\udf75" in text
    assert "台帳 令和3年度.xlsx" in text
    document = json.loads(text)
    assert document["files"][0]["findings"][0]["value"] == "池袋🍵"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("𠮷野家", "cp932", "\\ud842\\udfb7野家"),
        ("𠮷野家", "utf-8", "𠮷野家"),
        ("é", "ascii", "\\u00e9"),
    ],
    ids=["cp932-astral", "utf8-unchanged", "ascii-bmp"],
)
def test_escape_unencodable(text, encoding, expected):
    assert escape_unencodable(text, encoding) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+81-3-1234", "'+81-3-1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("東池袋2-38-10", "東池袋2-38-10"),
        (-3, -3),
        (None, None),
    ],
    ids=[
        "equals",
        "plus",
        "minus-text",
        "at",
        "tab",
        "plain",
        "negative-number",
        "none",
    ],
)
def test_defuse_formula(value, expected):
    assert defuse_formula(value) == expected


def test_csv_rows_and_formula_prefix():
    reports = sample_reports()
    reports[0].findings.append(
        make_finding(
            "cell.formula_text", "地域資源", 9, "備考", value="=1+1", first="="
        )
    )
    rows = read_csv(render_csv(reports))

    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 6 + 2
    assert rows[0]["value"] == "池袋🍵"
    assert rows[2]["value"] == "2099-04-01"
    assert rows[5]["value"] == "'=1+1"
    assert rows[5]["row"] == "9"
    assert rows[6]["code"] == "file.corrupt"
    assert rows[6]["severity"] == "error"
    assert rows[7]["code"] == "file.lock_file"
    assert rows[7]["severity"] == "info"


def test_write_csv_utf8_bom_on_cp932():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp932", errors="replace")
    write_csv(sample_reports(), stream)
    data = raw.getvalue()

    assert data.startswith(b"\xef\xbb\xbf")
    assert "池袋🍵".encode() in data
    assert data.count(b"\r\n") == 1 + 7


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("total", "terminal", "shown"),
    [(10, True, True), (3, True, False), (10, False, False)],
    ids=["many-files-terminal", "few-files", "not-a-terminal"],
)
def test_progress_only_on_terminal_for_many_files(total, terminal, shown):
    stream = FakeTerminal() if terminal else io.StringIO()
    progress = Progress(total, stream)
    progress.update(1, "台帳.xlsx")
    progress.close()
    assert ("確認中 1/" in stream.getvalue()) is shown
    assert stream.getvalue().endswith("\r") is shown


def test_json_dates_and_times():
    report = FileReport(
        "a.xlsx",
        FileStatus.OK,
        findings=[
            make_finding(
                "date.text",
                "会議",
                2,
                "開催日",
                value="R3.7.9",
                suggestion=datetime(2021, 7, 9),
            )
        ],
    )
    record = build_json_document([report])["files"][0]["findings"][0]
    assert record["suggestion"] == "2021-07-09T00:00:00"
    assert record["severity"] == "info"
