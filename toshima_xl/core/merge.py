"""Plan the merge of duplicate rows that staff judged in the 重複候補 sheet.

Staff write 残す on the row to keep and 統合 on the rows to merge into it;
別 (or anything else) leaves a row alone. A group is merged only when it has
exactly one 残す and at least one 統合. Merged-away rows are copied in full
to 統合履歴 before they leave their sheet, and their values fill the kept
row's blank cells only: a typed cell of the kept row is never overwritten.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from toshima_xl.core.dataset import Dataset, RawSheet, Row, SheetTable
from toshima_xl.core.duplicates import DuplicateGroup
from toshima_xl.core.edits import CellEdit, EditPlan
from toshima_xl.core.sheets import DUPLICATES_KEY_HEADER, decision_key
from toshima_xl.core.tables import is_blank
from toshima_xl.schema import BENCHES, DECISION_HEADER, RESOURCES, normalize_header

KEEP = "残す"
MERGE = "統合"
HISTORY_FIXED = ["統合日", "グループ", "シート", "統合先ID", "元の行"]
EXTRA_HEADER = "追加列"


def history_headers() -> list[str]:
    """Return the header row of 統合履歴: fixed columns, every data header, extras."""
    headers = list(HISTORY_FIXED)
    for spec in (RESOURCES, BENCHES):
        headers += [h for h in spec.headers if h not in headers]
    return [*headers, EXTRA_HEADER]


def read_decisions(sheet: RawSheet | None) -> dict[str, str]:
    """Return the 判定 values of the 重複候補 sheet by their キー."""
    if sheet is None or not sheet.values:
        return {}
    header = [normalize_header(h) for h in sheet.values[0]]
    if DECISION_HEADER not in header or DUPLICATES_KEY_HEADER not in header:
        return {}
    decision_at = header.index(DECISION_HEADER)
    key_at = header.index(DUPLICATES_KEY_HEADER)
    decisions = {}
    for row in sheet.values[1:]:
        cells = list(row) + [None] * (len(header) - len(row))
        if not is_blank(cells[key_at]) and not is_blank(cells[decision_at]):
            decisions[str(cells[key_at])] = normalize_header(cells[decision_at])
    return decisions


def plan_merge(
    dataset: Dataset,
    groups: list[DuplicateGroup],
    decisions: dict[str, str],
    today: date,
) -> EditPlan:
    """Plan the merges that the 判定 column requests.

    Args:
        dataset: the workbook as it is now.
        groups: a fresh duplicate search of ``dataset``; a decision whose key
            no longer matches a group (rows changed since) is not applied.
        decisions: 判定 values by key, from :func:`read_decisions`.
        today: the date written in 統合日.

    Returns:
        The plan; ``summary`` counts merged groups and rows and lists the
        groups left alone with the reason, in Japanese.
    """
    plan = EditPlan()
    left_alone: list[tuple[str, str]] = []
    merged_groups = 0
    headers = history_headers()

    for group in groups:
        marks = {
            m.excel_row: decisions.get(decision_key(group, m), "")
            for m in group.members
        }
        keep = [row for row, mark in marks.items() if mark == KEEP]
        merge = [row for row, mark in marks.items() if mark == MERGE]
        if not merge:
            continue
        if len(keep) != 1:
            left_alone.append(
                (
                    group.group_id,
                    f"「{KEEP}」が{len(keep)}行あります（1行だけにしてください）",
                )
            )
            continue
        table = find_sheet_table(dataset, group.sheet)
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
    }
    return plan


def find_sheet_table(dataset: Dataset, sheet: str) -> SheetTable | None:
    key = normalize_header(sheet)
    for table in dataset.tables.values():
        if key in (
            normalize_header(table.sheet_name),
            normalize_header(table.spec.name),
        ):
            return table
    return None


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
