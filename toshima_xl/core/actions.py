"""Plan the three staff actions that change data sheets: import, merge, accept.

Each action validates the workbook afresh, because staff may have typed
since the last run, and returns an :class:`EditPlan` whose ``summary`` contains
the figures and a Japanese ``message`` for the closing summary. After an
adapter has applied a plan, :func:`refresh_results` renders 検証結果 (and,
for a merge, 重複候補) for the workbook as it is then, computed from
:func:`apply_to_dataset` without reading the workbook again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import PurePath
from typing import Any

from toshima_xl.core.accept import plan_accept, read_accept_marks
from toshima_xl.core.dataset import (
    Dataset,
    Finding,
    RawSheet,
    Results,
    Row,
    Severity,
    SheetTable,
)
from toshima_xl.core.duplicates import find_duplicates
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.importing import plan_import
from toshima_xl.core.merge import plan_merge, read_decision_rows
from toshima_xl.core.pipeline import run_duplicates, run_validation
from toshima_xl.core.validate import validate_dataset
from toshima_xl.schema import (
    BOOKLET_SHEET,
    COUNTS_SHEET,
    FINDINGS_SHEET,
    REPORT_SHEET,
)


def plan_import_action(
    master: Dataset, submission: Dataset, today: date
) -> tuple[EditPlan, list[Finding]]:
    """Validate a coordinator's submission and plan its rows for the master.

    Args:
        master: the master workbook as it is now.
        submission: the coordinator's workbook.
        today: the day of the run, for checks of future dates.

    Returns:
        The plan, whose ``summary["message"]`` lists what is appended, skipped
        and renumbered, and the submission's findings. Rows with findings are
        imported too: the master's next 検証 lists them for staff.
    """
    findings, parsed = validate_dataset(submission, today)
    plan = plan_import(master, submission, parsed)
    plan.summary["errors"] = sum(f.severity == Severity.ERROR for f in findings)
    plan.summary["message"] = import_message(plan.summary, submission.source)
    return plan, findings


def plan_imports(
    master: Dataset, submissions: list[Dataset], today: date
) -> tuple[EditPlan, list[Finding]]:
    """Plan several submissions in turn, each against the master plus the earlier ones.

    Returns:
        One plan for all submissions and the findings of all of them. The
        summary's ``message`` has one paragraph per submission.
    """
    combined = EditPlan(summary={"appended": {}, "errors": 0})
    all_findings: list[Finding] = []
    messages = []
    current = master
    for submission in submissions:
        plan, findings = plan_import_action(current, submission, today)
        current = apply_to_dataset(current, plan)
        for sheet, rows in plan.appends.items():
            combined.appends.setdefault(sheet, []).extend(rows)
            combined.append_at.setdefault(sheet, plan.append_at[sheet])
        for sheet, count in plan.summary["appended"].items():
            appended = combined.summary["appended"]
            appended[sheet] = appended.get(sheet, 0) + count
        combined.summary["errors"] += plan.summary["errors"]
        all_findings += findings
        messages.append(plan.summary["message"])
    combined.summary["message"] = "\n".join(messages)
    return combined, all_findings


def plan_merge_action(
    dataset: Dataset, duplicates_sheet: RawSheet | None, today: date
) -> EditPlan:
    """Plan the merges that staff judged in the 重複候補 sheet.

    The duplicate search runs again on the workbook as it is now, so a 判定
    whose rows changed since the 重複チェック no longer applies.

    Args:
        dataset: the workbook as it is now.
        duplicates_sheet: the 重複候補 sheet as read, or None.
        today: the date written in 統合履歴.
    """
    _, validated = validate_dataset(dataset, today)
    groups = find_duplicates(validated)
    decisions = read_decision_rows(duplicates_sheet)
    plan = plan_merge(dataset, groups, decisions, today)
    plan.summary["message"] = merge_message(plan.summary)
    return plan


def plan_accept_action(
    dataset: Dataset,
    findings_sheet: RawSheet | None,
    today: date,
    codes: frozenset[str] = frozenset(),
) -> EditPlan:
    """Plan the suggested fixes marked in the 反映 column of 検証結果.

    Args:
        dataset: the workbook as it is now.
        findings_sheet: the 検証結果 sheet as read, or None.
        today: the day of the run.
        codes: finding codes whose suggestions are all accepted, marked or not.
    """
    findings, _ = validate_dataset(dataset, today)
    plan = plan_accept(dataset, findings, read_accept_marks(findings_sheet), codes)
    plan.summary["message"] = accept_message(plan.summary)
    return plan


# Sheets rendered only by a full report, which an action leaves as they were.
REPORT_SHEETS = (COUNTS_SHEET, REPORT_SHEET, BOOKLET_SHEET)


def refresh_results(
    dataset: Dataset,
    plan: EditPlan,
    today: date,
    decisions: dict[str, str] | None = None,
) -> Results:
    """Render 検証結果 and the cell marks for the workbook after ``plan``.

    With ``decisions`` (after a merge), 重複候補 is rendered too, keeping the
    判定 values of the groups that are still there. After removals the 反映
    marks of the previous 検証結果 are not carried over: they name rows by
    number, and those rows have moved.
    """
    after = apply_to_dataset(dataset, plan)
    results = run_validation(after, today)
    if plan.removals:
        for output in results.sheets:
            if output.name == FINDINGS_SHEET:
                output.keep_column = None
    if decisions is not None:
        duplicates = run_duplicates(after, today, decisions)
        results.sheets += duplicates.sheets
    stale = [name for name in REPORT_SHEETS if name in dataset.sheet_names]
    if stale:
        names = "「" + "」「".join(stale) + "」"
        results.summary["message"] += (
            f"{names}シートは変更前のままです。「報告書作成」で作り直してください。"
        )
    return results


def apply_to_dataset(dataset: Dataset, plan: EditPlan) -> Dataset:
    """Return a copy of ``dataset`` as it reads once an adapter applied ``plan``.

    Edits come first, then the appended rows below each table, then the
    removals, which move every later row up.
    """
    tables = {key: apply_to_table(table, plan) for key, table in dataset.tables.items()}
    return replace(dataset, tables=tables, findings=list(dataset.findings))


def apply_to_table(table: SheetTable, plan: EditPlan) -> SheetTable:
    """Return a copy of one table with the plan's changes to its sheet."""
    sheet = table.sheet_name
    rows = [
        Row(r.excel_row, dict(r.values), dict(r.extras), r.hidden) for r in table.rows
    ]
    by_row = {row.excel_row: row for row in rows}
    fields = {position: name for name, position in table.field_positions.items()}
    for edit in plan.edits:
        row = by_row.get(edit.row) if edit.sheet == sheet else None
        field_name = fields.get(edit.column - table.first_column)
        if row is not None and field_name is not None:
            row.values[field_name] = edit.value

    appended = plan.appends.get(sheet, [])
    if appended:
        first_row = plan.append_at.get(
            sheet, (max(by_row, default=table.header_row) + 1,)
        )[0]
        rows += [
            row_from_cells(table, first_row + i, cells)
            for i, cells in enumerate(appended)
        ]

    removed = sorted(set(plan.removals.get(sheet, [])))
    if removed:
        rows = [
            replace(
                row, excel_row=row.excel_row - sum(r < row.excel_row for r in removed)
            )
            for row in rows
            if row.excel_row not in removed
        ]
    return replace(table, rows=rows, _by_excel_row=None)


