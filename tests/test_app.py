"""The app in AppTest: every page runs, filters change what is shown, the URL is the view; plus the URL and reader rules."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from loaders import COLUMNS
from tests.conftest import CORPUS_DIR, ROOT, SEED_DIR
from ui import reader
from ui.cache import build_dataset, load_dataset
from ui.data import filter_events
from ui.page import TAP_SCRIPT, timeline_max_marks
from ui.view import COUNTED_CELL, Choices, View, narrowed, view_from_query, view_to_query

HOME = "dashboard.py"
TIMELINE, EVENTS, COUNTRIES, TYPES = "pages/10_Timeline.py", "pages/20_Events.py", "pages/30_Countries.py", "pages/40_Policy_types.py"
PAGES = [HOME, TIMELINE, EVENTS, COUNTRIES, TYPES]
SHARED = {"country": ["MEX", "GTM"], "type": "asylum", "from": "2019-01-01", "to": "2022-12-31", "conf": "medium", "undated": "0"}


@pytest.fixture(scope="module")
def dev():
    return build_dataset(CORPUS_DIR)


@pytest.fixture
def dev_corpus(monkeypatch):
    monkeypatch.setenv("ARTICLES_DIR", str(CORPUS_DIR))


def open_app(page: str, query: dict | None = None) -> AppTest:
    """The app on a page, as a browser would first open it (with an optional query string)."""
    at = AppTest.from_file(str(ROOT / HOME), default_timeout=60)
    at.query_params.update(query or {})
    if page != HOME:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def link_notices(at: AppTest) -> list[str]:
    """The text of the notices that say which parts of the link were not understood (escaped HTML alerts), unescaped."""
    return [html.unescape(h.value) for h in at.html if 'role="alert"' in h.value and "not understood" in h.value]


def spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def shown(at: AppTest, page: str) -> int:
    """How many events the page says it shows, read from what it drew."""
    if page == HOME:
        return int(re.match(r"(\d+) of \d+ events match", at.caption[0].value).group(1))
    if page == TIMELINE:
        return spec(at)["layout"]["meta"]["events"]
    if page == EVENTS:
        return int((at.dataframe[0].value["role"] != "landmark").sum())  # the article events (landmarks: test_app_landmarks)
    return sum(spec(at)["layout"]["meta"]["column_totals"].values())


def expected(dataset, view: View, page: str) -> int:
    events = filter_events(dataset.events, view)
    return int(events["date"].notna().sum()) if page == TIMELINE else len(events)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_the_seed_corpus(page):
    at = open_app(page)
    assert at.title, "every page has a title"
    assert shown(at, page) == expected(build_dataset(SEED_DIR), View(), page) > 0
    charts = {HOME: 0, TIMELINE: 1, EVENTS: 0, COUNTRIES: 2, TYPES: 2}[page]
    assert len(at.get("plotly_chart")) == charts


def test_home_reports_the_five_seed_events_and_the_load():
    at = open_app(HOME)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events"] == "5" and metrics["Articles"] == "5"
    assert at.main.subheader.values[-1] == "Load report"
    assert at.success[0].value.startswith("All 5 files were read")


@pytest.mark.parametrize("page", PAGES)
def test_a_filter_change_changes_the_number_shown(page, dev, dev_corpus):
    at = open_app(page)
    before = shown(at, page)
    assert before == expected(dev, View(), page)
    at.multiselect(key="w_country").set_value(["GTM"]).run()
    after = shown(at, page)
    assert after == expected(dev, View(countries=("GTM",)), page)
    assert after < before
    assert at.query_params["country"] == "GTM"


@pytest.mark.parametrize("page", PAGES)
def test_query_parameters_come_back_as_the_selected_filters(page, dev, dev_corpus):
    at = open_app(page, SHARED)
    assert at.multiselect(key="w_country").value == ["MEX", "GTM"]
    assert at.multiselect(key="w_type").value == ["asylum"]
    assert at.date_input(key="w_from").value == dt.date(2019, 1, 1)
    assert at.date_input(key="w_to").value == dt.date(2022, 12, 31)
    assert at.segmented_control(key="w_conf").value == "medium"
    assert at.toggle(key="w_undated").value is False
    assert not at.warning and not link_notices(at)
    view = View(dt.date(2019, 1, 1), dt.date(2022, 12, 31), (), ("MEX", "GTM"), ("asylum",), "medium", undated=False)
    assert shown(at, page) == expected(dev, view, page)
    assert at.query_params == SHARED | {"type": "asylum"}


def test_timeline_lanes_colour_and_event_come_from_the_url(dev, dev_corpus):
    event_id = sorted(dev.events.loc[dev.events["date"].notna(), "event_id"])[0]
    at = open_app(TIMELINE, {"lanes": "policy_type", "colour": "administration", "event": event_id})
    assert at.segmented_control(key="w_lanes").value == "policy_type"
    assert at.segmented_control(key="w_colour").value == "administration"
    figure = spec(at)
    assert "by policy type" in figure["layout"]["title"]["text"]  # the title names the lanes (no axis title: a phone's width)
    events = [t for t in figure["data"] if t.get("customdata") and not (t.get("meta") or {}).get("layer")]  # not the landmarks
    assert {t["name"] for t in events} <= {"Trump (1st term)", "Biden", "Undated"}
    title = dev.events.set_index("event_id").loc[event_id, "title"]
    assert any(reader.html.escape(title) in h.value for h in at.html)
    at.button(key=f"close_{event_id}").click().run()
    assert "event" not in at.query_params


def test_a_timeline_of_more_marks_than_can_be_read_counts_them_and_still_lists_each(dev, dev_corpus, monkeypatch):
    monkeypatch.setenv("TIMELINE_MAX_MARKS", "10")  # the development corpus draws far more than 10 marks
    at = open_app(TIMELINE)
    figure = spec(at)
    (counts,) = [t for t in figure["data"] if t["type"] == "heatmap"]
    (cells,) = [t for t in figure["data"] if t.get("name") == "events a month, to click"]
    assert {row[0] for row in cells["customdata"]} == {COUNTED_CELL} and counts["hoverinfo"] == "skip"
    marks = [t for t in figure["data"] if t.get("customdata") and not (t.get("meta") or {}).get("layer") and t is not cells]
    assert not marks, "no event marks"
    shown_events = figure["layout"]["meta"]["events"]
    assert "counted per month" in figure["layout"]["title"]["text"] and f"The chart counts {shown_events:,} events" in at.caption[0].value
    assert "Click a cell to narrow the dates to its month" in at.caption[0].value
    listed = at.dataframe[0].value
    assert len(listed) == shown_events, "the list under the chart names every event counted"


@pytest.mark.parametrize(("setting", "marks"), [("12", 12), ("", 2_500), (" 40 ", 40), ("lots", 2_500), ("-5", 2_500)])
def test_the_marks_drawn_before_counting_are_a_setting(monkeypatch, setting, marks):
    from ui import charts

    monkeypatch.setenv("TIMELINE_MAX_MARKS", setting)
    assert timeline_max_marks() == marks and charts.DENSE_MARKS == 2_500


def test_the_camera_button_saves_a_named_png_or_svg(dev_corpus):
    at = open_app(TIMELINE, {"country": "MEX"})
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["toImageButtonOptions"]["filename"].startswith("timeline_by-country_20180101-20241231_MEX_")
    at.segmented_control(key="w_image_format").set_value("svg").run()
    assert json.loads(at.get("plotly_chart")[0].proto.config)["toImageButtonOptions"]["format"] == "svg"


def test_invalid_parameters_fall_back_with_a_notice(dev_corpus):
    at = open_app(TIMELINE, {"country": ["XXX", "MEX"], "from": "2019-13-45", "lanes": "diagonal", "conf": "sure", "foo": "1"})
    (notice,) = link_notices(at)
    for words in ("country='XXX'", "from='2019-13-45'", "lanes='diagonal'", "conf='sure'", "'foo'"):
        assert words in notice
    assert at.multiselect(key="w_country").value == ["MEX"]
    assert at.date_input(key="w_from").value == View().start_date
    assert at.query_params == {"country": "MEX"}


def test_the_view_survives_page_switches(dev_corpus):
    at = open_app(TIMELINE)
    at.multiselect(key="w_type").set_value(["pressure"]).run()
    at.segmented_control(key="w_lanes").set_value("administration").run()
    for page in (EVENTS, COUNTRIES, TYPES, HOME, TIMELINE):
        at.switch_page(page).run()
        assert not at.exception
        assert at.multiselect(key="w_type").value == ["pressure"], page
        assert at.query_params == {"type": "pressure", "lanes": "administration"}, page
    assert at.segmented_control(key="w_lanes").value == "administration"


@pytest.mark.parametrize("page", PAGES)
def test_an_empty_or_missing_corpus_is_explained(page, tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    at = open_app(page)
    if page == HOME:
        assert at.metric[0].value == "0"
    else:
        assert "no readable articles" in at.info[0].value
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path / "missing"))
    assert "does not exist" in open_app(page).error[0].value


def test_empty_results_explain_themselves(dev_corpus):
    for page in PAGES[1:]:
        at = open_app(page, {"q": "zzzz-no-such-words"})
        assert not at.get("plotly_chart") and not at.dataframe
        assert "No events match these filters" in at.info[0].value


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple[str, bytes]]:
    """What each download button of a run would save, by its URL: (file name, bytes), caught as Streamlit stores them."""
    saved = {}
    store = MemoryMediaFileStorage.load_and_get_id

    def keep(self, data, mimetype, kind, filename=None):
        file_id = store(self, data, mimetype, kind, filename)
        saved[self.get_url(file_id)] = (filename, data)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return saved


def test_events_downloads_hold_exactly_the_rows_shown_and_carry_their_citation(dev, dev_corpus, downloads):
    at = open_app(EVENTS, {"country": "HND"})
    shown = filter_events(dev.events, View(countries=("HND",)))
    assert (at.dataframe[0].value["role"] != "landmark").sum() == len(shown)
    files = {button.label: downloads[button.proto.url] for button in at.download_button}
    assert list(files) == ["Download CSV", "Download JSON", "Download citation"]
    (csv_name, csv_data), (json_name, json_data), (txt_name, txt_data) = files.values()
    stem = f"events_20180101-20241231_HND_{dev.corpus.version}"
    assert (csv_name, json_name, txt_name) == (f"{stem}.csv", f"{stem}.json", f"{stem}_citation.txt")
    table = pd.read_csv(io.BytesIO(csv_data))
    articles = table[table["role"] != "landmark"]
    assert list(table.columns) == [*COLUMNS, "landmark_id"] and list(articles["event_id"]) == list(shown["event_id"]), "a plain table"
    payload = json.loads(json_data)
    assert [e["event_id"] for e in payload["events"]] == list(table["event_id"])
    citation = payload["citation"]
    assert citation["data_version"] == dev.corpus.version and "Honduras" in citation["filters"]
    assert citation["events"] == len(shown) and set(shown["article_id"]) <= set(citation["article_ids"])
    assert citation["view"].endswith(f"?country=HND#data-version={dev.corpus.version}"), "the view's link with its data version"
    text = txt_data.decode()
    for words in (f"Data version: {dev.corpus.version}", "Filters: 01 Jan 2018 – 31 Dec 2024 · Honduras", f"{csv_name}, {json_name}"):
        assert words in text
    assert ", ".join(citation["article_ids"]) in text
    assert any(text.rstrip() in c.value for c in at.code), "the page shows the citation too"


def test_no_cell_of_the_events_csv_starts_like_a_formula(tmp_path, monkeypatch, downloads):
    from tests.test_cli import FORMULAS, formula_folder

    monkeypatch.setenv("ARTICLES_DIR", str(formula_folder(tmp_path)))
    monkeypatch.setenv("CURATION_PATH", str(tmp_path / "curation.csv"))
    at = open_app(EVENTS)
    _, csv_data = next(downloads[b.proto.url] for b in at.download_button if b.label == "Download CSV")
    cells = [cell for row in csv.reader(io.StringIO(csv_data.decode())) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert {f"'{title}" for title in FORMULAS.values()} <= set(cells)


@pytest.mark.parametrize(("page", "charts"), [(TIMELINE, 1), (COUNTRIES, 2), (TYPES, 2)])
def test_every_figure_cites_filters_version_and_sources(page, charts, dev, dev_corpus):
    at = open_app(page, {"country": "HND"})
    shown = filter_events(dev.events, View(countries=("HND",)))
    for index in range(charts):
        (text,) = [a["text"] for a in spec(at, index)["layout"]["annotations"] if a.get("name") == "citation"]
        line = html.unescape(text.replace("<br>", " "))
        assert f"data version {dev.corpus.version}" in line and "Honduras" in line
        drawn = shown[shown["date"].notna()] if page == TIMELINE else shown
        articles = set(drawn["article_id"]) | {a for ids in drawn["source_articles"] for a in ids}
        assert f"{len(drawn)} events from {len(articles)} articles" in line, "it cites exactly the events drawn"


HOSTILE = """---
title: "Border deal <script>alert(1)</script>"
published: 2019-06-07
source: Test Wire
url: "javascript:alert(1)"
---
WASHINGTON, June 7, 2019 — Mexico and the United States signed a migration agreement on Friday, officials said.
The deal :red[matters] for $x^2$ reasons <img src=x onerror=alert(1)> and more.
"""


def test_article_text_is_always_escaped(tmp_path, monkeypatch):
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    event_id = build_dataset(tmp_path).events["event_id"].iloc[0]
    at = open_app(TIMELINE, {"event": event_id, "from": "2018-01-01"})
    rendered = " ".join(h.value for h in at.html if h.value != TAP_SCRIPT)  # but the app's own fixed script
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "&lt;script&gt;" in rendered
    assert "<img" not in rendered and "<script" not in rendered
    assert ":red[matters]" in rendered and "$x^2$" in rendered
    assert not at.link_button, "a javascript: URL is never a link"


@pytest.mark.parametrize(
    ("query", "view"),
    [
        ({}, View()),
        ({"country": ["MEX", "GTM"]}, View(countries=("MEX", "GTM"))),
        ({"from": "2019-01-01", "to": "2019-12-31"}, View(start_date=dt.date(2019, 1, 1), end_date=dt.date(2019, 12, 31))),
        ({"q": "tariff", "undated": "0", "conf": "high"}, View(search="tariff", undated=False, min_confidence="high")),
        ({"mentioned": "1"}, View(mentioned=True)),
        (
            {"lanes": "administration", "colour": "administration", "event": "e1"},
            View(lanes="administration", colour="administration", event_id="e1"),
        ),
    ],
)
def test_url_round_trip(query, view):
    choices = Choices(countries=("USA", "MEX", "GTM"), policy_types=("asylum",), event_ids=frozenset({"e1"}))
    assert view_from_query(query, choices) == (view, [])
    assert view_to_query(view) == {k: v if isinstance(v, list) else [v] for k, v in query.items()}


@pytest.mark.parametrize(
    ("query", "field", "value", "notice"),
    [
        ({"from": "yesterday"}, "start_date", View().start_date, "not a date"),
        ({"from": "1990-01-01"}, "start_date", dt.date(2000, 1, 1), "outside"),
        ({"from": "2024-01-01", "to": "2019-01-01"}, "start_date", dt.date(2019, 1, 1), "swapped"),
        ({"country": ["MEX", "ATL"]}, "countries", ("MEX",), "not a known country"),
        ({"undated": "maybe"}, "undated", True, "0 or 1"),
        ({"event": "nope"}, "event_id", "", "not a known selected event"),
        ({"zoom": "3"}, "lanes", "country", "unknown parameter"),
    ],
)
def test_url_fallbacks(query, field, value, notice):
    view, notices = view_from_query(query, Choices(countries=("MEX",)))
    assert getattr(view, field) == value
    assert len(notices) == 1 and notice in notices[0]


@pytest.mark.parametrize(
    ("name", "key", "changes"),
    [
        ("country", "MEX", {"countries": ("MEX",)}),
        ("policy_type", "asylum", {"policy_types": ("asylum",)}),
        ("administration", "biden", {"administrations": ("biden",)}),
        ("year", "2019", {"start_date": dt.date(2019, 1, 1), "end_date": dt.date(2019, 12, 31)}),
        ("year", "Undated", {"undated": True}),
        ("country", "", {}),
    ],
)
def test_a_clicked_dot_narrows_the_filters_to_its_keys(name, key, changes):
    assert narrowed(name, key) == changes


@pytest.mark.parametrize(
    ("text", "evidence", "offsets", "spans"),
    [
        ("on Tuesday we met", ["Tuesday"], [3], [(3, 10)]),
        ("on Tuesday we met", ["Tuesday"], [0], [(3, 10)]),
        ("on Tuesday we met", ["Friday"], [3], []),
        ("June 7 and June 7", ["June 7", "June 7"], [11, 0], [(0, 6), (11, 17)]),
    ],
)
def test_evidence_spans_are_found_at_their_offsets_or_in_the_text(text, evidence, offsets, spans):
    assert reader.locate_spans(text, evidence, offsets) == spans


def test_marked_text_is_escaped_around_and_inside_marks():
    marked = reader.mark_html("<b>On</b> Tuesday & <i>then</i>", [(10, 17)])
    assert marked == f"&lt;b&gt;On&lt;/b&gt; {reader.MARK}Tuesday</mark> &amp; &lt;i&gt;then&lt;/i&gt;"


def test_dataset_is_cached_per_data_version(tmp_path, monkeypatch):
    for path in SEED_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    first = load_dataset()
    assert load_dataset() is first
    extra = CORPUS_DIR / "dev_005.txt"  # an article with one event and nothing it only mentions
    shutil.copy(extra, tmp_path / extra.name)
    second = load_dataset()
    assert second is not first and len(second.events) == len(first.events) + 1
