"""The shipped demo company: a read-only workspace built from data/demo/workspace.json."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from core.store import Store, connect

DEMO_PATH = Path(__file__).resolve().parent.parent / "data" / "demo" / "workspace.json"


@lru_cache(maxsize=1)
def demo_snapshot_text() -> str:
    """The file's text; shipped content, the same for every visitor."""
    return DEMO_PATH.read_text(encoding="utf-8")


def demo_snapshot() -> dict:
    return json.loads(demo_snapshot_text())  # a fresh copy each time: callers may not share it


def open_demo_store() -> Store:
    """A private in-memory copy of the demo, then locked read-only."""
    store = Store(connect(None))
    store.load_snapshot(demo_snapshot())
    store.read_only = True
    return store


def copy_demo_into(store: Store) -> None:
    store.load_snapshot(demo_snapshot())
