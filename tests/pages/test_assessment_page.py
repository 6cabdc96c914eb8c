"""The questionnaire, one dimension a step, each answer saved as it is given."""

from datetime import date


from core.questionnaire import load_questionnaire
from core.scoring import Answer
from tests.app_pages import (
    ASSESSMENT, open_page,
)


def test_demo_cannot_start_an_assessment(workspace):
    at = open_page(ASSESSMENT, ws="demo", new=1)
    assert not at.text_input and "デモ企業には" in at.info[-1].value


def test_questionnaire_can_be_completed_and_saves_each_answer(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    at = open_page(ASSESSMENT, a=aid, step=1)
    for step, dimension in enumerate(q.dimensions):
        assert f"{dimension.number} / 7" in at.subheader[0].value or f"{dimension.number} of 7" in at.subheader[0].value
        assert len(at.radio) == len(dimension.questions)
        for i in range(len(dimension.questions)):
            at.radio[i].set_value("unknown" if (step, i) == (0, 0) else (step + i) % 5).run()
            saved = workspace.answers(aid)[dimension.questions[i].id]  # saved before any button
            assert saved.unknown if (step, i) == (0, 0) else saved.level == (step + i) % 5
        next_or_finish = [b for b in at.button if b.label in ("次の観点", "結果を見る")]
        if step < 6:
            next_or_finish[0].click().run()
    assert len(workspace.answers(aid)) == len(q.questions)
    assert at.progress[0].value == 100


def test_note_is_saved_with_the_answer(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    at = open_page(ASSESSMENT, a=aid, step=2)
    first = q.dimensions[1].questions[0]
    at.radio[0].set_value(3).run()
    at.text_input[0].input("佐藤さんしか分からない").run()
    assert workspace.answers(aid)[first.id] == Answer(first.id, 3, False, "佐藤さんしか分からない")
    at.radio[0].set_value(1).run()
    assert workspace.answers(aid)[first.id] == Answer(first.id, 1, False, "佐藤さんしか分からない")


def test_two_tabs_editing_one_answer_keep_each_others_work(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    question = q.dimensions[0].questions[0]
    tab_a, tab_b = open_page(ASSESSMENT, a=aid, step=1), open_page(ASSESSMENT, a=aid, step=1)
    tab_a.radio[0].set_value(2).run()
    tab_b.text_input[0].input("B のメモ").run()  # tab B never saw the level
    assert workspace.answers(aid)[question.id] == Answer(question.id, 2, False, "B のメモ")
    tab_a.radio[0].set_value(4).run()  # tab A never saw the note
    assert workspace.answers(aid)[question.id] == Answer(question.id, 4, False, "B のメモ")


def test_the_step_is_pinned_in_the_url_so_answering_does_not_move_the_page(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    for question in q.dimensions[0].questions[:-1]:
        workspace.save_answer(aid, Answer(question.id, 1))
    at = open_page(ASSESSMENT, a=aid)  # no step: the first open dimension
    assert at.query_params["step"] in ("1", ["1"])
    at.radio[-1].set_value(2).run()  # completes dimension 1
    assert q.dimensions[0].name("ja") in at.subheader[0].value


def test_jump_to_any_dimension(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    at = open_page(ASSESSMENT, a=aid, step=1)
    at.selectbox[0].set_value(5).run()
    assert q.dimensions[5].name("ja") in at.subheader[0].value
    assert at.query_params["step"] in ("6", ["6"])
