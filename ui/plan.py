"""The 90-day plan screen: roles with backups, and the day-0-to-90 checklist."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.cells import cell_date, is_blank
from core.dashboard import read_go_live
from core.plan import ROLES, Milestone, Role, default_milestones, role_warnings
from ui.bootstrap import Screen
from ui.format import md


def roles_form(screen: Screen) -> None:
    t = screen.t
    stored = {r.role: r for r in screen.store.roles()}
    with st.form(f"roles_{screen.lang}"):
        st.markdown(t("plan.roles_help"))
        entered = []
        for role in ROLES:
            current = stored.get(role, Role(role))
            label, person, backup = st.columns([1.2, 1, 1], vertical_alignment="bottom")
            label.markdown(f"**{t(f'plan.role_{role}')}**  \n{t(f'plan.role_{role}_does')}")
            entered.append(Role(role, person.text_input(t("plan.person"), current.person, key=f"role_{role}_person"),
                                backup.text_input(t("plan.backup"), current.backup, key=f"role_{role}_backup")))
        if st.form_submit_button(t("plan.roles_save"), type="primary", disabled=screen.demo):
            screen.store.save_roles(entered)
            st.toast(t("dashboard.saved"), icon=":material/check:")
            st.rerun()
    roles = screen.store.roles()
    for w in role_warnings(roles) if roles else []:
        params = dict(w.params)
        if "role" in params:
            params["role"] = t(f"plan.role_{params['role']}")
        if "roles" in params:
            params["roles"] = t("list.join").join(t(f"plan.role_{r}") for r in params["roles"])
        params = {k: md(v) if isinstance(v, str) else v for k, v in params.items()}
        st.warning(t(w.key, **params), icon=":material/person_alert:")
    if roles and not role_warnings(roles):
        st.success(t("plan.roles_ok"), icon=":material/groups:")


def checklist(screen: Screen) -> None:
    t = screen.t
    go_live = read_go_live(screen.store)
    stored = screen.store.milestones()
    milestones = stored or default_milestones(go_live, t)
    if not stored:
        st.caption(t("plan.checklist_proposed"))
    frame = pd.DataFrame([{"day": m.day, "title": m.title, "due": m.due, "done": m.done, "note": m.note}
                          for m in milestones])
    done = int(frame["done"].sum()) if not frame.empty else 0
    st.progress(done / max(len(frame), 1), text=t("plan.checklist_progress", done=done, total=len(frame)))
    config = {"day": st.column_config.NumberColumn(t("plan.col_day"), min_value=0, max_value=365, step=1),
              "title": st.column_config.TextColumn(t("plan.col_title"), width="large", required=True),
              "due": st.column_config.DateColumn(t("plan.col_due"), format="YYYY/MM/DD"),
              "done": st.column_config.CheckboxColumn(t("plan.col_done")),
              "note": st.column_config.TextColumn(t("plan.col_note"))}
    edited = st.data_editor(frame, column_config=config, hide_index=True, num_rows="dynamic", width="stretch",
                            disabled=screen.demo, key=f"milestones_{screen.lang}_{len(stored)}")
    if st.button(t("plan.checklist_save"), key="milestones_save", disabled=screen.demo, type="primary"):
        screen.store.save_milestones(milestones_from(edited))
        st.toast(t("dashboard.saved"), icon=":material/check:")
        st.rerun()


def milestones_from(frame: pd.DataFrame) -> list[Milestone]:
    rows = []
    for r in frame.itertuples(index=False):
        title = str(r.title or "").strip()
        if not title:
            continue
        rows.append(Milestone(int(0 if is_blank(r.day) else r.day), title, cell_date(r.due), bool(r.done),
                              "" if is_blank(r.note) else str(r.note)))
    return sorted(rows, key=lambda m: m.day)
