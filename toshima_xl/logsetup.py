"""A rotating log file for the front ends (command line and Excel entry points).

Only the ``toshima_xl`` package logger gets handlers; the root logger is left
to the host program. Callers log counts and timings (rows read, findings,
seconds taken), not values from rows, because the workbooks hold names and
phone numbers of residents. The one exception is the traceback of an
unexpected error, whose message may quote a cell value.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

PACKAGE_LOGGER = "toshima_xl"
LOG_DIR_ENV = "TOSHIMA_XL_LOG_DIR"
LOG_FILE_NAME = "toshima_xl.log"
MAX_LOG_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"

# Set on the handlers added here, so that a second setup replaces them
# instead of stacking duplicates.
_HANDLER_MARK = "_toshima_xl_handler"


def log_dir() -> Path:
    """Return the folder for log files.

    ``TOSHIMA_XL_LOG_DIR`` wins when set. Otherwise Windows uses
    ``%LOCALAPPDATA%\\toshima_xl\\logs`` and other systems use
    ``$XDG_STATE_HOME/toshima_xl/logs``, with ``~/.local/state`` as the
    default state folder.
    """
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "toshima_xl" / "logs"
    state = os.environ.get("XDG_STATE_HOME")
    base = Path(state) if state else Path.home() / ".local" / "state"
    return base / "toshima_xl" / "logs"


def setup_logging(debug: bool = False, stream_debug: bool = False) -> Path | None:
    """Attach a rotating file handler to the ``toshima_xl`` logger.

    Calling it again replaces the handlers of the previous call, so tests and
    long-lived Excel sessions do not write each record twice.

    Args:
        debug: log DEBUG records too; INFO and above otherwise.
        stream_debug: also copy every record to stderr (the CLI's --debug).

    Returns:
        The path of the log file, or None when the folder cannot be created
        or the file cannot be opened; logging then goes nowhere.
    """
    logger = logging.getLogger(PACKAGE_LOGGER)
    remove_handlers(logger)
    logger.setLevel(logging.DEBUG if debug or stream_debug else logging.INFO)

    path = log_dir() / LOG_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        # A read-only profile must not stop a check; the caller says where
        # the log is only when there is one.
        handler = logging.NullHandler()
        path = None
    add_handler(logger, handler)

    if stream_debug:
        add_handler(logger, logging.StreamHandler(sys.stderr))
    return path


def add_handler(logger: logging.Logger, handler: logging.Handler) -> None:
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    setattr(handler, _HANDLER_MARK, True)
    logger.addHandler(handler)


def remove_handlers(logger: logging.Logger) -> None:
    """Remove and close the handlers that an earlier setup added."""
    for handler in list(logger.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            logger.removeHandler(handler)
            handler.close()
