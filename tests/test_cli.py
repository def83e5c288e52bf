"""The toshima-xl command line, run as a subprocess and in-process through main()."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES, libreoffice_available, require_part

from toshima_xl.cli import main
from toshima_xl.cli.common import translate_argparse_error
from toshima_xl.logsetup import LOG_FILE_NAME, PACKAGE_LOGGER, remove_handlers

R3_SAMPLE = SAMPLES / "toshima_r3.xlsx"
SUBMISSION_SAMPLE = SAMPLES / "coordinator_submission.xlsx"
ASTRAL_AREA = "池袋🍵𠮷"  # neither the emoji nor 𠮷 exists in cp932
OUTPUT_SHEETS = ["検証結果", "重複候補", "集計", "報告"]


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    """Send the log of in-process runs to tmp_path and detach it afterwards."""
    folder = tmp_path / "ログ"
    monkeypatch.setenv("TOSHIMA_XL_LOG_DIR", str(folder))
    yield folder
    remove_handlers(logging.getLogger(PACKAGE_LOGGER))


@pytest.fixture
def work_dir(tmp_path):
    """Return a folder whose path has Japanese characters and a space."""
    folder = tmp_path / "提出 ブック"
    folder.mkdir()
    return folder


def run_cli(*args, cwd: Path, encoding: str = "utf-8") -> subprocess.CompletedProcess:
    """Run ``python -m toshima_xl`` and decode its output as ``encoding``."""
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = encoding
    env["TOSHIMA_XL_LOG_DIR"] = str(cwd / "ログ")
    completed = subprocess.run(
        [sys.executable, "-m", "toshima_xl", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=300,
    )
    completed.stdout = completed.stdout.decode(encoding)
    completed.stderr = completed.stderr.decode(encoding)
    return completed


def write_faulty_workbook(path: Path) -> Path:
    """Copy the R3 sample and break three cells of 地域資源 (rows 3, 4 and 5)."""
    workbook = openpyxl.load_workbook(R3_SAMPLE)
    sheet = workbook["地域資源"]
    sheet["B3"] = None
    sheet["E4"] = ASTRAL_AREA
    sheet["E5"] = "=池袋"
    sheet["E5"].data_type = "s"  # text that looks like a formula, not a formula
    workbook.save(path)
    return path


FAULTY_FINDINGS = [
    ("cell.required", "地域資源", 3, "名称"),
    ("area.unknown", "地域資源", 4, "圏域"),
    ("area.unknown", "地域資源", 5, "圏域"),
]


def finding_keys(file_entry: dict) -> list[tuple]:
    return [
        (f["code"], f["sheet"], f["row"], f["column"]) for f in file_entry["findings"]
    ]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# check


def test_check_clean_sample_exits_0(work_dir):
    book = shutil.copy(R3_SAMPLE, work_dir / "令和3年度 台帳.xlsx")
    completed = run_cli("check", book, "--json", cwd=work_dir)
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    assert document["exit_code"] == 0
    assert [f["status"] for f in document["files"]] == ["ok"]
    assert [f["severity"] for f in document["files"][0]["findings"]].count("error") == 0


def test_check_submission_sample_exits_1(work_dir):
    book = shutil.copy(SUBMISSION_SAMPLE, work_dir / "提出.xlsx")
    completed = run_cli("check", book, "--json", cwd=work_dir)
    assert completed.returncode == 1, completed.stderr
    entry = json.loads(completed.stdout)["files"][0]
    assert entry["status"] == "errors"
    assert entry["errors"] > 0
    assert "id.duplicate" in {f["code"] for f in entry["findings"]}


def test_check_faulty_workbook_findings(work_dir):
    book = write_faulty_workbook(work_dir / "地域資源 提出.xlsx")
    completed = run_cli("check", book, "--json", cwd=work_dir)
    assert completed.returncode == 1, completed.stderr
    entry = json.loads(completed.stdout)["files"][0]
    assert entry["file"] == str(book)
    assert finding_keys(entry) == FAULTY_FINDINGS
    assert entry["findings"][1]["value"] == ASTRAL_AREA
    assert entry["findings"][1]["severity"] == "error"


def test_check_console_groups_and_summarises(work_dir):
    book = write_faulty_workbook(work_dir / "台帳.xlsx")
    completed = run_cli("check", book, cwd=work_dir)
    lines = completed.stdout.splitlines()
    assert completed.returncode == 1
    assert lines[0] == f"■ {book}"
    assert lines[1] == "  [地域資源]"
    assert lines[2].endswith("（cell.required）")
    assert lines[-1].split()[-4:] == ["3", "0", "0", "エラーあり"]
    assert completed.stderr == ""


def test_check_folder_walk_skips_lock_and_temp(work_dir):
    shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    (work_dir / "下位 フォルダ").mkdir()
    write_faulty_workbook(work_dir / "下位 フォルダ" / "提出.xlsm")
    (work_dir / "~$台帳.xlsx").write_bytes(b"\x00" * 165)
    (work_dir / ".~lock.台帳.xlsx#").write_text("lock", encoding="utf-8")
    (work_dir / "~WRL0001.tmp").write_bytes(b"\x00")
    (work_dir / "メモ.txt").write_text("対象外", encoding="utf-8")
    completed = run_cli("check", work_dir, "--json", cwd=work_dir.parent)
    assert completed.returncode == 1, completed.stderr
    files = {Path(f["file"]).name: f for f in json.loads(completed.stdout)["files"]}
    assert {name: entry["status"] for name, entry in files.items()} == {
        ".~lock.台帳.xlsx#": "skipped",
        "~$台帳.xlsx": "skipped",
        "~WRL0001.tmp": "skipped",
        "台帳.xlsx": "ok",
        "提出.xlsm": "errors",
    }
    assert files["~$台帳.xlsx"]["file_error"]["code"] == "file.lock_file"
    assert files["~WRL0001.tmp"]["file_error"]["code"] == "file.temporary"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("空.xlsx", b"", "file.empty"),
        ("名簿.xlsx", "資源ID,名称\nR0001,千川サロン\n".encode("cp932"), "file.csv"),
        ("壊れ.xlsx", bytes(range(256)) * 8, "file.not_zip"),
        ("ない.xlsx", None, "file.not_found"),
    ],
    ids=["empty", "csv-renamed", "not-zip", "missing"],
)
def test_check_unreadable_file_exits_2(work_dir, name, content, code):
    if content is not None:
        (work_dir / name).write_bytes(content)
    good = shutil.copy(SUBMISSION_SAMPLE, work_dir / "提出.xlsx")
    completed = run_cli("check", work_dir / name, good, "--json", cwd=work_dir)
    assert completed.returncode == 2, completed.stderr
    bad, checked = json.loads(completed.stdout)["files"]
    assert bad["status"] == "unreadable"
    assert bad["file_error"]["code"] == code
    assert checked["status"] == "errors"


def test_check_too_large_for_limit(work_dir):
    book = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    completed = run_cli("check", book, "--max-file-mb", "0.001", "--json", cwd=work_dir)
    assert completed.returncode == 2
    entry = json.loads(completed.stdout)["files"][0]
    assert entry["file_error"]["code"] == "file.too_large"


@pytest.mark.libreoffice
def test_check_real_xls_unreadable(work_dir):
    require_part(libreoffice_available(), "LibreOffice Calc")
    source = shutil.copy(R3_SAMPLE, work_dir / "old.xlsx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", work_dir, source],
        capture_output=True,
        check=True,
        timeout=180,
    )
    source.unlink()
    completed = run_cli("check", work_dir, "--json", cwd=work_dir)
    assert completed.returncode == 2
    entry = json.loads(completed.stdout)["files"][0]
    assert Path(entry["file"]).name == "old.xls"
    assert entry["file_error"]["code"] == "file.xls"


def test_check_csv_bom_and_formula_prefix(work_dir):
    book = write_faulty_workbook(work_dir / "台帳.xlsx")
    completed = subprocess.run(
        [sys.executable, "-m", "toshima_xl", "check", str(book), "--csv"],
        capture_output=True,
        cwd=work_dir,
        env=dict(os.environ, TOSHIMA_XL_LOG_DIR=str(work_dir / "ログ")),
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout.startswith(b"\xef\xbb\xbf")
    lines = completed.stdout.decode("utf-8-sig").splitlines()
    assert lines[0] == "file,sheet,row,column,value,code,severity,message,suggestion"
    assert len(lines) == 4
    assert f",地域資源,4,圏域,{ASTRAL_AREA},area.unknown,error," in lines[2]
    assert ",地域資源,5,圏域,'=池袋,area.unknown,error," in lines[3]


@pytest.mark.parametrize("output", ["console", "--json"], ids=["console", "json"])
def test_check_cp932_console_does_not_crash(work_dir, output):
    book = write_faulty_workbook(work_dir / "台帳.xlsx")
    args = ["check", book] if output == "console" else ["check", book, output]
    completed = run_cli(*args, cwd=work_dir, encoding="cp932")
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    if output == "console":
        assert "圏域「池袋??」は" in completed.stdout
    else:
        entry = json.loads(completed.stdout)["files"][0]
        assert entry["findings"][1]["value"] == ASTRAL_AREA


def test_check_log_has_counts_not_values(work_dir):
    book = write_faulty_workbook(work_dir / "台帳.xlsx")
    run_cli("check", book, cwd=work_dir)
    log = (work_dir / "ログ" / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "3 errors, 0 warnings, 0 infos" in log
    assert ASTRAL_AREA not in log
    assert "千川" not in log


# arguments and help


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check"],
        ["check", "a.xlsx", "--json", "--csv"],
        ["check", "a.xlsx", "--max-file-mb", "大きい"],
        ["check", "a.xlsx", "--timeout", "0"],
        ["report", "a.xlsx", "-o", "b.xlsx", "--fiscal-year", "来年"],
        ["report", "a.xlsx"],
        ["template"],
        ["publish", "a.xlsx"],
    ],
    ids=[
        "no-command",
        "no-path",
        "json-and-csv",
        "size-not-number",
        "timeout-zero",
        "fiscal-year-invalid",
        "report-without-output",
        "template-without-output",
        "unknown-command",
    ],
)
def test_wrong_arguments_exit_2(args, capsys):
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_usage_error_is_japanese(capsys):
    assert main(["check", "a.xlsx", "--json", "--csv"]) == 2
    err = capsys.readouterr().err
    assert "使い方:" in err
    assert "引数が正しくありません。--csv と --json は同時に指定できません。" in err


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "the following arguments are required: PATH",
            "必要な引数がありません: PATH",
        ),
        ("unrecognized arguments: --bogus", "不明な引数です: --bogus"),
        (
            "argument COMMAND: invalid choice: 'accept' (choose from 'check', 'report')",
            "COMMAND に 'accept' は指定できません。指定できるのは 'check', 'report' です。",
        ),
        (
            "argument --timeout: expected one argument",
            "--timeout の後に値を指定してください。",
        ),
        ("something new in argparse", "something new in argparse"),
    ],
    ids=["required", "unrecognized", "invalid-choice", "missing-value", "unknown"],
)
def test_translate_argparse_error(message, expected):
    assert translate_argparse_error(message) == expected


def test_help_lists_exit_codes(capsys):
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert "終了コード:" in out
    assert "  2  読めない・書けないファイルがあったか、引数が正しくありません。" in out
    assert "オプション:" in out


def test_python_m_help(work_dir):
    completed = run_cli("--help", cwd=work_dir)
    assert completed.returncode == 0
    assert completed.stdout.startswith("使い方: toshima-xl")


# in-process main()


def test_main_check_json(work_dir, capsys):
    book = write_faulty_workbook(work_dir / "台帳.xlsx")
    assert main(["check", str(book), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert finding_keys(document["files"][0]) == FAULTY_FINDINGS


def test_unexpected_error_one_line_and_log(work_dir, capsys, log_dir, monkeypatch):
    from toshima_xl.cli import check

    def explode(dataset, today):
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "run_validation", explode)
    book = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    assert main(["check", str(book)]) == 2

    err = capsys.readouterr().err
    log_file = log_dir / LOG_FILE_NAME
    assert err.splitlines() == [
        f"「{book}」の確認中に予期しないエラーが起きました（RuntimeError）。"
        f"詳しくはログ {log_file} を見てください。"
    ]
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_unexpected_error_debug_shows_traceback(work_dir, capsys, monkeypatch):
    from toshima_xl.cli import check

    def explode(dataset, today):
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "run_validation", explode)
    book = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    assert main(["check", str(book), "--debug"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "RuntimeError: boom" in err


def test_check_no_workbook_in_folder(work_dir, capsys):
    assert main(["check", str(work_dir)]) == 2
    err = capsys.readouterr().err
    assert f"フォルダ「{work_dir}」にブックがありません。" in err


# report


def test_report_writes_new_file_and_keeps_input(work_dir):
    source = shutil.copy(R3_SAMPLE, work_dir / "令和3年度 台帳.xlsx")
    before = sha256(source)
    target = work_dir / "報告 R3.xlsx"
    completed = run_cli(
        "report", source, "-o", target, "--fiscal-year", "R3", cwd=work_dir
    )
    assert completed.returncode == 0, completed.stderr
    assert sha256(source) == before
    assert "令和3年度" in completed.stdout

    written = openpyxl.load_workbook(target, read_only=True)
    original = openpyxl.load_workbook(source, read_only=True)
    assert written.sheetnames[: len(original.sheetnames)] == original.sheetnames
    for name in OUTPUT_SHEETS:
        assert name in written.sheetnames


def test_report_with_errors_exits_1(work_dir):
    source = shutil.copy(SUBMISSION_SAMPLE, work_dir / "提出.xlsx")
    target = work_dir / "提出 報告.xlsx"
    completed = run_cli("report", source, "-o", target, cwd=work_dir)
    assert completed.returncode == 1, completed.stderr
    assert target.exists()


@pytest.mark.parametrize(
    "output", ["same", "same-spelled-differently"], ids=["same", "dot-path"]
)
def test_report_rejects_output_equal_to_input(work_dir, capsys, output, monkeypatch):
    source = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    before = sha256(source)
    monkeypatch.chdir(work_dir)
    target = str(source) if output == "same" else "./台帳.xlsx"
    assert main(["report", str(source), "-o", target]) == 2
    assert "--in-place" in capsys.readouterr().err
    assert sha256(source) == before


@pytest.mark.parametrize(
    "target_name", ["報告.csv", "報告", "報告.xlsm"], ids=["csv", "no-suffix", "xlsm"]
)
def test_report_rejects_other_extension(work_dir, capsys, target_name):
    source = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    target = work_dir / target_name
    assert main(["report", str(source), "-o", str(target)]) == 2
    assert "（.xlsx）" in capsys.readouterr().err
    assert not target.exists()


def test_report_in_place_keeps_backup(work_dir):
    source = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    completed = run_cli("report", source, "--in-place", cwd=work_dir)
    assert completed.returncode == 0, completed.stderr
    assert set(OUTPUT_SHEETS) <= set(openpyxl.load_workbook(source).sheetnames)
    assert sorted(p.name for p in work_dir.iterdir()) == [
        "ログ",
        "台帳.bak.xlsx",
        "台帳.xlsx",
    ]
    assert sha256(work_dir / "台帳.bak.xlsx") == sha256(R3_SAMPLE)


def test_report_unexpected_error_names_file(work_dir, capsys, log_dir, monkeypatch):
    from toshima_xl.core import pipeline

    def explode(dataset, fiscal_year, today, previous_decisions=None):
        raise KeyError("圏域")

    monkeypatch.setattr(pipeline, "run_report", explode)
    source = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    target = work_dir / "報告.xlsx"
    assert main(["report", str(source), "-o", str(target)]) == 2

    log_file = log_dir / LOG_FILE_NAME
    assert capsys.readouterr().err.splitlines() == [
        f"「{source}」の処理中に予期しないエラーが起きました（KeyError）。"
        f"詳しくはログ {log_file} を見てください。"
    ]
    assert "Traceback" in log_file.read_text(encoding="utf-8")
    assert not target.exists()


def test_report_unreadable_input_exits_2(work_dir, capsys):
    source = work_dir / "空.xlsx"
    source.write_bytes(b"")
    target = work_dir / "報告.xlsx"
    assert main(["report", str(source), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "「空.xlsx」" in err
    assert len(err.splitlines()) == 1
    assert not target.exists()


# template


def test_template_writes_workbook(work_dir, capsys):
    target = work_dir / "ひな形 R3.xlsx"
    assert main(["template", "-o", str(target)]) == 0
    names = openpyxl.load_workbook(target).sheetnames
    assert names[:5] == ["地域資源", "圏域", "ベンチ", "会議", "リスト"]
    assert capsys.readouterr().out == f"ひな形を「{target}」に書きました。\n"


def test_template_rejects_existing_file(work_dir, capsys):
    target = shutil.copy(R3_SAMPLE, work_dir / "台帳.xlsx")
    before = sha256(target)
    assert main(["template", "-o", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert sha256(target) == before
    assert main(["template", "-o", str(target), "--force"]) == 0
    assert sha256(target) != before
