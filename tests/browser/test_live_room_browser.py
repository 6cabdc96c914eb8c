"""A live room in real browsers: the facilitator opens it, three phones join by the code on the facilitator's
page and vote with different roles, the projector fills in by itself; a phone guessing a code sees nothing;
a server restart brings the room back with every vote; ending it turns the phones into respondents."""

from urllib.parse import urlsplit

from tests.browser.conftest import assert_no_exception, start_assessment, wait_for_app

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ROLES = (("ja-JP", "経営者"), ("ja-JP", "管理職"), ("en-US", "Floor staff"))
TARGETS = """() => [...document.querySelectorAll('.st-key-join_answers button, .st-key-join_roles button')]
  .filter(b => b.checkVisibility()).map(b => b.getBoundingClientRect()).map(r => [r.width, r.height])"""


def join(browser, url: str, locale: str, role: str):
    context = browser.new_context(locale=locale, **PHONE)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    assert min(h for _, h in page.evaluate(TARGETS)) >= 48
    page.get_by_role("button", name=role).click()
    page.locator(".st-key-join_answers").wait_for()
    wait_for_app(page)
    return context, page


def answer(page, index: int) -> None:
    page.locator(".st-key-join_answers button").nth(index).click()
    page.get_by_text("counted" if page.evaluate("navigator.language").startswith("en") else "受け付け").first.wait_for()
    wait_for_app(page)


def test_three_phones_vote_live_and_the_room_survives_a_restart(browser, app_server):
    app = app_server("session")
    facilitator = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900}).new_page()
    start_assessment(facilitator, app.url, "ワークショップ")
    facilitator.get_by_role("link", name="診断結果").click()  # a link, not a new load: the same session
    facilitator.wait_for_url("**/result*")
    wait_for_app(facilitator)
    facilitator.get_by_role("button", name="ルームを開く").click()
    facilitator.locator(".tk-join-code").wait_for()
    code = facilitator.locator(".tk-join-code").inner_text().strip()
    join_link = facilitator.locator("[data-testid=stCode]").first.inner_text().strip()
    assert join_link.endswith(f"/join?c={code}")
    facilitator.get_by_role("button", name="進行役のリンクを表示").click()
    facilitator.locator("[data-testid=stCode]").nth(1).wait_for()
    keep = facilitator.locator("[data-testid=stCode]").nth(1).inner_text().strip()  # the facilitator's link
    assert "key=" in keep

    guesser = browser.new_context(locale="ja-JP", **PHONE).new_page()
    guesser.goto(f"{app.url}/join?c=AAAAAA")
    wait_for_app(guesser)
    assert "見つかりません" in guesser.locator("[data-testid=stAlert]").inner_text()
    assert guesser.locator(".st-key-join_roles, .st-key-join_answers").count() == 0
    assert code not in guesser.content()

    phones = [join(browser, f"{app.url}/join?c={code}", locale, role) for locale, role in ROLES]
    for level, (_, page) in enumerate(phones, start=1):
        answer(page, level)
    facilitator.get_by_role("button", name="ルームを映す").click()
    count = facilitator.get_by_test_id("live-count")
    count.wait_for()
    facilitator.wait_for_function("document.querySelector('[data-testid=live-count]').textContent === '3人・3票'")
    slide = facilitator.locator(".tk-slide").last
    assert slide.locator("img").count() >= 2  # the QR code and the room's dots
    assert facilitator.locator(".tk-slide img").last.get_attribute("alt") == "質問への回答（1人1点）"

    _, late = phones[2]
    late.locator(".st-key-join_answers button").nth(4).click()  # a fourth vote reaches the projector by itself
    facilitator.wait_for_function("document.querySelector('[data-testid=live-count]').textContent === '3人・4票'",
                                  timeout=10_000)
    assert_no_exception(facilitator)

    app.restart()
    _, owner = phones[0]
    owner.reload()
    wait_for_app(owner)
    assert "経営者として参加中" in owner.content()  # the same voter, its answers kept
    assert "回答済み 1" in owner.content()
    back = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900}).new_page()
    link = urlsplit(keep)
    back.goto(f"{app.url}{link.path}?{link.query}")  # the laptop's own browser, after the restart
    wait_for_app(back)
    assert "key=" not in back.url
    assert back.locator("[data-testid=stMetricValue]").filter(has_text="3人・4票").count() == 1
    assert "管理職（1人）" in back.content() and "現場（1人）" in back.content()
    back.get_by_role("button", name="ルームを終了").click()
    back.get_by_role("button", name="終了して回答者に加える").click()
    back.get_by_text("3台分の回答を回答者として加えました").wait_for()
    assert "回答者（3人）" in back.content()
    owner.locator(".st-key-join_answers button").nth(0).click()
    owner.get_by_text("ルームは終了していた").wait_for()
    assert_no_exception(owner)
