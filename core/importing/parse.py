"""Turning a located table and its mapping into monthly KPI observations, with findings.

Cells are parsed once per distinct text (dictionary-encoded), so a 100,000-row log costs
a few thousand parser calls, not a million.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.utils import get_column_letter

from core.importing.findings import Finding
from core.importing.shape import Mapping, _strip_time, is_target_column, kpi_name
from core.importing.locate import Grid, Table
from core.values import UNITS, parse_period, parse_value

FINDINGS_PER_COLUMN = 10
COLUMNS = ["kpi", "period", "value", "unit", "target", "cell", "rows"]
_UNIT_IN_NAME = re.compile(r"\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class Extraction:
    observations: pd.DataFrame  # COLUMNS; one row per KPI and month
    findings: list[Finding]


def _dictionary(column: pa.ChunkedArray, rows: pa.Array) -> pa.DictionaryArray:
    taken = pc.take(column, rows)
    return (taken.combine_chunks() if isinstance(taken, pa.ChunkedArray) else taken).dictionary_encode()


def parse_values(column: pa.ChunkedArray, rows: pa.Array, steps: Counter | None = None):
    """Numbers, units and a not-understood flag for every row, parsing each distinct text once.
    `steps` counts what was done to the cells (全角 converted, unit taken off, ▲ read as minus …)."""
    encoded = _dictionary(column, rows)
    parsed = [parse_value(v) for v in encoded.dictionary.to_pylist()]
    if steps is not None and parsed:
        uses = pc.value_counts(encoded.indices.drop_null())
        for item in uses.to_pylist():
            for step in parsed[item["values"]].steps:
                steps[step] += item["counts"]
    take = lambda values, kind: pc.take(pa.array(values, kind), encoded.indices)  # noqa: E731
    return (take([p.value for p in parsed], pa.float64()), take([p.unit for p in parsed], pa.string()),
            pc.fill_null(take([not p.understood for p in parsed], pa.bool_()), False))


def parse_periods(column: pa.ChunkedArray, rows: pa.Array, mapping: Mapping):
    encoded = _dictionary(column, rows)
    parsed = [parse_period(_strip_time(v), fiscal_year=mapping.fiscal_year, fiscal_start=mapping.fiscal_start)
              for v in encoded.dictionary.to_pylist()]
    months = pc.take(pa.array([p.month for p in parsed], pa.date32()), encoded.indices)
    bad = pc.fill_null(pc.take(pa.array([not p.understood for p in parsed], pa.bool_()), encoded.indices), False)
    return months, bad


def unit_from_name(column: str) -> str | None:
    m = _UNIT_IN_NAME.search(unicodedata.normalize("NFKC", column))
    return UNITS.get(m.group(1).strip().lower()) if m else None


class _Collector:
    """Findings for cells that could not be read, a few named per column and the rest counted."""

    def __init__(self, grid: Grid, table: Table):
        self.grid, self.table, self.findings = grid, table, []
        self.steps: Counter = Counter()

    def summarize_steps(self) -> None:
        """One line saying what was done to the values, e.g. 全角を半角に 12件・単位を分離 30件."""
        if self.steps:
            self.findings.insert(0, Finding("import.steps_done", "info", self.grid.sheet,
                                            params={"steps": dict(self.steps)}))

    def not_understood(self, column: int, bad: pa.Array, rows: pa.Array, key: str) -> None:
        where = pc.filter(rows, bad).to_pylist()
        for i in where[:FINDINGS_PER_COLUMN]:
            cell = self.grid.column(column)[i].as_py()
            self.findings.append(Finding(key, "not_understood", self.grid.sheet, self.grid.excel_row(i),
                                         self.grid.excel_column(column), {"value": cell}))
        if len(where) > FINDINGS_PER_COLUMN:
            self.findings.append(Finding("import.more_not_understood", "not_understood", self.grid.sheet,
                                         column=self.grid.excel_column(column),
                                         params={"count": len(where) - FINDINGS_PER_COLUMN,
                                                 "name": self.table.columns[column]}))

    def letter(self, column: int) -> str:
        return get_column_letter(self.grid.excel_column(column))


def extract(grid: Grid, table: Table, mapping: Mapping) -> Extraction:
    collector = _Collector(grid, table)
    rows = pa.array(table.rows, pa.int64())
    if not table.rows:
        return Extraction(pd.DataFrame(columns=COLUMNS), [Finding("import.no_rows", "not_understood", grid.sheet)])
    builder = {"wide": _wide, "long": _long, "columns": _by_columns}[mapping.shape]
    frames = builder(grid, table, mapping, rows, collector)
    collector.summarize_steps()
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    frame = frame.dropna(subset=["value"]).sort_values(["kpi", "period"]).reset_index(drop=True)
    return Extraction(frame[COLUMNS], table.findings + collector.findings)


def _months_column(grid, table, mapping, rows, collector):
    if mapping.period_column is None:
        collector.findings.append(Finding("import.no_period_column", "not_understood", grid.sheet))
        return None
    months, bad = parse_periods(grid.column(mapping.period_column), rows, mapping)
    collector.not_understood(mapping.period_column, bad, rows, "import.period_not_understood")
    return months


def _by_columns(grid, table, mapping, rows, collector) -> list[pd.DataFrame]:
    months = _months_column(grid, table, mapping, rows, collector)
    if months is None:
        return []
    targets = {kpi_name(table.columns[j]): j for j in mapping.kpi_columns if is_target_column(table.columns[j])}
    frames = []
    for j in mapping.kpi_columns:
        name = table.columns[j]
        if is_target_column(name):
            continue
        kpi = kpi_name(name)
        values, units, bad = parse_values(grid.column(j), rows, collector.steps)
        collector.not_understood(j, bad, rows, "import.value_not_understood")
        data = pd.DataFrame({"period": months.to_pandas(), "value": values.to_pandas(), "row": rows.to_pandas()})
        if kpi in targets:
            data["target"] = parse_values(grid.column(targets[kpi]), rows)[0].to_pandas()
        else:
            data["target"] = float("nan")
        unit = unit_from_name(name) or _most_common(units)
        frames.append(_monthly(data.dropna(subset=["period"]), kpi, unit, collector.letter(j),
                               mapping.aggregation.get(kpi, "sum"), grid))
    return frames


def _monthly(data: pd.DataFrame, kpi: str, unit: str | None, letter: str, rule: str, grid: Grid) -> pd.DataFrame:
    """One value per month: rows that share a month are combined by the chosen rule."""
    grouped = data.groupby("period", sort=True)
    values = grouped["value"].count() if rule == "count" else grouped["value"].agg(
        {"sum": "sum", "mean": "mean", "last": "last"}[rule])
    if rule == "sum":  # a month whose cells are all empty stays empty, not 0
        values = values.where(grouped["value"].count() > 0)
    first, last, count = grouped["row"].min(), grouped["row"].max(), grouped["row"].count()
    cells = [f"{letter}{grid.excel_row(a)}" if n == 1 else f"{letter}{grid.excel_row(a)}:{letter}{grid.excel_row(b)}"
             for a, b, n in zip(first, last, count)]
    return pd.DataFrame({"kpi": kpi, "period": values.index, "value": values.to_numpy(dtype=float),
                         "unit": unit, "target": grouped["target"].last().to_numpy(dtype=float),
                         "cell": cells, "rows": count.to_numpy()})


def _wide(grid, table, mapping, rows, collector) -> list[pd.DataFrame]:
    if mapping.kpi_column is None:
        collector.findings.append(Finding("import.no_kpi_column", "not_understood", grid.sheet))
        return []
    names = pc.take(grid.column(mapping.kpi_column), rows).to_pylist()
    units = (pc.take(grid.column(mapping.unit_column), rows).to_pylist() if mapping.unit_column is not None
             else [None] * len(names))
    row_target = (parse_values(grid.column(mapping.target_column), rows)[0].to_pylist()
                  if mapping.target_column is not None else [None] * len(names))
    month_of = {j: _header_month(table.columns[j], mapping) for j in mapping.period_columns}
    records = []
    for j in mapping.period_columns:
        month = month_of[j]
        if month is None:
            collector.findings.append(Finding("import.period_header_not_understood", "not_understood", grid.sheet,
                                              grid.excel_row(table.header_row), grid.excel_column(j),
                                              {"value": table.columns[j]}))
            continue
        values, parsed_units, bad = parse_values(grid.column(j), rows, collector.steps)
        collector.not_understood(j, bad, rows, "import.value_not_understood")
        is_target = is_target_column(table.columns[j])
        for k, (value, unit) in enumerate(zip(values.to_pylist(), parsed_units.to_pylist())):
            if not names[k]:
                continue
            records.append({"kpi": unicodedata.normalize("NFKC", names[k]).strip(), "period": month,
                            "value": value, "unit": _unit(units[k]) or unit, "target": row_target[k],
                            "cell": f"{collector.letter(j)}{grid.excel_row(table.rows[k])}", "rows": 1,
                            "is_target": is_target})
    if not records:
        return []
    frame = pd.DataFrame(records)
    repeated = frame[~frame["is_target"]].duplicated(["kpi", "period"], keep="last")
    for kpi in sorted(set(frame[~frame["is_target"]][repeated]["kpi"])):
        collector.findings.append(Finding("import.duplicate_kpi", "guessed", grid.sheet, params={"kpi": kpi}))
    frame = frame.drop_duplicates(["kpi", "period", "is_target"], keep="last")  # the lower row wins, and says so
    targets = frame[frame["is_target"]].set_index(["kpi", "period"])["value"]
    actual = frame[~frame["is_target"]].drop(columns="is_target").copy()
    monthly_target = actual.set_index(["kpi", "period"]).index.map(targets.to_dict())
    actual["target"] = actual["target"].where(actual["target"].notna(), pd.Series(monthly_target, index=actual.index))
    return [actual]


def _header_month(column: str, mapping: Mapping) -> date | None:
    from core.importing.shape import header_period

    return header_period(column, mapping.fiscal_year, mapping.fiscal_start)


def _long(grid, table, mapping, rows, collector) -> list[pd.DataFrame]:
    months = _months_column(grid, table, mapping, rows, collector)
    if months is None or mapping.kpi_column is None or mapping.value_column is None:
        return []
    values, units, bad = parse_values(grid.column(mapping.value_column), rows, collector.steps)
    collector.not_understood(mapping.value_column, bad, rows, "import.value_not_understood")
    names = pc.take(grid.column(mapping.kpi_column), rows).to_pandas()
    data = pd.DataFrame({"kpi": names.map(lambda n: unicodedata.normalize("NFKC", n).strip() if n else None),
                         "period": months.to_pandas(), "value": values.to_pandas(), "row": rows.to_pandas(),
                         "unit": units.to_pandas()})
    if mapping.unit_column is not None:
        data["unit"] = pc.take(grid.column(mapping.unit_column), rows).to_pandas().map(_unit).fillna(data["unit"])
    data["target"] = (parse_values(grid.column(mapping.target_column), rows)[0].to_pandas()
                      if mapping.target_column is not None else float("nan"))
    data = data.dropna(subset=["kpi", "period"])
    letter = collector.letter(mapping.value_column)
    frames = []
    for kpi, part in data.groupby("kpi", sort=True):
        frames.append(_monthly(part, kpi, _most_common(pa.array(part["unit"], pa.string())), letter,
                               mapping.aggregation.get(kpi, "last"), grid))
    return frames


def _unit(text: str | None) -> str | None:
    if not text:
        return None
    cleaned = unicodedata.normalize("NFKC", text).strip().lower()
    return UNITS.get(cleaned, cleaned or None)


def _most_common(units: pa.Array) -> str | None:
    counts = Counter(u for u in units.to_pylist() if u)
    return counts.most_common(1)[0][0] if counts else None
