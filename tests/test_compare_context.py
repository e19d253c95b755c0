"""The Compare page's context, pure: the named policies in force on each side and for how many days, and the landmarks of
each side counted by kind."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_landmark_rows import build, landmark, policy
from ui.compare import resolve_side
from ui.compare_context import landmark_kinds, policies_in_force, policy_sentences
from ui.policies import build_policies
from ui.style import build_style

SPAN = (dt.date(2018, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture(scope="module")
def style(reference):
    return build_style(reference)


@pytest.fixture(scope="module")
def sides(style):
    return tuple(resolve_side(letter, key, SPAN, SPAN, style) for letter, key in (("A", "trump_1"), ("B", "biden")))


@pytest.fixture(scope="module")
def policies(style):
    return build_policies(
        [
            policy("mpp", "2018-12-20", "2019-01-29", "2021-01-20", "2021-06-01", name="MPP"),
            policy("t42", "2020-03-20", "2020-03-20", end="2023-05-11", name="Title 42"),
            policy("cbp", "2020-10-28", "2020-10-28", name="CBP One"),
            policy("aca_hn", "2019-09-25", suspended="2021-02-06", countries=("USA", "HND"), name="ACA Honduras"),
            policy("gt", "2019-07-26", "2019-11-21", "2020-03-17", countries=("USA", "GTM"), name="ACA Guatemala"),
        ],
        style,
    )


def test_days_in_force_on_each_side_with_their_share_most_of_both_first(policies, sides, style):
    a, b = sides
    table = policies_in_force(policies, a, b, style).set_index("policy")
    assert list(table.index) == ["CBP One", "Title 42", "MPP", "ACA Guatemala"], "ACA Honduras never took effect"
    assert table.loc["MPP", ["days_a", "days_b"]].tolist() == [722, 0]
    assert table.loc["Title 42", ["days_a", "days_b"]].tolist() == [306, (dt.date(2023, 5, 11) - dt.date(2021, 1, 20)).days]
    assert table.loc["CBP One", "days_b"] == b.days and table.loc["CBP One", "share_b"] == 100, "no end recorded: to the side's last day"
    assert table.loc["ACA Guatemala", "days_a"] == (dt.date(2020, 3, 17) - dt.date(2019, 11, 21)).days
    assert table.loc["MPP", "share_a"] == pytest.approx(722 / a.days * 100)
    assert table.loc["MPP", "policy_type"] == "Asylum" and "until suspended 20 Jan 2021" in table.loc["MPP", "life"]
    a_words, b_words = policy_sentences(table.reset_index(), (a.name, b.name))
    assert a_words.startswith("A · Trump (1st term): 4 named policies in force at some point, 0 of them on every day")
    assert b_words.startswith("B · Biden: 2 named policies in force at some point, 1 of them on every day")


def test_a_country_side_counts_the_policies_that_country_is_a_party_to(policies, sides, style):
    guatemala = resolve_side("B", "GTM", SPAN, SPAN, style)
    table = policies_in_force(policies, sides[0], guatemala, style).set_index("policy")
    assert table.loc["ACA Guatemala", "days_b"] == 117 and table.loc["MPP", "days_b"] == 0


def test_landmarks_are_counted_by_kind_on_the_side_that_holds_their_day(reference, style, sides):
    landmarks = build(
        reference,
        style,
        landmark("s1", "2019-06-07", "summit"),
        landmark("c1", "2019-07-01", "call"),
        landmark("c2", "2022-03-01", "call", countries=("USA", "GTM")),
        landmark("a1", "2023-01-05", "agreement"),
        landmark("before", "2017-06-01", "summit"),
    )
    table = landmark_kinds(landmarks, *sides)
    assert table.to_dict("records") == [
        {"kind": "summit", "count_a": 1, "count_b": 0},
        {"kind": "agreement", "count_a": 0, "count_b": 1},
        {"kind": "call", "count_a": 1, "count_b": 1},
        {"kind": "all landmarks", "count_a": 2, "count_b": 2},
    ], "a landmark before the data's span belongs to no side"
    guatemala = resolve_side("B", "GTM", SPAN, SPAN, style)
    assert landmark_kinds(landmarks, sides[0], guatemala)["count_b"].tolist() == [0, 1, 1]
