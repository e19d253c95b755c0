"""The Compare page's figures, tested as data: identical scales on both sides, every share with its n, the difference shown directly."""

from __future__ import annotations

import pytest

from tests import test_compare as shared
from tests.test_charts import make_event, make_events
from tests.test_compare import side
from ui import charts, compare, compare_charts

PAIRS = {
    "years": lambda c, s, colours: compare_charts.years_figures(c, colours),
    "mix": lambda c, s, colours: compare_charts.mix_figures(c, s),
    "countries": lambda c, s, colours: compare_charts.countries_figures(c, s, colours),
    "officials": lambda c, s, colours: compare_charts.officials_figures(c, colours),
}


# The synthetic table and its fixtures are tests/test_compare.py's (Trump vs Biden, five events each).
style, sides, events, comparison = shared.style, shared.sides, shared.events, shared.comparison


@pytest.fixture
def colours(comparison, style):
    return compare_charts.side_colours(comparison.a.side, comparison.b.side, style)


@pytest.mark.parametrize("name", PAIRS)
def test_both_panels_of_a_pair_share_their_scales(name, comparison, style, colours):
    left, right = PAIRS[name](comparison, style, colours)
    assert left.layout.yaxis.range == right.layout.yaxis.range and left.layout.yaxis.range is not None
    if name != "years":
        assert left.layout.xaxis.range == right.layout.xaxis.range
        assert left.layout.margin.l == right.layout.margin.l, "the same pixel scale: labels take the same room"
    else:
        assert left.layout.xaxis.tickvals == right.layout.xaxis.tickvals
    assert left.layout.height == right.layout.height


def test_the_rate_panel_is_normalised_and_the_y_range_holds_the_highest_rate(comparison, colours):
    left, right = compare_charts.years_figures(comparison, colours)
    assert list(left.data[0].x) == ["Year 1", "Year 2", "Year 3", "Year 4"]
    assert left.data[0].y[2] == pytest.approx(3 / 365 * 365.25)
    assert left.layout.yaxis.range[1] >= max(max(left.data[0].y), max(right.data[0].y))
    assert left.layout.xaxis.ticktext[0] == "Year 1<br>(19 d)", "a year partly outside the data says how many days it has"
    assert [s.y0 for s in left.layout.shapes] == [pytest.approx(comparison.a.rate)]


def test_mix_bars_are_shares_labelled_with_count_and_n(comparison, style):
    left, right = compare_charts.mix_figures(comparison, style)
    assert left.data[0].y[1] == "Asylum" and left.data[0].x[1] == pytest.approx(0.4)
    assert left.data[0].text[1] == "2 of 5 · 40%" and right.data[0].text[1] == "0 of 5 · 0%"
    assert right.data[0].textposition[1] == "outside", "a zero bar still shows its n"
    assert left.data[0].marker.color[1] == style.policy_type.colour("asylum")


def test_officials_panels_have_as_many_rows_on_both_sides(comparison, colours):
    left, right = compare_charts.officials_figures(comparison, colours)
    assert len(left.data[0].y) == 2 and len(right.data[0].y) == 1
    assert left.layout.yaxis.range == right.layout.yaxis.range == (1.5, -0.5)


def test_the_difference_is_a_diverging_bar_in_points_with_both_counts(comparison, style, colours):
    figure = compare_charts.difference_figure(comparison, style, colours)
    bars = figure.data[0]
    assert bars.y[0] in {"Enforcement", "Legal pathways", "Governance", "Unclassified"} and bars.y[-1] == "Asylum"
    assert bars.x[-1] == pytest.approx(-40) and bars.text[-1] == "-40 pts · 2/5 vs 0/5"
    assert bars.marker.color[-1] == colours["A"] and bars.marker.color[0] == colours["B"]
    assert figure.layout.xaxis.range[0] == -figure.layout.xaxis.range[1], "symmetric around zero"


