"""The state shared by every check: the sheet being checked and its findings."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from toshima_xl.core.dataset import Finding, Row, SheetTable
from toshima_xl.core.normalize.text import fold
from toshima_xl.messages import make_finding

# difflib ratio from which a list value is offered as the likely intended one.
SUGGESTION_CUTOFF = 0.6


@dataclass
class SheetCheck:
    """One sheet under validation, the values it is checked against, and findings.

    ``lists`` are the リスト sheet's columns, ``area_names`` the 圏域 sheet's
    names, ``town_areas`` maps a town key (東池袋2 or 東池袋) to its area.
    """

    table: SheetTable
    today: date
    lists: dict[str, list[str]]
    area_names: list[str]
    town_areas: dict[str, str]
    findings: list[Finding] = field(default_factory=list)

    def report(
        self,
        code: str,
        row: Row | None,
        field_name: str | None,
        value: Any = None,
        suggestion: Any = None,
        **params: Any,
    ) -> None:
        """Add a finding placed at ``row`` and the column of ``field_name``."""
        column = self.table.header_of(field_name) if field_name else None
        position = self.table.field_positions.get(field_name) if field_name else None
        self.findings.append(
            make_finding(
                code,
                self.table.sheet_name,
                row.excel_row if row is not None else None,
                column,
                value=value,
                suggestion=suggestion,
                column_index=position,
                **params,
            )
        )


def find_option(value: str, options: list[str]) -> str | None:
    """Return the option equal to ``value`` once both are folded, if any."""
    folded = fold(value)
    for option in options:
        if fold(option) == folded:
            return option
    return None


def suggest_option(value: str, options: list[str]) -> str | None:
    """Return the option staff most likely meant by ``value``, or None.

    The only option that starts the value or starts with it wins
    (菊かおる園圏域 -> 菊かおる園, 公開 -> 公開可 rather than 非公開), then
    the only option contained in it or containing it, then the closest
    option by difflib ratio from :data:`SUGGESTION_CUTOFF`.
    """
    folded = fold(value)
    if not folded:
        return None
    by_fold = {fold(option): option for option in options if fold(option)}
    prefixed = [
        o for f, o in by_fold.items() if f.startswith(folded) or folded.startswith(f)
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    contained = [o for f, o in by_fold.items() if f in folded or folded in f]
    if len(contained) == 1:
        return contained[0]
    close = difflib.get_close_matches(
        folded, list(by_fold), n=1, cutoff=SUGGESTION_CUTOFF
    )
    return by_fold[close[0]] if close else None


def suggestion_hint(suggestion: str | None) -> str:
    """Japanese sentence offering ``suggestion``, or "" when there is none."""
    return f"「{suggestion}」の誤りではありませんか。" if suggestion else ""
