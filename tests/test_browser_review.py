"""The Review page and provenance in headless Chromium: an editor signs in and a date corrected on the Review page
moves the event on the Timeline; two editors saving the same event at once lose nothing; a date no table can hold is
refused, and written into the file by hand it is reported while every page still draws; mentioned and merged events
are marked; the reader links an article's events both ways.

One server for the module, on a temporary copy of the seed articles plus two reports of one signing, with a temporary
curation file and a temporary secrets file naming two editors: the repository's data/ is never written. Screenshots
go to screenshots/.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from tests import test_browser as browser_tests
from tests.browser_support import APP_IDLE, CHART_DRAWN, CHROMIUM, ROOT, TEST_OPTIONS, server
from tests.conftest import CASES, SEED_DIR
from tests.test_browser import VIEWPORTS, query_of, shoot, wait_until
from ui import charts

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)

REPO_CURATION = ROOT / "data" / "curation.csv"
EVENT, OLD_DATE, NEW_DATE = "003_ddbc0b487b12ab17-0", "2018-07-06", "2019-07-06"  # drawn from its window's first day, moved a year on
MAIN_WITH_MENTIONS = "001_a3d27affe04262f3-0"
MERGED = "pact_a-0"
# Where the timeline draws an event: the x of its point, or the start of its bar, in the first trace that carries it.
EVENT_X_JS = """(eventId) => {
  const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  if (!plot || !plot.data) return null;
  for (const trace of plot.data) {
    const i = (trace.customdata || []).findIndex((row) => row && row[0] === eventId);
    if (i >= 0) return trace.type === "bar" ? trace.base[i] : trace.x[i];
  }
  return null;
}"""
# Per event id, the marker size it is drawn with (points only).
# The sizes of each event's filled marks (one per policy-type band), rings left out.
POINT_SIZES_JS = """() => {
  const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  const sizes = {};
  // the traces as drawn: plotly sends numeric arrays in binary, which the drawn data holds decoded as typed arrays
  for (const trace of plot._fullData) {
    if (trace.type !== "scatter" || !trace.customdata || String(trace.marker.symbol || "").includes("open")) continue;
    trace.customdata.forEach((row, i) => {
      const size = trace.marker.size;
      (sizes[row[0]] = sizes[row[0]] || []).push(Array.isArray(size) || ArrayBuffer.isView(size) ? size[i] : size);
    });
  }
  return sizes;
}"""


EDITORS = {"ana": "correct horse battery staple", "ben": "another long passphrase"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    folder = root / "articles"
    folder.mkdir()
    for path in [*SEED_DIR.glob("*.txt"), *(CASES / "merge").glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    secrets = root / "secrets.toml"
    secrets.write_text("[editors]\n" + "".join(f'{name} = "{phrase}"\n' for name, phrase in EDITORS.items()), encoding="utf-8")
    return folder, root / "curation.csv", secrets


@pytest.fixture(scope="module")
def app_url(workspace):
    folder, curation, secrets = workspace
    repo_before = REPO_CURATION.read_bytes() if REPO_CURATION.exists() else None
    env = {"ARTICLES_DIR": str(folder), "CURATION_PATH": str(curation), "CURATION_READONLY": ""}
    with server(env=env, options=(*TEST_OPTIONS, "--secrets.files", str(secrets))) as running:
        yield running.url
    assert (REPO_CURATION.read_bytes() if REPO_CURATION.exists() else None) == repo_before, "the tests wrote data/curation.csv"


# tests/test_browser.py's fixtures and helpers: one headless Chromium per module; `open_page` fails a test whose page shows
# an exception or fetches anything remote.
chromium, shared_context, open_page = browser_tests.chromium, browser_tests.shared_context, browser_tests.open_page


def event_x(page, event_id: str) -> str | None:
    return page.evaluate(EVENT_X_JS, event_id)


def button(page, label: str):
    """The main area's buttons labelled exactly `label`."""
    return page.locator("[data-testid='stMain'] button").filter(has_text=re.compile(f"^{re.escape(label)}$"))


