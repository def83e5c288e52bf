"""Tests of the ribbon entry points on real remote-engine books built from xlsx files."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from support.apply_actions import apply_actions
from support.remote_payload import build_payload

from toshima_xl import excel
from toshima_xl.schema import AREAS, BENCHES, MEETINGS, RESOURCES

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "toshima_r3.xlsx"

# Actions that only ever touch one cell, because Excel adds notes per cell.
PER_CELL_ACTIONS = {"addNote", "deleteNote", "setNoteText"}


def small_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    resources = workbook.create_sheet(RESOURCES.name)
    resources.append(RESOURCES.headers)
    resources.append(
        [
            "R0001",
            "としまる体操 東池袋",
            "トシマルタイソウ ヒガシイケブクロ",
            "健康体操・としまる体操",
            "東部",
            "東池袋フレイル対策センター",
            "東池袋2-38-10",
            None,
            None,
            None,
            None,
            "03-3981-1111",
            None,
            "公開可",
            "活動中",
            datetime(2021, 7, 9),
        ]
    )
    resources.append([None] * 3)
    resources.append(
        [
            "R0002",
            "サロン",
            None,
            "サロン",
            "不明",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "公開可",
            "活動中",
            "令和3年13月1日",
        ]
    )
    areas = workbook.create_sheet(AREAS.name)
    areas.append(AREAS.headers)
    areas.append(["東部", "東部高齢者総合相談センター", "東池袋", None, 9000])
    workbook.create_sheet(BENCHES.name).append(BENCHES.headers)
    meetings = workbook.create_sheet(MEETINGS.name)
    meetings.append(MEETINGS.headers)
    meetings.append(
        ["M0001", "第1層協議体", 1, datetime(2021, 7, 9), "mobiの活用", None, 18]
    )
    workbook.save(path)
    return path


def test_validate_small_workbook(press, tmp_path):
    data = build_payload(small_workbook(tmp_path / "小さいブック.xlsx"))
    applied, actions = press(excel.validate, data)
    prompt = applied.alerts[-1]["prompt"]
    findings = applied.values("検証結果")
    codes = sorted(row[5] for row in findings[1:])
    assert "area.unknown" in codes
    assert "date.nonexistent" in codes
    assert prompt.startswith("「検証」が終わりました。")
    assert "対象: 地域資源 2行、圏域 1行、ベンチ 0行、会議 1行" in prompt
    assert f"「検証結果」{len(findings) - 1}行" in prompt
    assert applied.alerts[-1]["mode"] == "info"
    assert applied.fills[("地域資源", "E4")] == "#ffc7ce"
    assert "圏域「不明」" in applied.notes[("地域資源", "E4")]


def test_not_toshima_workbook(press, tmp_path):
    path = tmp_path / "家計簿.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["日付", "金額"])
    workbook.save(path)
    applied, actions = press(excel.validate, build_payload(path))
    assert [a["func"] for a in actions] == ["alert"]
    assert applied.alerts[0]["prompt"] == excel.NOT_TOSHIMA_MESSAGE


def test_failure_becomes_alert(remote_engine, monkeypatch, tmp_path):
    monkeypatch.setenv("TOSHIMA_XL_LOG_DIR", str(tmp_path / "logs"))
    data = build_payload(small_workbook(tmp_path / "ブック.xlsx"))
    book = remote_engine.Book(json=copy.deepcopy(data))

    def compute(dataset, raw, today):
        raise ValueError("壊れた値")

    excel.run_command("検証", compute, book=book)
    applied = apply_actions(data, book.json()["actions"])
    alert = applied.alerts[-1]
    assert alert["mode"] == "critical"
    assert (
        "「検証」を最後まで実行できませんでした（ValueError: 壊れた値）"
        in alert["prompt"]
    )
    assert f"ログ: {tmp_path / 'logs' / 'toshima_xl.log'}" in alert["prompt"]
    assert "ValueError: 壊れた値" in (tmp_path / "logs" / "toshima_xl.log").read_text(
        "utf-8"
    )


BUTTONS = [
    (excel.validate, ["検証結果"]),
    (excel.find_duplicates, ["重複候補"]),
    (excel.count, ["集計"]),
    (excel.report, ["検証結果", "重複候補", "集計", "報告"]),
]


@pytest.mark.parametrize(
    ("button", "sheets"), BUTTONS, ids=["validate", "duplicates", "count", "report"]
)
def test_sample_writes_blocks_not_cells(press, button, sheets):
    data = build_payload(SAMPLE)
    applied, actions = press(button, data)
    assert applied.alerts[-1]["mode"] == "info"
    for name in sheets:
        position = applied.sheet_names.index(name)
        funcs = Counter(a["func"] for a in actions if a["sheet_position"] == position)
        assert funcs["setValues"] == 1, name
        assert sum(funcs.values()) <= 30, (name, funcs)
    single = [
        a
        for a in actions
        if a["row_count"] == 1
        and a["column_count"] == 1
        and a["func"] not in PER_CELL_ACTIONS
        and a["func"] != "setColumnWidth"
    ]
    assert single == []


def test_sample_report_counts(press):
    applied, _ = press(excel.report, build_payload(SAMPLE))
    prompt = applied.alerts[-1]["prompt"]
    assert "令和3年度末の登録数 576件（公開可 393件）" in prompt
    assert "書き込んだシート: 「検証結果」" in prompt


def file_values(path: Path, name: str) -> list[list]:
    workbook = openpyxl.load_workbook(path, data_only=True)
    rows = [
        ["" if v is None else v for v in row]
        for row in workbook[name].iter_rows(values_only=True)
    ]
    workbook.close()
    return trim_rows(rows)


def trim_rows(rows):
    from support.apply_actions import trim

    return [[normalise(v) for v in row] for row in trim(rows)]


def normalise(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def test_report_matches_file_adapter(press, tmp_path):
    from toshima_xl.adapters.files.reader import read_workbook
    from toshima_xl.adapters.files.writer import write_results
    from toshima_xl.core import pipeline
    from toshima_xl.core.merge import read_decisions
    from toshima_xl.core.tables import build_dataset

    applied, _ = press(excel.report, build_payload(SAMPLE))

    raw = read_workbook(SAMPLE)
    dataset = build_dataset(raw)
    decisions = read_decisions(raw.sheets.get("重複候補"))
    results = pipeline.run_report(dataset, None, datetime.now().date(), decisions)
    target = tmp_path / "報告.xlsx"
    write_results(SAMPLE, target, results)
    for name in ["検証結果", "重複候補", "集計", "報告"]:
        assert trim_rows(applied.values(name)) == file_values(target, name), name
