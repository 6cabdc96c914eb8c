"""The helper process behind drawing and the import sandbox: answers, deadlines, deaths."""

import time

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


def test_a_library_printing_in_the_child_does_not_break_the_answers(worker):
    header, answer = worker.ask({"do": "print"}, b"abc", timeout=30)
    assert header["ok"] and answer == b"cba"


def test_a_garbled_answer_ends_the_child_and_the_next_request_starts_clean(worker):
    with pytest.raises(WorkerGone):
        worker.ask({"do": "garble"}, b"", timeout=30)
    assert worker.process is None
    assert worker.ask({}, b"fresh", timeout=30)[1] == b"hserf"


def test_the_deadline_covers_sending_to_a_child_that_reads_nothing():
    deaf = WorkerProcess("tests.echo_worker", "deaf")
    try:
        started = time.monotonic()
        with pytest.raises(WorkerTimeout):
            deaf.ask({}, b"x" * 10_000_000, timeout=0.5)  # far more than a pipe holds
        assert time.monotonic() - started < 10 and deaf.process is None
    finally:
        deaf._stop()
