"""Render findings and duplicate groups as the sheets 検証結果 and 重複候補.

Every text cell passes through :func:`safe_text`, so that a typed value such
as ``=SUM(A1)`` or ``-3`` is shown as text and never becomes a formula. The
counts and report sheets are rendered in :mod:`toshima_xl.core.report_sheets`
and exported from here as well.
"""

from __future__ import annotations

from typing import Any

from toshima_xl.core.accept import ACCEPT_HEADER, accept_key
from toshima_xl.core.cells import cell_reference, display_value, safe_text
from toshima_xl.core.dataset import (
    SEVERITY_LABELS,
    CellMark,
    Dataset,
    Finding,
    OutputSheet,
    Severity,
    SheetTable,
)
from toshima_xl.core.duplicates import DuplicateGroup, DuplicateMember
from toshima_xl.core.report_sheets import counts_sheet, report_sheet
from toshima_xl.schema import (
    DATA_SHEETS,
    DECISION_HEADER,
    DUPLICATES_SHEET,
    FINDINGS_SHEET,
    normalize_header,
)

FINDINGS_HEADERS = [
    "重要度",
    "シート",
    "行",
    "列",
    "値",
    "コード",
    "メッセージ",
    "修正案",
    ACCEPT_HEADER,
    "キー",
]
FINDINGS_WIDTHS = [8, 12, 6, 14, 24, 22, 90, 20, 6, 30]
FINDINGS_KEY_HEADER = "キー"

DUPLICATES_HEADERS = [
    "グループ", "シート", "行", "ID", "名称", "圏域", "住所", "電話番号",
    "理由", "類似度", DECISION_HEADER, "キー",
]  # fmt: skip
DUPLICATES_WIDTHS = [9, 10, 6, 10, 30, 14, 24, 16, 36, 8, 14, 30]
DUPLICATES_KEY_HEADER = "キー"

__all__ = [
    "cell_marks",
    "counts_sheet",
    "decision_key",
    "duplicates_sheet",
    "findings_sheet",
    "locate_cell",
    "report_sheet",
    "safe_text",
]

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def findings_sheet(
    findings: list[Finding], tables: dict[str, SheetTable] | None = None
) -> OutputSheet:
    """Render findings as the 検証結果 sheet, one row per finding.

    Rows are ordered by severity, then by data sheet, row and column. The
    行 cell of a finding with a row and a column links to that data cell.
    Staff type ○ in 反映 to accept a 修正案; the value is carried into the
    next 検証結果 by the キー column (sheet, row, column header and code).

    Args:
        findings: the findings to list.
        tables: the data tables as read, used to place the link on the
            right column when a table does not start in column A.
    """
    rows: list[list[Any]] = [list(FINDINGS_HEADERS)]
    links: dict[tuple[int, int], str] = {}
    for finding in sorted(findings, key=_finding_order):
        rows.append(
            [
                SEVERITY_LABELS[finding.severity],
                finding.sheet,
                finding.row if finding.row is not None else "",
                safe_text(finding.column or ""),
                display_value(finding.value),
                finding.code,
                safe_text(finding.message),
                display_value(finding.suggestion),
                "",
                accept_key(finding),
            ]
        )
        cell = locate_cell(finding, tables or {})
        if cell is not None:
            links[(len(rows) - 1, 2)] = cell_reference(*cell)
    return OutputSheet(
        name=FINDINGS_SHEET,
        rows=rows,
        widths=list(FINDINGS_WIDTHS),
        links=links,
        keep_column=ACCEPT_HEADER,
        key_column=FINDINGS_KEY_HEADER,
    )


