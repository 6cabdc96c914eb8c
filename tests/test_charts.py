"""Dashboard charts drawn as SVG on the server: valid specs, the values written on them, the cache."""

from datetime import date

import pandas as pd
import pytest

from core import charts
from core.charts import bullet_chart, money_chart, svg, trend_chart

@pytest.fixture(autouse=True)
def cold_cache():
    charts._svg_cache.clear()  # each test sees what it draws, not what an earlier test left


LABELS = {"window": "稼働後90日", "baseline": "基準", "target": "目標", "plan": "計画線"}


def bullets(*names: str) -> pd.DataFrame:
    return pd.DataFrame([{"kpi": n, "progress": 40.0 + 20 * i, "expected": 50.0, "status": "on_track"}
                         for i, n in enumerate(names)])


def months(*values: float) -> pd.DataFrame:
    return pd.DataFrame({"month": pd.date_range("2026-01-01", periods=len(values), freq="MS"), "value": values})


def trend(**changes) -> dict:
    plan = pd.DataFrame({"month": pd.to_datetime(["2026-02-01", "2026-03-01"]), "value": [10.0, 9.4]})
    return {"baseline": 10.0, "target": 5.0, "go_live": date(2026, 2, 1), "plan": plan, "newest_label": "7.5日",
            "unit": "日", "labels": LABELS} | changes


def test_every_chart_is_a_valid_vega_lite_spec():
    money = pd.DataFrame({"month": pd.date_range("2026-04-01", periods=3, freq="MS"),
                          "net": [-50_000.0, 20_000.0, 60_000.0], "cumulative": [-650_000.0, -630_000.0, -570_000.0]})
    labels = {"yen": "円", "net": "月の効果", "cumulative": "累積"}
    for chart in (bullet_chart(bullets("月次締め日数"), progress_title="進み具合"),
                  trend_chart(months(10, 9, 7), **trend()),
                  money_chart(money, labels=labels)):
        chart.to_dict(validate=True)  # svg() skips validation for speed: the schema is checked here


def test_bullet_writes_names_and_progress_on_the_picture():
    drawn = svg(bullet_chart, bullets("月次締め日数", "見積リードタイム"), progress_title="進み具合")
    assert drawn.startswith("<svg")
    assert ">月次締め日数</text>" in drawn and ">見積リードタイム</text>" in drawn
    assert ">40%</text>" in drawn and ">60%</text>" in drawn


def test_trend_labels_the_newest_value_and_only_the_lines_it_has():
    frame = months(10, 9, 7.5)
    drawn = svg(trend_chart, frame, **trend())
    assert ">7.5日</text>" in drawn and ">稼働後90日</text>" in drawn
    assert ">基準</text>" in drawn and ">目標</text>" in drawn
    bare = svg(trend_chart, frame, **trend(baseline=None, target=None, go_live=None, plan=None))
    assert ">基準</text>" not in bare and ">目標</text>" not in bare and ">稼働後90日</text>" not in bare
    assert drawn.count('stroke-dasharray="2,3"') == 1 and 'stroke-dasharray="2,3"' not in bare  # the plan line


def test_user_text_is_escaped_in_the_svg():
    drawn = svg(bullet_chart, bullets("<script>alert(1)</script> & 締め"), progress_title="進み具合")
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn and "&amp; 締め" in drawn


def test_the_same_inputs_are_drawn_once(monkeypatch):
    calls = []
    real = charts.draw_svg
    monkeypatch.setattr(charts, "draw_svg", lambda spec: calls.append(spec) or real(spec))
    frame = months(3, 2, 1.25)
    first = svg(trend_chart, frame, **trend())
    again = svg(trend_chart, frame.copy(), **trend())
    other = svg(trend_chart, months(3, 2, 1.5), **trend())
    assert first is again and other != first and len(calls) == 2


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(charts, "SVG_CACHE_SIZE", 3)
    for value in range(6):
        svg(bullet_chart, bullets(f"KPI {value}"), progress_title="%")
    assert len(charts._svg_cache) == 3


def test_text_width_counts_full_width_characters_as_one_em():
    assert charts.text_width("目標", 12) == 24 and charts.text_width("Target", 10) == 36


def test_money_bars_are_red_below_zero_and_labelled_with_a_true_minus():
    money = pd.DataFrame({"month": pd.date_range("2026-04-01", periods=2, freq="MS"),
                          "net": [-60_000.0, 20_000.0], "cumulative": [-660_000.0, -640_000.0]})
    drawn = svg(money_chart, money, labels={"yen": "円", "net": "月の効果", "cumulative": "累積"})
    assert 'fill="#c0392b"' in drawn and 'fill="#5a8f29"' in drawn
    assert ">\u221260,000</text>" in drawn and ">20,000</text>" in drawn and ">\u2212640,000</text>" in drawn
