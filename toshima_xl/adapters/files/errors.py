"""Errors raised when a workbook file cannot be read or written safely.

Each error carries a stable English ``code`` for tests and logs, and a
Japanese ``message_ja`` for staff that names the file and what to do.
"""

from __future__ import annotations

from pathlib import Path

# Japanese sentences per code. ``{name}`` is the file name, ``{detail}`` the
# detail text of the error.
MESSAGES_JA: dict[str, str] = {
    "file.not_found": "ファイル「{name}」が見つかりません。ファイル名と保存場所を確認してください。",
    "file.empty": "ファイル「{name}」は空です（0バイト）。元のファイルを保存し直してから指定してください。",
    "file.too_large": "ファイル「{name}」は大きすぎるため読みません（{detail}）。不要なシートを削除するか、上限を引き上げて（コマンドでは --max-file-mb）実行してください。",
    "file.not_zip": "ファイル「{name}」はExcelのブック（.xlsx）ではありません。Excelで開き、「Excel ブック (*.xlsx)」の形式で保存し直してください。",
    "file.corrupt": "ファイル「{name}」は壊れているため読めません（{detail}）。Excelで開いて修復するか、元のファイルを用意してください。",
    "file.encrypted": "ファイル「{name}」はパスワードで保護されています。Excelでパスワードを解除して保存し直してから指定してください。",
    "file.xls": "ファイル「{name}」は古い形式（.xls）のブックです。Excelで開き、「Excel ブック (*.xlsx)」の形式で保存し直してください。",
    "file.csv": "ファイル「{name}」はCSVなどのテキストファイルで、拡張子だけが .xlsx になっています。Excelで開き、「Excel ブック (*.xlsx)」の形式で保存し直してください。",
    "file.zip_bomb": "ファイル「{name}」は展開後のサイズや部品の数が上限を超えるため読みません（{detail}）。実際のブックであれば、上限を引き上げて（コマンドでは --max-unzipped-mb）実行してください。",
    "file.timeout": "ファイル「{name}」の読み込みが制限時間内に終わりませんでした（{detail}）。不要なシートを削除するか、制限時間を延ばして実行してください。",
    "file.locked": "ファイル「{name}」はExcelなどで開かれているため書き込めません。ファイルを閉じてから実行し直してください。",
    "file.unsupported_parts": "ファイル「{name}」には保存すると失われる要素（{detail}）があるため、上書きしません。別のファイル名を出力先に指定してください。",
    "sheet.foreign": "ファイル「{name}」の{detail}は、このツールが書き出したシートではないため、置き換えません。中身を残すため、このシートの名前を変えてから実行し直してください。",
    "table.totals_row": "ファイル「{name}」の{detail}には集計行があるため、行を追加しませんでした（集計行の下に追加すると、追加した最後の行が集計行になります）。何も書き込んでいません。Excelで表を選び、「テーブルデザイン」タブの「集計行」のチェックを外して保存してから、もう一度実行してください。",
    "file.unwritable": "ファイル「{name}」を保存できません（{detail}）。保存先のフォルダと空き容量、書き込み権限を確認してください。",
}


class WorkbookFileError(Exception):
    """A workbook file that the file adapter rejects, with a code and a message.

    Attributes:
        code: stable English identifier such as ``file.corrupt``.
        path: the file concerned.
        detail: English or mixed detail for logs, also shown inside the message.
        message_ja: a full Japanese sentence for staff.
    """

    def __init__(self, code: str, path: Path | str, detail: str = "") -> None:
        self.code = code
        self.path = Path(path)
        self.detail = detail
        template = MESSAGES_JA[code]
        self.message_ja = template.format(name=self.path.name, detail=detail)
        super().__init__(f"{code}: {self.path}: {detail}" if detail else code)

    def __reduce__(self):
        # Rebuild from the constructor arguments, so that an error raised in the
        # worker process arrives in the parent with every attribute.
        return (type(self), (self.code, str(self.path), self.detail))


class WorkbookReadError(WorkbookFileError):
    """A workbook that cannot be read safely."""


class WorkbookWriteError(WorkbookFileError):
    """A workbook that cannot be written without losing data."""
