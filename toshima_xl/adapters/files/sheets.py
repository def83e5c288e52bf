"""Turn one openpyxl worksheet into a :class:`RawSheet` block.

The worksheet comes from a full (not read-only) ``data_only`` load, because
only that mode exposes row dimensions, merged ranges and cell styles
through openpyxl. Formula texts come from a separate read-only pass.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.worksheet import Worksheet

from toshima_xl.core.dataset import RawSheet

# Built-in number formats that Excel in a Japanese locale shows as dates or
# times but does not write into styles.xml (ECMA-376 Part 1, 18.8.30, ja-JP).
# openpyxl 3.1.5 maps these ids to "General" and returns bare serial numbers.
JAPANESE_TIME_FORMAT_IDS = frozenset({32, 33})
JAPANESE_DATE_FORMAT_IDS = frozenset(range(27, 37)) - JAPANESE_TIME_FORMAT_IDS
JAPANESE_DATE_FORMAT_IDS |= frozenset(range(50, 59))

# Merged ranges starting in this many rows from the top of the block are
# reported: the core looks for the header row within the same depth.
HEADER_AREA_ROWS = 10


def read_sheet(
    ws: Worksheet, epoch: dt.datetime, formulas: dict[tuple[int, int], str]
) -> RawSheet:
    """Read the used block of ``ws`` in one pass over its stored cells.

    Rows are ragged: each ends at its last stored value, so that a stray
    value at XFD1048576 does not make every row 16,384 cells wide.

    Args:
        ws: a worksheet from a full ``data_only=True`` load.
        epoch: the workbook's date epoch (1900 or 1904).
        formulas: formula texts by 1-based Excel (row, column), from the
            read-only formula pass.
    """
    cells = {
        key: cell
        for key, cell in ws._cells.items()
        if cell.value is not None or key in formulas
    }
    if not cells:
        return RawSheet(
            name=ws.title,
            values=[],
            hidden_rows=hidden_rows(ws),
            totals_rows=table_totals_rows(ws),
        )

    first_row = min(row for row, _ in cells)
    first_column = min(column for _, column in cells)
    sheet = RawSheet(
        name=ws.title,
        values=sparse_rows(cells, first_row, first_column),
        first_row=first_row,
        first_column=first_column,
        hidden_rows=hidden_rows(ws),
        merged=header_merges(ws, first_row),
        totals_rows=table_totals_rows(ws),
    )
    for (row, column), cell in cells.items():
        position = (row - first_row, column - first_column)
        sheet.values[position[0]][position[1]] = cell_value(cell, epoch)
        if cell.quotePrefix and isinstance(cell.value, str):
            sheet.apostrophes.add(position)
        formula = formulas.get((row, column))
        if formula is not None and is_missing_or_error(cell.value):
            sheet.formulas[position] = formula
    return sheet


def sparse_rows(
    cells: dict[tuple[int, int], Any], first_row: int, first_column: int
) -> list[list[Any]]:
    """Return one row per Excel row, each only as long as its last stored cell.

    Rows without a stored cell are all the same empty list, so that one stray
    value far down the sheet costs a pointer per row rather than a row of
    cells. Readers treat positions past a row's end as blank.
    """
    ends: dict[int, int] = {}
    for row, column in cells:
        ends[row] = max(ends.get(row, column), column)
    blank: list[Any] = []
    values = [blank] * (max(ends) - first_row + 1)
    for row, last_column in ends.items():
        values[row - first_row] = [None] * (last_column - first_column + 1)
    return values


def cell_value(cell: Any, epoch: dt.datetime) -> Any:
    """Return the cell's value, turning Japanese built-in date formats into dates."""
    value = cell.value
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    # NOTE: openpyxl exposes the raw numFmtId only through the private style
    # array; its public number_format is "General" for these ids.
    format_id = cell._style.numFmtId
    if format_id in JAPANESE_DATE_FORMAT_IDS or format_id in JAPANESE_TIME_FORMAT_IDS:
        try:
            return from_excel(value, epoch)
        except (OverflowError, ValueError):
            # Out of the date range: keep the number, so that validation
            # reports this one cell instead of the whole file failing.
            return value
    return value


def is_missing_or_error(value: Any) -> bool:
    """Tell whether a cached formula result is absent or an Excel error value."""
    return value is None or (isinstance(value, str) and value in ERROR_CODES)


def hidden_rows(ws: Worksheet) -> set[int]:
    """Return the Excel row numbers of hidden rows."""
    return {row for row, dimension in ws.row_dimensions.items() if dimension.hidden}


def table_totals_rows(ws: Worksheet) -> set[int]:
    """Return the Excel row numbers of the totals rows of the sheet's tables."""
    rows: set[int] = set()
    for table in ws.tables.values():
        count = table.totalsRowCount or 0
        if count <= 0 or not table.ref:
            continue
        last_row = range_boundaries(table.ref)[3]
        rows.update(range(last_row - count + 1, last_row + 1))
    return rows


def header_merges(ws: Worksheet, first_row: int) -> list[str]:
    """Return merged ranges that start in the header area, as A1 references."""
    last_header_row = first_row + HEADER_AREA_ROWS - 1
    return [
        merged.coord
        for merged in ws.merged_cells.ranges
        if merged.min_row <= last_header_row
    ]
