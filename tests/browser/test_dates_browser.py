"""The real app served at three pinned dates: the demo reads the same at each, a user's own data ages."""

from tests.browser.conftest import assert_no_exception, wait_for_app
from tests.pinned import DEMO_DATES
from ui.clock import PIN_VARIABLE

DEMO_SCREENS = ("/?ws=demo", "/assessment?ws=demo&step=4", "/result?ws=demo", "/compare?ws=demo",
                "/dashboard?ws=demo", "/dashboard?ws=demo&tab=指標ごとの推移", "/dashboard?ws=demo&tab=お金・補助金",
                "/plan?ws=demo", "/review?ws=demo")
STALE_MONTHS = {"2026-12-07": 3, "2027-06-30": 9, "2031-02-28": 53}  # since the demo's last month, 2026-09


def shown(page, url: str) -> str:
    page.goto(url)
    wait_for_app(page)
    visible = "[...document.querySelectorAll('[data-testid=stMain] img')].filter(i => i.checkVisibility())"
    page.wait_for_function(f"{visible}.every(i => i.complete && i.naturalWidth > 0)")
    assert_no_exception(page)
    pictures = page.evaluate(f"{visible}.map(i => i.src.length)")  # a drawing's size changes with its text
    return f"{page.get_by_test_id('stMain').inner_text()}\n{len(pictures)} pictures: {pictures}"


def test_the_demo_reads_the_same_on_any_day_and_my_copy_ages(browser, app_server, monkeypatch, tmp_path):
    readings = {}
    for day in DEMO_DATES:
        monkeypatch.setenv(PIN_VARIABLE, day)  # the server reads it at start, through the clock alone
        server = app_server(str(tmp_path / f"{day}.duckdb"))  # each day its own, empty workspace
        page = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 1000}).new_page()
        readings[day] = [shown(page, server.url + path) for path in DEMO_SCREENS]
        assert "このデモは2026年10月1日時点の様子で" in readings[day][0]

        shown(page, f"{server.url}/?ws=demo")
        page.get_by_role("button", name="このデモを自社のデータにコピーして試す", exact=False).click()
        page.get_by_text("デモ企業の診断（【デモ】付き）と月次の数値をコピーしました").wait_for(timeout=30_000)
        own = shown(page, f"{server.url}/dashboard")
        assert "KPIの記録は2026-09で止まっています" in own and f"（{STALE_MONTHS[day]}か月前）" in own
        page.context.close()
        server.stop()
    first = readings[DEMO_DATES[0]]
    assert "月次締め日数" in first[4] and "1 pictures" in first[4]  # the overview and its bullet chart
    for day in DEMO_DATES[1:]:
        for path, a, b in zip(DEMO_SCREENS, first, readings[day]):
            assert a == b, f"{path} reads differently on {day}"
