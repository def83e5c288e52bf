"""Validation: every cell of every data sheet parsed, checked and reported.

Validation is lazy in the pandera sense: it checks every row and collects
every finding instead of stopping at the first problem. A value that cannot
be read becomes None in the row model and has a finding instead, so that
counts and reports still see every row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from toshima_xl.core.dataset import Dataset, Finding, SheetTable
from toshima_xl.core.validation.areas import (
    area_names_of,
    build_town_areas,
    check_address_area,
    check_area_names,
    check_town_coverage,
)
from toshima_xl.core.validation.cells import parse_cell
from toshima_xl.core.validation.context import SheetCheck
from toshima_xl.core.validation.ids import check_ids
from toshima_xl.core.validation.rows import check_row
from toshima_xl.models import Area, Bench, Meeting, Resource, Validated
from toshima_xl.schema import AREA_NAMES, AREAS, BENCHES, MEETINGS, RESOURCES

# Sheet name -> row model and the field of Validated that contains its rows.
SHEET_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    RESOURCES.name: (Resource, "resources"),
    AREAS.name: (Area, "areas"),
    BENCHES.name: (Bench, "benches"),
    MEETINGS.name: (Meeting, "meetings"),
}


def validate_dataset(dataset: Dataset, today: date) -> tuple[list[Finding], Validated]:
    """Check every data sheet of ``dataset`` and parse its rows into models.

    The 圏域 sheet is read first, because its names are the valid areas of
    the other sheets and its 担当町丁目 column names the area that serves each
    town. Without a 圏域 sheet the ward's eight area names are used and no
    address is checked against an area.

    Args:
        dataset: The workbook as built by :func:`toshima_xl.core.tables.build_dataset`.
        today: The date that decides which dates lie in the future.

    Returns:
        The dataset's structural findings followed by the cell findings of
        each sheet in row order, and the parsed rows with the lists and the
        town-to-area table in force.
    """
    findings = list(dataset.findings)
    area_names, town_areas = list(AREA_NAMES), {}
    models: dict[str, list[BaseModel]] = {}

    area_table = dataset.tables.get(AREAS.name)
    if area_table is not None:
        check = SheetCheck(area_table, today, dataset.lists, area_names, town_areas)
        parsed = parse_rows(check)
        check_area_names(check, area_table.rows, [values for values, _ in parsed])
        area_names = area_names_of([values for values, _ in parsed])
        town_areas = build_town_areas(check, area_table.rows, [v for v, _ in parsed])
        check_town_coverage(check, town_areas)
        models[AREAS.name] = build_models(area_table, parsed)
        findings.extend(sorted_findings(check.findings))

    for spec in (RESOURCES, BENCHES, MEETINGS):
        table = dataset.tables.get(spec.name)
        if table is None:
            continue
        check = SheetCheck(table, today, dataset.lists, area_names, town_areas)
        models[spec.name] = build_models(table, parse_rows(check))
        findings.extend(sorted_findings(check.findings))

    validated = Validated(
        **{
            attribute: models.get(name, [])
            for name, (_, attribute) in SHEET_MODELS.items()
        },
        lists=dataset.lists,
        town_areas=town_areas,
    )
    return findings, validated


def parse_rows(check: SheetCheck) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Parse every row of a sheet: its field values and its derived values."""
    table = check.table
    ids = check_ids(check, table.rows)
    parsed_rows = []
    for row in table.rows:
        if row.hidden:
            check.report("row.hidden", row, None)
        values: dict[str, Any] = {}
        derived: dict[str, Any] = {}
        for column in table.spec.columns:
            if column.field not in table.field_positions:
                continue  # a missing column is reported once, as header.missing
            values[column.field] = parse_cell(check, row, column, derived)
        if ids and table.spec.id_field:
            values[table.spec.id_field] = ids[row.excel_row]
        check_address_area(check, row, values, derived)
        check_row(check, row, values)
        parsed_rows.append((values, derived))
    return parsed_rows


def build_models(
    table: SheetTable, parsed_rows: list[tuple[dict[str, Any], dict[str, Any]]]
) -> list[BaseModel]:
    """Build the sheet's row models, with the derived fields the model has."""
    model, _ = SHEET_MODELS[table.spec.name]
    rows = []
    for row, (values, derived) in zip(table.rows, parsed_rows, strict=True):
        extra = {k: v for k, v in derived.items() if k in model.model_fields}
        rows.append(model(excel_row=row.excel_row, **values, **extra))
    return rows


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Order one sheet's findings by Excel row, then column, keeping ties in order."""
    return sorted(
        findings,
        key=lambda f: (
            f.row if f.row is not None else 0,
            f.column_index if f.column_index is not None else -1,
        ),
    )
