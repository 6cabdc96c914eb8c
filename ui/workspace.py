"""Saving the whole workspace to a file and restoring it: how a session workspace outlives its tab."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import streamlit as st

from core.workspace_file import WorkspaceFileProblem, contents, read_workspace, workspace_bytes
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
    if st.session_state.pop("_workspace_restored", False):
        st.toast(t("workspace.restored"), icon=":material/check:")


def _offer_restore(screen: Screen, name: str, data: bytes) -> None:
    t = screen.t
    try:
        snapshot = read_workspace(data)
    except WorkspaceFileProblem as problem:
        st.error(t(problem.key, file=name, **problem.params), icon=":material/error:")
        return
    st.info(t("workspace.preview", file=name, saved_at=_when(snapshot.get("saved_at")) or t("workspace.saved_unknown"),
              **contents(snapshot)), icon=":material/description:")
    if any(contents(screen.store.snapshot()).values()):
        st.warning(t("workspace.replace_warning"), icon=":material/warning:")
    if st.button(t("workspace.restore_button"), type="primary", icon=":material/restore:", key="workspace_restore"):
        try:
            screen.store.restore(snapshot)
        except (duckdb.Error, ValueError, KeyError, TypeError) as error:  # nothing was written: one transaction
            st.error(t("restore.failed", file=name, detail=type(error).__name__), icon=":material/error:")
            return
        st.session_state["_workspace_upload"] = st.session_state.get("_workspace_upload", 0) + 1
        st.session_state["_workspace_restored"] = True
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
