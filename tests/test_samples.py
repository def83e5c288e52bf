"""Tests for the sample workbooks and the script that writes them."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from toshima_xl.core.towns import TOSHIMA_TOWNS
from toshima_xl.schema import AREA_NAMES, DEFAULT_LISTS, RESOURCES

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FILES = ("toshima_r3.xlsx", "coordinator_submission.xlsx")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    subprocess.run(
        [sys.executable, str(SAMPLES / "make_samples.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def make_samples():
    sys.path.insert(0, str(SAMPLES))
    try:
        yield importlib.import_module("make_samples")
    finally:
        sys.path.remove(str(SAMPLES))


def resources(path: Path) -> list[dict]:
    sheet = openpyxl.load_workbook(path)[RESOURCES.name]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == RESOURCES.headers
    return [
        dict(zip(RESOURCES.headers, row, strict=True)) for row in rows[1:] if any(row)
    ]


def registered_by(rows: list[dict], day: datetime) -> int:
    return sum(1 for row in rows if row["登録日"] <= day)


def test_r3_resource_counts(fresh):
    rows = resources(fresh / "toshima_r3.xlsx")
    assert len(rows) == 576
    assert registered_by(rows, datetime(2022, 3, 31)) == 576
    assert registered_by(rows, datetime(2021, 2, 28)) == 436
    assert registered_by(rows, datetime(2021, 3, 31)) == 436
    assert sum(1 for row in rows if row["公開区分"] == "公開可") == 393
    assert sum(1 for row in rows if row["公開区分"] == "非公開") == 183
    assert {row["状態"] for row in rows} == {"活動中", "休止中"}


def test_r3_every_area_and_category(fresh):
    rows = resources(fresh / "toshima_r3.xlsx")
    cells = Counter((row["圏域"], row["種別"]) for row in rows)
    for area in AREA_NAMES:
        for category in DEFAULT_LISTS["種別"]:
            assert cells[(area, category)] > 0, (area, category)
    assert len(cells) == 64


@pytest.mark.parametrize(
    "column",
    ["資源ID", "名称", "住所", "電話番号"],
    ids=["ID", "名称", "住所", "電話番号"],
)
def test_r3_resource_values_unique(fresh, column):
    rows = resources(fresh / "toshima_r3.xlsx")
    values = [row[column] for row in rows]
    assert len(set(values)) == 576


def test_r3_names_not_near_duplicates(fresh, make_samples):
    from sample_resources import within_one_edit

    names = [row["名称"] for row in resources(fresh / "toshima_r3.xlsx")]
    close = [
        (first, second)
        for index, first in enumerate(names)
        for second in names[index + 1 :]
        if within_one_edit(first, second)
    ]
    assert close == []


def test_r3_addresses_in_own_area(fresh, make_samples):
    from sample_facts import AREA_TOWNS

    rows = resources(fresh / "toshima_r3.xlsx")
    for row in rows:
        town = next(
            t
            for t in sorted(TOSHIMA_TOWNS, key=len, reverse=True)
            if row["住所"].startswith(t)
        )
        chome = int(row["住所"][len(town) :].split("-")[0])
        served = [
            area
            for area, towns in AREA_TOWNS.items()
            for name, span in towns
            if name == town and (span is None or span[0] <= chome <= span[1])
        ]
        assert served == [row["圏域"]], row["資源ID"]


def test_area_table_covers_each_town_once(make_samples):
    from sample_facts import AREA_TOWNS

    towns = Counter(
        town for parts in AREA_TOWNS.values() for town, span in parts if span is None
    )
    split = Counter(
        town for parts in AREA_TOWNS.values() for town, span in parts if span
    )
    assert set(towns) | set(split) == set(TOSHIMA_TOWNS)
    assert all(count == 1 for count in towns.values())
    assert not set(towns) & set(split)
    assert tuple(AREA_TOWNS) == AREA_NAMES


def test_r3_benches_and_council(fresh):
    workbook = openpyxl.load_workbook(fresh / "toshima_r3.xlsx")
    benches = list(workbook["ベンチ"].iter_rows(min_row=2, max_row=7, values_only=True))
    assert [(row[1], row[2], row[3], row[4]) for row in benches] == [
        ("東池袋フレイル対策センター", "東池袋2-38-10", "中央", "本実施"),
        ("区民ひろば高南第一", "高田2-11-2", "ふくろうの杜", "モデル実施"),
        ("高田介護予防センター", "高田3-38-7", "ふくろうの杜", "モデル実施"),
        ("高田介護予防センター", "高田3-38-7", "ふくろうの杜", "本実施"),
        ("日本福祉教育専門学校", "高田3-6-15", "ふくろうの杜", "モデル実施"),
        ("喫茶売店メリー（くすのき荘）", "上池袋4-20-1", "豊島区医師会", "本実施"),
    ]
    council = [
        (row[2], row[3], row[6])
        for row in workbook["会議"].iter_rows(min_row=2, values_only=True)
        if row[1] == "第1層協議体" and row[3] >= datetime(2021, 4, 1)
    ]
    assert council == [(1, datetime(2021, 7, 9), 18), (2, datetime(2021, 11, 18), 14)]


def test_r3_tables_fit_data(fresh):
    workbook = openpyxl.load_workbook(fresh / "toshima_r3.xlsx")
    assert workbook["地域資源"].tables["T_地域資源"].ref == "A1:R577"
    assert workbook["圏域"].tables["T_圏域"].ref == "A1:E9"
    assert workbook["ベンチ"].tables["T_ベンチ"].ref == "A1:L7"
    validations = {
        str(v.sqref) for v in workbook["地域資源"].data_validations.dataValidation
    }
    assert "D2:D577" in validations


def test_submission_planted_faults(fresh, make_samples):
    sheet = openpyxl.load_workbook(fresh / "coordinator_submission.xlsx")[
        RESOURCES.name
    ]
    headers = [cell.value for cell in sheet[1]]
    assert len(make_samples.PLANTED_FAULTS) == 17
    for fault in make_samples.PLANTED_FAULTS:
        cell = sheet.cell(fault.row, headers.index(fault.column) + 1)
        assert cell.value == fault.value, fault


def test_submission_shape(fresh):
    workbook = openpyxl.load_workbook(fresh / "coordinator_submission.xlsx")
    assert workbook["地域資源"].tables["T_地域資源"].ref == "A1:R21"
    areas = [
        row[0]
        for row in workbook["圏域"].iter_rows(min_row=2, max_row=9, values_only=True)
    ]
    assert areas == list(AREA_NAMES)


@pytest.mark.parametrize("name", FILES, ids=["r3", "submission"])
def test_committed_sample_matches_fresh_run(fresh, name):
    committed = openpyxl.load_workbook(SAMPLES / name)
    again = openpyxl.load_workbook(fresh / name)
    assert committed.sheetnames == again.sheetnames
    for sheet in committed.worksheets:
        expected = list(again[sheet.title].iter_rows(values_only=True))
        assert list(sheet.iter_rows(values_only=True)) == expected, sheet.title
