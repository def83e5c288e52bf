"""The 地域資源 rows of the coordinator submission, before the faults are typed in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from toshima_xl.schema import RESOURCES

AREA = "ふくろうの杜"

SUBMISSION_NOTE = (
    "このファイルは、取込と検証を試すための架空の提出ファイルです。"
    "名称・住所・電話番号・担当者はすべて架空で、誤りを意図的に入れてあります。"
)

# Excel rows 2 to 21: ID, name, reading, category, address, phone, registered on.
# fmt: off
CLEAN_ROWS: tuple[tuple[str, str, str, str, str, str, date], ...] = (
    ("R0901", "目白ひだまりサロン", "メジロヒダマリサロン", "サロン", "目白3-5-12", "03-3951-2201", date(2021, 6, 1)),
    ("R0902", "高田けやき体操クラブ", "タカダケヤキタイソウクラブ", "健康体操・としまる体操", "高田1-8-3", "03-3982-4410", date(2021, 7, 9)),
    ("R0903", "西池袋こもれび茶話会", "ニシイケブクロコモレビサワカイ", "地域のつどいの場", "西池袋4-2-17", "03-3986-7301", date(2021, 7, 9)),
    ("R0904", "目白すずらん見守り隊", "メジロスズランミマモリタイ", "助け合い活動", "目白1-4-6", "03-3952-1180", date(2019, 4, 30)),
    ("R0905", "高田もみじ囲碁クラブ", "タカダモミジイゴクラブ", "運動・趣味のサークル", "高田2-3-9", "03-3983-6620", date(2021, 8, 2)),
    ("R0906", "西池袋わかば朗読ボランティア", "ニシイケブクロワカバロウドクボランティア", "ボランティアグループ", "西池袋2-30-4", "03-3987-2245", date(2021, 8, 20)),
    ("R0907", "目白あおば多世代食堂", "メジロアオバタセダイショクドウ", "多世代交流の場", "目白5-11-2", "03-3954-3390", date(2021, 9, 3)),
    ("R0908", "えがおおしゃべり会", "エガオオシャベリカイ", "地域のつどいの場", "目白2-14-5", "03-3917-5521", date(2021, 9, 10)),
    ("R0909", "高田つばきサロン", "タカダツバキサロン", "サロン", "高田3-21-6", "03-3985-0147", date(2021, 9, 15)),
    ("R0910", "目白かえで書道サークル", "メジロカエデショドウサークル", "運動・趣味のサークル", "目白2-9-14", "03-3953-8812", date(2021, 10, 1)),
    ("R0911", "西池袋すみれ太極拳の会", "ニシイケブクロスミレタイキョクケンノカイ", "運動・趣味のサークル", "西池袋3-7-21", "03-3988-2034", date(2021, 10, 12)),
    ("R0912", "高田ききょう助け合いの会", "タカダキキョウタスケアイノカイ", "助け合い活動", "高田1-15-2", "03-3981-7765", date(2021, 10, 20)),
    ("R0913", "目白やまぶき体操の会", "メジロヤマブキタイソウノカイ", "健康体操・としまる体操", "目白4-6-8", "03-3951-9043", date(2021, 11, 2)),
    ("R0914", "西池袋うぐいすカフェ", "ニシイケブクロウグイスカフェ", "サロン", "西池袋5-1-11", "03-3971-4478", date(2021, 2, 28)),
    ("R0915", "高田せせらぎ傾聴ボランティア", "タカダセセラギケイチョウボランティア", "ボランティアグループ", "高田3-2-5", "03-3984-5513", date(2021, 11, 19)),
    ("R0916", "高田ふれあい食堂", "タカダフレアイショクドウ", "多世代交流の場", "高田3-12-4", "03-3984-6021", date(2021, 12, 1)),
    ("R0917", "高田ふれあい子ども食堂", "タカダフレアイコドモショクドウ", "多世代交流の場", "高田3-12-4", "03-3984-6098", date(2021, 12, 1)),
    ("R0918", "株式会社めじろ配食サービス", "カブシキガイシャメジロハイショクサービス", "配食サービス", "目白2-20-3", "03-3950-7712", date(2022, 1, 11)),
    ("R0919", "（株）めじろ配食サービス", "カブシキガイシャメジロハイショクサービス", "配食サービス", "目白2-21-1", "03-3950-7712", date(2022, 1, 11)),
    ("R0920", "めじろ\u3000配食サービス", "メジロハイショクサービス", "配食サービス", "西池袋1-10-8", "03-3950-7712", date(2022, 1, 14)),
)
# fmt: on

CONTACTS = ("小川 文子", "堀 健一", "宮本 幸江", "太田 進")


def clean_row(index: int, values: tuple) -> dict[str, Any]:
    resource_id, name, kana, category, address, phone, registered_on = values
    return {
        "resource_id": resource_id,
        "name": name,
        "name_kana": kana,
        "category": category,
        "area": AREA,
        "place": "集会所",
        "address": address,
        "schedule": "毎週水曜 10:00～11:30",
        "target": "65歳以上",
        "fee": "無料",
        "phone": phone,
        "contact_person": CONTACTS[index % len(CONTACTS)],
        "visibility": "公開可",
        "status": "活動中",
        "registered_on": registered_on,
    }


def submission_rows(faults: Iterable) -> list[dict[str, Any]]:
    """Return the submission's rows with each fault's value typed into its cell.

    Args:
        faults: items with ``row`` (Excel row), ``column`` (header) and ``value``.
    """
    rows = [clean_row(index, values) for index, values in enumerate(CLEAN_ROWS)]
    fields = {column.header: column.field for column in RESOURCES.columns}
    for fault in faults:
        rows[fault.row - 2][fields[fault.column]] = fault.value
    return rows
