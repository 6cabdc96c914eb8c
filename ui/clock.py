"""The one place that reads the clock. Everything else is handed `today` or a clock to call.

Tests and the browser tests' app servers pin the date with TEICHAKU_TODAY (YYYY-MM-DD); nothing
else reads that setting, so pinning it cannot change anything but what "now" is.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PIN_VARIABLE = "TEICHAKU_TODAY"
HOME_ZONE = "Asia/Tokyo"  # a cloud server runs on UTC, a day behind a Japanese morning
PINNED_TIME = time(9, 0)


def now(timezone: str | None) -> datetime:
    """The wall-clock time where the visitor is (naive: it is shown and stored as they read it)."""
    pinned = os.environ.get(PIN_VARIABLE, "").strip()
    if pinned:
        try:
            return datetime.combine(date.fromisoformat(pinned), PINNED_TIME)
        except ValueError as error:
            raise ValueError(f"{PIN_VARIABLE} must be a date such as 2026-12-07, not {pinned!r}") from error
    try:
        zone = ZoneInfo(timezone or HOME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(HOME_ZONE)
    return datetime.now(zone).replace(tzinfo=None)


def today(timezone: str | None) -> date:
    return now(timezone).date()
