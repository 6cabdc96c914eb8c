"""Recognising how a table is laid out, and proposing which column means what.

Three layouts cover what SMEs keep:
- wide:    one row per KPI, one column per month (4月 … 3月, 2025/04, R7.4, Excel dates);
- long:    one row per month and KPI, with KPI name and value columns;
- columns: one row per month, day or task, one column per KPI (work logs are aggregated).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from core.importing.locate import HEADER_JOIN, Grid, Table
from core.values import parse_period, parse_value

SAMPLE_ROWS = 200
PERIOD_NAMES = ("年月", "月", "期間", "日付", "日時", "実施日", "作業日", "date", "month", "period")
KPI_NAMES = ("指標", "項目", "kpi", "名称", "内容", "管理項目")
VALUE_NAMES = ("実績", "値", "数値", "value", "actual", "結果")
UNIT_NAMES = ("単位", "unit")
TARGET_WORDS = ("目標", "計画", "予定", "target", "goal", "plan")
ID_WORDS = ("no", "no.", "番号", "id", "コード", "code", "#")
_FISCAL_YEAR = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年度|FY\s*(?P<fy>(?:19|20)\d{2})|(?P<era>令和|R)\s*(?P<ey>元|\d{1,2})\s*年度)",
                          re.IGNORECASE)
AGGREGATIONS = ("sum", "mean", "count", "last")


@dataclass
class Mapping:
    """What each column means. Column numbers index Table.columns."""

    shape: Literal["wide", "long", "columns"]
    period_column: int | None = None
    kpi_column: int | None = None
    value_column: int | None = None
    unit_column: int | None = None
    target_column: int | None = None
    period_columns: list[int] = field(default_factory=list)
    kpi_columns: list[int] = field(default_factory=list)
    fiscal_year: int | None = None
    fiscal_start: int = 4
    aggregation: dict[str, str] = field(default_factory=dict)  # KPI name -> one of AGGREGATIONS

    def with_changes(self, **changes) -> Mapping:
        return replace(self, **changes)


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def _named(column: str, words: tuple[str, ...]) -> bool:
    name = norm(column)
    return any(w in name for w in words)


def fiscal_year_in(grid: Grid, header_row: int) -> int | None:
    """A fiscal year written above the table, e.g. 「2025年度」「令和7年度」「FY2025」."""
    for row in grid.rows[: header_row + 1]:
        for cell in row:
            if not cell:
                continue
            m = _FISCAL_YEAR.search(unicodedata.normalize("NFKC", str(cell)))
            if m and (m["y"] or m["fy"]):
                return int(m["y"] or m["fy"])
            if m:
                return 2018 + (1 if m["ey"] == "元" else int(m["ey"]))
    return None


def header_period(column: str, fiscal_year: int | None, fiscal_start: int = 4):
    """The month a column header names; for "4月 / 実績" the month part counts."""
    for part in reversed(column.split(HEADER_JOIN)):
        parsed = parse_period(_strip_time(part), fiscal_year=fiscal_year, fiscal_start=fiscal_start)
        if parsed.month is not None:
            return parsed.month
    return None


def _strip_time(text: str) -> str:
    return re.sub(r"\s\d{2}:\d{2}:\d{2}$", "", str(text).strip())


def is_target_column(column: str) -> bool:
    return any(w in norm(p) for p in column.split(HEADER_JOIN) for w in TARGET_WORDS)


@dataclass(frozen=True)
class ColumnProfile:
    periods: float  # share of sampled cells that read as a month or date
    numbers: float
    filled: int


def profile(grid: Grid, table: Table, column: int) -> ColumnProfile:
    cells = grid.column(column).take(table.rows[:SAMPLE_ROWS]).to_pylist()
    filled = [c for c in cells if c is not None and str(c).strip()]
    if not filled:
        return ColumnProfile(0.0, 0.0, 0)
    periods = sum(1 for c in filled if parse_period(_strip_time(c), fiscal_year=2000).month) / len(filled)
    numbers = sum(1 for c in filled if parse_value(c).value is not None) / len(filled)
    return ColumnProfile(periods, numbers, len(filled))


def propose_mapping(grid: Grid, table: Table) -> Mapping:
    fiscal_year = fiscal_year_in(grid, table.header_row)
    columns = table.columns
    period_headers = [j for j, c in enumerate(columns) if header_period(c, fiscal_year or 2000)]
    unit = next((j for j, c in enumerate(columns) if _named(c, UNIT_NAMES)), None)
    if len(period_headers) >= 3:
        rest = [j for j in range(len(columns)) if j not in period_headers and j != unit]
        kpi = next((j for j in rest if _named(columns[j], KPI_NAMES)), rest[0] if rest else None)
        target = next((j for j in rest if j != kpi and is_target_column(columns[j])), None)
        return Mapping("wide", kpi_column=kpi, unit_column=unit, target_column=target,
                       period_columns=period_headers, fiscal_year=fiscal_year)
    profiles = [profile(grid, table, j) for j in range(len(columns))]
    period = _best_period_column(columns, profiles)
    kpi = next((j for j, c in enumerate(columns) if j != period and _named(c, KPI_NAMES)
                and profiles[j].numbers < 0.5), None)
    value = next((j for j, c in enumerate(columns) if j not in (period, kpi) and _named(c, VALUE_NAMES)
                  and profiles[j].numbers >= 0.5), None)
    if kpi is not None and value is not None:
        target = next((j for j, c in enumerate(columns) if j not in (period, kpi, value) and is_target_column(c)), None)
        return Mapping("long", period_column=period, kpi_column=kpi, value_column=value, unit_column=unit,
                       target_column=target, fiscal_year=fiscal_year)
    numeric = [j for j, p in enumerate(profiles)
               if j != period and p.numbers >= 0.5 and not _named(columns[j], ID_WORDS)]
    mapping = Mapping("columns", period_column=period, kpi_columns=numeric, fiscal_year=fiscal_year)
    return mapping.with_changes(aggregation={kpi_name(columns[j]): default_aggregation(columns[j])
                                             for j in numeric if not is_target_column(columns[j])})


def _best_period_column(columns: list[str], profiles: list[ColumnProfile]) -> int | None:
    candidates = [j for j, p in enumerate(profiles) if p.periods >= 0.8]
    named = [j for j in candidates if _named(columns[j], PERIOD_NAMES)]
    return (named or candidates or [None])[0]


def kpi_name(column: str) -> str:
    """The KPI a column measures: 「月次締め(日数) / 実績」 → 「月次締め(日数)」; 「工数(時間)」 stays."""
    parts = [p for p in column.split(HEADER_JOIN) if p]
    kept = [p for p in parts if not any(w in norm(p) for w in TARGET_WORDS + VALUE_NAMES)]
    return HEADER_JOIN.join(kept) or column


def default_aggregation(column: str) -> str:
    """How a log's rows become one monthly value: hours add up, lead times average."""
    name = norm(column)
    if any(w in name for w in ("リードタイム", "lead", "日数", "率", "%", "平均")):
        return "mean"
    return "sum"


CATEGORY_WORDS = (
    ("reentry", ("再入力", "二重", "重複入力", "re-entry", "reentry")),
    ("error_rate", ("ミス", "誤り", "エラー", "訂正", "不備", "差し戻し", "error", "mistake")),
    ("lead_time", ("リードタイム", "締め", "日数", "納期", "lead")),
    ("effort", ("工数", "時間", "作業時間", "hours", "effort")),
)


def category_of(kpi: str) -> str:
    """Which of the four monthly metrics a KPI belongs to, or "other"."""
    name = norm(kpi)
    return next((category for category, words in CATEGORY_WORDS if any(w in name for w in words)), "other")
