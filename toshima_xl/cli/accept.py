"""``toshima-xl accept``: apply the suggestions that staff marked in 検証結果."""

from __future__ import annotations

import argparse
from datetime import date

from toshima_xl.cli.common import CliError, Context, limits_from, path_argument
from toshima_xl.cli.plans import (
    ACTION_EXIT_CODES_HELP,
    add_target_options,
    check_target,
    read_book,
    write_plan,
)
from toshima_xl.core.accept import suggestion_codes, unknown_codes
from toshima_xl.core.actions import plan_accept_action
from toshima_xl.messages import list_values
from toshima_xl.schema import FINDINGS_SHEET

DESCRIPTION = """\
「検証結果」シートの「反映」欄に ○ を入力した行の「修正案」を、データのセルに
書き込んだブックを OUT に書きます。
今のデータで同じセルに同じ問題が見つかる行だけを反映します。
--code を指定すると、そのコードの修正案は ○ がなくてもすべて反映します。"""

EPILOG = (
    ACTION_EXIT_CODES_HELP
    + """

例:
  toshima-xl accept 台帳.xlsx -o 台帳_修正後.xlsx
  toshima-xl accept 台帳.xlsx --in-place --code id.blank"""
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``accept`` subcommand."""
    parser = subparsers.add_parser(
        "accept",
        help="「検証結果」で ○ を付けた修正案を反映します。",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument("path", type=path_argument, metavar="PATH", help="台帳ブック。")
    parser.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="CODE",
        help="修正案をすべて反映する問題のコード（例: id.blank）。"
        "繰り返し指定できます。",
    )
    add_target_options(parser)
    parser.set_defaults(handler=run_accept_command)


def run_accept_command(args: argparse.Namespace, context: Context) -> int:
    """Read PATH, plan the accepted suggestions and write OUT."""
    check_target(args)
    codes = frozenset(args.code)
    check_codes(codes)

    # read workbook
    raw, dataset = read_book(args.path, limits_from(args))
    findings = raw.sheets.get(FINDINGS_SHEET)

    # plan and write
    plan = plan_accept_action(dataset, findings, date.today(), codes)
    return write_plan(args, context, dataset, plan)


def check_codes(codes: frozenset[str]) -> None:
    """Stop with a usage error when a --code names no known finding."""
    unknown = unknown_codes(codes)
    if unknown:
        names = list_values([f"「{code}」" for code in unknown])
        examples = list_values(suggestion_codes(), limit=5)
        raise CliError(
            f"--code に指定した{names}は問題のコードにありません。"
            f"修正案のあるコードを指定してください（例: {examples}）。"
        )
