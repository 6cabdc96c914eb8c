"""Saving the whole workspace to one file and restoring it: round trips, and untrusted files refused."""

import json
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.demo import demo_snapshot, open_demo_store
from core.plan import Milestone, Role
from core.scoring import Answer
from core.store import SCHEMA_VERSION, Observation, Store, connect
from core.workspace_file import WorkspaceFileProblem, contents, read_workspace, workspace_bytes
from tests.test_store import snapshots

SAVED_AT = datetime(2026, 11, 26, 9, 30)
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
days = st.dates(date(2000, 1, 1), date(2100, 1, 1)).map(date.isoformat)
optional_days = st.none() | days
full_snapshots = snapshots.flatmap(lambda base: st.fixed_dictionaries({
    "settings": st.dictionaries(st.sampled_from(["tool.name", "tool.go_live", "money.hourly_cost",
                                                 "subsidy.definition"]), texts),
    "roles": st.lists(st.fixed_dictionaries({"role": st.sampled_from(["owner", "operator", "desk"]),
                                             "person": texts, "backup": texts}),
                      max_size=3, unique_by=lambda r: r["role"]),
    "milestones": st.lists(st.fixed_dictionaries({"day": st.integers(0, 365), "title": texts, "due": optional_days,
                                                  "done": st.booleans(), "note": texts}), max_size=4),
    "processes": st.lists(st.fixed_dictionaries({
        "name": texts, "old_procedure": st.none() | texts, "new_procedure": st.none() | texts,
        "exceptions": st.none() | texts, "exception_owner": st.none() | texts, "paper_steps": st.none() | texts,
        "double_entry": st.none() | texts, "double_entries_per_month": st.none() | st.floats(0, 1e6),
        "resolved": st.booleans()}), max_size=3),
    "reviews": st.lists(st.fixed_dictionaries({
        "month": days, "improved": st.none() | texts, "to_change": st.none() | texts, "decision": st.none() | texts,
        "actions": st.lists(st.fixed_dictionaries({"text": texts, "owner": texts, "due": optional_days,
                                                   "status": st.sampled_from(["open", "done"])}), max_size=3)}),
        max_size=3),
}).map(lambda extra: {**base, **extra, "format": "teichaku-workspace", "schema_version": SCHEMA_VERSION}))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_snapshots)
def test_a_saved_file_restores_the_same_workspace(snapshot):
    first = Store(connect(None))
    first.restore(read_workspace(json.dumps(snapshot).encode()))
    saved = workspace_bytes(first, SAVED_AT)
    second = Store(connect(None))
    second.restore(read_workspace(saved))
    assert second.snapshot() == first.snapshot()
    exported = first.snapshot()
    assert sorted(sorted(r.items()) for r in exported["roles"]) == sorted(sorted(r.items()) for r in snapshot["roles"])
    assert exported["processes"] == snapshot["processes"] and exported["milestones"] == snapshot["milestones"]
    assert [(r["month"], r["actions"]) for r in exported["reviews"]] == \
        [(r["month"], r["actions"]) for r in snapshot["reviews"]]
    assert {k: v for k, v in exported["settings"].items()} == snapshot["settings"]


def test_restoring_replaces_everything_that_was_there():
    store = Store(connect(None))
    old = store.create_assessment("古い診断", date(2025, 1, 1), "v1")
    store.save_answer(old, Answer("people.a", 2))
    store.commit_observations([Observation("古いKPI", date(2025, 1, 1), 3, "日")], file_name="a.xlsx",
                              source_hash="h", sheet="S")
    store.save_roles([Role("owner", "古川")])
    store.save_milestones([Milestone(0, "古い予定")])
    store.add_review(date(2025, 1, 1), "", "", "", [("古い宿題", "", None)])
    demo = open_demo_store().snapshot()
    store.restore(read_workspace(json.dumps(demo).encode()))
    assert store.snapshot() == demo
    assert "古い診断" not in [a.label for a in store.assessments()]
    assert store.schema_version() == SCHEMA_VERSION


