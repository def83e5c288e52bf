"""Build the JSON payload that xlwings' Office.js client sends, from an xlsx file.

The payload is what ``xw.Book(json=...)`` turns into a real remote-engine
book: each sheet's values as a grid anchored at A1, empty cells as "",
dates as ISO text with a time and a ``Z`` (the client sends date cells
through JavaScript's ``toISOString``), and an empty list of notes per sheet,
which the engine needs before it lets ``add_note`` run.

xlwings is not imported here: it registers its remote engine only if the
licence key is set when it is first imported, which the ``remote_engine``
fixture does.
"""

from __future__ import annotations

from datetime import date, datetime, time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import openpyxl


def build_payload(path: Path, active_sheet: int = 0) -> dict[str, Any]:
    """Read ``path`` with openpyxl (cached values only) into a remote payload."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    try:
        sheets = [sheet_payload(sheet) for sheet in workbook.worksheets]
    finally:
        workbook.close()
    return {
        "version": version("xlwings"),
        "client": "Office.js",
        "book": {
            "name": path.name,
            "active_sheet_index": active_sheet,
            "selection": "A1",
        },
        "names": [],
        "sheets": sheets,
    }


def sheet_payload(sheet: Any) -> dict[str, Any]:
    empty = sheet.max_row == 1 and sheet.max_column == 1 and sheet["A1"].value is None
    grid = [
        [payload_value(cell.value) for cell in row]
        for row in sheet.iter_rows(
            min_row=1, max_row=sheet.max_row, max_col=sheet.max_column
        )
    ]
    return {
        "name": sheet.title,
        "visibility": "Visible",
        "values": [[]] if empty else grid,
        "used_range_address": None if empty else used_range_address(sheet),
        "pictures": [],
        "shapes": [],
        "charts": [],
        "tables": [],
        "notes": [],
        "pivot_tables": [],
        "show_gridlines": True,
        "print_area": None,
    }


def used_range_address(sheet: Any) -> str:
    """Return the sheet's used range as the client reports it, e.g. ``$A$1:$R$40``."""
    first, _, last = sheet.calculate_dimension().partition(":")
    last = last or first
    return f"{absolute(first)}:{absolute(last)}"


def absolute(cell: str) -> str:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = cell[len(letters) :]
    return f"${letters}${digits}"


def payload_value(value: Any) -> Any:
    """Turn an openpyxl value into what the Office.js client puts in a payload."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, date):
        return datetime.combine(value, time()).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, time):
        return value.isoformat()
    return value
