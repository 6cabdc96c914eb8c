"""Altair chart specs. Pages only render them."""

from __future__ import annotations

import dataclasses

import json
import math
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import altair as alt
import numpy as np
import pandas as pd

from core.drawing import draw_svg
from core.perception import NOTABLE_GAP

MAX_LEVEL = 4
LABEL_RADIUS = 4.55
JAPANESE_LINE, LATIN_LINE = 8, 14  # characters per label line
# Half-extents in score units: wide enough for two-line labels beside the rings.
X_HALF, Y_HALF = 6.4, 5.4
PALETTE = ("#1f6f8b", "#e07a1f", "#5a8f29", "#8e44ad")
TARGET_COLOR = "#9aa5b1"
CHART_WIDTH = 720  # px as drawn; the page scales the picture to its column
PHONE_WIDTH = 300  # the same chart redrawn for a phone's column, so its text is not shrunk to 6 px
TREND_WIDTH, TREND_HEIGHT = 340, 190  # half a page: the trend sits in its KPI's card
SVG_CACHE_SIZE = 256  # 10-50 KB each
# Pictures are read from across a room: text a little larger than Vega's 10-11 px default.
# No ARIA inside: a picture is described by its alt text.
PICTURE_CONFIG = {"axis": {"labelFontSize": 12, "titleFontSize": 12}, "title": {"fontSize": 13},
                  "legend": {"labelFontSize": 12, "titleFontSize": 12}, "aria": False}


_svg_cache: OrderedDict[str, str] = OrderedDict()
_svg_lock = threading.Lock()


def svg(build: Callable[..., alt.TopLevelMixin], *args, **kwargs) -> str:
    """`build(*args, **kwargs)` drawn as SVG on the server, so the browser shows a picture instead of
    loading and running the Vega runtime. A chart is a pure function of its inputs, so the cache is
    keyed by them: a visitor can only hit an entry by giving exactly the same data."""
    key = json.dumps([build.__qualname__, args, kwargs], default=_plain, sort_keys=True)
    with _svg_lock:
        if (hit := _svg_cache.get(key)) is not None:
            _svg_cache.move_to_end(key)
            return hit
    spec = build(*args, **kwargs).to_dict(validate=False)
    spec["config"] = {**PICTURE_CONFIG, **spec.get("config", {})}
    drawn = draw_svg(spec)
    with _svg_lock:
        _svg_cache[key] = drawn
        while len(_svg_cache) > SVG_CACHE_SIZE:
            _svg_cache.popitem(last=False)
    return drawn


def _plain(value: object) -> object:
    """Exact JSON for a cache key: floats keep their full repr, so near-equal data never share a key."""
    if isinstance(value, pd.DataFrame):
        return {"columns": list(value.columns), "dtypes": [str(t) for t in value.dtypes],
                "rows": value.to_numpy(dtype=object).tolist()}
    if isinstance(value, date):  # datetime and pd.Timestamp too
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot key a chart on {type(value).__name__}")


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


# Dashboard charts spell channels as classes (alt.X("a:Q"), alt.XValue(0)): shorthand strings and
# alt.value() go through schema look-ups that made building a chart ~50x slower.
STATUS_COLORS = {"achieved": "#2e7d32", "on_track": "#1f6f8b", "behind": "#e08a00", "worse": "#c0392b",
                 "no_data": "#9aa5b1", "no_target": "#9aa5b1"}
INK, MUTED, TARGET_GREEN = "#2b3642", "#7f8c8d", "#2e7d32"


