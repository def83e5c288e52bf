"""The workbook contract: sheet names, Japanese headers, fields and list sources.

Every other module takes sheet and header names from here. Staff read the
Japanese names, code uses the English field names.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

# Stamped into the template as the custom document property below, so that a
# later version can recognise and upgrade old copies.
SCHEMA_VERSION = "1"
SCHEMA_VERSION_PROPERTY = "toshima_xl_schema_version"


class Kind(StrEnum):
    """Cell type of a column, which decides how its cells are parsed and checked."""

    ID = "id"
    TEXT = "text"
    KANA = "kana"
    DATE = "date"
    INTEGER = "integer"
    PHONE = "phone"
    ADDRESS = "address"
    CHOICE = "choice"  # one value of a column of the リスト sheet
    AREA = "area"  # one 圏域名 of the 圏域 sheet
    FISCAL_YEAR = "fiscal_year"
    TOWNS = "towns"  # town names separated by 、 or ,


@dataclass(frozen=True)
class Column:
    """One column of a data sheet."""

    field: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: str | None = None  # header of the リスト column that feeds it
    width: float = 14
    help: str = ""  # input message shown on the header cell
    personal: bool = False  # never reaches a public output
    max_length: int = 500


@dataclass(frozen=True)
class SheetSpec:
    """One data sheet: its name, its Excel table name and its columns."""

    name: str
    table: str
    model: str
    columns: tuple[Column, ...]
    id_field: str | None = None
    id_prefix: str = ""

    def column(self, field_name: str) -> Column:
        for column in self.columns:
            if column.field == field_name:
                return column
        raise KeyError(f"{self.name} has no field {field_name!r}")

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def required_fields(self) -> list[str]:
        return [column.field for column in self.columns if column.required]


RESOURCES = SheetSpec(
    name="地域資源",
    table="T_地域資源",
    model="Resource",
    id_field="resource_id",
    id_prefix="R",
    columns=(
        Column(
            "resource_id",
            "資源ID",
            Kind.ID,
            True,
            width=10,
            help="R0001 の形で一意に付けます。空欄なら「検証」が番号の案を出し、"
            "「修正案を反映」で入ります。",
        ),
        Column(
            "name",
            "名称",
            Kind.TEXT,
            True,
            width=30,
            max_length=100,
            help="団体・活動の名称です。",
        ),
        Column(
            "name_kana",
            "名称カナ",
            Kind.KANA,
            width=30,
            help="全角カタカナで入力します。",
        ),
        Column(
            "category",
            "種別",
            Kind.CHOICE,
            True,
            choices="種別",
            width=22,
            help="一覧から選びます。一覧は「リスト」シートで増やせます。",
        ),
        Column(
            "area",
            "圏域",
            Kind.AREA,
            True,
            width=14,
            help="「圏域」シートの圏域名から選びます。",
        ),
        Column("place", "活動場所", width=22),
        Column(
            "address",
            "住所",
            Kind.ADDRESS,
            width=28,
            help="豊島区内の住所です（例: 東池袋2-38-10）。",
        ),
        Column("schedule", "活動日時", width=20),
        Column("target", "対象", width=14),
        Column("fee", "費用", width=12),
        Column("organizer", "運営団体", width=22),
        Column(
            "phone",
            "電話番号",
            Kind.PHONE,
            width=16,
            help="市外局番から入力します（例: 03-3981-1111）。",
        ),
        Column(
            "contact_person",
            "担当者",
            width=14,
            personal=True,
            help="個人情報です。冊子や公開資料には出ません。",
        ),
        Column(
            "visibility",
            "公開区分",
            Kind.CHOICE,
            True,
            choices="公開区分",
            width=10,
            help="区民に公開してよい情報は「公開可」です。",
        ),
        Column("status", "状態", Kind.CHOICE, True, choices="状態", width=10),
        Column(
            "registered_on",
            "登録日",
            Kind.DATE,
            True,
            width=14,
            help="日付を入力します（例: 2021/7/9）。",
        ),
        Column("last_checked_on", "最終確認日", Kind.DATE, width=14),
        Column("remarks", "備考", width=30, max_length=2000),
    ),
)

AREAS = SheetSpec(
    name="圏域",
    table="T_圏域",
    model="Area",
    id_field="name",
    columns=(
        Column(
            "name",
            "圏域名",
            Kind.ID,
            True,
            width=16,
            help="8つの圏域の名称です。ほかのシートの「圏域」はここから選びます。",
        ),
        Column("center", "高齢者総合相談センター", width=26),
        Column(
            "towns",
            "担当町丁目",
            Kind.TOWNS,
            width=60,
            help="町名を「、」で区切ります。丁目まで分かれる町は「南長崎1～3丁目」の形です。",
        ),
        Column("coordinator", "第2層コーディネーター", width=20, personal=True),
        Column("population_65", "65歳以上人口", Kind.INTEGER, width=14),
    ),
)

BENCHES = SheetSpec(
    name="ベンチ",
    table="T_ベンチ",
    model="Bench",
    id_field="bench_id",
    id_prefix="B",
    columns=(
        Column("bench_id", "ベンチID", Kind.ID, True, width=10),
        Column("place", "設置場所", Kind.TEXT, True, width=30),
        Column("address", "住所", Kind.ADDRESS, True, width=24),
        Column("area", "圏域", Kind.AREA, True, width=14),
        Column("kind", "区分", Kind.CHOICE, choices="ベンチ区分", width=12),
        Column(
            "fiscal_year",
            "設置年度",
            Kind.FISCAL_YEAR,
            width=10,
            help="R3 または 2021 の形で入力します。",
        ),
        Column("installed_on", "設置日", Kind.DATE, width=14),
        Column("partner", "協力者", width=22),
        Column("sticker", "ステッカー", Kind.CHOICE, choices="有無", width=10),
        Column("insurance", "保険", Kind.CHOICE, choices="有無", width=8),
        Column("status", "状態", Kind.CHOICE, True, choices="ベンチ状態", width=10),
        Column("remarks", "備考", width=30, max_length=2000),
    ),
)

MEETINGS = SheetSpec(
    name="会議",
    table="T_会議",
    model="Meeting",
    id_field="meeting_id",
    id_prefix="M",
    columns=(
        Column("meeting_id", "会議ID", Kind.ID, True, width=10),
        Column("body", "会議体", Kind.CHOICE, True, choices="会議体", width=22),
        Column("number", "回", Kind.INTEGER, width=6),
        Column("held_on", "開催日", Kind.DATE, True, width=14),
        Column("theme", "テーマ", width=36),
        Column("guests", "ゲスト", width=30),
        Column("participants", "参加者数", Kind.INTEGER, width=10),
        Column(
            "area", "圏域", Kind.AREA, width=14, help="区全域の会議は空欄にします。"
        ),
        Column("remarks", "備考", width=30, max_length=2000),
    ),
)

DATA_SHEETS: tuple[SheetSpec, ...] = (RESOURCES, AREAS, BENCHES, MEETINGS)

LIST_SHEET = "リスト"

# Dropdown sources written into a new workbook. Staff may add values in the
# リスト sheet; the workbook's own lists win over these defaults.
DEFAULT_LISTS: dict[str, tuple[str, ...]] = {
    "種別": (
        "健康体操・としまる体操",
        "地域のつどいの場",
        "助け合い活動",
        "配食サービス",
        "多世代交流の場",
        "運動・趣味のサークル",
        "ボランティアグループ",
        "サロン",
    ),
    "会議体": (
        "第1層協議体",
        "地区懇談会",
        "自立支援地域ケア会議",
        "地域ケア会議全体会議",
        "まちづくり検討会議",
        "第2層SC定例会",
        "交流会",
        "研修",
    ),
    "状態": ("活動中", "休止中", "廃止"),
    "公開区分": ("公開可", "非公開"),
    "ベンチ区分": ("モデル実施", "本実施"),
    "ベンチ状態": ("設置中", "撤去済"),
    "有無": ("あり", "なし"),
}

PUBLIC = "公開可"
PRIVATE = "非公開"
ACTIVE_STATUS = "活動中"
ENDED_STATUS = "廃止"
COUNCIL_BODY = "第1層協議体"

# The eight areas, named after their 高齢者総合相談センター, in the ward's order.
AREA_NAMES: tuple[str, ...] = (
    "菊かおる園",
    "東部",
    "中央",
    "いけよんの郷",
    "アトリエ村",
    "西部",
    "ふくろうの杜",
    "豊島区医師会",
)

# Sheets that the tool owns and rewrites on every run.
FINDINGS_SHEET = "検証結果"
DUPLICATES_SHEET = "重複候補"
COUNTS_SHEET = "集計"
REPORT_SHEET = "報告"
BOOKLET_SHEET = "冊子"
MERGE_HISTORY_SHEET = "統合履歴"
HELP_SHEET = "使い方"
OUTPUT_SHEETS: tuple[str, ...] = (
    FINDINGS_SHEET,
    DUPLICATES_SHEET,
    COUNTS_SHEET,
    REPORT_SHEET,
    BOOKLET_SHEET,
    MERGE_HISTORY_SHEET,
)

# The 使い方 cell labelled so; the 取込 button reads the path typed right of it.
IMPORT_SOURCE_LABEL = "取込元"

# The only column of 重複候補 that staff fill.
DECISION_HEADER = "判定"


def normalize_header(text: object) -> str:
    """Fold a header for matching: NFKC, no spaces of any width, no line breaks."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in folded if not ch.isspace())


