"""Several articles reporting one event become one event with several sources; curation can split it."""

import shutil

import pytest

from loaders import build_corpus, main_event
from loaders.merge import same_event, similarity
from tests.conftest import CASES

MERGE_CASES = CASES / "merge"


@pytest.fixture
def folder(tmp_path):
    for path in MERGE_CASES.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_two_reports_of_one_signing_are_merged(folder, tmp_path):
    events = build_corpus(folder, curation=tmp_path / "none.csv").events
    pact = main_event(events, "pact_a")
    assert pact["event_id"] == main_event(events, "pact_b")["event_id"]
    assert pact["n_sources"] == 2 and set(pact["source_articles"]) == {"pact_a", "pact_b"}
    assert str(pact["date"].date()) == "2019-07-26"
    assert "merged with" in pact["merge_note"] and pact["merge_similarity"] >= 0.45


def test_a_different_event_is_not_merged(folder, tmp_path):
    events = build_corpus(folder, curation=tmp_path / "none.csv").events
    other = main_event(events, "other_day")
    assert other["n_sources"] == 1 and other["merge_note"] == ""


def test_curation_splits_a_merge(folder, tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text(
        "target_id,field,value,note,timestamp\npact_a-0,split,pact_b-0,not the same,2026-11-24T10:00:00Z\n", encoding="utf-8"
    )
    events = build_corpus(folder, curation=curation).events
    assert main_event(events, "pact_a")["event_id"] != main_event(events, "pact_b")["event_id"]
    assert main_event(events, "pact_a")["n_sources"] == 1


def test_curation_merges_two_events(folder, tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text("target_id,field,value,note,timestamp\nother_day-0,merge,pact_a-0,,\n", encoding="utf-8")
    events = build_corpus(folder, curation=curation).events
    assert main_event(events, "other_day")["event_id"] == main_event(events, "pact_a")["event_id"]


def _row(**values):
    base = {
        "event_id": "a-0", "article_id": "a", "role": "primary", "title": "Guatemala signs asylum pact", "summary": "",
        "date": None, "date_earliest": None, "date_latest": None, "date_precision": "day",
        "countries": ["USA", "GTM"], "policy_types": ["asylum"],
    }  # fmt: skip
    return {**base, **values}


def test_the_rule_needs_dates_that_agree_and_a_shared_party():
    import datetime as dt

    day = dt.date(2019, 7, 26)
    a = _row(date=day, date_earliest=day, date_latest=day)
    b = _row(event_id="b-0", article_id="b", date=day + dt.timedelta(days=1), date_earliest=day, date_latest=day + dt.timedelta(days=1))
    assert same_event(a, b) == similarity(a, b)
    far = _row(
        event_id="c-0",
        article_id="c",
        date=day + dt.timedelta(days=3),
        date_earliest=day + dt.timedelta(days=3),
        date_latest=day + dt.timedelta(days=3),
    )
    assert same_event(a, far) is None
    other_country = _row(event_id="d-0", article_id="d", date=day, date_earliest=day, date_latest=day, countries=["USA", "HND"])
    assert same_event(a, other_country) is None


def test_an_event_joins_the_most_certain_group_it_matches_whatever_the_row_order():
    import datetime as dt

    from loaders.merge import _cluster

    day = dt.date(2019, 7, 26)

    def on(offset: int, **values):  # dated to a day, the evidence allowing a day either side
        when = day + dt.timedelta(days=offset)
        return _row(date=when, date_earliest=when - dt.timedelta(days=1), date_latest=when + dt.timedelta(days=1), **values)

    sure = on(0, event_id="z-0", article_id="z", date_confidence="high")
    likely = on(2, event_id="a-0", article_id="a", date_confidence="medium")  # two days from `sure`: its own group
    between = on(1, event_id="m-0", article_id="m", date_confidence="low")  # a day from each: matches both leaders
    for rows in ([likely, sure, between], [sure, likely, between], [between, likely, sure]):
        clusters, _ = _cluster(rows, set(), [])
        groups = {frozenset(rows[i]["event_id"] for i in cluster) for cluster in clusters}
        assert groups == {frozenset({"z-0", "m-0"}), frozenset({"a-0"})}, [r["event_id"] for r in rows]
