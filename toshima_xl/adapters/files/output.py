"""Write the tool's own sheets (findings, counts, reports) into an openpyxl workbook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from toshima_xl.core.dataset import OutputSheet

DATE_FORMAT = "yyyy/m/d"
# Text starting with one of these would be taken for a formula by Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@")
MAX_CELL_CHARS = 32_767  # Excel's limit for the text of one cell
HEADER_FONT = Font(bold=True)
LINK_FONT = Font(color="0563C1", underline="single")


def replace_output_sheet(workbook: Workbook, sheet: OutputSheet) -> Worksheet:
    """Remove the previous copy of ``sheet`` and write it anew at the end.

    Staff-typed values of ``sheet.keep_column`` in the previous copy are
    carried over to the rows with the same ``sheet.key_column`` value.
    """
    kept: dict[Any, Any] = {}
    if sheet.name in workbook.sheetnames:
        previous = workbook[sheet.name]
        kept = read_kept_values(previous, sheet)
        workbook.remove(previous)
    ws = workbook.create_sheet(sheet.name)
    write_rows(ws, sheet, carry_over(sheet, kept))
    return ws


def read_kept_values(ws: Worksheet, sheet: OutputSheet) -> dict[Any, Any]:
    """Return {key: kept value} from the previous copy of an output sheet."""
    if not sheet.keep_column or not sheet.key_column:
        return {}
    # Stored cells only: iter_rows would create every cell up to a stray
    # value at XFD1048576.
    rows = stored_values(ws)
    headers = {
        str(value).strip(): column
        for column, value in sorted(
            rows.get(sheet.header_rows, {}).items(), reverse=True
        )
    }
    if sheet.keep_column not in headers or sheet.key_column not in headers:
        return {}
    key_at = headers[sheet.key_column]
    keep_at = headers[sheet.keep_column]
    kept = {}
    for row_number, cells in rows.items():
        key = cells.get(key_at)
        value = cells.get(keep_at)
        if row_number <= sheet.header_rows or key in (None, ""):
            continue
        if value not in (None, ""):
            kept[key] = value
    return kept


def stored_values(ws: Worksheet) -> dict[int, dict[int, Any]]:
    """Return the non-empty stored values by 1-based row, then column."""
    rows: dict[int, dict[int, Any]] = {}
    for (row, column), cell in sorted(ws._cells.items()):
        if cell.value is not None:
            rows.setdefault(row, {})[column] = cell.value
    return rows


def carry_over(sheet: OutputSheet, kept: dict[Any, Any]) -> list[list[Any]]:
    """Return the sheet's rows with kept values filled into empty keep cells."""
    rows = [list(row) for row in sheet.rows]
    if not kept or len(rows) < sheet.header_rows:
        return rows
    headers = [
        str(value) if value is not None else "" for value in rows[sheet.header_rows - 1]
    ]
    if sheet.keep_column not in headers or sheet.key_column not in headers:
        return rows
    key_at = headers.index(sheet.key_column)
    keep_at = headers.index(sheet.keep_column)
    for row in rows[sheet.header_rows :]:
        if key_at >= len(row) or row[key_at] not in kept:
            continue
        row.extend([None] * (keep_at + 1 - len(row)))
        if row[keep_at] in (None, ""):
            row[keep_at] = kept[row[key_at]]
    return rows


def write_rows(ws: Worksheet, sheet: OutputSheet, rows: list[list[Any]]) -> None:
    """Write the block from A1 with header style, widths, date formats and links."""
    date_columns = set(sheet.date_columns)
    for row_index, row in enumerate(rows):
        is_header = row_index < sheet.header_rows
        for column_index, value in enumerate(row):
            if value is None:
                continue
            cell = ws.cell(row=row_index + 1, column=column_index + 1)
            set_value(cell, value)
            if is_header:
                cell.font = HEADER_FONT
            elif column_index in date_columns and isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT

    for (row_index, column_index), target in sheet.links.items():
        cell = ws.cell(row=row_index + 1, column=column_index + 1)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target.lstrip("#"))
        cell.font = LINK_FONT
    for column_index, width in enumerate(sheet.widths):
        ws.column_dimensions[get_column_letter(column_index + 1)].width = width
    if sheet.header_rows:
        ws.freeze_panes = ws.cell(row=sheet.header_rows + 1, column=1)


def set_value(cell: Any, value: Any) -> None:
    """Assign a value that openpyxl can store, keeping formula-like text as text."""
    value = to_cell_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        # openpyxl takes a string starting with "=" for a formula; force text.
        cell.data_type = "s"


def to_cell_value(value: Any) -> Any:
    """Convert a Python value into one that Excel can hold."""
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        # Excel has no time zones; openpyxl rejects aware datetimes.
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date | dt.time):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text[:MAX_CELL_CHARS]
