"""Assessments, their answers and their one-year targets per dimension."""

from __future__ import annotations

from datetime import date

from core.records import Assessment
from core.scoring import Answer
from core.store.base import StoreBase
from core.store.transaction import transaction


class AssessmentTables(StoreBase):
    def create_assessment(self, label: str, taken_on: date, definition_version: str) -> int:
        row = self._writable().execute(
            "INSERT INTO assessments (label, taken_on, definition_version, created_at) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            [label, taken_on, definition_version, self._clock()],
        ).fetchone()
        return int(row[0])

    def rename_assessment(self, assessment_id: int, label: str, taken_on: date) -> None:
        self._writable().execute("UPDATE assessments SET label = ?, taken_on = ? WHERE id = ?",
                                 [label, taken_on, assessment_id])

    def delete_assessment(self, assessment_id: int) -> None:
        with transaction(self._writable()) as cur:
            for sql in (
                "DELETE FROM answers WHERE assessment_id = ?",
                "DELETE FROM targets WHERE assessment_id = ?",
                "DELETE FROM assessments WHERE id = ?",
            ):
                cur.execute(sql, [assessment_id])

    def assessments(self) -> list[Assessment]:
        """Oldest first."""
        rows = self._cursor().execute(
            """
            SELECT a.id, a.label, a.taken_on, a.definition_version,
                   count(x.question_id) FILTER (WHERE x.level IS NOT NULL OR x.is_unknown)
            FROM assessments a LEFT JOIN answers x ON x.assessment_id = a.id
            GROUP BY ALL ORDER BY a.taken_on, a.id
            """
        ).fetchall()
        return [Assessment(*r) for r in rows]

    def save_answer(self, assessment_id: int, answer: Answer) -> None:
        self._writable().execute(
            """
            INSERT INTO answers (assessment_id, question_id, level, is_unknown, note, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (assessment_id, question_id) DO UPDATE SET
                level = excluded.level, is_unknown = excluded.is_unknown,
                note = excluded.note, updated_at = excluded.updated_at
            """,
            [assessment_id, answer.question_id, answer.level, answer.unknown, answer.note, self._clock()],
        )

    def save_level(self, assessment_id: int, question_id: str, level: int | None, unknown: bool) -> None:
        """Changes the level only: a note typed in another tab stays."""
        self._writable().execute(
            """
            INSERT INTO answers (assessment_id, question_id, level, is_unknown, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (assessment_id, question_id) DO UPDATE SET
                level = excluded.level, is_unknown = excluded.is_unknown, updated_at = excluded.updated_at
            """,
            [assessment_id, question_id, level, unknown, self._clock()],
        )

    def save_note(self, assessment_id: int, question_id: str, note: str) -> None:
        """Changes the note only: the level chosen in another tab stays."""
        self._writable().execute(
            """
            INSERT INTO answers (assessment_id, question_id, note, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (assessment_id, question_id) DO UPDATE SET
                note = excluded.note, updated_at = excluded.updated_at
            """,
            [assessment_id, question_id, note, self._clock()],
        )

    def answers(self, assessment_id: int) -> dict[str, Answer]:
        rows = self._cursor().execute(
            "SELECT question_id, level, is_unknown, note FROM answers WHERE assessment_id = ?",
            [assessment_id],
        ).fetchall()
        return {r[0]: Answer(r[0], r[1], bool(r[2]), r[3]) for r in rows}

    def set_target(self, assessment_id: int, dimension_id: str, level: int | None) -> None:
        """None clears the target."""
        cur = self._writable()
        if level is None:
            cur.execute("DELETE FROM targets WHERE assessment_id = ? AND dimension_id = ?",
                        [assessment_id, dimension_id])
            return
        cur.execute("INSERT OR REPLACE INTO targets (assessment_id, dimension_id, level) VALUES (?, ?, ?)",
                    [assessment_id, dimension_id, int(level)])

    def targets(self, assessment_id: int) -> dict[str, int]:
        rows = self._cursor().execute(
            "SELECT dimension_id, level FROM targets WHERE assessment_id = ?", [assessment_id]
        ).fetchall()
        return dict(rows)
