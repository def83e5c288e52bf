"""Render the counts and the annual report as the sheets 集計 and 報告.

Both sheets stack several small tables, each under a title row and followed
by a blank row, so they have no single header row (``header_rows`` is 0).
A table's first column contains its row labels, so a reader (or a test) finds
a figure by its row label and the header above it.
"""

from __future__ import annotations

from typing import Any

from toshima_xl.core.cells import safe_text
from toshima_xl.core.counts import UNSET, Counts, CrossTable
from toshima_xl.core.dataset import OutputSheet
from toshima_xl.core.eras import format_fiscal_year
from toshima_xl.core.report import Report
from toshima_xl.schema import COUNTS_SHEET, ENDED_STATUS, PUBLIC, REPORT_SHEET

TOTAL = "計"
# The first cell of each sheet: the title of its first table. The report's
# title starts with the fiscal year, such as 令和3年度.
COUNTS_TITLE = "地域資源 圏域別・種別の登録数"
REPORT_TITLE_END = "地域資源の登録状況"

COUNTS_WIDTHS = [16, 14, 14, 14, 14, 14, 14, 14, 14, 10, 10, 10, 10]
REPORT_WIDTHS = [26, 30, 24, 14, 36, 30, 14]


def counts_sheet(counts: Counts) -> OutputSheet:
    """Render the counts as the 集計 sheet.

    The sheet contains three tables: current resources by area and category
    with their public and active counts, benches by area and 状態, and
    meetings by fiscal year and 会議体.
    """
    rows: list[list[Any]] = [[COUNTS_TITLE]]
    rows.append(
        [f"状態が「{ENDED_STATUS}」の資源（{counts.ended}件）は数えていません。"]
    )
    rows += _resource_table(counts)
    rows.append([])
    rows.append(["ベンチ 圏域別の設置数"])
    rows += _cross_rows(counts.benches, "圏域")
    rows.append([])
    rows.append(["会議 年度別・会議体別の開催回数と参加者数"])
    rows.append(["年度", "会議体", "開催回数", "参加者数（延べ）"])
    for item in counts.meetings:
        year = format_fiscal_year(item.fiscal_year) if item.fiscal_year else UNSET
        rows.append([year, safe_text(item.body), item.meetings, item.participants])
    if not counts.meetings:
        rows.append(["会議の記録はありません。"])
    return OutputSheet(
        name=COUNTS_SHEET, rows=rows, widths=list(COUNTS_WIDTHS), header_rows=0
    )


def report_sheet(report: Report) -> OutputSheet:
    """Render the annual report as the 報告 sheet.

    The sheet contains the registrations of the year and the year before, the
    registrations by category, the bench list and the meeting table.
    """
    year = format_fiscal_year(report.fiscal_year)
    rows: list[list[Any]] = [[f"{year} {REPORT_TITLE_END}"]]
    rows.append(["年度", "登録数", PUBLIC, f"うち現在「{ENDED_STATUS}」"])
    for item in (report.previous, report.current):
        label = format_fiscal_year(item.fiscal_year)
        rows.append([label, item.registered, item.public, item.ended])
    rows.append(["登録数は各年度末（3月31日）までに登録日がある資源の数です。"])
    if report.undated:
        rows.append(
            [f"登録日が空欄の資源（{report.undated}件）はどの年度にも数えていません。"]
        )
    rows.append([])

    rows.append([f"{year}末 種別ごとの登録数"])
    rows.append(["種別", "登録数", PUBLIC])
    for item in report.by_category:
        rows.append([safe_text(item.category), item.registered, item.public])
    rows.append([TOTAL, report.current.registered, report.current.public])
    rows.append([])

    rows += _bench_rows(report, year)
    rows.append([])
    rows += _meeting_rows(report, year)
    return OutputSheet(
        name=REPORT_SHEET, rows=rows, widths=list(REPORT_WIDTHS), header_rows=0
    )


def _resource_table(counts: Counts) -> list[list[Any]]:
    """Return the area x category table with 公開可 and 活動中 columns."""
    table = counts.resources
    rows = _cross_rows(table, "圏域")
    rows[0] += [PUBLIC, "活動中"]
    for row, label in zip(rows[1:-1], table.row_labels, strict=True):
        row += [counts.public.get(label, 0), counts.active.get(label, 0)]
    rows[-1] += [sum(counts.public.values()), sum(counts.active.values())]
    return rows


def _cross_rows(table: CrossTable, corner: str) -> list[list[Any]]:
    """Return a cross table as a header row, one row per label and a total row."""
    rows: list[list[Any]] = [[corner, *map(safe_text, table.column_labels), TOTAL]]
    for label in table.row_labels:
        cells = [table.cell(label, column) for column in table.column_labels]
        rows.append([safe_text(label), *cells, table.row_total(label)])
    totals = [table.column_total(column) for column in table.column_labels]
    rows.append([TOTAL, *totals, table.total])
    return rows


def _bench_rows(report: Report, year: str) -> list[list[Any]]:
    rows: list[list[Any]] = [[f"としまベンチプロジェクト 設置一覧（{year}末まで）"]]
    rows.append(["ベンチID", "設置場所", "住所", "圏域", "区分", "設置年度", "設置日"])
    for bench in report.benches:
        texts = [bench.bench_id, bench.place, bench.address, bench.area, bench.kind]
        rows.append(
            [safe_text(text or "") for text in texts]
            + [bench.fiscal_year, bench.installed_on]
        )
    if not report.benches:
        rows.append(["設置されたベンチはありません。"])
    return rows


def _meeting_rows(report: Report, year: str) -> list[list[Any]]:
    rows: list[list[Any]] = [[f"{year} 会議の開催状況"]]
    rows.append(["会議体", "回", "開催日", "テーマ", "ゲスト", "参加者数", "圏域"])
    for meeting in report.meetings:
        rows.append(
            [
                safe_text(meeting.body or ""),
                meeting.number_text,
                meeting.held_on,
                safe_text(meeting.theme or ""),
                safe_text(meeting.guests or ""),
                meeting.participants_text,
                safe_text(meeting.area or ""),
            ]
        )
    if not report.meetings:
        rows.append(["この年度の会議の記録はありません。"])
    return rows
