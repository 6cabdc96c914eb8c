import os
import sys
import tempfile
from pathlib import Path

import pytest
from streamlit import config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.questionnaire import parse_definition  # noqa: E402
from core.store import Store, shared_file_connection  # noqa: E402
from tests.pinned import PINNED_TODAY, pinned_clock  # noqa: E402
from ui.clock import PIN_VARIABLE  # noqa: E402

# The live rooms' logs of every page test go to a folder of this run, never the machine's temporary one.
os.environ.setdefault("TEICHAKU_ROOMS", tempfile.mkdtemp(prefix="teichaku-rooms-"))


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """Every test, and every app server a browser test starts, runs on the same day, whatever the
    wall clock says. A test that needs another day sets the variable again."""
    monkeypatch.setenv(PIN_VARIABLE, PINNED_TODAY.isoformat())
    return PINNED_TODAY


def make_definition(questions_per_dimension=(2, 2, 2)) -> dict:
    """A small synthetic questionnaire: scoring tests must not depend on shipped wording."""
    levels = [{"value": v, "name_ja": f"L{v}", "name_en": f"L{v}", "meaning_ja": "m", "meaning_en": "m"}
              for v in range(5)]
    remedies = [{"number": n, "title_ja": f"R{n}", "title_en": f"R{n}", "summary_ja": "s", "summary_en": "s"}
                for n in range(1, 6)]
    dimensions = []
    for i, count in enumerate(questions_per_dimension, start=1):
        dim = f"d{i}"
        dimensions.append({
            "id": dim, "number": i, "name_ja": f"観点{i}", "name_en": f"Dim {i}",
            "summary_ja": "s", "summary_en": "s",
            "questions": [{"id": f"{dim}.q{k}", "text_ja": "問", "text_en": "Q",
                           "levels_ja": ["a"] * 5, "levels_en": ["a"] * 5} for k in range(1, count + 1)],
            "recommendations": [{"band": b, "remedy": 1, "title_ja": "t", "title_en": "t",
                                 "steps_ja": ["s"], "steps_en": ["s"]} for b in ("low", "mid", "high")],
        })
    return {"version": "test-1", "levels": levels, "remedies": remedies, "dimensions": dimensions}


@pytest.fixture
def small_questionnaire():
    return parse_definition(make_definition())


@pytest.fixture
def server_address():
    """Like the README's run command: the server listens on loopback only."""
    previous = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield lambda address: config.set_option("server.address", address)
    config.set_option("server.address", previous)


@pytest.fixture
def workspace(tmp_path, monkeypatch, server_address):
    path = tmp_path / "ws.duckdb"
    monkeypatch.setenv("TEICHAKU_STORAGE", str(path))
    return Store(shared_file_connection(path), pinned_clock)
