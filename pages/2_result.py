"""The diagnosis: radar, overall level, scores, weakest areas and targets."""

import streamlit as st

from core.charts import RadarSeries
from core.perception import median_answers, room_result
from ui.assessments import assessment_picker, current_assessment, label_of
from ui.bootstrap import ASSESSMENT, HOME, bootstrap
from ui.evidence import show_disagreements
from ui.voting import adopt_from_link, room_panel
from ui.forms import forms_added_notice, paper_forms
from ui.projection import present_opener, present_page
from ui.respondents import respondents_panel, spread_section
from ui.result import (
    delete_control, deleted_notice, gap_list, headline, radar, rename_control, score_table, target_editor,
    weakest_areas,
)

screen = bootstrap("nav.result")
adopt_from_link(screen)
present_page(screen)
t = screen.t
st.title(t("result.title"))
deleted_notice(screen)
current = current_assessment(screen)
if current is None:
    st.info(t("result.none"))
    st.page_link(HOME, label=t("assessment.go_home"), icon=":material/home:", query_params=screen.params())
    st.stop()

assessment = assessment_picker(screen, current, key="_result_pick")
room = screen.store.room(assessment.id)  # read once: the result, the answers and the spread all come from it
result = room_result(screen.questionnaire, room)
answers = median_answers(room)
targets = screen.store.targets(assessment.id)

present_opener(screen, assessment.id)
headline(screen, result)
show_disagreements(screen, result, screen.store.kpi_specs(), screen.store.kpi_series())
if result.missing:
    st.page_link(ASSESSMENT, label=t("result.continue"), icon=":material/edit:",
                 query_params=screen.params(a=assessment.id))

series = [RadarSeries(label_of(screen, assessment), {d.dimension_id: d.score for d in result.dimensions})]
if targets:
    series.append(RadarSeries(t("result.target_series"), dict(targets), is_target=True))
radar(screen, series)
score_table(screen, result, targets)
respondents_panel(screen, assessment, room)
room_panel(screen, assessment)
paper_forms(screen, assessment)
forms_added_notice(screen)
spread_section(screen, room)

weakest_areas(screen, result, answers)

st.subheader(t("result.targets_heading"))
target_editor(screen, assessment, result, targets)
st.markdown(f"**{t('result.gaps_heading')}**")
gap_list(screen, result.gaps(targets))

st.divider()
with st.container(horizontal=True):
    rename_control(screen, assessment)
    delete_control(screen, assessment)