def bullet_chart(frame: pd.DataFrame, *, progress_title: str | list[str], width: int = CHART_WIDTH) -> alt.LayerChart:
    """Every KPI's progress toward its target (frame: kpi, progress, expected, status).

    Names sit above their bars and values beside them, so nothing depends on measuring text:
    the chart is drawn on a server that may have no Japanese font."""
    frame = frame.assign(full=100, shown=frame["progress"].clip(0, 120),
                         value_label=frame["progress"].map(lambda v: f"{v:.0f}%"))
    # Room past 100 only when a KPI overshoots its target; else the axis ends where the targets are.
    end = 120 if (frame["progress"] > 100).any() else 100
    y = alt.Y("kpi:N", sort=list(frame["kpi"]), axis=None, scale=alt.Scale(paddingInner=0.6, paddingOuter=0.5))
    x = alt.X("full:Q", title=progress_title, scale=alt.Scale(domain=[0, end]),
              axis=alt.Axis(values=list(range(0, end + 1, 20)), grid=False))
    band = alt.Chart(frame).mark_bar(color="#e3e8ed", size=16).encode(y=y, x=x)
    bars = alt.Chart(frame).mark_bar(size=16).encode(
        y=y, x=alt.X("shown:Q"),
        color=alt.Color("status:N", scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                        legend=None))
    expected = alt.Chart(frame).mark_tick(color=INK, thickness=2, size=26).encode(y=y, x=alt.X("expected:Q"))
    names = alt.Chart(frame).mark_text(align="left", baseline="bottom", dy=-11, fontSize=13, color=INK).encode(
        y=y, x=alt.XValue(0), text=alt.Text("kpi:N"))
    values = alt.Chart(frame).mark_text(align="left", dx=5, fontSize=13, fontWeight="bold", color=INK).encode(
        y=y, x=alt.X("shown:Q"), text=alt.Text("value_label:N"))
    layers = alt.layer(band, bars, expected, names, values)
    return layers.properties(width=width, height=alt.Step(48)).configure_view(stroke=None)


def trend_chart(frame: pd.DataFrame, *, baseline: float | None, target: float | None, go_live,
                plan: pd.DataFrame | None, newest_label: str, unit: str,
                labels: dict[str, str]) -> alt.LayerChart:
    """One KPI by month with its baseline and target lines, the go-live rule, the first 90 days shaded
    and the plan line (frame `plan`: month, value; the glide path up to the newest month).

    The newest value is written at its point: the chart is a picture, there is nothing to hover."""
    layers = []
    if go_live is not None:
        start = pd.Timestamp(go_live)
        window = pd.DataFrame({"start": [start], "end": [start + pd.Timedelta(days=90)]})
        layers.append(alt.Chart(window).mark_rect(color="#fff3cd", opacity=0.7).encode(x=alt.X("start:T"), x2=alt.X2("end:T")))
        layers.append(alt.Chart(window).mark_rule(color="#8a6d00", strokeWidth=2).encode(x=alt.X("start:T")))
        # Just above the plot, where no line can run through it.
        layers.append(alt.Chart(window).mark_text(align="left", baseline="bottom", dx=2, color="#8a6d00",
                                                  fontSize=12).encode(
            x=alt.X("start:T"), y=alt.YValue(-3), text=alt.TextValue(labels["window"])))
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=0, tickCount="month",
                                                   labelOverlap="greedy", labelFlush=False))
    y = alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    layers.append(alt.Chart(frame).mark_line(point=True, strokeWidth=3, color=PALETTE[0]).encode(x=x, y=y))
    if plan is not None:
        layers.append(alt.Chart(plan).mark_line(color=INK, strokeDash=[2, 3], strokeWidth=1.5).encode(x=x, y=y))
    if not frame.empty:
        # On the side the line does not come from: below after a fall, above after a rise.
        fell = len(frame) > 1 and frame["value"].iloc[-1] < frame["value"].iloc[-2]
        newest = alt.Chart(frame.tail(1)).mark_text(align="right", baseline="top" if fell else "bottom",
                                                    dy=8 if fell else -8, fontSize=14, fontWeight="bold",
                                                    color=PALETTE[0])
        layers.append(newest.encode(x=x, y=y, text=alt.TextValue(newest_label)))
    margin_labels = [(value, key, color) for value, key, color in
                     ((baseline, "baseline", MUTED), (target, "target", TARGET_GREEN)) if value is not None]
    for value, key, color in margin_labels:
        rule = pd.DataFrame({"value": [value]})
        dash = [4, 4] if key == "baseline" else [8, 4]
        layers.append(alt.Chart(rule).mark_rule(color=color, strokeDash=dash, strokeWidth=2).encode(y=alt.Y("value:Q")))
    if plan is not None and _clear_of(plan["value"].iloc[-1], [v for v, _, _ in margin_labels], frame, plan):
        margin_labels.append((plan["value"].iloc[-1], "plan", INK))
    for value, key, color in margin_labels:  # in the right margin, clear of the data
        layers.append(alt.Chart(pd.DataFrame({"value": [value]})).mark_text(
            align="left", baseline="middle", dx=4, color=color, fontSize=12, fontWeight="bold").encode(
            y=alt.Y("value:Q"), x=alt.XValue(TREND_WIDTH), text=alt.TextValue(labels[key])))
    margin = max((text_width(labels[key], 12) for _, key, _ in margin_labels), default=0)
    # The margin labels are measured by the server's fonts, which may lack Japanese: pad by our own estimate.
    return alt.layer(*layers).properties(width=TREND_WIDTH, height=TREND_HEIGHT,
                                         padding={"left": 5, "top": 5, "bottom": 5, "right": 5 + margin})


