"""The tables of the annual report (報告) for one fiscal year.

Registrations are counted at the end of the fiscal year (31 March): a
resource counts when its 登録日 is on or before that day. The registry has
no end date, so a resource whose 状態 is 廃止 still counts for every year
from its registration on. The report shows how many of them are 廃止 now,
so that readers can tell. Resources without a 登録日 count in no year.

Nothing here reads a ``personal`` column (担当者 and the like): the tables
carry only the fields listed on each dataclass.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from toshima_xl.core.counts import UNSET, area_order, match_label
from toshima_xl.core.eras import (
    fiscal_year_bounds,
    fiscal_year_of,
    format_era_date,
    format_fiscal_year_short,
)
from toshima_xl.models import Bench, Meeting, Resource, Validated
from toshima_xl.schema import DEFAULT_LISTS, ENDED_STATUS, PUBLIC, normalize_header


@dataclass(frozen=True)
class YearRegistrations:
    """Resources registered by the end of one fiscal year."""

    fiscal_year: int
    registered: int
    public: int
    ended: int  # of ``registered``, how many have 状態 廃止 now


@dataclass(frozen=True)
class CategoryRegistrations:
    category: str
    registered: int
    public: int


@dataclass(frozen=True)
class BenchLine:
    bench_id: str | None
    place: str | None
    address: str | None
    area: str | None
    kind: str | None
    fiscal_year: str  # R3, or blank when unknown
    installed_on: str  # 令和3年7月9日, or blank when unknown


@dataclass(frozen=True)
class MeetingLine:
    body: str | None
    number: int | None
    held_on: str  # 令和3年7月9日
    theme: str | None
    guests: str | None
    participants: int | None
    area: str | None = None  # blank for ward-wide meetings

    @property
    def participants_text(self) -> str:
        return "" if self.participants is None else f"{self.participants}名"

    @property
    def number_text(self) -> str:
        return "" if self.number is None else f"第{self.number}回"


@dataclass(frozen=True)
class Report:
    """Everything the 報告 sheet shows for one fiscal year."""

    fiscal_year: int
    current: YearRegistrations
    previous: YearRegistrations
    by_category: list[CategoryRegistrations]
    undated: int  # resources without a 登録日
    benches: list[BenchLine]
    meetings: list[MeetingLine]


def build_report(validated: Validated, fiscal_year: int) -> Report:
    """Build the annual report tables for one fiscal year.

    Args:
        validated: the parsed rows of the workbook.
        fiscal_year: the Gregorian year in which the fiscal year starts
            (2021 for 令和3年度).

    Returns:
        Registrations at the end of ``fiscal_year`` and of the year before,
        registrations by category, the benches installed up to that year and
        the meetings held in it.
    """
    categories = list((validated.lists or {}).get("種別") or DEFAULT_LISTS["種別"])
    end = fiscal_year_bounds(fiscal_year)[1]
    registered = [row for row in validated.resources if _registered_by(row, end)]
    return Report(
        fiscal_year=fiscal_year,
        current=count_registrations(validated.resources, fiscal_year),
        previous=count_registrations(validated.resources, fiscal_year - 1),
        by_category=_by_category(registered, categories),
        undated=sum(1 for row in validated.resources if row.registered_on is None),
        benches=bench_lines(validated, fiscal_year),
        meetings=meeting_lines(validated, fiscal_year),
    )


def default_fiscal_year(validated: Validated, today: date | None = None) -> int:
    """Return the latest fiscal year with a registration or a meeting.

    Args:
        validated: the parsed rows of the workbook.
        today: when given, dates after it are ignored (they are typing
            errors that validation reports), and its fiscal year is the
            result for a workbook without any date.

    Raises:
        ValueError: when no row has a date and ``today`` is not given.
    """
    days = [row.registered_on for row in validated.resources if row.registered_on]
    days += [row.held_on for row in validated.meetings if row.held_on]
    if today is not None:
        days = [day for day in days if day <= today]
    if days:
        return fiscal_year_of(max(days))
    if today is not None:
        return fiscal_year_of(today)
    raise ValueError("no registration or meeting date to choose a fiscal year from")


def count_registrations(
    resources: list[Resource], fiscal_year: int
) -> YearRegistrations:
    """Count the resources registered by the end of ``fiscal_year``."""
    end = fiscal_year_bounds(fiscal_year)[1]
    rows = [row for row in resources if _registered_by(row, end)]
    return YearRegistrations(
        fiscal_year=fiscal_year,
        registered=len(rows),
        public=sum(1 for row in rows if _is(row.visibility, PUBLIC)),
        ended=sum(1 for row in rows if _is(row.status, ENDED_STATUS)),
    )


def bench_lines(validated: Validated, fiscal_year: int) -> list[BenchLine]:
    """List the benches installed up to ``fiscal_year``, by area then sheet order.

    A bench without 設置年度 counts in the year of its 設置日, and a bench
    with neither is listed, because leaving it out would hide it.
    """
    areas = area_order(validated)
    chosen = [row for row in validated.benches if _installed_by(row, fiscal_year)]
    chosen.sort(key=lambda row: (_rank(row.area, areas), row.excel_row))
    return [
        BenchLine(
            bench_id=row.bench_id,
            place=row.place,
            address=row.address,
            area=row.area,
            kind=row.kind,
            fiscal_year=format_fiscal_year_short(row.fiscal_year)
            if row.fiscal_year
            else "",
            installed_on=format_era_date(row.installed_on) if row.installed_on else "",
        )
        for row in chosen
    ]


def meeting_lines(validated: Validated, fiscal_year: int) -> list[MeetingLine]:
    """List the meetings held in ``fiscal_year``, by 会議体 then date and number."""
    bodies = list((validated.lists or {}).get("会議体") or DEFAULT_LISTS["会議体"])
    start, end = fiscal_year_bounds(fiscal_year)
    chosen = [
        row for row in validated.meetings if row.held_on and start <= row.held_on <= end
    ]
    chosen.sort(key=lambda row: (_rank(row.body, bodies), row.held_on, row.number or 0))
    return [_meeting_line(row) for row in chosen]


def _meeting_line(row: Meeting) -> MeetingLine:
    return MeetingLine(
        body=row.body,
        number=row.number,
        held_on=format_era_date(row.held_on) if row.held_on else "",
        theme=row.theme,
        guests=row.guests,
        participants=row.participants,
        area=row.area,
    )


def _by_category(
    rows: list[Resource], categories: list[str]
) -> list[CategoryRegistrations]:
    """Count registrations per listed category, blank and unknown ones as 未設定."""
    registered: Counter[str] = Counter()
    public: Counter[str] = Counter()
    for row in rows:
        label = match_label(row.category, categories)
        registered[label] += 1
        public[label] += _is(row.visibility, PUBLIC)
    labels = list(categories) + ([UNSET] if registered[UNSET] else [])
    return [
        CategoryRegistrations(label, registered[label], public[label])
        for label in labels
    ]


def _registered_by(row: Resource, end: date) -> bool:
    return row.registered_on is not None and row.registered_on <= end


def _installed_by(row: Bench, fiscal_year: int) -> bool:
    if row.fiscal_year is not None:
        return row.fiscal_year <= fiscal_year
    if row.installed_on is not None:
        return fiscal_year_of(row.installed_on) <= fiscal_year
    return True


def _rank(value: str | None, labels: list[str]) -> int:
    """Return the position of ``value`` among ``labels`` by folded text, or len."""
    key = normalize_header(value)
    for index, label in enumerate(labels):
        if normalize_header(label) == key:
            return index
    return len(labels)


def _is(value: str | None, expected: str) -> bool:
    return normalize_header(value) == normalize_header(expected)
