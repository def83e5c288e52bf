"""The ``toshima-xl`` command line: check, report, template and build-addin.

Each subcommand lives in its own module with an ``add_parser`` function that
registers it and sets the ``handler`` it runs. Staff see Japanese messages
and no traceback; the traceback goes to the log file, and to stderr with
``--debug``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from typing import TextIO

from toshima_xl import __version__
from toshima_xl.cli.common import (
    EXIT_CODES_HELP,
    CliError,
    Context,
    ExitCode,
    JapaneseArgumentParser,
    make_console_safe,
)
from toshima_xl.logsetup import setup_logging

log = logging.getLogger(__name__)

PROG = "toshima-xl"
# Imported when the parser is built, so that importing toshima_xl.cli (for
# its output helpers, say) does not load openpyxl and pandas.
COMMAND_MODULES = (
    "check",
    "report",
    "template",
    "build_addin",
    "imports",
    "merge",
    "accept",
)

DESCRIPTION = """\
豊島区 生活支援コーディネーターのブック（地域資源・圏域・ベンチ・会議）を
Excel なしで検証し、報告を作ります。
各コマンドの説明は「toshima-xl コマンド -h」で表示します。"""


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with one subparser per module in COMMAND_MODULES."""
    parser = JapaneseArgumentParser(
        prog=PROG, description=DESCRIPTION, epilog=EXIT_CODES_HELP
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help="版を表示して終わります。",
    )
    subparsers = parser.add_subparsers(
        title="コマンド",
        dest="command",
        metavar="COMMAND",
        parser_class=JapaneseArgumentParser,
    )
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (0, 1 or 2).

    Args:
        argv: the arguments after the program name; ``sys.argv[1:]`` when None.
    """
    # A stream closed by the caller (``>&-``) is None; write to nowhere instead.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    make_console_safe(sys.stdout, sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:
        return exit_status(exit_request.code)
    if args.command is None:
        parser.print_help(sys.stderr)
        return ExitCode.FAILURE

    log_path = setup_logging(debug=args.debug, stream_debug=args.debug)
    context = Context(sys.stdout, sys.stderr, log_path, debug=args.debug)
    return run_command(args, context)


def run_command(args: argparse.Namespace, context: Context) -> int:
    """Run the chosen subcommand, turning every failure into one Japanese line."""
    started = time.perf_counter()
    log.info("%s %s started", PROG, args.command)
    try:
        code = int(args.handler(args, context))
    except CliError as error:
        log.info("%s stopped: %s", args.command, error.message_ja)
        context.stderr.write(error.message_ja + "\n")
        code = ExitCode.FAILURE
    except BrokenPipeError:
        # The reader of our output went away (``| head``): nothing to show.
        log.info("%s output closed by its reader", args.command)
        redirect_to_devnull(context.stdout)
        code = ExitCode.FAILURE
    except KeyboardInterrupt:
        log.info("%s interrupted", args.command)
        context.stderr.write("中断しました。\n")
        code = ExitCode.FAILURE
    except Exception as error:
        # NOTE: the logged traceback includes the exception message, which
        # may quote a cell value; without it the failure cannot be traced.
        # With --debug the log handler on stderr prints the traceback too.
        log.exception("%s failed with an unexpected error", args.command)
        context.stderr.write(unexpected_error_message(args, error, context) + "\n")
        code = ExitCode.FAILURE
    log.info(
        "%s finished: exit %d, %.2f s",
        args.command,
        code,
        time.perf_counter() - started,
    )
    return code


def unexpected_error_message(
    args: argparse.Namespace, error: Exception, context: Context
) -> str:
    subject = getattr(args, "path", None) or getattr(args, "output", None)
    place = f"「{subject}」の処理中に" if subject is not None else "処理中に"
    reason = type(error).__name__
    return f"{place}予期しないエラーが起きました（{reason}）。{context.see_log()}"


def redirect_to_devnull(stream: TextIO) -> None:
    """Point a closed pipe's file descriptor at os.devnull.

    Python flushes stdout again at exit, which would raise BrokenPipeError
    a second time and print it.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def exit_status(code: object) -> int:
    """Turn the code of argparse's SystemExit (help, version, usage) into an int."""
    if code is None:
        return ExitCode.OK
    if isinstance(code, int):
        return code
    return ExitCode.FAILURE
