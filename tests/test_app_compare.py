"""The Compare page in AppTest: runs with its defaults, with each kind of side, and with sides set by the URL."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from loaders.reference import read_reference
from tests import test_app as app_tests
from tests.conftest import ROOT, SEED_DIR
from ui import compare
from ui.cache import build_dataset
from ui.data import filter_events
from ui.view import View

COMPARE, TIMELINE = "pages/50_Compare.py", "pages/10_Timeline.py"
CHARTS = 11  # four panel pairs, the difference, the balance and the aligned timeline
PAIRS = ("rate", "mix", "countries", "officials")


# tests/test_app.py's fixtures: the dev corpus as a dataset, and as the app's article folder.
dev, dev_corpus = app_tests.dev, app_tests.dev_corpus


def open_compare(query: dict | None = None) -> AppTest:
    """The Compare page as a browser first opens it, with an optional query string."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(query or {})
    at.switch_page(COMPARE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def expected(dataset, view: View) -> compare.Comparison:
    """What the page should compute for a view, straight from the pure functions."""
    span = (view.start_date, view.end_date)
    a = compare.resolve_side("A", view.side_a, (view.side_a_start_date, view.side_a_end_date), span, dataset.style)
    b = compare.resolve_side("B", view.side_b, (view.side_b_start_date, view.side_b_end_date), span, dataset.style)
    events = filter_events(dataset.events, replace(view, administrations=()))
    reference = read_reference()
    return compare.build_comparison(events, a, b, dataset.style, compare.policy_sides(reference.policy_types))


def metrics(at: AppTest) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {}
    for metric in at.metric:
        shown.setdefault(metric.label, []).append(metric.value)
    return shown


def charts(at: AppTest) -> dict[str, dict]:
    """Each plotly figure by the key the page gave it (the element id ends with the key)."""
    return {chart.proto.id.rsplit("-", 1)[-1]: json.loads(chart.proto.spec) for chart in at.get("plotly_chart")}


TABLES = {"country": "counterparts", "policy": "policies", "kind": "landmarks"}


def tables(at: AppTest) -> dict:
    """The page's tables by what they list (told by their first column): counterparts, policies, landmarks."""
    return {TABLES[table.value.columns[0]]: table.value for table in at.dataframe}


def summary(at: AppTest) -> list[str]:
    return [line.removeprefix("- ") for md in at.markdown if md.value.startswith("- ") for line in md.value.splitlines()]


def test_defaults_compare_trump_with_biden_and_say_the_seed_corpus_is_too_small():
    at = open_compare()
    assert at.title[0].value == "Compare administrations"
    assert at.selectbox(key="w_side_a").value == "trump_1" and at.selectbox(key="w_side_b").value == "biden"
    assert len(at.get("plotly_chart")) == CHARTS
    seed = expected(build_dataset(SEED_DIR), View())
    assert metrics(at)["Events"] == [str(seed.a.n), str(seed.b.n)] == ["3", "2"]
    assert [w.value.split(" has only")[0] for w in at.warning] == ["A · Trump (1st term)", "B · Biden"]
    assert all("not meaningful yet" in w.value for w in at.warning)
    assert summary(at)[-1].endswith("the comparison is not meaningful yet, so no differences are drawn from it.")
    assert at.query_params == {}


def test_defaults_on_the_dev_corpus_match_the_pure_computation(dev, dev_corpus):
    at = open_compare()
    want = expected(dev, View())
    shown = metrics(at)
    assert shown["Events"] == [str(want.a.n), str(want.b.n)]
    assert shown["Events per year"] == [f"{want.a.rate:.1f}", f"{want.b.rate:.1f}"]
    assert shown["Days covered"] == ["1,115", "1,442"]
    assert not at.warning
    assert summary(at) == compare.summary_sentences(want, dev.style)
    figures = charts(at)
    for what in PAIRS:
        left, right = figures[f"compare_{what}_a"]["layout"], figures[f"compare_{what}_b"]["layout"]
        assert left["yaxis"]["range"] == right["yaxis"]["range"], what
    assert any("Asylum" in c.value and "enforcement side" in c.value for c in at.caption), "the balance rule is stated"


def test_the_camera_button_names_the_sides(dev_corpus):
    at = open_compare({"type": "asylum"})
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["filename"].startswith("compare-rate-a_trump_1-vs-biden_20180101-20241231_asylum_")


@pytest.mark.parametrize(
    ("widget", "value", "query", "changes"),
    [
        ("w_side_a", "MEX", {"a": "MEX"}, {"side_a": "MEX"}),
        ("w_side_b", "trump_1", {"b": "trump_1"}, {"side_b": "trump_1"}),
        ("w_side_a", "range", {"a": "range"}, {"side_a": "range"}),
    ],
)
def test_each_kind_of_side_can_be_picked_and_goes_into_the_url(dev, dev_corpus, widget, value, query, changes):
    at = open_compare()
    at.selectbox(key=widget).set_value(value).run()
    assert not at.exception
    assert at.query_params == query
    want = expected(dev, replace(View(), **changes))
    assert metrics(at)["Events"] == [str(want.a.n), str(want.b.n)]
    assert len(at.get("plotly_chart")) == CHARTS


def test_a_date_range_side_has_its_own_dates(dev, dev_corpus):
    at = open_compare({"a": "range"})
    at.date_input(key="w_a_from").set_value(dt.date(2019, 1, 1)).run()
    at.date_input(key="w_a_to").set_value(dt.date(2019, 12, 31)).run()
    assert at.query_params == {"a": "range", "a_from": "2019-01-01", "a_to": "2019-12-31"}
    want = expected(dev, View(side_a="range", side_a_start_date=dt.date(2019, 1, 1), side_a_end_date=dt.date(2019, 12, 31)))
    assert metrics(at)["Events"][0] == str(want.a.n)
    assert metrics(at)["Days covered"][0] == "365"
    assert "A · 1 Jan 2019 – 31 Dec 2019" in at.subheader.values


@pytest.mark.parametrize(
    ("query", "view"),
    [
        ({"type": "asylum"}, View(policy_types=("asylum",))),
        ({"a": "MEX", "b": "GTM"}, View(side_a="MEX", side_b="GTM")),
        (
            {"a": "range", "a_from": "2019-01-01", "a_to": "2019-06-30", "b": "HND"},
            View(side_a="range", side_a_start_date=dt.date(2019, 1, 1), side_a_end_date=dt.date(2019, 6, 30), side_b="HND"),
        ),
        ({"a": "biden", "b": "trump_1", "conf": "high"}, View(side_a="biden", side_b="trump_1", min_confidence="high")),
    ],
)
def test_query_parameters_set_the_sides(dev, dev_corpus, query, view):
    at = open_compare(query)
    assert at.selectbox(key="w_side_a").value == view.side_a and at.selectbox(key="w_side_b").value == view.side_b
    want = expected(dev, view)
    assert metrics(at)["Events"] == [str(want.a.n), str(want.b.n)]
    assert summary(at) == compare.summary_sentences(want, dev.style)
    assert at.query_params == query
    assert not app_tests.link_notices(at)


def test_a_country_shows_its_presidents_during_each_side(dev_corpus):
    at = open_compare({"country": "MEX"})
    rows = tables(at)["counterparts"][["side", "head"]].values.tolist()
    assert rows == [
        ["A · Trump (1st term)", "Enrique Peña Nieto"],
        ["A · Trump (1st term)", "Andrés Manuel López Obrador"],
        ["B · Biden", "Andrés Manuel López Obrador"],
        ["B · Biden", "Claudia Sheinbaum"],
    ]
    at = open_compare({"a": "GTM", "b": "HND"})
    assert set(tables(at)["counterparts"]["country"]) == {"Guatemala", "Honduras"}


def test_without_a_country_the_page_says_how_to_get_one(dev_corpus):
    at = open_compare()
    assert "counterparts" not in tables(at)
    assert any("Pick a country in the sidebar" in c.value for c in at.caption)


def test_invalid_sides_fall_back_with_a_notice(dev_corpus):
    at = open_compare({"a": "nobody", "b_from": "someday"})
    (notice,) = app_tests.link_notices(at)
    assert "a='nobody' is not a known comparison side" in notice and "b_from='someday'" in notice
    assert at.selectbox(key="w_side_a").value == "trump_1"
    assert at.query_params == {}


def test_the_sidebar_administration_filter_does_not_apply_here(dev, dev_corpus):
    at = open_compare({"admin": "biden"})
    want = expected(dev, View())
    assert metrics(at)["Events"] == [str(want.a.n), str(want.b.n)]
    assert any("US administration filter does not apply here" in c.value for c in at.caption)


def test_the_sides_survive_page_switches_and_reset_filters(dev_corpus):
    at = open_compare({"a": "MEX", "type": "asylum"})
    at.switch_page(TIMELINE).run()
    assert at.query_params == {"a": "MEX", "type": "asylum"}
    at.switch_page(COMPARE).run()
    assert at.selectbox(key="w_side_a").value == "MEX"
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert at.query_params == {"a": "MEX"}, "the sides are page controls, not filters"


def test_an_empty_corpus_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    at = open_compare()
    assert "no readable articles" in at.info[0].value
    assert not at.get("plotly_chart")
