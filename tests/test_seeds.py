"""The bar of the loaders issue, on the five seed articles and their labels (../shared/seeds/labels.csv)."""

import filecmp

import pytest

from loaders import build_corpus, main_event
from loaders.evaluate import read_labels, score_events
from tests.conftest import SEED_DIR, SEED_LABELS, SHARED_LABELS


@pytest.fixture(scope="module")
def evaluation():
    labels = read_labels(SHARED_LABELS if SHARED_LABELS.exists() else SEED_LABELS)
    return score_events(build_corpus(SEED_DIR).events, labels)


def test_the_fixture_copy_matches_the_shared_labels():
    if not SHARED_LABELS.exists():
        pytest.skip("../shared is not beside this checkout; the bundled copy is used")
    assert filecmp.cmp(SHARED_LABELS, SEED_LABELS, shallow=False)


def test_at_least_four_of_five_dates_within_tolerance(evaluation):
    assert sum(s.exact for s in evaluation.scores) >= 4


def test_every_date_within_a_week_and_no_confident_error(evaluation):
    assert all(s.within_week for s in evaluation.scores)
    assert evaluation.silent_errors == 0


def test_windows_hold_the_true_date_when_the_estimate_is_off(evaluation):
    assert all(s.window_holds for s in evaluation.scores if not s.exact)


def test_administration_is_right_for_all(evaluation):
    assert all(s.admin_ok for s in evaluation.scores)


def test_countries_and_policy_types(evaluation):
    assert evaluation.f1("countries") >= 0.8
    assert evaluation.f1("policies") >= 0.8


@pytest.mark.parametrize(
    ("article_id", "published"),
    [
        ("000_95cf9caf70308b62", "2018-07-10"),
        ("001_a3d27affe04262f3", "2024-02-28"),
        ("002_c86cc058ea5de68e", None),
        ("004_be7ffad3bbd357e7", None),
    ],
)
def test_publication_date_only_when_the_page_shows_one(article_id, published):
    row = main_event(build_corpus(SEED_DIR).events, article_id)
    shown = None if row["published_date"] is None or str(row["published_date"]) == "NaT" else str(row["published_date"].date())
    assert shown == published


def test_site_header_date_is_not_the_event_date():
    row = main_event(build_corpus(SEED_DIR).events, "004_be7ffad3bbd357e7")
    assert row["date"].year == 2021
    assert "Wednesday, May 31, 2023" not in row["date_evidence"]
