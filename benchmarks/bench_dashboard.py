"""The KPI dashboard: the demo company's first render against a bare page, and rerun time at scale.

Run: python benchmarks/bench_dashboard.py [--rounds 9]
- render: the demo dashboard (/dashboard?ws=demo) and a one-line Streamlit page, loaded alternately
  in fresh headless-Chromium contexts, first finished render measured in the page's own clock;
- scale: a workspace with 50 KPIs × 60 months; the script time of a rerun (choosing another KPI
  for the trend chart) under AppTest, against a bare page's rerun.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_render import first_render_ms  # noqa: E402
from core.money import add_months  # noqa: E402
from core.progress import KpiSpec  # noqa: E402
from core.store import Observation, Store, shared_file_connection  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, AppServer, chromium_path  # noqa: E402

CATEGORIES = ("effort", "lead_time", "error_rate", "reentry", "other")


def render(rounds: int) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    app = AppServer(str(Path(tempfile.mkdtemp()) / "bench.duckdb")).start()
    bare = AppServer("session", script=str(ROOT / "benchmarks" / "bare_page.py")).start()
    times = {"app": [], "bare": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            first_render_ms(browser, f"{app.url}/dashboard?ws=demo")
            first_render_ms(browser, bare.url)
            for _ in range(rounds):
                times["app"].append(first_render_ms(browser, f"{app.url}/dashboard?ws=demo"))
                times["bare"].append(first_render_ms(browser, bare.url))
            browser.close()
    finally:
        app.stop()
        bare.stop()
    return statistics.median(times["app"]), statistics.median(times["bare"])


def big_workspace(path: Path, kpis: int = 50, months: int = 60) -> None:
    store = Store(shared_file_connection(path))
    start = date(2022, 1, 1)
    observations = [Observation(f"KPI {k:02d}", add_months(start, m), 100 - m * 0.5 + (k % 7), "時間",
                                None, CATEGORIES[k % 5]) for k in range(kpis) for m in range(months)]
    store.commit_observations(observations, file_name="bench", source_hash="bench", sheet=None)
    store.save_kpi_specs([KpiSpec(f"KPI {k:02d}", "時間", "lower", CATEGORIES[k % 5], target=60,
                                  target_date=date(2027, 1, 1)) for k in range(kpis)])
    store.set_setting("tool.go_live", "2024-01-01")
    store.set_setting("money.hourly_cost", "3000")


def rerun(rounds: int) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    path = Path(tempfile.mkdtemp()) / "big.duckdb"
    os.environ["TEICHAKU_STORAGE"] = str(path)
    big_workspace(path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/5_dashboard.py")
    at.run()
    assert not at.exception, at.exception
    bare = AppTest.from_file(str(ROOT / "benchmarks" / "bare_page.py"))
    bare.run()
    ours, reference = [], []
    for i in range(rounds):
        start = time.perf_counter()
        at.selectbox(key="trend_pick_ja").set_value(f"KPI {i % 50:02d}").run()
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        bare.run()
        reference.append((time.perf_counter() - start) * 1000)
    return statistics.median(ours), statistics.median(reference)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    if chromium_path() is None:
        sys.exit("Chromium not found: install Debian's chromium or set TEICHAKU_CHROMIUM")
    app_ms, bare_ms = render(args.rounds)
    print(f"demo dashboard first render: {app_ms:.0f} ms median, bare page {bare_ms:.0f} ms "
          f"-> {app_ms / bare_ms:.2f}x (target <= 1.3x)")
    ours, reference = rerun(args.rounds)
    print(f"50 KPIs x 60 months, one rerun: {ours:.0f} ms (AppTest, polling included), bare rerun "
          f"{reference:.0f} ms -> {ours / reference:.1f}x (target < 300 ms)")


if __name__ == "__main__":
    main()
