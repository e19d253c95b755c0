"""The running app in headless Chromium: every page draws, share links reopen the view, page switches keep it.

One server per corpus for the whole module. Screenshots go to screenshots/ (git-ignored);
UPDATE_DOCS_SCREENSHOT=1 also refreshes docs/timeline.png for the README.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser_support import APP_IDLE, CHART_DRAWN, CHROMIUM, ROOT, chart_event_ids, free_port, launch, serve, server, wait_idle
from tests.conftest import CORPUS_DIR, SEED_DIR
from ui.cache import build_dataset
from ui.charts import mark_count, timeline_marks
from ui.data import filter_events
from ui.filters import WIDGETS
from ui.slides import build_deck, step_of
from ui.view import COUNTED_CELL, COUNTED_FIRST_EVENT, View, narrowed, view_to_query

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)

SHOTS = ROOT / "screenshots"
VIEWPORTS = {"projector": {"width": 1920, "height": 1080}, "laptop": {"width": 1280, "height": 800}}
PAGES = {"": "Overview", "Timeline": "Timeline", "Events": "Events", "Countries": "Countries", "Policy_types": "Policy types"}
CHARTS = {"": 0, "Timeline": 1, "Events": 0, "Countries": 2, "Policy_types": 2}
SHARED = "country=MEX&type=asylum&conf=medium&lanes=policy_type"
ROW_PX = 35  # st.dataframe's header and row height
CONFIDENCE = f"[data-testid='stSidebar'] .st-key-{WIDGETS['min_confidence']}"  # the control by its key, not its place
SHARED_VIEW = View(countries=("MEX",), policy_types=("asylum",), min_confidence="medium", lanes="policy_type")
# The image format plotly's camera button saves in (Streamlit passes the config to the chart's element).
SAVES_AS_JS = """() => {
  const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  return plot && plot._context ? plot._context.toImageButtonOptions.format : null;
}"""


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seed_url():
    with serve() as url:
        yield url


@pytest.fixture(scope="module")
def dev_url():
    with serve(env={"ARTICLES_DIR": str(CORPUS_DIR)}) as url:
        yield url


@pytest.fixture(scope="module")
def dev():
    return build_dataset(CORPUS_DIR)


@pytest.fixture(scope="module")
def shared_context(chromium):
    """One browser context for the module, so its HTTP cache keeps Streamlit's and plotly's scripts between pages."""
    context = chromium.new_context(viewport=VIEWPORTS["projector"])
    yield context
    context.close()


@pytest.fixture
def open_page(chromium, shared_context):
    """Open app pages (each a new Streamlit session); `fresh=True` uses a new browser context, like another browser.

    Fails the test if any request leaves 127.0.0.1 or the app shows an exception.
    """
    pages, contexts, remote = [], [], []

    def opener(url: str, viewport: str = "projector", fresh: bool = False):
        context = chromium.new_context(viewport=VIEWPORTS[viewport]) if fresh else shared_context
        if fresh:
            contexts.append(context)
        page = context.new_page()
        pages.append(page)
        page.set_viewport_size(VIEWPORTS[viewport])
        page.on("request", lambda request: remote.append(request.url) if urlsplit(request.url).hostname != "127.0.0.1" else None)
        page.goto(url)
        wait_idle(page)
        return page

    yield opener
    for page in pages:
        assert page.locator("[data-testid='stException']").count() == 0, page.url
        page.close()
    for context in contexts:
        context.close()
    assert not remote, f"the app fetched remote resources: {remote}"


def wait_until(check, timeout: float = 30, message: str = ""):
    """Poll `check` until it returns a truthy value."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting: {message}")


def drawn_ids(page, expected: set[str], index: int = 0) -> set[str]:
    """The event ids the chart draws, once they equal `expected` (the chart may still be re-rendering)."""
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    wait_until(lambda: chart_event_ids(page, index) == expected, message=f"chart to draw {len(expected)} events")
    return chart_event_ids(page, index)


