"""Exports cite themselves, pure: which articles and outlets a set of events comes from, the citation as a figure line,
a text file and a JSON record, and the figure that carries it (figures as data)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from ui import citation as cite

EVENTS = pd.DataFrame(
    {
        "event_id": ["a-0", "b-0", "c-0", "d-0"],
        "article_id": ["a", "b", "c", "d"],
        "source_articles": [["a", "e"], ["b"], ["c"], ["d"]],
        "source": ["Reuters", "AP", "Reuters", ""],
    }
)
CITATION = cite.build_citation(
    EVENTS, "1 Jan 2019 – 31 Dec 2019 · Mexico", "abc123", "http://host/Timeline?country=MEX", dt.date(2024, 5, 1)
)


def test_a_citation_names_every_article_and_ranks_the_outlets():
    assert CITATION.articles == ("a", "b", "c", "d", "e"), "articles merged into an event count too"
    assert CITATION.outlets == (("Reuters", 2), ("AP", 1), (cite.NO_OUTLET, 1)), "most events first, the unknown outlet last"
    assert CITATION.n_events == 4


@pytest.mark.parametrize(
    ("most", "words"),
    [
        (None, "Reuters (2), AP (1), outlet not shown (1)"),
        (2, "Reuters (2), AP (1) and 1 more outlet"),
        (1, "Reuters (2) and 2 more outlets"),
    ],
)
def test_outlets_in_words(most, words):
    assert cite.outlet_words(CITATION, most) == words


def test_the_figure_line_says_work_version_counts_outlets_and_filters():
    line = cite.citation_line(CITATION)
    assert line.startswith(f"Source: {cite.WORK} ({cite.PRODUCER}, 2024), data version abc123 · 4 events from 5 articles")
    assert line.endswith("filters: 1 Jan 2019 – 31 Dec 2019 · Mexico · view: http://host/Timeline?country=MEX#data-version=abc123")


def test_the_text_file_cites_everything():
    text = cite.citation_text(CITATION, ("events.csv", "events.json"))
    for words in (
        "Data version: abc123",
        "Filters: 1 Jan 2019 – 31 Dec 2019 · Mexico",
        "This view: http://host/Timeline?country=MEX#data-version=abc123",
        f"Cite as: {cite.WORK} (2024), {cite.PRODUCER}. Data version abc123",
        f"Producer: {cite.PRODUCER}",
        "Files: events.csv, events.json",
        "Article ids: a, b, c, d, e",
        "retrieved 2024-05-01",
    ):
        assert words in text


def test_the_json_download_holds_the_citation_beside_the_events():
    payload = json.loads(cite.cited_json('[{"event_id": "a-0"}]', CITATION))
    assert payload["events"] == [{"event_id": "a-0"}]
    record = payload["citation"]
    assert record["data_version"] == "abc123" and record["article_ids"] == ["a", "b", "c", "d", "e"]
    assert record["outlets"] == {"Reuters": 2, "AP": 1, cite.NO_OUTLET: 1} and record["retrieved"] == "2024-05-01"
    assert (record["producer"], record["year"]) == (cite.PRODUCER, "2024")
    assert record["view"] == "http://host/Timeline?country=MEX#data-version=abc123"


@pytest.mark.parametrize(
    ("link", "version", "stable"),
    [
        ("http://host/Compare?a=MEX", "abc123", "http://host/Compare?a=MEX#data-version=abc123"),
        ("http://host/Compare", "abc123", "http://host/Compare#data-version=abc123"),
        ("http://host/Compare?a=MEX#data-version=old", "new", "http://host/Compare?a=MEX#data-version=new"),
        ("http://host/Compare?a=MEX", "", "http://host/Compare?a=MEX"),
        ("", "abc123", ""),
        ("?", "abc123", ""),
    ],
)
def test_a_stable_link_carries_the_data_version(link, version, stable):
    assert cite.stable_link(link, version) == stable


@pytest.mark.parametrize(("retrieved", "year"), [(dt.date(2024, 5, 1), "2024"), (None, "n.d.")])
def test_a_citation_has_a_year(retrieved, year):
    assert cite.build_citation(EVENTS, "f", "v", retrieved=retrieved).year == year


def citation_of(figure: go.Figure):
    (annotation,) = [a for a in figure.layout.annotations if a.name == "citation"]
    return annotation


@pytest.mark.parametrize("side", ["bottom", "top"])
def test_a_cited_figure_keeps_its_plot_and_grows_by_the_citation(side):
    figure = go.Figure(go.Scatter(x=[1], y=[1]), layout={"height": 400, "margin": {"b": 60, "l": 30}, "xaxis": {"side": side}})
    figure.add_annotation(text="era", x=1, y=1)
    cite.cite_figure(figure, CITATION, chars=60)
    lines = cite.citation_lines(CITATION, 60)
    annotation = citation_of(figure)
    assert annotation.text.split("<br>") == lines and len(lines) > 1
    assert (annotation.xref, annotation.yref, annotation.yanchor) == ("paper", "paper", "top")
    assert figure.layout.height - 400 == figure.layout.margin.b - 60 - (4 if side == "bottom" else 0) == cite.CITATION_LINE_PX * len(lines)
    assert figure.layout.annotations[0].text == "era", "the figure's own annotations come first"


def test_panels_side_by_side_get_the_same_number_of_lines():
    short = cite.build_citation(EVENTS.iloc[:1], "x", "v")
    figure = cite.cite_figure(go.Figure(layout={"height": 300}), short, chars=200, min_lines=4)
    assert citation_of(figure).text.count("<br>") == 3 and figure.layout.height == 300 + 4 * cite.CITATION_LINE_PX


def test_an_outlet_name_is_escaped_in_the_figure():
    hostile = cite.build_citation(EVENTS.assign(source="<b>Evil</b> <script>alert(1)</script>"), "f", "v")
    text = citation_of(cite.cite_figure(go.Figure(), hostile, chars=400)).text
    assert "<script>" not in text and "&lt;script&gt;" in text and "<b>" not in text


def test_quotes_in_a_figure_citation_are_not_entities():
    quoted = cite.build_citation(EVENTS.assign(source='The "Daily" Wire'), 'matching "title 42"', "v")
    text = citation_of(cite.cite_figure(go.Figure(), quoted, chars=400)).text
    assert 'The "Daily" Wire' in text and 'matching "title 42"' in text and "&quot;" not in text