def cell_marks(findings: list[Finding], dataset: Dataset) -> list[CellMark]:
    """Return one mark per data cell that has findings, with all their messages.

    Only findings with a row and a column index become marks. A cell with
    several findings gets the most severe one's fill and every message in
    its note, one per line.
    """
    by_cell: dict[tuple[str, int, int], list[Finding]] = {}
    for finding in findings:
        cell = locate_cell(finding, dataset.tables)
        if cell is not None:
            by_cell.setdefault(cell, []).append(finding)
    marks = []
    for (sheet, row, column), cell_findings in sorted(by_cell.items()):
        severity = min((f.severity for f in cell_findings), key=SEVERITY_ORDER.get)
        note = "\n".join(dict.fromkeys(f.message for f in cell_findings))
        marks.append(CellMark(sheet, row, column, severity, note))
    return marks


def duplicates_sheet(
    groups: list[DuplicateGroup], previous_decisions: dict[str, str] | None = None
) -> OutputSheet:
    """Render duplicate groups as the 重複候補 sheet, one row per member.

    Staff type only in the 判定 column. Its values are matched to rows by
    the キー column, which names the sheet, the group's member IDs and the
    row's own ID, so a decision follows its rows when groups are renumbered.

    Args:
        groups: the groups from :func:`find_duplicates`.
        previous_decisions: 判定 values from the previous 重複候補 sheet, by
            キー. They are written back into the rows with the same key.
    """
    decisions = previous_decisions or {}
    rows: list[list[Any]] = [list(DUPLICATES_HEADERS)]
    links: dict[tuple[int, int], str] = {}
    for group in groups:
        for member in group.members:
            key = decision_key(group, member)
            rows.append(
                [
                    group.group_id,
                    group.sheet,
                    member.excel_row,
                    safe_text(member.record_id or ""),
                    safe_text(member.name or ""),
                    safe_text(member.area or ""),
                    safe_text(member.address or ""),
                    safe_text(member.phone or ""),
                    group.reason,
                    group.score,
                    decisions.get(key, ""),
                    key,
                ]
            )
            links[(len(rows) - 1, 2)] = cell_reference(group.sheet, member.excel_row, 1)
    return OutputSheet(
        name=DUPLICATES_SHEET,
        rows=rows,
        widths=list(DUPLICATES_WIDTHS),
        links=links,
        keep_column=DECISION_HEADER,
        key_column=DUPLICATES_KEY_HEADER,
    )


def decision_key(group: DuplicateGroup, member: DuplicateMember) -> str:
    """Return the stable key of one member row, e.g. 地域資源|R0001,R0005|R0005.

    A member without an ID is named by its row, e.g. 12行.
    """
    names = [_member_name(other) for other in group.members]
    return f"{group.sheet}|{','.join(names)}|{_member_name(member)}"


def locate_cell(
    finding: Finding, tables: dict[str, SheetTable]
) -> tuple[str, int, int] | None:
    """Return the sheet name as typed and the 1-based row and column of a finding.

    Returns None unless the finding has both a row and a column index. The
    column is the table's first column plus the 0-based column index.
    """
    if finding.row is None or finding.column_index is None:
        return None
    table = find_table(tables, finding.sheet)
    if table is None:
        return finding.sheet, finding.row, 1 + finding.column_index
    return table.sheet_name, finding.row, table.first_column + finding.column_index


def find_table(tables: dict[str, SheetTable], sheet: str) -> SheetTable | None:
    """Find a table by its sheet name as typed or as the schema spells it."""
    key = normalize_header(sheet)
    for name, table in tables.items():
        if key in (normalize_header(name), normalize_header(table.sheet_name)):
            return table
    return None


def _member_name(member: DuplicateMember) -> str:
    return member.record_id.strip() if member.record_id else f"{member.excel_row}行"


def _finding_order(finding: Finding) -> tuple:
    sheet_order = [normalize_header(spec.name) for spec in DATA_SHEETS]
    sheet_key = normalize_header(finding.sheet)
    sheet_rank = (
        sheet_order.index(sheet_key) if sheet_key in sheet_order else len(sheet_order)
    )
    return (
        SEVERITY_ORDER[finding.severity],
        sheet_rank,
        finding.sheet,
        finding.row if finding.row is not None else 0,
        finding.column_index if finding.column_index is not None else -1,
    )
