"""A room over time: a re-assessment starts with the same people, and the history radar draws one role's
line where that role can be shown."""

from datetime import date

from core.questionnaire import load_questionnaire
from tests.app_pages import ASSESSMENT, COMPARE, open_page, radar_series
from tests.rooms import fill_room

Q = load_questionnaire()


def test_a_reassessment_starts_with_the_same_people_but_no_answers(workspace):
    before = workspace.create_assessment("導入前", date(2026, 3, 1), Q.version)
    fill_room(workspace, before, {"owner": (1, 3), "floor": (3, 1)})
    workspace.update_respondent(workspace.respondents(before)[1].id, "floor", "佐藤")
    at = open_page(ASSESSMENT, new=1)
    assert at.checkbox[0].value and "4人" in at.checkbox[0].label
    at.text_input[0].input("導入90日後")
    at.button[0].click().run()
    after = workspace.assessments()[-1]
    people = workspace.respondents(after.id)
    assert after.label == "導入90日後" and [(p.role, p.label) for p in people] == \
        [("owner", ""), ("floor", "佐藤"), ("floor", ""), ("floor", "")]
    assert all(not workspace.answers(after.id, p.id) for p in people)


def test_without_a_room_nothing_extra_is_asked(workspace):
    workspace.create_assessment("導入前", date(2026, 3, 1), Q.version)
    at = open_page(ASSESSMENT, new=1)
    assert not at.checkbox


def test_the_history_radar_shows_one_roles_line_where_it_can(workspace):
    first = workspace.create_assessment("導入前", date(2026, 3, 1), Q.version)
    fill_room(workspace, first, {"owner": (1, 3), "floor": (2, 1)})  # two floor staff: not shown as a group
    second = workspace.create_assessment("導入90日後", date(2026, 7, 1), Q.version)
    fill_room(workspace, second, {"owner": (1, 3), "floor": (3, 2)})
    at = open_page(COMPARE)
    assert radar_series(at) == {"導入前（2026-03-01）", "導入90日後（2026-07-01）"}
    assert at.get("button_group")  # the perspective choice is offered
    at.session_state["_compare_role_ja"] = "floor"
    at.run()
    assert radar_series(at) == {"導入90日後（2026-07-01）"}
    assert any("導入前（2026-03-01）" in c.value for c in at.caption)
