"""Bring your own articles, in Chromium: a mix of good and bad files uploaded, the status of each, their events on the
Timeline and in the Events table, dates from an HTML page's metadata, the downloads, nothing written to disk, another
browser that sees none of it, and a shared link that says so."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from tests import test_browser as browser_tests
from tests.browser_support import CHART_DRAWN, CHROMIUM, ROOT, chart_event_ids, server, wait_idle

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)

MARKER = "Qzxj7UploadMarker"  # in every uploaded text: found on disk, it would mean an upload was written there
PAGE = (
    (ROOT / "tests" / "uploads" / "guatemala_asylum.html")
    .read_bytes()
    .replace(b"</article>", f"<p>Archive reference {MARKER}.</p></article>".encode())
)
STORY = (
    "Mexico sends National Guard to its southern border\n\n"
    "MEXICO CITY, June 21, 2019 - Mexico began deploying its new National Guard to the border with Guatemala on Friday, "
    f"under a migration enforcement deal with the United States that averted tariffs, officials said. {MARKER}\n"
).encode()
HONDURAS = (
    "Honduras signs asylum cooperative agreement with the United States\n\n"
    "TEGUCIGALPA, Sept. 26, 2019 - Honduras and the United States signed an asylum cooperative agreement on Wednesday "
    f"that lets Washington send asylum seekers to Honduras, the Honduran government said. {MARKER}\n"
).encode()
STATUS = {
    "story.txt": ("read", ""),
    "guatemala.html": ("read, with warnings", "duplicate of a landmark"),
    "batch.zip/inner/honduras.txt": ("read, with warnings", "duplicate of a landmark"),
    "batch.zip/../escape.txt": ("skipped", "unsafe path (climbs out of the archive with '..')"),
    "empty.txt": ("skipped", "empty file"),
    "scan.txt": ("skipped", "binary file (contains NUL bytes)"),
    "photo.png": ("skipped", "not an article file"),
    "huge.txt": ("skipped", "file too large (2,500,000 bytes > 2,000,000)"),
}
CELLS_JS = """(index) => {
  const grid = document.querySelectorAll("[data-testid='stMain'] [data-testid='stDataFrame']")[index];
  if (!grid) return [];
  return Array.from(grid.querySelectorAll("tr")).map(tr => Array.from(tr.querySelectorAll("td")).map(td => td.innerText));
}"""


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # stored: the marker stays readable on disk
        archive.writestr("inner/honduras.txt", HONDURAS)
        archive.writestr("../escape.txt", f"outside {MARKER}".encode())
    return buffer.getvalue()


FILES = [
    ("story.txt", "text/plain", STORY),
    ("guatemala.html", "text/html", PAGE),
    ("batch.zip", "application/zip", zipped()),
    ("empty.txt", "text/plain", b""),
    ("scan.txt", "text/plain", b"\x00\x01\x02PDF-ish" + MARKER.encode()),
    ("photo.png", "image/png", b"\x89PNG\r\n\x1a\n" + MARKER.encode()),
    ("huge.txt", "text/plain", (MARKER + " ").encode() * (2_500_000 // (len(MARKER) + 1)) + b"x" * (2_500_000 % (len(MARKER) + 1))),
]


@pytest.fixture(scope="module")
def sandbox():
    """A home and a temporary folder of the server's own, to check they stay empty."""
    folder = Path(tempfile.mkdtemp(prefix="upload-sandbox-"))
    (folder / "home").mkdir()
    (folder / "tmp").mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def app(sandbox):
    env = {"HOME": str(sandbox / "home"), "TMPDIR": str(sandbox / "tmp"), "CURATION_READONLY": ""}
    with server(env=env) as running:
        yield running


chromium = browser_tests.chromium  # one headless Chromium per module, as the other browser tests have it


def wait_until(check, timeout: float = 60, message: str = ""):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting: {message}")


def cells(page, index: int = 0) -> list[list[str]]:
    return [row for row in page.evaluate(CELLS_JS, index) if row]


def go_to(page, name: str, heading: str = "") -> None:
    """Switch page through the sidebar (the same session; a new address would start a new one)."""
    page.locator("[data-testid='stSidebarNavLink']", has_text=name).first.click()
    page.wait_for_selector(f"[data-testid='stMain'] h1:has-text('{heading or name}')", timeout=30_000)
    wait_idle(page)


def written_with_marker(roots: list[Path], since: float, skip: tuple[str, ...]) -> list[str]:
    """Files under `roots` changed since `since` whose bytes hold the marker."""
    found = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d != ".git" and not d.startswith(skip)]
            for name in files:
                path = Path(folder) / name
                try:
                    info = path.lstat()
                    if info.st_mtime < since or info.st_size > 50_000_000 or not path.is_file():
                        continue
                    if MARKER.encode() in path.read_bytes():
                        found.append(str(path))
                except OSError:
                    continue
    return found


