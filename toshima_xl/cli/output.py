"""Render the outcome of a check for people (console) and programs (JSON, CSV).

The CSV is meant to be opened in Excel, so it is written as UTF-8 with a BOM
and text that Excel would run as a formula gets a leading apostrophe (see
:func:`defuse_formula`).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any, TextIO

from toshima_xl.cli.common import ExitCode
from toshima_xl.core.dataset import SEVERITY_LABELS, Finding, Severity

CSV_COLUMNS = (
    "file",
    "sheet",
    "row",
    "column",
    "value",
    "code",
    "severity",
    "message",
    "suggestion",
)
# Excel runs a cell that starts with = + - @ as a formula, also when it opens
# a CSV. A leading tab or carriage return is prefixed too, as a precaution.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Console heading for findings that name no sheet.
WORKBOOK_HEADING = "ブック全体"


class FileStatus(StrEnum):
    OK = "ok"  # read and checked, no errors
    ERRORS = "errors"  # read and checked, some errors
    UNREADABLE = "unreadable"  # the file adapter could not read it
    FAILED = "failed"  # an unexpected exception while checking it
    SKIPPED = "skipped"  # an Excel lock file or a temporary file


STATUS_LABELS = {
    FileStatus.OK: "正常",
    FileStatus.ERRORS: "エラーあり",
    FileStatus.UNREADABLE: "読めません",
    FileStatus.FAILED: "処理できません",
    FileStatus.SKIPPED: "スキップ",
}


@dataclass(frozen=True)
class FileProblem:
    """Why a whole file was not checked: a code and a Japanese message."""

    code: str
    message: str
    detail: str = ""


@dataclass
class FileReport:
    """The outcome of checking one file."""

    file: str
    status: FileStatus
    findings: list[Finding] = field(default_factory=list)
    problem: FileProblem | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def exit_code(self) -> ExitCode:
        if self.status in (FileStatus.UNREADABLE, FileStatus.FAILED):
            return ExitCode.FAILURE
        if self.status == FileStatus.ERRORS:
            return ExitCode.FINDINGS
        return ExitCode.OK


def overall_exit_code(reports: Iterable[FileReport]) -> ExitCode:
    """Return the highest exit code of all files, so that 2 wins over 1."""
    return max((report.exit_code for report in reports), default=ExitCode.OK)


# console


def display_width(text: str) -> int:
    """Return the width of text in console columns (full-width counts 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


def write_console(reports: list[FileReport], stream: TextIO) -> None:
    """Write the findings grouped per file and per sheet, then a summary table."""
    for report in reports:
        write_file_section(report, stream)
    write_summary_table(reports, stream)


def write_file_section(report: FileReport, stream: TextIO) -> None:
    stream.write(f"■ {report.file}\n")
    if report.problem is not None:
        label = STATUS_LABELS[report.status]
        stream.write(f"  {label}: {report.problem.message}\n\n")
        return
    if not report.findings:
        stream.write("  問題は見つかりませんでした。\n\n")
        return
    for sheet, findings in group_by_sheet(report.findings).items():
        stream.write(f"  [{sheet}]\n")
        for finding in findings:
            label = SEVERITY_LABELS[Severity(finding.severity)]
            text = message_without_sheet(finding)
            stream.write(f"    {pad(label, 8)}{text}（{finding.code}）\n")
    stream.write("\n")


def message_without_sheet(finding: Finding) -> str:
    """Drop the 「sheet」シート prefix, which the heading above already shows."""
    for prefix in (f"「{finding.sheet}」シート: ", f"「{finding.sheet}」シート "):
        if finding.message.startswith(prefix):
            return finding.message.removeprefix(prefix)
    return finding.message


def group_by_sheet(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Group findings by sheet in the order sheets first appear, rows ascending."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.sheet or WORKBOOK_HEADING, []).append(finding)
    for group in groups.values():
        group.sort(key=lambda f: (f.row is not None, f.row or 0))
    return groups


def write_summary_table(reports: list[FileReport], stream: TextIO) -> None:
    """Write one line per file: errors, warnings, infos and status."""
    headers = ("ファイル", "エラー", "警告", "情報", "状態")
    rows = [
        (
            report.file,
            str(report.count(Severity.ERROR)),
            str(report.count(Severity.WARNING)),
            str(report.count(Severity.INFO)),
            STATUS_LABELS[report.status],
        )
        for report in reports
    ]
    widths = [
        max(display_width(row[i]) for row in [headers, *rows])
        for i in range(len(headers))
    ]
    stream.write("集計\n")
    for row in [headers, *rows]:
        cells = [
            pad(cell, widths[i], right=i in (1, 2, 3)) for i, cell in enumerate(row)
        ]
        stream.write("  " + "  ".join(cells).rstrip() + "\n")


# JSON


def json_value(value: Any) -> Any:
    """Return a cell value as JSON can hold it: dates in ISO 8601, others as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def finding_record(file: str, finding: Finding) -> dict[str, Any]:
    """Return one finding as the flat record shared by JSON and CSV."""
    return {
        "file": file,
        "sheet": finding.sheet,
        "row": finding.row,
        "column": finding.column,
        "value": json_value(finding.value),
        "code": finding.code,
        "severity": str(finding.severity),
        "message": finding.message,
        "suggestion": json_value(finding.suggestion),
    }


def problem_record(report: FileReport) -> dict[str, Any]:
    """Return a file-level problem as a record with the finding columns."""
    problem = report.problem
    assert problem is not None
    severity = Severity.INFO if report.status == FileStatus.SKIPPED else Severity.ERROR
    return {
        "file": report.file,
        "sheet": None,
        "row": None,
        "column": None,
        "value": None,
        "code": problem.code,
        "severity": str(severity),
        "message": problem.message,
        "suggestion": None,
    }


def build_json_document(reports: list[FileReport]) -> dict[str, Any]:
    """Build the --json document: per file its status, counts and findings."""
    files = []
    for report in reports:
        problem = report.problem
        files.append(
            {
                "file": report.file,
                "status": str(report.status),
                "errors": report.count(Severity.ERROR),
                "warnings": report.count(Severity.WARNING),
                "infos": report.count(Severity.INFO),
                "file_error": None
                if problem is None
                else {
                    "code": problem.code,
                    "message": problem.message,
                    "detail": problem.detail,
                },
                "findings": [finding_record(report.file, f) for f in report.findings],
            }
        )
    return {"exit_code": int(overall_exit_code(reports)), "files": files}


def write_json(reports: list[FileReport], stream: TextIO) -> None:
    """Write the JSON document, escaping what the stream's encoding lacks.

    Japanese stays readable on the console, while a character that a cp932
    console has no code for (emoji, 𠮷) becomes a ``\\uXXXX`` escape, which
    any JSON reader turns back into the same character.
    """
    text = json.dumps(build_json_document(reports), ensure_ascii=False, indent=2)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(escape_unencodable(text, encoding) + "\n")


def escape_unencodable(text: str, encoding: str) -> str:
    """Replace characters that ``encoding`` cannot hold by JSON escapes."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    return "".join(
        char if encodable(char, encoding) else json_escape(char) for char in text
    )


def encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def json_escape(char: str) -> str:
    """Return the JSON escape of one character, as a surrogate pair above U+FFFF."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


# CSV


def defuse_formula(value: Any) -> Any:
    """Prefix text that Excel would run as a formula with an apostrophe.

    A CSV has no way to mark a cell as text, so a value such as ``=HYPERLINK(..)``
    typed by someone would become a live formula when the CSV is opened.
    Excel shows the apostrophe as part of the text. Numbers are left as they
    are, because a negative number is not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_rows(reports: list[FileReport]) -> list[dict[str, Any]]:
    rows = []
    for report in reports:
        if report.problem is not None:
            rows.append(problem_record(report))
        rows.extend(finding_record(report.file, f) for f in report.findings)
    return rows


def render_csv(reports: list[FileReport]) -> str:
    """Return the CSV text with a header row, one line per finding or file problem."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in csv_rows(reports):
        writer.writerow({key: defuse_formula(value) for key, value in row.items()})
    return buffer.getvalue()


def write_csv(reports: list[FileReport], stream: TextIO) -> None:
    """Write the CSV as UTF-8 bytes with a BOM, whatever the console encoding.

    The CSV is meant to be redirected to a file that Excel opens, and Excel
    reads UTF-8 only when the BOM is there.
    """
    data = ("\ufeff" + render_csv(reports)).encode("utf-8")
    binary = getattr(stream, "buffer", None)
    if binary is None:
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    binary.write(data)
    binary.flush()


# progress


class Progress:
    """A one-line counter on stderr, shown only for a terminal and many files."""

    MIN_FILES = 4

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        isatty = getattr(stream, "isatty", None)
        self.enabled = total >= self.MIN_FILES and bool(isatty and isatty())
        self.width = 0

    def update(self, index: int, name: str) -> None:
        if not self.enabled:
            return
        line = f"確認中 {index}/{self.total}: {name}"
        self.write_line(line)

    def close(self) -> None:
        if self.enabled and self.width:
            self.write_line("")
            self.stream.write("\r")
            self.stream.flush()

    def write_line(self, line: str) -> None:
        width = display_width(line)
        self.stream.write("\r" + line + " " * max(0, self.width - width))
        self.stream.flush()
        self.width = width
