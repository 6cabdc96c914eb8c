"""Projection on a 1280×720 screen, walked with a presenter remote's keys: every screen's text is at least
24 px (key numbers 64 px, chart text 20 px as shown) and 7:1 against its background, no input is visible,
and the address keeps the screen across a reload."""

import base64
import re

import pytest

from tests.browser.conftest import assert_no_exception, wait_for_app
from tests.rooms import workshop_workspace

PROJECTOR = {"width": 1280, "height": 720}
STEPS = ["level", *(f"d{n}" for n in range(1, 8)), "gap", "disputed", "kpis", "actions"]

# Every visible text node: its size, its colour, the first opaque background behind it.
TEXT_NODES = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const el = walker.currentNode.parentElement;
    if (!text || !el || el.closest('style, script, noscript')) continue;
    const box = el.getBoundingClientRect();
    // A screen-reader-only skip link is clipped to a pixel: not visible text.
    if (box.width <= 2 || box.height <= 2 || box.right < 0 || box.left > innerWidth || el.checkVisibility({opacityProperty: true, visibilityProperty: true}) === false) continue;
    let back = el, background = 'rgb(255, 255, 255)';
    while (back) {
      const c = getComputedStyle(back).backgroundColor;
      if (c && c !== 'transparent' && !c.endsWith(', 0)')) { background = c; break; }
      back = back.parentElement;
    }
    const style = getComputedStyle(el);
    found.push({text: text.slice(0, 40), size: parseFloat(style.fontSize), color: style.color, background,
                key: !!el.closest('.tk-key, .tk-key-small') && !el.closest('.tk-strong')});
  }
  return found;
}"""
PICTURES = """() => [...document.querySelectorAll('.tk-slide img')].map(i => (
  {src: i.getAttribute('src'), shown: i.getBoundingClientRect().width}))"""
INPUTS = """() => [...document.querySelectorAll('input, select, textarea, [contenteditable=true]')]
  .filter(e => e.checkVisibility() && e.getBoundingClientRect().width > 0).length"""


def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def hex_rgb(value: str) -> tuple[float, ...]:
    value = value.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(c):
        lin = [(v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def chart_text(svg: str, shown_width: float) -> list[tuple[float, str]]:
    """(size as shown in px, fill) of every text in a drawn chart."""
    drawn = float(re.search(r'<svg[^>]*\bwidth="([\d.]+)', svg).group(1))
    found = []
    for tag in re.findall(r"<text[^>]*>", svg):
        size = float(re.search(r'font-size="([\d.]+)px"', tag).group(1))
        found.append((size * shown_width / drawn, re.search(r'fill="(#[0-9a-fA-F]{6})"', tag).group(1)))
    return found


def check_screen(page, step: str) -> int:
    """Assert the projector rules on the screen shown; the number of chart texts checked."""
    assert page.evaluate(INPUTS) == 0, f"{step}: an input is visible"
    nodes = page.evaluate(TEXT_NODES)
    assert nodes, step
    for n in nodes:
        assert n["size"] >= 24, f"{step}: {n['text']!r} at {n['size']} px"
        assert contrast(rgb(n["color"]), rgb(n["background"])) >= 7, f"{step}: {n['text']!r} {n}"
    if step in ("level", *STEPS[1:8], "kpis"):
        keys = [n for n in nodes if n["key"]]
        assert keys and all(n["size"] >= 64 for n in keys), f"{step}: key numbers {keys}"
    checked = 0
    for picture in page.evaluate(PICTURES):
        svg = base64.b64decode(picture["src"].split(",", 1)[1]).decode()
        for size, fill in chart_text(svg, picture["shown"]):
            assert size >= 20, f"{step}: chart text at {size:.1f} px"
            assert contrast(hex_rgb(fill), (255, 255, 255)) >= 7, f"{step}: chart text in {fill}"
            checked += 1
    return checked


def shown_step(page) -> str:
    return re.search(r"[?&]step=([\w-]+)", page.url).group(1) if "step=" in page.url else "level"


def press(page, key: str, expect: str) -> None:
    page.keyboard.press(key)
    page.wait_for_function(f"location.search.includes('step={expect}')", timeout=30_000)
    wait_for_app(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_projected_walk_is_readable_from_the_back_of_the_room(browser, app_server, tmp_path, lang):
    path = tmp_path / "room.duckdb"
    aid = workshop_workspace(path, lang=lang)
    server = app_server(str(path))
    page = browser.new_context(locale="ja-JP" if lang == "ja" else "en-US", viewport=PROJECTOR).new_page()
    page.goto(f"{server.url}/result?a={aid}&lang={lang}")
    wait_for_app(page)
    page.get_by_role("button", name="プロジェクターに映す" if lang == "ja" else "Present on a projector").click()
    page.wait_for_function("location.search.includes('present=1')", timeout=30_000)
    page.wait_for_selector(".tk-slide", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_test_id("stSidebar").count() == 0 or not page.get_by_test_id("stSidebar").is_visible()

    chart_texts = 0
    for i, step in enumerate(STEPS):
        assert shown_step(page) == step
        chart_texts += check_screen(page, step)
        assert_no_exception(page)
        if i + 1 < len(STEPS):
            press(page, "PageDown" if i % 2 == 0 else "ArrowRight", STEPS[i + 1])
    assert chart_texts > 20  # the room's pictures were measured, not skipped

    press(page, "PageUp", "kpis")
    press(page, "ArrowLeft", "disputed")
    page.reload()
    wait_for_app(page)
    assert shown_step(page) == "disputed" and page.locator(".tk-slide h1").inner_text() in ("話し合いたい問い",
                                                                                              "Questions to talk about")
    page.keyboard.press("Escape")
    page.wait_for_function("!location.search.includes('present=1')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_test_id("stSidebar").is_visible()  # back on the page itself
