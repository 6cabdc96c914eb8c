"""Vega-Lite specs drawn as SVG by vl-convert in a process of its own.

vl-convert holds the GIL while it draws (tens of ms per chart, ~0.4 s for its first), which
inside the Streamlit server would stall every visitor's session. Here the server thread only
waits on a pipe. One drawing at a time per server; a worker that dies or hangs is replaced.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0  # seconds for one drawing, the worker's start included


class DrawingFailed(Exception):
    """The chart could not be drawn; the page shows a note instead of the picture."""


class Renderer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._answers: queue.Queue = queue.Queue()

    def _start(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
            env = {**os.environ, "PYTHONPATH": path}
            self._process = subprocess.Popen([sys.executable, "-m", "core.drawing_worker"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
            self._answers = queue.Queue()
            threading.Thread(target=_read_answers, args=(self._process, self._answers), daemon=True).start()
        return self._process

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None

    def draw(self, spec: dict) -> str:
        with self._lock:
            process = self._start()
            try:
                process.stdin.write(json.dumps(spec).encode() + b"\n")
                process.stdin.flush()
                answer = self._answers.get(timeout=TIMEOUT)
            except (queue.Empty, OSError) as error:
                self._stop()
                raise DrawingFailed(type(error).__name__) from error
            if answer is None:
                self._stop()
                raise DrawingFailed("the drawing process ended")
        if "svg" not in answer:
            raise DrawingFailed(answer.get("error", "no picture"))
        return answer["svg"]

    def warm_up(self) -> None:
        with self._lock:
            self._start()


def _read_answers(process: subprocess.Popen, answers: queue.Queue) -> None:
    while line := process.stdout.readline():
        answers.put(json.loads(line))
    answers.put(None)  # the worker has gone


_renderer = Renderer()


def draw_svg(spec: dict) -> str:
    return _renderer.draw(spec)


def warm_up() -> None:
    """Start the worker early: it loads and warms vl-convert in its own process."""
    _renderer.warm_up()
