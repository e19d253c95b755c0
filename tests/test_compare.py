"""The Compare page's numbers on a small synthetic event table with known answers; and the URL rows of the two sides."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_charts import make_event, make_events
from ui import compare
from ui.style import build_style
from ui.view import Choices, View, view_from_query, view_to_query

SPAN = (dt.date(2018, 1, 1), dt.date(2024, 12, 31))
DAY = dt.date.fromisoformat
YEAR_2019 = (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
TRUMP_DAYS, BIDEN_DAYS = 1115, 1442  # 1 Jan 2018 – 19 Jan 2021; 20 Jan 2021 – 31 Dec 2024


@pytest.fixture(scope="module")
def style(reference):
    return build_style(reference)


@pytest.fixture(scope="module")
def sides(reference):
    return compare.policy_sides(reference.policy_types)


def event(event_id, date, types, parties, officials=()):
    return make_event(event_id, date, policy_types=list(types), countries=list(parties), officials=list(officials))


TRUMP_EVENTS = [
    event("a1", "2018-03-01", ["enforcement"], ["USA", "MEX"], ["Donald Trump"]),
    event("a2", "2019-06-07", ["asylum", "root_causes"], ["USA", "GTM"], ["Donald Trump", "Marcelo Ebrard"]),
    event("a3", "2019-07-26", ["asylum"], ["USA", "GTM"]),
    event("a4", "2020-01-15", ["root_causes"], ["USA", "HND"]),
    event("a5", "2020-12-01", ["trafficking"], ["MEX", "GTM"], ["Marcelo Ebrard"]),
]
BIDEN_EVENTS = [
    event("b1", "2021-03-01", ["root_causes"], ["USA", "HND"], ["Kamala Harris"]),
    event("b2", "2021-06-07", ["legal_pathways", "enforcement"], ["USA", "MEX"]),
    event("b3", "2022-01-01", ["root_causes", "governance"], ["USA", "GTM"]),
    event("b4", "2023-05-11", [], ["USA", "MEX"]),
    event("b5", "2024-06-01", ["enforcement"], ["USA", "SLV"], ["Kamala Harris"]),
]
OTHERS = [event("u1", None, ["asylum"], ["USA"]), event("late", "2025-02-01", ["pressure"], ["USA", "MEX"])]


@pytest.fixture(scope="module")
def events():
    return make_events(*TRUMP_EVENTS, *BIDEN_EVENTS, *OTHERS)


def side(style, letter, key, dates=YEAR_2019):
    return compare.resolve_side(letter, key, dates, SPAN, style)


@pytest.fixture(scope="module")
def comparison(events, style, sides):
    return compare.build_comparison(events, side(style, "A", "trump_1"), side(style, "B", "biden"), style, sides)


@pytest.mark.parametrize(
    ("key", "dates", "kind", "began", "start", "end", "days"),
    [
        ("trump_1", None, "administration", "2017-01-20", "2018-01-01", "2021-01-19", TRUMP_DAYS),
        ("biden", None, "administration", "2021-01-20", "2021-01-20", "2024-12-31", BIDEN_DAYS),
        ("MEX", None, "country", "2018-01-01", "2018-01-01", "2024-12-31", 2557),
        ("range", ("2019-12-31", "2019-01-01"), "range", "2019-01-01", "2019-01-01", "2019-12-31", 365),
        ("range", ("2017-06-01", "2018-01-31"), "range", "2017-06-01", "2018-01-01", "2018-01-31", 31),
        ("obama_2", None, "administration", "2013-01-20", "2018-01-01", "2017-01-19", 0),
    ],
)
def test_a_side_covers_its_days_inside_the_span(style, key, dates, kind, began, start, end, days):
    resolved = side(style, "A", key, tuple(DAY(d) for d in dates) if dates else (SPAN[0], SPAN[1]))
    assert (resolved.kind, resolved.began_date, resolved.start_date, resolved.end_date) == (kind, DAY(began), DAY(start), DAY(end))
    assert resolved.days == days
    assert resolved.country == ("MEX" if kind == "country" else "")


def test_each_side_holds_the_dated_events_on_its_covered_days(comparison):
    assert comparison.a.events["event_id"].tolist() == ["a1", "a2", "a3", "a4", "a5"]
    assert comparison.b.events["event_id"].tolist() == ["b1", "b2", "b3", "b4", "b5"]


def test_a_country_side_holds_the_events_it_is_a_party_to(events, style):
    mexico = compare.side_events(events, side(style, "A", "MEX"))
    assert mexico["event_id"].tolist() == ["a1", "a5", "b2", "b4"], "not u1 (undated) nor late (outside the span)"


def test_rates_are_normalised_by_the_days_covered(comparison):
    assert comparison.a.rate == pytest.approx(5 / TRUMP_DAYS * 365.25)
    assert comparison.b.rate == pytest.approx(5 / BIDEN_DAYS * 365.25)
    assert compare.rate_per_year(3, 0) is None


def test_policy_type_shares_with_their_n_and_differences(comparison):
    mix = comparison.mix.set_index("key")
    assert list(mix.index) == [
        "enforcement",
        "asylum",
        "trafficking",
        "root_causes",
        "legal_pathways",
        "governance",
        "intelligence",
        "returns",
        "pressure",
        "",
    ], "every type in reference order, then the unclassified (b4 has no type)"
    assert mix.loc["asylum", ["count_a", "n_a", "share_a", "count_b", "n_b", "share_b"]].tolist() == [2, 5, 0.4, 0, 5, 0.0]
    assert mix["points"].round(6).to_dict() == {
        "enforcement": 20.0,
        "asylum": -40.0,
        "trafficking": -20.0,
        "root_causes": 0.0,
        "legal_pathways": 20.0,
        "governance": 20.0,
        "intelligence": 0.0,
        "returns": 0.0,
        "pressure": 0.0,
        "": 20.0,
    }


def test_party_countries_in_reference_order_with_shares(comparison):
    countries = comparison.countries.set_index("key")
    assert list(countries.index) == ["USA", "MEX", "GTM", "HND", "SLV"]
    assert countries[["count_a", "count_b"]].to_dict("list") == {"count_a": [4, 2, 3, 1, 0], "count_b": [5, 2, 1, 1, 1]}
    assert countries.loc["GTM", "points"] == pytest.approx(-40)


def test_officials_most_named_first(comparison):
    trump, biden = comparison.officials
    assert trump[["key", "count"]].values.tolist() == [["Donald Trump", 2], ["Marcelo Ebrard", 2]]
    assert biden[["key", "count", "n", "share"]].values.tolist() == [["Kamala Harris", 2, 5, 0.4]]


def test_balance_uses_the_side_column_with_asylum_on_the_enforcement_side(comparison, sides):
    assert {t for t, s in sides.items() if s == "enforcement"} == {"enforcement", "asylum", "returns", "pressure"}
    assert {t for t, s in sides.items() if s == "cooperation"} == {"root_causes", "legal_pathways", "governance"}
    trump, biden = comparison.balance
    assert trump.parts == {"enforcement only": 2, "both": 1, "cooperation only": 1, "neither": 1}
    assert biden.parts == {"enforcement only": 1, "both": 1, "cooperation only": 2, "neither": 1}
    assert sum(biden.parts.values()) == biden.n == 5


def test_the_balance_rule_is_stated_from_the_table(sides, style):
    rule = compare.balance_rule(sides, style.policy_type)
    assert rule.startswith("An event's side is read first from the direction of its verbs")
    assert "enforcement side: Enforcement, Asylum, Returns, Pressure; cooperation side: Root causes, Legal pathways, Governance" in rule
    assert "on neither side: Trafficking, Intelligence." in rule and "Asylum is on the enforcement side" in rule


@pytest.mark.parametrize(("n", "meaningful"), [(0, False), (4, False), (5, True), (40, True)])
def test_small_n_rule(n, meaningful):
    assert compare.is_meaningful(n) is meaningful


@pytest.mark.parametrize(("n", "words"), [(0, "A has no events (fewer than 5)"), (1, "A has only 1 event (fewer than 5)")])
def test_small_n_rule_in_words(n, words):
    assert compare.too_few(n, "A") == words


def test_years_since_the_side_began_count_the_covered_days(comparison):
    trump, biden = comparison.years
    assert trump[["year", "covered_days", "count"]].values.tolist() == [[1, 19, 0], [2, 365, 1], [3, 365, 3], [4, 366, 1]]
    assert trump["first_date"].tolist()[1] == DAY("2018-01-20")
    assert biden[["covered_days", "count"]].values.tolist() == [[365, 3], [365, 0], [365, 1], [347, 1]]
    assert biden["rate"].iloc[3] == pytest.approx(1 / 347 * 365.25)


def test_the_aligned_axis_counts_days_since_the_side_began(comparison):
    trump, biden = comparison.aligned
    assert trump["day"].tolist() == [405, 868, 917, 1090, 1411]
    assert biden["day"].tolist()[0] == 40 and biden["running"].tolist() == [1, 2, 3, 4, 5]
    assert comparison.a.side.first_day == 346 and comparison.b.side.first_day == 0


def test_counterpart_presidents_in_office_during_each_side(comparison, reference):
    rows = [compare.counterparts("MEX", s.side, reference.administrations, s.events) for s in comparison.samples]
    assert [(r["head"], r["from"], r["to"], r["events"]) for r in rows[0]] == [
        ("Enrique Peña Nieto", DAY("2018-01-01"), DAY("2018-11-30"), 1),
        ("Andrés Manuel López Obrador", DAY("2018-12-01"), DAY("2021-01-19"), 1),
    ]
    assert [(r["head"], r["events"]) for r in rows[1]] == [("Andrés Manuel López Obrador", 2), ("Claudia Sheinbaum", 0)]


def copies(rows: list[dict], times: int) -> list[dict]:
    """The same events `times` over, each copy with its own ids (a bigger sample with the same shares)."""
    return [
        row
        | {"event_id": f"{row['event_id']}_{k}", "article_id": f"{row['article_id']}_{k}", "source_articles": [f"{row['event_id']}_{k}"]}
        for k in range(times)
        for row in rows
    ]


def test_differences_of_two_events_or_fewer_are_not_stated(comparison, style):
    assert compare.summary_sentences(comparison, style) == [
        f"Trump (1st term) has 5 events in {TRUMP_DAYS:,} days inside the data's span (1.6 a year); "
        f"Biden has 5 events in {BIDEN_DAYS:,} days inside the data's span (1.3 a year).",
        "The rates differ by 1.1 events over 1,115 days (the shorter side's): too few events to compare the rates.",
        "No policy type differs between the sides by more than 2 events: too few events to compare policy types.",
        "On the enforcement side: 60% (3 of 5) of the events for Trump (1st term) and 40% (2 of 5) for Biden; "
        "on the cooperation side: 40% (2 of 5) and 60% (3 of 5) (the verbs told the side of 0 and 0 of these events, the policy types the rest).",
    ], "asylum 2 of 5 against 0 of 5, Guatemala 3 against 1, El Salvador only for Biden once: none is a finding"


def test_summary_sentences_say_the_largest_differences_with_their_counts(style, sides):
    big = make_events(*copies(TRUMP_EVENTS, 4), *copies(BIDEN_EVENTS, 4))
    comparison = compare.build_comparison(big, side(style, "A", "trump_1"), side(style, "B", "biden"), style, sides)
    assert compare.summary_sentences(comparison, style) == [
        f"Trump (1st term) has 20 events in {TRUMP_DAYS:,} days inside the data's span (6.6 a year); "
        f"Biden has 20 events in {BIDEN_DAYS:,} days inside the data's span (5.1 a year).",
        "The rate for Trump (1st term) is 1.3 times that for Biden (5 more events over 1,115 days).",
        "Asylum appears 40 points more often for Trump (1st term): 40% (8 of 20) of its events against 0% (0 of 20) for Biden.",
        "Enforcement appears 20 points more often for Biden: 40% (8 of 20) of its events against 20% (4 of 20) for Trump (1st term).",
        "On the enforcement side: 60% (12 of 20) of the events for Trump (1st term) and 40% (8 of 20) for Biden; "
        "on the cooperation side: 40% (8 of 20) and 60% (12 of 20) (the verbs told the side of 0 and 0 of these events, the policy types the rest).",
        "Guatemala is a party 40 points more often for Trump (1st term): 60% (12 of 20) of its events against 20% (4 of 20) for Biden.",
        "Parties only for Biden: El Salvador (4 events).",
    ]


@pytest.mark.parametrize(
    ("share_a", "share_b", "n_a", "n_b", "gap"),
    [(0.4, 0.0, 5, 5, 2.0), (0.4, 0.0, 20, 20, 8.0), (0.1, 0.5, 100, 10, 4.0), (0.5, 0.5, 8, 30, 0.0), (0.0, 1.0, 0, 7, 0.0)],
)
def test_a_share_gap_counts_in_events_of_the_smaller_side(share_a, share_b, n_a, n_b, gap):
    assert compare.share_gap_events(share_a, share_b, n_a, n_b) == pytest.approx(gap)


@pytest.mark.parametrize(
    ("rate_a", "rate_b", "days_a", "days_b", "gap"),
    [(1.64, 1.27, 1115, 1442, 1.13), (6.55, 5.07, 1115, 1442, 4.52), (3.0, 3.0, 365, 365, 0.0), (10.0, 0.0, 30, 3000, 0.82)],
)
def test_a_rate_gap_counts_in_events_over_the_shorter_side(rate_a, rate_b, days_a, days_b, gap):
    assert compare.rate_gap_events(rate_a, rate_b, days_a, days_b) == pytest.approx(gap, abs=0.01)


@pytest.mark.parametrize(
    ("gap", "n_a", "n_b", "finding"),
    [
        (0.0, 40, 40, False),
        (1.0, 40, 40, False),
        (2.0, 40, 40, False),
        (2.0000000001, 40, 40, False),
        (2.5, 40, 40, True),
        (3.0, 40, 40, True),
        (30.0, 4, 40, False),
        (30.0, 40, 0, False),
        (3.0, 5, 5, True),
    ],
)
def test_only_a_difference_of_more_than_two_events_between_big_enough_sides_is_a_finding(gap, n_a, n_b, finding):
    assert compare.is_finding(gap, n_a, n_b) is finding


def test_the_balance_reads_the_direction_before_the_types(style, sides, reference):
    from loaders.lexicon import Lexicon

    rows = [
        event("c1", "2019-03-30", ["root_causes"], ["USA", "HND"]) | {"title": "US cuts aid to Honduras"},
        event("c2", "2019-10-17", ["root_causes"], ["USA", "HND"]) | {"title": "US resumes aid to Honduras"},
        event("c3", "2019-07-26", ["asylum"], ["USA", "GTM"]) | {"title": "Guatemala signs the asylum agreement"},
        event("c4", "2019-09-01", ["asylum"], ["USA", "MEX"]) | {"title": "US lifts sanctions", "summary": "US imposes tariffs"},
        event("c5", "2019-09-02", ["asylum", "root_causes"], ["USA", "MEX"]) | {"title": "Harris meets López Obrador"},
        event("c6", "2019-09-03", [], ["USA", "MEX"]) | {"title": "Talks", "event_sentence": "Mexico threatens to expel envoys"},
    ]
    events = make_events(*rows)
    directions = compare.event_directions(events, Lexicon.from_reference(reference))
    assert directions.tolist() == ["pressure", "cooperation", "cooperation", "cooperation", "", "pressure"]
    balance = compare.balance_of(events, sides, directions)
    assert balance.parts == {"enforcement only": 2, "both": 1, "cooperation only": 3, "neither": 0}, "c5 by its types, both"
    assert balance.by_direction == 5
    by_type = compare.balance_of(events, sides)
    assert by_type.parts == {"enforcement only": 2, "both": 1, "cooperation only": 2, "neither": 1} and by_type.by_direction == 0


def test_a_side_under_five_events_draws_no_conclusions(style, sides):
    few = make_events(*TRUMP_EVENTS, *BIDEN_EVENTS[:4])
    comparison = compare.build_comparison(few, side(style, "A", "trump_1"), side(style, "B", "biden"), style, sides)
    assert not comparison.meaningful
    sentences = compare.summary_sentences(comparison, style)
    assert len(sentences) == 2, "the counts, then the warning: no differences"
    assert (
        sentences[1] == "Biden has only 4 events (fewer than 5): the comparison is not meaningful yet, so no differences are drawn from it."
    )


def test_the_same_side_twice_is_told_apart_by_its_letter(events, style, sides):
    same = compare.build_comparison(events, side(style, "A", "biden"), side(style, "B", "biden"), style, sides)
    assert compare.side_names(same) == ("A · Biden", "B · Biden")
    assert compare.summary_sentences(same, style)[1:3] == [
        "The two rates are within 10% of each other.",
        "The policy-type mix is the same on both sides.",
    ]


def test_country_sides_leave_their_own_country_out_of_the_party_sentence(events, style, sides):
    mexico_guatemala = compare.build_comparison(events, side(style, "A", "MEX"), side(style, "B", "GTM"), style, sides)
    assert not any(s.startswith(("Mexico is a party", "Guatemala is a party")) for s in compare.summary_sentences(mexico_guatemala, style))


@pytest.mark.parametrize(
    ("count", "n", "words"),
    [(7, 20, "35% (7 of 20)"), (0, 5, "0% (0 of 5)"), (0, 0, "– (0 of 0)")],
)
def test_every_share_shows_its_n(count, n, words):
    assert compare.share_words(count, n) == words


CHOICES = Choices(administrations=("trump_1", "biden"), countries=("USA", "MEX", "GTM"))


@pytest.mark.parametrize(
    ("query", "view"),
    [
        ({}, View()),
        ({"a": "MEX", "b": "GTM"}, View(side_a="MEX", side_b="GTM")),
        ({"type": "asylum"}, View(policy_types=("asylum",))),
        (
            {"a": "range", "a_from": "2019-01-01", "a_to": "2019-06-30"},
            View(side_a="range", side_a_start_date=DAY("2019-01-01"), side_a_end_date=DAY("2019-06-30")),
        ),
        ({"b": "trump_1", "b_from": "2023-01-01"}, View(side_b="trump_1", side_b_start_date=DAY("2023-01-01"))),
    ],
)
def test_sides_round_trip_through_the_url(query, view):
    choices = Choices(administrations=CHOICES.administrations, countries=CHOICES.countries, policy_types=("asylum",))
    assert view_from_query(query, choices) == (view, [])
    assert view_to_query(view) == {k: [v] for k, v in query.items()}


@pytest.mark.parametrize(
    ("query", "field", "value", "notice"),
    [
        ({"a": "nobody"}, "side_a", "trump_1", "a='nobody' is not a known comparison side"),
        ({"b": "CAN"}, "side_b", "biden", "b='CAN' is not a known comparison side"),
        ({"a_from": "soon"}, "side_a_start_date", View().side_a_start_date, "not a date"),
        ({"b_from": "2024-06-01", "b_to": "2024-01-01"}, "side_b_start_date", DAY("2024-01-01"), "side B's start date was after"),
    ],
)
def test_side_parameters_fall_back_with_a_notice(query, field, value, notice):
    view, notices = view_from_query(query, CHOICES)
    assert getattr(view, field) == value
    assert len(notices) == 1 and notice in notices[0]
