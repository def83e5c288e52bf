"""The booklet of public resources for residents, rendered as the 冊子 sheet.

The booklet is a public output. It lists only resources marked 公開可 that
are 活動中, and only columns that describe the activity: never 担当者, 備考
or the ID, and never a mobile number, because a mobile number in the
registry is usually a volunteer's own phone.
"""

from __future__ import annotations

from typing import Any

from toshima_xl.core.cells import safe_text
from toshima_xl.core.counts import area_order, match_label
from toshima_xl.core.dataset import OutputSheet
from toshima_xl.core.normalize.phones import format_phone
from toshima_xl.models import Resource, Validated
from toshima_xl.schema import ACTIVE_STATUS, BOOKLET_SHEET, PUBLIC, RESOURCES

# Fields of 地域資源 that the booklet shows, in its column order.
BOOKLET_FIELDS = (
    "area",
    "category",
    "name",
    "place",
    "address",
    "schedule",
    "target",
    "fee",
    "organizer",
    "phone",
)
BOOKLET_WIDTHS = [14, 22, 30, 22, 26, 20, 14, 12, 22, 16]
MOBILE_PREFIXES = ("070", "080", "090")
NOT_SHOWN = "（窓口へお問い合わせください）"


def booklet_entries(validated: Validated) -> list[Resource]:
    """Return the public, active resources in area, category and name order."""
    areas = area_order(validated)
    categories = list(validated.lists.get("種別", []))
    entries = [
        row
        for row in validated.resources
        if match_label(row.visibility, [PUBLIC]) == PUBLIC
        and match_label(row.status, [ACTIVE_STATUS]) == ACTIVE_STATUS
    ]
    return sorted(
        entries,
        key=lambda row: (
            rank(row.area, areas),
            rank(row.category, categories),
            row.name_kana or row.name or "",
        ),
    )


def booklet_sheet(validated: Validated) -> OutputSheet:
    """Render the booklet as the 冊子 sheet, one row per public resource."""
    headers = [RESOURCES.column(field).header for field in BOOKLET_FIELDS]
    rows: list[list[Any]] = [headers]
    for entry in booklet_entries(validated):
        rows.append([safe_text(public_value(entry, field)) for field in BOOKLET_FIELDS])
    return OutputSheet(name=BOOKLET_SHEET, rows=rows, widths=list(BOOKLET_WIDTHS))


def public_value(entry: Resource, field_name: str) -> str:
    """Return a field as the booklet shows it; a mobile number is withheld."""
    if field_name == "phone":
        digits = entry.phone_digits or ""
        if not digits:
            return ""
        if digits.startswith(MOBILE_PREFIXES):
            return NOT_SHOWN
        return format_phone(digits) or entry.phone or ""
    value = getattr(entry, field_name)
    return "" if value is None else str(value)


def rank(value: str | None, labels: list[str]) -> int:
    """Return the position of a value in its list, unknown values last."""
    label = match_label(value, labels)
    return labels.index(label) if label in labels else len(labels)
