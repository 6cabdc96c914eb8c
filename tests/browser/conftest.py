"""Browser tests: the real app under `streamlit run`, driven in headless Chromium.

They are skipped (with the reason shown) where no Chromium is installed, except when
TEICHAKU_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    found = os.environ.get("TEICHAKU_CHROMIUM") or next(
        (p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None) or shutil.which("chromium")
    return found


def _require_browser() -> str:
    path = chromium_path()
    reason = None
    if path is None:
        reason = "no Chromium found (install Debian's chromium, or set TEICHAKU_CHROMIUM)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if reason:
        if os.environ.get("TEICHAKU_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here but cannot run: {reason}")
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    storage: str
    script: str = "app.py"
    port: int = 0
    process: subprocess.Popen | None = None
    rooms: str = ""  # the live rooms' logs: kept across a restart, as on a real server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        self.port = self.port or free_port()  # a restart keeps the address phones hold
        self.rooms = self.rooms or tempfile.mkdtemp(prefix="teichaku-rooms-")
        env = {**os.environ, "TEICHAKU_STORAGE": self.storage, "TEICHAKU_ROOMS": self.rooms}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the app did not become healthy within 60 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> AppServer:
        self.stop()
        return self.start()


@pytest.fixture(scope="session")
def browser():
    path = _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def app_server(tmp_path):
    servers: list[AppServer] = []

    def start(storage: str | None = None) -> AppServer:
        server = AppServer(storage or str(tmp_path / "workspace.duckdb")).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Streamlit's own e2e sequence: connected, script finished, no skeleton left."""
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
                           timeout=timeout)
    page.wait_for_timeout(150)


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


def start_assessment(page, url: str, name: str) -> None:
    """Home → 新しい診断を始める → name it → the first step of the questionnaire."""
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("button", name="新しい診断を始める").click()
    page.wait_for_url("**/assessment?*new=1*")
    wait_for_app(page)
    page.get_by_label("診断の名前").fill(name)
    page.get_by_role("button", name="診断を始める").click()
    page.wait_for_url("**/assessment?*step=1*")
    wait_for_app(page)


GRID_ROW_HEIGHT = 35  # st.data_editor's default row height in px


def edit_grid_cell(page, grid, label: str, columns_right: int, value: str) -> None:
    """Type `value` into the cell `columns_right` columns right of the first-column cell showing `label`.

    The way Streamlit's own tests do it: the grid's cell editor is fetched on the first edit of a
    page, so keys sent before it has focus go to the grid (a user typing "6⏎" within a network
    round trip on a first visit sees the same). Wait for the editor, then type.
    """
    from playwright.sync_api import expect

    wait_for_app(page)
    canvas = grid.locator("canvas").first
    expect(canvas).to_be_visible()
    settled, last = 0, None
    while settled < 6:  # the canvas box unchanged for ~300 ms
        box = canvas.bounding_box()
        settled = settled + 1 if box == last else 0
        last = box
        page.wait_for_timeout(50)
    cell = grid.locator("td[role=gridcell][aria-colindex='1']").filter(has_text=label).first
    row = int(cell.get_attribute("id").rsplit("-", 1)[1])  # glide-cell-<column>-<row>
    grid.click(position={"x": 60, "y": GRID_ROW_HEIGHT * (row + 1.5)})
    for _ in range(columns_right):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    editor = page.get_by_test_id("portal").locator(".gdg-input")
    expect(editor).to_be_focused()
    editor.fill(value)
    page.keyboard.press("Enter")
    page.wait_for_timeout(250)
    wait_for_app(page)
