"""The outlet a page names for itself (loaders.outlets): table-driven cases, and the real corpus checked by hand."""

from __future__ import annotations

import pytest

from loaders import load_events
from loaders.articles import Article
from loaders.events import read_article
from loaders.outlets import detect_outlet, is_name, named_outlets
from tests.conftest import ROOT, read_cases

CASES = read_cases("outlets.csv")
REAL = ROOT / "tests" / "corpus" / "real" / "articles"
# Every outlet recovered from the 37 real excerpts, each checked against the page's address in labels.csv; the other
# excerpts name none plainly (r031 credits Milenio for reports: it is Mexico News Daily's page, so no outlet).
REAL_OUTLETS = {
    "r028": "Sina English",  # english.sina.com: 'Sina English' in the date line
    "r032": "Associated Press",  # federalnewsnetwork.com runs the AP story: 'The Associated Press', 'WASHINGTON (AP) —'
    "r034": "El Venezolano",  # elvenezolanonews.com: '(20 de abril del 2022. El Venezolano).-'
    "r036": "The Diplomatic Insight",  # thediplomaticinsight.com: 'Tegucigalpa, 27 July 2022 (TDI):'
    "r038": "The Diplomatic Insight",  # thediplomaticinsight.com: 'Washington D.C., 14 October 2022 (TDI):'
    "r045": "GT News (Government of Guatemala)",  # news.gob.gt: 'We are GT News, the official news agency...'
    "r047": "Associated Press",  # lavoz.com.ar/noticias/agencias: 'CIUDAD DE MÉXICO (AP) —'
}


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_the_outlet_a_page_names(matchers, case):
    article = Article("case", case["text"], {"url": case["url"]} if case["url"] else {})
    reading = read_article(article, matchers)
    assert detect_outlet(reading.layout, matchers.outlets, case["url"]) == case["outlet"], case["why"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("Reuters", True), ("Agencia Istmo", True), ("BORDER & BEYOND", True), ("20 de abril del 2022", False), ("photo", False)],
)
def test_a_credit_is_a_name(text, name):
    assert is_name(text) is name


def test_the_real_corpus_outlets_are_the_verified_ones():
    events = load_events(REAL)
    primary = events[events["role"] == "primary"]
    found = {a: s for a, s in zip(primary["article_id"], primary["source"], strict=True) if s}
    assert found == REAL_OUTLETS


CHROME_LINES = [
    "© 2019 The Washington Post",
    "Reuters | Associated Press | AFP",
    "With reports from Reuters and Milenio",  # credits others: names none
    "Share: Facebook Twitter",
    "(EFE) (EFE) Agencia EFE",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_the_outlets_kept_for_a_line_are_those_its_patterns_find(matchers, line):
    """A line's outlets, kept by its text, are every outlet whose pattern the line matches (in table order), or none
    when the line credits others; the same the second time, from what was kept."""
    outlets = matchers.outlets
    plain = () if outlets.credits_others.search(line) else tuple(s for s, p in outlets.outlets if p.search(line))
    assert named_outlets(line, outlets) == plain
    assert named_outlets(line, outlets) == plain
