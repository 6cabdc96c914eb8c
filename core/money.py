"""What the saved hours are worth: monthly net effect, cumulative effect and the payback month.

hours saved in a month = Σ over effort KPIs measured in hours (lower is better) of
                         (baseline − that month's value), from the go-live month on;
net effect             = hours saved × hourly cost − monthly tool cost;
cumulative             = − initial cost + Σ net effect so far;
payback month          = the first month the cumulative effect reaches 0. Before that, a
                         projection from the mean net effect of the last three months.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from core.progress import KpiSpec, baseline_of, months_between

HOURS = {"時間": 1.0, "h": 1.0, "分": 1 / 60}
PROJECTION_MONTHS = 3
HORIZON_MONTHS = 120


MAX_COST = 10**12  # yen: far above any SME's figure, far below what a browser's number field can hold


@dataclass(frozen=True)
class Costs:
    hourly: float = 0.0  # yen per hour of staff time, all costs included
    initial: float = 0.0  # one-off: licence, set-up, training
    monthly: float = 0.0  # subscription and support


@dataclass(frozen=True)
class MonthMoney:
    month: date
    hours_saved: float
    value: float
    net: float
    cumulative: float


@dataclass(frozen=True)
class MoneySummary:
    months: list[MonthMoney]
    payback: date | None  # reached
    projected_payback: date | None  # not reached yet: when, at the recent pace

    @property
    def total_hours(self) -> float:
        return sum(m.hours_saved for m in self.months)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def hour_kpis(kpis: list[tuple[KpiSpec, dict[date, float]]]) -> list[tuple[KpiSpec, dict[date, float], float]]:
    """Effort KPIs measured in time, with their factor to hours."""
    return [(spec, series, HOURS[spec.unit]) for spec, series in kpis
            if spec.category == "effort" and spec.unit in HOURS and spec.direction == "lower"]


def money(kpis: list[tuple[KpiSpec, dict[date, float]]], go_live: date | None, costs: Costs) -> MoneySummary:
    effort = hour_kpis(kpis)
    go_live = date(go_live.year, go_live.month, 1) if go_live else None  # a mid-month go-live counts its month
    months_with_data = sorted({m for _, series, _ in effort for m, v in series.items() if v is not None})
    if go_live is None or not months_with_data or months_with_data[-1] < go_live:
        return MoneySummary([], None, None)
    rows, cumulative = [], -costs.initial
    month = date(go_live.year, go_live.month, 1)
    while month <= months_with_data[-1]:
        saved = 0.0
        for spec, series, factor in effort:
            baseline = baseline_of(spec, series, go_live)
            if baseline is not None and series.get(month) is not None:
                saved += (baseline - series[month]) * factor
        net = saved * costs.hourly - costs.monthly
        cumulative += net
        rows.append(MonthMoney(month, saved, saved * costs.hourly, net, cumulative))
        month = add_months(month, 1)
    payback = next((r.month for r in rows if r.cumulative >= 0), None)
    return MoneySummary(rows, payback, None if payback else _projection(rows))


def _projection(rows: list[MonthMoney]) -> date | None:
    recent = [r.net for r in rows[-PROJECTION_MONTHS:]]
    pace = sum(recent) / len(recent) if recent else 0.0
    if pace <= 0:
        return None  # at this pace the tool never pays for itself
    months_left = -rows[-1].cumulative / pace
    if months_left > HORIZON_MONTHS:
        return None  # ten years or more: say it does not pay back rather than name a date
    return add_months(rows[-1].month, max(1, math.ceil(months_left)))


def payback_months(go_live: date, month: date) -> int:
    return months_between(go_live, month) + 1