def sheet_spec(name: str) -> SheetSpec | None:
    """Find the data sheet spec whose name matches ``name`` tolerantly."""
    key = normalize_header(name)
    for spec in DATA_SHEETS:
        if normalize_header(spec.name) == key:
            return spec
    return None


@dataclass
class HeaderMatch:
    """Mapping of one sheet's typed header row onto its spec."""

    field_positions: dict[str, int] = field(default_factory=dict)
    typed_headers: list[str] = field(default_factory=list)
    extra_positions: list[int] = field(default_factory=list)
    duplicate_positions: list[int] = field(default_factory=list)


def match_headers(spec: SheetSpec, header_row: list[object]) -> HeaderMatch:
    """Map the typed header row onto the spec's fields by folded header text.

    Unknown headers are kept as extra columns. A header typed twice maps to
    its first position, and later positions are listed as duplicates.
    """
    wanted = {normalize_header(column.header): column.field for column in spec.columns}
    match = HeaderMatch(typed_headers=["" if h is None else str(h) for h in header_row])
    for position, typed in enumerate(header_row):
        key = normalize_header(typed)
        if not key:
            continue
        field_name = wanted.get(key)
        if field_name is None:
            match.extra_positions.append(position)
        elif field_name in match.field_positions:
            match.duplicate_positions.append(position)
        else:
            match.field_positions[field_name] = position
    return match
