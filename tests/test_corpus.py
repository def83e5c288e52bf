"""The checker against the corpus of faulty workbooks, one exact set per file.

Each corpus case declares what is typed where and the findings it must
produce as (code, sheet, Excel row, column header). A missing finding and
an extra one both fail. The corpus is written by tests/corpus/make_corpus.py.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

from corpus_book import ANY, TODAY, Case  # noqa: E402
from make_corpus import CASES, write_corpus  # noqa: E402

from toshima_xl.adapters.files.reader import read_workbook  # noqa: E402
from toshima_xl.adapters.files.safety import ReadLimits  # noqa: E402
from toshima_xl.adapters.files.writer import write_results  # noqa: E402
from toshima_xl.core.pipeline import run_validation  # noqa: E402
from toshima_xl.core.tables import build_dataset  # noqa: E402
from toshima_xl.core.validate import validate_dataset  # noqa: E402
from toshima_xl.schema import FINDINGS_SHEET  # noqa: E402

IN_PROCESS = ReadLimits(seconds=None)
FORMULA_TEXT_FILE = "値_数式風の文字.xlsx"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


def findings_of(path: Path):
    dataset = build_dataset(read_workbook(path, IN_PROCESS))
    findings, _ = validate_dataset(dataset, TODAY)
    return findings


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_case_findings_exact(corpus, case: Case):
    findings = findings_of(corpus[case.file])
    actual = sorted((f.code, f.sheet, f.row, f.column) for f in findings)
    expected = sorted(e.key for e in case.expected)
    assert actual == expected


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_case_suggestions(corpus, case: Case):
    by_key = {
        (f.code, f.sheet, f.row, f.column): f for f in findings_of(corpus[case.file])
    }
    for expected in case.expected:
        if expected.suggestion is ANY:
            continue
        assert by_key[expected.key].suggestion == expected.suggestion, expected


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_case_messages_name_place(corpus, case: Case):
    for finding in findings_of(corpus[case.file]):
        assert finding.message.startswith(f"「{finding.sheet}」シート")
        if finding.row is not None:
            assert f"{finding.row}行目" in finding.message


def test_case_file_names_unique():
    names = [case.file for case in CASES]
    assert len(names) == len(set(names))


def test_generator_script_writes_folder(corpus, tmp_path):
    out = tmp_path / "コーパス 出力"
    completed = subprocess.run(
        [sys.executable, str(CORPUS / "make_corpus.py"), str(out)],
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(corpus)


def test_corpus_deterministic(corpus, tmp_path):
    again = write_corpus(tmp_path / "again")
    for name, path in corpus.items():
        first, second = path.read_bytes(), again[name].read_bytes()
        if not zipfile.is_zipfile(path):
            assert first == second, name
            continue
        with zipfile.ZipFile(path) as one, zipfile.ZipFile(again[name]) as two:
            assert one.namelist() == two.namelist(), name
            for member in one.namelist():
                assert one.read(member) == two.read(member), (name, member)


def test_formula_text_stays_text_in_findings_sheet(corpus, tmp_path):
    source = corpus[FORMULA_TEXT_FILE]
    results = run_validation(build_dataset(read_workbook(source, IN_PROCESS)), TODAY)
    target = tmp_path / "検証結果つき.xlsx"
    write_results(source, target, results)

    sheet = openpyxl.load_workbook(target)[FINDINGS_SHEET]
    texts = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                texts[cell.value.lstrip("'")] = cell
    for typed in ("=SUM(A1:A3)", "+81の番号もあり", "-休止中-", "@としま会議"):
        cell = texts[typed]
        assert cell.data_type == "s", typed
