"""The monthly review: four metrics and every KPI for a month, the log, open actions, history, Excel."""

import streamlit as st

from ui.bootstrap import bootstrap
from ui.review import excel_button, history, log_form, month_numbers, open_actions, review_months

screen = bootstrap("nav.review")
t = screen.t
st.title(t("review.title"))
st.markdown(t("review.lead"))
months, latest = review_months(screen)
month = st.selectbox(t("review.month"), months, index=latest, format_func=lambda m: f"{m:%Y-%m}",
                     key=f"review_month_{screen.lang}")
kpi_rows = month_numbers(screen, month)
actions = open_actions(screen)
log = log_form(screen, month)
excel_button(screen, month, kpi_rows, log, actions)
history(screen)
