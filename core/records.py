"""Plain values the store reads and writes, shared with the import pipeline and the screens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Observation:
    """One KPI's value for one month, with where it came from."""

    kpi: str
    period: date  # first day of the month
    value: float
    unit: str | None = None
    target: float | None = None
    category: str = "other"
    cell: str | None = None


@dataclass(frozen=True)
class Correction:
    kpi: str
    period: date
    old: float | None
    new: float


@dataclass(frozen=True)
class CommitResult:
    added: int
    replaced: list[Correction]
    unchanged: int
    targets_updated: int = 0


@dataclass(frozen=True)
class Assessment:
    id: int
    label: str
    taken_on: date
    definition_version: str
    answered: int


@dataclass(frozen=True)
class RespondentRecord:
    """One person answering an assessment: a role, and a label only if they want one."""

    id: int
    assessment_id: int
    position: int
    role: str
    label: str
