"""The Timeline readable on every screen (issue 14), in headless Chromium: a 390x844 phone gets a wide plot with the
legend under it and a tap opens the event tapped (its panel scrolled into view); few events carry their titles; the
United States lane is off by default and on with us=1; the dark theme reaches the charts with readable text; the
keyboard reaches every event. One server on the dev corpus for the module. Screenshots go to screenshots/;
UPDATE_DOCS_SCREENSHOT=1 also refreshes docs/timeline.png and docs/timeline-phone.png."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import test_browser as browser_tests
from tests.browser_support import CHART_DRAWN, CHROMIUM, ROOT, wait_idle
from ui.charts import clip_label
from ui.data import filter_events
from ui.style import AA_TEXT, contrast_ratio
from ui.view import View

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)

SHOTS = ROOT / "screenshots"
PHONE = {"width": 390, "height": 844}
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"  # a phone says so in its user agent
DESKTOP = {"width": 1920, "height": 1080}
LANES = f"{CHART_DRAWN} .subplot.xy"
PLOT = "[data-testid='stPlotlyChart'] .draglayer .xy .nsewdrag"
# Each article-event marker of the lanes: its centre on the page and its event id (the first customdata value).
MARKERS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll("[data-testid='stPlotlyChart'] .subplot.xy .scatterlayer .trace .points path.point")) {
    const trace = el.closest('.trace').__data__[0].trace;
    if (!trace.customdata || (trace.meta && trace.meta.layer)) continue;
    const r = el.getBoundingClientRect();
    out.push({id: trace.customdata[el.__data__.i][0], x: r.left + r.width / 2, y: r.top + r.height / 2});
  }
  return out;
}"""
BOX_JS = """(selector) => { const e = document.querySelector(selector); if (!e) return null;
  const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width}; }"""
FILL_JS = """(selector) => Array.from(document.querySelectorAll(selector)).map(e => getComputedStyle(e).fill)"""


dev, dev_url, chromium = browser_tests.dev, browser_tests.dev_url, browser_tests.chromium  # the module fixtures of test_browser


@pytest.fixture
def open_timeline(chromium, dev_url):
    """Open the Timeline with a query in a new browser context (a phone's is a touch screen), once its chart is drawn."""
    contexts = []

    def opener(query: str = "", viewport: dict = DESKTOP, **options):
        phone = viewport["width"] < 500
        context = chromium.new_context(viewport=viewport, has_touch=phone, is_mobile=phone, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{dev_url}/Timeline{query}")
        wait_idle(page)
        page.wait_for_selector(CHART_DRAWN, timeout=30_000)
        page.wait_for_timeout(500)
        return page

    yield opener
    for context in contexts:
        for page in context.pages:
            assert page.locator("[data-testid='stException']").count() == 0, page.url
        context.close()


def event_in_url(page) -> str:
    return parse_qs(urlsplit(page.evaluate("location.href")).query).get("event", [""])[0]


def wait_for_event(page, timeout_ms: int = 30_000) -> str:
    page.wait_for_function("() => new URL(location.href).searchParams.get('event')", timeout=timeout_ms)
    return event_in_url(page)


def lane_names(page) -> list[str]:
    return [t.strip() for t in page.locator(f"{CHART_DRAWN} .yaxislayer-above .ytick text").all_text_contents() if t.strip()]


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=SHOTS / f"{name}_{size['width']}x{size['height']}.png")


def isolated_marker(markers: list[dict], room: float = 24) -> dict:
    """A marker with no other event's marker within `room` pixels: a tap there can only mean that event."""
    for marker in markers:
        if all(m["id"] == marker["id"] or abs(m["x"] - marker["x"]) + abs(m["y"] - marker["y"]) > room for m in markers):
            return marker
    raise AssertionError("no marker stands alone")


