"""Parse and check one cell by its column kind.

Each parser returns the value for the row model, or None when the cell
cannot be read, and reports what it found through the sheet check. Values
derived for comparisons (address key, phone digits) go into ``derived``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from toshima_xl.core.dataset import Row
from toshima_xl.core.eras import fiscal_year_of, format_fiscal_year
from toshima_xl.core.normalize.addresses import canonical_address, parse_town_list
from toshima_xl.core.normalize.dates import parse_date, parse_fiscal_year
from toshima_xl.core.normalize.numbers import parse_count
from toshima_xl.core.normalize.phones import check_phone
from toshima_xl.core.normalize.text import (
    is_blank_text,
    is_formula_like,
    is_katakana,
    to_katakana,
)
from toshima_xl.core.towns import TOSHIMA_TOWNS
from toshima_xl.core.validation.areas import standard_area
from toshima_xl.core.validation.context import (
    SheetCheck,
    find_option,
    suggest_option,
    suggestion_hint,
)
from toshima_xl.schema import Column, Kind

# Error values that Excel shows in a cell whose formula failed. Readers pass
# them as text.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
     "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!"}
)  # fmt: skip

# Meetings are planned ahead, so 開催日 may lie up to a year after today.
# Every other date (登録日, 最終確認日, 設置日) records something that has
# already happened and must not be after today.
FUTURE_ALLOWANCE: dict[str, timedelta] = {"held_on": timedelta(days=366)}
# A date before this is usually a plain number read as an Excel serial, for
# example 2021 typed in a date cell becomes 1905-07-13. The ward's activities
# began decades later.
OLDEST_PLAUSIBLE_DATE = date(1950, 1, 1)

# In these columns a leading apostrophe turns a number or a date into text.
# Elsewhere (IDs, phone numbers) it is how staff keep a leading zero.
APOSTROPHE_KINDS = frozenset({Kind.INTEGER, Kind.FISCAL_YEAR, Kind.DATE})

DATE_ERRORS = {"date.invalid", "date.nonexistent", "date.before_era"}
COUNT_ERRORS = {"number.invalid", "number.negative"}

# Upper bounds of the count columns, by field. They are generous guesses,
# not measured figures. No area of one ward has a million residents aged 65
# or over, and no meeting reaches 100,000 participants or its 1,000th
# session, so a larger value is a slip such as 1E+308 pasted from elsewhere.
COUNT_LIMITS: dict[str, int] = {
    "participants": 100_000,
    "number": 1_000,
    "population_65": 1_000_000,
}
# Lowest sensible value per count column: a meeting's 回 starts at 1.
COUNT_MINIMUMS: dict[str, int] = {"number": 1}
# A fiscal year may be at most this many years after today's, so that a
# bench planned for next year is accepted and a slip such as R99 is not.
FISCAL_YEARS_AHEAD = 1

Parser = Callable[[SheetCheck, Row, Column, Any, dict[str, Any]], Any]


def is_blank(value: Any) -> bool:
    """Tell whether a cell is empty, or text made only of invisible characters."""
    return value is None or (isinstance(value, str) and is_blank_text(value))


def as_text(value: Any) -> str:
    """Return a cell value as text: whole floats without .0, dates in ISO form."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_cell(
    check: SheetCheck, row: Row, column: Column, derived: dict[str, Any]
) -> Any:
    """Parse the cell of ``column`` in ``row``, reporting what needs attention.

    A blank required cell gives cell.required, except in the ID column,
    whose checks need the whole sheet and run separately. A formula saved
    without a result gives cell.formula_uncached instead of being blank.
    """
    raw = row.values.get(column.field)
    formula = row.formulas.get(column.field)
    if formula is not None and is_blank(raw):
        check.report("cell.formula_uncached", row, column.field, formula)
        return () if column.kind == Kind.TOWNS else None
    if is_blank(raw):
        if column.required and column.kind != Kind.ID:
            check.report("cell.required", row, column.field, raw)
        return () if column.kind == Kind.TOWNS else None
    if isinstance(raw, str) and raw.strip() in EXCEL_ERRORS:
        # Without a formula text the adapter either found none (an error
        # value typed or pasted as a value) or cannot read formulas (the
        # live workbook), so the message covers both.
        code = "cell.formula_error" if formula is not None else "cell.error_value"
        check.report(code, row, column.field, raw.strip())
        return () if column.kind == Kind.TOWNS else None
    if column.field in row.apostrophes and column.kind in APOSTROPHE_KINDS:
        check.report("cell.apostrophe", row, column.field, as_text(raw))
    return PARSERS[column.kind](check, row, column, raw, derived)


