"""``toshima-xl check``: validate workbooks and list their findings."""

from __future__ import annotations

import argparse
import logging
import time
import traceback
from datetime import date
from pathlib import Path

from toshima_xl.adapters.files.errors import WorkbookReadError
from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.safety import ReadLimits
from toshima_xl.cli.common import (
    EXIT_CODES_HELP,
    Context,
    ExitCode,
    add_common_options,
    add_limit_options,
    limits_from,
    path_argument,
)
from toshima_xl.cli.discover import Candidate, collect_files
from toshima_xl.cli.output import (
    FileProblem,
    FileReport,
    FileStatus,
    Progress,
    overall_exit_code,
    write_console,
    write_csv,
    write_json,
)
from toshima_xl.core.dataset import Severity
from toshima_xl.core.pipeline import run_validation
from toshima_xl.core.tables import build_dataset

log = logging.getLogger(__name__)

DESCRIPTION = """\
ブック（.xlsx / .xlsm）を検証し、見つかった問題をファイル・シートごとに表示します。
フォルダを指定すると、その下のブックをすべて確認します。古い形式の .xls は
読めないファイルとして一覧に出します。Excel のロックファイル（~$ で始まる名前）と
一時ファイルは読み飛ばし、その旨を一覧に出します。"""

EPILOG = (
    EXIT_CODES_HELP
    + """

出力形式:
  --json  ファイルごとの状態と問題の一覧を1つの JSON で出力します。
  --csv   Excel で開ける CSV（UTF-8、BOM 付き）を出力します。
          = + - @ で始まる値は、数式として動かないよう先頭に ' を付けます。

例:
  toshima-xl check 提出ブック/
  toshima-xl check 地域資源台帳.xlsx --csv > 検証結果.csv"""
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``check`` subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="ブックを検証して問題を一覧にします。",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=path_argument,
        metavar="PATH",
        help="ブックのファイルまたはフォルダ。",
    )
    formats = parser.add_mutually_exclusive_group()
    formats.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="JSON で出力します。",
    )
    formats.add_argument(
        "--csv",
        dest="format",
        action="store_const",
        const="csv",
        help="CSV で出力します。",
    )
    add_limit_options(parser)
    add_common_options(parser)
    parser.set_defaults(handler=run_check, format="console")


def run_check(args: argparse.Namespace, context: Context) -> int:
    """Check every workbook the paths name, print the findings, return the exit code."""
    candidates, empty_folders = collect_files(args.paths)
    for folder in empty_folders:
        context.stderr.write(f"フォルダ「{folder}」にブックがありません。\n")
    if not candidates:
        context.stderr.write(
            "確認するブックがありません。ファイルかフォルダを指定してください。\n"
        )
        return ExitCode.FAILURE

    limits = limits_from(args)
    started = time.perf_counter()
    reports = check_all(candidates, limits, context)
    log.info(
        "check finished: %d files, exit %d, %.2f s",
        len(reports),
        overall_exit_code(reports),
        time.perf_counter() - started,
    )

    # print results
    if args.format == "json":
        write_json(reports, context.stdout)
    elif args.format == "csv":
        write_csv(reports, context.stdout)
    else:
        write_console(reports, context.stdout)
    return overall_exit_code(reports)


def check_all(
    candidates: list[Candidate], limits: ReadLimits, context: Context
) -> list[FileReport]:
    """Check the candidates one by one, showing progress on a terminal."""
    progress = Progress(len(candidates), context.stderr)
    today = date.today()
    reports = []
    for index, candidate in enumerate(candidates, start=1):
        progress.update(index, candidate.path.name)
        if candidate.skip is not None:
            log.info("skipped %s (%s)", candidate.path, candidate.skip.code)
            reports.append(
                FileReport(
                    str(candidate.path), FileStatus.SKIPPED, problem=candidate.skip
                )
            )
            continue
        reports.append(check_guarded(candidate.path, limits, today, context))
    progress.close()
    return reports


def check_guarded(
    path: Path, limits: ReadLimits, today: date, context: Context
) -> FileReport:
    """Check one file, turning an unexpected exception into a failed report.

    Staff see one Japanese line naming the file, and the other files are
    still checked. The traceback goes to the log, and to stderr with --debug.
    """
    try:
        return check_file(path, limits, today)
    except Exception as error:
        log.exception("unexpected error while checking %s", path)
        if context.debug:
            traceback.print_exc(file=context.stderr)
        message = (
            f"「{path}」の確認中に予期しないエラーが起きました"
            f"（{type(error).__name__}）。{context.see_log()}"
        )
        context.stderr.write(message + "\n")
        problem = FileProblem("internal.error", message, type(error).__name__)
        return FileReport(str(path), FileStatus.FAILED, problem=problem)


def check_file(path: Path, limits: ReadLimits, today: date) -> FileReport:
    """Read one workbook, validate it and return its findings."""
    started = time.perf_counter()
    try:
        raw = read_workbook(path, limits)
    except WorkbookReadError as error:
        log.info("unreadable %s: %s (%s)", path, error.code, error.detail)
        problem = FileProblem(error.code, error.message_ja, str(error.detail or ""))
        return FileReport(str(path), FileStatus.UNREADABLE, problem=problem)

    dataset = build_dataset(raw)
    results = run_validation(dataset, today)

    status = FileStatus.ERRORS if results.error_count else FileStatus.OK
    report = FileReport(str(path), status, findings=list(results.findings))
    log.info(
        "checked %s: %d sheets, %d rows, %d errors, %d warnings, %d infos, %.2f s",
        path,
        len(raw.sheets),
        sum(len(table.rows) for table in dataset.tables.values()),
        report.count(Severity.ERROR),
        report.count(Severity.WARNING),
        report.count(Severity.INFO),
        time.perf_counter() - started,
    )
    return report
