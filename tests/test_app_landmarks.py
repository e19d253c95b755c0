"""The period's landmarks and policies on the pages, in AppTest: the Timeline's context layer and its switches, the
landmark panel, the link from an article event, the Events table and its cited downloads, Compare's tables and Home."""

from __future__ import annotations

import html
import io
import json
from dataclasses import replace

import pandas as pd
import pytest

from loaders import COLUMNS
from tests import test_app as app_tests
from tests.test_app import EVENTS, HOME, TIMELINE, downloads, open_app, spec  # noqa: F401 (downloads is a fixture)
from tests.test_app_compare import expected as compared
from tests.test_app_compare import open_compare, tables
from ui.cache import build_dataset
from ui.compare_context import landmark_kinds, policies_in_force
from ui.context import MAX_DRAWN, timeline_context
from ui.data import filter_events, filter_landmarks
from ui.landmarks import key_landmarks, not_reported
from ui.page import TAP_SCRIPT
from ui.policies import filter_policies
from ui.view import View

dev, dev_corpus = app_tests.dev, app_tests.dev_corpus
DECLARATION = "landmark-us_mexico_joint_declaration_2019_06"


@pytest.fixture(scope="module")
def seed():
    return build_dataset(app_tests.SEED_DIR)


def layer(figure: dict, name: str) -> list[dict]:
    return [t for t in figure["data"] if (t.get("meta") or {}).get("layer") == name]


def drawn_landmarks(figure: dict) -> set[str]:
    return {row[0] for t in layer(figure, "landmarks") for row in t["customdata"]}


def test_the_timeline_opens_with_the_labelled_landmarks_and_the_policies(seed):
    at = open_app(TIMELINE)
    figure = spec(at)
    events = filter_events(seed.events, View())
    context = timeline_context(seed, View(), events[events["date"].notna()])
    assert drawn_landmarks(figure) == set(context.landmarks["event_id"]) and context.matching >= 400
    assert MAX_DRAWN <= len(context.landmarks) < context.matching, "over a wide range, the most important are drawn"
    ranked = seed.landmarks[seed.landmarks["event_id"].isin(filter_landmarks(seed.landmarks, View())["event_id"])].sort_values("priority")
    assert set(ranked["event_id"].head(MAX_DRAWN)) <= drawn_landmarks(figure)
    labels = [text for t in layer(figure, "landmarks") if t["meta"]["labelled"] for text in t["text"]]
    assert len(labels) >= 8 and context.landmarks["label"].iloc[0] in labels
    (names,) = layer(figure, "policy names")
    assert "Title 42 expulsions" in names["text"] and "MPP (Remain in Mexico)" in names["text"]
    assert figure["layout"]["meta"]["landmarks"] == len(context.landmarks)
    assert "landmarks of the period" in figure["layout"]["title"]["text"]
    (citation,) = [a["text"] for a in figure["layout"]["annotations"] if a.get("name") == "citation"]
    line = html.unescape(citation.replace("<br>", " "))
    assert f"{len(context.landmarks)} landmarks of data/reference/landmarks.csv (sources: " in line
    assert f"{len(context.policies)} named policies of data/reference/named_policies.csv" in line
    assert any("landmark" in c.value for c in at.caption)


@pytest.mark.parametrize(("query", "landmarks", "policies"), [({"landmarks": "0"}, False, True), ({"policies": "0"}, True, False)])
def test_a_link_hides_the_landmarks_or_the_policies(query, landmarks, policies):
    at = open_app(TIMELINE, query)
    figure = spec(at)
    assert bool(layer(figure, "landmarks")) is landmarks and bool(layer(figure, "policies")) is policies
    assert at.toggle(key="w_landmarks").value is landmarks and at.toggle(key="w_policies").value is policies
    assert at.query_params == query


def test_the_switch_hides_the_landmarks_and_writes_the_link():
    at = open_app(TIMELINE)
    at.toggle(key="w_landmarks").set_value(False).run()
    figure = spec(at)
    assert not layer(figure, "landmarks") and "landmarks" not in figure["layout"]["title"]["text"]
    assert at.query_params == {"landmarks": "0"}
    at.button[[b.label for b in at.button].index("Reset filters")].click().run()
    assert layer(spec(at), "landmarks"), "Reset filters shows them again"


