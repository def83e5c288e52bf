"""Turn raw cell blocks into a :class:`Dataset`, noting structural problems.

A table starts at its header row and runs to the last non-blank row of the
block: blank rows and zeros in the middle do not end it.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any

from toshima_xl.core.dataset import (
    Dataset,
    Finding,
    RawSheet,
    RawWorkbook,
    Row,
    SheetTable,
)
from toshima_xl.core.normalize.text import fold
from toshima_xl.messages import make_finding
from toshima_xl.schema import (
    DATA_SHEETS,
    DEFAULT_LISTS,
    LIST_SHEET,
    SheetSpec,
    match_headers,
    normalize_header,
)

# How many rows from the top are searched for the header row; a title line
# or two above the table is common in hand-made copies.
HEADER_SEARCH_ROWS = 10


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def build_dataset(raw: RawWorkbook) -> Dataset:
    """Build the dataset from every data sheet and the リスト sheet of ``raw``."""
    findings: list[Finding] = []
    dataset = Dataset(
        source=raw.source,
        tables={},
        lists=read_lists(pick_sheet(raw, LIST_SHEET, findings), findings),
        sheet_names=list(raw.sheets),
        findings=findings,
    )
    for sheet in raw.sheets.values():
        if sheet.unread:
            unread = sheet.unread.replace("$", "")
            findings.append(make_finding("sheet.partly_read", sheet.name, value=unread))
    for spec in DATA_SHEETS:
        sheet = pick_sheet(raw, spec.name, findings)
        if sheet is None:
            dataset.findings.append(make_finding("sheet.missing", spec.name))
            continue
        table = read_table(spec, sheet, dataset)
        if table is not None:
            dataset.tables[spec.name] = table
    return dataset


def pick_sheet(raw: RawWorkbook, name: str, findings: list) -> RawSheet | None:
    """Return the sheet whose name matches ``name`` tolerantly, or None.

    When several sheets fold to the same name (「地域資源」 and 「地域資源 」),
    the one spelled exactly wins, else the first, and each other one gets a
    ``sheet.ambiguous`` error, because its rows would otherwise go unchecked.
    """
    key = normalize_header(name)
    matches = [
        sheet for typed, sheet in raw.sheets.items() if normalize_header(typed) == key
    ]
    if not matches:
        return None
    chosen = next((sheet for sheet in matches if sheet.name == name), matches[0])
    for other in matches:
        if other is not chosen:
            findings.append(
                make_finding(
                    "sheet.ambiguous", other.name, value=other.name, used=chosen.name
                )
            )
    return chosen


def read_lists(
    sheet: RawSheet | None, findings: list[Finding] | None = None
) -> dict[str, list[str]]:
    """Merge the リスト sheet's columns over the default lists.

    A column of the sheet replaces the default list of the same header, so
    that staff can remove values as well as add them. The header is the
    sheet's first row.

    Args:
        sheet: The リスト sheet, or None when the workbook has none.
        findings: Receives list.not_text for an entry that is not text (TRUE,
            1, a date) and list.duplicate for an entry repeated in its column.

    Returns:
        The lists by normalised header. Entries keep their order, and an
        entry that is not text is kept in its ``str`` form (TRUE as "True").
    """
    lists = {name: list(values) for name, values in DEFAULT_LISTS.items()}
    if sheet is None or not sheet.values:
        return lists
    for position, name in enumerate(sheet.values[0]):
        if is_blank(name):
            continue
        values = read_list_column(sheet, position, findings)
        if values:
            lists[normalize_header(name)] = values
    return lists


def read_list_column(
    sheet: RawSheet, position: int, findings: list[Finding] | None
) -> list[str]:
    """Read one リスト column below its header, reporting entries that mislead."""
    header = str(sheet.values[0][position])
    # Counted from column A, because the リスト sheet has no SheetTable whose
    # first_column would otherwise place the mark on the right cell.
    column_index = sheet.first_column - 1 + position
    values: list[str] = []
    first_rows: dict[str, int] = {}
    for index in range(1, len(sheet.values)):
        row = sheet.values[index]
        cell = row[position] if position < len(row) else None
        if is_blank(cell):
            continue
        text = str(cell).strip()
        values.append(text)
        excel_row = sheet.first_row + index
        place = (sheet.name, excel_row, header)
        if findings is None:
            continue
        if not isinstance(cell, str):
            shown, kind = describe_non_text(cell)
            findings.append(
                make_finding(
                    "list.not_text", *place, value=shown,
                    column_index=column_index, kind=kind,
                )
            )  # fmt: skip
        key = fold(text)
        if key in first_rows:
            findings.append(
                make_finding(
                    "list.duplicate", *place, value=text,
                    column_index=column_index, other_rows=first_rows[key],
                )
            )  # fmt: skip
        else:
            first_rows[key] = excel_row
    return values


def describe_non_text(value: Any) -> tuple[str, str]:
    """Return a non-text cell value as Excel shows it, and its kind in Japanese."""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), "論理値"
    if isinstance(value, datetime):
        return value.date().isoformat(), "日付"
    if isinstance(value, date):
        return value.isoformat(), "日付"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), "数値"
    return str(value), "数値"


def find_header_row(spec: SheetSpec, values: list[list[Any]]) -> int | None:
    """Return the 0-based index of the row that matches most of the headers."""
    best_index, best_score = None, 0
    for index, row in enumerate(values[:HEADER_SEARCH_ROWS]):
        score = len(match_headers(spec, list(row)).field_positions)
        if score > best_score:
            best_index, best_score = index, score
    return best_index


def read_table(spec: SheetSpec, sheet: RawSheet, dataset: Dataset) -> SheetTable | None:
    """Read one data sheet into a table, adding structural findings to ``dataset``."""
    header_index = find_header_row(spec, sheet.values)
    if header_index is None:
        dataset.findings.append(
            make_finding(
                "header.not_found", sheet.name, expected=spec.columns[0].header
            )
        )
        return None

    header = list(sheet.values[header_index])
    match = match_headers(spec, header)
    header_row = sheet.first_row + header_index
    check_headers(spec, sheet, header, match, header_row, dataset)
    check_merged_header(sheet, header, header_row, dataset)

    rows: list[Row] = []
    extra_headers = {p: str(header[p]) for p in match.extra_positions}
    # A formula without a cached result reads as a blank cell, but its row
    # is not blank.
    formula_rows = {index for index, _ in sheet.formulas}
    last = max(last_filled_index(sheet.values), max(formula_rows, default=-1))
    gap_start = None
    for index in range(header_index + 1, last + 1):
        cells = sheet.values[index]
        excel_row = sheet.first_row + index
        if excel_row in sheet.totals_rows:
            continue  # an Excel table's totals row: sums and labels, not data
        if all(is_blank(v) for v in cells) and index not in formula_rows:
            gap_start = excel_row if gap_start is None else gap_start
            continue
        if gap_start is not None:
            gap = (
                f"{gap_start}～{excel_row - 1}"
                if excel_row - 1 > gap_start
                else str(gap_start)
            )
            dataset.findings.append(
                make_finding("row.blank_gap", sheet.name, value=gap)
            )
            gap_start = None
        values = {
            name: cells[pos] if pos < len(cells) else None
            for name, pos in match.field_positions.items()
        }
        extras = {
            head: cells[pos] if pos < len(cells) else None
            for pos, head in extra_headers.items()
        }
        row = Row(excel_row, values, extras, hidden=excel_row in sheet.hidden_rows)
        for name, pos in match.field_positions.items():
            if (index, pos) in sheet.formulas:
                row.formulas[name] = sheet.formulas[(index, pos)]
            if (index, pos) in sheet.apostrophes:
                row.apostrophes.add(name)
        rows.append(row)

    return SheetTable(
        spec=spec,
        sheet_name=sheet.name,
        header_row=header_row,
        typed_headers=match.typed_headers,
        field_positions=match.field_positions,
        rows=rows,
        first_column=sheet.first_column,
    )


def last_filled_index(values: list[list[Any]]) -> int:
    for index in range(len(values) - 1, -1, -1):
        if not all(is_blank(v) for v in values[index]):
            return index
    return -1


def check_headers(spec, sheet, header, match, header_row, dataset) -> None:
    """Report missing, misspelled and duplicate headers of one sheet."""
    unmatched = {p: normalize_header(header[p]) for p in match.extra_positions}
    for column in spec.columns:
        if column.field in match.field_positions:
            continue
        closest = difflib.get_close_matches(
            normalize_header(column.header), list(unmatched.values()), n=1, cutoff=0.5
        )
        if closest:
            position = next(p for p, h in unmatched.items() if h == closest[0])
            dataset.findings.append(
                make_finding(
                    "header.misspelled",
                    sheet.name,
                    header_row,
                    str(header[position]),
                    value=header[position],
                    expected=column.header,
                    column_index=position,
                )
            )
        if column.required:
            hint = (
                f"「{header[position]}」のことなら見出しを直すか、" if closest else ""
            )
            dataset.findings.append(
                make_finding(
                    "header.missing", sheet.name, header=column.header, hint=hint
                )
            )
    for position in match.duplicate_positions:
        dataset.findings.append(
            make_finding(
                "header.duplicate",
                sheet.name,
                header_row,
                str(header[position]),
                value=header[position],
                column_index=position,
            )
        )


_A1_RANGE = re.compile(r"^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")


def column_number(letters: str) -> int:
    """Return the 1-based number of Excel column letters: A -> 1, AB -> 28."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def check_merged_header(sheet: RawSheet, header, header_row, dataset) -> None:
    """Report merged ranges that cover the header row.

    A merged title above the header is harmless, but a merged header cell
    hides the headers of every column after its first.
    """
    for reference in sheet.merged:
        match = _A1_RANGE.match(reference.upper())
        if match is None:
            continue
        first_col, first_row = column_number(match[1]), int(match[2])
        last_row = int(match[4]) if match[4] else first_row
        if not first_row <= header_row <= last_row:
            continue
        position = first_col - sheet.first_column
        typed = header[position] if 0 <= position < len(header) else None
        dataset.findings.append(
            make_finding(
                "header.merged", sheet.name, header_row,
                None if is_blank(typed) else str(typed),
                value=reference, column_index=position,
            )
        )  # fmt: skip
