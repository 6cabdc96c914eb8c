"""The rule that no test depends on the day it runs, proved by running the tests years from now."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MOVED_TO = "2031-02-28 10:00:00"  # a day when the demo's data is years old and February is short


def test_the_unit_and_page_tests_pass_with_the_clock_moved_years_ahead():
    faketime = shutil.which("faketime")
    if faketime is None:
        if os.environ.get("TEICHAKU_REQUIRE_BROWSER") == "1":  # CI: nothing may be skipped
            pytest.fail("faketime is required here (Debian: apt-get install -y faketime)")
        pytest.skip("faketime is not installed (Debian: apt-get install -y faketime)")
    probe = subprocess.run([faketime, MOVED_TO, sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                           capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip() == MOVED_TO[:10]  # the clock really is moved for the child
    run = subprocess.run(
        [faketime, MOVED_TO, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         "--ignore", "tests/browser", "--deselect", "tests/test_moved_clock.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1]
