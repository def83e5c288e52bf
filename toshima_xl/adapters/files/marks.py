"""The tool's marks on data cells: a fill per severity and a comment with the note.

A mark is recognised later by two signs together: the comment's author is
``toshima_xl`` and the fill is one of the colours below. Clearing removes
exactly those marks and never touches a cell value.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toshima_xl.core.dataset import CellMark, Severity

logger = logging.getLogger(__name__)

MARK_AUTHOR = "toshima_xl"
MARK_COLOURS: dict[Severity, str] = {
    Severity.ERROR: "FFC7CE",
    Severity.WARNING: "FFEB9C",
    Severity.INFO: "DDEBF7",
}
NO_FILL = PatternFill(fill_type=None)
COMMENT_WIDTH_PT = 300
COMMENT_LINE_HEIGHT_PT = 18


def mark_fill(severity: Severity) -> PatternFill:
    """Return the solid fill the tool uses for ``severity``."""
    colour = MARK_COLOURS[severity]
    return PatternFill(fill_type="solid", fgColor=colour, bgColor=colour)


def is_tool_fill(fill: PatternFill) -> bool:
    """Tell whether ``fill`` is one of the tool's solid mark colours."""
    if fill is None or fill.fill_type != "solid" or fill.fgColor.type != "rgb":
        return False
    return str(fill.fgColor.rgb)[-6:].upper() in MARK_COLOURS.values()


def is_tool_comment(cell: Cell) -> bool:
    """Tell whether the cell's comment was written by the tool."""
    return cell.comment is not None and cell.comment.author == MARK_AUTHOR


def clear_marks(workbook: Workbook, sheet_names: Iterable[str]) -> int:
    """Remove the tool's comments and fills from the named sheets; return the count."""
    cleared = 0
    for name in sheet_names:
        sheet = workbook[name] if name in workbook.sheetnames else None
        if not isinstance(sheet, Worksheet):  # absent, or a chart sheet
            continue
        for cell in list(sheet._cells.values()):
            if not is_tool_comment(cell):
                continue
            cell.comment = None
            if is_tool_fill(cell.fill):
                cell.fill = NO_FILL
            cleared += 1
    return cleared


def apply_marks(workbook: Workbook, marks: Iterable[CellMark]) -> int:
    """Put a fill and a comment on each marked cell; return how many were applied.

    A cell that already has a comment by someone else, or a fill that is not
    the tool's, is left alone: marking it would overwrite staff's own note or
    colour, and clearing would later lose it. A cell inside a merged range
    (not its first cell) cannot hold a comment and is left alone too. The
    finding still appears on the findings sheet.
    """
    applied = 0
    skipped = 0
    for mark in merge_marks(marks):
        sheet = workbook[mark.sheet] if mark.sheet in workbook.sheetnames else None
        if not isinstance(sheet, Worksheet):
            skipped += 1
            continue
        cell = sheet.cell(row=mark.row, column=mark.column)
        if isinstance(cell, MergedCell):  # only a range's first cell takes a note
            skipped += 1
            continue
        has_staff_comment = cell.comment is not None and not is_tool_comment(cell)
        has_staff_fill = cell.fill.fill_type is not None and not is_tool_fill(cell.fill)
        if has_staff_comment or has_staff_fill:
            skipped += 1
            continue
        cell.fill = mark_fill(mark.severity)
        cell.comment = make_comment(mark.note)
        applied += 1
    if skipped:
        logger.warning(
            "left %d marks off cells with staff notes, fills or sheets missing", skipped
        )
    return applied


def merge_marks(marks: Iterable[CellMark]) -> list[CellMark]:
    """Combine marks on the same cell: the most severe fill, every note."""
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    by_cell: dict[tuple[str, int, int], CellMark] = {}
    for mark in marks:
        key = (mark.sheet, mark.row, mark.column)
        previous = by_cell.get(key)
        if previous is None:
            by_cell[key] = mark
            continue
        severity = min(previous.severity, mark.severity, key=rank.__getitem__)
        note = previous.note + "\n" + mark.note
        by_cell[key] = CellMark(mark.sheet, mark.row, mark.column, severity, note)
    return list(by_cell.values())


def make_comment(note: str) -> Comment:
    """Build the tool's comment, sized so that a few lines show without scrolling."""
    comment = Comment(note, MARK_AUTHOR)
    lines = sum(1 + len(line) // 20 for line in note.splitlines() or [""])
    comment.width = COMMENT_WIDTH_PT
    comment.height = COMMENT_LINE_HEIGHT_PT * min(max(lines, 2), 12)
    return comment
