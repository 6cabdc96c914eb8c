"""The whole import pipeline against reading the same file with fastexcel alone and with pandas+openpyxl.

Run: python benchmarks/bench_import.py [--rows 100000] [--rounds 5]
Writes a work-hour log (title rows, then ROWS rows × 8 columns) and, in one run, times:
- fastexcel alone: open the bytes, load the sheet, to Arrow;
- pandas + openpyxl: pd.read_excel(engine="openpyxl");
- Teichaku: check → sandboxed read (warm worker) → locate → shape → parse → aggregate → load into DuckDB.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import fastexcel  # noqa: E402
import pandas as pd  # noqa: E402

from benchmarks.make_worklog import write_worklog  # noqa: E402
from core.demo import demo_clock  # noqa: E402
from core.importing.check import Limits, check_upload  # noqa: E402
from core.importing.pipeline import analyse, content_hash, read_grid, to_observations  # noqa: E402
from core.importing.sandbox import sandbox  # noqa: E402
from core.store import Store, connect  # noqa: E402


def timed(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fastexcel_alone(data: bytes) -> None:
    fastexcel.read_excel(data).load_sheet(0).to_arrow()


def pandas_openpyxl(data: bytes) -> None:
    pd.read_excel(io.BytesIO(data), engine="openpyxl", header=3)


def teichaku(data: bytes, store: Store) -> int:
    """Upload to stored rows. The workspace is opened beforehand, as a session's already is."""
    checked = check_upload("worklog.xlsx", data)
    grid, _ = read_grid(checked, checked.proposed_sheet)
    analysis = analyse(grid)
    result = store.commit_observations(to_observations(analysis), file_name="worklog.xlsx",
                                       source_hash=content_hash(data), sheet=grid.sheet)
    return result.added


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    path = write_worklog(Path(tempfile.mkdtemp()) / "worklog.xlsx", args.rows)
    data = path.read_bytes()
    sandbox(Limits().max_memory).warm_up()
    stored = teichaku(data, Store(connect(None), demo_clock))  # warm: worker started, modules imported
    stores = iter([Store(connect(None), demo_clock) for _ in range(args.rounds)])  # each round stores into an empty one
    bare = timed(lambda: fastexcel_alone(data), args.rounds)
    ours = timed(lambda: teichaku(data, next(stores)), args.rounds)
    slow = timed(lambda: pandas_openpyxl(data), max(1, args.rounds // 3))
    print(f"file: {args.rows:,} rows x 8 columns, {len(data) / 2**20:.1f} MB; {stored} monthly values stored")
    print(f"fastexcel alone:   {bare:8.0f} ms")
    print(f"Teichaku pipeline: {ours:8.0f} ms  = {ours / bare:.2f}x fastexcel alone (target <= 1.5x)")
    print(f"pandas + openpyxl: {slow:8.0f} ms  = {slow / ours:.1f}x slower than Teichaku (target >= 10x)")


if __name__ == "__main__":
    main()