def parse_id(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> str:
    return as_text(raw)


def parse_text(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> str:
    text = as_text(raw)
    if len(text) > column.max_length:
        check.report(
            "cell.too_long",
            row,
            column.field,
            text,
            length=len(text),
            limit=column.max_length,
        )
    if isinstance(raw, str) and is_formula_like(text):
        check.report("cell.formula_text", row, column.field, text, first=text[0])
    return text


def parse_kana(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> str:
    text = parse_text(check, row, column, raw, derived)
    if is_katakana(text):
        return text
    converted = to_katakana(text).strip()
    if is_katakana(converted):
        check.report("kana.not_katakana", row, column.field, text, suggestion=converted)
    else:
        check.report("kana.unconvertible", row, column.field, text)
    return text


def parse_date_cell(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> date | None:
    result = parse_date(raw)
    shown = as_text(raw)
    if result.code is not None:
        check.report(
            result.code, row, column.field, shown, suggestion=result.suggestion
        )
    if result.code in DATE_ERRORS or result.value is None:
        return None

    allowance = FUTURE_ALLOWANCE.get(column.field, timedelta(0))
    if result.value > check.today + allowance:
        check.report("date.future", row, column.field, shown)
    elif result.value < OLDEST_PLAUSIBLE_DATE:
        check.report("date.too_old", row, column.field, shown, year=result.value.year)
    return result.value


def parse_integer(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> int | None:
    number, code = parse_count(raw)
    limit = COUNT_LIMITS.get(column.field)
    if number is not None and limit is not None and number > limit:
        check.report("number.too_large", row, column.field, as_text(raw), limit=limit)
        return None
    minimum = COUNT_MINIMUMS.get(column.field)
    if number is not None and minimum is not None and number < minimum:
        check.report(
            "number.too_small", row, column.field, as_text(raw), minimum=minimum
        )
        return None
    if code is not None:
        check.report(code, row, column.field, as_text(raw), suggestion=number)
    return None if code in COUNT_ERRORS else number


def parse_phone(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> str:
    text = as_text(raw)
    result = check_phone(raw)
    if result.code == "phone.invalid":
        check.report(result.code, row, column.field, text, digits=len(result.digits))
    elif result.code is not None:
        check.report(result.code, row, column.field, text, suggestion=result.formatted)
    derived["phone_digits"] = result.digits or None
    return text


def parse_address(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> str:
    text = as_text(raw)
    result = canonical_address(text)
    if result.code == "address.chome_unknown":
        limit = TOSHIMA_TOWNS[result.town] if result.town else 0
        check.report(
            result.code,
            row,
            column.field,
            text,
            town=result.town,
            chome=result.chome,
            limit=limit,
        )
    elif result.code is not None:
        check.report(result.code, row, column.field, text)
    derived["address_key"] = result.key
    derived["address_result"] = result
    return text


def parse_choice(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> str:
    text = as_text(raw)
    options = check.lists.get(column.choices or "")
    if not options:
        return text
    match = find_option(text, options)
    if match is not None:
        return match
    suggestion = suggest_option(text, options)
    check.report(
        "choice.unknown", row, column.field, text, suggestion=suggestion,
        list_name=column.choices, hint=suggestion_hint(suggestion),
    )  # fmt: skip
    return text


def parse_area(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> str:
    text = as_text(raw)
    match = find_option(text, check.area_names)
    if match is not None:
        return match
    # A ward's area name typed correctly is never "fixed" towards a misspelt
    # 圏域 sheet: that sheet gets its own finding instead.
    if standard_area(text) is not None:
        suggestion = None
    else:
        suggestion = suggest_option(text, check.area_names)
    check.report(
        "area.unknown",
        row,
        column.field,
        text,
        suggestion=suggestion,
        hint=suggestion_hint(suggestion),
    )
    return text


def parse_fiscal(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> int | None:
    year = parse_fiscal_year(raw)
    if year is None:
        check.report("fiscal_year.invalid", row, column.field, as_text(raw))
        return None
    latest = fiscal_year_of(check.today) + FISCAL_YEARS_AHEAD
    if year > latest:
        check.report(
            "fiscal_year.future", row, column.field, as_text(raw),
            latest=format_fiscal_year(latest),
        )  # fmt: skip
        return None
    return year


def parse_towns(
    check: SheetCheck, row: Row, column: Column, raw: Any, derived: dict[str, Any]
) -> tuple[str, ...]:
    towns = parse_town_list(raw)
    for item in towns.unknown:
        check.report("town.unknown", row, column.field, item)
    return towns.keys


PARSERS: dict[Kind, Parser] = {
    Kind.ID: parse_id,
    Kind.TEXT: parse_text,
    Kind.KANA: parse_kana,
    Kind.DATE: parse_date_cell,
    Kind.INTEGER: parse_integer,
    Kind.PHONE: parse_phone,
    Kind.ADDRESS: parse_address,
    Kind.CHOICE: parse_choice,
    Kind.AREA: parse_area,
    Kind.FISCAL_YEAR: parse_fiscal,
    Kind.TOWNS: parse_towns,
}
