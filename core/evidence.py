"""Where the questionnaire's answers and the data disagree.

A self-assessment drifts upward; the numbers keep it honest. Each check pairs a dimension
rated high (score ≥ 2.5, the recommendations' "high" band) with data that says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.plan import Role, roles_have_backups
from core.progress import KpiSpec, months_between
from core.scoring import AssessmentResult

HIGH = 2.5
STALE_MONTHS = 2


@dataclass(frozen=True)
class Disagreement:
    key: str  # i18n id
    dimension_id: str
    params: dict


def _high(result: AssessmentResult, dimension_id: str) -> float | None:
    try:
        score = result.score_of(dimension_id)
    except StopIteration:  # a definition without this dimension
        return None
    return score if score is not None and score >= HIGH else None


def disagreements(result: AssessmentResult, specs: list[KpiSpec], series: dict[str, dict[date, float]],
                  today: date, roles: list[Role] | None = None) -> list[Disagreement]:
    found = []
    if (score := _high(result, "people")) is not None and roles is not None and not roles_have_backups(roles):
        found.append(Disagreement("evidence.people_without_backup", "people", {"score": score}))
    this_month = date(today.year, today.month, 1)
    if (score := _high(result, "measurement")) is not None:
        last = max((m for s in series.values() for m in s), default=None)
        if last is None:
            found.append(Disagreement("evidence.measured_without_data", "measurement", {"score": score}))
        elif months_between(last, this_month) > STALE_MONTHS:
            found.append(Disagreement("evidence.measured_but_stale", "measurement",
                                      {"score": score, "last": f"{last:%Y-%m}", "months": months_between(last, this_month)}))
    if (score := _high(result, "purpose")) is not None and not any(s.target is not None for s in specs):
        found.append(Disagreement("evidence.purpose_without_targets", "purpose", {"score": score}))
    if (score := _high(result, "process")) is not None:
        for spec in specs:
            values = series.get(spec.name, {})
            if spec.category == "reentry" and values:
                latest = values[max(values)]
                if latest > 0:
                    found.append(Disagreement("evidence.process_but_reentry", "process",
                                              {"score": score, "kpi": spec.name, "value": latest,
                                               "month": f"{max(values):%Y-%m}"}))
    return found
