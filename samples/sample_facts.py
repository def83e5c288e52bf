"""Rows of the 圏域, ベンチ and 会議 sheets of the R3 sample.

Real (from the ward's report for 令和3年度): the eight area names, the six
benches at five sites, the two first-layer council meetings of R3. Invented:
the town-to-area table, coordinator names, populations, every other meeting
and its participant count, the bench years of the model run (R2).
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from toshima_xl.schema import AREA_NAMES

# Invented town-to-area table: every town of the ward once, 東池袋 split by 丁目.
# A range of None means the whole town.
AREA_TOWNS: dict[str, tuple[tuple[str, tuple[int, int] | None], ...]] = {
    "菊かおる園": (("駒込", None), ("巣鴨", None)),
    "東部": (("北大塚", None), ("南大塚", None), ("西巣鴨", None)),
    "中央": (("東池袋", (1, 3)), ("南池袋", None), ("雑司が谷", None)),
    "いけよんの郷": (("池袋", None), ("池袋本町", None)),
    "アトリエ村": (("長崎", None), ("南長崎", None)),
    "西部": (("要町", None), ("高松", None), ("千川", None), ("千早", None)),
    "ふくろうの杜": (("目白", None), ("高田", None), ("西池袋", None)),
    "豊島区医師会": (("上池袋", None), ("東池袋", (4, 5))),
}

# fmt: off
COORDINATORS = (
    "青木 恵", "石川 直子", "上田 誠", "大野 和美", "川村 翔", "北島 由紀", "小林 洋平", "斉藤 真理",
)
# fmt: on

AREA_NOTE = (
    "サンプル用の架空の対応表です。実際の担当区域とは異なります。"
    "コーディネーター名と65歳以上人口も架空です。"
)

# Report wording for the model run does not give a year; R2 is an assumption.
MODEL_RUN_NOTE = "モデル実施。設置年度R2は仮の値（報告書に年度の記載なし）"

BENCHES: tuple[tuple[str, str, str, str, str], ...] = (
    ("東池袋フレイル対策センター", "東池袋2-38-10", "中央", "本実施", "R3"),
    ("区民ひろば高南第一", "高田2-11-2", "ふくろうの杜", "モデル実施", "R2"),
    ("高田介護予防センター", "高田3-38-7", "ふくろうの杜", "モデル実施", "R2"),
    ("高田介護予防センター", "高田3-38-7", "ふくろうの杜", "本実施", "R3"),
    ("日本福祉教育専門学校", "高田3-6-15", "ふくろうの杜", "モデル実施", "R2"),
    ("喫茶売店メリー（くすのき荘）", "上池袋4-20-1", "豊島区医師会", "本実施", "R3"),
)

COUNCIL_R3: tuple[tuple[int, date, str, str, int], ...] = (
    (
        1,
        date(2021, 7, 9),
        "共通交通サービス『mobi』の活用について",
        "株式会社サンシャインシティ、としま会議主催者、Willer株式会社",
        18,
    ),
    (2, date(2021, 11, 18), "高齢者のICT活用について", "としま会議主催者", 14),
)

EXCHANGE_PAIRS = ("菊・東部", "ふくろう・医師会", "中央・いけよん", "アトリエ・西部")


def towns_text(area: str) -> str:
    """Render an area's towns the way staff type them: 東池袋1～3丁目、南池袋."""
    parts = []
    for town, chome in AREA_TOWNS[area]:
        if chome is None:
            parts.append(town)
        elif chome[0] == chome[1]:
            parts.append(f"{town}{chome[0]}丁目")
        else:
            parts.append(f"{town}{chome[0]}～{chome[1]}丁目")
    return "、".join(parts)


def area_rows(rng: random.Random) -> list[dict[str, Any]]:
    """Return the eight areas with invented towns, coordinators and populations."""
    return [
        {
            "name": area,
            "center": f"{area}高齢者総合相談センター",
            "towns": towns_text(area),
            "coordinator": coordinator,
            "population_65": rng.randrange(6000, 9500, 10),
        }
        for area, coordinator in zip(AREA_NAMES, COORDINATORS, strict=True)
    ]


def bench_rows() -> list[dict[str, Any]]:
    """Return the six benches of the report, with stickers and insurance."""
    rows = []
    for number, (place, address, area, kind, year) in enumerate(BENCHES, 1):
        rows.append(
            {
                "bench_id": f"B{number:04d}",
                "place": place,
                "address": address,
                "area": area,
                "kind": kind,
                "fiscal_year": year,
                "sticker": "あり",
                "insurance": "あり",
                "status": "設置中",
                "remarks": MODEL_RUN_NOTE if kind == "モデル実施" else None,
            }
        )
    return rows
