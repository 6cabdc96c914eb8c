"""A helper process that answers one request at a time: drawing charts, reading untrusted files.

Work that holds the GIL or may crash (a Rust reader aborting, a zip bomb) runs in a plain
`python -m MODULE` child, never in the Streamlit server. Each message, both ways, is a JSON header
line carrying "size", then that many raw bytes. A child that dies or misses its deadline is killed
and the next request starts a fresh one.

The deadline is kept with select() on the pipe rather than a reader thread and a timed queue: a
relative select timeout holds even where the process clock is shifted (faketime), where a timed lock
wait can block forever.
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

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1 << 20


class WorkerTimeout(Exception):
    """No answer within the deadline; the child was stopped."""


class WorkerGone(Exception):
    """The child ended (or could not be written to) before it answered."""


def send(out, header: dict, payload: bytes = b"") -> None:
    """One message: the header line (with the payload's size), then the payload."""
    out.write(json.dumps({**header, "size": len(payload)}).encode() + b"\n" + payload)
    out.flush()


def receive(source) -> tuple[dict, bytes] | None:
    """The next message from a blocking stream (the child's side), or None at its end."""
    line = source.readline()
    if not line:
        return None
    header = json.loads(line)
    return header, source.read(header["size"])


class WorkerProcess:
    def __init__(self, module: str, *args: str):
        self._command = [sys.executable, "-m", module, *args]
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._buffer = bytearray()

    def _start(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
            self._process = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
            self._buffer = bytearray()
        return self._process

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None

    def ask(self, header: dict, payload: bytes, timeout: float) -> tuple[dict, bytes]:
        """Send one request and wait for its answer, at most `timeout` seconds (the child's start included)."""
        with self._lock:
            process = self._start()
            try:
                send(process.stdin, header, payload)
                return self._answer(process, time.monotonic() + timeout)
            except (WorkerTimeout, WorkerGone):
                self._stop()
                raise
            except OSError as error:  # a broken pipe: the child is gone
                self._stop()
                raise WorkerGone(type(error).__name__) from error

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
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise WorkerTimeout()
        chunk = os.read(fd, CHUNK)
        if not chunk:
            raise WorkerGone("the process ended")
        self._buffer += chunk

    def warm_up(self) -> None:
        with self._lock:
            self._start()

    @property
    def process(self) -> subprocess.Popen | None:
        return self._process
