"""What every part of the store shares: the connection, the clock, the read-only lock, settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import duckdb

from core.settings import Setting
from core.store.schema import migrate, schema_version
from core.store.transaction import transaction

Clock = Callable[[], datetime]


class ReadOnlyWorkspace(Exception):
    """Raised when something tries to change a read-only workspace (the demo)."""


def as_dicts(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """The rows of the statement just run, by column name."""
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


class StoreBase:
    def __init__(self, con: duckdb.DuckDBPyConnection, clock: Clock):
        """`clock` says when a write happens: the store never reads the time itself (the schema's
        defaults are never relied on), so a pinned clock pins every recorded moment."""
        self._con = con
        self._clock = clock
        self.read_only = False
        migrate(con)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # A connection refuses concurrent calls; every Streamlit session thread gets its own cursor.
        return self._con.cursor()

    def _writable(self) -> duckdb.DuckDBPyConnection:
        """A cursor to write with, unless the workspace is read-only."""
        if self.read_only:
            raise ReadOnlyWorkspace()
        return self._cursor()

    def schema_version(self) -> int:
        return schema_version(self._cursor())

    def get_setting(self, key: Setting, default: str = "") -> str:
        row = self._cursor().execute("SELECT value FROM meta WHERE key = ?", [str(Setting(key))]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: Setting, value: str) -> None:
        """Only a known setting: a typo in a key fails here, not silently on another screen."""
        self._writable().execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                 [str(Setting(key)), value])

    def _replace_all(self, delete_sql: str, insert_sql: str, rows: list[list]) -> None:
        """Replace a small table's rows in one transaction (the editors save whole tables)."""
        with transaction(self._writable()) as cur:
            cur.execute(delete_sql)
            for row in rows:
                cur.execute(insert_sql, row)
