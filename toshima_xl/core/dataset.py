"""The in-memory shape of a workbook that the core works on, and of its results.

Adapters build a :class:`Dataset` from raw cell blocks and write
:class:`OutputSheet` and :class:`CellMark` objects back. Neither side depends on
the stages in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from toshima_xl.schema import SheetSpec


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_LABELS = {
    Severity.ERROR: "エラー",
    Severity.WARNING: "警告",
    Severity.INFO: "情報",
}


@dataclass(frozen=True)
class Finding:
    """One problem found in a workbook.

    ``row`` is the row number as Excel shows it, ``column`` the header as
    typed in the sheet. ``suggestion`` is the value the tool would write if
    staff accept it, or None when no value can be derived.
    """

    code: str
    severity: Severity
    sheet: str
    row: int | None
    column: str | None
    value: Any
    message: str
    suggestion: Any = None
    column_index: int | None = None  # 0-based position in the sheet's block


@dataclass
class Row:
    """One data row: its Excel row number and its raw cells by field name."""

    excel_row: int
    values: dict[str, Any]
    extras: dict[str, Any] = field(default_factory=dict)  # unknown columns, by header
    hidden: bool = False
    # Fields whose cell contains a formula with no cached result or an error
    # result, mapped to the formula text.
    formulas: dict[str, str] = field(default_factory=dict)
    # Fields whose cell was typed with Excel's leading apostrophe.
    apostrophes: set[str] = field(default_factory=set)


@dataclass
class SheetTable:
    """A data sheet as read: the header row, the rows, and where columns sit.

    ``header_row`` is the Excel row number of the header (1 in the template).
    ``field_positions`` maps a field to its 0-based column in the block.
    """

    spec: SheetSpec
    sheet_name: str
    header_row: int
    typed_headers: list[str]
    field_positions: dict[str, int]
    rows: list[Row]
    first_column: int = 1  # Excel column number of the block's first column
    _by_excel_row: dict[int, Row] | None = field(default=None, repr=False)

    def row_at(self, excel_row: int) -> Row | None:
        """Return the row shown at ``excel_row`` in Excel, or None."""
        if self._by_excel_row is None:
            self._by_excel_row = {row.excel_row: row for row in self.rows}
        return self._by_excel_row.get(excel_row)

    def header_of(self, field_name: str) -> str:
        """Return the header as typed for a field, or the spec's header."""
        position = self.field_positions.get(field_name)
        if position is not None and position < len(self.typed_headers):
            typed = self.typed_headers[position]
            if typed:
                return typed
        return self.spec.column(field_name).header


@dataclass
class Dataset:
    """A whole workbook in the form the core reads.

    ``lists`` holds the リスト sheet merged over the default lists.
    ``findings`` holds structural problems found while reading.
    """

    source: str
    tables: dict[str, SheetTable]
    lists: dict[str, list[str]]
    findings: list[Finding] = field(default_factory=list)
    sheet_names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CellMark:
    """A mark the tool puts on a data cell: its fill and a note with the message.

    ``row`` and ``column`` are 1-based Excel coordinates.
    """

    sheet: str
    row: int
    column: int
    severity: Severity
    note: str


@dataclass
class OutputSheet:
    """A sheet the tool owns, as a block of values written from A1.

    ``date_columns`` are 0-based columns to format as dates.
    ``links`` maps (row, column), both 0-based within ``rows``, to a
    ``'Sheet'!A1`` style target inside the workbook.
    ``keep_column`` names a header whose staff-typed values survive a rewrite,
    matched by the value in ``key_column``.
    """

    name: str
    rows: list[list[Any]]
    widths: list[float] = field(default_factory=list)
    date_columns: list[int] = field(default_factory=list)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    header_rows: int = 1
    keep_column: str | None = None
    key_column: str | None = None


@dataclass
class Results:
    """The output of one core run: findings, sheets, marks and summary figures."""

    findings: list[Finding] = field(default_factory=list)
    sheets: list[OutputSheet] = field(default_factory=list)
    marks: list[CellMark] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.WARNING)


@dataclass
class RawSheet:
    """One sheet's cells as an adapter read them, in one block.

    ``values`` starts at Excel cell (``first_row``, ``first_column``). Rows
    may be ragged: a position past a row's end is a blank cell. Rows are
    read-only, since blank rows may share one empty list.
    ``formulas`` maps (row, column), 0-based in ``values``, to the formula
    text of cells whose cached value is missing or an error, where the
    adapter can tell. ``merged`` lists merged ranges as A1 references.
    """

    name: str
    values: list[list[Any]]
    first_row: int = 1
    first_column: int = 1
    hidden_rows: set[int] = field(default_factory=set)  # Excel row numbers
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)
    apostrophes: set[tuple[int, int]] = field(default_factory=set)
    # A1 address of the part of the used range that the adapter did not read
    # because the range was too large, or None when it read all of it.
    unread: str | None = None
    # Excel row numbers of the totals rows of Excel tables (ListObjects) on
    # the sheet. They hold sums and labels, not data, so tables skip them.
    totals_rows: set[int] = field(default_factory=set)


@dataclass
class RawWorkbook:
    """All sheets of a workbook as an adapter read them, in sheet order."""

    source: str
    sheets: dict[str, RawSheet]
