"""The log file setup shared by the command line and the Excel entry points."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from toshima_xl.logsetup import (
    LOG_FILE_NAME,
    PACKAGE_LOGGER,
    log_dir,
    remove_handlers,
    setup_logging,
)


@pytest.fixture
def package_logger():
    logger = logging.getLogger(PACKAGE_LOGGER)
    yield logger
    remove_handlers(logger)


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"TOSHIMA_XL_LOG_DIR": "/srv/ログ"}, "/srv/ログ"),
        (
            "win32",
            {"LOCALAPPDATA": "/users/区職員/AppData/Local"},
            "/users/区職員/AppData/Local/toshima_xl/logs",
        ),
        ("linux", {"XDG_STATE_HOME": "/state"}, "/state/toshima_xl/logs"),
    ],
    ids=["override", "windows-localappdata", "xdg-state-home"],
)
def test_log_dir_by_platform(monkeypatch, platform, env, expected):
    for name in ("TOSHIMA_XL_LOG_DIR", "LOCALAPPDATA", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert log_dir() == Path(expected)


def test_log_dir_default_under_home(monkeypatch, tmp_path):
    for name in ("TOSHIMA_XL_LOG_DIR", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert log_dir() == tmp_path / ".local" / "state" / "toshima_xl" / "logs"


def test_setup_writes_file_and_leaves_root(monkeypatch, tmp_path, package_logger):
    monkeypatch.setenv("TOSHIMA_XL_LOG_DIR", str(tmp_path / "ログ"))
    root_handlers = list(logging.getLogger().handlers)

    path = setup_logging()
    logging.getLogger("toshima_xl.cli.check").info("checked %d files", 3)
    logging.getLogger("toshima_xl.cli.check").debug("not written at INFO")

    assert path == tmp_path / "ログ" / LOG_FILE_NAME
    assert logging.getLogger().handlers == root_handlers
    text = path.read_text(encoding="utf-8")
    assert "INFO toshima_xl.cli.check" in text
    assert "checked 3 files" in text
    assert "not written at INFO" not in text


def test_setup_twice_keeps_one_handler(monkeypatch, tmp_path, package_logger):
    monkeypatch.setenv("TOSHIMA_XL_LOG_DIR", str(tmp_path))
    setup_logging()
    path = setup_logging(debug=True)
    package_logger.info("once")
    assert len(package_logger.handlers) == 1
    assert package_logger.level == logging.DEBUG
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_setup_unwritable_folder_returns_none(monkeypatch, tmp_path, package_logger):
    blocker = tmp_path / "ファイル"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TOSHIMA_XL_LOG_DIR", str(blocker / "logs"))
    assert setup_logging() is None
    package_logger.info("goes nowhere")
    assert [type(h) for h in package_logger.handlers] == [logging.NullHandler]


def test_stream_debug_copies_to_stderr(monkeypatch, tmp_path, package_logger, capsys):
    monkeypatch.setenv("TOSHIMA_XL_LOG_DIR", str(tmp_path))
    setup_logging(stream_debug=True)
    package_logger.debug("read %d rows", 629)
    assert "read 629 rows" in capsys.readouterr().err
