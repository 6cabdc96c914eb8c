import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.subsidy import YearFigures, dumps, loads, productivity, report

BASE = YearFigures(sales=300e6, cost_of_sales=180e6, employees=30, hours_per_employee=2000,
                   operating_profit=10e6, personnel_cost=90e6, depreciation=5e6)


def test_both_definitions():
    assert productivity(BASE, "gross") == 2000  # 120M ÷ 60,000 h
    assert productivity(BASE, "value_added") == 1750  # 105M ÷ 60,000 h
    assert productivity(YearFigures(sales=1, cost_of_sales=0), "gross") is None  # no people or hours yet


def test_growth_against_the_plan_targets():
    one_year = YearFigures(sales=310e6, cost_of_sales=182e6, employees=30, hours_per_employee=2000)
    three_years = YearFigures(sales=320e6, cost_of_sales=185e6, employees=30, hours_per_employee=1950)
    rows = report({0: BASE, 1: one_year, 3: three_years}, "gross")
    assert rows[0].growth is None and rows[2].productivity is None
    assert rows[1].growth == pytest.approx(100 * (128e6 / 60000 - 2000) / 2000) and rows[1].met is True
    assert rows[1].target == 3.0 and rows[3].target == 9.0
    assert rows[3].met is True  # 135M ÷ 58,500 h = 2,307.7 → +15.4 %


def test_saved_figures_round_trip_and_garbage_is_ignored():
    figures = {0: BASE, 1: YearFigures(sales=1.5)}
    assert loads(dumps(figures)) == figures
    assert loads("not json") == {} and loads("") == {}


@given(st.dictionaries(st.sampled_from([0, 1, 2, 3]), st.builds(
    YearFigures, *[st.one_of(st.none(), st.floats(0, 1e10, allow_nan=False))] * 7)))
def test_round_trip_property(figures):
    assert loads(dumps(figures)) == figures
