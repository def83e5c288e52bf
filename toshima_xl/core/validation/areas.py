"""The 圏域 sheet as a lookup: area names and the town-to-area table."""

from __future__ import annotations

from typing import Any

from toshima_xl.core.dataset import Row
from toshima_xl.core.normalize.addresses import AddressResult
from toshima_xl.core.normalize.text import fold
from toshima_xl.core.towns import TOSHIMA_TOWNS
from toshima_xl.core.validation.context import (
    SheetCheck,
    find_option,
    suggest_option,
    suggestion_hint,
)
from toshima_xl.messages import list_values
from toshima_xl.schema import AREA_NAMES, normalize_header

# Field names of the rows of a data sheet that this module reads.
AREA_FIELD = "area"


def standard_area(name: Any) -> str | None:
    """Return the ward's area that ``name`` spells, ignoring width and spaces."""
    key = normalize_header(fold(str(name))) if name is not None else ""
    for area in AREA_NAMES:
        if normalize_header(fold(area)) == key:
            return area
    return None


def check_area_names(
    check: SheetCheck, rows: list[Row], parsed_areas: list[dict[str, Any]]
) -> None:
    """Warn on 圏域名 cells that are not spelled as one of the ward's eight areas.

    A name that differs only in width or spaces (「東　部」) is replaced by the
    standard name in ``parsed_areas``, so data rows typed correctly still
    match it. The cell itself gets the warning and the suggestion. A name
    that matches no area keeps its spelling and gets the closest area as a
    suggestion, if any.
    """
    for row, parsed in zip(rows, parsed_areas, strict=True):
        typed = row.values.get("name")
        if typed is None or (isinstance(typed, str) and not typed.strip()):
            continue
        standard = standard_area(typed)
        if standard is not None and typed == standard:
            continue
        if standard is not None:
            parsed["name"] = standard
        suggestion = standard or suggest_option(str(typed), list(AREA_NAMES))
        check.report(
            "area.nonstandard",
            row,
            "name",
            typed,
            suggestion=suggestion,
            hint=suggestion_hint(suggestion),
        )


def area_names_of(parsed_areas: list[dict[str, Any]]) -> list[str]:
    """Return the 圏域 sheet's names in order, or the ward's eight if it has none."""
    names = [row["name"] for row in parsed_areas if row.get("name")]
    return list(dict.fromkeys(names)) or list(AREA_NAMES)


def build_town_areas(
    check: SheetCheck, rows: list[Row], parsed_areas: list[dict[str, Any]]
) -> dict[str, str]:
    """Map each town key of the 担当町丁目 column to its area.

    A key listed by two areas gives town.assigned_twice on the later row,
    and the earlier area keeps the key.
    """
    town_areas: dict[str, str] = {}
    for row, parsed in zip(rows, parsed_areas, strict=True):
        name = parsed.get("name")
        if not name:
            continue
        for key in parsed.get("towns", ()):
            other = town_areas.get(key)
            if other is None:
                town_areas[key] = name
            elif other != name:
                check.report("town.assigned_twice", row, "towns", key, other=other)
    return town_areas


def uncovered_towns(town_areas: dict[str, str]) -> list[str]:
    """Return the Toshima towns and 丁目 that no area's 担当町丁目 lists.

    A town none of whose 丁目 is listed is named alone (雑司が谷); a town
    listed by some of its 丁目 names each missing one (東池袋4丁目).
    """
    missing: list[str] = []
    for town, chome_count in TOSHIMA_TOWNS.items():
        if town in town_areas:
            continue
        chomes = range(1, chome_count + 1)
        absent = [c for c in chomes if f"{town}{c}" not in town_areas]
        if len(absent) == chome_count:
            missing.append(town)
        else:
            missing.extend(f"{town}{c}丁目" for c in absent)
    return missing


def check_town_coverage(check: SheetCheck, town_areas: dict[str, str]) -> None:
    """Report the towns the 圏域 sheet gives to no area, once for the sheet.

    Addresses in such towns are never checked against their row's 圏域. A
    sheet whose 担当町丁目 are all blank (a fresh template) gets one
    town.unchecked note instead of a list of all twenty towns.
    """
    if "towns" not in check.table.field_positions:
        return
    if not town_areas:
        check.report("town.unchecked", None, "towns")
        return
    missing = uncovered_towns(town_areas)
    if missing:
        shown = list_values(missing)
        check.report("town.unassigned", None, "towns", shown, towns=shown)


def expected_area(address: AddressResult, town_areas: dict[str, str]) -> str | None:
    """Return the area serving an address: by town and 丁目 first, then by town."""
    if address.town is None:
        return None
    if address.chome is not None:
        by_chome = town_areas.get(f"{address.town}{address.chome}")
        if by_chome is not None:
            return by_chome
    return town_areas.get(address.town)


def check_address_area(
    check: SheetCheck, row: Row, parsed: dict[str, Any], derived: dict[str, Any]
) -> None:
    """Warn when the row's 圏域 is not the area that serves its address."""
    address: AddressResult | None = derived.get("address_result")
    area = parsed.get(AREA_FIELD)
    if address is None or not area or find_option(area, check.area_names) is None:
        return
    expected = expected_area(address, check.town_areas)
    if expected is None or expected == area:
        return
    town = f"{address.town}{address.chome}丁目" if address.chome else address.town
    check.report(
        "address.area_mismatch", row, AREA_FIELD, area,
        suggestion=expected, town=town, expected=expected,
    )  # fmt: skip
