"""Plan the merge of duplicate rows that staff judged in the 重複候補 sheet.

Staff write 残す on the row to keep and 統合 on the rows to merge into it;
別 leaves a row alone. A group is merged only when it has exactly one 残す,
at least one 統合 and no other value. Every judged group left alone and
every 判定 whose キー matches no current group is reported with the reason.
Merged-away rows are copied in full to 統合履歴 before they leave their
sheet, and their values fill the kept row's blank cells only: a typed cell
of the kept row is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from toshima_xl.core.dataset import Dataset, RawSheet, Row, SheetTable
from toshima_xl.core.duplicates import DuplicateGroup
from toshima_xl.core.edits import CellEdit, EditPlan
from toshima_xl.core.sheets import DUPLICATES_KEY_HEADER, decision_key, find_table
from toshima_xl.core.tables import is_blank
from toshima_xl.messages import list_values
from toshima_xl.schema import BENCHES, DECISION_HEADER, RESOURCES, normalize_header

KEEP = "残す"
MERGE = "統合"
SEPARATE = "別"
JUDGEMENTS = (KEEP, MERGE, SEPARATE)
JUDGEMENT_WORDS = "「残す」「統合」「別」"
GROUP_HEADER = "グループ"
HISTORY_FIXED = ["統合日", "グループ", "シート", "統合先ID", "元の行"]
EXTRA_HEADER = "追加列"


def history_headers() -> list[str]:
    """Return the header row of 統合履歴: fixed columns, every data header, extras."""
    headers = list(HISTORY_FIXED)
    for spec in (RESOURCES, BENCHES):
        headers += [h for h in spec.headers if h not in headers]
    return [*headers, EXTRA_HEADER]


@dataclass(frozen=True)
class Decision:
    """One 判定 typed in the 重複候補 sheet.

    Attributes:
        sheet_row: the Excel row in 重複候補.
        group: the グループ as written in that row ("" when the column is gone).
        key: the キー of the row.
        value: the 判定, with spaces trimmed.
    """

    sheet_row: int
    group: str
    key: str
    value: str


def read_decision_rows(sheet: RawSheet | None) -> list[Decision]:
    """Return every non-blank 判定 of the 重複候補 sheet with its row and key."""
    if sheet is None or not sheet.values:
        return []
    header = [normalize_header(h) for h in sheet.values[0]]
    if DECISION_HEADER not in header or DUPLICATES_KEY_HEADER not in header:
        return []
    decision_at = header.index(DECISION_HEADER)
    key_at = header.index(DUPLICATES_KEY_HEADER)
    group_at = header.index(GROUP_HEADER) if GROUP_HEADER in header else None
    decisions = []
    for offset, row in enumerate(sheet.values[1:], 1):
        cells = list(row) + [None] * (len(header) - len(row))
        if is_blank(cells[key_at]) or is_blank(cells[decision_at]):
            continue
        group = "" if group_at is None else normalize_header(cells[group_at])
        decisions.append(
            Decision(
                sheet_row=sheet.first_row + offset,
                group=group,
                key=str(cells[key_at]),
                value=normalize_header(cells[decision_at]),
            )
        )
    return decisions


def read_decisions(sheet: RawSheet | None) -> dict[str, str]:
    """Return the 判定 values of the 重複候補 sheet by their キー."""
    return {d.key: d.value for d in read_decision_rows(sheet)}


def plan_merge(
    dataset: Dataset,
    groups: list[DuplicateGroup],
    decisions: list[Decision],
    today: date,
) -> EditPlan:
    """Plan the merges that the 判定 column requests.

    Args:
        dataset: the workbook as it is now.
        groups: a fresh duplicate search of ``dataset``; a decision whose key
            no longer matches a group (rows changed since) is not applied.
        decisions: the typed 判定 values, from :func:`read_decision_rows`.
        today: the date written in 統合日.

    Returns:
        The plan. ``summary`` counts merged groups and rows. Its
        ``left_alone`` lists (group, reason) for judged groups not merged.
        Its ``ignored`` lists (group as typed, reason) for 判定 rows whose
        キー matches no current group. Reasons are Japanese.
    """
    plan = EditPlan()
    left_alone: list[tuple[str, str]] = []
    merged_groups = 0
    headers = history_headers()
    by_key = group_decisions(decisions)

    for group in groups:
        marks = {
            m.excel_row: by_key.pop(decision_key(group, m), []) for m in group.members
        }
        reason = judgement_problem(marks)
        if reason is None:
            continue
        if reason:
            left_alone.append((group.group_id, reason))
            continue
        chosen = {row: found[0].value for row, found in marks.items() if found}
        keep = [row for row, value in chosen.items() if value == KEEP]
        merge = [row for row, value in chosen.items() if value == MERGE]
        table = find_table(dataset.tables, group.sheet)
        if table is None:
            left_alone.append(
                (group.group_id, f"シート「{group.sheet}」が見つかりません")
            )
            continue
        kept = table.row_at(keep[0])
        if kept is None:
            left_alone.append((group.group_id, f"{keep[0]}行目が見つかりません"))
            continue
        merged_groups += 1
        kept_id = str(kept.values.get(table.spec.id_field) or "")
        for row_number in sorted(merge):
            row = table.row_at(row_number)
            if row is None:
                continue
            plan.history.append(
                history_row(headers, table, row, group.group_id, kept_id, today)
            )
            plan.edits += fill_blanks(table, kept, row, plan.edits)
            plan.removals.setdefault(table.sheet_name, []).append(row_number)

    plan.summary = {
        "merged_groups": merged_groups,
        "merged_rows": sum(len(rows) for rows in plan.removals.values()),
        "filled_cells": len(plan.edits),
        "left_alone": left_alone,
        "ignored": unmatched_decisions(by_key),
    }
    return plan


def group_decisions(decisions: list[Decision]) -> dict[str, list[Decision]]:
    """Collect the decisions by key, in sheet order."""
    by_key: dict[str, list[Decision]] = {}
    for decision in decisions:
        by_key.setdefault(decision.key, []).append(decision)
    return by_key


def judgement_problem(marks: dict[int, list[Decision]]) -> str | None:
    """Return why a group's 判定 cannot be merged, "" to merge, None to skip.

    A group without 統合 is skipped silently when it has no 残す or has a 別:
    staff then judged that nothing is to be merged.
    """
    typed = [d for found in marks.values() for d in found]
    unknown = [d for d in typed if d.value not in JUDGEMENTS]
    if unknown:
        shown = list_values([f"{d.sheet_row}行目「{d.value}」" for d in unknown])
        return (
            f"「重複候補」{shown}は判定に使えない値です"
            f"（{JUDGEMENT_WORDS}のどれかを入力してください）"
        )
    clashes = [found for found in marks.values() if len({d.value for d in found}) > 1]
    if clashes:
        found = clashes[0]
        rows = list_values([f"{d.sheet_row}行目" for d in found])
        return (
            f"「重複候補」{rows}に同じキー「{found[0].key}」があり、判定が食い違います"
            "（追加した行を削除して1行にしてください）"
        )
    values = [found[0].value for found in marks.values() if found]
    keep, merge = values.count(KEEP), values.count(MERGE)
    if not merge and (not keep or SEPARATE in values):
        return None
    if not merge:
        return (
            f"「{KEEP}」が{keep}行ありますが「{MERGE}」がありません"
            f"（まとめる行には「{MERGE}」を、別のものなら「{SEPARATE}」を入力してください）"
        )
    if not keep:
        return (
            f"「{MERGE}」がありますが「{KEEP}」がありません"
            f"（残す行に「{KEEP}」を1行だけ入力してください）"
        )
    if keep > 1:
        return f"「{KEEP}」が{keep}行あります（1行だけにしてください）"
    return ""


def unmatched_decisions(by_key: dict[str, list[Decision]]) -> list[tuple[str, str]]:
    """Describe the 判定 rows whose キー matches no current group, by typed group."""
    rows_by_group: dict[str, list[int]] = {}
    for found in by_key.values():
        for decision in found:
            label = decision.group or decision.key
            rows_by_group.setdefault(label, []).append(decision.sheet_row)
    return [
        (
            label,
            f"「重複候補」{list_values([f'{r}行目' for r in sorted(rows)])}の判定は"
            "キーが今の重複グループのどれにも合いません"
            "（重複チェックのあとで行が変わりました。"
            "「重複チェック」をやり直してから判定してください）",
        )
        for label, rows in rows_by_group.items()
    ]


def history_row(
    headers: list[str],
    table: SheetTable,
    row: Row,
    group_id: str,
    kept_id: str,
    today: date,
) -> list[Any]:
    """Copy one merged-away row into the 統合履歴 layout, every cell included."""
    cells: list[Any] = [None] * len(headers)
    cells[:5] = [today, group_id, table.sheet_name, kept_id, row.excel_row]
    for field_name, value in row.values.items():
        header = table.spec.column(field_name).header
        cells[headers.index(header)] = value
    extras = [f"{h}={v}" for h, v in row.extras.items() if not is_blank(v)]
    cells[-1] = "; ".join(extras) if extras else None
    return cells


def fill_blanks(
    table: SheetTable, kept: Row, merged: Row, planned: list[CellEdit]
) -> list[CellEdit]:
    """Return edits that copy values into the kept row's blank cells."""
    taken = {(e.row, e.column) for e in planned}
    edits = []
    for field_name, value in merged.values.items():
        if field_name == table.spec.id_field or is_blank(value):
            continue
        if not is_blank(kept.values.get(field_name)):
            continue
        column = table.first_column + table.field_positions[field_name]
        if (kept.excel_row, column) in taken:
            continue
        edits.append(
            CellEdit(
                table.sheet_name, kept.excel_row, column, value, None, "merge.fill"
            )
        )
    return edits
