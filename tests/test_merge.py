"""Merging judged duplicates: history first, blanks filled, typed cells kept."""

from datetime import date

import pytest

from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.duplicates import DuplicateGroup, DuplicateMember
from toshima_xl.core.merge import (
    Decision,
    history_headers,
    plan_merge,
    read_decision_rows,
    read_decisions,
)
from toshima_xl.core.sheets import decision_key
from toshima_xl.core.tables import build_dataset
from toshima_xl.schema import RESOURCES

HEADERS = RESOURCES.headers
TODAY = date(2021, 12, 1)


def row_for(**values):
    row = [None] * len(HEADERS)
    for header, value in values.items():
        row[HEADERS.index(header)] = value
    return row


DATASET = build_dataset(
    RawWorkbook(
        "master.xlsx",
        {
            "地域資源": RawSheet(
                "地域資源",
                [
                    [*HEADERS, "メモ"],
                    row_for(
                        資源ID="R0001",
                        名称="高田体操クラブ",
                        住所="高田3-38-7",
                        電話番号=None,
                    )
                    + [None],
                    row_for(
                        資源ID="R0002",
                        名称="高田体操倶楽部",
                        住所="高田3-38-7",
                        電話番号="03-1111-2222",
                        担当者="山田",
                    )
                    + ["旧名"],
                    row_for(
                        資源ID="R0003",
                        名称="たかだ体操",
                        住所="高田3-38-7",
                        担当者="佐藤",
                    )
                    + [None],
                ],
            )
        },
    )
)


def member(row, record_id, name):
    return DuplicateMember(row, record_id, name, "中央", "高田3-38-7")


GROUP = DuplicateGroup(
    "D001",
    "地域資源",
    (
        member(2, "R0001", "高田体操クラブ"),
        member(3, "R0002", "高田体操倶楽部"),
        member(4, "R0003", "たかだ体操"),
    ),
    "住所が同じ・名称が類似（0.86）",
    0.86,
)


def decisions(*marks):
    """Type ``marks`` in 判定 of the group's rows, which sit at 重複候補 rows 2-4."""
    return [
        Decision(row, "D001", decision_key(GROUP, m), mark)
        for row, (m, mark) in enumerate(zip(GROUP.members, marks, strict=True), 2)
        if mark
    ]


def test_merge_moves_rows_to_history():
    plan = plan_merge(DATASET, [GROUP], decisions("残す", "統合", "統合"), TODAY)

    assert plan.removals == {"地域資源": [3, 4]}
    headers = history_headers()
    first = dict(zip(headers, plan.history[0], strict=True))
    assert first["統合日"] == TODAY
    assert first["グループ"] == "D001"
    assert first["統合先ID"] == "R0001"
    assert first["元の行"] == 3
    assert first["資源ID"] == "R0002"
    assert first["名称"] == "高田体操倶楽部"
    assert first["担当者"] == "山田"
    assert first["追加列"] == "メモ=旧名"
    assert plan.summary["merged_groups"] == 1
    assert plan.summary["merged_rows"] == 2


def test_merge_fills_only_blank_cells():
    plan = plan_merge(DATASET, [GROUP], decisions("残す", "統合", "統合"), TODAY)

    filled = {(e.row, e.column): e.value for e in plan.edits}
    assert filled == {
        (2, HEADERS.index("電話番号") + 1): "03-1111-2222",
        (2, HEADERS.index("担当者") + 1): "山田",
    }


UNKNOWN_REASON = (
    "「重複候補」3行目「消す」は判定に使えない値です"
    "（「残す」「統合」「別」のどれかを入力してください）"
)


@pytest.mark.parametrize(
    ("marks", "reason"),
    [
        (("残す", "残す", "統合"), "「残す」が2行あります（1行だけにしてください）"),
        (
            (None, "統合", "統合"),
            "「統合」がありますが「残す」がありません"
            "（残す行に「残す」を1行だけ入力してください）",
        ),
        (
            ("残す", "残す", None),
            "「残す」が2行ありますが「統合」がありません"
            "（まとめる行には「統合」を、別のものなら「別」を入力してください）",
        ),
        (("残す", "消す", None), UNKNOWN_REASON),
        (("残す", "消す", "統合"), UNKNOWN_REASON),
    ],
    ids=[
        "two-keeps",
        "no-keep",
        "keeps-only",
        "unknown",
        "unknown-with-merge",
    ],
)
def test_judged_group_left_alone_with_reason(marks, reason):
    plan = plan_merge(DATASET, [GROUP], decisions(*marks), TODAY)

    assert plan.is_empty
    assert plan.summary["left_alone"] == [("D001", reason)]
    assert plan.summary["ignored"] == []


def test_conflicting_rows_with_one_key_leave_group():
    added = Decision(9, "D001", decision_key(GROUP, GROUP.members[2]), "統合")
    judged = [*decisions("残す", None, "残す"), added]

    plan = plan_merge(DATASET, [GROUP], judged, TODAY)

    assert plan.is_empty
    assert plan.summary["left_alone"] == [
        (
            "D001",
            "「重複候補」4行目、9行目に同じキー"
            "「地域資源|R0001,R0002,R0003|R0003」があり、判定が食い違います"
            "（追加した行を削除して1行にしてください）",
        )
    ]


def test_same_judgement_twice_still_merges():
    again = Decision(9, "D001", decision_key(GROUP, GROUP.members[1]), "統合")
    judged = [*decisions("残す", "統合", None), again]

    plan = plan_merge(DATASET, [GROUP], judged, TODAY)

    assert plan.removals == {"地域資源": [3]}
    assert plan.summary["left_alone"] == []


def test_key_of_no_current_group_reported():
    edited = Decision(4, "D001", "地域資源|R0001,R0002,R0003|R0009", "統合")
    stale = Decision(7, "D002", "地域資源|R0005,R0006|R0005", "別")
    judged = [*decisions("残す", "統合", None), edited, stale]

    plan = plan_merge(DATASET, [GROUP], judged, TODAY)

    assert plan.removals == {"地域資源": [3]}
    advice = (
        "の判定はキーが今の重複グループのどれにも合いません"
        "（重複チェックのあとで行が変わりました。"
        "「重複チェック」をやり直してから判定してください）"
    )
    assert plan.summary["ignored"] == [
        ("D001", "「重複候補」4行目" + advice),
        ("D002", "「重複候補」7行目" + advice),
    ]


def test_group_without_merge_mark_ignored():
    plan = plan_merge(DATASET, [GROUP], decisions("残す", "別", None), TODAY)

    assert plan.is_empty
    assert plan.summary["left_alone"] == []


def test_decisions_read_by_key():
    sheet = RawSheet(
        "重複候補",
        [
            ["グループ", "判定", "キー"],
            ["D001", " 残す ", "地域資源|R0001,R0002|R0001"],
            ["D001", None, "地域資源|R0001,R0002|R0002"],
        ],
    )
    assert read_decisions(sheet) == {"地域資源|R0001,R0002|R0001": "残す"}
    assert read_decision_rows(sheet) == [
        Decision(2, "D001", "地域資源|R0001,R0002|R0001", "残す")
    ]
