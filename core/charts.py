"""Altair chart specs. Pages only render them."""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

MAX_LEVEL = 4
LABEL_RADIUS = 4.55
JAPANESE_LINE, LATIN_LINE = 8, 14  # characters per label line
# Half-extents in score units: wide enough for two-line labels beside the rings.
X_HALF, Y_HALF = 6.4, 5.4
PALETTE = ("#1f6f8b", "#e07a1f", "#5a8f29", "#8e44ad")
TARGET_COLOR = "#9aa5b1"


@dataclass(frozen=True)
class RadarSeries:
    name: str
    scores: dict[str, float | None]  # dimension id -> score, None when not measurable
    is_target: bool = False


def _angle(i: int, n: int) -> float:
    """Clockwise from twelve o'clock."""
    return math.pi / 2 - 2 * math.pi * i / n


def _point(radius: float, i: int, n: int) -> tuple[float, float]:
    a = _angle(i, n)
    return radius * math.cos(a), radius * math.sin(a)


def wrap_label(label: str) -> str:
    """Long labels over several short lines, so the radar fits a projector or a narrow window."""
    if label.isascii():
        lines: list[str] = []
        for word in label.split(" "):
            if lines and len(lines[-1]) + 1 + len(word) <= LATIN_LINE:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return "\n".join(lines)
    if len(label) <= JAPANESE_LINE:
        return label
    for mark in ("・", "への", "の"):  # break after a natural joint when there is one
        cut = label.find(mark, len(label) // 3)
        if 0 < cut and cut + len(mark) < len(label):
            end = cut + len(mark)
            return f"{label[:end]}\n{label[end:]}"
    half = (len(label) + 1) // 2
    return f"{label[:half]}\n{label[half:]}"


def radar_frame(series: list[RadarSeries], dimensions: list[tuple[str, str]]) -> pd.DataFrame:
    """One row per vertex, the first vertex repeated so each polygon closes."""
    n = len(dimensions)
    rows = []
    for s in series:
        for order, i in enumerate([*range(n), 0]):
            dim_id, label = dimensions[i]
            score = s.scores.get(dim_id)
            # No score is no point: the outline breaks there rather than dropping to 0.
            x, y = _point(score, i, n) if score is not None else (None, None)
            rows.append({"series": s.name, "dimension": label, "score": score, "x": x, "y": y,
                         "order": order, "target": s.is_target})
    return pd.DataFrame(rows)


# Every layer must share the same scales and axes, or Vega-Lite draws nothing at all.
X = alt.X("x:Q", scale=alt.Scale(domain=[-X_HALF, X_HALF], nice=False), axis=None)
Y = alt.Y("y:Q", scale=alt.Scale(domain=[-Y_HALF, Y_HALF], nice=False), axis=None)


def _grid(n: int) -> list[alt.Chart]:
    rings = pd.DataFrame(
        [{"ring": r, "order": k, "x": _point(r, k % n, n)[0], "y": _point(r, k % n, n)[1]}
         for r in range(1, MAX_LEVEL + 1) for k in range(n + 1)]
    )
    spokes = pd.DataFrame(
        [{"spoke": i, "x": x, "y": y} for i in range(n) for x, y in [(0.0, 0.0), _point(MAX_LEVEL, i, n)]]
    )
    ring_labels = pd.DataFrame([{"x": 0.12, "y": r + 0.05, "text": str(r)} for r in range(1, MAX_LEVEL + 1)])
    ring = alt.Chart(rings).mark_line(color="#d5dbe1", strokeWidth=1).encode(
        x=X, y=Y, detail="ring:N", order="order:Q"
    )
    spoke = alt.Chart(spokes).mark_line(color="#d5dbe1", strokeWidth=1).encode(x=X, y=Y, detail="spoke:N")
    text = alt.Chart(ring_labels).mark_text(color="#8a96a3", fontSize=11, align="left", baseline="bottom").encode(
        x=X, y=Y, text="text:N"
    )
    return [ring, spoke, text]


def _labels(dimensions: list[tuple[str, str]]) -> list[alt.Chart]:
    n = len(dimensions)
    rows = []
    for i, (_, label) in enumerate(dimensions):
        x, y = _point(LABEL_RADIUS, i, n)
        align = "center" if abs(x) < 0.5 else ("left" if x > 0 else "right")
        rows.append({"x": x, "y": y, "text": wrap_label(label), "align": align})
    frame = pd.DataFrame(rows)
    return [
        alt.Chart(frame).transform_filter(alt.datum.align == align)
        .mark_text(align=align, baseline="middle", fontSize=13, fontWeight="bold", color="#2b3642", lineBreak="\n")
        .encode(x=X, y=Y, text="text:N")
        for align in ("left", "center", "right")
    ]


def radar_chart(
    series: list[RadarSeries],
    dimensions: list[tuple[str, str]],
    *,
    score_title: str,
    legend_title: str,
    height: int = 440,
) -> alt.LayerChart:
    """Up to four assessments (and their target) on one radar, scores 0–4."""
    frame = radar_frame(series, dimensions)
    names = [s.name for s in series]
    colors = [TARGET_COLOR if s.is_target else PALETTE[i % len(PALETTE)] for i, s in enumerate(series)]
    color = alt.Color("series:N", scale=alt.Scale(domain=names, range=colors),
                      legend=alt.Legend(title=legend_title, orient="bottom", direction="vertical", labelLimit=0))
    base = alt.Chart(frame).encode(
        x=X,
        y=Y,
        color=color,
        order="order:Q",
        detail="series:N",
        tooltip=[alt.Tooltip("series:N", title=legend_title), alt.Tooltip("dimension:N"),
                 alt.Tooltip("score:Q", title=score_title, format=".1f")],
    )
    lines = base.mark_line(strokeWidth=3, invalid="break-paths-filter-domains").encode(
        strokeDash=alt.condition(alt.datum.target, alt.value([6, 4]), alt.value([1, 0]))
    )
    points = base.mark_point(filled=True, size=70, invalid="break-paths-filter-domains")
    # A flat list of layers: Streamlit's renderer fails on nested layer charts.
    chart = alt.layer(*_grid(len(dimensions)), *_labels(dimensions), lines, points)
    width = int(height * X_HALF / Y_HALF)  # equal units on both axes keep the rings round
    return chart.properties(width=width, height=height).configure_view(stroke=None)


def change_chart(frame: pd.DataFrame, *, delta_title: str) -> alt.Chart:
    """Horizontal bars of the change per dimension (frame: dimension, delta)."""
    reach = min(4.0, max(1.0, float(frame["delta"].abs().max()) + 0.5))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("dimension:N", sort=list(frame["dimension"]), title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("delta:Q", title=delta_title, scale=alt.Scale(domain=[-reach, reach])),
            color=alt.condition(alt.datum.delta >= 0, alt.value(PALETTE[2]), alt.value("#c0392b")),
            tooltip=["dimension:N", alt.Tooltip("delta:Q", format="+.1f")],
        )
        .properties(height=alt.Step(30))
    )


