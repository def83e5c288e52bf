"""Read a live workbook into a :class:`RawWorkbook`, one ``.value`` call per sheet.

The block of a sheet is its used range, never a range grown with
``expand()``, which stops at the first blank row or column and would drop
the rows after a gap in a table.
"""

from __future__ import annotations

import logging
from typing import Any

from toshima_xl.core.dataset import RawSheet, RawWorkbook

logger = logging.getLogger(__name__)

# A used range of more cells than this (200,000 rows x 200 columns) is not
# read whole: one stray value at XFD1048576 would make it 17 billion cells.
# Such a sheet is read only up to its last column with a header-area value.
MAX_CELLS = 200_000 * 200
# How many rows from the top of the used range may hold the header; the core
# searches the same depth for the header row.
HEADER_AREA_ROWS = 10


def read_book(book: Any) -> RawWorkbook:
    """Read every sheet of ``book`` in sheet order.

    Args:
        book: an ``xw.Book`` from any engine (Excel or the remote engine).

    Returns:
        The sheets' values as the core expects them from any adapter.
    """
    sheets: dict[str, RawSheet] = {}
    for sheet in book.sheets:
        raw = read_sheet(sheet)
        sheets[raw.name] = raw
    logger.info("read %d sheets from the live workbook", len(sheets))
    return RawWorkbook(source=book.name, sheets=sheets)


def read_sheet(sheet: Any) -> RawSheet:
    """Read one sheet's used range as a 2-D block anchored at its top-left cell.

    Cells with an Excel error keep the error text (such as ``#N/A``), as
    openpyxl reports them, and whole floats become ints, so that the core
    receives the same values as through the file adapter.
    """
    used = sheet.used_range
    unread = None
    rows, columns = used.shape
    if rows * columns > MAX_CELLS:
        used, unread = header_columns(sheet, used)
    block = used.options(ndim=2, err_to_str=True).value
    values = [[_clean(value) for value in row] for row in block or [[]]]
    # NOTE: hidden rows, merged ranges and formulas are not read here. The
    # remote engine cannot report them synchronously, and on Excel they would
    # cost a call per row or per cell.
    return RawSheet(
        name=sheet.name,
        values=values,
        first_row=used.row,
        first_column=used.column,
        unread=unread,
    )


def header_columns(sheet: Any, used: Any) -> tuple[Any, str | None]:
    """Narrow an oversized used range to the columns with a header-area value.

    Returns:
        The range to read (all rows of ``used``, its columns up to the last
        non-empty cell in its first rows) and the A1 address of the columns
        left out, or None when none are.
    """
    rows, columns = used.shape
    top = used.resize(min(rows, HEADER_AREA_ROWS), columns)
    width = last_filled_column(top.options(ndim=2).value or [[]])
    width = max(width, 1)
    logger.warning(
        "sheet %s: used range %s has %d cells; reading its first %d columns",
        sheet.name,
        used.address,
        rows * columns,
        width,
    )
    if width == columns:
        return used, None
    skipped = used.offset(column_offset=width).resize(rows, columns - width)
    return used.resize(rows, width), skipped.address


def last_filled_column(block: list[list[Any]]) -> int:
    """Return how many columns reach the last non-blank cell of ``block``."""
    last = 0
    for row in block:
        for position, value in enumerate(row, start=1):
            if value is not None and not (isinstance(value, str) and not value.strip()):
                last = max(last, position)
    return last


def _clean(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
