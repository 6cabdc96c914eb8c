"""A worker for the tests of core.worker_process: echoes, hangs, prints or exits as each request says."""

import os
import sys
import time

from core.worker_process import private_stdout, receive, send


def main() -> None:
    out = private_stdout()
    if sys.argv[1:] == ["deaf"]:  # never reads a request
        time.sleep(3600)
    while (request := receive(sys.stdin.buffer)) is not None:
        header, payload = request
        if header.get("do") == "hang":
            time.sleep(3600)
        if header.get("do") == "exit":
            os._exit(3)
        if header.get("do") == "print":
            print("a library talking on stdout")  # must not reach the parent
        if header.get("do") == "garble":
            out.write(b"not a header\n")
            out.flush()
            continue
        send(out, {"ok": True, "pid": os.getpid()}, payload[::-1])


if __name__ == "__main__":
    main()
