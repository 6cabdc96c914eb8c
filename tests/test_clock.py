"""One clock: ui/clock.py alone reads the time; everything else is handed `today` or a clock."""

import ast
import re
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine

from ui import clock

ROOT = Path(__file__).resolve().parent.parent
CLOCK_MODULE = ROOT / "ui" / "clock.py"
APP_CODE = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py"),
                   *(ROOT / "core").rglob("*.py")])
CLOCK_CALLS = {"now", "today", "utcnow", "time", "time_ns", "localtime", "gmtime"}
CLOCK_SQL = re.compile(r"current_timestamp|current_date|\bnow\(\)|\btoday\(\)|get_current_time", re.I)


def test_the_visitors_day_comes_from_their_timezone(monkeypatch):
    monkeypatch.delenv(clock.PIN_VARIABLE)
    with time_machine.travel(datetime.fromisoformat("2027-03-31T20:30:00+00:00"), tick=False):
        assert clock.today("Asia/Tokyo") == date(2027, 4, 1)  # already the new fiscal year in Japan
        assert clock.today("UTC") == date(2027, 3, 31)
        assert clock.today(None) == date(2027, 4, 1)  # no timezone from the browser: Japan's
        assert clock.today("Not/AZone") == date(2027, 4, 1)  # nor a garbled one
        assert clock.now("Europe/Berlin") == datetime(2027, 3, 31, 22, 30)


def test_a_pinned_day_wins_over_the_wall_clock(monkeypatch):
    monkeypatch.setenv(clock.PIN_VARIABLE, "2031-02-28")
    with time_machine.travel(datetime(2040, 1, 1), tick=False):
        assert clock.today("UTC") == date(2031, 2, 28)
        assert clock.now("Asia/Tokyo") == datetime(2031, 2, 28, 9, 0)


def test_a_garbled_pin_is_named(monkeypatch):
    monkeypatch.setenv(clock.PIN_VARIABLE, "28.2.2031")
    with pytest.raises(ValueError, match="TEICHAKU_TODAY"):
        clock.today("UTC")


def _clock_reads(path: Path) -> list[str]:
    """Calls that read the time (datetime.now(), date.today(), time.time(), ...) and SQL that does."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_CALLS:
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if name in {"datetime", "date", "time"}:
                found.append(f"{path.name}:{node.lineno} {name}.{node.func.attr}()")
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and any(getattr(t, "id", "") == "MIGRATIONS" for t in targets):
            node.value = ast.Constant(None)  # shipped schema history: its defaults are never relied on
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CLOCK_SQL.search(node.value):
            found.append(f"{path.name}:{node.lineno} SQL {CLOCK_SQL.search(node.value).group()}")
    return found


def test_only_the_clock_module_reads_the_clock():
    assert _clock_reads(CLOCK_MODULE)  # the scan sees a clock read where there is one
    assert {p: reads for p in APP_CODE if p != CLOCK_MODULE and (reads := _clock_reads(p))} == {}


def test_only_the_clock_module_reads_the_pin():
    readers = [p for p in APP_CODE if clock.PIN_VARIABLE in p.read_text(encoding="utf-8")]
    assert readers == [CLOCK_MODULE]
    assert clock.PIN_VARIABLE in (ROOT / "README.md").read_text(encoding="utf-8")
