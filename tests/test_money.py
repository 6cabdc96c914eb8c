from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.money import Costs, money
from core.progress import KpiSpec

GO_LIVE = date(2026, 4, 1)
HOURS = KpiSpec("工数", "時間", "lower", "effort", baseline=120)


def months(*values, start=GO_LIVE):
    out, year, month = {}, start.year, start.month
    for v in values:
        out[date(year, month, 1)] = v
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def test_hours_saved_net_cumulative_and_payback():
    result = money([(HOURS, months(110, 100, 90, 80))], GO_LIVE, Costs(hourly=3000, initial=100_000, monthly=10_000))
    assert [m.hours_saved for m in result.months] == [10, 20, 30, 40]
    assert [m.net for m in result.months] == [20_000, 50_000, 80_000, 110_000]
    assert [m.cumulative for m in result.months] == [-80_000, -30_000, 50_000, 160_000]
    assert result.payback == date(2026, 6, 1) and result.projected_payback is None


def test_not_yet_paid_back_is_projected_from_the_recent_pace():
    result = money([(HOURS, months(110, 110, 110))], GO_LIVE, Costs(hourly=3000, initial=200_000, monthly=0))
    assert result.months[-1].cumulative == -110_000 and result.payback is None
    assert result.projected_payback == date(2026, 10, 1)  # 30,000 a month: four more months


def test_a_pace_that_never_pays_back_says_so():
    result = money([(HOURS, months(121, 125))], GO_LIVE, Costs(hourly=3000, initial=1, monthly=5000))
    assert result.payback is None and result.projected_payback is None


def test_only_hour_kpis_count_and_minutes_convert():
    minutes = KpiSpec("入力時間", "分", "lower", "effort", baseline=600)
    days = KpiSpec("締め", "日", "lower", "lead_time", baseline=10)
    result = money([(minutes, months(540)), (days, months(5))], GO_LIVE, Costs(hourly=6000))
    assert result.months[0].hours_saved == pytest.approx(1.0) and result.months[0].value == pytest.approx(6000)


def test_no_go_live_or_no_effort_data():
    assert money([(HOURS, months(100))], None, Costs(hourly=1)).months == []
    assert money([], GO_LIVE, Costs(hourly=1)).months == []


@given(st.lists(st.floats(0, 500), min_size=1, max_size=24), st.floats(0, 10_000), st.floats(0, 1e6),
       st.floats(0, 1e5))
def test_cumulative_is_the_running_sum_of_net_minus_initial(values, hourly, initial, monthly):
    result = money([(HOURS, months(*values))], GO_LIVE, Costs(hourly, initial, monthly))
    running = -initial
    for m in result.months:
        running += m.net
        assert m.cumulative == pytest.approx(running, rel=1e-9, abs=1e-6)
    if result.payback:
        assert next(m for m in result.months if m.month == result.payback).cumulative >= 0


def test_review_fixes_mid_month_go_live_and_exact_payback():
    result = money([(HOURS, months(110))], date(2026, 4, 15), Costs(hourly=1000))
    assert [m.month for m in result.months] == [GO_LIVE]
    exact = money([(HOURS, months(110))], GO_LIVE, Costs(hourly=10, initial=300))  # -200 after April, +100 a month
    assert exact.months[-1].cumulative == -200 and exact.projected_payback == date(2026, 6, 1)
