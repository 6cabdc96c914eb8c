from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.values import fiscal_year_of, parse_period, parse_value

FULLWIDTH = str.maketrans("0123456789.,-%", "０１２３４５６７８９．，－％")


@pytest.mark.parametrize("raw, value, unit", [
    ("10日", 10, "日"), ("１０日", 10, "日"), ("3.5h", 3.5, "時間"), ("120時間", 120, "時間"),
    ("4%", 4, "%"), ("２．５％", 2.5, "%"), ("1,200", 1200, None), ("▲3", -3, None), ("△3", -3, None),
    ("12回", 12, "回"), ("1,234,567円", 1234567, "円"), ("−3", -3, None), ("(5)", -5, None),
    (7, 7, None), (2.25, 2.25, None), ("10日間", 10, "日"),
])
def test_values_as_sheets_write_them(raw, value, unit):
    parsed = parse_value(raw)
    assert (parsed.value, parsed.unit, parsed.understood) == (value, unit, True)


@pytest.mark.parametrize("raw", ["－", "-", "なし", "―", "N/A", "", None, float("nan")])
def test_dashes_and_none_mean_missing(raw):
    assert parse_value(raw).missing


@pytest.mark.parametrize("raw", ["abc", "10日後", "1.2.3", True, datetime(2025, 4, 1)])
def test_what_is_not_a_number_is_reported_not_guessed(raw):
    parsed = parse_value(raw)
    assert not parsed.understood and parsed.value is None


def test_steps_say_what_was_done():
    assert parse_value("▲１,２００円").steps == ("value.fullwidth", "value.triangle_negative",
                                                "value.thousands", "value.unit")


@given(st.one_of(st.none(), st.text(max_size=30), st.floats(), st.integers(), st.booleans()))
def test_parse_value_never_raises(raw):
    parse_value(raw)


@given(st.one_of(st.none(), st.text(max_size=30), st.floats(), st.integers(), st.dates()),
       st.one_of(st.none(), st.integers(1900, 2200)))
def test_parse_period_never_raises(raw, fiscal_year):
    parse_period(raw, fiscal_year=fiscal_year, allow_serial=True)


decimals = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(decimals)
def test_numbers_round_trip_through_every_written_form(number):
    x = float(number)
    plain = f"{abs(x):.2f}".rstrip("0").rstrip(".")
    grouped = f"{abs(x):,.2f}".rstrip("0").rstrip(".")
    sign = "-" if x < 0 else ""
    forms = [f"{sign}{plain}", f"{sign}{grouped}", f"{sign}{plain}".translate(FULLWIDTH),
             f"{sign}{grouped}".translate(FULLWIDTH), f"{sign}{plain}日", f"{sign}{plain}時間",
             f"{sign}{plain}h", f"{sign}{plain}%", f"{sign}{grouped}円"]
    if x < 0:
        forms += [f"▲{plain}", f"△{grouped}", f"▲{plain}".translate(FULLWIDTH)]
    for form in forms:
        assert parse_value(form).value == pytest.approx(x), form


@pytest.mark.parametrize("raw, expected", [
    ("2025年4月", date(2025, 4, 1)), ("2025/04", date(2025, 4, 1)), ("2025-4", date(2025, 4, 1)),
    ("R7.4", date(2025, 4, 1)), ("令和7年4月", date(2025, 4, 1)), ("令和元年5月", date(2019, 5, 1)),
    ("平成31年4月", date(2019, 4, 1)), ("H30.12", date(2018, 12, 1)), ("２０２５年４月", date(2025, 4, 1)),
    ("2025年4月1日", date(2025, 4, 1)), ("202504", date(2025, 4, 1)), (datetime(2025, 4, 15), date(2025, 4, 1)),
    ("R7/4/1", date(2025, 4, 1)), ("令和７年４月分", date(2025, 4, 1)),
])
def test_periods_in_every_common_form(raw, expected):
    assert parse_period(raw).month == expected


@pytest.mark.parametrize("raw", ["令和元年4月", "平成31年5月", "昭和65年1月", "13月", "2025年13月"])
def test_impossible_periods_are_rejected(raw):
    assert not parse_period(raw, fiscal_year=2025).understood


def test_month_headers_follow_an_april_fiscal_year():
    assert parse_period("4月", fiscal_year=2025).month == date(2025, 4, 1)
    assert parse_period("3月", fiscal_year=2025).month == date(2026, 3, 1)
    assert "period.month_without_year" in parse_period("4月").steps


def test_excel_serial_dates_only_where_allowed():
    assert parse_period(45748, allow_serial=True).month == date(2025, 4, 1)
    assert parse_period(45748).month is None


@given(st.dates(date(1990, 1, 1), date(2099, 12, 31)))
def test_periods_round_trip_through_every_written_form(day):
    month = date(day.year, day.month, 1)
    forms = [f"{day.year}年{day.month}月", f"{day.year}/{day.month:02d}", f"{day.year}-{day.month}",
             f"{day.year}年{day.month}月{day.day}日", f"{day.year}{day.month:02d}",
             f"{day.year}年{day.month}月".translate(FULLWIDTH)]
    if month >= date(2019, 5, 1):
        era_year = day.year - 2018
        forms += [f"令和{era_year}年{day.month}月", f"R{era_year}.{day.month}",
                  "令和元年" + f"{day.month}月" if era_year == 1 else f"R{era_year}/{day.month}/{day.day}"]
    elif month >= date(1989, 1, 1):
        forms += [f"平成{day.year - 1988}年{day.month}月", f"H{day.year - 1988}.{day.month}"]
    for form in forms:
        assert parse_period(form).month == month, form
    assert fiscal_year_of(month) == (day.year if day.month >= 4 else day.year - 1)


def test_blank_table_cells_read_back_as_none():
    import math

    import pandas as pd

    from core.cells import cell_date, cell_float

    assert [cell_float(v) for v in (None, math.nan, "2.5", 3)] == [None, None, 2.5, 3.0]
    assert cell_date(pd.NaT) is None and cell_date(None) is None
    assert cell_date(pd.Timestamp("2026-04-01")) == pd.Timestamp("2026-04-01").date()
