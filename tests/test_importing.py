"""Importing a coordinator's submission: append-only, IDs kept or renumbered."""

from datetime import date, datetime

import pytest

from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.importing import ImportRejected, next_free_id, plan_import
from toshima_xl.core.tables import build_dataset
from toshima_xl.models import Meeting, Resource, Validated
from toshima_xl.schema import MEETINGS, RESOURCES


def row_for(spec, **values):
    row = [None] * len(spec.headers)
    for header, value in values.items():
        row[spec.headers.index(header)] = value
    return row


def workbook(resources, meetings=(), extra_header=None, renamed=None, source="x.xlsx"):
    resource_headers = list(RESOURCES.headers)
    if extra_header:
        resource_headers.append(extra_header)
    for header, typed in (renamed or {}).items():
        resource_headers[resource_headers.index(header)] = typed
    sheets = {
        "地域資源": RawSheet("地域資源", [resource_headers, *resources]),
        "会議": RawSheet("会議", [MEETINGS.headers, *meetings]),
    }
    return build_dataset(RawWorkbook(source, sheets))


MASTER = workbook(
    [
        row_for(
            RESOURCES,
            資源ID="R0001",
            名称="長崎体操の会",
            圏域="西部",
            住所="長崎4-1-1",
        ),
        row_for(
            RESOURCES, 資源ID="R0007", 名称="目白サロン", 圏域="中央", 住所="目白2-2-2"
        ),
    ],
    [
        row_for(
            MEETINGS,
            会議ID="M0001",
            会議体="地区懇談会",
            回=1,
            開催日=datetime(2021, 7, 9),
            圏域="西部",
        )
    ],
)


def test_rows_appended_with_ids():
    submission = workbook(
        [
            row_for(
                RESOURCES,
                資源ID="R0100",
                名称="千早ふれあい食堂",
                圏域="西部",
                住所="千早1-1-1",
            ),
            row_for(RESOURCES, 資源ID=None, 名称="要町おしゃべり会", 圏域="西部"),
            row_for(RESOURCES, 資源ID="R0001", 名称="高松囲碁クラブ", 圏域="西部"),
        ]
    )

    plan = plan_import(MASTER, submission, Validated())

    rows = plan.appends["地域資源"]
    id_at = RESOURCES.headers.index("資源ID")
    name_at = RESOURCES.headers.index("名称")
    assert [(r[id_at], r[name_at]) for r in rows] == [
        ("R0100", "千早ふれあい食堂"),
        ("R0101", "要町おしゃべり会"),
        ("R0102", "高松囲碁クラブ"),
    ]
    assert plan.summary["renumbered"] == [
        ("地域資源", 3, "", "R0101"),
        ("地域資源", 4, "R0001", "R0102"),
    ]
    assert plan.summary["appended"] == {"地域資源": 3}
    assert plan.edits == []
    assert plan.removals == {}


def test_row_already_in_master_skipped():
    submission = workbook(
        [
            row_for(
                RESOURCES,
                資源ID="R0050",
                名称="長崎体操の会 ",
                圏域="西部",
                住所="長崎４-１-１",
            )
        ]
    )

    plan = plan_import(MASTER, submission, Validated())

    assert "地域資源" not in plan.appends
    assert plan.summary["skipped"] == [("地域資源", 2, "長崎体操の会 ")]


def test_parsed_dates_and_counts_imported():
    submission = workbook(
        [
            row_for(
                RESOURCES,
                資源ID="R0200",
                名称="巣鴨散歩の会",
                圏域="東部",
                登録日="令和3年7月9日",
            )
        ],
        [
            row_for(
                MEETINGS,
                会議ID=None,
                会議体="地区懇談会",
                回="２",
                開催日="R3.11.18",
                参加者数="18名",
            )
        ],
    )
    parsed = Validated(
        resources=[Resource(excel_row=2, registered_on=date(2021, 7, 9))],
        meetings=[
            Meeting(excel_row=2, number=2, held_on=date(2021, 11, 18), participants=18)
        ],
    )

    plan = plan_import(MASTER, submission, parsed)

    resource = plan.appends["地域資源"][0]
    assert resource[RESOURCES.headers.index("登録日")] == date(2021, 7, 9)
    meeting = plan.appends["会議"][0]
    assert meeting[MEETINGS.headers.index("会議ID")] == "M0002"
    assert meeting[MEETINGS.headers.index("開催日")] == date(2021, 11, 18)
    assert meeting[MEETINGS.headers.index("参加者数")] == 18
    assert meeting[MEETINGS.headers.index("回")] == 2


def test_same_meeting_typed_differently_skipped():
    submission = workbook(
        [],
        [
            row_for(
                MEETINGS,
                会議ID="M0009",
                会議体="地区懇談会",
                回=1,
                開催日="令和3年7月9日",
                圏域="西部",
            )
        ],
    )
    parsed = Validated(
        meetings=[Meeting(excel_row=2, number=1, held_on=date(2021, 7, 9))]
    )

    plan = plan_import(MASTER, submission, parsed)

    assert "会議" not in plan.appends
    assert plan.summary["skipped"] == [("会議", 2, "地区懇談会")]


