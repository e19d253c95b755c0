"""Several articles reporting one event become one event with several sources; curation can split it."""

import shutil

import pytest

from loaders import build_corpus, main_event
from loaders.merge import same_event, similarity
from tests.conftest import CASES

MERGE_CASES = CASES / "merge"


@pytest.fixture
def folder(tmp_path):
    for path in MERGE_CASES.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_two_reports_of_one_signing_are_merged(folder, tmp_path):
    events = build_corpus(folder, curation=tmp_path / "none.csv").events
    pact = main_event(events, "pact_a")
    assert pact["event_id"] == main_event(events, "pact_b")["event_id"]
    assert pact["n_sources"] == 2 and set(pact["source_articles"]) == {"pact_a", "pact_b"}
    assert str(pact["date"].date()) == "2019-07-26"
    assert "merged with" in pact["merge_note"] and pact["merge_similarity"] >= 0.45


def test_a_different_event_is_not_merged(folder, tmp_path):
    events = build_corpus(folder, curation=tmp_path / "none.csv").events
    other = main_event(events, "other_day")
    assert other["n_sources"] == 1 and other["merge_note"] == ""


def test_curation_splits_a_merge(folder, tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text(
        "target_id,field,value,note,timestamp\npact_a-0,split,pact_b-0,not the same,2026-11-24T10:00:00Z\n", encoding="utf-8"
    )
    events = build_corpus(folder, curation=curation).events
    assert main_event(events, "pact_a")["event_id"] != main_event(events, "pact_b")["event_id"]
    assert main_event(events, "pact_a")["n_sources"] == 1


def test_curation_merges_two_events(folder, tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text("target_id,field,value,note,timestamp\nother_day-0,merge,pact_a-0,,\n", encoding="utf-8")
    events = build_corpus(folder, curation=curation).events
    assert main_event(events, "other_day")["event_id"] == main_event(events, "pact_a")["event_id"]


def _row(**values):
    base = {
        "event_id": "a-0", "article_id": "a", "role": "primary", "title": "Guatemala signs asylum pact", "summary": "",
        "date": None, "date_earliest": None, "date_latest": None, "date_precision": "day",
        "countries": ["USA", "GTM"], "policy_types": ["asylum"],
    }  # fmt: skip
    return {**base, **values}


def test_the_rule_needs_dates_that_agree_and_a_shared_party():
    import datetime as dt

    day = dt.date(2019, 7, 26)
    a = _row(date=day, date_earliest=day, date_latest=day)
    b = _row(event_id="b-0", article_id="b", date=day + dt.timedelta(days=1), date_earliest=day, date_latest=day + dt.timedelta(days=1))
    assert same_event(a, b) == similarity(a, b)
    far = _row(
        event_id="c-0",
        article_id="c",
        date=day + dt.timedelta(days=3),
        date_earliest=day + dt.timedelta(days=3),
        date_latest=day + dt.timedelta(days=3),
    )
    assert same_event(a, far) is None
    other_country = _row(event_id="d-0", article_id="d", date=day, date_earliest=day, date_latest=day, countries=["USA", "HND"])
    assert same_event(a, other_country) is None


def test_an_event_joins_the_most_certain_group_it_matches_whatever_the_row_order():
    import datetime as dt

    from loaders.merge import _cluster

    day = dt.date(2019, 7, 26)

    def on(offset: int, **values):  # dated to a day, the evidence allowing a day either side
        when = day + dt.timedelta(days=offset)
        return _row(date=when, date_earliest=when - dt.timedelta(days=1), date_latest=when + dt.timedelta(days=1), **values)

    sure = on(0, event_id="z-0", article_id="z", date_confidence="high")
    likely = on(2, event_id="a-0", article_id="a", date_confidence="medium")  # two days from `sure`: its own group
    between = on(1, event_id="m-0", article_id="m", date_confidence="low")  # a day from each: matches both leaders
    for rows in ([likely, sure, between], [sure, likely, between], [between, likely, sure]):
        clusters, _ = _cluster(rows, set(), [])
        groups = {frozenset(rows[i]["event_id"] for i in cluster) for cluster in clusters}
        assert groups == {frozenset({"z-0", "m-0"}), frozenset({"a-0"})}, [r["event_id"] for r in rows]


# Scale: the (day, party) index of leaders gives the groups the rule gives when every leader is tried.

PARTIES = ["MEX", "GTM", "HND", "SLV", "NIC", "CRI"]
WORDS = [
    "asylum",
    "border",
    "agreement",
    "deportation",
    "flights",
    "caravan",
    "tariffs",
    "remittances",
    "visas",
    "workers",
    "talks",
    "summit",
    "guards",
    "funding",
]


def synthetic_rows(count: int, seed: int, days: int) -> list[dict]:
    """Rows like the extractor's, packed into `days` days so that many are alike: day, month-wide, year and undated
    dates, windows across month ends, no party besides the United States or several, an article's referenced events."""
    import datetime as dt
    import random

    rng = random.Random(seed)
    start, rows = dt.date(2019, 1, 1), []
    for n in range(count):
        article = f"a{n // 3}"
        day = start + dt.timedelta(days=rng.randrange(days))
        kind = rng.choice(["day", "day", "day", "month", "month", "year", ""])
        first, last = {
            "day": (day - dt.timedelta(days=rng.choice([0, 0, 1])), day + dt.timedelta(days=rng.choice([0, 0, 1, 2]))),
            "month": (day - dt.timedelta(days=rng.randint(5, 15)), day + dt.timedelta(days=rng.randint(5, 16))),
            "year": (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)),
            "": (None, None),
        }[kind]
        others = rng.sample(PARTIES, k=rng.choice([0, 1, 1, 1, 2]))
        rows.append(
            _row(
                event_id=f"{article}-{n % 3}", article_id=article, role="primary" if n % 3 == 0 else "referenced",
                title=" ".join(rng.sample(WORDS, 3)), summary=" ".join(rng.sample(WORDS, 4)),
                date=day if kind else None, date_earliest=first, date_latest=last, date_precision=kind,
                date_confidence=rng.choice(["high", "medium", "low"]), countries=(["USA"] if rng.random() < 0.8 else []) + others,
                countries_mentioned=others, policy_types=rng.sample(["asylum", "enforcement", "aid"], k=rng.choice([0, 1, 2])),
                policy_evidence=[], officials=[], source_articles=[article], n_sources=1,
            )
        )  # fmt: skip
    return rows


def every_leader(self, row):
    """The index's oracle: every leader so far, in the order they became leaders."""
    return sorted(self._seniority, key=self._seniority.__getitem__)


def groups(merged: list[dict]) -> set[frozenset[str]]:
    return {frozenset([row["event_id"], *row.get("merged_event_ids", [])]) for row in merged}


@pytest.mark.parametrize(("count", "days"), [(300, 40), (1500, 120), (4000, 400)])
def test_the_index_merges_as_trying_every_leader_does_in_any_row_order(count, days, monkeypatch):
    import random

    from loaders.merge import _Leaders, merge_events

    rows = synthetic_rows(count, seed=count, days=days)
    apart = {rows[n]["event_id"] for n in range(0, count, 17)}
    joined = [(rows[n]["event_id"], rows[n + 5]["event_id"]) for n in range(3, count - 5, 97)]
    merged = merge_events(rows, apart, joined)
    assert sum(len(group) > 1 for group in groups(merged)) > count // 20, "the corpus must merge often to test anything"
    with monkeypatch.context() as patch:
        patch.setattr(_Leaders, "nearby", every_leader)
        expected = merge_events(rows, apart, joined)
    assert merged == expected
    for seed in (1, 2):
        shuffled = random.Random(seed).sample(rows, len(rows))
        by_id = {row["event_id"]: row for row in merge_events(shuffled, apart, joined)}
        assert by_id == {row["event_id"]: row for row in expected}


@pytest.mark.parametrize("folder", ["data/articles", "tests/corpus/articles", "tests/corpus/real/articles"])
def test_the_index_merges_the_test_corpora_as_trying_every_leader_does(folder, matchers, monkeypatch):
    from loaders import extract_articles
    from loaders.articles import read_articles
    from loaders.merge import _Leaders, merge_events
    from tests.conftest import ROOT

    rows, _ = extract_articles(read_articles(ROOT / folder)[0], matchers)
    merged = merge_events(rows)
    with monkeypatch.context() as patch:
        patch.setattr(_Leaders, "nearby", every_leader)
        assert merged == merge_events(rows)
