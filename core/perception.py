"""Several respondents of one assessment: the room's score, its spread, and where the roles disagree.

The measures are the ones that stay honest for a room of 3 to 30 people:
- the company's score per dimension is the **median of the respondents' scores**: every person counts
  once, and one enthusiastic (or bitter) answer cannot move it, which a mean at n = 3 would let happen;
- spread within the room per question: the **AD index** (mean absolute deviation from the mean, in
  levels; ≤ 5/6 ≈ 0.83 is usual agreement on a five-point scale, Burke & Dunlap 2002) and the
  **Tastle–Wierman consensus** (1 = all agree, 0 = the room split between the two ends), which
  catches a room split in two that a mean hides;
- the gap between roles per question: the highest role median minus the lowest, in levels, with
  gaps of one level or more marked (the 360-feedback convention).
A role with fewer than `min_group` respondents is not shown as a group of its own (its people could be
picked out), except 経営者, shown as a named perspective: in a small company everyone knows who it is.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from core.questionnaire import Questionnaire
from core.scoring import Answer, AssessmentResult, DimensionScore, score_assessment

Role = Literal["owner", "manager", "floor", "it", "adviser"]
ROLES: tuple[Role, ...] = ("owner", "manager", "floor", "it", "adviser")  # 経営者 管理職 現場 IT担当 支援者
NAMED_ROLES: frozenset[Role] = frozenset({"owner"})
OTHERS = "others"  # the roles too small to be shown alone, merged
DEFAULT_MIN_GROUP = 3
LEVELS = 5  # 0–4
NOTABLE_GAP = 1.0  # levels


@dataclass(frozen=True)
class Respondent:
    id: int
    role: Role
    label: str
    answers: Mapping[str, Answer]


@dataclass(frozen=True)
class Spread:
    """One question (or dimension) across the room."""

    n: int
    median: float | None
    ad: float | None  # mean absolute deviation, in levels
    consensus: float | None  # Tastle–Wierman, 0..1


@dataclass(frozen=True)
class QuestionView:
    question_id: str
    room: Spread
    groups: dict[str, Spread]  # shown groups only (see `groups`)
    gap: float | None  # highest group median − lowest, in levels

    @property
    def notable_gap(self) -> bool:
        return self.gap is not None and round(self.gap, 2) >= NOTABLE_GAP  # 1.67 − 0.67 is a level

    @property
    def dispute(self) -> float:
        """How much this question divides the room, 0..2: the split within it plus the gap between roles
        (each on 0..1), so a question both spread out and split by role comes first."""
        split = 0.0 if self.room.consensus is None else 1 - self.room.consensus
        return split + (self.gap or 0.0) / (LEVELS - 1)


def levels_of(respondents: Sequence[Respondent], question_id: str) -> list[int]:
    """The levels given to a question; わからない and blanks are not levels."""
    found = (r.answers.get(question_id) for r in respondents)
    return [a.level for a in found if a is not None and not a.unknown and a.level is not None]


def spread(values: Sequence[float]) -> Spread:
    if not values:
        return Spread(0, None, None, None)
    mean = statistics.fmean(values)
    ad = statistics.fmean(abs(v - mean) for v in values)
    return Spread(len(values), statistics.median(values), ad, consensus(values))


def consensus(values: Sequence[float], width: int = LEVELS - 1) -> float:
    """Tastle & Wierman (2007): 1 + Σ p_i log2(1 − |X_i − μ| / width) over the levels given."""
    n, mean = len(values), statistics.fmean(values)
    counts = {v: sum(1 for x in values if x == v) for v in sorted(set(values))}
    # fsum over sorted levels: the same room in any order gives the same number, to the last bit
    total = math.fsum(c / n * math.log2(1 - abs(v - mean) / width) for v, c in counts.items())
    return max(0.0, min(1.0, 1 + total))


def groups(respondents: Sequence[Respondent], min_group: int = DEFAULT_MIN_GROUP) -> dict[str, list[Respondent]]:
    """The groups shown, by role: those with at least `min_group` people, and 経営者 at any size. The
    smaller roles are merged into `OTHERS` when that reaches `min_group` together, else shown in no group
    (their answers still count in the room's)."""
    by_role = {role: [r for r in respondents if r.role == role] for role in ROLES}
    shown = {role: people for role, people in by_role.items()
             if people and (len(people) >= min_group or role in NAMED_ROLES)}
    small = [r for role, people in by_role.items() if role not in shown for r in people]
    if len(small) >= min_group:
        shown[OTHERS] = small
    return shown


def visible_room(respondents: Sequence[Respondent], min_group: int = DEFAULT_MIN_GROUP) -> list[Respondent]:
    """The people whose answers the room's figures may show: those in a shown group, and only once at least
    `min_group` of them are not 経営者. A room figure over everyone, beside the groups, would let anyone
    work out the answers of the one or two people left out; empty when too few can be shown."""
    visible = [r for people in groups(respondents, min_group).values() for r in people]
    return visible if sum(1 for r in visible if r.role not in NAMED_ROLES) >= min_group else []


def question_views(questionnaire: Questionnaire, respondents: Sequence[Respondent],
                   min_group: int = DEFAULT_MIN_GROUP) -> list[QuestionView]:
    shown = groups(respondents, min_group)
    views = []
    for q in questionnaire.questions:
        by_group = {name: spread(levels_of(people, q.id)) for name, people in shown.items()}
        medians = [s.median for s in by_group.values() if s.median is not None]
        gap = max(medians) - min(medians) if len(medians) >= 2 else None
        views.append(QuestionView(q.id, spread(levels_of(respondents, q.id)), by_group, gap))
    return views


def most_disputed(views: Sequence[QuestionView], n: int = 5) -> list[QuestionView]:
    """The questions to discuss first: the most divided; ties keep the questionnaire's order, so the
    ranking depends on the answers alone, never on the order people answered in."""
    asked = [(i, v) for i, v in enumerate(views) if v.room.n >= 2]
    ranked = sorted(asked, key=lambda item: (-round(item[1].dispute, 9), item[0]))
    return [v for _, v in ranked if v.dispute > 0][:n]


def dimension_scores(questionnaire: Questionnaire, respondent: Respondent) -> dict[str, float | None]:
    result = score_assessment(questionnaire, dict(respondent.answers))
    return {d.dimension_id: d.score for d in result.dimensions}


def company_scores(questionnaire: Questionnaire, respondents: Sequence[Respondent]) -> dict[str, Spread]:
    """Per dimension: the median of the respondents' scores, with n and the spread around it."""
    per_person = [dimension_scores(questionnaire, r) for r in respondents]
    return {d.id: spread([s[d.id] for s in per_person if s[d.id] is not None]) for d in questionnaire.dimensions}


def group_scores(questionnaire: Questionnaire, respondents: Sequence[Respondent],
                 min_group: int = DEFAULT_MIN_GROUP) -> dict[str, dict[str, Spread]]:
    """Per shown group, per dimension: the median of its members' scores."""
    return {name: company_scores(questionnaire, people) for name, people in groups(respondents, min_group).items()}


def room_result(questionnaire: Questionnaire, respondents: Sequence[Respondent]) -> AssessmentResult:
    """The company's result: per dimension the median of the respondents' scores, so every screen that
    reads one result reads the room's. With one respondent it is exactly theirs. A question counts as
    answered once anyone gave it a level, as わからない when everyone who answered said so."""
    if len(respondents) == 1:
        return score_assessment(questionnaire, dict(respondents[0].answers))
    medians = company_scores(questionnaire, respondents)
    dimensions = []
    for d in questionnaire.dimensions:
        answered = sum(1 for q in d.questions if levels_of(respondents, q.id))
        unknown = sum(1 for q in d.questions if not levels_of(respondents, q.id)
                      and any(r.answers.get(q.id) is not None and r.answers[q.id].unknown for r in respondents))
        score = medians[d.id].median
        dimensions.append(DimensionScore(d.id, d.number, None if score is None else round(score, 2), answered,
                                         unknown, len(d.questions) - answered - unknown))
    return AssessmentResult(tuple(dimensions))


def median_answers(respondents: Sequence[Respondent]) -> dict[str, Answer]:
    """Per question the room's median level (halves rounded up), for what reads one answer per question
    (the first ADKAR stage where the floor gets stuck). One respondent: their own answers."""
    if len(respondents) == 1:
        return dict(respondents[0].answers)
    ids = {q for r in respondents for q in r.answers}
    answers = {}
    for q in sorted(ids):
        levels = levels_of(respondents, q)
        if levels:
            answers[q] = Answer(q, math.floor(statistics.median(levels) + 0.5))
        elif any(r.answers.get(q) is not None and r.answers[q].unknown for r in respondents):
            answers[q] = Answer(q, unknown=True)
    return answers
