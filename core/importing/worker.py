"""The sandboxed reader process: `python -m core.importing.worker MAX_MEMORY_BYTES`.

It reads requests from stdin and answers on stdout, one at a time, for as long as the
parent keeps it (a warm worker skips start-up on the next import), in the messages of
core.worker_process. Answers carry Arrow IPC, never pickle, so even a parser subverted by a
hostile file cannot make the parent run code.
"""

from __future__ import annotations

import sys


def _limit_memory(max_bytes: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ImportError, ValueError, OSError):  # not on this platform: the parent's timeout still holds
        pass


def _handle(request: dict, data: bytes) -> tuple[dict, bytes]:
    import pyarrow as pa

    from core.importing.findings import ImportRejected
    from core.importing.read import read_sheet_grid

    try:
        table, origin = read_sheet_grid(data, request["sheet"], request["member"], request["max_cells"])
    except ImportRejected as rejected:
        return {"ok": False, "key": rejected.key, "params": rejected.params}, b""
    except MemoryError:
        return {"ok": False, "key": "import.out_of_memory", "params": {}}, b""
    except Exception as error:  # noqa: BLE001 - every parser failure becomes one message
        return {"ok": False, "key": "import.unreadable", "params": {"detail": type(error).__name__}}, b""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write(table)  # a Table or a RecordBatch
    return {"ok": True, "origin": list(origin)}, sink.getvalue().to_pybytes()


def main() -> None:
    from core.worker_process import private_stdout, receive, send

    out = private_stdout()  # before any library can print
    _limit_memory(int(sys.argv[1]))
    import fastexcel  # noqa: F401 - loaded now, so a warm worker answers the first import at full speed
    import pyarrow  # noqa: F401

    while (request := receive(sys.stdin.buffer)) is not None:
        send(out, *_handle(*request))


if __name__ == "__main__":
    main()
