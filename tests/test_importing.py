"""Importing a coordinator's submission: append-only, IDs kept or renumbered."""

from datetime import date, datetime

from toshima_xl.core.dataset import RawSheet, RawWorkbook
from toshima_xl.core.importing import next_free_id, plan_import
from toshima_xl.core.tables import build_dataset
from toshima_xl.models import Meeting, Resource, Validated
from toshima_xl.schema import MEETINGS, RESOURCES


def row_for(spec, **values):
    row = [None] * len(spec.headers)
    for header, value in values.items():
        row[spec.headers.index(header)] = value
    return row


def workbook(resources, meetings=(), extra_header=None):
    resource_headers = list(RESOURCES.headers)
    if extra_header:
        resource_headers.append(extra_header)
    sheets = {
        "地域資源": RawSheet("地域資源", [resource_headers, *resources]),
        "会議": RawSheet("会議", [MEETINGS.headers, *meetings]),
    }
    return build_dataset(RawWorkbook("x.xlsx", sheets))


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


def test_next_free_id_after_highest():
    assert next_free_id("R", {"R0009", "R0010", "X1", ""}) == "R0011"
    assert next_free_id("M", set()) == "M0001"