def address(page) -> str:
    """The address bar now: page.url can lag behind history.pushState, location.href cannot."""
    return page.evaluate("location.href")


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(address(page)).query)


def dated_ids(dataset, view: View) -> set[str]:
    shown = filter_events(dataset.events, view)
    return set(shown.loc[shown["date"].notna(), "event_id"])


def shoot(page, name: str, viewport: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.wait_for_timeout(400)
    page.screenshot(path=SHOTS / f"{name}_{VIEWPORTS[viewport]['width']}x{VIEWPORTS[viewport]['height']}.png")


def test_newcomer_sees_the_five_seed_events_with_the_administrations_shaded(open_page, seed_url):
    seed = build_dataset(SEED_DIR)
    page = open_page(f"{seed_url}/Timeline")
    assert drawn_ids(page, dated_ids(seed, View())) and len(chart_event_ids(page)) == 5
    marks, _ = timeline_marks(filter_events(seed.events, View()), seed.style, "country", "policy_type", 2557)
    lanes = f"{CHART_DRAWN} .subplot.xy"  # the article events' lanes, not the landmarks' (xy2) or policies' (xy3)
    points = page.locator(f"{lanes} .scatterlayer .trace .points path.point, {lanes} .barlayer .point")
    assert points.count() == len(marks)
    assert page.locator(f"{CHART_DRAWN} .annotation-text").all_text_contents()[:2] == ["Trump (1st term)", "Biden"]
    shoot(page, "seed_timeline", "projector")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_draws(open_page, dev_url, dev, path, viewport):
    page = open_page(f"{dev_url}/{path}", viewport)
    assert page.locator("[data-testid='stMain'] h1").first.inner_text() == (
        PAGES[path] if path else "US–Mexico and Central America migration diplomacy, 2018–2024"
    )
    charts = page.locator("[data-testid='stPlotlyChart']")
    drawn = page.locator("[data-testid='stPlotlyChart']:has(.main-svg)")
    wait_until(lambda: drawn.count() == CHARTS[path], message=f"{CHARTS[path]} charts on {path or 'home'}")
    assert charts.count() == CHARTS[path]
    if path == "Timeline":
        assert drawn_ids(page, dated_ids(dev, View())) == dated_ids(dev, View())
    if path == "Events":
        page.locator("[data-testid='stDataFrame'] [data-testid='data-grid-canvas']").wait_for(timeout=30_000)
        told = re.compile(rf"^{len(filter_events(dev.events, View()))} events (and \d+ landmarks of the period )?match the filters")
        assert page.get_by_text(told).count() == 1
    shoot(page, path or "home", viewport)
    if path == "Timeline" and viewport == "projector" and os.environ.get("UPDATE_DOCS_SCREENSHOT"):
        page.set_viewport_size({"width": 1920, "height": 1800})  # the landmarks, the lanes and the policies, all in view
        page.wait_for_timeout(1500)
        page.screenshot(path=ROOT / "docs" / "timeline.png")


def test_a_share_link_reopens_the_same_view_in_another_browser(open_page, dev_url, dev):
    page = open_page(f"{dev_url}/Timeline?{SHARED}")
    expected = dated_ids(dev, SHARED_VIEW)
    assert drawn_ids(page, expected) == expected
    link = page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code").inner_text().strip()
    assert urlsplit(link).path == "/Timeline" and parse_qs(urlsplit(link).query) == parse_qs(SHARED)
    other = open_page(link, fresh=True)
    assert drawn_ids(other, expected) == expected
    chips = other.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]")
    # the sidebar is drawn after the chart, so wait for it rather than read it at once
    wait_until(lambda: [chip.strip() for chip in chips.all_inner_texts()] == ["Mexico", "Asylum"], message="filter chips")
    assert other.locator(f"{CONFIDENCE} [aria-checked='true']").all_inner_texts() == ["Medium or high"]
    assert other.locator(f".st-key-{WIDGETS['lanes']} [aria-checked='true']").all_inner_texts() == ["Policy type"]
    shoot(other, "shared_view", "laptop")


