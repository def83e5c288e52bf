"""Tests for the counts by area, category and fiscal year, and the 集計 sheet."""

from __future__ import annotations

from datetime import date

import pytest

from toshima_xl.core.counts import UNSET, MeetingCount, count_all
from toshima_xl.core.sheets import counts_sheet
from toshima_xl.models import Area, Bench, Meeting, Resource, Validated
from toshima_xl.schema import AREA_NAMES, DEFAULT_LISTS


def resource(row: int, area: str | None, category: str | None, **fields) -> Resource:
    values = {"visibility": "公開可", "status": "活動中"}
    return Resource(
        excel_row=row,
        name=f"団体{row}",
        area=area,
        category=category,
        **(values | fields),
    )


RESOURCES = [
    resource(2, "東部", "サロン"),
    resource(3, "東部", "サロン", visibility="非公開"),
    resource(4, "東　部", "配食サービス", status="休止中"),
    resource(5, "中央", "健康体操・としまる体操"),
    resource(6, "中央", "サロン", status="廃止"),
    resource(7, "西部", "地域のつどいの場", visibility="非公開", status="休止中"),
]

MEETINGS = [
    Meeting(
        excel_row=2,
        body="第1層協議体",
        number=1,
        held_on=date(2021, 7, 9),
        participants=18,
    ),
    Meeting(
        excel_row=3,
        body="第1層協議体",
        number=2,
        held_on=date(2021, 11, 18),
        participants=14,
    ),
    Meeting(excel_row=4, body="地区懇談会", held_on=date(2022, 3, 31), participants=25),
    Meeting(
        excel_row=5, body="地区懇談会", held_on=date(2022, 4, 1), participants=None
    ),
    Meeting(excel_row=6, body="自主勉強会", held_on=date(2021, 5, 1), participants=7),
    Meeting(excel_row=7, body="研修", held_on=None, participants=30),
]


def test_areas_and_categories_always_listed():
    counts = count_all(Validated(resources=RESOURCES))
    assert counts.resources.row_labels == list(AREA_NAMES)
    assert counts.resources.column_labels == list(DEFAULT_LISTS["種別"])


@pytest.mark.parametrize(
    ("area", "category", "expected"),
    [
        ("東部", "サロン", 2),
        ("東部", "配食サービス", 1),
        ("中央", "健康体操・としまる体操", 1),
        ("中央", "サロン", 0),
        ("西部", "地域のつどいの場", 1),
        ("菊かおる園", "サロン", 0),
    ],
    ids=["two", "folded-area", "exercise", "ended-left-out", "private", "zero"],
)
def test_resource_cells(area, category, expected):
    counts = count_all(Validated(resources=RESOURCES))
    assert counts.resources.cell(area, category) == expected


def test_resource_totals_and_flags():
    counts = count_all(Validated(resources=RESOURCES))
    table = counts.resources
    assert table.row_total("東部") == 3
    assert table.row_total("中央") == 1
    assert table.column_total("サロン") == 2
    assert table.total == 5
    assert counts.ended == 1
    assert counts.public["東部"] == 2
    assert counts.public["西部"] == 0
    assert counts.active["東部"] == 2
    assert counts.active["中央"] == 1
    assert sum(counts.public.values()) == 3
    assert sum(counts.active.values()) == 3


def test_unset_row_and_column_only_when_used():
    rows = RESOURCES + [resource(8, None, "サロン"), resource(9, "北部", "囲碁")]
    counts = count_all(Validated(resources=rows))
    assert counts.resources.row_labels[-1] == UNSET
    assert counts.resources.column_labels[-1] == UNSET
    assert counts.resources.cell(UNSET, "サロン") == 1
    assert counts.resources.cell(UNSET, UNSET) == 1
    assert counts.public[UNSET] == 2
    assert UNSET not in count_all(Validated(resources=RESOURCES)).resources.row_labels


def test_areas_follow_area_sheet_and_lists():
    validated = Validated(
        resources=[resource(2, "西部", "囲碁")],
        areas=[Area(excel_row=2, name="西部"), Area(excel_row=3, name="東部")],
        lists={"種別": ["囲碁", "サロン"]},
    )
    counts = count_all(validated)
    assert counts.resources.row_labels == ["西部", "東部"]
    assert counts.resources.column_labels == ["囲碁", "サロン"]
    assert counts.resources.cell("西部", "囲碁") == 1


def test_benches_by_area_and_status():
    benches = [
        Bench(excel_row=2, area="東部", status="設置中"),
        Bench(excel_row=3, area="西部", status="設置中"),
        Bench(excel_row=4, area="西部", status="撤去済"),
        Bench(excel_row=5, area="西部", status=None),
    ]
    table = count_all(Validated(benches=benches)).benches
    assert table.column_labels == ["設置中", "撤去済", UNSET]
    assert table.cell("西部", "設置中") == 1
    assert table.row_total("西部") == 3
    assert table.column_total("設置中") == 2
    assert table.total == 4


def test_meetings_by_fiscal_year_and_body():
    counts = count_all(Validated(meetings=MEETINGS))
    assert counts.meetings == [
        MeetingCount(2022, "地区懇談会", 1, 0),
        MeetingCount(2021, "第1層協議体", 2, 32),
        MeetingCount(2021, "地区懇談会", 1, 25),
        MeetingCount(2021, "自主勉強会", 1, 7),
        MeetingCount(None, "研修", 1, 30),
    ]


def test_counts_sheet_layout():
    sheet = counts_sheet(count_all(Validated(resources=RESOURCES, meetings=MEETINGS)))
    rows = sheet.rows
    assert sheet.name == "集計"
    assert rows[0] == ["地域資源 圏域別・種別の登録数"]
    assert rows[1] == ["状態が「廃止」の資源（1件）は数えていません。"]
    header = rows[2]
    assert header[0] == "圏域"
    assert header[-3:] == ["計", "公開可", "活動中"]
    by_label = {row[0]: row for row in rows[3:12]}
    east = by_label["東部"]
    assert east[header.index("サロン")] == 2
    assert east[header.index("計")] == 3
    assert east[header.index("公開可")] == 2
    assert by_label["計"][header.index("計")] == 5
    assert ["令和3年度", "第1層協議体", 2, 32] in rows
    assert ["未設定", "研修", 1, 30] in rows
