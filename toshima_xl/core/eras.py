"""Japanese eras (和暦) and the fiscal year (年度) that runs from April to March."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: date  # first day of the era


# Newest first, so that the first era starting on or before a date is its era.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("明治", "M", date(1868, 1, 25)),
)
ERA_BY_NAME = {era.name: era for era in ERAS} | {era.letter: era for era in ERAS}


def era_of(day: date) -> Era:
    for era in ERAS:
        if day >= era.start:
            return era
    raise ValueError(f"{day} is before the Meiji era")


def era_year_text(era: Era, gregorian_year: int) -> str:
    year = gregorian_year - era.start.year + 1
    return f"{era.name}{'元' if year == 1 else year}年"


def format_era_date(day: date) -> str:
    """Format a date the way the ward's reports do: 令和3年7月9日 (元年 for year 1)."""
    era = era_of(day)
    return f"{era_year_text(era, day.year)}{day.month}月{day.day}日"


def fiscal_year_of(day: date) -> int:
    """Return the Gregorian year in which the fiscal year of ``day`` starts."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(fiscal_year: int) -> tuple[date, date]:
    """Return the first and last day of a fiscal year, both inclusive."""
    return date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31)


def format_fiscal_year(fiscal_year: int) -> str:
    """Format a fiscal year as the ward writes it: 令和3年度 for 2021.

    The era is the one in force on 1 April of that year, except that the
    fiscal year 2019, which began in 平成 and ended in 令和, is called 令和元年度
    as the ward does.
    """
    start = date(fiscal_year, 4, 1) if fiscal_year != 2019 else date(2019, 5, 1)
    era = era_of(start)
    return era_year_text(era, fiscal_year) + "度"


def format_fiscal_year_short(fiscal_year: int) -> str:
    """Format a fiscal year as the short form used in tables: R3 for 2021."""
    start = date(fiscal_year, 4, 1) if fiscal_year != 2019 else date(2019, 5, 1)
    era = era_of(start)
    return f"{era.letter}{fiscal_year - era.start.year + 1}"
