"""``toshima-xl import``: append coordinators' submissions to the master workbook."""

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
from toshima_xl.core.actions import plan_imports
from toshima_xl.core.importing import ImportRejected

DESCRIPTION = """\
第2層コーディネーターの提出ブック（SUBMISSION）の「地域資源」「ベンチ」「会議」の行を、
台帳ブック（MASTER）の各シートの最後の行の下に追加したブックを OUT に書きます。
台帳と同じ行（名称と住所、会議は会議体・回・開催日が同じ）は追加しません。
空欄のIDや台帳で使用済みのIDは、次の空き番号に振り直します。
「圏域」シートは取り込みません。提出ブックは変更しません。
提出ブックのシートに必須の見出し（名称、圏域など）がないときは、何も書き込まずに
終了コード 2 で止まります。台帳にない列は取り込まず、その見出しを表示します。"""

EPILOG = (
    ACTION_EXIT_CODES_HELP
    + """

例:
  toshima-xl import 台帳.xlsx 提出/ふくろうの杜.xlsx -o 台帳_取込後.xlsx
  toshima-xl import 台帳.xlsx 提出/東部.xlsx 提出/西部.xlsx --in-place"""
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``import`` subcommand."""
    parser = subparsers.add_parser(
        "import",
        help="提出ブックの行を台帳ブックに追加します。",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument(
        "path", type=path_argument, metavar="MASTER", help="台帳ブック。"
    )
    parser.add_argument(
        "submissions",
        nargs="+",
        type=path_argument,
        metavar="SUBMISSION",
        help="提出ブック。複数指定すると順に追加します。",
    )
    add_target_options(parser)
    parser.set_defaults(handler=run_import_command)


def run_import_command(args: argparse.Namespace, context: Context) -> int:
    """Read MASTER and every SUBMISSION, plan the import and write OUT."""
    check_target(args)

    # read workbooks
    _, master = read_book(args.path, limits_from(args))
    submissions = [read_book(path, limits_from(args))[1] for path in args.submissions]

    # plan and write
    try:
        plan, _ = plan_imports(master, submissions, date.today())
    except ImportRejected as rejected:
        raise CliError(rejected.message_ja) from rejected
    return write_plan(args, context, master, plan)
