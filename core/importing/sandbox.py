"""A child process with memory and time limits for parsing untrusted files.

A Rust reader aborts its whole process on some hostile files, and a zip bomb can need
gigabytes; in a Streamlit server that would end every visitor's session. Here only the
child dies, and the next import starts a fresh one. One parse runs at a time per server.
The child is a plain `python -m` process (not multiprocessing, which would re-run the
Streamlit script in the child).
"""

from __future__ import annotations

import threading

import pyarrow as pa

from core.importing.findings import ImportRejected
from core.worker_process import WorkerGone, WorkerProcess, WorkerTimeout


class Sandbox(WorkerProcess):
    def __init__(self, max_memory: int):
        super().__init__("core.importing.worker", str(max_memory))

    def read_sheet(self, data: bytes, sheet: str, member: str, max_cells: int, timeout: float):
        """(Arrow table, (first row, first column)) of one sheet, or ImportRejected."""
        request = {"sheet": sheet, "member": member, "max_cells": max_cells}
        try:
            header, payload = self.ask(request, data, timeout)
        except WorkerTimeout as error:
            raise ImportRejected("import.timeout", seconds=int(timeout)) from error
        except WorkerGone as error:
            raise ImportRejected("import.crashed") from error
        if not header["ok"]:
            raise ImportRejected(header["key"], **header["params"])
        table = pa.ipc.open_stream(payload).read_all()
        return table, tuple(header["origin"])


_sandboxes: dict[int, Sandbox] = {}
_sandboxes_lock = threading.Lock()


def sandbox(max_memory: int) -> Sandbox:
    """One per server process: it holds no user data between imports, only the worker."""
    with _sandboxes_lock:
        return _sandboxes.setdefault(max_memory, Sandbox(max_memory))
