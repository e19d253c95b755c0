"""The period's landmarks in headless Chromium: drawn and labelled on the Timeline as the app opens, hidden by the sidebar
switch and by the link, and a click opens a landmark's source; Home lists the years at a glance, Compare the policies in
force. Screenshots go to screenshots/; UPDATE_DOCS_SCREENSHOT=1 also refreshes docs/home.png and docs/compare.png."""

from __future__ import annotations

import os

import pytest

from tests import test_browser as browser_tests
from tests.browser_support import APP_IDLE, CHART_DRAWN, ROOT, wait_idle
from tests.conftest import SEED_DIR
from tests.test_browser import VIEWPORTS, address, query_of, shoot, wait_until
from ui.cache import build_dataset
from ui.context import timeline_context
from ui.data import filter_events
from ui.landmarks import key_landmarks
from ui.view import View

pytestmark = pytest.mark.browser

# What the first chart draws of the landmark lane: every landmark's event id, and the text of the labelled ones.
LANDMARKS_JS = """() => {
  const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  if (!plot || !plot.data) return null;
  const ids = [], labels = [];
  for (const trace of plot.data) {
    if (!trace.meta || trace.meta.layer !== "landmarks") continue;
    for (const row of trace.customdata) ids.push(row[0]);
    if (trace.meta.labelled) labels.push(...trace.text);
  }
  return {ids, labels};
}"""
LANE = f"{CHART_DRAWN} .subplot.xy2"  # the landmark lane: plotly's subplot of the x axis and the second y axis
TOGGLE = "[data-testid='stSidebar'] [data-testid='stCheckbox']"


@pytest.fixture(scope="module")
def seed():
    return build_dataset(SEED_DIR)


chromium, seed_url, dev_url = browser_tests.chromium, browser_tests.seed_url, browser_tests.dev_url  # test_browser's fixtures


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=VIEWPORTS["projector"])
    tab = context.new_page()
    yield tab
    assert tab.locator("[data-testid='stException']").count() == 0, tab.url
    context.close()


def dated(dataset):
    events = filter_events(dataset.events, View())
    return events[events["date"].notna()]


def open_timeline(page, url: str) -> dict:
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    return wait_until(lambda: page.evaluate(LANDMARKS_JS), message="the chart's data")


def first_line(label: str) -> str:
    return label.split("<br>")[0].replace("&#x27;", "'").replace("&amp;", "&")


def test_the_timeline_opens_with_labelled_landmarks_and_a_click_shows_the_source(page, seed_url, seed):
    context = timeline_context(seed, View(), dated(seed))
    drawn = open_timeline(page, f"{seed_url}/Timeline")
    assert set(drawn["ids"]) == set(context.landmarks["event_id"])
    top = first_line(context.landmarks["label"].iloc[0])
    label = page.locator(f"{LANE} .textpoint").filter(has_text=top).first
    assert label.is_visible(), f"the label {top!r} is drawn"
    box, plot = label.bounding_box(), page.locator(CHART_DRAWN).first.bounding_box()
    assert plot["x"] <= box["x"] and box["x"] + box["width"] <= plot["x"] + plot["width"], "inside the figure"
    assert page.locator(f"{LANE} .textpoint").count() == len(drawn["labels"]) >= 8
    shoot(page, "landmarks_timeline", "projector")

    page.locator(f"{LANE} .scatterlayer .trace").first.locator("path.point").first.click(force=True)
    event_id = wait_until(lambda: query_of(page).get("event", [None])[0], message="the landmark in the URL")
    landmark = seed.landmarks.set_index("event_id").loc[event_id]
    assert landmark["label"] in drawn["labels"], "the clicked diamond is a labelled one"
    page.get_by_role("heading", name=landmark["title"]).wait_for(timeout=30_000)
    source = page.locator(f"[data-testid='stMain'] a[href='{landmark['url']}']").filter(has_text=landmark["url"])
    assert source.count() == 1 and source.is_visible() and source.get_attribute("rel") == "noopener noreferrer"
    assert page.get_by_text(landmark["summary"]).first.is_visible()
    page.get_by_role("link", name="Open the source").first.wait_for(timeout=30_000)
    shoot(page, "landmark_source", "projector")


def test_the_switch_and_the_link_hide_the_landmarks(page, seed_url, seed):
    top = first_line(timeline_context(seed, View(), dated(seed)).landmarks["label"].iloc[0])
    assert open_timeline(page, f"{seed_url}/Timeline")["ids"]
    page.locator(TOGGLE).filter(has_text="Show the period's landmarks").click()
    wait_until(lambda: query_of(page) == {"landmarks": ["0"]}, message="landmarks=0 in the URL")
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    wait_until(lambda: page.evaluate(LANDMARKS_JS) == {"ids": [], "labels": []}, message="no landmark drawn")
    assert page.locator(f"{CHART_DRAWN} .textpoint").filter(has_text=top).count() == 0
    hidden = address(page)

    other = page.context.new_page()
    assert open_timeline(other, hidden) == {"ids": [], "labels": []}, "the link opens with the landmarks hidden"
    assert other.locator(f"{CHART_DRAWN} .textpoint").filter(has_text=top).count() == 0
    assert other.locator(TOGGLE).filter(has_text="Show the period's landmarks").locator("input").is_checked() is False
    assert other.locator(f"{CHART_DRAWN} .subplot.xy3 .barlayer .point").count() > 0, "the policies stay"
    other.close()


def test_home_shows_the_years_at_a_glance(page, seed_url, seed):
    page.goto(seed_url)
    wait_idle(page)
    for year, rows in key_landmarks(seed.landmarks, range(2018, 2025)).items():
        page.get_by_role("heading", name=str(year), exact=True).wait_for(timeout=30_000)
        link = page.locator(f"[data-testid='stMain'] a[href='{rows.iloc[0]['url']}']").first
        assert link.get_attribute("target") == "_blank"
    page.get_by_text("five-article sample").wait_for(timeout=30_000)
    shoot(page, "home_glance", "projector")
    if os.environ.get("UPDATE_DOCS_SCREENSHOT"):
        page.screenshot(path=ROOT / "docs" / "home.png")


def test_compare_lists_the_policies_in_force_on_each_side(page, dev_url):
    page.set_viewport_size({"width": 1920, "height": 1400})
    page.goto(f"{dev_url}/Compare")
    wait_idle(page)
    tables = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']")
    wait_until(lambda: tables.count() == 2, message="the policies and the landmarks by kind")
    page.wait_for_timeout(800)
    page.get_by_role("heading", name="Policies in force", exact=True).evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)
    assert page.get_by_role("heading", name="Landmarks by kind", exact=True).is_visible()
    shoot(page, "compare_policies", "projector")
    if os.environ.get("UPDATE_DOCS_SCREENSHOT"):
        page.screenshot(path=ROOT / "docs" / "compare.png")
