"""A helper process that answers one request at a time: drawing charts, reading untrusted files.

Work that holds the GIL or may crash (a Rust reader aborting, a zip bomb) runs in a plain
`python -m MODULE` child, never in the Streamlit server. Each message, both ways, is a JSON header
line carrying "size", then that many raw bytes. A child that dies or misses its deadline is killed
and the next request starts a fresh one.

The deadline covers sending the request and reading the answer, kept with poll() on the pipes rather
than a reader thread and a timed queue: a relative poll timeout holds even where the process clock is
shifted (faketime), where a timed lock wait can block forever. Anything unexpected from the child (a
stray line, a broken header) ends it: the next request starts clean, never reading a stale answer.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1 << 20


class WorkerTimeout(Exception):
    """No answer within the deadline; the child was stopped."""


class WorkerGone(Exception):
    """The child ended (or could not be written to) before it answered."""


def message(header: dict, payload: bytes = b"") -> bytes:
    """One message: the header line (with the payload's size), then the payload."""
    return json.dumps({**header, "size": len(payload)}).encode() + b"\n" + payload


def send(out: BinaryIO, header: dict, payload: bytes = b"") -> None:
    out.write(message(header, payload))
    out.flush()


def receive(source: BinaryIO) -> tuple[dict, bytes] | None:
    """The next whole message from a blocking stream (the child's side), or None at its end."""
    line = source.readline()
    if not line:
        return None
    header = json.loads(line)
    payload = source.read(header["size"])
    return (header, payload) if len(payload) == header["size"] else None


def private_stdout() -> BinaryIO:
    """In a child: the answers' channel, with file descriptor 1 sent to /dev/null, so a library that
    prints cannot break the messages."""
    answers = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the child
    return answers


class WorkerProcess:
    def __init__(self, module: str, *args: str):
        self._command = [sys.executable, "-m", module, *args]
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._buffer = bytearray()

    def _start(self) -> subprocess.Popen:
        if self._process is not None and self._process.poll() is not None:
            self._stop()  # ended by itself: close its pipes before starting the next
        if self._process is None:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
            self._process = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
            self._buffer = bytearray()
        return self._process

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._process is not None:
            for pipe in (self._process.stdin, self._process.stdout):
                try:
                    pipe.close()
                except OSError:
                    pass
        self._process = None
        self._buffer = bytearray()

    def ask(self, header: dict, payload: bytes, timeout: float) -> tuple[dict, bytes]:
        """Send one request and wait for its answer, at most `timeout` seconds in all (the child's start,
        the sending and the answer)."""
        with self._lock:
            deadline = time.monotonic() + timeout
            process = self._start()
            try:
                self._send(process, message(header, payload), deadline)
                return self._answer(process, deadline)
            except WorkerTimeout:
                self._stop()
                raise
            except Exception as error:  # a dead child, a broken pipe, a garbled answer: start afresh
                self._stop()
                raise WorkerGone(type(error).__name__) from error

    def _send(self, process: subprocess.Popen, data: bytes, deadline: float) -> None:
        fd, view, sent = process.stdin.fileno(), memoryview(data), 0
        os.set_blocking(fd, False)  # a child that stops reading must not hold us past the deadline
        while sent < len(view):
            self._wait(fd, select.POLLOUT, deadline)
            try:
                sent += os.write(fd, view[sent:sent + CHUNK])
            except BlockingIOError:
                continue

    def _answer(self, process: subprocess.Popen, deadline: float) -> tuple[dict, bytes]:
        while (line_end := self._buffer.find(b"\n")) < 0:
            self._read_more(process, deadline)
        header = json.loads(self._buffer[:line_end])
        end = line_end + 1 + header["size"]
        while len(self._buffer) < end:
            self._read_more(process, deadline)
        payload = bytes(self._buffer[line_end + 1:end])
        del self._buffer[:end]
        return header, payload

    def _read_more(self, process: subprocess.Popen, deadline: float) -> None:
        fd = process.stdout.fileno()
        self._wait(fd, select.POLLIN, deadline)
        chunk = os.read(fd, CHUNK)
        if not chunk:
            raise WorkerGone("the process ended")
        self._buffer += chunk

    @staticmethod
    def _wait(fd: int, event: int, deadline: float) -> None:
        """poll(), not select(): a busy server's descriptors can be numbered past select's 1024."""
        remaining = deadline - time.monotonic()
        poller = select.poll()
        poller.register(fd, event)
        if remaining <= 0 or not poller.poll(remaining * 1000):
            raise WorkerTimeout()

    def warm_up(self) -> None:
        """Start the child if nobody is using it; never wait for another visitor's request."""
        if self._lock.acquire(blocking=False):
            try:
                self._start()
            finally:
                self._lock.release()

    @property
    def process(self) -> subprocess.Popen | None:
        return self._process
