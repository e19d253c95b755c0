"""The event table contract rejects what it should."""

import pandas as pd
import pandera.errors
import pytest

from loaders import build_corpus
from loaders.schema import COLUMNS, empty_events, validate_events
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def events():
    return build_corpus(SEED_DIR).events


def test_loaded_table_follows_the_contract(events):
    assert list(events.columns) == list(COLUMNS)
    assert events["event_id"].is_unique
    assert all(pd.api.types.is_datetime64_any_dtype(events[c]) for c in ("published_date", "date", "date_earliest", "date_latest"))


@pytest.mark.parametrize(
    ("column", "value"),
    [("role", "main"), ("date_confidence", "certain"), ("date_precision", "week"), ("countries", "USA"), ("n_sources", 0)],
)
def test_bad_values_are_rejected(events, column, value):
    broken = events.copy()
    broken.at[0, column] = value
    with pytest.raises(pandera.errors.SchemaError):
        validate_events(broken)


def test_a_date_outside_its_window_is_rejected(events):
    broken = events.copy()
    broken.at[0, "date_latest"] = broken.at[0, "date"] - pd.Timedelta(days=3)
    with pytest.raises(pandera.errors.SchemaError, match="inside"):
        validate_events(broken)


def test_empty_table_has_the_columns():
    assert list(empty_events().columns) == list(COLUMNS)
