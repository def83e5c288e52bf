"""Time the file adapter on a generated 地域資源 sheet: seconds and peak memory.

Usage: ``python benchmarks/read_write.py [ROWS]`` (default 20,000 rows of 18
columns). Peak memory is the maximum resident set size of this process and,
for the worker-process read, of the child (``resource.getrusage``, Unix
only). python-calamine is timed for comparison only: the reader does not
use it, because the openpyxl pass that supplies hidden rows, merged ranges
and cell styles costs about as much as reading the values with openpyxl.
"""

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine

from toshima_xl.adapters.files.reader import read_workbook
from toshima_xl.adapters.files.safety import ReadLimits
from toshima_xl.adapters.files.writer import write_results
from toshima_xl.core.dataset import CellMark, OutputSheet, Results, Severity
from toshima_xl.schema import RESOURCES


def make_workbook(path: Path, rows: int) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = RESOURCES.name
    ws.append(RESOURCES.headers)
    for index in range(rows):
        ws.append(
            [
                f"R{index:05d}",
                "としまる体操 東池袋",
                "トシマルタイソウ",
                "健康体操",
                "東部",
            ]
            + ["東池袋2-38-10"] * 3
            + ["65歳以上", "無料", "としまる会", "03-1234-5678", "佐藤"]
            + [
                "公開可",
                "活動中",
                dt.datetime(2021, 7, 9),
                dt.datetime(2022, 3, 31),
                "備考",
            ]
        )
    workbook.save(path)


def peak_mib(scope: int) -> float:
    return resource.getrusage(scope).ru_maxrss / 1024


def timed(label: str, action) -> None:
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(
        f"{label:<28} {seconds:7.2f} s"
        f"   peak RSS self {peak_mib(resource.RUSAGE_SELF):6.0f} MiB"
        f"   children {peak_mib(resource.RUSAGE_CHILDREN):6.0f} MiB"
    )


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "地域資源 ベンチマーク.xlsx"
        make_workbook(source, rows)
        size = source.stat().st_size // 1024
        print(f"{rows} rows x {len(RESOURCES.headers)} columns, {size} KiB")
        timed("read_workbook (worker)", lambda: read_workbook(source))
        timed(
            "read_workbook (in process)",
            lambda: read_workbook(source, ReadLimits(seconds=None)),
        )
        timed("python-calamine values", lambda: read_with_calamine(source))
        findings = OutputSheet(
            "検証結果", [["行", "内容"]] + [[i, "確認"] for i in range(rows)]
        )
        marks = [
            CellMark(RESOURCES.name, i, 5, Severity.WARNING, "確認")
            for i in range(2, rows, 10)
        ]
        results = Results(sheets=[findings], marks=marks)
        timed(
            "write_results",
            lambda: write_results(source, Path(folder) / "結果.xlsx", results),
        )


def read_with_calamine(path: Path) -> None:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()


if __name__ == "__main__":
    main()
