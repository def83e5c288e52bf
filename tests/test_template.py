"""Tests for the master workbook template builder."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from toshima_xl.schema import (
    AREA_NAMES,
    DATA_SHEETS,
    DEFAULT_LISTS,
    HELP_SHEET,
    LIST_SHEET,
    OUTPUT_SHEETS,
    SCHEMA_VERSION,
    SCHEMA_VERSION_PROPERTY,
)
from toshima_xl.template import build_template, read_schema_version
from toshima_xl.template.help_text import BUTTONS

COMMITTED = Path(__file__).resolve().parents[1] / "workbook" / "toshima_master.xlsx"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "master.xlsx"
    build_template(path)
    return path


def describe(path: Path) -> dict:
    """Collect what the template promises: sheets, headers, tables, checks."""
    workbook = openpyxl.load_workbook(path)
    sheets = {}
    for sheet in workbook.worksheets:
        validations = sorted(
            (str(v.sqref), v.type, v.formula1, v.formula2)
            for v in sheet.data_validations.dataValidation
        )
        sheets[sheet.title] = {
            "header": [cell.value for cell in sheet[1]],
            "tables": sorted((t.displayName, t.ref) for t in sheet.tables.values()),
            "validations": validations,
            "freeze": sheet.freeze_panes,
        }
    properties = {p.name: p.value for p in workbook.custom_doc_props.props}
    return {"order": workbook.sheetnames, "sheets": sheets, "properties": properties}


def test_committed_template_matches_fresh_build(built):
    fresh, committed = describe(built), describe(COMMITTED)
    assert fresh["order"] == committed["order"]
    assert fresh["properties"] == committed["properties"]
    for name in fresh["order"]:
        assert fresh["sheets"][name] == committed["sheets"][name], name


def test_sheet_order(built):
    workbook = openpyxl.load_workbook(built)
    expected = [spec.name for spec in DATA_SHEETS] + [LIST_SHEET, HELP_SHEET]
    assert workbook.sheetnames == expected


@pytest.mark.parametrize("spec", DATA_SHEETS, ids=[s.name for s in DATA_SHEETS])
def test_data_sheet_table_and_header(built, spec):
    sheet = openpyxl.load_workbook(built)[spec.name]
    assert [cell.value for cell in sheet[1]] == spec.headers
    assert list(sheet.tables) == [spec.table]
    assert sheet.tables[spec.table].ref.startswith("A1:")
    assert sheet.freeze_panes == "A2"
    for position, column in enumerate(spec.columns, 1):
        header = sheet.cell(1, position)
        assert header.font.b is column.required, column.header
        letter = header.column_letter
        assert sheet.column_dimensions[letter].width == column.width


@pytest.mark.parametrize(
    ("sheet_name", "sqref", "kind", "formula1"),
    [
        ("地域資源", "D2:D201", "list", "リスト!$A$2:$A$200"),
        ("地域資源", "E2:E201", "list", "圏域!$A$2:$A$20"),
        ("地域資源", "N2:N201", "list", "リスト!$D$2:$D$200"),
        ("地域資源", "P2:P201", "date", "36526"),
        ("圏域", "E2:E20", "whole", "0"),
        ("ベンチ", "K2:K201", "list", "リスト!$F$2:$F$200"),
        ("会議", "B2:B201", "list", "リスト!$B$2:$B$200"),
        ("会議", "G2:G201", "whole", "0"),
    ],
    ids=[
        "種別",
        "資源の圏域",
        "公開区分",
        "登録日",
        "65歳以上人口",
        "ベンチ状態",
        "会議体",
        "参加者数",
    ],
)
def test_column_validation(built, sheet_name, sqref, kind, formula1):
    sheet = openpyxl.load_workbook(built)[sheet_name]
    found = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert found[sqref].type == kind
    assert found[sqref].formula1 == formula1
    assert found[sqref].errorStyle == "warning"


def test_help_becomes_input_message(built):
    sheet = openpyxl.load_workbook(built)["地域資源"]
    found = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert found["A2:A201"].promptTitle == "資源ID（必須）"
    assert found["A2:A201"].prompt.startswith("R0001 の形で")
    assert found["A2:A201"].showInputMessage is True


def test_date_cells_formatted(built):
    sheet = openpyxl.load_workbook(built)["会議"]
    assert sheet["D2"].number_format == "yyyy/m/d"
    assert sheet["D201"].number_format == "yyyy/m/d"


def test_list_sheet_holds_default_lists(built):
    sheet = openpyxl.load_workbook(built)[LIST_SHEET]
    for position, (name, values) in enumerate(DEFAULT_LISTS.items(), 1):
        column = [sheet.cell(row, position).value for row in range(1, 12)]
        assert column[0] == name
        assert [v for v in column[1:] if v is not None] == list(values)


def test_help_sheet_names_buttons_and_outputs(built):
    sheet = openpyxl.load_workbook(built)[HELP_SHEET]
    names = {row[0] for row in sheet.iter_rows(values_only=True)}
    assert {button for button, _ in BUTTONS} <= names
    assert set(OUTPUT_SHEETS) <= names
    assert {spec.name for spec in DATA_SHEETS} <= names


def test_schema_version_stamped(built):
    workbook = openpyxl.load_workbook(built)
    properties = {p.name: p.value for p in workbook.custom_doc_props.props}
    assert properties[SCHEMA_VERSION_PROPERTY] == SCHEMA_VERSION
    assert read_schema_version(built) == SCHEMA_VERSION


def test_schema_version_absent(tmp_path):
    path = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(path)
    assert read_schema_version(path) is None


def test_timestamps_fixed(built, tmp_path):
    second = tmp_path / "second.xlsx"
    build_template(second)
    first_props = openpyxl.load_workbook(built).properties
    second_props = openpyxl.load_workbook(second).properties
    assert first_props.created == second_props.created
    assert first_props.modified == second_props.modified


def test_build_replaces_existing_file(tmp_path):
    path = tmp_path / "master.xlsx"
    path.write_bytes(b"old")
    build_template(path)
    assert openpyxl.load_workbook(path).sheetnames[0] == "地域資源"
    assert [p.name for p in tmp_path.iterdir()] == ["master.xlsx"]


def test_template_lists_eight_areas(tmp_path):
    path = tmp_path / "テンプレート.xlsx"
    build_template(path)
    sheet = openpyxl.load_workbook(path)["圏域"]

    names = [sheet.cell(row, 1).value for row in range(2, 11)]
    assert names == [*AREA_NAMES, None]
    assert sheet["B2"].value == "菊かおる園高齢者総合相談センター"
    assert sheet["C2"].value is None


def test_help_sheet_has_import_source_cell(tmp_path):
    path = tmp_path / "テンプレート.xlsx"
    build_template(path)
    sheet = openpyxl.load_workbook(path)["使い方"]

    rows = [row for row in sheet.iter_rows() if row[0].value == "取込元"]
    assert len(rows) == 1
    assert rows[0][1].value is None
    buttons = {row[0].value for row in sheet.iter_rows()}
    assert {
        "取込",
        "検証",
        "重複チェック",
        "重複を統合",
        "修正案を反映",
        "集計",
        "報告書作成",
    } <= buttons
