"""Checks of a sheet's ID column: blank, stray spaces, shape and duplicates."""

from __future__ import annotations

import re
from typing import Any

from toshima_xl.core.dataset import Row
from toshima_xl.core.normalize.text import nfkc
from toshima_xl.core.validation.cells import as_text, is_blank
from toshima_xl.core.validation.context import SheetCheck

ID_DIGITS = 4  # R0001


def id_key(text: str) -> str:
    """Fold an ID for duplicate checks: NFKC, no surrounding spaces, upper case."""
    return nfkc(text).strip().upper()


def next_free_numbers(ids: list[str], prefix: str) -> int:
    """Return the number after the highest ``prefix`` + digits ID in ``ids``."""
    pattern = re.compile(re.escape(prefix.upper()) + r"(\d+)")
    numbers = [int(m[1]) for i in ids if (m := pattern.fullmatch(id_key(i)))]
    return max(numbers, default=0) + 1


def check_ids(check: SheetCheck, rows: list[Row]) -> dict[int, str | None]:
    """Check the ID column of a sheet and return each row's ID, stripped.

    A blank ID gives id.blank with the next free ID as the suggestion (blank
    IDs get consecutive numbers), or cell.required on a sheet whose IDs
    have no prefix. Duplicates name the other rows.

    Returns:
        Excel row number -> the ID without surrounding spaces, or None.
    """
    spec = check.table.spec
    field_name = spec.id_field
    if field_name is None or field_name not in check.table.field_positions:
        return {}

    raw_ids: dict[int, Any] = {
        row.excel_row: row.values.get(field_name) for row in rows
    }
    typed = [as_text(v) for v in raw_ids.values() if not is_blank(v)]
    next_number = next_free_numbers(typed, spec.id_prefix)
    ids: dict[int, str | None] = {}
    for row in rows:
        raw = raw_ids[row.excel_row]
        if is_blank(raw):
            ids[row.excel_row] = None
            if spec.id_prefix:
                suggestion = f"{spec.id_prefix}{next_number:0{ID_DIGITS}d}"
                check.report("id.blank", row, field_name, raw, suggestion=suggestion)
                next_number += 1
            else:
                check.report("cell.required", row, field_name, raw)
            continue
        ids[row.excel_row] = check_one_id(check, row, field_name, raw)

    report_duplicates(check, rows, field_name, ids)
    return ids


def check_one_id(check: SheetCheck, row: Row, field_name: str, raw: Any) -> str:
    """Check one typed ID for spaces and shape; return it without spaces."""
    text = raw if isinstance(raw, str) else as_text(raw)
    stripped = text.strip()
    if stripped != text:
        check.report("id.spaces", row, field_name, text, suggestion=stripped)
    prefix = check.table.spec.id_prefix
    # Exactly ID_DIGITS digits (R0004), or more without a leading zero
    # (R10000), so that R00004 is not taken for a different ID than R0004.
    shape = re.compile(
        re.escape(prefix) + rf"(?:\d{{{ID_DIGITS}}}|[1-9]\d{{{ID_DIGITS},}})"
    )
    if prefix and not shape.fullmatch(nfkc(stripped)):
        check.report("id.format", row, field_name, stripped, prefix=prefix)
    return stripped


def report_duplicates(
    check: SheetCheck, rows: list[Row], field_name: str, ids: dict[int, str | None]
) -> None:
    """Report every row whose ID another row also has, naming the other rows."""
    groups: dict[str, list[int]] = {}
    for excel_row, value in ids.items():
        if value:
            groups.setdefault(id_key(value), []).append(excel_row)
    for row in rows:
        value = ids.get(row.excel_row)
        if not value:
            continue
        group = groups[id_key(value)]
        if len(group) > 1:
            others = "、".join(str(r) for r in group if r != row.excel_row)
            check.report("id.duplicate", row, field_name, value, other_rows=others)
