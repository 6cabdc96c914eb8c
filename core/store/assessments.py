"""Assessments, the people answering them (respondents) with their answers, and the one-year targets.

Every assessment has at least one respondent: the first, its owner, is made with it, and the
single-respondent screens (a question saved without naming whose answer it is) write as them.
"""

from __future__ import annotations

from datetime import date

from core.perception import ROLES, Respondent, Role
from core.records import Assessment, RespondentRecord
from core.scoring import Answer
from core.store.base import StoreBase
from core.store.transaction import transaction


RESPONDENT_INSERT = "INSERT INTO respondents (assessment_id, position, role, label) VALUES (?, ?, ?, ?)"
FORM_RESPONDENT_INSERT = ("INSERT INTO respondents (assessment_id, position, role, label, form_id) VALUES (?, ?, ?, ?, ?)"
                          " RETURNING id")
ANSWER_INSERT = ("INSERT INTO answers (respondent_id, assessment_id, question_id, level, is_unknown, note, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)")


class AssessmentTables(StoreBase):
    def create_assessment(self, label: str, taken_on: date, definition_version: str) -> int:
        with transaction(self._writable()) as cur:
            assessment_id = cur.execute(
                "INSERT INTO assessments (label, taken_on, definition_version, created_at) VALUES (?, ?, ?, ?)"
                " RETURNING id",
                [label, taken_on, definition_version, self._clock()],
            ).fetchone()[0]
            cur.execute(RESPONDENT_INSERT, [assessment_id, 0, "owner", ""])
        return int(assessment_id)

    def rename_assessment(self, assessment_id: int, label: str, taken_on: date) -> None:
        self._writable().execute("UPDATE assessments SET label = ?, taken_on = ? WHERE id = ?",
                                 [label, taken_on, assessment_id])

    def delete_assessment(self, assessment_id: int) -> None:
        with transaction(self._writable()) as cur:
            for sql in (
                "DELETE FROM answers WHERE assessment_id = ?",
                "DELETE FROM respondents WHERE assessment_id = ?",
                "DELETE FROM targets WHERE assessment_id = ?",
                "DELETE FROM assessments WHERE id = ?",
            ):
                cur.execute(sql, [assessment_id])

    def assessments(self) -> list[Assessment]:
        """Oldest first."""
        rows = self._cursor().execute(
            """
            SELECT a.id, a.label, a.taken_on, a.definition_version,
                   count(DISTINCT x.question_id) FILTER (WHERE x.level IS NOT NULL OR x.is_unknown)
            FROM assessments a LEFT JOIN answers x ON x.assessment_id = a.id
            GROUP BY ALL ORDER BY a.taken_on, a.id
            """
        ).fetchall()
        return [Assessment(*r) for r in rows]

    # -- respondents -------------------------------------------------------------

    def respondents(self, assessment_id: int) -> list[RespondentRecord]:
        rows = self._cursor().execute(
            "SELECT id, assessment_id, position, role, label FROM respondents WHERE assessment_id = ?"
            " ORDER BY position, id", [assessment_id]).fetchall()
        return [RespondentRecord(*r) for r in rows]

    def add_respondent(self, assessment_id: int, role: Role, label: str = "") -> int:
        if role not in ROLES:
            raise ValueError(role)
        with transaction(self._writable()) as cur:
            position = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM respondents WHERE assessment_id = ?",
                                   [assessment_id]).fetchone()[0]
            return int(cur.execute(RESPONDENT_INSERT + " RETURNING id",
                                   [assessment_id, position, role, label.strip()]).fetchone()[0])

    def copy_respondents(self, from_assessment: int, to_assessment: int) -> int:
        """Start a re-assessment with the same people (roles and names, not their answers) as an earlier one;
        the new assessment's owner stays its first. Returns how many were added."""
        with transaction(self._writable()) as cur:
            people = cur.execute("SELECT role, label FROM respondents WHERE assessment_id = ? ORDER BY position, id",
                                 [from_assessment]).fetchall()[1:]
            position = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM respondents WHERE assessment_id = ?",
                                   [to_assessment]).fetchone()[0]
            for offset, (role, label) in enumerate(people):
                cur.execute(RESPONDENT_INSERT, [to_assessment, position + offset, role, label])
            return len(people)

    def form_ids(self) -> set[str]:
        """The forms already read into this workspace, in any assessment."""
        return {r[0] for r in self._cursor().execute(
            "SELECT form_id FROM respondents WHERE form_id IS NOT NULL").fetchall()}

    def add_form_respondents(self, assessment_id: int, forms: list[tuple[Role, str, str, list[Answer]]]) -> list[int]:
        """(role, label, form id, answers) of filled forms as new respondents, all in one transaction: a
        form read before, here or in another assessment, refuses the whole batch (ValueError)."""
        moment = self._clock()
        with transaction(self._writable()) as cur:
            known = {r[0] for r in cur.execute("SELECT form_id FROM respondents WHERE form_id IS NOT NULL").fetchall()}
            ids = [form_id for _, _, form_id, _ in forms]
            if known & set(ids) or len(set(ids)) < len(ids):
                raise ValueError("form already imported")
            position = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM respondents WHERE assessment_id = ?",
                                   [assessment_id]).fetchone()[0]
            added = []
            for offset, (role, label, form_id, answers) in enumerate(forms):
                if role not in ROLES:
                    raise ValueError(role)
                who = cur.execute(FORM_RESPONDENT_INSERT,
                                  [assessment_id, position + offset, role, label.strip(), form_id]).fetchone()[0]
                for a in answers:
                    cur.execute(ANSWER_INSERT, [who, assessment_id, a.question_id, a.level, a.unknown, a.note, moment])
                added.append(int(who))
            return added

    def update_respondent(self, respondent_id: int, role: Role, label: str) -> None:
        if role not in ROLES:
            raise ValueError(role)
        self._writable().execute("UPDATE respondents SET role = ?, label = ? WHERE id = ?",
                                 [role, label.strip(), respondent_id])

    def remove_respondent(self, respondent_id: int) -> dict:
        """Remove one respondent and their answers; returns what `restore_respondent` needs to undo it."""
        with transaction(self._writable()) as cur:
            row = cur.execute("SELECT assessment_id, position, role, label FROM respondents WHERE id = ?",
                              [respondent_id]).fetchone()
            if row is None:
                raise KeyError(respondent_id)
            left = cur.execute("SELECT count(*) FROM respondents WHERE assessment_id = ?", [row[0]]).fetchone()[0]
            if left <= 1:
                raise ValueError("an assessment keeps at least one respondent")
            answers = cur.execute("SELECT question_id, level, is_unknown, note FROM answers WHERE respondent_id = ?",
                                  [respondent_id]).fetchall()
            cur.execute("DELETE FROM answers WHERE respondent_id = ?", [respondent_id])
            cur.execute("DELETE FROM respondents WHERE id = ?", [respondent_id])
        assessment_id, position, role, label = row
        return {"assessment_id": assessment_id, "position": position, "role": role, "label": label,
                "answers": [{"question_id": q, "level": lv, "unknown": bool(u), "note": n} for q, lv, u, n in answers]}

    def restore_respondent(self, removed: dict) -> int:
        """Put back a removed respondent, in their old place, with their answers."""
        with transaction(self._writable()) as cur:
            new_id = cur.execute(RESPONDENT_INSERT + " RETURNING id", [removed["assessment_id"], removed["position"],
                                                                      removed["role"], removed["label"]]).fetchone()[0]
            for x in removed["answers"]:
                cur.execute(ANSWER_INSERT, [new_id, removed["assessment_id"], x["question_id"], x["level"],
                                            x["unknown"], x["note"], self._clock()])
        return int(new_id)

    def _respondent(self, assessment_id: int, respondent_id: int | None) -> int:
        """Whose answer is written: the one named, if they are this assessment's, else the first."""
        if respondent_id is None:
            return self._owner_of(assessment_id)
        found = self._cursor().execute("SELECT 1 FROM respondents WHERE id = ? AND assessment_id = ?",
                                       [respondent_id, assessment_id]).fetchone()
        if found is None:  # removed meanwhile, or someone else's: never write an answer nobody can see
            raise KeyError(respondent_id)
        return respondent_id

    def _owner_of(self, assessment_id: int) -> int:
        """The first respondent: whose answers the single-respondent screens read and write."""
        row = self._cursor().execute("SELECT id FROM respondents WHERE assessment_id = ? ORDER BY position, id LIMIT 1",
                                     [assessment_id]).fetchone()
        if row is None:
            raise KeyError(assessment_id)
        return row[0]

    # -- answers -------------------------------------------------------------------

    def save_answer(self, assessment_id: int, answer: Answer, respondent_id: int | None = None) -> None:
        who = self._respondent(assessment_id, respondent_id)
        self._writable().execute(
            ANSWER_INSERT + """
            ON CONFLICT (respondent_id, question_id) DO UPDATE SET
                level = excluded.level, is_unknown = excluded.is_unknown,
                note = excluded.note, updated_at = excluded.updated_at
            """,
            [who, assessment_id, answer.question_id, answer.level, answer.unknown, answer.note, self._clock()],
        )

    def save_level(self, assessment_id: int, question_id: str, level: int | None, unknown: bool,
                   respondent_id: int | None = None) -> None:
        """Changes the level only: a note typed in another tab stays."""
        who = self._respondent(assessment_id, respondent_id)
        self._writable().execute(
            """
            INSERT INTO answers (respondent_id, assessment_id, question_id, level, is_unknown, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (respondent_id, question_id) DO UPDATE SET
                level = excluded.level, is_unknown = excluded.is_unknown, updated_at = excluded.updated_at
            """,
            [who, assessment_id, question_id, level, unknown, self._clock()],
        )

    def save_note(self, assessment_id: int, question_id: str, note: str, respondent_id: int | None = None) -> None:
        """Changes the note only: the level chosen in another tab stays."""
        who = self._respondent(assessment_id, respondent_id)
        self._writable().execute(
            """
            INSERT INTO answers (respondent_id, assessment_id, question_id, note, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (respondent_id, question_id) DO UPDATE SET
                note = excluded.note, updated_at = excluded.updated_at
            """,
            [who, assessment_id, question_id, note, self._clock()],
        )

    def answers(self, assessment_id: int, respondent_id: int | None = None) -> dict[str, Answer]:
        """One respondent's answers; without one, the first respondent's (the single-respondent screens)."""
        try:
            who = respondent_id or self._owner_of(assessment_id)
        except KeyError:
            return {}
        rows = self._cursor().execute(
            "SELECT question_id, level, is_unknown, note FROM answers WHERE respondent_id = ?", [who]).fetchall()
        return {r[0]: Answer(r[0], r[1], bool(r[2]), r[3]) for r in rows}

    def room(self, assessment_id: int) -> list[Respondent]:
        """Every respondent of an assessment with their answers, in their order."""
        answers: dict[int, dict[str, Answer]] = {}
        for who, q, level, unknown, note in self._cursor().execute(
                "SELECT respondent_id, question_id, level, is_unknown, note FROM answers WHERE assessment_id = ?",
                [assessment_id]).fetchall():
            answers.setdefault(who, {})[q] = Answer(q, level, bool(unknown), note)
        return [Respondent(r.id, r.role, r.label, answers.get(r.id, {})) for r in self.respondents(assessment_id)]

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
