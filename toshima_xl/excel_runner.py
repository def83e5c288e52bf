"""The run of a ribbon click: read the active workbook, compute, write, report.

The entry points in ``toshima_xl.excel`` hand their computation to
``run_command``; everything here is shared by them. Imports stay inside the
functions, so that a ribbon click costs little before the work starts.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# The add-in's own file types. xw.Book.caller() returns the add-in when the
# ribbon calls; the workbook to work on is then the active one.
ADDIN_SUFFIXES = (".xlam", ".xla")

NO_SUBMISSION_MESSAGE = (
    "取り込む提出ブックが指定されていません。"
    "「使い方」シートの「取込元」と書いたセルの右のセルに、"
    "提出ブックのパス（例: C:\\提出\\ふくろうの杜.xlsx）を入力してから、"
    "もう一度ボタンを押してください。"
)

NOT_TOSHIMA_MESSAGE = (
    "このブックには「地域資源」「圏域」「ベンチ」「会議」のどのシートもありません。"
    "豊島区の生活支援コーディネーター用のブック（テンプレートから作ったもの）を"
    "開いて選んでから、もう一度ボタンを押してください。"
)


def previous_decisions(raw: Any) -> dict[str, str]:
    """Return the 判定 values of the workbook's current 重複候補 sheet by キー."""
    from toshima_xl.core.merge import read_decisions
    from toshima_xl.schema import DUPLICATES_SHEET

    return read_decisions(raw_sheet(raw, DUPLICATES_SHEET))


Compute = Callable[[Any, Any, date], Any]


class ActionStopped(Exception):
    """A button that cannot start, with the Japanese reason to show staff."""


def run_command(
    label: str, compute: Any, book: Any = None, steps: Callable | None = None
) -> None:
    """Read the active workbook, run ``compute`` on it, write back and report.

    Args:
        label: the button's Japanese name, used in messages.
        compute: takes the dataset, the raw workbook and today's date and
            returns the results to write (for ``run_steps``), or what
            ``steps`` expects.
        book: the workbook to work on; the active workbook when None.
        steps: the read, compute and write steps; ``run_steps`` when None.
    """
    from toshima_xl.adapters.live import StatusBar
    from toshima_xl.adapters.live.status import show_alert

    log_path = start_logging()
    book = book if book is not None else active_workbook()
    status = StatusBar(book)
    try:
        message = (steps or run_steps)(label, compute, book, status)
        show_alert(book, message)
    except ActionStopped as stop:
        logger.info("%s stopped: %s", label, stop)
        show_alert(book, f"「{label}」を実行しませんでした。\n{stop}")
    except Exception as error:  # every failure must reach staff as a message box
        logger.exception("%s failed", label)
        show_alert(book, failure_message(label, error, log_path), critical=True)
    finally:
        status.clear()


def run_steps(label: str, compute: Compute, book: Any, status: Any) -> str:
    """Run the read, compute and write steps and return the closing message."""
    from toshima_xl.adapters.live import read_book, write_results
    from toshima_xl.core.tables import build_dataset

    status.show(f"{label}: ブックを読んでいます…")
    raw = read_book(book)
    if not is_toshima_workbook(raw.sheets):
        return NOT_TOSHIMA_MESSAGE

    dataset = build_dataset(raw)
    status.show(f"{label}: 確認しています…")
    results = compute(dataset, raw, date.today())
    stop_at_foreign_sheets(raw, [sheet.name for sheet in results.sheets])

    status.show(f"{label}: 結果を書き込んでいます…")
    written = write_results(book, results, dataset)
    logger.info(
        "%s done: %d rows checked, %d findings, sheets %s",
        label,
        results.summary.get("rows_checked", 0),
        len(results.findings),
        written.rows,
    )
    return summary_message(label, dataset, results, written)


