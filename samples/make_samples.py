"""Write the two sample workbooks: the R3 master and a coordinator submission.

Run as ``python samples/make_samples.py [--out DIR]``. Both files start from
the master template, and one seeded random source makes every run write the
same cell values.

PLANTED_FAULTS lists every fault typed into coordinator_submission.xlsx on
purpose, by sheet, Excel row and column header, with the finding code the
checks should report. Rows 2 to 21 of its 地域資源 sheet are resources of
the ふくろうの杜 area; rows not named below are clean.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import NamedTuple

from sample_facts import AREA_NOTE, area_rows, bench_rows
from sample_meetings import meeting_rows
from sample_resources import resource_rows
from sample_submission import SUBMISSION_NOTE, submission_rows
from sample_workbook import (
    add_help_note,
    build_workbook,
    fill_sheet,
    note_header,
    save_workbook,
)

from toshima_xl.schema import AREAS, BENCHES, MEETINGS, RESOURCES


class Fault(NamedTuple):
    sheet: str
    row: int
    column: str
    value: object  # the cell as typed; None for a blank cell
    code: str
    what: str


# fmt: off
PLANTED_FAULTS: tuple[Fault, ...] = (
    Fault("地域資源", 3, "登録日", "令和3年7月9日", "date.text", "era date typed as text"),
    Fault("地域資源", 4, "登録日", "R3.7.9", "date.text", "short era date as text"),
    Fault("地域資源", 5, "登録日", "H31.4.30", "date.text", "Heisei date as text"),
    Fault("地域資源", 6, "登録日", "２０２１/８/２", "date.text", "full-width digits"),
    Fault("地域資源", 7, "電話番号", "０３３９８７２２４５", "phone.format", "full-width digits, no hyphens"),
    Fault("地域資源", 8, "圏域", "ふくろうの杜圏域", "area.unknown", "圏域 appended to the area name"),
    Fault("地域資源", 9, "住所", "駒込4-3-9", "address.area_mismatch", "town served by 菊かおる園, row says ふくろうの杜"),
    Fault("地域資源", 10, "名称", None, "cell.required", "required name left blank"),
    Fault("地域資源", 11, "公開区分", "公開", "choice.unknown", "公開 instead of 公開可"),
    Fault("地域資源", 12, "資源ID", None, "id.blank", "blank ID"),
    Fault("地域資源", 13, "資源ID", "R0901", "id.duplicate", "same ID as row 2"),
    Fault("地域資源", 14, "名称カナ", "めじろやまぶきたいそうのかい", "kana.not_katakana", "reading typed in hiragana"),
    Fault("地域資源", 15, "登録日", "令和3年2月30日", "date.nonexistent", "30 February"),
    Fault("地域資源", 16, "電話番号", "03-3984-551", "phone.invalid", "nine digits"),
    Fault("地域資源", 18, "名称", "高田ふれあい子ども食堂", "duplicate.candidate", "same address as row 17, name slightly longer"),
    Fault("地域資源", 20, "名称", "（株）めじろ配食サービス", "duplicate.candidate", "same phone as row 19, （株） for 株式会社"),
    Fault("地域資源", 21, "名称", "めじろ　配食サービス", "duplicate.candidate", "same phone as row 19, full-width space, no 株式会社"),
)
# fmt: on

SEED = 20210709
R3_FILE = "toshima_r3.xlsx"
SUBMISSION_FILE = "coordinator_submission.xlsx"

R3_NOTE = (
    "このファイルはサンプルです。豊島区の令和3年度報告書によるのは、圏域名、"
    "地域資源の件数（令和3年2月時点436件、令和3年度576件、うち公開393件）、"
    "ベンチ6台の設置場所と住所、第1層協議体の令和3年度2回の会議だけです。",
    "それ以外（地域資源の名称・住所・電話番号・担当者、町丁目と圏域の対応表、"
    "コーディネーター名、65歳以上人口、ほかの会議の日付と参加者数）はすべて架空です。",
)


def write_r3(path: Path, areas: list[dict], rng: random.Random) -> None:
    """Write the R3 master sample: areas, benches, meetings and 576 resources."""
    workbook = build_workbook()
    fill_sheet(workbook, RESOURCES, resource_rows(rng))
    fill_sheet(workbook, AREAS, areas)
    fill_sheet(workbook, BENCHES, bench_rows())
    fill_sheet(workbook, MEETINGS, meeting_rows(rng))
    note_header(workbook, AREAS, "towns", AREA_NOTE)
    add_help_note(workbook, "このサンプルについて", list(R3_NOTE))
    save_workbook(workbook, path)


def write_submission(path: Path, areas: list[dict]) -> None:
    """Write the coordinator submission with the planted faults."""
    workbook = build_workbook()
    fill_sheet(workbook, RESOURCES, submission_rows(PLANTED_FAULTS))
    fill_sheet(workbook, AREAS, areas)
    fill_sheet(workbook, BENCHES, [])
    fill_sheet(workbook, MEETINGS, [])
    note_header(workbook, AREAS, "towns", AREA_NOTE)
    add_help_note(workbook, "このサンプルについて", [SUBMISSION_NOTE])
    save_workbook(workbook, path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="folder to write the two .xlsx files to (default: this folder)",
    )
    args = parser.parse_args(argv)

    rng = random.Random(SEED)
    areas = area_rows(rng)
    write_r3(args.out / R3_FILE, areas, rng)
    write_submission(args.out / SUBMISSION_FILE, areas)
    print(f"wrote {args.out / R3_FILE} and {args.out / SUBMISSION_FILE}")


if __name__ == "__main__":
    main()