def test_switching_pages_keeps_the_view_in_the_url(open_page, dev_url, dev):
    page = open_page(f"{dev_url}/Timeline?{SHARED}")
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    for target in ("Events", "Countries", "Policy_types", "Home", "Timeline"):
        title = PAGES.get(target, "US–Mexico")
        page.locator("[data-testid='stSidebarNavLink']").filter(has_text="dashboard" if target == "Home" else title).click()
        page.locator("[data-testid='stMain'] h1").filter(has_text=title).wait_for(timeout=30_000)
        path = "/" if target == "Home" else f"/{target}"
        wait_until(
            lambda path=path: urlsplit(address(page)).path == path and query_of(page) == parse_qs(SHARED),
            message=f"{target}: {address(page)}",
        )
        page.wait_for_selector(APP_IDLE, timeout=30_000)
    expected = dated_ids(dev, SHARED_VIEW)
    assert drawn_ids(page, expected) == expected
    assert "by policy type" in page.locator(f"{CHART_DRAWN} .gtitle").text_content()


def test_a_filter_change_redraws_the_chart_and_rewrites_the_url(open_page, dev_url, dev):
    page = open_page(f"{dev_url}/Timeline")
    before = drawn_ids(page, dated_ids(dev, View()))
    page.locator(f"{CONFIDENCE} button").filter(has_text="High only").click()
    after = drawn_ids(page, dated_ids(dev, View(min_confidence="high")))
    assert after < before
    wait_until(lambda: query_of(page) == {"conf": ["high"]}, message="conf=high in the URL")


def test_back_and_forward_bring_back_the_view_of_each_address(open_page, dev_url, dev):
    page = open_page(f"{dev_url}/Timeline")
    confidence = page.locator(f"{CONFIDENCE} [aria-checked='true']")
    views = {"": View(), "high": View(min_confidence="high"), "medium": View(min_confidence="medium")}
    drawn_ids(page, dated_ids(dev, views[""]))
    for label, conf in (("High only", "high"), ("Medium or high", "medium")):
        page.locator(f"{CONFIDENCE} button").filter(has_text=label).click()
        wait_until(lambda conf=conf: query_of(page) == {"conf": [conf]}, message=f"conf={conf} in the URL")
        drawn_ids(page, dated_ids(dev, views[conf]))
    for move, conf, label in ((page.go_back, "high", "High only"), (page.go_back, "", "Any"), (page.go_forward, "high", "High only")):
        move()
        wait_until(lambda conf=conf: query_of(page) == ({"conf": [conf]} if conf else {}), message=f"the address of {conf or 'defaults'}")
        wait_until(lambda label=label: confidence.inner_text() == label, message=f"the sidebar shows {label}")
        drawn_ids(page, dated_ids(dev, views[conf]))


def test_clicking_an_event_opens_its_evidence_and_the_link_keeps_it(open_page, dev_url, dev):
    page = open_page(f"{dev_url}/Timeline?country=GTM&lanes=administration")
    drawn_ids(page, dated_ids(dev, View(countries=("GTM",))))
    page.locator(f"{CHART_DRAWN} .subplot.xy .scatterlayer .trace .points path.point").first.click(force=True)
    event_id = wait_until(lambda: query_of(page).get("event", [None])[0], message="event in the URL")
    title = dev.events.set_index("event_id").loc[event_id, "title"]
    page.get_by_role("heading", name=title).wait_for(timeout=30_000)
    assert page.locator("[data-testid='stMain'] mark").count() >= 1, "date evidence is highlighted"
    shoot(page, "event_detail", "projector")
    reopened = open_page(address(page))
    reopened.get_by_role("heading", name=title).wait_for(timeout=30_000)
    page.get_by_role("button", name="Close").click()
    wait_until(lambda: "event" not in query_of(page), message="event gone from the URL")


