"""Apply the actions a remote-engine book recorded to a copy of its payload.

This replaces the Office.js client, for the actions that the live
adapter emits: values, sheets, number formats, fills, notes, HYPERLINK
formulas, widths, whole-row deletions and alerts. Any other action fails the test, so a new
kind of write cannot slip through unchecked.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

HYPERLINK = re.compile(r'^=HYPERLINK\("((?:[^"]|"")*)",(.*)\)$')


@dataclass
class AppliedBook:
    """The payload after the actions, plus what values alone cannot show."""

    payload: dict[str, Any]
    alerts: list[dict[str, str]] = field(default_factory=list)
    fills: dict[tuple[str, str], str | None] = field(default_factory=dict)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)
    number_formats: dict[tuple[str, str], str] = field(default_factory=dict)
    links: dict[tuple[str, str], str] = field(default_factory=dict)

    def values(self, sheet_name: str) -> list[list[Any]]:
        """Return a sheet's values with trailing empty rows and columns cut off."""
        for sheet in self.payload["sheets"]:
            if sheet["name"] == sheet_name:
                return trim(sheet["values"])
        raise KeyError(sheet_name)

    def next_payload(self) -> dict[str, Any]:
        """Return the payload that the client would send on the next button press."""
        payload = copy.deepcopy(self.payload)
        for sheet in payload["sheets"]:
            sheet["notes"] = [
                {"address": address, "text": text}
                for (name, address), text in self.notes.items()
                if name == sheet["name"]
            ]
            sheet.pop("used_range_address", None)
        return payload

    @property
    def sheet_names(self) -> list[str]:
        return [sheet["name"] for sheet in self.payload["sheets"]]


def apply_actions(
    payload: dict[str, Any], actions: list[dict[str, Any]]
) -> AppliedBook:
    """Return a copy of ``payload`` with ``actions`` applied in order."""
    book = AppliedBook(copy.deepcopy(payload))
    for sheet in book.payload["sheets"]:
        for note in sheet.get("notes") or []:
            key = (sheet["name"], note["address"].replace("$", ""))
            book.notes[key] = note.get("text", "")
    for action in actions:
        handler = HANDLERS.get(action["func"])
        assert handler is not None, f"unsupported action {action['func']}"
        handler(book, action)
    return book


def trim(values: list[list[Any]]) -> list[list[Any]]:
    rows = [list(row) for row in values]
    while rows and all(v in ("", None) for v in rows[-1]):
        rows.pop()
    width = max(
        (
            max((i + 1 for i, v in enumerate(row) if v not in ("", None)), default=0)
            for row in rows
        ),
        default=0,
    )
    return [row[:width] + [""] * (width - len(row[:width])) for row in rows]


def _sheet(book: AppliedBook, action: dict[str, Any]) -> dict[str, Any]:
    return book.payload["sheets"][action["sheet_position"]]


def _cells(action: dict[str, Any]):
    for r in range(action["row_count"]):
        for c in range(action["column_count"]):
            yield r, c, cell_name(action["start_row"] + r, action["start_column"] + c)


def cell_name(row: int, column: int) -> str:
    """Return the A1 name of a 0-based cell."""
    letters, number = "", column + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"{letters}{row + 1}"


def _put(sheet: dict[str, Any], row: int, column: int, value: Any) -> None:
    grid = sheet["values"]
    if grid == [[]]:
        grid.clear()
    width = max([len(r) for r in grid] + [column + 1])
    while len(grid) <= row:
        grid.append([""] * width)
    for line in grid:
        line.extend([""] * (width - len(line)))
    # Excel keeps a leading apostrophe as the text mark and shows the rest.
    if isinstance(value, str) and value.startswith("'"):
        value = value[1:]
    grid[row][column] = "" if value is None else value


def set_values(book, action):
    sheet = _sheet(book, action)
    for r, row in enumerate(action["values"]):
        for c, value in enumerate(row):
            _put(sheet, action["start_row"] + r, action["start_column"] + c, value)


def set_formula(book, action):
    sheet = _sheet(book, action)
    for r, row in enumerate(action["values"]):
        for c, formula in enumerate(row):
            row_at, column_at = action["start_row"] + r, action["start_column"] + c
            match = HYPERLINK.match(formula) if isinstance(formula, str) else None
            if match is None:
                assert not (isinstance(formula, str) and formula.startswith("=")), (
                    formula
                )
                _put(sheet, row_at, column_at, formula)
                continue
            shown = match.group(2)
            if shown.startswith('"'):
                value: Any = shown[1:-1].replace('""', '"')
            else:
                value = float(shown) if "." in shown else int(shown)
            _put(sheet, row_at, column_at, value)
            target = match.group(1).replace('""', '"')
            book.links[(sheet["name"], cell_name(row_at, column_at))] = target


def add_sheet(book, action):
    position, name = action["args"]
    book.payload["sheets"].insert(
        position,
        {"name": name, "values": [[]], "notes": [], "pictures": [], "tables": []},
    )


def clear_sheet(book, action):
    sheet = _sheet(book, action)
    sheet["values"] = [[]]
    for store in (book.fills, book.number_formats, book.links):
        for key in [k for k in store if k[0] == sheet["name"]]:
            del store[key]


def set_number_format(book, action):
    name = _sheet(book, action)["name"]
    for _, _, cell in _cells(action):
        book.number_formats[(name, cell)] = action["args"][0]


def set_range_colors(book, action):
    name = _sheet(book, action)["name"]
    matrix = action["args"][0]
    for r, c, cell in _cells(action):
        if matrix[r][c] != "keep":
            book.fills[(name, cell)] = matrix[r][c]


def _note_key(book, action):
    return (_sheet(book, action)["name"], action["args"][0].replace("$", ""))


def add_note(book, action):
    key = _note_key(book, action)
    assert key not in book.notes, f"a note already exists at {key}"
    book.notes[key] = action["args"][1]


def set_note_text(book, action):
    book.notes[_note_key(book, action)] = action["args"][1]


def delete_note(book, action):
    book.notes.pop(_note_key(book, action), None)


def delete_range(book, action):
    """Delete whole rows and move the rows below up, with their fills and notes."""
    assert action["args"] == "up" or action["args"] == ["up"], action["args"]
    assert action["column_count"] == 16384, "only whole rows are deleted"
    sheet = _sheet(book, action)
    first, count = action["start_row"], action["row_count"]
    del sheet["values"][first : first + count]
    for store in (book.fills, book.notes, book.number_formats, book.links):
        for key in [k for k in store if k[0] == sheet["name"]]:
            row = int("".join(ch for ch in key[1] if ch.isdigit())) - 1
            if row < first:
                continue
            value = store.pop(key)
            if row >= first + count:
                letters = "".join(ch for ch in key[1] if ch.isalpha())
                store[(key[0], f"{letters}{row - count + 1}")] = value


def alert(book, action):
    prompt, title, buttons, mode, _ = action["args"]
    book.alerts.append({"prompt": prompt, "title": title, "mode": mode})


def ignore(book, action):
    """Actions that change only how a sheet looks."""


HANDLERS = {
    "setValues": set_values,
    "setFormula": set_formula,
    "addSheet": add_sheet,
    "sheetClear": clear_sheet,
    "setNumberFormat": set_number_format,
    "setRangeColors": set_range_colors,
    "addNote": add_note,
    "setNoteText": set_note_text,
    "deleteNote": delete_note,
    "alert": alert,
    "rangeDelete": delete_range,
    "setColumnWidth": ignore,
    "activateSheet": ignore,
}