def row_from_cells(table: SheetTable, excel_row: int, cells: list[Any]) -> Row:
    """Build a row from cells in the table's column order."""
    padded = list(cells) + [None] * (len(table.typed_headers) - len(cells))
    values = {name: padded[p] for name, p in table.field_positions.items()}
    positions = set(table.field_positions.values())
    extras = {
        header: padded[p]
        for p, header in enumerate(table.typed_headers)
        if p not in positions and header
    }
    return Row(excel_row, values, extras)


def import_message(summary: dict[str, Any], source: str) -> str:
    """Write the Japanese summary of one planned import."""
    appended = summary.get("appended", {})
    added = "、".join(f"{sheet} {count}行" for sheet, count in appended.items())
    lines = [f"「{PurePath(source).name}」から追加する行: {added or 'なし'}"]
    skipped = summary.get("skipped", [])
    if skipped:
        names = "、".join(f"「{name}」" for _, _, name in skipped[:10])
        more = f"ほか {len(skipped) - 10}件" if len(skipped) > 10 else ""
        lines.append(
            f"台帳に同じ行があるため追加しなかった行: {len(skipped)}行（{names}{more}）"
        )
    renumbered = summary.get("renumbered", [])
    if renumbered:
        changes = "、".join(
            f"{sheet} {row}行目 {old or '空欄'}→{new}"
            for sheet, row, old, new in renumbered[:10]
        )
        lines.append(f"IDを振り直した行: {len(renumbered)}行（{changes}）")
    left_out = summary.get("left_out_columns", [])
    for sheet in dict.fromkeys(sheet for sheet, _ in left_out):
        headers = "」「".join(h for s, h in left_out if s == sheet)
        lines.append(
            f"「{sheet}」シート: 台帳にない列「{headers}」は取り込んでいません。"
            "必要なら、台帳に同じ見出しの列を足してからもう一度取り込むか、"
            "提出ブックから書き写してください。"
        )
    if summary.get("errors"):
        lines.append(
            f"提出ブックにエラーが{summary['errors']}件あります。"
            "追加した行は「検証結果」シートで確認してください。"
        )
    return "\n".join(lines)


