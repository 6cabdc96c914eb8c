"""Paper forms in the real app: two filled forms are uploaded on the diagnosis page, previewed, and added as
respondents in one go."""

from datetime import date
from pathlib import Path

from core.questionnaire import load_questionnaire
from core.store import Store, connect
from tests.browser.conftest import assert_no_exception, wait_for_app
from tests.pinned import pinned_clock
from tests.test_forms import QUESTIONS, blank, fill


def settle(page):
    page.wait_for_timeout(250)
    wait_for_app(page)


def an_assessment(path: Path) -> int:
    con = connect(path)
    aid = Store(con, pinned_clock).create_assessment("研修", date(2026, 11, 20), load_questionnaire().version)
    con.close()
    return aid


def test_two_filled_forms_are_uploaded_previewed_and_added(browser, app_server, tmp_path):
    path = tmp_path / "forms.duckdb"
    aid = an_assessment(path)
    files = []
    for name, person in (("A班.xlsx", ("floor", "佐藤", {QUESTIONS[0]: 1, QUESTIONS[1]: "わからない"})),
                         ("B班.xlsx", ("manager", "", {QUESTIONS[0]: 3}))):
        data, _ = blank()
        files.append(tmp_path / name)
        files[-1].write_bytes(fill(data, [person]))
    server = app_server(str(path))
    page = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 1000}).new_page()
    page.goto(f"{server.url}/result?a={aid}")
    wait_for_app(page)
    page.get_by_text("紙・Excelの回答用紙").click()
    settle(page)
    assert page.get_by_role("button", name="回答用紙をダウンロード（Excel）").is_visible()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(f) for f in files])
    page.get_by_text("取り込む回答者（2人）").wait_for(timeout=30_000)
    settle(page)
    assert_no_exception(page)
    page.get_by_role("button", name="2人を回答者に追加する").click()
    page.get_by_text("回答用紙から2人を追加しました。").wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_text("回答者（3人）").first.is_visible()
    assert_no_exception(page)
    server.stop()  # the server holds the file's lock
    con = connect(path)
    try:
        room = Store(con, pinned_clock).room(aid)
    finally:
        con.close()
    assert [(r.role, r.label, len(r.answers)) for r in room] == [("owner", "", 0), ("floor", "佐藤", 2),
                                                                  ("manager", "", 1)]
