"""The import, merge and accept commands, run as subprocesses on Japanese file names."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES

R3_SAMPLE = SAMPLES / "toshima_r3.xlsx"
SUBMISSION_SAMPLE = SAMPLES / "coordinator_submission.xlsx"
MASTER_ROWS = 576


@pytest.fixture
def work_dir(tmp_path):
    """Return a folder with the master and the submission under Japanese names."""
    folder = tmp_path / "台帳 作業"
    folder.mkdir()
    shutil.copy(R3_SAMPLE, folder / "台帳.xlsx")
    shutil.copy(SUBMISSION_SAMPLE, folder / "提出 ふくろうの杜.xlsx")
    return folder


def run_cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``python -m toshima_xl`` with UTF-8 output."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env["TOSHIMA_XL_LOG_DIR"] = str(cwd / "ログ")
    return subprocess.run(
        [sys.executable, "-m", "toshima_xl", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=300,
        text=True,
        encoding="utf-8",
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_writes_out_and_keeps_inputs(work_dir):
    before = digest(work_dir / "台帳.xlsx")

    completed = run_cli(
        "import",
        "台帳.xlsx",
        "提出 ふくろうの杜.xlsx",
        "-o",
        "取込後.xlsx",
        cwd=work_dir,
    )

    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "「台帳.xlsx」を変更したブックを「取込後.xlsx」に書きました。"
    assert lines[1] == "「提出 ふくろうの杜.xlsx」から追加する行: 地域資源 20行"
    assert "変更後のブック: 649行を検証しました。エラー 5件" in completed.stdout
    assert digest(work_dir / "台帳.xlsx") == before
    ws = openpyxl.load_workbook(work_dir / "取込後.xlsx")["地域資源"]
    assert ws.max_row == MASTER_ROWS + 21
    assert ws.cell(MASTER_ROWS + 21, 1).value == "R0920"


def test_clean_import_exits_zero(work_dir):
    submission = work_dir / "提出 東部.xlsx"
    shutil.copy(R3_SAMPLE, submission)
    workbook = openpyxl.load_workbook(submission)
    ws = workbook["地域資源"]
    row = [cell.value for cell in ws[2]]
    row[0], row[1], row[6] = None, "東池袋ひなたサロン", "東池袋2-38-10"
    row[15] = datetime(2021, 10, 1)
    for position, value in enumerate(row, 1):
        ws.cell(MASTER_ROWS + 2, position, value)
    workbook.save(submission)

    completed = run_cli(
        "import", "台帳.xlsx", submission.name, "--in-place", cwd=work_dir
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "台帳に同じ行があるため追加しなかった行: 621行" in completed.stdout
    assert (work_dir / "台帳.bak.xlsx").exists()
    ws = openpyxl.load_workbook(work_dir / "台帳.xlsx")["地域資源"]
    assert ws.cell(MASTER_ROWS + 2, 1).value == "R0577"
    assert ws.cell(MASTER_ROWS + 2, 2).value == "東池袋ひなたサロン"


def test_import_refuses_submission_with_renamed_headers(work_dir):
    submission = work_dir / "提出 見出し違い.xlsx"
    shutil.copy(SUBMISSION_SAMPLE, submission)
    workbook = openpyxl.load_workbook(submission)
    ws = workbook["地域資源"]
    ws["B1"], ws["E1"] = "団体名", "エリア"
    workbook.save(submission)

    completed = run_cli(
        "import", "台帳.xlsx", "提出 ふくろうの杜.xlsx", submission.name,
        "-o", "取込後.xlsx", cwd=work_dir,
    )  # fmt: skip

    assert completed.returncode == 2
    assert completed.stderr.startswith(
        "提出ブック「提出 見出し違い.xlsx」を取り込みませんでした。"
        "「地域資源」シートの1行目（見出し行）に必須の見出し「名称」「圏域」がありません。"
    )
    assert "提出ブックの見出し行を台帳と同じ見出しに直して" in completed.stderr
    assert not (work_dir / "取込後.xlsx").exists()


def test_import_names_columns_master_lacks(work_dir):
    submission = work_dir / "提出 メモ列.xlsx"
    shutil.copy(SUBMISSION_SAMPLE, submission)
    workbook = openpyxl.load_workbook(submission)
    ws = workbook["地域資源"]
    ws["S1"], ws["S2"] = "メモ", "秘密のメモ"
    workbook.save(submission)

    completed = run_cli(
        "import", "台帳.xlsx", submission.name, "-o", "取込後.xlsx", cwd=work_dir
    )

    assert completed.returncode == 1, completed.stderr
    assert (
        "「地域資源」シート: 台帳にない列「メモ」は取り込んでいません。"
        in completed.stdout
    )


def test_import_refuses_master_table_with_totals_row(work_dir):
    master = openpyxl.load_workbook(work_dir / "台帳.xlsx")
    ws = master["地域資源"]
    table = ws.tables["T_地域資源"]
    table.ref, table.totalsRowCount = f"A1:R{MASTER_ROWS + 2}", 1
    ws.cell(MASTER_ROWS + 2, 1, "集計")
    ws.cell(MASTER_ROWS + 2, 2, f"=SUBTOTAL(103,B2:B{MASTER_ROWS + 1})")
    master.save(work_dir / "台帳.xlsx")

    completed = run_cli(
        "import", "台帳.xlsx", "提出 ふくろうの杜.xlsx", "-o", "取込後.xlsx",
        cwd=work_dir,
    )  # fmt: skip

    assert completed.returncode == 2
    assert (
        "「地域資源」シートの表「T_地域資源」には集計行があるため" in completed.stderr
    )
    assert not (work_dir / "取込後.xlsx").exists()


def test_merge_without_decisions_writes_nothing(work_dir):
    completed = run_cli("merge", "台帳.xlsx", "-o", "統合後.xlsx", cwd=work_dir)

    assert completed.returncode == 0
    assert "何も書き込みませんでした" in completed.stdout
    assert "「判定」欄に「残す」と「統合」を入力してから" in completed.stdout
    assert not (work_dir / "統合後.xlsx").exists()


def test_merge_applies_judged_group(work_dir):
    run_cli("import", "台帳.xlsx", "提出 ふくろうの杜.xlsx", "--in-place", cwd=work_dir)
    run_cli("report", "台帳.xlsx", "--in-place", cwd=work_dir)
    workbook = openpyxl.load_workbook(work_dir / "台帳.xlsx")
    ws = workbook["重複候補"]
    header = [cell.value for cell in ws[1]]
    marks = {595: "残す", 596: "統合"}
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "D003" and row[2].value in marks:
            row[header.index("判定")].value = marks[row[2].value]
    workbook.save(work_dir / "台帳.xlsx")

    completed = run_cli("merge", "台帳.xlsx", "-o", "統合後.xlsx", cwd=work_dir)

    assert completed.returncode == 1, completed.stderr
    assert "統合したグループ: 1件、「統合履歴」に移した行: 1行" in completed.stdout
    merged = openpyxl.load_workbook(work_dir / "統合後.xlsx")
    assert merged["統合履歴"].cell(2, 4).value == "R0918"
    assert merged["地域資源"].max_row == MASTER_ROWS + 20


def judge_first_group(path: Path, marks: dict[int, str], key: str | None = None):
    """Type ``marks`` in 判定 of 重複候補 rows by sheet row; optionally edit a キー."""
    workbook = openpyxl.load_workbook(path)
    ws = workbook["重複候補"]
    header = [cell.value for cell in ws[1]]
    for row, mark in marks.items():
        ws.cell(row, header.index("判定") + 1, mark)
    if key is not None:
        ws.cell(3, header.index("キー") + 1, key)
    workbook.save(path)


STALE_KEY_REASON = (
    "グループ D001 の判定は使いませんでした: 「重複候補」3行目の判定は"
    "キーが今の重複グループのどれにも合いません（重複チェックのあとで行が"
    "変わりました。「重複チェック」をやり直してから判定してください）。"
)


@pytest.mark.parametrize(
    ("marks", "key", "lines"),
    [
        (
            {2: "残す", 3: "消す"},
            None,
            [
                "グループ D001 は統合しませんでした: 「重複候補」3行目「消す」は"
                "判定に使えない値です（「残す」「統合」「別」のどれかを入力して"
                "ください）。"
            ],
        ),
        (
            {2: "残す", 3: "統合"},
            "地域資源|R0001|R0001",
            [
                "グループ D001 は統合しませんでした: 「残す」が1行ありますが"
                "「統合」がありません（まとめる行には「統合」を、別のものなら"
                "「別」を入力してください）。",
                STALE_KEY_REASON,
            ],
        ),
    ],
    ids=["unknown-judgement", "edited-key"],
)
def test_merge_reports_ignored_judgements(work_dir, marks, key, lines):
    run_cli("report", "提出 ふくろうの杜.xlsx", "--in-place", cwd=work_dir)
    judge_first_group(work_dir / "提出 ふくろうの杜.xlsx", marks, key)

    completed = run_cli(
        "merge", "提出 ふくろうの杜.xlsx", "-o", "統合後.xlsx", cwd=work_dir
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[2:] == lines
    assert not (work_dir / "統合後.xlsx").exists()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "nonexistent.code",
            "--code に指定した「nonexistent.code」は問題のコードにありません。"
            "修正案のあるコードを指定してください（例: date.text、date.era_mismatch、"
            "number.text、number.approximate、phone.formatほか 4 件）。",
        ),
    ],
    ids=["unknown-code"],
)
def test_accept_unknown_code_is_usage_error(work_dir, code, expected):
    completed = run_cli(
        "accept", "台帳.xlsx", "-o", "出力.xlsx", "--code", code, cwd=work_dir
    )

    assert completed.returncode == 2
    assert expected in completed.stderr
    assert not (work_dir / "出力.xlsx").exists()


def test_accept_known_code_without_findings_says_so(work_dir):
    completed = run_cli(
        "accept",
        "台帳.xlsx",
        "-o",
        "出力.xlsx",
        "--code",
        "date.era_mismatch",
        cwd=work_dir,
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[1:] == [
        "修正案を反映したセル: 0個",
        "コード「date.era_mismatch」で反映したセルはありません: "
        "今のデータにこのコードの問題はありません。",
    ]


def test_accept_by_code_in_place(work_dir):
    run_cli("import", "台帳.xlsx", "提出 ふくろうの杜.xlsx", "--in-place", cwd=work_dir)

    completed = run_cli(
        "accept", "台帳.xlsx", "--in-place", "--code", "phone.format", cwd=work_dir
    )

    assert completed.returncode == 1, completed.stderr
    assert "修正案を反映したセル: 1個" in completed.stdout
    ws = openpyxl.load_workbook(work_dir / "台帳.xlsx")["地域資源"]
    assert ws.cell(583, 12).value == "03-3987-2245"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "台帳.xlsx"), "書き出すブックを -o で指定してください"),
        (("import", "台帳.xlsx"), "必要な引数がありません"),
        (
            ("accept", "台帳.xlsx", "-o", "台帳.xlsx"),
            "-o が元のブック「台帳.xlsx」と同じです",
        ),
        (
            ("import", "台帳.xlsx", "メモ.xlsx", "-o", "出力.xlsx"),
            "「メモ.xlsx」を読めません。",
        ),
    ],
    ids=["no-output", "no-submission", "output-is-input", "submission-not-a-workbook"],
)
def test_usage_and_read_errors_exit_two(work_dir, args, message):
    (work_dir / "メモ.xlsx").write_text("資源ID,名称\nR0001,サロン\n", encoding="utf-8")

    completed = run_cli(*args, cwd=work_dir)

    assert completed.returncode == 2
    assert message in completed.stderr
    assert not (work_dir / "出力.xlsx").exists()


@pytest.mark.parametrize("command", ["import", "merge", "accept"])
def test_help_lists_exit_codes(work_dir, command):
    completed = run_cli(command, "-h", cwd=work_dir)

    assert completed.returncode == 0
    assert "終了コード:" in completed.stdout
    assert "  2  読めない・書けないファイルがあったか" in completed.stdout
