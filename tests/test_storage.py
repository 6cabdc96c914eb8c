from pathlib import Path

import pytest

from core.storage import DEFAULT_FILE, choose_storage

HOME = Path("/home/owner")


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1"])
def test_loopback_only_server_gets_a_file_in_home(address):
    choice = choose_storage(None, address, HOME)
    assert (choice.mode, choice.path) == ("local", HOME / DEFAULT_FILE)


@pytest.mark.parametrize("address", [None, "", "0.0.0.0", "192.168.1.20", "::"])
def test_any_other_server_gets_per_session_memory(address):
    choice = choose_storage(None, address, HOME)
    assert (choice.mode, choice.path) == ("session", None)


def test_explicit_session_wins_even_on_loopback():
    assert choose_storage("session", "127.0.0.1", HOME).mode == "session"
    assert choose_storage(" SESSION ", None, HOME).mode == "session"


def test_explicit_path_wins_even_when_shared_and_says_so():
    choice = choose_storage("~/kpi/acme.duckdb", "0.0.0.0", HOME)
    assert choice.mode == "local" and choice.shared
    assert choice.path == Path("~/kpi/acme.duckdb").expanduser()
    assert not choose_storage("/tmp/a.duckdb", "127.0.0.1", HOME).shared
