"""Apply an :class:`EditPlan` (import, merge, accepted fixes) to a live workbook.

Appended rows go in one ``.value`` block per sheet, at the row the plan
names (just below the table's last filled row as read). Cell edits take one
call each; :func:`limit_edits` cuts a plan of accepted fixes to
:data:`MAX_EDITS` before it is applied. Rows for 統合履歴 go below its used
range in one block: the sheet is append-only and never cleared. Removals
come last, after the history is written, one ``delete`` per run of adjacent
rows, bottom-up so that the row numbers still to delete stay valid.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from toshima_xl.adapters.live.marks import Cell, previous_marks
from toshima_xl.adapters.live.reader import read_sheet
from toshima_xl.adapters.live.writer import (
    WriteReport,
    find_sheet,
    pad_rows,
    write_results,
    write_widths,
)
from toshima_xl.core.cells import safe_text
from toshima_xl.core.dataset import Dataset, Results
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.merge import history_headers
from toshima_xl.core.tables import is_blank
from toshima_xl.schema import FINDINGS_SHEET, MERGE_HISTORY_SHEET

logger = logging.getLogger(__name__)

# Each edit costs one call on Excel. Past this many accepted fixes in one
# run, the rest waits for the next press of the button.
MAX_EDITS = 300
HISTORY_WIDTH = 14


@dataclass
class ApplyReport:
    """Counts of the rows and cells that :func:`apply_plan` changed."""

    appended: dict[str, int] = field(default_factory=dict)
    edits: int = 0
    history: int = 0
    removed: dict[str, int] = field(default_factory=dict)


def apply_plan(book: Any, plan: EditPlan) -> ApplyReport:
    """Make the changes of ``plan`` in ``book``.

    Args:
        book: an ``xw.Book`` from any engine, the one the plan was made from.
        plan: the changes to make.

    Returns:
        What was changed.
    """
    report = ApplyReport()
    for sheet_name, rows in plan.appends.items():
        sheet = require_sheet(book, sheet_name)
        row, column = plan.append_at.get(sheet_name) or (last_used_row(sheet) + 1, 1)
        block = [[cell_value(value) for value in line] for line in pad_rows(rows)]
        # NOTE: Excel is expected to grow a table (ListObject) over rows
        # written right below it, as it does for typed rows; this was not
        # checked in Excel, only the values on the remote engine.
        # NOTE: tables' totals rows are not visible here (unlike the files path).
        sheet.range((row, column)).value = block
        report.appended[sheet_name] = len(rows)

    for edit in plan.edits:
        sheet = require_sheet(book, edit.sheet)
        sheet.range((edit.row, edit.column)).value = cell_value(edit.value)
    report.edits = len(plan.edits)

    if plan.history:
        append_history(book, plan.history)
        report.history = len(plan.history)
    for sheet_name, row_numbers in plan.removals.items():
        sheet = require_sheet(book, sheet_name)
        for first, last in reversed(row_runs(sorted(set(row_numbers)))):
            sheet.range(f"{first}:{last}").delete(shift="up")
        report.removed[sheet_name] = len(set(row_numbers))
    logger.info("applied plan: %s", report)
    return report


def limit_edits(plan: EditPlan) -> int:
    """Cut ``plan`` to :data:`MAX_EDITS` edits; return how many were left out.

    Call it before computing the results for the workbook after the plan, so
    that the left-out edits keep their findings (and 反映 marks) for the next
    run. A merge plan is never cut: its merged-away rows leave the sheet in
    the same run, so every fill of the kept rows must be written then.
    """
    if plan.removals:
        return 0
    left_out = max(len(plan.edits) - MAX_EDITS, 0)
    del plan.edits[MAX_EDITS:]
    return left_out


def apply_with_results(
    book: Any, plan: EditPlan, results: Results, dataset: Dataset
) -> tuple[ApplyReport, WriteReport]:
    """Apply ``plan``, then write ``results`` computed for the workbook after it.

    The marks of the previous run are located before the plan moves rows,
    then followed to where row removals put them, so that the new 検証結果
    clears exactly the tool's old fills and notes.

    Args:
        book: an ``xw.Book`` from any engine.
        plan: the changes to make.
        results: 検証結果 (and maybe 重複候補) for the workbook after ``plan``.
        dataset: the workbook as read before ``plan``.
    """
    previous: set[Cell] = set()
    findings = find_sheet(book, FINDINGS_SHEET)
    if findings is not None:
        previous = previous_marks(read_sheet(findings).values, dataset.tables)
    applied = apply_plan(book, plan)
    moved = follow_removals(previous, plan.removals)
    written = write_results(book, results, previous=moved)
    return applied, written


def follow_removals(cells: set[Cell], removals: dict[str, list[int]]) -> set[Cell]:
    """Return where cells are once rows are removed; cells of removed rows go."""
    moved = set()
    for sheet_name, row, column in cells:
        removed = set(removals.get(sheet_name, []))
        if row in removed:
            continue
        moved.add((sheet_name, row - sum(r < row for r in removed), column))
    return moved


def append_history(book: Any, rows: list[list[Any]]) -> None:
    """Write rows below the used range of 統合履歴, adding the sheet if needed."""
    sheet = find_sheet(book, MERGE_HISTORY_SHEET)
    next_row = 1
    if sheet is None:
        sheet = book.sheets.add(
            name=MERGE_HISTORY_SHEET, after=book.sheets[len(book.sheets) - 1]
        )
    else:
        next_row = last_used_row(sheet) + 1
    block = [[cell_value(value) for value in row] for row in pad_rows(rows)]
    if next_row == 1:
        headers = history_headers()
        block.insert(0, headers)
        sheet.range((1, 1)).value = block
        write_widths(sheet, [HISTORY_WIDTH] * len(headers), book)
        return
    sheet.range((next_row, 1)).value = block


def last_used_row(sheet: Any) -> int:
    """Return the last row with a value in the sheet's used range, 0 when empty."""
    raw = read_sheet(sheet)
    for index in range(len(raw.values) - 1, -1, -1):
        if not all(is_blank(value) for value in raw.values[index]):
            return raw.first_row + index
    return 0


def require_sheet(book: Any, name: str) -> Any:
    """Return the sheet named ``name``; the plan was made from this book."""
    sheet = find_sheet(book, name)
    if sheet is None:
        raise LookupError(f"sheet {name!r} of the plan is not in the workbook")
    return sheet


def cell_value(value: Any) -> Any:
    """Return a value to write; text Excel would run as a formula stays text."""
    return safe_text(value)


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """Group sorted row numbers into (first, last) runs of adjacent rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
