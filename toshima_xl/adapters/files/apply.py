"""Apply an :class:`EditPlan` (import, merge, accepted fixes) to a workbook file.

The plan's changes are made in this order: appended rows, cell edits, rows
added to 統合履歴, then row removals, so that a merged-away row is in the
history before it leaves its sheet. 統合履歴 is append-only: it is created
when missing and never cleared. openpyxl's ``delete_rows`` and appends do not
move an Excel table's range, so each table of a changed sheet is resized to
cover its data, and dropdowns that ended with the table are extended.

The save goes through the file adapter's safe path: the lock file check, the
refusal to save over a workbook whose parts openpyxl would drop, a backup
for in-place runs, and an atomic replace.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toshima_xl.adapters.files.errors import WorkbookWriteError
from toshima_xl.adapters.files.output import DATE_FORMAT, set_value
from toshima_xl.adapters.files.parts import find_dropped_parts
from toshima_xl.adapters.files.safety import ReadLimits, check_file
from toshima_xl.adapters.files.writer import (
    MACRO_SUFFIXES,
    back_up,
    check_not_locked,
    check_own_sheets,
    fill_workbook,
    save_atomically,
)
from toshima_xl.core.dataset import Results
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.merge import history_headers
from toshima_xl.schema import MERGE_HISTORY_SHEET

logger = logging.getLogger(__name__)

HISTORY_WIDTH = 14


def apply_plan(
    source: Path,
    target: Path,
    plan: EditPlan,
    *,
    in_place: bool = False,
    results: Results | None = None,
) -> list[str]:
    """Apply ``plan`` to a copy of ``source`` and save it as ``target``.

    Args:
        source: the workbook the plan was made from.
        target: where to save. With ``in_place``, it must be ``source``.
        plan: the changes to make.
        in_place: overwrite ``source``, keeping the previous file as a backup.
        results: output sheets and marks for the workbook after the plan
            (see ``core.actions.refresh_results``), written in the same save.

    Returns:
        Japanese descriptions of the parts of ``source`` missing from the new
        file (images, charts, ...). Empty unless ``target`` is a new file.

    Raises:
        WorkbookReadError: when ``source`` cannot be read safely.
        WorkbookWriteError: file.locked, file.unsupported_parts,
            sheet.foreign or file.unwritable, as for ``writer.write_results``;
            table.totals_row when rows would be appended to a sheet whose
            table has a totals row.
        ValueError: when ``in_place`` is set and ``target`` is not ``source``.
    """
    source, target = Path(source), Path(target)
    if in_place and target.resolve() != source.resolve():
        raise ValueError(f"in_place writes need target == source, got {target}")
    check_file(source, ReadLimits(seconds=None))
    check_not_locked(target)
    keep_vba = source.suffix.lower() in MACRO_SUFFIXES
    dropped = find_dropped_parts(source, keep_vba)
    if dropped and target.exists():
        raise WorkbookWriteError("file.unsupported_parts", target, "、".join(dropped))

    workbook = openpyxl.load_workbook(source, keep_vba=keep_vba)
    check_own_sheets(workbook, plan_output_sheets(plan, results), source)
    check_no_totals_rows(workbook, plan, source)
    apply_to_workbook(workbook, plan)
    if results is not None:
        fill_workbook(workbook, results)
    if in_place:
        backup = back_up(source)
        logger.info("kept the previous workbook as %s", backup.name)
    save_atomically(workbook, target)
    return dropped


def plan_output_sheets(plan: EditPlan, results: Results | None) -> list[str]:
    """Return the tool's sheets that applying ``plan`` and ``results`` writes."""
    names = [MERGE_HISTORY_SHEET] if plan.history else []
    return names + [sheet.name for sheet in (results.sheets if results else [])]


def check_no_totals_rows(workbook: Workbook, plan: EditPlan, source: Path) -> None:
    """Raise table.totals_row when rows would be appended below a table's totals row.

    Appended rows go below the last filled row, which is then the totals
    row; growing the table over them would make the last new row the totals
    row. Moving the totals row down is not done: its formulas name the
    table's old range.
    """
    for sheet_name in plan.appends:
        ws = workbook[sheet_name]
        for table in ws.tables.values():
            if table.totalsRowCount:
                detail = f"「{ws.title}」シートの表「{table.displayName}」"
                raise WorkbookWriteError("table.totals_row", source, detail)


