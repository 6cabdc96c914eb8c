"""Home: what Teichaku does, where the data lives, and where to start."""

import streamlit as st

from core.demo import copy_demo_into
from ui.assessments import label_of, md, remember, result_of
from ui.bootstrap import ASSESSMENT, RESULT, bootstrap
from ui.home import explain_storage, leave_demo, show_assessment_list, show_causes_and_remedies

screen = bootstrap("home.title")
t = screen.t

st.title(t("home.title"))
st.markdown(t("home.lead"))
explain_storage(screen)

if screen.demo:
    back, copy = st.columns(2)
    if back.button(t("demo.back"), icon=":material/arrow_back:"):
        leave_demo(screen)
    if copy.button(t("demo.copy"), icon=":material/content_copy:"):
        st.session_state["_copy_demo"] = True  # done on the next run, in the user's own workspace
        leave_demo(screen)

if st.session_state.pop("_copy_demo", False) and not screen.demo:
    copied = copy_demo_into(screen.store, screen.lang)
    st.toast(t("demo.copied" if copied else "demo.already_copied"), icon=":material/check:")

assessments = screen.store.assessments()
in_progress = [a for a in assessments if not result_of(screen, a).is_complete]

st.subheader(t("home.start_heading"))
new_col, continue_col, demo_col = st.columns(3, border=True)
with new_col:
    st.markdown(f"**{t('home.new_heading')}**")
    st.caption(t("home.new_text"))
    # The form itself lives on the questionnaire page: text and date inputs would slow this first page.
    if st.button(t("home.new_heading"), key="new", type="primary", disabled=screen.demo):
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
    if st.button(t("home.demo_button"), key="open_demo", disabled=screen.demo):
        st.switch_page(RESULT, query_params={"lang": screen.lang, "ws": "demo"})

show_causes_and_remedies(screen)
show_assessment_list(screen, assessments)
