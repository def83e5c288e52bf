"""Fill colours and notes on data cells, and finding the marks of the last run.

The remote engine cannot read fill colours, note texts or note authors, so
the marks of the last run are found through the 検証結果 sheet that the tool
owns: each of its rows names the sheet, the Excel row and the column header
of a finding, which locate the marked cell in the tables as read now. A
header keeps its cell's mark when staff insert columns, because Excel moves
the fill and the note with the cell.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from toshima_xl.core.dataset import CellMark, Severity, SheetTable
from toshima_xl.schema import FINDINGS_SHEET, normalize_header

logger = logging.getLogger(__name__)

# Light fills in the colours Excel's own "bad / neutral / good" styles use.
SEVERITY_FILLS = {
    Severity.ERROR: "#FFC7CE",
    Severity.WARNING: "#FFEB9C",
    Severity.INFO: "#DDEBF7",
}

# Notes are added one cell at a time on every engine. Past this many, marked
# cells get their fill only, and the summary reports it.
MAX_NOTES = 500

FINDING_SHEET_HEADER = "シート"
FINDING_ROW_HEADER = "行"
FINDING_COLUMN_HEADER = "列"

Cell = tuple[str, int, int]  # sheet name as typed, 1-based row and column


@dataclass
class MarkReport:
    """Counts of the fills and notes that :func:`write_marks` changed."""

    marked: int = 0
    cleared: int = 0
    notes: int = 0
    notes_over_limit: int = 0
    notes_kept: list[str] = field(default_factory=list)  # cells with a staff note


def previous_marks(
    findings_values: list[list[Any]], tables: dict[str, SheetTable]
) -> set[Cell]:
    """Locate the cells named by the rows of the previous 検証結果 sheet.

    Rows whose sheet, row or column header cannot be located in ``tables``
    are skipped.
    """
    if not findings_values:
        return set()
    header = [normalize_header(value) for value in findings_values[0]]
    try:
        sheet_at = header.index(FINDING_SHEET_HEADER)
        row_at = header.index(FINDING_ROW_HEADER)
        column_at = header.index(FINDING_COLUMN_HEADER)
    except ValueError:
        logger.warning("%s has no シート/行/列 headers; old marks stay", FINDINGS_SHEET)
        return set()

    tables_by_name = {normalize_header(t.sheet_name): t for t in tables.values()}
    cells: set[Cell] = set()
    for values in findings_values[1:]:
        padded = list(values) + [None] * (len(header) - len(values))
        table = tables_by_name.get(normalize_header(padded[sheet_at]))
        row = padded[row_at]
        if table is None or not isinstance(row, int) or isinstance(row, bool):
            continue
        position = _header_position(table, padded[column_at])
        if position is not None:
            cells.add((table.sheet_name, row, table.first_column + position))
    return cells


def _header_position(table: SheetTable, header: Any) -> int | None:
    key = normalize_header(header)
    if not key:
        return None
    for position, typed in enumerate(table.typed_headers):
        if normalize_header(typed) == key:
            return position
    return None


def write_marks(book: Any, marks: list[CellMark], previous: set[Cell]) -> MarkReport:
    """Clear the fills and notes of ``previous`` cells, then mark ``marks``.

    Each data sheet gets one fill action over the block that spans its old
    and new marks, with the cells in between left as they are. Notes take
    one call per cell.
    """
    report = MarkReport()
    new_by_sheet: dict[str, dict[tuple[int, int], CellMark]] = {}
    for mark in marks:
        new_by_sheet.setdefault(mark.sheet, {})[(mark.row, mark.column)] = mark
    old_by_sheet: dict[str, set[tuple[int, int]]] = {}
    for sheet_name, row, column in previous:
        old_by_sheet.setdefault(sheet_name, set()).add((row, column))

    sheets = {normalize_header(sheet.name): sheet for sheet in book.sheets}
    for sheet_name in sorted(set(new_by_sheet) | set(old_by_sheet)):
        sheet = sheets.get(normalize_header(sheet_name))
        if sheet is None:
            logger.warning("sheet %s for marks not found", sheet_name)
            continue
        new = new_by_sheet.get(sheet_name, {})
        old = old_by_sheet.get(sheet_name, set())
        _write_fills(sheet, new, old - set(new))
        report.marked += len(new)
        report.cleared += len(old - set(new))
        _write_notes(sheet, new, old, report)
    return report


def _write_fills(
    sheet: Any, new: dict[tuple[int, int], CellMark], cleared: set[tuple[int, int]]
) -> None:
    cells = set(new) | cleared
    if not cells:
        return
    top = min(row for row, _ in cells)
    bottom = max(row for row, _ in cells)
    left = min(column for _, column in cells)
    right = max(column for _, column in cells)
    # Ellipsis leaves a cell's fill as it is, None removes the fill.
    matrix: list[list[Any]] = [
        [... for _ in range(left, right + 1)] for _ in range(top, bottom + 1)
    ]
    for row, column in cleared:
        matrix[row - top][column - left] = None
    for (row, column), mark in new.items():
        matrix[row - top][column - left] = SEVERITY_FILLS[mark.severity]
    sheet.range((top, left), (bottom, right)).set_colors(matrix)


def _write_notes(
    sheet: Any,
    new: dict[tuple[int, int], CellMark],
    old: set[tuple[int, int]],
    report: MarkReport,
) -> None:
    """Delete the tool's old notes and add the new ones, one cell at a time.

    A note on a cell that the last run did not mark belongs to staff: it is
    kept, and the cell gets its fill only.
    """
    # NOTE: the remote engine cannot read a note's author or text, so a staff
    # note typed on a cell that the tool marked in the last run is taken for
    # the tool's own note and replaced or deleted.
    try:
        for row, column in sorted(old - set(new)):
            note = sheet.range((row, column)).note
            if note is not None:
                note.delete()
        for (row, column), mark in sorted(new.items()):
            if report.notes >= MAX_NOTES:
                report.notes_over_limit += 1
                continue
            cell = sheet.range((row, column))
            note = cell.note
            if note is None:
                cell.add_note(mark.note)
            elif (row, column) in old:
                note.text = mark.note
            else:
                report.notes_kept.append(f"{sheet.name}!{cell.address}")
                continue
            report.notes += 1
    except NotImplementedError as error:
        logger.warning("notes unavailable on this engine, fills only: %s", error)
