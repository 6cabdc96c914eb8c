"""How values read on every screen: user text in Markdown, numbers with units, status badges."""

from __future__ import annotations

import re
from datetime import date

from ui.bootstrap import Screen

# Every date picker's range, fixed: Streamlit's default is ten years around the server's real today,
# which would make a screen differ by the day it is opened.
DATE_RANGE = {"min_value": date(1990, 1, 1), "max_value": date(2100, 12, 31)}

_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~$])")


def md(text: str) -> str:
    """User text placed inside markdown, shown as typed."""
    return _MARKDOWN.sub(r"\\\1", text)


UNITS_EN = {"時間": "h", "日": "days", "回": "count", "件": "cases", "%": "%", "分": "min", "円": "yen",
            "人": "people"}
UNITS_EN_ONE = {"日": "day", "件": "case", "人": "person"}
BARE_IN_ENGLISH = {"回"}  # "Re-entry count: 8", not "8 times"


def unit_label(screen: Screen, unit: str) -> str:
    return UNITS_EN.get(unit, unit) if screen.lang == "en" else unit


def number(screen: Screen, value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    if screen.lang == "ja":
        return f"{text}{unit}"
    if unit in BARE_IN_ENGLISH or not unit:
        return text
    u = UNITS_EN_ONE.get(unit, unit_label(screen, unit)) if text == "1" else unit_label(screen, unit)
    return f"{text}{u}" if u == "%" else f"{text} {u}"


def status_badge(screen: Screen, status: str) -> str:
    color = {"achieved": "green", "on_track": "blue", "behind": "orange", "worse": "red"}.get(status, "gray")
    return f":{color}-badge[{screen.t(f'status.{status}')}]"
