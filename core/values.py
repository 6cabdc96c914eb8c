"""Cell values as Japanese KPI sheets write them: 全角 digits, units, ▲ negatives, dashes for none.

Every parser returns what it understood plus the steps it took, so the import preview
can show the user exactly what was done to each cell. They never raise.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

# What people type for "no value" (after NFKC).
MISSING_TOKENS = frozenset({"", "-", "--", "ー", "―", "—", "–", "‐", "なし", "無し", "無", "該当なし", "n/a",
                            "na", "#n/a", "null", "none", "nan", "未", "未入力", "未集計", "*", "…", "・"})
NEGATIVE_MARKS = ("▲", "△", "▼")
# Canonical unit for each way of writing it.
UNITS = {
    "日": "日", "日間": "日", "日数": "日", "days": "日", "day": "日", "d": "日",
    "時間": "時間", "時間数": "時間", "h": "時間", "hr": "時間", "hrs": "時間", "hour": "時間", "hours": "時間",
    "分": "分", "min": "分",
    "%": "%", "パーセント": "%",
    "回": "回", "回数": "回", "件": "件", "件数": "件", "個": "個", "枚": "枚", "人": "人", "名": "人",
    "円": "円", "千円": "千円", "万円": "万円",
}
_NUMBER = re.compile(r"^(?P<sign>[-+]?)(?P<num>\d+(?:\.\d+)?|\.\d+)(?P<unit>[^\d]*)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


@dataclass(frozen=True)
class ParsedValue:
    value: float | None
    unit: str | None = None
    steps: tuple[str, ...] = field(default=())  # message ids of what was done, e.g. "value.fullwidth"
    understood: bool = True

    @property
    def missing(self) -> bool:
        return self.understood and self.value is None


def _normalize(text: str) -> tuple[str, list[str]]:
    steps = []
    normalized = unicodedata.normalize("NFKC", text)
    if normalized != text:
        steps.append("value.fullwidth")
    normalized = normalized.replace("\u2212", "-").replace("\u2010", "-").replace("\u2011", "-")
    return normalized.strip().replace(" ", ""), steps


def parse_value(raw: object) -> ParsedValue:
    """A number from whatever a KPI cell holds; unit kept apart, percent stays in percent points."""
    if raw is None:
        return ParsedValue(None)
    if isinstance(raw, bool):
        return ParsedValue(None, understood=False)
    if isinstance(raw, (int, float)):
        number = float(raw)
        return ParsedValue(number) if math.isfinite(number) else ParsedValue(None, steps=("value.missing",))
    if isinstance(raw, (date, datetime)):
        return ParsedValue(None, understood=False)
    text, steps = _normalize(str(raw))
    if text.lower() in MISSING_TOKENS:
        return ParsedValue(None, steps=tuple(steps + ["value.missing"]) if text else ())
    negative = False
    if text.startswith(NEGATIVE_MARKS):
        negative, text = True, text[1:]
        steps.append("value.triangle_negative")
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
        steps.append("value.parenthesis_negative")
    if _THOUSANDS.search(text):
        text = _THOUSANDS.sub("", text)
        steps.append("value.thousands")
    match = _NUMBER.match(text)
    if not match:
        return ParsedValue(None, steps=tuple(steps), understood=False)
    unit_text = match["unit"].strip()
    unit = UNITS.get(unit_text.lower()) if unit_text else None
    if unit_text and unit is None:
        return ParsedValue(None, steps=tuple(steps), understood=False)
    if unit:
        steps.append("value.unit")
    number = float(match["num"])
    if match["sign"] == "-":
        negative = not negative
    return ParsedValue(-number if negative else number, unit, tuple(steps))


# Japanese eras: first year in the Gregorian calendar minus one, and the first and last month.
ERAS = {
    "令和": (2018, (2019, 5), None),
    "平成": (1988, (1989, 1), (2019, 4)),
    "昭和": (1925, (1926, 12), (1989, 1)),
}
ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}
_YEAR_MONTH = re.compile(r"^(?P<y>\d{4})(?:年|[/.\-])(?P<m>\d{1,2})(?:月)?(?:[/.\-]?\d{1,2}日?)?(?:分)?$")
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])$")
_ERA = re.compile(
    r"^(?P<era>令和|平成|昭和|[RHS])\.?(?P<y>元|\d{1,2})(?:年|[/.\-])(?P<m>\d{1,2})(?:月)?(?:[/.\-]?\d{1,2}日?)?(?:分)?$",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(r"^(?P<m>\d{1,2})月(?:分)?$")
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class ParsedPeriod:
    month: date | None  # the first day of the month
    steps: tuple[str, ...] = field(default=())
    understood: bool = True


def _month(year: int, month: int, steps: list[str]) -> ParsedPeriod:
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return ParsedPeriod(None, tuple(steps), understood=False)
    return ParsedPeriod(date(year, month, 1), tuple(steps))


def _era_month(era: str, era_year: int, month: int, steps: list[str]) -> ParsedPeriod:
    offset, first, last = ERAS[era]
    year = offset + era_year
    if (year, month) < first or (last is not None and (year, month) > last):
        return ParsedPeriod(None, tuple(steps + ["period.era_out_of_range"]), understood=False)
    return _month(year, month, steps + ["period.era"])


def fiscal_year_of(month: date, fiscal_start: int = 4) -> int:
    """The fiscal year a month belongs to, named by the year it starts in (4月始まり: 2026-03 is FY2025)."""
    return month.year if month.month >= fiscal_start else month.year - 1


def parse_period(raw: object, *, fiscal_year: int | None = None, fiscal_start: int = 4,
                 allow_serial: bool = False) -> ParsedPeriod:
    """The month a cell or a column header names: 2025年4月, 2025/04, R7.4, 令和元年5月, 4月, Excel dates."""
    if raw is None or isinstance(raw, bool):
        return ParsedPeriod(None, understood=raw is None)
    if isinstance(raw, datetime):
        return ParsedPeriod(date(raw.year, raw.month, 1))
    if isinstance(raw, date):
        return ParsedPeriod(date(raw.year, raw.month, 1))
    if isinstance(raw, (int, float)):
        if allow_serial and math.isfinite(raw) and 20000 <= raw <= 80000:
            day = date.fromordinal(EXCEL_EPOCH.toordinal() + int(raw))
            return ParsedPeriod(date(day.year, day.month, 1), ("period.excel_serial",))
        return ParsedPeriod(None, understood=False)
    text, steps = _normalize(str(raw))
    if not text:
        return ParsedPeriod(None)
    if m := _YEAR_MONTH.match(text) or _COMPACT.match(text):
        return _month(int(m["y"]), int(m["m"]), steps)
    if m := _ERA.match(text):
        era = ERA_LETTERS.get(m["era"].upper(), m["era"])
        era_year = 1 if m["y"] == "元" else int(m["y"])
        return _era_month(era, era_year, int(m["m"]), steps)
    if m := _MONTH_ONLY.match(text):
        month = int(m["m"])
        if not 1 <= month <= 12:
            return ParsedPeriod(None, tuple(steps), understood=False)
        if fiscal_year is None:
            return ParsedPeriod(None, tuple(steps + ["period.month_without_year"]), understood=False)
        year = fiscal_year if month >= fiscal_start else fiscal_year + 1
        return _month(year, month, steps + ["period.fiscal_month"])
    return ParsedPeriod(None, tuple(steps), understood=False)
