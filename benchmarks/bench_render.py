"""Home-page render time against a bare one-line Streamlit page, and questionnaire rerun time.

Run: python benchmarks/bench_render.py [--rounds 9]
Both pages are served the same way (streamlit run, loopback, headless) and loaded
alternately in fresh headless-Chromium contexts, so machine noise hits both alike.
Figures are ratios to the bare page measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, AppServer, chromium_path, wait_for_app  # noqa: E402


# Records, in the page's own clock, when the first script run has finished and painted, with every
# chart drawn and every picture shown decoded (a hidden, lazy phone drawing is never loaded): no
# polling delay from the test driver gets into the figure.
RENDER_PROBE = """
window.__teichakuRendered = null;
let sawRunning = false;
const drawn = () =>
  [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].every(c => c.querySelector('canvas, svg')) &&
  [...document.querySelectorAll('[data-testid=stMain] img')].filter(i => i.checkVisibility())
    .every(i => i.complete && i.naturalWidth > 0);
const probe = () => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || window.__teichakuRendered !== null) return;
  const state = app.getAttribute('data-test-script-state');
  if (state === 'running') sawRunning = true;
  if (sawRunning && state === 'notRunning' && !document.querySelector('[data-testid=stSkeleton]') && drawn()) {
    requestAnimationFrame(() => {
      if (window.__teichakuRendered === null) window.__teichakuRendered = performance.now();
    });
  }
};
new MutationObserver(probe).observe(document, {subtree: true, attributes: true, childList: true});
document.addEventListener('load', probe, true);  // a picture finishing its decode changes no DOM
"""


def first_render_ms(browser, url: str) -> float:
    """From navigation start to the first finished and painted script run."""
    context = browser.new_context(locale="ja-JP")
    context.add_init_script(RENDER_PROBE)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function("window.__teichakuRendered !== null")
    elapsed = page.evaluate("window.__teichakuRendered")
    context.close()
    return elapsed


def render_benchmark(rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    workdir = tempfile.mkdtemp()
    app = AppServer(str(Path(workdir) / "bench.duckdb")).start()
    bare = AppServer("session", script=str(ROOT / "benchmarks" / "bare_page.py")).start()
    times = {"app": [], "bare": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            first_render_ms(browser, app.url)  # warm both servers once: imports, first DuckDB open
            first_render_ms(browser, bare.url)
            for _ in range(rounds):
                times["app"].append(first_render_ms(browser, app.url))
                times["bare"].append(first_render_ms(browser, bare.url))
            browser.close()
    finally:
        app.stop()
        bare.stop()
    app_ms, bare_ms = statistics.median(times["app"]), statistics.median(times["bare"])
    return {"home_ms": app_ms, "bare_ms": bare_ms, "ratio": app_ms / bare_ms}


def rerun_benchmark(rounds: int) -> dict:
    """Script time of answering one question (AppTest runs the script in-process)."""
    from streamlit.testing.v1 import AppTest

    from core.demo import demo_as_of, demo_clock
    from core.questionnaire import load_questionnaire
    from core.store import Store, shared_file_connection

    path = Path(tempfile.mkdtemp()) / "rerun.duckdb"
    os.environ["TEICHAKU_STORAGE"] = str(path)
    store = Store(shared_file_connection(path), demo_clock)
    aid = store.create_assessment("bench", demo_as_of(), load_questionnaire().version)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["a"] = str(aid)
    at.query_params["step"] = "1"
    at.switch_page("pages/1_assessment.py")
    at.run()
    bare = AppTest.from_file(str(ROOT / "benchmarks" / "bare_page.py"))
    bare.run()
    answer, reference = [], []
    for i in range(rounds):
        start = time.perf_counter()
        at.radio[i % len(at.radio)].set_value(i % 5).run()
        answer.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        bare.run()
        reference.append((time.perf_counter() - start) * 1000)
    assert not at.exception
    return {"answer_ms": statistics.median(answer), "bare_rerun_ms": statistics.median(reference),
            "ratio": statistics.median(answer) / statistics.median(reference)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    if chromium_path() is None:
        sys.exit("Chromium not found: install Debian's chromium or set TEICHAKU_CHROMIUM")
    render = render_benchmark(args.rounds)
    rerun = rerun_benchmark(args.rounds * 3)
    print(f"home page first render: {render['home_ms']:.0f} ms median, bare page {render['bare_ms']:.0f} ms "
          f"-> {render['ratio']:.2f}x the bare page (target <= 1.3x)")
    print(f"answering a question: {rerun['answer_ms']:.1f} ms script time median, bare rerun "
          f"{rerun['bare_rerun_ms']:.1f} ms -> {rerun['ratio']:.1f}x (target < 100 ms)")


if __name__ == "__main__":
    main()