def go_to(page, title: str) -> None:
    """Follow a sidebar link to another page, as a user would, and wait for it to settle."""
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text=title).click()
    page.locator("[data-testid='stMain'] h1").filter(has_text=title).wait_for(timeout=30_000)
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def sign_in(page, name: str) -> None:
    """Sign in as an editor on the Review page, as a person would."""
    page.get_by_text("Editors: sign in to save corrections").click()
    page.get_by_label("Editor name").fill(name)
    page.get_by_label("Passphrase").fill(EDITORS[name])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as editor").wait_for(timeout=30_000)
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def curation_rows(curation: Path) -> list[dict[str, str]]:
    with curation.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_date_corrected_on_the_review_page_moves_the_event_on_the_timeline(open_page, app_url, workspace):
    _, curation, _ = workspace
    page = open_page(f"{app_url}/Timeline?event={EVENT}")
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    wait_until(lambda: event_x(page, EVENT) == OLD_DATE, message=f"{EVENT} drawn on {OLD_DATE}")

    go_to(page, "Review")
    page.get_by_role("heading", name="Kushner, Pompeo to Tackle Migration").wait_for(timeout=30_000)
    sign_in(page, "ana")
    assert query_of(page)["event"] == [EVENT], "the selected event stays in the URL"
    date_box = page.get_by_label("Correct date")
    assert date_box.input_value() == OLD_DATE[:7], "the form offers the date at its precision (a window of eight days: the month)"
    date_box.fill(NEW_DATE)
    page.get_by_label("Why (optional, saved with the correction)").first.fill("the test says so")
    page.get_by_role("button", name="Save this date").click()
    saved = page.locator("[role='alert'][data-kind='success']").filter(has_text="Saved the date")
    saved.wait_for(timeout=30_000)
    rows = curation_rows(curation)
    assert [(r["target_id"], r["field"], r["value"], r["note"], r["editor"]) for r in rows] == [
        (EVENT, "date", NEW_DATE, "the test says so", "ana")
    ]
    page.get_by_text(f"curated: {NEW_DATE}").first.wait_for(timeout=30_000)
    shoot(page, "review_saved", "projector")

    go_to(page, "Timeline")
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    wait_until(lambda: event_x(page, EVENT) == NEW_DATE, message=f"{EVENT} moved to {NEW_DATE}")
    page.get_by_text("replaces the extracted 2018-07-13").first.wait_for(timeout=30_000)  # the replaced value as extracted
    shoot(page, "timeline_after_correction", "projector")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_review_page_lists_events_with_their_candidates(open_page, app_url, viewport):
    page = open_page(f"{app_url}/Review?mentioned=1&event=004_be7ffad3bbd357e7-0", viewport)
    page.locator("[data-testid='stDataFrame'] [data-testid='data-grid-canvas']").first.wait_for(timeout=30_000)
    tables = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']")
    wait_until(lambda: tables.count() >= 2, message="the list and the date candidates")
    page.get_by_text("Every date mention in the article").wait_for(timeout=30_000)
    shoot(page, "review", viewport)
    page.get_by_text("Correct it", exact=True).scroll_into_view_if_needed()
    shoot(page, "review_forms", viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_mentioned_events_are_small_and_merged_events_ringed(open_page, app_url, viewport):
    page = open_page(f"{app_url}/Timeline?mentioned=1&lanes=administration&event={MAIN_WITH_MENTIONS}", viewport)
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    sizes = wait_until(lambda: page.evaluate(POINT_SIZES_JS), message="points drawn")
    mention, main = (sorted(sizes[i], reverse=True) for i in ("001_a3d27affe04262f3-r4", MAIN_WITH_MENTIONS))
    assert mention == charts.band_sizes(len(mention), mentioned=True) and main == charts.band_sizes(len(main)), (mention, main)
    legend = page.locator(f"{CHART_DRAWN} .legendtext").all_text_contents()
    assert "only mentioned in an article: small" in legend and "reported by several articles: ringed" in legend
    rings = page.evaluate(
        "() => document.querySelector(\"[data-testid='stPlotlyChart'] .js-plotly-plot\").data.filter(t => t.name === 'several sources')[0].x"
    )
    assert rings == ["2019-07-26"]
    page.get_by_text("Other events this article mentions (4)").wait_for(timeout=30_000)
    shoot(page, "timeline_mentioned", viewport)


def test_the_reader_links_an_article_and_the_events_it_mentions(open_page, app_url):
    page = open_page(f"{app_url}/Timeline?mentioned=1&event={MAIN_WITH_MENTIONS}")
    page.get_by_text("Other events this article mentions (4)").wait_for(timeout=30_000)
    button(page, "Open").first.click()
    wait_until(lambda: query_of(page).get("event", [""])[0].startswith("001_a3d27affe04262f3-r"), message="a mentioned event opened")
    mention = page.get_by_text("Mentioned in the article whose main event is")
    mention.wait_for(timeout=30_000)
    mention.scroll_into_view_if_needed()
    shoot(page, "reader_mentioned_event", "projector")
    button(page, "Open the main event").click()
    wait_until(lambda: query_of(page).get("event") == [MAIN_WITH_MENTIONS], message="back to the main event")


def test_a_merged_event_shows_every_source_article(open_page, app_url):
    page = open_page(f"{app_url}/Timeline?event={MERGED}", "laptop")
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    texts = page.get_by_text("The texts of the articles reporting this event")
    texts.wait_for(timeout=30_000)
    tabs = page.locator("[data-testid='stMain'] [data-testid='stTab']").all_inner_texts()
    assert tabs == ["pact_a (evidence highlighted)", "pact_b"]
    assert page.get_by_text("merged with pact_b-0").count() >= 1
    page.locator("th").filter(has_text="Reported by").scroll_into_view_if_needed()
    shoot(page, "reader_merged_event", "laptop")


SAME_EVENT = "004_be7ffad3bbd357e7-0"  # the event two editors correct at once
TYPO_EVENT = "000_95cf9caf70308b62-0"  # the event a hand-typed impossible date names
OUTCOME = re.compile(r"^(Saved|Not saved)")  # what a save comes to (a sign-in notice may still be on the page)


def save_button(page, label: str):
    """The visible main-area button labelled exactly `label` (each tab's form has its own)."""
    return button(page, label).filter(visible=True)


def test_two_editors_saving_the_same_event_at_once_lose_nothing(open_page, app_url, workspace):
    _, curation, _ = workspace
    pages = {}
    for name in EDITORS:  # two browsers, two sessions, two editors, one event
        page = open_page(f"{app_url}/Review?mentioned=1&event={SAME_EVENT}", fresh=True)
        sign_in(page, name)
        page.get_by_role("tab", name="Title").click()
        page.get_by_role("textbox", name="Title", exact=True).fill(f"The title {name} chose")
        pages[name] = page
    before = curation_rows(curation) if curation.exists() else []
    for page in pages.values():  # both clicks go out before either answer comes back
        save_button(page, "Save").click(no_wait_after=True)
    outcomes = {}
    for name, page in pages.items():
        outcome = page.locator("[data-testid='stMain'] [role='alert'][data-kind]").filter(has_text=OUTCOME).first
        outcome.wait_for(timeout=30_000)
        outcomes[name] = (outcome.get_attribute("data-kind"), outcome.inner_text())
    assert sorted(kind for kind, _ in outcomes.values()) == ["error", "success"], outcomes
    (winner,) = [name for name, (kind, _) in outcomes.items() if kind == "success"]
    (loser,) = [name for name in EDITORS if name != winner]
    refused = outcomes[loser][1]
    assert refused.startswith(f"Not saved: {winner} saved a title correction of {SAME_EVENT} (The title {winner} chose)"), refused
    added = curation_rows(curation)[len(before) :]
    assert [(r["target_id"], r["value"], r["editor"]) for r in added] == [(SAME_EVENT, f"The title {winner} chose", winner)]

    page = pages[loser]  # the loser's page now shows the winner's title; saving again, knowingly, is kept too
    page.get_by_text(f"title: The title {winner} chose").wait_for(timeout=30_000)
    page.get_by_role("tab", name="Title").click()
    page.get_by_role("textbox", name="Title", exact=True).fill(f"The title {loser} chose")
    save_button(page, "Save").click()
    page.locator("[role='alert'][data-kind='success']").filter(has_text="Saved the title").wait_for(timeout=30_000)
    added = curation_rows(curation)[len(before) :]
    assert [r["editor"] for r in added] == [winner, loser], "nothing lost"
    shoot(page, "review_two_editors", "projector")


def test_a_date_no_table_can_hold_is_refused_and_typed_by_hand_it_takes_no_page_down(open_page, app_url, workspace):
    _, curation, _ = workspace
    page = open_page(f"{app_url}/Review?event={TYPO_EVENT}")
    sign_in(page, "ana")
    page.get_by_label("Correct date").fill("2919-07-26")
    page.get_by_role("button", name="Save this date").click()
    refused = page.locator("[role='alert'][data-kind='error']").filter(has_text="Not saved")
    refused.wait_for(timeout=30_000)
    assert "Not saved: bad date '2919-07-26': 2919-07-26 is outside the supported years 1900–2100" in refused.inner_text()

    if not curation.exists():
        curation.write_text("target_id,field,value,note,timestamp,editor\n", encoding="utf-8")
    with curation.open("a", encoding="utf-8") as handle:  # the same typo, made in the file itself
        handle.write(f"{TYPO_EVENT},date,2919-07-26,typed by hand,,\n")
    for path, title in (("", "US–Mexico"), *((p, p) for p in ("Timeline", "Events", "Countries", "Compare", "Review"))):
        shown = open_page(f"{app_url}/{path}", fresh=True)
        shown.locator("[data-testid='stMain'] h1").filter(has_text=title).wait_for(timeout=30_000)
        if path in ("Timeline", "Countries", "Compare"):
            shown.wait_for_selector(CHART_DRAWN, timeout=30_000)
        assert shown.locator("[data-testid='stException']").count() == 0, path
    shown.get_by_text("rows of the curation file were not applied").wait_for(timeout=30_000)
    shoot(shown, "review_rows_not_applied", "projector")
