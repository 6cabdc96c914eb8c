"""Several respondents: added on the result page, answering on the questionnaire, the room's spread shown."""

from datetime import date

from core.questionnaire import load_questionnaire
from core.scoring import Answer
from tests.app_pages import ASSESSMENT, RESULT, open_page, pictures, texts


def answer_all(store, aid, level, respondent_id=None):
    for q in load_questionnaire().questions:
        store.save_answer(aid, Answer(q.id, level), respondent_id=respondent_id)


def owner_and_floor(store, floor_staff: int) -> int:
    """The owner answers 4 everywhere, each floor person 1."""
    aid = store.create_assessment("ワークショップ", date(2026, 3, 1), load_questionnaire().version)
    answer_all(store, aid, 4)
    for _ in range(floor_staff):
        answer_all(store, aid, 1, store.add_respondent(aid, "floor"))
    return aid


def test_one_respondent_keeps_the_flow_as_simple_as_before(workspace):
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), load_questionnaire().version)
    answer_all(workspace, aid, 2)
    result = open_page(RESULT, a=aid)
    assert not result.exception
    assert any(e.label == "回答者（1人）" for e in result.expander)
    assert "回答のばらつき" not in texts(result)
    questionnaire = open_page(ASSESSMENT, a=aid, step=1)
    assert not [s for s in questionnaire.selectbox if s.label == "回答者"]


def test_a_respondent_is_added_answers_as_themselves_and_can_be_removed_and_put_back(workspace):
    aid = workspace.create_assessment("ワークショップ", date(2026, 3, 1), load_questionnaire().version)
    answer_all(workspace, aid, 4)
    at = open_page(RESULT, a=aid)
    at.selectbox(key=f"respondent_new_role_{aid}").set_value("floor")
    at.button(key=f"FormSubmitter:respondent_add_{aid}-回答者を追加").click().run()
    assert not at.exception
    owner, floor = workspace.respondents(aid)
    assert floor.role == "floor" and any("「現場 1」を追加しました" in s.value for s in at.success)

    q = open_page(ASSESSMENT, a=aid, step=1, r=floor.id)
    [who] = [s for s in q.selectbox if s.label == "回答者"]
    assert who.value == floor.id
    q.radio[0].set_value(1).run()
    first = load_questionnaire().dimensions[0].questions[0].id
    assert workspace.answers(aid, floor.id)[first].level == 1
    assert workspace.answers(aid, owner.id)[first].level == 4  # the owner's answer is untouched

    at = open_page(RESULT, a=aid)
    at.button(key=f"respondent_remove_{floor.id}").click().run()
    assert [r.role for r in workspace.respondents(aid)] == ["owner"]
    assert any("「現場 1」とその回答を削除しました" in i.value for i in at.info)
    at.button(key="respondent_undo").click().run()
    [_, back] = workspace.respondents(aid)
    assert back.role == "floor" and workspace.answers(aid, back.id)[first].level == 1


def test_the_room_spread_and_the_gap_between_owner_and_floor_are_shown(workspace):
    aid = owner_and_floor(workspace, floor_staff=3)
    at = open_page(RESULT, a=aid)
    assert not at.exception
    body = texts(at)
    assert "回答のばらつき（4人）" in body and "意見が分かれている質問" in body
    table = at.dataframe[-1].value
    assert list(table["経営者"])[:1] == ["4.0"] and list(table["現場"])[:1] == ["1.0"]
    assert list(table["中央値"])[:1] == ["1.0"] and list(table["役割間の差"])[:1] == ["⚠ 3.0"]
    assert "経営者 4.0（1人）・現場 1.0（3人） ⚠ 差 3.0" in body
    assert [m.value for m in at.metric if m.label == "総合スコア"] == ["1.0 / 4"]  # the median person, not the owner


def test_the_smallest_group_shown_is_a_setting(workspace):
    aid = owner_and_floor(workspace, floor_staff=2)
    at = open_page(RESULT, a=aid)
    assert not at.dataframe and any("表示しません" in i.value for i in at.info)  # two people: no group of their own
    at.number_input(key="respondent_min_group").set_value(2).run()
    assert workspace.get_setting("room.min_group") == "2"
    assert list(at.dataframe[-1].value["現場"])[:1] == ["1.0"]


def test_nothing_is_shown_that_would_single_out_a_person(workspace):
    aid = workspace.create_assessment("ワークショップ", date(2026, 3, 1), load_questionnaire().version)
    answer_all(workspace, aid, 4)
    answer_all(workspace, aid, 0, workspace.add_respondent(aid, "floor"))
    for _ in range(3):  # three managers: a group of their own, the one floor person is not
        answer_all(workspace, aid, 2, workspace.add_respondent(aid, "manager"))
    at = open_page(RESULT, a=aid)
    table = at.dataframe[-1].value
    assert "現場" not in table.columns and list(table["人数"])[:1] == [4]  # the owner and the managers
    assert list(table["中央値"])[:1] == ["2.0"]  # room figures leave out whoever no group shows
    assert "0.0" not in "".join(map(str, table.to_numpy().ravel()))  # the floor person's answers are nowhere
    two = workspace.create_assessment("少人数", date(2026, 3, 1), load_questionnaire().version)
    answer_all(workspace, two, 1, workspace.add_respondent(two, "floor"))
    at = open_page(RESULT, a=two)
    assert any("表示しません" in i.value for i in at.info)  # the owner and one more: no spread by role


def test_a_large_room_is_listed_in_one_table_and_edited_one_at_a_time(workspace):
    aid = owner_and_floor(workspace, floor_staff=9)
    at = open_page(RESULT, a=aid)
    assert not at.exception
    roster = next(d for d in at.dataframe if "役割" in d.value.columns)
    total = len(load_questionnaire().questions)
    assert len(roster.value) == 10 and roster.value["回答"].iloc[1] == f"{total} / {total} 問回答"
    assert len([s for s in at.selectbox if s.label == "役割" and not s.form_id]) == 1  # one editing row, not ten
    pick = next(s for s in at.selectbox if s.label == "変更する回答者")
    floor_five = workspace.respondents(aid)[5].id
    pick.set_value(floor_five).run()
    at.text_input(key=f"respondent_label_{floor_five}").input("田中").run()
    at.button(key=f"respondent_save_{floor_five}").click().run()
    assert workspace.respondents(aid)[5].label == "田中"


def test_the_gap_is_also_drawn_question_by_question_for_the_chosen_dimension(workspace):
    aid = owner_and_floor(workspace, floor_staff=3)
    at = open_page(RESULT, a=aid)
    by_question = next(s for s in at.selectbox if s.label.startswith("質問ごとの見え方"))
    by_question.set_value(load_questionnaire().dimensions[1].id).run()
    drawn = next(p for p in pictures(at) if "2-1 " in p)
    assert "差 3.0" in drawn  # owner 4, floor 1 on every question
    assert all(f"2-{i} " in drawn for i in range(1, len(load_questionnaire().dimensions[1].questions) + 1))
