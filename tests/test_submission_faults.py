"""``toshima-xl check`` finds every fault planted in the coordinator submission.

The faults are listed in PLANTED_FAULTS of samples/make_samples.py by the
cell they are typed into. The command runs in a subprocess on the committed
samples, as staff would run it.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SUBMISSION = SAMPLES / "coordinator_submission.xlsx"
R3 = SAMPLES / "toshima_r3.xlsx"

# An address served by another area is reported on the row's 圏域 cell,
# because the suggestion (the serving area) is what would be written there.
REPORTED_COLUMN = {"address.area_mismatch": "圏域"}


def check_json(path: Path) -> tuple[int, dict, str]:
    """Run ``toshima-xl check PATH --json``; return exit code, document, stderr."""
    completed = subprocess.run(
        [sys.executable, "-m", "toshima_xl", "check", str(path), "--json"],
        capture_output=True,
        timeout=300,
        check=False,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
    )
    stderr = completed.stderr.decode("utf-8", "replace")
    return completed.returncode, json.loads(completed.stdout.decode("utf-8")), stderr


@pytest.fixture(scope="module")
def planted_faults():
    sys.path.insert(0, str(SAMPLES))
    try:
        yield importlib.import_module("make_samples").PLANTED_FAULTS
    finally:
        sys.path.remove(str(SAMPLES))


@pytest.fixture(scope="module")
def submission_check():
    return check_json(SUBMISSION)


def test_submission_exit_code(submission_check):
    code, document, stderr = submission_check
    assert code == 1
    assert document["exit_code"] == 1
    assert "Traceback" not in stderr


def test_submission_listed_once_with_errors(submission_check):
    _, document, _ = submission_check
    assert [entry["status"] for entry in document["files"]] == ["errors"]
    assert document["files"][0]["file_error"] is None


def test_every_planted_fault_found(submission_check, planted_faults):
    _, document, _ = submission_check
    found = {
        (f["code"], f["sheet"], f["row"], f["column"])
        for f in document["files"][0]["findings"]
    }
    missing = [
        fault
        for fault in planted_faults
        if (
            fault.code,
            fault.sheet,
            fault.row,
            REPORTED_COLUMN.get(fault.code, fault.column),
        )
        not in found
    ]
    assert missing == []


def test_planted_values_reported(submission_check, planted_faults):
    _, document, _ = submission_check
    by_place = {
        (f["code"], f["row"]): f["value"] for f in document["files"][0]["findings"]
    }
    for fault in planted_faults:
        if fault.value is None or fault.code in REPORTED_COLUMN:
            continue
        if fault.code == "duplicate.candidate":
            continue  # the finding shows the row's name, as typed
        assert by_place[(fault.code, fault.row)] == fault.value, fault


def test_unplanted_rows_have_no_errors(submission_check, planted_faults):
    _, document, _ = submission_check
    planted_rows = {fault.row for fault in planted_faults}
    # Row 2 shares its ID with the planted duplicate in row 13.
    planted_rows.add(2)
    stray = [
        (f["code"], f["row"], f["column"])
        for f in document["files"][0]["findings"]
        if f["severity"] == "error" and f["row"] not in planted_rows
    ]
    assert stray == []


def test_r3_sample_clean():
    code, document, stderr = check_json(R3)
    assert code == 0
    (entry,) = document["files"]
    assert entry["status"] == "ok"
    assert entry["errors"] == 0
    assert "Traceback" not in stderr
