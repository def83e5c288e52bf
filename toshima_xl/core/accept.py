"""Plan the suggested fixes that staff accepted in the 検証結果 sheet.

Staff put a mark (○, 1, はい, ...) in the 反映 column of the findings they
accept. The mark survives a new 検証 through the キー column, which names the
sheet, row, column header and code of the finding. The plan takes a fresh
validation of the current workbook and applies a suggestion only when the
same finding still exists at the same cell, so that a stale mark never
writes over a value staff changed since.
"""

from __future__ import annotations

from typing import Any

from toshima_xl.core.dataset import Dataset, Finding, RawSheet
from toshima_xl.core.edits import CellEdit, EditPlan
from toshima_xl.core.tables import is_blank
from toshima_xl.messages import CATALOGUE
from toshima_xl.schema import normalize_header

ACCEPT_HEADER = "反映"
# The columns of 検証結果 that identify a finding.
KEY_HEADERS = ("シート", "行", "列", "コード")
# Marks in 反映 that mean "apply this suggestion". Anything else is ignored.
ACCEPT_MARKS = frozenset({"○", "〇", "◯", "o", "1", "はい", "true", "yes", "y", "済"})

FindingKey = tuple[str, int, str, str]


def finding_key(finding: Finding) -> FindingKey | None:
    if finding.row is None or finding.column is None:
        return None
    return (finding.sheet, finding.row, finding.column, finding.code)


def accept_key(finding: Finding) -> str:
    """Return the キー of a finding in 検証結果, e.g. 地域資源|12|圏域|area.unknown.

    The 反映 value that staff typed is carried into the next 検証結果 by this
    key. A finding without a row and a column has no cell to fix: its key is "".
    """
    key = finding_key(finding)
    return "" if key is None else "|".join(str(part) for part in key)


def read_accept_marks(sheet: RawSheet | None) -> set[FindingKey]:
    """Return the keys of the findings marked in the 反映 column of 検証結果."""
    if sheet is None or not sheet.values:
        return set()
    header = [normalize_header(h) for h in sheet.values[0]]
    try:
        positions = [header.index(h) for h in (*KEY_HEADERS, ACCEPT_HEADER)]
    except ValueError:
        return set()
    *key_positions, mark_position = positions

    keys: set[FindingKey] = set()
    for row in sheet.values[1:]:
        cells = list(row) + [None] * (len(header) - len(row))
        if not is_accept_mark(cells[mark_position]):
            continue
        sheet_name, row_number, column, code = (cells[p] for p in key_positions)
        number = as_row_number(row_number)
        if number is None or is_blank(sheet_name) or is_blank(code):
            continue
        keys.add((str(sheet_name), number, str(column), str(code)))
    return keys


def is_accept_mark(value: Any) -> bool:
    if value is True:
        return True
    if is_blank(value) or value is False:
        return False
    text = normalize_header(value).lower()
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = "1" if value == 1 else text
    return text in ACCEPT_MARKS


def as_row_number(value: Any) -> int | None:
    try:
        number = int(float(str(value)))
    except ValueError:
        return None
    return number if number > 0 else None


def plan_accept(
    dataset: Dataset,
    findings: list[Finding],
    keys: set[FindingKey],
    codes: frozenset[str] = frozenset(),
) -> EditPlan:
    """Plan one cell edit per accepted finding that carries a suggestion.

    Args:
        dataset: the workbook as it is now.
        findings: a fresh validation of ``dataset``.
        keys: findings marked in 反映, from :func:`read_accept_marks`.
        codes: finding codes whose suggestions are all accepted, such as
            ``id.blank`` to fill every blank ID.

    Returns:
        The plan; ``summary`` counts applied, stale and conflicting marks,
        and marks on findings that have no suggestion to apply. With
        ``codes``, ``summary["idle_codes"]`` lists (code, reason) for each
        code that planned no edit, in Japanese.
    """
    plan = EditPlan()
    edited: set[tuple[str, int, int]] = set()
    matched: set[FindingKey] = set()
    conflicts = 0
    without_suggestion = 0
    found_codes: set[str] = set()

    for finding in findings:
        key = finding_key(finding)
        if key is None or (key not in keys and finding.code not in codes):
            continue
        matched.add(key)
        edit = edit_for(dataset, finding)
        if edit is not None:
            found_codes.add(finding.code)
        if edit is None:
            without_suggestion += key in keys
            continue
        cell = (edit.sheet, edit.row, edit.column)
        if cell in edited:
            conflicts += 1
            continue
        edited.add(cell)
        plan.edits.append(edit)

    plan.summary = {
        "applied": len(plan.edits),
        "stale": len(keys - matched),
        "conflicts": conflicts,
        "without_suggestion": without_suggestion,
    }
    if codes:
        plan.summary["idle_codes"] = idle_codes(codes, found_codes, findings)
    return plan


def unknown_codes(codes: frozenset[str]) -> list[str]:
    """Return the given codes that name no finding in the catalogue, sorted."""
    return sorted(code for code in codes if code not in CATALOGUE)


def suggestion_codes() -> list[str]:
    """Return the catalogue codes whose message offers a suggested value."""
    return [code for code, t in CATALOGUE.items() if "{suggestion}" in t.text]


def idle_codes(
    codes: frozenset[str], applied: set[str], findings: list[Finding]
) -> list[tuple[str, str]]:
    """Describe each requested code that planned no edit, as (code, reason)."""
    present = {f.code for f in findings if finding_key(f) is not None}
    idle = []
    for code in sorted(codes - applied):
        if code not in CATALOGUE:
            reason = "そのコードの問題はありません（コードを確認してください）"
        elif code in present:
            reason = (
                "このコードの問題には修正案がありません（セルを直接直してください）"
            )
        else:
            reason = "今のデータにこのコードの問題はありません"
        idle.append((code, reason))
    return idle


def edit_for(dataset: Dataset, finding: Finding) -> CellEdit | None:
    """Build the edit for one finding, or None when it has nothing to apply."""
    if finding.suggestion is None or finding.column_index is None:
        return None
    table = next(
        (t for t in dataset.tables.values() if t.sheet_name == finding.sheet), None
    )
    if table is None:
        return None
    field_name = next(
        (f for f, p in table.field_positions.items() if p == finding.column_index),
        None,
    )
    row = table.row_at(finding.row) if finding.row is not None else None
    if field_name is None or row is None:
        return None
    return CellEdit(
        sheet=finding.sheet,
        row=finding.row,
        column=table.first_column + finding.column_index,
        value=finding.suggestion,
        previous=row.values.get(field_name),
        reason=finding.code,
    )