def test_extra_column_kept_when_master_has_it():
    master = workbook([], extra_header="メモ")
    submission = workbook(
        [
            row_for(RESOURCES, 資源ID="R0001", 名称="池袋本町カフェ", 圏域="中央")
            + ["2階"]
        ],
        extra_header="メモ",
    )

    plan = plan_import(master, submission, Validated())

    assert plan.appends["地域資源"][0][-1] == "2階"


@pytest.mark.parametrize(
    ("used", "expected"),
    [
        ({"R0009", "R0010", "X1", ""}, "R0011"),
        (set(), "R0001"),
        ({"R0009", "R99999999999999999999"}, "R0010"),
        ({"Ｒ００１２", "r0003"}, "R0013"),
        ({"R999999"}, "R1000000"),
    ],
    ids=["highest", "none", "absurd-ignored", "full-width-folded", "six-digits"],
)
def test_next_free_id(used, expected):
    assert next_free_id("R", used) == expected


def test_header_mismatch_refuses_whole_import():
    submission = workbook(
        [row_for(RESOURCES, 資源ID="R0100", 名称="目白ひだまりサロン", 圏域="中央")],
        renamed={"名称": "団体名", "圏域": "エリア"},
        source="提出/ふくろうの杜.xlsx",
    )

    with pytest.raises(ImportRejected) as rejected:
        plan_import(MASTER, submission, Validated())

    message = rejected.value.message_ja
    assert message.startswith("提出ブック「ふくろうの杜.xlsx」を取り込みませんでした。")
    assert (
        "「地域資源」シートの1行目（見出し行）に必須の見出し「名称」「圏域」がありません。"
        in message
    )
    assert "何も書き込んでいません。" in message
    assert "提出ブックの見出し行を台帳と同じ見出しに直して" in message


def test_header_mismatch_without_rows_not_refused():
    submission = workbook([], renamed={"名称": "団体名"})

    plan = plan_import(MASTER, submission, Validated())

    assert plan.appends == {}


def test_column_master_lacks_listed():
    submission = workbook(
        [
            row_for(RESOURCES, 資源ID="R0100", 名称="池袋本町カフェ", 圏域="中央")
            + ["秘密のメモ"]
        ],
        extra_header="メモ",
    )

    plan = plan_import(MASTER, submission, Validated())

    assert plan.summary["left_out_columns"] == [("地域資源", "メモ")]
    assert len(plan.appends["地域資源"][0]) == len(RESOURCES.headers)


def test_extra_column_matched_tolerantly():
    master = workbook([], extra_header="メモ")
    submission = workbook(
        [
            row_for(RESOURCES, 資源ID="R0001", 名称="池袋本町カフェ", 圏域="中央")
            + ["2階"]
        ],
        extra_header="　メモ ",
    )

    plan = plan_import(master, submission, Validated())

    assert plan.appends["地域資源"][0][-1] == "2階"
    assert plan.summary["left_out_columns"] == []


def test_rows_with_blank_identity_never_skipped():
    master = workbook([row_for(RESOURCES, 資源ID="R0001", 種別="サロン")])
    submission = workbook(
        [
            row_for(RESOURCES, 資源ID=None, 種別="サロン"),
            row_for(RESOURCES, 資源ID=None, 種別="体操"),
        ]
    )

    plan = plan_import(master, submission, Validated())

    assert plan.summary["skipped"] == []
    assert plan.summary["appended"] == {"地域資源": 2}


def test_blank_name_duplicate_named_by_row():
    master = workbook(
        [row_for(RESOURCES, 資源ID="R0001", 圏域="西部", 住所="高田3-21-6")]
    )
    submission = workbook([row_for(RESOURCES, 圏域="西部", 住所="高田３－２１－６")])

    plan = plan_import(master, submission, Validated())

    assert plan.summary["skipped"] == [("地域資源", 2, "2行目、名称が空欄")]


def test_full_width_id_of_taken_id_renumbered():
    submission = workbook(
        [
            row_for(RESOURCES, 資源ID="Ｒ０００１", 名称="高田けやき体操", 圏域="西部"),
            row_for(RESOURCES, 資源ID="R0007 ", 名称="雑司が谷の会", 圏域="中央"),
            row_for(RESOURCES, 資源ID="R99999999999999999999", 名称="南長崎の会"),
            row_for(RESOURCES, 資源ID=None, 名称="千川お茶会", 圏域="西部"),
        ]
    )

    plan = plan_import(MASTER, submission, Validated())

    assert plan.summary["renumbered"] == [
        ("地域資源", 2, "Ｒ０００１", "R0008"),
        ("地域資源", 3, "R0007 ", "R0009"),
        ("地域資源", 5, "", "R0010"),
    ]
