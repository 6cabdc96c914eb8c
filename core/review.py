"""The monthly review: the KPIs as they stood in a month, and an Excel sheet for the meeting.

User text is written so that no cell can become a formula (a note starting with "=" stays
text), and characters Excel cannot store are dropped rather than crashing the export.
"""

from __future__ import annotations

import io
import re
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill

from core.progress import KpiProgress, KpiSpec, assess

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def statuses_at(month: date, specs: list[KpiSpec], series: dict[str, dict[date, float]],
                go_live: date | None) -> list[KpiProgress]:
    """Each KPI judged with only the months up to `month`, as the meeting saw it then."""
    return [assess(spec, {m: v for m, v in series.get(spec.name, {}).items() if m <= month}, go_live)
            for spec in specs]


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


def _table(sheet, top: int, header: list[str], rows: list[list]) -> int:
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(top, column)
        safe(cell, name)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for r, row in enumerate(rows, start=top + 1):
        for column, value in enumerate(row, start=1):
            safe(sheet.cell(r, column), value)
            sheet.cell(r, column).alignment = Alignment(wrap_text=True, vertical="top")
    return top + len(rows) + 2


def review_workbook(texts: dict[str, str], month: date, kpi_rows: list[list], log: dict[str, str],
                    actions: list[list]) -> bytes:
    """One sheet for the meeting: KPIs and statuses, the log, open actions."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = texts["sheet"]
    safe(sheet.cell(1, 1), texts["title"].format(month=f"{month:%Y-%m}"))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    row = _table(sheet, 3, texts["kpi_header"].split("|"), kpi_rows)
    row = _table(sheet, row, [texts["log_item"], texts["log_text"]],
                 [[texts[k], log.get(k, "")] for k in ("improved", "to_change", "decision")])
    _table(sheet, row, texts["action_header"].split("|"), actions)
    for column, width in zip("ABCDEFG", (28, 14, 14, 14, 12, 14, 30)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
