"""The file adapter applies import, merge and accept plans to real xlsx files."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import openpyxl
import pytest
from conftest import SAMPLES
from openpyxl.worksheet.table import Table

from toshima_xl.adapters.files.apply import apply_plan
from toshima_xl.adapters.files.errors import WorkbookWriteError
from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.writer import write_results
from toshima_xl.core.actions import (
    plan_import_action,
    plan_merge_action,
    refresh_results,
)
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.merge import history_headers, read_decisions
from toshima_xl.core.pipeline import run_duplicates, run_validation
from toshima_xl.core.tables import build_dataset

TODAY = date(2022, 3, 31)
MASTER_ROWS = 576


def read(path):
    raw = read_workbook(path)
    return raw, build_dataset(raw)


@pytest.fixture
def imported(tmp_path):
    """Import the sample submission into a copy of the R3 sample; return the path."""
    master_path = tmp_path / "台帳 R3.xlsx"
    shutil.copy(SAMPLES / "toshima_r3.xlsx", master_path)
    _, master = read(master_path)
    _, submission = read(SAMPLES / "coordinator_submission.xlsx")
    plan, _ = plan_import_action(master, submission, TODAY)
    target = tmp_path / "台帳_取込後.xlsx"
    results = refresh_results(master, plan, TODAY)
    assert apply_plan(master_path, target, plan, results=results) == []
    return target


def test_import_appends_rows_and_grows_table(imported):
    workbook = openpyxl.load_workbook(imported)
    ws = workbook["地域資源"]

    assert ws.max_row == MASTER_ROWS + 21
    assert ws.tables["T_地域資源"].ref == f"A1:R{MASTER_ROWS + 21}"
    assert str(ws.data_validations.dataValidation[0].sqref) == f"A2:A{MASTER_ROWS + 21}"
    assert [ws.cell(row, 1).value for row in (578, 589, 590, 597)] == [
        "R0901",
        "R0912",
        "R0913",
        "R0920",
    ]
    registered = ws.cell(597, 16)
    assert registered.value == datetime(2022, 1, 14)
    assert registered.number_format == "yyyy/m/d"
    assert "検証結果" in workbook.sheetnames


def test_import_reads_back_in_libreoffice(imported, libreoffice_values):
    sheets = libreoffice_values(imported)

    resources = sheets["地域資源"]
    assert len(resources) == MASTER_ROWS + 21
    assert resources[-1][:2] == ["R0920", "めじろ\u3000配食サービス"]
    assert resources[-1][15] == 44575  # 2022-01-14 as a serial number
    findings = sheets["検証結果"]
    assert findings[0][-2:] == ["反映", "キー"]


def judge(path, marks):
    """Write 重複候補 into ``path`` and type 判定 values by (group, row)."""
    _, dataset = read(path)
    write_results(path, path, run_duplicates(dataset, TODAY), in_place=True)
    workbook = openpyxl.load_workbook(path)
    ws = workbook["重複候補"]
    header = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        mark = marks.get((row[0].value, row[2].value))
        if mark:
            row[header.index("判定")].value = mark
    workbook.save(path)


def merge(path, target):
    raw, dataset = read(path)
    duplicates = raw.sheets["重複候補"]
    plan = plan_merge_action(dataset, duplicates, TODAY)
    results = refresh_results(dataset, plan, TODAY, read_decisions(duplicates))
    apply_plan(path, target, plan, results=results, in_place=path == target)
    return plan


def test_two_merges_keep_history(imported, tmp_path, libreoffice_values):
    judge(
        imported, {("D003", 595): "残す", ("D003", 596): "統合", ("D003", 597): "統合"}
    )
    first = merge(imported, imported)
    assert first.summary["merged_rows"] == 2

    judge(imported, {("D002", 593): "残す", ("D002", 594): "統合"})
    target = tmp_path / "台帳_統合後.xlsx"
    second = merge(imported, target)
    assert second.removals == {"地域資源": [594]}

    workbook = openpyxl.load_workbook(target)
    history = [[c.value for c in row] for row in workbook["統合履歴"].iter_rows()]
    assert history[0] == history_headers()
    assert [row[1:5] for row in history[1:]] == [
        ["D003", "地域資源", "R0918", 596],
        ["D003", "地域資源", "R0918", 597],
        ["D002", "地域資源", "R0916", 594],
    ]
    ws = workbook["地域資源"]
    assert ws.tables["T_地域資源"].ref == f"A1:R{MASTER_ROWS + 18}"
    assert ws.max_row == MASTER_ROWS + 18
    assert ws.cell(MASTER_ROWS + 18, 1).value == "R0918"
    assert (imported.parent / "台帳_取込後.bak.xlsx").exists()

    sheets = libreoffice_values(target)
    assert len(sheets["統合履歴"]) == 4
    assert sheets["統合履歴"][3][3] == "R0916"
    assert len(sheets["地域資源"]) == MASTER_ROWS + 18


def test_accept_writes_marked_suggestion(imported):
    workbook = openpyxl.load_workbook(imported)
    ws = workbook["検証結果"]
    header = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if (row[2].value, row[5].value) == (587, "choice.unknown"):
            row[header.index("反映")].value = "○"
    workbook.save(imported)
    from toshima_xl.core.actions import plan_accept_action

    raw, dataset = read(imported)
    plan = plan_accept_action(dataset, raw.sheets["検証結果"], TODAY)
    apply_plan(imported, imported, plan, in_place=True)

    ws = openpyxl.load_workbook(imported)["地域資源"]
    assert ws.cell(587, 14).value == "公開可"
    assert ws.cell(590, 3).value == "めじろやまぶきたいそうのかい"


def test_formula_like_text_stays_text(tmp_path):
    path = tmp_path / "台帳.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "地域資源"
    workbook.active.append(["資源ID", "名称"])
    workbook.save(path)
    plan = EditPlan(appends={"地域資源": [["R0001", "=SUM(A1)"]]})

    apply_plan(path, tmp_path / "出力.xlsx", plan)

    cell = openpyxl.load_workbook(tmp_path / "出力.xlsx")["地域資源"]["B2"]
    assert (cell.value, cell.data_type) == ("=SUM(A1)", "s")


def test_locked_target_not_written(imported):
    lock = imported.with_name("~$" + imported.name)
    lock.write_bytes(b"")
    before = imported.read_bytes()
    plan = EditPlan(appends={"地域資源": [["R0999", "サロン"]]})

    with pytest.raises(WorkbookWriteError) as error:
        apply_plan(imported, imported, plan, in_place=True)

    assert error.value.code == "file.locked"
    assert imported.read_bytes() == before


def test_accept_mark_survives_new_check(imported):
    workbook = openpyxl.load_workbook(imported)
    ws = workbook["検証結果"]
    header = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if (row[2].value, row[5].value) == (587, "choice.unknown"):
            row[header.index("反映")].value = "○"
    workbook.save(imported)
    _, dataset = read(imported)

    write_results(imported, imported, run_validation(dataset, TODAY), in_place=True)

    ws = openpyxl.load_workbook(imported)["検証結果"]
    marked = [
        row[header.index("キー")].value
        for row in ws.iter_rows(min_row=2)
        if row[header.index("反映")].value == "○"
    ]
    assert marked == ["地域資源|587|公開区分|choice.unknown"]


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (EditPlan(removals={"地域資源": [3]}), "A1:B200"),
        (EditPlan(appends={"地域資源": [["R0004", "体操"]]}), "A1:B201"),
        (EditPlan(removals={"地域資源": [2, 3]}), "A1:B199"),
    ],
    ids=["removal-shrinks", "append-inside-keeps", "two-removals-shrink"],
)
def test_template_sized_table(tmp_path, plan, expected):
    path = tmp_path / "ひな形.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "地域資源"
    for row in (["資源ID", "名称"], ["R0001", "サロン"], ["R0002", "体操"]):
        ws.append(row)
    ws.add_table(Table(displayName="T_地域資源", ref="A1:B201"))
    workbook.save(path)
    plan.append_at = {"地域資源": (4, 1)} if plan.appends else {}

    apply_plan(path, tmp_path / "出力.xlsx", plan)

    ws = openpyxl.load_workbook(tmp_path / "出力.xlsx")["地域資源"]
    assert ws.tables["T_地域資源"].ref == expected


def test_table_with_totals_row_refused(tmp_path):
    path = tmp_path / "集計行つき.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "地域資源"
    for row in (["資源ID", "名称"], ["R0001", "サロン"], ["集計", "=SUBTOTAL(103,B2)"]):
        ws.append(row)
    ws.add_table(Table(displayName="T_地域資源", ref="A1:B3", totalsRowCount=1))
    workbook.save(path)
    plan = EditPlan(
        appends={"地域資源": [["R0002", "体操"]]}, append_at={"地域資源": (4, 1)}
    )
    target = tmp_path / "出力.xlsx"

    with pytest.raises(WorkbookWriteError) as error:
        apply_plan(path, target, plan)

    assert error.value.code == "table.totals_row"
    assert error.value.message_ja.startswith(
        "ファイル「集計行つき.xlsx」の「地域資源」シートの表「T_地域資源」には"
        "集計行があるため、行を追加しませんでした"
    )
    assert "「集計行」のチェックを外して" in error.value.message_ja
    assert not target.exists()
