"""``toshima-xl check`` over a whole folder: the corpus, the samples and bad files.

The folder has spaces and Japanese in its name, a subfolder, Excel's lock
and temporary files, and files that cannot be read. The command must report
every file once, finish with exit code 2 and never print a traceback, also
on a cp932 console as on Japanese Windows.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
sys.path.insert(0, str(CORPUS))

from corpus_files import SIZE_LIMIT_MB, UNREADABLE_FILES  # noqa: E402
from make_corpus import CASES, write_corpus  # noqa: E402

from toshima_xl.core.dataset import Severity  # noqa: E402
from toshima_xl.messages import CATALOGUE  # noqa: E402

# Each run starts one reader process per file, about 15 seconds a run.
pytestmark = pytest.mark.slow

SUBFOLDER = "ふくろうの杜 圏域"
COPIED_CASE = "値_数式風の文字.xlsx"
COPY_NAME = "ふくろうの杜 提出 (1).xlsx"
FORMULA_LIKE = ("=SUM(A1:A3)", "+81の番号もあり", "-休止中-", "@としま会議")


def expected_statuses(folder: Path) -> dict[Path, str]:
    """Return the status each file of the folder must get."""
    statuses: dict[Path, str] = {}
    for case in CASES:
        errors = any(
            CATALOGUE[e.code].severity == Severity.ERROR for e in case.expected
        )
        statuses[folder / case.file] = "errors" if errors else "ok"
    for file_case in UNREADABLE_FILES:
        statuses[folder / file_case.file] = file_case.status
    statuses[folder / "toshima_r3.xlsx"] = "ok"
    statuses[folder / "coordinator_submission.xlsx"] = "errors"
    statuses[folder / SUBFOLDER / COPY_NAME] = statuses[folder / COPIED_CASE]
    return statuses


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("check") / "提出 ブック 令和3年度"
    write_corpus(root)
    for sample in ("toshima_r3.xlsx", "coordinator_submission.xlsx"):
        shutil.copy(SAMPLES / sample, root / sample)
    (root / SUBFOLDER).mkdir()
    shutil.copy(root / COPIED_CASE, root / SUBFOLDER / COPY_NAME)
    return root


def run_check(folder: Path, *options: str, encoding: str = "utf-8"):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "toshima_xl",
            "check",
            str(folder),
            "--max-file-mb",
            str(SIZE_LIMIT_MB),
            *options,
        ],
        capture_output=True,
        timeout=600,
        check=False,
        env=os.environ | {"PYTHONIOENCODING": encoding},
    )


@pytest.fixture(scope="module")
def json_run(folder):
    completed = run_check(folder, "--json")
    return completed, json.loads(completed.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def csv_run(folder):
    completed = run_check(folder, "--csv")
    text = completed.stdout.decode("utf-8-sig")
    return completed, list(csv.DictReader(io.StringIO(text, newline="")))


def test_json_exit_code_two(json_run):
    completed, document = json_run
    assert completed.returncode == 2
    assert document["exit_code"] == 2


def test_json_no_traceback(json_run):
    completed, _ = json_run
    assert b"Traceback" not in completed.stderr


def test_json_lists_each_file_once(json_run, folder):
    _, document = json_run
    listed = [Path(entry["file"]) for entry in document["files"]]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(expected_statuses(folder))


def test_json_status_per_file(json_run, folder):
    _, document = json_run
    statuses = {Path(entry["file"]): entry["status"] for entry in document["files"]}
    assert statuses == expected_statuses(folder)


def test_json_file_error_codes(json_run, folder):
    _, document = json_run
    codes = {
        Path(entry["file"]).name: entry["file_error"]["code"]
        for entry in document["files"]
        if entry["file_error"] is not None
    }
    assert codes == {case.file: case.code for case in UNREADABLE_FILES}


def test_json_skipped_files_have_no_findings(json_run):
    _, document = json_run
    for entry in document["files"]:
        if entry["status"] in ("skipped", "unreadable"):
            assert entry["findings"] == [], entry["file"]


def test_csv_parses_back(csv_run, folder):
    completed, rows = csv_run
    assert completed.returncode == 2
    assert b"Traceback" not in completed.stderr
    assert list(rows[0]) == [
        "file",
        "sheet",
        "row",
        "column",
        "value",
        "code",
        "severity",
        "message",
        "suggestion",
    ]
    problem_files = {Path(row["file"]).name for row in rows if not row["sheet"]}
    assert problem_files == {case.file for case in UNREADABLE_FILES}


def test_csv_formula_like_text_stays_text(csv_run):
    _, rows = csv_run
    values = [
        row["value"]
        for row in rows
        if Path(row["file"]).name == COPIED_CASE and row["code"] == "cell.formula_text"
    ]
    assert sorted(values) == sorted("'" + typed for typed in FORMULA_LIKE)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), row


def test_cp932_console(folder):
    completed = run_check(folder, encoding="cp932")
    assert completed.returncode == 2
    assert b"Traceback" not in completed.stderr
    output = completed.stdout.decode("cp932")
    for name in ("構造_見出し.xlsx", "パスワード付き.xlsx", COPY_NAME):
        assert name in output


def test_cp932_json_parses(folder):
    completed = run_check(folder, "--json", encoding="cp932")
    assert completed.returncode == 2
    assert b"Traceback" not in completed.stderr
    document = json.loads(completed.stdout.decode("cp932"))
    assert len(document["files"]) == len(expected_statuses(folder))
