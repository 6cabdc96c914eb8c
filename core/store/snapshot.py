"""The whole workspace as one plain dict: what the workspace file holds, and how it is put back."""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from core.store.assessments import ANSWER_INSERT, FORM_RESPONDENT_INSERT
from core.store.base import StoreBase, as_dicts
from core.store.inventory import PROCESS_COLUMNS, PROCESS_INSERT
from core.store.kpis import KPI_INSERT, KPI_SELECT, write_observations
from core.store.plan import MILESTONE_INSERT, ROLE_INSERT
from core.store.reviews import ACTION_INSERT
from core.store.schema import SCHEMA_VERSION
from core.store.transaction import transaction

COMPANY_KEYS = "company." + "%"  # a LIKE pattern, bound as a parameter
SETTING_PREFIXES = ("tool.", "money.", "subsidy.", "demo.", "room.")  # the settings a snapshot carries: never schema_version
WORKSPACE_TABLES = ("answers", "respondents", "targets", "assessments", "kpi_observations", "imports", "kpis", "roles", "milestones",
                    "processes", "actions", "reviews")
CLEAR_WORKSPACE = ("DELETE FROM answers", "DELETE FROM respondents", "DELETE FROM targets", "DELETE FROM assessments",
                   "DELETE FROM kpi_observations", "DELETE FROM imports", "DELETE FROM kpis", "DELETE FROM roles",
                   "DELETE FROM milestones", "DELETE FROM processes", "DELETE FROM actions", "DELETE FROM reviews")
SETTING_INSERT = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"


class Snapshots(StoreBase):
    def load_snapshot(self, snapshot: dict, *, with_company: bool = True) -> None:
        """Add a workspace snapshot (the demo company) to what is here, in one transaction."""
        moment = self._clock()
        with transaction(self._writable()) as cur:
            _load(cur, snapshot, with_company, moment)

    def restore(self, snapshot: dict) -> None:
        """Replace the whole workspace with a saved one, in one transaction: all of it or nothing."""
        moment = self._clock()
        with transaction(self._writable()) as cur:
            for statement in CLEAR_WORKSPACE:
                cur.execute(statement)
            cur.execute("DELETE FROM meta WHERE key <> 'schema_version'")
            _load(cur, snapshot, True, moment)

    def snapshot(self) -> dict:
        cur = self._cursor()
        company = {
            k.removeprefix("company."): v
            for k, v in cur.execute("SELECT key, value FROM meta WHERE key LIKE ?", [COMPANY_KEYS]).fetchall()
        }
        settings = {k: v for k, v in cur.execute("SELECT key, value FROM meta ORDER BY key").fetchall()
                    if k.startswith(SETTING_PREFIXES)}
        specs = [{**k, "target_date": _iso(k["target_date"])}
                 for k in as_dicts(cur.execute(KPI_SELECT))]
        return {"format": "teichaku-workspace", "schema_version": SCHEMA_VERSION, "company": company,
                "settings": settings, "assessments": self._assessments_in_full(cur), "kpis": specs,
                "kpi_observations": _observations_with_provenance(cur),
                "roles": [{"role": r.role, "person": r.person, "backup": r.backup} for r in self.roles()],
                "milestones": [{"day": m.day, "title": m.title, "due": _iso(m.due), "done": m.done, "note": m.note}
                               for m in self.milestones()],
                "processes": self.processes(), "reviews": _reviews_with_actions(cur)}

    def _assessments_in_full(self, cur: duckdb.DuckDBPyConnection) -> list[dict]:
        created = dict(cur.execute("SELECT id, created_at FROM assessments").fetchall())
        forms = dict(cur.execute("SELECT id, form_id FROM respondents WHERE form_id IS NOT NULL").fetchall())
        return [{
            "label": a.label,
            "taken_on": a.taken_on.isoformat(),
            "created_at": _iso(created.get(a.id)),
            "definition_version": a.definition_version,
            "respondents": [{"role": r.role, "label": r.label, "form_id": forms.get(r.id),
                             "answers": _answers_in_full(r.answers)} for r in self.room(a.id)],
            "targets": self.targets(a.id),
        } for a in self.assessments()]


def _answers_in_full(answers: dict) -> list[dict]:
    return [{"question_id": x.question_id, "level": x.level, "unknown": x.unknown, "note": x.note}
            for x in sorted(answers.values(), key=lambda x: x.question_id)]


