"""A session workspace outlives its tab: save it to a file, reload (everything gone), restore it."""

import json

from tests.browser.conftest import assert_no_exception, start_assessment, wait_for_app


def open_save_and_restore(page) -> None:
    page.get_by_role("button", name="作業データの保存と復元").click()
    wait_for_app(page)


def test_save_reload_and_restore_a_session_workspace(browser, app_server, tmp_path):
    server = app_server("session")
    context = browser.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    start_assessment(page, server.url, "導入前の診断")
    page.get_by_test_id("stSidebar").get_by_text("ホーム", exact=True).click()
    wait_for_app(page)
    open_save_and_restore(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="ファイルに保存").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.name.startswith("teichaku_作業データ_") and saved.suffix == ".json"
    assert [a["label"] for a in json.loads(saved.read_text(encoding="utf-8"))["assessments"]] == ["導入前の診断"]

    page.reload()  # a session workspace ends with its tab
    wait_for_app(page)
    assert page.get_by_text("導入前の診断").count() == 0
    open_save_and_restore(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(saved))
    page.get_by_text(f"「{saved.name}」").wait_for(timeout=30_000)  # the upload's rerun, however late it starts
    wait_for_app(page)
    assert page.get_by_text(f"「{saved.name}」").count() == 1  # the preview names the file
    page.get_by_role("button", name="このファイルの内容で置き換える").click()
    page.get_by_text("導入前の診断").first.wait_for(timeout=30_000)  # back in the list of assessments
    wait_for_app(page)
    assert_no_exception(page)
    context.close()


def test_a_file_that_is_not_a_workspace_is_refused(browser, app_server, tmp_path):
    server = app_server("session")
    page = browser.new_page(locale="ja-JP")
    page.goto(server.url)
    wait_for_app(page)
    open_save_and_restore(page)
    notes = tmp_path / "memo.json"
    notes.write_text('{"memo": "これは別のファイル"}', encoding="utf-8")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(notes))
    refused = page.get_by_test_id("stAlert").filter(has_text="「memo.json」はTeichakuの作業データのファイルではありません")
    refused.wait_for(timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
    assert refused.count() == 1
    assert page.get_by_role("button", name="このファイルの内容で置き換える").count() == 0
    page.close()
