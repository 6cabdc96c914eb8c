"""The KPI dashboard: the demo company's first render against a bare page, and rerun time at scale.

Run: python benchmarks/bench_dashboard.py [--rounds 9]
- render: the demo dashboard (/dashboard?ws=demo) and two one-line Streamlit pages, one at the root
  and one at /dashboard of a multipage app (the address alone costs a sub-page a failed health probe
  and a retry), loaded in turn in fresh headless-Chromium contexts; the first finished render with
  every picture decoded, measured in the page's own clock;
- scale: a workspace with 50 KPIs × 60 months; the script time of a rerun of each tab under AppTest (the
  KPI tab with its first 12 cards and with all 50 trend pictures), against a bare page's rerun.
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
from core.demo import demo_clock  # noqa: E402
from core.money import add_months  # noqa: E402
from core.progress import KpiSpec  # noqa: E402
from core.store import Observation, Store, shared_file_connection  # noqa: E402
from core.i18n import translator  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, AppServer, chromium_path  # noqa: E402

CATEGORIES = ("effort", "lead_time", "error_rate", "reentry", "other")


def render(rounds: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    app = AppServer(str(Path(tempfile.mkdtemp()) / "bench.duckdb")).start()
    bare = AppServer("session", script=str(ROOT / "benchmarks" / "bare_page.py")).start()
    bare_sub = AppServer("session", script=str(ROOT / "benchmarks" / "bare_subpage.py")).start()
    urls = {"dashboard": f"{app.url}/dashboard?ws=demo", "bare": bare.url, "bare_sub": f"{bare_sub.url}/dashboard"}
    times: dict[str, list[float]] = {name: [] for name in urls}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for url in urls.values():  # warm every server once: imports, the demo, the chart renderer
                first_render_ms(browser, url)
            for _ in range(rounds):
                for name, url in urls.items():
                    times[name].append(first_render_ms(browser, url))
            browser.close()
    finally:
        for server in (app, bare, bare_sub):
            server.stop()
    return {name: statistics.median(values) for name, values in times.items()}


def big_workspace(path: Path, kpis: int = 50, months: int = 60) -> None:
    store = Store(shared_file_connection(path), demo_clock)
    start = date(2022, 1, 1)
    observations = [Observation(f"KPI {k:02d}", add_months(start, m), 100 - m * 0.5 + k * 0.1, "時間",
                                None, CATEGORIES[k % 5]) for k in range(kpis) for m in range(months)]
    store.commit_observations(observations, file_name="bench", source_hash="bench", sheet=None)
    store.save_kpi_specs([KpiSpec(f"KPI {k:02d}", "時間", "lower", CATEGORIES[k % 5], target=60,
                                  target_date=date(2027, 1, 1)) for k in range(kpis)])
    store.set_setting("tool.go_live", "2024-01-01")
    store.set_setting("money.hourly_cost", "3000")




def rerun(rounds: int) -> dict[str, float]:
    """Script time of one rerun of each tab; the first view and the first opening of all 50 cards are cold
    (their pictures not yet drawn)."""
    from streamlit.testing.v1 import AppTest

    path = Path(tempfile.mkdtemp()) / "big.duckdb"
    os.environ["TEICHAKU_STORAGE"] = str(path)
    big_workspace(path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/5_dashboard.py")
    start = time.perf_counter()
    at.run()  # the overview draws the bullet chart of all 50 KPIs
    figures = {"cold_first_view": (time.perf_counter() - start) * 1000}
    assert not at.exception, at.exception
    bare = AppTest.from_file(str(ROOT / "benchmarks" / "bare_page.py"))
    bare.run()
    figures |= {"bare": timed(bare.run, rounds), "overview": timed(at.run, rounds)}
    for tab in ("money", "edit", "each_kpi"):
        at.session_state["tab"] = translator("ja")(f"dashboard.tab_{tab}")
        at.run()
        assert not at.exception, at.exception
        figures[tab] = timed(at.run, rounds)
    start = time.perf_counter()
    at.button(key="cards_all_button").click().run()  # all 50 cards: 38 more pictures drawn here
    figures["cold_all_cards"] = (time.perf_counter() - start) * 1000
    assert len(at.get("html")) == 50, len(at.get("html"))  # one picture per card
    figures["all_cards"] = timed(at.run, rounds)
    return figures


def timed(run, rounds: int) -> float:
    """Median milliseconds of one call."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    if chromium_path() is None:
        sys.exit("Chromium not found: install Debian's chromium or set TEICHAKU_CHROMIUM")
    r = render(args.rounds)
    print(f"demo dashboard first render: {r['dashboard']:.0f} ms median; target <= 1.3x a bare page")
    print(f"  against a bare page at the same address (/dashboard of a multipage app, {r['bare_sub']:.0f} ms): "
          f"{r['dashboard'] / r['bare_sub']:.2f}x")
    print(f"  against a bare page at the root ({r['bare']:.0f} ms): {r['dashboard'] / r['bare']:.2f}x "
          f"(the sub-page address alone: {r['bare_sub'] / r['bare']:.2f}x)")
    s = rerun(args.rounds)
    print(f"50 KPIs x 60 months, one rerun (AppTest, polling included; target < 300 ms; bare rerun {s['bare']:.0f} ms):")
    print(f"  overview {s['overview']:.0f} ms, each KPI {s['each_kpi']:.0f} ms with 12 cards and {s['all_cards']:.0f} ms "
          f"with all 50, money {s['money']:.0f} ms, targets and values (two tables, 50 x 60 cells) {s['edit']:.0f} ms")
    print(f"  pictures not yet drawn: first view {s['cold_first_view']:.0f} ms (the bullet chart, the drawing process "
          f"starting), opening all 50 cards {s['cold_all_cards']:.0f} ms (38 pictures)")


if __name__ == "__main__":
    main()
