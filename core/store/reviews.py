"""Monthly reviews and the actions they decide, which stay open until someone closes them."""

from __future__ import annotations

from datetime import date

from core.store.base import StoreBase, as_dicts
from core.store.transaction import transaction

ACTION_INSERT = "INSERT INTO actions (review_id, text, owner, due, status) VALUES (?, ?, ?, ?, ?)"


class ReviewTables(StoreBase):
    def add_review(self, month: date, improved: str, to_change: str, decision: str,
                   actions: list[tuple[str, str, date | None]]) -> int:
        with transaction(self._writable()) as cur:
            review_id = cur.execute("INSERT INTO reviews (month, improved, to_change, decision, created_at)"
                                    " VALUES (?, ?, ?, ?, ?) RETURNING id",
                                    [month, improved, to_change, decision, self._clock()]).fetchone()[0]
            for text, owner, due in actions:
                cur.execute(ACTION_INSERT, [review_id, text, owner, due, "open"])
        return review_id

    def reviews(self) -> list[dict]:
        return as_dicts(self._cursor().execute(
            "SELECT id, month, improved, to_change, decision, created_at FROM reviews ORDER BY month DESC, id DESC"))

    def actions(self) -> list[dict]:
        return as_dicts(self._cursor().execute(
            "SELECT a.id, a.text, a.owner, a.due, a.status, r.month AS review_month FROM actions a"
            " LEFT JOIN reviews r ON r.id = a.review_id ORDER BY a.status = 'done', a.due NULLS LAST, a.id"))

    def set_action_status(self, action_id: int, status: str) -> None:
        self._writable().execute("UPDATE actions SET status = ? WHERE id = ?", [status, action_id])
