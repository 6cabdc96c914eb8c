"""KPI definitions and their monthly values, each value with its provenance."""

from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa

from core.progress import KpiSpec
from core.records import CommitResult, Correction, Observation
from core.store.base import StoreBase, as_dicts
from core.store.transaction import transaction

OBSERVATION_COLUMNS = ("kpi", "kpi_en", "category", "unit", "period", "value", "target", "source", "source_hash",
                       "sheet", "cell", "imported_at")
OBSERVATION_SCHEMA = pa.schema([("kpi", pa.string()), ("kpi_en", pa.string()), ("category", pa.string()),
                                ("unit", pa.string()), ("period", pa.date32()), ("value", pa.float64()),
                                ("target", pa.float64()), ("source", pa.string()), ("source_hash", pa.string()),
                                ("sheet", pa.string()), ("cell", pa.string()), ("imported_at", pa.timestamp("us"))])
# Fixed statements: no SQL here is ever put together at run time.
OBSERVATION_INSERT = ("INSERT OR REPLACE INTO kpi_observations (kpi, kpi_en, category, unit, period, value, target,"
                      " source, source_hash, sheet, cell, imported_at) SELECT * FROM incoming_observations")
KPI_INSERT = ("INSERT OR REPLACE INTO kpis (name, unit, direction, category, baseline, target, target_date, owner)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
KPI_SELECT = "SELECT name, unit, direction, category, baseline, target, target_date, owner FROM kpis ORDER BY name"


def write_observations(cur: duckdb.DuckDBPyConnection, rows: list[list]) -> None:
    """Insert or replace monthly values in one bulk statement (executemany costs milliseconds per row)."""
    cur.register("incoming_observations",
                 pa.table(dict(zip(OBSERVATION_COLUMNS, zip(*rows))), schema=OBSERVATION_SCHEMA))
    try:
        cur.execute(OBSERVATION_INSERT)
    finally:
        cur.unregister("incoming_observations")


def write_kpi_spec(cur: duckdb.DuckDBPyConnection, k: KpiSpec) -> None:
    cur.execute(KPI_INSERT, [k.name, k.unit or "", k.direction, k.category, k.baseline, k.target, k.target_date,
                             k.owner or ""])


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


class KpiTables(StoreBase):
    def kpi_count(self) -> int:
        return self._cursor().execute("SELECT count(*) FROM kpi_observations").fetchone()[0]

    def commit_observations(self, observations: list[Observation], *, file_name: str, source_hash: str,
                            sheet: str | None, source: str = "excel") -> CommitResult:
        """Store imported values in one transaction. The same value again changes nothing;
        a different value for a stored month replaces it and is reported."""
        moment = self._clock()
        with transaction(self._writable()) as cur:
            existing = {(k, p): (v, t) for k, p, v, t in cur.execute(
                "SELECT kpi, period, value, target FROM kpi_observations").fetchall()}
            added, replaced, unchanged, targets_updated, writes = 0, [], 0, 0, []
            latest = {(o.kpi, o.period): o for o in observations}  # a repeated key: the last one counts
            for o in latest.values():
                before = existing.get((o.kpi, o.period))
                if before is not None and same(before[0], o.value) and (o.target is None or same(before[1], o.target)):
                    unchanged += 1
                    continue
                if before is None:
                    added += 1
                elif not same(before[0], o.value):
                    replaced.append(Correction(o.kpi, o.period, before[0], o.value))
                else:
                    targets_updated += 1
                target = o.target if o.target is not None else (before[1] if before else None)
                writes.append([o.kpi, None, o.category, o.unit or "", o.period, o.value, target, source,
                               source_hash, sheet, o.cell, moment])
            if writes:
                write_observations(cur, writes)
            cur.execute("INSERT INTO imports (file_name, source_hash, sheet, imported_at, added, replaced, unchanged)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [file_name, source_hash, sheet, moment, added, len(replaced), unchanged])
        return CommitResult(added, replaced, unchanged, targets_updated)

    def kpi_observations(self) -> list[dict]:
        return as_dicts(self._cursor().execute(
            "SELECT kpi, kpi_en, category, unit, period, value, target, source, sheet, cell "
            "FROM kpi_observations ORDER BY kpi, period"))

    def kpi_specs(self) -> list[KpiSpec]:
        """Every KPI that has a definition or a value. A KPI only imported gets defaults from its data:
        unit and category as imported, target from the newest imported target."""
        rows = self._cursor().execute(
            """
            WITH observed AS (
                SELECT kpi AS name, arg_max(unit, period) AS unit, arg_max(category, period) AS category,
                       arg_max(target, period) FILTER (WHERE target IS NOT NULL) AS target
                FROM kpi_observations GROUP BY kpi
            )
            SELECT coalesce(k.name, o.name), coalesce(nullif(k.unit, ''), o.unit, ''), coalesce(k.direction, 'lower'),
                   coalesce(k.category, o.category, 'other'), k.baseline, coalesce(k.target, o.target),
                   k.target_date, coalesce(k.owner, '')
            FROM kpis k FULL OUTER JOIN observed o ON k.name = o.name
            ORDER BY 1
            """
        ).fetchall()
        return [KpiSpec(*r) for r in rows]

    def save_kpi_specs(self, specs: list[KpiSpec], *, replace_all: bool = False) -> None:
        """Upsert definitions; with replace_all (the whole table was edited) rows left out are removed."""
        with transaction(self._writable()) as cur:
            if replace_all:
                cur.execute("DELETE FROM kpis")
            for k in specs:
                write_kpi_spec(cur, k)

    def kpi_series(self) -> dict[str, dict[date, float]]:
        """Every KPI's monthly values."""
        out: dict[str, dict[date, float]] = {}
        for name, period, value in self._cursor().execute(
                "SELECT kpi, period, value FROM kpi_observations WHERE value IS NOT NULL ORDER BY kpi, period"
        ).fetchall():
            out.setdefault(name, {})[period] = value
        return out
