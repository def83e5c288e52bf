"""Plan the import of a coordinator's submission into the master workbook.

A submission is a filled copy of the master template. Its rows of 地域資源,
ベンチ and 会議 are appended to the master's sheets; the 圏域 sheet is the
master's own and is never imported. Nothing in the master is changed: rows
are only added below the last row.

A submission sheet that lacks a required header is refused as a whole
(:class:`ImportRejected`), because its rows would arrive with that column blank.
Columns of a submission that the master's sheet lacks are not added to the
master: the summary lists them, so that staff can copy them by hand or add
the column to the master and import again.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from toshima_xl.core.dataset import Dataset, Row, SheetTable
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.normalize.text import fold
from toshima_xl.core.tables import is_blank
from toshima_xl.models import SheetRow, Validated
from toshima_xl.schema import (
    BENCHES,
    MEETINGS,
    RESOURCES,
    Kind,
    SheetSpec,
    normalize_header,
)

IMPORTED_SHEETS: tuple[SheetSpec, ...] = (RESOURCES, BENCHES, MEETINGS)

# An ID that renumbering counts: the sheet's prefix and 1 to 6 digits. Longer
# numbers are typing slips, and taking them as the highest would make every
# new ID as long.
ID_DIGITS = r"(\d{1,6})"


class ImportRejected(Exception):
    """A submission that cannot be imported without losing data; nothing is planned.

    Attributes:
        message_ja: the Japanese reason for staff, naming file, sheet and what to do.
    """

    def __init__(self, message_ja: str) -> None:
        super().__init__(message_ja)
        self.message_ja = message_ja


def plan_import(
    master: Dataset,
    submission: Dataset,
    parsed: Validated,
) -> EditPlan:
    """Plan the rows of ``submission`` to append to ``master``.

    Args:
        master: the master workbook as it is now.
        submission: the coordinator's workbook.
        parsed: the validation result of ``submission``. Dates and counts
            are imported as parsed values where parsing succeeded, so a
            typed 令和3年7月9日 arrives as a date cell.

    Returns:
        The plan. A row whose name and address (or date, for 会議) equal a
        row already in the master is skipped, and ``summary`` lists it; a row
        whose identifying cells (see :func:`identity_key`) are all blank is
        never skipped.
        A blank ID, or one already used in the master (compared in folded
        form, so Ｒ０００１ is R0001), is replaced by the next free ID, and
        ``summary`` lists the change. ``summary["left_out_columns"]`` lists
        (sheet, header) of submission columns that the master lacks.

    Raises:
        ImportRejected: when a submission sheet with rows lacks a required
            header.
    """
    check_required_headers(master, submission)
    plan = EditPlan()
    renumbered: list[tuple[str, int, str, str]] = []
    skipped: list[tuple[str, int, str]] = []
    left_out: list[tuple[str, str]] = []
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
        left_out += [(spec.name, h) for h in missing_in_master(source, target)]
        known = {identity_key(spec, row) for row in target.rows}
        used_ids = {id_key(row.values.get(spec.id_field)) for row in target.rows}
        rows = []
        for row in source.rows:
            values = import_values(spec, row, models.get(row.excel_row))
            key = identity_key(spec, Row(row.excel_row, values))
            if key is not None and key in known:
                skipped.append((spec.name, row.excel_row, display_name(spec, row)))
                continue
            if key is not None:
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
        "left_out_columns": left_out,
    }
    return plan


def check_required_headers(master: Dataset, submission: Dataset) -> None:
    """Raise ImportRejected when a submission sheet with rows lacks a required header.

    Such a sheet is usually a sheet whose headers were retyped (団体名 for
    名称): its rows would be appended with the column blank and the typed
    values left behind, so the whole import stops instead.
    """
    problems = []
    for spec in IMPORTED_SHEETS:
        source = submission.tables.get(spec.name)
        if source is None or not source.rows or spec.name not in master.tables:
            continue
        missing = [
            spec.column(name).header
            for name in spec.required_fields
            if name not in source.field_positions
        ]
        if missing:
            headers = "「" + "」「".join(missing) + "」"
            problems.append(
                f"「{source.sheet_name}」シートの{source.header_row}行目（見出し行）に"
                f"必須の見出し{headers}がありません。"
            )
    if problems:
        name = PurePath(submission.source).name
        raise ImportRejected(
            f"提出ブック「{name}」を取り込みませんでした。"
            + "".join(problems)
            + "列の値が空欄のまま取り込まれるのを防ぐため、何も書き込んでいません。"
            "提出ブックの見出し行を台帳と同じ見出しに直してから、もう一度取り込んでください。"
        )


def missing_in_master(source: SheetTable, target: SheetTable) -> list[str]:
    """Return the headers of submission columns that the master's sheet lacks."""
    lacking = [
        source.header_of(name)
        for name in source.field_positions
        if name not in target.field_positions
    ]
    master_headers = {normalize_header(h) for h in target.typed_headers}
    field_columns = set(source.field_positions.values())
    lacking += [
        str(header)
        for position, header in enumerate(source.typed_headers)
        if position not in field_columns
        and normalize_header(header)
        and normalize_header(header) not in master_headers
    ]
    return lacking


