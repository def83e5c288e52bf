"""The command line with odd arguments and closed output streams."""

import io
import subprocess
import sys

from conftest import SAMPLES

from toshima_xl.cli import build_parser, run_command
from toshima_xl.cli.common import Context

SUBMISSION = str(SAMPLES / "coordinator_submission.xlsx")


def run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "toshima_xl", *args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


def test_empty_path_rejected():
    completed = run("check", "")

    assert completed.returncode == 2
    assert "空のパスは指定できません" in completed.stderr


def test_report_of_folder_rejected(tmp_path):
    completed = run("report", str(tmp_path), "-o", str(tmp_path / "出力.xlsx"))

    assert completed.returncode == 2
    assert "フォルダです" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_closed_stdout_still_checks():
    completed = subprocess.run(
        f'"{sys.executable}" -m toshima_xl check "{SUBMISSION}" >&-',
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 1
    assert completed.stderr == ""


def test_reader_closing_pipe_is_quiet():
    # Many copies of the submission make the output larger than a pipe buffer.
    command = (
        f'"{sys.executable}" -m toshima_xl check '
        + " ".join([f'"{SUBMISSION}"'] * 40)
        + " | head -c 10 > /dev/null"
    )
    completed = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        check=False,
    )

    assert "予期しないエラー" not in completed.stderr
    assert "Traceback" not in completed.stderr
    # 2 when the write hit the closed pipe; 1 (errors found) when the pipe
    # buffer took the whole output before head exited. Which one is a race.
    assert completed.returncode in (1, 2)


class ClosedPipe(io.StringIO):
    """An output stream whose reader has gone away."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def test_broken_pipe_ends_quietly():
    args = build_parser().parse_args(["check", SUBMISSION])
    errors = io.StringIO()

    code = run_command(args, Context(ClosedPipe(), errors, None))

    assert code == 2
    assert errors.getvalue() == ""