def test_the_filters_apply_to_the_landmarks_and_policies(seed):
    query = {"country": "PAN", "from": "2021-01-01", "to": "2024-12-31"}
    at = open_app(TIMELINE, query)
    figure = spec(at)
    view = View(countries=("PAN",), start_date=pd.Timestamp("2021-01-01").date(), end_date=pd.Timestamp("2024-12-31").date())
    shown = filter_landmarks(seed.landmarks, view)
    assert drawn_landmarks(figure) == set(shown["event_id"]) != set()
    assert all("PAN" in parties for parties in shown["countries"])
    policies = filter_policies(seed.policies, view, seed.style.eras)
    assert list(layer(figure, "policy names")[0]["text"]) == [html.escape(n) for n in policies["name"]]


def test_a_landmark_opens_with_its_summary_date_and_escaped_source_link(seed):
    at = open_app(TIMELINE, {"event": DECLARATION})
    row = seed.landmarks.set_index("event_id").loc[DECLARATION]
    rendered = " ".join(h.value for h in at.html)
    assert html.escape(row["title"]) in rendered and html.escape(row["summary"]) in rendered
    assert "7 Jun 2019" in rendered
    assert f'<a href="{html.escape(row["url"], quote=True)}" target="_blank" rel="noopener noreferrer">' in rendered
    assert [b.proto.url for b in at.link_button] == [row["url"]]
    selected = [(t, i) for t in layer(spec(at), "landmarks") for i in t.get("selectedpoints") or []]
    assert [t["customdata"][i][0] for t, i in selected] == [DECLARATION]
    at.button(key=f"close_{DECLARATION}").click().run()
    assert "event" not in at.query_params


def test_an_article_event_links_to_the_landmark_it_reports_and_back(dev, dev_corpus):
    at = open_app(TIMELINE, {"event": "dev_010-0"})
    rendered = " ".join(h.value for h in at.html)
    assert "Reports the landmark <b>US–Mexico Joint Declaration suspends tariffs; MPP expanded, Guard deployed</b>" in rendered
    at.button(key="landmark_of_dev_010-0").click().run()
    assert at.query_params["event"] == DECLARATION
    assert any("Reported by 1 article event of this corpus" in md.value for md in at.markdown)
    at.button(key="report_us_mexico_joint_declaration_2019_06_dev_010-0").click().run()
    assert at.query_params["event"] == "dev_010-0"


def test_landmark_text_is_escaped_wherever_it_is_shown(tmp_path, monkeypatch, seed):
    hostile = seed.landmarks.assign(
        title="<img src=x onerror=alert(1)> :red[deal]", summary="<script>alert(1)</script> $x^2$", url="javascript:alert(1)"
    )
    monkeypatch.setattr("ui.cache.build_landmarks", lambda reference, style: hostile.copy())
    article = next(app_tests.SEED_DIR.glob("*.txt"))
    (tmp_path / article.name).write_bytes(article.read_bytes())  # a corpus of its own: the cached datasets are not used
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    for page, query in ((TIMELINE, {"event": DECLARATION}), (HOME, {})):
        at = open_app(page, query)
        rendered = " ".join(h.value for h in at.html if h.value != TAP_SCRIPT)  # but the app's own fixed script
        assert "&lt;img src=x onerror=alert(1)&gt; :red[deal]" in rendered and "&lt;script&gt;" in rendered
        assert "<img" not in rendered and "<script" not in rendered and 'href="javascript' not in rendered
        assert not at.link_button, "a javascript: address is never a link"


