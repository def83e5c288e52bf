"""The pieces every corpus workbook is made of: clean rows, cases, and the writer.

Each case starts from the master template with the areas below and types
its own rows over clean ones, so that the only findings of a file are the
ones its case declares. Names, addresses, phone numbers and the town table
are invented for the corpus.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from toshima_xl.schema import AREAS, BENCHES, MEETINGS, RESOURCES, SheetSpec
from toshima_xl.template.build import build_workbook, save_workbook

# The day the corpus findings are computed for: future dates lie after it.
TODAY = date(2024, 4, 1)

# Marks an expected finding whose suggestion is not compared.
ANY = object()

SPECS: dict[str, SheetSpec] = {
    spec.name: spec for spec in (RESOURCES, AREAS, BENCHES, MEETINGS)
}

# An invented town table: which area serves which towns (丁目 ranges allowed).
AREA_TOWNS: dict[str, str] = {
    "菊かおる園": "駒込、巣鴨",
    "東部": "北大塚、南大塚、西巣鴨",
    "中央": "東池袋1～3丁目、南池袋、雑司が谷",
    "いけよんの郷": "池袋、池袋本町",
    "アトリエ村": "長崎、南長崎",
    "西部": "要町、高松、千川、千早",
    "ふくろうの杜": "目白、高田、西池袋",
    "豊島区医師会": "上池袋、東池袋4・5丁目",
}


@dataclass(frozen=True)
class Cell:
    """A typed value with the cell format it was typed under.

    ``number_format`` replaces the template's format; ``format_id`` sets a
    built-in format id that Excel writes without a format string (the
    Japanese date formats 27-36 and 50-58). ``apostrophe`` is Excel's quote
    prefix, the leading ' that keeps a number as text.
    """

    value: Any
    number_format: str | None = None
    format_id: int | None = None
    apostrophe: bool = False


@dataclass(frozen=True)
class Expected:
    """One finding a case must produce: code, sheet, Excel row, column header.

    ``suggestion`` is compared unless it is :data:`ANY`.
    """

    code: str
    sheet: str
    row: int | None
    column: str | None
    suggestion: Any = ANY

    @property
    def key(self) -> tuple[str, str, int | None, str | None]:
        return (self.code, self.sheet, self.row, self.column)


@dataclass(frozen=True)
class Case:
    """One corpus workbook: its file name, what is typed where, and its findings.

    ``rows`` maps a sheet name to typed rows (header -> value) laid over the
    sheet's clean row, from Excel row 2 down; a row given as None is left
    blank. ``edit`` changes the workbook before saving, ``patch`` the saved
    file's XML parts.
    """

    file: str
    description: str
    rows: dict[str, tuple[dict[str, Any] | None, ...]]
    expected: tuple[Expected, ...]
    edit: Callable[[Workbook], None] | None = None
    patch: Callable[[Path], None] | None = None
    keep_clean_rows: bool = True


def resource_row(number: int) -> dict[str, Any]:
    """Return a clean 地域資源 row; each number gives its own name, address and phone."""
    return {
        "資源ID": f"R{number:04d}",
        "名称": f"池袋本町ひまわりサロン{number}号",
        "名称カナ": "イケブクロホンチョウヒマワリサロン",
        "種別": "サロン",
        "圏域": "いけよんの郷",
        "活動場所": "区民ひろば池袋本町",
        "住所": f"池袋本町3-{number}-1",
        "活動日時": "毎週火曜 13:30～15:00",
        "対象": "65歳以上",
        "費用": "100円",
        "運営団体": "ひまわりの会",
        "電話番号": f"03-3980-{1000 + number}",
        "担当者": "山田 花子",
        "公開区分": "公開可",
        "状態": "活動中",
        "登録日": datetime(2021, 7, 9),
    }


def bench_row(number: int) -> dict[str, Any]:
    """Return a clean ベンチ row in the 中央 area."""
    return {
        "ベンチID": f"B{number:04d}",
        "設置場所": f"南池袋こもれび商店{number}号店",
        "住所": f"南池袋2-{number}-5",
        "圏域": "中央",
        "区分": "本実施",
        "設置年度": "R3",
        "設置日": datetime(2021, 10, 1),
        "協力者": "こもれび商店会",
        "ステッカー": "あり",
        "保険": "あり",
        "状態": "設置中",
    }


def meeting_row(number: int) -> dict[str, Any]:
    """Return a clean 会議 row of an area meeting."""
    return {
        "会議ID": f"M{number:04d}",
        "会議体": "地区懇談会",
        "回": number,
        "開催日": datetime(2021, 7, 9),
        "テーマ": "地域のつどいの場の再開について",
        "ゲスト": "区民ひろば南池袋",
        "参加者数": 18,
        "圏域": "中央",
    }


def area_rows() -> list[dict[str, Any]]:
    """Return the eight areas with the invented town table."""
    return [
        {
            "圏域名": name,
            "高齢者総合相談センター": f"{name}高齢者総合相談センター",
            "担当町丁目": towns,
            "第2層コーディネーター": "佐藤 一郎",
            "65歳以上人口": 7000 + 100 * index,
        }
        for index, (name, towns) in enumerate(AREA_TOWNS.items())
    ]


CLEAN_ROWS: dict[str, Callable[[int], dict[str, Any]]] = {
    RESOURCES.name: resource_row,
    BENCHES.name: bench_row,
    MEETINGS.name: meeting_row,
}


def case_rows(case: Case, sheet: str) -> list[dict[str, Any] | None]:
    """Return the rows a case types into ``sheet``, clean values filled in."""
    typed = case.rows.get(sheet)
    if typed is None:
        return area_rows() if sheet == AREAS.name else []
    clean = CLEAN_ROWS.get(sheet)
    rows: list[dict[str, Any] | None] = []
    for number, values in enumerate(typed, start=1):
        if values is None:
            rows.append(None)
        elif clean is None or not case.keep_clean_rows:
            rows.append(dict(values))
        else:
            rows.append(clean(number) | values)
    return rows


def write_rows(workbook: Workbook, spec: SheetSpec, rows: list) -> None:
    """Type ``rows`` (header -> value) below the header of the template sheet."""
    sheet = workbook[spec.name]
    positions = {header: index for index, header in enumerate(spec.headers, 1)}
    for excel_row, values in enumerate(rows, start=2):
        for position in positions.values():
            sheet.cell(excel_row, position).value = None
        for header, value in (values or {}).items():
            type_cell(sheet.cell(excel_row, positions[header]), value)


def type_cell(cell: Any, typed: Any) -> None:
    """Write a value, or a :class:`Cell` with its format, into an openpyxl cell."""
    if not isinstance(typed, Cell):
        cell.value = typed
        return
    cell.value = typed.value
    if typed.number_format is not None:
        cell.number_format = typed.number_format
    if typed.format_id is not None:
        cell.number_format = "General"
        # openpyxl has no public way to use a built-in id it does not know.
        cell._style.numFmtId = typed.format_id
    if typed.apostrophe:
        cell.quotePrefix = True
        # openpyxl would store text starting with = as a formula otherwise.
        cell.data_type = "s"


def write_case(case: Case, folder: Path) -> Path:
    """Write one case's workbook into ``folder`` and return its path."""
    workbook = build_workbook()
    for spec in SPECS.values():
        write_rows(workbook, spec, case_rows(case, spec.name))
    if case.edit is not None:
        case.edit(workbook)
    path = folder / case.file
    save_workbook(workbook, path)
    if case.patch is not None:
        case.patch(path)
    return path


@dataclass
class PartEdit:
    """A regex substitution in one XML part of a saved workbook."""

    part: str
    pattern: str
    replacement: str
    count: int = field(default=1)


def rewrite_parts(path: Path, edits: list[PartEdit]) -> None:
    """Apply XML edits to the parts of a saved workbook, as Excel would write them."""
    with zipfile.ZipFile(path) as archive:
        members = {info: archive.read(info) for info in archive.infolist()}
    by_name = {info.filename: info for info in members}
    for edit in edits:
        info = by_name[edit.part]
        text = members[info].decode("utf-8")
        text, done = re.subn(edit.pattern, edit.replacement, text)
        if done != edit.count:
            raise ValueError(f"{edit.pattern!r} matched {done} times in {edit.part}")
        members[info] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members.items():
            archive.writestr(info.filename, data)


def sheet_part(sheet: str) -> str:
    """Return the zip part of a template sheet (the template's sheet order)."""
    order = [spec.name for spec in SPECS.values()]
    return f"xl/worksheets/sheet{order.index(sheet) + 1}.xml"
