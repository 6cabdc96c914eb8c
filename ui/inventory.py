"""The business inventory screen: a table per process, and what is left to remove."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.dashboard import build_dashboard
from core.inventory import COLUMNS, summarize
from ui.bootstrap import Screen
from ui.format import md, number


def inventory_table(screen: Screen) -> None:
    t = screen.t
    stored = screen.store.processes()
    frame = pd.DataFrame(stored, columns=list(COLUMNS)).astype({"double_entries_per_month": "float64"})
    frame["resolved"] = frame["resolved"].fillna(False).astype(bool)
    text = lambda key, width="medium": st.column_config.TextColumn(t(f"inventory.col_{key}"), width=width)  # noqa: E731
    config = {"name": text("name", "small"), "old_procedure": text("old_procedure"),
              "new_procedure": text("new_procedure"), "exceptions": text("exceptions"),
              "exception_owner": text("exception_owner", "small"), "paper_steps": text("paper_steps"),
              "double_entry": text("double_entry"),
              "double_entries_per_month": st.column_config.NumberColumn(t("inventory.col_double_entries"),
                                                                        min_value=0, step=1),
              "resolved": st.column_config.CheckboxColumn(t("inventory.col_resolved"))}
    edited = st.data_editor(frame, column_config=config, num_rows="dynamic", hide_index=True, width="stretch",
                            disabled=screen.demo, key=f"inventory_{screen.lang}_{len(stored)}", placeholder="—")
    if st.button(t("inventory.save"), type="primary", key="inventory_save", disabled=screen.demo):
        rows = [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in edited.to_dict("records")]
        screen.store.save_processes([r for r in rows if str(r.get("name") or "").strip()])
        st.toast(t("dashboard.saved"), icon=":material/check:")
        st.rerun()


def left_to_remove(screen: Screen) -> None:
    t = screen.t
    board = build_dashboard(screen.store)
    s = summarize(screen.store.processes(), [p.spec for p in board.progress], board.series)
    if not s.processes:
        st.info(t("inventory.empty"))
        return
    a, b, c = st.columns(3)
    a.metric(t("inventory.m_places"), s.double_entry_places)
    b.metric(t("inventory.m_per_month"), f"{s.double_entries_per_month:g}")
    c.metric(t("inventory.m_paper"), s.paper_steps)
    if s.reentry_kpi:
        st.markdown(t("inventory.kpi_link", kpi=md(s.reentry_kpi), value=number(screen, s.reentry_latest, "回"),
                      month=f"{s.reentry_month:%Y-%m}", counted=f"{s.double_entries_per_month:g}"))
    else:
        st.caption(t("inventory.no_kpi"))
    for name in s.exceptions_without_owner:
        st.warning(t("inventory.orphan_exception", name=md(name)), icon=":material/rule:")
