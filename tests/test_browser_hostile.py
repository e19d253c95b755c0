"""Safe to expose, in headless Chromium: a hostile corpus (tests/cases/hostile/: script tags, HTML event handlers,
javascript: links in the text and the front matter, Streamlit markdown directives, LaTeX, very long lines, a huge title)
and hostile curation notes render as inert, escaped text on every page, in the event reader, on the Review page, in
presenter mode and in a link's notice: no dialog fires, no javascript: address is live, and the literal text is shown.

One server for the module, read-only, on a copy of the hostile curation file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.browser_support import CHART_DRAWN, CHROMIUM, TIMEOUT_MS, launch, serve, wait_idle
from tests.conftest import CASES
from ui.page import PANEL_KEY, SCROLL_SCRIPT, TAP_SCRIPT

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)

HOSTILE = CASES / "hostile"
SCRIPT, DIRECTIVES, LONG = "01_script-0", "02_directives-0", "03_long-0"
TITLE = {
    SCRIPT: "Border deal <script>alert('title')</script> signed",
    DIRECTIVES: ":red[Guatemala] signs :material/home: safe third country deal $x^2$",
}
# Every address-bearing attribute on the page, and any element the corpus tries to inject (outside Streamlit's own): a
# script counts unless its text is exactly one of the app's own fixed scripts (`allowed`).
LIVE_JS = """(allowed) => {
  const live = [];
  for (const el of document.querySelectorAll("[href], [src], [action], [formaction], [data], [srcdoc]")) {
    for (const name of ["href", "src", "action", "formaction", "data", "srcdoc"]) {
      const value = (el.getAttribute(name) || "").replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (value.startsWith("javascript:") || (name === "srcdoc" && value)) live.push(el.outerHTML.slice(0, 120));
    }
  }
  const main = document.querySelector("[data-testid='stMain']");
  for (const el of main.querySelectorAll("script, iframe, object, embed, img[src='x'], svg[onload], [onerror], [onload], [onclick]")) {
    if (el.tagName === "SCRIPT" && allowed.includes(el.textContent.trim())) continue;
    live.push(el.outerHTML.slice(0, 120));
  }
  return live;
}"""
APP_SCRIPTS = [re.sub(r"^<script[^>]*>|</script>$", "", script).strip() for script in (TAP_SCRIPT, SCROLL_SCRIPT % (0, PANEL_KEY))]
# (path, literal texts that must be visible on the page)
PAGES = {
    "home": ("/", []),
    "timeline": ("/Timeline", []),
    "timeline: one event": ("/Timeline?q=border%20deal", []),
    "reader: script": (
        f"/Timeline?event={SCRIPT}",
        [
            TITLE[SCRIPT],
            "<b>Evil</b> Wire <script>alert('source')</script>",
            "<img src=x onerror=alert('img')>",
            "[here](javascript:alert('md'))",
            "<a href=\"javascript:alert('a')\">here</a>",
            "[see](javascript:alert('note')) <img src=x onerror=alert('note')> $z^2$ :red[note]",  # a curation note
        ],
    ),
    "reader: directives": (
        f"/Events?event={DIRECTIVES}",
        [
            TITLE[DIRECTIVES],
            ":blue[Prensa] $\\alpha$ :material/warning:",
            "$x^2 + y^2$",
            "<script>alert('confirm')</script> :material/home:",
        ],
    ),
    "reader: long": (f"/Timeline?event={LONG}", ["Honduras and the United States agree on asylum and on more asylum", "x" * 200]),
    "events": ("/Events", []),
    "countries": ("/Countries", []),
    "policy types": ("/Policy_types", []),
    "compare": ("/Compare", []),
    "review": (f"/Review?event={DIRECTIVES}", [TITLE[DIRECTIVES], "[click me](https://evil.example/phish)"]),
    "presenter": ("/Timeline?present=1&step=1", [TITLE[SCRIPT], "<script>alert('body')</script>"]),
    "presenter: directives": ("/Timeline?present=1&step=2", [TITLE[DIRECTIVES], ":red[officials] said :material/home:"]),
    "a hostile link": (
        "/Timeline?country=%3Cscript%3Ealert(1)%3C/script%3E&:red[x]=[a](javascript:alert(1))",
        ["country='<script>alert(1)</script>' is not a known country", "unknown parameter ':red[x]'"],
    ),
}


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    curation = tmp_path_factory.mktemp("hostile") / "curation.csv"
    shutil.copy(HOSTILE / "curation.csv", curation)
    env = {"ARTICLES_DIR": str(HOSTILE / "articles"), "CURATION_PATH": str(curation), "CURATION_READONLY": "1"}
    with serve(env=env) as running:
        yield running


@pytest.fixture(scope="module")
def context():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        shared = browser.new_context(viewport={"width": 1920, "height": 1080})
        yield shared
        browser.close()


@pytest.mark.parametrize("name", PAGES)
def test_hostile_text_is_inert_and_shown_literally(context, url, name):
    path, literals = PAGES[name]
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}{path}")
    wait_idle(page)
    if page.locator("[data-testid='stPlotlyChart']").count():
        page.wait_for_selector(CHART_DRAWN, timeout=TIMEOUT_MS)
    for text in literals:
        page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=TIMEOUT_MS)
    if name == "timeline: one event":  # plotly's hover label shows the title as text
        page.locator(f"{CHART_DRAWN} .scatterlayer .trace .points path.point").first.hover(force=True)
        label = page.locator(".hoverlayer .hovertext").first
        label.wait_for(timeout=TIMEOUT_MS)
        assert TITLE[SCRIPT] in label.text_content() and "<b>Evil</b> Wire" in label.text_content()
    page.wait_for_timeout(100)  # give an injected handler the time to fire
    assert not dialogs, dialogs
    assert page.evaluate(LIVE_JS, APP_SCRIPTS) == []
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920, "no line pushes the page wider than the window"
    page.close()
