"""Tests for duplicate detection over 地域資源 and ベンチ, and its sheet."""

from __future__ import annotations

from datetime import date

import pytest

from toshima_xl.core.dataset import Severity, SheetTable
from toshima_xl.core.duplicates import (
    MAX_BLOCK_ROWS,
    NAME_SIMILARITY_THRESHOLD,
    duplicate_findings,
    find_duplicates,
    fold_name,
    name_similarity,
)
from toshima_xl.core.sheets import decision_key, duplicates_sheet
from toshima_xl.models import Bench, Resource, Validated
from toshima_xl.schema import DECISION_HEADER, RESOURCES


def resource(row: int, name: str, **fields) -> Resource:
    values = {
        "resource_id": f"R{row - 1:04d}",
        "category": "サロン",
        "area": "東部",
        "visibility": "公開可",
        "status": "活動中",
        "registered_on": date(2021, 5, 1),
    }
    return Resource(excel_row=row, name=name, **(values | fields))


def resources_table(first_column: int = 1) -> SheetTable:
    return SheetTable(
        spec=RESOURCES,
        sheet_name="地域資源",
        header_row=1,
        typed_headers=RESOURCES.headers,
        field_positions={c.field: i for i, c in enumerate(RESOURCES.columns)},
        rows=[],
        first_column=first_column,
    )


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("ひまわり体操会", "ヒマワリ体操会", True),
        ("㈱サンシャインシティ", "サンシャインシティ　株式会社", True),
        ("としまる体操・東池袋", "としまる体操（東池袋）", True),
        ("ｻﾛﾝ 雑司ヶ谷", "サロン雑司が谷", True),
        ("さくらサロン", "さくら体操", False),
    ],
    ids=["hiragana", "corporate-form", "punctuation", "half-width-ga", "different"],
)
def test_fold_name_identity(first, second, expected):
    assert (fold_name(first) == fold_name(second)) is expected


def test_name_similarity_ratio():
    score = name_similarity(fold_name("ひまわり体操会"), fold_name("ヒマワリ体操の会"))
    assert score == 0.93
    assert NAME_SIMILARITY_THRESHOLD == 0.8


def test_same_address_similar_name_grouped():
    validated = Validated(
        resources=[
            resource(2, "ひまわり体操会", address_key="東池袋2-38-10"),
            resource(3, "さくらサロン", address_key="高田2-11-2"),
            resource(4, "ヒマワリ体操の会", address_key="東池袋2-38-10", area="中央"),
        ]
    )
    groups = find_duplicates(validated)
    assert len(groups) == 1
    group = groups[0]
    assert group.group_id == "D001"
    assert group.sheet == "地域資源"
    assert group.excel_rows == [2, 4]
    assert [m.record_id for m in group.members] == ["R0001", "R0003"]
    assert group.reason == "住所が同じ・名称が類似（0.93）"
    assert group.score == 0.93


def test_same_phone_similar_name_grouped():
    validated = Validated(
        resources=[
            resource(2, "池袋本町ふれあい食堂", phone_digits="0339811111"),
            resource(3, "池袋本町ふれあい食堂（配食）", phone_digits="0339811111"),
        ]
    )
    groups = find_duplicates(validated)
    assert [g.excel_rows for g in groups] == [[2, 3]]
    assert groups[0].reason == "電話番号が同じ・名称が類似（0.91）"


def test_same_address_and_phone_identical_name():
    shared = {"address_key": "高田3-38-7", "phone_digits": "0339811111"}
    validated = Validated(
        resources=[
            resource(2, "高田体操クラブ", **shared),
            resource(3, "高田 体操クラブ", **shared),
        ]
    )
    groups = find_duplicates(validated)
    assert groups[0].reason == "住所が同じ・電話番号が同じ・名称が同一"
    assert groups[0].score == 1.0


def test_identical_name_same_area_grouped():
    validated = Validated(
        resources=[
            resource(2, "さくらサロン", address_key="南大塚1-1-1"),
            resource(3, "さくら サロン", address_key="南大塚3-2-1"),
        ]
    )
    groups = find_duplicates(validated)
    assert [g.excel_rows for g in groups] == [[2, 3]]
    assert groups[0].reason == "圏域が同じ・名称が同一"


