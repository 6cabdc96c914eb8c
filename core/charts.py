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
