"""A monthly review entered in the browser, and the Excel sheet for the meeting downloaded."""

import io

from openpyxl import load_workbook

from tests.browser.conftest import assert_no_exception, wait_for_app


def settle(page):
    page.wait_for_timeout(300)
    wait_for_app(page)


def test_enter_a_review_and_download_the_excel(browser, app_server):
    server = app_server()
    context = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server.url}/?ws=demo")
    wait_for_app(page)
    page.get_by_role("button", name="このデモを自社のデータにコピーして試す", exact=False).click()
    settle(page)
    page.goto(f"{server.url}/review")
    wait_for_app(page)
    page.get_by_label("良くなったこと").fill("月次締めが6日になった")
    page.get_by_label("決めたこと").fill("=1+1 は数式にしない")
    page.get_by_role("button", name="レビューを保存").click()
    page.get_by_text("レビューを保存しました。").wait_for(timeout=30_000)
    settle(page)
    assert_no_exception(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="会議用のExcelをダウンロード").click()
    download = download_info.value
    assert download.suggested_filename.startswith("月次レビュー_")
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "月次締めが6日になった" in values and "=1+1 は数式にしない" in values
    formula_like = next(c for row in sheet.iter_rows() for c in row if c.value == "=1+1 は数式にしない")
    assert formula_like.data_type == "s"
    assert "月次締め日数" in values
    context.close()
