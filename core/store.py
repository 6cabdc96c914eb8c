"""The workspace store: one DuckDB database per company, reached only through this module.

Every value is a bound parameter; no SQL text is ever built from user input.
Connections are locked down: no file access beyond the database itself, no extensions.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from core.plan import Milestone, Role
from core.progress import KpiSpec
from core.scoring import Answer

HARDENED_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "python_enable_replacements": False,
    "memory_limit": "512MB",
    "threads": 2,
}

# Each entry migrates from schema version i to i+1. Never edit a shipped entry; append.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE SEQUENCE assessment_ids START 1;
    CREATE TABLE assessments (
        id INTEGER PRIMARY KEY DEFAULT nextval('assessment_ids'),
        label VARCHAR NOT NULL,
        taken_on DATE NOT NULL,
        definition_version VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE answers (
        assessment_id INTEGER NOT NULL,
        question_id VARCHAR NOT NULL,
        level INTEGER CHECK (level BETWEEN 0 AND 4),
        is_unknown BOOLEAN NOT NULL DEFAULT false,
        note VARCHAR NOT NULL DEFAULT '',
        updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (assessment_id, question_id)
    );
    CREATE TABLE targets (
        assessment_id INTEGER NOT NULL,
        dimension_id VARCHAR NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
        PRIMARY KEY (assessment_id, dimension_id)
    );
    """,
    """
    CREATE TABLE kpi_observations (
        kpi VARCHAR NOT NULL,
        kpi_en VARCHAR,
        category VARCHAR NOT NULL,
        unit VARCHAR NOT NULL,
        period DATE NOT NULL,
        value DOUBLE,
        target DOUBLE,
        source VARCHAR NOT NULL,
        PRIMARY KEY (kpi, period)
    );
    """,
    """
    ALTER TABLE kpi_observations ADD COLUMN source_hash VARCHAR;
    ALTER TABLE kpi_observations ADD COLUMN sheet VARCHAR;
    ALTER TABLE kpi_observations ADD COLUMN cell VARCHAR;
    ALTER TABLE kpi_observations ADD COLUMN imported_at TIMESTAMP;
    CREATE SEQUENCE import_ids START 1;
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY DEFAULT nextval('import_ids'),
        file_name VARCHAR NOT NULL,
        source_hash VARCHAR NOT NULL,
        sheet VARCHAR,
        imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        added INTEGER NOT NULL,
        replaced INTEGER NOT NULL,
        unchanged INTEGER NOT NULL
    );
    """,
    """
    CREATE TABLE kpis (
        name VARCHAR PRIMARY KEY,
        unit VARCHAR NOT NULL DEFAULT '',
        direction VARCHAR NOT NULL DEFAULT 'lower' CHECK (direction IN ('lower', 'higher')),
        category VARCHAR NOT NULL DEFAULT 'other',
        baseline DOUBLE,
        target DOUBLE,
        target_date DATE,
        owner VARCHAR NOT NULL DEFAULT ''
    );
    """,
    """
    CREATE TABLE roles (role VARCHAR PRIMARY KEY, person VARCHAR NOT NULL DEFAULT '',
                        backup VARCHAR NOT NULL DEFAULT '');
    CREATE TABLE milestones (position INTEGER PRIMARY KEY, day INTEGER NOT NULL, title VARCHAR NOT NULL,
                             due DATE, done BOOLEAN NOT NULL DEFAULT false, note VARCHAR NOT NULL DEFAULT '');
    CREATE TABLE processes (position INTEGER PRIMARY KEY, name VARCHAR NOT NULL, old_procedure VARCHAR,
                            new_procedure VARCHAR, exceptions VARCHAR, exception_owner VARCHAR,
                            paper_steps VARCHAR, double_entry VARCHAR, double_entries_per_month DOUBLE,
                            resolved BOOLEAN NOT NULL DEFAULT false);
    CREATE SEQUENCE review_ids START 1;
    CREATE TABLE reviews (id INTEGER PRIMARY KEY DEFAULT nextval('review_ids'), month DATE NOT NULL,
                          improved VARCHAR, to_change VARCHAR, decision VARCHAR,
                          created_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
    CREATE SEQUENCE action_ids START 1;
    CREATE TABLE actions (id INTEGER PRIMARY KEY DEFAULT nextval('action_ids'), review_id INTEGER,
                          text VARCHAR NOT NULL, owner VARCHAR NOT NULL DEFAULT '', due DATE,
                          status VARCHAR NOT NULL DEFAULT 'open');
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
COMPANY_KEYS = "company." + "%"  # a LIKE pattern, bound as a parameter
SETTING_PREFIXES = ("tool.", "money.", "subsidy.", "demo.")  # the settings a snapshot carries: never schema_version
WORKSPACE_TABLES = ("answers", "targets", "assessments", "kpi_observations", "imports", "kpis", "roles", "milestones",
                    "processes", "actions", "reviews")
CLEAR_WORKSPACE = ("DELETE FROM answers", "DELETE FROM targets", "DELETE FROM assessments",
                   "DELETE FROM kpi_observations", "DELETE FROM imports", "DELETE FROM kpis", "DELETE FROM roles",
                   "DELETE FROM milestones", "DELETE FROM processes", "DELETE FROM actions", "DELETE FROM reviews")
PROCESS_COLUMNS = ("name", "old_procedure", "new_procedure", "exceptions", "exception_owner", "paper_steps",
                   "double_entry", "double_entries_per_month", "resolved")


class ReadOnlyWorkspace(Exception):
    """Raised when something tries to change a read-only workspace (the demo)."""


class NewerSchema(Exception):
    """The database was written by a newer Teichaku than this one."""


@dataclass(frozen=True)
class Observation:
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


def connect(path: Path | None) -> duckdb.DuckDBPyConnection:
    """A locked-down connection to a file, or to a fresh in-memory database when path is None."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path) if path else ":memory:", config=HARDENED_CONFIG)
    con.execute("SET lock_configuration = true")
    return con


