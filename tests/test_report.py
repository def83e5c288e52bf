"""Tests for the annual report tables and the 報告 sheet, with the R3 figures."""

from __future__ import annotations

from datetime import date

import pytest

from toshima_xl.core.report import build_report, default_fiscal_year
from toshima_xl.core.sheets import report_sheet
from toshima_xl.models import Bench, Meeting, Resource, Validated

CONTACT = "山田花子"


def registry() -> list[Resource]:
    """Return 436 entries by the end of R2 and 576 (393 public) by the end of R3.

    R2: 436 entries, 300 public, registered on 2021-02-01.
    R3: 140 more, 93 public, one of them 廃止 now.
    R4: 5 more, which no R3 figure may count. Plus 2 without a 登録日.
    """
    rows = []

    def add(count: int, registered_on: date | None, public: int, **fields) -> None:
        for index in range(count):
            excel_row = len(rows) + 2
            values = {
                "resource_id": f"R{excel_row - 1:04d}",
                "name": f"団体{excel_row}",
                "category": "サロン" if index % 2 else "健康体操・としまる体操",
                "area": "東部",
                "status": "活動中",
                "contact_person": CONTACT,
                "visibility": "公開可" if index < public else "非公開",
                "registered_on": registered_on,
            }
            rows.append(Resource(excel_row=excel_row, **(values | fields)))

    add(436, date(2021, 2, 1), 300)
    add(139, date(2021, 10, 1), 92)
    add(1, date(2022, 3, 31), 1, status="廃止", category="配食サービス")
    add(5, date(2022, 4, 1), 5)
    add(2, None, 2)
    return rows


BENCHES = [
    Bench(
        excel_row=2,
        bench_id="B0001",
        place="東池袋フレイル対策センター",
        address="東池袋2-38-10",
        area="東部",
        kind="本実施",
        fiscal_year=2021,
        installed_on=date(2021, 10, 1),
    ),
    Bench(
        excel_row=3,
        bench_id="B0002",
        place="区民ひろば高南第一",
        address="高田2-11-2",
        area="菊かおる園",
        kind="モデル実施",
        fiscal_year=2020,
    ),
    Bench(
        excel_row=4,
        bench_id="B0003",
        place="喫茶売店メリー（くすのき荘）",
        address="上池袋4-20-1",
        area="菊かおる園",
        kind="本実施",
        installed_on=date(2022, 2, 1),
    ),
    Bench(
        excel_row=5,
        bench_id="B0004",
        place="新しいベンチ",
        address="西池袋1-1-1",
        area="中央",
        kind="本実施",
        fiscal_year=2022,
    ),
]

MEETINGS = [
    Meeting(
        excel_row=2,
        body="第1層協議体",
        number=2,
        held_on=date(2021, 11, 18),
        theme="高齢者のICT活用について",
        guests="としま会議主催",
        participants=14,
    ),
    Meeting(
        excel_row=3,
        body="第1層協議体",
        number=1,
        held_on=date(2021, 7, 9),
        theme="共通交通サービス「mobi」の活用について",
        guests="株式会社サンシャインシティ、としま会議主催、Willer株式会社",
        participants=18,
    ),
    Meeting(
        excel_row=4,
        body="地区懇談会",
        area="東部",
        held_on=date(2021, 4, 20),
        theme="=冒頭の説明",
        participants=None,
    ),
    Meeting(
        excel_row=5,
        body="第1層協議体",
        number=1,
        held_on=date(2022, 7, 1),
        participants=12,
    ),
    Meeting(
        excel_row=6,
        body="第1層協議体",
        number=2,
        held_on=date(2021, 3, 31),
        participants=10,
    ),
]


@pytest.fixture(scope="module")
def validated() -> Validated:
    return Validated(resources=registry(), benches=BENCHES, meetings=MEETINGS)


def test_registrations_at_year_end(validated):
    report = build_report(validated, 2021)
    assert report.previous.fiscal_year == 2020
    assert report.previous.registered == 436
    assert report.previous.public == 300
    assert report.current.registered == 576
    assert report.current.public == 393
    assert report.current.ended == 1
    assert report.undated == 2


