"""Tell the tool's own output sheets from sheets that staff made under the same name.

A run replaces 検証結果, 重複候補, 集計, 報告 and 冊子 and appends to 統合履歴.
If staff made a sheet of their own under one of those names, replacing it
would delete their work without a word. The tool's sheets always start at
A1 with the cell its renderer writes there, so a sheet whose A1 contains
something else was made by staff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from toshima_xl.core.booklet import BOOKLET_FIELDS
from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.merge import HISTORY_FIXED
from toshima_xl.core.report_sheets import COUNTS_TITLE, REPORT_TITLE_END
from toshima_xl.core.sheets import DUPLICATES_HEADERS, FINDINGS_HEADERS
from toshima_xl.core.tables import is_blank
from toshima_xl.schema import (
    BOOKLET_SHEET,
    COUNTS_SHEET,
    DUPLICATES_SHEET,
    FINDINGS_SHEET,
    MERGE_HISTORY_SHEET,
    REPORT_SHEET,
    RESOURCES,
    normalize_header,
)


def _is(expected: str) -> Callable[[str], bool]:
    return lambda text: text == normalize_header(expected)


# Tests on the normalised A1 text of each tool sheet. 報告's title starts
# with the fiscal year, so a title of any year passes.
FIRST_CELL_TESTS: dict[str, Callable[[str], bool]] = {
    FINDINGS_SHEET: _is(FINDINGS_HEADERS[0]),
    DUPLICATES_SHEET: _is(DUPLICATES_HEADERS[0]),
    COUNTS_SHEET: _is(COUNTS_TITLE),
    REPORT_SHEET: lambda text: text.endswith(normalize_header(REPORT_TITLE_END)),
    BOOKLET_SHEET: _is(RESOURCES.column(BOOKLET_FIELDS[0]).header),
    MERGE_HISTORY_SHEET: _is(HISTORY_FIXED[0]),
}


def foreign_output_sheets(
    raw: RawWorkbook, names: Iterable[str]
) -> list[tuple[str, object]]:
    """Return the sheets among ``names`` that exist but that the tool did not write.

    Args:
        raw: the workbook as read.
        names: output sheet names that a run is about to replace or extend
            (names from ``schema.OUTPUT_SHEETS``).

    Returns:
        (sheet name, value of its A1 cell) for each sheet of ``names`` that
        exists in ``raw``, contains at least one value, and does not start with
        what the tool writes there. A1's value is None when A1 is blank.
        An empty sheet, or a name the tool has no rule for, is not listed.
    """
    foreign: list[tuple[str, object]] = []
    for name in dict.fromkeys(names):
        sheet = raw.sheets.get(name)
        test = FIRST_CELL_TESTS.get(name)
        if sheet is None or test is None or is_empty(sheet):
            continue
        first = first_cell(sheet)
        if is_blank(first) or not test(normalize_header(first)):
            foreign.append((name, first))
    return foreign


def first_cell(sheet: RawSheet) -> Any:
    """Return the value of A1, or None when A1 is blank."""
    if (sheet.first_row, sheet.first_column) != (1, 1) or not sheet.values:
        return None
    row = sheet.values[0]
    return row[0] if row else None


def is_empty(sheet: RawSheet) -> bool:
    return all(is_blank(value) for row in sheet.values for value in row)
