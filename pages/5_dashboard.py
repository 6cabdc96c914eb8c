"""The KPI dashboard: before/after against targets, the four metrics, the first 90 days and the money."""

import streamlit as st

from core.dashboard import build_dashboard
from ui.bootstrap import IMPORT, bootstrap
from ui.dashboard import (
    bullet, cards, dashboard_tabs, evidence, four_metrics, kpi_editor, money_panel, money_statement, saved_target,
    settings, subsidy_panel, target_form, value_editor,
)

screen = bootstrap("nav.dashboard")
t = screen.t
board = build_dashboard(screen.store)
st.title(t("dashboard.title", tool=board.tool or t("dashboard.tool_unnamed")))
evidence(screen, board)
if not board.progress:  # nothing to judge yet: the settings and an empty KPI table to start from
    st.info(t("dashboard.empty"))
    st.page_link(IMPORT, label=t("nav.import"), icon=":material/upload_file:", query_params=screen.params())
    settings(screen, board)
    kpi_editor(screen, board)
    st.stop()
if board.go_live is None and not screen.demo:
    settings(screen, board)  # without a go-live date nothing can be judged: ask for it first

# Only the open tab runs and is sent to the browser: the first view stays light.
overview, each_kpi, money, edit = dashboard_tabs(screen)
if overview.open:
    with overview:
        bullet(screen, board)
        four_metrics(screen, board)
        money_statement(screen, board)
if each_kpi.open:
    with each_kpi:
        cards(screen, board)
if money.open:
    with money:
        money_panel(screen, board)
        subsidy_panel(screen, board)
if edit.open:
    with edit:
        if screen.demo:
            st.caption(t("dashboard.demo_edit"))
        saved_target(screen, board)
        target_form(screen, board)
        kpi_editor(screen, board)
        value_editor(screen, board)
        if board.go_live is not None:
            settings(screen, board)
