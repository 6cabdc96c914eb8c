"""The monthly review: the KPIs as they stood in a month, and an Excel sheet for the meeting.

User text is written so that no cell can become a formula (a note starting with "=" stays
text), and characters Excel cannot store are dropped rather than crashing the export.
"""

from __future__ import annotations

from datetime import date

from core.excel import new_sheet, to_bytes, write_table, write_title
from core.progress import KpiProgress, KpiSpec, assess


def statuses_at(month: date, specs: list[KpiSpec], series: dict[str, dict[date, float]],
                go_live: date | None) -> list[KpiProgress]:
    """Each KPI judged with only the months up to `month`, as the meeting saw it then."""
    return [assess(spec, {m: v for m, v in series.get(spec.name, {}).items() if m <= month}, go_live)
            for spec in specs]


def review_workbook(texts: dict[str, str], month: date, kpi_rows: list[list], log: dict[str, str],
                    actions: list[list]) -> bytes:
    """One sheet for the meeting: KPIs and statuses, the log, open actions."""
    wb, sheet = new_sheet(texts["sheet"])
    write_title(sheet, 1, texts["title"].format(month=f"{month:%Y-%m}"))
    row = write_table(sheet, 3, texts["kpi_header"].split("|"), kpi_rows)
    row = write_table(sheet, row, [texts["log_item"], texts["log_text"]],
                      [[texts[k], log.get(k, "")] for k in ("improved", "to_change", "decision")])
    write_table(sheet, row, texts["action_header"].split("|"), actions)
    for column, width in zip("ABCDEFG", (28, 14, 14, 14, 12, 14, 30)):
        sheet.column_dimensions[column].width = width
    return to_bytes(wb)
