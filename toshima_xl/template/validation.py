"""Data validations (dropdowns, date and number checks, input messages) per column."""

from __future__ import annotations

from datetime import date

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from toshima_xl.schema import AREAS, LIST_SHEET, Column, Kind

# Rows 2..AREA_LAST_ROW of the 圏域 sheet feed every 圏域 dropdown, and rows
# 2..LIST_LAST_ROW of each リスト column feed its dropdown.
AREA_LAST_ROW = 20
LIST_LAST_ROW = 200

# Dates outside this range are almost surely typing mistakes.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2099, 12, 31)

# Excel limits for an input message.
PROMPT_TITLE_LIMIT = 32
PROMPT_LIMIT = 255

DEFAULT_PROMPTS: dict[Kind, str] = {
    Kind.DATE: "日付を入力します（例: 2021/7/9、令和3年7月9日）。",
    Kind.INTEGER: "半角の整数で入力します。",
    Kind.PHONE: "市外局番から入力します（例: 03-3981-1111）。",
    Kind.FISCAL_YEAR: "R3 または 2021 の形で入力します。",
    Kind.AREA: "「圏域」シートの圏域名から選びます。",
}


def list_range(letter: str) -> str:
    """Return the リスト range that feeds one dropdown, e.g. リスト!$A$2:$A$200."""
    return f"{LIST_SHEET}!${letter}$2:${letter}${LIST_LAST_ROW}"


def area_range() -> str:
    """Return the range of 圏域名 cells that feeds every 圏域 dropdown."""
    position = AREAS.headers.index(AREAS.column("name").header) + 1
    letter = get_column_letter(position)
    return f"{AREAS.name}!${letter}$2:${letter}${AREA_LAST_ROW}"


def column_validation(
    column: Column, list_letters: dict[str, str]
) -> DataValidation | None:
    """Build one column's validation, or None if it needs no check and no message.

    Every check warns and lets the value through: the tool also accepts era
    dates and other typed forms that Excel's own checks would refuse.
    """
    validation = _check_for(column, list_letters)
    prompt = column.help or _default_prompt(column)
    if validation is None and not prompt:
        return None
    if validation is None:
        validation = DataValidation(allow_blank=True)
    validation.showInputMessage = bool(prompt)
    if prompt:
        title = column.header + ("（必須）" if column.required else "")
        validation.promptTitle = title[:PROMPT_TITLE_LIMIT]
        validation.prompt = prompt[:PROMPT_LIMIT]
    return validation


def _check_for(column: Column, list_letters: dict[str, str]) -> DataValidation | None:
    if column.kind is Kind.CHOICE and column.choices in list_letters:
        formula = list_range(list_letters[column.choices])
        error = f"「{LIST_SHEET}」シートの「{column.choices}」にない値です。"
        return _warning("list", formula, None, error, column)
    if column.kind is Kind.AREA:
        error = f"「{AREAS.name}」シートにない圏域名です。"
        return _warning("list", area_range(), None, error, column)
    if column.kind is Kind.DATE:
        first, last = str(int(to_excel(FIRST_DATE))), str(int(to_excel(LAST_DATE)))
        error = "日付として読めないか、2000年から2099年の範囲外です。"
        return _warning("date", first, last, error, column, operator="between")
    if column.kind is Kind.INTEGER:
        error = "0以上の整数ではありません。"
        return _warning(
            "whole", "0", None, error, column, operator="greaterThanOrEqual"
        )
    return None


def _warning(kind, formula1, formula2, error, column, operator=None) -> DataValidation:
    """Build a validation that shows a warning but accepts the value."""
    return DataValidation(
        type=kind,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=column.header[:PROMPT_TITLE_LIMIT],
        error=error + "このまま入力する場合は「はい」を押してください。",
    )


def _default_prompt(column: Column) -> str:
    if column.kind is Kind.CHOICE and column.choices:
        source = f"「{LIST_SHEET}」シートの「{column.choices}」列"
        return f"一覧から選びます。一覧は{source}です。"
    return DEFAULT_PROMPTS.get(column.kind, "")