_file_connections: dict[Path, duckdb.DuckDBPyConnection] = {}
_file_lock = threading.Lock()


def shared_file_connection(path: Path) -> duckdb.DuckDBPyConnection:
    """One connection per database file per process (DuckDB allows one writer process).

    Only local mode uses this: one owner, whose browser tabs all see the same workspace.
    """
    key = path.expanduser().resolve()
    with _file_lock:
        if key not in _file_connections:
            con = connect(key)
            migrate(con)  # once, here: sessions opening at the same moment must not race on it
            _file_connections[key] = con
        return _file_connections[key]


def schema_version(cur: duckdb.DuckDBPyConnection) -> int:
    exists = cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()[0]
    if not exists:
        return 0
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a database to SCHEMA_VERSION, each step all or nothing; refuse newer databases."""
    cur = con.cursor()
    version = schema_version(cur)
    if version > SCHEMA_VERSION:
        raise NewerSchema(version)
    for step in range(version, SCHEMA_VERSION):
        cur.execute("BEGIN")
        try:
            cur.execute(MIGRATIONS[step])
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(step + 1)])
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise


Clock = Callable[[], datetime]


class Store:
    def __init__(self, con: duckdb.DuckDBPyConnection, clock: Clock):
        """`clock` says when a write happens: the store never reads the time itself (the schema's
        defaults are never relied on), so a pinned clock pins every recorded moment."""
        self._con = con
        self._clock = clock
        self.read_only = False
        migrate(con)

    # -- plumbing -------------------------------------------------------------

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # A connection refuses concurrent calls; every Streamlit session thread gets its own cursor.
        return self._con.cursor()

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyWorkspace()

    def schema_version(self) -> int:
        return schema_version(self._cursor())

    # -- settings -------------------------------------------------------------

    def get_setting(self, key: str, default: str = "") -> str:
        row = self._cursor().execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self._writable()
        self._cursor().execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # -- assessments ----------------------------------------------------------

    def create_assessment(self, label: str, taken_on: date, definition_version: str) -> int:
        self._writable()
        row = self._cursor().execute(
            "INSERT INTO assessments (label, taken_on, definition_version, created_at) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            [label, taken_on, definition_version, self._clock()],
        ).fetchone()
        return int(row[0])

    def rename_assessment(self, assessment_id: int, label: str, taken_on: date) -> None:
        self._writable()
        self._cursor().execute("UPDATE assessments SET label = ?, taken_on = ? WHERE id = ?",
                               [label, taken_on, assessment_id])

    def delete_assessment(self, assessment_id: int) -> None:
        self._writable()
        cur = self._cursor()
        cur.execute("BEGIN")
        try:
            for sql in (
                "DELETE FROM answers WHERE assessment_id = ?",
                "DELETE FROM targets WHERE assessment_id = ?",
                "DELETE FROM assessments WHERE id = ?",
            ):
                cur.execute(sql, [assessment_id])
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise

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

    # -- answers and targets --------------------------------------------------

    def save_answer(self, assessment_id: int, answer: Answer) -> None:
        self._writable()
        self._cursor().execute(
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
        self._writable()
        self._cursor().execute(
            """
            INSERT INTO answers (assessment_id, question_id, level, is_unknown, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (assessment_id, question_id) DO UPDATE SET
                level = excluded.level, is_unknown = excluded.is_unknown, updated_at = excluded.updated_at
            """,
            [assessment_id, question_id, level, unknown, self._clock()],
        )

    def save_note(self, assessment_id: int, question_id: str, note: str) -> None:
        """Changes the note only: the level chosen in another tab stays."""
        self._writable()
        self._cursor().execute(
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
        self._writable()
        if level is None:
            self._cursor().execute("DELETE FROM targets WHERE assessment_id = ? AND dimension_id = ?",
                                   [assessment_id, dimension_id])
            return
        self._cursor().execute(
            "INSERT OR REPLACE INTO targets VALUES (?, ?, ?)", [assessment_id, dimension_id, int(level)]
        )

    def targets(self, assessment_id: int) -> dict[str, int]:
        rows = self._cursor().execute(
            "SELECT dimension_id, level FROM targets WHERE assessment_id = ?", [assessment_id]
        ).fetchall()
        return dict(rows)

    # -- KPI observations -----------------------------------------------------

    def kpi_count(self) -> int:
        return self._cursor().execute("SELECT count(*) FROM kpi_observations").fetchone()[0]

    def commit_observations(self, observations: list[Observation], *, file_name: str, source_hash: str,
                            sheet: str | None, source: str = "excel") -> CommitResult:
        """Store imported values in one transaction. The same value again changes nothing;
        a different value for a stored month replaces it and is reported."""
        self._writable()
        cur, moment = self._cursor(), self._clock()
        cur.execute("BEGIN")
        try:
            existing = {(k, p): (v, t) for k, p, v, t in cur.execute(
                "SELECT kpi, period, value, target FROM kpi_observations").fetchall()}
            added, replaced, unchanged, targets_updated, writes = 0, [], 0, 0, []
            latest = {(o.kpi, o.period): o for o in observations}  # a repeated key: the last one counts
            for o in latest.values():
                before = existing.get((o.kpi, o.period))
                if before is not None and _same(before[0], o.value) and (o.target is None or _same(before[1], o.target)):
                    unchanged += 1
                    continue
                if before is None:
                    added += 1
                elif not _same(before[0], o.value):
                    replaced.append(Correction(o.kpi, o.period, before[0], o.value))
                else:
                    targets_updated += 1
                target = o.target if o.target is not None else (before[1] if before else None)
                writes.append([o.kpi, None, o.category, o.unit or "", o.period, o.value, target, source,
                               source_hash, sheet, o.cell])
            if writes:
                # one bulk statement: executemany costs milliseconds per row
                cur.register("incoming_observations", pa.table(dict(zip(_WRITE_COLUMNS, zip(*writes))),
                                                              schema=_WRITE_SCHEMA))
                cur.execute(
                    "INSERT OR REPLACE INTO kpi_observations (kpi, kpi_en, category, unit, period, value, target,"
                    " source, source_hash, sheet, cell, imported_at)"
                    " SELECT *, ? FROM incoming_observations", [moment])
                cur.unregister("incoming_observations")
            cur.execute("INSERT INTO imports (file_name, source_hash, sheet, imported_at, added, replaced, unchanged)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [file_name, source_hash, sheet, moment, added, len(replaced), unchanged])
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
        return CommitResult(added, replaced, unchanged, targets_updated)

    def kpi_observations(self) -> list[dict]:
        cur = self._cursor().execute(
            "SELECT kpi, kpi_en, category, unit, period, value, target, source, sheet, cell "
            "FROM kpi_observations ORDER BY kpi, period"
        )
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    # -- KPI definitions ------------------------------------------------------

    def kpi_specs(self) -> list[KpiSpec]:
        """Every KPI that has a definition or a value. A KPI only imported gets defaults from its data:
        unit and category as imported, target from the newest imported target."""
        rows = self._cursor().execute(
            """
            WITH observed AS (
                SELECT kpi AS name, arg_max(unit, period) AS unit, arg_max(category, period) AS category,
                       arg_max(target, period) FILTER (WHERE target IS NOT NULL) AS target
                FROM kpi_observations GROUP BY kpi
            )
            SELECT coalesce(k.name, o.name), coalesce(nullif(k.unit, ''), o.unit, ''), coalesce(k.direction, 'lower'),
                   coalesce(k.category, o.category, 'other'), k.baseline, coalesce(k.target, o.target),
                   k.target_date, coalesce(k.owner, '')
            FROM kpis k FULL OUTER JOIN observed o ON k.name = o.name
            ORDER BY 1
            """
        ).fetchall()
        return [KpiSpec(*r) for r in rows]

    def save_kpi_specs(self, specs: list[KpiSpec], *, replace_all: bool = False) -> None:
        """Upsert definitions; with replace_all (the whole table was edited) rows left out are removed."""
        self._writable()
        cur = self._cursor()
        cur.execute("BEGIN")
        try:
            if replace_all:
                cur.execute("DELETE FROM kpis")
            for k in specs:
                cur.execute("INSERT OR REPLACE INTO kpis VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [k.name, k.unit or "", k.direction, k.category, k.baseline, k.target, k.target_date,
                             k.owner or ""])
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise

    def kpi_series(self) -> dict[str, dict[date, float]]:
        """Every KPI's monthly values."""
        out: dict[str, dict[date, float]] = {}
        for name, period, value in self._cursor().execute(
                "SELECT kpi, period, value FROM kpi_observations WHERE value IS NOT NULL ORDER BY kpi, period"
        ).fetchall():
            out.setdefault(name, {})[period] = value
        return out

    # -- the first 90 days, the business inventory, monthly reviews -------------

    def _replace_all(self, table_sql: str, insert_sql: str, rows: list[list]) -> None:
        """Replace a small table's rows in one transaction (the editors save whole tables)."""
        self._writable()
        cur = self._cursor()
        cur.execute("BEGIN")
        try:
            cur.execute(table_sql)
            for row in rows:
                cur.execute(insert_sql, row)
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise

    def roles(self) -> list[Role]:
        return [Role(*r) for r in self._cursor().execute("SELECT role, person, backup FROM roles").fetchall()]

    def save_roles(self, roles: list[Role]) -> None:
        self._replace_all("DELETE FROM roles", "INSERT INTO roles VALUES (?, ?, ?)",
                          [[r.role, r.person.strip(), r.backup.strip()] for r in roles])

    def milestones(self) -> list[Milestone]:
        rows = self._cursor().execute(
            "SELECT day, title, due, done, note FROM milestones ORDER BY position").fetchall()
        return [Milestone(*r) for r in rows]

    def save_milestones(self, milestones: list[Milestone]) -> None:
        self._replace_all("DELETE FROM milestones", "INSERT INTO milestones VALUES (?, ?, ?, ?, ?, ?)",
                          [[i, m.day, m.title, m.due, m.done, m.note] for i, m in enumerate(milestones)])

    def processes(self) -> list[dict]:
        cur = self._cursor().execute("SELECT * EXCLUDE (position) FROM processes ORDER BY position")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def save_processes(self, processes: list[dict]) -> None:
        self._replace_all("DELETE FROM processes", "INSERT INTO processes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [[i, *(p.get(c) for c in PROCESS_COLUMNS)] for i, p in enumerate(processes)])

    def add_review(self, month: date, improved: str, to_change: str, decision: str,
                   actions: list[tuple[str, str, date | None]]) -> int:
        self._writable()
        cur = self._cursor()
        cur.execute("BEGIN")
        try:
            review_id = cur.execute("INSERT INTO reviews (month, improved, to_change, decision, created_at)"
                                    " VALUES (?, ?, ?, ?, ?) RETURNING id",
                                    [month, improved, to_change, decision, self._clock()]).fetchone()[0]
            for text, owner, due in actions:
                cur.execute("INSERT INTO actions (review_id, text, owner, due) VALUES (?, ?, ?, ?)",
                            [review_id, text, owner, due])
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
        return review_id

    def reviews(self) -> list[dict]:
        cur = self._cursor().execute("SELECT * FROM reviews ORDER BY month DESC, id DESC")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def actions(self) -> list[dict]:
        cur = self._cursor().execute(
            "SELECT a.id, a.text, a.owner, a.due, a.status, r.month AS review_month FROM actions a"
            " LEFT JOIN reviews r ON r.id = a.review_id ORDER BY a.status = 'done', a.due NULLS LAST, a.id")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def set_action_status(self, action_id: int, status: str) -> None:
        self._writable()
        self._cursor().execute("UPDATE actions SET status = ? WHERE id = ?", [status, action_id])

    # -- whole-workspace snapshots --------------------------------------------

    def load_snapshot(self, snapshot: dict, *, with_company: bool = True) -> None:
        """Add a workspace snapshot (the demo company) to what is here, in one transaction."""
        moment = self._clock()
        self._in_transaction(lambda cur: _load(cur, snapshot, with_company, moment))

    def restore(self, snapshot: dict) -> None:
        """Replace the whole workspace with a saved one, in one transaction: all of it or nothing."""
        def replace(cur: duckdb.DuckDBPyConnection) -> None:
            for statement in CLEAR_WORKSPACE:
                cur.execute(statement)
            cur.execute("DELETE FROM meta WHERE key <> 'schema_version'")
            _load(cur, snapshot, with_company=True, moment=moment)
        moment = self._clock()
        self._in_transaction(replace)

    def _in_transaction(self, work: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
        self._writable()
        cur = self._cursor()
        cur.execute("BEGIN")
        try:
            work(cur)
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise

    def snapshot(self) -> dict:
        cur = self._cursor()
        company = {
            k.removeprefix("company."): v
            for k, v in cur.execute("SELECT key, value FROM meta WHERE key LIKE ?", [COMPANY_KEYS]).fetchall()
        }
        assessments = []
        created = dict(cur.execute("SELECT id, created_at FROM assessments").fetchall())
        for a in self.assessments():
            answers = self.answers(a.id)
            assessments.append({
                "label": a.label,
                "taken_on": a.taken_on.isoformat(),
                "created_at": _iso(created.get(a.id)),
                "definition_version": a.definition_version,
                "answers": [
                    {"question_id": x.question_id, "level": x.level, "unknown": x.unknown, "note": x.note}
                    for x in sorted(answers.values(), key=lambda x: x.question_id)
                ],
                "targets": self.targets(a.id),
            })
        kpis = [{**k, "period": k["period"].strftime("%Y-%m"), "imported_at": _iso(k["imported_at"])}
                for k in self._observations_with_provenance(cur)]
        settings = {k: v for k, v in cur.execute("SELECT key, value FROM meta ORDER BY key").fetchall()
                    if k.startswith(SETTING_PREFIXES)}
        specs = [{"name": n, "unit": u, "direction": d, "category": c, "baseline": b, "target": t,
                  "target_date": td.isoformat() if td else None, "owner": o}
                 for n, u, d, c, b, t, td, o in cur.execute("SELECT * FROM kpis ORDER BY name").fetchall()]
        return {"format": "teichaku-workspace", "schema_version": SCHEMA_VERSION, "company": company,
                "settings": settings, "assessments": assessments, "kpis": specs, "kpi_observations": kpis,
                "roles": [{"role": r.role, "person": r.person, "backup": r.backup} for r in self.roles()],
                "milestones": [{"day": m.day, "title": m.title, "due": _iso(m.due), "done": m.done, "note": m.note}
                               for m in self.milestones()],
                "processes": self.processes(), "reviews": self._reviews_with_actions(cur)}

    @staticmethod
    def _reviews_with_actions(cur: duckdb.DuckDBPyConnection) -> list[dict]:
        actions: dict[int | None, list[dict]] = {}
        for review_id, text, owner, due, status in cur.execute(
                "SELECT review_id, text, owner, due, status FROM actions ORDER BY id").fetchall():
            actions.setdefault(review_id, []).append({"text": text, "owner": owner, "due": _iso(due),
                                                      "status": status})
        return [{"month": month.isoformat(), "improved": improved, "to_change": to_change, "decision": decision,
                 "created_at": _iso(created_at), "actions": actions.get(review_id, [])}
                for review_id, month, improved, to_change, decision, created_at in cur.execute(
                    "SELECT id, month, improved, to_change, decision, created_at FROM reviews ORDER BY id").fetchall()]

    @staticmethod
    def _observations_with_provenance(cur: duckdb.DuckDBPyConnection) -> list[dict]:
        cur = cur.execute("SELECT kpi, kpi_en, category, unit, period, value, target, source, source_hash, sheet,"
                          " cell, imported_at FROM kpi_observations ORDER BY kpi, period")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def _load(cur: duckdb.DuckDBPyConnection, snapshot: dict, with_company: bool, moment: datetime) -> None:
    """Add every part of a snapshot; lists of rows keep their order after what is already there.
    A row that does not say when it was made is dated `moment`."""
    for key, value in (snapshot.get("company", {}) if with_company else {}).items():
        cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [f"company.{key}", str(value)])
    for key, value in snapshot.get("settings", {}).items():
        if key.startswith(SETTING_PREFIXES):
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, str(value)])
    for a in snapshot.get("assessments", []):
        _load_assessment(cur, a, moment)
    for r in snapshot.get("roles", []):
        cur.execute("INSERT OR REPLACE INTO roles VALUES (?, ?, ?)",
                    [r["role"], r.get("person") or "", r.get("backup") or ""])
    for k in snapshot.get("kpis", []):  # `or`: a key given as null gets the column's default too
        cur.execute("INSERT OR REPLACE INTO kpis VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [k["name"], k.get("unit") or "", k.get("direction") or "lower", k.get("category") or "other",
                     k.get("baseline"), k.get("target"), _date(k.get("target_date")), k.get("owner") or ""])
    _load_observations(cur, snapshot.get("kpi_observations", []))
    first = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM milestones").fetchone()[0]
    for i, m in enumerate(snapshot.get("milestones", []), start=first):
        cur.execute("INSERT INTO milestones VALUES (?, ?, ?, ?, ?, ?)",
                    [i, m["day"], m["title"], _date(m.get("due")), bool(m.get("done")), m.get("note") or ""])
    first = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM processes").fetchone()[0]
    for i, p in enumerate(snapshot.get("processes", []), start=first):
        cur.execute("INSERT INTO processes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [i, *(p.get(c) for c in PROCESS_COLUMNS[:-1]), bool(p.get("resolved"))])
    for r in snapshot.get("reviews", []):
        review_id = cur.execute(
            "INSERT INTO reviews (month, improved, to_change, decision, created_at)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            [_date(r["month"]), r.get("improved"), r.get("to_change"), r.get("decision"),
             _timestamp(r.get("created_at")) or moment]).fetchone()[0]
        for x in r.get("actions", []):
            cur.execute("INSERT INTO actions (review_id, text, owner, due, status) VALUES (?, ?, ?, ?, ?)",
                        [review_id, x["text"], x.get("owner") or "", _date(x.get("due")), x.get("status") or "open"])


