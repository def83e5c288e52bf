"""The 576 invented community resources of the R3 sample.

Only the counts come from the ward's report: 436 entries by February 2021,
576 in R3, 393 of them public. Names, addresses, phones and people are
invented, each unique, so that the duplicate finder has nothing to flag.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sample_facts import AREA_TOWNS

from toshima_xl.core.towns import TOSHIMA_TOWNS
from toshima_xl.schema import AREA_NAMES, DEFAULT_LISTS

TOTAL = 576
BY_FEBRUARY_2021 = 436
PUBLIC = 393
PAUSED = 14  # 休止中; none is 廃止, so every row counts

OLD_PERIOD = (date(2016, 4, 1), date(2021, 2, 28))
R3_PERIOD = (date(2021, 4, 1), date(2022, 3, 31))

# fmt: off
TOWN_KANA = {
    "池袋本町": "イケブクロホンチョウ",
    "池袋": "イケブクロ",
    "上池袋": "カミイケブクロ",
    "北大塚": "キタオオツカ",
    "駒込": "コマゴメ",
    "巣鴨": "スガモ",
    "西巣鴨": "ニシスガモ",
    "雑司が谷": "ゾウシガヤ",
    "高田": "タカダ",
    "千川": "センカワ",
    "千早": "チハヤ",
    "高松": "タカマツ",
    "長崎": "ナガサキ",
    "東池袋": "ヒガシイケブクロ",
    "西池袋": "ニシイケブクロ",
    "南池袋": "ミナミイケブクロ",
    "南大塚": "ミナミオオツカ",
    "南長崎": "ミナミナガサキ",
    "目白": "メジロ",
    "要町": "カナメチョウ",
}
# fmt: on

# fmt: off
WORDS = (
    "さくら", "けやき", "ひまわり", "あじさい", "すずらん", "もみじ", "つばき", "たんぽぽ", "なでしこ", "わかば",
    "あおば", "ひだまり", "ゆうゆう", "のびのび", "にこにこ", "わいわい", "げんき", "えがお", "みどり", "かえで",
    "いちょう", "すみれ", "ききょう", "やまぶき", "うぐいす", "つばめ", "こもれび", "せせらぎ", "ほがらか", "まごころ",
)
# fmt: on

# Category -> (name ending, its katakana reading).
# fmt: off
NOUNS: dict[str, tuple[tuple[str, str], ...]] = {
    "健康体操・としまる体操": (("としまる体操の会", "トシマルタイソウノカイ"), ("体操クラブ", "タイソウクラブ"), ("健康体操会", "ケンコウタイソウカイ"), ("ストレッチの会", "ストレッチノカイ")),
    "地域のつどいの場": (("つどいの場", "ツドイノバ"), ("ふれあい広場", "フレアイヒロバ"), ("おしゃべり会", "オシャベリカイ"), ("茶話会", "サワカイ")),
    "助け合い活動": (("助け合いの会", "タスケアイノカイ"), ("ささえあい隊", "ササエアイタイ"), ("見守り隊", "ミマモリタイ"), ("互助会", "ゴジョカイ")),
    "配食サービス": (("配食サービス", "ハイショクサービス"), ("お弁当配達", "オベントウハイタツ"), ("食事サービス", "ショクジサービス"), ("ふれあい給食", "フレアイキュウショク")),
    "多世代交流の場": (("多世代食堂", "タセダイショクドウ"), ("子ども食堂", "コドモショクドウ"), ("多世代サロン", "タセダイサロン"), ("世代交流会", "セダイコウリュウカイ")),
    "運動・趣味のサークル": (("ウォーキングクラブ", "ウォーキングクラブ"), ("囲碁クラブ", "イゴクラブ"), ("書道サークル", "ショドウサークル"), ("太極拳の会", "タイキョクケンノカイ"), ("コーラス", "コーラス"), ("手芸サークル", "シュゲイサークル")),
    "ボランティアグループ": (("ボランティアの会", "ボランティアノカイ"), ("傾聴ボランティア", "ケイチョウボランティア"), ("朗読ボランティア", "ロウドクボランティア"), ("花いっぱいの会", "ハナイッパイノカイ")),
    "サロン": (("サロン", "サロン"), ("いきいきサロン", "イキイキサロン"), ("ふれあいサロン", "フレアイサロン"), ("カフェ", "カフェ")),
}
# fmt: on

PLACES = (
    "町会会館",
    "集会所",
    "マンション集会室",
    "公園",
    "地域の喫茶店",
    "教会ホール",
    "代表者宅",
)
TARGETS = ("65歳以上", "どなたでも", "地域の高齢者", "概ね60歳以上")
FEES = ("無料", "100円", "200円", "300円", "月500円", "実費")
WEEKDAYS = "月火水木金土"
# fmt: off
SURNAMES = (
    "秋山", "井上", "内田", "江口", "岡本", "加藤", "木村", "久保", "近藤", "佐野", "清水", "杉本",
    "高橋", "田中", "中村", "西田", "野口", "浜田", "平野", "松本", "村上", "森", "山口", "吉田",
)
# fmt: on
# fmt: off
GIVEN_NAMES = (
    "明美", "勇", "和子", "清", "恵子", "茂", "節子", "孝", "智子", "博", "正子", "実", "裕子", "豊", "洋子", "隆",
)
# fmt: on


def katakana(text: str) -> str:
    """Convert hiragana to katakana, leaving other characters alone."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def within_one_edit(a: str, b: str) -> bool:
    """Tell whether two names differ by at most one insertion, deletion or change."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


class Generator:
    """Source of unique names, addresses and phones, drawn from one seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: list[str] = []
        self.addresses: set[str] = set()
        self.phones: set[str] = set()

    def town_of(self, area: str) -> tuple[str, int]:
        town, chome = self.rng.choice(AREA_TOWNS[area])
        first, last = chome or (1, TOSHIMA_TOWNS[town])
        return town, self.rng.randint(first, last)

    def name(self, town: str, category: str) -> tuple[str, str]:
        while True:
            word = self.rng.choice(WORDS)
            noun, noun_kana = self.rng.choice(NOUNS[category])
            name = f"{town}{word}{noun}"
            if not any(within_one_edit(name, other) for other in self.names):
                self.names.append(name)
                return name, TOWN_KANA[town] + katakana(word) + noun_kana

    def address(self, town: str, chome: int) -> str:
        while True:
            address = (
                f"{town}{chome}-{self.rng.randint(1, 40)}-{self.rng.randint(1, 25)}"
            )
            if address not in self.addresses:
                self.addresses.add(address)
                return address

    def phone(self) -> str:
        while True:
            phone = f"03-{self.rng.choice((39, 59, 35))}{self.rng.randint(0, 99):02d}-{self.rng.randint(0, 9999):04d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def day_in(self, period: tuple[date, date]) -> date:
        return period[0] + timedelta(
            days=self.rng.randint(0, (period[1] - period[0]).days)
        )

    def schedule(self) -> str:
        hour = self.rng.choice((10, 13, 14))
        return f"毎週{self.rng.choice(WEEKDAYS)}曜 {hour}:00～{hour + 1}:30"


