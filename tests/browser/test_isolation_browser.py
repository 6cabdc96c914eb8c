"""On a shared server, two visitors never see each other's answers."""

from tests.browser.conftest import assert_no_exception, start_assessment, wait_for_app


def test_session_mode_keeps_visitors_apart(browser, app_server):
    server = app_server("session")
    alice = browser.new_context(locale="ja-JP").new_page()
    alice.goto(server.url)
    wait_for_app(alice)
    assert alice.get_by_text("このブラウザのセッションの中だけ", exact=False).is_visible()
    start_assessment(alice, server.url, "アリス社の秘密の診断")
    alice.get_by_test_id("stRadio").first.locator("label").filter(has_text="2 一部で実施").click()
    wait_for_app(alice)

    bob = browser.new_context(locale="ja-JP").new_page()
    for path in ("", "assessment", "result"):
        bob.goto(f"{server.url}/{path}")
        wait_for_app(bob)
        assert_no_exception(bob)
        assert bob.get_by_text("アリス社の秘密の診断", exact=False).count() == 0
    assert alice.get_by_text("アリス社の秘密の診断", exact=False).count() > 0
