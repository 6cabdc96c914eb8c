"""The whole workspace as one JSON file: saved by download, restored by upload.

A file from outside is untrusted: it is checked part by part before anything is written, and a
problem is reported with the place it sits in the file (e.g. assessments[2].taken_on).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, datetime

from core.perception import ROLES
from core.settings import Setting, is_cost_text, is_min_group_text
from core.store import SCHEMA_VERSION, Store
from core.subsidy import DEFINITIONS, YearFigures

FORMAT = "teichaku-workspace"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
Check = Callable[[object], bool]


class WorkspaceFileProblem(Exception):
    """What is wrong with an uploaded file: a message id and its values."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


def _text(v: object) -> bool:
    if not isinstance(v, str):
        return False
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape: the database refuses it
        return False
    return True


def _integer(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and abs(v) < 2**31  # fits the database's INTEGER


def _number(v: object) -> bool:
    if isinstance(v, int) and not isinstance(v, bool):
        return abs(v) < 10**300
    return isinstance(v, float) and math.isfinite(v)


def _subsidy_figures(v: object) -> bool:
    """The effect report's yearly figures, a JSON text: {"0": {"sales": 1.0, ...}, ...}."""
    try:
        figures = json.loads(v) if isinstance(v, str) else None
    except (ValueError, RecursionError):
        return False
    names = {f.name for f in YearFigures.__dataclass_fields__.values()}
    return isinstance(figures, dict) and all(
        _integer_text(year) and isinstance(row, dict)
        and all(k in names and (x is None or _number(x)) for k, x in row.items())
        for year, row in figures.items())


def _integer_text(v: str) -> bool:
    return v.isdigit() and len(v) < 3


def _flag(v: object) -> bool:
    return isinstance(v, bool)


def _level(v: object) -> bool:
    return _integer(v) and 0 <= v <= 4


def _parses(parse: Callable[[str], object]) -> Check:
    def check(v: object) -> bool:
        try:
            parse(v)
        except (TypeError, ValueError):
            return False
        return True
    return check


_day, _moment = _parses(date.fromisoformat), _parses(datetime.fromisoformat)


def _month(v: object) -> bool:
    """2026-04 (or a day of it, 2026-04-01), as the store reads it."""
    return isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", v) is not None \
        and _day(v if len(v) == 10 else v + "-01")


def _one_of(*allowed: str) -> Check:
    return lambda v: v in allowed


def optional(check: Check) -> Check:
    """May be null or left out."""
    return may_be_left_out(lambda v: v is None or check(v))


def may_be_left_out(check: Check) -> Check:
    check.optional = True
    return check


TEXT, OPTIONAL_TEXT, OPTIONAL_NUMBER, OPTIONAL_DAY = _text, optional(_text), optional(_number), optional(_day)
OPTIONAL_MOMENT = optional(_moment)
ANSWERS = [{"question_id": TEXT, "level": optional(_level), "unknown": optional(_flag), "note": OPTIONAL_TEXT}]
# The settings the app reads, checked like the rest: a bad cost or date would break the dashboard.
SETTINGS = {key: may_be_left_out(check) for key, check in {
    Setting.GO_LIVE: lambda v: v == "" or _day(v), Setting.HOURLY_COST: is_cost_text,
    Setting.INITIAL_COST: is_cost_text, Setting.MONTHLY_COST: is_cost_text,
    Setting.SUBSIDY_DEFINITION: _one_of(*DEFINITIONS),
    Setting.SUBSIDY_FIGURES: lambda v: v == "" or _subsidy_figures(v),
    Setting.MIN_GROUP: is_min_group_text,
}.items()}
# What each part of the file must hold. A list of one dict: rows of that shape. "*": any key.
SHAPE = {
    "company": {"*": TEXT},
    "settings": {**SETTINGS, "*": TEXT},
    "assessments": [{"label": TEXT, "taken_on": _day, "definition_version": TEXT, "created_at": OPTIONAL_MOMENT,
                     "answers": ANSWERS,  # a file from before respondents: the owner's
                     "respondents": [{"role": _one_of(*ROLES), "label": OPTIONAL_TEXT, "form_id": OPTIONAL_TEXT,
                                      "answers": ANSWERS}],
                     "targets": {"*": _level}}],
    "kpis": [{"name": TEXT, "unit": OPTIONAL_TEXT, "direction": optional(_one_of("lower", "higher")),
              "category": OPTIONAL_TEXT, "baseline": OPTIONAL_NUMBER, "target": OPTIONAL_NUMBER,
              "target_date": OPTIONAL_DAY, "owner": OPTIONAL_TEXT}],
    "kpi_observations": [{"kpi": TEXT, "kpi_en": OPTIONAL_TEXT, "category": TEXT, "unit": TEXT, "period": _month,
                          "value": OPTIONAL_NUMBER, "target": OPTIONAL_NUMBER, "source": OPTIONAL_TEXT,
                          "source_hash": OPTIONAL_TEXT, "sheet": OPTIONAL_TEXT, "cell": OPTIONAL_TEXT,
                          "imported_at": OPTIONAL_MOMENT}],
    "roles": [{"role": TEXT, "person": OPTIONAL_TEXT, "backup": OPTIONAL_TEXT}],
    "milestones": [{"day": _integer, "title": TEXT, "due": OPTIONAL_DAY, "done": optional(_flag),
                    "note": OPTIONAL_TEXT}],
    "processes": [{"name": TEXT, **dict.fromkeys(("old_procedure", "new_procedure", "exceptions", "exception_owner",
                                                  "paper_steps", "double_entry"), OPTIONAL_TEXT),
                   "double_entries_per_month": OPTIONAL_NUMBER, "resolved": optional(_flag)}],
    "reviews": [{"month": _day, "improved": OPTIONAL_TEXT, "to_change": OPTIONAL_TEXT, "decision": OPTIONAL_TEXT,
                 "created_at": OPTIONAL_MOMENT,
                 "actions": [{"text": TEXT, "owner": OPTIONAL_TEXT, "due": OPTIONAL_DAY,
                              "status": optional(_one_of("open", "done"))}]}],
}


def workspace_bytes(store: Store, saved_at: datetime) -> bytes:
    return json.dumps({**store.snapshot(), "saved_at": saved_at.isoformat(timespec="seconds")},
                      ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


def read_workspace(data: bytes) -> dict:
    """The file's snapshot, checked; raises WorkspaceFileProblem naming what is wrong and where."""
    try:
        snapshot = json.loads(_decoded(data))
    except json.JSONDecodeError as error:
        raise WorkspaceFileProblem("restore.not_json", line=error.lineno) from error
    except (ValueError, RecursionError) as error:  # e.g. a number of more than 4300 digits
        raise WorkspaceFileProblem("restore.not_workspace") from error
    if not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT:
        raise WorkspaceFileProblem("restore.not_workspace")
    version = snapshot.get("schema_version", SCHEMA_VERSION)
    if not _integer(version):
        raise WorkspaceFileProblem("restore.not_workspace")
    if version > SCHEMA_VERSION:
        raise WorkspaceFileProblem("restore.newer")
    _check(snapshot, SHAPE, "", top=True)
    for i, a in enumerate(snapshot.get("assessments", []), start=1):
        _one_answer_per_question(a.get("answers", []), f"assessments[{i}].answers")
        for k, r in enumerate(a.get("respondents", []), start=1):
            _one_answer_per_question(r.get("answers", []), f"assessments[{i}].respondents[{k}].answers")
    return snapshot


def _one_answer_per_question(answers: list[dict], place: str) -> None:
    seen = set()
    for j, answer in enumerate(answers, start=1):
        if answer["question_id"] in seen:
            raise WorkspaceFileProblem("restore.bad_value", place=f"{place}[{j}].question_id")
        seen.add(answer["question_id"])


def _decoded(data: bytes) -> str:
    """UTF-8 as saved; a file re-saved by a Japanese Windows editor comes back as Shift_JIS (cp932)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a character cut in half at the very end: a partial download
            raise WorkspaceFileProblem("restore.cut_short") from error
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise WorkspaceFileProblem("restore.not_text") from error
    if CONTROL.search(text):  # a picture or a program renamed .json: no text file holds these
        raise WorkspaceFileProblem("restore.not_text")
    return text


def _check(value: object, shape: object, place: str, top: bool = False) -> None:
    if isinstance(shape, list):
        if not isinstance(value, list):
            raise WorkspaceFileProblem("restore.bad_value", place=place)
        for i, row in enumerate(value, start=1):
            _check(row, shape[0], f"{place}[{i}]")
    elif isinstance(shape, dict):
        if not isinstance(value, dict):
            raise WorkspaceFileProblem("restore.bad_value", place=place)
        for k in value:
            if not _text(k):
                raise WorkspaceFileProblem("restore.bad_value", place=place)
        named = [k for k in shape if k != "*"]
        for key, inner in shape.items():
            keys = [k for k in value if k not in named] if key == "*" else [key]
            for k in keys:
                here = f"{place}.{k}" if place else k
                if k not in value:  # whole parts and lists may be left out; single values only if optional
                    if not (top or isinstance(inner, (list, dict)) or getattr(inner, "optional", False)):
                        raise WorkspaceFileProblem("restore.missing", place=here)
                    continue
                _check(value[k], inner, here)
    elif not shape(value):
        raise WorkspaceFileProblem("restore.bad_value", place=place)


def holds_work(snapshot: dict) -> bool:
    """Anything a restore would replace: counted rows, but also a company name, settings or roles."""
    return any(snapshot.get(part) for part in ("company", "settings", "roles")) or any(contents(snapshot).values())


def contents(snapshot: dict) -> dict[str, int]:
    """How many of each thing the file holds, for the preview before restoring."""
    counts = {part: len(snapshot.get(part, [])) for part in
              ("assessments", "kpis", "kpi_observations", "milestones", "processes", "reviews")}
    return counts | {"roles": sum(1 for r in snapshot.get("roles", []) if r.get("person") or r.get("backup"))}
