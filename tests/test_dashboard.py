"""What the dashboard computes outside Streamlit."""

from datetime import date

from core.dashboard import typing_months


def test_months_for_typing_reach_back_to_the_baseline_before_go_live():
    months = typing_months({}, date(2026, 4, 1), date(2026, 6, 15))
    assert (months[0], months[-1], len(months)) == (date(2026, 1, 1), date(2026, 6, 1), 6)
    assert typing_months({}, None, date(2026, 6, 15))[0] == date(2026, 3, 1)
    older = {"工数": {date(2025, 10, 1): 120.0}}
    assert typing_months(older, date(2026, 4, 1), date(2026, 6, 15))[0] == date(2025, 10, 1)
