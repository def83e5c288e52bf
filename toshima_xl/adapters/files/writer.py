"""Write a run's results back into a workbook file with openpyxl, losing nothing.

The source workbook is loaded with its formulas, the tool's sheets are
rewritten at the end, the tool's marks on data cells are renewed, and the
result is saved atomically: to a temporary file in the target's folder,
then moved over the target with ``os.replace``.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from toshima_xl.adapters.files.atomic import replace_file
from toshima_xl.adapters.files.errors import WorkbookWriteError
from toshima_xl.adapters.files.marks import apply_marks, clear_marks
from toshima_xl.adapters.files.output import replace_output_sheet
from toshima_xl.adapters.files.parts import find_dropped_parts
from toshima_xl.adapters.files.safety import ReadLimits, check_file
from toshima_xl.adapters.files.sheets import read_sheet
from toshima_xl.core.dataset import RawWorkbook, Results
from toshima_xl.core.ownership import foreign_output_sheets
from toshima_xl.schema import OUTPUT_SHEETS

logger = logging.getLogger(__name__)

MACRO_SUFFIXES = (".xlsm",)


def write_results(
    source: Path, target: Path, results: Results, *, in_place: bool = False
) -> list[str]:
    """Write the output sheets and cell marks of ``results`` into a copy of ``source``.

    Args:
        source: the workbook the results were computed from.
        target: where to save. With ``in_place``, it must be ``source``.
        results: output sheets (each replaces its previous copy) and marks.
        in_place: overwrite ``source``, keeping the previous file as
            ``<stem>.bak<suffix>`` (timestamped if that name is taken).

    Returns:
        Japanese descriptions of the parts of ``source`` that are not in the
        new file (images, charts, ...). Empty unless ``target`` is a new file.

    Raises:
        WorkbookReadError: when ``source`` cannot be read safely.
        WorkbookWriteError: file.locked when ``target`` is open in Excel,
            file.unsupported_parts when saving over an existing workbook would
            lose parts, sheet.foreign when a sheet to replace was made by
            staff, file.unwritable when saving fails.
        ValueError: when ``in_place`` is set and ``target`` is not ``source``,
            or when ``results`` names a sheet outside ``schema.OUTPUT_SHEETS``.
    """
    source, target = Path(source), Path(target)
    if in_place and target.resolve() != source.resolve():
        raise ValueError(f"in_place writes need target == source, got {target}")
    check_file(source, ReadLimits(seconds=None))
    check_not_locked(target)

    keep_vba = source.suffix.lower() in MACRO_SUFFIXES
    dropped = find_dropped_parts(source, keep_vba)
    if dropped and target.exists():
        raise WorkbookWriteError("file.unsupported_parts", target, "、".join(dropped))

    workbook = openpyxl.load_workbook(source, keep_vba=keep_vba)
    check_own_sheets(workbook, [sheet.name for sheet in results.sheets], source)
    fill_workbook(workbook, results)
    if in_place:
        backup = back_up(source)
        logger.info("kept the previous workbook as %s", backup.name)
    save_atomically(workbook, target)
    if dropped:
        logger.warning("the new file lacks these parts of the source: %s", dropped)
    return dropped


def fill_workbook(workbook: Workbook, results: Results) -> None:
    """Rewrite the output sheets and renew the marks on the data sheets."""
    unknown = [
        sheet.name for sheet in results.sheets if sheet.name not in OUTPUT_SHEETS
    ]
    if unknown:
        # Replacing a sheet deletes it first, so only the tool's own may be named.
        raise ValueError(f"not output sheets of schema.OUTPUT_SHEETS: {unknown}")
    data_sheets = [name for name in workbook.sheetnames if name not in OUTPUT_SHEETS]
    cleared = clear_marks(workbook, data_sheets)
    for sheet in results.sheets:
        replace_output_sheet(workbook, sheet)
    data_marks = [mark for mark in results.marks if mark.sheet in data_sheets]
    applied = apply_marks(workbook, data_marks)
    logger.info(
        "wrote %d output sheets, cleared %d old marks, applied %d marks",
        len(results.sheets),
        cleared,
        applied,
    )


def check_own_sheets(workbook: Workbook, names: Iterable[str], source: Path) -> None:
    """Raise sheet.foreign when a sheet about to be rewritten was made by staff.

    Args:
        workbook: ``source`` as loaded for writing.
        names: the output sheets that the write replaces or extends.
        source: the file named in the message.
    """
    present = [name for name in names if name in workbook.sheetnames]
    sheets = {name: read_sheet(workbook[name], workbook.epoch, {}) for name in present}
    foreign = foreign_output_sheets(RawWorkbook(str(source), sheets), present)
    if foreign:
        detail = "、".join(describe_sheet(name, value) for name, value in foreign)
        raise WorkbookWriteError("sheet.foreign", source, detail)


def describe_sheet(name: str, first: object) -> str:
    """Name a sheet and its A1 value for a message: シート「集計」（A1は「メモ」）."""
    if first is None or str(first).strip() == "":
        return f"シート「{name}」（A1は空欄）"
    text = str(first).strip()
    text = text if len(text) <= 40 else text[:39] + "…"
    return f"シート「{name}」（A1は「{text}」）"


def check_not_locked(target: Path) -> None:
    """Raise file.locked when Excel's lock file ``~$<name>`` sits next to ``target``."""
    lock = target.with_name("~$" + target.name)
    if lock.exists():
        raise WorkbookWriteError("file.locked", target, f"lock file {lock.name} exists")


def back_up(source: Path) -> Path:
    """Copy ``source`` to ``<stem>.bak<suffix>``, timestamped if that name exists."""
    backup = source.with_name(f"{source.stem}.bak{source.suffix}")
    if backup.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = source.with_name(f"{source.stem}.{stamp}.bak{source.suffix}")
    try:
        shutil.copy2(source, backup)
    except OSError as error:
        raise WorkbookWriteError("file.unwritable", backup, str(error)) from error
    return backup


def save_atomically(workbook: Workbook, target: Path) -> None:
    """Save to a temporary file beside ``target``, then move it over ``target``."""
    try:
        replace_file(target, workbook.save, suffix=target.suffix)
    except PermissionError as error:
        # On Windows, replacing a file that Excel has open fails here.
        raise WorkbookWriteError("file.locked", target, str(error)) from error
    except OSError as error:
        raise WorkbookWriteError("file.unwritable", target, str(error)) from error
