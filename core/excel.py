"""Writing sheets people open in Excel: user text can never become a formula.

A note starting with "=" stays text, and characters Excel cannot store are dropped rather
than crashing the export.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def safe(cell: Cell, value: object) -> None:
    """Write a value; text is always text (never a formula), with illegal characters removed."""
    if isinstance(value, str):
        text = _ILLEGAL.sub("", value)[:32767]
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value


def write_table(sheet, top: int, header: list[str], rows: list[list], formats: Sequence[str | None] = ()) -> int:
    """A bold header row, then the rows (numbers in the column's format, if given); returns the
    first free row after a blank one."""
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(top, column)
        safe(cell, name)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for r, row in enumerate(rows, start=top + 1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(r, column)
            safe(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column <= len(formats) and formats[column - 1] and isinstance(value, (int, float)):
                cell.number_format = formats[column - 1]
    return top + len(rows) + 2


def write_title(sheet, row: int, text: str, size: int = 14) -> None:
    safe(sheet.cell(row, 1), text)
    sheet.cell(row, 1).font = Font(bold=True, size=size)


def new_sheet(title: str):
    """A workbook whose one sheet prints on landscape pages, all columns on one page's width."""
    wb = Workbook()
    sheet = wb.active
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.title = _ILLEGAL.sub("", re.sub(r"[\[\]:*?/\\]", " ", title))[:31]  # Excel's sheet-name rules
    return wb, sheet


def to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
