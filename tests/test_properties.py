"""Arbitrary text never stops a load (hypothesis)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.articles import Article, parse_article
from loaders.events import build_table, extract_article

WORDS = st.sampled_from(
    ["Tuesday", "el jueves", "July 26, 2019", "26/07/2019", "President-elect", "Mexico", "U.S.", "asylum", "1709165832",
     "REUTERS/", "Updated", "Related", "\n", "\n\n", "—", "(EFE).-", "last week", "two days after Christmas", "de", "2024-02-28T23:10:56Z"]
)  # fmt: skip
PAGES = st.one_of(st.text(max_size=400), st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=80).map(" ".join))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=PAGES)
def test_any_text_yields_a_valid_row(matchers, text):
    row = extract_article(Article("prop", text or "x"), matchers, today=dt.date(2026, 11, 24))
    table = build_table([row])
    assert len(table) == 1
    if row["date"]:
        assert row["date_earliest"] <= row["date"] <= row["date_latest"]


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_are_an_article_or_a_reason(data):
    article, notes = parse_article("bytes", data)
    assert article is not None or notes
