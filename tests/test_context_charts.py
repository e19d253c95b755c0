"""The timeline's context layer as figure data: the landmark lane (labels placed apart, the most important first), the
policies' spans under the lanes, the links from article events to the landmarks they report, and the figure's geometry."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from tests.conftest import CORPUS_DIR
from ui import charts
from ui import context_charts as cc
from ui.cache import build_dataset
from ui.context import MAX_DRAWN, timeline_context
from ui.data import filter_events
from ui.view import View

START, END = dt.date(2018, 1, 1), dt.date(2024, 12, 31)


@pytest.fixture(scope="module")
def dev():
    return build_dataset(CORPUS_DIR)


def figure_for(dev, view: View | None = None):
    view = view or View()
    events = filter_events(dev.events, view)
    dated = events[events["date"].notna()]
    context = timeline_context(dev, view, dated)
    figure = charts.timeline_figure(dated, dev.style, start=view.start_date, end=view.end_date, selected=view.event_id)
    cc.add_context(
        figure,
        context.landmarks,
        context.policies,
        dev.style,
        start=view.start_date,
        end=view.end_date,
        links=context.links(dated),
        selected=view.event_id,
    )
    return figure, context


def layer(figure, name: str) -> list:
    return [t for t in figure.data if (t.meta or {}).get("layer") == name]


@pytest.mark.parametrize(
    ("starts", "ends", "rows", "expected"),
    [
        ([0, 5, 20], [10, 15, 30], 2, [0, 1, 0]),
        ([0, 5, 8], [10, 15, 12], 2, [0, 1, -1]),
        ([0, 10], [10, 20], 1, [0, 0]),
    ],
)
def test_place_keeps_intervals_apart_the_earlier_first(starts, ends, rows, expected):
    assert cc.place(starts, ends, rows) == expected


def test_landmarks_are_diamonds_in_their_own_lane_the_most_important_labelled(dev):
    figure, context = figure_for(dev)
    diamonds = layer(figure, "landmarks")
    assert {t.yaxis for t in diamonds} == {"y2"} and all(t.marker.symbol.startswith("diamond") for t in diamonds)
    drawn_on_lanes = [t for t in figure.data if t.type == "scatter" and t.yaxis in (None, "y") and list(t.x) != [None]]
    article_symbols = [getattr(t.marker, "symbol", None) for t in drawn_on_lanes]
    assert not any("diamond" in str(s) for s in article_symbols), "no article event is a diamond"
    drawn = {row[0] for t in diamonds for row in t.customdata}
    assert drawn == set(context.landmarks["event_id"])
    labelled = [t for t in diamonds if t.meta["labelled"]]
    texts = [text for t in labelled for text in t.text]
    assert len(texts) == figure.layout.meta["labelled"] >= 8
    assert set(texts) <= set(context.landmarks["label"])
    first = context.landmarks.iloc[0]
    assert first["label"] in texts, "the most important landmark is labelled"
    assert figure.layout.yaxis2.ticktext == ("<b>▲ Landmarks</b>",)


def test_labels_in_a_row_never_overlap_and_run_left_near_the_end(dev):
    _, context = figure_for(dev)
    placed = cc.landmark_rows(context.landmarks, START, END)
    days_per_px = ((END - START).days + 1) / cc.PLOT_PX
    spans = []
    rows = zip(context.landmarks[["date", "label_chars"]].itertuples(index=False), placed.itertuples(index=False), strict=True)
    for (day, chars), (row, left) in rows:
        if row == 0:
            continue
        width = (cc.LANDMARK_SIZE / 2 + chars * cc.CHAR_PX) * days_per_px
        x = (day - pd.Timestamp(START)).days
        spans.append((row, x - width if left else x, x if left else x + width, left, x))
    for row in range(1, cc.LABEL_ROWS + 1):
        ordered = sorted((a, b) for r, a, b, _, _ in spans if r == row)
        assert all(b <= c for (_, b), (c, _) in itertools.pairwise(ordered)), f"row {row} overlaps"
    span_days = (END - START).days + 1
    assert all(b <= span_days for _, _, b, left, _ in spans if not left), "no label runs past the range's end"


def test_a_narrow_range_labels_every_landmark(dev):
    view = View(start_date=dt.date(2019, 7, 22), end_date=dt.date(2019, 7, 31))
    figure, context = figure_for(dev, view)
    assert 0 < len(context.landmarks) == figure.layout.meta["labelled"]


def test_policies_are_named_spans_under_the_lanes_with_the_dates_at_the_foot(dev):
    figure, context = figure_for(dev)
    (bars,) = layer(figure, "policies")
    (names,) = layer(figure, "policy names")
    assert bars.yaxis == names.yaxis == "y3" and bars.orientation == "h"
    assert len(bars.y) == len(names.text) == len(context.policies) == figure.layout.meta["policies"]
    assert "Title 42 expulsions" in names.text and "MPP (Remain in Mexico)" in names.text
    title42 = list(names.text).index("Title 42 expulsions")
    assert bars.base[title42] == "2020-03-20"
    assert bars.x[title42] == (dt.date(2023, 5, 11) - dt.date(2020, 3, 20)).days * 86_400_000, "in force until it stopped"
    assert "in force 20 Mar 2020 – 11 May 2023" in bars.customdata[title42][1]
    hatched = [i for i, shape in enumerate(bars.marker.pattern.shape) if shape == "/"]
    assert hatched and all("never in force" in bars.customdata[i][1] for i in hatched)
    lanes, lane, foot = figure.layout.yaxis.domain, figure.layout.yaxis2.domain, figure.layout.yaxis3.domain
    assert foot[1] < lanes[0] < lanes[1] < lane[0] and lane[1] == 1, "landmarks on top, events, then policies"
    assert figure.layout.xaxis.anchor == "y3"
    rows = {(y, b) for y, b in zip(bars.y, bars.base, strict=True)}
    assert len(rows) == len(bars.y), "two policies never start in the same row on the same day"


def test_an_article_event_is_joined_to_the_landmark_it_reports(dev):
    figure, context = figure_for(dev, View(countries=("GTM",)))
    (link,) = [s for s in figure.layout.shapes if s.name == "links"]
    linked = context.links(filter_events(dev.events, View(countries=("GTM",))))
    assert len(linked) and figure.layout.meta["links"] == link.path.count("M") >= len(linked)
    aca = dev.landmarks.set_index("landmark_id").loc["guatemala_aca_signed_2019_07", "date"]
    assert f"L{aca:%Y-%m-%d}," in link.path
    assert link.yref == "paper" and link.line.dash == "dot"


def test_the_switches_hide_each_layer_and_the_figure_keeps_its_lanes(dev):
    plain = charts.timeline_figure(
        dev.events[dev.events["date"].notna() & (dev.events["role"] == "primary")], dev.style, start=START, end=END
    )
    for view, kept in ((View(landmarks=False), "policies"), (View(policies=False), "landmarks")):
        figure, _ = figure_for(dev, view)
        hidden = {"policies", "landmarks"} - {kept}
        assert layer(figure, kept) and not any(layer(figure, name) for name in hidden)
    figure, _ = figure_for(dev, View(landmarks=False, policies=False))
    assert figure.layout.height == plain.layout.height and len(figure.data) == len(plain.data)
    assert "yaxis2" not in figure.to_plotly_json()["layout"]


def test_a_selected_landmark_is_the_selected_point(dev):
    figure, _ = figure_for(dev, View(event_id="landmark-us_mexico_joint_declaration_2019_06"))
    selected = [(t, i) for t in layer(figure, "landmarks") for i in (t.selectedpoints or ())]
    assert [t.customdata[i][0] for t, i in selected] == ["landmark-us_mexico_joint_declaration_2019_06"]


def test_hover_and_labels_are_escaped(reference):
    from tests.test_landmark_rows import build, landmark, policy
    from ui.policies import build_policies
    from ui.style import build_style

    style = build_style(reference)
    landmarks = build(reference, style, landmark("x", "2019-06-07", title="<img src=x onerror=alert(1)>"))
    (trace,) = cc.landmark_traces(landmarks, cc.landmark_rows(landmarks, START, END))
    assert "<img" not in trace["text"][0] and "&lt;img" in trace["text"][0]
    assert "<img" not in trace["customdata"][0][1]
    policies = build_policies([policy("p", "2019-06-07", "2019-06-07", name="<b>bold</b>")], style)
    rows, left = cc.policy_rows(policies, START, END)
    bar, names = cc.policy_traces(policies, rows, left, START, END)
    assert names["text"] == ["&lt;b&gt;bold&lt;/b&gt;"] and bar["customdata"][0][0] == "&lt;b&gt;bold&lt;/b&gt;"


def test_a_wide_range_draws_the_most_important_landmarks_and_every_one_an_article_reports(dev):
    events = filter_events(dev.events, View())
    dated = events[events["date"].notna()]
    context = timeline_context(dev, View(), dated)
    reported = set(dated["landmark_id"]) - {""}
    assert context.matching > MAX_DRAWN and reported <= set(context.landmarks["landmark_id"])
    assert len(context.landmarks) <= MAX_DRAWN + len(reported)
    assert context.landmarks["priority"].head(MAX_DRAWN).is_monotonic_increasing
    assert f"{context.matching} landmarks of the period match the filters ({len(context.landmarks)} drawn" in context.caption()
    narrow = View(start_date=dt.date(2019, 6, 1), end_date=dt.date(2019, 12, 31))
    assert len(timeline_context(dev, narrow, dated).landmarks) == timeline_context(dev, narrow, dated).matching
