"""Dates and fiscal years in every form the ward's workbooks hold them.

Cells arrive as date cells, Excel serial numbers (xlwings' remote engine and
some readers hand these over), ISO text, or text typed by staff in Western
or Japanese era (和暦) form, often with full-width digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from toshima_xl.core.eras import ERA_BY_NAME, ERAS, Era, fiscal_year_of, format_era_date
from toshima_xl.core.normalize.numbers import replace_kanji_numerals
from toshima_xl.core.normalize.text import nfkc, squash_spaces, unify_hyphens

# Excel counts days from 1900-01-01 (serial 1) and, copying Lotus 1-2-3,
# treats 1900 as a leap year: serial 60 is the non-existent 1900-02-29, so
# serials from 61 on are one day ahead of a plain day count.
EXCEL_EPOCH = date(1899, 12, 31)
EXCEL_FAKE_LEAP_DAY = 60
EXCEL_MAX_SERIAL = 2958465  # 9999-12-31

_ERA_NAMES = "令和|平成|昭和|大正|明治|[RHSTM]"
_DATE_SEP = (
    r"\s*(?:[/.\-]|年)\s*(?P<month>\d{1,2})\s*(?:[/.\-]|月)\s*(?P<day>\d{1,2})\s*日?"
)
_WEEKDAY = re.compile(r"\s*\(\s*[月火水木金土日](?:曜日?)?\s*\)$")
_ISO = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_WESTERN = re.compile(r"^(?P<year>\d{4})" + _DATE_SEP + "$")
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_ERA_DATE = re.compile(
    rf"^(?P<era>{_ERA_NAMES})\.?\s*(?P<year>元|\d{{1,2}})" + _DATE_SEP + "$",
    re.IGNORECASE,
)
_FISCAL_YEAR = re.compile(
    rf"^(?:(?P<era>{_ERA_NAMES})\.?\s*(?P<era_year>元|\d{{1,2}})|(?P<year>\d{{4}}))"
    r"\s*(?:年度|年|度)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateResult:
    """A parsed date cell.

    ``code`` is None for a clean value, or one of date.text (read from text,
    info), date.era_mismatch (the era had ended on that date, read as the
    Western date), date.before_era, date.nonexistent and date.invalid (no
    value). ``future`` is True when a ``today`` was given and the date is
    after it.
    """

    value: date | None
    code: str | None = None
    future: bool = False

    @property
    def suggestion(self) -> date | str | None:
        """The value to offer staff: the date, or its era form for a mismatch."""
        if self.code == "date.era_mismatch" and self.value is not None:
            return format_era_date(self.value)
        return self.value


def parse_date(value: Any, today: date | None = None) -> DateResult:
    """Parse a date cell in any of the forms staff and readers produce.

    Date and datetime cells, Excel serial numbers and ISO text (with or
    without a time) are read silently. Text typed by staff gives date.text:
    2021/7/9, 2021.7.9, 2021年7月9日, 20210709, 令和3年7月9日, 令和元年5月1日,
    R3.7.9, r3/7/9, H31.4.30 and the other era letters (S, T, M), with
    full-width digits, kanji numerals or a trailing weekday such as (金).

    Args:
        value: The cell value. None and blank text give an empty result.
        today: When given, ``future`` is True when the date is after it.

    Returns:
        The date (or None) with a finding code; see :class:`DateResult`.
    """
    result = _parse(value)
    if today is not None and result.value is not None and result.value > today:
        return DateResult(result.value, result.code, future=True)
    return result


def _parse(value: Any) -> DateResult:
    if value is None:
        return DateResult(None)
    if isinstance(value, datetime):
        return DateResult(value.date())
    if isinstance(value, date):
        return DateResult(value)
    if isinstance(value, bool):
        return DateResult(None, "date.invalid")
    if isinstance(value, int | float):
        return from_excel_serial(value)
    if isinstance(value, str):
        return _parse_text(value)
    return DateResult(None, "date.invalid")


def from_excel_serial(serial: float) -> DateResult:
    """Convert an Excel serial day number (time fraction ignored) to a date."""
    if serial != serial or serial < 1 or serial > EXCEL_MAX_SERIAL:  # NaN too
        return DateResult(None, "date.invalid")
    days = int(serial)
    if days == EXCEL_FAKE_LEAP_DAY:
        return DateResult(None, "date.nonexistent")
    if days > EXCEL_FAKE_LEAP_DAY:
        days -= 1
    return DateResult(EXCEL_EPOCH + timedelta(days=days))


def _parse_text(value: str) -> DateResult:
    text = squash_spaces(unify_hyphens(nfkc(value)))
    if not text:
        return DateResult(None)
    text = _WEEKDAY.sub("", text)

    iso = _ISO.match(text)
    if iso:
        return _western(iso, quiet=True)
    text = replace_kanji_numerals(text)
    western = _WESTERN.match(text) or _COMPACT.match(text)
    if western:
        return _western(western, quiet=False)
    era_date = _ERA_DATE.match(text)
    if era_date:
        return _era(era_date)
    return DateResult(None, "date.invalid")


def _build(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _western(match: re.Match[str], quiet: bool) -> DateResult:
    day = _build(int(match["year"]), int(match["month"]), int(match["day"]))
    if day is None:
        return DateResult(None, "date.nonexistent")
    return DateResult(day, None if quiet else "date.text")


def _era(match: re.Match[str]) -> DateResult:
    era = ERA_BY_NAME[match["era"].upper()]
    era_year = 1 if match["year"] == "元" else int(match["year"])
    if era_year < 1:
        return DateResult(None, "date.invalid")
    day = _build(era.start.year + era_year - 1, int(match["month"]), int(match["day"]))
    if day is None:
        return DateResult(None, "date.nonexistent")
    if day < era.start:
        return DateResult(None, "date.before_era")
    successor = _successor(era)
    if successor is not None and day >= successor.start:
        return DateResult(day, "date.era_mismatch")
    return DateResult(day, "date.text")


def _successor(era: Era) -> Era | None:
    index = ERAS.index(era)
    return ERAS[index - 1] if index > 0 else None


def parse_fiscal_year(value: Any) -> int | None:
    """Parse a fiscal year (年度) into the Western year it starts in.

    Accepts 2021, "2021", "2021年度", "R3", "r3", "R3年度", "令和3",
    "令和3年度", "令和元年度" and full-width forms, all giving 2021 or the
    matching year. An era year that never started in that era (平成32年度)
    gives None. A date cell gives the fiscal year it falls in.

    Args:
        value: The cell value.

    Returns:
        The year, or None when the value is blank or not a fiscal year.
    """
    if isinstance(value, datetime):
        return fiscal_year_of(value.date())
    if isinstance(value, date):
        return fiscal_year_of(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 1868 <= value <= 2200 else None
    if not isinstance(value, str):
        return None

    text = replace_kanji_numerals(squash_spaces(nfkc(value)))
    match = _FISCAL_YEAR.match(text)
    if match is None:
        return None
    if match["year"]:
        return parse_fiscal_year(int(match["year"]))
    era = ERA_BY_NAME[match["era"].upper()]
    era_year = 1 if match["era_year"] == "元" else int(match["era_year"])
    year = era.start.year + era_year - 1
    successor = _successor(era)
    # A fiscal year that starts in April of the year an era ended still has
    # that era's name (平成31年度 is 2019), so the successor's first year is
    # the last one allowed.
    if era_year < 1 or (successor is not None and year > successor.start.year):
        return None
    return year
