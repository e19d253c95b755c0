"""Figure builders and the tables behind them, tested as data: traces, their x values and names, never pixels."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from loaders import COLUMNS, validate_events
from loaders.schema import DATE_COLUMNS, LIST_COLUMNS
from tests.conftest import SEED_DIR
from ui import charts, slides
from ui.cache import build_dataset
from ui.data import cross_counts, filter_events, prepare_events
from ui.style import build_style
from ui.view import COUNTED_CELL, COUNTED_FIRST_EVENT, View, cell_view

START, END = dt.date(2018, 1, 1), dt.date(2024, 12, 31)
DAY_MS = 86_400_000


def make_event(event_id: str, date: str | None = "2019-06-07", **fields) -> dict:
    """One contract-valid event row; a month/year precision widens the window to the whole month/year."""
    precision = fields.pop("precision", "day" if date else "")
    day = pd.Timestamp(date) if date else pd.NaT
    earliest, latest = {
        "day": (day, day),
        "month": (day.replace(day=1) if date else day, day + pd.offsets.MonthEnd(0) if date else day),
        "year": (day.replace(month=1, day=1) if date else day, day.replace(month=12, day=31) if date else day),
        "": (pd.NaT, pd.NaT),
    }[precision]
    row = {name: [] if name in LIST_COLUMNS else pd.NaT if name in DATE_COLUMNS else "" for name in COLUMNS}
    row |= {"n_sources": 1, "merge_similarity": float("nan"), "role": "primary"}
    row |= {
        "event_id": event_id,
        "article_id": event_id,
        "title": f"Title of {event_id}",
        "summary": f"Summary of {event_id}",
        "language": "en",
        "date": day,
        "date_earliest": fields.pop("earliest", earliest),
        "date_latest": fields.pop("latest", latest),
        "date_precision": precision,
        "date_confidence": "high" if date else "low",
        "us_administration": "" if not date else ("trump_1" if day < pd.Timestamp("2021-01-20") else "biden"),
        "countries": ["USA", "MEX"],
        "policy_types": ["asylum"],
        "source_articles": [event_id],
    }
    row.update(fields)
    for name in ("date_earliest", "date_latest"):
        row[name] = pd.Timestamp(row[name]) if not pd.isna(row[name]) else pd.NaT
    return row


def make_events(*rows: dict) -> pd.DataFrame:
    return prepare_events(validate_events(pd.DataFrame(list(rows), columns=list(COLUMNS))))


@pytest.fixture(scope="module")
def style(reference):
    return build_style(reference)


@pytest.fixture(scope="module")
def seed():
    return build_dataset(SEED_DIR)


def traces(figure, kind: str | None = None, name: str | None = None) -> list:
    return [t for t in figure.data if (kind is None or t.type == kind) and (name is None or t.name == name) and t.customdata is not None]


def timeline(events, style, **options):
    return charts.timeline_figure(events, style, start=START, end=END, **options)


def test_day_event_is_a_point_on_its_date(style):
    figure = timeline(make_events(make_event("a", "2019-06-07")), style, lanes="administration")
    (trace,) = traces(figure)
    assert (trace.type, trace.name, list(trace.x)) == ("scatter", "Asylum", ["2019-06-07"])
    assert trace.marker.symbol == "circle"
    assert trace.customdata[0][0] == "a"


def test_month_event_is_a_bar_over_its_window_not_a_point(style):
    figure = timeline(
        make_events(make_event("m", "2019-06-15", precision="month", date_confidence="medium")), style, lanes="administration"
    )
    (bar,) = traces(figure)
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.base) == ["2019-06-01"]
    assert list(bar.x) == [30 * DAY_MS]
    assert not traces(figure, "scatter")


def test_low_confidence_is_hollow(style):
    events = make_events(
        make_event("p", "2019-06-07", date_confidence="low"),
        make_event("s", "2020-03-10", precision="year", date_confidence="low"),
        make_event("q", "2022-01-05"),
    )
    figure = timeline(events, style, lanes="administration")
    symbols = {c[0]: t.marker.symbol for t in traces(figure, "scatter") for c in t.customdata}
    assert symbols == {"p": "circle-open", "q": "circle"}
    (bar,) = traces(figure, "bar")
    assert bar.marker.color[0] == charts.HOLLOW_FILL and bar.marker.line.color == style.policy_type.colour("asylum")


def test_legend_shows_each_colour_once_as_a_solid_dot_even_when_its_first_event_is_hollow(style):
    events = make_events(make_event("p", "2019-06-07", date_confidence="low"), make_event("s", "2020-03-10", precision="year"))
    figure = timeline(events, style)
    legend = [t for t in figure.data if t.showlegend is not False and t.customdata is None and t.legendgroup != "guide"]
    assert [(t.name, t.marker.symbol, t.marker.color) for t in legend] == [("Asylum", "circle", style.policy_type.colour("asylum"))]
    assert figure.layout.legend.title.text == "Policy type" and not any(t.legendgrouptitle.text for t in figure.data)
    assert all(t.showlegend is False for t in traces(figure))
    assert [t.name for t in figure.data if t.legendgroup == "guide"] == [
        "a day (or within 3): dot",
        "low confidence: hollow",
        "month or year: bar over it",
        "possible window of a day",
    ]


def test_country_lanes_repeat_an_event_in_each_party_lane_in_reference_order(style):
    events = make_events(make_event("a", countries=["MEX", "USA"]), make_event("b", "2022-02-02", countries=["GTM"]))
    figure = timeline(events, style, lanes="country", us_lane=True)
    assert list(figure.layout.yaxis.ticktext) == ["United States", "Mexico", "Guatemala"]
    assert list(figure.layout.yaxis.tickvals) == [2, 1, 0]
    assert {k: figure.layout.meta[k] for k in ("events", "marks")} == {"events": 2, "marks": 3}
    ys = {c[0] + str(round(y)) for t in traces(figure) for c, y in zip(t.customdata, t.y, strict=True)}
    assert ys == {"a2", "a1", "b0"}


def test_policy_type_lanes_colour_each_mark_by_its_lane(style):
    figure = timeline(make_events(make_event("a", policy_types=["pressure", "asylum"])), style, lanes="policy_type", colour="policy_type")
    assert {t.name: t.marker.color for t in traces(figure)} == {
        "Asylum": style.policy_type.colour("asylum"),
        "Pressure": style.policy_type.colour("pressure"),
    }


def test_colour_by_administration_names_traces_by_administration(style):
    events = make_events(make_event("a", "2019-06-07"), make_event("b", "2023-03-03"))
    figure = timeline(events, style, colour="administration")
    assert [t.name for t in traces(figure)] == ["Trump (1st term)", "Biden"]
    assert traces(figure)[1].marker.color == style.administration.colour("biden") == "#004488"


def test_unclassified_and_partyless_events_get_their_own_lane_and_colour(style):
    figure = timeline(make_events(make_event("a", countries=[], policy_types=[])), style)
    assert list(figure.layout.yaxis.ticktext) == ["No party identified"]
    assert [t.name for t in traces(figure)] == ["Unclassified"]


def test_undated_events_are_not_drawn(style):
    figure = timeline(make_events(make_event("a"), make_event("u", None)), style)
    assert {c[0] for t in traces(figure) for c in t.customdata} == {"a"}


def test_administrations_are_labelled_shaded_eras_clipped_to_the_range(style):
    figure = timeline(make_events(make_event("a")), style)
    assert [(s.name, s.x0, s.x1) for s in figure.layout.shapes] == [
        ("trump_1", "2018-01-01", "2021-01-20"),
        ("biden", "2021-01-20", "2025-01-01"),
    ]
    assert [a.text for a in figure.layout.annotations] == ["<b>Trump (1st term)</b>", "<b>Biden</b>"]
    assert figure.layout.xaxis.type == "date" and figure.layout.xaxis.range == ("2018-01-01", "2025-01-01")


def test_a_day_event_with_a_wider_window_shows_that_window(style):
    event = make_event("w", "2018-07-06", earliest="2018-07-06", latest="2018-07-13", date_confidence="low")
    figure = timeline(make_events(event), style, lanes="administration")
    (window,) = [t for t in figure.data if t.name == "window"]
    assert list(window.x) == ["2018-07-06", "2018-07-14", None]
    (point,) = traces(figure)
    assert window.y[0] == point.y[0]


def test_hover_says_title_date_precision_confidence_parties_types_and_source(style):
    event = make_event("h", "2019-06-07", title="Deal <b>signed</b> & sealed", source="Reuters", date_confidence="medium")
    (trace,) = traces(timeline(make_events(event), style))
    assert list(trace.customdata[0]) == [
        "h",
        "Deal &lt;b&gt;signed&lt;/b&gt; &amp; sealed",
        "7 Jun 2019 · dated to the day · medium confidence",
        "United States, Mexico",
        "Asylum",
        "Reuters",
    ]
    assert "%{customdata[1]}" in trace.hovertemplate


def test_quotes_reach_plotly_once_escaped_for_plotly(style):
    event = make_event("q", "2019-06-07", title='He said "no" & <b>left</b>', source="The 'Wire'")
    figure = timeline(make_events(event), style, title='Deals "signed"', subtitle='matching "no"')
    (trace,) = traces(figure)
    assert trace.customdata[0][1] == 'He said "no" &amp; &lt;b&gt;left&lt;/b&gt;', "plotly shows &quot; literally: quotes stay"
    assert trace.customdata[0][5] == "The 'Wire'"
    assert (figure.layout.title.text, figure.layout.title.subtitle.text) == ('Deals "signed"', 'matching "no"')
    assert "&quot;" not in figure.to_json() and "&#x27;" not in figure.to_json()


def test_selected_event_is_the_selected_point(style):
    events = make_events(make_event("a", "2019-06-07"), make_event("b", "2020-06-07"))
    (trace,) = traces(timeline(events, style, selected="b", lanes="administration"))
    assert trace.selectedpoints == (1,)
    (trace,) = traces(timeline(events, style, selected="b", us_lane=True))
    assert trace.selectedpoints == (2, 3)
    (trace,) = traces(timeline(events, style))
    assert trace.selectedpoints is None


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        ([0, 100], [0, 100], [0.0, 0.0]),
        ([0, 1], [0, 1], [0.0, 0.24]),
        ([0, 1, 2], [0, 1, 2], [0.0, 0.24, -0.24]),
        ([0, 10, 3], [30, 10, 3], [0.0, 0.24, 0.24]),
        ([0, 10, 40], [30, 10, 40], [0.0, 0.24, 0.0]),
    ],
)
def test_dodge_moves_only_marks_that_would_overlap(starts, ends, expected):
    assert charts.dodge(starts, ends, min_gap=5) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": "2019-06-07"}, "7 Jun 2019 · dated to the day · high confidence"),
        ({"date": "2019-06-15", "precision": "month"}, "June 2019 · dated to the month · high confidence"),
        (
            {"date": "2019-07-25", "precision": "year", "earliest": "2019-06-07", "latest": "2019-09-11"},
            "2019 · dated only to a day between 7 Jun and 11 Sep 2019 (97 days) · high confidence",
        ),
        (
            {"date": "2018-07-06", "earliest": "2018-07-06", "latest": "2018-07-13"},
            "6 Jul 2018 (most likely day) · dated only to a day between 6 and 13 Jul 2018 (8 days) · high confidence",
        ),
        ({"date": None}, "undated · low confidence"),
    ],
)
def test_describe_date(fields, expected):
    event = make_events(make_event("d", **fields)).iloc[0]
    assert charts.describe_date(event).startswith(expected)


def test_cross_counts_counts_each_event_once_per_key_with_column_shares():
    events = make_events(
        make_event("a", "2019-01-01", policy_types=["asylum", "pressure"]),
        make_event("b", "2019-05-01", policy_types=["asylum"]),
        make_event("c", "2020-05-01", policy_types=[]),
    )
    counts = cross_counts(events, "policy_type", "year").set_index(["row", "column"])
    assert counts["count"].to_dict() == {("asylum", "2019"): 2, ("pressure", "2019"): 1, ("", "2020"): 1}
    assert counts.loc[("pressure", "2019"), "share"] == 0.5
    assert counts.loc[("asylum", "2019"), ["column_total", "row_total"]].tolist() == [2, 2]


def test_matrix_labels_show_counts_and_shares_and_totals(style):
    events = make_events(make_event("a", "2019-01-01", policy_types=["asylum", "pressure"]), make_event("b", "2019-05-01"))
    counts = cross_counts(events, "policy_type", "year")
    figure = charts.matrix_figure(counts, style.policy_type, charts.year_dimension(counts["column"]), colour_by="row", show_share=True)
    (trace,) = figure.data
    assert list(trace.text) == ["2 · 100%", "1 · 50%"]
    assert list(trace.y) == ["Asylum (2)", "Pressure (1)"]
    assert set(trace.x) == {"2019<br>(2 events)"}
    assert [tuple(c) for c in trace.customdata] == [("asylum", "2019"), ("pressure", "2019")]
    assert trace.marker.color == (style.policy_type.colour("asylum"), style.policy_type.colour("pressure"))
    assert figure.layout.meta["column_totals"] == {"2019": 2}


def test_year_dimension_puts_undated_last():
    assert charts.year_dimension(["2020", "Undated", "2018"]).keys == ("2018", "2020", "Undated")


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (View(), {"a", "b", "m", "u"}),
        (View(undated=False), {"a", "b", "m"}),
        (View(start_date=dt.date(2019, 6, 20), end_date=dt.date(2019, 12, 31)), {"m", "u"}),
        (View(countries=("GTM",)), {"b"}),
        (View(policy_types=("pressure", "returns")), {"b"}),
        (View(administrations=("biden",)), {"b"}),
        (View(min_confidence="medium"), {"a", "b", "m"}),
        (View(min_confidence="high"), {"a", "b"}),
        (View(search="TARIFF"), {"b"}),
        (View(search="tariff threat"), {"b"}),
        (View(search="tariff nowhere"), set()),
        (View(mentioned=True), {"a", "b", "m", "u", "r"}),
    ],
)
def test_filter_events(view, expected):
    events = make_events(
        make_event("r", "2019-06-01", role="referenced"),
        make_event("a", "2019-06-07"),
        make_event("b", "2022-01-01", countries=["GTM"], policy_types=["pressure"], summary="A tariff threat"),
        make_event("m", "2019-06-15", precision="month", date_confidence="medium"),
        make_event("u", None),
    )
    assert set(filter_events(events, view)["event_id"]) == expected


def test_every_policy_type_and_us_administration_has_a_distinct_colour(style):
    for dimension in (style.policy_type, style.administration):
        colours = [dimension.colours[k] for k in dimension.keys]
        assert all(c.startswith("#") and len(c) == 7 for c in colours), dimension.name
        assert len(set(colours)) == len(colours), dimension.name


def test_seed_corpus_timeline_draws_every_dated_event(seed):
    shown = filter_events(seed.events, View())
    figure = charts.timeline_figure(shown, seed.style, start=START, end=END)
    drawn = {c[0] for t in traces(figure) for c in t.customdata}
    assert drawn == set(shown.loc[shown["date"].notna(), "event_id"])
    assert len(drawn) == 5


def test_chart_config_names_the_image_file():
    config = charts.chart_config("timeline_by-country", "svg")
    assert config["toImageButtonOptions"] == {"format": "svg", "filename": "timeline_by-country", "scale": 1}
    assert config["displaylogo"] is False


def test_a_mentioned_event_is_a_smaller_mark_and_a_thinner_bar(style):
    events = make_events(
        make_event("main", "2019-06-07"),
        make_event("said", "2019-05-20", role="referenced"),
        make_event("month", "2019-03-15", precision="month", role="referenced"),
    )
    figure = timeline(events, style, lanes="administration")
    (points,) = traces(figure, "scatter")
    sizes = dict(zip([c[0] for c in points.customdata], points.marker.size, strict=True))
    assert sizes == {"main": charts.MARKER_SIZE, "said": charts.MENTION_SIZE}
    (bar,) = traces(figure, "bar")
    assert bar.width == (charts.MENTION_THICKNESS,)
    assert "mentioned in an article" in points.customdata[[c[0] for c in points.customdata].index("said")][5]
    assert "only mentioned in an article: small" in [t.name for t in figure.data if t.legendgroup == "guide"]


def test_an_event_from_several_articles_is_ringed_and_says_so(style):
    events = make_events(
        make_event("pact", "2019-07-26", n_sources=2, source_articles=["pact", "other"]),
        make_event("month", "2019-03-15", precision="month", n_sources=3, source_articles=["month", "b", "c"]),
        make_event("alone", "2020-01-10"),
    )
    figure = timeline(events, style, lanes="administration")
    (ring,) = [t for t in figure.data if t.name == "several sources"]
    assert sorted(ring.x) == ["2019-03-16", "2019-07-26"], "a point's day, or the middle of a bar"
    assert ring.hoverinfo == "skip" and ring.customdata is None
    hover = {c[0]: c[5] for t in traces(figure) for c in t.customdata}
    assert "reported by 2 articles" in hover["pact"] and "reported by" not in hover["alone"]
    assert "reported by several articles: ringed" in [t.name for t in figure.data if t.legendgroup == "guide"]


def test_without_mentioned_or_merged_events_there_is_no_ring_and_no_extra_legend(style):
    figure = timeline(make_events(make_event("a", "2019-06-07")), style)
    assert not [t for t in figure.data if t.name == "several sources"]
    assert len([t for t in figure.data if t.legendgroup == "guide"]) == 4


def test_a_narrow_timeline_reserves_its_legend_rows_for_a_phone_and_keeps_labels_apart_for_its_plot(style):
    days = (dt.date(2018, 3, 1) + dt.timedelta(days=200 * i) for i in range(8))  # 8 events, 200 days apart
    types = style.policy_type.keys[:8]
    events = make_events(
        *(make_event(f"e{i}", day.isoformat(), policy_types=[t]) for i, (day, t) in enumerate(zip(days, types, strict=True)))
    )
    wide, narrow = (charts.timeline_figure(events, style, start=START, end=END, narrow=n) for n in (False, True))
    assert narrow.layout.meta["legend_px"] > wide.layout.meta["legend_px"], "more rows for the same entries on a phone's width"
    entries = len([t for t in narrow.data if t.showlegend is not False]) + 3  # add_context's three entries come later
    assert narrow.layout.meta["legend_px"] == charts.PHONE_LEGEND_ROW_PX * (entries + 1), "a row for each entry on a phone"
    assert [t.name for t in narrow.data if t.showlegend is not False] == [t.name for t in wide.data if t.showlegend is not False]
    assert 0 < narrow.layout.meta["titled"] < wide.layout.meta["titled"], "fewer titles fit a phone's plot"


def test_the_timeline_title_says_count_lanes_and_colours():
    assert charts.timeline_title(12, "policy_type", "administration") == "12 events by policy type, coloured by administration"
    assert charts.timeline_title(1, "country", "policy_type").startswith("1 event by country")
    assert charts.timeline_title(7257, "country", "policy_type", counted="month").startswith("7,257 events by country")


@pytest.mark.parametrize(
    ("start", "end", "unit", "cells_n"),
    [(dt.date(2019, 1, 1), dt.date(2019, 12, 31), "week", 53), (dt.date(2017, 1, 1), dt.date(2024, 12, 31), "month", 96)],
)
def test_more_events_than_can_be_drawn_are_counted_per_lane_and_period(style, monkeypatch, start, end, unit, cells_n):
    monkeypatch.setattr(charts, "DENSE_MARKS", 4)  # the events below make 5 marks: both of b's lanes, once each
    events = make_events(
        make_event("a", "2019-06-03", countries=["MEX"]),
        make_event("b", "2019-06-05", countries=["MEX", "GTM"]),
        make_event("c", "2019-09-10", countries=["GTM"]),
        make_event("d", "2019-09-11", countries=["GTM"], precision="month"),  # counted at its most likely day
        make_event("e", None, countries=["MEX"]),  # undated: never counted
    )
    figure = charts.timeline_figure(
        events, style, start=start, end=end, title=charts.timeline_title(4, "country", "policy_type", counted=unit)
    )
    heatmap, cells = figure.data
    assert heatmap.type == "heatmap" and len(heatmap.x) == cells_n + 1, "one edge more than cells: each cell spans its period"
    assert list(figure.layout.yaxis.ticktext) == ["Mexico", "Guatemala"] and list(heatmap.y) == [1, 0]
    counts = {
        (lane, x): int(n)
        for lane, row in zip(heatmap.y, heatmap.z, strict=True)
        for x, n in zip(heatmap.x[:-1], row, strict=True)
        if n == n
    }
    june, september = ("2019-06-03", "2019-09-09") if unit == "week" else ("2019-06-01", "2019-09-01")
    assert counts == {(1, june): 2, (0, june): 1, (0, september): 2}
    assert heatmap.hoverinfo == "skip", "the unseen markers over the cells answer hover and clicks"
    # an unseen marker at the centre of each cell that holds events, with the cell's first and last day to narrow to
    last_june, last_september = ("2019-06-09", "2019-09-15") if unit == "week" else ("2019-06-30", "2019-09-30")
    opened = {(int(y), row[1], row[2]) for y, row in zip(cells.y, cells.customdata, strict=True)}
    assert opened == {(1, june, last_june), (0, june, last_june), (0, september, last_september)}
    centres = {pd.Timestamp(x) - pd.Timestamp(row[1]) for x, row in zip(cells.x, cells.customdata, strict=True)}
    assert centres == ({pd.Timedelta(days=3.5)} if unit == "week" else {pd.Timedelta(days=15)}), "at the middle of its period"
    assert cells.marker.opacity == 0 and cells.mode == "markers"
    assert {row[0] for row in cells.customdata} == {COUNTED_CELL}, "a click on a cell narrows the dates (cell_view), it opens no event"
    hover = {(int(y), row[1]): row[3] for y, row in zip(cells.y, cells.customdata, strict=True)}
    assert "Guatemala</b> · " in hover[(0, september)] and "2 events" in hover[(0, september)]
    assert cells.hovertemplate == "%{customdata[3]}<extra></extra>"
    earliest = {(int(y), row[1]): row[COUNTED_FIRST_EVENT] for y, row in zip(cells.y, cells.customdata, strict=True)}
    assert earliest == {(1, june): "a", (0, june): "b", (0, september): "c"}, "a presenter's click shows the cell's earliest event"
    assert figure.layout.meta["counted"] == unit and figure.layout.meta["events"] == 4
    assert figure.layout.title.text.startswith(f"4 events by country, counted per {unit}")
    summary = charts.timeline_summary(figure, "country", ["Mexico", "Guatemala"])
    assert f"counts 4 events per {unit}" in summary and "Narrow the dates" in summary
    assert charts.counting(events, "country", "policy_type", start, end) == unit
    selected = charts.timeline_figure(events, style, start=start, end=end, selected="b")
    (ring,) = [t for t in selected.data if t.name == "selected event"]
    assert [(row[0], y, x) for row, y, x in zip(ring.customdata, ring.y, ring.x, strict=True)] == [
        ("b", 1, "2019-06-05"),
        ("b", 0, "2019-06-05"),
    ]
    assert charts.counting(events[events["event_id"] != "a"], "country", "policy_type", start, end) == "", "4 marks are drawn"


def test_a_counted_cell_at_the_ends_of_the_range_opens_only_days_inside_it(style, monkeypatch):
    monkeypatch.setattr(charts, "DENSE_MARKS", 0)  # count from the first mark
    events = make_events(make_event("a", "2019-06-12"), make_event("b", "2019-08-20"))
    start, end = dt.date(2019, 6, 12), dt.date(2019, 8, 21)  # Wednesdays: the first and last weeks are cut by the range
    heatmap, cells = charts.timeline_figure(events, style, start=start, end=end).data
    assert heatmap.x[0] == "2019-06-10" and heatmap.x[-1] == "2019-08-26", "the cells span whole weeks (Monday to Sunday)"
    assert [tuple(row[1:3]) for row in cells.customdata] == [("2019-06-12", "2019-06-16"), ("2019-08-19", "2019-08-21")]
    assert cell_view(cells.customdata[0]) == {"start_date": dt.date(2019, 6, 12), "end_date": dt.date(2019, 6, 16)}


def test_a_counted_cells_earliest_event_is_the_first_in_deck_order_whatever_the_table_order(style, monkeypatch):
    monkeypatch.setattr(charts, "DENSE_MARKS", 0)  # count from the first mark
    events = make_events(
        make_event("y", "2019-06-20"),
        make_event("x", "2019-06-02", precision="month"),  # listed after y, but its most likely day is earlier
        make_event("w", "2019-06-02"),  # the same day as x, with a later earliest possible day: after x in the deck
    )
    _, cells = charts.timeline_figure(events, style, start=dt.date(2018, 1, 1), end=dt.date(2020, 12, 31)).data  # per month
    assert [row[COUNTED_FIRST_EVENT] for row in cells.customdata] == ["x"]
    assert slides.build_deck(events).event_ids[0] == "x", "the presenter's deck starts there too"


@pytest.mark.parametrize(
    ("lanes", "colour", "us_lane", "marks"),
    [
        ("country", "policy_type", False, 2 * 2 + 1 * 1),  # two parties besides the US, two types; the US alone, one type
        ("country", "policy_type", True, 3 * 2 + 1 * 1),
        ("country", "administration", False, 2 + 1),
        ("policy_type", "policy_type", False, 2 + 1),
        ("administration", "policy_type", False, 2 + 1),
    ],
)
def test_mark_count_is_the_number_of_marks_drawn(style, lanes, colour, us_lane, marks):
    events = make_events(
        make_event("a", "2019-06-03", countries=["USA", "MEX", "GTM"], policy_types=["asylum", "pressure"]),
        make_event("b", "2019-07-03", countries=["USA"], policy_types=["asylum"]),
        make_event("c", None, countries=["MEX"]),
    )
    dated = events[events["date"].notna()]
    assert charts.mark_count(dated, lanes, colour, us_lane) == marks
    drawn, _ = charts.timeline_marks(dated, style, lanes, colour, 365, us_lane)
    assert len(drawn) == marks


def test_the_event_picker_names_each_event_by_its_day_and_title_or_its_id(style):
    events = make_events(make_event("a", "2019-06-07", title="Deal signed"), make_event("b", "2020-01-15", title=""))
    listed = charts.event_list(events, style)
    assert charts.pick_labels(listed) == {"a": "7 Jun 2019 — Deal signed", "b": "15 Jan 2020 — b"}


def test_the_event_list_reads_the_words_the_dataset_carries_as_it_would_make_them(style, seed):
    events = make_events(
        make_event("a", "2019-06-07", countries=["MEX", "GTM"], policy_types=["asylum"]),
        make_event("b", "2019-06-12", countries=["USA"], precision="month"),
        make_event("c", None, countries=["MEX"]),
    )
    bare = charts.event_list(events, style)
    assert bare["when"].tolist() == ["dated to the day", "dated to the month"]
    assert bare["countries"].tolist() == [["Mexico", "Guatemala"], ["United States"]]
    carried = events.assign(**charts.list_words(events, style))
    assert charts.event_list(carried, style).equals(bare)
    assert charts.event_list(carried.assign(list_when="from the dataset"), style)["when"].tolist() == ["from the dataset"] * 2
    assert set(charts.LISTED) <= set(seed.events.columns), "the dataset carries them, built once per data version"
    listed = charts.event_list(seed.events, seed.style)
    assert listed.equals(charts.event_list(seed.events.drop(columns=list(charts.LISTED)), seed.style))
