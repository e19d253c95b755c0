"""The Compare page in headless Chromium: both panels draw side by side on equal scales, and the sides live in the URL.

One server on the dev corpus for the module. Screenshots go to screenshots/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import test_browser as browser_tests
from tests.browser_support import APP_IDLE, CHROMIUM, ROOT
from tests.test_browser import query_of, wait_until

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)

SHOTS = ROOT / "screenshots"
VIEWPORTS = {"projector": {"width": 1920, "height": 1080}, "laptop": {"width": 1280, "height": 800}}
CHARTS = 11
PAIRS = ("rate", "mix", "countries", "officials")
# Per panel pair: the drawn axis ranges and the on-screen box of each side's chart (keyed elements carry an st-key-<key> class).
PAIR_JS = """(what) => {
  const side = (letter) => {
    const plot = document.querySelector(`.st-key-compare_${what}_${letter} .js-plotly-plot`);
    if (!plot || !plot._fullLayout) return null;
    const box = plot.getBoundingClientRect();
    return {x: plot._fullLayout.xaxis.range, y: plot._fullLayout.yaxis.range, left: box.left, top: box.top, title: plot.layout.title.text};
  };
  return {a: side("a"), b: side("b")};
}"""
DRAWN = "[data-testid='stPlotlyChart']:has(.main-svg)"


# tests/test_browser.py's fixtures: one headless Chromium and one server on the dev corpus per module; `open_page` fails a
# test whose page shows an exception or fetches anything remote.
chromium, dev_url, shared_context, open_page = (
    browser_tests.chromium,
    browser_tests.dev_url,
    browser_tests.shared_context,
    browser_tests.open_page,
)


def open_compare(open_page, url: str, viewport: str = "projector", fresh: bool = False):
    """The Compare page once all its charts are drawn."""
    page = open_page(url, viewport, fresh)
    wait_until(lambda: page.locator(DRAWN).count() == CHARTS, message=f"{CHARTS} charts drawn")
    return page


def shoot(page, name: str, viewport: str) -> None:
    """The screen as the user sees it, and the whole page (the viewport stretched to the page's height)."""
    SHOTS.mkdir(exist_ok=True)
    size = VIEWPORTS[viewport]
    page.wait_for_timeout(400)
    page.screenshot(path=SHOTS / f"{name}_{size['width']}x{size['height']}.png")
    height = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(800)
    page.screenshot(path=SHOTS / f"{name}_full_{size['width']}x{size['height']}.png")
    page.set_viewport_size(size)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_both_panels_draw_side_by_side_with_equal_axis_ranges(open_page, dev_url, viewport):
    page = open_compare(open_page, f"{dev_url}/Compare", viewport)
    assert page.locator("[data-testid='stMain'] h1").first.inner_text() == "Compare administrations"
    for what in PAIRS:
        pair = page.evaluate(PAIR_JS, what)
        a, b = pair["a"], pair["b"]
        assert a and b, f"{what}: both panels drawn"
        assert a["y"] == b["y"], f"{what}: equal y-axis ranges"
        if what != "rate":
            assert a["x"] == b["x"], f"{what}: equal x-axis ranges"
        assert a["left"] < b["left"] and abs(a["top"] - b["top"]) < 2, f"{what}: A left of B, level with it"
    subtitles = page.evaluate(
        "() => Array.from(document.querySelectorAll('.st-key-compare_mix_a .gtitle-subtitle, .st-key-compare_mix_b .gtitle-subtitle'))"
        ".map(e => e.textContent)"
    )
    assert [s.rsplit(" · ", 1)[0] for s in subtitles] == ["A · Trump (1st term)", "B · Biden"]
    shoot(page, "compare", viewport)


def test_a_shared_link_reopens_trump_vs_biden_asylum_only_and_a_new_side_goes_into_the_url(open_page, dev_url):
    page = open_compare(open_page, f"{dev_url}/Compare?type=asylum")
    link = page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code").inner_text().strip()
    assert urlsplit(link).path == "/Compare" and parse_qs(urlsplit(link).query) == {"type": ["asylum"]}
    other = open_compare(open_page, link, "laptop", fresh=True)
    events = other.locator("[data-testid='stMetric']").filter(has_text="Events per year")
    assert events.count() == 2
    chips = other.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]")
    wait_until(lambda: [chip.strip() for chip in chips.all_inner_texts()] == ["Asylum"], message="the asylum chip")
    other.locator("[data-testid='stSelectbox']").filter(has_text="Side A").click()
    other.get_by_role("option", name="Country (party): Mexico").click()
    wait_until(lambda: query_of(other) == {"type": ["asylum"], "a": ["MEX"]}, message="a=MEX in the URL")
    other.wait_for_selector(APP_IDLE, timeout=30_000)
    wait_until(lambda: other.get_by_role("heading", name="A · Mexico (party)").count() == 1, message="side A is Mexico")
    shoot(other, "compare_mexico_vs_biden_asylum", "laptop")
