"""The drawing process (`python -m core.drawing_worker`): a Vega-Lite spec in, its SVG out, or
{"ok": false, "error": ...}, in the messages of core.worker_process."""

import json
import sys

from core.worker_process import private_stdout, receive, send


def main() -> None:
    out = private_stdout()  # before any library can print
    import vl_convert

    vl_convert.vegalite_to_svg({"mark": "point"})  # the first drawing is slow: pay it before anyone waits
    while (request := receive(sys.stdin.buffer)) is not None:
        try:
            svg = vl_convert.vegalite_to_svg(json.loads(request[1]))
        except Exception as error:  # noqa: BLE001 - any failure is one chart's, reported to the caller
            send(out, {"ok": False, "error": f"{type(error).__name__}: {error}"[:500]})
        else:
            send(out, {"ok": True}, svg.encode())


if __name__ == "__main__":
    main()
