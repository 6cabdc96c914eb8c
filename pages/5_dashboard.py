"""The KPI dashboard: before/after against targets, the four metrics, the first 90 days and the money."""

import streamlit as st

from core.dashboard import build_dashboard
from ui.bootstrap import IMPORT, bootstrap
from ui.controls import opener
from ui.dashboard import (
    bullet, cards, evidence, four_metrics, kpi_editor, money_panel, settings, subsidy_panel, target_form,
    value_editor,
)

screen = bootstrap("nav.dashboard")
t = screen.t
board = build_dashboard(screen.store)
st.title(t("dashboard.title", tool=board.tool or t("dashboard.tool_unnamed")))
evidence(screen, board)
settings_first = board.go_live is None and not screen.demo
if settings_first:
    settings(screen, board)  # without a go-live date nothing can be judged: ask for it first
if not board.progress:
    st.info(t("dashboard.empty"))
    st.page_link(IMPORT, label=t("nav.import"), icon=":material/upload_file:", query_params=screen.params())
    st.stop()

bullet(screen, board)
four_metrics(screen, board)
cards(screen, board)
money_panel(screen, board)
# The editing tools load table widgets that slow the first view: they open on request.
if opener("dashboard_edit", t("dashboard.edit_open"), t("dashboard.edit_close"), help=t("dashboard.edit_help"),
          icon=":material/edit:"):
    if screen.demo:
        st.caption(t("dashboard.demo_edit"))
    if not settings_first:
        settings(screen, board)
    target_form(screen, board)
    kpi_editor(screen, board)
    value_editor(screen, board)
    subsidy_panel(screen, board)
