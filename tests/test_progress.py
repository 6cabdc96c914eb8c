from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from core.progress import KpiSpec, assess, glide_path, progress_percent

GO_LIVE, TARGET_DATE = date(2026, 4, 1), date(2027, 4, 1)
CLOSE = KpiSpec("月次締め日数", "日", "lower", "lead_time", target=5, target_date=TARGET_DATE)


def series(**values):
    """series(m2026_1=10, …) → {date: value}."""
    out = {}
    for key, value in values.items():
        year, month = key[1:].split("_")
        out[date(int(year), int(month), 1)] = value
    return out


BEFORE = dict(m2026_1=10, m2026_2=11, m2026_3=9)


def test_baseline_is_the_mean_of_the_months_before_go_live():
    result = assess(CLOSE, series(m2025_12=30, **BEFORE, m2026_7=8), GO_LIVE)
    assert result.baseline == 10  # the three months before go-live; December is older
    assert result.latest == 8 and result.latest_month == date(2026, 7, 1)


def test_glide_path_and_statuses_for_a_lower_is_better_kpi():
    assert glide_path(10, 5, GO_LIVE, TARGET_DATE, date(2026, 10, 1)) == 7.5
    at = lambda value: assess(CLOSE, series(**BEFORE, m2026_10=value), GO_LIVE)  # noqa: E731
    assert at(7.5).status == "on_track" and at(7.5).progress == 50
    assert at(7.3).status == "on_track"
    assert at(8.5).status == "behind"
    assert at(10.5).status == "worse" and at(10.5).progress < 0
    assert at(5).status == "achieved" and at(4).progress == 120  # overshoot is kept


def test_higher_is_better():
    rate = KpiSpec("定着率", "%", "higher", target=90, target_date=TARGET_DATE, baseline=50)
    assert assess(rate, series(m2026_10=70), GO_LIVE).status == "on_track"
    assert assess(rate, series(m2026_10=60), GO_LIVE).status == "behind"
    assert assess(rate, series(m2026_10=40), GO_LIVE).status == "worse"
    assert assess(rate, series(m2026_10=95), GO_LIVE).status == "achieved"


def test_target_equal_to_baseline_means_holding_the_line():
    hold = KpiSpec("再入力回数", "回", "lower", target=0, target_date=TARGET_DATE, baseline=0)
    assert assess(hold, series(m2026_6=0), GO_LIVE).progress == 100
    held = assess(hold, series(m2026_6=2), GO_LIVE)
    assert held.progress == 0 and held.status == "worse"


def test_missing_months_use_the_latest_month_with_a_value():
    result = assess(CLOSE, series(**BEFORE, m2026_5=9, m2026_6=None, m2026_8=7), GO_LIVE)
    assert result.latest_month == date(2026, 8, 1) and result.latest == 7


def test_a_single_point_and_no_data():
    single = KpiSpec("工数", "時間", target=80, target_date=TARGET_DATE, baseline=120)
    assert assess(single, series(m2026_5=110), GO_LIVE).status == "on_track"
    assert assess(single, {}, GO_LIVE).status == "no_data"
    no_baseline = assess(KpiSpec("x", target=1), series(m2026_5=3), GO_LIVE)  # nothing before go-live
    assert no_baseline.status == "no_target"


def test_a_target_date_in_the_past_expects_the_target_itself():
    late = KpiSpec("見積", "日", target=1, target_date=date(2026, 6, 1), baseline=3)
    result = assess(late, series(m2026_9=1.5), GO_LIVE)
    assert result.expected == 1 and result.status == "behind"


def test_without_a_target_date_there_is_no_plan_to_be_behind():
    open_ended = KpiSpec("請求書作成の工数", "時間", target=20, baseline=40)  # no target date
    moving = assess(open_ended, series(m2026_5=38, m2026_6=25), GO_LIVE)
    assert moving.expected is None and moving.progress == 75 and moving.status == "on_track"
    assert assess(open_ended, series(m2026_6=40), GO_LIVE).status == "behind"  # standing still
    assert assess(open_ended, series(m2026_6=39.5), GO_LIVE).status == "behind"  # 2.5 %: noise, not progress
    assert assess(open_ended, series(m2026_6=38.9), GO_LIVE).status == "on_track"  # 5.5 % of the way
    assert assess(open_ended, series(m2026_6=45), GO_LIVE).status == "worse"
    assert assess(open_ended, series(m2026_6=20), GO_LIVE).status == "achieved"


@given(st.floats(-1000, 1000), st.floats(-1000, 1000), st.floats(-1000, 1000), st.floats(0.001, 100),
       st.sampled_from(["lower", "higher"]))
def test_progress_is_monotone_in_the_value(baseline, target, value, step, direction):
    spec = KpiSpec("k", direction=direction, target=target)
    better = value + step if direction == "higher" else value - step
    assert progress_percent(spec, baseline, better) >= progress_percent(spec, baseline, value)


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100))
def test_status_is_always_one_of_the_four_when_there_is_data(baseline, target, value):
    spec = KpiSpec("k", target=target, target_date=TARGET_DATE, baseline=baseline)
    assert assess(spec, series(m2026_9=value), GO_LIVE).status in ("achieved", "on_track", "behind", "worse")
