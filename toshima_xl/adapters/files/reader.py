"""Read a workbook file safely into a :class:`RawWorkbook`.

The file is checked first (size, magic bytes, zip directory), then parsed by
openpyxl in a worker process that is killed when the time limit runs out.
A worker process is used rather than a deadline checked between sheets,
because openpyxl's full load parses every sheet in one call that cannot be
interrupted from inside.

openpyxl parses the XML with defusedxml when it is installed (a dependency
of this package), which rejects entity expansion and external entities.
"""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl

from toshima_xl.adapters.files.errors import WorkbookReadError
from toshima_xl.adapters.files.safety import ReadLimits, check_file
from toshima_xl.adapters.files.sheets import read_sheet
from toshima_xl.core.dataset import RawSheet, RawWorkbook

logger = logging.getLogger(__name__)

WORKER_MODULE = "toshima_xl.adapters.files.worker"
# Keeps Windows from opening a console window for the child when the caller
# runs without one (pythonw under Excel).
NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)
FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")
# openpyxl 3.1 loads a number under a date format that lies outside Excel's
# date range (99999999 as yyyy/m/d) as this error value, with a warning.
OUT_OF_RANGE_DATE = "#VALUE!"


def read_workbook(path: Path, limits: ReadLimits | None = None) -> RawWorkbook:
    """Read each worksheet's used block of values and the cell details the core needs.

    Args:
        path: an .xlsx or .xlsm file.
        limits: size, zip and time limits; ``ReadLimits()`` when None.

    Returns:
        The sheets in workbook order. Values are the cached results of
        formulas; dates come back as ``datetime``.

    Raises:
        WorkbookReadError: when the file is missing, unsafe, of the wrong
            kind, damaged, or takes longer than ``limits.seconds``.
    """
    path = Path(path)
    limits = limits or ReadLimits()
    check_file(path, limits)
    started = time.perf_counter()
    if limits.seconds is None:
        workbook = load_raw_workbook(path)
    else:
        workbook = load_in_worker(path, limits.seconds)
    rows = sum(len(sheet.values) for sheet in workbook.sheets.values())
    seconds = time.perf_counter() - started
    logger.info(
        "read %d sheets, %d rows in %.1f s", len(workbook.sheets), rows, seconds
    )
    return workbook


def load_in_worker(path: Path, seconds: float) -> RawWorkbook:
    """Run :func:`load_raw_workbook` in a child interpreter, killed after ``seconds``.

    The child is a plain ``python -m`` subprocess rather than a multiprocessing
    spawn, so the caller's ``__main__`` module is never imported again.
    """
    command = [sys.executable, "-m", WORKER_MODULE, str(path)]
    try:
        completed = subprocess.run(
            command,
            capture_output=True,
            timeout=seconds,
            check=False,
            creationflags=NO_WINDOW,
        )
    except subprocess.TimeoutExpired:
        # subprocess.run has killed and reaped the child before raising.
        raise WorkbookReadError("file.timeout", path, f"{seconds:g} s") from None
    if completed.returncode != 0 or not completed.stdout:
        stderr = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f"reader exited with code {completed.returncode}"
        detail += f": {stderr[-1]}" if stderr else ""
        raise WorkbookReadError("file.corrupt", path, detail)
    # The payload comes from this package's own worker, not from the file.
    status, payload = pickle.loads(completed.stdout)
    if status == "error":
        raise payload
    return payload


def run_worker(path: Path) -> bytes:
    """Load the workbook and return ("ok", workbook) or ("error", error), pickled."""
    try:
        result = ("ok", load_raw_workbook(path))
    except WorkbookReadError as error:
        result = ("error", error)
    except Exception as error:  # noqa: BLE001 - any parser failure means a damaged file
        # openpyxl wraps XML errors (defusedxml's EntitiesForbidden among them)
        # in a ValueError; the innermost cause names the problem.
        cause = innermost_cause(error)
        detail = f"{type(cause).__name__}: {cause}"
        result = ("error", WorkbookReadError("file.corrupt", path, detail))
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def innermost_cause(error: BaseException) -> BaseException:
    """Follow ``__cause__`` and ``__context__`` down to the first exception raised."""
    while (inner := error.__cause__ or error.__context__) is not None:
        error = inner
    return error


