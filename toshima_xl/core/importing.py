"""Plan the import of a coordinator's submission into the master workbook.

A submission is a filled copy of the master template. Its rows of 地域資源,
ベンチ and 会議 are appended to the master's sheets; the 圏域 sheet is the
master's own and is never imported. Nothing in the master is changed: rows
are only added below the last row.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from toshima_xl.core.dataset import Dataset, Row, SheetTable
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.normalize.text import fold
from toshima_xl.core.tables import is_blank
from toshima_xl.models import SheetRow, Validated
from toshima_xl.schema import BENCHES, MEETINGS, RESOURCES, Kind, SheetSpec

IMPORTED_SHEETS: tuple[SheetSpec, ...] = (RESOURCES, BENCHES, MEETINGS)


def plan_import(
    master: Dataset,
    submission: Dataset,
    parsed: Validated,
) -> EditPlan:
    """Plan the rows of ``submission`` to append to ``master``.

    Args:
        master: the master workbook as it is now.
        submission: the coordinator's workbook.
        parsed: the validation result of ``submission``; dates and counts are
            imported as parsed values where parsing succeeded, so that a
            typed 令和3年7月9日 arrives as a date cell.

    Returns:
        The plan. A row whose name and address (or date, for 会議) equal a
        row already in the master is skipped, and ``summary`` lists it. A
        blank ID, or one already used in the master, is replaced by the next
        free ID, and ``summary`` lists the change.
    """
    plan = EditPlan()
    renumbered: list[tuple[str, int, str, str]] = []
    skipped: list[tuple[str, int, str]] = []
    parsed_rows = {
        RESOURCES.name: parsed.resources,
        BENCHES.name: parsed.benches,
        MEETINGS.name: parsed.meetings,
    }

    for spec in IMPORTED_SHEETS:
        source = submission.tables.get(spec.name)
        target = master.tables.get(spec.name)
        if source is None or target is None:
            continue
        models = {model.excel_row: model for model in parsed_rows[spec.name]}
        known = {identity_key(spec, row) for row in target.rows}
        used_ids = {
            str(row.values.get(spec.id_field) or "").strip() for row in target.rows
        }
        rows = []
        for row in source.rows:
            values = import_values(spec, row, models.get(row.excel_row))
            key = identity_key(spec, Row(row.excel_row, values))
            if key in known:
                skipped.append((spec.name, row.excel_row, display_name(spec, row)))
                continue
            known.add(key)
            new_id = assign_id(spec, values, used_ids)
            if new_id is not None:
                old = (
                    ""
                    if is_blank(row.values.get(spec.id_field))
                    else str(row.values.get(spec.id_field))
                )
                renumbered.append((spec.name, row.excel_row, old, new_id))
            rows.append(lay_out(target, values, row.extras))
        if rows:
            plan.appends[target.sheet_name] = rows
            plan.append_at[target.sheet_name] = append_position(target)

    plan.summary = {
        "appended": {sheet: len(rows) for sheet, rows in plan.appends.items()},
        "skipped": skipped,
        "renumbered": renumbered,
    }
    return plan


def identity_key(spec: SheetSpec, row: Row) -> tuple[str, ...]:
    """Return what makes a row the same entry as another, in folded form."""
    fields = {
        RESOURCES.name: ("name", "address", "area"),
        BENCHES.name: ("place", "address"),
        MEETINGS.name: ("body", "number", "held_on", "area"),
    }[spec.name]
    return tuple(key_text(row.values.get(f)) for f in fields)


def key_text(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return fold(str(value if value is not None else ""))


def display_name(spec: SheetSpec, row: Row) -> str:
    name_field = {RESOURCES.name: "name", BENCHES.name: "place"}.get(spec.name, "body")
    return str(row.values.get(name_field) or "")


def import_values(spec: SheetSpec, row: Row, model: SheetRow | None) -> dict[str, Any]:
    """Take the typed values, with dates and counts as parsed where possible."""
    values = dict(row.values)
    if model is None:
        return values
    for column in spec.columns:
        if column.kind not in (Kind.DATE, Kind.INTEGER):
            continue
        parsed = getattr(model, column.field, None)
        if parsed is not None:
            values[column.field] = parsed
    return values


def assign_id(spec: SheetSpec, values: dict[str, Any], used: set[str]) -> str | None:
    """Keep a free ID, or give the row the next free one and return it."""
    typed = str(values.get(spec.id_field) or "").strip()
    if typed and typed not in used:
        used.add(typed)
        values[spec.id_field] = typed
        return None
    new_id = next_free_id(spec.id_prefix, used)
    used.add(new_id)
    values[spec.id_field] = new_id
    return new_id


def next_free_id(prefix: str, used: set[str]) -> str:
    """Return the prefix plus one more than the highest number used, 4 digits."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    numbers = [int(m.group(1)) for m in map(pattern.match, used) if m]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def append_position(table: SheetTable) -> tuple[int, int]:
    """Return the Excel (row, column) just below the table's last filled row."""
    last = max((row.excel_row for row in table.rows), default=table.header_row)
    return last + 1, table.first_column


def lay_out(
    target: SheetTable, values: dict[str, Any], extras: dict[str, Any]
) -> list[Any]:
    """Place values in the master sheet's column order, extra columns by header."""
    width = len(target.typed_headers)
    cells: list[Any] = [None] * width
    for field_name, position in target.field_positions.items():
        cells[position] = values.get(field_name)
    for position, header in enumerate(target.typed_headers):
        if header in extras and cells[position] is None:
            cells[position] = extras[header]
    return cells