def identity_key(spec: SheetSpec, row: Row) -> tuple[str, ...] | None:
    """Return what makes a row the same entry as another, in folded form.

    None when every part is blank, because such a row cannot be matched to
    an entry, so it is never taken as the same entry as another.
    """
    fields = {
        RESOURCES.name: ("name", "address", "area"),
        BENCHES.name: ("place", "address"),
        MEETINGS.name: ("body", "number", "held_on", "area"),
    }[spec.name]
    key = tuple(key_text(row.values.get(f)) for f in fields)
    return key if any(key) else None


def key_text(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return fold(str(value if value is not None else ""))


def display_name(spec: SheetSpec, row: Row) -> str:
    name_field = {RESOURCES.name: "name", BENCHES.name: "place"}.get(spec.name, "body")
    name = row.values.get(name_field)
    if is_blank(name):
        return f"{row.excel_row}行目、{spec.column(name_field).header}が空欄"
    return str(name)


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


def id_key(value: Any) -> str:
    """Return an ID in the form IDs are compared in: NFKC, trimmed, casefolded."""
    return "" if is_blank(value) else fold(str(value)).strip()


def assign_id(spec: SheetSpec, values: dict[str, Any], used: set[str]) -> str | None:
    """Keep a free ID, or give the row the next free one and return it.

    ``used`` contains the IDs in use so far, in :func:`id_key` form.
    """
    value = values.get(spec.id_field)
    typed = "" if is_blank(value) else str(value).strip()
    if typed and id_key(typed) not in used:
        used.add(id_key(typed))
        values[spec.id_field] = typed
        return None
    new_id = next_free_id(spec.id_prefix, used)
    used.add(id_key(new_id))
    values[spec.id_field] = new_id
    return new_id


def next_free_id(prefix: str, used: set[str]) -> str:
    """Return the prefix plus one more than the highest number used, 4 digits.

    ``used`` may hold IDs as typed or folded; only those of the form prefix
    and 1 to 6 digits count.
    """
    pattern = re.compile(rf"^{re.escape(id_key(prefix))}{ID_DIGITS}$")
    matches = (pattern.match(id_key(id_text)) for id_text in used)
    numbers = [int(m.group(1)) for m in matches if m]
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
    by_header = {normalize_header(header): value for header, value in extras.items()}
    field_columns = set(target.field_positions.values())
    for position, header in enumerate(target.typed_headers):
        key = normalize_header(header)
        if (
            position not in field_columns
            and key in by_header
            and cells[position] is None
        ):
            cells[position] = by_header[key]
    return cells
