"""The catalogue of finding codes and the Japanese messages shown to staff.

Codes are stable English identifiers that tests and filters use. Templates
are Japanese and may change freely. Every template names the place (sheet,
row, column) through the shared prefix, then the problem, the value and what
to do. Placeholders are filled with ``str.format``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toshima_xl.core.dataset import Finding, Severity

E = Severity.ERROR
W = Severity.WARNING
I = Severity.INFO  # noqa: E741


@dataclass(frozen=True)
class Template:
    severity: Severity
    text: str


# One template per line, so that each reads whole; ruff format would wrap them.
# fmt: off
CATALOGUE: dict[str, Template] = {
    # workbook structure
    "sheet.ambiguous": Template(E, "シート名「{value}」は「{used}」と同じ名前として扱われるため、検証していません。不要なシートなら削除し、必要なら別の名前に変えてください。"),
    "sheet.partly_read": Template(W, "使われている範囲が大きすぎるため、見出しのある列より右の {value} は読んでいません。この範囲の値が不要なら列ごと削除し、必要なら見出しを付けてください。"),
    "sheet.missing": Template(E, "シート「{sheet}」がありません。テンプレートと同じ名前のシートを追加してください。"),
    "header.missing": Template(E, "必須の列「{header}」が見つかりません。{hint}見出し行に「{header}」を追加してください。"),
    "header.misspelled": Template(W, "見出し「{value}」は想定の列名と一致しません。「{expected}」の誤りなら見出しを直してください。"),
    "header.duplicate": Template(E, "見出し「{value}」が2回以上あります。1つにまとめてください（最初の列だけを読みます）。"),
    "header.merged": Template(W, "見出しのセル {value} が結合されています。結合を解除し、列ごとに見出しを入れてください。"),
    "header.not_found": Template(E, "見出し行が見つかりません。1行目に「{expected}」などの見出しを入れてください。"),
    "row.hidden": Template(I, "この行は非表示ですが、検証と集計の対象にしています。対象外にするなら「状態」を「廃止」にしてください。"),
    "row.blank_gap": Template(I, "表の途中に空行があります（{value}行）。空行は読み飛ばしています。不要なら削除してください。"),
    # cells
    "cell.required": Template(E, "必須項目が空欄です。値を入力してください。"),
    "cell.formula_error": Template(E, "数式がエラー「{value}」を返しています。数式の参照先を直すか、値で入力してください。"),
    "cell.error_value": Template(E, "セルの値がエラー値「{value}」です。数式の結果なら参照先を直し、そうでなければ正しい値を入力してください。"),
    "cell.formula_uncached": Template(W, "数式の計算結果が保存されていません。Excelで開いて保存し直してください。"),
    "cell.apostrophe": Template(I, "値「{value}」は先頭にアポストロフィ（'）が付いています。付けずに入力してください。"),
    "cell.too_long": Template(W, "値が長すぎます（{length}文字、上限{limit}文字）。要点に絞ってください。"),
    "cell.formula_text": Template(W, "値「{value}」は「{first}」で始まるため、出力では文字列として扱います。意図した値か確認してください。"),
    "date.invalid": Template(E, "値「{value}」を日付として読めません。2021/7/9 や 令和3年7月9日 の形で入力してください。"),
    "date.nonexistent": Template(E, "日付「{value}」は存在しません。月日を確認してください。"),
    "date.future": Template(W, "日付「{value}」が未来の日付です。入力の誤りでないか確認してください。"),
    "date.text": Template(I, "日付「{value}」が文字列で入力されています。日付「{suggestion}」として読みました。"),
    "date.era_mismatch": Template(W, "日付「{value}」はその元号が終わった後の日付です。「{suggestion}」として読みました。元号を確認してください。"),
    "date.before_era": Template(E, "日付「{value}」はその元号が始まる前の日付です。元号と年を確認してください。"),
    "date.too_old": Template(W, "日付「{value}」は{year}年で、古すぎます。数値が日付として読まれていないか確認してください。"),
    "date.before_registration": Template(W, "最終確認日「{value}」が登録日「{registered}」より前です。どちらかの日付の誤りでないか確認してください。"),
    "date.fiscal_year_mismatch": Template(W, "設置日「{value}」は{installed_year}ですが、設置年度は「{fiscal_year}」です。設置日か設置年度のどちらかを直してください。"),
    "number.invalid": Template(E, "値「{value}」を数として読めません。半角の整数で入力してください。"),
    "number.negative": Template(E, "値「{value}」が負の数です。0以上の数を入力してください。"),
    "number.text": Template(I, "値「{value}」を数「{suggestion}」として読みました。数値だけを入力してください。"),
    "number.too_small": Template(E, "値「{value}」は小さすぎます。{minimum}以上の整数を入力してください。"),
    "number.too_large": Template(E, "値「{value}」は大きすぎます（上限{limit:,}）。入力の誤りでないか確認し、正しい数を入力してください。"),
    "number.approximate": Template(W, "値「{value}」はおおよその数です。「{suggestion}」として集計します。分かれば正確な数を入力してください。"),
    "fiscal_year.invalid": Template(E, "値「{value}」を年度として読めません。R3 や 2021 の形で入力してください。"),
    "fiscal_year.future": Template(E, "年度「{value}」は先すぎます（{latest}まで）。年度の数字を確認してください。"),
    "phone.bad_prefix": Template(E, "電話番号「{value}」は 00 で始まっています。市外局番（03 など）から入力してください。"),
    "phone.invalid": Template(E, "電話番号「{value}」の桁数が正しくありません（{digits}桁）。市外局番から10桁または11桁で入力してください。"),
    "phone.format": Template(I, "電話番号「{value}」を「{suggestion}」の形にそろえられます。"),
    "phone.no_area_code": Template(W, "電話番号「{value}」に市外局番がありません。区内の番号なら「{suggestion}」と入力してください。"),
    "address.outside_ward": Template(E, "住所「{value}」は豊島区の町名で始まっていません。豊島区内の住所を入力してください。"),
    "address.invalid": Template(W, "住所「{value}」の番地を読み取れません。「東池袋2-38-10」の形で入力してください。"),
    "address.area_mismatch": Template(W, "住所の町名「{town}」は圏域「{expected}」の担当ですが、圏域が「{value}」になっています。圏域を確認してください。"),
    "address.chome_unknown": Template(W, "住所「{value}」の{town}に{chome}丁目はありません（{limit}丁目まで）。丁目を確認してください。"),
    "town.unknown": Template(W, "町名「{value}」は豊島区の町名にありません。町名を確認してください。"),
    "town.unassigned": Template(W, "どの圏域の「担当町丁目」にもない町丁目があります: {towns}。これらの住所は圏域との照合をしていません。担当する圏域の「担当町丁目」に追加してください。"),
    "town.unchecked": Template(I, "「担当町丁目」が空欄のため、住所と圏域の照合をしていません。照合するには各圏域の担当町丁目を入力してください。"),
    "town.assigned_twice": Template(W, "町丁目「{value}」は圏域「{other}」の担当町丁目にもあります。どちらか一方にしてください（先の圏域「{other}」を使います）。"),
    "kana.not_katakana": Template(W, "名称カナ「{value}」に全角カタカナ以外の文字があります。「{suggestion}」に直してください。"),
    "kana.unconvertible": Template(W, "名称カナ「{value}」に、カタカナに直せない文字があります。読みを全角カタカナで入力してください。"),
    "choice.unknown": Template(E, "値「{value}」は「リスト」シートの「{list_name}」にありません。一覧から選んでください。{hint}"),
    "list.not_text": Template(W, "リストの値「{value}」が文字ではなく{kind}として入力されています。ほかのシートの値とは文字として照合するため、一致しないことがあります。セルの表示形式を「文字列」にして入力し直してください。"),
    "list.duplicate": Template(I, "リストの値「{value}」は{other_rows}行目にもあります。どちらかを削除してください。"),
    "area.nonstandard": Template(W, "圏域名「{value}」は区の8つの圏域の名前と違います。{hint}名前を確認してください。"),
    "area.unknown": Template(E, "圏域「{value}」は「圏域」シートにありません。圏域名から選んでください。{hint}"),
    "id.duplicate": Template(E, "ID「{value}」が{other_rows}行目と重複しています。別のIDを付けてください。"),
    "id.blank": Template(E, "IDが空欄です。「{suggestion}」を付けられます。"),
    "id.spaces": Template(W, "ID「{value}」の前後に空白があります。「{suggestion}」に直してください。"),
    "id.format": Template(W, "ID「{value}」は「{prefix}0001」の形ではありません。形をそろえてください。"),
    "value.invalid": Template(E, "値「{value}」は受け付けられません（{detail}）。入力を確認してください。"),
    # duplicates
    "duplicate.candidate": Template(W, "{other_rows}行目と重複の可能性があります。理由: {reason}。「重複候補」シートのグループ{group}の「判定」欄に、残す行は「残す」、統合する行は「統合」、別の資源なら「別」と入力してください。"),
    # file level
    "file.unreadable": Template(E, "ファイルを読めません（{detail}）。Excelで開けるか確認し、.xlsx で保存し直してください。"),
}
# fmt: on

# Shown before every message that points at a place in a workbook.
PLACE_ROW = "「{sheet}」シート {row}行目「{column}」: "
PLACE_ROW_ONLY = "「{sheet}」シート {row}行目: "
PLACE_SHEET = "「{sheet}」シート: "


def format_place(sheet: str, row: int | None, column: str | None) -> str:
    if row is None:
        return PLACE_SHEET.format(sheet=sheet)
    if column is None:
        return PLACE_ROW_ONLY.format(sheet=sheet, row=row)
    return PLACE_ROW.format(sheet=sheet, row=row, column=column)


def make_finding(
    code: str,
    sheet: str,
    row: int | None = None,
    column: str | None = None,
    value: Any = None,
    suggestion: Any = None,
    column_index: int | None = None,
    **params: Any,
) -> Finding:
    """Build a finding whose message is the place plus the code's template."""
    template = CATALOGUE[code]
    shown = "" if value is None else str(value)
    text = template.text.format(
        value=shorten(shown), suggestion=suggestion, sheet=sheet, **params
    )
    return Finding(
        code=code,
        severity=template.severity,
        sheet=sheet,
        row=row,
        column=column,
        value=value,
        message=format_place(sheet, row, column) + text,
        suggestion=suggestion,
        column_index=column_index,
    )


def shorten(text: str, limit: int = 40) -> str:
    """Cut a long value for display, so that one message stays one line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def list_values(values: list[str], limit: int = 10) -> str:
    """Join values for a message, showing at most ``limit`` then 「ほか N 件」."""
    shown = "、".join(values[:limit])
    rest = len(values) - limit
    return f"{shown}ほか {rest} 件" if rest > 0 else shown