def test_registrations_by_category(validated):
    by_category = {
        item.category: item for item in build_report(validated, 2021).by_category
    }
    assert by_category["健康体操・としまる体操"].registered == 288
    assert by_category["サロン"].registered == 287
    assert by_category["配食サービス"].registered == 1
    assert by_category["地域のつどいの場"].registered == 0
    assert sum(item.public for item in by_category.values()) == 393


def test_bench_list_up_to_year(validated):
    benches = build_report(validated, 2021).benches
    assert [b.bench_id for b in benches] == ["B0002", "B0003", "B0001"]
    first_r3 = benches[2]
    assert first_r3.place == "東池袋フレイル対策センター"
    assert first_r3.fiscal_year == "R3"
    assert first_r3.installed_on == "令和3年10月1日"
    assert benches[0].fiscal_year == "R2"
    assert benches[0].installed_on == ""
    assert benches[1].fiscal_year == ""


def test_meeting_table_of_year(validated):
    meetings = build_report(validated, 2021).meetings
    assert [
        (m.body, m.number_text, m.held_on, m.participants_text) for m in meetings
    ] == [
        ("第1層協議体", "第1回", "令和3年7月9日", "18名"),
        ("第1層協議体", "第2回", "令和3年11月18日", "14名"),
        ("地区懇談会", "", "令和3年4月20日", ""),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [(None, 2022), (date(2022, 3, 1), 2021), (date(2010, 1, 1), 2009)],
    ids=["latest", "future-ignored", "no-date-before-today"],
)
def test_default_fiscal_year(validated, today, expected):
    assert default_fiscal_year(validated, today) == expected


def test_default_fiscal_year_empty_raises():
    with pytest.raises(ValueError):
        default_fiscal_year(Validated())


def test_report_sheet_figures_by_label(validated):
    sheet = report_sheet(build_report(validated, 2021))
    rows = sheet.rows
    assert sheet.name == "報告"
    assert rows[0] == ["令和3年度 地域資源の登録状況"]
    header = rows[1]
    by_label = {row[0]: row for row in rows[2:4]}
    assert by_label["令和2年度"][header.index("登録数")] == 436
    assert by_label["令和3年度"][header.index("登録数")] == 576
    assert by_label["令和3年度"][header.index("公開可")] == 393
    assert ["令和3年度末 種別ごとの登録数"] in rows
    assert ["計", 576, 393] in rows


def test_report_sheet_tables(validated):
    rows = report_sheet(build_report(validated, 2021)).rows
    assert [
        "B0001",
        "東池袋フレイル対策センター",
        "東池袋2-38-10",
        "東部",
        "本実施",
        "R3",
        "令和3年10月1日",
    ] in rows
    assert [
        "第1層協議体",
        "第1回",
        "令和3年7月9日",
        "共通交通サービス「mobi」の活用について",
        "株式会社サンシャインシティ、としま会議主催、Willer株式会社",
        "18名",
        "",
    ] in rows
    assert ["地区懇談会", "", "令和3年4月20日", "'=冒頭の説明", "", "", "東部"] in rows


def test_report_sheet_has_no_personal_values(validated):
    cells = [
        str(cell)
        for row in report_sheet(build_report(validated, 2021)).rows
        for cell in row
    ]
    assert not any(CONTACT in cell for cell in cells)
    assert not any("担当者" in cell for cell in cells)


def test_report_sheet_empty_year():
    rows = report_sheet(build_report(Validated(), 2021)).rows
    assert ["令和2年度", 0, 0, 0] in rows
    assert ["設置されたベンチはありません。"] in rows
    assert ["この年度の会議の記録はありません。"] in rows


def test_unknown_category_counts_as_unset():
    rows = [
        Resource(
            excel_row=2,
            category="囲碁",
            visibility="公開可",
            registered_on=date(2021, 5, 1),
        ),
        Resource(
            excel_row=3,
            category=None,
            visibility="非公開",
            registered_on=date(2021, 5, 1),
        ),
        Resource(excel_row=4, category="サ ロ ン", registered_on=date(2021, 5, 1)),
    ]
    by_category = build_report(Validated(resources=rows), 2021).by_category
    assert [(c.category, c.registered, c.public) for c in by_category[-2:]] == [
        ("サロン", 1, 0),
        ("未設定", 2, 1),
    ]