def stop_at_foreign_sheets(raw: Any, names: list[str]) -> None:
    """Raise ActionStopped when a sheet about to be rewritten was made by staff.

    Staff may have made a sheet of their own named 検証結果 or 集計; writing
    the tool's sheet would delete it, so nothing is written.
    """
    from toshima_xl.core.ownership import foreign_output_sheets

    foreign = foreign_output_sheets(raw, names)
    if not foreign:
        return
    lines = [foreign_sheet_line(name, value) for name, value in foreign]
    lines.append(
        "中身を消さないよう、何も書き込んでいません。"
        "このシートの名前を変えてから、もう一度ボタンを押してください。"
    )
    raise ActionStopped("\n".join(lines))


def foreign_sheet_line(name: str, first: object) -> str:
    """Say that one sheet is not the tool's, naming its A1 value."""
    text = "" if first is None else str(first).strip()
    shown = "空欄" if not text else f"「{text[:40]}」"
    return (
        f"シート「{name}」（A1は{shown}）は、"
        "このツールが書き出したシートではありません。"
    )


def plan_output_sheets(plan: Any, results: Any) -> list[str]:
    """Return the tool's sheets that applying ``plan`` with ``results`` writes."""
    from toshima_xl.schema import MERGE_HISTORY_SHEET

    names = [MERGE_HISTORY_SHEET] if plan.history else []
    return names + [sheet.name for sheet in results.sheets]


def run_action_steps(label: str, plan_action: Any, book: Any, status: Any) -> str:
    """Read, plan a change, apply it with the results after it, and sum up."""
    from toshima_xl.adapters.live import read_book
    from toshima_xl.adapters.live.apply import apply_with_results, limit_edits
    from toshima_xl.core.actions import refresh_results
    from toshima_xl.core.tables import build_dataset

    status.show(f"{label}: ブックを読んでいます…")
    raw = read_book(book)
    if not is_toshima_workbook(raw.sheets):
        return NOT_TOSHIMA_MESSAGE
    dataset = build_dataset(raw)
    today = date.today()

    status.show(f"{label}: 変更を準備しています…")
    plan, decisions = plan_action(dataset, raw, today, book)
    if plan.is_empty:
        return (
            f"「{label}」で変えるところはありませんでした。\n{plan.summary['message']}"
        )
    left_out = limit_edits(plan)
    results = refresh_results(dataset, plan, today, decisions)
    stop_at_foreign_sheets(raw, plan_output_sheets(plan, results))

    status.show(f"{label}: 書き込んでいます…")
    applied, written = apply_with_results(book, plan, results, dataset)
    logger.info("%s done: %s, sheets %s", label, applied, written.rows)
    lines = [f"「{label}」が終わりました。", plan.summary["message"]]
    if left_out:
        lines.append(
            f"セルの書き換えは{len(plan.edits)}個までにしました。"
            f"残りの{left_out}個は、もう一度ボタンを押すと反映します。"
        )
    lines.append(f"反映後のブック: {results.summary['message']}")
    sheets = "、".join(f"「{name}」{rows}行" for name, rows in written.rows.items())
    lines.append(f"書き込んだシート: {sheets}")
    lines.extend(mark_lines(written.marks))
    return "\n".join(lines)


def raw_sheet(raw: Any, name: str) -> Any:
    """Return the raw sheet whose name matches ``name`` tolerantly, or None."""
    from toshima_xl.schema import normalize_header

    for sheet_name, sheet in raw.sheets.items():
        if normalize_header(sheet_name) == normalize_header(name):
            return sheet
    return None


def submission_path(raw: Any, book: Any) -> Path:
    """Return the submission file named on 使い方, or chosen in Excel's dialog.

    A relative path is taken from the workbook's folder.
    """
    from toshima_xl.schema import HELP_SHEET

    typed = typed_import_source(raw_sheet(raw, HELP_SHEET))
    if typed is None:
        typed = ask_for_file(book)
    if typed is None:
        raise ActionStopped(NO_SUBMISSION_MESSAGE)
    path = Path(typed)
    folder = Path(book.fullname).parent
    return path if path.is_absolute() else folder / path