def _clear_of(value: float, others: list[float], *frames: pd.DataFrame) -> bool:
    """Whether a margin label at `value` stays clear of the others: a tenth of the drawn range apart."""
    values = [v for f in frames for v in f["value"].dropna()] + others + [value]
    gap = 0.1 * ((max(values) - min(values)) or 1.0)
    return all(abs(value - other) >= gap for other in others)


def text_width(text: str, size: float) -> float:
    """A generous width estimate: full-width characters are one em, the rest about 0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text)


def yen(value: float) -> str:
    """Like the axis: thousands separators and a true minus sign."""
    return f"{value:,.0f}".replace("-", "\u2212")


def money_chart(frame: pd.DataFrame, *, labels: dict[str, str], width: int = CHART_WIDTH) -> alt.VConcatChart:
    """The monthly net effect as bars above, the cumulative effect below with zero marked
    (frame: month, net, cumulative). Two panels: the cumulative sum dwarfs a single month."""
    frame = frame.assign(month=frame["month"].dt.strftime("%Y-%m"),
                         net_label=frame["net"].map(yen), cumulative_label=frame["cumulative"].map(yen))
    x = alt.X("month:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap="greedy"))
    sign = alt.ColorValue(PALETTE[2], condition={"test": "datum.net < 0", "value": "#c0392b"})
    bar = max(2.0, min(28.0, 0.6 * width / max(len(frame), 1)))  # three years of months still fit
    net = alt.Chart(frame, title=alt.Title(labels["net"], anchor="start", fontSize=13)).mark_bar(size=bar).encode(
        x=x, y=alt.Y("net:Q", title=labels["yen"], axis=alt.Axis(format=",.0f", tickCount=4),
                     scale=alt.Scale(padding=14)), color=sign)
    net_labels = [alt.Chart(frame).transform_filter(test).mark_text(fontSize=11, color=INK, baseline=side, dy=dy)
                  .encode(x=x, y=alt.Y("net:Q"), text=alt.Text("net_label:N"))
                  for test, side, dy in ((alt.datum.net >= 0, "bottom", -3), (alt.datum.net < 0, "top", 3))]
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=INK).encode(y=alt.Y("y:Q"))
    cumulative = alt.Chart(frame).encode(x=x, y=alt.Y("cumulative:Q", title=labels["yen"],
                                                       axis=alt.Axis(format=",.0f"), scale=alt.Scale(padding=14)))
    line = cumulative.mark_line(point=True, strokeWidth=3, color=PALETTE[0])
    newest = cumulative.transform_filter(alt.datum.month == frame["month"].iloc[-1]).mark_text(
        align="right", dy=-12, fontSize=13, fontWeight="bold", color=PALETTE[0]).encode(text=alt.Text("cumulative_label:N"))
    return alt.vconcat(
        alt.layer(net, zero, *(net_labels if len(frame) * 60 <= width else [])).properties(height=120, width=width),
        alt.layer(line, zero, newest, title=alt.Title(labels["cumulative"], anchor="start", fontSize=13))
        .properties(height=200, width=width),
        spacing=18,
    ).resolve_scale(x="shared")


GROUP_COLORS = ("#c0392b", "#1f6f8b", "#e08a00", "#5a8f29", "#8e44ad", "#7f8c8d")


def perception_chart(dots: pd.DataFrame, medians: pd.DataFrame, *, groups: list[str], dimensions: list[str],
                     score_title: str, width: int = CHART_WIDTH) -> alt.LayerChart:
    """Every respondent of each shown group as a dot on the 0–4 axis, per dimension, with the group's median
    as a tick (dots: dimension, group, score; medians: dimension, group, median, gap_label). Each dimension
    has one row per group, its name above them and, where roles are a level or more apart, the gap at the
    right. Names are written as text, as in the bullet chart, so nothing depends on measuring it."""
    def rows(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(row=[f"{dimensions.index(d):02d}{groups.index(g):02d}"
                                 for d, g in zip(frame["dimension"], frame["group"])])
    dots, medians = rows(dots), rows(medians)
    order = [f"{i:02d}{j:02d}" for i in range(len(dimensions)) for j in range(len(groups))]
    y = alt.Y("row:N", sort=order, axis=None, scale=alt.Scale(domain=order, paddingInner=0.1, paddingOuter=0.5))
    x = alt.X("score:Q", title=score_title, scale=alt.Scale(domain=[0, MAX_LEVEL], nice=False),
              axis=alt.Axis(values=list(range(MAX_LEVEL + 1)), format="d", grid=True, gridColor="#e3e8ed"))
    color = alt.Color("group:N", sort=groups, scale=alt.Scale(domain=groups, range=list(GROUP_COLORS[:len(groups)])),
                      legend=alt.Legend(title=None, orient="bottom", labelFontSize=13, symbolSize=120))
    points = alt.Chart(dots).mark_circle(size=80, opacity=0.55).encode(y=y, x=x, color=color)
    ticks = alt.Chart(medians).mark_tick(thickness=3, size=18).encode(y=y, x=alt.X("median:Q"), color=color)
    first = medians.sort_values("row").drop_duplicates("dimension")
    names = alt.Chart(first).mark_text(align="left", baseline="bottom", dy=-9, fontSize=13, color=INK).encode(
        y=y, x=alt.XValue(0), text="dimension:N")
    gaps = alt.Chart(first).mark_text(align="right", baseline="bottom", dy=-9, fontSize=13, fontWeight="bold",
                                      color="#c0392b").encode(y=y, x=alt.XValue(width), text="gap_label:N")
    # A blank row's worth of room above each dimension for its name: the first group's row carries it.
    height = 22 * len(order) + 18 * len(dimensions)
    return alt.layer(points, ticks, names, gaps).properties(width=width, height=height).configure_view(stroke=None)


# Drawn for a 1280×720 projector: the picture is shown at the size it is drawn, its text at least 20 px.
PROJECTOR_WIDTH = 1140
PROJECTOR_FONT = 24
PROJECTOR_INK, PROJECTOR_ALERT = "#111820", "#8f1f14"  # 7:1 or better on white


def _for_projector(chart: alt.LayerChart, height: int, width: int, font: int = PROJECTOR_FONT) -> alt.LayerChart:
    """Exactly `width` × `height` as drawn (no padding added around it), so it is never shrunk to fit."""
    return (chart.properties(width=width, height=height, padding={"left": 8, "right": 24, "top": 8, "bottom": 8},
                             autosize=alt.AutoSizeParams(type="fit", contains="padding"))
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=font, titleFontSize=font, labelColor=PROJECTOR_INK,
                            titleColor=PROJECTOR_INK, titleFontWeight="normal"))


def _level_axis(score_title: str, field: str = "score") -> alt.X:
    return alt.X(f"{field}:Q", title=score_title, scale=alt.Scale(domain=[0, MAX_LEVEL], nice=False),
                 axis=alt.Axis(values=list(range(MAX_LEVEL + 1)), format="d", grid=True, gridColor="#d5dbe1"))


def group_strip_chart(dots: pd.DataFrame, medians: pd.DataFrame, *, groups: list[str], score_title: str,
                      width: int = PROJECTOR_WIDTH) -> alt.LayerChart:
    """One dimension on a projector: a row per shown group, its name and `n` above it, its median as a bar
    with the value beside it, and (when the facilitator chose to show them) each unnamed person as a dot
    (dots: group, score; medians: group, median, label)."""
    y = alt.Y("group:N", sort=groups, axis=None, scale=alt.Scale(domain=groups, paddingInner=0.55, paddingOuter=0.4))
    x = _level_axis(score_title)
    color = alt.Color("group:N", sort=groups, legend=None,
                      scale=alt.Scale(domain=groups, range=list(GROUP_COLORS[:len(groups)])))
    # The ticks carry the axis, so without dots nothing round is drawn at all.
    ticks = alt.Chart(medians).mark_tick(thickness=6, size=44, opacity=1).encode(
        y=y, x=_level_axis(score_title, "median"), color=color)
    # The median's value on the row's name line, at the right end: beside its tick it ran into the name
    # whenever the median sat near the left.
    values = alt.Chart(medians).mark_text(align="right", baseline="bottom", dy=-26, fontSize=PROJECTOR_FONT,
                                          fontWeight="bold", color=PROJECTOR_INK).encode(
        y=y, x=alt.XDatum(MAX_LEVEL), text="value:N")
    names = alt.Chart(medians).mark_text(align="left", baseline="bottom", dy=-26, fontSize=PROJECTOR_FONT,
                                         color=PROJECTOR_INK).encode(y=y, x=alt.XValue(0), text="label:N")
    layers = [ticks, values, names]
    if not dots.empty:
        layers.insert(0, alt.Chart(dots).mark_circle(size=420, opacity=0.45).encode(y=y, x=x, color=color))
    return _for_projector(alt.layer(*layers), height=max(200, 80 * len(groups) + 60), width=width)


def gap_frames(rows: dict[str, dict[str, float | None]], gap_label: Callable[[float], str]
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two frames of `gap_overview_chart` from {row: {group: median}}: the marks, and per row the span
    from the lowest median to the highest with its label where the gap is a level or more."""
    medians, gaps = [], []
    for row, by_group in rows.items():
        found = {g: m for g, m in by_group.items() if m is not None}
        medians += [{"dimension": row, "group": g, "score": m} for g, m in found.items()]
        low, high = (min(found.values()), max(found.values())) if found else (None, None)
        gap = None if low is None else round(high - low, 2)
        gaps.append({"dimension": row, "low": low, "high": high,
                     "gap_label": gap_label(gap) if gap is not None and gap >= NOTABLE_GAP else ""})
    return (pd.DataFrame(medians, columns=["dimension", "group", "score"]),
            pd.DataFrame(gaps, columns=["dimension", "low", "high", "gap_label"]))