def load_raw_workbook(path: Path) -> RawWorkbook:
    """Parse the workbook in this process: values first, then formulas if any."""
    workbook = openpyxl.load_workbook(path, data_only=True, keep_links=False)
    formulas = read_formulas(path) if has_formulas(path) else {}
    sheets = {}
    for ws in workbook.worksheets:
        sheets[ws.title] = read_sheet(ws, workbook.epoch, formulas.get(ws.title, {}))
    workbook.close()
    restore_out_of_range_dates(path, sheets)
    return RawWorkbook(source=str(path), sheets=sheets)


def restore_out_of_range_dates(path: Path, sheets: dict[str, RawSheet]) -> None:
    """Put back the stored numbers of date cells that openpyxl loaded as #VALUE!.

    Only cells without a formula are re-read, in a read-only pass over the
    sheets that have one. A cell whose stored value is a real error value
    (t="e") keeps it.
    """
    wanted = {
        name: positions
        for name, sheet in sheets.items()
        if (positions := error_value_positions(sheet))
    }
    if not wanted:
        return
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # NOTE: openpyxl has no public switch for this. With no date formats the
    # read-only parser returns every number as stored instead of a date.
    workbook._date_formats = set()
    try:
        for name, positions in wanted.items():
            sheet = sheets[name]
            for (row, column), value in read_cells(workbook[name], sheet, positions):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.values[row][column] = value
    finally:
        workbook.close()


def error_value_positions(sheet: RawSheet) -> set[tuple[int, int]]:
    """Return the 0-based positions of #VALUE! cells that have no formula."""
    return {
        (row, column)
        for row, cells in enumerate(sheet.values)
        for column, value in enumerate(cells)
        if value == OUT_OF_RANGE_DATE and (row, column) not in sheet.formulas
    }


def read_cells(ws, sheet: RawSheet, positions: set[tuple[int, int]]):
    """Yield (position, stored value) of the cells at ``positions`` of ``sheet``."""
    rows = [row for row, _ in positions]
    first = sheet.first_row + min(rows)
    last = sheet.first_row + max(rows)
    for cells in ws.iter_rows(min_row=first, max_row=last):
        for cell in cells:
            if not hasattr(cell, "row"):
                continue  # openpyxl's filler for a cell the sheet does not store
            position = (cell.row - sheet.first_row, cell.column - sheet.first_column)
            if position in positions:
                yield position, cell.value


def read_formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Return formula texts by sheet and 1-based (row, column), read-only."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for ws in workbook.worksheets:
            found = formulas.setdefault(ws.title, {})
            # Without stated dimensions each row comes back only as wide as
            # its own cells, not padded out to the sheet's widest column.
            ws.reset_dimensions()
            for row in ws.iter_rows():
                for cell in row:
                    text = formula_text(cell)
                    if text is not None:
                        found[(cell.row, cell.column)] = text
    finally:
        workbook.close()
    return formulas


def formula_text(cell: object) -> str | None:
    """Return the formula of a read-only cell, or None for a constant."""
    if getattr(cell, "data_type", None) != "f":
        return None
    value = cell.value
    # Array and data-table formulas come back as objects holding the text.
    text = value if isinstance(value, str) else getattr(value, "text", None)
    return None if text is None else str(text)


def has_formulas(path: Path) -> bool:
    """Tell whether any worksheet part contains a formula element."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                if part_has_formula(archive, name):
                    return True
    return False


def part_has_formula(archive: zipfile.ZipFile, name: str) -> bool:
    """Scan one part in chunks for a formula tag, keeping an overlap between chunks."""
    tail = b""
    with archive.open(name) as stream:
        while chunk := stream.read(1024 * 1024):
            window = tail + chunk
            if any(tag in window for tag in FORMULA_TAGS):
                return True
            tail = window[-4:]
    return False
