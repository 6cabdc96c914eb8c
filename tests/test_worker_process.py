"""The helper process behind drawing and the import sandbox: answers, deadlines, deaths."""

import pytest

from core.worker_process import WorkerGone, WorkerProcess, WorkerTimeout


@pytest.fixture
def worker():
    process = WorkerProcess("tests.echo_worker")
    yield process
    process._stop()


def test_a_large_answer_comes_back_whole(worker):
    payload = bytes(range(256)) * 40_000  # 10 MB, many pipe reads
    header, answer = worker.ask({}, payload, timeout=30)
    assert header["ok"] and answer == payload[::-1]
    again, small = worker.ask({}, b"abc", timeout=30)
    assert small == b"cba" and again["pid"] == header["pid"]  # the same warm process


def test_a_hung_worker_misses_its_deadline_and_is_replaced(worker):
    first = worker.ask({}, b"", timeout=30)[0]["pid"]
    with pytest.raises(WorkerTimeout):
        worker.ask({"do": "hang"}, b"", timeout=0.5)
    assert worker.process is None
    assert worker.ask({}, b"x", timeout=30)[0]["pid"] != first


def test_a_worker_that_exits_is_reported_and_replaced(worker):
    with pytest.raises(WorkerGone):
        worker.ask({"do": "exit"}, b"", timeout=30)
    assert worker.ask({}, b"ok", timeout=30)[1] == b"ko"
