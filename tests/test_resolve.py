"""The date core's parts on known answers: the confidence and precision rule, evidence kinds, preferences, repairs."""

import datetime as dt

import pytest

from loaders.anchors import Anchor
from loaders.candidates import Candidate
from loaders.evidence import KINDS, Evidence
from loaders.intervals import Window
from loaders.mentions import EVENT, PAST, DateMention
from loaders.reading import HIGH_SHARE, MEDIUM_SHARE, PRINTED_CONFLICT, YEAR_REPAIRED, confidence_of, precision_of
from loaders.resolve import choose_now, resolve

D = dt.date
TODAY = D(2026, 11, 24)


def _weekday(weekday: int, modifier: str = "", start: int = 40) -> Anchor:
    candidate = Candidate(start, start + 7, "Tuesday", "weekday", "en", weekday=weekday)
    return Anchor((DateMention(candidate, "body", 2, (0, 80), PAST, EVENT, modifier),))


def _point(day: D, kind: str = "dateline") -> Evidence:
    return Evidence(kind, Window.between(day, day), f"{day:%B %d, %Y}", 10)


@pytest.mark.parametrize(
    ("share", "printed", "codes", "expected"),
    [
        (1.0, True, (), "high"),
        (HIGH_SHARE, True, (), "high"),
        (0.9, True, (), "medium"),
        (1.0, False, (), "medium"),
        (MEDIUM_SHARE, False, (), "medium"),
        (0.59, True, (), "low"),
        (1.0, True, (PRINTED_CONFLICT,), "low"),
        (1.0, True, (YEAR_REPAIRED,), "low"),
    ],
)
def test_one_rule_for_confidence(share, printed, codes, expected):
    assert confidence_of(share, printed, codes) == expected


@pytest.mark.parametrize(
    ("earliest", "latest", "precision"),
    [(D(2019, 3, 26), D(2019, 3, 26), "day"), (D(2019, 3, 24), D(2019, 3, 26), "day"), (D(2019, 3, 19), D(2019, 3, 26), "month"),
     (D(2019, 1, 1), D(2019, 3, 3), "month"), (D(2018, 12, 18), D(2019, 4, 9), "year"), (None, None, "")],
)  # fmt: skip
def test_precision_follows_the_window(earliest, latest, precision):
    assert precision_of(earliest, latest) == precision


def test_every_kind_is_registered_once_and_an_unknown_kind_is_refused():
    assert len(KINDS) == len(set(KINDS)) and all(k.name == name for name, k in KINDS.items())
    assert {k.role for k in KINDS.values()} == {"point", "bound", "soft", "prefer"}
    with pytest.raises(ValueError, match="unknown kind of date evidence"):
        Evidence("gut_feeling", Window.between(None, None), "", -1)


def test_a_weekday_against_a_printed_dateline_is_high():
    reading = resolve(_weekday(1), [_point(D(2019, 3, 28))], TODAY)
    assert (reading.date, reading.confidence, reading.precision) == (D(2019, 3, 26), "high", "day")
    assert reading.evidence[0] == ("March 28, 2019", 10)


def test_a_weekday_in_a_term_is_low_with_the_whole_window():
    office = Evidence("office", Window.between(D(2018, 12, 6), D(2019, 4, 10)), "Secretary Nielsen", 0)
    reading = resolve(_weekday(1), [office], TODAY)
    assert reading.confidence == "low" and reading.earliest == D(2018, 12, 11) and reading.latest == D(2019, 4, 9)  # in the term
    assert reading.earliest <= reading.date <= reading.latest and reading.precision == "year"


def test_a_landmark_wins_among_days_the_text_leaves_open_but_not_against_a_printed_date():
    office = Evidence("office", Window.between(D(2018, 12, 6), D(2019, 4, 10)), "Secretary Nielsen", 0)
    landmark = Evidence("landmark", Window.between(D(2019, 3, 26), D(2019, 3, 26)), "Miami meeting", -1, weight=2.0, detail="x")
    open_reading = resolve(_weekday(1), [office, landmark], TODAY)
    assert open_reading.date == D(2019, 3, 26) and open_reading.share > 0.6 and open_reading.confidence == "medium"
    printed = resolve(_weekday(1), [office, landmark, _point(D(2019, 2, 28))], TODAY)
    assert printed.date == D(2019, 2, 26) and printed.confidence == "high"


def test_the_newest_dated_thing_pulls_the_article_date_close_after_it():
    after = Evidence("past_date", Window.between(D(2020, 4, 12), None), "Holy Week", 5)
    recent = Evidence("recency", Window.between(D(2020, 4, 12), None), "Holy Week", 5)
    office = Evidence("office", Window.between(D(2020, 1, 14), D(2021, 1, 20)), "President Giammattei", 0)
    reading = resolve(_weekday(3), [office, after, recent], TODAY)
    assert reading.date == D(2020, 4, 16)


def test_a_printed_year_the_text_contradicts_is_moved_to_a_year_where_the_weekday_fits():
    policy = Evidence("policy", Window.between(D(2022, 10, 12), None), "the parole process", 50)
    office = Evidence("office", Window.between(D(2021, 1, 20), D(2025, 1, 19)), "President Biden", 0)
    now = choose_now([_point(D(2022, 1, 5)), policy, office], TODAY, _weekday(3, "this"))
    assert now.point is not None and now.point.window.end == D(2023, 1, 5) and YEAR_REPAIRED in now.codes


def test_this_weekday_four_days_back_from_a_printed_date_is_a_repair_when_another_year_fits():
    office = Evidence("office", Window.between(D(2021, 1, 20), D(2025, 1, 19)), "President Biden", 0)
    reading = resolve(_weekday(3, "this"), [_point(D(2022, 1, 5)), office], TODAY)  # a Wednesday dateline, "este jueves"
    assert reading.date == D(2023, 1, 5) and reading.confidence == "low" and YEAR_REPAIRED in reading.codes


def test_nothing_to_go_on_is_undated():
    reading = resolve(_weekday(1), [Evidence("corpus_period", Window.between(D(2017, 1, 1), D(2025, 12, 31)), "", -1)], TODAY)
    assert reading.date is None and reading.confidence == "low" and "too wide" in reading.method
