"""The monthly review screen: the month's numbers, the log, actions carried over, history, Excel."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core.cells import cell_date
from core.dashboard import FOUR_METRICS, build_dashboard
from core.money import add_months
from core.review import review_workbook, statuses_at
from ui.bootstrap import Screen
from ui.format import md, number, status_badge


def review_months(screen: Screen) -> tuple[list[date], int]:
    """Newest first, and which to show first: the latest month with data (the one to review)."""
    series = screen.store.kpi_series()
    known = sorted({m for s in series.values() for m in s})
    this_month = screen.today.replace(day=1)
    months = sorted(set(known) | {this_month, add_months(this_month, -1)})[::-1]
    return months, months.index(known[-1]) if known else 0


def month_numbers(screen: Screen, month: date) -> list[list]:
    """The KPIs as they stood in the month: shown, and written to the Excel sheet."""
    t = screen.t
    board = build_dashboard(screen.store)
    statuses = statuses_at(month, [p.spec for p in board.progress], board.series, board.go_live)
    st.subheader(t("review.numbers_heading", month=f"{month:%Y-%m}"))
    rows = []
    for category in (*FOUR_METRICS, "other"):
        for p in [p for p in statuses if p.spec.category == category]:
            this_month = board.series.get(p.spec.name, {}).get(month)
            label = t(f"category.{category}")  # not repeated when the KPI is named after its metric
            st.markdown(t("review.kpi_line" if label != p.spec.name else "review.kpi_line_plain",
                          badge=status_badge(screen, p.status), name=md(p.spec.name), category=label,
                          value=number(screen, this_month, p.spec.unit),
                          target=number(screen, p.spec.target, p.spec.unit)))
            rows.append([p.spec.name, this_month, p.spec.target, t(f"status.{p.status}")])
    missing = [c for c in FOUR_METRICS if not any(p.spec.category == c and p.latest is not None for p in statuses)]
    if missing:
        st.caption(t("dashboard.missing", names=t("list.join").join(t(f"category.{c}") for c in missing)))
    return rows


def open_actions(screen: Screen) -> list[list]:
    """Actions from earlier reviews stay on the list until someone closes them."""
    t = screen.t
    st.subheader(t("review.actions_heading"))
    actions = [a for a in screen.store.actions() if a["status"] != "done"]
    if not actions:
        st.caption(t("review.no_open_actions"))
        return []
    rows = []
    for a in actions:
        label = t("review.action_line", text=md(a["text"]), owner=md(a["owner"] or "—"),
                  due=f"{a['due']:%Y-%m-%d}" if a["due"] else "—",
                  month=f"{a['review_month']:%Y-%m}" if a["review_month"] else "—")
        if st.checkbox(label, value=False, key=f"action_done_{a['id']}", disabled=screen.demo):
            screen.store.set_action_status(a["id"], "done")
            st.toast(t("review.action_closed"), icon=":material/check:")
            st.rerun()
        rows.append([a["text"], a["owner"], a["due"], t("review.open")])
    return rows


def log_form(screen: Screen, month: date) -> dict[str, str]:
    t = screen.t
    st.subheader(t("review.log_heading"))
    with st.form(f"review_{month:%Y%m}_{screen.lang}", clear_on_submit=True):
        improved = st.text_area(t("review.improved"), key="review_improved")
        to_change = st.text_area(t("review.to_change"), key="review_to_change")
        decision = st.text_area(t("review.decision"), key="review_decision")
        st.markdown(t("review.new_actions"))
        actions = st.data_editor(pd.DataFrame({"text": pd.Series(dtype="str"), "owner": pd.Series(dtype="str"),
                                               "due": pd.Series(dtype="datetime64[ns]")}),
                                 num_rows="dynamic", hide_index=True, width="stretch", key="review_actions",
                                 column_config={"text": st.column_config.TextColumn(t("review.action_text"), width="large"),
                                                "owner": st.column_config.TextColumn(t("review.action_owner")),
                                                "due": st.column_config.DateColumn(t("review.action_due"),
                                                                                   format="YYYY/MM/DD")})
        if st.form_submit_button(t("review.save"), type="primary", disabled=screen.demo):
            new = [(str(r.text).strip(), str(r.owner or "").strip(),
                    cell_date(r.due))
                   for r in actions.itertuples(index=False) if r.text and str(r.text).strip()]
            screen.store.add_review(month, improved.strip(), to_change.strip(), decision.strip(), new)
            st.session_state["_review_saved"] = True
            st.rerun()
    if st.session_state.pop("_review_saved", False):
        st.success(t("review.saved"), icon=":material/check:")
    latest = next((r for r in screen.store.reviews() if r["month"] == month), None)
    return {k: (latest or {}).get(k) or "" for k in ("improved", "to_change", "decision")}


def history(screen: Screen) -> None:
    t = screen.t
    reviews = screen.store.reviews()
    st.subheader(t("review.history_heading"))
    if not reviews:
        st.caption(t("review.no_history"))
    for r in reviews:
        with st.expander(t("review.history_item", month=f"{r['month']:%Y-%m}", at=f"{r['created_at']:%Y-%m-%d}")):
            for key in ("improved", "to_change", "decision"):
                st.markdown(f"**{t(f'review.{key}')}**  \n{md(r[key] or '—')}")


def excel_button(screen: Screen, month: date, kpi_rows: list[list], log: dict[str, str], actions: list[list]) -> None:
    t = screen.t
    texts = {k: t(f"review.x_{k}") for k in ("sheet", "title", "kpi_header", "log_item", "log_text",
                                             "action_header")}
    texts |= {k: t(f"review.{k}") for k in ("improved", "to_change", "decision")}
    st.download_button(t("review.download"), data=review_workbook(texts, month, kpi_rows, log, actions),
                       file_name=t("review.file_name", month=f"{month:%Y-%m}"), icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", key="review_download", type="primary")
