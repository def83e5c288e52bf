"""Write the 使い方 sheet from the Japanese text and the schema."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from toshima_xl.schema import (
    DATA_SHEETS,
    DEFAULT_LISTS,
    HELP_SHEET,
    IMPORT_SOURCE_LABEL,
    LIST_SHEET,
    OUTPUT_SHEETS,
    SCHEMA_VERSION,
)
from toshima_xl.template import help_text
from toshima_xl.template.validation import LIST_LAST_ROW

TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
NAME_FONT = Font(bold=True)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")


def add_help_sheet(workbook: Workbook) -> Worksheet:
    """Add the 使い方 sheet: sheets, required columns, buttons and output sheets."""
    sheet = workbook.create_sheet(HELP_SHEET)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    lines = help_lines()
    for row, (name, text, font) in enumerate(lines, 1):
        name_cell = sheet.cell(row, 1, name or None)
        name_cell.font = font
        if text:
            text_cell = sheet.cell(row, 2, text)
            text_cell.alignment = Alignment(wrap_text=True, vertical="top")
        name_cell.alignment = Alignment(vertical="top")
        if name == IMPORT_SOURCE_LABEL:
            sheet.cell(row, 2).fill = INPUT_FILL
    return sheet


def help_lines() -> list[tuple[str, str, Font]]:
    """Return the sheet's rows as (column A, column B, font of column A)."""
    lines: list[tuple[str, str, Font]] = [
        (help_text.TITLE, "", TITLE_FONT),
        ("", help_text.INTRO, NAME_FONT),
        ("", "", NAME_FONT),
        ("入力するシート", help_text.REQUIRED_LEGEND, HEADING_FONT),
    ]
    for spec in DATA_SHEETS:
        required = "、".join(c.header for c in spec.columns if c.required)
        purpose = help_text.SHEET_PURPOSES[spec.name]
        lines.append((spec.name, f"{purpose}\n必須の列: {required}", NAME_FONT))
    list_names = "、".join(DEFAULT_LISTS)
    list_text = (
        f"{help_text.SHEET_PURPOSES[LIST_SHEET]}\n"
        f"列: {list_names}（各列{LIST_LAST_ROW}行目まで）"
    )
    lines.append((LIST_SHEET, list_text, NAME_FONT))

    lines += [
        ("", "", NAME_FONT),
        ("ボタン", "リボンの「としま」タブにあります。", HEADING_FONT),
    ]
    lines += [(button, text, NAME_FONT) for button, text in help_text.BUTTONS]
    # The 取込 button reads the path typed to the right of this label.
    lines += [
        (IMPORT_SOURCE_LABEL, "", NAME_FONT),
        ("", help_text.IMPORT_SOURCE_HELP, NAME_FONT),
    ]

    lines += [
        ("", "", NAME_FONT),
        ("ツールが書くシート", help_text.OUTPUT_WARNING, HEADING_FONT),
    ]
    lines += [
        (name, help_text.OUTPUT_PURPOSES[name], NAME_FONT) for name in OUTPUT_SHEETS
    ]

    lines += [("", "", NAME_FONT), ("入力のきまり", "", HEADING_FONT)]
    lines += [("", note, NAME_FONT) for note in help_text.NOTES]
    lines += [("", "", NAME_FONT), ("様式の版", SCHEMA_VERSION, NAME_FONT)]
    return lines
