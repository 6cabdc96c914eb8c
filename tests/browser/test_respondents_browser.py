"""A room of respondents in the real app: the third floor person is added on the result page and answers as
themselves; then the floor is large enough to show, and the room's spread and its gap picture appear. The same
screens fit a phone."""

from datetime import date
from pathlib import Path

import pytest

from core.questionnaire import load_questionnaire
from core.scoring import Answer
from core.store import Store, connect
from tests.browser.conftest import assert_no_exception, wait_for_app
from tests.pinned import pinned_clock


def settle(page):
    page.wait_for_timeout(250)
    wait_for_app(page)


def owner_and_two_floor_staff(path: Path) -> int:
    """The owner rates everything 4, two floor staff 1: the third floor person is added in the browser, after
    which the floor is a group large enough to be shown."""
    con = connect(path)
    store = Store(con, pinned_clock)
    aid = store.create_assessment("ワークショップ", date(2026, 11, 20), load_questionnaire().version)
    for who, level in ((None, 4), (store.add_respondent(aid, "floor"), 1), (store.add_respondent(aid, "floor"), 1)):
        for q in load_questionnaire().questions:
            store.save_answer(aid, Answer(q.id, level), respondent_id=who)
    con.close()
    return aid


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}],
                         ids=["laptop", "phone"])
def test_a_respondent_is_added_answers_and_the_room_spread_appears(browser, app_server, tmp_path, viewport):
    path = tmp_path / "room.duckdb"
    aid = owner_and_two_floor_staff(path)
    server = app_server(str(path))
    page = browser.new_context(locale="ja-JP", viewport=viewport).new_page()
    page.goto(f"{server.url}/result?a={aid}")
    wait_for_app(page)
    assert page.get_by_text("役割ごとのばらつきは、経営者以外に3人以上").is_visible()  # two floor staff: too few
    page.get_by_role("button", name="回答者を追加").click()
    settle(page)
    page.get_by_text("「現場 3」を追加しました").wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1  # nothing runs off a phone

    page.get_by_role("link", name="この人として回答する").nth(3).click()
    page.wait_for_url("**/assessment?*r=*")
    wait_for_app(page)
    whose = page.get_by_test_id("stSelectbox").first
    shown = whose.evaluate("e => e.innerText + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')")
    assert "回答者" in shown and "現場 3" in shown  # answering as the one just added
    page.get_by_test_id("stRadio").first.locator("label").filter(has_text="0 未着手").first.click()
    settle(page)

    page.goto(f"{server.url}/result?a={aid}")
    wait_for_app(page)
    page.get_by_text("回答のばらつき（4人）").wait_for(timeout=30_000)
    pictures = "[data-testid=stMain] img[alt^='観点ごとに、役割別の回答者のスコアを点で']"
    # The drawing that fits the column is the one not hidden; a phone's loads lazily, once scrolled to.
    page.evaluate(f"[...document.querySelectorAll(\"{pictures}\")].find(i => i.checkVisibility())?.scrollIntoView()")
    picture = page.locator(f"{pictures}:visible").first
    picture.wait_for(timeout=30_000)
    assert picture.bounding_box()["width"] <= viewport["width"]
    assert page.get_by_text("意見が分かれている質問").is_visible()
    assert_no_exception(page)
