"""Checks that compare two cells of one row once both have been parsed.

Each check runs only when both cells hold a readable value, because a blank
or unreadable cell already has its own finding. The finding sits at the
cell that depends on the other one, so that staff see it where the later
date was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from toshima_xl.core.dataset import Row
from toshima_xl.core.eras import fiscal_year_of, format_fiscal_year
from toshima_xl.core.validation.cells import as_text
from toshima_xl.core.validation.context import SheetCheck
from toshima_xl.schema import BENCHES, RESOURCES

RowCheck = Callable[[SheetCheck, Row, dict[str, Any]], None]


def check_checked_after_registered(
    check: SheetCheck, row: Row, values: dict[str, Any]
) -> None:
    """Report a 最終確認日 earlier than the 登録日 of the same resource."""
    registered, checked = values.get("registered_on"), values.get("last_checked_on")
    if registered is None or checked is None or checked >= registered:
        return
    check.report(
        "date.before_registration",
        row,
        "last_checked_on",
        as_text(row.values["last_checked_on"]),
        registered=as_text(row.values["registered_on"]),
    )


def check_installed_in_fiscal_year(
    check: SheetCheck, row: Row, values: dict[str, Any]
) -> None:
    """Report a 設置日 that falls outside the bench's 設置年度 (April to March)."""
    fiscal_year, installed = values.get("fiscal_year"), values.get("installed_on")
    if fiscal_year is None or installed is None:
        return
    installed_year = fiscal_year_of(installed)
    if installed_year == fiscal_year:
        return
    check.report(
        "date.fiscal_year_mismatch",
        row,
        "installed_on",
        as_text(row.values["installed_on"]),
        installed_year=format_fiscal_year(installed_year),
        fiscal_year=as_text(row.values["fiscal_year"]),
    )


# Sheet name -> the checks run on each of its rows.
ROW_CHECKS: dict[str, tuple[RowCheck, ...]] = {
    RESOURCES.name: (check_checked_after_registered,),
    BENCHES.name: (check_installed_in_fiscal_year,),
}


def check_row(check: SheetCheck, row: Row, values: dict[str, Any]) -> None:
    """Run the cross-column checks of the sheet under ``check`` on one parsed row.

    Args:
        check: The sheet under validation; findings are added to it.
        row: The row as read, whose raw cells are shown in messages.
        values: The row's parsed field values, None where a cell was unreadable.
    """
    for row_check in ROW_CHECKS.get(check.table.spec.name, ()):
        row_check(check, row, values)
