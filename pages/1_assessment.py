"""The questionnaire: one dimension per step."""

import streamlit as st

from core.scoring import first_open_dimension, score_assessment
from ui.assessments import current_assessment, label_of, start_assessment_form
from ui.bootstrap import HOME, RESULT, bootstrap
from ui.format import md
from ui.respondents import current_respondent
from ui.questionnaire import (
    current_step, dimension_header, go_to_step, question_block, scroll_to_top_if_moved, step_choices,
)

screen = bootstrap("nav.assessment")
t, q = screen.t, screen.questionnaire
assessment = current_assessment(screen)
if st.query_params.get("new") == "1" or assessment is None:
    st.title(t("home.new_heading"))
    if screen.demo:
        st.info(t("assessment.demo_no_new"))
        st.page_link(HOME, label=t("demo.back"), icon=":material/home:", query_params={"lang": screen.lang})
    else:
        start_assessment_form(screen, "new_assessment")
    st.stop()

scroll_to_top_if_moved()
st.header(t("assessment.title", label=md(label_of(screen, assessment))))
respondent = current_respondent(screen, assessment)
answers = screen.store.answers(assessment.id, respondent.id)
dimensions = q.dimensions
step = current_step(screen, default=first_open_dimension(q, answers))

result = score_assessment(q, answers)
done = result.answered + result.unknown
progress_col, jump_col = st.columns([1, 1], vertical_alignment="bottom")
progress_col.progress(done / result.total, text=t("assessment.progress_demo" if screen.demo else "assessment.progress",
                                                 done=done, total=result.total))
choices = step_choices(screen, result)
jump = jump_col.selectbox(t("assessment.jump"), range(len(dimensions)), index=step,
                          format_func=choices.__getitem__, key=f"_jump_{screen.lang}_{respondent.id}_{step}_{done}")
if jump != step:
    go_to_step(jump)

dimension = dimensions[step]
dimension_header(screen, dimension, len(dimensions))
for i, question in enumerate(dimension.questions, start=1):
    question_block(screen, assessment, respondent.id, f"{dimension.number}-{i}", question, answers.get(question.id))

back, _, forward = st.columns([1, 2, 1])
if step > 0 and back.button(t("assessment.back"), icon=":material/arrow_back:", width="stretch"):
    go_to_step(step - 1)
if step < len(dimensions) - 1:
    if forward.button(t("assessment.next"), icon=":material/arrow_forward:", type="primary", width="stretch"):
        go_to_step(step + 1)
elif forward.button(t("assessment.finish"), icon=":material/radar:", type="primary", width="stretch"):
    screen.go(RESULT, a=assessment.id)
