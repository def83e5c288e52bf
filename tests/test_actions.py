"""The staff actions in the core: import, merge and accept on the sample workbooks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from conftest import SAMPLES

from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.core.actions import (
    apply_to_dataset,
    import_message,
    plan_accept_action,
    plan_import_action,
    plan_imports,
    plan_merge_action,
    refresh_results,
)
from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.duplicates import find_duplicates
from toshima_xl.core.edits import CellEdit, EditPlan
from toshima_xl.core.importing import ImportRejected
from toshima_xl.core.merge import history_headers
from toshima_xl.core.sheets import duplicates_sheet, findings_sheet
from toshima_xl.core.tables import build_dataset
from toshima_xl.core.validate import validate_dataset
from toshima_xl.schema import DECISION_HEADER, FINDINGS_SHEET, RESOURCES

TODAY = date(2022, 3, 31)
MASTER_ROWS = 576  # 地域資源 rows of toshima_r3.xlsx, header in row 1


@pytest.fixture(scope="module")
def master():
    return build_dataset(read_workbook(SAMPLES / "toshima_r3.xlsx"))


@pytest.fixture(scope="module")
def submission():
    return build_dataset(read_workbook(SAMPLES / "coordinator_submission.xlsx"))


@pytest.fixture(scope="module")
def imported(master, submission):
    """The master after the submission's import, as the adapters leave it."""
    plan, _ = plan_import_action(master, submission, TODAY)
    return apply_to_dataset(master, plan)


def test_import_appends_submission_below_master(master, submission):
    plan, findings = plan_import_action(master, submission, TODAY)

    assert plan.summary["appended"] == {"地域資源": 20}
    assert plan.append_at == {"地域資源": (MASTER_ROWS + 2, 1)}
    assert plan.summary["renumbered"] == [
        ("地域資源", 12, "", "R0911"),
        ("地域資源", 13, "R0901", "R0912"),
    ]
    ids = [row[0] for row in plan.appends["地域資源"]]
    master_ids = {row.values["resource_id"] for row in master.tables["地域資源"].rows}
    assert len(set(ids)) == 20
    assert not set(ids) & master_ids
    assert plan.edits == []
    assert plan.removals == {}
    assert plan.history == []
    assert plan.summary["errors"] == 8
    assert sum(f.severity == "error" for f in findings) == 8
    assert plan.summary["message"].splitlines()[0] == (
        "「coordinator_submission.xlsx」から追加する行: 地域資源 20行"
    )


def test_imported_rows_read_back_in_place(master, imported):
    table = imported.tables["地域資源"]
    assert len(table.rows) == MASTER_ROWS + 20
    last = table.rows[-1]
    assert last.excel_row == MASTER_ROWS + 21
    assert last.values["resource_id"] == "R0920"
    assert last.values["registered_on"] == date(2022, 1, 14)
    assert len(master.tables["地域資源"].rows) == MASTER_ROWS


def test_second_import_of_same_submission_skips_every_row(master, submission):
    plan, _ = plan_imports(master, [submission, submission], TODAY)

    assert plan.summary["appended"] == {"地域資源": 20}
    assert len(plan.appends["地域資源"]) == 20
    second = plan.summary["message"].split("\n「")[1]
    assert "追加する行: なし" in second
    assert "台帳に同じ行があるため追加しなかった行: 20行" in second


def judged_duplicates(dataset, marks):
    """Render 重複候補 for ``dataset`` with 判定 values typed by group and row."""
    _, validated = validate_dataset(dataset, TODAY)
    output = duplicates_sheet(find_duplicates(validated))
    header = output.rows[0]
    rows = [list(row) for row in output.rows[1:]]
    for row in rows:
        row[header.index(DECISION_HEADER)] = marks.get((row[0], row[2]), "")
    return RawSheet("重複候補", [header, *rows])


