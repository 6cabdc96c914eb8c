"""The diagnosis: scores, radar, recommendations, targets, and correcting or deleting an assessment."""

from datetime import date


from core.questionnaire import load_questionnaire
from core.scoring import Answer
from tests.app_pages import (
    DASHBOARD, RESULT, answer_everything, charts, radar_series, open_page, texts,
)


def test_an_unknown_assessment_in_the_link_is_named(workspace):
    aid = workspace.create_assessment("本物", date(2026, 3, 1), "v")
    at = open_page(RESULT, a=999)
    assert "見つからない" in at.warning[0].value and "本物" in at.warning[0].value
    assert at.query_params["a"] in (str(aid), [str(aid)])


def test_result_shows_seven_scores_radar_and_recommendations(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=1)
    weakest = q.dimensions[3].questions[0]
    workspace.save_answer(aid, Answer(weakest.id, 0))
    workspace.save_answer(aid, Answer(q.dimensions[6].questions[0].id, unknown=True))
    at = open_page(RESULT, a=aid)
    assert not at.exception
    table = at.table[0].value
    assert len(table) == 7
    assert radar_series(at) == {"導入前（2026-03-01）"} and not charts(at)  # a picture: no Vega runtime
    assert at.metric[2].value == "1"  # one わからない
    assert any("わからない" in w.value for w in at.warning)
    first_weak = q.dimensions[3]
    assert f"1. {first_weak.name('ja')}" in texts(at)
    assert first_weak.recommendations_for("low")[0].title("ja") in texts(at)


def test_targets_are_saved_and_drawn(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=1)
    at = open_page(RESULT, a=aid)
    target = at.selectbox(key=f"target_own_ja_{aid}_{q.dimensions[0].id}_None")
    assert target.value is None and workspace.targets(aid) == {}  # nothing shown that is not saved
    assert radar_series(at) == {"導入前（2026-03-01）"}
    target.set_value(4).run()
    assert workspace.targets(aid) == {q.dimensions[0].id: 4}
    assert radar_series(at) == {"導入前（2026-03-01）", "1年後の目標"}
    assert f"**{q.dimensions[0].name('ja')}**" in texts(at)  # the gap list names it


def test_suggested_targets_fill_only_unset_dimensions(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=1)
    workspace.set_target(aid, q.dimensions[0].id, 4)
    at = open_page(RESULT, a=aid)
    at.button(key="suggest_targets").click().run()
    targets = workspace.targets(aid)
    assert targets[q.dimensions[0].id] == 4 and all(targets[d.id] == 2 for d in q.dimensions[1:])


def test_deleting_an_assessment(workspace):
    keep = workspace.create_assessment("残す", date(2026, 3, 1), "v")
    gone = workspace.create_assessment("消す", date(2026, 4, 1), "v")
    at = open_page(RESULT, a=gone)
    at.button(key="delete_assessment").click().run()
    assert [a.id for a in workspace.assessments()] == [keep]
    assert not at.exception


def test_evidence_check_on_the_dashboard_and_the_result(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("自己評価", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=3)  # every dimension rated high, and no KPI data at all
    board = open_page(DASHBOARD)
    assert any("効果測定" in w.value and "記録が1件もありません" in w.value for w in board.warning)
    result = open_page(RESULT, a=aid)
    assert any("記録が1件もありません" in w.value for w in result.warning)


def test_an_assessment_can_be_renamed_and_redated(workspace):
    aid = workspace.create_assessment("導入前（仮）", date(2026, 3, 1), load_questionnaire().version)
    at = open_page(RESULT, a=aid)
    next(w for w in at.text_input if w.value == "導入前（仮）").set_value("導入前")
    next(d for d in at.date_input if d.value == date(2026, 3, 1)).set_value(date(2026, 3, 10))
    next(b for b in at.button if b.label == "変更を保存").click().run()
    assert not at.exception
    renamed = workspace.assessments()[0]
    assert (renamed.label, renamed.taken_on) == ("導入前", date(2026, 3, 10))
    assert at.title[0].value and "導入前" in texts(at)


def test_the_demo_offers_no_rename(workspace):
    at = open_page(RESULT, ws="demo")
    assert "変更を保存" not in [b.label for b in at.button]
