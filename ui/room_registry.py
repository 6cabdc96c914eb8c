"""The server's live rooms: the one object every browser session of this server shares.

What a session may do with it is decided in core/voting.py; the phone's page reaches the rooms through
this module alone, so it never imports anything that opens a workspace (checked by .importlinter)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import streamlit as st

from core.voting import RoomRegistry
from ui import clock

ROOMS_VARIABLE = "TEICHAKU_ROOMS"  # where the rooms' logs are kept; a temporary folder by default


@st.cache_resource(show_spinner=False)
def registry() -> RoomRegistry:
    folder = os.environ.get(ROOMS_VARIABLE) or str(Path(tempfile.gettempdir()) / "teichaku-rooms")
    return RoomRegistry(Path(folder), lambda: clock.now("UTC"))