def test_imports_stop_at_submission_with_renamed_headers(master, submission):
    sheet = submission.tables["地域資源"]
    renamed = replace(
        submission,
        source="提出/見出し違い.xlsx",
        tables={
            **submission.tables,
            "地域資源": replace(
                sheet,
                field_positions={
                    name: position
                    for name, position in sheet.field_positions.items()
                    if name != "area"
                },
            ),
        },
    )

    with pytest.raises(ImportRejected) as rejected:
        plan_imports(master, [submission, renamed], TODAY)

    assert "提出ブック「見出し違い.xlsx」を取り込みませんでした。" in (
        rejected.value.message_ja
    )
    assert "必須の見出し「圏域」がありません。" in rejected.value.message_ja


def test_import_message_names_columns_left_out():
    summary = {
        "appended": {"地域資源": 2},
        "left_out_columns": [("地域資源", "メモ"), ("地域資源", "連絡先2")],
    }

    message = import_message(summary, "提出/東部.xlsx")

    assert message.splitlines() == [
        "「東部.xlsx」から追加する行: 地域資源 2行",
        "「地域資源」シート: 台帳にない列「メモ」「連絡先2」は取り込んでいません。"
        "必要なら、台帳に同じ見出しの列を足してからもう一度取り込むか、"
        "提出ブックから書き写してください。",
    ]


def test_merge_moves_judged_rows_to_history(imported):
    sheet = judged_duplicates(
        imported, {("D003", 595): "残す", ("D003", 596): "統合", ("D003", 597): "統合"}
    )

    plan = plan_merge_action(imported, sheet, TODAY)

    assert plan.removals == {"地域資源": [596, 597]}
    assert [row[:5] for row in plan.history] == [
        [TODAY, "D003", "地域資源", "R0918", 596],
        [TODAY, "D003", "地域資源", "R0918", 597],
    ]
    headers = history_headers()
    assert plan.history[0][headers.index("名称")] == "（株）めじろ配食サービス"
    assert plan.history[1][headers.index("資源ID")] == "R0920"
    assert plan.summary["merged_groups"] == 1
    assert plan.summary["message"].startswith(
        "統合したグループ: 1件、「統合履歴」に移した行: 2行"
    )

    after = apply_to_dataset(imported, plan)
    rows = after.tables["地域資源"].rows
    assert len(rows) == MASTER_ROWS + 18
    assert rows[-1].excel_row == MASTER_ROWS + 19
    assert rows[-1].values["resource_id"] == "R0918"


def test_merge_with_two_kept_rows_leaves_group(imported):
    sheet = judged_duplicates(
        imported, {("D002", 593): "残す", ("D002", 594): "残す", ("D001", 364): "統合"}
    )

    plan = plan_merge_action(imported, sheet, TODAY)

    assert plan.is_empty
    assert plan.summary["left_alone"] == [
        (
            "D001",
            "「統合」がありますが「残す」がありません"
            "（残す行に「残す」を1行だけ入力してください）",
        ),
        (
            "D002",
            "「残す」が2行ありますが「統合」がありません"
            "（まとめる行には「統合」を、別のものなら「別」を入力してください）",
        ),
    ]
    assert plan.summary["ignored"] == []


def test_merge_refresh_drops_stale_accept_marks(imported):
    sheet = judged_duplicates(imported, {("D003", 595): "残す", ("D003", 596): "統合"})
    plan = plan_merge_action(imported, sheet, TODAY)

    results = refresh_results(imported, plan, TODAY, decisions={})

    names = [output.name for output in results.sheets]
    assert names == [FINDINGS_SHEET, "重複候補"]
    assert results.sheets[0].keep_column is None
    groups = {row[0] for row in results.sheets[1].rows[1:]}
    assert groups == {"D001", "D002", "D003"}
    assert len(results.sheets[1].rows) - 1 == 6


def findings_with_marks(dataset, marked):
    """Render 検証結果 for ``dataset`` and type ○ in 反映 on the ``marked`` rows."""
    findings, _ = validate_dataset(dataset, TODAY)
    output = findings_sheet(findings, dataset.tables)
    header = output.rows[0]
    rows = [list(row) for row in output.rows[1:]]
    for row in rows:
        if (row[1], row[2], row[5]) in marked:
            row[header.index("反映")] = "○"
    return RawSheet(FINDINGS_SHEET, [header, *rows])


