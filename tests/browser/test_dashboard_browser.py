"""The demo company's dashboard and its tabs, then targets changed in your own copy, by the form and in the
KPI table: the status follows."""

from urllib.parse import unquote

import pytest

from tests.browser.conftest import assert_no_exception, edit_grid_cell, wait_for_app

CARD_BEFORE, CARD_AFTER = "月次締め日数　10日 → 6日（目標 5日）", "月次締め日数　10日 → 6日（目標 6日）"


def expect(locator):
    """Playwright's auto-waiting assertions, imported late like the rest: without playwright these tests skip."""
    from playwright.sync_api import expect as waiting

    return waiting(locator)


def settle(page):
    page.wait_for_timeout(300)
    wait_for_app(page)


def new_page(browser):
    return browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 1000}).new_page()


def open_tab(page, label: str) -> None:
    page.get_by_role("tab", name=label).click()
    settle(page)


def all_pictures_drawn(page, count: int) -> bool:
    """Waits until exactly `count` pictures are shown, all decoded at a readable size (fails on timeout)."""
    shown = "[...document.querySelectorAll('[data-testid=stMain] img')].filter(i => i.checkVisibility())"
    page.wait_for_function(f"{shown}.length === {count} && {shown}.every(i => i.complete && i.naturalWidth > 300)",
                           timeout=20_000)
    return True


def open_editing_tools_on_own_copy(page, server) -> None:
    """Copy the demo into your own data, open your dashboard and its editing tab."""
    page.goto(f"{server.url}/?ws=demo")
    wait_for_app(page)
    page.get_by_role("button", name="このデモを自社のデータにコピーして試す", exact=False).click()
    settle(page)
    page.goto(f"{server.url}/dashboard")
    wait_for_app(page)
    open_tab(page, "指標ごとの推移")
    card = page.get_by_test_id("stMarkdown").filter(has_text=CARD_BEFORE).first
    assert "順調" in card.inner_text()
    open_tab(page, "目標と値の入力")


def assert_target_reached(page) -> None:
    open_tab(page, "指標ごとの推移")
    page.get_by_text(CARD_AFTER).first.wait_for(timeout=30_000)
    card = page.get_by_test_id("stMarkdown").filter(has_text=CARD_AFTER).first
    assert "達成" in card.inner_text()
    assert_no_exception(page)


def open_demo_dashboard(browser, app_server):
    server = app_server()
    page = new_page(browser)
    page.goto(f"{server.url}/dashboard?ws=demo")
    wait_for_app(page)
    return server, page


def test_demo_dashboard_tabs_then_change_a_target_and_see_the_status(browser, app_server):
    server, page = open_demo_dashboard(browser, app_server)
    assert_no_exception(page)
    # the overview: the bullet chart (a picture drawn on the server), the four metrics, the money in a sentence
    assert all_pictures_drawn(page, 1)
    expect(page.get_by_text("毎月見る4つの数字")).to_be_visible()
    expect(page.get_by_text("2027-03（稼働から12か月目）", exact=False)).to_be_visible()
    assert page.get_by_text(CARD_BEFORE).count() == 0  # the cards wait in their own tab

    open_tab(page, "指標ごとの推移")
    expect(page.get_by_text(CARD_BEFORE)).to_be_visible()
    assert all_pictures_drawn(page, 5)  # a trend in each of the five cards
    assert "tab=指標ごとの推移" in unquote(page.url)  # the address remembers the tab
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(CARD_BEFORE)).to_be_visible()

    open_tab(page, "お金・補助金")
    assert all_pictures_drawn(page, 1)
    expect(page.get_by_role("button", name="効果報告の下書きをExcelで保存")).to_be_visible()

    open_editing_tools_on_own_copy(page, server)
    form = page.get_by_test_id("stForm")
    choose = form.get_by_test_id("stSelectbox").locator("input")
    choose.click()
    choose.fill("月次締め日数")
    page.keyboard.press("Enter")
    form.get_by_test_id("stNumberInputField").fill("6")
    form.get_by_role("button", name="この目標で保存").click()
    settle(page)
    saved = page.get_by_test_id("stAlertContentSuccess").filter(has_text="目標を保存しました")
    assert CARD_AFTER in saved.inner_text() and "達成" in saved.inner_text()  # seen without leaving the tab
    assert form.get_by_test_id("stNumberInputField").input_value() == ""  # the next KPI never inherits the 6
    assert_target_reached(page)


@pytest.mark.parametrize("look_elsewhere", [False, True], ids=["saved", "saved_after_a_look_at_another_tab"])
def test_a_target_typed_into_the_kpi_table_is_saved(browser, app_server, look_elsewhere):
    server = app_server()
    page = new_page(browser)
    open_editing_tools_on_own_copy(page, server)
    grid = page.locator(".st-key-kpi_editor_ja").get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    edit_grid_cell(page, grid, "月次締め日数", 1, "6")  # the column right of the name is 目標
    if look_elsewhere:  # a look at the overview before saving: the unsaved 6 must survive it
        open_tab(page, "全体")
        open_tab(page, "目標と値の入力")
    page.get_by_role("button", name="指標の設定を保存").click()
    settle(page)
    assert_target_reached(page)


def test_the_open_tab_survives_a_language_switch(browser, app_server):
    _, page = open_demo_dashboard(browser, app_server)
    open_tab(page, "お金・補助金")
    page.get_by_role("button", name="English").click()
    settle(page)
    expect(page.get_by_role("tab", name="Money and subsidy")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("button", name="Download the effect report draft (Excel)")).to_have_count(1)
    assert_no_exception(page)


def test_a_phone_gets_the_progress_chart_drawn_for_its_width(browser, app_server):
    server = app_server()
    sizes = {}
    for width in (390, 1366):
        page = browser.new_context(locale="ja-JP", viewport={"width": width, "height": 900}).new_page()
        page.goto(f"{server.url}/dashboard?ws=demo")
        wait_for_app(page)
        page.wait_for_function("[...document.querySelectorAll('[data-testid=stMain] img')]"
                               ".filter(i => i.checkVisibility()).every(i => i.complete && i.naturalWidth > 0)")
        sizes[width] = page.evaluate("[...document.querySelectorAll('[data-testid=stMain] img')]"
                                     ".filter(i => i.checkVisibility()).map(i => [i.naturalWidth, i.width])")
        if width > 1000:  # the phone drawing is hidden here, and lazy: never loaded, so it costs nothing
            assert page.evaluate("document.querySelector('img.tk-narrow').complete") is False
    [(phone_drawn, phone_shown)] = sizes[390]
    [(desk_drawn, desk_shown)] = sizes[1366]
    assert phone_drawn < 400 and phone_shown == phone_drawn  # shown at the size it was drawn: text at 13 px
    assert desk_drawn > 600 and desk_shown == desk_drawn
