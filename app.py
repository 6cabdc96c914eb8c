"""Home: what Teichaku does, where the data lives, and where to start."""

import streamlit as st

from core.demo import copy_demo_into
from ui.bootstrap import DASHBOARD, bootstrap
from ui.home import explain_storage, leave_demo, show_assessment_list, show_causes_and_remedies, start_section
from ui.workspace import save_and_restore

screen = bootstrap("home.title")
t = screen.t

st.title(t("home.title"))
st.markdown(t("home.lead"))
explain_storage(screen)
save_and_restore(screen)

if screen.demo:
    back, copy = st.columns(2)
    if back.button(t("demo.back"), icon=":material/arrow_back:"):
        leave_demo(screen)
    if copy.button(t("demo.copy"), icon=":material/content_copy:"):
        st.session_state["_copy_demo"] = True  # done on the next run, in the user's own workspace
        leave_demo(screen)

if st.session_state.pop("_copy_demo", False) and not screen.demo:
    copied = copy_demo_into(screen.store, screen.lang)
    st.success(t("demo.copied" if copied else "demo.already_copied"), icon=":material/check:")
    st.page_link(DASHBOARD, label=t("demo.open_dashboard"), icon=":material/monitoring:",
                 query_params=screen.params())

assessments = screen.store.assessments()
if not screen.demo:  # the demo is for looking; starting and continuing happen in your own data
    start_section(screen, assessments)
show_causes_and_remedies(screen)
show_assessment_list(screen, assessments)