def test_accept_applies_only_marked_cells(imported):
    sheet = findings_with_marks(
        imported,
        {("地域資源", 587, "choice.unknown"), ("地域資源", 590, "kana.not_katakana")},
    )

    plan = plan_accept_action(imported, sheet, TODAY)

    visibility = RESOURCES.headers.index("公開区分") + 1
    kana = RESOURCES.headers.index("名称カナ") + 1
    assert [(e.row, e.column, e.value, e.previous) for e in plan.edits] == [
        (587, visibility, "公開可", "公開"),
        (590, kana, "メジロヤマブキタイソウノカイ", "めじろやまぶきたいそうのかい"),
    ]
    assert plan.summary["applied"] == 2
    assert plan.summary["message"] == "修正案を反映したセル: 2個"

    after = refresh_results(imported, plan, TODAY)
    codes = {(row[2], row[5]) for row in after.sheets[0].rows[1:]}
    assert (587, "choice.unknown") not in codes
    assert (583, "phone.format") in codes


def test_accept_by_code_without_marks(imported):
    plan = plan_accept_action(imported, None, TODAY, frozenset({"phone.format"}))

    assert [(e.row, e.value) for e in plan.edits] == [(583, "03-3987-2245")]


def test_accept_without_marks_says_what_to_do(imported):
    plan = plan_accept_action(imported, findings_with_marks(imported, set()), TODAY)

    assert plan.is_empty
    assert "「反映」欄に ○ を入力してから" in plan.summary["message"]


@pytest.mark.parametrize(
    ("removals", "expected_rows"),
    [({}, [2, 3, 4]), ({"地域資源": [2]}, [2, 3]), ({"地域資源": [3, 4]}, [2])],
    ids=["nothing-removed", "first-removed", "last-two-removed"],
)
def test_apply_to_dataset_renumbers_rows(removals, expected_rows):
    header = RESOURCES.headers
    rows = [[f"R000{i}", f"サロン{i}"] + [None] * (len(header) - 2) for i in (1, 2, 3)]
    sheet = RawSheet("地域資源", [header, *rows])
    dataset = build_dataset(RawWorkbook("台帳.xlsx", {"地域資源": sheet}))
    plan = EditPlan(
        edits=[CellEdit("地域資源", 4, 2, "サロン三", "サロン3", "test")],
        removals=removals,
    )

    after = apply_to_dataset(dataset, plan)

    table = after.tables["地域資源"]
    assert [row.excel_row for row in table.rows] == expected_rows
    if 4 not in removals.get("地域資源", []):
        assert table.rows[-1].values["name"] == "サロン三"
    assert dataset.tables["地域資源"].rows[-1].values["name"] == "サロン3"


def test_accept_mark_without_suggestion_reported(imported):
    sheet = findings_with_marks(imported, {("地域資源", 586, "cell.required")})

    plan = plan_accept_action(imported, sheet, TODAY)

    assert plan.is_empty
    assert plan.summary["without_suggestion"] == 1
    assert plan.summary["message"].splitlines() == [
        "修正案を反映したセル: 0個",
        "修正案がないため反映できなかった印: 1件（セルを直接直してください）",
    ]


def test_refresh_names_stale_report_sheets(master):
    dataset = master
    plan = EditPlan(edits=[CellEdit("地域資源", 2, 2, "新しい名称", None, "test")])
    with_report = replace(dataset, sheet_names=[*dataset.sheet_names, "集計", "報告"])

    plain = refresh_results(dataset, plan, TODAY).summary["message"]
    stale = refresh_results(with_report, plan, TODAY).summary["message"]

    assert "作り直して" not in plain
    assert stale.endswith(
        "「集計」「報告」シートは変更前のままです。「報告書作成」で作り直してください。"
    )
