"""The live adapter and the 取込, 重複を統合 and 修正案を反映 buttons on the remote engine."""

from __future__ import annotations

import copy
import shutil
from datetime import date

import openpyxl
import pytest
from conftest import SAMPLES
from support.apply_actions import apply_actions
from support.remote_payload import build_payload

from toshima_xl import excel
from toshima_xl.adapters.files.apply import apply_plan as apply_file_plan
from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.writer import write_results
from toshima_xl.adapters.live import read_book
from toshima_xl.adapters.live.apply import apply_plan, limit_edits
from toshima_xl.core.actions import (
    plan_import_action,
    plan_merge_action,
    refresh_results,
)
from toshima_xl.core.edits import CellEdit, EditPlan
from toshima_xl.core.merge import history_headers
from toshima_xl.core.pipeline import run_duplicates
from toshima_xl.core.tables import build_dataset

TODAY = date(2022, 3, 31)
MASTER_ROWS = 576
SUBMISSION = SAMPLES / "coordinator_submission.xlsx"


def file_dataset(path):
    return build_dataset(read_workbook(path))


@pytest.fixture
def imported_file(tmp_path):
    """The R3 sample with the submission imported by the file adapter."""
    master = file_dataset(SAMPLES / "toshima_r3.xlsx")
    plan, _ = plan_import_action(master, file_dataset(SUBMISSION), TODAY)
    target = tmp_path / "台帳_取込後.xlsx"
    results = refresh_results(master, plan, TODAY)
    apply_file_plan(SAMPLES / "toshima_r3.xlsx", target, plan, results=results)
    return target


def column(values, index):
    """Return one column below the header, empty cells as ""."""
    return ["" if row[index] is None else row[index] for row in values[1:]]


def test_apply_plan_appends_one_block_like_file_adapter(remote_engine, imported_file):
    data = build_payload(SAMPLES / "toshima_r3.xlsx")
    book = remote_engine.Book(json=copy.deepcopy(data))
    master = build_dataset(read_book(book))
    plan, _ = plan_import_action(master, file_dataset(SUBMISSION), TODAY)

    report = apply_plan(book, plan)

    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["setValues"]
    assert (actions[0]["start_row"], actions[0]["row_count"]) == (MASTER_ROWS + 1, 20)
    assert report.appended == {"地域資源": 20}
    live = apply_actions(data, actions).values("地域資源")
    written = openpyxl.load_workbook(imported_file)["地域資源"]
    on_file = [[cell.value for cell in row] for row in written.iter_rows()]
    assert column(live, 0) == column(on_file, 0)
    assert column(live, 1) == column(on_file, 1)
    assert live[-1][15] == "2022-01-14"


def test_import_button_reads_source_cell(press, tmp_path, imported_file):
    source = tmp_path / "提出 ふくろうの杜.xlsx"
    shutil.copy(SUBMISSION, source)
    data = build_payload(SAMPLES / "toshima_r3.xlsx")
    help_sheet = next(s for s in data["sheets"] if s["name"] == "使い方")
    label_row = next(row for row in help_sheet["values"] if row[0] == "取込元")
    label_row[1] = str(source)
    help_sheet.pop("used_range_address")  # the engine takes it from the values

    applied, actions = press(excel.import_submission, data)

    prompt = applied.alerts[-1]["prompt"]
    assert prompt.startswith(
        "「取込」が終わりました。\n「提出 ふくろうの杜.xlsx」から追加する行: 地域資源 20行"
    )
    assert "反映後のブック: 649行を検証しました。" in prompt
    resources = applied.values("地域資源")
    assert len(resources) == MASTER_ROWS + 21
    on_file = openpyxl.load_workbook(imported_file)["地域資源"]
    assert column(resources, 0) == [
        row[0].value for row in on_file.iter_rows(min_row=2)
    ]
    findings = applied.values("検証結果")
    assert findings[0][-2:] == ["反映", "キー"]
    assert ("地域資源", 587, "choice.unknown") in {(r[1], r[2], r[5]) for r in findings}


def test_import_button_without_source(press):
    data = build_payload(SAMPLES / "toshima_r3.xlsx")

    applied, actions = press(excel.import_submission, data)

    assert [a["func"] for a in actions] == ["alert"]
    assert applied.alerts[0]["mode"] == "info"
    assert applied.alerts[0]["prompt"].startswith("「取込」を実行しませんでした。")


def judge(path, marks):
    """Write 重複候補 into the file and type 判定 values by (group, row)."""
    write_results(path, path, run_duplicates(file_dataset(path), TODAY), in_place=True)
    workbook = openpyxl.load_workbook(path)
    ws = workbook["重複候補"]
    header = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        mark = marks.get((row[0].value, row[2].value))
        if mark:
            row[header.index("判定")].value = mark
    workbook.save(path)


