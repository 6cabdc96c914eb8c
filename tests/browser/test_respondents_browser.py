"""A room of respondents in the real app: one added on the result page answers as themselves, and the room's
spread and its gap picture appear; the same screens fit a phone."""

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


def owner_answered_everything(path: Path) -> int:
    con = connect(path)
    store = Store(con, pinned_clock)
    aid = store.create_assessment("ワークショップ", date(2026, 11, 20), load_questionnaire().version)
    for q in load_questionnaire().questions:
        store.save_answer(aid, Answer(q.id, 4))
    con.close()
    return aid


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}],
                         ids=["laptop", "phone"])
def test_a_respondent_is_added_answers_and_the_room_spread_appears(browser, app_server, tmp_path, viewport):
    path = tmp_path / "room.duckdb"
    aid = owner_answered_everything(path)
    server = app_server(str(path))
    page = browser.new_context(locale="ja-JP", viewport=viewport).new_page()
    page.goto(f"{server.url}/result?a={aid}")
    wait_for_app(page)
    page.get_by_text("回答者（1人）").click()
    settle(page)
    page.get_by_role("button", name="回答者を追加").click()
    settle(page)
    page.get_by_text("「現場 1」を追加しました").wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1  # nothing runs off a phone

    page.get_by_role("link", name="この人として回答する").nth(1).click()
    page.wait_for_url("**/assessment?*r=*")
    wait_for_app(page)
    whose = page.get_by_test_id("stSelectbox").first
    shown = whose.evaluate("e => e.innerText + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')")
    assert "回答者" in shown and "現場 1" in shown  # answering as the one just added
    page.get_by_test_id("stRadio").first.locator("label").filter(has_text="0 未着手").first.click()
    settle(page)

    page.goto(f"{server.url}/result?a={aid}")
    wait_for_app(page)
    page.get_by_text("回答のばらつき（2人）").wait_for(timeout=30_000)
    picture = page.get_by_role("img", name="観点ごとに、役割別の回答者のスコアを点で").first
    picture.wait_for(timeout=30_000)
    assert picture.bounding_box()["width"] <= viewport["width"]
    assert page.get_by_text("意見が分かれている質問").is_visible()
    assert_no_exception(page)
