"""A child process with memory and time limits for parsing untrusted files.

A Rust reader aborts its whole process on some hostile files, and a zip bomb can need
gigabytes; in a Streamlit server that would end every visitor's session. Here only the
child dies, and the next import starts a fresh one. One parse runs at a time per server.
The child is a plain `python -m` process (not multiprocessing, which would re-run the
Streamlit script in the child).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow as pa

from core.importing.findings import ImportRejected

ROOT = Path(__file__).resolve().parents[2]


class Sandbox:
    def __init__(self, max_memory: int):
        self._max_memory = max_memory
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._answers: queue.Queue = queue.Queue()

    def _start(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
            self._process = subprocess.Popen(
                [sys.executable, "-m", "core.importing.worker", str(self._max_memory)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
            self._answers = queue.Queue()
            threading.Thread(target=self._read_answers, args=(self._process, self._answers), daemon=True).start()
        return self._process

    @staticmethod
    def _read_answers(process: subprocess.Popen, answers: queue.Queue) -> None:
        stream = process.stdout
        while line := stream.readline():
            header = json.loads(line)
            answers.put((header, stream.read(header["size"])))
        answers.put(None)  # the child has gone

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None

    def read_sheet(self, data: bytes, sheet: str, member: str, max_cells: int, timeout: float):
        """(Arrow table, (first row, first column)) of one sheet, or ImportRejected."""
        with self._lock:
            process = self._start()
            request = {"sheet": sheet, "member": member, "max_cells": max_cells, "size": len(data)}
            try:
                process.stdin.write(json.dumps(request).encode() + b"\n" + data)
                process.stdin.flush()
                answer = self._answers.get(timeout=timeout)
            except queue.Empty as error:
                self._stop()
                raise ImportRejected("import.timeout", seconds=int(timeout)) from error
            except (BrokenPipeError, OSError) as error:
                self._stop()
                raise ImportRejected("import.crashed") from error
            if answer is None:
                self._stop()
                raise ImportRejected("import.crashed")
        header, payload = answer
        if not header["ok"]:
            raise ImportRejected(header["key"], **header["params"])
        table = pa.ipc.open_stream(payload).read_all()
        return table, tuple(header["origin"])

    def warm_up(self) -> None:
        with self._lock:
            self._start()


_sandboxes: dict[int, Sandbox] = {}
_sandboxes_lock = threading.Lock()


def sandbox(max_memory: int) -> Sandbox:
    """One per server process: it holds no user data between imports, only the worker."""
    with _sandboxes_lock:
        return _sandboxes.setdefault(max_memory, Sandbox(max_memory))
