"""Provenance: an article's events link both ways (its main event and the events it mentions), and a merged event shows
every source article; as pure lookups on the event table and in the reader (AppTest)."""

from __future__ import annotations

import shutil

import pytest

from loaders import find_event
from tests.conftest import CASES, SEED_DIR
from tests.test_app import open_app
from ui.cache import build_dataset
from ui.provenance import mentioned_events, parent_event, source_articles

MAIN = "001_a3d27affe04262f3-0"
MENTIONED = ["001_a3d27affe04262f3-r3", "001_a3d27affe04262f3-r1", "001_a3d27affe04262f3-r2", "001_a3d27affe04262f3-r4"]
MERGED_PAIR = ("000_95cf9caf70308b62-r2", "000_95cf9caf70308b62-r1")  # one meeting, mentioned twice in one article


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("provenance")
    for path in [*SEED_DIR.glob("*.txt"), *(CASES / "merge").glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def events(folder):
    return build_dataset(folder).events


@pytest.fixture
def app(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLES_DIR", str(folder))
    monkeypatch.setenv("CURATION_PATH", str(tmp_path / "curation.csv"))

    return lambda query: open_app("pages/10_Timeline.py", query)


def row(events, event_id: str):
    return events.set_index("event_id").loc[event_id].to_dict() | {"event_id": event_id}


def test_a_main_event_lists_the_events_its_article_mentions_in_date_order(events):
    assert list(mentioned_events(events, row(events, MAIN))["event_id"]) == MENTIONED


def test_a_mentioned_event_leads_back_to_its_main_event_and_mentions_nothing(events):
    mentioned = row(events, MENTIONED[0])
    assert parent_event(events, mentioned)["event_id"] == MAIN
    assert mentioned_events(events, mentioned).empty
    assert parent_event(events, row(events, MAIN)) is None


def test_two_mentions_of_one_event_are_listed_once(events):
    kept, merged_away = MERGED_PAIR
    listed = list(mentioned_events(events, row(events, "000_95cf9caf70308b62-0"))["event_id"])
    assert kept in listed and merged_away not in listed
    assert find_event(events, merged_away)["event_id"] == kept


def test_a_merged_event_names_every_source_article_its_own_first(events):
    assert source_articles(row(events, "pact_a-0")) == ["pact_a", "pact_b"]
    assert find_event(events, "pact_b-0")["event_id"] == "pact_a-0"
    assert find_event(events, "") is None and find_event(events, "nope") is None


def test_the_reader_opens_a_mentioned_event_and_goes_back_to_its_main_event(app):
    at = app({"event": MAIN, "mentioned": "1"})
    assert any("Other events this article mentions (4)" in m.value for m in at.markdown)
    at.button(key=f"mention_{MAIN}_{MENTIONED[1]}").click().run()
    assert at.query_params["event"] == MENTIONED[1]
    assert any("Mentioned in the article whose main event is" in h.value for h in at.html)
    at.button(key=f"parent_{MENTIONED[1]}").click().run()
    assert at.query_params["event"] == MAIN


def test_a_mentioned_event_outside_the_filters_says_how_to_see_it(app):
    at = app({"event": MENTIONED[0]})
    assert any("Include events the articles only mention" in c.value for c in at.caption)


def test_the_reader_shows_each_source_of_a_merged_event(app):
    at = app({"event": "pact_a-0"})
    assert [t.label for t in at.tabs] == ["`pact_a` (evidence highlighted)", "`pact_b`"], "article ids as code: never read as markdown"
    details = " ".join(h.value for h in at.html)
    assert "2 articles: pact_a, pact_b" in details and "merged with pact_b-0" in details
    assert any("firmaron este viernes" in h.value for h in at.html), "the other report's text is shown"