STATUS_COLORS = {"achieved": "#2e7d32", "on_track": "#1f6f8b", "behind": "#e08a00", "worse": "#c0392b",
                 "no_data": "#9aa5b1", "no_target": "#9aa5b1"}


def bullet_chart(frame: pd.DataFrame, *, progress_title: str) -> alt.LayerChart:
    """Every KPI's progress toward its target (frame: kpi, progress, expected, status, status_label)."""
    frame = frame.assign(full=100, shown=frame["progress"].clip(0, 120))
    y = alt.Y("kpi:N", title=None, sort=list(frame["kpi"]), axis=alt.Axis(labelLimit=260))
    band = alt.Chart(frame).mark_bar(color="#e3e8ed", size=22).encode(y=y, x=alt.X("full:Q", title=progress_title,
                                                                                  scale=alt.Scale(domain=[0, 120])))
    bars = alt.Chart(frame).mark_bar(size=12).encode(
        y=y, x="shown:Q",
        color=alt.Color("status:N", scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                        legend=None),
        tooltip=[alt.Tooltip("kpi:N"), alt.Tooltip("progress:Q", format=".0f"), alt.Tooltip("status_label:N")])
    expected = alt.Chart(frame).mark_tick(color="#2b3642", thickness=2, size=24).encode(y=y, x="expected:Q")
    return alt.layer(band, bars, expected).properties(height=alt.Step(34))


