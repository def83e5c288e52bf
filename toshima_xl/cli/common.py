"""Pieces every subcommand shares: exit codes, the parser class, console setup."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import NoReturn, TextIO

from toshima_xl.adapters.files.safety import MB, ReadLimits


class ExitCode(IntEnum):
    """Process exit status; when several apply, the highest wins."""

    OK = 0
    FINDINGS = 1  # some workbook has findings of severity error
    FAILURE = 2  # a file could not be read or written, or wrong arguments


EXIT_CODES_HELP = """\
終了コード:
  0  エラーはありません（警告・情報はあってもかまいません）。
  1  どれかのブックにエラーがあります。
  2  読めない・書けないファイルがあったか、引数が正しくありません。
     1 と 2 の両方に当てはまるときは 2 です。"""


@dataclass(frozen=True)
class Context:
    """The output streams, log file and debug flag that every subcommand receives."""

    stdout: TextIO
    stderr: TextIO
    log_path: Path | None
    debug: bool = False

    def see_log(self) -> str:
        """Return the Japanese pointer to the log file, for failure messages."""
        if self.log_path is None:
            return (
                "ログは書けませんでした。--debug を付けて実行すると詳細を表示します。"
            )
        return f"詳しくはログ {self.log_path} を見てください。"


class CliError(Exception):
    """A failure to show staff as one Japanese line, ending the command with 2."""

    def __init__(self, message_ja: str) -> None:
        super().__init__(message_ja)
        self.message_ja = message_ja


# argparse writes its errors in English; these patterns cover the errors our
# subcommands can produce and turn them into Japanese.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<names>.+)"),
        "必要な引数がありません: {names}",
    ),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "不明な引数です: {names}"),
    (
        re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"),
        "{arg} と {other} は同時に指定できません。",
    ),
    (
        re.compile(
            r"argument (?P<arg>\S+): invalid choice: (?P<value>\S+)"
            r" \(choose from (?P<choices>.+)\)"
        ),
        "{arg} に {value} は指定できません。指定できるのは {choices} です。",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): expected one argument"),
        "{arg} の後に値を指定してください。",
    ),
    (re.compile(r"argument (?P<arg>\S+): (?P<detail>.+)"), "{arg}: {detail}"),
)


def translate_argparse_error(message: str) -> str:
    """Return the Japanese form of an argparse error, or the message unchanged."""
    for pattern, template in _ARGPARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return template.format(**match.groupdict())
    return message


class JapaneseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors and section titles are Japanese."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "引数"
        self._optionals.title = "オプション"
        self.add_argument(
            "-h", "--help", action="help", help="この説明を表示して終わります。"
        )

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "使い方:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "使い方:", 1)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = translate_argparse_error(message)
        self.exit(ExitCode.FAILURE, f"{self.prog}: 引数が正しくありません。{text}\n")


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Add the options every subcommand takes."""
    parser.add_argument(
        "--debug",
        action="store_true",
        help="詳しい経過とエラーの詳細（トレースバック）を表示します。",
    )


def positive_number(text: str) -> float:
    """Parse an option value that must be a number above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"「{text}」は数ではありません。半角の数で指定してください。"
        ) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(
            f"「{text}」は0より大きい数で指定してください。"
        )
    return value


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that raise the safety limits for reading a workbook."""
    parser.add_argument(
        "--max-file-mb",
        type=positive_number,
        metavar="N",
        help="読むファイルの大きさの上限（MB、既定 100）。これより大きいファイルは"
        "読みません。",
    )
    parser.add_argument(
        "--max-unzipped-mb",
        type=positive_number,
        metavar="N",
        help="ブックの中身を展開したときの大きさの上限（MB、既定 1024）。",
    )
    parser.add_argument(
        "--timeout",
        type=positive_number,
        metavar="S",
        help="1ファイルを読む時間の上限（秒、既定 120）。",
    )


def limits_from(args: argparse.Namespace) -> ReadLimits:
    """Build the read limits, keeping the adapter's default for options not given."""
    options: dict[str, float | int] = {}
    if getattr(args, "max_file_mb", None) is not None:
        options["max_file_bytes"] = int(args.max_file_mb * MB)
    if getattr(args, "max_unzipped_mb", None) is not None:
        options["max_uncompressed_bytes"] = int(args.max_unzipped_mb * MB)
    if getattr(args, "timeout", None) is not None:
        options["seconds"] = args.timeout
    return ReadLimits(**options)


def path_argument(text: str) -> Path:
    """Parse a file or folder argument; an empty one would mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("空のパスは指定できません。")
    return Path(text)


def make_console_safe(*streams: TextIO) -> None:
    """Replace characters the console cannot encode instead of crashing.

    A Windows console in cp932 has no code for emoji or some kanji (𠮷), and
    staff type both into workbooks.
    """
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def describe_os_error(error: OSError) -> str:
    """Return a short Japanese reason for a failed file operation."""
    if isinstance(error, PermissionError):
        return "書き込む権限がないか、ほかのプログラムがファイルを開いています"
    if isinstance(error, FileNotFoundError):
        return "ファイルまたはフォルダがありません"
    if isinstance(error, IsADirectoryError):
        return "同じ名前のフォルダがあります"
    return error.strerror or type(error).__name__
