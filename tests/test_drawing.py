"""The drawing process: pictures come back, failures are reported, a dead worker is replaced."""

import pytest

from core import drawing
from core.drawing import DrawingFailed, Renderer

SPEC = {"data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 3}]}, "mark": "line",
        "encoding": {"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"}}}


def test_a_spec_comes_back_as_svg():
    assert Renderer().draw(SPEC).startswith("<svg")


def test_a_bad_spec_is_reported_and_the_next_one_is_drawn():
    renderer = Renderer()
    with pytest.raises(DrawingFailed):
        renderer.draw({"mark": {"type": "no-such-mark"}, "data": {"values": []}})
    assert renderer.draw(SPEC).startswith("<svg")


def test_a_worker_that_died_is_replaced():
    renderer = Renderer()
    renderer.draw(SPEC)
    first = renderer._process
    first.kill()
    first.wait()
    assert renderer.draw(SPEC).startswith("<svg") and renderer._process is not first


def test_a_hung_worker_is_stopped(monkeypatch):
    renderer = Renderer()
    monkeypatch.setattr(drawing, "TIMEOUT", 0.001)  # no drawing, not even the warm-up, is this quick
    with pytest.raises(DrawingFailed):
        renderer.draw(SPEC)
    assert renderer._process is None
