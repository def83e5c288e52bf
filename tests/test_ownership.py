"""Tests for rejecting writes over sheets that staff made under a tool sheet's name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES
from support.remote_payload import build_payload

from toshima_xl import excel
from toshima_xl.adapters.files.apply import apply_plan
from toshima_xl.adapters.files.errors import WorkbookWriteError
from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.ownership import foreign_output_sheets
from toshima_xl.schema import OUTPUT_SHEETS

R3_SAMPLE = SAMPLES / "toshima_r3.xlsx"
STAFF_NOTE = ["職員のメモ"], ["11行目は区長確認済み（消さないこと）"]


def raw_of(name: str, values: list[list], first_row: int = 1, first_column: int = 1):
    sheet = RawSheet(name, values, first_row=first_row, first_column=first_column)
    return RawWorkbook("台帳.xlsx", {name: sheet})


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("検証結果", "重要度"),
        ("重複候補", "グループ"),
        ("集計", "地域資源 圏域別・種別の登録数"),
        ("報告", "令和3年度 地域資源の登録状況"),
        ("報告", "令和6年度 地域資源の登録状況"),
        ("冊子", "圏域"),
        ("統合履歴", "統合日"),
    ],
    ids=["findings", "duplicates", "counts", "report-r3", "report-r6", "booklet",
         "history"],
)  # fmt: skip
def test_tool_sheets_are_recognised(name, first):
    raw = raw_of(name, [[first], ["メモ"]])
    assert foreign_output_sheets(raw, OUTPUT_SHEETS) == []


@pytest.mark.parametrize(
    ("values", "first_row", "expected"),
    [
        ([["職員のメモ"], ["区長確認済み"]], 1, "職員のメモ"),
        ([["重要度"]], 2, None),
        ([[None, "重要度"]], 1, None),
    ],
    ids=["staff-title", "header-moved-down", "a1-blank"],
)
def test_staff_sheet_is_foreign(values, first_row, expected):
    raw = raw_of("検証結果", values, first_row=first_row)
    assert foreign_output_sheets(raw, ["検証結果"]) == [("検証結果", expected)]


@pytest.mark.parametrize(
    "values", [[], [[]], [[None, "  "]]], ids=["no-rows", "empty-row", "blank-cells"]
)
def test_empty_sheet_is_not_foreign(values):
    assert foreign_output_sheets(raw_of("集計", values), ["集計"]) == []


def test_only_named_sheets_are_checked():
    raw = raw_of("報告", [["職員のメモ"]])
    assert foreign_output_sheets(raw, ["検証結果", "集計"]) == []


def run_report(path: Path, out: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env["TOSHIMA_XL_LOG_DIR"] = str(path.parent / "ログ")
    command = [sys.executable, "-m", "toshima_xl", "report", str(path), "-o", str(out)]
    return subprocess.run(
        command, capture_output=True, check=False, timeout=300, encoding="utf-8"
    )


def with_sheet(path: Path, name: str, rows) -> Path:
    workbook = openpyxl.load_workbook(R3_SAMPLE)
    ws = workbook.create_sheet(name)
    for row in rows:
        ws.append(row)
    workbook.save(path)
    return path


def test_cli_report_refuses_staff_sheet(tmp_path):
    source = with_sheet(tmp_path / "台帳.xlsx", "検証結果", STAFF_NOTE)
    out = tmp_path / "報告.xlsx"

    completed = run_report(source, out)

    assert completed.returncode == 2
    assert not out.exists()
    assert "シート「検証結果」（A1は「職員のメモ」）" in completed.stderr
    assert "名前を変えてから実行し直してください" in completed.stderr


@pytest.mark.parametrize(
    ("name", "rows"),
    [("報告", [["令和2年度 地域資源の登録状況"], ["年度", "登録数"]]), ("集計", [])],
    ids=["report-of-another-year", "empty-sheet"],
)
def test_cli_report_rewrites_own_sheets(tmp_path, name, rows):
    source = with_sheet(tmp_path / "台帳.xlsx", name, rows)
    first, second = tmp_path / "報告1.xlsx", tmp_path / "報告2.xlsx"

    assert run_report(source, first).returncode in (0, 1)
    assert run_report(first, second).returncode in (0, 1)

    sheet = openpyxl.load_workbook(second)["報告"]
    assert str(sheet["A1"].value).endswith("地域資源の登録状況")


def test_apply_plan_refuses_staff_history(tmp_path):
    source = with_sheet(tmp_path / "台帳.xlsx", "統合履歴", STAFF_NOTE)
    out = tmp_path / "統合後.xlsx"
    plan = EditPlan(history=[["2021-07-09", "D001", "地域資源", "R0001", 12]])

    with pytest.raises(WorkbookWriteError) as caught:
        apply_plan(source, out, plan)

    assert caught.value.code == "sheet.foreign"
    assert "「台帳.xlsx」のシート「統合履歴」（A1は「職員のメモ」）" in (
        caught.value.message_ja
    )
    assert not out.exists()


def test_entry_point_stops_before_writing(press, tmp_path):
    source = with_sheet(tmp_path / "台帳.xlsx", "集計", STAFF_NOTE)

    applied, actions = press(excel.report, build_payload(source))

    assert [action["func"] for action in actions] == ["alert"]
    prompt = applied.alerts[0]["prompt"]
    assert applied.alerts[0]["mode"] == "info"
    assert prompt.startswith("「報告作成」を実行しませんでした。")
    assert "シート「集計」（A1は「職員のメモ」）" in prompt
    assert applied.values("集計")[1] == ["11行目は区長確認済み（消さないこと）"]
