"""The pure pieces of a Timeline readable on every screen (issue 14): precision worded from the window, "How it was
dated" in plain sentences, the label rule, the colour bands, the United States lane, the legend under the plot, the
export size, and text contrast on the light and the dark theme (WCAG AA)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pandas as pd
import pytest

from tests.conftest import ROOT
from tests.test_charts import END, START, make_event, make_events, traces
from ui import charts, reader
from ui.citation import build_citation, cite_figure
from ui.context_charts import LANDMARK_COLOUR
from ui.style import AA_MARK, AA_TEXT, build_style, contrast_ratio
from ui.view import View, view_from_query, view_to_query

T = pd.Timestamp
THEMES = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


@pytest.fixture(scope="module")
def style(reference):
    return build_style(reference)


@pytest.fixture(scope="module")
def seed_dataset():
    from tests.conftest import SEED_DIR
    from ui.cache import build_dataset

    return build_dataset(SEED_DIR)


def timeline(events, style, **options):
    return charts.timeline_figure(events, style, start=START, end=END, **options)


@pytest.mark.parametrize(
    ("earliest", "latest", "words"),
    [
        ("2019-06-07", "2019-06-07", "dated to the day"),
        ("2018-07-06", "2018-07-08", "dated within 3 days (6–8 Jul 2018)"),
        ("2019-06-01", "2019-06-30", "dated to the month"),
        ("2019-01-01", "2019-12-31", "dated to the year"),
        ("2019-06-03", "2019-06-20", "dated only to a day between 3 and 20 Jun 2019 (18 days)"),
        ("2019-06-07", "2019-09-11", "dated only to a day between 7 Jun and 11 Sep 2019 (97 days)"),
        ("2018-06-28", "2022-09-21", "dated only to a day between 28 Jun 2018 and 21 Sep 2022 (1,547 days)"),
    ],
)
def test_precision_is_worded_from_the_window(earliest, latest, words):
    assert charts.window_words(T(earliest), T(latest)) == words


def test_a_day_label_over_a_wide_window_is_never_called_dated_to_the_day():
    event = make_events(make_event("w", "2019-06-07", earliest="2018-06-28", latest="2022-09-21")).iloc[0]
    described = charts.describe_date(event)
    assert "dated to the day" not in described
    assert described.startswith("7 Jun 2019 (most likely day) · dated only to a day between 28 Jun 2018 and 21 Sep 2022 (1,547 days)")


def test_how_it_was_dated_is_plain_sentences_from_evidence_window_and_confidence():
    event = make_events(
        make_event(
            "d",
            "2019-06-07",
            earliest="2019-06-06",
            latest="2019-06-08",
            date_confidence="medium",
            date_evidence=["Friday", "June 2019"],
            date_method="“Friday” fits 3 days from 2019-06-06 to 2019-06-08 given the wire dateline (34%)",
        )
    ).iloc[0]
    sentences = reader.dating_sentences(event)
    assert sentences == [
        "The article's words that date it: “Friday”, “June 2019”.",
        "They leave 3 possible days, between 6 and 8 Jun 2019; 7 Jun 2019 is the likeliest.",
        reader.CONFIDENCE_SENTENCES["medium"],
    ]
    assert not any("%" in s or "dateline" in s for s in sentences), "the technical method stays in its expander"
    assert dict(reader.event_rows(event.to_dict(), STYLE()))["How it was dated"] == " ".join(sentences)


def STYLE():
    from loaders.reference import read_reference

    return build_style(read_reference())


def test_an_undated_event_says_why_it_has_no_date():
    (sentence,) = reader.dating_sentences(make_events(make_event("u", None)).iloc[0])
    assert sentence.startswith("No date could be read")


@pytest.mark.parametrize(("count", "labelled"), [(0, False), (1, True), (25, True), (26, False), (400, False)])
def test_events_are_labelled_only_when_25_or_fewer(count, labelled):
    assert charts.should_label(count) is labelled


def test_few_events_carry_their_clipped_title_and_many_do_not(style):
    days = ("2018-03-01", "2020-06-01", "2023-01-01")  # far enough apart for three titles on one side of a lane
    titled = [make_event(f"e{i}", day, title=f"Event number {i} with a long <b>title</b> indeed") for i, day in enumerate(days)]
    few = make_events(*titled)
    figure = timeline(few, style, lanes="administration")
    (points,) = traces(figure, "scatter")
    assert sorted(points.text) == sorted(charts.clip_label(f"Event number {i} with a long <b>title</b> indeed") for i in range(3))
    assert all(len(t.replace("&lt;", "<").replace("&gt;", ">")) <= charts.LABEL_CHARS for t in points.text)
    assert figure.layout.meta["titled"] == 3
    many = make_events(*(make_event(f"m{i}", (dt.date(2018, 1, 1) + dt.timedelta(days=40 * i)).isoformat()) for i in range(26)))
    (points,) = traces(timeline(many, style, lanes="administration"), "scatter")
    assert points.text is None and points.mode == "markers"


def test_labels_on_one_side_of_a_lane_do_not_overlap(style):
    events = make_events(*(make_event(f"c{i}", f"2019-06-{7 + i:02d}", countries=["MEX"]) for i in range(4)))
    marks, _ = charts.timeline_marks(events, style, "country", "administration", (END - START).days)
    titles = {e: charts.clip_label(f"Title of {e}") for e in marks["event_id"]}
    positions = charts.label_marks(marks, titles, (END - START).days)
    assert positions.tolist().count("top right") == 1 and positions.tolist().count("bottom right") == 1
    assert positions.eq("").sum() == 2, "two titles 1 day apart cannot both fit on one side: the list names them"


def test_every_policy_type_of_an_event_is_a_band_of_its_colour(style):
    events = make_events(make_event("t", "2019-06-07", policy_types=["asylum", "pressure", "enforcement"]))
    figure = timeline(events, style, lanes="administration")
    drawn = traces(figure, "scatter")
    assert [(t.name, t.marker.color) for t in drawn] == [
        (style.policy_type.label(k), style.policy_type.colour(k)) for k in ("asylum", "pressure", "enforcement")
    ]
    sizes = [t.marker.size[0] for t in drawn]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 3, "outermost first, each band visible"
    assert {t.customdata[0][0] for t in drawn} == {"t"}
    outer, *inner = drawn
    assert "Asylum, Pressure, Enforcement" in outer.customdata[0][4] and outer.hoverinfo is None
    assert all(t.hoverinfo == "skip" and t.customdata.shape == (1, 1) for t in inner), "the outer disc answers for the whole mark"
    legend = [t.name for t in figure.data if t.customdata is None and t.legendgroup in ("asylum", "pressure", "enforcement")]
    assert sorted(legend) == ["Asylum", "Enforcement", "Pressure"]
    assert "several policy types: a ring (or stripe) each" in [t.name for t in figure.data if t.legendgroup == "guide"]


def test_a_bar_of_several_types_is_split_into_stripes(style):
    events = make_events(make_event("b", "2019-06-15", precision="month", policy_types=["asylum", "pressure"]))
    bars = traces(timeline(events, style, lanes="administration"), "bar")
    assert len(bars) == 2 and bars[0].width[0] == bars[1].width[0] == charts.SPAN_THICKNESS / 2
    assert bars[0].y[0] - bars[1].y[0] == pytest.approx(charts.SPAN_THICKNESS / 2)


def test_the_united_states_lane_is_left_out_by_default_and_us_only_events_keep_a_lane(style):
    events = make_events(make_event("a", countries=["USA", "MEX"]), make_event("u", "2020-02-02", countries=["USA"]))
    hidden = timeline(events, style)
    assert list(hidden.layout.yaxis.ticktext) == ["Mexico", "United States alone"]
    assert {c[0] for t in traces(hidden) for c in t.customdata} == {"a", "u"}, "no event disappears"
    shown = timeline(events, style, us_lane=True)
    assert list(shown.layout.yaxis.ticktext) == ["United States", "Mexico"]
    assert list(timeline(events, style, lanes="policy_type").layout.yaxis.ticktext) == ["Asylum"]


@pytest.mark.parametrize(("query", "us_lane", "notice"), [({}, False, None), ({"us": "1"}, True, None), ({"us": "yes"}, False, "us='yes'")])
def test_the_us_lane_parameter_round_trips_and_falls_back_with_a_notice(query, us_lane, notice):
    from ui.view import Choices

    view, notices = view_from_query(query, Choices())
    assert view.us_lane is us_lane
    assert (notice is None and not notices) or any(notice in n for n in notices)
    assert view_to_query(View(us_lane=True)) == {"us": ["1"]} and view_to_query(View()) == {}


@pytest.mark.parametrize(
    ("labels", "plot_px", "rows"),
    [(("Trump (1st term)", "Biden"), 300, [0, 1]), (("Trump (1st term)", "Biden"), 2000, [0, 0])],
)
def test_era_labels_that_would_collide_go_up_a_row(style, labels, plot_px, rows):
    _, annotations = charts.era_shapes(style.eras, dt.date(2019, 6, 1), dt.date(2024, 12, 31), plot_px)
    assert [a["yshift"] // charts.ERA_ROW_PX for a in annotations] == rows


def test_the_legend_runs_under_the_axis_and_above_the_citation(style, seed_dataset):
    figure = timeline(make_events(make_event("a")), style)
    assert figure.layout.legend.orientation == "h" and figure.layout.legend.xref == "container"
    assert figure.layout.yaxis.title.text is None and figure.layout.yaxis.ticklabelposition == "inside top"
    cite_figure(figure, build_citation(seed_dataset.events, "all", "v1"), 58)
    charts.place_legend(figure)
    meta, layout = figure.layout.meta, figure.layout
    legend_top_px = layout.legend.y * layout.height  # from the figure's foot
    assert legend_top_px == pytest.approx(layout.margin.b - meta["axis_px"]), "right under the date axis and its title"
    (citation,) = [a for a in layout.annotations if a.name == "citation"]
    citation_top_px = layout.margin.b + citation.yshift  # the citation's top, from the figure's foot
    assert citation_top_px <= legend_top_px - layout.legend.maxheight, "the legend's rows end above the citation"
    assert -citation.yshift >= meta["axis_px"], "the axis title is clear of the citation"


def test_the_camera_saves_a_fixed_width_so_the_legend_is_whole():
    options = charts.chart_config("x", "svg", 1700)["toImageButtonOptions"]
    assert (options["width"], options["height"]) == (charts.EXPORT_WIDTH_PX, 1700)
    assert "width" not in charts.chart_config("x")["toImageButtonOptions"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_theme_text_meets_wcag_aa(theme):
    colours = THEMES[theme]
    for background in (colours["backgroundColor"], colours["secondaryBackgroundColor"]):
        assert contrast_ratio(colours["textColor"], background) >= AA_TEXT
    assert contrast_ratio(colours["primaryColor"], colours["backgroundColor"]) >= AA_TEXT


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_marks_drawn_in_one_colour_for_both_themes_stand_out_from_either_background(theme):
    for colour in (charts.GUIDE_COLOUR, LANDMARK_COLOUR):
        assert contrast_ratio(colour, THEMES[theme]["backgroundColor"]) >= AA_MARK


def test_highlights_and_alerts_set_their_own_dark_text():
    assert f"color:{reader.INK}" in reader.MARK
    for background, _ in reader.ALERT_COLOURS.values():
        assert contrast_ratio(reader.INK, background) >= AA_TEXT
    assert contrast_ratio(reader.INK, "#ffd95a") >= AA_TEXT


def test_no_chart_builder_sets_a_text_colour(style):
    figure = timeline(make_events(make_event("a"), make_event("b", "2020-01-01")), style)
    assert all(t.textfont.color is None for t in figure.data if t.type == "scatter")
    assert all(a.font.color is None for a in figure.layout.annotations)


@pytest.mark.parametrize(
    ("first", "second", "ratio"), [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)]
)
def test_contrast_ratio(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)
