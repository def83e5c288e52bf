"""Count resources, benches and meetings by area, category and fiscal year.

Resources whose 状態 is 廃止 are left out of every current count. Values
are matched to the area and list labels after folding (NFKC, no spaces), so
「東 部」 counts as 東部. A blank value or one that is not in the list counts
under 未設定, and that row or column appears only when it is not zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from toshima_xl.core.eras import fiscal_year_of
from toshima_xl.models import Validated
from toshima_xl.schema import (
    ACTIVE_STATUS,
    AREA_NAMES,
    DEFAULT_LISTS,
    ENDED_STATUS,
    PUBLIC,
    normalize_header,
)

UNSET = "未設定"


@dataclass(frozen=True)
class CrossTable:
    """Counts by row label and column label, with the labels in display order."""

    row_labels: list[str]
    column_labels: list[str]
    cells: dict[tuple[str, str], int]

    def cell(self, row: str, column: str) -> int:
        return self.cells.get((row, column), 0)

    def row_total(self, row: str) -> int:
        return sum(self.cell(row, column) for column in self.column_labels)

    def column_total(self, column: str) -> int:
        return sum(self.cell(row, column) for row in self.row_labels)

    @property
    def total(self) -> int:
        return sum(self.cells.values())


@dataclass(frozen=True)
class MeetingCount:
    """Meetings of one body in one fiscal year (None when the meetings have no date)."""

    fiscal_year: int | None
    body: str
    meetings: int
    participants: int


@dataclass(frozen=True)
class Counts:
    """Every figure of the 集計 sheet.

    ``resources`` counts current resources (状態 other than 廃止) by area and
    category. ``public`` and ``active`` count the same resources per area
    whose 公開区分 is 公開可 and whose 状態 is 活動中. ``benches`` counts
    benches by area and 状態.
    """

    resources: CrossTable
    public: dict[str, int]
    active: dict[str, int]
    ended: int
    benches: CrossTable
    meetings: list[MeetingCount] = field(default_factory=list)


def count_all(validated: Validated) -> Counts:
    """Count the resources, benches and meetings of a workbook.

    Args:
        validated: the parsed rows of the workbook.

    Returns:
        The counts. Areas follow the 圏域 sheet's order (the ward's eight
        areas when that sheet is empty). Categories follow リスト's 種別
        column, and every one appears even when it counts zero.
    """
    areas = area_order(validated)
    lists = validated.lists or {}
    categories = list(lists.get("種別") or DEFAULT_LISTS["種別"])
    current = [row for row in validated.resources if not _is(row.status, ENDED_STATUS)]

    resource_pairs = [(row.area, row.category) for row in current]
    resources = cross_table(resource_pairs, areas, categories)
    public = _per_area(
        resources.row_labels, areas, [r for r in current if _is(r.visibility, PUBLIC)]
    )
    active = _per_area(
        resources.row_labels,
        areas,
        [r for r in current if _is(r.status, ACTIVE_STATUS)],
    )

    bench_statuses = list(lists.get("ベンチ状態") or DEFAULT_LISTS["ベンチ状態"])
    bench_pairs = [(row.area, row.status) for row in validated.benches]
    benches = cross_table(bench_pairs, areas, bench_statuses)

    return Counts(
        resources=resources,
        public=public,
        active=active,
        ended=len(validated.resources) - len(current),
        benches=benches,
        meetings=count_meetings(validated),
    )


def area_order(validated: Validated) -> list[str]:
    """Return the area names of the 圏域 sheet in its order, or the ward's eight."""
    names = [area.name for area in validated.areas if area.name]
    return list(dict.fromkeys(names)) or list(AREA_NAMES)


def cross_table(
    pairs: Iterable[tuple[str | None, str | None]],
    row_labels: list[str],
    column_labels: list[str],
) -> CrossTable:
    """Count (row value, column value) pairs, adding 未設定 only where used."""
    counter: Counter[tuple[str, str]] = Counter()
    for row_value, column_value in pairs:
        row_label = match_label(row_value, row_labels)
        column_label = match_label(column_value, column_labels)
        counter[(row_label, column_label)] += 1
    rows = list(row_labels) + ([UNSET] if any(r == UNSET for r, _ in counter) else [])
    columns = list(column_labels) + (
        [UNSET] if any(c == UNSET for _, c in counter) else []
    )
    return CrossTable(rows, columns, dict(counter))


def count_meetings(validated: Validated) -> list[MeetingCount]:
    """Count meetings and sum participants per fiscal year and 会議体.

    Years run newest first with undated meetings last. Within a year the
    bodies follow リスト's 会議体 column, then other bodies by name.
    """
    bodies = list((validated.lists or {}).get("会議体") or DEFAULT_LISTS["会議体"])
    meetings: Counter[tuple[int | None, str]] = Counter()
    participants: Counter[tuple[int | None, str]] = Counter()
    for row in validated.meetings:
        year = fiscal_year_of(row.held_on) if row.held_on else None
        key = (year, match_label(row.body, bodies, keep_unknown=True))
        meetings[key] += 1
        participants[key] += row.participants or 0

    def order(key: tuple[int | None, str]) -> tuple:
        year, body = key
        rank = bodies.index(body) if body in bodies else len(bodies)
        return (year is None, -(year or 0), rank, body)

    return [
        MeetingCount(year, body, meetings[(year, body)], participants[(year, body)])
        for year, body in sorted(meetings, key=order)
    ]


def _per_area(row_labels: list[str], areas: list[str], rows: list) -> dict[str, int]:
    counter = Counter(match_label(row.area, areas) for row in rows)
    return {label: counter.get(label, 0) for label in row_labels}


def match_label(
    value: str | None, labels: list[str], keep_unknown: bool = False
) -> str:
    """Map a typed value onto its label by folded text, or onto 未設定 if unknown.

    With ``keep_unknown``, an unknown value maps onto itself, trimmed.
    """
    key = normalize_header(value)
    if not key:
        return UNSET
    for label in labels:
        if normalize_header(label) == key:
            return label
    return str(value).strip() if keep_unknown else UNSET


def _is(value: str | None, expected: str) -> bool:
    return normalize_header(value) == normalize_header(expected)
