"""Other dated events an article mentions become their own rows, linked to the article."""

import datetime as dt

from loaders.articles import Article
from loaders.events import extract_events

TODAY = dt.date(2026, 11, 24)
TEXT = """Ministers meet in Guatemala

July 10, 2018

U.S. officials met Central American ministers in Guatemala on Tuesday to discuss border security.

At the June 28 meeting, Vice President Mike Pence asked the presidents of Guatemala, Honduras and El Salvador to do more to stop migration.

In March, the two governments signed a memorandum on intelligence sharing, Homeland Security Secretary Kirstjen Nielsen recalled.

The ministers will meet again in August at a conference in Washington.
"""


def _events(matchers, text=TEXT):
    return extract_events(Article("ref", text), matchers, today=TODAY)


def test_referenced_events_get_their_own_dated_rows(matchers):
    primary, *referenced = _events(matchers)
    assert primary["role"] == "primary" and str(primary["date"]) == "2018-07-10"
    by_day = {str(r["date"]): r for r in referenced}
    june = by_day["2018-06-28"]
    assert june["role"] == "referenced" and june["date_precision"] == "day"
    assert june["parent_event_id"] == primary["event_id"] and june["article_id"] == "ref"
    assert june["event_sentence"].startswith("At the June 28 meeting")
    assert {"USA", "GTM", "HND", "SLV"} <= set(june["countries"])
    march = next(r for r in referenced if r["date_precision"] == "month")
    assert (str(march["date_earliest"]), str(march["date_latest"])) == ("2018-03-01", "2018-03-31")
    assert "intelligence" in march["policy_types"]


def test_future_plans_and_the_main_event_are_not_referenced_events(matchers):
    _, *referenced = _events(matchers)
    assert all(r["date"].month != 8 for r in referenced)
    assert all(str(r["date"]) != "2018-07-10" for r in referenced)
    assert len({r["event_id"] for r in referenced}) == len(referenced)


def test_an_article_without_a_date_has_no_referenced_events(matchers):
    events = _events(matchers, "Talks\n\nIn March, the two governments signed a memorandum, officials in Mexico said.")
    assert [e["role"] for e in events] == ["primary"]


def test_a_background_date_passed_over_for_the_main_event_is_a_referenced_event(matchers):
    text = """---
published: 2019-07-12
---
WASHINGTON —

Trade deal signed

On June 1, 2019, Trump announced tariffs on Mexican goods. On Friday, the two governments signed a deal to end the threat.
"""
    primary, *referenced = _events(matchers, text)
    assert str(primary["date"]) != "2019-06-01", "a date more than a week older than the article is background"
    assert [str(r["date"]) for r in referenced] == ["2019-06-01"], "and the background event keeps its own row"
