"""What ``import``, ``merge`` and ``accept`` share: options, reading, writing a plan.

Each of the three commands plans a change to the data sheets in the core,
then writes it with the file adapter into OUT (or PATH with --in-place),
together with a 検証結果 sheet for the workbook as it is after the change.
"""

from __future__ import annotations

import argparse
import logging
from datetime import date
from pathlib import Path

from toshima_xl.adapters.files.apply import apply_plan
from toshima_xl.adapters.files.errors import WorkbookReadError, WorkbookWriteError
from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.safety import ReadLimits
from toshima_xl.cli.common import (
    CliError,
    Context,
    ExitCode,
    add_common_options,
    add_limit_options,
    describe_os_error,
)
from toshima_xl.cli.report import choose_target
from toshima_xl.core.actions import refresh_results
from toshima_xl.core.dataset import Dataset, RawWorkbook
from toshima_xl.core.edits import EditPlan
from toshima_xl.core.tables import build_dataset

log = logging.getLogger(__name__)

ACTION_EXIT_CODES_HELP = """\
終了コード:
  0  変更を書き込みました。書き込んだブックにエラーはありません。
     または、変えるところがなく、何も書き込みませんでした（OUT は作りません）。
  1  変更を書き込みましたが、ブックにエラーがあります
     （「検証結果」シートを見てください）。
  2  読めない・書けないファイルがあったか、引数が正しくありません。
     このときも何も書き込みません。"""


def add_target_options(parser: argparse.ArgumentParser) -> None:
    """Add -o/--output, --in-place and the common options."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="書き出すブック。既にあるときは置き換えます。"
        "--in-place のときは不要です。",
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="元のブックに直接書きます。元のファイルはバックアップとして残します。",
    )
    add_limit_options(parser)
    add_common_options(parser)


def read_book(
    path: Path, limits: ReadLimits | None = None
) -> tuple[RawWorkbook, Dataset]:
    """Read a workbook file, or raise CliError with the reason in Japanese."""
    try:
        raw = read_workbook(path, limits)
    except WorkbookReadError as error:
        raise CliError(f"「{path}」を読めません。{error.message_ja}") from error
    return raw, build_dataset(raw)


def write_plan(
    args: argparse.Namespace,
    context: Context,
    dataset: Dataset,
    plan: EditPlan,
    decisions: dict[str, str] | None = None,
) -> int:
    """Write ``plan`` and the 検証結果 after it; print the summary; return the code.

    Args:
        args: the parsed arguments, with ``path``, ``output`` and ``in_place``.
        context: where to print.
        dataset: the workbook ``args.path`` as read.
        plan: the change to write.
        decisions: the 判定 values of 重複候補, after a merge only; 重複候補
            is rewritten with them.
    """
    source: Path = args.path
    target = choose_target(source, args.output, args.in_place)
    out = context.stdout
    if plan.is_empty:
        out.write(
            f"「{source}」に変えるところはありません。何も書き込みませんでした。\n"
        )
        out.write(plan.summary["message"] + "\n")
        # Nothing was wrong, only nothing to do; 1 stays reserved for errors.
        return ExitCode.OK

    results = refresh_results(dataset, plan, date.today(), decisions)
    try:
        dropped = apply_plan(
            source, target, plan, in_place=args.in_place, results=results
        )
    except WorkbookWriteError as error:
        raise CliError(f"「{target}」に書けません。{error.message_ja}") from error
    except OSError as error:
        reason = describe_os_error(error)
        raise CliError(f"「{target}」に書けません（{reason}）。") from error

    log.info(
        "plan written to %s: %d errors after it",
        target.name,
        results.error_count,
    )
    if args.in_place:
        out.write(
            f"「{source}」に書き込みました（元のファイルはバックアップに残しました）。\n"
        )
    else:
        out.write(f"「{source}」を変更したブックを「{target}」に書きました。\n")
    out.write(plan.summary["message"] + "\n")
    out.write(f"変更後のブック: {results.summary['message']}\n")
    if dropped:
        out.write(
            "注意: 新しいブックには元のブックの次の要素がありません: "
            + "、".join(dropped)
            + "\n"
        )
    return ExitCode.FINDINGS if results.error_count else ExitCode.OK


def check_target(args: argparse.Namespace) -> None:
    """Check -o and --in-place before any reading, so usage errors come first."""
    choose_target(args.path, args.output, args.in_place)
