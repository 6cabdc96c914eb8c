"""The demo company reads the same on any day; a user's own workspace lives on the real date."""

import re
from datetime import date

import pytest

from core.demo import copy_demo_into, demo_as_of
from tests.app_pages import ALL_PAGES, ASSESSMENT, DASHBOARD, REVIEW, TABS, open_page, open_tab
from tests.pinned import DEMO_DATES
from ui.clock import PIN_VARIABLE

STALE = "KPIの記録は2026-09で止まっています"
# Where a download's file is kept for this run: a fresh id each time, and a hash of bytes that hold
# the moment the file was written (a zip's entry times), not anything the page reads.
FILE_IDS = re.compile(r'(deferred_file_id: |url: "/mock/media/)"?[0-9a-f]{32}')


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def everything_shown(at) -> list[str]:
    """Every element the run sent, in full (texts, tables, pictures, widget values and defaults)."""
    return [FILE_IDS.sub(r"\1<file>", str(node.proto))
            for node in _walk(at._tree) if getattr(node, "proto", None) is not None]


def demo_screens() -> list[list[str]]:
    shown = []
    for page in ALL_PAGES:
        for lang in ("ja", "en"):
            at = open_page(page, ws="demo", lang=lang)
            assert not at.exception, page
            shown.append(everything_shown(at))
            if page == DASHBOARD:
                for tab in TABS:
                    shown.append(everything_shown(open_tab(at, tab)))
    return shown


def test_every_demo_screen_reads_the_same_at_every_date(workspace, monkeypatch):
    readings = {}
    for day in DEMO_DATES:
        monkeypatch.setenv(PIN_VARIABLE, day)
        readings[day] = demo_screens()
    first, *others = readings.values()
    assert sum(len(screen) for screen in first) > 500  # the comparison sees the pages, not a blank run
    for day, reading in zip(DEMO_DATES[1:], others):
        assert reading == first, day


@pytest.mark.parametrize("day", DEMO_DATES)
def test_the_demo_says_the_day_it_is_shown_as_of(workspace, monkeypatch, day):
    monkeypatch.setenv(PIN_VARIABLE, day)
    assert demo_as_of() == date(2026, 10, 1)
    at = open_tab(open_page(DASHBOARD, ws="demo"), "overview")
    assert "このデモは2026年10月1日時点の様子で" in at.info[0].value
    assert not any(w.value.startswith("診断では") for w in at.warning)  # its answers agree with its data
    at = open_page(DASHBOARD, ws="demo", lang="en")
    assert "as it stood on October 1, 2026" in at.info[0].value
    review = open_page(REVIEW, ws="demo")
    assert review.selectbox(key="review_month_ja").value == date(2026, 9, 1)  # its newest month, as on day one
    assert review.selectbox(key="review_month_ja").options[:2] == ["2026-10", "2026-09"]


@pytest.mark.parametrize(("day", "months"), [("2026-12-07", 3), ("2027-06-30", 9)])
def test_my_own_copy_of_the_demo_goes_stale_with_the_real_date(workspace, monkeypatch, day, months):
    monkeypatch.setenv(PIN_VARIABLE, day)
    copy_demo_into(workspace)
    at = open_page(DASHBOARD)
    assert not at.exception
    assert any(STALE in w.value and f"（{months}か月前）" in w.value for w in at.warning)


@pytest.mark.parametrize("day", ["2027-06-30", "2031-02-28"])
def test_a_new_assessment_is_dated_the_visitors_today(workspace, monkeypatch, day):
    monkeypatch.setenv(PIN_VARIABLE, day)
    at = open_page(ASSESSMENT, new=1)
    assert at.date_input(key="new_assessment_date").value == date.fromisoformat(day)
    at.text_input[0].input("今日の診断")
    at.button(key="FormSubmitter:new_assessment-診断を始める").click().run()
    [made] = workspace.assessments()
    assert made.taken_on == date.fromisoformat(day)
