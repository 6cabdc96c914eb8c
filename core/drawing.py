"""Vega-Lite specs drawn as SVG by vl-convert in a process of its own.

vl-convert holds the GIL while it draws (tens of ms per chart, ~0.4 s for its first), which
inside the Streamlit server would stall every visitor's session. Here the server thread only
waits on a pipe. One drawing at a time per server; a worker that dies or hangs is replaced.
"""

from __future__ import annotations

import json

from core.worker_process import WorkerGone, WorkerProcess, WorkerTimeout

TIMEOUT = 30.0  # seconds for one drawing, the worker's start included


class DrawingFailed(Exception):
    """The chart could not be drawn; the page shows a note instead of the picture."""


class Renderer(WorkerProcess):
    def __init__(self) -> None:
        super().__init__("core.drawing_worker")

    def draw(self, spec: dict) -> str:
        try:
            header, svg = self.ask({}, json.dumps(spec).encode(), TIMEOUT)
        except WorkerTimeout as error:
            raise DrawingFailed("no picture in time") from error
        except WorkerGone as error:
            raise DrawingFailed("the drawing process ended") from error
        if not header["ok"]:
            raise DrawingFailed(header.get("error", "no picture"))
        return svg.decode()


_renderer = Renderer()


def draw_svg(spec: dict) -> str:
    return _renderer.draw(spec)


def warm_up() -> None:
    """Start the worker early: it loads and warms vl-convert in its own process."""
    _renderer.warm_up()
