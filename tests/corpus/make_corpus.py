"""Write the corpus of faulty workbooks that the checker is tested against.

Run as ``python tests/corpus/make_corpus.py OUT_DIR``. Every workbook case
is declared as data in ``corpus_values`` (cell values) and
``corpus_structure`` (sheets, headers, rows, formulas), with the exact
findings the checker must report for it. ``corpus_files`` writes the files
that cannot be read at all. Every run writes the same cell values.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_book import Case, write_case  # noqa: E402
from corpus_files import UNREADABLE_FILES, write_unreadable  # noqa: E402
from corpus_structure import STRUCTURE_CASES  # noqa: E402
from corpus_values import VALUE_CASES  # noqa: E402

CASES: tuple[Case, ...] = VALUE_CASES + STRUCTURE_CASES


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write every workbook case and every unreadable file into ``folder``.

    Returns:
        File name -> path, for the workbook cases and the unreadable files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names = [case.file for case in CASES]
    if len(set(names)) != len(names):
        raise ValueError("two corpus cases share a file name")
    written = {case.file: write_case(case, folder) for case in CASES}
    written |= write_unreadable(folder)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    args = parser.parse_args(argv)
    written = write_corpus(args.out)
    print(f"wrote {len(written)} files ({len(CASES)} cases) to {args.out}")


if __name__ == "__main__":
    main()


__all__ = ["CASES", "UNREADABLE_FILES", "write_corpus"]