def set_decisions(applied, marks):
    """Type 判定 values into the 重複候補 sheet of an applied payload."""
    payload = applied.next_payload()
    sheet = next(s for s in payload["sheets"] if s["name"] == "重複候補")
    header = sheet["values"][0]
    for row in sheet["values"][1:]:
        if (row[0], row[2]) in marks:
            row[header.index("判定")] = marks[(row[0], row[2])]
    return payload


def test_merge_button_twice_keeps_history(press, imported_file):
    judge(
        imported_file,
        {("D003", 595): "残す", ("D003", 596): "統合", ("D003", 597): "統合"},
    )

    applied, actions = press(excel.merge_duplicates, build_payload(imported_file))

    prompt = applied.alerts[-1]["prompt"]
    assert prompt.splitlines()[:2] == [
        "「重複を統合」が終わりました。",
        "統合したグループ: 1件、「統合履歴」に移した行: 2行、残す行の空欄を埋めたセル: 0個",
    ]
    assert [a["func"] for a in actions].count("rangeDelete") == 1
    history = applied.values("統合履歴")
    assert history[0] == history_headers()
    assert [row[1:5] for row in history[1:]] == [
        ["D003", "地域資源", "R0918", 596],
        ["D003", "地域資源", "R0918", 597],
    ]
    assert len(applied.values("地域資源")) == MASTER_ROWS + 19
    groups = {row[0] for row in applied.values("重複候補")[1:]}
    assert groups == {"D001", "D002"}

    again = set_decisions(applied, {("D002", 593): "残す", ("D002", 594): "統合"})
    applied, actions = press(excel.merge_duplicates, again)

    history = applied.values("統合履歴")
    assert [row[1:5] for row in history[1:]] == [
        ["D003", "地域資源", "R0918", 596],
        ["D003", "地域資源", "R0918", 597],
        ["D002", "地域資源", "R0916", 594],
    ]
    assert len(applied.values("地域資源")) == MASTER_ROWS + 18
    assert "addSheet" not in [a["func"] for a in actions]


def test_accept_button_applies_marked_cell_only(press, imported_file):
    workbook = openpyxl.load_workbook(imported_file)
    ws = workbook["検証結果"]
    header = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if (row[2].value, row[5].value) == (587, "choice.unknown"):
            row[header.index("反映")].value = "○"
    workbook.save(imported_file)

    applied, actions = press(excel.accept_suggestions, build_payload(imported_file))

    resources = applied.values("地域資源")
    assert resources[586][13] == "公開可"
    assert resources[589][2] == "めじろやまぶきたいそうのかい"
    single = [
        a for a in actions if a["func"] == "setValues" and a["sheet_position"] == 0
    ]
    assert [(a["start_row"], a["start_column"], a["values"]) for a in single] == [
        (586, 13, [["公開可"]])
    ]
    prompt = applied.alerts[-1]["prompt"]
    assert "修正案を反映したセル: 1個" in prompt
    codes = {(row[2], row[5]) for row in applied.values("検証結果")[1:]}
    assert (587, "choice.unknown") not in codes


@pytest.mark.parametrize(
    ("removals", "kept", "left_out"),
    [({}, 300, 5), ({"地域資源": [9]}, 305, 0)],
    ids=["accepted-fixes-cut", "merge-never-cut"],
)
def test_limit_edits(removals, kept, left_out):
    edits = [CellEdit("地域資源", row, 2, "サロン", None, "test") for row in range(305)]
    plan = EditPlan(edits=edits, removals=removals)

    assert limit_edits(plan) == left_out
    assert len(plan.edits) == kept


def test_accept_button_without_findings_sheet(press):
    applied, actions = press(
        excel.accept_suggestions, build_payload(SAMPLES / "toshima_r3.xlsx")
    )

    assert [a["func"] for a in actions] == ["alert"]
    assert applied.alerts[0]["mode"] == "info"
    assert applied.alerts[0]["prompt"].splitlines() == [
        "「修正案を反映」で変えるところはありませんでした。",
        "修正案を反映したセル: 0個",
        "「検証結果」シートの「反映」欄に ○ を入力してから実行してください。",
    ]


def test_merge_button_matches_file_adapter(press, imported_file, tmp_path):
    marks = {("D002", 593): "残す", ("D002", 594): "統合"}
    judge(imported_file, marks)
    by_file = tmp_path / "統合後.xlsx"
    raw = read_workbook(imported_file)
    dataset = build_dataset(raw)
    plan = plan_merge_action(dataset, raw.sheets["重複候補"], TODAY)
    apply_file_plan(imported_file, by_file, plan)

    applied, _ = press(excel.merge_duplicates, build_payload(imported_file))

    on_file = openpyxl.load_workbook(by_file)
    # 統合日 differs: the button writes the real date, the file plan TODAY.
    for name, columns in (("地域資源", (0, 1)), ("統合履歴", (1, 3, 5, 6))):
        rows = [[c.value for c in row] for row in on_file[name].iter_rows()]
        live = applied.values(name)
        for index in columns:
            assert column(live, index) == column(rows, index), (name, index)
