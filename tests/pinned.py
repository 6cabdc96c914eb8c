"""The one date every test runs at, unless it pins another: no test reads the wall clock."""

from datetime import date, datetime, time

PINNED_TODAY = date(2026, 12, 7)
# The demo's page and browser tests run at each of these and must read the same at all of them.
DEMO_DATES = ("2026-12-07", "2027-06-30", "2031-02-28")


def pinned_clock() -> datetime:
    return datetime.combine(PINNED_TODAY, time(9, 0))