# Groups named one by one in a merge summary; the rest are counted.
LISTED_GROUPS = 10


def merge_message(summary: dict[str, Any]) -> str:
    """Write the Japanese summary of a planned merge."""
    lines = [
        f"統合したグループ: {summary['merged_groups']}件、"
        f"「統合履歴」に移した行: {summary['merged_rows']}行、"
        f"残す行の空欄を埋めたセル: {summary['filled_cells']}個"
    ]
    left_alone = summary.get("left_alone", [])
    ignored = summary.get("ignored", [])
    for group_id, reason in left_alone[:LISTED_GROUPS]:
        lines.append(f"グループ {group_id} は統合しませんでした: {reason}。")
    if len(left_alone) > LISTED_GROUPS:
        lines.append(
            f"ほか {len(left_alone) - LISTED_GROUPS} グループも統合しませんでした。"
        )
    for group_id, reason in ignored[:LISTED_GROUPS]:
        lines.append(f"グループ {group_id} の判定は使いませんでした: {reason}。")
    if len(ignored) > LISTED_GROUPS:
        lines.append(
            f"ほか {len(ignored) - LISTED_GROUPS} グループの判定も使いませんでした。"
        )
    if not summary["merged_groups"] and not left_alone and not ignored:
        lines.append(
            "「重複候補」シートの「判定」欄に「残す」と「統合」を入力してから実行してください。"
        )
    return "\n".join(lines)


def accept_message(summary: dict[str, Any]) -> str:
    """Write the Japanese summary of the planned accepted fixes."""
    lines = [f"修正案を反映したセル: {summary['applied']}個"]
    if summary.get("stale"):
        lines.append(
            f"データが変わったため反映しなかった印: {summary['stale']}件"
            "（「検証結果」を作り直したので、もう一度確認してください）"
        )
    if summary.get("without_suggestion"):
        lines.append(
            "修正案がないため反映できなかった印: "
            f"{summary['without_suggestion']}件（セルを直接直してください）"
        )
    if summary.get("conflicts"):
        lines.append(
            "同じセルに修正案が重なったため反映しなかった件数: "
            f"{summary['conflicts']}件"
        )
    for code, reason in summary.get("idle_codes", []):
        lines.append(f"コード「{code}」で反映したセルはありません: {reason}。")
    marks = ("applied", "stale", "conflicts", "without_suggestion", "idle_codes")
    if not any(summary.get(name) for name in marks):
        lines.append(
            "「検証結果」シートの「反映」欄に ○ を入力してから実行してください。"
        )
    return "\n".join(lines)
