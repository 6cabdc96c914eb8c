from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.scoring import Answer
from core.store import (
    MIGRATIONS, SCHEMA_VERSION, NewerSchema, ReadOnlyWorkspace, Store, connect,
)
from tests.pinned import pinned_clock


@pytest.fixture
def store():
    return Store(connect(None), pinned_clock)


def test_answer_is_saved_and_overwritten(store):
    aid = store.create_assessment("導入前", date(2026, 3, 1), "v1")
    store.save_answer(aid, Answer("people.a", 1))
    store.save_answer(aid, Answer("people.a", 3, note="佐藤さんだけ"))
    store.save_answer(aid, Answer("people.b", unknown=True))
    assert store.answers(aid) == {
        "people.a": Answer("people.a", 3, False, "佐藤さんだけ"),
        "people.b": Answer("people.b", None, True, ""),
    }
    assert store.assessments()[0].answered == 2


def test_file_workspace_survives_reopen(tmp_path):
    path = tmp_path / "ws.duckdb"
    con = connect(path)
    aid = Store(con, pinned_clock).create_assessment("x", date(2026, 1, 1), "v1")
    Store(con, pinned_clock).save_answer(aid, Answer("q", 2))
    con.close()
    reopened = Store(connect(path), pinned_clock)
    assert reopened.answers(aid) == {"q": Answer("q", 2)}
    assert reopened.schema_version() == SCHEMA_VERSION


def test_migrates_a_version_one_database(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(MIGRATIONS[0])
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO assessments (label, taken_on, definition_version) VALUES ('old', DATE '2025-01-01', 'v0')")
    con.close()
    store = Store(connect(path), pinned_clock)
    assert store.schema_version() == SCHEMA_VERSION
    assert [a.label for a in store.assessments()] == ["old"]
    assert store.kpi_count() == 0


def test_many_sessions_opening_a_new_file_at_once(tmp_path):
    import threading

    from core.store import shared_file_connection

    path, errors = tmp_path / "fresh.duckdb", []

    def open_workspace():
        try:
            Store(shared_file_connection(path), pinned_clock).assessments()
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=open_workspace) for _ in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []


def test_level_and_note_are_saved_independently(store):
    aid = store.create_assessment("x", date(2026, 1, 1), "v1")
    store.save_note(aid, "q", "メモ")
    store.save_level(aid, "q", 3, unknown=False)
    store.save_note(aid, "q", "メモ2")
    assert store.answers(aid)["q"] == Answer("q", 3, False, "メモ2")
    store.save_level(aid, "q", None, unknown=True)
    assert store.answers(aid)["q"] == Answer("q", None, True, "メモ2")


def test_refuses_a_newer_database(tmp_path):
    path = tmp_path / "new.duckdb"
    Store(connect(path), pinned_clock)._con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(NewerSchema):
        Store(connect(path), pinned_clock)


def test_connection_is_locked_down(store):
    with pytest.raises(duckdb.PermissionException):
        store._cursor().execute("SELECT * FROM read_csv('/etc/passwd')")
    with pytest.raises(duckdb.Error):
        store._cursor().execute("SET enable_external_access = true")


def test_hostile_text_is_stored_as_data(store):
    evil = "x'); DROP TABLE answers; --"
    aid = store.create_assessment(evil, date(2026, 1, 1), "v1")
    store.save_answer(aid, Answer("q", 1, note=evil))
    assert store.assessments()[0].label == evil
    assert store.answers(aid)["q"].note == evil


def test_read_only_workspace_refuses_writes(store):
    aid = store.create_assessment("x", date(2026, 1, 1), "v1")
    store.read_only = True
    for write in (lambda: store.save_answer(aid, Answer("q", 1)), lambda: store.set_target(aid, "d", 2),
                  lambda: store.create_assessment("y", date(2026, 1, 1), "v1")):
        with pytest.raises(ReadOnlyWorkspace):
            write()


def test_delete_assessment_removes_its_answers_and_targets(store):
    keep = store.create_assessment("keep", date(2026, 1, 1), "v1")
    gone = store.create_assessment("gone", date(2026, 2, 1), "v1")
    for aid in (keep, gone):
        store.save_answer(aid, Answer("q", 1))
        store.set_target(aid, "d", 3)
    store.delete_assessment(gone)
    assert [a.id for a in store.assessments()] == [keep]
    assert store.answers(gone) == {} and store.targets(gone) == {}
    assert store.targets(keep) == {"d": 3}


def test_a_bad_snapshot_changes_nothing(store):
    store.create_assessment("mine", date(2026, 1, 1), "v1")
    bad = {"assessments": [{"label": "ok", "taken_on": "2026-02-01", "definition_version": "v",
                            "answers": [{"question_id": "q", "level": 9}]}]}
    with pytest.raises(duckdb.Error):
        store.load_snapshot(bad)
    assert [a.label for a in store.assessments()] == ["mine"]


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
answer_values = st.one_of(st.integers(0, 4).map(lambda v: (v, False)), st.just((None, True)),
                          st.just((None, False)))
