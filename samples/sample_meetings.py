"""Rows of the 会議 sheet of the R3 sample.

Only the two R3 first-layer council meetings come from the ward's report;
every other date, theme and participant count here is invented.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sample_facts import COUNCIL_R3, EXCHANGE_PAIRS

from toshima_xl.schema import AREA_NAMES, COUNCIL_BODY

REPORT_NOTE = "令和3年度の報告書より"

# Meetings of fiscal 2021 (R3) fall in these months, April first.
R3_MONTHS = [(2021, month) for month in range(4, 13)] + [(2022, m) for m in (1, 2, 3)]


def weekday_in(rng: random.Random, year: int, month: int) -> date:
    """Pick a weekday in a month, moving a weekend pick to the next Monday."""
    day = date(year, month, rng.randint(1, 26))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def second_tuesday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 7)


def meeting_rows(rng: random.Random) -> list[dict[str, Any]]:
    """Return R2 and R3 meetings in date order, numbered M0001 onwards."""
    meetings = council_meetings() + regular_meetings() + area_meetings(rng)
    meetings += case_meetings(rng) + exchange_meetings(rng) + training_meetings(rng)
    meetings.sort(key=lambda m: (m["held_on"], m["body"], m.get("area") or ""))
    for number, meeting in enumerate(meetings, 1):
        meeting["meeting_id"] = f"M{number:04d}"
        meeting.setdefault("participants", rng.randint(10, 16))
    return meetings


def council_meetings() -> list[dict[str, Any]]:
    rows = [
        {
            "body": COUNCIL_BODY,
            "number": 2,
            "held_on": date(2021, 2, 18),
            "theme": "令和2年度の活動の振り返り",
            "participants": 12,
        }
    ]
    for number, held_on, theme, guests, participants in COUNCIL_R3:
        rows.append(
            {
                "body": COUNCIL_BODY,
                "number": number,
                "held_on": held_on,
                "theme": theme,
                "guests": guests,
                "participants": participants,
                "remarks": REPORT_NOTE,
            }
        )
    return rows


def regular_meetings() -> list[dict[str, Any]]:
    """Return the monthly second-layer coordinator meetings: two in R2, twelve in R3."""
    months = [(2021, 2), (2021, 3)] + R3_MONTHS
    rows = []
    for index, (year, month) in enumerate(months):
        number = index - 1 if index >= 2 else 11 + index
        rows.append(
            {
                "body": "第2層SC定例会",
                "number": number,
                "held_on": second_tuesday(year, month),
                "theme": "各圏域の活動報告と情報交換",
            }
        )
    return rows


def area_meetings(rng: random.Random) -> list[dict[str, Any]]:
    """Return one 地区懇談会 per area (June to December 2021) and two まちづくり検討会議."""
    rows = []
    for index, area in enumerate(AREA_NAMES):
        month = 6 + index * 6 // len(AREA_NAMES)
        rows.append(
            {
                "body": "地区懇談会",
                "number": 1,
                "held_on": weekday_in(rng, 2021, month),
                "theme": "地域の困りごとと地域資源",
                "participants": rng.randint(12, 30),
                "area": area,
            }
        )
    rows.append(
        {
            "body": "まちづくり検討会議",
            "number": 1,
            "held_on": weekday_in(rng, 2021, 9),
            "theme": "歩いて暮らせるまちと休憩場所",
        }
    )
    rows.append(
        {
            "body": "まちづくり検討会議",
            "number": 2,
            "held_on": weekday_in(rng, 2022, 1),
            "theme": "ベンチの設置場所の検討",
        }
    )
    return rows


def case_meetings(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for number, month in enumerate((5, 8, 11), 1):
        rows.append(
            {
                "body": "自立支援地域ケア会議",
                "number": number,
                "held_on": weekday_in(rng, 2021, month),
                "theme": "個別事例の検討",
            }
        )
    rows.append(
        {
            "body": "自立支援地域ケア会議",
            "number": 4,
            "held_on": weekday_in(rng, 2022, 2),
            "theme": "個別事例の検討",
        }
    )
    rows.append(
        {
            "body": "地域ケア会議全体会議",
            "number": 1,
            "held_on": weekday_in(rng, 2022, 2),
            "theme": "令和3年度の地域課題のまとめ",
            "participants": rng.randint(25, 40),
        }
    )
    return rows


def exchange_meetings(rng: random.Random) -> list[dict[str, Any]]:
    """Return the exchange meetings with care-prevention leaders, one per area pair."""
    return [
        {
            "body": "交流会",
            "number": number,
            "held_on": weekday_in(rng, 2021, 8 + number),
            "theme": f"介護予防リーダーとの交流会（{pair}）",
            "participants": rng.randint(15, 30),
        }
        for number, pair in enumerate(EXCHANGE_PAIRS, 1)
    ]


def training_meetings(rng: random.Random) -> list[dict[str, Any]]:
    themes = (
        (2021, 4, "第2層コーディネーター新任研修"),
        (2021, 5, "地域資源の把握と記録のしかた"),
        (2022, 1, "地域資源台帳の点検と更新"),
    )
    return [
        {
            "body": "研修",
            "number": number,
            "held_on": weekday_in(rng, year, month),
            "theme": theme,
        }
        for number, (year, month, theme) in enumerate(themes, 1)
    ]
