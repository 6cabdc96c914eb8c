"""What the import pipeline tells the user about a file: where, and what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Finding:
    """One message about one place. `key` is an i18n id; `params` fill its placeholders."""

    key: str
    kind: Literal["skipped", "guessed", "not_understood", "info"] = "info"
    sheet: str | None = None
    row: int | None = None  # 1-based, as Excel shows it
    column: int | None = None  # 1-based
    params: dict = field(default_factory=dict)

    @property
    def cell(self) -> str:
        if self.row and self.column:
            return f"{get_column_letter(self.column)}{self.row}"
        if self.column:
            return get_column_letter(self.column)
        return str(self.row) if self.row else ""


class ImportRejected(Exception):
    """The file cannot be imported at all; nothing in the workspace changes."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key = key
        self.params = params
