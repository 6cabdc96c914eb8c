"""Saving the whole workspace to one file and restoring it: round trips, and untrusted files refused."""

import json
from datetime import date, datetime

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.demo import demo_snapshot, open_demo_store
from core.plan import Milestone, Role
from core.scoring import Answer
import core.store.snapshot
from core.store import CLEAR_WORKSPACE, SCHEMA_VERSION, WORKSPACE_TABLES, Observation, Store, connect
from core.subsidy import DEFINITIONS
from core.workspace_file import WorkspaceFileProblem, contents, read_workspace, workspace_bytes
from tests.pinned import pinned_clock
from tests.test_store import snapshots

SAVED_AT = datetime(2026, 11, 26, 9, 30)
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
days = st.dates(date(2000, 1, 1), date(2100, 1, 1)).map(date.isoformat)
optional_days = st.none() | days
settings_values = st.fixed_dictionaries({}, optional={
    "tool.name": texts, "tool.go_live": st.just("") | days, "demo.copied": texts,
    "money.hourly_cost": st.floats(0, 1e9).map(str) | st.integers(0, 10**9).map(str),
    "subsidy.definition": st.sampled_from(DEFINITIONS),
    "subsidy.figures": st.dictionaries(st.sampled_from(["0", "1", "3"]), st.fixed_dictionaries(
        {}, optional={"sales": st.none() | st.floats(0, 1e12), "employees": st.none() | st.integers(0, 10**6)}))
    .map(json.dumps)})
