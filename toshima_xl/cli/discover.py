"""Find the workbooks to check among the files and folders given on the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from toshima_xl.cli.output import FileProblem

# Folders are searched for these. An .xls is listed too, so that the check
# reports that it cannot read the old format instead of skipping it silently.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")

EXCEL_LOCK = FileProblem(
    "file.lock_file",
    "Excelでブックを開いている間にできるロックファイルなので、読み飛ばしました。",
)
LIBREOFFICE_LOCK = FileProblem(
    "file.lock_file",
    "LibreOfficeでブックを開いている間にできるロックファイルなので、読み飛ばしました。",
)
TEMPORARY = FileProblem(
    "file.temporary", "保存の途中でできる一時ファイルなので、読み飛ばしました。"
)


@dataclass(frozen=True)
class Candidate:
    """A file found on the command line; ``skip`` is the reason it is not read."""

    path: Path
    skip: FileProblem | None = None


def skip_reason(name: str) -> FileProblem | None:
    """Return why a file with this name is not a workbook to read, or None."""
    if name.startswith("~$"):
        return EXCEL_LOCK
    if name.startswith(".~lock"):
        return LIBREOFFICE_LOCK
    if name.startswith("~") or name.lower().endswith(".tmp"):
        return TEMPORARY
    return None


def collect_files(paths: list[Path]) -> tuple[list[Candidate], list[Path]]:
    """List the files to check, in command-line order, each folder sorted.

    Args:
        paths: files and folders as given. A path that does not exist is
            listed as a file, so that reading it reports it as not found.

    Returns:
        The candidates, each file once, and the folders that held no workbook.
    """
    candidates: list[Candidate] = []
    empty_folders: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        found = walk_folder(path) if path.is_dir() else [path]
        if path.is_dir() and not found:
            empty_folders.append(path)
        for file in found:
            key = file.resolve()
            if key in seen:
                continue
            seen.add(key)
            candidates.append(Candidate(file, skip_reason(file.name)))
    return candidates, empty_folders


def walk_folder(folder: Path) -> list[Path]:
    """Return the workbooks, lock files and temporary files under ``folder``."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            wanted = name.lower().endswith(WORKBOOK_SUFFIXES)
            if wanted or skip_reason(name) is not None:
                found.append(Path(root) / name)
    return found
