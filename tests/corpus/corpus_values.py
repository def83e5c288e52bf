"""Corpus cases for cell values: dates, counts, phones, addresses, kana, text.

Each case varies one column over a sheet's rows; every other cell of a row
is clean. An entry is the typed value (or a dict of header -> value when a
second cell must change with it) followed by the findings of that row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from corpus_book import ANY, Case, Cell, Expected

RESOURCES = "地域資源"
MEETINGS = "会議"
BENCHES = "ベンチ"


class Other:
    """A finding of the same row in another column than the one varied."""

    def __init__(self, code: str, column: str, suggestion: Any = ANY) -> None:
        self.code, self.column, self.suggestion = code, column, suggestion


def column_case(
    file: str, description: str, sheet: str, header: str, entries: list[tuple]
) -> Case:
    """Build a case that types one value per row into ``header`` of ``sheet``.

    An entry is ``(typed, *findings)``; a finding is a code, a ``(code,
    suggestion)`` pair, or an :class:`Other` for a different column.
    """
    rows, expected = [], []
    for excel_row, (typed, *findings) in enumerate(entries, start=2):
        rows.append(typed if isinstance(typed, dict) else {header: typed})
        for finding in findings:
            if isinstance(finding, Other):
                column, code, suggestion = (
                    finding.column,
                    finding.code,
                    finding.suggestion,
                )
            elif isinstance(finding, tuple):
                column, (code, suggestion) = header, finding
            else:
                column, code, suggestion = header, finding, ANY
            expected.append(Expected(code, sheet, excel_row, column, suggestion))
    return Case(file, description, {sheet: tuple(rows)}, tuple(expected))


JULY_9 = date(2021, 7, 9)

# fmt: off
DATE_ENTRIES: list[tuple] = [
    (datetime(2021, 7, 9),),
    (datetime(2021, 7, 9, 14, 30),),
    ("2021-07-09",),
    ("2021/7/9", ("date.text", JULY_9)),
    ("2021.7.9", ("date.text", JULY_9)),
    ("2021年7月9日", ("date.text", JULY_9)),
    ("20210709", ("date.text", JULY_9)),
    ("令和3年7月9日", ("date.text", JULY_9)),
    ("令和三年七月九日", ("date.text", JULY_9)),
    ("令和3年7月9日（金）", ("date.text", JULY_9)),
    ("令和元年5月1日", ("date.text", date(2019, 5, 1))),
    ("R3.7.9", ("date.text", JULY_9)),
    ("R3/7/9", ("date.text", JULY_9)),
    ("r3.7.9", ("date.text", JULY_9)),
    ("Ｒ３．７．９", ("date.text", JULY_9)),
    ("２０２１/７/９", ("date.text", JULY_9)),
    ("H31.4.30", ("date.text", date(2019, 4, 30))),
    ("平成31年4月30日", ("date.text", date(2019, 4, 30))),
    ("S63.12.1", ("date.text", date(1988, 12, 1))),
    ("平成31年5月1日", ("date.era_mismatch", "令和元年5月1日")),
    ("平成32年4月1日", ("date.era_mismatch", "令和2年4月1日")),
    ("令和元年4月30日", ("date.before_era", None)),
    ("令和3年2月30日", ("date.nonexistent", None)),
    ("2021/13/1", ("date.nonexistent", None)),
    ("7月9日", ("date.invalid", None)),
    ("未定", ("date.invalid", None)),
    ("2099/1/1", ("date.text", date(2099, 1, 1)), "date.future"),
    (datetime(2099, 1, 1), "date.future"),
    (Cell(44386, number_format="General"),),
    (Cell(2021, number_format="General"), "date.too_old"),
    (Cell(43586, format_id=57),),
    (Cell(43585, format_id=58),),
    (Cell(44386, format_id=31),),
    (Cell(44386.5, format_id=22),),
]

MEETING_DATE_ENTRIES: list[tuple] = [
    (datetime(2024, 5, 1),),
    (datetime(2025, 3, 31),),
    (datetime(2099, 1, 1), "date.future"),
    ("令和9年1月1日", ("date.text", date(2027, 1, 1)), "date.future"),
]

COUNT_ENTRIES: list[tuple] = [
    (18,),
    ("18",),
    ("１８", ("number.text", 18)),
    ("18名", ("number.text", 18)),
    ("１８人", ("number.text", 18)),
    ("十八", ("number.text", 18)),
    ("約20", ("number.approximate", 20)),
    ("20名程度", ("number.approximate", 20)),
    ("1,234", ("number.text", 1234)),
    ("１，２３４人", ("number.text", 1234)),
    (-3, ("number.negative", None)),
    ("-3", ("number.negative", None)),
    ("－３", ("number.negative", None)),
    (18.5, ("number.invalid", None)),
    ("不明", ("number.invalid", None)),
    ({"回": "第2回"}, Other("number.text", "回", 2)),
]

PHONE_ENTRIES: list[tuple] = [
    ("03-3981-1101",),
    ("０３－３９８１－１１０２",),
    ("03ー3981ー1103", ("phone.format", "03-3981-1103")),
    ("03ｰ3981ｰ1104", ("phone.format", "03-3981-1104")),
    ("03‐3981‐1105", ("phone.format", "03-3981-1105")),
    ("03−3981−1106", ("phone.format", "03-3981-1106")),
    ("03–3981–1107", ("phone.format", "03-3981-1107")),
    ("03—3981—1108", ("phone.format", "03-3981-1108")),
    ("03―3981―1109", ("phone.format", "03-3981-1109")),
    ("(03)3981-1110", ("phone.format", "03-3981-1110")),
    ("03(3981)1111", ("phone.format", "03-3981-1111")),
    ("（０３）３９８１－１１１２", ("phone.format", "03-3981-1112")),
    ("03 3981 1113", ("phone.format", "03-3981-1113")),
    ("0339811114", ("phone.format", "03-3981-1114")),
    (339811115, ("phone.format", "03-3981-1115")),
    ("+81-3-3981-1116", ("phone.format", "03-3981-1116")),
    ("03-3981-1117 内線12",),
    ("090-1234-5601",),
    ("09012345602", ("phone.format", "090-1234-5602")),
    ("0120-123-456",),
    ("0120123457", ("phone.format", "0120-123-457")),
    ("3981-1118", ("phone.no_area_code", "03-3981-1118")),
    ("03-3981-111", ("phone.invalid", None)),
    ("03-3981-11190", ("phone.invalid", None)),
    ("090-1234-560", ("phone.invalid", None)),
]
# fmt: on


def in_area(address: str, area: str) -> dict[str, str]:
    return {"住所": address, "圏域": area}


# fmt: off
ADDRESS_ENTRIES: list[tuple] = [
    ("池袋本町3-20-1",),
    ("東京都豊島区池袋本町三丁目20番1号",),
    ("豊島区池袋本町3丁目20番地1号",),
    ("池袋本町3丁目20-1",),
    ("池袋本町三丁目二十番一号",),
    ("池袋本町3−20−1",),
    ("池袋本町３ー２０ー１",),
    ("池袋本町3‐20‐1",),
    ("池袋本町3-20の1",),
    ("池袋本町3-20-1 ひまわりハイツ101",),
    ("池袋本町3丁目20番1号　コーポラス池袋201号室",),
    ("池袋本町", "address.invalid"),
    ("池袋本町9-1-1", "address.chome_unknown"),
    ("新宿区西新宿2-8-1", "address.outside_ward"),
    ("練馬区豊玉北6-12-1", "address.outside_ward"),
    (in_area("千早2-39-16", "西部"),),
    (in_area("千早２丁目３９番１６号", "西部"),),
    (in_area("千川1-5-3", "西部"),),
    (in_area("雑司ヶ谷3-1-1", "中央"),),
    (in_area("東池袋2-38-10", "中央"),),
    (in_area("東池袋4-5-2", "中央"), Other("address.area_mismatch", "圏域", "豊島区医師会")),
    ("駒込4-3-9", Other("address.area_mismatch", "圏域", "菊かおる園")),
]

KANA_ENTRIES: list[tuple] = [
    ("ヒマワリサロン",),
    ("コーヒーサークル",),
    ("ひまわりさろん", ("kana.not_katakana", "ヒマワリサロン")),
    ("ﾋﾏﾜﾘｻﾛﾝ", ("kana.not_katakana", "ヒマワリサロン")),
    ("ｺｰﾋｰｻｰｸﾙ", ("kana.not_katakana", "コーヒーサークル")),
    ("こーひーさーくる", ("kana.not_katakana", "コーヒーサークル")),
    ("向日葵サロン", ("kana.unconvertible", None)),
]

FORMULA_TEXT_ENTRIES: list[tuple] = [
    (Cell("=SUM(A1:A3)", apostrophe=True), "cell.formula_text"),
    ("+81の番号もあり", "cell.formula_text"),
    ("-休止中-", "cell.formula_text"),
    ("@としま会議", "cell.formula_text"),
    ("＝全角の等号は数式になりません",),
    ("毎月第2水曜、=は不要",),
]

LONG_NAME_ENTRIES: list[tuple] = [
    ({"名称": "としまコーヒーサークル", "名称カナ": "トシマコーヒーサークル"},),
    ({"名称": "ボランティアグループ・ゆーとぴあ", "名称カナ": "ボランティアグループユートピア"},),
]

CHOICE_ENTRIES: list[tuple] = [
    ({"公開区分": "公開"}, Other("choice.unknown", "公開区分", "公開可")),
    ({"公開区分": "公開可 "},),
    ({"公開区分": "非公開"},),
    ({"状態": "活動"}, Other("choice.unknown", "状態", "活動中")),
    ({"種別": "としまる体操"}, Other("choice.unknown", "種別", "健康体操・としまる体操")),
    ({"種別": "サロン活動"}, Other("choice.unknown", "種別", "サロン")),
    ({"圏域": "菊かおる園圏域", "住所": "駒込1-2-3"}, Other("area.unknown", "圏域", "菊かおる園")),
    ({"圏域": "いけよん", "住所": "池袋1-2-3"}, Other("area.unknown", "圏域", "いけよんの郷")),
    ({"種別": "eスポーツ交流会"},),
    ({"種別": "囲碁・将棋"}, Other("choice.unknown", "種別")),
]

ID_ENTRIES: list[tuple] = [
    ("R0001", "id.duplicate"),
    ("R0001", "id.duplicate"),
    (None, ("id.blank", "R0010")),
    (" R0004 ", ("id.spaces", "R0004")),
    ("R0005\u3000", ("id.spaces", "R0005")),
    ("Ｒ０００６",),
    ("r0007", "id.format"),
    ("R8", "id.format"),
    ("R0009", "id.duplicate"),
    ("R0009 ", ("id.spaces", "R0009"), "id.duplicate"),
    (None, ("id.blank", "R0011")),
]
# fmt: on


def add_list_value(workbook: Any) -> None:
    """Add 「eスポーツ交流会」 to the 種別 column of the workbook's リスト sheet."""
    sheet = workbook["リスト"]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("種別") + 1
    row = 2
    while sheet.cell(row, column).value is not None:
        row += 1
    sheet.cell(row, column, "eスポーツ交流会")


