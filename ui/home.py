"""Pieces of the home page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.store import Assessment
from ui.assessments import label_of, result_of
from ui.bootstrap import Screen


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