snapshots = st.fixed_dictionaries({
    "company": st.fixed_dictionaries({"name": texts}),
    "assessments": st.lists(st.fixed_dictionaries({
        "label": texts,
        "taken_on": st.dates(date(2000, 1, 1), date(2100, 1, 1)).map(date.isoformat),
        "definition_version": st.just("v1"),
        "answers": st.dictionaries(st.from_regex(r"[a-z]{1,6}\.[a-z_]{1,8}", fullmatch=True),
                                   st.tuples(answer_values, texts), max_size=6).map(
            lambda d: [{"question_id": k, "level": v[0][0], "unknown": v[0][1], "note": v[1]}
                       for k, v in sorted(d.items())]),
        "targets": st.dictionaries(st.sampled_from(["people", "purpose", "process"]), st.integers(0, 4)),
    }), max_size=3),
    "kpi_observations": st.lists(st.fixed_dictionaries({
        "kpi": st.sampled_from(["月次締め日数", "工数"]), "kpi_en": texts, "category": st.just("effort"),
        "unit": st.just("日"), "period": st.sampled_from(["2026-01", "2026-02"]),
        "value": st.floats(-1e6, 1e6, allow_nan=False), "target": st.none(), "source": st.just("demo"),
    }), max_size=4, unique_by=lambda k: (k["kpi"], k["period"])),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots)
def test_snapshot_round_trip(snapshot):
    store = Store(connect(None), pinned_clock)
    store.load_snapshot(snapshot)
    exported = store.snapshot()
    again = Store(connect(None), pinned_clock)
    again.load_snapshot(exported)
    assert again.snapshot() == exported
    assert exported["company"] == snapshot["company"]
    ordered = sorted(snapshot["assessments"], key=lambda a: a["taken_on"])
    assert [a["label"] for a in exported["assessments"]] == [a["label"] for a in ordered]
    keys = ("kpi", "kpi_en", "category", "unit", "period", "value", "target", "source")
    assert sorted(({k: o[k] for k in keys} for o in exported["kpi_observations"]), key=lambda k: (k["kpi"], k["period"])) \
        == sorted(snapshot["kpi_observations"], key=lambda k: (k["kpi"], k["period"]))


def test_commit_is_idempotent_adds_new_months_and_reports_corrections(store):
    from core.store import Observation

    april, may, june = date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)
    first = [Observation("月次締め", april, 10, "日", 5, "lead_time", "C3"), Observation("月次締め", may, 9, "日")]
    result = store.commit_observations(first, file_name="a.xlsx", source_hash="h1", sheet="S")
    assert (result.added, result.replaced, result.unchanged) == (2, [], 0)
    again = store.commit_observations(first, file_name="a.xlsx", source_hash="h1", sheet="S")
    assert (again.added, again.replaced, again.unchanged) == (0, [], 2)
    later = first + [Observation("月次締め", june, 8, "日")]
    assert store.commit_observations(later, file_name="b.xlsx", source_hash="h2", sheet="S").added == 1
    fixed = store.commit_observations([Observation("月次締め", may, 7, "日")], file_name="c.xlsx",
                                      source_hash="h3", sheet="S")
    assert fixed.replaced[0].old == 9 and fixed.replaced[0].new == 7
    rows = {r["period"]: r for r in store.kpi_observations()}
    assert rows[may]["value"] == 7 and rows[april]["target"] == 5 and rows[april]["cell"] == "C3"


def test_a_failed_commit_changes_nothing(store):
    from core.store import Observation

    good = Observation("工数", date(2025, 4, 1), 100, "時間")
    store.commit_observations([good], file_name="a.xlsx", source_hash="h", sheet="S")
    with pytest.raises(Exception):
        store.commit_observations([Observation("工数", date(2025, 5, 1), 90), Observation(None, date(2025, 6, 1), 1)],
                                  file_name="b.xlsx", source_hash="h2", sheet="S")
    assert [r["value"] for r in store.kpi_observations()] == [100]


def test_target_only_changes_are_counted_and_edited_kpis_can_be_removed(store):
    from core.progress import KpiSpec
    from core.store import Observation

    store.commit_observations([Observation("A", date(2025, 4, 1), 1.0)], file_name="a", source_hash="h", sheet=None)
    again = store.commit_observations([Observation("A", date(2025, 4, 1), 1.0, target=5.0)], file_name="a",
                                      source_hash="h", sheet=None)
    assert (again.added, again.replaced, again.unchanged, again.targets_updated) == (0, [], 0, 1)
    store.save_kpi_specs([KpiSpec("B", target=1), KpiSpec("C", target=2)])
    store.save_kpi_specs([KpiSpec("C", target=3)], replace_all=True)
    assert {s.name: s.target for s in store.kpi_specs()} == {"A": 5.0, "C": 3.0}


def test_the_fixed_statements_name_the_columns_their_rows_are_built_for():
    import re

    from core.store.inventory import PROCESS_COLUMNS, PROCESS_INSERT, PROCESS_SELECT
    from core.store.kpis import OBSERVATION_COLUMNS, OBSERVATION_INSERT

    def columns(sql: str) -> list[str]:
        return [c.strip() for c in re.search(r"\(([^?]+?)\)", sql).group(1).split(",")]

    assert columns(OBSERVATION_INSERT) == list(OBSERVATION_COLUMNS)
    assert columns(PROCESS_INSERT) == ["position", *PROCESS_COLUMNS]
    assert [c.strip() for c in PROCESS_SELECT.removeprefix("SELECT ").split(" FROM")[0].split(",")] == list(PROCESS_COLUMNS)
