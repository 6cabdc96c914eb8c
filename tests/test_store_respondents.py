"""Respondents in the store: one made with each assessment, more added, removed and put back, migrated."""

from datetime import date

import duckdb
import pytest

from core.scoring import Answer
from core.store import MIGRATIONS, ReadOnlyWorkspace, Store, connect
from core.workspace_file import read_workspace, workspace_bytes
from tests.pinned import pinned_clock


@pytest.fixture
def store():
    return Store(connect(None), pinned_clock)


def test_an_assessment_starts_with_its_owner_who_answers_by_default(store):
    aid = store.create_assessment("導入前", date(2026, 3, 1), "v1")
    [owner] = store.respondents(aid)
    assert (owner.role, owner.label, owner.position) == ("owner", "", 0)
    store.save_level(aid, "q1", 3, unknown=False)
    assert store.answers(aid) == store.answers(aid, owner.id) == {"q1": Answer("q1", 3)}


def test_each_respondent_answers_apart_and_the_room_holds_them_all(store):
    aid = store.create_assessment("ワークショップ", date(2026, 3, 1), "v1")
    floor = store.add_respondent(aid, "floor")
    store.add_respondent(aid, "manager", "  佐藤  ")
    store.save_level(aid, "q1", 4, unknown=False)
    store.save_level(aid, "q1", 1, unknown=False, respondent_id=floor)
    store.save_note(aid, "q1", "紙のまま", respondent_id=floor)
    assert store.answers(aid, floor) == {"q1": Answer("q1", 1, False, "紙のまま")}
    room = store.room(aid)
    assert [(r.role, r.label) for r in room] == [("owner", ""), ("floor", ""), ("manager", "佐藤")]
    assert [r.answers["q1"].level for r in room[:2]] == [4, 1] and room[2].answers == {}
    assert store.assessments()[0].answered == 1  # questions answered, not answers


def test_a_removed_respondent_comes_back_with_their_answers(store):
    aid = store.create_assessment("x", date(2026, 3, 1), "v1")
    floor = store.add_respondent(aid, "floor", "現場A")
    store.save_answer(aid, Answer("q1", 2, note="n"), respondent_id=floor)
    removed = store.remove_respondent(floor)
    assert [r.role for r in store.respondents(aid)] == ["owner"]
    back = store.restore_respondent(removed)
    assert [(r.role, r.label) for r in store.respondents(aid)] == [("owner", ""), ("floor", "現場A")]
    assert store.answers(aid, back) == {"q1": Answer("q1", 2, False, "n")}


def test_roles_are_checked_and_the_demo_refuses_changes(store):
    aid = store.create_assessment("x", date(2026, 3, 1), "v1")
    with pytest.raises(ValueError):
        store.add_respondent(aid, "boss")
    store.read_only = True
    with pytest.raises(ReadOnlyWorkspace):
        store.add_respondent(aid, "floor")


def test_deleting_an_assessment_deletes_its_respondents(store):
    aid = store.create_assessment("x", date(2026, 3, 1), "v1")
    store.add_respondent(aid, "floor")
    store.delete_assessment(aid)
    assert store._cursor().execute("SELECT count(*) FROM respondents").fetchone()[0] == 0


def test_respondents_survive_a_save_and_restore(store):
    aid = store.create_assessment("x", date(2026, 3, 1), "v1")
    it = store.add_respondent(aid, "it", "情シス")
    store.save_answer(aid, Answer("q1", 1))
    store.save_answer(aid, Answer("q1", 3), respondent_id=it)
    again = Store(connect(None), pinned_clock)
    again.restore(read_workspace(workspace_bytes(store, pinned_clock())))
    [copied] = again.assessments()
    assert [(r.role, r.label, r.answers["q1"].level) for r in again.room(copied.id)] == \
        [("owner", "", 1), ("it", "情シス", 3)]
    assert again.snapshot() == store.snapshot()


def test_a_file_from_before_respondents_gives_its_answers_to_the_owner(store):
    old = {"format": "teichaku-workspace", "schema_version": 5,
           "assessments": [{"label": "旧", "taken_on": "2026-01-01", "definition_version": "v",
                            "answers": [{"question_id": "q1", "level": 2}]}]}
    import json

    store.restore(read_workspace(json.dumps(old).encode()))
    [a] = store.assessments()
    [owner] = store.room(a.id)
    assert owner.role == "owner" and owner.answers["q1"].level == 2


def test_a_version_five_database_moves_its_answers_to_the_owner(tmp_path):
    path = tmp_path / "v5.duckdb"
    con = duckdb.connect(str(path))
    for step in range(5):
        con.execute(MIGRATIONS[step])
    con.execute("INSERT INTO meta VALUES ('schema_version', '5')")
    con.execute("INSERT INTO assessments (label, taken_on, definition_version) VALUES ('a', DATE '2026-01-01', 'v')")
    con.execute("INSERT INTO answers (assessment_id, question_id, level, note) VALUES (1, 'q1', 3, 'メモ')")
    con.close()
    store = Store(connect(path), pinned_clock)
    [owner] = store.respondents(1)
    assert owner.role == "owner" and store.answers(1, owner.id) == {"q1": Answer("q1", 3, False, "メモ")}


def test_the_last_respondent_stays_and_nobody_writes_as_a_removed_one(store):
    aid = store.create_assessment("x", date(2026, 3, 1), "v1")
    other = store.create_assessment("y", date(2026, 3, 1), "v1")
    floor = store.add_respondent(aid, "floor")
    [owner] = [r.id for r in store.respondents(aid) if r.role == "owner"]
    store.remove_respondent(floor)
    with pytest.raises(ValueError):
        store.remove_respondent(owner)  # an assessment keeps at least one
    with pytest.raises(KeyError):
        store.save_level(aid, "q1", 2, unknown=False, respondent_id=floor)  # removed in another tab
    with pytest.raises(KeyError):
        store.save_level(other, "q1", 2, unknown=False, respondent_id=owner)  # not this assessment's
    assert store.answers(aid) == {} and store.answers(other) == {}
