"""Date resolution: placing partial dates against the article's own date, and whole small articles."""

import datetime as dt

import pytest

from loaders.anchors import place_month, place_month_day, place_month_day_on_weekday, place_weekday
from loaders.articles import Article
from loaders.events import extract_article
from tests.conftest import read_cases

TODAY = dt.date(2026, 11, 24)
WEEKDAYS = read_cases("weekdays.csv")
ARTICLES = read_cases("dates.csv")


@pytest.mark.parametrize("case", WEEKDAYS, ids=[c["why"] for c in WEEKDAYS])
def test_place_weekday(case):
    now = dt.date.fromisoformat(case["now"])
    assert place_weekday(int(case["weekday"]), now, case["tense"], case["modifier"]) == dt.date.fromisoformat(case["expected"])


@pytest.mark.parametrize(
    ("month", "day", "now", "tense", "expected"),
    [
        (6, 1, "2021-06-07", "past", "2021-06-01"),
        (12, 1, "2018-07-13", "future", "2018-12-01"),
        (12, 28, "2019-01-03", "past", "2018-12-28"),
        (1, 5, "2018-12-20", "future", "2019-01-05"),
    ],
)
def test_place_month_day(month, day, now, tense, expected):
    assert place_month_day(month, day, dt.date.fromisoformat(now), tense) == dt.date.fromisoformat(expected)


def test_a_weekday_beside_a_month_day_picks_the_year():
    # "Monday, December 6" seen from early December 2021 (Dec 6, 2020 was a Sunday)
    assert place_month_day_on_weekday(12, 6, 0, dt.date(2021, 12, 3), "future") == dt.date(2021, 12, 6)


def test_a_past_month_is_this_year_or_last():
    assert place_month(3, dt.date(2019, 4, 20), "past") == (dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    assert place_month(11, dt.date(2019, 4, 20), "past") == (dt.date(2018, 11, 1), dt.date(2018, 11, 30))


@pytest.mark.parametrize("case", ARTICLES, ids=[c["case"] for c in ARTICLES])
def test_small_articles(text_matchers, case):
    meta = {"published": dt.date.fromisoformat(case["published"])} if case["published"] else {}
    article = Article(article_id="case", text=case["text"].replace("\\n", "\n"), meta=meta)
    row = extract_article(article, text_matchers, today=TODAY)
    assert (str(row["date"]) if row["date"] else "") == case["date"], row["date_method"]
    assert row["date_confidence"] == case["confidence"], row["date_method"]
    assert row["date_precision"] == case["precision"]
    if row["date"]:
        assert row["date_earliest"] <= row["date"] <= row["date_latest"]
        assert row["date_evidence"], "a dated event names its evidence"
        for span, offset in zip(row["date_evidence"], row["date_evidence_offsets"], strict=True):
            assert offset < 0 or article.text[offset : offset + len(span)] == span


def test_no_date_is_never_made_up(matchers):
    row = extract_article(Article("x", "Talks\n\nOfficials keep talking about migration."), matchers, today=TODAY)
    assert row["date"] is None and row["date_precision"] == "" and "no date found for the event" in row["warnings"]
