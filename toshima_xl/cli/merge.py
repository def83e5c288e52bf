"""``toshima-xl merge``: merge the duplicates that staff judged in 重複候補."""

from __future__ import annotations

import argparse
from datetime import date

from toshima_xl.cli.common import Context, limits_from, path_argument
from toshima_xl.cli.plans import (
    ACTION_EXIT_CODES_HELP,
    add_target_options,
    check_target,
    read_book,
    write_plan,
)
from toshima_xl.core.actions import plan_merge_action
from toshima_xl.core.merge import read_decisions
from toshima_xl.schema import DUPLICATES_SHEET

DESCRIPTION = """\
「重複候補」シートの「判定」欄に従って重複をまとめたブックを OUT に書きます。
グループごとに「残す」を1行、「統合」を1行以上入力してください。
「統合」の行は「統合履歴」シートにそのまま移してから削除し、その値で「残す」の行の
空欄だけを埋めます。入力済みのセルは変えません。
判定のあとで行が変わったグループは統合しません。"""

EPILOG = (
    ACTION_EXIT_CODES_HELP
    + """

例:
  toshima-xl merge 台帳.xlsx -o 台帳_統合後.xlsx
  toshima-xl merge 台帳.xlsx --in-place"""
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``merge`` subcommand."""
    parser = subparsers.add_parser(
        "merge",
        help="「重複候補」の判定に従って重複をまとめます。",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument("path", type=path_argument, metavar="PATH", help="台帳ブック。")
    add_target_options(parser)
    parser.set_defaults(handler=run_merge_command)


def run_merge_command(args: argparse.Namespace, context: Context) -> int:
    """Read PATH, plan the judged merges and write OUT."""
    check_target(args)

    # read workbook
    raw, dataset = read_book(args.path, limits_from(args))
    duplicates = raw.sheets.get(DUPLICATES_SHEET)

    # plan and write
    plan = plan_merge_action(dataset, duplicates, date.today())
    return write_plan(args, context, dataset, plan, read_decisions(duplicates))
