"""A live room under load: one projector and 30 phones voting in bursts against one server on loopback.

Run: python benchmarks/bench_live.py [--phones 30] [--bursts 5] [--browsers] [--spacing-ms 0]
The projector is a headless-Chromium page showing the room, refreshing itself. Every phone joins the room
by its code and picks a role (1 owner, a third managers, the rest floor staff); in each burst every phone
taps an answer to its current question. By default the phones are Streamlit websocket clients
(benchmarks/ws_phones.py) that all tap at the same moment; with --browsers they are headless-Chromium
contexts at 390×844 tapped one right after the other (then the 30 pages' own rendering shares this
machine's cores with the server, which real phones do not). Measured:
- vote → projector: from a tap to the projected count first showing that vote (the projector refreshes
  itself; nothing drives it);
- phone rerun: from a tap to the phone's run finished (websocket: `script_finished` received; browser:
  the page showing the answer counted);
- server RSS: the Streamlit process and its children (the drawing process), after the bursts.
The same run measures benchmarks/bare_live.py (a shared counter, a button, a refreshing count) the same
way, and the figures are given as ratios to it as well.
"""

from __future__ import annotations

import argparse
import asyncio
import threading
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, AppServer, chromium_path, wait_for_app  # noqa: E402
from benchmarks.ws_phones import WsPhone, connect_all
from benchmarks.ws_phones import burst as tap_at_once  # noqa: E402
from tests.rooms import workshop_workspace  # noqa: E402

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "ja-JP"}
# A phone: the time of each tap on an answer, and when the run that tap started has finished and painted.
PHONE_PROBE = """
window.__taps = []; window.__done = [];
let waiting = false, before = 0;
const answered = () => {
  const m = (document.querySelector('[data-testid=stMain]')?.innerText || '').match(/回答済み (\\d+)/);
  return m ? +m[1] : -1;
};
document.addEventListener('pointerdown', e => {
  if (e.target.closest('.st-key-join_answers button')) { window.__taps.push(Date.now()); waiting = true; before = answered(); }
}, true);
// Done when the page shows the answer counted (a run that starts and ends within one frame never shows
// the running state, so the page's content is the signal, not the script state).
new MutationObserver(() => {
  if (waiting && answered() > before) { waiting = false; window.__done.push(Date.now()); }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
# The projector: when the count of votes it shows first reached each number.
SCREEN_PROBE = """
window.__shown = {};
new MutationObserver(() => {
  const el = document.querySelector('[data-testid=live-count]');
  const m = el && el.textContent.match(/(\\d+)票/);
  if (m && !(m[1] in window.__shown)) window.__shown[m[1]] = Date.now();
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def roles(phones: int) -> list[str]:
    managers = max(1, round((phones - 1) / 3))
    return ["経営者"] + ["管理職"] * managers + ["現場"] * (phones - 1 - managers)


def rss_mb(pid: int) -> tuple[float, float]:
    """(the process, the process with its children) resident memory in MB."""
    def one(p: int) -> float:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def tree(p: int) -> list[int]:
        kids = []
        for task in Path(f"/proc/{p}/task").iterdir():
            kids += [int(k) for k in (task / "children").read_text().split()]
        return [p] + [d for k in kids for d in tree(k)]

    return one(pid), sum(one(p) for p in tree(pid))


def run(browser, screen, phone_url: str, phones: int, bursts: int, pick_role: bool, spacing_ms: int) -> dict:
    contexts, pages = [], []
    for role in roles(phones):
        context = browser.new_context(**PHONE)
        context.add_init_script(PHONE_PROBE)
        page = context.new_page()
        page.goto(phone_url)
        wait_for_app(page)
        if pick_role:
            page.get_by_role("button", name=role, exact=True).click()
            page.locator(".st-key-join_answers").wait_for()
            wait_for_app(page)
        contexts.append(context)
        pages.append(page)
    screen.wait_for_function("Object.keys(window.__shown || {}).length > 0")
    base = max(int(k) for k in screen.evaluate("window.__shown"))
    for burst in range(bursts):
        for i, page in enumerate(pages):
            page.locator(".st-key-join_answers button").nth((i + burst) % 5 if pick_role else 0).click(no_wait_after=True)
            if spacing_ms:
                page.wait_for_timeout(spacing_ms)
        for n, page in enumerate(pages):
            try:
                page.wait_for_function(f"window.__done.length >= {burst + 1}", timeout=60_000)
            except Exception:
                print("phone", n, page.evaluate("[window.__taps, window.__done]"))
                raise
        screen.wait_for_function(f"({base + (burst + 1) * phones}) in window.__shown", timeout=60_000)
    taps = sorted(t for p in pages for t in p.evaluate("window.__taps"))
    reruns = [d - t for p in pages for t, d in zip(p.evaluate("window.__taps"), p.evaluate("window.__done"))]
    shown = {int(k): v for k, v in screen.evaluate("window.__shown").items()}
    latencies = []
    for n, tap in enumerate(taps, start=base + 1):  # the n-th vote counted, against the n-th tap
        first = min(v for k, v in shown.items() if k >= n)
        latencies.append(first - tap)
    for context in contexts:
        context.close()
    return {"latency": latencies, "rerun": reruns}


def run_ws(screen, port: int, query: str, phones: int, bursts: int, pick_role: bool) -> dict:
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()

    def wait(coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=120)

    clients = [WsPhone(port, "join", query) for _ in range(phones)]
    wait(connect_all(clients))
    if pick_role:
        for client, role in zip(clients, roles(phones)):
            wait(client.run(role))
    screen.wait_for_function("Object.keys(window.__shown || {}).length > 0")
    base = max(int(k) for k in screen.evaluate("window.__shown"))
    taps, reruns = [], []
    for b in range(bursts):
        labels = [f"{(i + b) % 5}\u3000" if pick_role else "2" for i in range(phones)]
        runs = wait(tap_at_once(clients, labels))
        taps += [r.started_ms for r in runs]
        reruns += [r.took_ms for r in runs]
        screen.wait_for_function(f"({base + (b + 1) * phones}) in window.__shown", timeout=60_000)
    shown = {int(k): v for k, v in screen.evaluate("window.__shown").items()}
    latencies = [min(v for k, v in shown.items() if k >= n) - tap for n, tap in enumerate(sorted(taps), start=base + 1)]
    for client in clients:
        wait(client.close())
    loop.call_soon_threadsafe(loop.stop)
    return {"latency": latencies, "rerun": reruns}


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=5)
    parser.add_argument("--spacing-ms", type=int, default=0,
                        help="with --browsers: time between two phones' taps in a burst (0: one right after the other)")
    parser.add_argument("--browsers", action="store_true", help="phones as Chromium contexts, not websocket clients")
    args = parser.parse_args()
    if chromium_path() is None:
        sys.exit("Chromium not found: install Debian's chromium or set TEICHAKU_CHROMIUM")
    from playwright.sync_api import sync_playwright

    path = Path(tempfile.mkdtemp()) / "room.duckdb"
    aid = workshop_workspace(path, {"owner": (1, 3)})
    app = AppServer(str(path)).start()
    bare = AppServer("session", script=str(ROOT / "benchmarks" / "bare_live.py")).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            bare_screen = browser.new_context(locale="ja-JP").new_page()
            bare_screen.add_init_script(SCREEN_PROBE)
            bare_screen.goto(f"{bare.url}/screen")
            wait_for_app(bare_screen)
            if args.browsers:
                reference = run(browser, bare_screen, f"{bare.url}/join", args.phones, args.bursts, pick_role=False,
                                spacing_ms=args.spacing_ms)
            else:
                reference = run_ws(bare_screen, bare.port, "", args.phones, args.bursts, pick_role=False)
            screen, code = open_room_in_place(browser, app, aid)
            if args.browsers:
                ours = run(browser, screen, f"{app.url}/join?c={code}", args.phones, args.bursts, pick_role=True,
                           spacing_ms=args.spacing_ms)
            else:
                ours = run_ws(screen, app.port, f"c={code}", args.phones, args.bursts, pick_role=True)
            own_rss, total_rss = rss_mb(app.process.pid)
            bare_rss, _ = rss_mb(bare.process.pid)
            browser.close()
    finally:
        app.stop()
        bare.stop()
    kind = "browser contexts" if args.browsers else "websocket clients tapping at once"
    print(f"{args.phones} phones ({kind}), {args.bursts} bursts, {os.cpu_count()} cores, one server on loopback")
    for name, key, goal in (("vote -> projector", "latency", 2000), ("phone rerun", "rerun", 500)):
        mine, theirs = ours[key], reference[key]
        print(f"{name}: median {statistics.median(mine):.0f} ms, p95 {pct(mine, 95):.0f} ms (goal p95 < {goal} ms); "
              f"bare page median {statistics.median(theirs):.0f} ms, p95 {pct(theirs, 95):.0f} ms; "
              f"ratio p95 {pct(mine, 95) / pct(theirs, 95):.2f}x")
    print(f"server RSS: {own_rss:.0f} MB (with the drawing process {total_rss:.0f} MB; goal < 690 MB); "
          f"bare page server {bare_rss:.0f} MB")


def open_room_in_place(browser, app: AppServer, aid: int):
    """The facilitator opens the room and projects it in the same tab (a new load would be a new session,
    which does not hold the room's key)."""
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 720})
    context.add_init_script(SCREEN_PROBE)
    page = context.new_page()
    page.goto(f"{app.url}/result?a={aid}")
    wait_for_app(page)
    page.get_by_role("button", name="ルームを開く").click()
    page.locator(".tk-join-code").wait_for()
    code = page.locator(".tk-join-code").inner_text().strip()
    page.get_by_role("button", name="ルームを映す").click()
    page.get_by_test_id("live-count").wait_for()
    return page, code


if __name__ == "__main__":
    main()
