"""The shipped demo company: a read-only workspace built from data/demo/workspace.json."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from core.settings import Setting
from core.store import Store, connect

DEMO_PATH = Path(__file__).resolve().parent.parent / "data" / "demo" / "workspace.json"


@lru_cache(maxsize=1)
def demo_snapshot_text() -> str:
    """The file's text; shipped content, the same for every visitor."""
    return DEMO_PATH.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def demo_as_of() -> date:
    """The day the demo company is shown as of. Its data ends in a fixed month, so every date-dependent
    reading of it (stale data, the month to review, a new assessment's date) uses this day, not today's:
    the demo reads the same whenever it is opened."""
    return date.fromisoformat(json.loads(demo_snapshot_text())["as_of"])


def demo_clock() -> datetime:
    return datetime.combine(demo_as_of(), time(9, 0))


def demo_snapshot(lang: str = "ja") -> dict:
    """A fresh copy each time (callers may change it), with names in the chosen language."""
    snapshot = json.loads(demo_snapshot_text())
    if lang == "en":
        for a in snapshot["assessments"]:
            a["label"] = a.get("label_en") or a["label"]
            for answer in a["answers"]:
                answer["note"] = answer.get("note_en") or answer["note"]
        for k in snapshot.get("kpi_observations", []):
            k["kpi"] = k.get("kpi_en") or k["kpi"]
        for k in snapshot.get("kpis", []):
            k["name"], k["owner"] = k.get("name_en") or k["name"], k.get("owner_en") or k["owner"]
        for r in snapshot.get("roles", []):
            r["person"], r["backup"] = r.get("person_en", r["person"]), r.get("backup_en", r["backup"])
        settings = snapshot.get("settings", {})
        settings[Setting.TOOL_NAME] = settings.get(Setting.TOOL_NAME_EN) or settings.get(Setting.TOOL_NAME, "")
    return snapshot


def open_demo_store(lang: str = "ja") -> Store:
    """An in-memory copy of the demo, then locked read-only."""
    store = Store(connect(None), demo_clock)
    store.load_snapshot(demo_snapshot(lang))
    store.read_only = True
    return store


@lru_cache(maxsize=len(("ja", "en")))
def shared_demo_store(lang: str) -> Store:
    """One read-only demo per language for the whole server: it is the same for every visitor and
    nobody can write to it (the store refuses), so sharing it leaks nothing and saves each new
    visitor building it again. Every call goes through its own cursor."""
    return open_demo_store(lang)


DEMO_MARK = {"ja": "【デモ】", "en": "[Demo] "}


def copy_demo_into(store: Store, lang: str = "ja") -> bool:
    """The demo's assessments and KPIs, marked as the demo's, once per workspace. Nothing of the user's
    is overwritten: no company name, KPIs of the same name keep theirs, settings and roles only fill gaps."""
    if store.get_setting(Setting.DEMO_COPIED):
        return False
    snapshot = demo_snapshot(lang)
    for a in snapshot["assessments"]:
        a["label"] = DEMO_MARK.get(lang, DEMO_MARK["ja"]) + a["label"]
    own_kpis = {s.name for s in store.kpi_specs()}
    own_roles = {r.role for r in store.roles() if r.person or r.backup}
    store.load_snapshot({
        "assessments": snapshot["assessments"],
        "kpis": [k for k in snapshot.get("kpis", []) if k["name"] not in own_kpis],
        "kpi_observations": [o for o in snapshot.get("kpi_observations", []) if o["kpi"] not in own_kpis],
        "settings": {k: v for k, v in snapshot.get("settings", {}).items() if not store.get_setting(k)},
        "roles": [r for r in snapshot.get("roles", []) if r["role"] not in own_roles],
    }, with_company=False)
    store.set_setting(Setting.DEMO_COPIED, "yes")
    return True
