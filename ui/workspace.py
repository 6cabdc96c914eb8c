"""Saving the whole workspace to a file and restoring it: how a session workspace outlives its tab."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import streamlit as st

from core.workspace_file import WorkspaceFileProblem, contents, holds_work, read_workspace, workspace_bytes
from ui.assessments import md
from ui.bootstrap import Screen
from ui.controls import opener


def save_and_restore(screen: Screen) -> None:
    """Behind a button: the uploader would slow the home page's first paint for everyone."""
    t = screen.t
    if screen.demo or not opener("workspace", t("workspace.open"), t("workspace.close"),
                                 help=t("workspace.open_help"), icon=":material/save:"):
        return
    with st.container(border=True):
        now = _now()
        st.markdown(t("workspace.save_text", **contents(screen.store.snapshot())))
        st.download_button(t("workspace.save_button"), data=lambda: workspace_bytes(screen.store, now),
                           file_name=t("workspace.file_name", date=f"{now:%Y%m%d_%H%M}"), mime="application/json",
                           icon=":material/download:", on_click="ignore", key="workspace_download")
        generation = st.session_state.get("_workspace_upload", 0)  # a new key empties the uploader
        upload = st.file_uploader(t("workspace.restore_label"), type=["json"], help=t("workspace.restore_help"),
                                  key=f"workspace_upload_{generation}")
        if upload is not None:
            _offer_restore(screen, upload.name, upload.getvalue())
        _offer_undo(screen)


def _offer_restore(screen: Screen, name: str, data: bytes) -> None:
    t = screen.t
    try:
        snapshot = read_workspace(data)
    except WorkspaceFileProblem as problem:
        params = {k: md(str(v)) for k, v in problem.params.items()}  # shown as typed, never as links
        st.error(t(problem.key, file=md(name), **params), icon=":material/error:")
        return
    st.info(t("workspace.preview", file=md(name), saved_at=_when(snapshot.get("saved_at")) or t("workspace.saved_unknown"),
              **contents(snapshot)), icon=":material/description:")
    current = screen.store.snapshot()
    if holds_work(current):
        st.warning(t("workspace.replace_warning"), icon=":material/warning:")
    if st.button(t("workspace.restore_button"), type="primary", icon=":material/restore:", key="workspace_restore"):
        if _replace(screen, snapshot, name):
            st.session_state["_workspace_before"] = current  # one step back, for this session
            st.session_state["_workspace_upload"] = st.session_state.get("_workspace_upload", 0) + 1
            st.rerun()


def _replace(screen: Screen, snapshot: dict, name: str) -> bool:
    with st.spinner(screen.t("workspace.restoring")):
        try:
            screen.store.restore(snapshot)
        except (duckdb.Error, ValueError, KeyError, TypeError, OverflowError):  # one transaction: nothing written
            st.error(screen.t("restore.failed", file=md(name)), icon=":material/error:")
            return False
    return True


def _offer_undo(screen: Screen) -> None:
    """After a restore: what was replaced can be put back while this session lasts."""
    before = st.session_state.get("_workspace_before")
    if before is None:
        return
    st.success(screen.t("workspace.restored"), icon=":material/check:")
    if st.button(screen.t("workspace.undo"), icon=":material/undo:", key="workspace_undo"):
        if _replace(screen, before, screen.t("workspace.undo_source")):
            del st.session_state["_workspace_before"]
            st.toast(screen.t("workspace.undone"), icon=":material/check:")
            st.rerun()


def _when(saved_at: object) -> str | None:
    try:
        return f"{datetime.fromisoformat(saved_at):%Y-%m-%d %H:%M}"
    except (TypeError, ValueError):
        return None


def _now() -> datetime:
    try:
        return datetime.now(ZoneInfo(st.context.timezone or "Asia/Tokyo")).replace(tzinfo=None)
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.now()