def trend_chart(frame: pd.DataFrame, *, baseline: float | None, target: float | None, go_live, target_date,
                unit: str, labels: dict[str, str]) -> alt.LayerChart:
    """One KPI by month with its baseline and target lines, the go-live rule and the first 90 days shaded."""
    layers = []
    if go_live is not None:
        window = pd.DataFrame({"start": [pd.Timestamp(go_live)], "end": [pd.Timestamp(go_live) + pd.Timedelta(days=90)],
                               "label": [labels["window"]]})
        layers.append(alt.Chart(window).mark_rect(color="#fff3cd", opacity=0.7).encode(
            x="start:T", x2="end:T", tooltip=alt.Tooltip("label:N", title="")))
        layers.append(alt.Chart(window).mark_rule(color="#8a6d00", strokeWidth=2).encode(x="start:T"))
        layers.append(alt.Chart(window).mark_text(align="left", dx=4, dy=-6, color="#8a6d00", fontSize=12).encode(
            x="start:T", y=alt.value(8), text=alt.value(labels["go_live"])))
    line = alt.Chart(frame).mark_line(point=True, strokeWidth=3, color=PALETTE[0]).encode(
        x=alt.X("month:T", title=None, axis=alt.Axis(format="%Y-%m")),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("month:T", format="%Y-%m", title=labels["month"]), alt.Tooltip("value:Q", title=unit)])
    layers.append(line)
    for value, key, color, dash in ((baseline, "baseline", "#7f8c8d", [4, 4]), (target, "target", "#2e7d32", [8, 4])):
        if value is not None:
            rule = pd.DataFrame({"value": [value], "label": [f"{labels[key]} {value:g}"]})
            layers.append(alt.Chart(rule).mark_rule(color=color, strokeDash=dash, strokeWidth=2).encode(
                y="value:Q", tooltip=alt.Tooltip("label:N", title="")))
            layers.append(alt.Chart(rule).mark_text(align="left", dy=-7, color=color, fontSize=12).encode(
                y="value:Q", x=alt.value(4), text="label:N"))
    return alt.layer(*layers).properties(height=260)


def money_chart(frame: pd.DataFrame, *, labels: dict[str, str]) -> alt.LayerChart:
    """Monthly net effect as bars, the cumulative effect as a line, zero marked (frame: month, net, cumulative)."""
    frame = frame.assign(month=frame["month"].dt.strftime("%Y-%m"))
    x = alt.X("month:O", title=None, axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(frame).mark_bar(opacity=0.6, size=28).encode(
        x=x, y=alt.Y("net:Q", title=labels["yen"]),
        color=alt.condition(alt.datum.net >= 0, alt.value(PALETTE[2]), alt.value("#c0392b")),
        tooltip=[alt.Tooltip("month:O", title=labels["month"]),
                 alt.Tooltip("net:Q", format=",.0f", title=labels["net"]),
                 alt.Tooltip("cumulative:Q", format=",.0f", title=labels["cumulative"])])
    line = alt.Chart(frame).mark_line(point=True, strokeWidth=3, color=PALETTE[0]).encode(x=x, y="cumulative:Q")
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#2b3642").encode(y="y:Q")
    return alt.layer(bars, line, zero).properties(height=260)
