"""The result page and projection screens with a room of 30 respondents, against a bare page.

Run: python benchmarks/bench_room.py [--rounds 7]
A workspace holds the demo company's KPIs and one assessment answered by 30 people (1 owner, 10 managers,
19 floor staff). Each screen is opened in a fresh headless-Chromium context, alternating with a bare
one-line page served at the same sub-path, from navigation start to the first finished, painted run with
every picture decoded. Figures are medians and ratios to the bare page measured in the same run. The result
page is also measured against benchmarks/bare_result.py, the least a page needs to do the same job (the
same kinds of elements with fixed data), served the same way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_render import first_render_ms  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, AppServer, chromium_path  # noqa: E402
from tests.rooms import room_of, workshop_workspace  # noqa: E402

SCREENS = {"result page": "", "projection: overall level": "&present=1&step=level",
           "projection: one area by role": "&present=1&step=d5&dots=1", "projection: roles' gap": "&present=1&step=gap",
           "projection: disputed questions": "&present=1&step=disputed"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--people", type=int, default=30)
    args = parser.parse_args()
    if chromium_path() is None:
        sys.exit("Chromium not found: install Debian's chromium or set TEICHAKU_CHROMIUM")
    from playwright.sync_api import sync_playwright

    path = Path(tempfile.mkdtemp()) / "room.duckdb"
    aid = workshop_workspace(path, room_of(args.people))
    app = AppServer(str(path)).start()
    bare = AppServer("session", script=str(ROOT / "benchmarks" / "bare_subpage.py")).start()
    job = AppServer("session", script=str(ROOT / "benchmarks" / "bare_result.py")).start()
    times: dict[str, list[float]] = {name: [] for name in SCREENS} | {"bare": [], "job": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for query in SCREENS.values():  # warm: imports, the first DuckDB open, the drawing process
                first_render_ms(browser, f"{app.url}/result?a={aid}{query}")
            first_render_ms(browser, f"{bare.url}/result")
            first_render_ms(browser, f"{job.url}/result")
            for _ in range(args.rounds):
                for name, query in SCREENS.items():
                    times[name].append(first_render_ms(browser, f"{app.url}/result?a={aid}{query}"))
                    times["bare"].append(first_render_ms(browser, f"{bare.url}/result"))
                times["job"].append(first_render_ms(browser, f"{job.url}/result"))
            browser.close()
    finally:
        app.stop()
        bare.stop()
        job.stop()
    bare_ms = statistics.median(times["bare"])
    job_ms = statistics.median(times["job"])
    print(f"{args.people} respondents, {args.rounds} rounds; bare page {bare_ms:.0f} ms median; "
          f"the result's job on a bare page {job_ms:.0f} ms median ({job_ms / bare_ms:.2f}x the bare page)")
    result_ms = statistics.median(times["result page"])
    print(f"result page against the same job on a bare page: {result_ms / job_ms:.2f}x (goal <= 1.3x)")
    for name in SCREENS:
        ms = statistics.median(times[name])
        print(f"{name}: {ms:.0f} ms median -> {ms / bare_ms:.2f}x the bare page (goal <= 1.3x)")


if __name__ == "__main__":
    main()