full_snapshots = snapshots.flatmap(lambda base: st.fixed_dictionaries({
    "settings": settings_values,
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
    first = Store(connect(None), pinned_clock)
    first.restore(read_workspace(json.dumps(snapshot).encode()))
    saved = workspace_bytes(first, SAVED_AT)
    second = Store(connect(None), pinned_clock)
    second.restore(read_workspace(saved))
    assert second.snapshot() == first.snapshot()
    exported = first.snapshot()
    assert sorted(sorted(r.items()) for r in exported["roles"]) == sorted(sorted(r.items()) for r in snapshot["roles"])
    assert exported["processes"] == snapshot["processes"] and exported["milestones"] == snapshot["milestones"]
    assert [(r["month"], r["actions"]) for r in exported["reviews"]] == \
        [(r["month"], r["actions"]) for r in snapshot["reviews"]]
    assert {k: v for k, v in exported["settings"].items()} == snapshot["settings"]


def test_restoring_replaces_everything_that_was_there():
    store = Store(connect(None), pinned_clock)
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
    store = Store(connect(None), pinned_clock)
    store.restore(read_workspace(workspace_bytes(demo, SAVED_AT)))
    assert store.snapshot() == demo.snapshot()
    assert contents(demo.snapshot())["assessments"] == len(demo_snapshot()["assessments"])


def test_a_file_cannot_overwrite_the_schema_version():
    store = Store(connect(None), pinned_clock)
    snapshot = {"format": "teichaku-workspace", "settings": {"schema_version": "999", "tool.name": "X"}}
    store.restore(read_workspace(json.dumps(snapshot).encode()))
    assert store.schema_version() == SCHEMA_VERSION and store.get_setting("tool.name") == "X"


def problem(data: bytes) -> WorkspaceFileProblem:
    with pytest.raises(WorkspaceFileProblem) as caught:
        read_workspace(data)
    return caught.value


def test_files_that_are_not_workspaces_are_named_as_such():
    assert problem(b"\xff\xfe\x00garbage").key == "restore.not_text"
    assert problem(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").key == "restore.not_text"
    saved = workspace_bytes(open_demo_store(), SAVED_AT)
    cut = saved[:saved.index("みなと".encode()) + 1]  # the download stopped inside a character
    assert problem(cut).key == "restore.cut_short"
    assert problem(saved[:saved.index(b"\n", 200)]).key == "restore.not_json"  # stopped between lines
    resaved = saved.decode("utf-8").encode("cp932")  # opened and saved again in a Japanese Windows editor
    again = read_workspace(resaved)  # cp932 maps a few dashes differently; the content is the same
    assert contents(again) == contents(read_workspace(saved)) and again["company"] == read_workspace(saved)["company"]
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
    assert found.key == ("restore.missing" if place.endswith(".label") else "restore.bad_value")
    assert found.params["place"] == place


@pytest.mark.parametrize("settings_, place", [
    ({"money.hourly_cost": "nan"}, "settings.money.hourly_cost"),
    ({"money.initial_cost": "-5"}, "settings.money.initial_cost"),
    ({"money.monthly_cost": "1e308"}, "settings.money.monthly_cost"),  # beyond what a number field holds
    ({"tool.go_live": "来月"}, "settings.tool.go_live"),
    ({"subsidy.definition": "profit"}, "settings.subsidy.definition"),
    ({"subsidy.figures": '{"0": {"sales": "abc"}}'}, "settings.subsidy.figures"),
    ({"subsidy.figures": "[" * 5000 + "]" * 5000}, "settings.subsidy.figures"),
])
def test_settings_the_app_reads_are_checked(settings_, place):
    found = problem(json.dumps({"format": "teichaku-workspace", "settings": settings_}).encode())
    assert (found.key, found.params) == ("restore.bad_value", {"place": place})


def test_hostile_files_get_a_message_not_a_crash():
    assert problem(b'{"format": "teichaku-workspace", "x": ' + b"9" * 5000 + b"}").key == "restore.not_workspace"
    surrogate = rb'{"format": "teichaku-workspace", "company": {"\ud800": "x"}}'  # a JSON escape of a lone half
    assert problem(surrogate).key == "restore.bad_value"
    star = problem(b'{"format": "teichaku-workspace", "company": {"*": [1, 2]}}')
    assert (star.key, star.params) == ("restore.bad_value", {"place": "company.*"})
    assert problem(b'{"format": "teichaku-workspace", "schema_version": "99"}').key == "restore.not_workspace"


def test_a_repeated_answer_is_refused_with_its_place():
    duplicate = {"label": "x", "taken_on": "2026-01-01", "definition_version": "v",
                 "answers": [{"question_id": "q", "level": 1}, {"question_id": "q", "level": 2}]}
    found = problem(json.dumps({"format": "teichaku-workspace", "assessments": [duplicate]}).encode())
    assert (found.key, found.params) == ("restore.bad_value", {"place": "assessments[1].answers[2].question_id"})


def test_a_restore_that_fails_halfway_changes_nothing(monkeypatch):
    store = Store(connect(None), pinned_clock)
    store.restore(open_demo_store().snapshot())
    store.save_roles([Role("owner", "今の担当")])
    before = store.snapshot()

    def broken(cur, rows):
        raise duckdb.ConversionException("disk full")  # after settings and assessments were written

    monkeypatch.setattr(core.store.snapshot, "_load_observations", broken)
    with pytest.raises(duckdb.ConversionException):
        store.restore(read_workspace(workspace_bytes(open_demo_store(), SAVED_AT)))
    assert store.snapshot() == before


def test_empty_values_in_a_file_get_the_defaults():
    snapshot = {"format": "teichaku-workspace",
                "roles": [{"role": "owner", "person": None, "backup": None}],
                "kpis": [{"name": "工数", "unit": None, "direction": None, "category": None, "owner": None}],
                "milestones": [{"day": 0, "title": "t", "note": None, "done": None}],
                "reviews": [{"month": "2026-01-01", "actions": [{"text": "t", "owner": None, "status": None}]}]}
    store = Store(connect(None), pinned_clock)
    store.restore(read_workspace(json.dumps(snapshot).encode()))
    exported = store.snapshot()
    assert exported["roles"] == [{"role": "owner", "person": "", "backup": ""}]
    assert exported["reviews"][0]["actions"][0]["status"] == "open"
    assert store.kpi_specs()[0].direction == "lower"


def test_schema_coverage_every_table_is_saved_and_replaced():
    """A table added by a later migration must be saved and restored, or restoring would mix workspaces."""
    cur = connect(None)
    Store(cur, pinned_clock)
    tables = {t for (t,) in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(WORKSPACE_TABLES) == tables - {"meta"}
    assert {statement.removeprefix("DELETE FROM ") for statement in CLEAR_WORKSPACE} == set(WORKSPACE_TABLES)
    saved = open_demo_store().snapshot()
    not_saved = {"imports", "answers.updated_at", "assessments.id", "reviews.id", "actions.id", "actions.review_id",
                 "milestones.position", "processes.position", "targets.assessment_id", "answers.assessment_id",
                 "answers.respondent_id", "respondents.id", "respondents.assessment_id",
                 "respondents.position"}  # ids and places are given by the order in the file
    respondent = saved["assessments"][0]["respondents"][0]
    parts = {"answers": respondent["answers"][0], "respondents": respondent, "assessments": saved["assessments"][0],
             "kpi_observations": saved["kpi_observations"][0], "kpis": saved["kpis"][0], "roles": saved["roles"][0]}
    for table, row in parts.items():
        columns = {c for (c,) in cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                                             [table]).fetchall()}
        aliases = {"is_unknown": "unknown"}
        missing = {c for c in columns if aliases.get(c, c) not in row and f"{table}.{c}" not in not_saved}
        assert not missing, (table, missing)


def test_a_stored_cost_out_of_range_reads_as_not_set():
    from core.dashboard import read_costs

    store = Store(connect(None), pinned_clock)
    for value, expected in (("3000", 3000.0), ("1e308", 0.0), ("nan", 0.0), ("-5", 0.0), ("abc", 0.0)):
        store.set_setting("money.hourly_cost", value)
        assert read_costs(store).hourly == expected, value
