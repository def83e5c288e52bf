"""Assemble the parts of the .xlam package (Office Open XML) and zip them.

The add-in workbook has one small sheet, the VBA project, the ribbon part
(customUI14.xml, related from the package root) and document properties
that record the xlwings version whose VBA is embedded. Zip entries have a
fixed order, a fixed timestamp and fixed attributes, so the archive depends
only on the parts.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_PROPERTIES_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

ADDIN_CONTENT_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
VBA_PROJECT_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
CUSTOM_UI_14_REL = (
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
)
CUSTOM_UI_PART = "customUI/customUI14.xml"
CUSTOM_PROPERTIES_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

# The earliest time a zip entry can hold; any fixed value keeps builds equal.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
SHEET_NAME = "toshima_xl"


def build_package(
    vba_project: bytes,
    custom_ui: bytes,
    properties: dict[str, str],
    sheet_rows: list[tuple[str, str]],
) -> bytes:
    """Return the bytes of the .xlam package.

    Args:
        vba_project: The vbaProject.bin part.
        custom_ui: The customUI14.xml part, stored as given.
        properties: Custom document properties, all of type string.
        sheet_rows: (label, value) pairs written to columns A and B of the
            add-in's hidden sheet.
    """
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": package_relationships(),
        "docProps/app.xml": app_properties(),
        "docProps/core.xml": core_properties(),
        "docProps/custom.xml": custom_properties(properties),
        "xl/workbook.xml": workbook(),
        "xl/_rels/workbook.xml.rels": workbook_relationships(),
        "xl/styles.xml": styles(),
        "xl/worksheets/sheet1.xml": worksheet(sheet_rows),
        "xl/vbaProject.bin": vba_project,
        CUSTOM_UI_PART: custom_ui,
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the default depends on the building OS
            info.external_attr = 0
            archive.writestr(info, data if isinstance(data, bytes) else data.encode())
    return buffer.getvalue()


def relationships(items: list[tuple[str, str, str]]) -> str:
    """Return a relationships part from (id, type, target) triples."""
    lines = [f'<Relationships xmlns="{PACKAGE_REL_NS}">']
    for rel_id, rel_type, target in items:
        lines.append(
            f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/>'
        )
    lines.append("</Relationships>")
    return XML_HEADER + "\n".join(lines)


def content_types() -> str:
    """Return [Content_Types].xml."""
    overrides = {
        "/xl/workbook.xml": ADDIN_CONTENT_TYPE,
        "/xl/worksheets/sheet1.xml": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        ),
        "/xl/styles.xml": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
        ),
        "/xl/vbaProject.bin": "application/vnd.ms-office.vbaProject",
        "/docProps/core.xml": (
            "application/vnd.openxmlformats-package.core-properties+xml"
        ),
        "/docProps/app.xml": (
            "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        ),
        "/docProps/custom.xml": (
            "application/vnd.openxmlformats-officedocument.custom-properties+xml"
        ),
    }
    lines = [
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        # customUI14.xml needs no content type of its own.
        '<Default Extension="xml" ContentType="application/xml"/>',
    ]
    for part, content_type in overrides.items():
        lines.append(f'<Override PartName="{part}" ContentType="{content_type}"/>')
    lines.append("</Types>")
    return XML_HEADER + "\n".join(lines)


def package_relationships() -> str:
    """Return _rels/.rels, which also relates the ribbon part."""
    return relationships(
        [
            ("rId1", f"{OFFICE_REL}/officeDocument", "xl/workbook.xml"),
            ("rId2", CORE_PROPERTIES_REL, "docProps/core.xml"),
            ("rId3", f"{OFFICE_REL}/extended-properties", "docProps/app.xml"),
            ("rId4", f"{OFFICE_REL}/custom-properties", "docProps/custom.xml"),
            ("rId5", CUSTOM_UI_14_REL, CUSTOM_UI_PART),
        ]
    )


def workbook_relationships() -> str:
    """Return xl/_rels/workbook.xml.rels."""
    return relationships(
        [
            ("rId1", f"{OFFICE_REL}/worksheet", "worksheets/sheet1.xml"),
            ("rId2", f"{OFFICE_REL}/styles", "styles.xml"),
            ("rId3", VBA_PROJECT_REL, "vbaProject.bin"),
        ]
    )


def workbook() -> str:
    """Return xl/workbook.xml; its code name matches the VBA document module."""
    return XML_HEADER + (
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<workbookPr codeName="ThisWorkbook"/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name="{SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )


def worksheet(rows: list[tuple[str, str]]) -> str:
    """Return the add-in's one sheet, with ``rows`` as inline strings."""
    cells = []
    for number, (label, value) in enumerate(rows, start=1):
        cells.append(
            f'<row r="{number}">'
            f'<c r="A{number}" t="inlineStr"><is><t>{escape(label)}</t></is></c>'
            f'<c r="B{number}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
            "</row>"
        )
    dimension = f"A1:B{len(rows)}" if rows else "A1"
    return XML_HEADER + (
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<sheetPr codeName="Sheet1"/>'
        f'<dimension ref="{dimension}"/>'
        f"<sheetData>{''.join(cells)}</sheetData>"
        "</worksheet>"
    )


def styles() -> str:
    """Return the smallest styles part Excel accepts: one font, fill, border, format."""
    return XML_HEADER + (
        f'<styleSheet xmlns="{MAIN_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Yu Gothic"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        "</borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="1">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles>"
        "</styleSheet>"
    )


def app_properties() -> str:
    """Return docProps/app.xml."""
    return XML_HEADER + (
        "<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>toshima_xl</Application>"
        "</Properties>"
    )


def core_properties() -> str:
    """Return docProps/core.xml, without dates so that builds stay equal."""
    return XML_HEADER + (
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>toshima_xl</dc:title>"
        "<dc:description>としまタブのアドイン（生活支援コーディネーター用ブックの検証・集計）"
        "</dc:description>"
        "</cp:coreProperties>"
    )


def custom_properties(properties: dict[str, str]) -> str:
    """Return docProps/custom.xml with string properties."""
    items = []
    for pid, (name, value) in enumerate(properties.items(), start=2):
        items.append(
            f'<property fmtid="{CUSTOM_PROPERTIES_FMTID}" pid="{pid}" '
            f'name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        )
    return XML_HEADER + (
        "<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{''.join(items)}</Properties>"
    )