@pytest.mark.parametrize(
    "rows",
    [
        [
            resource(2, "さくらサロン", area="東部"),
            resource(3, "さくらサロン", area="西部"),
        ],
        [
            resource(2, "区民ひろば囲碁クラブ", address_key="高田2-11-2"),
            resource(3, "区民ひろば体操", address_key="高田2-11-2"),
        ],
        [
            resource(2, "ひまわり体操会", address_key="東池袋2-38-10"),
            resource(3, "ひまわり体操会2", address_key="東池袋3-1-1", area="中央"),
        ],
    ],
    ids=["same-name-other-area", "same-address-other-name", "nothing-shared"],
)
def test_unrelated_rows_not_grouped(rows):
    assert find_duplicates(Validated(resources=rows)) == []


def test_chain_forms_one_group():
    validated = Validated(
        resources=[
            resource(5, "ひまわり体操会", address_key="東池袋2-38-10"),
            resource(2, "ヒマワリ体操会", phone_digits="0312345678"),
            resource(9, "ひまわり体操会", phone_digits="0312345678", area="中央"),
        ]
    )
    groups = find_duplicates(validated)
    assert len(groups) == 1
    assert groups[0].excel_rows == [2, 5, 9]
    assert groups[0].reason == "圏域が同じ・名称が同一／電話番号が同じ・名称が同一"


def test_benches_follow_resources_in_numbering():
    validated = Validated(
        resources=[
            resource(7, "ひまわり体操会", address_key="東池袋2-38-10"),
            resource(8, "ひまわり体操会", address_key="東池袋2-38-10"),
        ],
        benches=[
            Bench(
                excel_row=3,
                bench_id="B0002",
                place="高田介護予防センター",
                address_key="高田3-38-7",
            ),
            Bench(
                excel_row=2,
                bench_id="B0001",
                place="高田介護予防センター前",
                address_key="高田3-38-7",
            ),
        ],
    )
    groups = find_duplicates(validated)
    assert [(g.group_id, g.sheet, g.excel_rows) for g in groups] == [
        ("D001", "地域資源", [7, 8]),
        ("D002", "ベンチ", [2, 3]),
    ]
    assert groups[1].reason == "住所が同じ・名称が類似（0.95）"


def test_duplicate_findings_per_member_row():
    validated = Validated(
        resources=[
            resource(2, "ひまわり体操会", address_key="東池袋2-38-10"),
            resource(3, "ひまわり体操会", address_key="東池袋2-38-10"),
        ]
    )
    groups = find_duplicates(validated)
    findings = duplicate_findings(groups, {"地域資源": resources_table()})
    assert [(f.code, f.row, f.column, f.column_index) for f in findings] == [
        ("duplicate.candidate", 2, "名称", 1),
        ("duplicate.candidate", 3, "名称", 1),
    ]
    assert findings[0].severity == Severity.WARNING
    assert findings[0].value == "ひまわり体操会"
    assert "3行目と重複の可能性があります" in findings[0].message
    assert "グループD001" in findings[0].message


def test_duplicates_sheet_carries_decisions():
    validated = Validated(
        resources=[
            resource(2, "ひまわり体操会", address_key="東池袋2-38-10", phone="=03-1"),
            resource(
                3, "ひまわり体操会", address_key="東池袋2-38-10", resource_id=None
            ),
        ]
    )
    group = find_duplicates(validated)[0]
    key = decision_key(group, group.members[0])
    assert key == "地域資源|R0001,3行|R0001"

    sheet = duplicates_sheet([group], {key: "統合する"})
    header = sheet.rows[0]
    assert sheet.name == "重複候補"
    assert sheet.keep_column == DECISION_HEADER
    assert sheet.key_column == "キー"
    assert sheet.rows[1][header.index(DECISION_HEADER)] == "統合する"
    assert sheet.rows[2][header.index(DECISION_HEADER)] == ""
    assert sheet.rows[2][header.index("キー")] == "地域資源|R0001,3行|3行"
    assert sheet.rows[1][header.index("電話番号")] == "'=03-1"
    assert sheet.links[(1, 2)] == "'地域資源'!A2"


