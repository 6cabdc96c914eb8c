"""Which editable tables hold edits not yet saved: a table keyed by its shape keeps its edits after a save,
so what was saved is remembered and compared."""

from __future__ import annotations

from copy import deepcopy

import streamlit as st


def edits(key: str) -> dict:
    state = st.session_state.get(key)
    return {k: state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")} if isinstance(state, dict) else {}


def unsaved(key: str) -> bool:
    pending = edits(key)
    return any(pending.values()) and pending != st.session_state.get(f"_saved_{key}")


def mark_saved(key: str) -> None:
    """A table keyed by its shape keeps its edits after a save: remember them as saved."""
    st.session_state[f"_saved_{key}"] = deepcopy(edits(key))
