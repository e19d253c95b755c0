"""The period's landmarks as rows of the event table (pure): their shape, their links to the article events that report
them, which matter most, the export that holds both, and the named policies' spans in force."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from loaders import COLUMNS
from loaders.reference import Landmark, NamedPolicy
from tests.conftest import CORPUS_DIR, SEED_DIR
from ui import landmarks as lm
from ui import policies as pol
from ui.cache import build_dataset
from ui.style import build_style
from ui.view import View


def landmark(landmark_id: str, date: str, kind: str = "meeting", countries=("USA", "MEX"), **fields) -> Landmark:
    day = dt.date.fromisoformat(date)
    values = {
        "landmark_id": landmark_id,
        "date": day,
        "date_end": day,
        "precision": "day",
        "kind": kind,
        "countries": tuple(countries),
        "policy_types": ("asylum",),
        "officials": ("Marcelo Ebrard",),
        "place": "Washington, United States",
        "title": f"Title of {landmark_id}",
        "summary": f"Summary of {landmark_id}",
        "alias_pattern": "",
        "source": f"https://example.org/{landmark_id}",
        "date_phrase": "on Friday",
    }
    return Landmark(**(values | fields))


def policy(policy_id: str, announced: str, start: str | None = None, suspended: str | None = None, end: str | None = None, **fields):
    day = lambda value: dt.date.fromisoformat(value) if value else None  # noqa: E731
    values = {"policy_id": policy_id, "alias_pattern": "", "policy_type": "asylum", "announced_date": day(announced)}
    values |= {
        "start_date": day(start),
        "suspended_date": day(suspended),
        "end_date": day(end),
        "name": policy_id,
        "countries": ("USA", "MEX"),
    }
    return NamedPolicy(**(values | fields))


@pytest.fixture(scope="module")
def style(reference):
    return build_style(reference)


def build(reference, style, *landmarks, policies=()):
    return lm.build_landmarks(replace(reference, landmarks=tuple(landmarks), named_policies=tuple(policies)), style)


@pytest.fixture(scope="module")
def dev():
    return build_dataset(CORPUS_DIR)


def test_a_landmark_is_a_row_of_the_event_table_with_its_source_and_date_phrase(reference, style):
    (row,) = build(reference, style, landmark("jd", "2019-06-07", "agreement", title="Deal <b>signed</b>")).to_dict("records")
    assert list(build(reference, style, landmark("x", "2019-06-07")).columns[: len(COLUMNS)]) == list(COLUMNS)
    assert row["event_id"] == "landmark-jd" and row["role"] == "landmark" and row["landmark_id"] == "jd"
    assert row["url"] == "https://example.org/jd" and row["source"] == "example.org"
    assert row["date_evidence"] == ["on Friday"] and "which says “on Friday”" in row["date_method"]
    assert row["us_administration"] == "trump_1" and row["date_confidence"] == "high"
    assert row["label"] == "Deal &lt;b&gt;signed&lt;/b&gt;", "labels are escaped for plotly"
    assert row["hover"][0] == "landmark-jd" and "&lt;b&gt;" in row["hover"][1]


def test_a_landmark_known_to_the_month_covers_the_month(reference, style):
    (row,) = build(reference, style, landmark("m", "2019-06-01", precision="month")).to_dict("records")
    assert (row["date_earliest"], row["date_latest"]) == (pd.Timestamp("2019-06-01"), pd.Timestamp("2019-06-30"))
    assert lm.describe_landmark_date(row) == "June 2019"


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Short title", "Short title"),
        ("Biden in Mexico City for the tenth North American Leaders' Summit", "Biden in Mexico City for<br>the tenth North American…"),
    ],
)
def test_a_label_is_at_most_two_short_lines(title, label):
    assert lm.short_label(title) == label.replace("'", "&#x27;")


def test_an_event_whose_day_a_landmark_decided_is_linked_to_it_and_not_repeated(dev):
    linked = dev.events[dev.events["landmark_id"] != ""]
    assert len(linked) >= 20
    by_id = dev.landmarks.set_index("landmark_id")
    for event in linked.to_dict("records"):
        row = by_id.loc[event["landmark_id"]]
        assert f"matches landmark “{row['title']}” ({row['url']};" in event["date_method"]
        assert row["date_earliest"] <= event["date"] <= row["date_latest"]
    declaration = dev.events.set_index("event_id").loc["dev_010-0"]
    assert declaration["landmark_id"] == "us_mexico_joint_declaration_2019_06"
    shown = lm.not_reported(dev.landmarks, dev.events)
    assert "us_mexico_joint_declaration_2019_06" not in set(shown["landmark_id"]), "told once, by the article's row"
    assert len(shown) == len(dev.landmarks) - linked["landmark_id"].nunique()
    assert list(linked.loc[linked["landmark_id"] == "us_mexico_joint_declaration_2019_06", "event_id"]) == ["dev_010-0"]


def test_a_landmark_the_method_names_but_whose_days_do_not_hold_the_event_is_not_linked(reference, style):
    landmarks = build(reference, style, landmark("a", "2019-06-07", title="The deal"), landmark("b", "2019-06-10", title="The call"))
    method = "“Friday” read…; favoured: matches landmark “The deal” (https://example.org/a; a call) (2019-06-07); matches landmark “The call” (https://example.org/b; x) (2019-06-10)"
    titles = {t: i for i, t in enumerate(landmarks["title"])}
    assert lm.matched_landmark(method, pd.Timestamp("2019-06-10"), titles, landmarks) == "b"
    assert lm.matched_landmark(method, pd.Timestamp("2019-06-07"), titles, landmarks) == "a"
    assert lm.matched_landmark(method, pd.Timestamp("2019-06-08"), titles, landmarks) == ""
    other_source = method.replace("example.org/a", "example.org/elsewhere")
    assert lm.matched_landmark(other_source, pd.Timestamp("2019-06-07"), titles, landmarks) == ""
    assert lm.matched_landmark("“Friday” read against the dateline", pd.Timestamp("2019-06-07"), titles, landmarks) == ""


def test_the_key_landmarks_of_a_year_put_a_policys_steps_and_one_of_each_kind_first(reference, style):
    landmarks = build(
        reference,
        style,
        landmark("call", "2019-02-01", "call"),
        landmark("visit", "2019-03-01", "visit"),
        landmark("summit", "2019-04-01", "summit"),
        landmark("summit2", "2019-05-01", "summit"),
        landmark("step", "2019-01-29", "programme"),
        landmark("step_elsewhere", "2019-01-29", "programme", countries=("USA", "PAN")),
        landmark("next_year", "2020-01-01", "summit"),
        policies=[policy("mpp", "2018-12-20", "2019-01-29")],
    )
    assert landmarks.set_index("landmark_id")["milestone"].to_dict() == {
        "step": True,
        "step_elsewhere": False,
        "call": False,
        "visit": False,
        "summit": False,
        "summit2": False,
        "next_year": False,
    }
    assert lm.by_importance(landmarks[landmarks["year"] == 2019])["landmark_id"].tolist()[:4] == ["step", "summit", "visit", "call"]
    years = lm.key_landmarks(landmarks, [2019, 2020], per_year=3)
    assert years[2019]["landmark_id"].tolist() == ["step", "visit", "summit"], "the chosen, in date order"
    assert years[2020]["landmark_id"].tolist() == ["next_year"]


def test_the_export_holds_events_and_unreported_landmarks_in_date_order(dev):
    events = dev.events[dev.events["role"] == "primary"].head(3)
    landmarks = lm.not_reported(dev.landmarks[dev.landmarks["year"] == 2018], events)
    table = lm.export_table(events, landmarks)
    assert list(table.columns) == [*COLUMNS, "landmark_id"]
    assert len(table) == len(events) + len(landmarks)
    assert table["date"].is_monotonic_increasing
    assert set(table.loc[table["role"] == "landmark", "event_id"]) == set(landmarks["event_id"])


def test_landmarks_are_filtered_like_events_but_not_by_confidence(dev):
    from ui.data import filter_landmarks

    view = View(start_date=dt.date(2019, 6, 1), end_date=dt.date(2019, 6, 30), countries=("GTM",), min_confidence="high")
    shown = filter_landmarks(dev.landmarks, view)
    assert len(shown) and all("GTM" in c for c in shown["countries"])
    assert shown["date"].between(pd.Timestamp("2019-06-01"), pd.Timestamp("2019-06-30")).all()
    assert filter_landmarks(dev.landmarks, replace(view, landmarks=False)).empty
    assert filter_landmarks(dev.landmarks, replace(view, search="zzzz")).empty
    biden = filter_landmarks(dev.landmarks, View(administrations=("biden",)))
    assert set(biden["us_administration"]) == {"biden"}


@pytest.mark.parametrize(
    ("start", "stop", "first", "last", "days"),
    [
        ("2019-01-29", "2021-01-20", "2017-01-20", "2021-01-19", 722),
        ("2019-01-29", "2021-01-20", "2021-01-20", "2024-12-31", 0),
        ("2019-01-29", None, "2021-01-20", "2021-01-29", 10),
        ("2019-01-29", "2019-01-30", "2019-01-01", "2019-12-31", 1),
        (None, "2021-01-20", "2019-01-01", "2019-12-31", 0),
    ],
)
def test_days_in_force_count_from_the_start_to_the_day_before_it_stopped(start, stop, first, last, days):
    day = lambda value: dt.date.fromisoformat(value) if value else None  # noqa: E731
    assert pol.overlap_days(day(start), day(stop), day(first), day(last)) == days


@pytest.mark.parametrize(
    ("dates", "words"),
    [
        (
            ("2018-12-20", "2019-01-29", "2021-01-20", "2021-06-01"),
            "announced 20 Dec 2018, in force 29 Jan 2019 until suspended 20 Jan 2021, ended 1 Jun 2021",
        ),
        (("2020-03-20", "2020-03-20", None, "2023-05-11"), "in force 20 Mar 2020 – 11 May 2023"),
        (("2019-06-07", "2019-06-07", None, None), "in force 7 Jun 2019, no end date recorded"),
        (
            ("2019-09-25", None, "2021-02-06", None),
            "announced 25 Sep 2019, never in force, or its first day is not verified, suspended 6 Feb 2021",
        ),
    ],
)
def test_a_policys_life_in_words(dates, words, style):
    frame = pol.build_policies([policy("p", *dates)], style)
    assert pol.life_words(frame.iloc[0]) == words


def test_policies_are_filtered_by_dates_countries_types_administrations_and_search(style):
    frame = pol.build_policies(
        [
            policy("mpp", "2018-12-20", "2019-01-29", "2021-01-20", "2021-06-01", name="MPP (Remain in Mexico)"),
            policy("t42", "2020-03-20", "2020-03-20", end="2023-05-11", name="Title 42 expulsions"),
            policy("gt", "2019-07-26", countries=("USA", "GTM"), policy_type="returns", name="ACA Guatemala"),
            policy("dating", "2020-03-11", "2020-03-11", policy_type=""),
        ],
        style,
    )
    assert list(frame["policy_id"]) == ["mpp", "gt", "t42"], "rows without a policy type only date articles"
    ids = lambda view: list(pol.filter_policies(frame, view, style.eras)["policy_id"])  # noqa: E731
    assert ids(View()) == ["mpp", "gt", "t42"]
    assert ids(View(start_date=dt.date(2021, 2, 1))) == ["t42"], "MPP stopped on 20 Jan 2021; an announcement is one day"
    assert ids(View(countries=("GTM",))) == ["gt"]
    assert ids(View(policy_types=("returns",))) == ["gt"]
    assert ids(View(administrations=("biden",))) == ["t42"]
    assert ids(View(search="remain")) == ["mpp"]
    assert ids(View(policies=False)) == []


def test_the_seed_dataset_carries_the_landmarks_policies_and_their_choices():
    seed = build_dataset(SEED_DIR)
    assert len(seed.landmarks) >= 150 and seed.landmarks["event_id"].is_unique
    assert set(seed.landmarks["event_id"]) <= seed.choices.event_ids, "a link can open a landmark"
    assert len(seed.policies) >= 40 and (seed.policies["policy_type"] != "").all()
    assert seed.landmarks["priority"].is_unique
