"""Everything the KPI dashboard shows, computed from the workspace: no Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from core.cells import cell_date, cell_float, cell_text, is_blank
from core.money import Costs, MoneySummary, add_months, money
from core.progress import BASELINE_MONTHS, KpiProgress, KpiSpec, assess
from core.settings import Setting, costs_from, read_day
from core.store import Store

FOUR_METRICS = ("effort", "lead_time", "error_rate", "reentry")
CATEGORIES = (*FOUR_METRICS, "other")


@dataclass(frozen=True)
class Dashboard:
    tool: str
    go_live: date | None
    costs: Costs
    progress: list[KpiProgress]
    series: dict[str, dict[date, float]]
    money: MoneySummary

    def in_category(self, category: str) -> list[KpiProgress]:
        return [p for p in self.progress if p.spec.category == category]

    @property
    def missing_metrics(self) -> list[str]:
        return [c for c in FOUR_METRICS if not any(p.latest is not None for p in self.in_category(c))]


def read_go_live(store: Store) -> date | None:
    return read_day(store.get_setting(Setting.GO_LIVE))


def read_costs(store: Store) -> Costs:
    return costs_from(store.get_setting)


def build_dashboard(store: Store) -> Dashboard:
    go_live = read_go_live(store)
    specs = store.kpi_specs()
    series = store.kpi_series()
    costs = read_costs(store)
    progress = [assess(spec, series.get(spec.name, {}), go_live) for spec in specs]
    pairs = [(spec, series.get(spec.name, {})) for spec in specs]
    return Dashboard(store.get_setting(Setting.TOOL_NAME), go_live, costs, progress, series, money(pairs, go_live, costs))


def specs_frame(specs: list[KpiSpec]) -> pd.DataFrame:
    frame = pd.DataFrame([{"name": s.name, "unit": s.unit, "direction": s.direction, "category": s.category,
                           "baseline": s.baseline, "target": s.target, "target_date": s.target_date, "owner": s.owner}
                          for s in specs], columns=["name", "unit", "direction", "category", "baseline", "target",
                                                    "target_date", "owner"])
    return frame.astype({"baseline": "float64", "target": "float64"})  # empty cells as blanks, not "None"


def specs_from_frame(frame: pd.DataFrame) -> list[KpiSpec]:
    """The edited table back into definitions; empty cells become None, text is trimmed."""
    specs = []
    for row in frame.itertuples(index=False):
        name = cell_text(row.name)
        if not name:
            continue
        when = cell_date(row.target_date)
        specs.append(KpiSpec(name, cell_text(row.unit), row.direction if row.direction in ("lower", "higher")
                             else "lower", row.category if row.category in CATEGORIES else "other",
                             cell_float(row.baseline), cell_float(row.target), when, cell_text(row.owner)))
    return specs


def values_frame(series: dict[str, dict[date, float]], names: list[str], months: list[date]) -> pd.DataFrame:
    """Months down, KPIs across: the table for typing values by hand."""
    return pd.DataFrame({name: [series.get(name, {}).get(m) for m in months] for name in names},
                        index=[f"{m:%Y-%m}" for m in months], dtype="float64")


def typed_changes(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, date, float]]:
    """Cells the user typed or changed: (KPI, month, value). A cleared cell is not a value."""
    changes = []
    for name in after.columns:
        for label, value in after[name].items():
            old = before[name].get(label) if name in before else None
            if is_blank(value):
                continue
            if is_blank(old) or float(old) != float(value):
                year, month = str(label).split("-")
                changes.append((name, date(int(year), int(month), 1), float(value)))
    return changes


def typing_months(series: dict[str, dict[date, float]], go_live: date | None, today: date) -> list[date]:
    """The months offered for typing, up to this one: from the earliest value, and at least from the three
    months before go-live that make the baseline (else the last three months)."""
    this_month = today.replace(day=1)
    known = sorted({m for s in series.values() for m in s})
    starts = [known[0]] if known else [add_months(this_month, -3)]
    if go_live:
        starts.append(add_months(go_live.replace(day=1), -BASELINE_MONTHS))
    months, month = [], min(starts)
    while month <= this_month:
        months.append(month)
        month = add_months(month, 1)
    return months


def leading_indicators(board: Dashboard) -> list[KpiProgress]:
    """The four metrics' KPIs that have a value: on screen and in the report alike."""
    return [p for p in board.progress if p.spec.category in FOUR_METRICS and p.latest is not None]
