"""A deep link to any page works as the very first request of a freshly started server."""

import pytest

from tests.browser.conftest import assert_no_exception, wait_for_app

NAV = {"ja": ["ホーム", "診断の回答", "診断結果", "前後比較", "KPIダッシュボード", "90日プラン", "業務棚卸し",
              "月次レビュー", "データ取り込み"],
       "en": ["Home", "Questionnaire", "Diagnosis", "Before / after", "KPI dashboard", "90-day plan",
              "Business inventory", "Monthly review", "Import data"]}
PAGES = [  # path, Japanese heading, English heading
    ("", "Teichaku — IT導入の定着診断", "Teichaku — will your IT tool take root?"),
    ("assessment", "診断：導入90日後（2026-07-01）", "Assessment: 90 days after go-live (2026-07-01)"),
    ("result", "診断結果", "Diagnosis"),
    ("compare", "前後比較", "Before / after"),
    ("dashboard", "KPIダッシュボード：販売管理クラウド", "KPI dashboard: Cloud sales & billing"),
    ("plan", "稼働後90日のプラン", "The first 90 days after go-live"),
    ("inventory", "業務棚卸し", "Business inventory"),
    ("review", "月次レビュー", "Monthly review"),
    ("import", "Excel・CSVの取り込み", "Import Excel and CSV files"),
]


@pytest.mark.parametrize("path, heading_ja, heading_en", PAGES)
def test_deep_link_on_a_fresh_server(browser, app_server, path, heading_ja, heading_en):
    server = app_server()  # fresh process: nothing has run app.py yet
    for lang, heading, locale in (("ja", heading_ja, "ja-JP"), ("en", heading_en, "en-US")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        # ja through the browser's locale alone; en through the ?lang= link a facilitator shares
        query = "?ws=demo&step=1" + ("&lang=en" if lang == "en" else "")
        page.goto(f"{server.url}/{path}{query}")
        wait_for_app(page)
        assert_no_exception(page)
        links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink")
        assert [t.strip().split("\n")[-1] for t in links.all_inner_texts()] == NAV[lang]  # after the icon
        assert page.locator("h1, h2").first.inner_text().strip() == heading
        # the translated navigation keeps the language and the workspace
        target, index = ("compare", 3) if path == "result" else ("result", 2)  # NAV index
        page.get_by_test_id("stSidebar").get_by_text(NAV[lang][index], exact=True).click()
        page.wait_for_url(f"**/{target}?*")
        wait_for_app(page)
        assert page.locator("h1, h2").first.inner_text().strip() == PAGES[index][1 if lang == "ja" else 2]
        assert f"lang={lang}" in page.url and "ws=demo" in page.url
        context.close()
