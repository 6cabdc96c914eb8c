"""The drawing process (`python -m core.drawing_worker`): a Vega-Lite spec in, its SVG out, or
{"ok": false, "error": ...}, in the messages of core.worker_process."""

import json
import sys

import vl_convert

from core.worker_process import receive, send


def main() -> None:
    vl_convert.vegalite_to_svg({"mark": "point"})  # the first drawing is slow: pay it before anyone waits
    source, out = sys.stdin.buffer, sys.stdout.buffer
    while (message := receive(source)) is not None:
        try:
            svg = vl_convert.vegalite_to_svg(json.loads(message[1]))
        except Exception as error:  # noqa: BLE001 - any failure is one chart's, reported to the caller
            send(out, {"ok": False, "error": f"{type(error).__name__}: {error}"[:500]})
        else:
            send(out, {"ok": True}, svg.encode())


if __name__ == "__main__":
    main()
