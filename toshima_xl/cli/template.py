"""``toshima-xl template``: write a new, empty master workbook."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from toshima_xl.cli.common import (
    CliError,
    Context,
    ExitCode,
    add_common_options,
    describe_os_error,
)
from toshima_xl.template.build import build_template

log = logging.getLogger(__name__)

DESCRIPTION = """\
入力用のひな形ブック（地域資源・圏域・ベンチ・会議・リスト・使い方のシート）を書きます。"""

EPILOG = """\
終了コード:
  0  ひな形を書きました。
  2  書けませんでした（既に同じ名前のファイルがある、フォルダがない、など）。

例:
  toshima-xl template -o 地域資源台帳.xlsx"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``template`` subcommand."""
    parser = subparsers.add_parser(
        "template",
        help="入力用のひな形ブックを書きます。",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        required=True,
        help="書き出すブック（.xlsx）。",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="同じ名前のファイルがあっても置き換えます。入力済みのデータは失われます。",
    )
    add_common_options(parser)
    parser.set_defaults(handler=run_template)


def run_template(args: argparse.Namespace, context: Context) -> int:
    """Write the template to the -o path, refusing to replace a file without --force."""
    path: Path = args.output
    if path.exists() and not args.force:
        raise CliError(
            f"「{path}」は既にあります。置き換えると入力済みのデータが失われます。"
            "別の名前を指定するか、置き換えてよければ --force を付けてください。"
        )
    if path.suffix.lower() != ".xlsx":
        raise CliError(f"「{path}」は .xlsx で終わる名前にしてください。")

    try:
        build_template(path)
    except OSError as error:
        raise CliError(
            f"「{path}」に書けません（{describe_os_error(error)}）。"
        ) from error

    log.info("template written")
    context.stdout.write(f"ひな形を「{path}」に書きました。\n")
    return ExitCode.OK
