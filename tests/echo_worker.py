"""A worker for the tests of core.worker_process: echoes, hangs or exits as each request says."""

import os
import sys
import time

from core.worker_process import receive, send


def main() -> None:
    source, out = sys.stdin.buffer, sys.stdout.buffer
    while (message := receive(source)) is not None:
        header, payload = message
        if header.get("do") == "hang":
            time.sleep(3600)
        if header.get("do") == "exit":
            os._exit(3)
        send(out, {"ok": True, "pid": os.getpid()}, payload[::-1])


if __name__ == "__main__":
    main()
