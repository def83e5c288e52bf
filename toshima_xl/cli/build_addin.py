"""``toshima-xl build-addin``: build the Excel add-in (.xlam) from macros/."""

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

log = logging.getLogger(__name__)

DESCRIPTION = """\
macros/ のリボン定義と VBA、インストール済みの xlwings が持つ VBA から、
Excel アドイン（toshima_xl.xlam）を作ります。Excel は使いません。
同じ元ファイルと同じ xlwings からは、毎回まったく同じファイルができます。"""

EPILOG = """\
終了コード:
  0  アドインを書きました。
  2  書けませんでした（元ファイルがない、リボンと VBA が合わない、など）。

例:
  toshima-xl build-addin
  toshima-xl build-addin -o 配布/toshima_xl.xlam"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``build-addin`` subcommand."""
    from toshima_xl.addin.build import DEFAULT_TARGET

    parser = subparsers.add_parser(
        "build-addin",
        help="Excel アドイン（.xlam）を作ります。",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        default=DEFAULT_TARGET,
        help=f"書き出すアドイン（.xlam）。省略すると {DEFAULT_TARGET} です。",
    )
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: Context) -> int:
    """Build the add-in and write it to the -o path, replacing an older build."""
    from toshima_xl.addin.build import MACROS, build_addin

    path: Path = args.output
    if path.suffix.lower() != ".xlam":
        raise CliError(f"「{path}」は .xlam で終わる名前にしてください。")
    if not MACROS.is_dir():
        # The sources live in the repository, not in an installed wheel.
        raise CliError(
            f"アドインの元ファイルのフォルダ「{MACROS}」がありません。"
            "リポジトリを clone し、そこで pip install -e . をしてから"
            "実行してください。"
        )
    try:
        build_addin(path)
    except OSError as error:
        raise CliError(
            f"アドインを「{path}」に書けません（{describe_os_error(error)}）。"
        ) from error
    except ValueError as error:
        raise CliError(f"アドインの元ファイルに問題があります: {error}") from error

    log.info("add-in written to %s", path)
    context.stdout.write(f"アドインを「{path}」に書きました。\n")
    return ExitCode.OK
