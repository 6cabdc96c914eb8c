"""Progress and status of a KPI against its target, judged on a glide path from go-live.

Definitions (also in the README):
- d = -1 when lower is better, +1 when higher is better.
- baseline: the value given, else the mean of the (up to) three months before go-live.
- progress % = 100 × d·(latest − baseline) / d·(target − baseline). It is not capped: 120 % is an
  overshoot, below 0 % is worse than the baseline. When the target is not beyond the baseline
  (equal to it, or on the wrong side) there is no distance to cover: progress is 100 % while the
  value is at or better than the target and 0 % when it is not.
- glide path: the straight line from (go-live month, baseline) to (target month, target), flat after
  the target month; expected = its value at the latest month.
- status at the latest month: 達成 achieved when d·(latest − target) ≥ 0; 悪化 worse when
  d·(latest − baseline) < 0; 順調 on track when d·(latest − expected) ≥ −5 % of the distance to cover;
  遅れ behind otherwise. Without a target date there is no glide path (expected is None): 順調 once
  d·(latest − baseline) covers 5 % of the distance, 遅れ before that. Without data: no_data; without a
  target or baseline: no_target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

BASELINE_MONTHS = 3
ON_TRACK_TOLERANCE = 0.05
Status = Literal["achieved", "on_track", "behind", "worse", "no_data", "no_target"]
STATUSES: tuple[Status, ...] = get_args(Status)
Direction = Literal["lower", "higher"]  # which way is better
Category = Literal["effort", "lead_time", "error_rate", "reentry", "other"]


@dataclass(frozen=True)
class KpiSpec:
    name: str
    unit: str = ""
    direction: Direction = "lower"
    category: Category = "other"
    baseline: float | None = None  # None: from the months before go-live
    target: float | None = None
    target_date: date | None = None
    owner: str = ""

    @property
    def sign(self) -> int:
        return 1 if self.direction == "higher" else -1


@dataclass(frozen=True)
class KpiProgress:
    spec: KpiSpec
    baseline: float | None
    latest: float | None
    latest_month: date | None
    expected: float | None
    progress: float | None  # percent
    status: Status


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def baseline_of(spec: KpiSpec, series: dict[date, float], go_live: date | None) -> float | None:
    if spec.baseline is not None:
        return spec.baseline
    if go_live is None:
        return None
    before = [series[m] for m in sorted(series) if months_between(m, go_live) > 0][-BASELINE_MONTHS:]
    return sum(before) / len(before) if before else None


def glide_path(baseline: float, target: float, go_live: date, target_date: date, month: date) -> float:
    """Where the KPI should be in `month` if it moved steadily from go-live to the target date."""
    span = months_between(go_live, target_date)
    if span <= 0:
        return target
    share = min(max(months_between(go_live, month) / span, 0.0), 1.0)
    return baseline + (target - baseline) * share


def progress_percent(spec: KpiSpec, baseline: float, value: float) -> float:
    needed = spec.sign * (spec.target - baseline)
    if needed <= 0:  # nothing to cover (or a target behind the baseline): hold the target
        return 100.0 if spec.sign * (value - spec.target) >= 0 else 0.0
    return 100.0 * spec.sign * (value - baseline) / needed


def assess(spec: KpiSpec, series: dict[date, float], go_live: date | None) -> KpiProgress:
    """Progress and status at the latest month with a value."""
    go_live = date(go_live.year, go_live.month, 1) if go_live else None
    months = sorted(m for m, v in series.items() if v is not None)
    if not months:
        return KpiProgress(spec, baseline_of(spec, series, go_live), None, None, None, None, "no_data")
    latest_month = months[-1]
    latest = series[latest_month]
    baseline = baseline_of(spec, series, go_live)
    if spec.target is None or baseline is None:
        return KpiProgress(spec, baseline, latest, latest_month, None, None, "no_target")
    # Without a target date there is no plan to be behind: only the direction of travel is judged.
    expected = None if spec.target_date is None else glide_path(baseline, spec.target, go_live or months[0],
                                                                spec.target_date, latest_month)
    progress = progress_percent(spec, baseline, latest)
    return KpiProgress(spec, baseline, latest, latest_month, expected, progress,
                       status_of(spec, baseline, expected, latest))


def status_of(spec: KpiSpec, baseline: float, expected: float | None, latest: float) -> str:
    d = spec.sign
    if d * (latest - spec.target) >= 0:
        return "achieved"
    if d * (latest - baseline) < 0:
        return "worse"
    tolerance = ON_TRACK_TOLERANCE * abs(spec.target - baseline)
    if expected is None:  # no target date: on track once it has clearly moved toward the target
        return "on_track" if d * (latest - baseline) >= tolerance else "behind"
    return "on_track" if d * (latest - expected) >= -tolerance else "behind"
