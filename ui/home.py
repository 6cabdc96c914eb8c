"""Pieces of the home page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.records import Assessment
from ui.assessments import label_of, remember, result_of
from ui.bootstrap import ASSESSMENT, RESULT, Screen
from ui.format import md


def show_causes_and_remedies(screen: Screen) -> None:
    t, q, lang = screen.t, screen.questionnaire, screen.lang
    causes, remedies = st.columns(2)
    with causes.expander(t("home.causes_heading"), expanded=True):
        st.markdown("\n".join(f"{d.number}. **{d.name(lang)}** — {d.summary(lang)}" for d in q.dimensions))
    with remedies.expander(t("home.remedies_heading"), expanded=True):
        st.markdown("\n".join(f"{r.number}. **{r.title(lang)}** — {r.summary(lang)}" for r in q.remedies))


def explain_storage(screen: Screen) -> None:
    t = screen.t
    if screen.demo:
        return
    if screen.storage.mode == "local" and screen.storage.shared:
        st.warning(t("storage.local_shared", path=screen.storage.path), icon=":material/group:")
    elif screen.storage.mode == "local":
        st.success(t("storage.local", path=screen.storage.path) + "  \n" + t(screen.storage.reason),
                   icon=":material/save:")
    else:
        st.warning(t("storage.session") + "  \n" + t(screen.storage.reason), icon=":material/warning:")


def leave_demo(screen: Screen) -> None:
    st.query_params.clear()
    st.query_params["lang"] = screen.lang
    st.rerun()


def show_assessment_list(screen: Screen, assessments: list[Assessment]) -> None:
    t = screen.t
    if not assessments:
        return
    st.subheader(t("home.list_heading"))
    rows = []
    for a in reversed(assessments):
        progress = result_of(screen, a)
        rows.append({t("home.col_label"): label_of(screen, a),
                     t("home.col_progress"): f"{progress.answered + progress.unknown} / {progress.total}"})
    frame = pd.DataFrame(rows)
    st.table(frame.set_index(t("home.col_label")))


def start_section(screen: Screen, assessments: list[Assessment]) -> None:
    """Start a new assessment, continue the open one, or open the demo company."""
    t = screen.t
    in_progress = [a for a in assessments if not result_of(screen, a).is_complete]
    st.subheader(t("home.start_heading"))
    new_col, continue_col, demo_col = st.columns(3, border=True)
    with new_col:
        st.markdown(f"**{t('home.new_heading')}**")
        st.caption(t("home.new_text"))
        # The form itself is on the questionnaire page: text and date inputs would slow this first page.
        if st.button(t("home.new_heading"), key="new", type="primary"):
            screen.go(ASSESSMENT, new=1)
    with continue_col:
        st.markdown(f"**{t('home.continue_heading')}**")
        if in_progress:
            latest = max(in_progress, key=lambda a: a.id)  # the one started last
            progress = result_of(screen, latest)
            st.write(t("home.continue_text", label=md(label_of(screen, latest)),
                       answered=progress.answered + progress.unknown, total=progress.total))
            if st.button(t("home.continue_button"), key="continue", type="primary"):
                remember(screen, latest.id)
                screen.go(ASSESSMENT, a=latest.id)
        else:
            st.caption(t("home.continue_none"))
    with demo_col:
        st.markdown(f"**{t('home.demo_heading')}**")
        st.caption(t("home.demo_text"))
        if st.button(t("home.demo_button"), key="open_demo"):
            st.switch_page(RESULT, query_params={"lang": screen.lang, "ws": "demo"})
