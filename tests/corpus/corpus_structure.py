"""Corpus cases for the shape of a workbook: sheets, headers, rows and formulas.

A hand-made copy of the master workbook loses its Excel table when staff
retype or merge header cells, so the cases that change a header row drop
the table as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpus_book import Case, Cell, Expected, PartEdit, rewrite_parts, sheet_part
from openpyxl import Workbook

from toshima_xl.schema import RESOURCES

R = "地域資源"
M = "会議"

CLEAN = {}  # a row typed with nothing but its clean values


def header_position(header: str) -> int:
    return RESOURCES.headers.index(header) + 1


def drop_table(workbook: Workbook, sheet: str) -> Any:
    """Remove the Excel table of ``sheet`` and return the sheet."""
    worksheet = workbook[sheet]
    for name in list(worksheet.tables):
        del worksheet.tables[name]
    return worksheet


def remove_bench_sheet(workbook: Workbook) -> None:
    workbook.remove(workbook["ベンチ"])


def retype_headers(workbook: Workbook) -> None:
    """Misspell 登録日 and 電話番号, and pad 名称 and 公開区分 with spaces."""
    sheet = drop_table(workbook, R)
    sheet.cell(1, header_position("登録日"), "登録年月日")
    sheet.cell(1, header_position("電話番号"), "電話")
    sheet.cell(1, header_position("名称"), "　名称　")
    sheet.cell(1, header_position("公開区分"), "公開 区分")


def repeat_header(workbook: Workbook) -> None:
    """Type 備考 a second time, in the column after the table."""
    sheet = drop_table(workbook, R)
    column = len(RESOURCES.headers) + 1
    sheet.cell(1, column, "備考")
    sheet.cell(2, column, "連絡は午前中に")


def add_title_and_merge(workbook: Workbook) -> None:
    """Put a merged title row above the header, and merge the 備考 header over two columns."""
    sheet = drop_table(workbook, R)
    sheet.insert_rows(1)
    last = len(RESOURCES.headers)
    sheet.cell(1, 1, "令和3年度 地域資源一覧（いけよんの郷）")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.merge_cells(start_row=2, start_column=last, end_row=2, end_column=last + 1)


def hide_row_3(workbook: Workbook) -> None:
    workbook[R].row_dimensions[3].hidden = True


def cache_errors(path: Path) -> None:
    """Store the results Excel would have cached: #N/A and #REF! error values."""
    rewrite_parts(
        path,
        [
            PartEdit(
                sheet_part(R),
                r'<c r="E2"( s="\d+")?><f>([^<]*)</f><v ?/>(</v>)?',
                r'<c r="E2"\1 t="e"><f>\2</f><v>#N/A</v>',
            ),
            PartEdit(
                sheet_part(R),
                r'<c r="L3"( s="\d+")?><f>([^<]*)</f><v ?/>(</v>)?',
                r'<c r="L3"\1 t="e"><f>\2</f><v>#REF!</v>',
            ),
        ],
    )


LONG_NAME = "としま" + "ひまわり" * 25  # 103 characters; 名称 allows 100
LONG_REMARK = "毎週の活動記録。" * 251  # 2,008 characters; 備考 allows 2,000

STRUCTURE_CASES: tuple[Case, ...] = (
    Case(
        "構造_シートなし.xlsx",
        "the ベンチ sheet deleted",
        {R: (CLEAN,)},
        (Expected("sheet.missing", "ベンチ", None, None),),
        edit=remove_bench_sheet,
    ),
    Case(
        "構造_見出し.xlsx",
        "headers misspelled or padded with spaces",
        {R: (CLEAN, CLEAN)},
        (
            Expected("header.misspelled", R, 1, "電話"),
            Expected("header.misspelled", R, 1, "登録年月日"),
            Expected("header.missing", R, None, None),
        ),
        edit=retype_headers,
    ),
    Case(
        "構造_見出し重複.xlsx",
        "備考 typed twice in the header row",
        {R: (CLEAN,)},
        (Expected("header.duplicate", R, 1, "備考"),),
        edit=repeat_header,
    ),
    Case(
        "構造_結合セル.xlsx",
        "a merged title row above the header and a merged header cell",
        {R: (CLEAN, CLEAN)},
        (Expected("header.merged", R, 2, "備考"),),
        edit=add_title_and_merge,
    ),
    Case(
        "構造_空行.xlsx",
        "blank rows in the middle of the table",
        {R: (CLEAN, None, None, CLEAN)},
        (Expected("row.blank_gap", R, None, None),),
    ),
    Case(
        "構造_非表示行.xlsx",
        "a hidden row",
        {R: (CLEAN, CLEAN, CLEAN)},
        (Expected("row.hidden", R, 3, None),),
        edit=hide_row_3,
    ),
    Case(
        "構造_数式エラー.xlsx",
        "formulas whose cached results are #N/A and #REF!",
        {
            R: (
                {"圏域": "=VLOOKUP(G2,圏域!A:C,1,FALSE)"},
                {"電話番号": '=#REF!&"-1111"'},
            )
        },
        (
            Expected("cell.formula_error", R, 2, "圏域", None),
            Expected("cell.formula_error", R, 3, "電話番号", None),
        ),
        patch=cache_errors,
    ),
    Case(
        "構造_数式未計算.xlsx",
        "formulas saved without a calculated result",
        {
            R: ({"名称": '="ひまわりサロン"&"池袋"'},),
            M: ({"参加者数": "=SUM(10,8)"},),
        },
        (
            Expected("cell.formula_uncached", R, 2, "名称"),
            Expected("cell.formula_uncached", M, 2, "参加者数"),
        ),
    ),
    Case(
        "構造_アポストロフィ.xlsx",
        "numbers and dates typed with a leading apostrophe",
        {
            M: (
                {"参加者数": Cell("18", apostrophe=True)},
                {"回": Cell("2", apostrophe=True)},
                {"開催日": Cell("2021/7/9", apostrophe=True)},
                {"会議ID": Cell("M0004", apostrophe=True)},
            )
        },
        (
            Expected("cell.apostrophe", M, 2, "参加者数"),
            Expected("cell.apostrophe", M, 3, "回"),
            Expected("cell.apostrophe", M, 4, "開催日"),
            Expected("date.text", M, 4, "開催日"),
        ),
    ),
    Case(
        "構造_長い文字.xlsx",
        "a name and a remark over their length limits",
        {R: ({"名称": LONG_NAME}, {"備考": LONG_REMARK})},
        (
            Expected("cell.too_long", R, 2, "名称"),
            Expected("cell.too_long", R, 3, "備考"),
        ),
    ),
)