def area_categories(rng: random.Random) -> list[tuple[str, str]]:
    """Give every area and category at least one resource, the rest at random."""
    categories = list(DEFAULT_LISTS["種別"])
    cells = [(area, category) for area in AREA_NAMES for category in categories]
    while len(cells) < TOTAL:
        cells.append((rng.choice(AREA_NAMES), rng.choice(categories)))
    rng.shuffle(cells)
    return cells


def resource_rows(rng: random.Random) -> list[dict[str, Any]]:
    """Return 576 resources ordered by registration date, IDs R0001 onwards."""
    generator = Generator(rng)
    registered = sorted(generator.day_in(OLD_PERIOD) for _ in range(BY_FEBRUARY_2021))
    registered += sorted(
        generator.day_in(R3_PERIOD) for _ in range(TOTAL - BY_FEBRUARY_2021)
    )
    public = set(rng.sample(range(TOTAL), PUBLIC))
    paused = set(rng.sample(range(TOTAL), PAUSED))

    rows = []
    for index, (area, category) in enumerate(area_categories(rng)):
        town, chome = generator.town_of(area)
        name, kana = generator.name(town, category)
        registered_on = registered[index]
        checked_from = max(registered_on, R3_PERIOD[0])
        rows.append(
            {
                "resource_id": f"R{index + 1:04d}",
                "name": name,
                "name_kana": kana,
                "category": category,
                "area": area,
                "place": rng.choice(PLACES),
                "address": generator.address(town, chome),
                "schedule": generator.schedule(),
                "target": rng.choice(TARGETS),
                "fee": rng.choice(FEES),
                "organizer": rng.choice(
                    (f"{town}町会", "自主グループ", "ボランティア団体", name)
                ),
                "phone": generator.phone(),
                "contact_person": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}",
                "visibility": "公開可" if index in public else "非公開",
                "status": "休止中" if index in paused else "活動中",
                "registered_on": registered_on,
                "last_checked_on": generator.day_in((checked_from, R3_PERIOD[1]))
                if rng.random() < 0.7
                else None,
            }
        )
    return rows
