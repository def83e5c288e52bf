"""Fill a fresh master workbook with rows and fit its tables to them."""

from __future__ import annotations

from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

from toshima_xl.schema import HELP_SHEET, Kind, SheetSpec
from toshima_xl.template.build import build_workbook, save_workbook

__all__ = [
    "add_help_note",
    "build_workbook",
    "fill_sheet",
    "note_header",
    "save_workbook",
]


def fill_sheet(workbook: Workbook, spec: SheetSpec, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` (field name -> value) below the header of ``spec``'s sheet.

    The table is resized to the rows (at least one data row, as Excel
    requires), and the column validations are stretched when the rows run
    past the template's range.
    """
    sheet = workbook[spec.name]
    for row_number, values in enumerate(rows, 2):
        for position, column in enumerate(spec.columns, 1):
            value = values.get(column.field)
            cell = sheet.cell(row_number, position, value)
            if column.kind is Kind.DATE and isinstance(value, date):
                cell.number_format = "yyyy/m/d"
            elif column.kind in (Kind.ID, Kind.PHONE):
                cell.number_format = "@"

    last_row = max(2, len(rows) + 1)
    last_letter = get_column_letter(len(spec.columns))
    sheet.tables[spec.table].ref = f"A1:{last_letter}{last_row}"
    for validation in sheet.data_validations.dataValidation:
        stretch_validation(validation, last_row)


def stretch_validation(validation, last_row: int) -> None:
    """Make each range of a validation reach at least ``last_row``."""
    ranges = []
    for cell_range in validation.sqref.ranges:
        bounds = cell_range.bounds  # (min_col, min_row, max_col, max_row)
        stretched = CellRange(
            min_col=bounds[0],
            min_row=bounds[1],
            max_col=bounds[2],
            max_row=max(bounds[3], last_row),
        )
        ranges.append(stretched.coord)
    validation.sqref = MultiCellRange(" ".join(ranges))


def note_header(
    workbook: Workbook, spec: SheetSpec, field_name: str, text: str
) -> None:
    """Attach a cell comment to the header of one column."""
    position = spec.columns.index(spec.column(field_name)) + 1
    cell = workbook[spec.name].cell(1, position)
    cell.comment = Comment(text, "サンプル作成")


def add_help_note(workbook: Workbook, title: str, lines: list[str]) -> None:
    """Append a titled block of text to the end of the 使い方 sheet."""
    sheet = workbook[HELP_SHEET]
    row = sheet.max_row + 2
    sheet.cell(row, 1, title)
    for offset, line in enumerate(lines):
        cell = sheet.cell(row + offset, 2, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
