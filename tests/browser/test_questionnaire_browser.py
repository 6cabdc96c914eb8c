"""A user answers the whole questionnaire by clicking, the server restarts, nothing is lost."""

from core.questionnaire import load_questionnaire
from tests.browser.conftest import assert_no_exception, start_assessment, wait_for_app


def settle(page):
    """Wait for the rerun a click started to finish."""
    page.wait_for_timeout(250)
    wait_for_app(page)


def choose(page, question_index: int, option_text: str):
    group = page.get_by_test_id("stRadio").nth(question_index)
    group.locator("label").filter(has_text=option_text).first.click()
    settle(page)


def test_answer_everything_restart_and_find_it_all(browser, app_server, tmp_path):
    q = load_questionnaire()
    server = app_server()
    context = browser.new_context(locale="ja-JP", viewport={"width": 1300, "height": 900})
    page = context.new_page()
    start_assessment(page, server.url, "導入前")

    expected = {}
    for step, dimension in enumerate(q.dimensions):
        assert page.get_by_text(f"観点 {dimension.number} / 7：{dimension.name('ja')}").is_visible()
        for i, question in enumerate(dimension.questions):
            if (step, i) == (1, 0):
                choose(page, i, "わからない")
                expected[question.id] = "わからない"
            else:
                level = (step + i) % 5
                name = q.level(level).name("ja")
                choose(page, i, f"{level} {name}")
                expected[question.id] = f"{level} {name}"
        button = "次の観点" if step < 6 else "結果を見る"
        page.get_by_role("button", name=button).click()
        settle(page)
        if step < 6:  # the next dimension opens at its top, not where the last one ended
            assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop") < 50
    assert_no_exception(page)
    page.locator("img[alt^='レーダーチャート']").first.wait_for(state="visible", timeout=30_000)  # the radar

    server.restart()
    page.goto(f"{server.url}/assessment?step=1")
    wait_for_app(page)
    page.get_by_text(f"{len(q.questions)} / {len(q.questions)} 問回答済み", exact=False).wait_for()
    for step, dimension in enumerate(q.dimensions):
        if step:
            page.get_by_role("button", name="次の観点").click()
            settle(page)
        for i, question in enumerate(dimension.questions):
            checked = page.get_by_test_id("stRadio").nth(i).locator("input:checked")
            label = checked.locator("xpath=ancestor::label").inner_text()
            assert label.startswith(expected[question.id]), (question.id, label)

    page.goto(f"{server.url}/result")
    wait_for_app(page)
    chart = page.locator("img[alt^='レーダーチャート']").first
    chart.wait_for()
    page.wait_for_function("[...document.querySelectorAll('img[alt^=\"レーダーチャート\"]')].every(i => i.complete)")
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300  # the radar really drew
    assert page.get_by_text("弱い3観点と、最初の一歩").is_visible()
    assert_no_exception(page)
    context.close()


def test_an_assessment_is_renamed_from_its_result_page(browser, app_server):
    server = app_server("session")
    page = browser.new_page(locale="ja-JP")
    start_assessment(page, server.url, "導入前（仮）")
    page.get_by_test_id("stSidebar").get_by_text("診断結果", exact=True).click()
    wait_for_app(page)
    page.get_by_text("名前・実施日を変更").click()
    page.get_by_role("textbox", name="診断の名前").fill("導入前")
    page.get_by_role("button", name="変更を保存").click()
    page.get_by_text("名前・実施日を変更しました").wait_for(timeout=30_000)  # saved, before leaving the page
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_test_id("stSidebar").get_by_text("ホーム", exact=True).click()
    wait_for_app(page)
    assert page.get_by_text("導入前（仮）").count() == 0 and page.get_by_text("導入前").count() >= 1
    page.close()