def test_the_balance_splits_each_side_into_four_groups_on_one_axis(comparison, style, sides):
    figure = compare_charts.balance_figure(comparison, style, sides)
    assert [t.name for t in figure.data] == ["Enforcement only", "Both", "Cooperation only", "Neither"]
    assert figure.layout.meta["enforcement only"] == [2, 1] and figure.layout.meta["neither"] == [1, 1]
    assert figure.data[0].text == ("2 · 40%", "1 · 20%")


def test_the_aligned_timeline_draws_each_side_over_its_covered_days(comparison, colours):
    figure = compare_charts.aligned_figure(comparison, colours)
    trump_line, trump_points, biden_line, _ = figure.data
    assert trump_line.x[0] == 346 and trump_line.x[-1] == comparison.a.side.last_day and trump_line.line.shape == "hv"
    assert list(trump_points.x) == [405, 868, 917, 1090, 1411] and list(trump_points.y) == [1, 2, 3, 4, 5]
    assert biden_line.x[0] == 0
    assert [a.text.strip() for a in figure.layout.annotations] == ["A: data from 1 Jan 2018 (day 346)"]


def test_titles_in_hover_labels_are_escaped(style, sides):
    hostile = make_events(make_event("x", "2019-06-07", title="<img src=x onerror=alert(1)>"))
    trump_biden = compare.build_comparison(hostile, side(style, "A", "trump_1"), side(style, "B", "biden"), style, sides)
    figure = compare_charts.aligned_figure(trump_biden, compare_charts.side_colours(trump_biden.a.side, trump_biden.b.side, style))
    assert figure.data[1].customdata[0][1] == "&lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize(
    ("a", "b"), [("trump_1", "biden"), ("MEX", "GTM"), ("MEX", "biden"), ("MEX", "trump_1"), ("biden", "biden"), ("range", "MEX")]
)
def test_the_sides_never_look_alike(style, a, b):
    colours = compare_charts.side_colours(side(style, "A", a), side(style, "B", b), style)
    assert compare_charts.colour_distance(colours["A"], colours["B"]) > compare_charts.MIN_DISTANCE
    if a == "trump_1":
        assert colours["A"] == style.administration.colour("trump_1"), "an administration keeps its own colour"


BOTH = {
    "mix": lambda c, s, colours: compare_charts.mix_both_figure(c, s, colours),
    "countries": lambda c, s, colours: compare_charts.countries_both_figure(c, s, colours),
    "officials": lambda c, s, colours: compare_charts.officials_both_figure(c, colours),
}


@pytest.mark.parametrize("name", BOTH)
def test_a_phone_figure_holds_both_sides_in_every_row(name, comparison, style, colours):
    figure = BOTH[name](comparison, style, colours)
    a, b = figure.data
    assert (a.name, b.name) == ("A · Trump (1st term)", "B · Biden") and figure.layout.barmode == "group"
    assert list(a.y) == list(b.y) and len(a.y) > 0, "the same rows for both sides"
    assert all(t.startswith("A: ") and " of 5 · " in t for t in a.text) and all(t.startswith("B: ") for t in b.text)
    assert (a.marker.color, b.marker.color) == (colours["A"], colours["B"])


def test_the_phone_figures_count_what_the_pairs_count(comparison, style, colours):
    mix = compare_charts.mix_both_figure(comparison, style, colours)
    assert mix.layout.meta["counts"] == {"A": comparison.mix["count_a"].tolist(), "B": comparison.mix["count_b"].tolist()}
    officials = compare_charts.officials_both_figure(comparison, colours)
    assert list(officials.data[0].y) == ["Donald Trump", "Kamala Harris", "Marcelo Ebrard"], "most named on both sides first"
    assert officials.layout.meta["counts"] == {"A": [2, 0, 2], "B": [0, 2, 0]}
    years = compare_charts.years_both_figure(comparison, colours)
    assert [list(t.text) for t in years.data] == [["0", "1", "3", "1"], ["3", "0", "1", "1"]]


@pytest.mark.parametrize(
    ("user_agent", "phone"),
    [
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1",
            True,
        ),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36", True),
        ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/604.1", False),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36", False),
        ("", False),
    ],
)
def test_a_phone_is_told_by_its_user_agent(user_agent, phone):
    assert charts.is_phone(user_agent) is phone
