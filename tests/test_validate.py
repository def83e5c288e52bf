"""Tests for validate_dataset on small workbooks built from raw cell blocks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from toshima_xl.core.dataset import RawSheet, RawWorkbook, Severity
from toshima_xl.core.tables import build_dataset
from toshima_xl.core.validate import validate_dataset
from toshima_xl.schema import AREAS, BENCHES, MEETINGS, RESOURCES, SheetSpec

TODAY = date(2022, 3, 1)

AREA_ROWS = [
    {"圏域名": "東部", "担当町丁目": "東池袋1～3丁目、南池袋、雑司が谷"},
    {"圏域名": "中央", "担当町丁目": "東池袋4丁目、東池袋5丁目"},
    {"圏域名": "菊かおる園", "担当町丁目": "池袋本町,上池袋"},
    # The rest of the ward, so that no town is left without an area.
    {
        "圏域名": "西部",
        "担当町丁目": "池袋、北大塚、駒込、巣鴨、西巣鴨、高田、千川、千早、高松、"
        "長崎、西池袋、南大塚、南長崎、目白、要町",
    },
]
RESOURCE = {
    "資源ID": "R0001",
    "名称": "東池袋サロン",
    "名称カナ": "ヒガシイケブクロサロン",
    "種別": "サロン",
    "圏域": "東部",
    "住所": "東京都豊島区東池袋二丁目38番10号",
    "電話番号": "03-3981-1111",
    "公開区分": "公開可",
    "状態": "活動中",
    "登録日": date(2021, 7, 9),
}
BENCH = {
    "ベンチID": "B0001",
    "設置場所": "東池袋フレイル対策センター",
    "住所": "東池袋2-38-10",
    "圏域": "東部",
    "設置年度": "R3",
    "状態": "設置中",
}
MEETING = {
    "会議ID": "M0001",
    "会議体": "第1層協議体",
    "回": 1,
    "開催日": "2021-07-09T00:00:00",
    "参加者数": 18,
}


def block(spec: SheetSpec, rows: list[dict[str, Any]], headers=None) -> list[list[Any]]:
    """Return a header row and one row of cells per dict, in header order."""
    headers = headers or spec.headers
    return [list(headers)] + [[row.get(h) for h in spec.headers] for row in rows]


def workbook(
    resources=(RESOURCE,), areas=AREA_ROWS, benches=(), meetings=(), hidden=()
) -> RawWorkbook:
    sheets = {
        "地域資源": RawSheet(
            "地域資源", block(RESOURCES, list(resources)), hidden_rows=set(hidden)
        ),
        "圏域": RawSheet("圏域", block(AREAS, list(areas or []))),
        "ベンチ": RawSheet("ベンチ", block(BENCHES, list(benches))),
        "会議": RawSheet("会議", block(MEETINGS, list(meetings))),
    }
    if areas is None:
        del sheets["圏域"]
    return RawWorkbook("テスト.xlsx", sheets)


def run(raw: RawWorkbook):
    return validate_dataset(build_dataset(raw), TODAY)


def places(findings) -> list[tuple[str, str, int | None, str | None]]:
    return [(f.code, f.sheet, f.row, f.column) for f in findings]


def test_clean_workbook_has_no_findings():
    findings, _ = run(workbook(benches=[BENCH], meetings=[MEETING]))

    assert findings == []


def test_models_hold_parsed_values():
    _, validated = run(workbook(benches=[BENCH], meetings=[MEETING]))
    resource = validated.resources[0]

    assert resource.excel_row == 2
    assert resource.address_key == "東池袋2-38-10"
    assert resource.phone_digits == "0339811111"
    assert resource.registered_on == date(2021, 7, 9)
    assert validated.benches[0].fiscal_year == 2021
    assert validated.benches[0].address_key == "東池袋2-38-10"
    assert validated.meetings[0].held_on == date(2021, 7, 9)
    assert validated.meetings[0].participants == 18


def test_town_areas_from_area_sheet():
    _, validated = run(workbook())

    town_areas = validated.town_areas
    assert {k: v for k, v in town_areas.items() if v != "西部"} == {
        "東池袋1": "東部",
        "東池袋2": "東部",
        "東池袋3": "東部",
        "南池袋": "東部",
        "雑司が谷": "東部",
        "東池袋4": "中央",
        "東池袋5": "中央",
        "池袋本町": "菊かおる園",
        "上池袋": "菊かおる園",
    }
    assert validated.areas[0].towns == (
        "東池袋1",
        "東池袋2",
        "東池袋3",
        "南池袋",
        "雑司が谷",
    )


def test_lists_come_from_dataset():
    dataset = build_dataset(workbook())
    _, validated = validate_dataset(dataset, TODAY)

    assert validated.lists == dataset.lists


RESOURCE_CASES = [
    ({"名称": None}, [("cell.required", "名称", None)]),
    ({"名称": "あ" * 101}, [("cell.too_long", "名称", None)]),
    ({"名称カナ": "さろん"}, [("kana.not_katakana", "名称カナ", "サロン")]),
    ({"名称カナ": "ｻﾛﾝ"}, [("kana.not_katakana", "名称カナ", "サロン")]),
    ({"名称カナ": "サロン体操"}, [("kana.unconvertible", "名称カナ", None)]),
    ({"種別": "サロンX"}, [("choice.unknown", "種別", "サロン")]),
    ({"公開区分": "公開"}, [("choice.unknown", "公開区分", "公開可")]),
    ({"公開区分": "公開可 "}, []),
    (
        {"圏域": "菊かおる園圏域", "住所": "上池袋4-20-1"},
        [("area.unknown", "圏域", "菊かおる園")],
    ),
    ({"圏域": "北部"}, [("area.unknown", "圏域", None)]),
    ({"圏域": "中央"}, [("address.area_mismatch", "圏域", "東部")]),
    ({"圏域": "菊かおる園", "住所": "池袋本町1-2-3"}, []),
    ({"住所": "文京区本郷1-1-1"}, [("address.outside_ward", "住所", None)]),
    ({"住所": "東池袋"}, [("address.invalid", "住所", None)]),
    ({"住所": "東池袋2-38-10 サンシャイン60"}, []),
    ({"電話番号": "03-3981-111"}, [("phone.invalid", "電話番号", None)]),
    ({"電話番号": "(03)3981-1111"}, [("phone.format", "電話番号", "03-3981-1111")]),
    ({"電話番号": "3981-1111"}, [("phone.no_area_code", "電話番号", "03-3981-1111")]),
    ({"登録日": 44386}, []),
    ({"登録日": "2021-07-09T00:00:00"}, []),
    ({"登録日": "令和3年7月9日"}, [("date.text", "登録日", date(2021, 7, 9))]),
    ({"登録日": "令和3年2月30日"}, [("date.nonexistent", "登録日", None)]),
    ({"登録日": "平成31年5月1日"}, [("date.era_mismatch", "登録日", "令和元年5月1日")]),
    ({"登録日": "令和1年4月30日"}, [("date.before_era", "登録日", None)]),
    ({"登録日": "未定"}, [("date.invalid", "登録日", None)]),
    ({"登録日": 60}, [("date.nonexistent", "登録日", None)]),
    ({"登録日": 2021}, [("date.too_old", "登録日", None)]),
    ({"登録日": date(2022, 3, 2)}, [("date.future", "登録日", None)]),
    (
        {"登録日": "2022/3/2"},
        [("date.text", "登録日", date(2022, 3, 2)), ("date.future", "登録日", None)],
    ),
    ({"備考": "=1+1"}, [("cell.formula_text", "備考", None)]),
    ({"備考": "#REF!"}, [("cell.error_value", "備考", None)]),
]


@pytest.mark.parametrize(
    ("changes", "expected"),
    RESOURCE_CASES,
    ids=[f"{next(iter(c))}={next(iter(c.values()))!r}" for c, _ in RESOURCE_CASES],
)
def test_resource_cell_findings(changes, expected):
    findings, _ = run(workbook(resources=[RESOURCE | changes]))

    assert [(f.code, f.column, f.suggestion) for f in findings] == expected
    assert all(f.sheet == "地域資源" and f.row == 2 for f in findings)


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"登録日": "令和3年2月30日"}, "registered_on", None),
        ({"登録日": "平成31年5月1日"}, "registered_on", date(2019, 5, 1)),
        ({"公開区分": "公開可 "}, "visibility", "公開可"),
        ({"公開区分": "公開"}, "visibility", "公開"),
        ({"電話番号": "03-3981-111"}, "phone_digits", "033981111"),
        ({"住所": "文京区本郷1-1-1"}, "address_key", None),
        ({"住所": "東池袋２丁目３８－１０"}, "address_key", "東池袋2-38-10"),
    ],
    ids=[
        "nonexistent",
        "era-mismatch",
        "list-spaces",
        "list-unknown",
        "phone",
        "outside",
        "full-width",
    ],
)
def test_resource_model_values(changes, field, expected):
    _, validated = run(workbook(resources=[RESOURCE | changes]))

    assert getattr(validated.resources[0], field) == expected


def test_finding_names_typed_header_and_position():
    headers = RESOURCES.headers
    headers[11] = "電話 番号"
    raw = workbook()
    raw.sheets["地域資源"].values = block(
        RESOURCES, [RESOURCE | {"電話番号": "03-1"}], headers
    )

    findings, _ = run(raw)

    assert places(findings) == [("phone.invalid", "地域資源", 2, "電話 番号")]
    assert findings[0].column_index == 11
    assert findings[0].severity is Severity.ERROR
    assert findings[0].message.startswith("「地域資源」シート 2行目「電話 番号」: ")


def test_duplicate_ids_name_other_rows():
    rows = [RESOURCE, RESOURCE | {"資源ID": "R0002"}, RESOURCE, RESOURCE]

    findings, _ = run(workbook(resources=rows))

    assert places(findings) == [
        ("id.duplicate", "地域資源", 2, "資源ID"),
        ("id.duplicate", "地域資源", 4, "資源ID"),
        ("id.duplicate", "地域資源", 5, "資源ID"),
    ]
    assert [f.message.split("が")[1] for f in findings] == [
        "4、5行目と重複しています。別のIDを付けてください。",
        "2、5行目と重複しています。別のIDを付けてください。",
        "2、4行目と重複しています。別のIDを付けてください。",
    ]


def test_blank_ids_get_consecutive_suggestions():
    rows = [
        RESOURCE | {"資源ID": "R0007"},
        RESOURCE | {"資源ID": None},
        RESOURCE | {"資源ID": "  "},
    ]

    findings, validated = run(workbook(resources=rows))

    assert [(f.code, f.row, f.suggestion) for f in findings] == [
        ("id.blank", 3, "R0008"),
        ("id.blank", 4, "R0009"),
    ]
    assert validated.resources[1].resource_id is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("R0001 ", [("id.spaces", "R0001")]),
        ("\u3000R0001", [("id.spaces", "R0001")]),
        ("R1", [("id.format", None)]),
        ("X0001", [("id.format", None)]),
        (1, [("id.format", None)]),
        ("R00004", [("id.format", None)]),
        ("R10000", []),
    ],
    ids=[
        "trailing-space",
        "full-width-space",
        "short",
        "prefix",
        "number",
        "padded-five",
        "five-digits",
    ],
)
def test_id_shape(typed, expected):
    findings, _ = run(workbook(resources=[RESOURCE | {"資源ID": typed}]))

    assert [(f.code, f.suggestion) for f in findings] == expected


def test_hidden_row_is_checked_and_noted():
    rows = [RESOURCE, RESOURCE | {"資源ID": "R0002", "名称": None}]

    findings, validated = run(workbook(resources=rows, hidden={3}))

    assert places(findings) == [
        ("row.hidden", "地域資源", 3, None),
        ("cell.required", "地域資源", 3, "名称"),
    ]
    assert findings[0].message.startswith("「地域資源」シート 3行目: ")
    assert len(validated.resources) == 2


def test_every_row_is_checked():
    rows = [RESOURCE | {"資源ID": f"R000{n}", "公開区分": "公開"} for n in range(1, 6)]

    findings, validated = run(workbook(resources=rows))

    assert [(f.code, f.row) for f in findings] == [
        ("choice.unknown", r) for r in range(2, 7)
    ]
    assert len(validated.resources) == 5


def test_missing_area_sheet_falls_back_to_ward_areas():
    findings, validated = run(
        workbook(resources=[RESOURCE | {"圏域": "アトリエ村"}], areas=None)
    )

    assert places(findings) == [("sheet.missing", "圏域", None, None)]
    assert validated.town_areas == {}
    assert validated.areas == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"担当町丁目": "東池袋9丁目、本郷"},
            [("town.unknown", "東池袋9丁目"), ("town.unknown", "本郷")],
        ),
        ({"担当町丁目": "東池袋4丁目"}, [("town.assigned_twice", "東池袋4")]),
        ({"65歳以上人口": "約1000"}, [("number.approximate", "約1000")]),
        ({"65歳以上人口": -1}, [("number.negative", "-1")]),
        ({"圏域名": "中央"}, [("id.duplicate", "中央"), ("id.duplicate", "中央")]),
        ({"圏域名": None}, [("cell.required", None)]),
    ],
    ids=[
        "unknown-towns",
        "assigned-twice",
        "approximate",
        "negative",
        "duplicate-name",
        "blank-name",
    ],
)
def test_area_sheet_findings(changes, expected):
    areas = [
        *AREA_ROWS,
        {"圏域名": "いけよんの郷", "高齢者総合相談センター": "いけよんの郷"} | changes,
    ]

    findings, _ = run(workbook(areas=areas))

    assert [(f.code, f.value) for f in findings if f.sheet == "圏域"] == expected


def test_area_named_twice_keeps_first_town_owner():
    areas = [*AREA_ROWS, {"圏域名": "西部", "担当町丁目": "東池袋4丁目、千早"}]

    _, validated = run(workbook(areas=areas))

    assert validated.town_areas["東池袋4"] == "中央"
    assert validated.town_areas["千早"] == "西部"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"設置年度": "令和3年度"}, []),
        ({"設置年度": 2021}, []),
        ({"設置年度": "来年"}, [("fiscal_year.invalid", "設置年度")]),
        ({"住所": None}, [("cell.required", "住所")]),
        ({"圏域": "中央"}, [("address.area_mismatch", "圏域")]),
        ({"ステッカー": "有"}, [("choice.unknown", "ステッカー")]),
        ({"ベンチID": None}, [("id.blank", "ベンチID")]),
    ],
    ids=[
        "era-year",
        "number-year",
        "invalid-year",
        "no-address",
        "area-mismatch",
        "choice",
        "blank-id",
    ],
)
def test_bench_findings(changes, expected):
    findings, _ = run(workbook(benches=[BENCH | changes]))

    assert [(f.code, f.column) for f in findings] == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"開催日": date(2023, 2, 1)}, []),
        ({"開催日": date(2023, 3, 10)}, [("date.future", "開催日")]),
        ({"参加者数": "約20"}, [("number.approximate", "参加者数")]),
        ({"参加者数": "18名"}, [("number.text", "参加者数")]),
        ({"参加者数": "多数"}, [("number.invalid", "参加者数")]),
        ({"回": "第2回"}, [("number.text", "回")]),
        ({"回": 0}, [("number.too_small", "回")]),
        ({"参加者数": 0}, []),
        ({"圏域": "東部"}, []),
        ({"会議体": "協議体"}, [("choice.unknown", "会議体")]),
    ],
    ids=[
        "planned",
        "too-far-ahead",
        "approximate",
        "with-unit",
        "invalid",
        "ordinal",
        "zeroth",
        "no-participants",
        "area",
        "body",
    ],
)
def test_meeting_findings(changes, expected):
    findings, _ = run(workbook(meetings=[MEETING | changes]))

    assert [(f.code, f.column) for f in findings] == expected


def test_meeting_counts_in_model():
    meetings = [
        MEETING | {"参加者数": "約20"},
        MEETING | {"会議ID": "M0002", "参加者数": "多数"},
    ]

    _, validated = run(workbook(meetings=meetings))

    assert [m.participants for m in validated.meetings] == [20, None]


def test_custom_list_from_list_sheet():
    raw = workbook(resources=[RESOURCE | {"種別": "体操教室"}])
    raw.sheets["リスト"] = RawSheet("リスト", [["種別"], ["体操教室"], ["サロン"]])

    findings, validated = run(raw)

    assert findings == []
    assert validated.lists["種別"] == ["体操教室", "サロン"]


def test_structural_findings_come_first():
    raw = workbook(resources=[RESOURCE | {"名称": None}])
    del raw.sheets["ベンチ"]

    findings, _ = run(raw)

    assert places(findings) == [
        ("sheet.missing", "ベンチ", None, None),
        ("cell.required", "地域資源", 2, "名称"),
    ]


def test_missing_column_is_not_reported_per_row():
    headers = [h for h in RESOURCES.headers if h != "登録日"]
    raw = workbook()
    raw.sheets["地域資源"].values = [headers, [RESOURCE.get(h) for h in headers]]

    findings, validated = run(raw)

    assert places(findings) == [("header.missing", "地域資源", None, None)]
    assert validated.resources[0].registered_on is None


def test_uncached_formula_reported_not_blank():
    raw = workbook(resources=[RESOURCE | {"名称": None}], meetings=[MEETING])
    raw.sheets["地域資源"].formulas[(1, RESOURCES.headers.index("名称"))] = (
        '="ひまわり"&"サロン"'
    )
    raw.sheets["会議"].formulas[(1, MEETINGS.headers.index("回"))] = "=ROW()-1"
    meeting = raw.sheets["会議"].values[1]
    meeting[MEETINGS.headers.index("回")] = None
    findings, _ = run(raw)
    assert places(findings) == [
        ("cell.formula_uncached", "地域資源", 2, "名称"),
        ("cell.formula_uncached", "会議", 2, "回"),
    ]
    assert findings[0].value == '="ひまわり"&"サロン"'


@pytest.mark.parametrize(
    ("header", "typed", "expected"),
    [
        ("参加者数", "18", ["cell.apostrophe"]),
        ("開催日", "2021/7/9", ["cell.apostrophe", "date.text"]),
        ("会議ID", "M0001", []),
    ],
    ids=["count", "date", "id_kept"],
)
def test_apostrophe_in_number_columns(header, typed, expected):
    raw = workbook(meetings=[MEETING | {header: typed}])
    raw.sheets["会議"].apostrophes.add((1, MEETINGS.headers.index(header)))
    findings, _ = run(raw)
    assert [f.code for f in findings] == expected
    assert all(f.column == header for f in findings)


@pytest.mark.parametrize(
    "name",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", " \u200b\u3000"],
    ids=["zwsp", "zwnj", "zwj", "word-joiner", "bom", "mixed-spaces"],
)
def test_invisible_name_is_required(name):
    findings, validated = run(workbook(resources=[RESOURCE | {"名称": name}]))

    assert places(findings) == [("cell.required", "地域資源", 2, "名称")]
    assert validated.resources[0].name is None


@pytest.mark.parametrize(
    ("header", "typed", "expected"),
    [
        ("参加者数", 10**20, ["number.too_large"]),
        ("参加者数", 1e308, ["number.too_large"]),
        ("参加者数", "100001", ["number.too_large"]),
        ("参加者数", 100_000, []),
        ("参加者数", 18.5, ["number.invalid"]),
        ("回", 1001, ["number.too_large"]),
        ("回", 1000.0, []),
        ("回", 2.25, ["number.invalid"]),
    ],
    ids=[
        "1e20",
        "float-1e308",
        "text-over",
        "at-limit",
        "fraction",
        "number-over",
        "number-at-limit",
        "number-fraction",
    ],
)
def test_count_limits(header, typed, expected):
    findings, validated = run(workbook(meetings=[MEETING | {header: typed}]))

    assert [f.code for f in findings] == expected
    field_name = {"参加者数": "participants", "回": "number"}[header]
    parsed = getattr(validated.meetings[0], field_name)
    assert (parsed is None) == bool(expected)


def test_population_limit():
    areas = [*AREA_ROWS[:-1], AREA_ROWS[-1] | {"65歳以上人口": 1_000_001}]

    findings, validated = run(workbook(areas=areas))

    assert places(findings) == [("number.too_large", "圏域", 5, "65歳以上人口")]
    assert "上限1,000,000" in findings[0].message
    assert validated.areas[-1].population_65 is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("R4", []),
        ("2022", []),
        ("R5", ["fiscal_year.future"]),
        ("R99", ["fiscal_year.future"]),
    ],
    ids=["next-year", "next-year-number", "two-ahead", "r99"],
)
def test_fiscal_year_not_far_ahead(typed, expected):
    findings, validated = run(workbook(benches=[BENCH | {"設置年度": typed}]))

    assert [f.code for f in findings] == expected
    assert (validated.benches[0].fiscal_year is None) == bool(expected)


def test_fiscal_year_future_message():
    findings, _ = run(workbook(benches=[BENCH | {"設置年度": "R99"}]))

    assert findings[0].message == (
        "「ベンチ」シート 2行目「設置年度」: 年度「R99」は先すぎます（令和4年度まで）。"
        "年度の数字を確認してください。"
    )


def test_error_value_without_formula():
    raw = workbook(
        resources=[
            RESOURCE | {"備考": "#N/A"},
            RESOURCE | {"資源ID": "R0002", "備考": "#N/A"},
        ]
    )
    raw.sheets["地域資源"].formulas[(2, RESOURCES.headers.index("備考"))] = "=NA()"

    findings, _ = run(raw)

    assert places(findings) == [
        ("cell.error_value", "地域資源", 2, "備考"),
        ("cell.formula_error", "地域資源", 3, "備考"),
    ]
    assert "数式がエラー" not in findings[0].message


def replace_towns(area: str, towns: str | None) -> list[dict[str, Any]]:
    return [
        row | {"担当町丁目": towns} if row["圏域名"] == area else row
        for row in AREA_ROWS
    ]


@pytest.mark.parametrize(
    ("area", "towns", "expected"),
    [
        ("東部", "東池袋1～3丁目、南池袋", "雑司が谷"),
        ("中央", "東池袋5丁目", "東池袋4丁目"),
        ("東部", None, "雑司が谷、東池袋1丁目、東池袋2丁目、東池袋3丁目、南池袋"),
    ],
    ids=["town", "chome", "blank-row"],
)
def test_town_left_without_area(area, towns, expected):
    findings, _ = run(workbook(areas=replace_towns(area, towns)))

    assert places(findings) == [("town.unassigned", "圏域", None, "担当町丁目")]
    assert findings[0].value == expected
    assert "照合をしていません" in findings[0].message


def test_town_list_is_capped():
    areas = [{"圏域名": "東部", "担当町丁目": "南池袋"}]

    findings, _ = run(
        workbook(resources=[RESOURCE | {"住所": "南池袋1-1-1"}], areas=areas)
    )

    assert [f.code for f in findings] == ["town.unassigned"]
    assert findings[0].value.endswith("ほか 9 件")


def test_blank_town_column_gives_one_note():
    areas = [{"圏域名": row["圏域名"]} for row in AREA_ROWS]

    findings, validated = run(workbook(areas=areas))

    assert [(f.code, f.severity) for f in findings] == [
        ("town.unchecked", Severity.INFO)
    ]
    assert validated.town_areas == {}


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("東　部", "東部"), ("東部圏域", "東部"), (12345, None), ("新圏域", None)],
    ids=["full-width-space", "suffix", "number", "unknown"],
)
def test_nonstandard_area_name_flagged_at_cell(typed, suggestion):
    areas = [{**AREA_ROWS[0], "圏域名": typed}, *AREA_ROWS[1:]]

    findings, _ = run(workbook(areas=areas))

    on_area_sheet = [f for f in findings if f.sheet == "圏域"]
    assert [(f.code, f.row, f.column) for f in on_area_sheet] == [
        ("area.nonstandard", 2, "圏域名")
    ]
    assert on_area_sheet[0].suggestion == suggestion


def test_spaced_area_name_still_matches_data():
    areas = [{**AREA_ROWS[0], "圏域名": "東　部"}, *AREA_ROWS[1:]]

    findings, validated = run(workbook(areas=areas))

    assert [f.code for f in findings if f.sheet == "地域資源"] == []
    assert validated.areas[0].name == "東部"


def test_correct_area_not_fixed_towards_typo():
    areas = [{**AREA_ROWS[0], "圏域名": "東部圏域"}, *AREA_ROWS[1:]]

    findings, _ = run(workbook(areas=areas))

    unknown = [f for f in findings if f.code == "area.unknown"]
    assert [(f.sheet, f.value) for f in unknown] == [("地域資源", "東部")]
    assert unknown[0].suggestion is None


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"最終確認日": date(2021, 7, 8)},
            [("date.before_registration", 2, "最終確認日")],
        ),
        ({"最終確認日": date(2021, 7, 9)}, []),
        ({"最終確認日": date(2022, 2, 1)}, []),
        (
            {"最終確認日": "R3.7.1"},
            [
                ("date.text", 2, "最終確認日"),
                ("date.before_registration", 2, "最終確認日"),
            ],
        ),
        ({"最終確認日": "先月"}, [("date.invalid", 2, "最終確認日")]),
        (
            {"登録日": None, "最終確認日": date(2020, 1, 1)},
            [("cell.required", 2, "登録日")],
        ),
        (
            {"登録日": "未定", "最終確認日": date(2020, 1, 1)},
            [("date.invalid", 2, "登録日")],
        ),
    ],
    ids=[
        "earlier",
        "same-day",
        "later",
        "earlier-as-text",
        "unreadable-check",
        "no-registration",
        "unreadable-registration",
    ],
)
def test_last_check_before_registration(changes, expected):
    findings, _ = run(workbook(resources=[RESOURCE | changes]))

    assert [(f.code, f.row, f.column) for f in findings] == expected
    assert all(f.sheet == "地域資源" for f in findings)


def test_last_check_finding_names_both_dates():
    resource = RESOURCE | {"登録日": "令和3年7月9日", "最終確認日": date(2015, 1, 1)}
    raw = workbook(resources=[RESOURCE, resource])

    findings, _ = run(raw)

    found = [f for f in findings if f.code == "date.before_registration"]
    assert places(found) == [("date.before_registration", "地域資源", 3, "最終確認日")]
    assert found[0].severity is Severity.WARNING
    assert found[0].value == "2015-01-01"
    assert found[0].column_index == RESOURCES.headers.index("最終確認日")
    assert "令和3年7月9日" in found[0].message


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"設置日": date(2021, 4, 1)}, []),
        ({"設置日": date(2022, 2, 28)}, []),
        ({"設置日": date(2021, 3, 31)}, [("date.fiscal_year_mismatch", 2, "設置日")]),
        ({"設置年度": 2020, "設置日": date(2021, 3, 31)}, []),
        (
            {"設置年度": "令和2年度", "設置日": date(2021, 7, 9)},
            [("date.fiscal_year_mismatch", 2, "設置日")],
        ),
        ({"設置年度": None, "設置日": date(2019, 1, 1)}, []),
        (
            {"設置年度": "来年", "設置日": date(2019, 1, 1)},
            [("fiscal_year.invalid", 2, "設置年度")],
        ),
        ({"設置日": "未定"}, [("date.invalid", 2, "設置日")]),
    ],
    ids=[
        "first-day",
        "within",
        "day-before",
        "number-year",
        "era-year",
        "no-year",
        "unreadable-year",
        "unreadable-date",
    ],
)
def test_installed_on_outside_fiscal_year(changes, expected):
    findings, _ = run(workbook(benches=[BENCH | changes]))

    assert [(f.code, f.row, f.column) for f in findings] == expected
    assert all(f.sheet == "ベンチ" for f in findings)


def test_fiscal_year_finding_names_both_values():
    bench = BENCH | {"設置日": date(2019, 1, 1)}

    findings, _ = run(workbook(benches=[BENCH, bench | {"ベンチID": "B0002"}]))

    assert places(findings) == [("date.fiscal_year_mismatch", "ベンチ", 3, "設置日")]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].value == "2019-01-01"
    assert findings[0].column_index == BENCHES.headers.index("設置日")
    assert "平成30年度" in findings[0].message
    assert "「R3」" in findings[0].message


def test_list_sheet_findings_come_with_cell_findings():
    raw = workbook(benches=[BENCH | {"保険": "あり"}])
    raw.sheets["リスト"] = RawSheet("リスト", [["有無"], [True], ["なし"], ["なし"]])

    findings, validated = run(raw)

    assert places(findings) == [
        ("list.not_text", "リスト", 2, "有無"),
        ("list.duplicate", "リスト", 4, "有無"),
        ("choice.unknown", "ベンチ", 2, "保険"),
    ]
    assert validated.lists["有無"] == ["True", "なし", "なし"]