def test_the_events_table_lists_landmarks_as_their_own_kind_told_once(dev, dev_corpus):
    at = open_app(EVENTS, {"country": "GTM"})
    view = View(countries=("GTM",))
    events = filter_events(dev.events, view)
    landmarks = not_reported(filter_landmarks(dev.landmarks, view), events)
    table = at.dataframe[0].value
    assert len(table) == len(events) + len(landmarks) and (table["role"] == "landmark").sum() == len(landmarks)
    assert "guatemala_aca_signed_2019_07" in set(events["landmark_id"])
    assert "landmark-guatemala_aca_signed_2019_07" not in set(table["event_id"]), "the article's row tells it"
    at.toggle(key="w_landmarks").set_value(False).run()
    assert len(at.dataframe[0].value) == len(events)


def test_the_downloads_hold_the_landmarks_with_their_sources(dev, dev_corpus, downloads):  # noqa: F811
    at = open_app(EVENTS, {"country": "HND"})
    view = View(countries=("HND",))
    events = filter_events(dev.events, view)
    landmarks = not_reported(filter_landmarks(dev.landmarks, view), events)
    files = {button.label: downloads[button.proto.url] for button in at.download_button}
    table = pd.read_csv(io.BytesIO(files["Download CSV"][1]), keep_default_na=False)
    assert list(table.columns) == [*COLUMNS, "landmark_id"]
    rows = table[table["role"] == "landmark"].set_index("landmark_id")
    assert set(rows.index) == set(landmarks["landmark_id"]) != set()
    assert rows["url"].to_dict() == landmarks.set_index("landmark_id")["url"].to_dict()
    assert set(table.loc[table["role"] != "landmark", "event_id"]) == set(events["event_id"])
    payload = json.loads(files["Download JSON"][1])
    assert payload["citation"]["landmarks"] == dict(zip(landmarks["landmark_id"], landmarks["url"], strict=True))
    text = files["Download citation"][1].decode()
    first = landmarks.iloc[0]
    assert f"Landmarks: {len(landmarks)}, from data/reference/landmarks.csv" in text and f"  {first['landmark_id']}: {first['url']}" in text


def test_compare_shows_the_policies_in_force_and_the_landmarks_by_kind_of_each_side(seed):
    at = open_compare()
    comparison = compared(seed, View())
    a, b = comparison.a.side, comparison.b.side
    shown = tables(at)
    policies = policies_in_force(filter_policies(seed.policies, View(), seed.style.eras), a, b, seed.style)
    pd.testing.assert_frame_equal(shown["policies"].reset_index(drop=True), policies, check_dtype=False)
    assert shown["policies"].set_index("policy").loc["Title 42 expulsions", "days_a"] == 306
    kinds = landmark_kinds(filter_landmarks(seed.landmarks, View()), a, b)
    pd.testing.assert_frame_equal(shown["landmarks"].reset_index(drop=True), kinds, check_dtype=False)
    assert kinds.iloc[-1]["count_a"] > 100 and kinds.iloc[-1]["count_b"] > 100
    hidden = open_compare({"landmarks": "0"})
    assert "landmarks" not in tables(hidden)


def test_home_lists_the_key_landmarks_of_each_year_and_says_the_corpus_is_a_sample(seed):
    at = open_app(HOME)
    rendered = " ".join(h.value for h in at.html)
    years = key_landmarks(seed.landmarks, range(2018, 2025))
    for year, rows in years.items():
        assert f">{year}</h4>" in rendered and len(rows) == 5
        for row in rows.to_dict("records"):
            assert html.escape(row["title"]) in rendered and html.escape(row["url"], quote=True) in rendered
    assert any("five-article sample" in md.value for md in at.markdown)
    assert "Remain in Mexico (MPP) begins with first asylum seeker returned to Tijuana" in rendered
    assert at.main.subheader.values[-1] == "Load report"


def test_the_sample_note_is_left_out_for_another_corpus(dev_corpus):
    assert not any("five-article sample" in md.value for md in open_app(HOME).markdown)


def test_the_view_reads_and_writes_the_switches():
    from ui.view import Choices, view_from_query, view_to_query

    view, notices = view_from_query({"landmarks": "0", "policies": "0"}, Choices())
    assert view == replace(View(), landmarks=False, policies=False) and notices == []
    assert view_to_query(view) == {"landmarks": ["0"], "policies": ["0"]} and view_to_query(View()) == {}
