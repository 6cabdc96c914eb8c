"""The business inventory (業務棚卸し): per process, what changed, its exceptions and who decides them,
paper that remains, and where data is still entered twice — tied to the 再入力回数 KPI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.progress import KpiSpec

COLUMNS = ("name", "old_procedure", "new_procedure", "exceptions", "exception_owner", "paper_steps",
           "double_entry", "double_entries_per_month", "resolved")


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


@dataclass(frozen=True)
class InventorySummary:
    processes: int
    double_entry_places: int  # unresolved
    double_entries_per_month: float  # unresolved, as counted in the inventory
    paper_steps: int
    exceptions_without_owner: list[str]
    reentry_kpi: str | None
    reentry_latest: float | None
    reentry_month: date | None


def summarize(processes: list[dict], specs: list[KpiSpec], series: dict[str, dict[date, float]]) -> InventorySummary:
    open_double = [p for p in processes if _text(p.get("double_entry")) and not p.get("resolved")]
    per_month = sum(float(p.get("double_entries_per_month") or 0) for p in open_double)
    orphans = [_text(p.get("name")) for p in processes
               if _text(p.get("exceptions")) and not _text(p.get("exception_owner"))]
    reentry = next((s for s in specs if s.category == "reentry" and series.get(s.name)), None)
    values = series.get(reentry.name, {}) if reentry else {}
    last = max(values) if values else None
    return InventorySummary(len(processes), len(open_double), per_month,
                            sum(1 for p in processes if _text(p.get("paper_steps"))), orphans,
                            reentry.name if reentry else None, values.get(last) if last else None, last)
