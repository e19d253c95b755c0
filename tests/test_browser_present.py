"""Presenter mode in headless Chromium at projector size: the toggle hides the chrome, next (button or → key) moves the
step in the URL and the highlight on the timeline, a link reopens the same slide, and it works inside an iframe with
?embed=true. One server for the module (the dev corpus); screenshots go to screenshots/present_*_1920x1080.png.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import test_browser as browser_tests
from tests.browser_support import APP_IDLE, CHART_DRAWN, CHROMIUM, TIMEOUT_MS, serve, wait_idle
from tests.conftest import CORPUS_DIR
from tests.test_browser import SHOTS, VIEWPORTS, wait_until
from ui import slides
from ui.cache import build_dataset
from ui.data import filter_events
from ui.view import View

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)

PROJECTOR = VIEWPORTS["projector"]
# The event ids the presenter's timeline draws as selected (the event on the slide).
HIGHLIGHTED_JS = """() => {
  const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  if (!plot || !plot.data) return null;
  const ids = new Set();
  for (const trace of plot.data) for (const i of (trace.selectedpoints || [])) ids.add(trace.customdata[i][0]);
  return Array.from(ids);
}"""


@pytest.fixture(scope="module")
def url():
    with serve(env={"ARTICLES_DIR": str(CORPUS_DIR)}) as running:
        yield running


@pytest.fixture(scope="module")
def deck() -> slides.Deck:
    return slides.build_deck(filter_events(build_dataset(CORPUS_DIR).events, View()))


@pytest.fixture(scope="module")
def titles() -> dict[str, str]:
    events = build_dataset(CORPUS_DIR).events
    return dict(zip(events["event_id"], events["title"], strict=True))


# tests/test_browser.py's fixture: one headless Chromium for the module.
chromium = browser_tests.chromium


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=PROJECTOR)
    opened = context.new_page()
    dialogs = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    assert opened.locator("[data-testid='stException']").count() == 0
    assert not dialogs
    context.close()


def step_of(location: str) -> str | None:
    return parse_qs(urlsplit(location).query).get("step", [None])[0]


def shows(frame, step: int, deck: slides.Deck, titles: dict[str, str]) -> None:
    """The slide of `step` is drawn: its title on the slide, its event the only one highlighted on the timeline."""
    event_id = deck.event_ids[step - 1]
    frame.locator(f"section.slide[data-step='{step}']").wait_for(timeout=TIMEOUT_MS)
    assert frame.locator("section.slide h1").inner_text() == titles[event_id]
    frame.wait_for_selector(CHART_DRAWN, timeout=TIMEOUT_MS)
    wait_until(lambda: frame.evaluate(HIGHLIGHTED_JS) == [event_id], message=f"{event_id} highlighted")


def shoot(page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"present_{name}_{PROJECTOR['width']}x{PROJECTOR['height']}.png"
    page.wait_for_timeout(400)
    page.screenshot(path=path)
    return path


def test_stepping_forward_moves_the_url_and_the_highlighted_event(page, url, deck, titles):
    page.goto(f"{url}/Timeline")
    wait_idle(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']").filter(has_text="Presenter mode").click()
    shows(page, 1, deck, titles)
    wait_until(lambda: parse_qs(urlsplit(page.evaluate("location.href")).query) == {"present": ["1"]}, message="present=1")
    for chrome in ("stSidebar", "stHeader", "stToolbar"):
        assert not page.locator(f"[data-testid='{chrome}']").is_visible(), chrome
    shoot(page, "step1")
    page.get_by_role("button", name="Next").click()
    wait_until(lambda: step_of(page.evaluate("location.href")) == "2", message="step=2 in the URL")
    shows(page, 2, deck, titles)
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    page.keyboard.press("ArrowRight")
    wait_until(lambda: step_of(page.evaluate("location.href")) == "3", message="the → key: step=3")
    shows(page, 3, deck, titles)
    shoot(page, "step3")
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Previous").click()
    wait_until(lambda: step_of(page.evaluate("location.href")) == "2", message="back to step=2")
    shows(page, 2, deck, titles)


def test_a_link_reopens_the_same_slide(page, url, deck, titles):
    page.goto(f"{url}/Events?present=1&step=5")
    wait_idle(page)
    shows(page, 5, deck, titles)
    page.get_by_role("button", name="Exit").click()
    page.locator("[data-testid='stMain'] h1").filter(has_text="Events").wait_for(timeout=TIMEOUT_MS)
    page.locator("[data-testid='stSidebar']").wait_for(state="visible", timeout=TIMEOUT_MS)
    wait_until(lambda: "present" not in page.evaluate("location.href"), message="present gone from the URL")


def test_it_works_in_an_iframe_with_embed(page, url, deck, titles):
    src = f"{url}/Timeline?embed=true&present=1&step=2"
    page.set_content(f'<iframe src="{src}" style="border:0;width:1900px;height:1060px"></iframe>')
    frame = page.frame_locator("iframe")
    inner = page.frames[1]
    shows(inner, 2, deck, titles)
    assert not frame.locator("[data-testid='stSidebar']").is_visible()
    shoot(page, "embedded")
    inner.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    frame.get_by_role("button", name="Next").click()
    wait_until(lambda: step_of(inner.evaluate("location.href")) == "3", message="step=3 inside the iframe")
    assert parse_qs(urlsplit(inner.evaluate("location.href")).query)["embed"] == ["true"], "embedding survives a step"
    shows(inner, 3, deck, titles)