@pytest.fixture(scope="module")
def uploaded(app, chromium):
    """One session that uploaded the mix: its page (left on the Upload page's status table), and when it started."""
    started = time.time()
    context = chromium.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{app.url}/Upload")
    wait_idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [{"name": name, "mimeType": kind, "buffer": data} for name, kind, data in FILES]
    )
    wait_until(lambda: len(cells(page)) == len(STATUS), message="the status table")
    wait_idle(page)
    yield page, started
    context.close()


def test_the_status_table_says_what_became_of_every_file(uploaded):
    page, _ = uploaded
    rows = {row[0]: row for row in cells(page)}
    assert set(rows) == set(STATUS)
    for name, (status, why) in STATUS.items():
        assert rows[name][1] == status, (name, rows[name])
        assert why in rows[name][4], (name, rows[name])
    assert rows["guatemala.html"][3] == "2019-07-26 (high)", "“on Friday” read against the page's metadata date"
    assert page.get_by_text("the bundled articles and 3 articles uploaded in one browser session").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_downloads_hold_the_merged_table_and_the_articles_as_front_matter_text(uploaded):
    page, _ = uploaded
    with page.expect_download() as table:
        page.get_by_role("button", name="Download the event table (CSV)").click()
    events = {row["event_id"]: row for row in csv.DictReader(io.StringIO(Path(table.value.path()).read_text(encoding="utf-8")))}
    assert "+up3." in table.value.suggested_filename
    guatemala = events["up_guatemala-0"]
    assert (guatemala["date"], guatemala["published_date"], guatemala["source"]) == ("2019-07-26", "2019-07-27", "The Isthmus Ledger")
    assert "published date from the page's metadata (2019-07-27)" in guatemala["date_method"]
    assert {"up_story-0", "up_honduras-0"} <= set(events) and any(not e.startswith("up_") for e in events), "merged with the bundled"
    with page.expect_download() as articles:
        page.get_by_role("button", name="Download your articles (zip)").click()
    archive = zipfile.ZipFile(Path(articles.value.path()))
    assert sorted(archive.namelist()) == ["articles/guatemala.txt", "articles/honduras.txt", "articles/story.txt"]
    assert "published: 2019-07-27" in archive.read("articles/guatemala.txt").decode()


def test_the_events_are_on_the_timeline_and_in_the_events_table_of_that_session(uploaded):
    page, _ = uploaded
    go_to(page, "Timeline")
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    drawn = wait_until(lambda: (ids := chart_event_ids(page)) and "up_guatemala-0" in ids and ids, message="uploaded events drawn")
    assert {"up_guatemala-0", "up_story-0", "up_honduras-0"} <= drawn
    assert any(not i.startswith("up_") for i in drawn), "beside the bundled events"
    assert "uploaded=3" in page.url
    go_to(page, "Events")
    wait_until(lambda: cells(page), message="the events table")
    with page.expect_download() as shown:  # the download holds exactly the rows of the table (hundreds of landmarks among them)
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(shown.value.path()).read_text(encoding="utf-8"))))
    titles = {row["title"] for row in rows if row["event_id"].startswith("up_")}
    assert "Guatemala signs asylum deal with the United States under tariff threat" in titles
    assert "Mexico sends National Guard to its southern border" in titles
    assert any(row["role"] == "landmark" for row in rows) and any(
        not row["event_id"].startswith("up_") and row["role"] != "landmark" for row in rows
    )
    go_to(page, "Upload", "Bring your own articles")


def test_another_browser_sees_none_of_it_and_a_shared_link_says_why(uploaded, app, chromium):
    page, _ = uploaded
    link = page.locator("[data-testid='stSidebar'] [data-testid='stCode']").first.inner_text().strip()
    assert "uploaded=3" in link
    other = chromium.new_context(viewport={"width": 1500, "height": 1100})
    try:
        second = other.new_page()
        second.goto(f"{app.url}/Timeline?uploaded=3&event=up_guatemala-0")
        wait_idle(second)
        second.wait_for_selector(CHART_DRAWN, timeout=30_000)
        ids = wait_until(lambda: chart_event_ids(second), message="the chart")
        assert not any(i.startswith("up_") for i in ids)
        notice = second.locator("[data-testid='stMain'] [role='alert']").first.inner_text()
        assert "their events belong to that session and are not on this server" in notice
        second.goto(f"{app.url}/Upload")
        wait_idle(second)
        assert second.get_by_role("heading", name="Your files").count() == 0
        assert wait_until(lambda: cells(second), message="the limits")[0][0] == "Article files per session", "only the limits table"
    finally:
        other.close()


def test_nothing_was_written_outside_the_session(uploaded, app, sandbox):
    _, started = uploaded
    changed = [str(p) for p in sandbox.rglob("*") if p.is_file() and p.stat().st_mtime >= started]
    assert changed == [], "the server's home and temporary folder are untouched"
    roots = [ROOT, sandbox, Path("/tmp"), Path("/var/tmp"), Path("/dev/shm")]
    assert written_with_marker(roots, started, ("playwright", "pytest-of-")) == []
    assert MARKER not in app.log()