def _reviews_with_actions(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    actions: dict[int | None, list[dict]] = {}
    for review_id, text, owner, due, status in cur.execute(
            "SELECT review_id, text, owner, due, status FROM actions ORDER BY id").fetchall():
        actions.setdefault(review_id, []).append({"text": text, "owner": owner, "due": _iso(due), "status": status})
    return [{"month": month.isoformat(), "improved": improved, "to_change": to_change, "decision": decision,
             "created_at": _iso(created_at), "actions": actions.get(review_id, [])}
            for review_id, month, improved, to_change, decision, created_at in cur.execute(
                "SELECT id, month, improved, to_change, decision, created_at FROM reviews ORDER BY id").fetchall()]


def _observations_with_provenance(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    rows = as_dicts(cur.execute("SELECT kpi, kpi_en, category, unit, period, value, target, source, source_hash,"
                                " sheet, cell, imported_at FROM kpi_observations ORDER BY kpi, period"))
    return [{**k, "period": k["period"].strftime("%Y-%m"), "imported_at": _iso(k["imported_at"])} for k in rows]


def _load(cur: duckdb.DuckDBPyConnection, snapshot: dict, with_company: bool, moment: datetime) -> None:
    """Add every part of a snapshot; lists of rows keep their order after what is already there.
    A row that does not say when it was made is dated `moment`."""
    for key, value in (snapshot.get("company", {}) if with_company else {}).items():
        cur.execute(SETTING_INSERT, [f"company.{key}", str(value)])
    for key, value in snapshot.get("settings", {}).items():
        if key.startswith(SETTING_PREFIXES):
            cur.execute(SETTING_INSERT, [key, str(value)])
    for a in snapshot.get("assessments", []):
        _load_assessment(cur, a, moment)
    for r in snapshot.get("roles", []):
        cur.execute(ROLE_INSERT, [r["role"], r.get("person") or "", r.get("backup") or ""])
    for k in snapshot.get("kpis", []):  # `or`: a key given as null gets the column's default too
        cur.execute(KPI_INSERT, [k["name"], k.get("unit") or "", k.get("direction") or "lower", k.get("category") or "other",
                     k.get("baseline"), k.get("target"), _date(k.get("target_date")), k.get("owner") or ""])
    _load_observations(cur, snapshot.get("kpi_observations", []))
    first = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM milestones").fetchone()[0]
    for i, m in enumerate(snapshot.get("milestones", []), start=first):
        cur.execute(MILESTONE_INSERT,
                    [i, m["day"], m["title"], _date(m.get("due")), bool(m.get("done")), m.get("note") or ""])
    first = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM processes").fetchone()[0]
    for i, p in enumerate(snapshot.get("processes", []), start=first):
        cur.execute(PROCESS_INSERT, [i, *(p.get(c) for c in PROCESS_COLUMNS[:-1]), bool(p.get("resolved"))])
    for r in snapshot.get("reviews", []):
        review_id = cur.execute(
            "INSERT INTO reviews (month, improved, to_change, decision, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [_date(r["month"]), r.get("improved"), r.get("to_change"), r.get("decision"),
             _timestamp(r.get("created_at")) or moment]).fetchone()[0]
        for x in r.get("actions", []):
            cur.execute(ACTION_INSERT,
                        [review_id, x["text"], x.get("owner") or "", _date(x.get("due")), x.get("status") or "open"])


def _load_assessment(cur: duckdb.DuckDBPyConnection, a: dict, moment: datetime) -> None:
    new_id = cur.execute(
        "INSERT INTO assessments (label, taken_on, definition_version, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        [a["label"], date.fromisoformat(a["taken_on"]), a["definition_version"],
         _timestamp(a.get("created_at")) or moment],
    ).fetchone()[0]
    # A file from before respondents holds one set of answers: its owner's.
    respondents = a.get("respondents") or [{"role": "owner", "label": "", "answers": a.get("answers", [])}]
    for position, r in enumerate(respondents):
        who = cur.execute(FORM_RESPONDENT_INSERT, [new_id, position, r.get("role") or "owner", r.get("label") or "",
                                                   r.get("form_id")]).fetchone()[0]
        for x in r.get("answers", []):
            cur.execute(ANSWER_INSERT, [who, new_id, x["question_id"], x.get("level"), bool(x.get("unknown")),
                                        x.get("note") or "", moment])
    for dimension_id, level in a.get("targets", {}).items():
        cur.execute("INSERT INTO targets (assessment_id, dimension_id, level) VALUES (?, ?, ?)",
                    [new_id, dimension_id, int(level)])


def _load_observations(cur: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    latest = {(k["kpi"], k["period"]): k for k in rows}  # a repeated month: the last one counts
    if latest:
        write_observations(cur, [[k["kpi"], k.get("kpi_en"), k["category"], k["unit"], _month(k["period"]),
                                  k.get("value"), k.get("target"), k.get("source") or "snapshot",
                                  k.get("source_hash"), k.get("sheet"), k.get("cell"),
                                  _timestamp(k.get("imported_at"))] for k in latest.values()])


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _timestamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iso(moment: date | datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _month(period: str) -> date:
    year, month = period.split("-")[:2]
    return date(int(year), int(month), 1)
