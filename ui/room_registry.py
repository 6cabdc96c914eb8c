"""The server's live rooms: the one object every browser session of this server shares.

What a session may do with it is decided in core/voting.py; the phone's page reaches the rooms through
this module alone, so it never imports anything that opens a workspace (checked by .importlinter)."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import streamlit as st

from core.voting import IDLE_LIMIT, RoomRegistry
from ui import clock

ROOMS_VARIABLE = "TEICHAKU_ROOMS"  # where the rooms' logs are kept; a temporary folder by default
IDLE_VARIABLE = "TEICHAKU_ROOM_IDLE_HOURS"  # how long a room may go without a vote or a step; 3 by default


def idle_limit(text: str | None) -> timedelta:
    try:
        hours = float(text or "")
    except ValueError:
        return IDLE_LIMIT
    return timedelta(hours=hours) if 0 < hours <= 24 * 7 else IDLE_LIMIT


@st.cache_resource(show_spinner=False)
def registry() -> RoomRegistry:
    folder = os.environ.get(ROOMS_VARIABLE) or str(Path(tempfile.gettempdir()) / "teichaku-rooms")
    return RoomRegistry(Path(folder), lambda: clock.now("UTC"), idle_limit(os.environ.get(IDLE_VARIABLE)))
