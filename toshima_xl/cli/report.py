"""``toshima-xl report``: write a copy of a workbook with the report sheets added."""

from __future__ import annotations

import argparse
import logging
import os
import time
from datetime import date
from pathlib import Path

from toshima_xl.adapters.files.errors import WorkbookReadError, WorkbookWriteError
from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.writer import write_results
from toshima_xl.cli.common import (
    EXIT_CODES_HELP,
    CliError,
    Context,
    ExitCode,
    add_common_options,
    add_limit_options,
    describe_os_error,
    limits_from,
    path_argument,
)
from toshima_xl.core import pipeline
from toshima_xl.core.eras import format_fiscal_year
from toshima_xl.core.merge import read_decisions
from toshima_xl.core.normalize.dates import parse_fiscal_year
from toshima_xl.core.tables import build_dataset
from toshima_xl.schema import DUPLICATES_SHEET

log = logging.getLogger(__name__)

DESCRIPTION = """\
ブックを検証し、元のシートはそのままに「検証結果」「重複候補」「集計」「報告」
「冊子」のシートを加えたブックを OUT に書きます。元のブック（PATH）は変更しません。
「冊子」には公開可で活動中の地域資源だけを載せ、担当者や携帯電話の番号は載せません。
「重複候補」シートの「判定」欄に入力済みの判断は、新しいシートに引き継ぎます。"""

EPILOG = (
    EXIT_CODES_HELP.replace(
        "  0  エラーはありません（警告・情報はあってもかまいません）。\n"
        "  1  どれかのブックにエラーがあります。",
        "  0  報告を書き、データにエラーはありません。\n"
        "  1  報告を書きましたが、データにエラーがあります"
        "（「検証結果」シートを見てください）。",
    )
    + """

例:
  toshima-xl report 地域資源台帳.xlsx -o 令和3年度報告.xlsx --fiscal-year R3
  toshima-xl report 地域資源台帳.xlsx --in-place"""
)


def fiscal_year_option(text: str) -> int:
    """Parse --fiscal-year (R3, 令和3, 2021) into the year the fiscal year starts."""
    year = parse_fiscal_year(text)
    if year is None:
        raise argparse.ArgumentTypeError(
            f"「{text}」を年度として読めません。"
            "R3、令和3、2021 の形で指定してください。"
        )
    return year


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="検証・重複候補・集計・報告・冊子のシートを加えたブックを書きます。",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument("path", type=path_argument, metavar="PATH", help="元のブック。")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="書き出すブック。既にあるときは置き換えます。"
        "--in-place のときは不要です。",
    )
    parser.add_argument(
        "--fiscal-year",
        type=fiscal_year_option,
        metavar="YEAR",
        help="報告する年度（R3、令和3、2021 の形）。"
        "省略すると、登録や会議のある最新の年度です。",
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="元のブックに直接書きます。元のファイルはバックアップとして残します。",
    )
    add_limit_options(parser)
    add_common_options(parser)
    parser.set_defaults(handler=run_report_command)


def run_report_command(args: argparse.Namespace, context: Context) -> int:
    """Read PATH, run every stage, write OUT and print a Japanese summary."""
    source: Path = args.path
    target = choose_target(source, args.output, args.in_place)
    check_fiscal_year_started(args.fiscal_year, date.today())
    started = time.perf_counter()

    # read workbook
    try:
        raw = read_workbook(source, limits_from(args))
    except WorkbookReadError as error:
        raise CliError(error.message_ja) from error
    dataset = build_dataset(raw)

    # run stages
    decisions = read_decisions(raw.sheets.get(DUPLICATES_SHEET))
    results = pipeline.run_report(dataset, args.fiscal_year, date.today(), decisions)

    # write report
    try:
        dropped = write_results(source, target, results, in_place=args.in_place)
    except (WorkbookReadError, WorkbookWriteError) as error:
        raise CliError(error.message_ja) from error
    except OSError as error:
        raise CliError(
            f"「{target}」に書けません（{describe_os_error(error)}）。"
        ) from error

    log.info(
        "report written: %d output sheets, %d rows, %d errors, %d warnings, %.2f s",
        len(results.sheets),
        results.summary.get("rows_checked", 0),
        results.error_count,
        results.warning_count,
        time.perf_counter() - started,
    )
    write_summary(context, source, target, results.summary, dropped)
    return ExitCode.FINDINGS if results.error_count else ExitCode.OK


def check_fiscal_year_started(fiscal_year: int | None, today: date) -> None:
    """Raise CliError for a fiscal year that begins after today: a typing slip."""
    if fiscal_year is not None and date(fiscal_year, 4, 1) > today:
        raise CliError(
            f"{format_fiscal_year(fiscal_year)}（--fiscal-year）はまだ始まっていません。"
            "R3 や 2021 の形で、終わった年度か今の年度を指定してください。"
        )


def choose_target(source: Path, output: Path | None, in_place: bool) -> Path:
    """Return where to write; raise CliError when OUT would replace PATH by accident."""
    if source.is_dir():
        raise CliError(
            f"「{source}」はフォルダです。ブック（.xlsx）を指定してください。"
        )
    if in_place:
        if output is not None and not same_file(source, output):
            raise CliError(
                "--in-place は元のブックに書きます。"
                "-o で別のファイルを指定するなら --in-place を外してください。"
            )
        return source
    if output is None:
        raise CliError(
            "書き出すブックを -o で指定してください"
            "（元のブックに書くなら --in-place）。"
        )
    if output.suffix.lower() != source.suffix.lower():
        # openpyxl writes the package type of the source (with or without
        # macros), and Excel will not open a file whose extension disagrees.
        raise CliError(
            f"「{output}」は元のブックと同じ拡張子（{source.suffix}）で"
            "終わる名前にしてください。"
        )
    if same_file(source, output):
        raise CliError(
            f"-o が元のブック「{source}」と同じです。別の名前を指定するか、"
            "元のブックに書くなら --in-place を付けてください。"
        )
    return output


def same_file(first: Path, second: Path) -> bool:
    """Tell whether two paths name one file, also on case-insensitive disks."""
    if first.exists() and second.exists():
        return os.path.samefile(first, second)
    return first.resolve() == second.resolve()


def write_summary(
    context: Context, source: Path, target: Path, summary: dict, dropped: list[str]
) -> None:
    """Print the closing summary in Japanese, and what the new file lacks."""
    out = context.stdout
    if source == target:
        out.write(f"「{source}」に報告を書き込みました。")
        out.write("元のファイルはバックアップとして同じフォルダに残しました。\n")
    else:
        out.write(f"「{source}」の報告を「{target}」に書きました。\n")
    out.write(pipeline.closing_message(summary) + "\n")
    if dropped:
        context.stderr.write(
            f"注意: 元のブックにある次のものは「{target}」に入っていません: "
            + "、".join(dropped)
            + "\n"
        )
