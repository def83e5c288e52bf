"""Progress in Excel's status bar and message boxes, as far as the engine allows.

Excel on Windows and macOS has a status bar and modal alerts. xlwings' remote
engine (Office.js) turns alerts into actions but raises NotImplementedError
for ``App.status_bar``, so progress there goes to the log only.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

ALERT_TITLE = "toshima_xl"


class StatusBar:
    """Show progress text in the status bar of the book's Excel, if it has one."""

    def __init__(self, book: Any) -> None:
        self._app = book.app
        self._supported = True

    def show(self, text: str) -> None:
        """Put ``text`` in the status bar, or only log it when the engine has none."""
        logger.info("status: %s", text)
        self._set(text)

    def clear(self) -> None:
        """Give the status bar back to Excel."""
        # Excel resets the status bar to its own text when it is set to False.
        self._set(False)

    def _set(self, value: str | bool) -> None:
        if not self._supported:
            return
        try:
            self._app.status_bar = value
        except NotImplementedError as error:
            self._supported = False
            logger.info("status bar unavailable on this engine: %s", error)


def show_alert(book: Any, text: str, critical: bool = False) -> None:
    """Show ``text`` in a message box with an OK button."""
    mode = "critical" if critical else "info"
    logger.info("alert (%s): %s", mode, text.replace("\n", " / "))
    book.app.alert(text, title=ALERT_TITLE, buttons="ok", mode=mode)
