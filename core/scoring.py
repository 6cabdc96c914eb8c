"""Scores an assessment: per dimension, overall, weakest areas, target gaps, change over time.

A dimension's score is the mean of its answered levels (0–4). "わからない" (unknown)
and unanswered questions are counted apart and never pulled into the mean as 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.questionnaire import Dimension, Question, Questionnaire

ADKAR_ORDER = ("awareness", "desire", "knowledge", "ability", "reinforcement")
# Prosci's barrier point is the first element scoring 3 or below on 1–5; on our 0–4 scale that is 2.
ADKAR_BARRIER_MAX_LEVEL = 2


@dataclass(frozen=True)
class Answer:
    question_id: str
    level: int | None = None
    unknown: bool = False
    note: str = ""

    @property
    def is_answered(self) -> bool:
        return self.unknown or self.level is not None


@dataclass(frozen=True)
class DimensionScore:
    dimension_id: str
    number: int
    score: float | None
    answered: int
    unknown: int
    missing: int

    @property
    def total(self) -> int:
        return self.answered + self.unknown + self.missing

    @property
    def band(self) -> str:
        return band_for(self.score)

    @property
    def not_started(self) -> bool:
        """Nothing answered yet: not a weakness, just not asked."""
        return self.answered == 0 and self.unknown == 0


@dataclass(frozen=True)
class Gap:
    dimension_id: str
    current: float | None
    target: int
    gap: float


@dataclass(frozen=True)
class AssessmentResult:
    dimensions: tuple[DimensionScore, ...]

    @property
    def overall_score(self) -> float | None:
        scores = [d.score for d in self.dimensions if d.score is not None]
        return round(sum(scores) / len(scores), 2) if scores else None

    @property
    def overall_level(self) -> int | None:
        return level_for(self.overall_score)

    @property
    def answered(self) -> int:
        return sum(d.answered for d in self.dimensions)

    @property
    def unknown(self) -> int:
        return sum(d.unknown for d in self.dimensions)

    @property
    def missing(self) -> int:
        return sum(d.missing for d in self.dimensions)

    @property
    def total(self) -> int:
        return sum(d.total for d in self.dimensions)

    @property
    def is_complete(self) -> bool:
        return self.missing == 0

    def score_of(self, dimension_id: str) -> float | None:
        return next(d.score for d in self.dimensions if d.dimension_id == dimension_id)

    def weakest(self, n: int = 3) -> list[DimensionScore]:
        """Lowest scores first. A dimension answered only with わからない ranks weakest of all
        (nobody knows how it stands); one not answered yet is left out."""
        asked = [d for d in self.dimensions if not d.not_started]
        ranked = sorted(asked, key=lambda d: (-1 if d.score is None else d.score, d.number))
        return ranked[:n]

    def gaps(self, targets: dict[str, int]) -> list[Gap]:
        """Measured dimensions below their target, the widest gap first."""
        gaps = []
        for d in self.dimensions:
            target = targets.get(d.dimension_id)
            if target is None or d.score is None:
                continue
            gap = round(target - d.score, 2)
            if gap > 0:
                gaps.append(Gap(d.dimension_id, d.score, target, gap))
        return sorted(gaps, key=lambda g: (-g.gap, self.dimensions_index(g.dimension_id)))

    def dimensions_index(self, dimension_id: str) -> int:
        return next(i for i, d in enumerate(self.dimensions) if d.dimension_id == dimension_id)


def band_for(score: float | None) -> str:
    """Recommendation band: low below 1.5, mid below 2.5, high from 2.5."""
    if score is None or score < 1.5:
        return "low"
    return "mid" if score < 2.5 else "high"


def suggested_target(score: float | None) -> int:
    """A first target one level above today's level, for the owner to adjust."""
    return min(4, (level_for(score) or 0) + 1)


def level_for(score: float | None) -> int | None:
    """The maturity level a score sits at: level k covers [k-0.5, k+0.5)."""
    if score is None:
        return None
    return max(0, min(4, math.floor(score + 0.5)))


def score_dimension(dimension: Dimension, answers: dict[str, Answer]) -> DimensionScore:
    levels, unknown, missing = [], 0, 0
    for q in dimension.questions:
        a = answers.get(q.id)
        if a is None or not a.is_answered:
            missing += 1
        elif a.unknown:
            unknown += 1
        else:
            levels.append(a.level)
    score = round(sum(levels) / len(levels), 2) if levels else None
    return DimensionScore(dimension.id, dimension.number, score, len(levels), unknown, missing)


def score_assessment(questionnaire: Questionnaire, answers: dict[str, Answer]) -> AssessmentResult:
    """Answers to questions the definition no longer has are ignored; new questions count as missing."""
    return AssessmentResult(tuple(score_dimension(d, answers) for d in questionnaire.dimensions))


def adkar_barrier(questionnaire: Questionnaire, answers: dict[str, Answer]) -> Question | None:
    """The first ADKAR element (in order) answered at level 2 or below: where change effort should go."""
    by_element = {q.adkar: q for q in questionnaire.questions if q.adkar}
    for element in ADKAR_ORDER:
        q = by_element.get(element)
        a = answers.get(q.id) if q else None
        if a is not None and a.level is not None and a.level <= ADKAR_BARRIER_MAX_LEVEL:
            return q
    return None


def first_open_dimension(questionnaire: Questionnaire, answers: dict[str, Answer]) -> int:
    """Index of the first dimension with an unanswered question (0 when all are done)."""
    for i, d in enumerate(questionnaire.dimensions):
        if any(not (answers.get(q.id) and answers[q.id].is_answered) for q in d.questions):
            return i
    return 0


@dataclass(frozen=True)
class Change:
    dimension_id: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """From the one-decimal scores people see, so 0.8 → 1.8 reads +1.0, never +1.1."""
        if self.before is None or self.after is None:
            return None
        return round(round(self.after, 1) - round(self.before, 1), 1)


def changes(before: AssessmentResult, after: AssessmentResult) -> list[Change]:
    return [Change(d.dimension_id, d.score, after.score_of(d.dimension_id)) for d in before.dimensions]