def test_a_phone_gets_a_wide_plot_with_the_legend_under_it_and_a_tap_opens_the_event_tapped(open_timeline, dev):
    page = open_timeline(viewport=PHONE, user_agent=PHONE_AGENT)
    plot, legend = page.evaluate(BOX_JS, PLOT), page.evaluate(BOX_JS, f"{CHART_DRAWN} .legend")
    assert plot["width"] > 300, f"the plot is {plot['width']:.0f} px wide on a 390 px phone"
    assert legend["top"] >= plot["bottom"], "the legend is under the plot, not beside it"
    x_title, citation = (
        page.evaluate(BOX_JS, f"{CHART_DRAWN} .g-xtitle"),
        page.locator(f"{CHART_DRAWN} .annotation").filter(has_text="Source:"),
    )
    assert x_title["bottom"] <= legend["top"] + 2 and citation.bounding_box()["y"] >= x_title["bottom"]
    entries, frame = page.evaluate(BOX_JS, f"{CHART_DRAWN} .legend .scrollbox"), page.evaluate(BOX_JS, f"{CHART_DRAWN} .legend .bg")
    assert entries["bottom"] <= frame["bottom"] + 1, "every legend entry shows inside its frame: the legend does not scroll on a phone"
    marker = isolated_marker(page.evaluate(MARKERS_JS))
    page.evaluate(f"document.querySelector('[data-testid=stMain]').scrollBy(0, {marker['y']} - 300)")  # in view, as a reader has it
    page.wait_for_timeout(300)
    marker = next(m for m in page.evaluate(MARKERS_JS) if m["id"] == marker["id"])
    page.touchscreen.tap(marker["x"], marker["y"])
    assert wait_for_event(page) == marker["id"]
    title = dev.events.set_index("event_id").loc[marker["id"], "title"]
    heading = page.get_by_role("heading", name=title)
    heading.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => { const p = document.querySelector('.st-key-event_panel h3'); if (!p) return false;"
        " const r = p.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
        timeout=10_000,
    )  # scrolled to the panel: it was far below the tap on a phone
    shoot(page, "timeline_phone_tapped")


def test_few_events_carry_their_titles_and_many_do_not(open_timeline, dev):
    shown = filter_events(dev.events, View(countries=("GTM",)))
    shown = shown[shown["date"].notna()]
    assert len(shown) <= 25
    page = open_timeline("?country=GTM")
    labels = [t for t in page.locator(f"{LANES} .textpoint text").all_text_contents() if t.strip()]
    titles = {clip_label(t).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") for t in shown["title"]}
    assert len(labels) >= len(shown) // 2 and set(labels) <= titles
    assert all(page.locator(f"{LANES} .textpoint text").nth(i).is_visible() for i in range(3))
    shoot(page, "timeline_labels")
    many = open_timeline()
    assert many.locator(f"{LANES} .textpoint").count() == 0, "42 events: no titles on the chart, the list names them"


# The drawn text labels of one subplot (the landmark lane is xy2, the policies in force xy3): their boxes on the page.
LABEL_BOXES_JS = """(subplot) => Array.from(
  document.querySelectorAll(`[data-testid='stPlotlyChart'] .subplot.${subplot} .textpoint text`),
  (e) => { const r = e.getBoundingClientRect(); return {text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }
).filter((b) => b.text.trim() && b.right > b.left)"""


def overlapping(boxes: list[dict], slack: float = 1) -> list[tuple[str, str]]:
    """The pairs of labels whose boxes overlap by more than `slack` pixels each way."""
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack
    ]


def test_a_phone_draws_the_landmark_and_policy_labels_apart(open_timeline):
    page = open_timeline(viewport=PHONE, user_agent=PHONE_AGENT)
    landmarks, policies = page.evaluate(LABEL_BOXES_JS, "xy2"), page.evaluate(LABEL_BOXES_JS, "xy3")
    assert len(landmarks) >= 3 and len(policies) >= 10, "labels are drawn"
    assert overlapping(landmarks) == [] and overlapping(policies) == []
    shoot(page, "timeline_phone_labels")


