"""The first 90 days: who does what (with a backup), and the milestones from go-live to day 90."""

import streamlit as st

from ui.bootstrap import bootstrap
from ui.plan import checklist, roles_form

screen = bootstrap("nav.plan")
t = screen.t
st.title(t("plan.title"))
st.markdown(t("plan.lead"))
st.subheader(t("plan.roles_heading"))
roles_form(screen)
st.subheader(t("plan.checklist_heading"))
checklist(screen)