def apply_to_workbook(workbook: Workbook, plan: EditPlan) -> None:
    """Make the plan's changes in an openpyxl workbook loaded with formulas."""
    appended_to: dict[str, int] = {}
    for sheet_name, rows in plan.appends.items():
        ws = workbook[sheet_name]
        appended_to[sheet_name] = append_rows(ws, rows, plan.append_at.get(sheet_name))
    for edit in plan.edits:
        set_value(workbook[edit.sheet].cell(edit.row, edit.column), edit.value)
    if plan.history:
        append_history(workbook, plan.history)
    for sheet_name, row_numbers in plan.removals.items():
        remove_rows(workbook[sheet_name], row_numbers)
    for sheet_name in set(appended_to) | set(plan.removals):
        removed = plan.removals.get(sheet_name, [])
        last = appended_to.get(sheet_name)
        if last is not None:
            last -= sum(row < last for row in removed)
        resize_tables(workbook[sheet_name], removed, last)
    logger.info(
        "applied %d appended rows, %d edits, %d history rows, %d removals",
        sum(len(rows) for rows in plan.appends.values()),
        len(plan.edits),
        len(plan.history),
        sum(len(rows) for rows in plan.removals.values()),
    )


def append_rows(
    ws: Worksheet, rows: list[list[Any]], at: tuple[int, int] | None
) -> int:
    """Write ``rows`` from ``at`` (or below the last filled row); return the last row.

    A new cell takes the number format of the cell above it, so that dates
    and IDs look like the rows typed before.
    """
    first_row, first_column = at if at is not None else (last_filled_row(ws) + 1, 1)
    for offset, values in enumerate(rows):
        row = first_row + offset
        for index, value in enumerate(values):
            if value is None:
                continue
            cell = ws.cell(row, first_column + index)
            if cell.value is not None:
                raise ValueError(f"{ws.title}!{cell.coordinate} is not empty")
            number_format = cell.number_format
            set_value(cell, value)
            format_like_above(ws, cell, value, number_format)
    return first_row + len(rows) - 1


def format_like_above(ws: Worksheet, cell: Any, value: Any, before: str) -> None:
    """Give a new cell the number format of the cell above, or a date format.

    ``before`` is the cell's format before the value was set: openpyxl gives
    a date an ISO format of its own, which the ward's sheets do not use.
    """
    cell.number_format = before
    if before != "General":
        return
    if cell.row > 1:
        above = ws.cell(cell.row - 1, cell.column).number_format
        if above != "General":
            cell.number_format = above
            return
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def last_filled_row(ws: Worksheet) -> int:
    """Return the last row with a value in any cell, or 0 for an empty sheet."""
    rows = [row for (row, _), cell in ws._cells.items() if cell.value is not None]
    return max(rows, default=0)


def append_history(workbook: Workbook, rows: list[list[Any]]) -> None:
    """Add rows below the last row of 統合履歴, creating the sheet if needed."""
    if MERGE_HISTORY_SHEET in workbook.sheetnames:
        ws = workbook[MERGE_HISTORY_SHEET]
    else:
        ws = workbook.create_sheet(MERGE_HISTORY_SHEET)
    next_row = last_filled_row(ws) + 1
    if next_row == 1:
        for column, header in enumerate(history_headers(), 1):
            ws.cell(1, column, header).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(column)].width = HISTORY_WIDTH
        ws.freeze_panes = "A2"
        next_row = 2
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, 1):
            if value is None:
                continue
            cell = ws.cell(next_row + offset, column)
            set_value(cell, value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT


def remove_rows(ws: Worksheet, row_numbers: list[int]) -> None:
    """Delete rows bottom-up, one ``delete_rows`` call per run of adjacent rows."""
    for first, last in reversed(row_runs(sorted(set(row_numbers)))):
        ws.delete_rows(first, last - first + 1)


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """Group sorted row numbers into (first, last) runs of adjacent rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def resize_tables(ws: Worksheet, removed: list[int], last_appended: int | None) -> None:
    """Fit each table of ``ws`` to its rows after removals and appends.

    A table loses the removed rows inside it and grows to the last appended
    row. Dropdowns whose range ended at the table's old last row follow it.
    """
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        new_max = max_row - sum(min_row < row <= max_row for row in removed)
        if last_appended is not None:
            new_max = max(new_max, last_appended)
        new_max = max(new_max, min_row + 1)  # a table keeps one data row
        if new_max == max_row:
            continue
        first, last = get_column_letter(min_col), get_column_letter(max_col)
        ref = f"{first}{min_row}:{last}{new_max}"
        logger.info("table %s: %s -> %s", table.displayName, table.ref, ref)
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
        if new_max > max_row:
            extend_validations(ws, max_row, new_max)


def extend_validations(ws: Worksheet, old_last: int, new_last: int) -> None:
    """Extend dropdown ranges that end at ``old_last`` down to ``new_last``."""
    for validation in ws.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            if cell_range.max_row == old_last:
                cell_range.expand(down=new_last - old_last)
