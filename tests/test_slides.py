"""Presenter mode's stepping, pure: the deck is the dated events in date order, a step lands on the deck, a slide is
escaped HTML with the event's date, title, parties and evidence sentence."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import CORPUS_DIR
from tests.test_charts import make_event, make_events, timeline, traces
from ui import slides
from ui.cache import build_dataset
from ui.data import filter_events
from ui.style import build_style
from ui.view import View

DECK = slides.Deck(("a", "b", "c"))


def frame(rows: list[tuple[str, str | None, str | None]]) -> pd.DataFrame:
    """Events with an id, a date and an earliest possible date (None for undated)."""
    return pd.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "date": pd.to_datetime([r[1] for r in rows]),
            "date_earliest": pd.to_datetime([r[2] for r in rows]),
        }
    )


def test_the_deck_is_the_dated_events_in_date_order():
    events = frame(
        [
            ("late", "2021-05-01", "2021-05-01"),
            ("undated", None, None),
            ("b-same-day", "2019-06-07", "2019-06-07"),
            ("a-same-day", "2019-06-07", "2019-06-07"),
            ("wide-window", "2019-06-07", "2019-06-01"),
        ]
    )
    deck = slides.build_deck(events)
    assert deck.event_ids == ("wide-window", "a-same-day", "b-same-day", "late")
    assert deck.undated == 1 and len(deck) == 4


@pytest.mark.parametrize(
    ("step", "shown", "event_id", "previous", "following"),
    [
        (1, 1, "a", None, 2),
        (2, 2, "b", 1, 3),
        (3, 3, "c", 2, None),
        (4, 3, "c", 2, None),  # past the end: the last slide
        (0, 1, "a", None, 2),
        (-5, 1, "a", None, 2),
    ],
)
def test_a_step_lands_on_the_deck(step, shown, event_id, previous, following):
    assert slides.position(DECK, step) == slides.Position(shown, event_id, previous, following)


def test_an_empty_deck_has_no_position_and_one_slide_has_no_neighbours():
    assert slides.position(slides.Deck(()), 1) is None
    assert slides.position(slides.Deck(("only",)), 1) == slides.Position(1, "only", None, None)


def test_the_step_of_an_event():
    assert [slides.step_of(DECK, e) for e in ("a", "c", "zz")] == [1, 3, None]


def test_the_deck_of_the_dev_corpus_follows_the_filters():
    dev = build_dataset(CORPUS_DIR)
    shown = filter_events(dev.events, View(countries=("GTM",)))
    deck = slides.build_deck(shown)
    assert set(deck.event_ids) == set(shown.loc[shown["date"].notna(), "event_id"])
    dates = dev.events.set_index("event_id").loc[list(deck.event_ids), "date"]
    assert dates.is_monotonic_increasing


def event(**changes) -> dict:
    base = {
        "event_id": "hostile-0",
        "article_id": "hostile",
        "title": "Deal <script>alert(1)</script> :red[signed] $x^2$",
        "date": pd.Timestamp("2019-06-07"),
        "date_earliest": pd.Timestamp("2019-06-07"),
        "date_latest": pd.Timestamp("2019-06-07"),
        "date_precision": "day",
        "date_confidence": "high",
        "countries": ["MEX", "USA"],
        "policy_types": ["asylum"],
        "event_sentence": "They signed <img src=x onerror=alert(1)> on Friday.",
        "summary": "A summary.",
        "source": "Wire",
        "published_date": pd.Timestamp("2019-06-08"),
    }
    return base | changes


@pytest.fixture(scope="module")
def style(reference):
    return build_style(reference)


def test_a_slide_says_date_title_parties_and_evidence(style):
    facts = slides.slide_facts(event(), style)
    assert facts["date"] == "7 Jun 2019 · dated to the day · high confidence"
    assert facts["parties"] == "Mexico, United States"
    assert facts["sentence"] == "They signed <img src=x onerror=alert(1)> on Friday."
    assert facts["source"] == "Wire, published 08 Jun 2019 · article hostile"
    assert slides.slide_facts(event(event_sentence="", countries=[]), style)["sentence"] == "A summary."


def test_a_slide_is_escaped_html(style):
    markup = slides.slide_html(slides.slide_facts(event(), style), 2, 9)
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; :red[signed] $x^2$" in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert 'data-step="2"' in markup and "event 2 of 9" in markup


def test_a_huge_title_is_cut_on_the_slide(style):
    facts = slides.slide_facts(event(title="word " * 2000), style)
    assert len(facts["title"]) == slides.MAX_TITLE and facts["title"].endswith("…")


def test_a_presenter_timeline_is_larger_and_marks_the_day_shown(style):
    events = make_events(make_event("a", "2019-06-07"), make_event("b", "2020-06-07"), make_event("m", "2019-07-01", precision="month"))
    plain = timeline(events, style, selected="b", lanes="administration")
    sizes = {t.name: list(t.marker.size) for t in traces(plain, "scatter")}
    big = slides.presenter_figure(timeline(events, style, selected="b", lanes="administration"), pd.Timestamp("2020-06-07"), scale=2)
    assert {t.name: list(t.marker.size) for t in traces(big, "scatter")} == {n: [s * 2 for s in size] for n, size in sizes.items()}
    (point,) = traces(big, "scatter")
    assert point.selectedpoints == (1,) and point.selected.marker.size > max(point.marker.size), "the event shown grows once more"
    assert big.layout.font.size == 2 * plain.layout.font.size and big.layout.title.font.size == 2 * plain.layout.title.font.size
    assert big.layout.xaxis.tickfont.size == big.layout.yaxis.tickfont.size == 26
    assert big.layout.height == slides.PRESENTER_HEIGHT
    (line,) = [s for s in big.layout.shapes if s.name == "presented"]
    assert (line.type, line.x0, line.x1, line.yref) == ("line", "2020-06-07", "2020-06-07", "paper")
