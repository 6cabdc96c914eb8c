"""A user uploads a workbook, checks the preview, stores it, and finds the KPIs in the workspace."""

from tests import excel_files
from tests.browser.conftest import assert_no_exception, wait_for_app


def settle(page):
    page.wait_for_timeout(300)
    wait_for_app(page)


def test_upload_preview_commit_and_see_kpis(browser, app_server, tmp_path):
    workbook = tmp_path / "管理表.xlsx"
    workbook.write_bytes(excel_files.kpi_management_sheet())
    broken = tmp_path / "壊れた.xlsx"
    broken.write_bytes(b"this is not a workbook")
    server = app_server()
    page = browser.new_context(locale="ja-JP", viewport={"width": 1300, "height": 1000}).new_page()
    page.goto(f"{server.url}/import")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(workbook), str(broken)])
    page.get_by_text("保存される値：").first.wait_for(timeout=30_000)
    settle(page)
    assert_no_exception(page)
    assert page.get_by_text("「壊れた.xlsx」：", exact=False).is_visible()
    assert page.get_by_test_id("stSelectbox").first.locator("input").input_value() == "2025年度実績（おすすめ）"
    preview = page.get_by_test_id("stDataFrame").first
    assert preview.is_visible()
    assert page.get_by_text("9件", exact=False).first.is_visible()

    page.get_by_role("button", name="この9件を保存").click()
    page.get_by_text("保存しました：新規 9件", exact=False).wait_for(timeout=30_000)
    settle(page)
    page.reload()
    wait_for_app(page)
    stored = page.get_by_test_id("stDataFrame").last  # the workspace's KPIs, after a reload
    stored.wait_for()
    assert page.get_by_text("保存済みのKPI（月別）").is_visible()
    assert page.get_by_text("まだKPIがありません。").count() == 0
    assert_no_exception(page)
