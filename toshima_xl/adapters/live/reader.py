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
    sees the same values as through the file adapter.
    """
    used = sheet.used_range
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
    )


def _clean(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