def test_the_demo_company_survives_a_save_and_restore():
    demo = open_demo_store()
    store = Store(connect(None))
    store.restore(read_workspace(workspace_bytes(demo, SAVED_AT)))
    assert store.snapshot() == demo.snapshot()
    assert contents(demo.snapshot())["assessments"] == len(demo_snapshot()["assessments"])


def test_a_file_cannot_overwrite_the_schema_version():
    store = Store(connect(None))
    snapshot = {"format": "teichaku-workspace", "settings": {"schema_version": "999", "tool.name": "X"}}
    store.restore(read_workspace(json.dumps(snapshot).encode()))
    assert store.schema_version() == SCHEMA_VERSION and store.get_setting("tool.name") == "X"


def problem(data: bytes) -> WorkspaceFileProblem:
    with pytest.raises(WorkspaceFileProblem) as caught:
        read_workspace(data)
    return caught.value


def test_files_that_are_not_workspaces_are_named_as_such():
    assert problem(b"\xff\xfe\x00garbage").key == "restore.not_text"
    broken = problem(b'{"format": "teichaku-workspace",\n "assessments": [}')
    assert (broken.key, broken.params) == ("restore.not_json", {"line": 2})
    assert problem(b'{"format": "something-else"}').key == "restore.not_workspace"
    assert problem(b"[1, 2]").key == "restore.not_workspace"
    assert problem(b"[" * 100_000 + b"]" * 100_000).key in ("restore.not_workspace", "restore.not_json")
    newer = json.dumps({"format": "teichaku-workspace", "schema_version": SCHEMA_VERSION + 1}).encode()
    assert problem(newer).key == "restore.newer"


@pytest.mark.parametrize("part, row, place", [
    ("assessments", {"label": "a", "taken_on": "2026-13-01", "definition_version": "v"}, "assessments[2].taken_on"),
    ("assessments", {"label": "a", "taken_on": "2026-01-01", "definition_version": "v",
                     "answers": [{"question_id": "q", "level": 9}]}, "assessments[2].answers[1].level"),
    ("assessments", {"taken_on": "2026-01-01", "definition_version": "v"}, "assessments[2].label"),
    ("kpi_observations", {"kpi": "k", "category": "c", "unit": "日", "period": "2026-01", "value": "10"},
     "kpi_observations[2].value"),
    ("kpis", {"name": "k", "direction": "sideways"}, "kpis[2].direction"),
    ("milestones", {"day": 10**12, "title": "t"}, "milestones[2].day"),
    ("reviews", {"month": "2026-01-01", "actions": [{"text": "t", "status": "maybe"}]}, "reviews[2].actions[1].status"),
])
def test_a_bad_value_is_reported_with_its_place(part, row, place):
    snapshot = open_demo_store().snapshot()
    snapshot["milestones"] = [{"day": 0, "title": "t"}]
    snapshot["reviews"] = [{"month": "2026-01-01"}]
    snapshot[part] = [snapshot[part][0], row]  # the second row is the bad one
    found = problem(json.dumps(snapshot).encode())
    assert found.key in ("restore.bad_value", "restore.missing")
    assert found.params["place"] == place


def test_a_bad_file_changes_nothing():
    store = Store(connect(None))
    store.create_assessment("今の診断", date(2026, 1, 1), "v1")
    duplicate = {"label": "x", "taken_on": "2026-01-01", "definition_version": "v",
                 "answers": [{"question_id": "q", "level": 1}, {"question_id": "q", "level": 2}]}
    snapshot = read_workspace(json.dumps({"format": "teichaku-workspace", "assessments": [duplicate]}).encode())
    with pytest.raises(Exception):
        store.restore(snapshot)
    assert [a.label for a in store.assessments()] == ["今の診断"]
