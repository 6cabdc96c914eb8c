"""The projected walk through a result, one screen at a time: which screens, in which order, and what the
screens that need more than a score show. No Streamlit here.

The order follows how a room reads a diagnosis: where the company stands, each of the seven areas, where
the roles see it differently, what the room disagrees on, what the numbers say, and what to do next.
A screen with nothing to show is left out (no gap with one respondent, no KPIs before any import), so the
facilitator never steps onto an empty slide. Each screen has a short, stable name for the address
(`?step=d3`): a reload or a second screen opens on the same one, even when the deck changes length.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Literal

from core.perception import Respondent, dimension_scores, groups
from core.plan import Milestone
from core.progress import KpiProgress
from core.questionnaire import Questionnaire, Recommendation
from core.scoring import AssessmentResult

StepKind = Literal["live", "level", "dimension", "gap", "disputed", "kpis", "actions"]
KPI_SLOTS = 4  # a 2 × 2 grid still reads from the back of a room; more go to the dashboard
ACTION_SLOTS = 3
MILESTONE_SLOTS = 2


@dataclass(frozen=True)
class Step:
    slug: str
    kind: StepKind
    dimension_id: str | None = None


def deck(questionnaire: Questionnaire, *, room_shown: bool, has_kpis: bool, has_assessment: bool = True,
         live: bool = False) -> tuple[Step, ...]:
    """The screens in order; the gap and the disputed questions only when a room can be shown, the KPIs once
    one has a value. Without an assessment yet, only the KPIs and the plan. A live room comes first: the
    room joins and votes before it reads the result."""
    steps = [Step("live", "live")] if live else []
    if has_assessment:
        steps.append(Step("level", "level"))
        steps += [Step(f"d{d.number}", "dimension", d.id) for d in questionnaire.dimensions]
    if has_assessment and room_shown:
        steps += [Step("gap", "gap"), Step("disputed", "disputed")]
    if has_kpis:
        steps.append(Step("kpis", "kpis"))
    steps.append(Step("actions", "actions"))
    return tuple(steps)


def position(steps: tuple[Step, ...], slug: str | None, default: str | None = None) -> int:
    """The index of the screen named in the address; an unknown or missing name opens `default`, else the first."""
    slugs = [s.slug for s in steps]
    for wanted in (slug, default):
        if wanted in slugs:
            return slugs.index(wanted)
    return 0


@dataclass(frozen=True)
class GroupScores:
    """One shown group's scores in one dimension: each person's (unnamed, sorted) and the median."""

    group: str
    scores: tuple[float, ...]
    median: float | None


def dimension_groups(questionnaire: Questionnaire, visible: list[Respondent], dimension_id: str,
                     min_group: int) -> list[GroupScores]:
    found = []
    for name, people in groups(visible, min_group).items():
        scores = sorted(s for r in people if (s := dimension_scores(questionnaire, r)[dimension_id]) is not None)
        found.append(GroupScores(name, tuple(scores), statistics.median(scores) if scores else None))
    return found


def headline_kpis(progress: list[KpiProgress], n: int = KPI_SLOTS) -> tuple[list[KpiProgress], int]:
    """The KPIs a room should see first, those with a target (the owner's headline) ahead of the rest, and
    how many more there are."""
    measured = [p for p in progress if p.latest is not None]
    ranked = sorted(measured, key=lambda p: p.spec.target is None)  # stable: the owner's order within each
    return ranked[:n], max(0, len(ranked) - n)


@dataclass(frozen=True)
class Action:
    dimension_id: str
    score: float | None
    recommendation: Recommendation


def next_actions(questionnaire: Questionnaire, result: AssessmentResult, n: int = ACTION_SLOTS) -> list[Action]:
    """The first recommendation for each of the weakest areas, weakest first."""
    actions = []
    for s in result.weakest(n):
        recommendations = questionnaire.dimension(s.dimension_id).recommendations_for(s.band)
        if recommendations:
            actions.append(Action(s.dimension_id, s.score, recommendations[0]))
    return actions


def next_milestones(milestones: list[Milestone], n: int = MILESTONE_SLOTS) -> list[Milestone]:
    """The plan's open milestones by due date: an overdue one comes first, it is the most urgent."""
    open_ones = [m for m in milestones if not m.done and m.due is not None]
    return sorted(open_ones, key=lambda m: (m.due, m.day))[:n]
