"""Choosing and starting assessments: shared by home, questionnaire, result and compare."""

from __future__ import annotations

import streamlit as st

from core.perception import room_result
from core.scoring import AssessmentResult
from core.records import Assessment
from ui.bootstrap import ASSESSMENT, Screen
from ui.format import DATE_RANGE, md


LABEL_LIMIT = 80


def current_assessment(screen: Screen) -> Assessment | None:
    """The one named in the URL, else the one last used in this session, else the newest."""
    assessments = screen.store.assessments()
    if not assessments:
        return None
    in_url = st.query_params.get("a")
    wanted = in_url or st.session_state.get(_memory_key(screen))
    chosen = next((a for a in assessments if str(a.id) == str(wanted)), None)
    if chosen is None:
        chosen = assessments[-1]
        if in_url:
            st.warning(screen.t("assessment.unknown_id", shown=label_of(screen, chosen)))
    if in_url and in_url != str(chosen.id):
        st.query_params["a"] = str(chosen.id)  # the URL names what is shown
    remember(screen, chosen.id)
    return chosen


def remember(screen: Screen, assessment_id: int) -> None:
    st.session_state[_memory_key(screen)] = assessment_id


def _memory_key(screen: Screen) -> str:
    return f"_current_assessment_{'demo' if screen.demo else 'own'}"


def label_of(screen: Screen, a: Assessment) -> str:
    """Label and date; a number is added when two assessments would read the same."""
    return screen.assessment_labels()[a.id]


def assessment_picker(screen: Screen, current: Assessment, key: str) -> Assessment:
    """A select box over all assessments; choosing one makes it current."""
    assessments = screen.store.assessments()
    chosen = st.selectbox(screen.t("result.pick"), assessments, index=assessments.index(current),
                          format_func=lambda a: label_of(screen, a), key=f"{key}_{screen.lang}")
    if chosen.id != current.id:
        remember(screen, chosen.id)
        st.query_params["a"] = str(chosen.id)
    return chosen


def result_of(screen: Screen, a: Assessment) -> AssessmentResult:
    """The company's result: the room's median when several people answered, else the one respondent's."""
    return room_result(screen.questionnaire, screen.store.room(a.id))


def _previous_room(screen: Screen) -> tuple[Assessment, int] | None:
    """The newest assessment answered by more than one person, and how many: a re-assessment can start
    with the same people, so the room's change over time compares like with like."""
    for a in reversed(screen.store.assessments()):
        people = len(screen.store.respondents(a.id))
        if people > 1:
            return a, people
    return None


def start_assessment_form(screen: Screen, key: str) -> None:
    """Label and date, then the first step of the questionnaire."""
    t = screen.t
    with st.form(key, border=False):
        label = st.text_input(t("home.new_label"), placeholder=t("home.new_label_placeholder"),
                              key=f"{key}_label")
        taken_on = st.date_input(t("home.new_date"), value=screen.today, format="YYYY/MM/DD", **DATE_RANGE,
                                 key=f"{key}_date")
        previous = _previous_room(screen)
        same_people = previous is not None and st.checkbox(
            t("home.same_people", label=md(label_of(screen, previous[0])), n=previous[1]), value=True,
            key=f"{key}_same_people", help=t("home.same_people_help"))
        submitted = st.form_submit_button(t("home.new_button"), type="primary", disabled=screen.demo)
    if submitted:
        name = label.strip()[:LABEL_LIMIT] or t("home.new_label_default")
        new_id = screen.store.create_assessment(name, taken_on, screen.questionnaire.version)
        if same_people:
            screen.store.copy_respondents(previous[0].id, new_id)
        remember(screen, new_id)
        screen.go(ASSESSMENT, a=new_id, step=1)