def _load_assessment(cur: duckdb.DuckDBPyConnection, a: dict, moment: datetime) -> None:
    new_id = cur.execute(
        "INSERT INTO assessments (label, taken_on, definition_version, created_at)"
        " VALUES (?, ?, ?, ?) RETURNING id",
        [a["label"], date.fromisoformat(a["taken_on"]), a["definition_version"],
         _timestamp(a.get("created_at")) or moment],
    ).fetchone()[0]
    for x in a.get("answers", []):
        cur.execute(
            "INSERT INTO answers (assessment_id, question_id, level, is_unknown, note, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [new_id, x["question_id"], x.get("level"), bool(x.get("unknown")), x.get("note") or "", moment],
        )
    for dimension_id, level in a.get("targets", {}).items():
        cur.execute("INSERT INTO targets VALUES (?, ?, ?)", [new_id, dimension_id, int(level)])


def _load_observations(cur: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    latest = {(k["kpi"], k["period"]): k for k in rows}  # a repeated month: the last one counts
    if not latest:
        return
    writes = [[k["kpi"], k.get("kpi_en"), k["category"], k["unit"], _month(k["period"]), k.get("value"),
               k.get("target"), k.get("source") or "snapshot", k.get("source_hash"), k.get("sheet"), k.get("cell"),
               _timestamp(k.get("imported_at"))] for k in latest.values()]
    # one bulk statement: executemany costs milliseconds per row
    cur.register("incoming_snapshot", pa.table(dict(zip((*_WRITE_COLUMNS, "imported_at"), zip(*writes))),
                                               schema=_WRITE_SCHEMA.append(pa.field("imported_at", pa.timestamp("us")))))
    cur.execute("INSERT OR REPLACE INTO kpi_observations (kpi, kpi_en, category, unit, period, value, target, source,"
                " source_hash, sheet, cell, imported_at) SELECT * FROM incoming_snapshot")
    cur.unregister("incoming_snapshot")


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _timestamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iso(moment: date | datetime | None) -> str | None:
    return moment.isoformat() if moment else None


_WRITE_COLUMNS = ("kpi", "kpi_en", "category", "unit", "period", "value", "target", "source", "source_hash",
                  "sheet", "cell")
_WRITE_SCHEMA = pa.schema([("kpi", pa.string()), ("kpi_en", pa.string()), ("category", pa.string()),
                           ("unit", pa.string()), ("period", pa.date32()), ("value", pa.float64()),
                           ("target", pa.float64()), ("source", pa.string()), ("source_hash", pa.string()),
                           ("sheet", pa.string()), ("cell", pa.string())])


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _month(period: str) -> date:
    year, month = period.split("-")[:2]
    return date(int(year), int(month), 1)

