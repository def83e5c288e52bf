"""Accepting suggested fixes: only marked findings, only their cells."""

import pytest

from toshima_xl.core.accept import (
    plan_accept,
    read_accept_marks,
    suggestion_codes,
    unknown_codes,
)
from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.tables import build_dataset
from toshima_xl.messages import make_finding
from toshima_xl.schema import RESOURCES

HEADERS = RESOURCES.headers


def resource_row(**values):
    row = [None] * len(HEADERS)
    for header, value in values.items():
        row[HEADERS.index(header)] = value
    return row


def dataset_with(rows, first_column=1):
    sheet = RawSheet("地域資源", [HEADERS, *rows], first_column=first_column)
    return build_dataset(RawWorkbook("提出.xlsx", {"地域資源": sheet}))


def findings_sheet(*rows):
    header = [
        "重要度",
        "シート",
        "行",
        "列",
        "値",
        "コード",
        "メッセージ",
        "修正案",
        "反映",
    ]
    return RawSheet("検証結果", [header, *rows])


def test_marks_read_only_for_accept_values():
    sheet = findings_sheet(
        [
            "警告",
            "地域資源",
            2,
            "公開区分",
            "公開",
            "choice.unknown",
            "…",
            "公開可",
            "○",
        ],
        [
            "警告",
            "地域資源",
            3.0,
            "名称カナ",
            "さろん",
            "kana.not_katakana",
            "…",
            "サロン",
            1,
        ],
        ["警告", "地域資源", 4, "資源ID", "", "id.blank", "…", "R0004", ""],
        ["警告", "地域資源", 5, "資源ID", "", "id.blank", "…", "R0005", "いいえ"],
    )
    assert read_accept_marks(sheet) == {
        ("地域資源", 2, "公開区分", "choice.unknown"),
        ("地域資源", 3, "名称カナ", "kana.not_katakana"),
    }


def test_marks_missing_accept_column():
    sheet = RawSheet("検証結果", [["重要度", "シート", "行"], ["警告", "地域資源", 2]])
    assert read_accept_marks(sheet) == set()


def test_plan_edits_only_marked_cells():
    dataset = dataset_with(
        [
            resource_row(資源ID="R0001", 名称="サロン", 公開区分="公開"),
            resource_row(資源ID=None, 名称="体操", 公開区分="公開可"),
        ],
        first_column=2,
    )
    visibility = HEADERS.index("公開区分")
    identifier = HEADERS.index("資源ID")
    findings = [
        make_finding(
            "choice.unknown",
            "地域資源",
            2,
            "公開区分",
            "公開",
            "公開可",
            visibility,
            list_name="公開区分",
            hint="",
        ),
        make_finding("id.blank", "地域資源", 3, "資源ID", None, "R0002", identifier),
    ]
    keys = {("地域資源", 2, "公開区分", "choice.unknown")}

    plan = plan_accept(dataset, findings, keys)

    assert len(plan.edits) == 1
    edit = plan.edits[0]
    assert (edit.sheet, edit.row, edit.column) == ("地域資源", 2, 2 + visibility)
    assert edit.value == "公開可"
    assert edit.previous == "公開"
    assert plan.summary == {
        "applied": 1,
        "stale": 0,
        "conflicts": 0,
        "without_suggestion": 0,
    }


def test_plan_accepts_whole_code():
    dataset = dataset_with([resource_row(名称="体操"), resource_row(名称="サロン")])
    identifier = HEADERS.index("資源ID")
    findings = [
        make_finding("id.blank", "地域資源", 2, "資源ID", None, "R0001", identifier),
        make_finding("id.blank", "地域資源", 3, "資源ID", None, "R0002", identifier),
    ]

    plan = plan_accept(dataset, findings, set(), codes=frozenset({"id.blank"}))

    assert [(e.row, e.column, e.value) for e in plan.edits] == [
        (2, 1, "R0001"),
        (3, 1, "R0002"),
    ]


def test_stale_mark_not_applied():
    dataset = dataset_with([resource_row(名称="サロン", 公開区分="公開可")])
    keys = {("地域資源", 2, "公開区分", "choice.unknown")}

    plan = plan_accept(dataset, [], keys)

    assert plan.edits == []
    assert plan.summary["stale"] == 1


def test_finding_without_suggestion_skipped():
    dataset = dataset_with([resource_row(名称=None)])
    finding = make_finding("cell.required", "地域資源", 2, "名称", None, None, 1)

    plan = plan_accept(dataset, [finding], {("地域資源", 2, "名称", "cell.required")})

    assert plan.edits == []
    assert plan.summary["applied"] == 0
    assert plan.summary["without_suggestion"] == 1


def test_two_suggestions_one_cell_conflict():
    dataset = dataset_with([resource_row(名称カナ="さろん")])
    kana = HEADERS.index("名称カナ")
    first = make_finding(
        "kana.not_katakana", "地域資源", 2, "名称カナ", "さろん", "サロン", kana
    )
    second = make_finding(
        "cell.apostrophe", "地域資源", 2, "名称カナ", "さろん", "x", kana
    )

    plan = plan_accept(
        dataset, [first, second], set(), codes=frozenset({first.code, second.code})
    )

    assert [e.value for e in plan.edits] == ["サロン"]
    assert plan.summary["conflicts"] == 1


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("phone.format", "今のデータにこのコードの問題はありません"),
        (
            "cell.required",
            "このコードの問題には修正案がありません（セルを直接直してください）",
        ),
        (
            "nonexistent.code",
            "そのコードの問題はありません（コードを確認してください）",
        ),
    ],
    ids=["no-findings", "no-suggestion", "unknown"],
)
def test_code_without_edits_reported(code, reason):
    dataset = dataset_with([resource_row(名称=None)])
    finding = make_finding("cell.required", "地域資源", 2, "名称", None, None, 1)

    plan = plan_accept(dataset, [finding], set(), codes=frozenset({code}))

    assert plan.edits == []
    assert plan.summary["idle_codes"] == [(code, reason)]


def test_unknown_codes_listed_and_suggestions_offered():
    assert unknown_codes(frozenset({"id.blank", "x.y", "a.b"})) == ["a.b", "x.y"]
    offered = suggestion_codes()
    assert {"id.blank", "phone.format", "kana.not_katakana"} <= set(offered)
    assert "cell.required" not in offered