@pytest.mark.parametrize(
    ("second", "grouped"),
    [
        ({"kind": "本実施", "fiscal_year": 2021}, False),
        ({"kind": "モデル実施", "fiscal_year": 2021}, False),
        ({"kind": "モデル実施", "fiscal_year": 2020}, True),
        ({"kind": None, "fiscal_year": None}, True),
    ],
    ids=["other-kind-and-year", "other-year", "same", "blank"],
)
def test_benches_at_one_place(second, grouped):
    first = Bench(
        excel_row=2,
        bench_id="B0001",
        place="高田介護予防センター",
        address_key="高田3-38-7",
        kind="モデル実施",
        fiscal_year=2020,
    )
    other = Bench(
        excel_row=3,
        bench_id="B0002",
        place="高田介護予防センター",
        address_key="高田3-38-7",
        **second,
    )
    groups = find_duplicates(Validated(benches=[first, other]))
    assert (len(groups) == 1) is grouped


# Filler names are four characters of this set: two of them share at most
# three characters, a ratio of 0.75, below the threshold. None starts with
# ひ, 東 or 西.
FILLER_CHARACTERS = "春夏秋冬松竹梅桜菊藤蘭桃梨柿栗森林川山谷"


def filler_names(count: int) -> list[str]:
    base = len(FILLER_CHARACTERS)
    return [
        "".join(FILLER_CHARACTERS[number // base**place % base] for place in range(4))
        for number in range(count)
    ]


def test_large_address_block_finds_planted_pair():
    address = {"address_key": "東池袋1-20-10"}
    rows = [
        resource(row, name, **address)
        for row, name in enumerate(filler_names(3000), start=2)
    ]
    rows.append(resource(3002, "ひまわり体操会", **address))
    rows.append(resource(3003, "ヒマワリ体操の会", **address))
    groups = find_duplicates(Validated(resources=rows))
    assert [g.excel_rows for g in groups] == [[3002, 3003]]
    assert groups[0].reason == "住所が同じ・名称が類似（0.93）"
    assert groups[0].score == 0.93


@pytest.mark.parametrize(
    ("block_rows", "grouped"),
    [(MAX_BLOCK_ROWS, True), (MAX_BLOCK_ROWS + 1, False)],
    ids=["at-limit", "over-limit"],
)
def test_large_block_compares_by_leading_characters(block_rows, grouped):
    address = {"address_key": "高田2-11-2"}
    rows = [
        resource(row, name, **address)
        for row, name in enumerate(filler_names(block_rows - 2), start=2)
    ]
    rows.append(resource(block_rows, "東ひまわり体操会", **address))
    rows.append(resource(block_rows + 1, "西ひまわり体操会", **address))
    groups = find_duplicates(Validated(resources=rows))
    assert [g.excel_rows for g in groups] == (
        [[block_rows, block_rows + 1]] if grouped else []
    )


def test_identical_names_in_huge_area_block_grouped():
    rows = [
        resource(row, "さくらサロン", address_key=f"南大塚1-{row}-1")
        for row in range(2, 3002)
    ]
    rows.append(resource(3002, "さくらサロン", area="西部"))
    groups = find_duplicates(Validated(resources=rows))
    assert len(groups) == 1
    assert groups[0].excel_rows == list(range(2, 3002))
    assert groups[0].reason == "圏域が同じ・名称が同一"
    assert groups[0].score == 1.0


def test_identical_names_at_huge_address_grouped():
    rows = [
        resource(row, "区民ひろば体操", address_key="高田2-11-2", area=area)
        for row in range(2, 3002)
        for area in [("東部", "西部", "中央")[row % 3]]
    ]
    groups = find_duplicates(Validated(resources=rows))
    assert len(groups) == 1
    assert groups[0].excel_rows == list(range(2, 3002))
    assert groups[0].reason == "住所が同じ・名称が同一"
