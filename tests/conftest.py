"""Shared fixtures: real parts (LibreOffice, the xlwings remote engine) and paths."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WORKBOOK = ROOT / "workbook"
LO_DUMP = Path(__file__).resolve().parent / "support" / "lo_dump.py"
UNO_PYTHON = os.environ.get("TOSHIMA_UNO_PYTHON", "/usr/bin/python3")
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_part(available: bool, what: str) -> None:
    """Skip a test whose real part is missing, but fail under CI=true.

    CI must exercise every real part, so a missing one there is an install
    problem to fix, not a reason to skip.
    """
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing, and CI=true requires it")
    pytest.skip(f"{what} is not installed")


def libreoffice_available() -> bool:
    if shutil.which("soffice") is None or not Path(UNO_PYTHON).exists():
        return False
    probe = subprocess.run(
        [UNO_PYTHON, "-c", "import uno"], capture_output=True, check=False
    )
    return probe.returncode == 0


def run_lo_dump(mode: str, path: Path, *extra: str) -> dict:
    """Open ``path`` in headless LibreOffice and return what lo_dump.py printed."""
    require_part(libreoffice_available(), "LibreOffice Calc with python3-uno")
    completed = subprocess.run(
        [UNO_PYTHON, str(LO_DUMP), mode, str(path), *extra],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture
def libreoffice_values():
    """Return a function that reads every sheet of a file through LibreOffice."""

    def read(path: Path, recalc: bool = False) -> dict[str, list[list]]:
        extra = ("--recalc",) if recalc else ()
        return run_lo_dump("values", path, *extra)["sheets"]

    return read


@pytest.fixture
def libreoffice_basic():
    """Return a function that lists the Basic/VBA modules LibreOffice finds in a file."""

    def read(path: Path) -> dict[str, dict[str, str]]:
        return run_lo_dump("basic", path)["libraries"]

    return read


@pytest.fixture
def remote_engine(monkeypatch):
    """Enable xlwings' remote engine, which builds a real xw.Book from JSON."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    try:
        import xlwings as xw
        from xlwings.pro import _xlremote
    except ImportError as error:  # pragma: no cover - depends on the install
        require_part(False, f"xlwings remote engine ({error})")
    # xlwings registers the engine only if the key was set at its first
    # import, which an earlier test module may have done without it.
    if "remote" not in [engine.name for engine in xw.engines]:
        xw.engines.add(xw.main.Engine(impl=_xlremote.engine))
    return xw


@pytest.fixture
def press(remote_engine, monkeypatch, tmp_path):
    """Return a function that presses a ribbon button on a payload's book.

    The function builds a real remote-engine book from the payload, makes it
    the caller, runs the entry point, and returns the payload with the
    recorded actions applied, plus the actions.
    """
    from support.apply_actions import apply_actions

    monkeypatch.setenv("TOSHIMA_XL_LOG_DIR", str(tmp_path / "logs"))

    def press_(button, data):
        book = remote_engine.Book(json=copy.deepcopy(data))
        monkeypatch.setattr(remote_engine.Book, "_mock_caller", book, raising=False)
        button()
        actions = book.json()["actions"]
        return apply_actions(data, actions), actions

    return press_
