"""The master workbook template: sheets, tables, dropdowns and the 使い方 text."""

from toshima_xl.template.build import build_template, read_schema_version

__all__ = ["build_template", "read_schema_version"]