def typed_import_source(sheet: Any) -> str | None:
    """Return the text to the right of the cell 「取込元」, or None."""
    from toshima_xl.core.tables import is_blank
    from toshima_xl.schema import IMPORT_SOURCE_LABEL, normalize_header

    for row in sheet.values if sheet is not None else []:
        for position, value in enumerate(row[:-1]):
            following = row[position + 1]
            is_label = normalize_header(value) == IMPORT_SOURCE_LABEL
            if is_label and not is_blank(following):
                return str(following).strip()
    return None


def ask_for_file(book: Any) -> str | None:
    """Show Excel's file dialog and return the chosen path (Excel on Windows only)."""
    if book.app.engine.name != "excel" or sys.platform != "win32":
        return None
    # Excel only: Application.GetOpenFilename returns False when cancelled.
    chosen = book.app.api.GetOpenFilename(
        "Excel ブック (*.xlsx;*.xlsm),*.xlsx;*.xlsm", 1, "取り込む提出ブック"
    )
    return chosen if isinstance(chosen, str) else None


def read_submission(path: Path) -> Any:
    """Read the submission file with the file adapter into a dataset."""
    from toshima_xl.adapters.files.errors import WorkbookReadError
    from toshima_xl.adapters.files.reader import read_workbook
    from toshima_xl.core.tables import build_dataset

    try:
        return build_dataset(read_workbook(path))
    except WorkbookReadError as error:
        raise ActionStopped(f"提出ブックを読めません。{error.message_ja}") from error


def is_toshima_workbook(sheet_names: Any) -> bool:
    """Tell whether any data sheet of the schema is among ``sheet_names``."""
    from toshima_xl.schema import sheet_spec

    return any(sheet_spec(name) is not None for name in sheet_names)


def summary_message(label: str, dataset: Any, results: Any, written: Any) -> str:
    """Write the closing message: what was checked, what was found and written."""
    lines = [f"「{label}」が終わりました。"]
    checked = "、".join(
        f"{table.sheet_name} {len(table.rows)}行" for table in dataset.tables.values()
    )
    lines.append(f"対象: {checked}")
    if results.summary.get("message"):
        lines.append(results.summary["message"])
    sheets = "、".join(f"「{name}」{rows}行" for name, rows in written.rows.items())
    if sheets:
        lines.append(f"書き込んだシート: {sheets}")
    lines.extend(mark_lines(written.marks))
    return "\n".join(lines)


def mark_lines(marks: Any) -> list[str]:
    """Describe the cell marks in the closing message."""
    lines = []
    if marks.marked or marks.cleared:
        lines.append(
            f"色とメモを付けたセル: {marks.marked}個"
            f"（前回の印を外したセル: {marks.cleared}個）"
        )
    if marks.notes_over_limit:
        lines.append(
            f"メモは{marks.notes}個まで付けました。残り{marks.notes_over_limit}個のセルは"
            "色だけです。内容は「検証結果」シートで確認してください。"
        )
    if marks.notes_kept:
        lines.append(
            f"もともとメモがある{len(marks.notes_kept)}個のセルは、メモを残して色だけ付けました。"
        )
    return lines


def failure_message(label: str, error: Exception, log_path: Any) -> str:
    """Write the message box text for a failed run, in Japanese."""
    where = f"ログ: {log_path}" if log_path else "ログファイルは作れませんでした。"
    cause = f"{type(error).__name__}: {error}"
    return (
        f"「{label}」を最後まで実行できませんでした（{cause}）。\n"
        "「検証結果」などツールのシートが途中までになっていることがあります。"
        "もう一度ボタンを押すと書き直します。"
        "同じ表示が続くときは、この画面とログファイルを担当者に送ってください。\n"
        f"{where}"
    )


def start_logging() -> Any:
    """Attach the log file handler and return the log file's path, or None."""
    from toshima_xl.logsetup import setup_logging

    return setup_logging()


def active_workbook() -> Any:
    """Return the workbook the ribbon button was pressed on.

    Only Excel runs the add-in branch: the remote engine's caller is the
    workbook itself.
    """
    import xlwings as xw

    caller = xw.Book.caller()
    if caller.name.lower().endswith(ADDIN_SUFFIXES):  # Excel only
        return caller.app.books.active
    return caller
