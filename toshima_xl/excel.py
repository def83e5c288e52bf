"""The ribbon's entry points: each button runs one function on the active workbook.

Every function takes no arguments, because the add-in calls it through
xlwings' ``RunPython``. Each one reads the workbook with the live adapter,
runs one core pipeline, writes the results back with the same adapter and
closes with one Japanese message box. Any exception becomes a message box
that states what to do and where the log file is.

Imports stay inside the functions, so that loading this module for a ribbon
click costs little before the work starts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from toshima_xl.excel_runner import (
    NOT_TOSHIMA_MESSAGE,
    ActionStopped,
    previous_decisions,
    raw_sheet,
    read_submission,
    run_action_steps,
    run_command,
    submission_path,
)

__all__ = [
    "NOT_TOSHIMA_MESSAGE",
    "ActionStopped",
    "accept_suggestions",
    "count",
    "find_duplicates",
    "import_submission",
    "merge_duplicates",
    "report",
    "run_command",
    "validate",
]


def validate() -> None:
    """Check every data sheet, write 検証結果 and mark the cells concerned."""

    def compute(dataset: Any, raw: Any, today: date) -> Any:
        from toshima_xl.core.pipeline import run_validation

        return run_validation(dataset, today)

    run_command("検証", compute)


def find_duplicates() -> None:
    """Find duplicate candidates and write 重複候補, keeping staff's 判定 values."""

    def compute(dataset: Any, raw: Any, today: date) -> Any:
        from toshima_xl.core.pipeline import run_duplicates

        return run_duplicates(dataset, today, previous_decisions(raw))

    run_command("重複チェック", compute)


def count() -> None:
    """Count resources, benches and meetings and write 集計."""

    def compute(dataset: Any, raw: Any, today: date) -> Any:
        from toshima_xl.core.pipeline import run_counts

        return run_counts(dataset, today)

    run_command("集計", compute)


def report() -> None:
    """Run every stage for the latest fiscal year and write 検証結果 to 報告."""

    def compute(dataset: Any, raw: Any, today: date) -> Any:
        from toshima_xl.core.pipeline import run_report

        return run_report(dataset, None, today, previous_decisions(raw))

    run_command("報告作成", compute)


def import_submission() -> None:
    """Append a coordinator's submission to 地域資源, ベンチ and 会議.

    Reads the active workbook and the submission file: the path in the cell
    to the right of 「取込元」 on the 使い方 sheet, or, when that cell is
    blank and Excel runs on Windows, the file chosen in a dialog. Writes the
    appended rows, then 検証結果 and the cell marks for the workbook after
    the import. The submission file is never changed.
    """

    def plan_change(dataset: Any, raw: Any, today: date, book: Any) -> Any:
        from toshima_xl.core.actions import plan_import_action
        from toshima_xl.core.importing import ImportRejected

        submission = read_submission(submission_path(raw, book))
        try:
            return plan_import_action(dataset, submission, today)[0], None
        except ImportRejected as rejected:
            raise ActionStopped(rejected.message_ja) from rejected

    run_command("取込", plan_change, steps=run_action_steps)


def merge_duplicates() -> None:
    """Merge the rows judged 統合 in 重複候補 into the row judged 残す.

    Reads 重複候補's 判定 column. Fills blank cells of the kept rows, adds
    the merged-away rows to 統合履歴 (append-only), and only then deletes
    them; rewrites 検証結果, 重複候補 and the cell marks afterwards.
    """

    def plan_change(dataset: Any, raw: Any, today: date, book: Any) -> Any:
        from toshima_xl.core.actions import plan_merge_action
        from toshima_xl.schema import DUPLICATES_SHEET

        duplicates = raw_sheet(raw, DUPLICATES_SHEET)
        plan = plan_merge_action(dataset, duplicates, today)
        return plan, previous_decisions(raw)

    run_command("重複を統合", plan_change, steps=run_action_steps)


def accept_suggestions() -> None:
    """Write the 修正案 of the findings marked in 検証結果's 反映 column.

    Only a finding that a fresh validation still reports at the same cell is
    applied. Rewrites 検証結果 and the cell marks afterwards.
    """

    def plan_change(dataset: Any, raw: Any, today: date, book: Any) -> Any:
        from toshima_xl.core.actions import plan_accept_action
        from toshima_xl.schema import FINDINGS_SHEET

        findings = raw_sheet(raw, FINDINGS_SHEET)
        return plan_accept_action(dataset, findings, today), None

    run_command("修正案を反映", plan_change, steps=run_action_steps)
