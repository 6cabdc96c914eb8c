"""A child process with memory and time limits for parsing untrusted files.

A Rust reader aborts its whole process on some hostile files, and a zip bomb can need
gigabytes; in a Streamlit server that would end every visitor's session. Here only the
child dies, and the next import gets a fresh one. One parse runs at a time per server.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool

from core.importing.findings import ImportRejected


def _limit_memory(max_bytes: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ImportError, ValueError, OSError):  # not on this platform; the timeout still holds
        pass


class Sandbox:
    def __init__(self, max_memory: int):
        self._max_memory = max_memory
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            method = "forkserver" if sys.platform.startswith("linux") else "spawn"
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method),
                                             initializer=_limit_memory, initargs=(self._max_memory,))
        return self._pool

    def _discard(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def run(self, function, *args, timeout: float):
        """function(*args) in the child; ImportRejected when the child dies, runs out of memory or time."""
        with self._lock:
            try:
                return self._executor().submit(function, *args).result(timeout=timeout)
            except TimeoutError as error:
                self._discard()
                raise ImportRejected("import.timeout", seconds=int(timeout)) from error
            except BrokenProcessPool as error:
                self._discard()
                raise ImportRejected("import.crashed") from error
            except MemoryError as error:
                self._discard()
                raise ImportRejected("import.out_of_memory") from error

    def warm_up(self) -> None:
        with self._lock:
            self._executor().submit(int).result(timeout=60)


_sandboxes: dict[int, Sandbox] = {}
_sandboxes_lock = threading.Lock()


def sandbox(max_memory: int) -> Sandbox:
    """One per server process: it holds no user data, only the worker."""
    with _sandboxes_lock:
        return _sandboxes.setdefault(max_memory, Sandbox(max_memory))
