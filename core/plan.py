"""The first 90 days: three roles with backups (no one-person dependence) and a milestone checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ROLES = ("owner", "operator", "desk")  # 業務オーナー / 運用責任者 / 窓口

# Day after go-live, message id. Drawn from the remedies: roles, exceptions, the 90-day start, monthly review.
DEFAULT_MILESTONES = (
    (0, "milestone.day0_roles"),
    (0, "milestone.day0_desk"),
    (7, "milestone.day7_issues"),
    (14, "milestone.day14_exceptions"),
    (30, "milestone.day30_review"),
    (30, "milestone.day30_reentry"),
    (45, "milestone.day45_backup"),
    (60, "milestone.day60_review"),
    (60, "milestone.day60_manual"),
    (90, "milestone.day90_review"),
    (90, "milestone.day90_embed"),
)


@dataclass(frozen=True)
class Role:
    role: str
    person: str = ""
    backup: str = ""


@dataclass(frozen=True)
class Milestone:
    day: int
    title: str
    due: date | None = None
    done: bool = False
    note: str = ""


@dataclass(frozen=True)
class RoleWarning:
    key: str
    params: dict


def _who(name: str) -> str:
    return " ".join(name.split()).strip()


def role_warnings(roles: list[Role]) -> list[RoleWarning]:
    """属人化 checks: a role nobody holds, a role without a backup, one person in two roles."""
    warnings = []
    holders: dict[str, list[str]] = {}
    for r in roles:
        person, backup = _who(r.person), _who(r.backup)
        if not person:
            warnings.append(RoleWarning("plan.warn_unassigned", {"role": r.role}))
            continue
        holders.setdefault(person, []).append(r.role)
        if not backup:
            warnings.append(RoleWarning("plan.warn_no_backup", {"role": r.role, "person": person}))
        elif backup == person:
            warnings.append(RoleWarning("plan.warn_self_backup", {"role": r.role, "person": person}))
    for person, held in holders.items():
        if len(held) > 1:
            warnings.append(RoleWarning("plan.warn_two_roles", {"person": person, "roles": held}))
    return warnings


def default_milestones(go_live: date | None, title_of) -> list[Milestone]:
    return [Milestone(day, title_of(key), go_live + timedelta(days=day) if go_live else None)
            for day, key in DEFAULT_MILESTONES]


def roles_have_backups(roles: list[Role]) -> bool:
    return any(_who(r.person) and _who(r.backup) and _who(r.backup) != _who(r.person) for r in roles)
