"""Tests for date and fiscal year parsing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from toshima_xl.core.normalize.dates import DateResult, parse_date, parse_fiscal_year

JULY_9 = date(2021, 7, 9)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 7, 9), DateResult(JULY_9)),
        (datetime(2021, 7, 9, 10, 30), DateResult(JULY_9)),
        (44386, DateResult(JULY_9)),
        (44386.75, DateResult(JULY_9)),
        (1, DateResult(date(1900, 1, 1))),
        (59, DateResult(date(1900, 2, 28))),
        (60, DateResult(None, "date.nonexistent")),
        (61, DateResult(date(1900, 3, 1))),
        (0, DateResult(None, "date.invalid")),
        (-5, DateResult(None, "date.invalid")),
        (True, DateResult(None, "date.invalid")),
        ("2021-07-09", DateResult(JULY_9)),
        ("2021-07-09T00:00:00", DateResult(JULY_9)),
        ("2021-07-09 00:00:00", DateResult(JULY_9)),
        ("2021-07-09T00:00:00.000Z", DateResult(JULY_9)),
        ("2021/7/9", DateResult(JULY_9, "date.text")),
        ("2021.7.9", DateResult(JULY_9, "date.text")),
        ("2021年7月9日", DateResult(JULY_9, "date.text")),
        ("20210709", DateResult(JULY_9, "date.text")),
        ("２０２１／７／９", DateResult(JULY_9, "date.text")),
        ("2021/7/9（金）", DateResult(JULY_9, "date.text")),
        ("令和3年7月9日", DateResult(JULY_9, "date.text")),
        ("令和３年７月９日", DateResult(JULY_9, "date.text")),
        ("令和三年七月九日", DateResult(JULY_9, "date.text")),
        ("令和元年5月1日", DateResult(date(2019, 5, 1), "date.text")),
        ("R3.7.9", DateResult(JULY_9, "date.text")),
        ("R3/7/9", DateResult(JULY_9, "date.text")),
        ("r3.7.9", DateResult(JULY_9, "date.text")),
        ("Ｒ３．７．９", DateResult(JULY_9, "date.text")),
        ("H31.4.30", DateResult(date(2019, 4, 30), "date.text")),
        ("平成31年4月30日", DateResult(date(2019, 4, 30), "date.text")),
        ("S64.1.7", DateResult(date(1989, 1, 7), "date.text")),
        ("昭和64年1月7日", DateResult(date(1989, 1, 7), "date.text")),
        ("T1.7.30", DateResult(date(1912, 7, 30), "date.text")),
        ("大正15年12月24日", DateResult(date(1926, 12, 24), "date.text")),
        ("M45.7.29", DateResult(date(1912, 7, 29), "date.text")),
        ("明治45年7月29日", DateResult(date(1912, 7, 29), "date.text")),
        ("平成31年5月1日", DateResult(date(2019, 5, 1), "date.era_mismatch")),
        ("平成32年1月1日", DateResult(date(2020, 1, 1), "date.era_mismatch")),
        ("令和1年4月30日", DateResult(None, "date.before_era")),
        ("令和0年5月1日", DateResult(None, "date.invalid")),
        ("令和3年2月30日", DateResult(None, "date.nonexistent")),
        ("2021/2/29", DateResult(None, "date.nonexistent")),
        ("2021/13/1", DateResult(None, "date.nonexistent")),
        ("7月9日", DateResult(None, "date.invalid")),
        ("未定", DateResult(None, "date.invalid")),
        ("   ", DateResult(None)),
        (None, DateResult(None)),
    ],
    ids=lambda v: repr(v) if not isinstance(v, DateResult) else "",
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_future_flag():
    today = date(2021, 7, 8)

    assert parse_date("2021/7/9", today).future is True
    assert parse_date("2021/7/8", today).future is False
    assert parse_date("2021/7/9").future is False


def test_era_mismatch_suggestion_in_new_era():
    assert parse_date("平成31年5月1日").suggestion == "令和元年5月1日"


def test_text_suggestion_is_the_date():
    assert parse_date("R3.7.9").suggestion == JULY_9


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("R3", 2021),
        ("r3", 2021),
        ("令和3", 2021),
        ("令和3年度", 2021),
        ("R3年度", 2021),
        ("令和元年度", 2019),
        ("平成31年度", 2019),
        ("H30", 2018),
        ("2021", 2021),
        ("2021年度", 2021),
        ("２０２１", 2021),
        ("Ｒ３", 2021),
        (2021, 2021),
        (2021.0, 2021),
        (date(2022, 3, 31), 2021),
        (date(2022, 4, 1), 2022),
        ("平成32年度", None),
        ("令和0年度", None),
        ("R3.5", None),
        (21, None),
        ("来年", None),
        (None, None),
    ],
    ids=repr,
)
def test_parse_fiscal_year(value, expected):
    assert parse_fiscal_year(value) == expected
