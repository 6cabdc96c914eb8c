"""The drawing process (`python -m core.drawing_worker`): one JSON spec per line in, one JSON answer
per line out, {"svg": ...} or {"error": ...}."""

import json
import sys

import vl_convert


def main() -> None:
    vl_convert.vegalite_to_svg({"mark": "point"})  # the first drawing is slow: pay it before anyone waits
    for line in sys.stdin.buffer:
        try:
            answer = {"svg": vl_convert.vegalite_to_svg(json.loads(line))}
        except Exception as error:  # noqa: BLE001 - any failure is one chart's, reported to the caller
            answer = {"error": f"{type(error).__name__}: {error}"[:500]}
        sys.stdout.buffer.write(json.dumps(answer).encode() + b"\n")
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
