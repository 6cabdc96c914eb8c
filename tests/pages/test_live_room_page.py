"""A live room under AppTest: the facilitator opens, paces, projects and ends it; phones join by the code,
vote, see their answer counted, and learn when the room has ended; wrong codes run out."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core.questionnaire import load_questionnaire
from core.scoring import Answer
from tests.app_pages import RESULT, ROOT, open_page, pictures, texts
from ui.room_registry import registry

JOIN = "pages/9_join.py"
QUESTIONS = load_questionnaire().questions


@pytest.fixture
def assessment(workspace) -> int:
    aid = workspace.create_assessment("ワークショップ", date(2026, 11, 20), load_questionnaire().version)
    workspace.save_answer(aid, Answer(QUESTIONS[0].id, 3))
    return aid


def open_room(aid: int):
    at = open_page(RESULT, a=aid)
    at.button(key="live_open").click().run()
    assert not at.exception
    held = at.session_state["_live_room"]
    return at, held["code"], held["host"]


def holding(code: str, host: str, assessment: int, **params):
    """The result page in a session that holds the room (the facilitator's own session)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["_live_room"] = {"code": code, "host": host, "assessment": assessment}
    for name, value in params.items():
        at.query_params[name] = str(value)
    at.switch_page(RESULT)
    return at.run()


def html(at) -> str:
    return "".join(e.proto.body for e in at.get("html"))


def test_the_facilitator_opens_a_room_and_sees_its_code_qr_and_link(assessment):
    at, code, host = open_room(assessment)
    assert code in html(at) and "data:image/svg+xml;base64," in html(at)
    links = [c.value for c in at.code]
    assert [link for link in links if link.endswith(f"/join?c={code}")]
    assert not [link for link in links if host in link]  # the key only on request
    assert any(m.value == "0人・0票" for m in at.metric)
    at.button(key="live_keep_link").click().run()
    assert any(f"a={assessment}&room={code}&key={host}" in c.value for c in at.code)
    at.run()
    assert not [c for c in at.code if host in c.value]  # and for that one run


def test_phones_join_vote_and_the_room_ends_into_respondents(assessment, workspace):
    at, code, host = open_room(assessment)
    phone = open_page(JOIN, c=code)
    assert [b.label for b in phone.button][:3] == ["経営者", "管理職", "現場"]
    phone.button(key="join_role_floor").click().run()
    voter = phone.query_params["v"][0] if isinstance(phone.query_params["v"], list) else phone.query_params["v"]
    first = QUESTIONS[0]
    phone.button(key=f"join_answer_{first.id}_1").click().run()
    assert not phone.exception
    assert "1問目の回答を受け付けました：1" in texts(phone)
    assert registry().phone_view(code, voter).own == {first.id: Answer(first.id, 1)}
    other = registry().join(code, "manager")
    registry().vote(code, other, Answer(first.id, None, unknown=True))

    at.run()
    assert any(m.value == "2人・2票" for m in at.metric)
    assert "管理職（1人）" in texts(at) and "現場（1人）" in texts(at)
    at.button(key="live_end").click().run()
    assert "ルームを終了し、2台分の回答を回答者として加えました。" in texts(at)
    people = {r.label: r for r in workspace.respondents(assessment)[1:]}
    assert {(r.role, label) for label, r in people.items()} == {("floor", "現場 1（スマホ）"), ("manager", "管理職 1（スマホ）")}
    assert workspace.answers(assessment, people["現場 1（スマホ）"].id) == {first.id: Answer(first.id, 1)}
    assert workspace.answers(assessment, people["管理職 1（スマホ）"].id)[first.id].unknown

    phone.button(key=f"join_answer_{QUESTIONS[1].id}_2").click().run()  # a vote after the end
    assert not phone.exception
    assert any("ルームは終了していた" in e.value for e in phone.error)
    assert any("このルームは終了しました" in i.value for i in phone.info)


def test_paced_one_question_at_a_time_and_revealed_on_the_phone(assessment):
    at, code, host = open_room(assessment)
    at.segmented_control(key="_live_pace_all").set_value("one").run()
    phones = [registry().join(code, "floor") for _ in range(3)]
    waiting = open_page(JOIN, c=code, v=phones[0])
    assert any("次の質問が開くのを待っています" in i.value for i in waiting.info)
    at.button(key="live_q_open").click().run()
    question = QUESTIONS[0]
    waiting.button(key="join_refresh").click().run()
    assert question.text("ja") in texts(waiting)
    waiting.button(key=f"join_answer_{question.id}_2").click().run()
    assert any("回答を受け付けました：2" in s.value for s in waiting.success)
    for phone in phones[1:]:
        registry().vote(code, phone, Answer(question.id, 3))
    waiting.run()
    assert not [c for c in waiting.caption if "会場の回答" in c.value]  # paced: not before the reveal
    assert not at.run().button(key="live_q_reveal").disabled  # 3 votes: it may be revealed
    at.button(key="live_q_close").click().run()
    at.button(key="live_q_reveal").click().run()
    waiting.button(key="join_refresh").click().run()
    assert any("会場の回答（3票）" in c.value for c in waiting.caption)
    at.button(key="live_q_open").click().run()  # opened again: hidden again
    waiting.button(key="join_refresh").click().run()
    assert not [c for c in waiting.caption if "会場の回答" in c.value]


def test_the_projector_shows_the_room_first_with_its_code_and_count(assessment):
    at, code, host = open_room(assessment)
    for role, level in (("owner", 4), ("floor", 1), ("floor", 2), ("floor", 1), ("it", 0)):
        registry().vote(code, registry().join(code, role), Answer(QUESTIONS[0].id, level))
    at.button(key="live_present").click().run()
    assert not at.exception
    shown = html(at)
    assert f'data-testid="live-code">{code}<' in shown and "5人・5票" in shown
    assert f"参加コード {code}" in shown  # the corner of every projected screen
    strip = pictures(at)[-1]
    # The IT person is in no shown group, so the room's row counts the four shown people, never five:
    # five beside the groups would give away the fifth vote.
    assert "全員（4人）" in strip and "経営者（1人）" in strip and "現場（3人）" in strip
    assert "全員（5人）" not in strip and "IT担当" not in strip


def test_a_wrong_code_shows_nothing_and_the_tries_run_out():
    phone = open_page(JOIN, c="AAAAAA")
    assert any("「AAAAAA」のルームは見つかりません" in e.value and "あと4回" in e.value for e in phone.error)
    assert not [b for b in phone.button if b.key and b.key.startswith("join_role")]
    phone.run()
    assert any("あと4回" in e.value for e in phone.error)  # the same code, counted once
    phone.text_input[0].set_value("ab-1")
    phone.button[0].click().run()
    assert any("参加コードではありません" in e.value for e in phone.error)  # costs no try
    for code, left in (("BBBBBB", 3), ("CCCCCC", 2), ("DDDDDD", 1)):
        phone.text_input[0].set_value(code)
        phone.button[0].click().run()
        assert any(f"あと{left}回" in e.value for e in phone.error), code
    phone.text_input[0].set_value("EEEEEE")
    phone.button[0].click().run()
    phone.text_input[0].set_value("FFFFFF")
    phone.button[0].click().run()
    assert any("あと30秒は入力できません" in e.value for e in phone.error)


def test_a_made_up_voter_key_reads_nothing(assessment):
    _, code, _ = open_room(assessment)
    registry().vote(code, registry().join(code, "owner"), Answer(QUESTIONS[0].id, 4))
    phone = open_page(JOIN, c=code, v="made-up")
    assert not phone.exception
    assert any("このルームは終了しました" in i.value for i in phone.info)
    assert not phone.button and "経営者" not in texts(phone)


def test_the_facilitators_link_takes_the_room_over_in_a_new_session(assessment, workspace):
    _, code, host = open_room(assessment)
    registry().vote(code, registry().join(code, "floor"), Answer(QUESTIONS[0].id, 1))
    again = open_page(RESULT, a=assessment, room=code, key=host)  # the link names the assessment
    assert not again.exception
    assert len(workspace.assessments()) == 1  # so the room goes back into it, no new one
    assert "key" not in again.query_params  # never left on a projected address bar
    assert again.session_state["_live_room"] == {"code": code, "host": host, "assessment": assessment}
    assert any(m.value == "1人・1票" for m in again.metric)
    wrong = open_page(RESULT, a=assessment, room=code, key="guess")
    assert any("もうありません" in w.value for w in wrong.warning)
    assert "_live_room" not in wrong.session_state


def test_no_room_on_the_demo_or_on_a_file_every_visitor_shares(assessment, server_address):
    demo = open_page(RESULT, ws="demo")
    assert not [b for b in demo.button if b.key == "live_open"]
    server_address("0.0.0.0")
    shared = open_page(RESULT, a=assessment)
    assert not [b for b in shared.button if b.key == "live_open"]
    assert any("ルームは開けません" in w.value for w in shared.warning)


def test_a_second_room_waits_for_the_first_and_actions_on_a_gone_room_are_said(assessment, workspace):
    at, code, host = open_room(assessment)
    other = workspace.create_assessment("別の回", date(2026, 12, 1), load_questionnaire().version)
    elsewhere = holding(code, host, assessment, a=other)
    assert any(f"ルーム {code} が「ワークショップ" in i.value for i in elsewhere.info)
    assert not [b for b in elsewhere.button if b.key == "live_open"]
    back = holding(code, host, assessment, a=assessment)
    back.segmented_control(key="_live_pace_all").set_value("one").run()
    registry().end(code, host)  # gone meanwhile (idle, or ended with the link elsewhere)
    back.button(key="live_q_open").click().run()
    assert not back.exception
    assert any(f"ルーム {code} はもうありません" in w.value for w in back.warning)


def test_a_room_on_a_loopback_file_says_phones_cannot_reach_it(assessment):
    at = open_page(RESULT, a=assessment)
    assert any("このPCからしか接続できません" in w.value for w in at.warning)


def test_what_a_page_loaded_is_kept_out_of_the_per_run_collection():
    import gc

    gc.unfreeze()
    from ui.memory import settle

    settle.clear()
    open_page(JOIN, c="AAAAAA")
    assert gc.get_freeze_count() > 0  # Streamlit's full collection after each run skips them


def test_the_projector_redraws_only_when_the_room_changed(assessment, monkeypatch):
    at, code, host = open_room(assessment)
    at.button(key="live_present").click().run()
    calls = []
    real_view = registry().view
    monkeypatch.setattr(registry(), "view", lambda *a: calls.append(a) or real_view(*a))
    at.run()
    at.run()
    assert calls == []  # nothing arrived: the refresh reads one number and shows what it drew
    registry().vote(code, registry().join(code, "floor"), Answer(QUESTIONS[0].id, 2))
    at.run()
    assert len(calls) == 1 and "1人・1票" in html(at)


def test_the_idle_time_can_be_set_and_a_bad_value_keeps_three_hours():
    from datetime import timedelta

    from ui.room_registry import idle_limit

    assert idle_limit("1.5") == timedelta(hours=1.5)
    assert idle_limit("") == idle_limit("soon") == idle_limit("-2") == timedelta(hours=3)


def test_a_room_gone_by_itself_is_said_so_and_a_new_one_can_be_opened(assessment):
    at, code, host = open_room(assessment)
    registry().end(code, host)  # as the idle sweep does
    at.run()
    assert any(f"ルーム {code} はもうありません（3時間" in w.value for w in at.warning)
    assert at.button(key="live_open")
