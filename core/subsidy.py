"""IT導入補助金: the labour-productivity figure its yearly effect report asks for.

Two definitions, because the rules change by year (check the year's 公募要領):
- gross:       (売上 − 原価) ÷ (従業員数 × 年間平均労働時間)
- value_added: (営業利益 + 人件費 + 減価償却費) ÷ (従業員数 × 年間平均労働時間)
Plan targets: +3 % after one year, +9 % after three, against the base year.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields

from core.excel import new_sheet, safe, to_bytes, write_table, write_title

DEFINITIONS = ("gross", "value_added")
PLAN_TARGETS = {1: 3.0, 2: None, 3: 9.0}  # percent growth over the base year
YEARS = (0, 1, 2, 3)  # base year, then one, two and three years later


@dataclass(frozen=True)
class YearFigures:
    sales: float | None = None
    cost_of_sales: float | None = None
    employees: float | None = None
    hours_per_employee: float | None = None
    operating_profit: float | None = None
    personnel_cost: float | None = None
    depreciation: float | None = None


def productivity(f: YearFigures, definition: str) -> float | None:
    """Yen of gross profit (or value added) per hour worked; None while a figure is missing."""
    if not f.employees or not f.hours_per_employee:
        return None
    if definition == "gross":
        if f.sales is None or f.cost_of_sales is None:
            return None
        numerator = f.sales - f.cost_of_sales
    else:
        parts = (f.operating_profit, f.personnel_cost, f.depreciation)
        if any(p is None for p in parts):
            return None
        numerator = sum(parts)
    return numerator / (f.employees * f.hours_per_employee)


@dataclass(frozen=True)
class YearResult:
    year: int
    productivity: float | None
    growth: float | None  # percent over the base year
    target: float | None  # the plan's percent for this year
    met: bool | None


def report(figures: dict[int, YearFigures], definition: str) -> list[YearResult]:
    base = productivity(figures.get(0, YearFigures()), definition)
    rows = []
    for year in YEARS:
        value = productivity(figures.get(year, YearFigures()), definition)
        growth = None if year == 0 or value is None or not base else 100.0 * (value - base) / base
        target = PLAN_TARGETS.get(year)
        met = None if growth is None or target is None else growth >= target
        rows.append(YearResult(year, value, growth, target, met))
    return rows


def inputs_for(definition: str) -> tuple[str, ...]:
    """The annual figures a definition uses, in the order the report lists them."""
    gross, value_added = ("sales", "cost_of_sales"), ("operating_profit", "personnel_cost", "depreciation")
    own = gross if definition == "gross" else value_added
    return (*own, "employees", "hours_per_employee")


def report_workbook(texts: dict[str, str], labels: dict[str, str], figures: dict[int, YearFigures],
                    definition: str, leading: list[list]) -> bytes:
    """A draft shaped like the yearly effect report: the figures used, productivity against the
    plan targets, and the monthly KPIs as leading indicators. `labels` names fields and years."""
    wb, sheet = new_sheet(texts["sheet"])
    write_title(sheet, 1, texts["title"])
    safe(sheet.cell(2, 1), texts["subtitle"])
    years = [labels[f"year_{y}"] for y in YEARS]
    row = write_table(sheet, 4, [texts["figures"], *years],
                      [[labels[name], *(getattr(figures.get(y, YearFigures()), name) for y in YEARS)]
                       for name in inputs_for(definition)], formats=[None, *["#,##0"] * len(YEARS)])
    results = [[labels[f"year_{r.year}"], r.productivity, r.growth, r.target,
                None if r.met is None else texts["met" if r.met else "not_met"]] for r in report(figures, definition)]
    row = write_table(sheet, row, texts["result_header"].split("|"), results,
                      formats=[None, "#,##0", '+0.0"%";-0.0"%"', '+0"%"'])
    row = write_table(sheet, row, texts["leading_header"].split("|"), leading,
                      formats=[None, None, None, None, None, None, '0"%"'])  # values come rounded
    safe(sheet.cell(row, 1), texts["note"])
    for column, width in zip("ABCDEFGH", (30, 16, 16, 16, 16, 12, 14, 12)):
        sheet.column_dimensions[column].width = width
    return to_bytes(wb)


def dumps(figures: dict[int, YearFigures]) -> str:
    return json.dumps({str(y): asdict(f) for y, f in figures.items()})


def loads(text: str) -> dict[int, YearFigures]:
    """Figures saved as JSON; anything unreadable is treated as not entered yet."""
    try:
        raw = json.loads(text) if text else {}
        names = {f.name for f in fields(YearFigures)}
        return {int(y): YearFigures(**{k: _amount(v) for k, v in values.items() if k in names})
                for y, values in raw.items()}
    except (ValueError, TypeError, AttributeError, RecursionError, OverflowError):
        return {}


def _amount(value: object) -> float | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return value if ok else None
