"""Windows for an article's date from who held which office, named policies and named days."""

import datetime as dt

import pytest

from loaders.candidates import find_candidates
from loaders.entities import find_officials
from loaders.layout import segment
from loaders.mentions import find_relative
from loaders.periods import election_bounds, find_policies, named_day_bounds, office_bounds, policy_bounds, took_office_bounds

YEARS = range(2015, 2027)


def _bounds(matchers, text):
    layout = segment(text, find_candidates(text), matchers.chrome)
    officials = find_officials(text, matchers.entities)
    relative = find_relative(text, layout, matchers.relative)
    return {
        "office": office_bounds(officials),
        "took_office": took_office_bounds(text, officials, matchers.entities.terms, relative),
        "election": election_bounds(text, relative, officials, matchers.reference),
        "policy": policy_bounds(text, layout, find_policies(text, matchers.policies)),
        "named_day": named_day_bounds(text, layout, matchers.named_days, YEARS),
    }


def _window(bound):
    return (str(bound.window.start), str(bound.window.end))


@pytest.mark.parametrize(
    ("text", "kind", "window"),
    [
        ("Talks\n\nAfter President Joe Biden took office in January, arrests rose.", "took_office", ("2021-01-20", "2022-01-20")),
        (
            "Talks\n\nActing Secretary Chad Wolf, who took over the department last week, spoke.",
            "took_office",
            ("2019-11-18", "2019-11-24"),
        ),
        (
            "Talks\n\nOfficials met President-elect Andres Manuel Lopez Obrador days after he won the election.",
            "election",
            ("2018-07-03", "2018-07-15"),
        ),
        ("Talks\n\nThe Remain in Mexico program continued to send people back.", "policy", ("2018-12-20", None)),
        ("Talks\n\nThe trade pact, the USMCA, took effect on the first of the month.", "policy", ("2020-07-01", None)),
        # a policy said to have ended bounds from its suspension when that came first (MPP was paused on Biden's first day)
        ("Talks\n\nBiden ended the Remain in Mexico program.", "policy", ("2021-01-20", None)),
        # the verb inside the alias names the termination; it does not say the termination ended
        ("Talks\n\nThe administration terminated TPS for Salvadorans.", "policy", ("2018-01-08", None)),
    ],
)
def test_windows(matchers, text, kind, window):
    (bound,) = _bounds(matchers, text)[kind]
    start, end = _window(bound)
    assert start == window[0]
    assert window[1] is None or end == window[1]
    assert bound.text in text


def test_office_window_evidence_is_the_title_and_name_as_written(matchers):
    text = "Talks\n\nActing Homeland Security Secretary Kevin McAleenan signed the memorandum."
    (bound,) = _bounds(matchers, text)["office"]
    assert bound.text == "Homeland Security Secretary Kevin McAleenan"
    assert text[bound.offset : bound.offset + len(bound.text)] == bound.text
    assert _window(bound) == ("2019-04-11", "2019-11-12")


@pytest.mark.parametrize(
    ("phrase", "day", "on_event"),
    [
        ("two days after Cinco de Mayo", dt.date(2021, 5, 7), True),
        ("with Christmas five days away", dt.date(2018, 12, 20), False),
        ("on the eve of the U.S. Thanksgiving holiday", dt.date(2024, 11, 27), True),
        ("dos días después de Navidad", dt.date(2019, 12, 27), True),
    ],
)
def test_named_days(matchers, phrase, day, on_event):
    (bound,) = _bounds(matchers, f"Talks\n\nOfficials met, {phrase}, in the capital.")["named_day"]
    assert day in bound.window and (bound.spec.target == "event") is on_event
    assert day + dt.timedelta(days=2) not in bound.window
