"""Write :class:`Results` into a live workbook in a constant number of calls per sheet.

Each output sheet is cleared (or added), then written from A1 with one
``.value`` assignment. Date columns get one number format per block of
adjacent columns, each link column one formula assignment of ``HYPERLINK``
formulas, and widths one call per run of equal widths. Marks on data cells
are written by :mod:`toshima_xl.adapters.live.marks`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from toshima_xl.adapters.live.marks import (
    Cell,
    MarkReport,
    previous_marks,
    write_marks,
)
from toshima_xl.adapters.live.reader import read_sheet
from toshima_xl.core.dataset import Dataset, OutputSheet, Results
from toshima_xl.schema import FINDINGS_SHEET, normalize_header

logger = logging.getLogger(__name__)

DATE_FORMAT = "yyyy/m/d"

# Excel's HYPERLINK takes at most 255 characters per argument.
MAX_HYPERLINK_TEXT = 255


@dataclass
class WriteReport:
    """Record of a :func:`write_results` call: data rows per sheet and the marks."""

    rows: dict[str, int] = field(default_factory=dict)
    marks: MarkReport = field(default_factory=MarkReport)


def write_results(
    book: Any,
    results: Results,
    dataset: Dataset | None = None,
    previous: set[Cell] | None = None,
) -> WriteReport:
    """Write the output sheets and cell marks of ``results`` into ``book``.

    Marks are written only together with the 検証結果 sheet, because that
    sheet is how the next run finds and clears them. Staff values in an
    output sheet's keep column survive the rewrite, matched by its key.

    Args:
        book: an ``xw.Book`` from any engine.
        results: what the core produced.
        dataset: the dataset the results came from; its tables locate the
            marks of the previous run.
        previous: the cells the previous run marked, when the caller knows
            them better than the 検証結果 sheet does (rows have moved since).

    Returns:
        The data rows written per sheet and what happened to the marks.
    """
    report = WriteReport()
    names = {output.name for output in results.sheets}
    writes_findings = FINDINGS_SHEET in names

    if previous is None:
        previous = set()
        existing = find_sheet(book, FINDINGS_SHEET) if writes_findings else None
        if existing is not None and dataset is not None:
            previous = previous_marks(read_sheet(existing).values, dataset.tables)

    for output in results.sheets:
        write_output_sheet(book, output)
        report.rows[output.name] = max(len(output.rows) - output.header_rows, 0)

    if writes_findings:
        report.marks = write_marks(book, results.marks, previous)
    elif results.marks:
        logger.warning(
            "%d marks not written without %s", len(results.marks), FINDINGS_SHEET
        )
    if results.sheets:
        find_sheet(book, results.sheets[0].name).activate()
    return report


def find_sheet(book: Any, name: str) -> Any | None:
    """Return the sheet of ``book`` whose name matches ``name`` tolerantly, or None."""
    key = normalize_header(name)
    for sheet in book.sheets:
        if normalize_header(sheet.name) == key:
            return sheet
    return None


def write_output_sheet(book: Any, output: OutputSheet) -> Any:
    """Clear or add the sheet ``output.name`` and write its block from A1."""
    sheet = find_sheet(book, output.name)
    rows = pad_rows(output.rows)
    if sheet is None:
        sheet = book.sheets.add(
            name=output.name, after=book.sheets[len(book.sheets) - 1]
        )
    else:
        if output.keep_column and output.key_column:
            kept = read_kept_values(sheet, output.keep_column, output.key_column)
            restore_kept_values(rows, output, kept)
        sheet.clear()
    if not rows:
        return sheet

    sheet.range((1, 1)).value = rows
    write_date_formats(sheet, output, len(rows))
    write_links(sheet, output, rows)
    write_widths(sheet, output.widths, book)
    return sheet


def pad_rows(rows: list[list[Any]]) -> list[list[Any]]:
    """Return the rows as a rectangle, short rows padded with None."""
    width = max((len(row) for row in rows), default=0)
    return [list(row) + [None] * (width - len(row)) for row in rows]


def read_kept_values(sheet: Any, keep_header: str, key_header: str) -> dict[Any, Any]:
    """Read the staff-typed values of the keep column of an existing sheet, by key."""
    values = read_sheet(sheet).values
    if not values:
        return {}
    header = [normalize_header(value) for value in values[0]]
    try:
        keep_at = header.index(normalize_header(keep_header))
        key_at = header.index(normalize_header(key_header))
    except ValueError:
        return {}
    kept = {}
    for row in values[1:]:
        if max(keep_at, key_at) < len(row) and row[key_at] not in (None, ""):
            if row[keep_at] not in (None, ""):
                kept[row[key_at]] = row[keep_at]
    return kept


def restore_kept_values(rows: list[list[Any]], output: OutputSheet, kept: dict) -> None:
    """Fill blank keep cells of ``rows`` with the kept value of the same key."""
    if not kept or len(rows) <= output.header_rows:
        return
    header = [normalize_header(value) for value in rows[output.header_rows - 1]]
    keep_at = header.index(normalize_header(output.keep_column))
    key_at = header.index(normalize_header(output.key_column))
    for row in rows[output.header_rows :]:
        if row[keep_at] in (None, "") and row[key_at] in kept:
            row[keep_at] = kept[row[key_at]]


def write_date_formats(sheet: Any, output: OutputSheet, row_count: int) -> None:
    """Format the data cells of date columns, one call per block of adjacent columns."""
    first = output.header_rows + 1
    if row_count < first:
        return
    for start, end in column_runs(sorted(set(output.date_columns))):
        block = sheet.range((first, start + 1), (row_count, end + 1))
        block.number_format = DATE_FORMAT


def column_runs(columns: list[int]) -> list[tuple[int, int]]:
    """Group sorted column numbers into (first, last) runs of adjacent columns."""
    runs: list[tuple[int, int]] = []
    for column in columns:
        if runs and runs[-1][1] == column - 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs


def write_links(sheet: Any, output: OutputSheet, rows: list[list[Any]]) -> None:
    """Turn link cells into HYPERLINK formulas, one assignment per link column.

    The formula shows the cell's own value, so the sheet reads the same as
    without links. A column assignment spans from its first to its last link.
    """
    by_column: dict[int, dict[int, str]] = {}
    for (row, column), target in output.links.items():
        by_column.setdefault(column, {})[row] = target
    for column, targets in sorted(by_column.items()):
        top, bottom = min(targets), max(targets)
        formulas = []
        for row in range(top, bottom + 1):
            value = rows[row][column]
            target = targets.get(row)
            formula = hyperlink_formula(target, value) if target else None
            formulas.append([formula if formula else _formula_cell(value)])
        sheet.range((top + 1, column + 1), (bottom + 1, column + 1)).formula = formulas


def hyperlink_formula(target: str, value: Any) -> str | None:
    """Return ``=HYPERLINK("#target", value)``, or None if Excel would reject it."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        shown = repr(value)
    else:
        text = str(value)
        if len(text) > MAX_HYPERLINK_TEXT:
            return None
        shown = '"' + text.replace('"', '""') + '"'
    location = "#" + target
    if len(location) > MAX_HYPERLINK_TEXT:
        return None
    return '=HYPERLINK("' + location.replace('"', '""') + '",' + shown + ")"


def _formula_cell(value: Any) -> Any:
    return "" if value is None else value


def write_widths(sheet: Any, widths: list[float], book: Any) -> None:
    """Set column widths given in characters, one call per run of equal widths."""
    points = book.app.engine.name == "remote"
    runs: list[tuple[int, int, float]] = []
    for column, width in enumerate(widths):
        if runs and runs[-1][2] == width and runs[-1][1] == column - 1:
            runs[-1] = (runs[-1][0], column, width)
        else:
            runs.append((column, column, width))
    for first, last, width in runs:
        # Excel measures widths in characters of the default font, Office.js
        # in points. A character of 11 pt Calibri is about 5.25 points plus
        # 3.75 points of padding; this is an estimate, not a font measurement.
        value = width * 5.25 + 3.75 if points else width
        sheet.range((1, first + 1), (1, last + 1)).column_width = value
