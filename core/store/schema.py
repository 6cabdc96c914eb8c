"""The workspace schema: a version number and the migrations that reach it."""

from __future__ import annotations

import duckdb

from core.store.transaction import transaction

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
    # 6: several respondents per assessment. Each assessment so far had one, its owner, who keeps its answers.
    """
    CREATE SEQUENCE respondent_ids START 1;
    CREATE TABLE respondents (
        id INTEGER PRIMARY KEY DEFAULT nextval('respondent_ids'),
        assessment_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('owner', 'manager', 'floor', 'it', 'adviser')),
        label VARCHAR NOT NULL DEFAULT ''
    );
    INSERT INTO respondents (assessment_id, position, role) SELECT id, 0, 'owner' FROM assessments ORDER BY id;
    CREATE TABLE answers_by_respondent (
        respondent_id INTEGER NOT NULL,
        assessment_id INTEGER NOT NULL,
        question_id VARCHAR NOT NULL,
        level INTEGER CHECK (level BETWEEN 0 AND 4),
        is_unknown BOOLEAN NOT NULL DEFAULT false,
        note VARCHAR NOT NULL DEFAULT '',
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (respondent_id, question_id)
    );
    INSERT INTO answers_by_respondent (respondent_id, assessment_id, question_id, level, is_unknown, note, updated_at)
        SELECT r.id, a.assessment_id, a.question_id, a.level, a.is_unknown, a.note, a.updated_at
        FROM answers a JOIN respondents r ON r.assessment_id = a.assessment_id;
    DROP TABLE answers;
    ALTER TABLE answers_by_respondent RENAME TO answers;
    """,
    # 7: a respondent read from a paper or Excel form remembers the form, so it is never imported twice.
    """
    ALTER TABLE respondents ADD COLUMN form_id VARCHAR;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer Teichaku than this one."""


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
        with transaction(cur):
            cur.execute(MIGRATIONS[step])
            cur.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", [str(step + 1)])
