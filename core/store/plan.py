"""The first 90 days: the three roles with their backups, and the milestone checklist."""

from __future__ import annotations

from core.plan import Milestone, Role
from core.store.base import StoreBase

ROLE_INSERT = "INSERT OR REPLACE INTO roles (role, person, backup) VALUES (?, ?, ?)"
MILESTONE_INSERT = "INSERT INTO milestones (position, day, title, due, done, note) VALUES (?, ?, ?, ?, ?, ?)"


class PlanTables(StoreBase):
    def roles(self) -> list[Role]:
        return [Role(*r) for r in self._cursor().execute("SELECT role, person, backup FROM roles").fetchall()]

    def save_roles(self, roles: list[Role]) -> None:
        self._replace_all("DELETE FROM roles", ROLE_INSERT, [[r.role, r.person.strip(), r.backup.strip()] for r in roles])

    def milestones(self) -> list[Milestone]:
        rows = self._cursor().execute(
            "SELECT day, title, due, done, note FROM milestones ORDER BY position").fetchall()
        return [Milestone(*r) for r in rows]

    def save_milestones(self, milestones: list[Milestone]) -> None:
        self._replace_all("DELETE FROM milestones", MILESTONE_INSERT,
                          [[i, m.day, m.title, m.due, m.done, m.note] for i, m in enumerate(milestones)])