def with_edit(case: Case, edit: Any) -> Case:
    return Case(case.file, case.description, case.rows, case.expected, edit=edit)


# fmt: off
VALUE_CASES: tuple[Case, ...] = (
    column_case("値_日付.xlsx", "dates in every typed form", RESOURCES, "登録日", DATE_ENTRIES),
    column_case("値_開催日.xlsx", "meeting dates ahead of today", MEETINGS, "開催日", MEETING_DATE_ENTRIES),
    column_case("値_参加者数.xlsx", "counts typed as text", MEETINGS, "参加者数", COUNT_ENTRIES),
    column_case("値_電話番号.xlsx", "phones typed every way", RESOURCES, "電話番号", PHONE_ENTRIES),
    column_case("値_住所.xlsx", "Toshima addresses typed every way", RESOURCES, "住所", ADDRESS_ENTRIES),
    column_case("値_名称カナ.xlsx", "readings in other scripts", RESOURCES, "名称カナ", KANA_ENTRIES),
    column_case("値_数式風の文字.xlsx", "text that looks like a formula", RESOURCES, "備考", FORMULA_TEXT_ENTRIES),
    column_case("値_長音.xlsx", "names with long vowels", RESOURCES, "名称", LONG_NAME_ENTRIES),
    with_edit(
        column_case("値_リスト.xlsx", "values close to a list value", RESOURCES, "種別", CHOICE_ENTRIES),
        add_list_value,
    ),
    column_case("値_ID.xlsx", "duplicate, blank and spaced IDs", RESOURCES, "資源ID", ID_ENTRIES),
)
# fmt: on
