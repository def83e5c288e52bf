"""Cell values for the sheets the tool writes: text safety, display, references."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from toshima_xl.core.normalize.text import is_formula_like

# Excel's own mark for "this cell is text": typed first, it is not shown.
TEXT_MARK = "'"


def safe_text(value: Any) -> Any:
    """Return ``value`` unchanged unless it is text that a spreadsheet would run.

    Text whose first non-blank character is = + - or @ gets Excel's text
    mark, an apostrophe, in front. Excel (written to through xlwings) keeps
    the mark as the cell's quote prefix and shows the rest. openpyxl keeps
    the apostrophe as part of the text, so a file writer writes every ``str``
    cell with the string data type and may move the mark into the cell
    style's quote prefix the way Excel does.
    """
    if isinstance(value, str) and is_formula_like(value):
        return TEXT_MARK + value
    return value


def display_value(value: Any) -> Any:
    """Turn a raw cell value into what an output cell shows: dates as 2021/7/9."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            value = value.date()
        else:
            return f"{value.year}/{value.month}/{value.day} {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    return safe_text(str(value))


def cell_reference(sheet: str, row: int, column: int) -> str:
    """Return a link target like ``'地域資源'!D12``, quoting the sheet name."""
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    """Return the Excel letters of a 1-based column number: 1 -> A, 28 -> AB."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
