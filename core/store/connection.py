"""Opening a workspace database, locked down: no file access beyond itself, no extensions."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from core.store.schema import migrate

HARDENED_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "python_enable_replacements": False,
    "memory_limit": "512MB",
    "threads": 2,
}


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

