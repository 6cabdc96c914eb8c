"""The whole workspace as one JSON file: saved by download, restored by upload.

A file from outside is untrusted: it is checked part by part before anything is written, and a
problem is reported with the place it sits in the file (e.g. assessments[2].taken_on).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date, datetime

from core.store import SCHEMA_VERSION, Store

FORMAT = "teichaku-workspace"
Check = Callable[[object], bool]


class WorkspaceFileProblem(Exception):
    """What is wrong with an uploaded file: a message id and its values."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


def _text(v: object) -> bool:
    return isinstance(v, str)


def _integer(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and abs(v) < 2**31  # fits the database's INTEGER


def _number(v: object) -> bool:
    return _integer(v) or (isinstance(v, float) and math.isfinite(v))


def _flag(v: object) -> bool:
    return isinstance(v, bool)


def _level(v: object) -> bool:
    return _integer(v) and 0 <= v <= 4


def _day(v: object) -> bool:
    try:
        date.fromisoformat(v)
    except (TypeError, ValueError):
        return False
    return True


def _month(v: object) -> bool:
    return isinstance(v, str) and len(v) >= 7 and _day(v[:7] + "-01")


def _one_of(*allowed: str) -> Check:
    return lambda v: v in allowed


def optional(check: Check) -> Check:
    checked = lambda v: v is None or check(v)  # noqa: E731
    checked.optional = True
    return checked


TEXT, OPTIONAL_TEXT, OPTIONAL_NUMBER, OPTIONAL_DAY = _text, optional(_text), optional(_number), optional(_day)
# What each part of the file must hold. A list of one dict: rows of that shape. "*": any key.
SHAPE = {
    "company": {"*": TEXT},
    "settings": {"*": TEXT},
    "assessments": [{"label": TEXT, "taken_on": _day, "definition_version": TEXT,
                     "answers": [{"question_id": TEXT, "level": optional(_level), "unknown": optional(_flag),
                                  "note": OPTIONAL_TEXT}],
                     "targets": {"*": _level}}],
    "kpis": [{"name": TEXT, "unit": OPTIONAL_TEXT, "direction": optional(_one_of("lower", "higher")),
              "category": OPTIONAL_TEXT, "baseline": OPTIONAL_NUMBER, "target": OPTIONAL_NUMBER,
              "target_date": OPTIONAL_DAY, "owner": OPTIONAL_TEXT}],
    "kpi_observations": [{"kpi": TEXT, "kpi_en": OPTIONAL_TEXT, "category": TEXT, "unit": TEXT, "period": _month,
                          "value": OPTIONAL_NUMBER, "target": OPTIONAL_NUMBER, "source": OPTIONAL_TEXT,
                          "sheet": OPTIONAL_TEXT, "cell": OPTIONAL_TEXT}],
    "roles": [{"role": TEXT, "person": OPTIONAL_TEXT, "backup": OPTIONAL_TEXT}],
    "milestones": [{"day": _integer, "title": TEXT, "due": OPTIONAL_DAY, "done": optional(_flag),
                    "note": OPTIONAL_TEXT}],
    "processes": [{"name": TEXT, **dict.fromkeys(("old_procedure", "new_procedure", "exceptions", "exception_owner",
                                                  "paper_steps", "double_entry"), OPTIONAL_TEXT),
                   "double_entries_per_month": OPTIONAL_NUMBER, "resolved": optional(_flag)}],
    "reviews": [{"month": _day, "improved": OPTIONAL_TEXT, "to_change": OPTIONAL_TEXT, "decision": OPTIONAL_TEXT,
                 "actions": [{"text": TEXT, "owner": OPTIONAL_TEXT, "due": OPTIONAL_DAY,
                              "status": optional(_one_of("open", "done"))}]}],
}


def workspace_bytes(store: Store, saved_at: datetime) -> bytes:
    return json.dumps({**store.snapshot(), "saved_at": saved_at.isoformat(timespec="seconds")},
                      ensure_ascii=False, indent=1).encode("utf-8")


def read_workspace(data: bytes) -> dict:
    """The file's snapshot, checked; raises WorkspaceFileProblem naming what is wrong and where."""
    try:
        snapshot = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise WorkspaceFileProblem("restore.not_text") from error
    except json.JSONDecodeError as error:
        raise WorkspaceFileProblem("restore.not_json", line=error.lineno) from error
    except RecursionError as error:
        raise WorkspaceFileProblem("restore.not_workspace") from error
    if not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT:
        raise WorkspaceFileProblem("restore.not_workspace")
    version = snapshot.get("schema_version")
    if _integer(version) and version > SCHEMA_VERSION:
        raise WorkspaceFileProblem("restore.newer")
    _check(snapshot, SHAPE, "", top=True)
    return snapshot


def _check(value: object, shape: object, place: str, top: bool = False) -> None:
    if isinstance(shape, list):
        if not isinstance(value, list):
            raise WorkspaceFileProblem("restore.bad_value", place=place)
        for i, row in enumerate(value, start=1):
            _check(row, shape[0], f"{place}[{i}]")
    elif isinstance(shape, dict):
        if not isinstance(value, dict):
            raise WorkspaceFileProblem("restore.bad_value", place=place)
        for key, inner in shape.items():
            keys = [k for k in value if k != "*"] if key == "*" else [key]
            for k in keys:
                here = f"{place}.{k}" if place else k
                if k not in value:  # whole parts and lists may be left out; single values only if optional
                    if not (top or isinstance(inner, (list, dict)) or getattr(inner, "optional", False)):
                        raise WorkspaceFileProblem("restore.missing", place=here)
                    continue
                _check(value[k], inner, here)
    elif not shape(value):
        raise WorkspaceFileProblem("restore.bad_value", place=place)


def contents(snapshot: dict) -> dict[str, int]:
    """How many of each thing the file holds, for the preview before restoring."""
    return {part: len(snapshot.get(part, [])) for part in
            ("assessments", "kpis", "kpi_observations", "milestones", "processes", "reviews")}
