"""Where a workspace lives: a file for one owner on localhost, or memory per browser session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ENV_VAR = "TEICHAKU_STORAGE"
SESSION = "session"
LOOPBACK_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
DEFAULT_FILE = Path(".teichaku") / "workspace.duckdb"


@dataclass(frozen=True)
class StorageChoice:
    mode: Literal["local", "session"]
    path: Path | None
    reason: str  # i18n key saying why this mode was chosen
    shared: bool = False  # a file that every visitor of a non-loopback server writes to


def choose_storage(env_value: str | None, server_address: str | None, home: Path) -> StorageChoice:
    """Safe by default: a file only when the server listens on loopback alone.

    An unset or empty server.address means every interface (a room, or a cloud host),
    where strangers share one process, so it gets per-session memory.
    """
    value = (env_value or "").strip()
    loopback = (server_address or "").strip().lower() in LOOPBACK_ADDRESSES
    if value.lower() == SESSION:
        return StorageChoice(SESSION, None, "storage.reason_env_session")
    if value:
        return StorageChoice("local", Path(value).expanduser(), "storage.reason_env_path", shared=not loopback)
    if loopback:
        return StorageChoice("local", home / DEFAULT_FILE, "storage.reason_loopback")
    return StorageChoice(SESSION, None, "storage.reason_shared")
