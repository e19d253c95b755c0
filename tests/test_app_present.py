"""Presenter mode in AppTest: a link with present=1 and step=N opens that slide on any page, next and previous move the
step in the URL, the sidebar toggle turns it on and Exit turns it off, the filters choose the slides."""

from __future__ import annotations

import html
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests import test_app as app_tests
from tests.test_app import COUNTRIES, EVENTS, HOME, TIMELINE, TYPES, link_notices, open_app
from ui import charts, slides
from ui.citation import FIGURE_CHARS
from ui.data import filter_events
from ui.view import View

COMPARE, REVIEW = "pages/50_Compare.py", "pages/60_Review.py"

# tests/test_app.py's fixtures: the dev corpus as a dataset, and as the app's article folder.
dev, dev_corpus = app_tests.dev, app_tests.dev_corpus


def deck(dataset, view: View | None = None) -> slides.Deck:
    return slides.build_deck(filter_events(dataset.events, view or View()))


def slide(at: AppTest) -> str:
    """The slide's HTML."""
    (markup,) = [h.value for h in at.html if 'class="slide"' in h.value]
    return markup


def highlighted(at: AppTest) -> set[str]:
    """The event ids the timeline draws as selected."""
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {trace["customdata"][i][0] for trace in figure["data"] for i in trace.get("selectedpoints") or []}


def shows(at: AppTest, dataset, event_id: str, step: int, total: int) -> None:
    """The slide and the timeline show this event as this step of `total`."""
    event = dataset.events.set_index("event_id").loc[event_id]
    markup = slide(at)
    assert f'data-step="{step}"' in markup and f"event {step} of {total}" in markup
    assert html.escape(event["title"]) in markup
    assert html.escape(charts.describe_date(event.to_dict() | {"event_id": event_id})) in markup
    assert html.escape(event["event_sentence"]) in markup
    assert highlighted(at) == {event_id}


def test_a_link_opens_the_slide_of_its_step(dev, dev_corpus):
    cards = deck(dev)
    at = open_app(TIMELINE, {"present": "1", "step": "3"})
    shows(at, dev, cards.event_ids[2], 3, len(cards))
    assert not at.title and not at.sidebar.children, "no page body, no sidebar"
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["height"] > slides.PRESENTER_HEIGHT, "the projector height plus the citation"
    assert [s["name"] for s in figure["layout"]["shapes"] if s.get("name") == "presented"] == ["presented"]
    assert any('data-testid="stSidebar"' in h.value and "display: none" in h.value for h in at.html), "the chrome is hidden"


def test_next_and_previous_move_the_step_in_the_url(dev, dev_corpus):
    cards = deck(dev)
    at = open_app(TIMELINE, {"present": "1"})
    assert at.button(key="present_previous").disabled and not at.button(key="present_next").disabled
    at.button(key="present_next").click().run()
    assert at.query_params == {"present": "1", "step": "2"}
    shows(at, dev, cards.event_ids[1], 2, len(cards))
    at.button(key="present_next").click().run()
    at.button(key="present_previous").click().run()
    assert at.query_params["step"] == "2"
    at.query_params["step"] = str(len(cards))
    at.run()
    assert at.button(key="present_next").disabled
    shows(at, dev, cards.event_ids[-1], len(cards), len(cards))


def test_the_sidebar_toggle_turns_it_on_and_exit_turns_it_off(dev, dev_corpus):
    at = open_app(TIMELINE, {"country": "GTM"})
    at.toggle(key="w_present").set_value(True).run()
    assert at.query_params == {"country": "GTM", "present": "1"}
    shows(at, dev, deck(dev, View(countries=("GTM",))).event_ids[0], 1, len(deck(dev, View(countries=("GTM",)))))
    at.button(key="present_next").click().run()
    at.button(key="present_exit").click().run()
    assert at.query_params == {"country": "GTM"}, "the filters stay, the presenter parameters go"
    assert at.title[0].value == "Timeline" and at.toggle(key="w_present").value is False


@pytest.mark.parametrize("page", [HOME, EVENTS, COUNTRIES, TYPES, COMPARE, REVIEW])
def test_every_page_presents(page, dev, dev_corpus):
    at = open_app(page, {"present": "1", "step": "2", "type": "asylum"})
    cards = deck(dev, View(policy_types=("asylum",)))
    shows(at, dev, cards.event_ids[1], 2, len(cards))


def test_a_step_past_the_end_shows_the_last_and_says_so(dev, dev_corpus):
    cards = deck(dev, View(countries=("HND",)))
    at = open_app(TIMELINE, {"present": "1", "country": "HND", "step": "999"})
    shows(at, dev, cards.event_ids[-1], len(cards), len(cards))
    assert any(f"Step 999 is past the last of the {len(cards)} events" in html.unescape(h.value) for h in at.html)
    assert at.query_params["step"] == str(len(cards)), "the URL says the slide shown"


def test_bad_presenter_parameters_fall_back_with_a_notice(dev, dev_corpus):
    at = open_app(TIMELINE, {"present": "1", "step": "two"})
    shows(at, dev, deck(dev).event_ids[0], 1, len(deck(dev)))
    (notice,) = link_notices(at)
    assert "step='two' is not a presenter step" in notice


def test_with_nothing_dated_to_present_the_slide_says_so(dev_corpus):
    at = open_app(TIMELINE, {"present": "1", "q": "zzzz-no-such-words"})
    assert "nothing to present" in at.info[0].value
    assert at.button(key="present_next").disabled and not at.button(key="present_exit").disabled


def test_embed_parameters_are_the_embedder_s_not_the_view_s(dev, dev_corpus):
    at = open_app(TIMELINE, {"present": "1", "step": "2", "embed": "true", "embed_options": "show_toolbar"})
    assert not link_notices(at)
    at.button(key="present_next").click().run()
    assert at.query_params == {"present": "1", "step": "3", "embed": "true", "embed_options": "show_toolbar"}


def test_the_slide_s_chart_cites_its_events_and_is_saved_under_its_step(dev, dev_corpus):
    at = open_app(TIMELINE, {"present": "1", "step": "4"})
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    (citation,) = [a["text"] for a in figure["layout"]["annotations"] if a.get("name") == "citation"]
    assert f"data version {dev.corpus.version}" in citation and f"{len(deck(dev))} events" in citation
    assert max(len(line) for line in html.unescape(citation).split("<br>")) <= FIGURE_CHARS
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["filename"].startswith("presenter-step-4_")