def gap_overview_chart(medians: pd.DataFrame, gaps: pd.DataFrame, *, groups: list[str], dimensions: list[str],
                       score_title: str, width: int = PROJECTOR_WIDTH, font: int = PROJECTOR_FONT,
                       row_height: int = 52) -> alt.LayerChart:
    """Every dimension (or every question of one) on one screen: each shown group's median as a coloured mark
    on one line, joined from the lowest to the highest, and the gap written at the right where it is a level
    or more (medians: dimension, group, score; gaps: dimension, low, high, gap_label). Drawn for a projector,
    or with a smaller `font` for a page."""
    k = font / PROJECTOR_FONT
    y = alt.Y("dimension:N", sort=dimensions, axis=None,
              scale=alt.Scale(domain=dimensions, paddingInner=0.5, paddingOuter=0.5))
    x = _level_axis(score_title)
    color = alt.Color("group:N", sort=groups, scale=alt.Scale(domain=groups, range=list(GROUP_COLORS[:len(groups)])),
                      legend=alt.Legend(title=None, orient="top", labelFontSize=font, labelColor=PROJECTOR_INK,
                                        symbolSize=400 * k * k, labelLimit=0, columnPadding=28 * k))
    span = alt.Chart(gaps).mark_rule(color="#9aa5b1", strokeWidth=5 * k).encode(y=y, x=alt.X("low:Q"), x2="high:Q")
    marks = alt.Chart(medians).mark_circle(size=460 * k * k, opacity=1).encode(y=y, x=x, color=color)
    names = alt.Chart(gaps).mark_text(align="left", baseline="bottom", dy=-16 * k, fontSize=font,
                                      color=PROJECTOR_INK).encode(y=y, x=alt.XValue(0), text="dimension:N")
    marked = alt.Chart(gaps).mark_text(align="right", baseline="bottom", dy=-16 * k, fontSize=font,
                                       fontWeight="bold", color=PROJECTOR_ALERT).encode(
        y=y, x=alt.XDatum(MAX_LEVEL), text="gap_label:N")
    return _for_projector(alt.layer(span, marks, names, marked), height=row_height * len(dimensions) + round(92 * k),
                          width=width, font=font)
