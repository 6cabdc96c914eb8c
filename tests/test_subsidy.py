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


def test_effect_report_workbook_lists_the_figures_the_definition_uses():
    from io import BytesIO

    from openpyxl import load_workbook

    from core.subsidy import YEARS, report_workbook

    texts = {"sheet": "効果報告", "title": "下書き：=会社", "subtitle": "定義", "figures": "決算の数字",
             "result_header": "年度|労働生産性|伸び|目標|判定", "leading_header": "指標|分類|前|直近|目標|単位|進み|状態",
             "met": "達成", "not_met": "未達", "note": "下書きです"}
    labels = {f: f for f in ("sales", "cost_of_sales", "employees", "hours_per_employee", "operating_profit",
                             "personnel_cost", "depreciation")} | {f"year_{y}": f"Y{y}" for y in YEARS}
    one_year = YearFigures(sales=310e6, cost_of_sales=182e6, employees=30, hours_per_employee=2000)
    leading = [["=HYPERLINK(\"http://x\")", "工数", 120.0, 80.0, 70.0, "時間", 80, "順調"]]
    data = report_workbook(texts, labels, {0: BASE, 1: one_year}, "gross", leading)
    sheet = load_workbook(BytesIO(data)).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "効果報告" and rows[0] == ["下書き：=会社"]
    assert rows[3] == ["決算の数字", "Y0", "Y1", "Y2", "Y3"]
    assert [r[0] for r in rows[4:8]] == ["sales", "cost_of_sales", "employees", "hours_per_employee"]
    assert rows[4][1:] == [300e6, 310e6]
    result = next(r for r in rows if r and r[0] == "Y1")
    assert result[1] == pytest.approx(2133.33, abs=0.01) and result[-1] == "達成"
    hyperlink = next(c for c in sheet["A"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert hyperlink.data_type == "s"  # a KPI name never becomes a formula
    assert rows[-1] == ["下書きです"]
    value_added = load_workbook(BytesIO(report_workbook(texts, labels, {0: BASE}, "value_added", []))).active
    assert [c.value for c in value_added["A"][4:9]] == ["operating_profit", "personnel_cost", "depreciation",
                                                         "employees", "hours_per_employee"]
