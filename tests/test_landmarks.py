"""Landmarks as date evidence: a match favours the landmark's days among those the text allows, never over them."""

import datetime as dt

import pytest

from loaders.articles import Article
from loaders.events import extract_article, read_article
from loaders.landmarks import MIN_SCORE, landmark_evidence, match_landmarks
from loaders.reading import LANDMARK_CONFLICT
from tests.conftest import read_cases

TODAY = dt.date(2026, 11, 24)
CASES = read_cases("landmarks.csv")


def _article(case: dict) -> Article:
    return Article("case", case["text"].replace("\\n", "\n"))


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_landmark_cases(matchers, case):
    article = _article(case)
    reading = read_article(article, matchers, today=TODAY)
    used = [e for e in reading.evidence if e.kind == "landmark"]
    matched = {m.landmark.landmark_id for m in _matches(matchers, article)}
    if case["landmark"]:
        assert case["landmark"] in matched and used
    elif "never overridden" not in case["case"]:
        assert not matched and not used
    row = extract_article(article, matchers, today=TODAY)
    assert (str(row["date"]) if row["date"] else "") == case["date"], row["date_method"]
    if case["confidence"]:
        assert row["date_confidence"] == case["confidence"], row["date_method"]
    if case["landmark"]:
        assert "matches landmark" in row["date_method"]


def _matches(matchers, article):
    reading = read_article(article, matchers, today=TODAY)
    places = {c.iso3 for c in reading.country_mentions} | set(reading.countries.parties)
    return match_landmarks(article.text, reading.layout, reading.officials, places, matchers.landmarks)


def test_without_landmarks_the_text_alone_dates_the_article(text_matchers):
    case = next(c for c in CASES if c["landmark"] == "nielsen_sanchez_cordero_miami_2019_03")
    row = extract_article(_article(case), text_matchers, today=TODAY)
    assert "matches landmark" not in row["date_method"]
    assert row["date"] != dt.date(2019, 3, 26) or row["date_confidence"] == "low"


def test_a_strong_landmark_that_disagrees_with_a_stated_date_is_a_review_reason(matchers):
    case = next(c for c in CASES if c["case"] == "a stated date is never overridden")
    row = extract_article(_article(case), matchers, today=TODAY)
    assert row["date"] == dt.date(2019, 3, 20)
    assert LANDMARK_CONFLICT in row["review_reasons"] and row["date_confidence"] == "low"


def test_every_match_earns_at_least_the_minimum_and_becomes_a_boost_naming_its_source(matchers):
    case = next(c for c in CASES if c["landmark"] == "nielsen_sanchez_cordero_miami_2019_03")
    found = _matches(matchers, _article(case))
    assert found and all(m.score >= MIN_SCORE for m in found)
    evidence = landmark_evidence(found)
    assert all(e.kind == "landmark" and e.offset == -1 and "http" in e.detail and e.weight >= 1.0 for e in evidence)
    assert [e.weight for e in evidence] == sorted((e.weight for e in evidence), reverse=True)
