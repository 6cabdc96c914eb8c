"""Saving the whole workspace to a file and restoring it: how a session workspace outlives its tab."""

from __future__ import annotations

from datetime import datetime

import duckdb
import streamlit as st

from core.workspace_file import WorkspaceFileProblem, contents, holds_work, read_workspace, workspace_bytes
from ui import clock
from ui.bootstrap import Screen
from ui.controls import opener
from ui.format import md


def save_and_restore(screen: Screen) -> None:
    """Behind a button: the uploader would slow the home page's first paint for everyone."""
    t = screen.t
    if screen.demo or not opener("workspace", t("workspace.open"), t("workspace.close"),
                                 help=t("workspace.open_help"), icon=":material/save:"):
        return
    with st.container(border=True):
        now, current = clock.now(st.context.timezone), screen.store.snapshot()  # read once per run, used by every part below
        st.markdown(t("workspace.save_text", **contents(current)))
        st.download_button(t("workspace.save_button"), data=lambda: workspace_bytes(screen.store, now),
                           file_name=t("workspace.file_name", date=f"{now:%Y%m%d_%H%M}"), mime="application/json",
                           icon=":material/download:", on_click="ignore", key="workspace_download")
        generation = st.session_state.get("_workspace_upload", 0)  # a new key empties the uploader
        # No type filter: Streamlit would refuse another file with an English note; ours says what to do.
        upload = st.file_uploader(t("workspace.restore_label"), help=t("workspace.restore_help"),
                                  key=f"workspace_upload_{generation}")
        if upload is not None:
            _offer_restore(screen, upload.name, upload.getvalue(), current)
        _offer_undo(screen, current)


def _offer_restore(screen: Screen, name: str, data: bytes, current: dict) -> None:
    t = screen.t
    try:
        snapshot = read_workspace(data)
    except WorkspaceFileProblem as problem:
        params = {k: md(str(v)) for k, v in problem.params.items()}  # shown as typed, never as links
        if "place" in problem.params:
            params["place"] = place_label(t, problem.params["place"])
        st.error(t(problem.key, file=md(name), **params), icon=":material/error:")
        return
    company = snapshot.get("company", {}).get("name_en" if screen.lang == "en" else "name") \
        or snapshot.get("company", {}).get("name") or t("workspace.company_unknown")
    st.info(t("workspace.preview", file=md(name), saved_at=_when(snapshot.get("saved_at")) or t("workspace.saved_unknown"),
              company=md(company), **contents(snapshot)), icon=":material/description:")
    if holds_work(current):
        st.warning(t("workspace.replace_warning"), icon=":material/warning:")
    if st.button(t("workspace.restore_button"), type="primary", icon=":material/restore:", key="workspace_restore"):
        if _replace(screen, snapshot, name):
            # One step back, for this session, while nothing has changed since: undo must not erase new work.
            st.session_state["_workspace_undo"] = (current, screen.store.snapshot())
            st.session_state["_workspace_upload"] = st.session_state.get("_workspace_upload", 0) + 1
            st.toast(t("workspace.restored"), icon=":material/check:")
            st.rerun()


def _replace(screen: Screen, snapshot: dict, name: str) -> bool:
    with st.spinner(screen.t("workspace.restoring")):
        try:
            screen.store.restore(snapshot)
        except (duckdb.Error, ValueError, KeyError, TypeError, OverflowError):  # one transaction: nothing written
            st.error(screen.t("restore.failed", file=md(name)), icon=":material/error:")
            return False
    return True


def _offer_undo(screen: Screen, current: dict) -> None:
    """After a restore, what it replaced can be put back: while this session lasts and nothing has changed."""
    before, after = st.session_state.get("_workspace_undo", (None, None))
    if before is None:
        return
    if current != after:  # new work since the restore: going back would erase it
        del st.session_state["_workspace_undo"]
        return
    if st.button(screen.t("workspace.undo"), icon=":material/undo:", key="workspace_undo",
                 help=screen.t("workspace.undo_help")):
        if _replace(screen, before, screen.t("workspace.undo_source")):
            del st.session_state["_workspace_undo"]
            st.toast(screen.t("workspace.undone"), icon=":material/check:")
            st.rerun()


SETTING_LABELS = {"settings.tool.go_live": "dashboard.go_live", "settings.money.hourly_cost": "dashboard.hourly_cost",
                  "settings.money.initial_cost": "dashboard.initial_cost",
                  "settings.money.monthly_cost": "dashboard.monthly_cost",
                  "settings.subsidy.definition": "subsidy.definition", "settings.subsidy.figures": "subsidy.heading"}


def place_label(t, place: str) -> str:
    """`assessments[2].taken_on` as 「診断の2件目（assessments[2].taken_on）」: the part in words, the exact place."""
    part = place.partition(".")[0]
    name, _, row = part.partition("[")
    label = t(SETTING_LABELS[place]) if place in SETTING_LABELS else t(f"workspace.part_{name}")
    if row:
        return t("workspace.place_row", part=label, n=row.rstrip("]"), place=md(place))
    return t("workspace.place_part", part=label, place=md(place))


def _when(saved_at: object) -> str | None:
    try:
        return f"{datetime.fromisoformat(saved_at):%Y-%m-%d %H:%M}"
    except (TypeError, ValueError):
        return None

