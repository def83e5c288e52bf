"""Changes to data sheets that staff asked for, as plain data for an adapter to apply.

The tool changes data cells only on request: accepting suggested fixes,
importing a coordinator's submission, merging duplicates. Each change keeps
the previous value so that a log or history sheet can show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CellEdit:
    """A new value for one data cell at 1-based Excel ``row`` and ``column``."""

    sheet: str
    row: int
    column: int
    value: Any
    previous: Any
    reason: str


@dataclass
class EditPlan:
    """All changes of one request.

    ``appends`` maps a data sheet to whole rows in the sheet's column order,
    written below its last row. ``append_at`` gives the Excel (row, column)
    of the first appended cell, one row below the table's last filled row,
    so that both adapters put the rows in the same place. ``removals`` maps
    a data sheet to Excel row numbers to delete. An adapter deletes them
    bottom-up, so that numbers stay valid, and only after the ``history``
    rows (for 統合履歴) are safely written.
    """

    edits: list[CellEdit] = field(default_factory=list)
    appends: dict[str, list[list[Any]]] = field(default_factory=dict)
    append_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    removals: dict[str, list[int]] = field(default_factory=dict)
    history: list[list[Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.edits or self.appends or self.removals or self.history)
