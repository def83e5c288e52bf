"""Build the master workbook (template) from the schema.

The template has one sheet per data sheet, each holding an Excel table with
dropdowns and input messages, plus the リスト sheet that feeds the dropdowns
and the 使い方 sheet. The schema version is stamped as a custom document
property so that a later version can recognise old copies.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from defusedxml import ElementTree
from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from toshima_xl.adapters.files.atomic import replace_file
from toshima_xl.schema import (
    AREA_NAMES,
    AREAS,
    DATA_SHEETS,
    DEFAULT_LISTS,
    LIST_SHEET,
    SCHEMA_VERSION,
    SCHEMA_VERSION_PROPERTY,
    Kind,
    SheetSpec,
)
from toshima_xl.template.help_sheet import add_help_sheet
from toshima_xl.template.validation import (
    AREA_LAST_ROW,
    column_validation,
)

# Last row of each table in a new template; dropdowns and formats reach this
# far. The 圏域 table is short because the ward has eight areas.
TABLE_LAST_ROW = 201

# Fixed document timestamps, so that two builds write the same properties.
BUILD_TIME = datetime(2021, 4, 1, 9, 0, 0)

REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
# Grey, so that no header looks like one of the marks the tool puts on cells.
OPTIONAL_FILL = PatternFill("solid", fgColor="EDEDED")
REQUIRED_FONT = Font(bold=True, color="C00000")
OPTIONAL_FONT = Font(bold=False, color="000000")
TABLE_STYLE = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)

NUMBER_FORMATS: dict[Kind, str] = {
    Kind.DATE: "yyyy/m/d",
    Kind.PHONE: "@",  # keeps the leading 0 of a number typed without hyphens
    Kind.ID: "@",
}

CUSTOM_PROPERTIES_PART = "docProps/custom.xml"


def build_template(path: Path) -> None:
    """Write a new, empty master workbook to ``path``.

    The file is written next to ``path`` first and then moved into place, so
    that an existing file is either replaced whole or left as it was.

    Args:
        path: where to write the .xlsx file.
    """
    workbook = build_workbook()
    save_workbook(workbook, Path(path))


def build_workbook() -> Workbook:
    """Build the master workbook in memory: data sheets, リスト and 使い方."""
    workbook = Workbook()
    workbook.remove(workbook.active)

    list_letters = {
        name: get_column_letter(i) for i, name in enumerate(DEFAULT_LISTS, 1)
    }
    for spec in DATA_SHEETS:
        add_data_sheet(workbook, spec, list_letters)
    add_list_sheet(workbook)
    add_help_sheet(workbook)

    stamp_properties(workbook)
    workbook.active = 0
    return workbook


def table_last_row(spec: SheetSpec) -> int:
    """Return the last row of a data sheet's table in a new template."""
    return AREA_LAST_ROW if spec.name == AREAS.name else TABLE_LAST_ROW


def add_data_sheet(
    workbook: Workbook, spec: SheetSpec, list_letters: dict[str, str]
) -> Worksheet:
    """Add one data sheet with its header, table, validations and formats."""
    sheet = workbook.create_sheet(spec.name)
    last_row = table_last_row(spec)
    write_header(sheet, spec)

    for position, column in enumerate(spec.columns, 1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = column.width
        validation = column_validation(column, list_letters)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)
        number_format = NUMBER_FORMATS.get(column.kind)
        if number_format:
            for row in range(2, last_row + 1):
                sheet.cell(row, position).number_format = number_format

    if spec.name == AREAS.name:
        write_area_names(sheet)

    last_letter = get_column_letter(len(spec.columns))
    table = Table(displayName=spec.table, ref=f"A1:{last_letter}{last_row}")
    table.tableStyleInfo = TABLE_STYLE
    sheet.add_table(table)
    sheet.freeze_panes = "A2"
    return sheet


def write_area_names(sheet: Worksheet) -> None:
    """Fill in the eight areas and their centres, so that dropdowns work at once.

    The towns each area serves are left for staff, because the ward's table
    is not part of this package.
    """
    for row, area in enumerate(AREA_NAMES, start=2):
        sheet.cell(row, 1, area)
        sheet.cell(row, 2, f"{area}高齢者総合相談センター")


def write_header(sheet: Worksheet, spec: SheetSpec) -> None:
    """Write the header row; required headers are bold on an orange fill."""
    for position, column in enumerate(spec.columns, 1):
        cell = sheet.cell(1, position, column.header)
        cell.font = REQUIRED_FONT if column.required else OPTIONAL_FONT
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 30


def add_list_sheet(workbook: Workbook) -> Worksheet:
    """Add the リスト sheet: one column per dropdown list, default values below."""
    sheet = workbook.create_sheet(LIST_SHEET)
    for position, (name, values) in enumerate(DEFAULT_LISTS.items(), 1):
        header = sheet.cell(1, position, name)
        header.font = Font(bold=True)
        header.fill = OPTIONAL_FILL
        for row, value in enumerate(values, 2):
            sheet.cell(row, position, value)
        sheet.column_dimensions[get_column_letter(position)].width = 24
    sheet.freeze_panes = "A2"
    return sheet


def stamp_properties(workbook: Workbook) -> None:
    """Set fixed timestamps and the schema version document property."""
    workbook.properties.creator = "toshima_xl"
    workbook.properties.title = "生活支援コーディネーター台帳"
    workbook.properties.created = BUILD_TIME
    workbook.properties.modified = BUILD_TIME
    workbook.custom_doc_props.append(
        StringProperty(name=SCHEMA_VERSION_PROPERTY, value=SCHEMA_VERSION)
    )


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save ``workbook`` atomically, keeping its fixed modified timestamp.

    openpyxl's own ``save`` sets the modified time to now; the writer below
    is the same one without that step.
    """
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(workbook, archive).save()

    replace_file(path, write, suffix=".xlsx")


def read_schema_version(path: Path) -> str | None:
    """Return the schema version stamped in a workbook, or None if it has none.

    Reads only the custom properties part, so it is cheap on large files.

    Args:
        path: an .xlsx or .xlsm file.

    Returns:
        The value of the ``toshima_xl_schema_version`` property as text.
    """
    with zipfile.ZipFile(path) as archive:
        if CUSTOM_PROPERTIES_PART not in archive.namelist():
            return None
        root = ElementTree.fromstring(archive.read(CUSTOM_PROPERTIES_PART))
    for prop in root:
        if prop.get("name") == SCHEMA_VERSION_PROPERTY:
            return "".join(prop.itertext()).strip() or None
    return None