def test_selecting_a_table_row_opens_its_article(open_page, dev_url, dev):
    page = open_page(f"{dev_url}/Events?country=HND&landmarks=0", "laptop")  # the articles' events alone
    grid = page.locator("[data-testid='stDataFrame'] [data-testid='data-grid-canvas']")
    grid.wait_for(timeout=30_000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + ROW_PX * 1.5 + ROW_PX)  # the selection box of the second row, below the header
    second = filter_events(dev.events, View(countries=("HND",))).iloc[1]
    wait_until(
        lambda: query_of(page) == {"country": ["HND"], "landmarks": ["0"], "event": [second["event_id"]]}, message="event in the URL"
    )
    page.get_by_role("heading", name=second["title"]).wait_for(timeout=30_000)
    shoot(page, "events_reader", "laptop")


def test_clicking_a_country_dot_narrows_the_filters(open_page, dev_url):
    page = open_page(f"{dev_url}/Countries")
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    dot = page.locator(f"{CHART_DRAWN} .scatterlayer .trace .points path.point").first
    row, column = page.evaluate("() => document.querySelector(\"[data-testid='stPlotlyChart'] .js-plotly-plot\").data[0].customdata[0]")
    dot.click(force=True)
    expected = view_to_query(replace(View(), **narrowed("country", row), **narrowed("year", column)))
    wait_until(lambda: query_of(page) == expected, message=f"{expected} in the URL")
    chips = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]")
    wait_until(lambda: chips.count() == 1, message="one country chip")


# A counted timeline's cells: the customdata of the unseen marker over each, and where the marker is on the page.
COUNTED_CELLS_JS = """() => {
  const out = [];
  for (const group of document.querySelectorAll("[data-testid='stPlotlyChart'] .scatterlayer .trace")) {
    const trace = group.__data__[0].trace;
    if (!(trace.customdata && trace.customdata.length && trace.customdata[0][0] === "counted-cell")) continue;
    group.querySelectorAll(".point").forEach((point) => {
      const r = point.getBoundingClientRect();
      out.push({cell: trace.customdata[point.__data__.i], x: r.left + r.width / 2, y: r.top + r.height / 2});
    });
  }
  return out.length ? out : null;
}"""


# The first chart's margins as the figure asks for them and as plotly.js laid them out (wider when something pushed one).
MARGINS_JS = """() => {
  const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  const sides = ["l", "r", "t", "b"];
  return {asked: sides.map((s) => plot.layout.margin[s]), laid_out: sides.map((s) => Math.round(plot._fullLayout._size[s] * 10) / 10)};
}"""


