"""Settings: one list of keys, read and written in one place."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.money import MAX_COST
from core.settings import Setting, as_text, read_cost, read_day
from core.store import Store, connect
from tests.pinned import pinned_clock


def test_the_store_refuses_a_key_it_does_not_know():
    store = Store(connect(None), pinned_clock)
    store.set_setting(Setting.GO_LIVE, "2026-04-01")
    assert store.get_setting(Setting.GO_LIVE) == "2026-04-01" == store.get_setting("tool.go_live")
    with pytest.raises(ValueError):
        store.set_setting("tool.golive", "2026-04-01")  # a typo fails loudly, never silently elsewhere


@given(st.dates())
def test_a_date_reads_back_as_it_was_written(day):
    assert read_day(as_text(day)) == day


@pytest.mark.parametrize(("text", "cost"), [("3000", 3000.0), ("0", 0.0), (str(MAX_COST), float(MAX_COST)),
                                            ("-1", 0.0), ("1e13", 0.0), ("nan", 0.0), ("inf", 0.0), ("三千", 0.0),
                                            ("", 0.0)])
def test_a_cost_that_is_no_amount_reads_as_not_set(text, cost):
    assert read_cost(text) == cost


def test_a_garbled_date_reads_as_not_set():
    assert read_day("2026-13-01") is None and read_day("") is None and read_day("2026-04-01") == date(2026, 4, 1)