def test_the_united_states_lane_is_off_by_default_and_on_with_the_parameter_or_the_toggle(open_timeline):
    page = open_timeline()
    assert "United States" not in lane_names(page) and "Mexico" in lane_names(page)
    page.get_by_text("United States lane").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('us') === '1'", timeout=30_000)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll(\"[data-testid='stPlotlyChart'] .yaxislayer-above .ytick text\"))"
        ".some(t => t.textContent === 'United States')",
        timeout=30_000,
    )
    linked = open_timeline("?us=1")
    assert lane_names(linked)[:2] == ["United States", "Mexico"]
    wrong = open_timeline("?us=maybe")
    assert "us='maybe'" in wrong.locator("[data-testid='stMain'] [role='alert']").first.inner_text()
    assert "United States" not in lane_names(wrong)


@pytest.mark.parametrize(("query", "scheme"), [("?embed_options=dark_theme", "light"), ("", "dark")])
def test_the_dark_theme_reaches_the_charts_with_readable_text(open_timeline, query, scheme):
    page = open_timeline(query, color_scheme=scheme)
    background = page.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    app = rgb_hex(background)
    assert contrast_ratio(app, "#000000") < 1.5, f"the app is dark: {background}"
    chart_background = page.evaluate(
        "getComputedStyle(document.querySelector(\"[data-testid='stPlotlyChart'] .main-svg .bg\") || document.body).fill"
    )
    assert (
        chart_background in ("", "none")
        or "rgba(0, 0, 0, 0)" in chart_background
        or contrast_ratio(rgb_hex(chart_background), "#000000") < 1.5
    )
    texts = {
        "title": ".gtitle",
        "lanes": ".yaxislayer-above .ytick text",
        "dates": ".xaxislayer-above .xtick text",
        "landmark labels": ".subplot.xy2 .textpoint text",
        "legend": ".legendtext",
        "eras and citation": ".annotation-text",
    }
    for what, selector in texts.items():
        fills = page.evaluate(FILL_JS, f"{CHART_DRAWN} {selector}")
        assert fills, what
        for fill in set(fills):
            assert contrast_ratio(rgb_hex(fill), app) >= AA_TEXT, f"{what}: {fill} on {background}"
    shoot(page, f"timeline_dark_{scheme}")


def rgb_hex(css: str) -> str:
    red, green, blue = (int(v) for v in re.findall(r"\d+", css)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_the_keyboard_reaches_every_event_through_the_list(open_timeline, dev):
    page = open_timeline()
    picker = page.locator(".st-key-timeline_pick input")
    for _ in range(300):
        page.keyboard.press("Tab")
        if picker.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the event picker")
    shown = filter_events(dev.events, View())
    options = page.locator(".st-key-timeline_pick")
    page.keyboard.press("ArrowDown")
    target = shown[shown["date"].notna()].sort_values(["date", "event_id"]).iloc[3]
    page.keyboard.type(target["title"][:30])
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    assert wait_for_event(page) == target["event_id"]
    page.get_by_role("heading", name=target["title"]).wait_for(timeout=30_000)
    assert options.count() == 1
    shoot(page, "timeline_keyboard")


def test_the_readme_screenshots(open_timeline):
    """The Timeline at 1920 wide and on a 390x844 phone (its chart in view); docs/ only with UPDATE_DOCS_SCREENSHOT=1."""
    page = open_timeline(viewport={"width": 1920, "height": 1800})
    page.wait_for_timeout(1000)
    shoot(page, "timeline_desktop")
    phone = open_timeline(viewport=PHONE, user_agent=PHONE_AGENT)
    phone.locator("[data-testid='stPlotlyChart']").first.scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, 130)")
    phone.wait_for_timeout(1000)
    shoot(phone, "timeline_phone")
    if os.environ.get("UPDATE_DOCS_SCREENSHOT"):
        page.screenshot(path=ROOT / "docs" / "timeline.png")
        phone.screenshot(path=ROOT / "docs" / "timeline-phone.png")
    assert (SHOTS / "timeline_phone_390x844.png").stat().st_size > 10_000