def test_clicking_a_counted_cell_narrows_the_dates_to_it_and_draws_its_events(open_page, dev):
    shown = filter_events(dev.events, View())
    marks = mark_count(shown[shown["date"].notna()], "country", "policy_type")
    with serve(env={"ARTICLES_DIR": str(CORPUS_DIR), "TIMELINE_MAX_MARKS": str(marks - 1)}) as url:  # the whole range is counted
        page = open_page(f"{url}/Timeline")
        page.wait_for_selector(CHART_DRAWN, timeout=30_000)
        cells = wait_until(lambda: page.evaluate(COUNTED_CELLS_JS), message="the counted cells")
        margins = page.evaluate(MARGINS_JS)
        assert margins["laid_out"] == margins["asked"], "the margins hold the axes and colour bar: plotly.js laid the chart out once"
        chosen = sorted(cells, key=lambda c: c["cell"][1])[len(cells) // 2]  # a cell mid-range: its dates are not the defaults
        marker, first, last = chosen["cell"][:3]
        assert marker == COUNTED_CELL
        page.mouse.click(chosen["x"], chosen["y"])  # the cell's centre, where its unseen marker answers the click
        wait_until(lambda: query_of(page) == {"from": [first], "to": [last]}, message=f"the dates {first}..{last} in the URL")
        view = View(start_date=dt.date.fromisoformat(first), end_date=dt.date.fromisoformat(last))
        assert drawn_ids(page, dated_ids(dev, view)), "the cell's events are drawn one by one"
        assert page.evaluate(COUNTED_CELLS_JS) is None, "no longer counted"


def test_a_presenter_click_on_a_counted_cell_shows_its_earliest_event(open_page, dev):
    shown = filter_events(dev.events, View())
    marks = mark_count(shown[shown["date"].notna()], "country", "policy_type")
    deck = build_deck(shown)
    with serve(env={"ARTICLES_DIR": str(CORPUS_DIR), "TIMELINE_MAX_MARKS": str(marks - 1)}) as url:
        page = open_page(f"{url}/Timeline?present=1")
        page.wait_for_selector(CHART_DRAWN, timeout=30_000)
        cells = wait_until(lambda: page.evaluate(COUNTED_CELLS_JS), message="the presenter's counted cells")
        chosen = sorted(cells, key=lambda c: c["cell"][1])[len(cells) // 2]  # mid-range: not the first slide
        step = step_of(deck, chosen["cell"][COUNTED_FIRST_EVENT])
        assert step and step > 1
        page.mouse.click(chosen["x"], chosen["y"])
        wait_until(lambda: query_of(page) == {"present": ["1"], "step": [str(step)]}, message=f"step {step} in the URL")
        wait_until(lambda: page.locator(f".slide[data-step='{step}']").count() == 1, message=f"the slide of step {step}")


def test_an_invalid_link_falls_back_with_a_notice(open_page, dev_url, dev):
    page = open_page(f"{dev_url}/Timeline?country=XXX&conf=sure")
    notice = page.locator("[data-testid='stMain'] [role='alert']").first.inner_text()
    assert "country='XXX'" in notice and "conf='sure'" in notice
    assert drawn_ids(page, dated_ids(dev, View())) == dated_ids(dev, View())


def test_an_exported_svg_cites_its_filters_version_and_sources(open_page, dev_url, dev, tmp_path):
    page = open_page(f"{dev_url}/Timeline?country=MEX")
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup'] button").filter(has_text="SVG").click()
    wait_until(lambda: page.evaluate(SAVES_AS_JS) == "svg", message="the camera saves SVG")
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.hover()
    with page.expect_download() as download:
        chart.locator(".modebar-btn[data-title^='Download plot']").click()
    assert download.value.suggested_filename == f"timeline_by-country_20180101-20241231_MEX_{dev.corpus.version}.svg"
    download.value.save_as(tmp_path / "chart.svg")
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    words = " ".join(re.findall(r">([^<>]+)<", svg))
    for cited in (f"data version {dev.corpus.version}", "filters: 01 Jan 2018 – 31 Dec 2024 · Mexico", "Source:"):
        assert cited in words, cited


def test_the_first_click_after_a_server_restart_takes_effect(chromium):
    """After a restart the browser reconnects to a new session that has not run the page; its first click used to be
    lost to the view the new session read from the URL (issue 15)."""
    seed, port = build_dataset(SEED_DIR), free_port()
    page = chromium.new_page(viewport=VIEWPORTS["laptop"])
    with server(env={"ARTICLES_DIR": str(SEED_DIR)}, port=port) as first:
        page.goto(f"{first.url}/Timeline")
        wait_idle(page)
        drawn_ids(page, dated_ids(seed, View()))
    with server(env={"ARTICLES_DIR": str(SEED_DIR)}, port=port):
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=30_000)
        page.wait_for_selector(APP_IDLE, timeout=30_000)
        page.locator(f"{CONFIDENCE} button").filter(has_text="High only").click()
        # the new server builds its table first (cold), hence the longer wait
        wait_until(lambda: query_of(page) == {"conf": ["high"]}, timeout=90, message="the first click after the restart is in the URL")
        drawn_ids(page, dated_ids(seed, View(min_confidence="high")))
        assert page.locator("[data-testid='stException']").count() == 0
    page.close()
