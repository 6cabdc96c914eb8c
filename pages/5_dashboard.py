"""The KPI dashboard: before/after against targets, the four metrics, the first 90 days and the money."""

import streamlit as st

from core.dashboard import build_dashboard
from ui.bootstrap import IMPORT, bootstrap
from ui.dashboard import (
    bullet, cards, dashboard_tabs, edit_notes, evidence, four_metrics, kpi_editor, money_panel, money_statement,
    saved_target, settings, settings_first, shows, subsidy_panel, target_form, value_editor,
)
from ui.projection import present_opener, present_page

screen = bootstrap("nav.dashboard")
present_page(screen, default_step="kpis")
t = screen.t
board = build_dashboard(screen.store)
st.title(t("dashboard.title", tool=board.tool or t("dashboard.tool_unnamed")))
if board.progress:
    present_opener(screen, None, start="kpis")
evidence(screen, board)
if not board.progress:  # nothing to judge yet: the settings and an empty KPI table to start from
    st.info(t("dashboard.empty"))
    st.page_link(IMPORT, label=t("nav.import"), icon=":material/upload_file:", query_params=screen.params())
    settings(screen, board)
    kpi_editor(screen, board)
    st.stop()
on_top = settings_first(screen, board)
if on_top:
    settings(screen, board, on_top=True)

# Only the open tab runs and is sent to the browser: the first view stays light.
tabs = dashboard_tabs(screen)
if tabs["overview"].open:
    with tabs["overview"]:
        bullet(screen, board)
        four_metrics(screen, board)
        money_statement(screen, board)
if tabs["each_kpi"].open:
    with tabs["each_kpi"]:
        cards(screen, board)
if shows(screen, "money", tabs["money"]):
    with tabs["money"]:
        money_panel(screen, board)
        subsidy_panel(screen, board)
if shows(screen, "edit", tabs["edit"]):
    with tabs["edit"]:
        edit_notes(screen)
        saved_target(screen, board)
        target_form(screen, board)
        kpi_editor(screen, board)
        value_editor(screen, board)
        if not on_top:
            settings(screen, board)
